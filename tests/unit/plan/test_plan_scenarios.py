"""Every scenario's plan against hand-checked expectations.

The expected values below were worked out by hand from the seeds' designs (field facts section
1) for the intent in plan_helpers.BASE: VCN 10.0.0.0/16, VNet 10.1.0.0/16 + 10.2.0.0/24, prefix
"lab", APIPA pool 169.254.21.0/24, ASNs 65515 (Azure) / 31898 (Oracle).
"""

import json

from plan_helpers import plan_for


def tunnel_rows(plan):
    """(key, ipsec connection, number, in use, routing, oracle inside, customer inside, instance,
    LNG, connection) per OCI tunnel."""
    rows = []
    for t in plan["tunnels"]:
        inside = t["inside"] or {}
        rows.append((t["key"], t["ipsec_connection"], t["tunnel_number"], t["in_use"],
                     t["routing"], inside.get("oracle_ip"), inside.get("customer_ip"),
                     t["vng_instance"], t["local_network_gateway"], t["azure_connection"]))
    return rows


def lng_rows(plan):
    rows = []
    for lng in plan["azure"]["local_network_gateways"]:
        bgp = lng["bgp_settings"]
        gw = lng["gateway_ip_address"]["ref"]
        rows.append((lng["name"], gw["ipsec_connection"], gw["tunnel"], gw["attribute"],
                     lng["address_prefixes"],
                     (bgp["bgp_peering_address"], bgp["asn"]) if bgp else None))
    return rows


def pinned(plan):
    return [(c["name"], [(g["ip_configuration"], g["custom_bgp_ip_address"])
                         for g in c["gateway_custom_bgp_ip_addresses"]])
            for c in plan["azure"]["connections"]]


def vng_rows(plan):
    vng = plan["azure"]["virtual_network_gateway"]
    return [(c["name"], c["public_ip"], c["custom_bgp_ip_addresses"])
            for c in vng["ip_configurations"]]


def test_vpn_single():
    plan = plan_for("vpn_single")
    assert plan["oci"]["drg"]["name"] == "lab-drg"
    assert plan["oci"]["cpes"] == [{
        "name": "lab-cpe-1", "vng_instance": 1,
        "ip_address": {"ref": {"cloud": "azure", "kind": "public_ip", "name": "lab-vng-pip-1",
                               "attribute": "ip_address"}}}]
    assert tunnel_rows(plan) == [
        ("1-t1", "lab-ipsec-1", 1, True, "BGP", "169.254.21.1/30", "169.254.21.2/30", 1,
         "lab-lng-1-t1", "lab-conn-1-t1"),
        # the unused tunnel runs BGP too so the connection needs no static routes
        ("1-t2", "lab-ipsec-1", 2, False, "BGP", "169.254.21.5/30", "169.254.21.6/30", 1,
         None, None),
    ]
    assert plan["oci"]["ipsec_connections"][0]["static_routes"] == []
    assert plan["tunnels"][0]["bgp_session_config"] == {
        "oracle_interface_ip": "169.254.21.1/30", "customer_interface_ip": "169.254.21.2/30",
        "customer_bgp_asn": "65515"}
    vng = plan["azure"]["virtual_network_gateway"]
    assert (vng["name"], vng["sku"], vng["active_active"], vng["enable_bgp"]) == \
        ("lab-vng", "VpnGw1AZ", False, True)
    assert vng["bgp_settings"] == {"asn": 65515, "peer_weight": 0}
    assert vng_rows(plan) == [("ipconfig1", "lab-vng-pip-1", ["169.254.21.2"])]
    assert lng_rows(plan) == [("lab-lng-1-t1", "lab-ipsec-1", 1, "vpn_ip", [],
                               ("169.254.21.1", 31898))]
    assert pinned(plan) == [("lab-conn-1-t1", [("ipconfig1", "169.254.21.2")])]
    assert plan["ecmp"] == {"oci_drg_route_table_ecmp": False, "azure_active_active": False,
                            "expected_paths": 1}
    assert plan["expect"]["bgp_sessions"] == [
        {"tunnel": "1-t1", "oracle_ip": "169.254.21.1", "azure_ip": "169.254.21.2",
         "vng_instance": 1}]


