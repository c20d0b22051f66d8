"""ARM validation errors, in-use deletes and reference checks, asserted by error code on the SDK's
HttpResponseError. (Poll delays are capped: see cap_poll_delay.)"""

import pytest
from test_azure_support import GCM_POLICY, AzureBuilder, arm_error, error_code


pytestmark = pytest.mark.usefixtures("fast_polls")


@pytest.fixture(scope="module")
def env(twin):
    """An active-active BGP gateway (custom APIPA per instance) and a Basic gateway, built concurrently."""
    b = AzureBuilder(twin, twin.azure_network())
    vnets = [b.begin_vnet("vnet-v", prefix="10.40.0.0/16", gateway_subnet="10.40.255.0/27",
                          subnets=[("apps", "10.40.1.0/24")]),
             b.begin_vnet("vnet-basic", prefix="10.41.0.0/16", gateway_subnet="10.41.255.0/27")]
    vnet, vnet_basic = [v.result() for v in vnets]
    pips = [b.begin_public_ip("pip-v-%d" % i) for i in range(2)] + \
        [b.begin_public_ip("pip-basic", sku="Basic", method="Dynamic"), b.begin_public_ip("pip-spare")]
    pips = [p.result() for p in pips]
    gateways = [
        b.begin_gateway("vng-v", vnet, pips[:2], active_active=True, asn=65050,
                        custom=[["169.254.21.2", "169.254.21.6"], ["169.254.22.2"]]),
        b.begin_gateway("vng-basic", vnet_basic, [pips[2]], sku="Basic", enable_bgp=False),
    ]
    lngs = [b.begin_local_gateway("lng-bgp", "129.146.50.1", asn=31898, peer="169.254.21.1"),
            b.begin_local_gateway("lng-static", "129.146.50.2", prefixes=["10.0.0.0/16"])]
    gateway, basic = [g.result() for g in gateways]
    lng_bgp, lng_static = [g.result() for g in lngs]
    return {"b": b, "vnet": vnet, "vnet_basic": vnet_basic, "pips": pips, "vng": gateway, "basic": basic,
            "lng_bgp": lng_bgp, "lng_static": lng_static}


def _gateway_error(env, name, pips, **kwargs):
    b = env["b"]
    vnet = kwargs.pop("vnet", None) or b.vnet("vnet-%s" % name, prefix="10.42.0.0/16",
                                              gateway_subnet="10.42.255.0/27")
    return arm_error(b.begin_gateway, name, vnet, pips, **kwargs)


# --------------------------------------------------------------------------------- gateways
def test_active_active_needs_exactly_two_ip_configurations(env):
    err = _gateway_error(env, "vng-aa1", [env["pips"][3]], active_active=True)
    assert (err.status_code, error_code(err)) == (400, "ActiveActiveGatewayMustHaveExactlyTwoIpConfigurations")


def test_active_passive_needs_exactly_one_ip_configuration(env):
    err = _gateway_error(env, "vng-ap2", [env["pips"][3], None])
    assert (err.status_code, error_code(err)) == (400, "VirtualNetworkGatewayMustHaveExactlyOneIpConfiguration")


def test_bgp_peering_addresses_count_must_match_instances(env):
    b = env["b"]
    body = b.gateway_body("vng-v", env["vnet"], env["pips"][:2], active_active=True, asn=65050,
                          custom=[["169.254.21.2"], ["169.254.22.2"]])
    body["properties"]["bgpSettings"]["bgpPeeringAddresses"].pop()
    err = arm_error(b.net.virtual_network_gateways.begin_create_or_update, b.rg, "vng-v", body)
    assert (err.status_code, error_code(err)) == (400, "BgpPeeringAddressesCountNotCorrect")


