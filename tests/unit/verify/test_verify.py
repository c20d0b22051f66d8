"""The verification evaluator (module_utils/verify.py) on real plans and made-up observations."""

import copy

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils import verify as V
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import constants as C
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.model import build_plan


def plan_for(scenario, **extra):
    params = dict(scenario=scenario, name_prefix="lab", vcn_cidrs=["10.10.0.0/16"],
                  vnet_cidrs=["10.20.0.0/16"], peering_location="Amsterdam2")
    params.update(extra)
    return build_plan(params)


def read_phase_one(config):
    """The plan's OCI phase-one config as OCI reads it back (phase_one_details)."""
    if not config or not config.get("is_custom_phase_one_config"):
        return {"is_custom_phase_one_config": False, "lifetime": 28800}
    return {"is_custom_phase_one_config": True, "lifetime": config.get("lifetime_in_seconds") or 28800,
            "custom_encryption_algorithm": config.get("encryption_algorithm"),
            "custom_authentication_algorithm": config.get("authentication_algorithm"),
            "custom_dh_group": config.get("diffie_helman_group")}


def read_phase_two(config):
    """The plan's OCI phase-two config as OCI reads it back (phase_two_details, PFS in dh_group)."""
    config = config or {}
    pfs = config.get("is_pfs_enabled", True)
    details = {"is_custom_phase_two_config": bool(config.get("is_custom_phase_two_config")),
               "lifetime": config.get("lifetime_in_seconds") or 3600, "is_pfs_enabled": pfs,
               "dh_group": (config.get("pfs_dh_group") or "GROUP5") if pfs else None}
    if details["is_custom_phase_two_config"]:
        details.update(custom_encryption_algorithm=config.get("encryption_algorithm"),
                       custom_authentication_algorithm=config.get("authentication_algorithm"))
    return details


def healthy(plan):
    """What both clouds report when everything the plan expects is up and configured as planned."""
    obs = {"oci_tunnels": {}, "oci_connections": {}, "azure_connections": {},
           "azure_public_ips": {}, "azure_bgp_peers": [], "azure_learned_routes": [],
           "azure_local_network_gateways": {}, "oci_ecmp": True,
           "oci_ecmp_table": {"id": "ocid1.drgroutetable.oc1..vcn", "display_name": "vcn table"}}
    gateway = plan["azure"]["virtual_network_gateway"]
    obs["azure_gateway"] = {"found": True, "asn": (gateway.get("bgp_settings") or {}).get("asn")}
    crypto = (plan.get("crypto") or {}).get("oci") or {}
    conns = dict((c["name"], c) for c in plan["azure"].get("connections") or [])
    for index, pip in enumerate(plan["azure"].get("public_ips") or [], start=1):
        obs["azure_public_ips"][pip["name"]] = "20.62.0.%d" % index
    expect = plan["expect"]
    bgp = dict((s["tunnel"], s) for s in expect.get("bgp_sessions") or [] if "tunnel" in s)
    for tunnel in plan.get("tunnels") or []:
        seen = {"found": True, "name": tunnel["name"], "status": "UP" if tunnel["in_use"] else "DOWN",
                "bgp_state": None, "routes_received": [], "error": None,
                "vpn_ip": "129.213.0.%d" % (len(obs["oci_tunnels"]) + 1),
                "phase_one_details": read_phase_one(crypto.get("phase_one_config")),
                "phase_two_details": read_phase_two(crypto.get("phase_two_config"))}
        if tunnel["key"] in bgp:
            seen["bgp_state"] = "UP"
            seen["routes_received"] = list(expect["oci_learns"])
            seen.update(oracle_ip=tunnel["inside"]["oracle_address"], customer_ip=tunnel["inside"]["customer_address"],
                        customer_asn=tunnel["bgp_session_config"]["customer_bgp_asn"])
        obs["oci_tunnels"][tunnel["key"]] = seen
        if tunnel["in_use"]:
            address = obs["azure_public_ips"]["lab-vng-pip-%d" % tunnel["vng_instance"]]
            obs["azure_connections"][tunnel["azure_connection"]] = {
                "found": True, "status": "Connected", "reasons": [],
                "tunnels": [{"tunnel": "%s_%s" % (tunnel["azure_connection"], address),
                             "status": "Connected"}],
                "ipsec_policies": list(conns[tunnel["azure_connection"]].get("ipsec_policies") or [])}
    for session in bgp.values():
        obs["azure_bgp_peers"].append({"local_address": session["azure_ip"], "neighbor": session["oracle_ip"],
                                       "state": "Connected"})
        for prefix in expect["azure_learns"]:
            obs["azure_learned_routes"].append({"network": prefix, "next_hop": session["oracle_ip"],
                                                "source_peer": session["oracle_ip"], "origin": "EBgp"})
    for ipsec in plan["oci"].get("ipsec_connections") or []:
        obs["oci_connections"][ipsec["name"]] = {"found": True, "static_routes": list(ipsec["static_routes"])}
    for lng in plan["azure"].get("local_network_gateways") or []:
        bgp_settings = lng.get("bgp_settings") or {}
        obs["azure_local_network_gateways"][lng["name"]] = {
            "found": True, "address_prefixes": list(lng["address_prefixes"]),
            "gateway_ip_address": obs["oci_tunnels"][lng["tunnel"]]["vpn_ip"],
            "bgp_asn": bgp_settings.get("asn"), "bgp_peering_address": bgp_settings.get("bgp_peering_address")}
    return obs


