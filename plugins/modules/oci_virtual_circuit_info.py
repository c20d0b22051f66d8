#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_virtual_circuit_info
short_description: Report OCI FastConnect virtual circuits with their provider and BGP state
version_added: 0.1.0
description:
  - Reads FastConnect virtual circuits - lifecycle state, provider state, BGP session state,
    bandwidth, cross-connect BGP addresses and VLANs, ASNs - with the provider service each one
    uses. Through a provider the VLAN is the provider's (OCI SDK C(CrossConnectMapping.vlan));
    with Microsoft Azure it is also the ExpressRoute private peering's C(vlan_id), which is how
    M(interconnect.oci_azure.interconnect_verify) checks that both links share one VLAN.
  - Selects one circuit by O(id), or the circuits of O(compartment_id), optionally only the one
    named O(display_name).
  - With O(wait_for), polls until every selected circuit meets the conditions, for example
    PROVISIONED with BGP UP, so a playbook can verify the FastConnect - ExpressRoute link.
options:
  id:
    description: OCID of the virtual circuit.
    type: str
  compartment_id:
    description:
      - OCID of the compartment to list circuits in (E(OCI_COMPARTMENT_ID)). Required unless O(id)
        is given.
    type: str
  display_name:
    description: Only the circuit with this name.
    type: str
    aliases: [name]
  wait_for:
    description:
      - Conditions to wait for on every selected circuit when O(wait=true), within
        O(wait_timeout) seconds.
      - V(pending_provider) - accepted by OCI; V(provisioned) - lifecycle state PROVISIONED;
        V(bgp_up) - BGP session UP. A FAILED circuit ends the wait with an error.
    type: list
    elements: str
    choices: [pending_provider, provisioned, bgp_up]
    default: []
extends_documentation_fragment:
  - interconnect.oci_azure.oci_auth
  - interconnect.oci_azure.oci_wait
  - interconnect.oci_azure.attributes.OCI_INFO
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: Verify the FastConnect side of the Azure interconnect
  interconnect.oci_azure.oci_virtual_circuit_info:
    id: "{{ fastconnect.virtual_circuit.id }}"
    wait_for: [provisioned, bgp_up]
    wait_timeout: 1800
  register: circuit_state

- name: Every circuit of the compartment
  interconnect.oci_azure.oci_virtual_circuit_info:
    compartment_id: "{{ oci_compartment_id }}"
  register: circuits
"""

RETURN = r"""
virtual_circuits:
  description:
    - The selected circuits as the API reads them (snake_case keys), each with
      C(provider_service), the provider service it uses.
  returned: always
  type: list
  elements: dict
  sample:
    - id: ocid1.virtualcircuit.oc1.iad.aaaaaaaaexample
      display_name: to-azure-fastconnect
      type: PRIVATE
      lifecycle_state: PROVISIONED
      provider_state: ACTIVE
      bgp_session_state: UP
      bandwidth_shape_name: 1 Gbps
      gateway_id: ocid1.drg.oc1.iad.aaaaaaaaexample
      customer_asn: 12076
      oracle_bgp_asn: 31898
      cross_connect_mappings:
        - oracle_bgp_peering_ip: 10.99.0.1/30
          customer_bgp_peering_ip: 10.99.0.2/30
          vlan: 1043
      provider_service:
        id: ocid1.providerservice.oc1.iad.aaaaaaaaexample
        provider_name: Microsoft Azure
        provider_service_name: ExpressRoute
        customer_asn_management: PROVIDER_MANAGED
"""

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_api import OCIModule
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_auth import selector_options
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_errors import CLOUD, oci
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_resource import run_info
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_virtual_circuit import (
    VC_FAILED_STATES,
    VC_WAIT_CONDITIONS,
    virtual_circuit_unmet,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_waits import is_gone


class VirtualCircuitInfo(object):
    def __init__(self, module):
        self.module = module
        self.params = module.params
        self.api = module.api
        self._services = {}

    def provider_service(self, service_id):
        if not service_id:
            return None
        if service_id not in self._services:
            found = self.api.get_or_none("get_fast_connect_provider_service", service_id)
            self._services[service_id] = oci.util.to_dict(found) if found is not None else None
        return self._services[service_id]

    def circuits(self):
        if self.params.get("id"):
            model = self.api.get_or_none("get_virtual_circuit", self.params["id"])
            models = [model] if model is not None and not is_gone(model) else []
        else:
            if not self.params.get("compartment_id"):
                raise CloudError("compartment_id (or OCI_COMPARTMENT_ID) is required without id",
                                 cloud=CLOUD)
            kwargs = {}
            if self.params.get("display_name"):
                kwargs["display_name"] = self.params["display_name"]
            models = [m for m in self.api.list_all("list_virtual_circuits",
                                                   self.params["compartment_id"], **kwargs)
                      if not is_gone(m)]
        circuits = []
        for model in models:
            circuit = oci.util.to_dict(model)
            circuit["provider_service"] = self.provider_service(circuit.get("provider_service_id"))
            circuits.append(circuit)
        return circuits

    def collect(self):
        conditions = self.params.get("wait_for") or []
        circuits = self.circuits()
        if not conditions or not self.params.get("wait"):
            return dict(virtual_circuits=circuits)
        if not circuits:
            raise CloudError("no virtual circuit matches, so none can meet %s" % ", ".join(conditions),
                             cloud=CLOUD, hint="check id, compartment_id and display_name")

        def pending(current):
            found = []
            for circuit in current:
                if circuit.get("lifecycle_state") in VC_FAILED_STATES:
                    raise CloudError("virtual circuit %s is %s"
                                     % (circuit.get("display_name"), circuit["lifecycle_state"]),
                                     cloud=CLOUD, hint="check the provider side (for Azure, the "
                                                       "ExpressRoute circuit)")
                found.extend("%s: %s" % (circuit.get("display_name"), item)
                             for item in virtual_circuit_unmet(circuit, conditions))
            return found

        def timed_out(current):
            return CloudError("timed out after %ss waiting for %s; still %s" % (
                self.params["wait_timeout"], ", ".join(conditions), "; ".join(pending(current or []))),
                cloud=CLOUD, hint="for Azure, check the ExpressRoute circuit's service key, bandwidth "
                                  "and private peering (addresses, VLAN, peer ASN), or raise wait_timeout")

        if not pending(circuits):
            return dict(virtual_circuits=circuits)
        circuits = self.api.poll(self.circuits, lambda current: not pending(current),
                                 on_timeout=timed_out)
        return dict(virtual_circuits=circuits)


def main():
    module = OCIModule(
        argument_spec=selector_options(
            wait_for=dict(type="list", elements="str", choices=VC_WAIT_CONDITIONS, default=[]),
        ),
    )
    run_info(module, VirtualCircuitInfo(module).collect)


if __name__ == "__main__":
    main()
