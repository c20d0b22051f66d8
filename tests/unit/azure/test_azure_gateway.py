"""Virtual network gateway: what Azure would reject, the desired shape in ARM's read shape, the
in-place limits, and the PUT body for switching active-passive to active-active."""

import copy

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import InputError, ensure
from ansible_collections.interconnect.oci_azure.plugins.modules import azure_virtual_network_gateway as vng

from conftest import SUB

SPEC = vng.ARGUMENT_SPEC
GW_ID = "/subscriptions/%s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/vng" % SUB


def options(**overrides):
    base = dict(name="vng", resource_group="rg", virtual_network="vnet", sku="VpnGw2AZ", generation="Generation2",
                enable_bgp=True, bgp_settings={"asn": 65010},
                ip_configurations=[{"name": "ipconfig1", "public_ip": "pip1",
                                    "apipa_addresses": ["169.254.21.2"]}])
    base.update(overrides)
    return base


def problems(**overrides):
    params = dict(gateway_type="Vpn", active_active=None, bgp_settings=None, generation=None, enable_bgp=None,
                  sku=None, ip_configurations=None)
    params.update(overrides)
    return vng.gateway_problems(params)


AA = [
    {"name": "a", "public_ip": "p1", "apipa_addresses": None},
    {"name": "b", "public_ip": "p2", "apipa_addresses": None},
]


@pytest.mark.parametrize("overrides,fragment", [
    (dict(active_active=True, ip_configurations=AA[:1]), "exactly 2 ip_configurations"),
    (dict(active_active=False, ip_configurations=AA), "exactly 1 ip configuration"),
    (dict(ip_configurations=AA + AA[:1]), "1 entry (active-passive) or 2"),
    (dict(ip_configurations=[dict(AA[0]), dict(AA[1], public_ip="P1")]), "its own public IP"),
    (dict(ip_configurations=[dict(AA[0], public_ip=None)]), "public_ip is required"),
    (dict(enable_bgp=True, ip_configurations=[dict(AA[0], apipa_addresses=["169.254.23.1"])]),
     "outside the range"),
    (dict(enable_bgp=True, ip_configurations=[dict(AA[0], apipa_addresses=["169.254.21.1"]),
                                              dict(AA[1], apipa_addresses=["169.254.21.1"])]),
     "must not overlap"),
    (dict(ip_configurations=[dict(AA[0], apipa_addresses=["169.254.21.1"])]), "set enable_bgp: true"),
    (dict(sku="Basic", active_active=True, ip_configurations=AA), "Basic SKU does not support active-active"),
    (dict(sku="Basic", enable_bgp=True), "Basic SKU does not support BGP"),
    (dict(sku="ErGw1AZ"), "is an ExpressRoute SKU"),
    (dict(gateway_type="ExpressRoute", sku="VpnGw1"), "is a VPN SKU"),
    (dict(sku="VpnGw1AZ", generation="Generation2"), "does not exist as Generation2"),
    (dict(sku="VpnGw5", generation="Generation1"), "does not exist as Generation1"),
    (dict(gateway_type="ExpressRoute", sku="ErGw3AZ", generation="Generation1"), "VPN gateways only"),
    (dict(bgp_settings={"asn": 65520, "peer_weight": None}), "65520 is reserved"),
    (dict(bgp_settings={"asn": None, "peer_weight": 101}), "peer_weight must be between 0 and 100"),
])
def test_what_azure_would_reject(overrides, fragment):
    found = problems(**overrides)
    assert any(fragment in p for p in found), found


@pytest.mark.parametrize("overrides", [
    dict(active_active=True, ip_configurations=AA, enable_bgp=True, bgp_settings={"asn": 65515, "peer_weight": 0}),
    dict(sku="VpnGw1AZ", generation="Generation1", ip_configurations=AA[:1]),
    dict(gateway_type="ExpressRoute", sku="ErGw3AZ", ip_configurations=[dict(AA[0], public_ip=None)]),
    dict(sku="VpnGw3AZ", generation="Generation2", enable_bgp=True,
         ip_configurations=[dict(AA[0], apipa_addresses=["169.254.21.0", "169.254.22.255"])]),
])
def test_valid_designs_pass(overrides):
    assert problems(**overrides) == []


def test_sku_families():
    assert vng.sku_family("VpnGw1AZ") == vng.sku_family("VpnGw5AZ") != vng.sku_family("VpnGw2")
    assert vng.sku_family("ErGw1AZ") == vng.sku_family("ErGw3AZ")
    assert vng.sku_family("Basic") != vng.sku_family("VpnGw1")