def failing(report):
    return [r for r in report["rows"] if not r["ok"]]


@pytest.mark.parametrize("scenario", C.VPN_SCENARIOS)
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


PROVIDER_VLAN = 1043


def fastconnect_healthy(plan):
    expect = plan["expect"]
    peering = plan["azure"]["expressroute_peering"]
    # the provider (Microsoft Azure) assigns the VLAN: one the plan does not know
    mappings = [{"oracle_bgp_peering_ip": m["oracle_bgp_peering_ip"],
                 "customer_bgp_peering_ip": m["customer_bgp_peering_ip"], "vlan": PROVIDER_VLAN}
                for m in plan["oci"]["virtual_circuit"]["cross_connect_mappings"]]
    return {
        "virtual_circuit": {"found": True, "lifecycle_state": "PROVISIONED", "provider_state": "ACTIVE",
                            "bgp_session_state": "UP", "error": None, "cross_connect_mappings": mappings},
        "er_circuit": {"found": True, "provider_state": "Provisioned",
                       "peering": {"state": "Enabled", "primary_prefix": peering["primary_peer_address_prefix"],
                                   "secondary_prefix": peering["secondary_peer_address_prefix"],
                                   "vlan": PROVIDER_VLAN, "peer_asn": peering["peer_asn"]},
                       "arp": copy.deepcopy(expect["arp_entries"]),
                       "routes": {"primary": list(expect["azure_learns"]),
                                  "secondary": list(expect["azure_learns"])}},
        "azure_connections": {"lab-erconn": {"found": True, "status": "Connected",
                                             "express_route_gateway_bypass": True, "reasons": []}},
    }


def test_fastconnect_healthy_and_broken():
    # Issue 11 corrects the old belief that the peering's VLAN is the plan's: the provider assigns
    # it, so the check is that both links and the peering share one, whichever it is.
    plan = plan_for("fastconnect_expressroute")
    obs = fastconnect_healthy(plan)
    report = V.evaluate(plan, obs)
    assert report["ok"], failing(report)
    assert report["passed"] == 14
    obs["er_circuit"]["peering"]["vlan"] = 200
    obs["er_circuit"]["arp"]["secondary"] = []
    obs["virtual_circuit"].update(bgp_session_state="DOWN", error={
        "code": "VLAN_MISMATCH", "message": "The peering VLAN 200 does not match.", "solution": "Use one VLAN."})
    rows = failing(V.evaluate(plan, obs))
    assert [(r["object"], r["check"]) for r in rows] == [
        ("lab-vc", "BGP"), ("lab-vc / lab-erc", "one VLAN (provider's)"), ("lab-erc", "ARP secondary")]
    assert rows[0]["reason"].startswith("VLAN_MISMATCH") and rows[0]["fix"] == "Use one VLAN"
    assert rows[1]["observed"] == "primary link VLAN 1043, secondary link VLAN 1043, peering VLAN 200"
    assert rows[1]["config"] and "provider assigns one VLAN" in rows[1]["fix"]
    # the ARP table follows the session: waiting stops once the twin's reason is stable
    waiting = [r for r in rows if not r["config"]]
    assert V.settled(waiting)


