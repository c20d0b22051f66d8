#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: azure_virtual_network_gateway
short_description: Create, update or delete an Azure VPN or ExpressRoute virtual network gateway
version_added: 0.1.0
description:
  - Ensures a route-based VPN gateway or an ExpressRoute gateway in a virtual network's
    C(GatewaySubnet), active-passive or active-active with one public IP per instance, with BGP
    (ASN, peer weight) and custom APIPA BGP addresses per instance, as the OCI <-> Azure VPN
    designs need.
  - Checks before any call what Azure would reject - active-active needs exactly two IP
    configurations with distinct public IPs, custom APIPA addresses must lie in
    169.254.21.0-169.254.22.255, reserved ASNs, SKU and generation combinations, the Basic
    SKU's limits - and, against the current gateway, changes Azure cannot make in place
    (virtual network, gateway type, generation, SKU family, an APIPA address a connection pins).
  - Building a gateway takes 25-45 minutes. With O(wait=false) the task returns as soon as Azure
    accepted the request, with the gateway id and its provisioning state; a later task with the
    same options and O(wait=true) makes no write and waits for the build to finish, so a
    playbook can do the OCI side in between.
  - Switching active-passive to active-active is done in place (add the second IP
    configuration and its APIPA addresses).
extends_documentation_fragment:
  - interconnect.oci_azure.azure_auth
  - interconnect.oci_azure.attributes.AZURE
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
options:
  name:
    description: Name of the gateway.
    type: str
    required: true
  resource_group:
    description: Resource group of the gateway.
    type: str
    required: true
  location:
    description: Azure region; defaults to the resource group's. Cannot change.
    type: str
  gateway_type:
    description: V(Vpn) for site-to-site IPsec, V(ExpressRoute) for an ExpressRoute circuit. Cannot change.
    type: str
    default: Vpn
    choices: [Vpn, ExpressRoute]
  vpn_type:
    description: VPN type (VPN gateways only). Cannot change.
    type: str
    default: RouteBased
    choices: [RouteBased]
  sku:
    description:
      - Gateway SKU. VPN - V(VpnGw1AZ) to V(VpnGw5AZ) (zone-redundant, the forward path),
        V(VpnGw1) to V(VpnGw5), V(Basic) (no BGP, no active-active). ExpressRoute -
        V(ErGw1AZ) to V(ErGw3AZ), V(ErGwScale), V(Standard), V(HighPerformance),
        V(UltraPerformance).
      - Required to create. Resizing within a family (for example V(VpnGw1AZ) to V(VpnGw2AZ))
        is done in place; moving between families is refused.
      - The non-AZ V(VpnGw1) to V(VpnGw5) cannot be created since 2025-01-01 (Microsoft Learn,
        gateway-sku-consolidation). The module refuses to create one, before any write and in
        check mode too, naming the AZ equivalent; an existing one is still managed.
      - An AZ SKU takes Standard, zone-redundant public IPs (M(interconnect.oci_azure.azure_public_ip)
        with zones V(1), V(2) and V(3)).
    type: str
    choices: [Basic, VpnGw1, VpnGw2, VpnGw3, VpnGw4, VpnGw5, VpnGw1AZ, VpnGw2AZ, VpnGw3AZ,
              VpnGw4AZ, VpnGw5AZ, Standard, HighPerformance, UltraPerformance, ErGw1AZ,
              ErGw2AZ, ErGw3AZ, ErGwScale]
  generation:
    description:
      - VPN gateway generation. V(VpnGw1)/V(VpnGw1AZ) exist only as V(Generation1),
        V(VpnGw4)/V(VpnGw5) (and AZ) only as V(Generation2). Cannot change.
    type: str
    choices: [Generation1, Generation2]
  virtual_network:
    description:
      - Name (same resource group) or resource id of the virtual network; the gateway goes into
        its C(GatewaySubnet). Required to create. Cannot change.
    type: str
  active_active:
    description:
      - Active-active (two instances, each with its own public IP and APIPA addresses) or
        active-passive. When not set it follows the number of O(ip_configurations).
    type: bool
  ip_configurations:
    description:
      - One entry per gateway instance - one for active-passive, exactly two for active-active.
      - Required to create.
    type: list
    elements: dict
    suboptions:
      name:
        description: IP configuration name; defaults to V(ipconfig1), V(ipconfig2) by position.
        type: str
      public_ip:
        description:
          - Name (same resource group) or resource id of the Standard static public IP of this
            instance. Each instance needs its own. Optional for ExpressRoute gateways.
        type: str
      apipa_addresses:
        description:
          - Custom APIPA BGP addresses of this instance (169.254.21.0-169.254.22.255). OCI peers
            BGP with these. An active-passive gateway accepts several but BGP only comes up on
            the first. When set on any instance, the instances without it get none.
        type: list
        elements: str
        aliases: [custom_bgp_ip_addresses]
  scale_units:
    description:
      - Minimum and maximum scale units of an V(ErGwScale) ExpressRoute gateway (REST
        C(properties.autoScaleConfiguration.bounds); azure-mgmt-network
        C(VirtualNetworkGatewayAutoScaleConfiguration)). Refused for any other SKU.
      - FastPath on V(ErGwScale) needs at least 10 scale units (Microsoft Learn, scalable
        ExpressRoute gateway); M(interconnect.oci_azure.azure_connection) checks it.
    type: dict
    suboptions:
      min:
        description: Minimum scale units (1-40); 2 or more when O(scale_units.max) is higher (autoscaling).
        type: int
        required: true
      max:
        description: Maximum scale units (O(scale_units.min)-40); defaults to O(scale_units.min).
        type: int
  enable_bgp:
    description: Run BGP on the gateway (VPN gateways; not on the Basic SKU).
    type: bool
  bgp_settings:
    description: BGP settings of the gateway.
    type: dict
    suboptions:
      asn:
        description:
          - The gateway's ASN (Azure's default is 65515). Must differ from the peer's (OCI's
            31898 in the commercial realm). Azure rejects 8074, 8075, 12076, 65517-65520,
            23456, 64496-64511, 65535-65551 and 4294967295.
        type: int
      peer_weight:
        description: Weight added to routes learned from BGP peers (0-100).
        type: int
  tags:
    description: Tags to set (merged with tags already there).
    type: dict
  state:
    description: Whether the gateway should exist.
    type: str
    default: present
    choices: [present, absent]
  wait:
    description:
      - Wait for creation, update or deletion to finish (and, when nothing needs changing, for
        an operation already running on the gateway to finish).
      - V(false) returns as soon as Azure accepted the request, with the gateway's id and
        RV(virtual_network_gateway.provisioning_state).
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait before giving up (the operation continues in Azure).
    type: int
    default: 3600
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: Start building an active-active BGP gateway with APIPA addresses (returns at once)
  interconnect.oci_azure.azure_virtual_network_gateway:
    name: vng-oci
    resource_group: rg-interconnect
    virtual_network: vnet-hub
    sku: VpnGw2AZ
    generation: Generation2
    active_active: true
    enable_bgp: true
    bgp_settings:
      asn: 65010
    ip_configurations:
      - name: ipconfig1
        public_ip: pip-vng-1
        apipa_addresses: [169.254.21.2, 169.254.21.6]
      - name: ipconfig2
        public_ip: pip-vng-2
        apipa_addresses: [169.254.22.2, 169.254.22.6]
    wait: false

