"""Azure VPN side through ansible-playbook against the twin: the gateway (wait: false then a
waiting task, active-passive to active-active, what Azure would refuse), local network gateways
(prefixes added and removed), IPsec connections (shared key, IPsec policy, APIPA pins) and the
gateway info module."""

import json

AZ = "interconnect.oci_azure."
FAST = {"AZURE_POLLING_INTERVAL": "0.05"}
RG = "it-az-vpn"
PSK = "TwinSharedKey0123456789"
PSK2 = "AnotherSharedKey98765"


def task(title, module, /, ignore_errors=False, **args):
    entry = {"name": title, AZ + module: args}
    if ignore_errors:
        entry["ignore_errors"] = True
    return entry


def gateway(active_active=False, wait=True, **overrides):
    configs = [{"name": "ipconfig1", "public_ip": "pip1", "apipa_addresses": ["169.254.21.2", "169.254.21.6"]}]
    if active_active:
        configs.append({"name": "ipconfig2", "public_ip": "pip2", "apipa_addresses": ["169.254.22.2"]})
    args = dict(name="vng", resource_group=RG, virtual_network="vnet", sku="VpnGw2AZ", generation="Generation2",
                active_active=active_active, enable_bgp=True, bgp_settings={"asn": 65010}, ip_configurations=configs, wait=wait)
    args.update(overrides)
    return args


POLICY = {"sa_lifetime_seconds": 3600, "sa_data_size_kilobytes": 102400000, "ipsec_encryption": "GCMAES256",
          "ipsec_integrity": "GCMAES256", "ike_encryption": "AES256", "ike_integrity": "SHA384",
          "dh_group": "ECP384", "pfs_group": "PFS24"}


def connection(**overrides):
    args = dict(name="cn1", resource_group=RG, virtual_network_gateway="vng", local_network_gateway="lng-bgp",
                shared_key=PSK, connection_protocol="IKEv2", enable_bgp=True, ipsec_policy=POLICY,
                gateway_custom_bgp_ip_addresses=[
                    {"ip_configuration": "ipconfig1", "custom_bgp_ip_address": "169.254.21.2"},
                    {"ip_configuration": "ipconfig2", "custom_bgp_ip_address": "169.254.22.2"}],
                dpd_timeout_seconds=45, connection_mode="Default")
    args.update(overrides)
    return args