def test_fastconnect_links_with_different_vlans_fail_even_when_the_peering_matches_one():
    plan = plan_for("fastconnect_expressroute")
    obs = fastconnect_healthy(plan)
    obs["virtual_circuit"]["cross_connect_mappings"][1]["vlan"] = 1044
    rows = failing(V.evaluate(plan, obs))
    assert [(r["check"], r["observed"]) for r in rows] == [
        ("one VLAN (provider's)", "primary link VLAN 1043, secondary link VLAN 1044, peering VLAN 1043")]


def test_fastconnect_peering_that_differs_from_the_plan_shows_both_values_and_is_not_rewritten():
    plan = plan_for("fastconnect_expressroute")
    obs = fastconnect_healthy(plan)
    obs["er_circuit"]["peering"].update(secondary_prefix="192.168.255.8/30", peer_asn=65010)
    rows = failing(V.evaluate(plan, obs))
    assert [(r["check"], r["expected"], r["observed"]) for r in rows] == [
        ("peering /30s", "192.168.255.0/30, 192.168.255.4/30", "192.168.255.0/30, 192.168.255.8/30"),
        ("peering peer ASN", "31898", "65010")]
    assert all(r["config"] and "provider configured the AzurePrivatePeering" in r["fix"] for r in rows)
    assert "the plan has 31898" in rows[1]["reason"]


def test_fastconnect_circuit_mappings_that_differ_from_the_plan_fail():
    plan = plan_for("fastconnect_expressroute")
    obs = fastconnect_healthy(plan)
    obs["virtual_circuit"]["cross_connect_mappings"][0]["customer_bgp_peering_ip"] = "192.168.255.3/30"
    rows = failing(V.evaluate(plan, obs))
    assert [(r["object"], r["check"]) for r in rows] == [("lab-vc", "BGP addresses")]
    assert "192.168.255.1/30 192.168.255.3/30" in rows[0]["observed"]


def test_a_peering_not_yet_created_by_the_provider_is_waited_for():
    plan = plan_for("fastconnect_expressroute")
    obs = fastconnect_healthy(plan)
    obs["er_circuit"]["peering"] = None
    rows = failing(V.evaluate(plan, obs))
    assert [r["check"] for r in rows] == ["private peering (provider's)"]
    assert not rows[0]["config"] and "do not create it yourself" in rows[0]["fix"]


def test_table_is_aligned_with_a_verdict():
    plan = plan_for("vpn_single")
    lines = V.render_table(V.evaluate(plan, healthy(plan)), title="lab")
    assert lines[0] == "lab"
    assert lines[1].split() == ["SIDE", "OBJECT", "CHECK", "EXPECTED", "OBSERVED", "RESULT"]
    # 7 state checks, plus (issue 11) the rekey, the gateway ASN, the tunnel's BGP addresses and
    # ASN, the local network gateway's BGP peer and its gateway IP
    assert lines[-1] == "PASS: 12 checks passed, 0 failed"
    # the last column starts at the same offset on every line
    assert len(set(len(line) - len(line.split()[-1]) for line in lines[1:-1])) == 1


# --- issue 11: the clouds' documented rules ----------------------------------------------------

def test_ecmp_is_read_on_the_vcn_attachments_table_and_its_fix_says_why():
    # ECMP on the IPSec tunnels' table alone: the VCN attachment's table (what the row reads) is off
    plan = plan_for("vpn_bgp_active_active")
    obs = healthy(plan)
    obs["oci_ecmp"] = False
    rows = failing(V.evaluate(plan, obs))
    assert [(r["object"], r["check"], r["observed"]) for r in rows] == [
        ("DRG route table of lab-drg-vcn (vcn table)", "ECMP", "disabled")]
    assert "attachment_name=lab-drg-vcn" in rows[0]["fix"]
    assert "ECMP on the IPSec tunnels' table leaves one tunnel" in rows[0]["fix"]
    assert "VCN attachment" in rows[0]["reason"]


