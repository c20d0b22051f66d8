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

from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_checks import between
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_resource import (
    resource_argument_spec,
    AZURE_FIELDS,
    AzureResource,
    azure_module,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import KNOWN_AFTER_CREATE, run_ensure
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field


# SKU, zones and IP version are fixed when the address is created (Azure refuses to change them).
FIELDS = AZURE_FIELDS.extended(
    Field("sku", read="sku.name", spec=dict(type="str", default="Standard", choices=["Standard"]),
          immutable=True),
    Field("tier", read="sku.tier", spec=dict(type="str", choices=["Regional", "Global"]),
          immutable=True),
    Field("allocation_method", read="properties.publicIPAllocationMethod",
          spec=dict(type="str", default="Static", choices=["Static"])),
    Field("ip_version", read="properties.publicIPAddressVersion",
          spec=dict(type="str", choices=["IPv4", "IPv6"]), immutable=True),
    Field("zones", spec=dict(type="list", elements="str"), immutable=True, unordered=True),
    # Azure: the TCP idle timeout of a public IP is 4 to 30 minutes
    Field("idle_timeout_minutes", read="properties.idleTimeoutInMinutes", spec=dict(type="int"),
          validate=between(4, 30)),
)


class PublicIp(AzureResource):
    kind = "public IP address"
    result_key = "public_ip"
    operations = "public_ip_addresses"
    resource_type = "publicIPAddresses"
    fields = FIELDS
    # an ARM error on the whole SKU object names the sku option
    target_options = {"sku": "sku", "idleTimeout": "idle_timeout_minutes"}

    def predict(self, current, desired):
        after = super(PublicIp, self).predict(current, desired)
        if current is None:
            # Azure allocates the static address at create time
            after.setdefault("properties", {}).setdefault("ipAddress", KNOWN_AFTER_CREATE)
        return after


ARGUMENT_SPEC = resource_argument_spec(
    FIELDS, wait_timeout=600)


def main():
    module = azure_module(
        argument_spec=ARGUMENT_SPEC,
    )
    run_ensure(PublicIp(module), module.params["state"])


if __name__ == "__main__":
    main()
