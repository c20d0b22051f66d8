"""ARM: local network gateways, virtual network gateways (Vpn, ExpressRoute) and their BGP actions,
connections (IPsec here, ExpressRoute's rules in er.py) and the shared key.

Shapes follow azure-mgmt-network 33.1's models and the azure-rest-api-specs network examples
(VirtualNetworkGatewayGet.json: an active-passive gateway's default BGP IP is the last usable
address of GatewaySubnet, ``tunnelIpAddresses`` is the instance's public IP;
virtualNetworkGateway.json: ``sharedKey`` is secret, never served by GET/list/PUT; read it
through ``.../sharedkey``).
"""

import functools
import ipaddress
import secrets
import string

from emulator import rules
from emulator.azure import er, resource
from emulator.azure.common import (
    bad_request, invalid_format, ip_in_range, new_etag, parse_ipv4, ref_id, validate_asn, validate_peer_weight,
    validate_prefixes, view_envelope,
)
from emulator.azure.network import allocate_public_ip, public_ip_user
from emulator.core.http import Response


GATEWAY_TYPES = {"Vpn": rules.AZURE_VPN_SKUS, "ExpressRoute": rules.AZURE_ER_SKUS}
VPN_TYPES = ("RouteBased", "PolicyBased")
CONNECTION_PROTOCOLS = ("IKEv2", "IKEv1")
CONNECTION_MODES = ("Default", "ResponderOnly", "InitiatorOnly")
DPD_TIMEOUT_RANGE = (9, 3600)          # Azure VPN docs: DPD timeout 9-3600 s, default 45
DPD_TIMEOUT_DEFAULT = 45
SA_LIFETIME_MIN_SECONDS = 300
SA_DATA_SIZE_MIN_KB = 1024             # 0 means no limit
IPSEC_POLICY_FIELDS = ("saLifeTimeSeconds", "saDataSizeKilobytes", "ipsecEncryption", "ipsecIntegrity",
                       "ikeEncryption", "ikeIntegrity", "dhGroup", "pfsGroup")


IPSEC_POLICY_ENUMS = {
    "ipsecEncryption": rules.AZURE_IPSEC_ENCRYPTION, "ipsecIntegrity": rules.AZURE_IPSEC_INTEGRITY,
    "ikeEncryption": rules.AZURE_IKE_ENCRYPTION, "ikeIntegrity": rules.AZURE_IKE_INTEGRITY,
    "dhGroup": rules.AZURE_DH_GROUPS, "pfsGroup": rules.AZURE_PFS_GROUPS,
}
GENERATION2_SKUS = ("VpnGw4", "VpnGw5", "VpnGw4AZ", "VpnGw5AZ")


MIN_GATEWAY_SUBNET_PREFIX = 29         # GatewaySubnet must be /29 or larger
ER_GATEWAY_INSTANCES = 2               # an ExpressRoute gateway always runs two instances
GENERATED_SHARED_KEY_LENGTH = 32
# VirtualNetworkGatewayConnectionListEntityPropertiesFormat (virtualNetworkGateway.json, 2024-05-01;
# azure-mgmt-network 33.1): what a gateway's connection list serves. sharedKey is in the shape but
# secret, so it is left out as in the connection GET.
LIST_ENTITY_PROPERTIES = (
    "authorizationKey", "virtualNetworkGateway1", "virtualNetworkGateway2", "localNetworkGateway2",
    "connectionType", "connectionProtocol", "routingWeight", "connectionMode", "connectionStatus",
    "tunnelConnectionStatus", "egressBytesTransferred", "ingressBytesTransferred", "peer", "enableBgp",
    "gatewayCustomBgpIpAddresses", "usePolicyBasedTrafficSelectors", "ipsecPolicies", "trafficSelectorPolicies",
    "resourceGuid", "provisioningState", "expressRouteGatewayBypass", "enablePrivateLinkFastPath",
)


SHARED_KEY_RESET_LENGTH_RANGE = (1, 128)   # ConnectionResetSharedKey.keyLength: minimum 1, maximum 128


def _printable_ascii(text):
    return all(32 <= ord(ch) <= 126 for ch in text)


def validate_shared_key(key, target):
    if not isinstance(key, str) or not key or len(key) > rules.AZURE_SHARED_KEY_MAX or not _printable_ascii(key):
        raise bad_request("InvalidSharedKey",  # unverified
                          "The shared key must be 1 to %d printable ASCII characters." % rules.AZURE_SHARED_KEY_MAX,
                          target=target)


def default_bgp_candidates(subnet_prefix, active_active_or_er):
    """Default BGP IPs Azure assigns in GatewaySubnet, in preference order.

    Active-passive: the last usable address (.254 of a /24, .30 of a /27) as in the spec example;
    two instances (active-active, ExpressRoute): from the 4th address up (.4, .5).
    """
    network = ipaddress.IPv4Network(subnet_prefix)
    if active_active_or_er:
        return [str(network.network_address + i) for i in range(4, network.num_addresses - 1)]
    return [str(network.broadcast_address - i) for i in range(1, network.num_addresses - 4)]


# -- local network gateways -----------------------------------------------------------------------
def connections_using(arm, field, rid):
    key = rid.lower()
    return [c["id"] for c in arm.list_kind("connection")
            if (c["properties"].get(field) or {}).get("id", "").lower() == key]


