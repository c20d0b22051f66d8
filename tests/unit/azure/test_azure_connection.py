"""Connection: input rules, fit with the gateway, the shared key compared through the sharedkey
endpoint when GET leaves it out, and the IPsec policy in ARM's shape."""

import json

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import InputError, ensure
from ansible_collections.interconnect.oci_azure.plugins.modules import azure_connection as conn

from conftest import SUB

SPEC = conn.ARGUMENT_SPEC
GW_ID = "/subscriptions/%s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/vng" % SUB
POLICY = {"sa_lifetime_seconds": 3600, "sa_data_size_kilobytes": 102400000, "ipsec_encryption": "GCMAES256",
          "ipsec_integrity": "GCMAES256", "ike_encryption": "AES256", "ike_integrity": "SHA384",
          "dh_group": "DHGroup14", "pfs_group": "PFS2048"}
KEY = "SecretKey123"


def gateway(sku="VpnGw2AZ", gateway_type="Vpn", enable_bgp=True, customs=(("ipconfig1", ["169.254.21.2"]),)):
    return {"id": GW_ID, "name": "vng", "properties": {
        "gatewayType": gateway_type, "sku": {"name": sku, "tier": sku}, "enableBgp": enable_bgp,
        "bgpSettings": {"asn": 65010, "bgpPeeringAddresses": [
            {"ipconfigurationId": GW_ID + "/ipConfigurations/" + name, "customBgpIpAddresses": addresses,
             "defaultBgpIpAddresses": ["10.0.255.30"]} for name, addresses in customs]}}}


def options(**overrides):
    base = dict(name="cn1", resource_group="rg", virtual_network_gateway="vng", local_network_gateway="lng",
                shared_key=KEY, connection_protocol="IKEv2", enable_bgp=True, ipsec_policy=POLICY,
                gateway_custom_bgp_ip_addresses=[{"ip_configuration": "ipconfig1",
                                                  "custom_bgp_ip_address": "169.254.21.2"}])
    base.update(overrides)
    return base


def base_params(**overrides):
    params = dict((key, None) for key in SPEC)
    params.update(connection_type="IPsec")
    params.update(overrides)
    return params


@pytest.mark.parametrize("overrides,fragment", [
    (dict(express_route_circuit="er"), "express_route_circuit does not apply to an IPsec connection"),
    (dict(connection_type="ExpressRoute", shared_key="x"), "shared_key does not apply to an ExpressRoute"),
    (dict(shared_key="x" * 129), "1 to 128 characters"),
    (dict(shared_key="caf\u00e9"), "printable ASCII"),
    (dict(ipsec_policy=dict((k, None) for k in POLICY), ), None),
    (dict(ipsec_policy=dict(POLICY, dh_group=None)), "missing dh_group"),
    (dict(ipsec_policy=dict(POLICY, ipsec_integrity="SHA256")), "same GCM value"),
    (dict(ipsec_policy=dict(POLICY, ike_integrity="GCMAES128", ike_encryption="AES256")), "GCM ike_integrity"),
    (dict(ipsec_policy=dict(POLICY, sa_lifetime_seconds=100)), "between 300 and 172799"),
    (dict(ipsec_policy=dict(POLICY, sa_data_size_kilobytes=10)), "at least 1024"),
    (dict(dpd_timeout_seconds=5), "between 9 and 3600"),
    (dict(routing_weight=40000), "between 0 and 32000"),
    (dict(enable_bgp=True, gateway_custom_bgp_ip_addresses=[
        {"ip_configuration": "a", "custom_bgp_ip_address": "169.254.30.1"}]), "outside the range"),
    (dict(enable_bgp=True, gateway_custom_bgp_ip_addresses=[
        {"ip_configuration": "a", "custom_bgp_ip_address": "169.254.21.1"},
        {"ip_configuration": "A", "custom_bgp_ip_address": "169.254.21.5"}]), "one entry per gateway IP configuration"),
    (dict(gateway_custom_bgp_ip_addresses=[{"ip_configuration": "a", "custom_bgp_ip_address": "169.254.21.1"}]),
     "set enable_bgp: true"),
])
def test_input_rules(overrides, fragment):
    found = conn.connection_problems(base_params(**overrides))
    if fragment is None:
        assert found == []
    else:
        assert any(fragment in p for p in found), found


