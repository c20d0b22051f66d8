"""The plan in the modules' words (plan/module_args.py): every call the plan renders is one the
module accepts, keys are references until the run fills them, and overrides land where they say.

The judge is each module's own DOCUMENTATION (the options ansible-doc shows and the argument
spec follows), not the planner: an option the module does not have, a value outside its choices
or of the wrong type fails here."""

import importlib
import json

import pytest
import yaml

from ansible_collections.interconnect.oci_azure.plugins.filter import plan_filters as F
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import designs as D
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import module_args as MA
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import profiles
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.render import render_table
from plan_helpers import plan_for

POLICIES = {"from_oci": {}, "generated": {"secret_seed": "s" * 32}}
CASES = [(s, profile, policy) for s in D.scenarios() for profile in profiles.PROFILE_NAMES
         for policy in POLICIES if s != "fastconnect_expressroute" or
         (profile == "default" and policy == "from_oci")]

# A stand-in of the right type for each value the run fills in (ids, addresses, keys).
RUN_TIME = {"id": "ocid1.example.oc1..aaaa", "drg_route_table_id": "ocid1.drgroutetable.oc1..aaaa",
            "ip_address": "203.0.113.10", "vpn_ip": "198.51.100.7", "service_key": "a" * 36}

_DOCS = {}


def module_options(fqcn):
    name = fqcn.split(".")[-1]
    if name not in _DOCS:
        module = importlib.import_module("ansible_collections.interconnect.oci_azure.plugins.modules." + name)
        _DOCS[name] = yaml.safe_load(module.DOCUMENTATION)["options"]
    return _DOCS[name]


TYPES = {"str": str, "int": int, "bool": bool, "list": list, "dict": dict, "raw": object}


def problems(options, args, where):
    """What in ``args`` the documented ``options`` would refuse."""
    found = []
    for key, value in args.items():
        doc = options.get(key)
        path = "%s.%s" % (where, key)
        if doc is None:
            found.append("%s: not an option of the module" % path)
            continue
        kind = doc.get("type", "str")
        if kind == "str" and isinstance(value, (int, bool)):
            found.append("%s: %r is not a string" % (path, value))
        elif not isinstance(value, TYPES[kind]) or (kind == "int" and isinstance(value, bool)):
            found.append("%s: %r is not of type %s" % (path, value, kind))
            continue
        if "choices" in doc:
            values = value if kind == "list" else [value]
            found.extend("%s: %r not in %s" % (path, v, doc["choices"]) for v in values
                         if v not in doc["choices"])
        sub = doc.get("suboptions")
        if sub and kind == "dict":
            found.extend(problems(sub, value, path))
        elif sub and kind == "list":
            for i, item in enumerate(value):
                found.extend(problems(sub, item, "%s[%d]" % (path, i)))
    return found


def resolved(value):
    """Args with every run-time reference replaced by a value of its type."""
    if isinstance(value, dict):
        if set(value) == {"ref"}:
            return RUN_TIME[value["ref"]["attribute"]]
        return dict((k, resolved(v)) for k, v in value.items())
    if isinstance(value, list):
        return [resolved(v) for v in value]
    return value


def plan_of(scenario, profile, policy):
    extra = dict(POLICIES[policy], shared_secret_policy=policy)
    if scenario != "fastconnect_expressroute":
        extra["crypto_profile"] = profile
    return plan_for(scenario, **extra)


@pytest.mark.parametrize("scenario,profile,policy", CASES)
def test_every_call_is_one_its_module_accepts(scenario, profile, policy):
    plan = plan_of(scenario, profile, policy)
    secrets = dict((t["key"], "k" * 40) for t in plan["tunnels"])
    calls = MA.calls(plan["module_args"])
    assert calls, "the plan renders no module call"
    for call in calls:
        args = resolved(F.fill_module_args(call, secrets))
        assert problems(module_options(call["module"]), args, call["module"]) == []


def test_a_wrong_option_name_or_value_is_caught_by_the_judge():
    # the judge above is not vacuous: the SDK's words or a value outside the choices fail
    options = module_options("interconnect.oci_azure.oci_ipsec_connection")
    tunnel = {"display_name": "t", "phase_one": {"diffie_helman_group": "GROUP14"}}
    assert problems(options, {"tunnels": [tunnel]}, "m") == [
        "m.tunnels[0].phase_one.diffie_helman_group: not an option of the module"]
    assert problems(options, {"tunnels": [{"routing": "OSPF"}]}, "m") != []
    assert problems(options, {"static_routes": "10.0.0.0/8"}, "m") != []