def build_lng(put):
    """localNetworkGateway PUT rules (resource.put runs the prelude)."""
    rid, obj, props = put.rid, put.obj, put.props
    address, fqdn = props.get("gatewayIpAddress"), props.get("fqdn")
    if not address and not fqdn:
        raise bad_request("LocalNetworkGatewayMustHaveIpAddressOrFqdn",  # unverified
                          "Local network gateway %s must have gatewayIpAddress or fqdn." % rid)
    if address and parse_ipv4(address) is None:
        raise bad_request("InvalidLocalNetworkGatewayIpAddress",  # unverified
                          "gatewayIpAddress '%s' is not a valid IPv4 address." % address,
                          target="properties.gatewayIpAddress")
    space = (props.get("localNetworkAddressSpace") or {}).get("addressPrefixes") or []
    validate_prefixes(space, "properties.localNetworkAddressSpace.addressPrefixes")
    obj["properties"]["localNetworkAddressSpace"] = {"addressPrefixes": list(space)}
    if address:
        obj["properties"]["gatewayIpAddress"] = address
    if fqdn:
        obj["properties"]["fqdn"] = fqdn
    bgp = props.get("bgpSettings")
    if bgp:
        asn = bgp.get("asn")
        validate_asn(asn, "properties.bgpSettings.asn")
        peer = bgp.get("bgpPeeringAddress")
        if parse_ipv4(peer) is None:
            raise bad_request("InvalidBgpPeeringAddress",  # unverified
                              "bgpPeeringAddress '%s' is not a valid IPv4 address." % (peer,),
                              target="properties.bgpSettings.bgpPeeringAddress")
        weight = validate_peer_weight(bgp.get("peerWeight", 0), "properties.bgpSettings.peerWeight")
        obj["properties"]["bgpSettings"] = {"asn": asn, "bgpPeeringAddress": peer, "peerWeight": weight}


def check_lng_delete(arm, obj):
    users = connections_using(arm, "localNetworkGateway2", obj["id"])
    if users:
        raise bad_request("InUseLocalNetworkGatewayCannotBeDeleted",  # unverified
                          "Local network gateway %s cannot be deleted because it is in use by connection(s) %s. "
                          "Delete the connections first." % (obj["id"], ", ".join(users)))


# -- virtual network gateways ----------------------------------------------------------------------
def vng_view(arm, obj, model=None):
    return view_envelope(obj)


def parse_subnet_id(subnet_id):
    parts = subnet_id.split("/")
    lowered = [p.lower() for p in parts]
    if len(parts) < 11 or lowered[-2] != "subnets" or lowered[-4] != "virtualnetworks":
        return None, None
    return "/".join(parts[:-2]), parts[-1]


def used_default_addresses(arm, subnet_id, exclude_id):
    used = set()
    for other in arm.list_kind("virtualNetworkGateway"):
        if other["id"].lower() == exclude_id.lower():
            continue
        ipcs = other["properties"].get("ipConfigurations", [])
        if not any(ipc["properties"]["subnet"]["id"].lower() == subnet_id.lower() for ipc in ipcs):
            continue
        for entry in other["properties"].get("bgpSettings", {}).get("bgpPeeringAddresses", []):
            used.update(entry.get("defaultBgpIpAddresses", []))
    return used


def normalize_ip_configurations(arm, rid, location, props, gateway_type, sku_name):
    items = props.get("ipConfigurations") or []
    if not isinstance(items, list):
        raise invalid_format("Cannot parse the request.", "InvalidJsonPropertyType",
                             "properties.ipConfigurations must be an array.")
    configs, names, pips, subnet_ids = [], set(), set(), set()
    for item in items:
        item = item or {}
        name = item.get("name")
        if not name or name.lower() in names:
            raise bad_request("InvalidRequestFormat",
                              "Each gateway IP configuration needs a unique name.",
                              target="properties.ipConfigurations")
        names.add(name.lower())
        ipc_id = "%s/ipConfigurations/%s" % (rid, name)
        iprops = item.get("properties") or {}
        subnet_id = ref_id(iprops.get("subnet"))
        if subnet_id is None:
            raise invalid_format("Cannot parse the request.", "MissingJsonReferenceId",
                                 "Value for reference id is missing. Path properties.ipConfigurations[%s]"
                                 ".properties.subnet." % name)
        vnet_id, subnet_name = parse_subnet_id(subnet_id)
        if vnet_id is None:
            raise arm.reference_error(subnet_id, rid)
        if subnet_name.lower() != "gatewaysubnet":
            raise bad_request("InvalidGatewaySubnet",  # unverified
                              "Subnet %s cannot be used by virtual network gateway %s: a gateway must use the "
                              "subnet named GatewaySubnet." % (subnet_id, rid))
        vnet = arm.reference("virtualNetwork", vnet_id, rid, location=location)
        arm.require_provisioned(vnet, rid)
        subnet = next((s for s in vnet["properties"].get("subnets", [])
                       if s["name"].lower() == "gatewaysubnet"), None)
        if subnet is None or subnet["properties"].get("provisioningState") == "Deleting":
            raise arm.reference_error(subnet_id, rid)
        subnet_ids.add(subnet["id"].lower())
        pip_id = ref_id(iprops.get("publicIPAddress"))
        ipc_props = {"privateIPAllocationMethod": iprops.get("privateIPAllocationMethod", "Dynamic"),
                     "subnet": {"id": subnet["id"]}, "provisioningState": "Succeeded"}
        if pip_id is None and gateway_type == "Vpn":
            raise invalid_format("Cannot parse the request.", "MissingJsonReferenceId",
                                 "Value for reference id is missing. Path properties.ipConfigurations[%s]"
                                 ".properties.publicIPAddress." % name)
        pip = None
        if pip_id is not None:
            pip = arm.reference("publicIPAddress", pip_id, rid, location=location)
            arm.require_provisioned(pip, rid)
            user = public_ip_user(arm, pip["id"])
            if pip["id"].lower() in pips or (user and not user.lower().startswith(rid.lower() + "/")):
                raise bad_request("PublicIPAddressInUse",
                                  "Resource %s is referencing public IP address %s that is already allocated to "
                                  "resource %s." % (ipc_id, pip["id"], user or ipc_id))
            pips.add(pip["id"].lower())
            if sku_name in rules.AZURE_SKUS_NEEDING_STANDARD_PUBLIC_IP and \
                    pip.get("sku", {}).get("name") != "Standard":
                raise bad_request("VirtualNetworkGatewayAzSkuRequiresStandardPublicIp",  # unverified
                                  "Gateway SKU %s needs Standard SKU public IP addresses; %s is %s."
                                  % (sku_name, pip["id"], pip.get("sku", {}).get("name")))
            ipc_props["publicIPAddress"] = {"id": pip["id"]}
        configs.append({"name": name, "id": ipc_id, "etag": "", "properties": ipc_props, "_pip": pip,
                        "_subnet": subnet})
    if len(subnet_ids) > 1:
        raise bad_request("GatewayIpConfigurationsMustUseSameSubnet",  # unverified
                          "All IP configurations of virtual network gateway %s must use the same GatewaySubnet."
                          % rid)
    return configs