@pytest.mark.parametrize("params,gw,fragment", [
    (dict(ipsec_policy=POLICY), gateway(sku="Basic"), "does not support custom IPsec policies"),
    (dict(connection_type="ExpressRoute", express_route_gateway_bypass=True),
     gateway(sku="ErGw1AZ", gateway_type="ExpressRoute"), "FastPath"),
    (dict(), gateway(gateway_type="ExpressRoute", sku="ErGw3AZ"), "needs a Vpn gateway"),
    (dict(connection_type="ExpressRoute"), gateway(), "needs an ExpressRoute gateway"),
    (dict(enable_bgp=True), gateway(enable_bgp=False), "does not run BGP"),
])
def test_fit_with_the_gateway(params, gw, fragment):
    found = conn.gateway_fit_problems(base_params(**params), gw, [])
    assert any(fragment in p for p in found), found


def test_fastpath_on_ergw3az_fits():
    assert conn.gateway_fit_problems(base_params(connection_type="ExpressRoute", express_route_gateway_bypass=True),
                                     gateway(sku="ErGw3AZ", gateway_type="ExpressRoute"), []) == []


def test_pins_must_name_an_apipa_of_that_instance():
    pins = [{"ipConfigurationId": GW_ID + "/ipConfigurations/ipconfig1", "customBgpIpAddress": "169.254.21.9"},
            {"ipConfigurationId": GW_ID + "/ipConfigurations/ipconfig7", "customBgpIpAddress": "169.254.21.2"}]
    found = conn.gateway_fit_problems(base_params(), gateway(), pins)
    assert "169.254.21.9 is not one of the APIPA addresses of gateway vng's ipconfig1 (169.254.21.2)" in found[0]
    assert "has no IP configuration ipconfig7" in found[1]


def test_desired_is_rest_shaped(make, cloud):
    cloud.ops("virtual_network_gateways").store[("rg", "vng")] = gateway()
    resource = make(conn.Connection, SPEC, **options())
    resource.find()
    props = resource.desired()["properties"]
    assert props["ipsecPolicies"] == [{"saLifeTimeSeconds": 3600, "saDataSizeKilobytes": 102400000,
                                       "ipsecEncryption": "GCMAES256", "ipsecIntegrity": "GCMAES256",
                                       "ikeEncryption": "AES256", "ikeIntegrity": "SHA384",
                                       "dhGroup": "DHGroup14", "pfsGroup": "PFS2048"}]
    assert props["gatewayCustomBgpIpAddresses"] == [
        {"ipConfigurationId": GW_ID + "/ipConfigurations/ipconfig1", "customBgpIpAddress": "169.254.21.2"}]
    assert props["virtualNetworkGateway1"] == {"id": GW_ID}
    assert props["localNetworkGateway2"]["id"].endswith("/localNetworkGateways/lng")
    # an unset option is left out of the desired body (it used to be a None the engine pruned)
    assert props.get("peer") is None and props["sharedKey"] == KEY


def create(make, cloud, serve_shared_key):
    cloud.ops("virtual_network_gateways").store[("rg", "vng")] = gateway()
    ops = cloud.ops("virtual_network_gateway_connections")
    ops.serve_shared_key = serve_shared_key
    assert ensure(make(conn.Connection, SPEC, **options()), "present")["changed"] is True
    cloud.writes.clear()
    return ops


@pytest.mark.parametrize("serve_shared_key", [True, False])
def test_same_key_second_run_makes_no_write(make, cloud, serve_shared_key):
    create(make, cloud, serve_shared_key)
    result = ensure(make(conn.Connection, SPEC, **options()), "present")
    assert result["changed"] is False and cloud.writes == []
    assert result["connection"]["shared_key"] == "********"
    read_key = [r for r in cloud.reads if r[1] == "sharedkey"]
    assert bool(read_key) is (not serve_shared_key)     # the endpoint only when GET leaves it out