# ... OCI tasks here, while the gateway builds ...

- name: Wait for the gateway (same options; no write when nothing changed)
  interconnect.oci_azure.azure_virtual_network_gateway:
    name: vng-oci
    resource_group: rg-interconnect
    virtual_network: vnet-hub
    sku: VpnGw2AZ
    generation: Generation2
    active_active: true
    enable_bgp: true
    bgp_settings:
      asn: 65010
    ip_configurations:
      - name: ipconfig1
        public_ip: pip-vng-1
        apipa_addresses: [169.254.21.2, 169.254.21.6]
      - name: ipconfig2
        public_ip: pip-vng-2
        apipa_addresses: [169.254.22.2, 169.254.22.6]
    wait: true
  register: vng

- name: ExpressRoute gateway that supports FastPath
  interconnect.oci_azure.azure_virtual_network_gateway:
    name: ergw-oci
    resource_group: rg-interconnect
    virtual_network: vnet-hub
    gateway_type: ExpressRoute
    sku: ErGw3AZ
    ip_configurations:
      - public_ip: pip-ergw
"""

RETURN = r"""
virtual_network_gateway:
  description: The gateway (empty after deletion), snake_case with C(properties) flattened.
  returned: always
  type: dict
  contains:
    id:
      description: Resource id of the gateway.
      type: str
      returned: when present
    provisioning_state:
      description:
        - C(Succeeded) once built; C(Updating) while Azure builds or changes it (what a task
          with O(wait=false) returns).
      type: str
      returned: when present
  sample:
    id: /subscriptions/0000/resourceGroups/rg-interconnect/providers/Microsoft.Network/virtualNetworkGateways/vng-oci
    name: vng-oci
    gateway_type: Vpn
    vpn_type: RouteBased
    sku: {name: VpnGw2AZ, tier: VpnGw2AZ}
    active_active: true
    enable_bgp: true
    provisioning_state: Succeeded
    ip_configurations:
      - name: ipconfig1
        id: /subscriptions/0000/.../virtualNetworkGateways/vng-oci/ipConfigurations/ipconfig1
        public_ip_address: {id: /subscriptions/0000/.../publicIPAddresses/pip-vng-1}
    bgp_settings:
      asn: 65010
      peer_weight: 0
      bgp_peering_addresses:
        - ipconfiguration_id: /subscriptions/0000/.../ipConfigurations/ipconfig1
          default_bgp_ip_addresses: [10.20.255.4]
          custom_bgp_ip_addresses: [169.254.21.2, 169.254.21.6]
          tunnel_ip_addresses: [20.62.1.10]