def test_custom_bgp_address_must_be_apipa(env):
    b = env["b"]
    for bad in ("169.254.20.1", "169.254.23.1", "10.0.0.1"):
        body = b.gateway_body("vng-v", env["vnet"], env["pips"][:2], active_active=True, asn=65050,
                              custom=[[bad], ["169.254.22.2"]])
        err = arm_error(b.net.virtual_network_gateways.begin_create_or_update, b.rg, "vng-v", body)
        assert (err.status_code, error_code(err)) == (400, "InvalidCustomBgpIpAddress"), bad
    body = b.gateway_body("vng-v", env["vnet"], env["pips"][:2], active_active=True, asn=65050,
                          custom=[["169.254.21.2"], ["169.254.21.2"]])
    err = arm_error(b.net.virtual_network_gateways.begin_create_or_update, b.rg, "vng-v", body)
    assert error_code(err) == "DuplicateCustomBgpIpAddress"


@pytest.mark.parametrize("asn", [65515, 65517, 12076, 8075, 23456, 64500, 65535, 4294967295])
def test_reserved_asns_are_rejected(env, asn):
    b = env["b"]
    body = b.gateway_body("vng-v", env["vnet"], env["pips"][:2], active_active=True, asn=asn)
    if asn == 65515:                      # the gateway default is allowed on a gateway, not on a peer
        err = arm_error(b.begin_local_gateway, "lng-reserved", "129.146.50.9", asn=asn, peer="169.254.21.1")
    else:
        err = arm_error(b.net.virtual_network_gateways.begin_create_or_update, b.rg, "vng-v", body)
    assert (err.status_code, error_code(err)) == (400, "AsnReserved")


def test_gateway_needs_gateway_subnet(env):
    b = env["b"]
    body = b.gateway_body("vng-apps", env["vnet"], [env["pips"][3]])
    body["properties"]["ipConfigurations"][0]["properties"]["subnet"]["id"] = env["vnet"].id + "/subnets/apps"
    err = arm_error(b.net.virtual_network_gateways.begin_create_or_update, b.rg, "vng-apps", body)
    assert error_code(err) == "InvalidGatewaySubnet"


def test_basic_sku_cannot_do_bgp_or_active_active(env):
    b = env["b"]
    err = arm_error(b.begin_gateway, "vng-basic", env["vnet_basic"], [env["pips"][2]], sku="Basic", enable_bgp=True)
    assert error_code(err) == "BgpNotSupportedOnBasicSku"
    err = arm_error(b.begin_gateway, "vng-basic", env["vnet_basic"], [env["pips"][2], env["pips"][3]],
                    sku="Basic", enable_bgp=False, active_active=True)
    assert error_code(err) == "ActiveActiveNotSupportedOnBasicSku"
    err = arm_error(b.begin_gateway, "vng-basic", env["vnet_basic"], [env["pips"][2]], sku="ErGw1AZ")
    assert error_code(err) == "InvalidGatewaySku"


def test_dynamic_basic_public_ip_gets_its_address_from_the_gateway(env):
    pip = env["b"].net.public_ip_addresses.get(env["b"].rg, "pip-basic")
    assert pip.properties.ip_address
    entry = env["basic"].properties.bgp_settings.bgp_peering_addresses[0]
    assert entry.tunnel_ip_addresses == [pip.properties.ip_address]


def test_public_ip_used_by_another_gateway_is_in_use(env):
    b = env["b"]
    vnet = b.vnet("vnet-dup", prefix="10.43.0.0/16", gateway_subnet="10.43.255.0/27")
    err = arm_error(b.begin_gateway, "vng-dup", vnet, [env["pips"][0]])
    assert error_code(err) == "PublicIPAddressInUse"


def test_bgp_peering_address_cannot_be_modified(env):
    b = env["b"]
    body = b.gateway_body("vng-v", env["vnet"], env["pips"][:2], active_active=True, asn=65050,
                          custom=[["169.254.21.2", "169.254.21.6"], ["169.254.22.2"]])
    body["properties"]["bgpSettings"]["bgpPeeringAddress"] = "10.40.255.20,10.40.255.21"
    err = arm_error(b.net.virtual_network_gateways.begin_create_or_update, b.rg, "vng-v", body)
    assert error_code(err) == "VirtualNetworkGatewayBgpPeeringAddressCannotBeModified"