def requested_peering_addresses(rid, requested, configs):
    """The caller's ``bgpPeeringAddresses`` by ipConfiguration id (lowercase): one per configuration,
    custom addresses APIPA and unique."""
    by_config = {}
    if not isinstance(requested, list) or len(requested) != len(configs):
        raise bad_request("BgpPeeringAddressesCountNotCorrect",
                          "The number of BGP peering addresses (%d) must equal the number of IP "
                          "configurations of virtual network gateway %s (%d: 1 for active-passive, 2 for "
                          "active-active)." % (len(requested) if isinstance(requested, list) else 0,
                                               rid, len(configs)))
    config_ids = {c["id"].lower(): c for c in configs}
    seen_addresses = set()
    for entry in requested:
        entry = entry or {}
        config_id = (entry.get("ipconfigurationId") or "").lower()
        if config_id not in config_ids or config_id in by_config:
            raise bad_request("InvalidBgpPeeringAddressIpConfiguration",  # unverified
                              "bgpPeeringAddresses ipconfigurationId '%s' is not one of the IP configurations "
                              "of virtual network gateway %s (each once)."
                              % (entry.get("ipconfigurationId"), rid))
        customs = entry.get("customBgpIpAddresses") or []
        for address in customs:
            if not ip_in_range(address, *rules.APIPA_RANGE):
                raise bad_request("InvalidCustomBgpIpAddress",  # unverified
                                  "Custom BGP IP address %s is not valid: custom (APIPA) BGP addresses must "
                                  "be in the range %s - %s." % (address, rules.APIPA_RANGE[0],
                                                                rules.APIPA_RANGE[1]))
            if address in seen_addresses:
                raise bad_request("DuplicateCustomBgpIpAddress",  # unverified
                                  "Custom BGP IP address %s is used more than once on virtual network "
                                  "gateway %s." % (address, rid))
            seen_addresses.add(address)
        by_config[config_id] = entry
    return by_config


def build_bgp_settings(arm, rid, props, configs, active_active, gateway_type, existing):
    bgp = props.get("bgpSettings") or {}
    old_bgp = (existing or {}).get("properties", {}).get("bgpSettings") or {}
    if gateway_type == "ExpressRoute":
        asn = rules.AZURE_DEFAULT_VNG_ASN
    else:
        asn = bgp.get("asn", old_bgp.get("asn", rules.AZURE_DEFAULT_VNG_ASN))
        if asn != rules.AZURE_DEFAULT_VNG_ASN:
            validate_asn(asn, "properties.bgpSettings.asn")
    weight = validate_peer_weight(bgp.get("peerWeight", old_bgp.get("peerWeight", 0)),
                                  "properties.bgpSettings.peerWeight")
    requested = bgp.get("bgpPeeringAddresses")
    by_config = requested_peering_addresses(rid, requested, configs) if requested else {}
    # Default (GatewaySubnet) addresses: kept across updates, read-only for the caller.
    old_entries = {e["ipconfigurationId"].lower(): e for e in old_bgp.get("bgpPeeringAddresses", [])}
    old_mode = (existing or {}).get("properties", {}).get("activeActive")
    two_per_instance = gateway_type == "ExpressRoute"
    subnet = configs[0]["_subnet"]
    network = ipaddress.IPv4Network(subnet["properties"]["addressPrefix"])
    if network.prefixlen > MIN_GATEWAY_SUBNET_PREFIX:
        raise bad_request("GatewaySubnetTooSmall",  # unverified
                          "GatewaySubnet %s (%s) is too small for a virtual network gateway: use /29 or larger "
                          "(/27 recommended)." % (subnet["id"], network))
    candidates = [a for a in default_bgp_candidates(network, active_active or two_per_instance)
                  if a not in used_default_addresses(arm, subnet["id"], rid)]
    entries = []
    for config in configs:
        key = config["id"].lower()
        old = old_entries.get(key)
        wanted = (by_config.get(key) or {}).get("defaultBgpIpAddresses")
        keep = old is not None and old_mode == active_active and existing is not None
        defaults = list(old["defaultBgpIpAddresses"]) if keep else None
        if defaults is None:
            count = ER_GATEWAY_INSTANCES if two_per_instance else 1
            defaults = [a for a in candidates if not any(a in e["defaultBgpIpAddresses"] for e in entries)][:count]
        if existing is not None and wanted and keep and list(wanted) != defaults:
            raise bad_request("VirtualNetworkGatewayBgpPeeringAddressCannotBeModified",
                              "Default BGP peering addresses of %s cannot be modified (%s)."
                              % (config["id"], ", ".join(defaults)))
        pip = config["_pip"]
        entries.append({
            "ipconfigurationId": config["id"],
            "defaultBgpIpAddresses": defaults,
            "customBgpIpAddresses": list((by_config.get(key) or {}).get("customBgpIpAddresses") or
                                         ([] if requested else (old or {}).get("customBgpIpAddresses", []))),
            "tunnelIpAddresses": [pip["properties"]["ipAddress"]] if pip and gateway_type == "Vpn" else [],
        })
    peering_address = ",".join(a for e in entries for a in e["defaultBgpIpAddresses"])
    given = bgp.get("bgpPeeringAddress")
    if existing is not None and given and old_bgp.get("bgpPeeringAddress") and \
            given != old_bgp["bgpPeeringAddress"]:
        raise bad_request("VirtualNetworkGatewayBgpPeeringAddressCannotBeModified",
                          "The BGP peering address of virtual network gateway %s cannot be modified; it is %s."
                          % (rid, old_bgp["bgpPeeringAddress"]))
    return {"asn": asn, "bgpPeeringAddress": peering_address, "peerWeight": weight,
            "bgpPeeringAddresses": entries}