changed_fields:
  description: ARM paths that differed (when the gateway was updated).
  returned: changed
  type: list
  elements: str
"""

from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_checks import (
    ER_SKUS,
    SKU_GENERATIONS,
    VPN_SKUS,
    apipa_problem,
    asn_problem,
    between,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_ids import (
    parse_id,
    same_id,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_resource import (
    resource_argument_spec,
    AZURE_FIELDS,
    AzureResource,
    azure_module,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_shapes import to_rest
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import run_ensure
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field


def auto_scale(units):
    """scale_units -> autoScaleConfiguration (a fixed size when max is not given)."""
    if not units:
        return None
    high = units.get("max") if units.get("max") is not None else units.get("min")
    return {"bounds": {"min": units.get("min"), "max": high}}


# The type, VPN type and generation are fixed at creation; the SKU resizes within its family and
# the VNet cannot change (VirtualNetworkGateway.in_place_problems). Three fields are built by
# hooks: ip_configurations (names, public IPs and the VNet's GatewaySubnet, and the APIPA
# addresses in bgpSettings.bgpPeeringAddresses), active_active (defaults from the number of IP
# configurations) and vpn_type (a VPN gateway's only).
FIELDS = AZURE_FIELDS.extended(
    Field("gateway_type", read="properties.gatewayType", immutable=True,
          spec=dict(type="str", default="Vpn", choices=["Vpn", "ExpressRoute"])),
    Field("vpn_type", read="properties.vpnType", immutable=True, desired=False,
          spec=dict(type="str", default="RouteBased", choices=["RouteBased"])),
    Field("generation", read="properties.vpnGatewayGeneration", immutable=True,
          spec=dict(type="str", choices=["Generation1", "Generation2"])),
    Field("sku", read="properties.sku", to_api=lambda name: {"name": name}, required_to_create=True,
          spec=dict(type="str", choices=list(VPN_SKUS) + list(ER_SKUS))),
    # the subnet of every IP configuration is the VNet's GatewaySubnet
    Field("virtual_network", read="properties.ipConfigurations.properties.subnet", desired=False,
          required_to_create=True, spec=dict(type="str")),
    Field("active_active", read="properties.activeActive", desired=False, spec=dict(type="bool")),
    Field("ip_configurations", read="properties.ipConfigurations", unordered=True, desired=False,
          required_to_create=True, spec=dict(type="list", elements="dict", options=dict(
              name=dict(type="str"),
              public_ip=dict(type="str"),
              apipa_addresses=dict(type="list", elements="str", aliases=["custom_bgp_ip_addresses"]),
          ))),
    Field("scale_units", read="properties.autoScaleConfiguration", container=False, to_api=auto_scale,
          spec=dict(type="dict", options=dict(
              min=dict(type="int", required=True),
              max=dict(type="int"),
          ))),
    Field("enable_bgp", read="properties.enableBgp", spec=dict(type="bool")),
    Field("bgp_settings", read="properties.bgpSettings", spec=dict(type="dict")),
    # 65515 is reserved for peers but is the gateway's own default ASN, so it may be set here
    Field("bgp_settings.asn", read="properties.bgpSettings.asn", spec=dict(type="int"),
          validate=lambda asn, option: asn_problem(asn, option, allowed=(65515,))),
    Field("bgp_settings.peer_weight", read="properties.bgpSettings.peerWeight",
          spec=dict(type="int"), validate=between(0, 100)),
)


def sku_family(sku):
    """Family a gateway can be resized within in place."""
    if not sku:
        return None
    if sku == "Basic":
        return "Basic"
    if sku.startswith("VpnGw"):
        return "VpnGwAZ" if sku.endswith("AZ") else "VpnGw"
    if sku.startswith("ErGw"):
        return "ErGwScale" if sku == "ErGwScale" else "ErGwAZ"
    return "ErLegacy"


def ip_config_names(configs):
    return [c.get("name") or "ipconfig%d" % (index + 1) for index, c in enumerate(configs or [])]


def gateway_problems(params):
    """What Azure would reject in these options, before any call (pure; unit-tested): the rules
    between options, then the table's validators."""
    problems = []
    gateway_type = params.get("gateway_type") or "Vpn"
    sku = params.get("sku")
    configs = params.get("ip_configurations")
    active = params.get("active_active")
    vpn = gateway_type == "Vpn"

    if sku and vpn and sku not in VPN_SKUS:
        problems.append("sku %s is an ExpressRoute SKU; a Vpn gateway takes one of %s"
                        % (sku, ", ".join(VPN_SKUS)))
    if sku and not vpn and sku not in ER_SKUS:
        problems.append("sku %s is a VPN SKU; an ExpressRoute gateway takes one of %s"
                        % (sku, ", ".join(ER_SKUS)))
    generation = params.get("generation")
    if generation and not vpn:
        problems.append("generation applies to VPN gateways only")
    elif generation and sku in SKU_GENERATIONS and generation not in SKU_GENERATIONS[sku]:
        problems.append("sku %s does not exist as %s (it exists as %s)"
                        % (sku, generation, " or ".join(SKU_GENERATIONS[sku])))

    if configs is not None:
        count = len(configs)
        if active is True and count != 2:
            problems.append("active_active needs exactly 2 ip_configurations, one per instance "
                            "(got %d) - Azure: ActiveActiveGatewayMustHaveExactlyTwoIpConfigurations"
                            % count)
        elif active is False and count != 1:
            problems.append("an active-passive gateway has exactly 1 ip configuration (got %d)"
                            % count)
        elif active is None and count not in (1, 2):
            problems.append("ip_configurations needs 1 entry (active-passive) or 2 (active-active), "
                            "got %d" % count)
        names = ip_config_names(configs)
        if len(set(n.lower() for n in names)) != len(names):
            problems.append("ip_configurations names must be distinct: %s" % ", ".join(names))
        public_ips = [c.get("public_ip") for c in configs if c.get("public_ip")]
        if len(set(p.lower() for p in public_ips)) != len(public_ips):
            problems.append("each gateway instance needs its own public IP; ip_configurations "
                            "repeat %s" % ", ".join(public_ips))
        if vpn:
            for name, config in zip(names, configs):
                if not config.get("public_ip"):
                    problems.append("ip_configurations[%s].public_ip is required for a VPN "
                                    "gateway" % name)
        seen = {}
        any_apipa = False
        for name, config in zip(names, configs):
            addresses = config.get("apipa_addresses")
            if addresses is None:
                continue
            any_apipa = True
            option = "ip_configurations[%s].apipa_addresses" % name
            for address in addresses:
                problem = apipa_problem(address, option)
                if problem:
                    problems.append(problem)
                elif address in seen:
                    problems.append("%s: %s is already used by ip_configurations[%s]; APIPA "
                                    "addresses must not overlap" % (option, address, seen[address]))
                else:
                    seen[address] = name
        if any_apipa and not vpn:
            problems.append("apipa_addresses apply to VPN gateways only")
        elif any_apipa and params.get("enable_bgp") is not True:
            problems.append("apipa_addresses are BGP peering addresses: set enable_bgp: true")

    if sku == "Basic":
        if active:
            problems.append("the Basic SKU does not support active-active")
        if params.get("enable_bgp"):
            problems.append("the Basic SKU does not support BGP")
    if not vpn:
        if active:
            problems.append("active_active applies to VPN gateways only")
        if params.get("enable_bgp"):
            problems.append("enable_bgp applies to VPN gateways (ExpressRoute always runs BGP)")
    units = params.get("scale_units")
    if units:
        low = units.get("min")
        high = units.get("max") if units.get("max") is not None else low
        if sku and sku != "ErGwScale":
            problems.append("scale_units apply to an ErGwScale gateway only (sku is %s)" % sku)
        for option, value in (("scale_units.min", low), ("scale_units.max", high)):
            if value is not None and not R.AZURE_ER_SCALE_UNITS_MIN <= value <= R.AZURE_ER_SCALE_UNITS_MAX:
                problems.append("%s %d is outside ErGwScale's %d-%d" % (
                    option, value, R.AZURE_ER_SCALE_UNITS_MIN, R.AZURE_ER_SCALE_UNITS_MAX))
        if low is not None and high is not None and high < low:
            problems.append("scale_units.max %d is below scale_units.min %d" % (high, low))
        elif low is not None and high is not None and high > low and low < R.AZURE_ER_AUTOSCALE_MIN_UNITS:
            problems.append("scale_units.min %d: an autoscaling ErGwScale gateway (max above min) needs a "
                            "minimum of %d or more; set min = max for a fixed size"
                            % (low, R.AZURE_ER_AUTOSCALE_MIN_UNITS))
    return problems + FIELDS.problems(params)


