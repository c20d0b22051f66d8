"""The verification evaluator (module_utils/verify.py) on real plans and made-up observations."""

import copy

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils import verify as V
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.model import build_plan


def plan_for(scenario, **extra):
    params = dict(scenario=scenario, name_prefix="lab", vcn_cidrs=["10.10.0.0/16"],
                  vnet_cidrs=["10.20.0.0/16"], peering_location="Amsterdam2")
    params.update(extra)
    return build_plan(params)


def healthy(plan):
    """What both clouds report when everything the plan expects is up."""
    obs = {"oci_tunnels": {}, "oci_connections": {}, "azure_connections": {},
           "azure_public_ips": {}, "azure_bgp_peers": [], "azure_learned_routes": [],
           "azure_local_network_gateways": {}, "oci_ecmp": True}
    for index, pip in enumerate(plan["azure"].get("public_ips") or [], start=1):
        obs["azure_public_ips"][pip["name"]] = "20.62.0.%d" % index
    expect = plan["expect"]
    bgp = dict((s["tunnel"], s) for s in expect.get("bgp_sessions") or [] if "tunnel" in s)
    for tunnel in plan.get("tunnels") or []:
        seen = {"found": True, "name": tunnel["name"], "status": "UP" if tunnel["in_use"] else "DOWN",
                "bgp_state": None, "routes_received": [], "error": None}
        if tunnel["key"] in bgp:
            seen["bgp_state"] = "UP"
            seen["routes_received"] = list(expect["oci_learns"])
        obs["oci_tunnels"][tunnel["key"]] = seen
        if tunnel["in_use"]:
            address = obs["azure_public_ips"]["lab-vng-pip-%d" % tunnel["vng_instance"]]
            obs["azure_connections"][tunnel["azure_connection"]] = {
                "found": True, "status": "Connected", "reasons": [],
                "tunnels": [{"tunnel": "%s_%s" % (tunnel["azure_connection"], address),
                             "status": "Connected"}]}
    for session in bgp.values():
        obs["azure_bgp_peers"].append({"local_address": session["azure_ip"], "neighbor": session["oracle_ip"],
                                       "state": "Connected"})
        for prefix in expect["azure_learns"]:
            obs["azure_learned_routes"].append({"network": prefix, "next_hop": session["oracle_ip"],
                                                "source_peer": session["oracle_ip"], "origin": "EBgp"})
    for ipsec in plan["oci"].get("ipsec_connections") or []:
        obs["oci_connections"][ipsec["name"]] = {"found": True, "static_routes": list(ipsec["static_routes"])}
    for lng in plan["azure"].get("local_network_gateways") or []:
        obs["azure_local_network_gateways"][lng["name"]] = {"found": True,
                                                            "address_prefixes": list(lng["address_prefixes"])}
    return obs


def failing(report):
    return [r for r in report["rows"] if not r["ok"]]


@pytest.mark.parametrize("scenario", ["vpn_single", "vpn_static_active_passive", "vpn_static_active_active",
                                      "vpn_bgp_active_passive", "vpn_bgp_active_active"])
def test_a_healthy_vpn_passes(scenario):
    plan = plan_for(scenario)
    report = V.evaluate(plan, healthy(plan))
    assert report["ok"], failing(report)
    assert report["failed"] == 0 and report["passed"] > 0
    unused = [r for r in report["rows"] if r["info"]]
    assert len(unused) == sum(1 for t in plan["tunnels"] if not t["in_use"])


def test_active_active_checks_four_sessions_and_four_paths():
    plan = plan_for("vpn_bgp_active_active")
    report = V.evaluate(plan, healthy(plan))
    checks = [r["check"] for r in report["rows"]]
    assert sum(1 for c in checks if c.startswith("BGP peer")) == 4
    assert [r["expected"] for r in report["rows"] if r["check"].startswith("learns")] == ["4 path(s)"] * 2


def test_a_down_tunnel_is_named_with_the_clouds_reason_on_both_sides():
    plan = plan_for("vpn_bgp_active_active")
    obs = healthy(plan)
    tunnel = obs["oci_tunnels"]["2-t2"]
    tunnel.update(status="DOWN", bgp_state="DOWN", routes_received=[],
                  error={"code": "PHASE2_PFS_MISMATCH", "message": "PFS groups do not intersect.",
                         "solution": "Set the OCI tunnel's phase-two PFS group to GROUP14."})
    conn = obs["azure_connections"]["lab-conn-2-t2"]
    conn["status"] = "NotConnected"
    conn["tunnels"][0]["status"] = "NotConnected"
    # the other instance's expected refusal must not be taken for this tunnel's reason
    conn["reasons"] = [{"code": "CPE_IP_MISMATCH", "message": "other instance", "layer": "ipsec",
                        "ip_configuration": "/subscriptions/x/ipConfigurations/ipconfig1"}]
    obs["azure_bgp_peers"] = [p for p in obs["azure_bgp_peers"] if p["neighbor"] != "169.254.21.13"] + [
        {"local_address": "169.254.21.14", "neighbor": "169.254.21.13", "state": "Idle"}]
    obs["azure_learned_routes"] = [r for r in obs["azure_learned_routes"] if r["next_hop"] != "169.254.21.13"]
    report = V.evaluate(plan, obs)
    assert not report["ok"]
    rows = failing(report)
    objects = set(r["object"] for r in rows)
    assert {"lab-ipsec-2-t2", "lab-conn-2-t2", "gateway", "DRG"} == objects
    for row in rows:
        if row["object"] in ("lab-ipsec-2-t2", "lab-conn-2-t2"):
            assert row["reason"].startswith("PHASE2_PFS_MISMATCH: PFS groups do not intersect")
            assert row["fix"] == "Set the OCI tunnel's phase-two PFS group to GROUP14"
    assert not any(r["config"] for r in rows)          # these can settle: retried
    assert V.settled(rows)                             # ... but a PFS mismatch will not
    connecting = [dict(r, observed="Connecting") for r in rows]
    assert V.settled(connecting)                       # a state alone is no reason to wait
    provisioning = [dict(r) for r in rows]
    provisioning[0]["reason"] = "OCI_NOT_PROVISIONED: still PROVISIONING"
    assert not V.settled(provisioning)
    lines = V.failure_lines(report)
    assert lines[0].startswith("oci lab-ipsec-2-t2 tunnel: expected UP, observed DOWN. Reason: PHASE2_PFS_MISMATCH")
    assert "(PHASE2_PFS_MISMATCH)" in V.failure_summary(report)