def build_auto_scale(props, sku_name, existing):
    """ErGwScale's ``autoScaleConfiguration.bounds{min, max}`` (scale units; azure-mgmt-network
    VirtualNetworkGatewayAutoScaleBounds). Other SKUs have none. Absent on an update: kept."""
    if sku_name != "ErGwScale":
        return None
    config = props.get("autoScaleConfiguration")
    if config is None:
        old = ((existing or {}).get("properties") or {}).get("autoScaleConfiguration")
        return old if old is not None else {"bounds": {"min": 2, "max": 2}}   # unverified default
    bounds = (config or {}).get("bounds") if isinstance(config, dict) else None
    low, high = rules.AZURE_ER_SCALE_UNITS_RANGE
    values = [(bounds or {}).get(k) for k in ("min", "max")]
    if not isinstance(bounds, dict) or any(isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high
                                           for v in values) or values[0] > values[1]:
        raise bad_request("InvalidAutoScaleConfiguration",  # unverified
                          "autoScaleConfiguration.bounds needs integer min and max scale units from %d to %d "
                          "with min <= max." % (low, high), target="properties.autoScaleConfiguration")
    return {"bounds": {"min": values[0], "max": values[1]}}


def gateway_type_and_sku(props, existing, rid):
    """The gateway type and SKU name a PUT asks for, checked against each other and the stored gateway."""
    gateway_type = props.get("gatewayType")
    if gateway_type not in GATEWAY_TYPES:
        raise bad_request("InvalidGatewayType",  # unverified
                          "gatewayType '%s' is not supported: use Vpn or ExpressRoute." % (gateway_type,),
                          target="properties.gatewayType")
    if existing is not None and existing["properties"]["gatewayType"] != gateway_type:
        raise bad_request("VirtualNetworkGatewayTypeCannotBeChanged",  # unverified
                          "The gatewayType of %s cannot be changed from %s to %s."
                          % (rid, existing["properties"]["gatewayType"], gateway_type))
    sku = props.get("sku") or {}
    sku_name = sku.get("name")
    if sku_name not in GATEWAY_TYPES[gateway_type] or sku.get("tier", sku_name) != sku_name:
        raise bad_request("InvalidGatewaySku",  # unverified
                          "Gateway SKU name '%s' / tier '%s' is not valid for gateway type %s. Valid SKUs: %s."
                          % (sku_name, sku.get("tier"), gateway_type, ", ".join(GATEWAY_TYPES[gateway_type])),
                          target="properties.sku")
    if existing is None and sku_name in rules.AZURE_VPN_SKUS_NO_CREATE:
        # Microsoft Learn, gateway-sku-consolidation: since 1 January 2025 non-AZ VpnGw1-5 gateways
        # cannot be created; an existing one can still be updated.
        raise bad_request("VpnGatewaySkuNotSupportedForNewGateways",  # unverified (code)
                          "Gateway SKU %s can no longer be used to create a virtual network gateway (non-AZ "
                          "VpnGw1-5 SKUs are retired for new gateways since 2025-01-01); use %sAZ."
                          % (sku_name, sku_name), target="properties.sku")
    return gateway_type, sku_name


def check_one_gateway_per_type(arm, rid, gateway_type, configs):
    """A virtual network has at most one gateway of each type."""
    vnet_id = parse_subnet_id(configs[0]["properties"]["subnet"]["id"])[0].lower()
    for other in arm.list_kind("virtualNetworkGateway"):
        if other["id"].lower() == rid.lower() or other["properties"]["gatewayType"] != gateway_type:
            continue
        other_vnet = parse_subnet_id(other["properties"]["ipConfigurations"][0]["properties"]["subnet"]["id"])[0]
        if other_vnet.lower() == vnet_id:
            raise bad_request("VirtualNetworkGatewayOfSameTypeExists",  # unverified
                              "Virtual network %s already has a gateway of type %s (%s)."
                              % (other_vnet, gateway_type, other["id"]))