class VirtualNetworkGateway(AzureResource):
    kind = "virtual network gateway"
    result_key = "virtual_network_gateway"
    operations = "virtual_network_gateways"
    resource_type = "virtualNetworkGateways"
    fields = FIELDS
    # the APIPA addresses of ip_configurations are one entry per IP configuration, in any order
    unordered_paths = FIELDS.unordered_paths + ("properties.bgpSettings.bgpPeeringAddresses",)
    # what the ip_configurations hook builds, named by the option behind it
    target_options = {
        "publicIPAddress": "ip_configurations[].public_ip",
        "bgpSettings.bgpPeeringAddresses": "ip_configurations[].apipa_addresses",
        "bgpPeeringAddresses": "ip_configurations[].apipa_addresses",
        "customBgpIpAddresses": "ip_configurations[].apipa_addresses",
    }

    def validate(self):
        problems = gateway_problems(self.params)
        configs = self.params.get("ip_configurations")
        if (not problems and configs and len(configs) == 1
                and len(configs[0].get("apipa_addresses") or []) > 1):
            self.module.warn("an active-passive gateway only brings BGP up on its first APIPA "
                             "address (%s); the others stay idle"
                             % configs[0]["apipa_addresses"][0])
        return problems

    def is_vpn(self):
        return self.params["gateway_type"] == "Vpn"

    def active_active(self):
        if self.params.get("active_active") is not None:
            return self.params["active_active"]
        configs = self.params.get("ip_configurations")
        return None if configs is None else len(configs) == 2

    def subnet_id(self):
        vnet = self.ref(self.params.get("virtual_network"), "virtualNetworks")
        return vnet + "/subnets/GatewaySubnet" if vnet else None

    def ip_configuration_id(self, name):
        return "%s/ipConfigurations/%s" % (self.resource_id(), name)

    def ip_configurations(self):
        """ip_configurations -> (ipConfigurations, bgpSettings.bgpPeeringAddresses); the second
        is None unless some configuration lists APIPA addresses."""
        configs = self.params.get("ip_configurations")
        if configs is None:
            return None, None
        names = ip_config_names(configs)
        subnet = self.subnet_id()
        ip_configurations = []
        for name, config in zip(names, configs):
            public_ip = self.ref(config.get("public_ip"), "publicIPAddresses")
            ip_configurations.append({"name": name, "properties": {
                "subnet": {"id": subnet} if subnet else None,
                "publicIPAddress": {"id": public_ip} if public_ip else None,
            }})
        peering_addresses = None
        if any(c.get("apipa_addresses") is not None for c in configs):
            peering_addresses = [
                {"ipconfigurationId": self.ip_configuration_id(name),
                 "customBgpIpAddresses": list(config.get("apipa_addresses") or [])}
                for name, config in zip(names, configs)]
        return ip_configurations, peering_addresses

    def wanted(self):
        wanted = super(VirtualNetworkGateway, self).wanted()
        properties = wanted.setdefault("properties", {})
        if self.is_vpn():
            properties["vpnType"] = self.params["vpn_type"]
        if self.active_active() is not None:
            properties["activeActive"] = self.active_active()
        ip_configurations, peering_addresses = self.ip_configurations()
        if ip_configurations is not None:
            properties["ipConfigurations"] = ip_configurations
        if peering_addresses is not None:
            properties.setdefault("bgpSettings", {})["bgpPeeringAddresses"] = peering_addresses
        return wanted

    def change_problems(self, current, desired, changed_paths):
        # checked by the engine before an update, in check mode too
        return self.in_place_problems(current, desired)

    def in_place_problems(self, current, desired):
        """Changes Azure cannot make to this existing gateway, named before any write."""
        problems = []
        have = current.get("properties") or {}
        want = desired.get("properties") or {}
        have_subnets = [((c.get("properties") or {}).get("subnet") or {}).get("id")
                        for c in have.get("ipConfigurations") or []]
        want_subnet = self.subnet_id()
        if want_subnet and have_subnets and have_subnets[0] and not same_id(have_subnets[0], want_subnet):
            problems.append(
                "virtual_network cannot change in place (properties.ipConfigurations[].properties."
                "subnet.id is %s): a gateway stays in the VNet it was built in; delete and "
                "re-create it to move it" % have_subnets[0])
        have_sku = (have.get("sku") or {}).get("name")
        want_sku = (want.get("sku") or {}).get("name")
        if have_sku and want_sku and have_sku != want_sku and sku_family(have_sku) != sku_family(want_sku):
            problems.append(
                "sku cannot change from %s to %s in place (properties.sku.name): Azure resizes "
                "only within a SKU family" % (have_sku, want_sku))
        problems.extend(self.pinned_apipa_problems(have, want))
        return problems

    def pinned_apipa_problems(self, have, want):
        """An APIPA address a connection pins (gatewayCustomBgpIpAddresses) cannot be removed
        (VirtualNetworkGatewayBgpPeeringAddressCannotBeModified)."""
        wanted = (want.get("bgpSettings") or {}).get("bgpPeeringAddresses")
        if wanted is None:
            return []
        keep = dict((w["ipconfigurationId"].lower(), set(w.get("customBgpIpAddresses") or []))
                    for w in wanted)
        removed = {}
        for entry in (have.get("bgpSettings") or {}).get("bgpPeeringAddresses") or []:
            config_id = (entry.get("ipconfigurationId") or "").lower()
            for address in entry.get("customBgpIpAddresses") or []:
                if address not in keep.get(config_id, set()):
                    removed[(config_id, address)] = entry.get("ipconfigurationId")
        if not removed:
            return []
        problems = []
        for connection in self.gateway_connections():
            pins = (connection.get("properties") or {}).get("gatewayCustomBgpIpAddresses") or []
            for pin in pins:
                key = ((pin.get("ipConfigurationId") or "").lower(), pin.get("customBgpIpAddress"))
                if key in removed:
                    problems.append(
                        "ip_configurations[%s].apipa_addresses: %s cannot be removed while "
                        "connection %s pins it (gatewayCustomBgpIpAddresses); Azure refuses with "
                        "VirtualNetworkGatewayBgpPeeringAddressCannotBeModified. Change or delete "
                        "the connection first" % (key[0].split("/")[-1], key[1],
                                                  connection.get("name")))
        return problems

    def gateway_connections(self):
        """Full REST view of every connection on this gateway."""
        entities = self.azure.call(lambda: [to_rest(e) for e in self.ops.list_connections(*self.scope())])
        connections = self.azure.operations("virtual_network_gateway_connections")
        found = []
        for entity in entities:
            where = parse_id(entity.get("id") or "")
            full = self.azure.get(connections.get, where.get("resource_group") or self.params["resource_group"],
                                  entity.get("name") or where.get("name"))
            if full:
                found.append(full)
        return found

    def create_problems(self, desired):
        """What stops a create (the engine checks it in check mode too)."""
        problems = super(VirtualNetworkGateway, self).create_problems(desired)
        sku = self.params.get("sku")
        if sku in R.AZURE_VPN_SKUS_NO_CREATE:
            problems.append(
                "sku %s: Azure no longer creates non-AZ VpnGw1-5 gateways (since %s, "
                "gateway-sku-consolidation); create %s instead (an existing %s gateway is still "
                "managed)" % (sku, R.AZURE_VPN_SKUS_NO_CREATE_SINCE,
                              R.AZURE_VPN_SKU_AZ_EQUIVALENT[sku], sku))
        return problems

    def create(self, desired):
        return super(VirtualNetworkGateway, self).create(self.write_shape(desired))

    def update_body(self, current, desired):
        return self.write_shape(super(VirtualNetworkGateway, self).update_body(current, desired))

    def write_shape(self, body):
        """What a PUT needs beyond the compared fields: the SKU tier and the private IP method."""
        properties = body.get("properties") or {}
        sku = properties.get("sku")
        if sku and sku.get("name") and not sku.get("tier"):
            sku["tier"] = sku["name"]
        configs = properties.get("ipConfigurations") or []
        for config in configs:
            config.setdefault("properties", {}).setdefault("privateIPAllocationMethod", "Dynamic")
        bgp = properties.get("bgpSettings")
        if isinstance(bgp, dict):
            # computed by Azure from the instances; re-sending an old value when the number of
            # instances changes is refused (VirtualNetworkGatewayBgpPeeringAddressCannotBeModified)
            bgp.pop("bgpPeeringAddress", None)
            entries = bgp.get("bgpPeeringAddresses")
            if entries is not None:
                bgp["bgpPeeringAddresses"] = self.peering_entries(entries, configs)
        return body

    def peering_entries(self, entries, configs):
        """One writable entry per IP configuration: custom addresses only (the default and
        tunnel addresses are Azure's), an empty one for an instance that has none yet."""
        by_config = dict(((e.get("ipconfigurationId") or "").lower(), e) for e in entries)
        result = []
        for config in configs:
            config_id = config.get("id") or self.ip_configuration_id(config["name"])
            entry = by_config.get(config_id.lower(),
                                  by_config.get(self.ip_configuration_id(config["name"]).lower(), {}))
            result.append({"ipconfigurationId": entry.get("ipconfigurationId") or config_id,
                           "customBgpIpAddresses": list(entry.get("customBgpIpAddresses") or [])})
        return result


ARGUMENT_SPEC = resource_argument_spec(
    FIELDS, wait_timeout=3600)


def main():
    module = azure_module(
        argument_spec=ARGUMENT_SPEC,
    )
    run_ensure(VirtualNetworkGateway(module), module.params["state"])


if __name__ == "__main__":
    main()
