#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: azure_virtual_network
short_description: Create, update or delete an Azure virtual network and its subnets
version_added: 0.1.0
description:
  - A minimal virtual network module for demos and for users whose VNet lacks a
    C(GatewaySubnet) - address space and subnets (name and prefix).
  - Subnets not listed in O(subnets) are kept unless O(purge_subnets=true). A subnet already
    there keeps everything else it has (NSG, route table, delegations).
extends_documentation_fragment:
  - interconnect.oci_azure.azure_auth
  - interconnect.oci_azure.attributes.AZURE
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
options:
  name:
    description: Name of the virtual network.
    type: str
    required: true
  resource_group:
    description: Resource group of the virtual network.
    type: str
    required: true
  location:
    description: Azure region; defaults to the resource group's. Cannot change.
    type: str
  address_prefixes:
    description:
      - The VNet's address space (CIDR prefixes), exactly; prefixes not listed are removed.
      - Required to create the VNet.
    type: list
    elements: str
  subnets:
    description:
      - Subnets to ensure. Use the name V(GatewaySubnet) for the subnet of a virtual network
        gateway (a /27 or larger is recommended).
    type: list
    elements: dict
    suboptions:
      name:
        description: Subnet name.
        type: str
        required: true
      address_prefix:
        description: Subnet prefix, inside O(address_prefixes).
        type: str
        required: true
  purge_subnets:
    description: Delete subnets not listed in O(subnets).
    type: bool
    default: false
  tags:
    description: Tags to set (merged with tags already there).
    type: dict
  state:
    description: Whether the VNet should exist.
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
- name: VNet with a workload subnet and the gateway subnet
  interconnect.oci_azure.azure_virtual_network:
    name: vnet-hub
    resource_group: rg-interconnect
    address_prefixes: [10.20.0.0/16]
    subnets:
      - name: workload
        address_prefix: 10.20.1.0/24
      - name: GatewaySubnet
        address_prefix: 10.20.255.0/27
"""

RETURN = r"""
virtual_network:
  description: The virtual network (empty after deletion), snake_case, C(properties) flattened.
  returned: always
  type: dict
  sample:
    id: /subscriptions/0000/resourceGroups/rg-interconnect/providers/Microsoft.Network/virtualNetworks/vnet-hub
    name: vnet-hub
    location: eastus
    address_space: {address_prefixes: [10.20.0.0/16]}
    subnets:
      - name: GatewaySubnet
        address_prefix: 10.20.255.0/27
    provisioning_state: Succeeded
"""

import copy

from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_checks import (
    cidr_problem,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_resource import (
    resource_argument_spec,
    AZURE_FIELDS,
    AzureResource,
    azure_module,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_shapes import strip_read_only
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    merge,
    run_ensure,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field

FIELDS = AZURE_FIELDS.extended(
    Field("address_prefixes", read="properties.addressSpace.addressPrefixes",
          spec=dict(type="list", elements="str"), unordered=True, required_to_create=True,
          validate=lambda prefixes, option: [cidr_problem(prefix, option) for prefix in prefixes]),
    # compared as a whole list; its body depends on the subnets already there and on
    # purge_subnets, so VirtualNetwork.wanted_subnets builds it (desired=False here)
    Field("subnets", read="properties.subnets", unordered=True, desired=False,
          spec=dict(type="list", elements="dict", options=dict(
              name=dict(type="str", required=True),
              address_prefix=dict(type="str", required=True),
          ))),
)


def subnet_prefix(subnet):
    properties = subnet.get("properties") or {}
    if properties.get("addressPrefix"):
        return properties["addressPrefix"]
    prefixes = properties.get("addressPrefixes") or []
    return prefixes[0] if len(prefixes) == 1 else None


class VirtualNetwork(AzureResource):
    kind = "virtual network"
    result_key = "virtual_network"
    operations = "virtual_networks"
    resource_type = "virtualNetworks"
    fields = FIELDS
    target_options = {"addressSpace": "address_prefixes", "addressPrefix": "subnets[].address_prefix"}

    def validate(self):
        problems = super(VirtualNetwork, self).validate()
        spaces = [addresses.parse_network(prefix, version=None)
                  for prefix in self.params.get("address_prefixes") or []
                  if not cidr_problem(prefix, "address_prefixes")]
        names = set()
        for subnet in self.params.get("subnets") or []:
            option = "subnets[%s].address_prefix" % subnet["name"]
            problem = cidr_problem(subnet["address_prefix"], option)
            problems.append(problem)
            network = None if problem else addresses.parse_network(subnet["address_prefix"], version=None)
            if network is not None and spaces and not any(
                    network.version == space.version and addresses.within(network, space)
                    for space in spaces):
                # Azure: NetcfgSubnetRangeOutsideVnet
                problems.append("%s %s is outside address_prefixes (%s); a subnet must lie in the "
                                "VNet's address space" % (option, subnet["address_prefix"],
                                                          ", ".join(str(s) for s in spaces)))
            if subnet["name"].lower() in names:
                problems.append("subnet %s is listed twice" % subnet["name"])
            names.add(subnet["name"].lower())
        return [p for p in problems if p]

    def wanted_subnets(self):
        listed = self.params.get("subnets")
        if listed is None:
            return None
        wanted = [{"name": s["name"], "properties": {"addressPrefix": s["address_prefix"]}}
                  for s in listed]
        if not self.params["purge_subnets"]:
            names = set(s["name"].lower() for s in listed)
            for subnet in ((self.current or {}).get("properties") or {}).get("subnets") or []:
                if subnet.get("name", "").lower() not in names:
                    kept = {"name": subnet.get("name")}
                    if subnet_prefix(subnet):
                        kept["properties"] = {"addressPrefix": subnet_prefix(subnet)}
                    wanted.append(kept)
        return wanted

    def wanted(self):
        wanted = super(VirtualNetwork, self).wanted()
        subnets = self.wanted_subnets()
        if subnets is not None:
            wanted.setdefault("properties", {})["subnets"] = subnets
        return wanted

    def update_body(self, current, desired):
        body = merge(current, desired)
        wanted = (desired.get("properties") or {}).get("subnets")
        if wanted is not None:
            # a subnet that exists keeps all it has (NSG, route table...): change its prefix only
            existing = dict((s.get("name", "").lower(), s)
                            for s in (current.get("properties") or {}).get("subnets") or [])
            subnets = []
            for subnet in wanted:
                have = existing.get(subnet["name"].lower())
                if have is None:
                    subnets.append(subnet)
                    continue
                merged = copy.deepcopy(have)
                prefix = (subnet.get("properties") or {}).get("addressPrefix")
                if prefix and subnet_prefix(have) != prefix:
                    merged.setdefault("properties", {})["addressPrefix"] = prefix
                    merged["properties"].pop("addressPrefixes", None)
                subnets.append(merged)
            body.setdefault("properties", {})["subnets"] = subnets
        return strip_read_only(body)


ARGUMENT_SPEC = resource_argument_spec(
    FIELDS, wait_timeout=900,
    purge_subnets=dict(type="bool", default=False))


def main():
    module = azure_module(
        argument_spec=ARGUMENT_SPEC,
    )
    run_ensure(VirtualNetwork(module), module.params["state"])


if __name__ == "__main__":
    main()
