#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: azure_expressroute_peering
short_description: Ensure the private peering of an ExpressRoute circuit, adopting one the provider made
version_added: 0.1.0
description:
  - Ensures the C(AzurePrivatePeering) of an ExpressRoute circuit - primary and secondary /30,
    VLAN and peer ASN.
  - With Oracle Cloud FastConnect as the provider, Oracle configures the private peering from the
    FastConnect virtual circuit - its VLAN (which the provider assigns), the /30s and peer ASN
    ("the peering details have automatically been configured", Microsoft Learn,
    configure-azure-oci-networking). Such a peering is the provider's - read it with
    M(interconnect.oci_azure.azure_expressroute_circuit_info) and check it, as the collection's
    C(fastconnect) role and M(interconnect.oci_azure.interconnect_verify) do; change the virtual
    circuit, not the peering, and do not delete it (it goes with the circuit). This module is for
    peerings the customer configures; given a peering the provider already created, it adopts it
    (compares it, and changes it only where it differs) and says so in RV(adopted).
  - In each /30 the customer (Oracle) side takes the first usable address and Azure the second.
extends_documentation_fragment:
  - interconnect.oci_azure.azure_auth
  - interconnect.oci_azure.attributes.AZURE
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
options:
  circuit:
    description: Name of the ExpressRoute circuit.
    type: str
    required: true
    aliases: [circuit_name]
  resource_group:
    description: Resource group of the circuit.
    type: str
    required: true
  peering_type:
    description: Peering type.
    type: str
    default: AzurePrivatePeering
    choices: [AzurePrivatePeering]
  peer_asn:
    description: The peer's (customer or provider) ASN; Oracle's is 31898 in the commercial realm.
    type: int
  primary_peer_address_prefix:
    description: IPv4 /30 of the primary link.
    type: str
  secondary_peer_address_prefix:
    description: IPv4 /30 of the secondary link; must not overlap the primary.
    type: str
  vlan_id:
    description: VLAN id (1-4094), the same for both links.
    type: int
  state:
    description: Whether the peering should exist.
    type: str
    default: present
    choices: [present, absent]
  wait:
    description: Wait for creation, update or deletion to finish.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait before giving up (the operation continues in Azure).
    type: int
    default: 900
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
# With Oracle Cloud FastConnect as provider the peering is the provider's: read it, do not write it.
- name: The private peering Oracle configured from the FastConnect virtual circuit
  interconnect.oci_azure.azure_expressroute_circuit_info:
    name: er-oci
    resource_group: rg-interconnect
    include: [peerings]
  register: er

- name: The VLAN the provider assigned and the /30s it set
  ansible.builtin.debug:
    msg: "{{ er.peerings | map(attribute='vlan_id') | list }} {{ er.peerings | map(attribute='primary_peer_address_prefix') | list }}"

# A circuit whose private peering the customer configures
- name: Private peering of a circuit through another provider
  interconnect.oci_azure.azure_expressroute_peering:
    circuit: er-colo
    resource_group: rg-interconnect
    peer_asn: 65010
    primary_peer_address_prefix: 192.168.100.0/30
    secondary_peer_address_prefix: 192.168.100.4/30
    vlan_id: 100
  register: peering

- name: Say whether an existing peering was adopted
  ansible.builtin.debug:
    msg: "adopted: {{ peering.adopted }}"
"""

RETURN = r"""
peering:
  description: The peering (empty after deletion).
  returned: always
  type: dict
  sample:
    id: /subscriptions/0000/.../expressRouteCircuits/er-oci/peerings/AzurePrivatePeering
    name: AzurePrivatePeering
    peering_type: AzurePrivatePeering
    peer_asn: 31898
    primary_peer_address_prefix: 192.168.100.0/30
    secondary_peer_address_prefix: 192.168.100.4/30
    vlan_id: 100
    azure_asn: 12076
    state: Enabled
    provisioning_state: Succeeded
adopted:
  description:
    - True when the peering already existed (for example created by Oracle from the FastConnect
      side) and this task took it over instead of creating it; false when this task created it.
  returned: when O(state=present)
  type: bool
