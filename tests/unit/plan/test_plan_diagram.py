"""The plan's Mermaid diagram (module_utils/plan/diagram.py): every scenario of the design table
draws its building blocks, one edge per tunnel in use (or per FastConnect link) with its
addresses and ASNs, in Mermaid the strict reader in mermaid_syntax.py accepts; verification
results are drawn on the same diagram."""

import copy
import json
import os
import sys

import pytest

from mermaid_syntax import MermaidSyntaxError, mermaid_block, parse
from plan_helpers import plan_for

from ansible_collections.interconnect.oci_azure.plugins.module_utils import verify as V
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import designs as D
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import diagram as G

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "verify"))
from test_verify import fastconnect_healthy, healthy  # noqa: E402  (the evaluator tests' reads)

VPN = D.scenarios(routing="bgp") + D.scenarios(routing="static")


def drawn(plan, results=None):
    """(topology data, parsed Mermaid) of the plan."""
    return G.topology(plan, results), parse(G.render(plan, results))


def tunnel_edges(parsed, data):
    """Parsed edges of kind tunnel/link, with their plan key and status."""
    out = []
    for index, edge in enumerate(data["edges"]):
        if edge["kind"] in ("tunnel", "link"):
            out.append((edge.get("tunnel") or edge.get("link"), parsed["edges"][index],
                        edge["status"], parsed["link_styles"].get(index)))
    return out


def verify_document(plan, obs):
    """What interconnect_verify writes to verify.json, for these observations."""
    report = V.evaluate(plan, obs)
    return {"ok": report["ok"], "passed": report["passed"], "failed": report["failed"],
            "checks": report["rows"], "observed": obs}


def test_every_scenario_of_the_design_table_is_drawn():
    assert set(VPN + D.scenarios(routing="fastconnect")) == set(D.DESIGNS)
    for scenario in D.DESIGNS:
        plan = plan_for(scenario)
        data, parsed = drawn(plan)
        assert parsed["direction"] == "LR"
        assert set(parsed["nodes"]) == set(n["id"] for n in data["nodes"])
        assert list(parsed["subgraphs"]) == ["g_oci", "g_azure"], scenario
        groups = dict((g, members) for g, (dummy, members) in parsed["subgraphs"].items())
        assert sorted(groups["g_oci"] + groups["g_azure"]) == sorted(parsed["nodes"])
        kinds = [n["kind"] for n in data["nodes"]]
        assert kinds.count("vcn") == kinds.count("vnet") == kinds.count("drg") == 1, scenario
        labels = "\n".join(parsed["nodes"].values())
        assert "10.0.0.0/16" in labels and "10.1.0.0/16, 10.2.0.0/24" in labels
        # every node is classed; no result styles without results
        assert set(parsed["classes"]) == set(parsed["nodes"])
        assert set(parsed["classes"].values()) <= {"oci", "azure", "unused"}
        assert not parsed["link_styles"]