def test_vpn_static_active_passive():
    plan = plan_for("vpn_static_active_passive")
    assert tunnel_rows(plan) == [
        ("1-primary-t1", "lab-ipsec-1-primary", 1, True, "STATIC", None, None, 1,
         "lab-lng-1-primary-t1", "lab-conn-1-primary-t1"),
        ("1-primary-t2", "lab-ipsec-1-primary", 2, False, "STATIC", None, None, 1, None, None),
        ("1-backup-t1", "lab-ipsec-1-backup", 1, True, "STATIC", None, None, 1,
         "lab-lng-1-backup-t1", "lab-conn-1-backup-t1"),
        ("1-backup-t2", "lab-ipsec-1-backup", 2, False, "STATIC", None, None, 1, None, None),
    ]
    routes = dict((c["name"], (c["cpe"], c["static_routes"]))
                  for c in plan["oci"]["ipsec_connections"])
    # both connections go to the same (single) VNG address
    assert routes == {
        "lab-ipsec-1-primary": ("lab-cpe-1", ["10.1.0.0/17", "10.1.128.0/17",
                                              "10.2.0.0/25", "10.2.0.128/25"]),
        "lab-ipsec-1-backup": ("lab-cpe-1", ["10.1.0.0/16", "10.2.0.0/24"]),
    }
    assert lng_rows(plan) == [
        ("lab-lng-1-primary-t1", "lab-ipsec-1-primary", 1, "vpn_ip",
         ["10.0.0.0/17", "10.0.128.0/17"], None),
        ("lab-lng-1-backup-t1", "lab-ipsec-1-backup", 1, "vpn_ip", ["10.0.0.0/16"], None),
    ]
    vng = plan["azure"]["virtual_network_gateway"]
    assert (vng["active_active"], vng["enable_bgp"], vng["bgp_settings"]) == (False, False, None)
    assert vng_rows(plan) == [("ipconfig1", "lab-vng-pip-1", [])]
    assert [c["enable_bgp"] for c in plan["azure"]["connections"]] == [False, False]
    assert pinned(plan) == [("lab-conn-1-primary-t1", []), ("lab-conn-1-backup-t1", [])]
    assert plan["asn"] is None
    assert plan["ecmp"]["oci_drg_route_table_ecmp"] is False


def test_vpn_static_active_active():
    plan = plan_for("vpn_static_active_active")
    assert [c["name"] for c in plan["oci"]["cpes"]] == ["lab-cpe-1", "lab-cpe-2"]
    assert [c["ip_address"]["ref"]["name"]
            for c in plan["oci"]["cpes"]] == ["lab-vng-pip-1", "lab-vng-pip-2"]
    assert [(c["name"], c["cpe"], len(c["static_routes"]))
            for c in plan["oci"]["ipsec_connections"]] == [
        ("lab-ipsec-1-primary", "lab-cpe-1", 4), ("lab-ipsec-1-backup", "lab-cpe-1", 2),
        ("lab-ipsec-2-primary", "lab-cpe-2", 4), ("lab-ipsec-2-backup", "lab-cpe-2", 2)]
    assert [(t["key"], t["vng_instance"]) for t in plan["tunnels"] if t["in_use"]] == [
        ("1-primary-t1", 1), ("1-backup-t1", 1), ("2-primary-t1", 2), ("2-backup-t1", 2)]
    assert [(row[0], row[4]) for row in lng_rows(plan)] == [
        ("lab-lng-1-primary-t1", ["10.0.0.0/17", "10.0.128.0/17"]),
        ("lab-lng-1-backup-t1", ["10.0.0.0/16"]),
        ("lab-lng-2-primary-t1", ["10.0.0.0/17", "10.0.128.0/17"]),
        ("lab-lng-2-backup-t1", ["10.0.0.0/16"]),
    ]
    vng = plan["azure"]["virtual_network_gateway"]
    assert vng["active_active"] is True and vng["enable_bgp"] is False
    assert vng_rows(plan) == [("ipconfig1", "lab-vng-pip-1", []), ("ipconfig2", "lab-vng-pip-2", [])]
    assert [p["name"] for p in plan["azure"]["public_ips"]] == ["lab-vng-pip-1", "lab-vng-pip-2"]
    assert plan["ecmp"] == {"oci_drg_route_table_ecmp": True, "azure_active_active": True,
                            "expected_paths": 2}


