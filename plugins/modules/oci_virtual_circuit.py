#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_virtual_circuit
short_description: Manage a private OCI FastConnect virtual circuit through a provider such as Microsoft Azure
version_added: 0.1.0
description:
  - Manages a PRIVATE FastConnect virtual circuit from a DRG to a FastConnect provider, given by
    name (for example V(Microsoft Azure), the Oracle Interconnect for Azure) or by provider
    service OCID, with the provider's service key (for Azure, the ExpressRoute circuit's service
    key), the bandwidth shape and the BGP peering addresses of each cross-connect.
  - The circuit is found by O(id), or by O(compartment_id) and O(display_name).
  - With O(wait=true) the module waits for the states in O(wait_for); by default until the
    circuit is PROVISIONED, not just accepted (PENDING_PROVIDER), and it can also wait for BGP.
  - Before any write, the module checks the provider supports private circuits, that the
    customer ASN is given exactly when the provider leaves it to the customer, and, when the
    provider knows the service key, that the bandwidth matches the key's (for Azure, the
    ExpressRoute circuit's bandwidth). Without O(bandwidth_shape_name), the key's bandwidth is
    used.
  - O(type), the provider and O(compartment_id) cannot be changed in place; a change fails and
    names them, unless O(replace=true) deletes and re-creates the circuit.
  - Through a provider (always the case with O(provider_name) or O(provider_service_id)) the
    provider assigns each cross-connect's VLAN (OCI SDK C(CrossConnectMapping.vlan) - "the
    provider if the customer is connecting via provider"); with Microsoft Azure it also configures
    the ExpressRoute circuit's private peering from this circuit, VLAN, /30s and peer ASN included
    (Microsoft Learn, configure-azure-oci-networking). The module sends no VLAN and compares the
    mappings without it; a VLAN given in O(cross_connect_mappings) is refused before any write.