def build_vng(put):
    """virtualNetworkGateway PUT rules (resource.put runs the prelude)."""
    arm, existing, obj, props = put.arm, put.existing, put.obj, put.props
    rid = obj["id"]
    gateway_type, sku_name = gateway_type_and_sku(props, existing, rid)
    auto_scale = build_auto_scale(props, sku_name, existing)
    vpn_type = props.get("vpnType", "RouteBased")
    if gateway_type == "Vpn" and vpn_type not in VPN_TYPES:
        raise bad_request("InvalidVpnType", "vpnType must be RouteBased or PolicyBased.",  # unverified
                          target="properties.vpnType")
    if gateway_type == "Vpn" and vpn_type == "PolicyBased" and sku_name != "Basic":
        raise bad_request("PolicyBasedGatewayRequiresBasicSku",  # unverified
                          "Policy-based VPN gateways are only available with the Basic SKU.")
    active_active = bool(props.get("activeActive", False))
    enable_bgp = bool(props.get("enableBgp", False))
    if sku_name == "Basic" and active_active:
        raise bad_request("ActiveActiveNotSupportedOnBasicSku",  # unverified
                          "Active-active mode is not supported on the Basic gateway SKU.")
    if sku_name == "Basic" and enable_bgp:
        raise bad_request("BgpNotSupportedOnBasicSku",  # unverified
                          "BGP is not supported on the Basic gateway SKU.")
    count = len(props.get("ipConfigurations") or [])
    if active_active and count != 2:
        raise bad_request("ActiveActiveGatewayMustHaveExactlyTwoIpConfigurations",
                          "Active-active virtual network gateway %s must have exactly two IP configurations; "
                          "it has %d." % (rid, count))
    if not active_active and count != 1:
        raise bad_request("VirtualNetworkGatewayMustHaveExactlyOneIpConfiguration",  # unverified
                          "Virtual network gateway %s that is not active-active must have exactly one IP "
                          "configuration; it has %d." % (rid, count))
    configs = normalize_ip_configurations(arm, rid, obj["location"], props, gateway_type, sku_name)
    check_one_gateway_per_type(arm, rid, gateway_type, configs)
    # Dynamic (Basic) public IPs get their address when the gateway takes them.
    for config in configs:
        pip = config["_pip"]
        if pip is not None and not pip["properties"].get("ipAddress"):
            pip["properties"]["ipAddress"] = allocate_public_ip(arm)
            arm.store.put("azure", "publicIPAddress", pip["id"].lower(), pip)
    bgp_settings = build_bgp_settings(arm, rid, props, configs, active_active, gateway_type, existing)
    for config in configs:
        config.pop("_pip")
        config.pop("_subnet")
    generation = props.get("vpnGatewayGeneration") or (
        "None" if gateway_type == "ExpressRoute" else
        "Generation2" if sku_name in GENERATION2_SKUS else "Generation1")
    obj["properties"].update({
        "gatewayType": gateway_type,
        "vpnType": vpn_type,
        "vpnGatewayGeneration": generation,
        "sku": {"name": sku_name, "tier": sku_name},
        "activeActive": active_active,
        "enableBgp": enable_bgp,
        "enablePrivateIpAddress": bool(props.get("enablePrivateIpAddress", False)),
        "disableIPSecReplayProtection": bool(props.get("disableIPSecReplayProtection", False)),
        "ipConfigurations": configs,
        "bgpSettings": bgp_settings,
        "natRules": [],
        "enableBgpRouteTranslationForNat": False,
        "allowRemoteVnetTraffic": bool(props.get("allowRemoteVnetTraffic", False)),
        "allowVirtualWanTraffic": bool(props.get("allowVirtualWanTraffic", False)),
    })
    if auto_scale is not None:
        obj["properties"]["autoScaleConfiguration"] = auto_scale
    else:
        obj["properties"].pop("autoScaleConfiguration", None)


def check_vng_delete(arm, obj):
    users = connections_using(arm, "virtualNetworkGateway1", obj["id"])
    if users:
        raise bad_request("VirtualNetworkGatewayCannotBeDeleted",
                          "Virtual network gateway %s cannot be deleted because it is in use by connection(s): "
                          "%s. Delete the connections first." % (obj["id"], ", ".join(users)))


def vng_connections(arm, req, sub, rg, name):
    arm.begin(req, sub)
    vng = arm.require("virtualNetworkGateway", rg, name)
    model = arm.model()
    key = vng["id"].lower()
    items = [connection_list_entity(conn_view(arm, c, model)) for c in arm.list_kind("connection")
             if c["properties"]["virtualNetworkGateway1"]["id"].lower() == key]
    return Response(200, arm.page(req, items))


def connection_list_entity(served):
    """VirtualNetworkGateways_ListConnections serves VirtualNetworkGatewayConnectionListEntity:
    only that shape's properties, the gateways as bare {"id"} references
    (VirtualNetworkConnectionGatewayReference; virtualNetworkGateway.json, 2024-05-01)."""
    props = {k: v for k, v in served["properties"].items() if k in LIST_ENTITY_PROPERTIES}
    for field in ("virtualNetworkGateway1", "localNetworkGateway2"):
        if isinstance(props.get(field), dict):
            props[field] = {"id": props[field]["id"]}
    return dict(served, properties=props)


# BGP actions: 202 + Location; the result comes from the model when the operation completes.
def gateway_state(arm, args):
    model = arm.model() or {}
    return model.get("azure_gateways", {}).get(args["gateway"]) or {}


def bgp_peer_status(arm, args):
    peers = gateway_state(arm, args).get("bgpPeers", [])
    if args.get("peer"):
        peers = [p for p in peers if p.get("neighbor") == args["peer"]]
    return {"value": peers}


def learned_routes(arm, args):
    return {"value": gateway_state(arm, args).get("learnedRoutes", [])}


def advertised_routes(arm, args):
    return {"value": gateway_state(arm, args).get("advertisedRoutes", {}).get(args["peer"], [])}


def vng_action(action, operation_name, peer_required, arm, req, sub, rg, name):
    """A gateway's BGP action: 202 + Location; the result comes from the model when it completes."""
    arm.begin(req, sub)
    vng = arm.require("virtualNetworkGateway", rg, name)
    peer = req.query.get("peer")
    if peer_required and not peer:
        raise bad_request("MissingRequiredParameter",  # unverified
                          "The query parameter 'peer' is required.", target="peer")
    if peer is not None and parse_ipv4(peer) is None:
        raise bad_request("InvalidPeerIpAddress",  # unverified
                          "The peer '%s' is not a valid IPv4 address." % peer, target="peer")
    return arm.begin_action(req, vng["location"], action, {"gateway": vng["id"].lower(), "peer": peer},
                            operation_name)