def test_vpn_bgp_active_passive_reproduces_the_seed_design():
    """One Azure APIPA address, reached by tunnel 1 over a /30 and tunnel 2 over a /31."""
    plan = plan_for("vpn_bgp_active_passive")
    assert len(plan["oci"]["cpes"]) == 1
    assert len(plan["oci"]["ipsec_connections"]) == 1
    assert tunnel_rows(plan) == [
        ("1-t1", "lab-ipsec-1", 1, True, "BGP", "169.254.21.1/30", "169.254.21.2/30", 1,
         "lab-lng-1-t1", "lab-conn-1-t1"),
        ("1-t2", "lab-ipsec-1", 2, True, "BGP", "169.254.21.3/31", "169.254.21.2/31", 1,
         "lab-lng-1-t2", "lab-conn-1-t2"),
    ]
    assert [t["inside"]["prefix_length"] for t in plan["tunnels"]] == [30, 31]
    # the VNG has exactly one APIPA address (active-passive: BGP only on the first one)
    assert vng_rows(plan) == [("ipconfig1", "lab-vng-pip-1", ["169.254.21.2"])]
    assert [t["azure_apipa"] for t in plan["tunnels"]] == ["169.254.21.2", "169.254.21.2"]
    # two LNGs, one per OCI tunnel, each peering with that tunnel's Oracle address
    assert lng_rows(plan) == [
        ("lab-lng-1-t1", "lab-ipsec-1", 1, "vpn_ip", [], ("169.254.21.1", 31898)),
        ("lab-lng-1-t2", "lab-ipsec-1", 2, "vpn_ip", [], ("169.254.21.3", 31898)),
    ]
    # both connections pin the single APIPA address
    assert pinned(plan) == [("lab-conn-1-t1", [("ipconfig1", "169.254.21.2")]),
                            ("lab-conn-1-t2", [("ipconfig1", "169.254.21.2")])]
    assert plan["ecmp"] == {"oci_drg_route_table_ecmp": True, "azure_active_active": False,
                            "expected_paths": 2}
    assert plan["oci"]["drg_route_table"]["is_ecmp_enabled"] is True
    # the /31 lies inside tunnel 1's /30 by design, recorded as such
    tunnel_blocks = [b for b in plan["address_blocks"] if b["purpose"].startswith("tunnel")]
    assert tunnel_blocks == [{"cidr": "169.254.21.0/30", "purpose": "tunnel 1-t1 inside",
                              "shared_with": [{"cidr": "169.254.21.2/31", "tunnel": "1-t2"}]}]


def test_vpn_bgp_active_active():
    plan = plan_for("vpn_bgp_active_active")
    assert tunnel_rows(plan) == [
        ("1-t1", "lab-ipsec-1", 1, True, "BGP", "169.254.21.1/30", "169.254.21.2/30", 1,
         "lab-lng-1-t1", "lab-conn-1-t1"),
        ("1-t2", "lab-ipsec-1", 2, True, "BGP", "169.254.21.5/30", "169.254.21.6/30", 1,
         "lab-lng-1-t2", "lab-conn-1-t2"),
        ("2-t1", "lab-ipsec-2", 1, True, "BGP", "169.254.21.9/30", "169.254.21.10/30", 2,
         "lab-lng-2-t1", "lab-conn-2-t1"),
        ("2-t2", "lab-ipsec-2", 2, True, "BGP", "169.254.21.13/30", "169.254.21.14/30", 2,
         "lab-lng-2-t2", "lab-conn-2-t2"),
    ]
    assert [(c["name"], c["cpe"]) for c in plan["oci"]["ipsec_connections"]] == [
        ("lab-ipsec-1", "lab-cpe-1"), ("lab-ipsec-2", "lab-cpe-2")]
    # two APIPA addresses per instance, four in all
    assert vng_rows(plan) == [("ipconfig1", "lab-vng-pip-1", ["169.254.21.2", "169.254.21.6"]),
                              ("ipconfig2", "lab-vng-pip-2", ["169.254.21.10", "169.254.21.14"])]
    assert [row[5] for row in lng_rows(plan)] == [
        ("169.254.21.1", 31898), ("169.254.21.5", 31898), ("169.254.21.9", 31898),
        ("169.254.21.13", 31898)]
    # each connection pins an address on both instances; the instance whose CPE the OCI
    # connection targets gets that tunnel's customer address
    assert pinned(plan) == [
        ("lab-conn-1-t1", [("ipconfig1", "169.254.21.2"), ("ipconfig2", "169.254.21.10")]),
        ("lab-conn-1-t2", [("ipconfig1", "169.254.21.6"), ("ipconfig2", "169.254.21.14")]),
        ("lab-conn-2-t1", [("ipconfig1", "169.254.21.2"), ("ipconfig2", "169.254.21.10")]),
        ("lab-conn-2-t2", [("ipconfig1", "169.254.21.6"), ("ipconfig2", "169.254.21.14")]),
    ]
    assert plan["ecmp"] == {"oci_drg_route_table_ecmp": True, "azure_active_active": True,
                            "expected_paths": 4}
    assert plan["expect"]["azure_learns"] == ["10.0.0.0/16"]
    assert plan["expect"]["oci_learns"] == ["10.1.0.0/16", "10.2.0.0/24"]


