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
from ansible_collections.interconnect.oci_azure.plugins.module_utils.cloud_rules import ASN_MAX, ASN_MIN
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    InputError, is_unknown, run_ensure,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_api import OCIModule
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_auth import compartment_option
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_checks import inside_address_problems
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_resource import (
    OCI_FIELDS,
    OCIResource,
    resource_argument_spec,
)
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


def mappings_problems(mappings, option):
    problems = []
    for index, mapping in enumerate(mappings):
        problems.extend(mapping_problems(index, mapping))
    return problems


def mappings_to_api(mappings):
    """The mappings as the API reads them (CrossConnectMapping), without the keys left unset."""
    return [dict((key, mapping.get(key)) for key in MAPPING_FIELDS if mapping.get(key) is not None)
            for mapping in mappings]


def asn_problems(asn, option):
    if not ASN_MIN <= asn <= ASN_MAX:
        return "%s %s is not a valid ASN (%d-%d)" % (option, asn, ASN_MIN, ASN_MAX)
    return None


#: CreateVirtualCircuitDetails / UpdateVirtualCircuitDetails. The provider given by name is
#: resolved to its service (a read) and sent as provider_service_id; the type, the provider and
#: the compartment are fixed at create (UpdateVirtualCircuitDetails has none of them).
FIELDS = OCI_FIELDS.extended(
    Field("compartment_id", spec=compartment_option(), immutable=True),
    Field("type", spec=dict(type="str", choices=["PRIVATE"], default="PRIVATE"), immutable=True),
    Field("provider_name", spec=dict(type="str"), desired=False),
    Field("provider_service_name", spec=dict(type="str"), desired=False),
    Field("provider_service_id", spec=dict(type="str"), immutable=True),
    # the provider's service key names the Azure circuit; it is no password
    Field("provider_service_key_name", spec=dict(type="str", no_log=False)),
    Field("bandwidth_shape_name", spec=dict(type="str")),
    Field("gateway_id", spec=dict(type="str", aliases=["drg_id"]), required_to_create=True),
    Field("cross_connect_mappings", unordered=True, to_api=mappings_to_api,
          validate=mappings_problems,
          spec=dict(type="list", elements="dict", options=dict(
              oracle_bgp_peering_ip=dict(type="str"),
              customer_bgp_peering_ip=dict(type="str"),
              vlan=dict(type="int"),
          ))),
    Field("customer_asn", spec=dict(type="int"), validate=asn_problems),
    create_requires_one_of=[("provider_name", "provider_service_id")],
)


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
    fields = FIELDS
    get_method = "get_virtual_circuit"
    create_method = "create_virtual_circuit"
    update_method = "update_virtual_circuit"
    delete_method = "delete_virtual_circuit"
    create_model = "CreateVirtualCircuitDetails"
    update_model = "UpdateVirtualCircuitDetails"
    ready_states = ("PROVISIONED",)
    failed_states = VC_FAILED_STATES
    parent_option = "gateway_id"

    def __init__(self, module, api):
        super(VirtualCircuit, self).__init__(module, api)
        self._service = None

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
        if not key or is_unknown(key) or service.provider_service_key_management != "CUSTOMER_MANAGED":
            return None
        found = self.api.get_or_none("get_fast_connect_provider_service_key", service.id, key)
        return getattr(found, "bandwidth_shape_name", None) if found is not None else None

    def offered_shapes(self, service):
        """The bandwidth shape names the provider offers (a read, before any write)."""
        shapes = self.api.list_all("list_fast_connect_provider_virtual_circuit_bandwidth_shapes",
                                   service.id)
        return [s.name for s in shapes]

    # -- desired -----------------------------------------------------------------------------
    def provider_problems(self, service, key_shape):
        """What the provider service (and the bandwidth of its service key, when it knows the
        key) rules out in the options, for any run (before any write)."""
        problems = provider_vlan_problems(self.params.get("cross_connect_mappings"), service)
        if service.customer_asn_management in ("PROVIDER_MANAGED", "ORACLE_MANAGED") \
                and self.params.get("customer_asn") is not None:
            problems.append("customer_asn must not be set: %s manages the customer ASN"
                            % service.provider_name)
        shape = self.params.get("bandwidth_shape_name")
        offered = self.offered_shapes(service) if shape else []
        if offered and shape not in offered:
            problems.append("bandwidth_shape_name %r is not offered by %s (offered: %s)"
                            % (shape, service.provider_name, ", ".join(offered)))
        elif key_shape and shape and key_shape != shape:
            problems.append("bandwidth_shape_name %r does not match the bandwidth of the "
                            "provider's service key, %r (for Azure, the ExpressRoute circuit's "
                            "bandwidth)" % (shape, key_shape))
        return problems

    def desired(self):
        desired = super(VirtualCircuit, self).desired()
        service = self.provider_service()
        if service is not None:
            desired["provider_service_id"] = service.id
            key_shape = self.key_bandwidth(service)
            problems = self.provider_problems(service, key_shape)
            if problems:
                raise InputError(problems)
            shape = self.params.get("bandwidth_shape_name") or key_shape
            if shape:
                desired["bandwidth_shape_name"] = shape
        return desired

    def create_problems(self, desired):
        problems = super(VirtualCircuit, self).create_problems(desired)
        service = self.provider_service()
        if service is not None:
            if service.customer_asn_management == "CUSTOMER_MANAGED" \
                    and self.params.get("customer_asn") is None:
                problems.append("customer_asn is required: %s leaves the customer ASN to the "
                                "customer" % service.provider_name)
            if service.provider_service_key_management == "CUSTOMER_MANAGED" \
                    and not self.params.get("provider_service_key_name"):
                problems.append("provider_service_key_name is required by %s (for Azure, the "
                                "ExpressRoute circuit's service key)" % service.provider_name)
        if not desired.get("bandwidth_shape_name"):
            problems.append("bandwidth_shape_name is required to create the virtual circuit %r "
                            "(the provider does not know the service key yet)" % self.name())
        return problems

    def predict(self, current, desired):
        after = super(VirtualCircuit, self).predict(current, desired)
        if current is None:
            after["lifecycle_state"] = "PENDING_PROVIDER"
            service = self.provider_service()
            if service is not None:
                after.setdefault("provider_name", service.provider_name)
        return after

    # -- writing -----------------------------------------------------------------------------
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
        argument_spec=resource_argument_spec(
            FIELDS,
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