def test_a_gateway_asn_that_drifted_fails_with_both_values():
    plan = plan_for("vpn_bgp_active_passive")
    obs = healthy(plan)
    obs["azure_gateway"]["asn"] = 65010
    rows = failing(V.evaluate(plan, obs))
    assert [(r["object"], r["check"], r["expected"], r["observed"]) for r in rows] == [
        ("lab-vng", "BGP ASN", "65515", "65010")]
    assert rows[0]["config"] and "the plan has 65515" in rows[0]["reason"]


def test_a_wrongly_declared_prefix_names_what_is_learned_instead():
    plan = plan_for("vpn_bgp_active_passive")
    obs = healthy(plan)
    for route in obs["azure_learned_routes"]:
        route["network"] = "10.11.0.0/16"          # the VCN is not the declared 10.10.0.0/16
    rows = failing(V.evaluate(plan, obs))
    assert [(r["check"], r["observed"]) for r in rows] == [
        ("learns 10.10.0.0/16", "0 path(s); learns instead 10.11.0.0/16")]
    assert "fix the sessions above" not in rows[0]["fix"]
    assert "vcn_cidrs (10.10.0.0/16)" in rows[0]["fix"] and "10.11.0.0/16" in rows[0]["fix"]
    assert rows[0]["config"] and not rows[0]["derived"]


def test_a_missing_prefix_with_a_session_down_still_points_at_the_sessions():
    plan = plan_for("vpn_bgp_active_passive")
    obs = healthy(plan)
    obs["oci_tunnels"]["1-t1"]["bgp_state"] = "DOWN"
    obs["azure_learned_routes"] = []
    rows = [r for r in failing(V.evaluate(plan, obs)) if r["check"].startswith("learns 10.10")]
    assert rows[0]["fix"] == V.FIXES["azure_routes"] and rows[0]["derived"]


def test_tunnel_and_local_network_gateway_bgp_values_are_compared_with_the_plan():
    plan = plan_for("vpn_single")
    obs = healthy(plan)
    obs["oci_tunnels"]["1-t1"].update(customer_ip="169.254.21.6", customer_asn="65516")
    lng = obs["azure_local_network_gateways"]["lab-lng-1-t1"]
    lng.update(bgp_peering_address="169.254.21.5", gateway_ip_address="129.213.9.9")
    rows = failing(V.evaluate(plan, obs))
    assert [(r["object"], r["check"], r["expected"], r["observed"]) for r in rows] == [
        ("lab-ipsec-1-t1", "BGP addresses, ASN", "169.254.21.1 <-> 169.254.21.2, customer ASN 65515",
         "169.254.21.1 <-> 169.254.21.6, customer ASN 65516"),
        ("lab-lng-1-t1", "peer address, ASN", "peer 169.254.21.1, ASN 31898", "peer 169.254.21.5, ASN 31898"),
        ("lab-lng-1-t1", "gateway IP (Oracle VPN IP)", "129.213.0.1", "129.213.9.9")]
    assert all(r["config"] for r in rows)


def test_an_unreported_value_is_not_a_settled_difference():
    plan = plan_for("vpn_single")
    obs = healthy(plan)
    obs["azure_gateway"]["asn"] = None
    rows = failing(V.evaluate(plan, obs))
    assert [(r["check"], r["observed"], r["config"]) for r in rows] == [("BGP ASN", "not reported", False)]


def test_oci_bgp_fix_is_about_ike_initiation_not_bgp():
    assert "oracle_initiation decides only who may start IKE" in V.FIXES["oci_bgp"]
    assert "Oracle allowed to initiate" not in V.FIXES["oci_bgp"]


# --- phase-two rekey ---------------------------------------------------------------------------

GCM_PFS14 = {"is_custom_phase_two_config": True, "lifetime": 3600, "is_pfs_enabled": True, "dh_group": "GROUP14",
             "custom_encryption_algorithm": "AES_256_GCM", "custom_authentication_algorithm": None}