# -- connections --------------------------------------------------------------------------------------
def conn_view(arm, obj, model=None):
    served = view_envelope(obj)
    props = served["properties"]
    # The REST spec marks sharedKey x-ms-secret: GET, list and PUT responses leave it out; it
    # is read through GET .../sharedkey (virtualNetworkGateway.json, 2024-05-01).
    props.pop("sharedKey", None)
    # The spec types both as full resources (VirtualNetworkGateway / LocalNetworkGateway, whose
    # ``properties`` the SDK model requires); the examples serve {"id", "properties": {}}.
    for field in ("virtualNetworkGateway1", "localNetworkGateway2"):
        if isinstance(props.get(field), dict):
            props[field] = {"id": props[field]["id"], "properties": {}}
    props["ingressBytesTransferred"] = 0
    props["egressBytesTransferred"] = 0
    if props.get("provisioningState") != "Succeeded":
        props["connectionStatus"] = "Unknown"
        return served
    status = (model or {}).get("azure_connections", {}).get(obj["id"].lower())
    if not status:
        props["connectionStatus"] = "NotConnected"
        return served
    props["connectionStatus"] = status.get("connectionStatus", "Unknown")
    tunnels = status.get("tunnelConnectionStatus") or []
    if tunnels:
        props["tunnelConnectionStatus"] = tunnels
    props["ingressBytesTransferred"] = sum(t.get("ingressBytesTransferred", 0) for t in tunnels)
    props["egressBytesTransferred"] = sum(t.get("egressBytesTransferred", 0) for t in tunnels)
    return served


def validate_ipsec_policies(policies, vng):
    if not isinstance(policies, list):
        raise invalid_format("Cannot parse the request.", "InvalidJsonPropertyType",
                             "properties.ipsecPolicies must be an array.")
    if len(policies) > 1:
        raise bad_request("OnlyOneIpsecPolicyIsSupported",  # unverified
                          "A connection supports one custom IPsec/IKE policy; %d were given." % len(policies))
    if policies and vng["properties"]["sku"]["name"] in rules.AZURE_CUSTOM_POLICY_SKUS_EXCLUDED:
        raise bad_request("CustomIpsecPolicyNotSupportedOnBasicSku",  # unverified
                          "Custom IPsec/IKE policies are not supported on the %s gateway SKU."
                          % vng["properties"]["sku"]["name"])
    out = []
    for policy in policies:
        policy = policy or {}
        missing = [f for f in IPSEC_POLICY_FIELDS if policy.get(f) is None]
        if missing:
            raise invalid_format("Cannot parse the request.", "MissingJsonProperty",
                                 "IPsec policy is missing required properties: %s. All of %s are required."
                                 % (", ".join(missing), ", ".join(IPSEC_POLICY_FIELDS)),
                                 target="properties.ipsecPolicies")
        for field, allowed in IPSEC_POLICY_ENUMS.items():
            if policy[field] not in allowed:
                raise bad_request("InvalidIpsecPolicyParameter",  # unverified
                                  "IPsec policy %s '%s' is not valid; allowed: %s."
                                  % (field, policy[field], ", ".join(allowed)),
                                  target="properties.ipsecPolicies.%s" % field)
        lifetime, size = policy["saLifeTimeSeconds"], policy["saDataSizeKilobytes"]
        if not isinstance(lifetime, int) or lifetime < SA_LIFETIME_MIN_SECONDS:
            raise bad_request("InvalidIpsecPolicyParameter",  # unverified
                              "saLifeTimeSeconds must be at least %d." % SA_LIFETIME_MIN_SECONDS,
                              target="properties.ipsecPolicies.saLifeTimeSeconds")
        if not isinstance(size, int) or (size != 0 and size < SA_DATA_SIZE_MIN_KB):
            raise bad_request("InvalidIpsecPolicyParameter",  # unverified
                              "saDataSizeKilobytes must be 0 (no limit) or at least %d." % SA_DATA_SIZE_MIN_KB,
                              target="properties.ipsecPolicies.saDataSizeKilobytes")
        gcm = [v for v in (policy["ipsecEncryption"], policy["ipsecIntegrity"]) if v.startswith("GCMAES")]
        if gcm and policy["ipsecEncryption"] != policy["ipsecIntegrity"]:
            raise bad_request("IpsecEncryptionAndIntegrityMustMatchForGcm",  # unverified
                              "With GCM, IPsec encryption and IPsec integrity must be the same GCMAES algorithm "
                              "and key length (got %s / %s)." % (policy["ipsecEncryption"],
                                                                 policy["ipsecIntegrity"]))
        out.append({f: policy[f] for f in IPSEC_POLICY_FIELDS})
    return out


def validate_custom_bgp_addresses(entries, vng, rid):
    if not isinstance(entries, list):
        raise invalid_format("Cannot parse the request.", "InvalidJsonPropertyType",
                             "properties.gatewayCustomBgpIpAddresses must be an array.")
    instances = {e["ipconfigurationId"].lower(): e
                 for e in vng["properties"].get("bgpSettings", {}).get("bgpPeeringAddresses", [])}
    out, seen = [], set()
    for entry in entries:
        entry = entry or {}
        config_id = entry.get("ipConfigurationId") or ""
        address = entry.get("customBgpIpAddress")
        instance = instances.get(config_id.lower())
        if instance is None or config_id.lower() in seen:
            raise bad_request("InvalidGatewayCustomBgpIpAddressIpConfiguration",  # unverified
                              "gatewayCustomBgpIpAddresses ipConfigurationId '%s' is not an IP configuration of "
                              "virtual network gateway %s (each may appear once)." % (config_id, vng["id"]))
        seen.add(config_id.lower())
        if address not in instance.get("customBgpIpAddresses", []):
            raise bad_request("GatewayCustomBgpIpAddressNotConfigured",  # unverified
                              "Custom BGP IP address %s is not one of the customBgpIpAddresses of %s (%s)."
                              % (address, instance["ipconfigurationId"],
                                 ", ".join(instance.get("customBgpIpAddresses", [])) or "none"))
        out.append({"ipConfigurationId": instance["ipconfigurationId"], "customBgpIpAddress": address})
    return out