def test_vpn_bgp_active_active_with_given_inside_addresses_and_asn():
    given = [
        {"oracle_ip": "169.254.22.1/30", "customer_ip": "169.254.22.2/30"},
        {"oracle_ip": "169.254.22.5/30", "customer_ip": "169.254.22.6/30"},
        {"oracle_ip": "169.254.22.9/30", "customer_ip": "169.254.22.10/30"},
        {"oracle_ip": "169.254.22.14/30", "customer_ip": "169.254.22.13/30"},
    ]
    plan = plan_for("vpn_bgp_active_active", tunnel_inside_addresses=given, azure_asn=65010)
    assert [(t["inside"]["oracle_address"], t["azure_apipa"]) for t in plan["tunnels"]] == [
        ("169.254.22.1", "169.254.22.2"), ("169.254.22.5", "169.254.22.6"),
        ("169.254.22.9", "169.254.22.10"), ("169.254.22.14", "169.254.22.13")]
    assert plan["tunnels"][0]["bgp_session_config"]["customer_bgp_asn"] == "65010"
    assert plan["azure"]["virtual_network_gateway"]["bgp_settings"]["asn"] == 65010


def test_fastconnect_expressroute():
    plan = plan_for("fastconnect_expressroute", fastconnect_subnets=["192.168.100.0/30",
                                                                     "192.168.100.4/30"],
                    bandwidth_gbps=2)
    vc = plan["oci"]["virtual_circuit"]
    assert vc == {
        "name": "lab-vc", "type": "PRIVATE", "provider_name": "Microsoft Azure",
        "provider_service_key_name": {"ref": {"cloud": "azure", "kind": "expressroute_circuit",
                                              "name": "lab-erc", "attribute": "service_key"}},
        "gateway": "lab-drg", "bandwidth_shape_name": "2 Gbps", "bandwidth_mbps": 2000,
        "cross_connect_mappings": [
            # Oracle on the first usable address (2nd of the block), Azure on the next one
            {"link": "primary", "oracle_bgp_peering_ip": "192.168.100.1/30",
             "customer_bgp_peering_ip": "192.168.100.2/30"},
            {"link": "secondary", "oracle_bgp_peering_ip": "192.168.100.5/30",
             "customer_bgp_peering_ip": "192.168.100.6/30"}],
        "oracle_bgp_asn": 31898,
    }
    assert plan["azure"]["expressroute_circuit"] == {
        "name": "lab-erc", "service_provider_name": "Oracle Cloud FastConnect",
        "peering_location": "Washington DC", "paired_oci_region": "us-ashburn-1",
        "bandwidth_in_mbps": 2000,
        "sku": {"tier": "Standard", "family": "MeteredData", "name": "Standard_MeteredData"}}
    assert plan["azure"]["expressroute_peering"] == {
        "name": "AzurePrivatePeering", "circuit": "lab-erc", "peering_type": "AzurePrivatePeering",
        "provisioned_by": "provider",
        "peer_asn": 31898, "primary_peer_address_prefix": "192.168.100.0/30",
        "secondary_peer_address_prefix": "192.168.100.4/30",
        "azure_addresses": ["192.168.100.2", "192.168.100.6"],
        "oracle_addresses": ["192.168.100.1", "192.168.100.5"]}
    gw = plan["azure"]["virtual_network_gateway"]
    assert (gw["name"], gw["gateway_type"], gw["sku"]) == ("lab-ergw", "ExpressRoute", "ErGw3AZ")
    assert plan["azure"]["connections"] == [{
        "name": "lab-erconn", "connection_type": "ExpressRoute",
        "virtual_network_gateway": "lab-ergw", "express_route_circuit": "lab-erc",
        "express_route_gateway_bypass": True, "routing_weight": 0}]
    assert plan["tunnels"] == [] and plan["crypto"] is None
    assert plan["asn"] == {"oracle": 31898, "azure": 12076}


def test_fastconnect_carves_from_the_pool_around_the_networks():
    # the pool's first /30 lies in the VCN: it is skipped
    plan = plan_for("fastconnect_expressroute", vcn_cidrs=["172.16.0.0/30"],
                    fastconnect_pool="172.16.0.0/28")
    assert [m["subnet"] for m in plan["fastconnect"]["links"]] == ["172.16.0.4/30",
                                                                   "172.16.0.8/30"]