"""


from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_checks import (
    asn_problem,
    between,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_resource import (
    resource_argument_spec,
    AzureResource,
    azure_module,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    CloudError,
    InputError,
    prune_none,
    run_ensure,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field, FieldTable

ORACLE_PROVIDER = "Oracle Cloud FastConnect"
ORACLE_ASN = 31898


def peer_network(value):
    """The /30 of a peer address prefix option, or None when it is not one."""
    try:
        network = addresses.parse_network(value, version=None)
    except addresses.AddressError:
        return None
    return network if network.version == 4 and network.prefixlen == 30 else None


def peer_prefix_problem(value, option):
    try:
        addresses.parse_network(value, version=None)
    except addresses.AddressError as exc:
        return "%s %r is not a valid prefix (%s)" % (option, value, exc)
    if peer_network(value) is None:
        return "%s must be an IPv4 /30 (got %s)" % (option, value)
    return None


# Not a top-level resource: no location or tags. A provider-created peering is adopted (create).
FIELDS = FieldTable(
    Field("peering_type", read="properties.peeringType", immutable=True,
          spec=dict(type="str", default="AzurePrivatePeering", choices=["AzurePrivatePeering"])),
    Field("peer_asn", read="properties.peerASN", spec=dict(type="int"), required_to_create=True,
          validate=asn_problem),
    Field("primary_peer_address_prefix", read="properties.primaryPeerAddressPrefix",
          spec=dict(type="str"), required_to_create=True, validate=peer_prefix_problem),
    Field("secondary_peer_address_prefix", read="properties.secondaryPeerAddressPrefix",
          spec=dict(type="str"), required_to_create=True, validate=peer_prefix_problem),
    Field("vlan_id", read="properties.vlanId", spec=dict(type="int"), required_to_create=True,
          validate=between(1, 4094)),
)


def peering_problems(params):
    """What Azure would reject in these options (pure; unit-tested): the table's validators, and
    the two /30s must not overlap."""
    problems = FIELDS.problems(params)
    primary, secondary = [peer_network(params[option]) if params.get(option) else None
                          for option in ("primary_peer_address_prefix", "secondary_peer_address_prefix")]
    if primary is not None and secondary is not None and addresses.overlaps(primary, secondary):
        problems.append("primary_peer_address_prefix and secondary_peer_address_prefix overlap")
    return problems


class Peering(AzureResource):
    kind = "ExpressRoute peering"
    result_key = "peering"
    operations = "express_route_circuit_peerings"
    has_location = False
    fields = FIELDS

    def __init__(self, module, azure=None):
        super(Peering, self).__init__(module, azure)
        self.adopted = False

    def name(self):
        return "%s/%s" % (self.params["circuit"], self.params["peering_type"])

    def scope(self):
        return (self.params["resource_group"], self.params["circuit"], self.params["peering_type"])

    def resource_id(self):
        return "%s/peerings/%s" % (
            self.azure.resource_id(self.params["resource_group"], "expressRouteCircuits",
                                   self.params["circuit"]), self.params["peering_type"])

    def validate(self):
        return peering_problems(self.params)

    def find(self):
        current = super(Peering, self).find()
        self.adopted = current is not None
        return current

    def wanted(self):
        wanted = super(Peering, self).wanted()
        # a peering is named after its type
        wanted["name"] = self.params["peering_type"]
        return wanted

    def desired(self):
        desired = super(Peering, self).desired()
        if self.module.params["state"] == "present":
            circuit = self.azure.get(self.azure.operations("express_route_circuits").get,
                                     self.params["resource_group"], self.params["circuit"])
            if circuit is None and not self.module.check_mode:
                raise InputError(["circuit %s does not exist in resource group %s"
                                  % (self.params["circuit"], self.params["resource_group"])])
            provider = (((circuit or {}).get("properties") or {}).get("serviceProviderProperties")
                        or {}).get("serviceProviderName")
            asn = self.params.get("peer_asn")
            if provider == ORACLE_PROVIDER and asn is not None and asn != ORACLE_ASN:
                self.module.warn("the circuit's provider is %s, whose BGP ASN is %d in the commercial "
                                 "realm; peer_asn is %d" % (ORACLE_PROVIDER, ORACLE_ASN, asn))
        return desired

    def create(self, desired):
        try:
            return self.put(desired, desired)
        except CloudError as error:
            if error.status != 409:
                raise
            # the provider created it between our read and our write: adopt it
            found = super(Peering, self).find()
            if found is None:
                raise
            self.adopted = True
            if not self.compare(prune_none(desired), found):
                return found
            return self.update(found, desired, [])

    def extra_results(self, result):
        if self.module.params["state"] != "present":
            return {}
        return {"adopted": self.adopted}


ARGUMENT_SPEC = resource_argument_spec(
    FIELDS, wait_timeout=900,
    circuit=dict(type="str", required=True, aliases=["circuit_name"]),
    name=None)


def main():
    module = azure_module(
        argument_spec=ARGUMENT_SPEC,
    )
    run_ensure(Peering(module), module.params["state"])


if __name__ == "__main__":
    main()