@pytest.mark.parametrize("scenario", VPN)
def test_vpn_one_edge_per_tunnel_in_use_with_its_addresses_and_asns(scenario):
    plan = plan_for(scenario)
    data, parsed = drawn(plan)
    in_use = [t for t in plan["tunnels"] if t["in_use"]]
    edges = tunnel_edges(parsed, data)
    assert [key for key, _e, _s, _l in edges] == [t["key"] for t in in_use]
    ids = dict(((n["kind"], n["name"]), n["id"]) for n in data["nodes"])
    bgp = plan["routing"] == "bgp"
    for tunnel, (key, (src, arrow, text, dst), _status, _style) in zip(in_use, edges):
        # from the OCI tunnel to the local network gateway that stands for it in Azure
        assert (src, arrow, dst) == (ids[("tunnel", tunnel["name"])], "===",
                                     ids[("lng", tunnel["local_network_gateway"])])
        assert text.startswith("IPSec %s" % key)
        if bgp:
            inside = tunnel["inside"]
            assert "Oracle %s / Azure %s" % (inside["oracle_address"], inside["customer_address"]) in text
            assert "BGP AS %s / AS %s" % (plan["asn"]["oracle"], plan["asn"]["azure"]) in text
            tunnel_label = parsed["nodes"][src]
            assert "inside %s (Oracle) / %s" % (inside["oracle_ip"], inside["customer_ip"]) in tunnel_label
            assert "BGP ASN %s, peer ASN %s" % (plan["asn"]["oracle"], plan["asn"]["azure"]) in tunnel_label
        else:
            assert "static routing" in text
        # the Oracle VPN IP is assigned at creation
        assert "Oracle VPN IP %s" % G.KNOWN_AFTER_CREATE in parsed["nodes"][src]
        # LNG -> connection -> the gateway instance the plan pairs the tunnel with
        conn = ids[("connection", tunnel["azure_connection"])]
        instance = ids[("instance", "%s_ipconfig%d" % (plan["azure"]["virtual_network_gateway"]["name"],
                                                       tunnel["vng_instance"]))]
        assert (dst, "---", None, conn) in parsed["edges"]
        assert (conn, "---", None, instance) in parsed["edges"]
    # unused tunnels are drawn, dotted, classed unused, and reach nothing in Azure
    for tunnel in plan["tunnels"]:
        node = ids[("tunnel", tunnel["name"])]
        if not tunnel["in_use"]:
            assert parsed["classes"][node] == "unused"
            assert [e for e in parsed["edges"] if node in (e[0], e[3])] == [
                (ids[("ipsec", tunnel["ipsec_connection"])], "-.-", None, node)]


@pytest.mark.parametrize("scenario", VPN)
def test_vpn_azure_gateway_instances_lngs_connections_and_static_prefixes(scenario):
    plan = plan_for(scenario)
    data, parsed = drawn(plan)
    design = D.DESIGNS[scenario]
    vng = plan["azure"]["virtual_network_gateway"]
    by_kind = {}
    for node in data["nodes"]:
        by_kind.setdefault(node["kind"], []).append(parsed["nodes"][node["id"]])
    assert len(by_kind["instance"]) == design["vng_instances"]
    assert len(by_kind["lng"]) == len(plan["azure"]["local_network_gateways"]) == D.tunnels_in_use(scenario)
    assert len(by_kind["connection"]) == len(plan["azure"]["connections"])
    assert len(by_kind["ipsec"]) == len(plan["oci"]["ipsec_connections"])
    assert len(by_kind["tunnel"]) == 2 * len(plan["oci"]["ipsec_connections"])
    gateway = by_kind["vng"][0]
    assert vng["sku"] in gateway
    assert ("active-active" if design["vng_instances"] == 2 else "active-passive") in gateway
    for conf, text in zip(vng["ip_configurations"], by_kind["instance"]):
        assert "public IP %s: %s" % (conf["public_ip"], G.KNOWN_AFTER_CREATE) in text
        if conf["custom_bgp_ip_addresses"]:
            assert "APIPA " + ", ".join(conf["custom_bgp_ip_addresses"]) in text
    for lng, text in zip(plan["azure"]["local_network_gateways"], by_kind["lng"]):
        if lng["bgp_settings"]:
            assert "BGP peer %s, ASN %s" % (lng["bgp_settings"]["bgp_peering_address"],
                                            lng["bgp_settings"]["asn"]) in text
        else:
            assert "prefixes " + ", ".join(lng["address_prefixes"]) in text
    for ipsec, text in zip(plan["oci"]["ipsec_connections"], by_kind["ipsec"]):
        assert ipsec["cpe"] in text and G.KNOWN_AFTER_CREATE in text
        if ipsec["static_routes"]:
            assert "static routes " + ", ".join(ipsec["static_routes"]) in text
    asn = plan["asn"]
    labels = dict((g, text) for g, (text, dummy) in parsed["subgraphs"].items())
    if asn:
        assert "Oracle BGP ASN %s" % asn["oracle"] in labels["g_oci"]
        assert "gateway BGP ASN %s" % asn["azure"] in labels["g_azure"]
    else:
        assert "ASN" not in labels["g_oci"] + labels["g_azure"]