def build_connection(put):
    """connection PUT rules (resource.put runs the prelude)."""
    arm, existing, obj, props = put.arm, put.existing, put.obj, put.props
    rid = obj["id"]
    ctype = props.get("connectionType")
    if ctype is None:
        raise invalid_format("Cannot parse the request.", "MissingJsonProperty",
                             "Required property connectionType is missing.", target="properties.connectionType")
    if ctype not in ("IPsec", "ExpressRoute"):
        raise bad_request("UnsupportedConnectionType",
                          "The twin serves IPsec and ExpressRoute connections; '%s' is not supported." % ctype,
                          target="properties.connectionType")
    if existing is not None and existing["properties"]["connectionType"] != ctype:
        raise bad_request("ConnectionTypeCannotBeChanged",  # unverified
                          "The connectionType of %s cannot be changed." % rid)
    vng_id = ref_id(props.get("virtualNetworkGateway1"))
    if vng_id is None:
        raise invalid_format("Cannot parse the request.", "MissingJsonReferenceId",
                             "Value for reference id is missing. Path properties.virtualNetworkGateway1.")
    vng = arm.reference("virtualNetworkGateway", vng_id, rid, location=obj["location"])
    arm.require_provisioned(vng, rid)
    if existing is not None and \
            existing["properties"]["virtualNetworkGateway1"]["id"].lower() != vng["id"].lower():
        raise bad_request("ConnectionGatewayCannotBeChanged",  # unverified
                          "The virtual network gateway of connection %s cannot be changed." % rid)
    wanted_type = "Vpn" if ctype == "IPsec" else "ExpressRoute"
    if vng["properties"]["gatewayType"] != wanted_type:
        raise bad_request("InvalidGatewayTypeForConnection",  # unverified
                          "A %s connection needs a virtual network gateway of type %s; %s is %s."
                          % (ctype, wanted_type, vng["id"], vng["properties"]["gatewayType"]))
    weight = props.get("routingWeight", 0)
    if not isinstance(weight, int) or isinstance(weight, bool) or weight < 0:
        raise bad_request("InvalidRoutingWeight", "routingWeight must be a non-negative integer.")  # unverified
    p = obj["properties"]
    p.update({"connectionType": ctype, "virtualNetworkGateway1": {"id": vng["id"]}, "routingWeight": weight,
              "ingressNatRules": [], "egressNatRules": [], "trafficSelectorPolicies": []})
    if ctype == "IPsec":
        build_ipsec_connection(arm, rid, props, p, vng, existing)
    else:
        er.build_er_connection(arm, rid, props, p, vng)


def build_ipsec_connection(arm, rid, props, p, vng, existing):
    lng = arm.required_reference(props, "localNetworkGateway2", "localNetworkGateway", rid)
    protocol = props.get("connectionProtocol", "IKEv2")
    if protocol not in CONNECTION_PROTOCOLS:
        raise bad_request("InvalidConnectionProtocol",  # unverified
                          "connectionProtocol must be IKEv2 or IKEv1.", target="properties.connectionProtocol")
    if props.get("sharedKey") is not None:
        validate_shared_key(props["sharedKey"], "properties.sharedKey")
        shared_key = props["sharedKey"]
    else:
        # Azure generates a key when none is given (unverified); keep an existing one on update.
        shared_key = (existing or {}).get("properties", {}).get("sharedKey") or "".join(
            secrets.choice(string.ascii_letters + string.digits) for _ in range(GENERATED_SHARED_KEY_LENGTH))
    enable_bgp = bool(props.get("enableBgp", False))
    if enable_bgp and not vng["properties"].get("enableBgp"):
        raise bad_request("BgpNotEnabledOnVirtualNetworkGateway",  # unverified
                          "Connection %s enables BGP but virtual network gateway %s does not have BGP enabled."
                          % (rid, vng["id"]))
    if enable_bgp and not lng["properties"].get("bgpSettings"):
        raise bad_request("LocalNetworkGatewayBgpSettingsMissing",  # unverified
                          "Connection %s enables BGP but local network gateway %s has no bgpSettings."
                          % (rid, lng["id"]))
    dpd = props.get("dpdTimeoutSeconds", DPD_TIMEOUT_DEFAULT)
    if not isinstance(dpd, int) or isinstance(dpd, bool) or not DPD_TIMEOUT_RANGE[0] <= dpd <= DPD_TIMEOUT_RANGE[1]:
        raise bad_request("InvalidDpdTimeout",  # unverified
                          "dpdTimeoutSeconds must be between %d and %d." % DPD_TIMEOUT_RANGE,
                          target="properties.dpdTimeoutSeconds")
    mode = props.get("connectionMode", "Default")
    if mode not in CONNECTION_MODES:
        raise bad_request("InvalidConnectionMode",  # unverified
                          "connectionMode must be one of %s." % ", ".join(CONNECTION_MODES),
                          target="properties.connectionMode")
    p.update({
        "localNetworkGateway2": {"id": lng["id"]},
        "connectionProtocol": protocol,
        "sharedKey": shared_key,
        "enableBgp": enable_bgp,
        "ipsecPolicies": validate_ipsec_policies(props.get("ipsecPolicies") or [], vng),
        "gatewayCustomBgpIpAddresses": validate_custom_bgp_addresses(
            props.get("gatewayCustomBgpIpAddresses") or [], vng, rid),
        "dpdTimeoutSeconds": dpd,
        "connectionMode": mode,
        "usePolicyBasedTrafficSelectors": bool(props.get("usePolicyBasedTrafficSelectors", False)),
        "useLocalAzureIpAddress": bool(props.get("useLocalAzureIpAddress", False)),
        "expressRouteGatewayBypass": False,
    })