def test_references_must_exist(env):
    b = env["b"]
    body = b.gateway_body("vng-ghost", env["vnet"], [b.rid("publicIPAddresses", "ghost")])
    err = arm_error(b.net.virtual_network_gateways.begin_create_or_update, b.rg, "vng-ghost", body)
    assert error_code(err) == "InvalidResourceReference"
    body = b.connection_body(env["vng"], env["lng_bgp"])
    body["properties"]["localNetworkGateway2"]["id"] = b.rid("localNetworkGateways", "ghost")
    err = arm_error(b.net.virtual_network_gateway_connections.begin_create_or_update, b.rg, "conn-ghost", body)
    assert error_code(err) == "InvalidResourceReference"
    body = b.connection_body(env["vng"], env["lng_bgp"])
    del body["properties"]["localNetworkGateway2"]
    err = arm_error(b.net.virtual_network_gateway_connections.begin_create_or_update, b.rg, "conn-ghost", body)
    assert error_code(err) == "InvalidRequestFormat"
    assert err.error.details[0].code == "MissingJsonReferenceId"


# ------------------------------------------------------------------------------------ connections
def _connection_error(env, name="conn-bad", gateway=None, lng=None, **kwargs):
    b = env["b"]
    return arm_error(b.begin_connection, name, gateway or env["vng"], lng or env["lng_bgp"], **kwargs)


def test_shared_key_must_be_printable_ascii_up_to_128(env):
    assert error_code(_connection_error(env, shared_key="x" * 129)) == "InvalidSharedKey"
    assert error_code(_connection_error(env, shared_key="tab\there")) == "InvalidSharedKey"
    assert error_code(_connection_error(env, shared_key="caf\u00e9")) == "InvalidSharedKey"


def test_ipsec_policy_needs_all_eight_fields(env):
    for field in GCM_POLICY:
        policy = dict(GCM_POLICY)
        del policy[field]
        err = _connection_error(env, policy=policy)
        assert (err.status_code, error_code(err)) == (400, "InvalidRequestFormat"), field
        assert field in err.error.details[0].message


def test_gcm_encryption_needs_the_same_gcm_integrity(env):
    policy = dict(GCM_POLICY, ipsecIntegrity="SHA256")
    assert error_code(_connection_error(env, policy=policy)) == "IpsecEncryptionAndIntegrityMustMatchForGcm"
    policy = dict(GCM_POLICY, ipsecEncryption="GCMAES128", ipsecIntegrity="GCMAES256")
    assert error_code(_connection_error(env, policy=policy)) == "IpsecEncryptionAndIntegrityMustMatchForGcm"
    policy = dict(GCM_POLICY, pfsGroup="PFS5")
    assert error_code(_connection_error(env, policy=policy)) == "InvalidIpsecPolicyParameter"


def test_custom_policy_is_not_available_on_basic(env):
    err = _connection_error(env, gateway=env["basic"], lng=env["lng_static"], enable_bgp=False, policy=GCM_POLICY)
    assert error_code(err) == "CustomIpsecPolicyNotSupportedOnBasicSku"


def test_pinned_custom_bgp_addresses_must_belong_to_the_instance(env):
    configs = [c.id for c in env["vng"].properties.ip_configurations]
    err = _connection_error(env, pinned=[(configs[0] + "x", "169.254.21.2")])
    assert error_code(err) == "InvalidGatewayCustomBgpIpAddressIpConfiguration"
    err = _connection_error(env, pinned=[(configs[1], "169.254.21.2")])     # instance 1's address on instance 2
    assert error_code(err) == "GatewayCustomBgpIpAddressNotConfigured"
    err = _connection_error(env, pinned=[(configs[0], "169.254.21.2"), (configs[0], "169.254.21.6")])
    assert error_code(err) == "InvalidGatewayCustomBgpIpAddressIpConfiguration"
    ok = env["b"].connection("conn-pinned", env["vng"], env["lng_bgp"],
                             pinned=[(configs[0], "169.254.21.6"), (configs[1], "169.254.22.2")])
    assert ok.properties.gateway_custom_bgp_ip_addresses[0].custom_bgp_ip_address == "169.254.21.6"
    env["b"].net.virtual_network_gateway_connections.begin_delete(env["b"].rg, "conn-pinned").result()