def test_active_passive_with_several_apipa_warns(make):
    resource = make(vng.VirtualNetworkGateway, SPEC, **options(ip_configurations=[
        {"name": "ipconfig1", "public_ip": "pip1", "apipa_addresses": ["169.254.21.2", "169.254.21.6"]}]))
    assert resource.validate() == []
    assert "only brings BGP up on its first APIPA address (169.254.21.2)" in resource.module.warnings[0]


def served(desired):
    """The gateway as ARM serves it after a PUT of ``desired``: ids on the IP configurations,
    default and tunnel BGP addresses, read-only fields, and another casing of the ids."""
    gateway = copy.deepcopy(desired)
    gateway["id"] = GW_ID.replace("resourceGroups", "resourcegroups")
    props = gateway["properties"]
    props["provisioningState"] = "Succeeded"
    props["sku"]["tier"] = props["sku"]["name"]
    for config in props["ipConfigurations"]:
        config["id"] = (GW_ID + "/ipConfigurations/" + config["name"]).upper()
        config["properties"]["privateIPAllocationMethod"] = "Dynamic"
        config["properties"]["subnet"]["id"] = config["properties"]["subnet"]["id"].lower()
    if props["bgpSettings"].get("bgpPeeringAddresses") is None:
        props["bgpSettings"]["bgpPeeringAddresses"] = [
            {"ipconfigurationId": GW_ID + "/ipConfigurations/" + c["name"], "customBgpIpAddresses": []}
            for c in props["ipConfigurations"]]
    for entry in props["bgpSettings"]["bgpPeeringAddresses"]:
        entry["ipconfigurationId"] = entry["ipconfigurationId"].lower()
        entry["defaultBgpIpAddresses"] = ["10.0.255.30"]
        entry["tunnelIpAddresses"] = ["20.1.2.3"]
    props["bgpSettings"]["bgpPeeringAddress"] = "10.0.255.30"
    props["bgpSettings"]["peerWeight"] = 0
    return gateway


def test_desired_matches_what_arm_serves_back(make, cloud):
    resource = make(vng.VirtualNetworkGateway, SPEC, **options())
    assert resource.find() is None
    desired = resource.desired()
    props = desired["properties"]
    assert props["activeActive"] is False and props["vpnType"] == "RouteBased"
    assert props["ipConfigurations"][0]["properties"]["subnet"]["id"].endswith("/virtualNetworks/vnet/subnets/GatewaySubnet")
    assert props["bgpSettings"]["bgpPeeringAddresses"] == [
        {"ipconfigurationId": GW_ID + "/ipConfigurations/ipconfig1", "customBgpIpAddresses": ["169.254.21.2"]}]

    cloud.ops("virtual_network_gateways").store[("rg", "vng")] = served(desired)
    again = make(vng.VirtualNetworkGateway, SPEC, **options())
    result = ensure(again, "present")
    assert result["changed"] is False and cloud.writes == []
    assert result["virtual_network_gateway"]["bgp_settings"]["bgp_peering_addresses"][0][
        "custom_bgp_ip_addresses"] == ["169.254.21.2"]


def test_switch_to_active_active_sends_one_writable_entry_per_instance(make, cloud):
    first = make(vng.VirtualNetworkGateway, SPEC, **options(ip_configurations=[
        {"name": "ipconfig1", "public_ip": "pip1"}]))
    first.find()
    cloud.ops("virtual_network_gateways").store[("rg", "vng")] = served(first.desired())

    configs = [{"name": "ipconfig1", "public_ip": "pip1", "apipa_addresses": ["169.254.21.2"]},
               {"name": "ipconfig2", "public_ip": "pip2", "apipa_addresses": ["169.254.22.2"]}]
    switch = make(vng.VirtualNetworkGateway, SPEC, **options(active_active=True, ip_configurations=configs))
    result = ensure(switch, "present")
    assert result["changed"] is True
    assert "properties.activeActive" in result["changed_fields"]
    (dummy, method, dummy_path, body), = cloud.writes
    assert method == "PUT"
    bgp = body["properties"]["bgpSettings"]
    assert "bgpPeeringAddress" not in bgp          # computed by Azure, refused when stale
    assert [sorted(e) for e in bgp["bgpPeeringAddresses"]] == [["customBgpIpAddresses", "ipconfigurationId"]] * 2
    assert [e["customBgpIpAddresses"] for e in bgp["bgpPeeringAddresses"]] == [["169.254.21.2"], ["169.254.22.2"]]
    assert body["properties"]["activeActive"] is True and len(body["properties"]["ipConfigurations"]) == 2
    assert all(c["properties"]["privateIPAllocationMethod"] == "Dynamic"
               for c in body["properties"]["ipConfigurations"])