@pytest.mark.parametrize("scenario", D.scenarios())
def test_every_building_block_of_the_plan_has_its_call(scenario):
    plan = plan_for(scenario)
    args = plan["module_args"]
    vpn = plan["routing"] != "fastconnect"
    assert [c["args"]["display_name"] for c in args["cpes"]] == [c["name"] for c in plan["oci"]["cpes"]] \
        if vpn else args["cpes"] == []
    assert [c["args"]["name"] for c in args["connections"]] == [c["name"] for c in plan["azure"]["connections"]]
    assert [c["args"]["name"] for c in args["public_ips"]] == [p["name"] for p in plan["azure"]["public_ips"]]
    assert args["virtual_network_gateway"]["args"]["name"] == plan["azure"]["virtual_network_gateway"]["name"]
    assert (args["virtual_circuit"] is None) == vpn
    assert (args["drg_route_table"] is not None) == bool(plan["oci"]["drg_route_table"]["is_ecmp_enabled"])
    if vpn:
        tunnels = [t for c in args["ipsec_connections"] for t in c["args"]["tunnels"]]
        assert [t["display_name"] for t in tunnels] == [t["name"] for t in plan["tunnels"]]


def test_the_oci_tunnel_speaks_the_modules_words():
    plan = plan_for("vpn_bgp_active_active", crypto_profile="strong")
    tunnel = plan["module_args"]["ipsec_connections"][0]["args"]["tunnels"][0]
    phase_one = plan["crypto"]["oci"]["phase_one_config"]
    assert tunnel["phase_one"]["dh_group"] == phase_one["diffie_helman_group"]
    assert tunnel["phase_two"]["pfs_enabled"] == plan["crypto"]["oci"]["phase_two_config"]["is_pfs_enabled"]
    bgp = plan["tunnels"][0]["bgp_session_config"]
    assert tunnel["bgp"] == {"oracle_interface_ip": bgp["oracle_interface_ip"],
                             "customer_interface_ip": bgp["customer_interface_ip"],
                             "customer_bgp_asn": int(bgp["customer_bgp_asn"])}


@pytest.mark.parametrize("scenario", [s for s in D.scenarios() if s != "fastconnect_expressroute"])
def test_keys_are_references_in_the_plan_and_filled_at_run_time(scenario):
    plan = plan_for(scenario, shared_secret_policy="generated", secret_seed="s" * 32)
    text = json.dumps(plan["module_args"]) + render_table(plan)
    keys = dict((t["key"], "KEY-%s-%s" % (t["key"], "x" * 30)) for t in plan["tunnels"])
    assert not any(k in text for k in keys.values())
    in_use = set(t["key"] for t in plan["tunnels"] if t["in_use"])
    sent = [MA.secret_refs(c["args"]) for c in plan["module_args"]["ipsec_connections"]]
    assert sorted(k for refs in sent for k in refs) == sorted(in_use)
    connection = plan["module_args"]["connections"][0]
    assert F.fill_module_args(connection, keys)["shared_key"] == keys[connection["tunnel"]]
    with pytest.raises(Exception, match="no pre-shared key for tunnel %s" % connection["tunnel"]):
        F.fill_module_args(connection, {})


def test_from_oci_sends_no_key_to_oci():
    plan = plan_for("vpn_single")
    for call in plan["module_args"]["ipsec_connections"]:
        assert MA.secret_refs(call["args"]) == []


def test_overrides_land_on_the_tunnel_and_the_connection_they_name():
    plan = plan_for("vpn_bgp_active_active")
    first, second = plan["tunnels"][0]["key"], plan["tunnels"][1]["key"]
    overrides = {first: {"oci": {"dpd": {"timeout_in_sec": 45}},
                         "azure_connection": {"dpd_timeout_seconds": 45}}}
    conn = plan["module_args"]["ipsec_connections"][0]
    tunnels = F.fill_module_args(conn, {}, overrides)["tunnels"]
    assert tunnels[0]["dpd"] == dict(conn["args"]["tunnels"][0]["dpd"], timeout_in_sec=45)
    assert tunnels[1]["dpd"] == conn["args"]["tunnels"][1]["dpd"]
    keys = dict((t["key"], "k" * 40) for t in plan["tunnels"])
    by_tunnel = dict((c["tunnel"], c) for c in plan["module_args"]["connections"])
    assert F.fill_module_args(by_tunnel[first], keys, overrides)["dpd_timeout_seconds"] == 45
    assert F.fill_module_args(by_tunnel[second], keys, overrides)["dpd_timeout_seconds"] == \
        by_tunnel[second]["args"]["dpd_timeout_seconds"]
    # the plan itself is not changed by filling
    assert plan["module_args"]["ipsec_connections"][0]["args"]["tunnels"][0]["dpd"] != tunnels[0]["dpd"]


def test_the_plan_table_shows_what_each_module_receives():
    plan = plan_for("vpn_bgp_active_passive")
    text = render_table(plan).split("Module arguments")[1]
    assert "interconnect.oci_azure.oci_ipsec_connection %s" % plan["oci"]["ipsec_connections"][0]["name"] in text
    assert '"dh_group"' in text and "diffie_helman_group" not in text
    assert "<id of %s>" % plan["oci"]["drg"]["name"] in text
    assert "<pre-shared key of tunnel %s>" % plan["tunnels"][0]["key"] in text