def test_fastconnect_two_links_with_their_30s_vlan_by_provider_and_fastpath():
    plan = plan_for("fastconnect_expressroute")
    data, parsed = drawn(plan)
    ids = dict(((n["kind"], n["name"]), n["id"]) for n in data["nodes"])
    vc, er = ids[("virtual_circuit", "lab-vc")], ids[("expressroute_circuit", "lab-erc")]
    edges = tunnel_edges(parsed, data)
    assert [key for key, _e, _s, _l in edges] == ["primary", "secondary"]
    for link, (key, (src, arrow, text, dst), _s, _l) in zip(plan["fastconnect"]["links"], edges):
        assert (src, arrow, dst) == (vc, "===", er)
        assert text.startswith("%s link %s" % (link["link"], link["subnet"]))
        assert "Oracle %s / Azure %s" % (link["oracle_address"], link["azure_address"]) in text
        assert "BGP AS %s / AS %s" % (plan["asn"]["oracle"], plan["asn"]["azure"]) in text
        assert "VLAN set by provider" in text
    assert "VLAN set by provider" in parsed["nodes"][vc]
    assert "service key of lab-erc: %s" % G.KNOWN_AFTER_CREATE in parsed["nodes"][vc]
    assert "Washington DC" in parsed["nodes"][er] and "1000 Mbps" in parsed["nodes"][er]
    assert "FastPath on" in parsed["nodes"][ids[("connection", "lab-erconn")]]
    assert "ErGw3AZ" in parsed["nodes"][ids[("er_gateway", "lab-ergw")]]
    assert "FastPath off" in G.render(plan_for("fastconnect_expressroute", fastpath=False))
    assert "Microsoft BGP ASN 12076" in parsed["subgraphs"]["g_azure"][0]


def test_markdown_page_holds_one_mermaid_block_of_the_diagram():
    plan = plan_for("vpn_single")
    page = G.render_markdown(plan)
    assert page.startswith("# Interconnect lab (vpn_single): planned topology\n")
    assert mermaid_block(page) == G.render(plan)


def test_labels_with_characters_that_break_mermaid_are_escaped():
    hostile = 'Frankfurt "Main" [2] <a> #1 `x` | y'
    plan = plan_for("fastconnect_expressroute", peering_location=hostile, oci_region=None)
    parsed = parse(G.render(plan))
    assert any(hostile in text for text in parsed["nodes"].values())
    # and the reader refuses what the renderer must never write
    for bad in ('n_a["say "hi""]', 'n_a["a <b> c"]', "n_a[\"a #x c\"]", 'end["x"]', 'o1["x"]'):
        with pytest.raises(MermaidSyntaxError):
            parse("flowchart LR\n" + bad + "\n")
    with pytest.raises(MermaidSyntaxError):
        parse('flowchart LR\nn_a["a"]\nn_a["b"]\n')


def test_node_ids_stay_unique_when_names_sanitise_alike():
    graph = G._Graph()
    first = graph.node("oci", "tunnel", "a-b", ["x"])
    second = graph.node("oci", "tunnel", "a_b", ["y"])
    assert first["id"] != second["id"]


# --- verification results drawn on the diagram ---------------------------------------------------

def _verify_plan(scenario):
    from test_verify import plan_for as verify_plan_for
    return verify_plan_for(scenario)


@pytest.mark.parametrize("scenario", VPN)
def test_a_healthy_verification_styles_every_tunnel_edge_pass_with_bgp_state_and_routes(scenario):
    plan = _verify_plan(scenario)
    obs = healthy(plan)
    data, parsed = drawn(plan, verify_document(plan, obs))
    edges = tunnel_edges(parsed, data)
    assert edges and all(status == "pass" for _k, _e, status, _l in edges)
    pass_stroke = G.PALETTE["pass"][1]
    for key, (src, _arrow, text, _dst), _status, style in edges:
        assert style.startswith("stroke:%s" % pass_stroke)
        assert "PASS" in text and "OCI tunnel UP" in text
        if plan["routing"] == "bgp":
            assert "BGP OCI UP / Azure Connected" in text
            assert "routes OCI %d" % len(plan["expect"]["oci_learns"]) in text
        # the addresses the clouds assigned replace "known after create"
        assert "Oracle VPN IP %s" % obs["oci_tunnels"][key]["vpn_ip"] in parsed["nodes"][src]
    classes = set(parsed["classes"][n["id"]] for n in data["nodes"] if n["objects"] and n["status"])
    assert classes == {"pass"}
    assert "20.62.0.1" in "\n".join(parsed["nodes"].values())