def test_read_shapes_map_to_the_planners_arguments():
    assert V.oci_phase_one_args({"is_custom_phase_one_config": False, "lifetime": 28800}) is None
    assert V.oci_phase_one_args({"is_custom_phase_one_config": True, "lifetime": 28800,
                                 "custom_encryption_algorithm": "AES_256_CBC",
                                 "custom_authentication_algorithm": "SHA2_384", "custom_dh_group": "GROUP14",
                                 "negotiated_dh_group": "GROUP14"}) == {
        "is_custom_phase_one_config": True, "encryption_algorithm": "AES_256_CBC",
        "authentication_algorithm": "SHA2_384", "diffie_helman_group": "GROUP14", "lifetime_in_seconds": 28800}
    assert V.oci_phase_two_args(GCM_PFS14) == {
        "is_custom_phase_two_config": True, "encryption_algorithm": "AES_256_GCM", "authentication_algorithm": None,
        "lifetime_in_seconds": 3600, "is_pfs_enabled": True, "pfs_dh_group": "GROUP14"}
    # OCI's default phase two is PFS group 5: None; a default with PFS off keeps that setting
    assert V.oci_phase_two_args({"is_custom_phase_two_config": False, "is_pfs_enabled": True,
                                 "dh_group": "GROUP5"}) is None
    assert V.oci_phase_two_args({"is_custom_phase_two_config": False, "is_pfs_enabled": False,
                                 "dh_group": None}) == {
        "is_custom_phase_two_config": False, "is_pfs_enabled": False, "pfs_dh_group": None}
    assert V.azure_policy_args([]) is None
    policy = {"sa_life_time_seconds": 27000, "sa_data_size_kilobytes": 102400000, "ipsec_encryption": "GCMAES256",
              "ipsec_integrity": "GCMAES256", "ike_encryption": "AES256", "ike_integrity": "SHA384",
              "dh_group": "DHGroup14", "pfs_group": "PFS2048", "id": "ignored"}
    assert V.azure_policy_args([policy]) == dict((k, policy[k]) for k in V.AZURE_POLICY_FIELDS)


def test_gcm_with_pfs_against_azures_default_fails_at_rekey_with_the_fix():
    plan = plan_for("vpn_single")
    obs = healthy(plan)
    obs["oci_tunnels"]["1-t1"]["phase_two_details"] = dict(GCM_PFS14)
    obs["azure_connections"]["lab-conn-1-t1"]["ipsec_policies"] = []
    report = V.evaluate(plan, obs)
    rows = failing(report)
    # everything else is up: the first child SA needs no DH, the failure is an hour away
    assert [(r["side"], r["object"], r["check"]) for r in rows] == [("both", "lab-ipsec-1-t1", "phase-two rekey")]
    row = rows[0]
    assert row["observed"] == "no common proposal (OCI initiates)" and row["config"]
    assert row["reason"].startswith("PHASE2_REKEY_NO_PROPOSAL: ") and "PFS" in row["reason"]
    assert "custom IPsec/IKE policy" in row["fix"]
    assert "(PHASE2_REKEY_NO_PROPOSAL)" in V.failure_summary(report)


def test_a_mirrored_custom_policy_passes_the_rekey():
    plan = plan_for("vpn_single")
    obs = healthy(plan)
    obs["oci_tunnels"]["1-t1"]["phase_two_details"] = dict(GCM_PFS14)
    obs["oci_tunnels"]["1-t1"]["phase_one_details"] = {
        "is_custom_phase_one_config": True, "lifetime": 28800, "custom_encryption_algorithm": "AES_256_CBC",
        "custom_authentication_algorithm": "SHA2_384", "custom_dh_group": "GROUP14"}
    obs["azure_connections"]["lab-conn-1-t1"]["ipsec_policies"] = [{
        "sa_life_time_seconds": 27000, "sa_data_size_kilobytes": 102400000, "ipsec_encryption": "GCMAES256",
        "ipsec_integrity": "GCMAES256", "ike_encryption": "AES256", "ike_integrity": "SHA384",
        "dh_group": "DHGroup14", "pfs_group": "PFS2048"}]
    report = V.evaluate(plan, obs)
    assert report["ok"], failing(report)
    row = [r for r in report["rows"] if r["check"] == "phase-two rekey"][0]
    assert row["observed"] == "aes256-gcm/gcm/group14 (OCI initiates)"


def test_an_unread_crypto_configuration_is_not_reported_not_guessed():
    plan = plan_for("vpn_single")
    obs = healthy(plan)
    obs["azure_connections"]["lab-conn-1-t1"]["ipsec_policies"] = None
    rows = failing(V.evaluate(plan, obs))
    assert [(r["check"], r["observed"], r["config"]) for r in rows] == [("phase-two rekey", "not reported", False)]