def test_bgp_connection_needs_bgp_on_gateway_and_local_gateway(env):
    assert error_code(_connection_error(env, lng=env["lng_static"])) == "LocalNetworkGatewayBgpSettingsMissing"
    err = _connection_error(env, gateway=env["basic"], lng=env["lng_bgp"])
    assert error_code(err) == "BgpNotEnabledOnVirtualNetworkGateway"


def test_dpd_timeout_and_connection_mode_ranges(env):
    assert error_code(_connection_error(env, dpdTimeoutSeconds=8)) == "InvalidDpdTimeout"
    assert error_code(_connection_error(env, dpdTimeoutSeconds=3601)) == "InvalidDpdTimeout"
    assert error_code(_connection_error(env, connectionMode="Sometimes")) == "InvalidConnectionMode"


def test_express_route_connection_needs_an_express_route_gateway_and_a_provisioned_circuit(env):
    b = env["b"]
    circuit = b.circuit("er-v")
    body = {"location": b.location, "properties": {
        "connectionType": "ExpressRoute", "virtualNetworkGateway1": {"id": env["vng"].id}, "peer": {"id": circuit.id}}}
    err = arm_error(b.net.virtual_network_gateway_connections.begin_create_or_update, b.rg, "conn-er", body)
    assert error_code(err) == "InvalidGatewayTypeForConnection"
    vnet = b.vnet("vnet-er", prefix="10.44.0.0/16", gateway_subnet="10.44.255.0/27")
    er_gateway = b.gateway("vng-er", vnet, [None], gateway_type="ExpressRoute", sku="ErGw3AZ", enable_bgp=False)
    assert er_gateway.properties.bgp_settings.asn == 65515
    assert len(er_gateway.properties.bgp_settings.bgp_peering_addresses[0].default_bgp_ip_addresses) == 2
    body["properties"]["virtualNetworkGateway1"]["id"] = er_gateway.id
    err = arm_error(b.net.virtual_network_gateway_connections.begin_create_or_update, b.rg, "conn-er", body)
    assert error_code(err) == "ExpressRouteCircuitNotProvisioned"
    err = arm_error(b.net.express_route_circuit_peerings.begin_create_or_update, b.rg, "er-v",
                    "AzurePrivatePeering", {"properties": {
                        "peeringType": "AzurePrivatePeering", "peerASN": 31898, "vlanId": 100,
                        "primaryPeerAddressPrefix": "192.168.100.0/30",
                        "secondaryPeerAddressPrefix": "192.168.100.4/30"}})
    assert error_code(err) == "ExpressRouteCircuitNotProvisioned"


# ------------------------------------------------------------------------------ networks and circuits
def test_subnets_must_fit_the_address_space_and_not_overlap(env):
    b = env["b"]
    err = arm_error(b.begin_vnet, "vnet-bad", prefix="10.45.0.0/16", gateway_subnet="10.46.255.0/27")
    assert error_code(err) == "NetcfgSubnetRangeOutsideVnet"
    err = arm_error(b.begin_vnet, "vnet-bad", prefix="10.45.0.0/16", gateway_subnet="10.45.1.0/27",
                    subnets=[("apps", "10.45.1.0/24")])
    assert error_code(err) == "NetcfgSubnetRangesOverlap"
    err = arm_error(b.begin_vnet, "vnet-bad", prefix="10.45.0.1/16", gateway_subnet=None)
    assert error_code(err) == "InvalidAddressPrefixFormat"


def test_standard_public_ip_must_be_static(env):
    err = arm_error(env["b"].begin_public_ip, "pip-bad", sku="Standard", method="Dynamic")
    assert error_code(err) == "StandardSkuPublicIPAddressesMustBeStatic"


def test_location_is_required(env):
    b = env["b"]
    err = arm_error(b.net.local_network_gateways.begin_create_or_update, b.rg, "lng-noloc",
                    {"properties": {"gatewayIpAddress": "129.146.50.3"}})
    assert error_code(err) == "LocationRequired"