options:
  state:
    description: Whether the virtual circuit should exist.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: OCID of the virtual circuit. When set, O(display_name) renames it.
    type: str
  display_name:
    description: Name of the circuit, unique in the compartment (how the module finds it).
    type: str
    aliases: [name]
  type:
    description: Circuit type; only private peering (to a DRG) is supported.
    type: str
    choices: [PRIVATE]
    default: PRIVATE
  provider_name:
    description:
      - Name of the FastConnect provider, for example V(Microsoft Azure). Matched without regard
        to case among the provider services that support private circuits.
    type: str
  provider_service_name:
    description: Name of the provider's service, when the provider offers several.
    type: str
  provider_service_id:
    description: OCID of the provider service, instead of O(provider_name).
    type: str
  provider_service_key_name:
    description:
      - The provider's service key; for Azure, the ExpressRoute circuit's service key.
    type: str
  bandwidth_shape_name:
    description:
      - Bandwidth, for example V(1 Gbps); for Azure it must equal the ExpressRoute circuit's
        bandwidth. Taken from the service key when not set.
    type: str
  gateway_id:
    description: OCID of the DRG the circuit connects to. Required to create.
    type: str
    aliases: [drg_id]
  cross_connect_mappings:
    description:
      - BGP peering addresses, one entry per cross-connect (for Azure, two, on two
        non-overlapping /30s; Oracle usually takes the first usable address and Azure the
        second). Order does not matter.
    type: list
    elements: dict
    suboptions:
      oracle_bgp_peering_ip:
        description: Oracle's BGP address with its prefix, for example V(10.99.0.1/30).
        type: str
      customer_bgp_peering_ip:
        description: The provider/customer BGP address in the same block, for example V(10.99.0.2/30).
        type: str
      vlan:
        description:
          - VLAN of the cross-connect. Only for a circuit on the customer's own cross-connect;
            refused for a circuit through a provider, where the provider assigns it (for
            Microsoft Azure, read it from the C(cross_connect_mappings) of RV(virtual_circuit) or from the
            ExpressRoute private peering's C(vlan_id)).
        type: int
  customer_asn:
    description:
      - The customer's BGP ASN, for providers that leave it to the customer. Not allowed for
        providers that manage it (Microsoft Azure uses 12076).
    type: int
  wait_for:
    description:
      - What O(wait=true) waits for, after a change and also when nothing changed.
      - V(pending_provider) - OCI accepted the circuit (where other modules stop waiting).
      - V(provisioned) - lifecycle state PROVISIONED (the provider side is ready).
      - V(bgp_up) - the BGP session is UP.
    type: list
    elements: str
    choices: [pending_provider, provisioned, bgp_up]
    default: [provisioned]
  replace:
    description:
      - Delete and re-create the circuit when O(type), the provider or O(compartment_id) differ
        from the existing circuit's.
    type: bool
    default: false
extends_documentation_fragment:
  - interconnect.oci_azure.oci_auth
  - interconnect.oci_azure.oci_wait
  - interconnect.oci_azure.oci_resource
  - interconnect.oci_azure.attributes.OCI
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: FastConnect to Azure over the ExpressRoute circuit's service key, up to BGP
  interconnect.oci_azure.oci_virtual_circuit:
    compartment_id: "{{ oci_compartment_id }}"
    display_name: to-azure-fastconnect
    provider_name: Microsoft Azure
    provider_service_key_name: "{{ er_circuit.service_key }}"
    bandwidth_shape_name: 1 Gbps
    gateway_id: "{{ drg.drg.id }}"
    cross_connect_mappings:
      - oracle_bgp_peering_ip: 10.99.0.1/30
        customer_bgp_peering_ip: 10.99.0.2/30
      - oracle_bgp_peering_ip: 10.99.0.5/30
        customer_bgp_peering_ip: 10.99.0.6/30
    wait_for: [provisioned, bgp_up]
    wait_timeout: 1800
  register: fastconnect

# No VLAN above: Microsoft Azure, the provider, assigns it; both links carry the one it chose.
- name: The VLAN the provider assigned
  ansible.builtin.debug:
    msg: "{{ fastconnect.virtual_circuit.cross_connect_mappings | map(attribute='vlan') | unique }}"
"""

RETURN = r"""
virtual_circuit:
  description:
    - The circuit as the API reads it (oci SDK model as a dict, snake_case keys); empty after a
      delete. In check mode, the predicted circuit.
  returned: always
  type: dict
  sample:
    id: ocid1.virtualcircuit.oc1.iad.aaaaaaaaexample
    display_name: to-azure-fastconnect
    type: PRIVATE
    provider_name: Microsoft Azure
    provider_service_id: ocid1.providerservice.oc1.iad.aaaaaaaaexample
    provider_service_key_name: 0a1b2c3d-0000-4000-8000-000000000000
    bandwidth_shape_name: 1 Gbps
    gateway_id: ocid1.drg.oc1.iad.aaaaaaaaexample
    cross_connect_mappings:
      - oracle_bgp_peering_ip: 10.99.0.1/30
        customer_bgp_peering_ip: 10.99.0.2/30
        vlan: 1043
    customer_asn: 12076
    oracle_bgp_asn: 31898
    lifecycle_state: PROVISIONED
    provider_state: ACTIVE
    bgp_session_state: UP
changed_fields:
  description: Dotted paths of the fields that differed from the request.
  returned: when an existing circuit changed
  type: list
  elements: str
"""


from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    InputError, run_ensure,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_api import OCIModule
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_auth import resource_options
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_checks import inside_address_problems
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_errors import oci
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_resource import OCIResource
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_virtual_circuit import (
    VC_FAILED_STATES,
    VC_WAIT_CONDITIONS,
    virtual_circuit_unmet,
    wait_for_virtual_circuit,
)

MAPPING_FIELDS = ("oracle_bgp_peering_ip", "customer_bgp_peering_ip", "vlan")


def mapping_problems(index, mapping):
    label = "cross_connect_mappings[%d]" % index
    problems = []
    oracle, customer = mapping.get("oracle_bgp_peering_ip"), mapping.get("customer_bgp_peering_ip")
    if (oracle is None) != (customer is None):
        return ["%s: give oracle_bgp_peering_ip and customer_bgp_peering_ip together" % label]
    if oracle is not None:
        for key, value in (("oracle_bgp_peering_ip", oracle), ("customer_bgp_peering_ip", customer)):
            problems.extend(inside_address_problems(value, "%s.%s" % (label, key)))
        if not problems:
            (first_ip, first_net), (second_ip, second_net) = (addresses.parse_interface(oracle),
                                                              addresses.parse_interface(customer))
            if first_net != second_net or first_ip == second_ip:
                problems.append("%s: the two BGP addresses must be distinct addresses of one /30 or /31"
                                % label)
    vlan = mapping.get("vlan")
    if vlan is not None and vlan <= 0:
        problems.append("%s.vlan must be positive" % label)
    return problems


def provider_vlan_problems(mappings, service):
    """A VLAN set for a circuit through a provider: the provider assigns it. Source: OCI SDK
    CrossConnectMapping.vlan ("Specified by the owner of the cross-connect ... the provider if
    the customer is connecting via provider"); for Microsoft Azure also Microsoft Learn,
    configure-azure-oci-networking (the provider configures the private peering, VLAN included)."""
    problems = []
    for index, mapping in enumerate(mappings or []):
        if mapping.get("vlan") is not None:
            problems.append("cross_connect_mappings[%d].vlan: %s assigns the VLAN of a circuit through "
                            "a provider (and, for Azure, puts the same one on the ExpressRoute private "
                            "peering); remove vlan and read the assigned one from the circuit's "
                            "cross_connect_mappings" % (index, service.provider_name))
    return problems


class VirtualCircuit(OCIResource):
    kind = "virtual circuit"
    ocid_type = "virtualcircuit"
    result_key = "virtual_circuit"
    get_method = "get_virtual_circuit"
    create_method = "create_virtual_circuit"
    update_method = "update_virtual_circuit"
    delete_method = "delete_virtual_circuit"
    ready_states = ("PROVISIONED",)
    failed_states = VC_FAILED_STATES
    immutable_paths = ("type", "provider_service_id", "compartment_id")
    unordered_paths = ("cross_connect_mappings",)
    parent_option = "gateway_id"

    def __init__(self, module, api):
        super(VirtualCircuit, self).__init__(module, api)
        self._service = None

    def validate(self):
        problems = super(VirtualCircuit, self).validate()
        for index, mapping in enumerate(self.params.get("cross_connect_mappings") or []):
            problems.extend(mapping_problems(index, mapping))
        asn = self.params.get("customer_asn")
        if asn is not None and not 1 <= asn <= 4294967295:
            problems.append("customer_asn %s is not a valid ASN (1-4294967295)" % asn)
        return problems

    def list_candidates(self):
        return self.api.list_all("list_virtual_circuits", self.compartment_id(),
                                 display_name=self.params["display_name"])

    # -- provider ----------------------------------------------------------------------------
    def provider_service(self):
        """The FastConnect provider service the user named (a read, before any write)."""
        if self._service is not None:
            return self._service
        if self.params.get("provider_service_id"):
            self._service = self.api.call("get_fast_connect_provider_service",
                                          self.params["provider_service_id"])
            return self._service
        name = self.params.get("provider_name")
        if not name:
            return None
        compartment = self.compartment_id() or self.api.call(
            self.get_method, self.params["id"]).compartment_id
        services = self.api.list_all("list_fast_connect_provider_services", compartment)
        matching = [s for s in services if (s.provider_name or "").lower() == name.lower()
                    and self.params["type"] in (s.supported_virtual_circuit_types or [])]
        if self.params.get("provider_service_name"):
            matching = [s for s in matching
                        if (s.provider_service_name or "").lower() == self.params["provider_service_name"].lower()]
        if len(matching) != 1:
            offered = sorted(set("%s / %s" % (s.provider_name, s.provider_service_name) for s in services))
            raise InputError(["provider_name %r%s matches %d provider services with %s circuits; "
                              "the region offers: %s" % (
                                  name, " / %r" % self.params["provider_service_name"]
                                  if self.params.get("provider_service_name") else "",
                                  len(matching), self.params["type"], ", ".join(offered))])
        self._service = matching[0]
        return self._service

    def key_bandwidth(self, service):
        """The bandwidth the provider's service key carries, or None when the provider does not
        know the key (yet)."""
        key = self.params.get("provider_service_key_name")
        if not key or service.provider_service_key_management != "CUSTOMER_MANAGED":
            return None
        found = self.api.get_or_none("get_fast_connect_provider_service_key", service.id, key)
        return getattr(found, "bandwidth_shape_name", None) if found is not None else None

    def offered_shapes(self, service):
        """The bandwidth shape names the provider offers (a read, before any write)."""
        shapes = self.api.list_all("list_fast_connect_provider_virtual_circuit_bandwidth_shapes",
                                   service.id)
        return [s.name for s in shapes]

    # -- desired -----------------------------------------------------------------------------
    def desired(self):
        self.require_for_create(["gateway_id"])
        service = self.provider_service()
        if service is None and not getattr(self, "exists", True):
            raise InputError(["provider_name or provider_service_id is required to create the "
                              "virtual circuit %r" % self.name()])
        desired = self.common_desired()
        desired["type"] = self.params["type"]
        if self.params.get("compartment_id"):
            desired["compartment_id"] = self.params["compartment_id"]
        for option in ("provider_service_key_name", "gateway_id", "customer_asn"):
            if self.params.get(option) is not None:
                desired[option] = self.params[option]
        if self.params.get("cross_connect_mappings") is not None:
            desired["cross_connect_mappings"] = [
                dict((k, m.get(k)) for k in MAPPING_FIELDS if m.get(k) is not None)
                for m in self.params["cross_connect_mappings"]]
        if service is not None:
            desired["provider_service_id"] = service.id
            problems = provider_vlan_problems(self.params.get("cross_connect_mappings"), service)
            asn_management = service.customer_asn_management
            if asn_management == "CUSTOMER_MANAGED" and self.params.get("customer_asn") is None \
                    and not getattr(self, "exists", True):
                problems.append("customer_asn is required: %s leaves the customer ASN to the customer"
                                % service.provider_name)
            if asn_management in ("PROVIDER_MANAGED", "ORACLE_MANAGED") \
                    and self.params.get("customer_asn") is not None:
                problems.append("customer_asn must not be set: %s manages the customer ASN"
                                % service.provider_name)
            if service.provider_service_key_management == "CUSTOMER_MANAGED" \
                    and not self.params.get("provider_service_key_name") and not getattr(self, "exists", True):
                problems.append("provider_service_key_name is required by %s (for Azure, the "
                                "ExpressRoute circuit's service key)" % service.provider_name)
            key_shape = self.key_bandwidth(service)
            shape = self.params.get("bandwidth_shape_name")
            offered = self.offered_shapes(service) if shape else []
            if offered and shape not in offered:
                problems.append("bandwidth_shape_name %r is not offered by %s (offered: %s)"
                                % (shape, service.provider_name, ", ".join(offered)))
            elif key_shape and shape and key_shape != shape:
                problems.append("bandwidth_shape_name %r does not match the bandwidth of the "
                                "provider's service key, %r (for Azure, the ExpressRoute circuit's "
                                "bandwidth)" % (shape, key_shape))
            if problems:
                raise InputError(problems)
            shape = shape or key_shape
            if shape:
                desired["bandwidth_shape_name"] = shape
        elif self.params.get("bandwidth_shape_name"):
            desired["bandwidth_shape_name"] = self.params["bandwidth_shape_name"]
        if not getattr(self, "exists", True) and not desired.get("bandwidth_shape_name"):
            raise InputError(["bandwidth_shape_name is required to create the virtual circuit %r "
                              "(the provider does not know the service key yet)" % self.name()])
        return desired

    def predict(self, current, desired):
        after = super(VirtualCircuit, self).predict(current, desired)
        if current is None:
            after["lifecycle_state"] = "PENDING_PROVIDER"
            service = self.provider_service()
            if service is not None:
                after.setdefault("provider_name", service.provider_name)
        return after

    # -- writing -----------------------------------------------------------------------------
    @staticmethod
    def mappings(desired):
        if desired.get("cross_connect_mappings") is None:
            return None
        return [oci.core.models.CrossConnectMapping(**m) for m in desired["cross_connect_mappings"]]

    def create_details(self, desired):
        return oci.core.models.CreateVirtualCircuitDetails(
            compartment_id=self.compartment_id(), display_name=desired.get("display_name"),
            type=desired["type"], provider_service_id=desired["provider_service_id"],
            provider_service_key_name=desired.get("provider_service_key_name"),
            bandwidth_shape_name=desired["bandwidth_shape_name"], gateway_id=desired["gateway_id"],
            cross_connect_mappings=self.mappings(desired), customer_asn=desired.get("customer_asn"),
            freeform_tags=desired.get("freeform_tags"))

    def update_details(self, current, desired, changed_paths):
        return oci.core.models.UpdateVirtualCircuitDetails(
            display_name=desired.get("display_name"),
            provider_service_key_name=desired.get("provider_service_key_name"),
            bandwidth_shape_name=desired.get("bandwidth_shape_name"),
            gateway_id=desired.get("gateway_id"), cross_connect_mappings=self.mappings(desired),
            customer_asn=desired.get("customer_asn"),
            freeform_tags=self.merged_tags(current, desired))

    def after_write(self, resource_id):
        if self.params.get("wait"):
            return wait_for_virtual_circuit(self.api, resource_id, self.params["wait_for"],
                                            self.describe())
        return self.fetch(resource_id)

    def wait_ready(self, resource):
        if self.params.get("wait") and virtual_circuit_unmet(resource, self.params["wait_for"]):
            return wait_for_virtual_circuit(self.api, resource["id"], self.params["wait_for"],
                                            self.describe())
        return resource


def main():
    module = OCIModule(
        argument_spec=resource_options(
            type=dict(type="str", choices=["PRIVATE"], default="PRIVATE"),
            provider_name=dict(type="str"),
            provider_service_name=dict(type="str"),
            provider_service_id=dict(type="str"),
            provider_service_key_name=dict(type="str", no_log=False),
            bandwidth_shape_name=dict(type="str"),
            gateway_id=dict(type="str", aliases=["drg_id"]),
            cross_connect_mappings=dict(type="list", elements="dict", options=dict(
                oracle_bgp_peering_ip=dict(type="str"),
                customer_bgp_peering_ip=dict(type="str"),
                vlan=dict(type="int"),
            )),
            customer_asn=dict(type="int"),
            wait_for=dict(type="list", elements="str", choices=VC_WAIT_CONDITIONS,
                          default=["provisioned"]),
            replace=dict(type="bool", default=False),
        ),
        required_one_of=[["id", "display_name"]],
        mutually_exclusive=[["provider_name", "provider_service_id"]],
    )
    run_ensure(VirtualCircuit(module, module.api), module.params["state"])


if __name__ == "__main__":
    main()