def test_a_failed_tunnel_styles_its_edge_failed_and_only_its_edge():
    plan = _verify_plan("vpn_bgp_active_active")
    obs = healthy(plan)
    obs["oci_tunnels"]["2-t2"].update(status="DOWN", bgp_state="DOWN", routes_received=[], error={
        "code": "PHASE2_PFS_MISMATCH", "message": "PFS groups do not intersect.", "solution": None})
    obs["azure_connections"]["lab-conn-2-t2"]["status"] = "NotConnected"
    oracle_ip = next(t for t in plan["tunnels"] if t["key"] == "2-t2")["inside"]["oracle_address"]
    obs["azure_bgp_peers"] = [p for p in obs["azure_bgp_peers"] if p["neighbor"] != oracle_ip]
    obs["azure_learned_routes"] = [r for r in obs["azure_learned_routes"] if r["next_hop"] != oracle_ip]
    document = verify_document(plan, obs)
    assert not document["ok"]
    data, parsed = drawn(plan, document)
    statuses = dict((key, (status, style, text)) for key, (_s, _a, text, _d), status, style
                    in tunnel_edges(parsed, data))
    assert statuses["2-t2"][0] == "fail"
    assert statuses["2-t2"][1].startswith("stroke:%s" % G.PALETTE["fail"][1])
    assert "FAIL" in statuses["2-t2"][2] and "BGP OCI DOWN / Azure not reported" in statuses["2-t2"][2]
    assert "routes OCI 0" in statuses["2-t2"][2]
    assert dict((k, v[0]) for k, v in statuses.items() if k != "2-t2") == {
        "1-t1": "pass", "1-t2": "pass", "2-t1": "pass"}
    ids = dict(((n["kind"], n["name"]), n["id"]) for n in data["nodes"])
    assert parsed["classes"][ids[("tunnel", "lab-ipsec-2-t2")]] == "fail"
    assert parsed["classes"][ids[("connection", "lab-conn-2-t2")]] == "fail"
    assert parsed["classes"][ids[("tunnel", "lab-ipsec-1-t1")]] == "pass"
    # the routes each prefix arrives by are one path short: the gateway (Azure learns) fails too
    assert parsed["classes"][ids[("vng", "lab-vng")]] == "fail"


def test_checks_not_reported_yet_are_drawn_unknown():
    plan = _verify_plan("vpn_single")
    obs = healthy(plan)
    obs["oci_tunnels"]["1-t1"].update(status=None, bgp_state=None)
    data, parsed = drawn(plan, verify_document(plan, obs))
    [(key, _edge, status, style)] = tunnel_edges(parsed, data)
    assert (key, status) == ("1-t1", "unknown")
    assert "stroke-dasharray" in style
    tunnel_node = next(n for n in data["nodes"] if n["kind"] == "tunnel" and n["name"] == "lab-ipsec-1-t1")
    assert tunnel_node["status"] == "unknown"
    assert parsed["classes"][tunnel_node["id"]] == "unknown"
    # no results about a resource at all: its edge is unknown, never pass
    empty = {"ok": False, "passed": 0, "failed": 0, "checks": [], "observed": {}}
    data, parsed = drawn(plan, empty)
    assert [s for _k, _e, s, _l in tunnel_edges(parsed, data)] == ["unknown"]


