#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: azure_virtual_network_info
short_description: Read a virtual network, its GatewaySubnet and the gateways that use it
version_added: 0.1.0
description:
  - Returns a virtual network with its subnets, its C(GatewaySubnet) (the subnet every virtual
    network gateway of the VNet is deployed to), and the virtual network gateways whose IP
    configurations are in that subnet, whatever their names and resource groups.
  - A VNet has at most one VPN gateway and one ExpressRoute gateway (Microsoft Learn, About VPN
    Gateway configuration settings); knowing them before a run lets it adopt the gateway that is
    there instead of failing to create a second one (C(VirtualNetworkGatewayOfSameTypeExists)).
  - The gateways are found from the subnet's read-only C(ipConfigurations) (the ids of the IP
    configurations deployed to it), then read one by one.
extends_documentation_fragment:
  - interconnect.oci_azure.azure_auth
  - interconnect.oci_azure.attributes.AZURE_INFO
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
  include:
    description:
      - What to read besides the VNet. V(gateways) reads each virtual network gateway deployed to
        its GatewaySubnet.
    type: list
    elements: str
    default: [gateways]
    choices: [gateways]
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: Read the hub VNet and the gateways it already has
  interconnect.oci_azure.azure_virtual_network_info:
    name: vnet-hub
    resource_group: rg-network
  register: hub

- name: Its VPN gateway, if it has one
  ansible.builtin.debug:
    msg: "{{ hub.virtual_network_gateways | selectattr('gateway_type', 'equalto', 'Vpn') | map(attribute='name') }}"
"""

RETURN = r"""
exists:
  description: Whether the virtual network exists.
  returned: always
  type: bool
virtual_network:
  description:
    - The VNet (empty when it does not exist), snake_case with C(properties) flattened, its
      C(subnets) included.
  returned: always
  type: dict
gateway_subnet:
  description: The VNet's C(GatewaySubnet) (empty when it has none), as in RV(virtual_network).
  returned: always
  type: dict
  sample:
    name: GatewaySubnet
    address_prefix: 10.150.255.0/27
    ip_configurations:
      - id: /subscriptions/.../virtualNetworkGateways/vng-hub/ipConfigurations/default
virtual_network_gateways:
  description:
    - The virtual network gateways deployed to the GatewaySubnet (VPN and ExpressRoute), each as
      M(interconnect.oci_azure.azure_virtual_network_gateway_info) returns one, with
      C(resource_group) added; sorted by name.
  returned: when included
  type: list
  elements: dict
"""

from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_ids import parse_id
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_resource import (
    azure_module,
    run_info,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_shapes import snake_view

GATEWAY_SUBNET = "GatewaySubnet"


def gateway_subnet(vnet):
    """The VNet's GatewaySubnet in the read shape (Azure names it exactly so), or None."""
    for subnet in (vnet.get("properties") or {}).get("subnets") or []:
        if subnet.get("name") == GATEWAY_SUBNET:
            return subnet
    return None


def gateway_ids(subnet):
    """(resource group, name) of each virtual network gateway with an IP configuration in
    ``subnet``, from the subnet's read-only ipConfigurations ids."""
    found = []
    for ip_configuration in ((subnet or {}).get("properties") or {}).get("ipConfigurations") or []:
        where = parse_id(ip_configuration.get("id") or "")
        if (where.get("type") or "").lower() == "virtualnetworkgateways" and where.get("name"):
            key = (where.get("resource_group"), where["name"])
            if key not in found:
                found.append(key)
    return found


def read_virtual_network(azure, params):
    group, name = params["resource_group"], params["name"]
    vnet = azure.get(azure.operations("virtual_networks").get, group, name)
    if vnet is None:
        return dict(exists=False, virtual_network={}, gateway_subnet={}, virtual_network_gateways=[])
    subnet = gateway_subnet(vnet)
    result = dict(exists=True, virtual_network=snake_view(vnet),
                  gateway_subnet=snake_view(subnet) if subnet else {})
    if "gateways" in params["include"]:
        gateways = azure.operations("virtual_network_gateways")
        listed = []
        for gateway_group, gateway_name in gateway_ids(subnet):
            gateway = azure.get(gateways.get, gateway_group or group, gateway_name)
            if gateway is not None:
                view = snake_view(gateway)
                view["resource_group"] = gateway_group or group
                listed.append(view)
        result["virtual_network_gateways"] = sorted(listed, key=lambda g: g.get("name") or "")
    return result


ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    include=dict(type="list", elements="str", default=["gateways"], choices=["gateways"]),
)


def main():
    module = azure_module(argument_spec=ARGUMENT_SPEC)
    run_info(module, read_virtual_network, "virtual network %r" % module.params["name"])


if __name__ == "__main__":
    main()
