#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: azure_public_ip
short_description: Create or delete a Standard static public IP address for a gateway
version_added: 0.1.0
description:
  - Ensures a Standard SKU, statically allocated public IP address exists (the kind VPN and
    ExpressRoute gateways need, one per gateway instance), optionally zone-redundant or zonal.
  - The address is assigned when the resource is created and returned as RV(public_ip.ip_address).
extends_documentation_fragment:
  - interconnect.oci_azure.azure_auth
  - interconnect.oci_azure.attributes.AZURE
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
options:
  name:
    description: Name of the public IP address resource.
    type: str
    required: true
  resource_group:
    description: Resource group.
    type: str
    required: true
  location:
    description: Azure region; defaults to the resource group's. Cannot change.
    type: str
  sku:
    description: SKU name. Only V(Standard) exists for new addresses (Basic is retired).
    type: str
    default: Standard
    choices: [Standard]
  tier:
    description: SKU tier (Azure's default is V(Regional)). Cannot change.
    type: str
    choices: [Regional, Global]
  allocation_method:
    description: Allocation method; Standard addresses are always static.
    type: str
    default: Static
    choices: [Static]
  ip_version:
    description: IP version (Azure's default is V(IPv4)). Cannot change.
    type: str
    choices: [IPv4, IPv6]
  zones:
    description:
      - Availability zones, for example V([1, 2, 3]) for a zone-redundant address (what AZ
        gateway SKUs want in regions with zones). Cannot change after creation.
    type: list
    elements: str
  idle_timeout_minutes:
    description: TCP idle timeout in minutes (4-30).
    type: int
  tags:
    description: Tags to set (merged with tags already there).
    type: dict
  state:
    description: Whether the address should exist.
    type: str
    default: present
    choices: [present, absent]
  wait:
    description: Wait for creation or deletion to finish.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait before giving up (the operation continues in Azure).
    type: int
    default: 600
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: One public IP per gateway instance (active-active)
  interconnect.oci_azure.azure_public_ip:
    name: "pip-vng-{{ item }}"
    resource_group: rg-interconnect
    zones: ["1", "2", "3"]
  loop: [1, 2]
"""

RETURN = r"""
public_ip:
  description: The public IP address resource (empty after deletion).
  returned: always
  type: dict
  contains:
    ip_address:
      description: The address Azure assigned.
      type: str
      returned: when present
  sample:
    id: /subscriptions/0000/resourceGroups/rg-interconnect/providers/Microsoft.Network/publicIPAddresses/pip-vng-1
    name: pip-vng-1
    ip_address: 20.62.1.10
    public_ip_allocation_method: Static
    sku: {name: Standard, tier: Regional}
    zones: ["1", "2", "3"]
"""

from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_resource import (
    AzureResource,
    azure_module,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_shapes import (
    normalise_location,
    string_tags,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import run_ensure


class PublicIp(AzureResource):
    kind = "public IP address"
    result_key = "public_ip"
    operations = "public_ip_addresses"
    resource_type = "publicIPAddresses"
    immutable_paths = ("location", "sku", "zones", "properties.publicIPAddressVersion")
    unordered_paths = ("zones",)
    target_options = {"zones": "zones", "sku": "sku", "idleTimeout": "idle_timeout_minutes",
                      "publicIPAddressVersion": "ip_version"}

    def validate(self):
        timeout = self.params.get("idle_timeout_minutes")
        if timeout is not None and not 4 <= timeout <= 30:
            return ["idle_timeout_minutes must be between 4 and 30"]
        return []

    def wanted(self):
        return {
            "location": normalise_location(self.params.get("location")),
            "tags": string_tags(self.params.get("tags")),
            "sku": {"name": self.params["sku"], "tier": self.params.get("tier")},
            "zones": self.params.get("zones"),
            "properties": {
                "publicIPAllocationMethod": self.params["allocation_method"],
                "publicIPAddressVersion": self.params.get("ip_version"),
                "idleTimeoutInMinutes": self.params.get("idle_timeout_minutes"),
            },
        }


ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    location=dict(type="str"),
    sku=dict(type="str", default="Standard", choices=["Standard"]),
    tier=dict(type="str", choices=["Regional", "Global"]),
    allocation_method=dict(type="str", default="Static", choices=["Static"]),
    ip_version=dict(type="str", choices=["IPv4", "IPv6"]),
    zones=dict(type="list", elements="str"),
    idle_timeout_minutes=dict(type="int"),
    tags=dict(type="dict"),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    wait=dict(type="bool", default=True),
    wait_timeout=dict(type="int", default=600),
)


def main():
    module = azure_module(
        argument_spec=ARGUMENT_SPEC,
    )
    run_ensure(PublicIp(module), module.params["state"])


if __name__ == "__main__":
    main()