def test_changes_azure_cannot_make_in_place_are_named(make, cloud):
    base = make(vng.VirtualNetworkGateway, SPEC, **options())
    base.find()
    cloud.ops("virtual_network_gateways").store[("rg", "vng")] = served(base.desired())

    moved = make(vng.VirtualNetworkGateway, SPEC, **options(virtual_network="vnet2"))
    with pytest.raises(InputError) as info:
        ensure(moved, "present")
    assert "virtual_network cannot change in place" in info.value.problems[0]

    resized = make(vng.VirtualNetworkGateway, SPEC, **options(sku="VpnGw3AZ"))
    assert ensure(resized, "present")["changed_fields"] == ["properties.sku.name"]

    family = make(vng.VirtualNetworkGateway, SPEC, **options(sku="VpnGw3", generation="Generation2"))
    with pytest.raises(InputError) as info:
        ensure(family, "present")
    assert "sku cannot change from VpnGw3AZ to VpnGw3" in info.value.problems[0]

    kind = make(vng.VirtualNetworkGateway, SPEC, **options(generation="Generation1"))
    with pytest.raises(InputError) as info:
        ensure(kind, "present")
    assert "properties.vpnGatewayGeneration cannot be changed in place" in info.value.problems[0]
    assert [w[1] for w in cloud.writes] == ["PUT"]         # only the resize wrote


def test_removing_an_apipa_a_connection_pins_is_refused(make, cloud):
    base = make(vng.VirtualNetworkGateway, SPEC, **options(ip_configurations=[
        {"name": "ipconfig1", "public_ip": "pip1", "apipa_addresses": ["169.254.21.2", "169.254.21.6"]}]))
    base.find()
    cloud.ops("virtual_network_gateways").store[("rg", "vng")] = served(base.desired())
    cloud.ops("virtual_network_gateway_connections").store[("rg", "cn1")] = {
        "id": "/subscriptions/%s/resourceGroups/rg/providers/Microsoft.Network/connections/cn1" % SUB,
        "name": "cn1", "properties": {"virtualNetworkGateway1": {"id": GW_ID}, "gatewayCustomBgpIpAddresses": [
            {"ipConfigurationId": GW_ID + "/ipConfigurations/ipconfig1", "customBgpIpAddress": "169.254.21.2"}]}}
    dropping = make(vng.VirtualNetworkGateway, SPEC, **options(ip_configurations=[
        {"name": "ipconfig1", "public_ip": "pip1", "apipa_addresses": ["169.254.21.6"]}]))
    with pytest.raises(InputError) as info:
        ensure(dropping, "present")
    assert "169.254.21.2 cannot be removed while connection cn1 pins it" in info.value.problems[0]
    keeping = make(vng.VirtualNetworkGateway, SPEC, **options(ip_configurations=[
        {"name": "ipconfig1", "public_ip": "pip1", "apipa_addresses": ["169.254.21.2"]}]))
    assert ensure(keeping, "present")["changed"] is True


def test_check_mode_predicts_without_writing(make, cloud):
    resource = make(vng.VirtualNetworkGateway, SPEC, check_mode=True, **options())
    result = ensure(resource, "present")
    assert result["changed"] is True and cloud.writes == []
    assert result["virtual_network_gateway"]["id"] == GW_ID
    assert result["virtual_network_gateway"]["enable_bgp"] is True


def test_gateway_type_cannot_change_in_place(make, cloud):
    base = make(vng.VirtualNetworkGateway, SPEC, **options())
    base.find()
    cloud.ops("virtual_network_gateways").store[("rg", "vng")] = served(base.desired())
    other = options(gateway_type="ExpressRoute", ip_configurations=[{"name": "ipconfig1", "public_ip": "pip1"}])
    for option in ("sku", "enable_bgp", "generation", "bgp_settings"):
        other.pop(option)
    with pytest.raises(InputError) as info:
        ensure(make(vng.VirtualNetworkGateway, SPEC, **other), "present")
    assert "properties.gatewayType cannot be changed in place" in info.value.problems[0]
    assert cloud.writes == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_check_mode_refuses_the_create_the_real_run_refuses(make, cloud, check_mode):
    # before: --check without sku predicted a create (changed) that the real run refused
    given = options()
    given.pop("sku")
    resource = make(vng.VirtualNetworkGateway, SPEC, check_mode=check_mode, **given)
    with pytest.raises(InputError) as info:
        ensure(resource, "present")
    assert info.value.problems == ["sku is required to create virtual network gateway 'vng'"]
    assert cloud.writes == []


@pytest.mark.parametrize("check_mode", [False, True])
@pytest.mark.parametrize("sku", ["VpnGw1", "VpnGw3", "VpnGw5"])
def test_non_az_vpngw_is_not_created(make, cloud, check_mode, sku):
    generation = "Generation1" if sku == "VpnGw1" else "Generation2"
    resource = make(vng.VirtualNetworkGateway, SPEC, check_mode=check_mode,
                    **options(sku=sku, generation=generation))
    with pytest.raises(InputError) as info:
        ensure(resource, "present")
    assert "create %sAZ instead" % sku in info.value.problems[0]
    assert "2025-01-01" in info.value.problems[0]
    assert cloud.writes == []


