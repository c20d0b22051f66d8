#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: azure_local_network_gateway
short_description: Create, update or delete an Azure local network gateway (the OCI side of a tunnel)
version_added: 0.1.0
description:
  - Ensures a local network gateway - Azure's record of the remote VPN endpoint, here one OCI
    IPSec tunnel's Oracle VPN IP - with its address prefixes and BGP peer.
  - O(address_prefixes) is the exact list - prefixes added to it are added, prefixes removed
    from it are removed (azure.azcollection can only add).
extends_documentation_fragment:
  - interconnect.oci_azure.azure_auth
  - interconnect.oci_azure.attributes.AZURE
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
options:
  name:
    description: Name of the local network gateway.
    type: str
    required: true
  resource_group:
    description: Resource group.
    type: str
    required: true
  location:
    description: Azure region; defaults to the resource group's. Cannot change.
    type: str
  gateway_ip_address:
    description: Public IP of the remote endpoint (the OCI tunnel's Oracle VPN IP).
    type: str
  fqdn:
    description: DNS name of the remote endpoint, instead of O(gateway_ip_address).
    type: str
  address_prefixes:
    description:
      - Remote prefixes reachable through this gateway (static routing), exactly. May be empty
        with BGP. Do not list the BGP peer's /32 here when BGP is on.
    type: list
    elements: str
  bgp_settings:
    description: The remote BGP peer (one per local network gateway).
    type: dict
    suboptions:
      asn:
        description: Remote ASN (OCI's is 31898 in the commercial realm).
        type: int
      bgp_peering_address:
        description: Remote BGP address (the OCI tunnel's Oracle inside-tunnel IP).
        type: str
      peer_weight:
        description: Weight added to routes learned from this peer (0-100).
        type: int
  tags:
    description: Tags to set (merged with tags already there).
    type: dict
  state:
    description: Whether the local network gateway should exist.
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
- name: OCI tunnel 1 as seen from Azure (BGP)
  interconnect.oci_azure.azure_local_network_gateway:
    name: lng-oci-tunnel1
    resource_group: rg-interconnect
    gateway_ip_address: 129.146.10.1
    address_prefixes: []
    bgp_settings:
      asn: 31898
      bgp_peering_address: 169.254.21.1

- name: Static routing, primary tunnel carries the two halves of the VCN CIDR
  interconnect.oci_azure.azure_local_network_gateway:
    name: lng-oci-primary
    resource_group: rg-interconnect
    gateway_ip_address: 129.146.10.1
    address_prefixes: [10.0.0.0/17, 10.0.128.0/17]
"""

RETURN = r"""
local_network_gateway:
  description: The local network gateway (empty after deletion).
  returned: always
  type: dict
  sample:
    id: /subscriptions/0000/resourceGroups/rg-interconnect/providers/Microsoft.Network/localNetworkGateways/lng-oci-tunnel1
    name: lng-oci-tunnel1
    gateway_ip_address: 129.146.10.1
    local_network_address_space: {address_prefixes: []}
    bgp_settings: {asn: 31898, bgp_peering_address: 169.254.21.1, peer_weight: 0}
    provisioning_state: Succeeded
"""


from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_checks import (
    asn_problem,
    between,
    cidr_problem,
    ip_problem,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_resource import (
    resource_argument_spec,
    AZURE_FIELDS,
    AzureResource,
    azure_module,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import run_ensure
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field


def address_problem(address, option):
    # an empty address is "not given" (the endpoint is then the fqdn), not a bad one
    return ip_problem(address, option) if address else None


def prefixes_problems(prefixes, option):
    problems = [cidr_problem(prefix, option) for prefix in prefixes]
    if len(set(prefixes)) != len(prefixes):
        problems.append("%s lists a prefix twice" % option)
    return problems


FIELDS = AZURE_FIELDS.extended(
    # the remote endpoint is an address or a DNS name (one of them to create; update_body drops
    # the other when one is set)
    Field("gateway_ip_address", read="properties.gatewayIpAddress", spec=dict(type="str"),
          validate=address_problem),
    Field("fqdn", read="properties.fqdn", spec=dict(type="str")),
    Field("address_prefixes", read="properties.localNetworkAddressSpace.addressPrefixes",
          spec=dict(type="list", elements="str"), unordered=True, validate=prefixes_problems),
    Field("bgp_settings", read="properties.bgpSettings", spec=dict(type="dict")),
    Field("bgp_settings.asn", read="properties.bgpSettings.asn", spec=dict(type="int"),
          validate=asn_problem),
    Field("bgp_settings.bgp_peering_address", read="properties.bgpSettings.bgpPeeringAddress",
          spec=dict(type="str"), validate=address_problem),
    Field("bgp_settings.peer_weight", read="properties.bgpSettings.peerWeight",
          spec=dict(type="int"), validate=between(0, 100)),
    create_requires_one_of=[("gateway_ip_address", "fqdn")],
)


def lng_problems(params):
    """What Azure would reject in these options (the table's validators; pure)."""
    return FIELDS.problems(params)


def peer_in_prefixes(peer, prefixes):
    """The prefix of ``prefixes`` that holds the BGP ``peer`` address, or None."""
    try:
        address = addresses.parse_address(peer, version=None)
        for prefix in prefixes or []:
            network = addresses.parse_network(prefix, strict=False, version=None)
            if network.version == address.version and addresses.within(address, network):
                return prefix
    except addresses.AddressError:
        return None
    return None


class LocalNetworkGateway(AzureResource):
    kind = "local network gateway"
    result_key = "local_network_gateway"
    operations = "local_network_gateways"
    resource_type = "localNetworkGateways"
    fields = FIELDS
    # the whole address space object names the prefixes option
    target_options = {"localNetworkAddressSpace": "address_prefixes"}

    def validate(self):
        problems = super(LocalNetworkGateway, self).validate()
        peer = (self.params.get("bgp_settings") or {}).get("bgp_peering_address")
        holder = peer_in_prefixes(peer, self.params.get("address_prefixes")) if peer else None
        if holder and not problems:
            self.module.warn("address_prefixes %s holds the BGP peer %s; with BGP on, leave the "
                             "peer's address out of the address space" % (holder, peer))
        return problems

    def create(self, desired):
        body = desired
        properties = body.setdefault("properties", {})
        properties.setdefault("localNetworkAddressSpace", {"addressPrefixes": []})
        return super(LocalNetworkGateway, self).create(body)

    def update_body(self, current, desired):
        body = super(LocalNetworkGateway, self).update_body(current, desired)
        properties = body.get("properties") or {}
        # the endpoint is either an address or a name: setting one replaces the other
        if self.params.get("fqdn"):
            properties.pop("gatewayIpAddress", None)
        elif self.params.get("gateway_ip_address"):
            properties.pop("fqdn", None)
        return body


ARGUMENT_SPEC = resource_argument_spec(
    FIELDS, wait_timeout=900)


def main():
    module = azure_module(
        argument_spec=ARGUMENT_SPEC,
        mutually_exclusive=[("gateway_ip_address", "fqdn")],
    )
    run_ensure(LocalNetworkGateway(module), module.params["state"])


if __name__ == "__main__":
    main()