def test_circuit_bandwidth_and_sku(env):
    b = env["b"]
    assert error_code(arm_error(b.begin_circuit, "er-bad", bandwidth=1234)) == "InvalidCircuitBandwidth"
    err = arm_error(b.net.express_route_circuits.begin_create_or_update, b.rg, "er-bad", {
        "location": b.location, "sku": {"name": "Standard_Metered", "tier": "Standard", "family": "MeteredData"},
        "properties": {"serviceProviderProperties": {"serviceProviderName": "Oracle Cloud FastConnect",
                                                     "peeringLocation": "Washington DC", "bandwidthInMbps": 1000}}})
    assert error_code(err) == "InvalidExpressRouteCircuitSku"
    b.circuit("er-shrink", bandwidth=2000)
    assert error_code(arm_error(b.begin_circuit, "er-shrink", bandwidth=1000)) == "CircuitBandwidthDecreaseNotAllowed"


# -------------------------------------------------------------------------------------- in-use deletes
def test_in_use_resources_cannot_be_deleted(env):
    b = env["b"]
    net = b.net
    connection = b.connection("conn-use", env["vng"], env["lng_bgp"])
    err = arm_error(net.subnets.begin_delete, b.rg, "vnet-v", "GatewaySubnet")
    assert (err.status_code, error_code(err)) == (400, "InUseSubnetCannotBeDeleted")
    assert env["vng"].properties.ip_configurations[0].id in err.error.message
    err = arm_error(net.virtual_networks.begin_delete, b.rg, "vnet-v")
    assert error_code(err) == "InUseSubnetCannotBeDeleted"
    body = {"location": b.location, "properties": {"addressSpace": {"addressPrefixes": ["10.40.0.0/16"]},
                                                  "subnets": [{"name": "apps",
                                                               "properties": {"addressPrefix": "10.40.1.0/24"}}]}}
    err = arm_error(net.virtual_networks.begin_create_or_update, b.rg, "vnet-v", body)
    assert error_code(err) == "InUseSubnetCannotBeDeleted"          # dropping GatewaySubnet in a PUT
    # a subnet in use keeps its prefix, by a subnet PUT and by a VNet PUT alike
    gateway_subnet = net.subnets.get(b.rg, "vnet-v", "GatewaySubnet")
    moved = "10.40.254.0/27" if gateway_subnet.address_prefix != "10.40.254.0/27" else "10.40.253.0/27"
    err = arm_error(net.subnets.begin_create_or_update, b.rg, "vnet-v", "GatewaySubnet",
                    {"properties": {"addressPrefix": moved}})
    assert (err.status_code, error_code(err)) == (400, "InUseSubnetCannotBeUpdated")
    body["properties"]["subnets"].append({"name": "GatewaySubnet", "properties": {"addressPrefix": moved}})
    err = arm_error(net.virtual_networks.begin_create_or_update, b.rg, "vnet-v", body)
    assert error_code(err) == "InUseSubnetCannotBeUpdated"
    err = arm_error(net.public_ip_addresses.begin_delete, b.rg, "pip-v-0")
    assert (err.status_code, error_code(err)) == (400, "PublicIPAddressCannotBeDeleted")
    err = arm_error(net.virtual_network_gateways.begin_delete, b.rg, "vng-v")
    assert (err.status_code, error_code(err)) == (400, "VirtualNetworkGatewayCannotBeDeleted")
    assert connection.id in err.error.message
    err = arm_error(net.local_network_gateways.begin_delete, b.rg, "lng-bgp")
    assert error_code(err) == "InUseLocalNetworkGatewayCannotBeDeleted"
    net.virtual_network_gateway_connections.begin_delete(b.rg, "conn-use").result()
    # once the connection is gone the local gateway can go
    net.local_network_gateways.begin_delete(b.rg, "lng-bgp").result()
    restored = b.local_gateway("lng-bgp", "129.146.50.1", asn=31898, peer="169.254.21.1")
    env["lng_bgp"] = restored