def test_an_unplanned_established_session_fails():
    plan = plan_for("vpn_single")
    obs = healthy(plan)
    obs["azure_bgp_peers"].append({"local_address": "169.254.22.2", "neighbor": "169.254.22.1",
                                   "state": "Connected"})
    rows = failing(V.evaluate(plan, obs))
    assert [r["check"] for r in rows] == ["unexpected BGP peer 169.254.22.1 <-> 169.254.22.2"]


def test_fewer_paths_than_planned_fail_and_ecmp_off_is_a_config_failure():
    plan = plan_for("vpn_bgp_active_passive")
    obs = healthy(plan)
    obs["azure_learned_routes"] = obs["azure_learned_routes"][:1]
    obs["oci_ecmp"] = False
    rows = failing(V.evaluate(plan, obs))
    assert [(r["check"], r["observed"], r["config"]) for r in rows] == [
        ("learns 10.10.0.0/16", "1 path(s) via 169.254.21.1", False),
        ("ECMP", "disabled", True)]


def test_static_prefixes_in_place_on_both_sides():
    plan = plan_for("vpn_static_active_passive")
    obs = healthy(plan)
    obs["oci_connections"]["lab-ipsec-1-primary"]["static_routes"] = ["10.20.0.0/16"]
    obs["azure_local_network_gateways"]["lab-lng-1-backup-t1"]["address_prefixes"] = ["10.10.0.0/17"]
    rows = failing(V.evaluate(plan, obs))
    assert [(r["object"], r["check"]) for r in rows] == [
        ("lab-ipsec-1-primary", "primary static routes"), ("lab-lng-1-backup-t1", "backup prefixes")]
    assert rows[0]["expected"] == "10.20.0.0/17, 10.20.128.0/17" and all(r["config"] for r in rows)


def test_missing_resources_are_reported_not_guessed():
    plan = plan_for("vpn_single")
    report = V.evaluate(plan, {})
    rows = failing(report)
    assert rows[0]["observed"] == "missing" and rows[0]["config"]
    assert any(r["observed"] == "not reported" for r in rows)


def fastconnect_healthy(plan):
    expect = plan["expect"]
    peering = plan["azure"]["expressroute_peering"]
    return {
        "virtual_circuit": {"found": True, "lifecycle_state": "PROVISIONED", "provider_state": "ACTIVE",
                            "bgp_session_state": "UP", "error": None},
        "er_circuit": {"found": True, "provider_state": "Provisioned",
                       "peering": {"state": "Enabled", "primary_prefix": peering["primary_peer_address_prefix"],
                                   "secondary_prefix": peering["secondary_peer_address_prefix"],
                                   "vlan": peering["vlan_id"], "peer_asn": peering["peer_asn"]},
                       "arp": copy.deepcopy(expect["arp_entries"]),
                       "routes": {"primary": list(expect["azure_learns"]),
                                  "secondary": list(expect["azure_learns"])}},
        "azure_connections": {"lab-erconn": {"found": True, "status": "Connected",
                                             "express_route_gateway_bypass": True, "reasons": []}},
    }


def test_fastconnect_healthy_and_broken():
    plan = plan_for("fastconnect_expressroute")
    obs = fastconnect_healthy(plan)
    report = V.evaluate(plan, obs)
    assert report["ok"], failing(report)
    assert report["passed"] == 12
    obs["er_circuit"]["peering"]["vlan"] = 200
    obs["er_circuit"]["arp"]["secondary"] = []
    obs["virtual_circuit"].update(bgp_session_state="DOWN", error={
        "code": "VLAN_MISMATCH", "message": "The peering VLAN 200 does not match.", "solution": "Use one VLAN."})
    rows = failing(V.evaluate(plan, obs))
    assert [(r["object"], r["check"]) for r in rows] == [
        ("lab-vc", "BGP"), ("lab-erc", "peering VLAN, ASN"), ("lab-erc", "ARP secondary")]
    assert rows[0]["reason"].startswith("VLAN_MISMATCH") and rows[0]["fix"] == "Use one VLAN"
    # the ARP table follows the session: waiting stops once the twin's reason is stable
    waiting = [r for r in rows if not r["config"]]
    assert V.settled(waiting)


def test_table_is_aligned_with_a_verdict():
    plan = plan_for("vpn_single")
    lines = V.render_table(V.evaluate(plan, healthy(plan)), title="lab")
    assert lines[0] == "lab"
    assert lines[1].split() == ["SIDE", "OBJECT", "CHECK", "EXPECTED", "OBSERVED", "RESULT"]
    assert lines[-1] == "PASS: 7 checks passed, 0 failed"
    # the last column starts at the same offset on every line
    assert len(set(len(line) - len(line.split()[-1]) for line in lines[1:-1])) == 1