def test_names_follow_the_prefix():
    plan = plan_for("vpn_bgp_active_active", name_prefix="prod-west")
    names = ([plan["oci"]["drg"]["name"]] + [c["name"] for c in plan["oci"]["cpes"]]
             + [c["name"] for c in plan["oci"]["ipsec_connections"]]
             + [plan["azure"]["virtual_network_gateway"]["name"]]
             + [p["name"] for p in plan["azure"]["public_ips"]]
             + [g["name"] for g in plan["azure"]["local_network_gateways"]]
             + [c["name"] for c in plan["azure"]["connections"]])
    assert names == ["prod-west-drg", "prod-west-cpe-1", "prod-west-cpe-2", "prod-west-ipsec-1",
                     "prod-west-ipsec-2", "prod-west-vng", "prod-west-vng-pip-1",
                     "prod-west-vng-pip-2", "prod-west-lng-1-t1", "prod-west-lng-1-t2",
                     "prod-west-lng-2-t1", "prod-west-lng-2-t2", "prod-west-conn-1-t1",
                     "prod-west-conn-1-t2", "prod-west-conn-2-t1", "prod-west-conn-2-t2"]
    assert all(len(n) <= 80 for n in names)


def test_plan_is_json_and_has_the_documented_top_level_keys():
    for scenario in ("vpn_single", "vpn_static_active_active", "fastconnect_expressroute"):
        plan = plan_for(scenario)
        assert json.loads(json.dumps(plan)) == plan
        assert list(plan) == ["schema_version", "name_prefix", "scenario", "design", "routing",
                              "intent", "asn", "oci", "azure", "tunnels", "crypto",
                              "shared_secrets", "ecmp", "address_blocks", "routing_detail",
                              "fastconnect", "expect", "module_args", "warnings"]


def test_irrelevant_options_draw_warnings_not_errors():
    plan = plan_for("vpn_static_active_passive", apipa_pool="169.254.21.0/28", bandwidth_gbps=5)
    assert "apipa_pool: ignored, scenario vpn_static_active_passive does not use it" \
        in plan["warnings"]
    assert any(w.startswith("bandwidth_gbps: ignored") for w in plan["warnings"])


def test_generation_follows_the_sku():
    plan = plan_for("vpn_single", gateway_sku="VpnGw2AZ")
    assert plan["azure"]["virtual_network_gateway"]["generation"] == "Generation2"
    plan = plan_for("vpn_single", gateway_sku="VpnGw1AZ")
    assert plan["azure"]["virtual_network_gateway"]["generation"] == "Generation1"


def test_given_secrets_map_to_tunnels_in_plan_order_without_appearing_in_the_plan():
    from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import psk
    params = dict(shared_secret_policy="given", shared_secrets=["first key", "second key"])
    plan = plan_for("vpn_bgp_active_passive", **params)
    text = json.dumps(plan)
    assert "first key" not in text and "second key" not in text
    assert [t["shared_secret"] for t in plan["tunnels"]] == [
        {"policy": "given", "ipsec_connection": "lab-ipsec-1", "tunnel": 1, "index": 0},
        {"policy": "given", "ipsec_connection": "lab-ipsec-1", "tunnel": 2, "index": 1}]
    assert psk.keys_for(plan, params) == {"1-t1": "first key", "1-t2": "second key"}


def test_generated_secrets_are_stable_for_a_seed_and_change_with_it():
    from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import psk
    seed = "0123456789abcdefXYZ"
    plan = plan_for("vpn_bgp_active_active", shared_secret_policy="generated", secret_seed=seed)
    keys = psk.keys_for(plan, {"shared_secret_policy": "generated", "secret_seed": seed})
    again = psk.keys_for(plan, {"shared_secret_policy": "generated", "secret_seed": seed})
    other = psk.keys_for(plan, {"shared_secret_policy": "generated", "secret_seed": seed + "x"})
    assert keys == again
    assert sorted(keys) == ["1-t1", "1-t2", "2-t1", "2-t2"]
    assert len(set(keys.values())) == 4
    assert all(keys[k] != other[k] for k in keys)
    assert all(psk.secret_problems(v, "k") == [] for v in keys.values())
    assert seed not in json.dumps(plan)
    # a fresh seed comes from the secrets module: different every time, valid as a seed
    assert psk.new_secret_seed() != psk.new_secret_seed()


def test_irrelevant_options_at_their_default_do_not_warn():
    # roles pass every option; only a value that differs from the default is worth a warning
    plan = plan_for("fastconnect_expressroute", shared_secret_policy="from_oci",
                    crypto_profile="default", gateway_sku="VpnGw1AZ")
    assert plan["warnings"] == []
    plan = plan_for("fastconnect_expressroute", crypto_profile="strong")
    assert plan["warnings"] == ["crypto_profile: ignored, scenario fastconnect_expressroute "
                                "does not use it"]