def test_an_existing_non_az_vpngw_is_still_managed(make, cloud):
    base = make(vng.VirtualNetworkGateway, SPEC, **options(sku="VpnGw2AZ"))
    base.find()
    existing = served(base.desired())
    existing["properties"]["sku"] = {"name": "VpnGw2", "tier": "VpnGw2"}
    cloud.ops("virtual_network_gateways").store[("rg", "vng")] = existing
    same = make(vng.VirtualNetworkGateway, SPEC, **options(sku="VpnGw2"))
    assert ensure(same, "present")["changed"] is False
    resized = make(vng.VirtualNetworkGateway, SPEC, **options(sku="VpnGw3"))
    result = ensure(resized, "present")
    assert result["changed_fields"] == ["properties.sku.name"] and len(cloud.writes) == 1


def er_options(**overrides):
    base = dict(name="vng", resource_group="rg", virtual_network="vnet", gateway_type="ExpressRoute",
                sku="ErGwScale", ip_configurations=[{"name": "ipconfig1", "public_ip": "pip1"}],
                scale_units={"min": 10, "max": 20})
    base.update(overrides)
    return base


def test_ergwscale_scale_units_are_sent_and_compared(make, cloud):
    resource = make(vng.VirtualNetworkGateway, SPEC, **er_options())
    result = ensure(resource, "present")
    assert result["changed"] is True
    (dummy, method, dummy_scope, body), = cloud.writes
    assert body["properties"]["autoScaleConfiguration"] == {"bounds": {"min": 10, "max": 20}}
    assert ensure(make(vng.VirtualNetworkGateway, SPEC, **er_options()), "present")["changed"] is False
    grown = ensure(make(vng.VirtualNetworkGateway, SPEC, **er_options(scale_units={"min": 12})), "present")
    assert sorted(grown["changed_fields"]) == ["properties.autoScaleConfiguration.bounds.max",
                                               "properties.autoScaleConfiguration.bounds.min"]
    assert cloud.writes[-1][3]["properties"]["autoScaleConfiguration"] == {"bounds": {"min": 12, "max": 12}}


@pytest.mark.parametrize("overrides,fragment", [
    (dict(sku="ErGw3AZ", scale_units={"min": 2, "max": None}), "ErGwScale gateway only"),
    (dict(scale_units={"min": 0, "max": 4}), "scale_units.min 0 is outside"),
    (dict(scale_units={"min": 8, "max": 4}), "below scale_units.min 8"),
    (dict(scale_units={"min": 1, "max": 4}), "autoscaling ErGwScale gateway (max above min) needs a minimum of 2"),
])
def test_scale_unit_problems(overrides, fragment):
    found = problems(gateway_type="ExpressRoute", **dict(dict(sku="ErGwScale"), **overrides))
    assert any(fragment in p for p in found), found


def test_the_sku_lists_are_the_one_table():
    from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules
    assert vng.VPN_SKUS is cloud_rules.AZURE_VPN_SKUS and vng.ER_SKUS is cloud_rules.AZURE_ER_GATEWAY_SKUS
    assert SPEC["sku"]["choices"] == list(cloud_rules.AZURE_VPN_SKUS) + list(cloud_rules.AZURE_ER_GATEWAY_SKUS)


def test_fastpath_rules_agree_between_planner_gateway_and_connection():
    from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules
    from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import constants as C
    from ansible_collections.interconnect.oci_azure.plugins.modules import azure_connection as conn
    params = dict(connection_type="ExpressRoute", express_route_gateway_bypass=True, ipsec_policy=None,
                  enable_bgp=None)

    def er_gateway(sku, low=None):
        props = {"gatewayType": "ExpressRoute", "sku": {"name": sku}}
        if low is not None:
            props["autoScaleConfiguration"] = {"bounds": {"min": low, "max": max(low, 10)}}
        return {"name": "ergw", "properties": props}

    assert C.AZURE_FASTPATH_SKUS is cloud_rules.AZURE_FASTPATH_SKUS is conn.FASTPATH_SKUS
    for sku in vng.ER_SKUS:
        fits = conn.gateway_fit_problems(params, er_gateway(sku, 10 if sku == "ErGwScale" else None), []) == []
        assert fits is (sku in cloud_rules.AZURE_FASTPATH_SKUS), sku
    small = conn.gateway_fit_problems(params, er_gateway("ErGwScale", 4), [])
    assert small and "at least 10 scale units; its minimum is 4" in small[0]
    assert "at least 10" in conn.gateway_fit_problems(params, er_gateway("ErGwScale"), [])[0]