def test_key_change_uses_the_sharedkey_endpoint_and_masks_the_diff(make, cloud):
    ops = create(make, cloud, serve_shared_key=False)
    result = ensure(make(conn.Connection, SPEC, **options(shared_key="OtherKey456")), "present")
    assert result["changed"] is True and result["changed_fields"] == ["properties.sharedKey"]
    assert [(w[1], w[3]) for w in cloud.writes] == [("sharedkey", {"value": "OtherKey456"})]
    assert ops.shared_keys[("rg", "cn1")] == "OtherKey456"
    assert result["diff"]["before"]["properties"]["sharedKey"] == "********"
    assert result["diff"]["after"]["properties"]["sharedKey"] == "******** (changed)"
    text = json.dumps(result)
    assert KEY not in text and "OtherKey456" not in text


def test_other_changes_carry_the_current_key_in_the_put(make, cloud):
    create(make, cloud, serve_shared_key=False)
    without_key = options(dpd_timeout_seconds=45)
    without_key.pop("shared_key")
    result = ensure(make(conn.Connection, SPEC, **without_key), "present")
    assert result["changed_fields"] == ["properties.dpdTimeoutSeconds"]
    (dummy, method, dummy_path, body), = cloud.writes
    assert method == "PUT" and body["properties"]["sharedKey"] == KEY
    assert KEY not in json.dumps(result)


def test_empty_policy_goes_back_to_defaults(make, cloud):
    create(make, cloud, serve_shared_key=True)
    result = ensure(make(conn.Connection, SPEC, **options(ipsec_policy={})), "present")
    assert result["changed_fields"] == ["properties.ipsecPolicies"]
    assert cloud.writes[0][3]["properties"]["ipsecPolicies"] == []
    cloud.writes.clear()
    assert ensure(make(conn.Connection, SPEC, **options(ipsec_policy={})), "present")["changed"] is False


def test_changing_the_local_gateway_is_refused(make, cloud):
    create(make, cloud, serve_shared_key=True)
    with pytest.raises(InputError) as info:
        ensure(make(conn.Connection, SPEC, **options(local_network_gateway="lng2")), "present")
    assert "properties.localNetworkGateway2 cannot be changed in place" in info.value.problems[0]
    assert cloud.writes == []


def test_a_missing_gateway_is_reported_before_writing(make, cloud):
    with pytest.raises(InputError) as info:
        ensure(make(conn.Connection, SPEC, **options()), "present")
    assert "virtual_network_gateway" in info.value.problems[0] and "does not exist" in info.value.problems[0]
    checked = make(conn.Connection, SPEC, check_mode=True, **options())
    assert ensure(checked, "present")["changed"] is True       # check mode: the gateway may come later
    assert "does not exist (yet)" in checked.module.warnings[0]
    assert cloud.writes == []


def test_no_key_leaks_through_the_sharedkey_path(make, cloud, caplog):
    """ARM leaves sharedKey out of GET (issue 12): the module reads it through getSharedKey to
    compare, sets it through setSharedKey, and carries it over a PUT. None of the three paths puts
    a key in the result, the diff, a warning or a log record (every logger, DEBUG)."""
    import logging
    caplog.set_level(logging.DEBUG)
    new_key = "AnotherSecretKey789"
    create(make, cloud, serve_shared_key=False)
    modules = [make(conn.Connection, SPEC, **options()),
               make(conn.Connection, SPEC, **options(shared_key=new_key)),
               make(conn.Connection, SPEC, **options(shared_key=new_key, dpd_timeout_seconds=30))]
    results = [ensure(module, "present") for module in modules]
    assert [r["changed"] for r in results] == [False, True, True]
    reads = [r for r in cloud.reads if r[1] == "sharedkey"]
    assert len(reads) >= 3                                       # the key was read, not served by GET
    put = [w for w in cloud.writes if w[1] == "PUT"][-1]
    assert put[3]["properties"]["sharedKey"] == new_key          # carried over through the sharedkey read
    outputs = json.dumps(results) + json.dumps([m.module.warnings if hasattr(m, "module") else [] for m in modules])
    outputs += "\n".join(record.getMessage() for record in caplog.records)
    outputs += "\n".join(str(record.args) for record in caplog.records)
    for key in (KEY, new_key):
        assert key not in outputs and key[:8] not in outputs