def test_fastconnect_results_fail_only_the_link_whose_arp_is_missing():
    plan = _verify_plan("fastconnect_expressroute")
    obs = fastconnect_healthy(plan)
    data, parsed = drawn(plan, verify_document(plan, obs))
    assert [(k, s) for k, _e, s, _l in tunnel_edges(parsed, data)] == [("primary", "pass"), ("secondary", "pass")]
    assert all("BGP OCI UP / Azure peering Enabled" in e[2] for _k, e, _s, _l in tunnel_edges(parsed, data))
    broken = copy.deepcopy(obs)
    broken["er_circuit"]["arp"]["secondary"] = []
    broken["er_circuit"]["routes"]["secondary"] = []
    data, parsed = drawn(plan, verify_document(plan, broken))
    links = dict((k, (s, e[2])) for k, e, s, _l in tunnel_edges(parsed, data))
    assert links["primary"][0] == "pass" and links["secondary"][0] == "fail"
    assert "routes Azure 0" in links["secondary"][1]
    assert "routes Azure %d" % len(plan["expect"]["azure_learns"]) in links["primary"][1]


def test_verification_page_says_the_verdict():
    plan = _verify_plan("vpn_single")
    document = verify_document(plan, healthy(plan))
    page = G.render_markdown(plan, document)
    assert page.startswith("# Interconnect lab (vpn_single): verification results\n")
    assert "Verification: PASS" in page
    parse(mermaid_block(page))


def test_the_verify_action_writes_the_diagram_with_its_results(tmp_path, monkeypatch):
    """interconnect_verify writes topology-verify.md next to verify.json, from the same document."""
    from ansible.plugins.action import ActionBase

    from ansible_collections.interconnect.oci_azure.plugins.action.interconnect_verify import ActionModule

    plan = _verify_plan("vpn_bgp_active_passive")
    obs = healthy(plan)
    obs["oci_tunnels"]["1-t2"].update(status="DOWN", bgp_state="DOWN")
    report = V.evaluate(plan, obs)

    class Task(object):
        args = {"plan": plan, "resource_group": "rg", "artifacts_dir": str(tmp_path), "quiet": True,
                "fail_on_error": False, "retries": 1}

    monkeypatch.setattr(ActionBase, "run", lambda self, tmp=None, task_vars=None: {})
    action = ActionModule.__new__(ActionModule)
    action._task = Task()
    action._attempts = lambda plan_, task_vars, observe, name: (report, obs, [], 1)
    result = action.run(task_vars={"inventory_hostname": "lab"})
    assert result["ok"] is False
    with open(str(tmp_path / "verify.json")) as handle:
        document = json.load(handle)
    page = (tmp_path / "topology-verify.md").read_text()
    assert mermaid_block(page) == G.render(plan, document)
    parsed = parse(mermaid_block(page))
    failed = [parsed["edges"][i][2] for i, style in parsed["link_styles"].items()
              if style.startswith("stroke:%s" % G.PALETTE["fail"][1])]
    assert len(failed) == 1 and failed[0].startswith("IPSec 1-t2")


def test_a_dry_run_verification_reports_what_it_cannot_check_instead_of_failing(tmp_path, monkeypatch):
    from ansible.plugins.action import ActionBase
    from ansible_collections.interconnect.oci_azure.plugins.action.interconnect_verify import ActionModule

    plan = _verify_plan("vpn_bgp_active_passive")
    report = V.evaluate(plan, {})          # nothing is built yet

    class Task(object):
        check_mode = True
        args = {"plan": plan, "resource_group": "rg", "artifacts_dir": str(tmp_path), "quiet": True,
                "retries": 40}

    monkeypatch.setattr(ActionBase, "run", lambda self, tmp=None, task_vars=None: {})
    action = ActionModule.__new__(ActionModule)
    action._task = Task()
    seen = {}

    def attempts(plan_, task_vars, observe, name):
        seen["retries"] = action._options["retries"]
        return report, {}, [], 1

    action._attempts = attempts
    result = action.run(task_vars={"inventory_hostname": "lab"})
    assert not result.get("failed") and result["ok"] is False
    assert seen["retries"] == 1                       # one look, no waiting
    assert result["msg"].startswith("interconnect lab: dry run, ") and result["cannot_check_yet"]
    assert json.loads((tmp_path / "verify.json").read_text())["dry_run"] is True
    Task.check_mode = False
    assert action.run(task_vars={"inventory_hostname": "lab"})["failed"] is True