# Shared key: GET returns {"value"}; PUT is an LRO that re-provisions the connection.
def ipsec_connection(arm, rg, name):
    obj = arm.require("connection", rg, name)
    if obj["properties"]["connectionType"] != "IPsec":
        raise bad_request("SharedKeyNotApplicable",  # unverified
                          "Connection %s is of type %s and has no shared key."
                          % (obj["id"], obj["properties"]["connectionType"]))
    return obj


def shared_key_get(arm, req, sub, rg, name):
    arm.begin(req, sub)
    obj = ipsec_connection(arm, rg, name)
    return Response(200, {"id": obj["id"] + "/sharedkey", "value": obj["properties"]["sharedKey"]})


def shared_key_put(arm, req, sub, rg, name):
    arm.begin(req, sub)
    body = arm.body(req)
    obj = ipsec_connection(arm, rg, name)
    arm.check_not_busy(obj)
    validate_shared_key(body.get("value"), "value")
    obj["properties"]["sharedKey"] = body["value"]
    obj["_updatedAt"] = arm.now()
    return arm.begin_put(req, "connection", obj, False,
                         lambda o: {"id": o["id"] + "/sharedkey", "value": o["properties"]["sharedKey"]},
                         "SetVirtualNetworkGatewayConnectionSharedKeyOperation")


def shared_key_reset(arm, req, sub, rg, name):
    """VirtualNetworkGatewayConnections_ResetSharedKey: POST {"keyLength"} (1-128), a long-running
    action answered 202 + Location, whose result is the ConnectionResetSharedKey sent
    (virtualNetworkGateway.json, 2024-05-01: responses 200 and 202). The new key is random
    printable characters of that length; it is read back through GET .../sharedkey."""
    arm.begin(req, sub)
    body = arm.body(req)
    obj = ipsec_connection(arm, rg, name)
    arm.check_not_busy(obj)
    length = body.get("keyLength")
    low, high = SHARED_KEY_RESET_LENGTH_RANGE
    if isinstance(length, bool) or not isinstance(length, int) or not low <= length <= high:
        raise bad_request("InvalidRequestFormat",  # unverified: the spec bounds it, the code is ours
                          "keyLength must be an integer from %d to %d." % (low, high), target="keyLength")
    obj["properties"]["sharedKey"] = "".join(
        secrets.choice(string.ascii_letters + string.digits) for _ in range(length))
    obj["etag"] = new_etag()
    obj["_updatedAt"] = arm.now()
    arm.store.put("azure", "connection", obj["id"].lower(), obj)
    return arm.begin_action(req, obj["location"], "resetSharedKey", {"keyLength": length},
                            "ResetVirtualNetworkGatewayConnectionSharedKeyOperation")


# Operation results of the actions, by the name the operation record keeps (see Arm.actions).
ACTIONS = {
    "getBgpPeerStatus": bgp_peer_status, "getLearnedRoutes": learned_routes, "getAdvertisedRoutes": advertised_routes,
    "resetSharedKey": lambda arm, args: {"keyLength": args["keyLength"]},
}


LOCAL_NETWORK_GATEWAY = resource.Kind(
    "localNetworkGateway", build_lng, "PutLocalNetworkGatewayOperation", "DeleteLocalNetworkGatewayOperation",
    check_delete=check_lng_delete)


VIRTUAL_NETWORK_GATEWAY = resource.Kind(
    "virtualNetworkGateway", build_vng, "PutVirtualNetworkGatewayOperation", "DeleteVirtualNetworkGatewayOperation",
    view=vng_view, check_delete=check_vng_delete)
# A connection's GET and list carry the model's status; its PUT and PATCH answers do not read it.
CONNECTION = resource.Kind(
    "connection", build_connection, "PutVirtualNetworkGatewayConnectionOperation",
    "DeleteVirtualNetworkGatewayConnectionOperation", view=conn_view, model_reads=("get", "list"))


def register(router, arm):
    resource.register_kind(router, arm, LOCAL_NETWORK_GATEWAY)
    resource.register_kind(router, arm, VIRTUAL_NETWORK_GATEWAY)
    vng_path = resource.resource_path(VIRTUAL_NETWORK_GATEWAY)
    resource.route(router, "GET", vng_path + "/connections", functools.partial(vng_connections, arm))
    for action, operation_name, peer_required in (
            ("getBgpPeerStatus", "GetBgpPeerStatusOperation", False),
            ("getLearnedRoutes", "GetLearnedRoutesOperation", False),
            ("getAdvertisedRoutes", "GetAdvertisedRoutesOperation", True)):
        resource.route(router, "POST", "%s/%s" % (vng_path, action),
                       functools.partial(vng_action, action, operation_name, peer_required, arm), write=False)
    resource.register_kind(router, arm, CONNECTION)
    conn_path = resource.resource_path(CONNECTION)
    resource.route(router, "GET", conn_path + "/sharedkey", functools.partial(shared_key_get, arm))
    resource.route(router, "PUT", conn_path + "/sharedkey", functools.partial(shared_key_put, arm))
    resource.route(router, "POST", conn_path + "/sharedkey/reset", functools.partial(shared_key_reset, arm))