def test_vpn_side(twin, run_play):
    setup = run_play([
        task("rg", "azure_resource_group", name=RG, location="eastus"),
        task("vnet", "azure_virtual_network", name="vnet", resource_group=RG, address_prefixes=["10.60.0.0/16"],
             subnets=[{"name": "GatewaySubnet", "address_prefix": "10.60.255.0/27"}]),
        task("pip1", "azure_public_ip", name="pip1", resource_group=RG),
        task("pip2", "azure_public_ip", name="pip2", resource_group=RG),
    ], env=FAST, expect_rc=0)
    assert setup.changed == 4

    # --- gateway: check mode writes nothing ------------------------------------------------------
    before = twin.writes()
    checked = run_play([task("vng", "azure_virtual_network_gateway", **gateway())], check=True, env=FAST,
                       expect_rc=0)
    assert checked.task("vng")["changed"] is True
    assert checked.task("vng")["virtual_network_gateway"]["id"].endswith("/virtualNetworkGateways/vng")
    assert twin.writes() == before

    # --- wait: false returns at once with the id and the provisioning state ------------------------
    started = run_play([task("vng", "azure_virtual_network_gateway", **gateway(wait=False))], env=FAST,
                       expect_rc=0)
    handle = started.task("vng")["virtual_network_gateway"]
    assert started.task("vng")["changed"] is True
    assert handle["id"].endswith("/virtualNetworkGateways/vng")
    assert handle["provisioning_state"] == "Updating"
    assert twin.writes() == before + 1

    # --- a later task with wait: true waits without writing; then active-passive -> active-active,
    #     local network gateways and the connection ------------------------------------------------
    built = run_play([
        task("vng wait", "azure_virtual_network_gateway", **gateway(wait=True)),
        task("vng", "azure_virtual_network_gateway", **gateway(active_active=True)),
        task("vng again", "azure_virtual_network_gateway", **gateway(active_active=True)),
        task("lng static", "azure_local_network_gateway", name="lng-static", resource_group=RG,
             gateway_ip_address="129.146.10.1", address_prefixes=["10.1.0.0/17", "10.1.128.0/17"]),
        task("lng bgp", "azure_local_network_gateway", name="lng-bgp", resource_group=RG,
             gateway_ip_address="129.146.10.2", address_prefixes=[],
             bgp_settings={"asn": 31898, "bgp_peering_address": "169.254.21.1"}),
        task("cn", "azure_connection", **connection()),
    ], env=FAST, expect_rc=0)
    assert built.task("vng wait")["changed"] is False
    assert built.task("vng wait")["virtual_network_gateway"]["provisioning_state"] == "Succeeded"
    result = built.task("vng")
    assert result["changed"] is True
    assert "properties.activeActive" in result["changed_fields"]
    vng = result["virtual_network_gateway"]
    assert vng["active_active"] is True and len(vng["ip_configurations"]) == 2
    customs = sorted((e["ipconfiguration_id"].split("/")[-1], e["custom_bgp_ip_addresses"])
                     for e in vng["bgp_settings"]["bgp_peering_addresses"])
    assert customs == [("ipconfig1", ["169.254.21.2", "169.254.21.6"]), ("ipconfig2", ["169.254.22.2"])]
    assert built.task("vng again")["changed"] is False
    bgp = built.task("lng bgp")["local_network_gateway"]["bgp_settings"]
    assert (bgp["asn"], bgp["bgp_peering_address"]) == (31898, "169.254.21.1")
    cn = built.task("cn")["connection"]
    assert built.task("cn")["changed"] is True
    # ARM leaves the key out of GET (x-ms-secret, issue 12): absent, or masked, never the value
    assert cn.get("shared_key") in (None, "********")
    assert cn["ipsec_policies"][0]["pfs_group"] == "PFS24"
    assert sorted(p["custom_bgp_ip_address"] for p in cn["gateway_custom_bgp_ip_addresses"]) == [
        "169.254.21.2", "169.254.22.2"]
    assert PSK not in built.stdout
    # the waiting task wrote nothing: one write each for the switch, two LNGs and the connection
    assert twin.writes() == before + 1 + 4

    # --- LNG prefixes removed and added; second runs write nothing ------------------------------
    before = twin.writes()
    moved = run_play([
        task("lng", "azure_local_network_gateway", name="lng-static", resource_group=RG,
             gateway_ip_address="129.146.10.1", address_prefixes=["10.1.128.0/17", "10.2.0.0/16"]),
        task("lng again", "azure_local_network_gateway", name="lng-static", resource_group=RG,
             address_prefixes=["10.2.0.0/16", "10.1.128.0/17"]),
        task("cn again", "azure_connection", **connection()),
    ], env=FAST, expect_rc=0)
    assert moved.task("lng")["changed"] is True
    space = moved.task("lng")["local_network_gateway"]["local_network_address_space"]["address_prefixes"]
    assert sorted(space) == ["10.1.128.0/17", "10.2.0.0/16"]
    assert moved.task("lng again")["changed"] is False
    assert moved.task("cn again")["changed"] is False
    assert twin.writes() == before + 1

    # --- IPsec policy change, shared key change (masked in --diff -vvv), back to default policy ----
    changed_policy = dict(POLICY, pfs_group="ECP384")
    before = twin.writes()
    updated = run_play([
        task("policy", "azure_connection", **connection(ipsec_policy=changed_policy)),
        task("key", "azure_connection", **connection(ipsec_policy=changed_policy, shared_key=PSK2)),
        task("default policy", "azure_connection", **connection(ipsec_policy={}, shared_key=PSK2)),
        task("again", "azure_connection", **connection(ipsec_policy={}, shared_key=PSK2)),
    ], env=FAST, diff=True, verbosity=3, expect_rc=0)
    assert updated.task("policy")["changed_fields"] == ["properties.ipsecPolicies"]
    assert updated.task("policy")["connection"]["ipsec_policies"][0]["pfs_group"] == "ECP384"
    key_change = updated.task("key")
    assert key_change["changed"] is True and key_change["changed_fields"] == ["properties.sharedKey"]
    assert key_change["diff"]["after"]["properties"]["sharedKey"] == "******** (changed)"
    assert key_change["diff"]["before"]["properties"]["sharedKey"] == "********"
    assert updated.task("default policy")["changed"] is True
    assert updated.task("default policy")["connection"]["ipsec_policies"] == []
    assert updated.task("again")["changed"] is False
    assert PSK not in updated.stdout and PSK2 not in updated.stdout
    assert PSK not in json.dumps(updated.records) and PSK2 not in json.dumps(updated.records)
    assert twin.writes() == before + 3

    # --- what Azure would refuse is refused before any write, naming the field -------------------
    before = twin.writes()
    refused = run_play([
        task("apipa range", "azure_virtual_network_gateway", ignore_errors=True,
             **gateway(active_active=True, ip_configurations=[
                 {"name": "ipconfig1", "public_ip": "pip1", "apipa_addresses": ["169.254.20.1"]},
                 {"name": "ipconfig2", "public_ip": "pip2", "apipa_addresses": ["169.254.22.2"]}])),
        task("one ipconfig", "azure_virtual_network_gateway", ignore_errors=True,
             **gateway(active_active=True, ip_configurations=[{"name": "ipconfig1", "public_ip": "pip1"}])),
        task("move vnet", "azure_virtual_network_gateway", ignore_errors=True,
             **gateway(active_active=True, virtual_network="vnet-other")),
        task("drop pinned apipa", "azure_virtual_network_gateway", ignore_errors=True,
             **gateway(active_active=True, ip_configurations=[
                 {"name": "ipconfig1", "public_ip": "pip1", "apipa_addresses": ["169.254.21.6"]},
                 {"name": "ipconfig2", "public_ip": "pip2", "apipa_addresses": ["169.254.22.2"]}])),
        task("pin unknown apipa", "azure_connection", ignore_errors=True, **connection(
            name="cn2", gateway_custom_bgp_ip_addresses=[
                {"ip_configuration": "ipconfig1", "custom_bgp_ip_address": "169.254.21.99"}])),
        task("half policy", "azure_connection", ignore_errors=True,
             **connection(name="cn2", ipsec_policy={"pfs_group": "PFS24"})),
    ], env=FAST)
    assert len(refused.failed) == 6
    assert "169.254.21.0 - 169.254.22.255" in refused.task("apipa range")["msg"]
    assert "exactly 2 ip_configurations" in refused.task("one ipconfig")["msg"]
    assert "virtual_network cannot change" in refused.task("move vnet")["msg"]
    assert "connection cn1 pins it" in refused.task("drop pinned apipa")["msg"]
    assert "169.254.21.99 is not one of the APIPA addresses" in refused.task("pin unknown apipa")["msg"]
    assert "ipsec_policy needs all eight fields" in refused.task("half policy")["msg"]
    assert twin.writes() == before

    # --- info: gateway, connections with per-instance tunnel status, BGP peers, routes ------------
    info = run_play([task("info", "azure_virtual_network_gateway_info", name="vng", resource_group=RG)],
                    env=FAST, expect_rc=0)
    facts = info.task("info")
    assert facts["exists"] is True and facts["changed"] is False
    assert [c["name"] for c in facts["connections"]] == ["cn1"]
    tunnels = facts["connections"][0]["tunnel_connection_status"]
    assert len(tunnels) == 2 and all("connection_status" in t for t in tunnels)
    assert facts["connections"][0].get("shared_key") in (None, "********")     # not served by ARM
    assert isinstance(facts["bgp_peers"], list) and isinstance(facts["learned_routes"], list)
    assert [a["peer"] for a in facts["advertised_routes"]] == sorted(
        set(p["neighbor"] for p in facts["bgp_peers"]))
    # the resource group's local network gateways in the same run, when asked (verification)
    lngs = run_play([task("lngs", "azure_virtual_network_gateway_info", name="vng", resource_group=RG,
                          include=["local_network_gateways"])], env=FAST, expect_rc=0).task("lngs")
    assert [lng["name"] for lng in lngs["local_network_gateways"]] == ["lng-bgp", "lng-static"]
    assert "connections" not in lngs and "bgp_peers" not in lngs
    assert twin.writes() == before

    # --- delete, and delete again ------------------------------------------------------------------
    teardown = [
        task("cn", "azure_connection", name="cn1", resource_group=RG, state="absent"),
        task("lng1", "azure_local_network_gateway", name="lng-static", resource_group=RG, state="absent"),
        task("lng2", "azure_local_network_gateway", name="lng-bgp", resource_group=RG, state="absent"),
        task("vng", "azure_virtual_network_gateway", name="vng", resource_group=RG, state="absent"),
    ]
    assert run_play(teardown, env=FAST, expect_rc=0).changed == 4
    before = twin.writes()
    again = run_play([teardown[0], teardown[3], task("rg", "azure_resource_group", name=RG, state="absent")],
                     env=FAST, expect_rc=0)
    assert again.task("cn")["changed"] is False and again.task("vng")["changed"] is False
    assert twin.writes() == before + 1
