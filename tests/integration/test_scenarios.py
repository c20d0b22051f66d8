"""Every scenario end to end against the cloud twin, the way users run it, and broken the way
runs break: site.yml, verify.yml and teardown.yml on the twin inventory (inventories/twin, one
host per scenario), all hosts in one play so the forks build the six interconnects in parallel.

The steps depend on each other and run in order, on a twin of their own (its write counter must
see only these runs). Faults are the twin's injected ones (throttling with Retry-After, 500/503,
connection resets and writes that commit and then answer 500), with fixed seeds:

1. site.yml is SIGKILLed with its whole process tree at three random points under 10% faults,
   then run to the end, still under 10% faults: it converges and every verify.json passes;
2. a second site.yml run reports changed=0 and makes zero write calls, and the twin holds exactly
   what the plans call for (nothing duplicated by retried or repeated creates, nothing leaked);
3. `--tags plan` plans and writes plan.json without a cloud write; a bad role variable fails in
   the argument specs before any task;
4. a deliberately broken variable per scenario (wrong pre-shared key, PFS group 5, wrong APIPA
   address; for FastConnect the provider's peering edited by hand to another VLAN) makes
   verification fail naming the tunnel or circuit and the twin's reason;
5. site.yml puts everything right again under 30% faults while the twin is killed and restarted
   underneath it; the run after that changes nothing, writes nothing, and the inventory is exact;
6. teardown.yml under 10% faults removes everything the runs created and changes nothing when
   run again.

The soak (``make soak``, tests/soak/soak.py) runs the same harness longer: per scenario, more
kills, both fault rates, more seeds.
"""

import json
import os
import random
import re
import shutil
import tempfile
import time

import pytest

from interconnect_runs import HOSTS, Interconnects
from twin_leftovers import leftovers

KILLS_SEED = 20261122

# host -> (inventory variables that break it, the object verification must name, the reason code)
BREAKS = {
    "vpn_single": (
        {"interconnect_tunnel_overrides": {"1-t1": {"azure_connection": {"shared_key": "not the OCI key 42"}}}},
        "single-ipsec-1-t1", "PSK_MISMATCH"),
    "vpn_static_active_passive": (
        {"interconnect_tunnel_overrides": {"1-primary-t1": {"oci": {"phase_two": {"pfs_dh_group": "GROUP5"}}}}},
        # issue 11: the first child SA needs no DH, so a PFS mismatch shows at the first phase-two
        # rekey; verification's rekey row names it at once
        "static-ap-ipsec-1-primary-t1", "PHASE2_REKEY_NO_PROPOSAL"),
    "vpn_static_active_active": (
        {"interconnect_tunnel_overrides": {"2-backup-t1": {"azure_connection": {"shared_key": "wrong key 7"}}}},
        "static-aa-ipsec-2-backup-t1", "PSK_MISMATCH"),
    "vpn_bgp_active_passive": (
        # OCI peers with an APIPA address the Azure gateway does not use on this connection
        {"interconnect_tunnel_overrides": {"1-t1": {"oci": {"bgp": {
            "oracle_interface_ip": "169.254.21.113/30", "customer_interface_ip": "169.254.21.114/30"}}}}},
        "bgp-ap-ipsec-1-t1", "AZURE_BGP_IP_MISMATCH"),
    "vpn_bgp_active_active": (
        {"interconnect_tunnel_overrides": {"2-t2": {"oci": {"phase_two": {"pfs_dh_group": "GROUP5"}}}}},
        "bgp-aa-ipsec-2-t2", "PHASE2_REKEY_NO_PROPOSAL"),
    # issue 11: with Oracle as the provider the VLAN and the private peering are the provider's and
    # no inventory variable reaches them; the break is a hand edit of the peering (below)
    "fastconnect_expressroute": (None, "fc-er-vc", "VLAN_MISMATCH"),
}
EDIT_PEERING = os.path.join(os.path.dirname(os.path.abspath(__file__)), "playbooks", "edit_provider_peering.yml")


def _provider_vlan(world):
    """The VLAN the provider assigned to the one virtual circuit of these runs (the twin's model)."""
    circuits = world["twin"].admin("GET", "model")["virtual_circuits"]
    vlans = [vc.get("vlan") for vc in circuits.values()]
    assert len(vlans) == 1 and vlans[0], circuits
    return vlans[0]


def _edit_provider_peering(world, vlan):
    """Write the provider's AzurePrivatePeering by hand with ``vlan`` (the collection never does)."""
    with open(os.path.join(world["artifacts"], "fastconnect_expressroute", "plan.json")) as handle:
        peering = json.load(handle)["azure"]["expressroute_peering"]
    run = world["run"](EDIT_PEERING, limit=["fastconnect_expressroute"],
                       extra_vars={"peering": peering, "peering_vlan": vlan})
    assert run.rc == 0, run.tail()


@pytest.fixture(scope="module")
def world(twin, tmp_path_factory):
    """A twin of this module's own (the session twin's class, a fresh state dir), the artifacts
    directory and a runner for the collection's playbooks on the twin inventory."""
    state_dir = tempfile.mkdtemp(prefix="twin-scenarios-")
    own = type(twin)(state_dir)
    own.start()
    artifacts = str(tmp_path_factory.mktemp("artifacts"))
    runs = Interconnects(own, artifacts, str(tmp_path_factory.mktemp("runs")))
    state = {"twin": own, "runs": runs, "run": runs.run, "artifacts": artifacts, "deployed": False}
    yield state
    if state["deployed"]:
        # a failed step left resources behind: remove them, best effort
        own.reset_faults()
        runs.run("playbooks/teardown.yml")
    own.stop()
    shutil.rmtree(state_dir, ignore_errors=True)


def _need(world, key):
    if not world.get(key):
        pytest.skip("an earlier step failed")


def _converged_and_idle(world):
    """A run without faults changes nothing and writes nothing; the twin holds exactly the plans."""
    twin = world["twin"]
    twin.reset_faults()
    writes = twin.writes()
    run = world["run"]("site.yml")
    assert run.rc == 0, run.tail()
    assert dict((h, r["changed"]) for h, r in run.recap.items()) == dict((h, 0) for h in HOSTS), \
        run.tail()
    assert twin.writes() == writes, "the run after the faults made %d write call(s)" % (
        twin.writes() - writes)
    assert run.failures() == {}
    assert world["runs"].inventory_difference() == {}


def test_site_converges_after_crashes_under_10pct_faults(world):
    world["deployed"] = True
    twin, runs = world["twin"], world["runs"]
    twin.set_faults(0.10, seed=101)
    kills = random.Random(KILLS_SEED)
    killed_running = 0
    for dummy in range(3):
        running, partial = runs.crash("site.yml", after_seconds=kills.uniform(6, 40))
        killed_running += running
        assert "PLAY RECAP" not in partial.output or not running
    assert killed_running >= 2, "the runs ended before the kills; the crash test proves nothing"

    run = runs.run("site.yml")
    assert run.rc == 0, run.tail()
    assert sorted(run.recap) == sorted(HOSTS), run.tail(3000)
    assert run.failures() == {}
    for host in HOSTS:
        report = run.verify(host)
        assert report["passed"] >= 7
        # one module run per cloud and attempt (FastConnect: three), plus the ECMP read once
        assert report["module_calls"] <= 3 * report["attempts"] + 1, (host, report["module_calls"])
        assert os.path.exists(os.path.join(run.artifacts, host, "plan.json"))
    # BGP active-active: 4 tunnels; 23 state checks, plus (issue 11) per tunnel the phase-two rekey,
    # the BGP addresses and ASN, the LNG's BGP peer and gateway IP, and the gateway's ASN
    assert "PASS: 40 checks passed, 0 failed" in run.output
    injected = twin.stats()["faults"]
    assert injected.get("applied_then_failed") and sum(injected.values()) >= 20, injected
    world["built"] = True


def test_second_run_changes_nothing_and_the_twin_holds_exactly_the_plans(world):
    _need(world, "built")
    _converged_and_idle(world)


def test_plan_tag_and_argument_specs_write_nothing(world):
    _need(world, "built")
    twin = world["twin"]
    writes = twin.writes()
    os.remove(os.path.join(world["artifacts"], "vpn_bgp_active_passive", "plan.json"))
    run = world["run"]("site.yml", limit=["vpn_bgp_active_passive"], tags="plan")
    assert run.rc == 0, run.output[-4000:]
    assert "Address blocks" in run.output          # the plan's table is printed
    with open(os.path.join(world["artifacts"], "vpn_bgp_active_passive", "plan.json")) as handle:
        plan = json.load(handle)
    # the seed's design: one APIPA address reached over a /30 and a /31
    lengths = sorted(t["inside"]["prefix_length"] for t in plan["tunnels"] if t["inside"])
    assert lengths == [30, 31] and len({t["azure_apipa"] for t in plan["tunnels"]}) == 1
    assert "Verify the interconnect" not in run.output and "Ensure the DRG" not in run.output

    # a bad variable fails in the argument specs, before any task of the role
    bad = world["run"]("site.yml", limit=["vpn_single"],
                       extra_vars={"interconnect_vcn_cidrs": {"not": "a list"}})
    assert bad.rc != 0
    assert "Validation of arguments failed" in bad.output and "interconnect_vcn_cidrs" in bad.output
    assert "Plan the interconnect (no cloud call)" not in bad.output
    # a value outside an option's choices, refused by the scenario role's (rendered) argument spec
    wrong = world["run"]("site.yml", limit=["vpn_single"],
                         extra_inventory={"vpn_single": {"interconnect_scenario": "vpn_single",
                                                         "interconnect_shared_secret_policy": "weak"}})
    assert wrong.rc != 0 and "interconnect_shared_secret_policy" in wrong.output, wrong.output[-3000:]
    assert "Validation of arguments failed" in wrong.output
    assert twin.writes() == writes


def test_a_broken_variable_fails_verification_naming_the_tunnel(world):
    _need(world, "built")
    overlay = dict((host, variables) for host, (variables, _name, _code) in BREAKS.items() if variables)
    provider_vlan = _provider_vlan(world)
    _edit_provider_peering(world, provider_vlan + 1)
    run = world["run"]("site.yml", extra_inventory=overlay)
    assert run.rc != 0
    for host, (_variables, name, code) in BREAKS.items():
        assert run.recap[host]["failed"] == 1, (host, run.recap)
        report = run.verify(host)
        assert not report["ok"], host
        # a mismatch does not go away by waiting: verification stops early, not after 20 tries
        assert report["attempts"] < 10, (host, report["attempts"])
        named = [line for line in report["failures"] if name in line and code in line]
        assert named, (host, report["failures"])
        assert "Fix:" in named[0]
        # the task's message names it too
        assert re.search(r"interconnect %s failed verification.*%s" % (host, re.escape(name)),
                         run.output, re.S), host
    # the fix verification gives for the peering: the provider's VLAN again (site.yml never
    # rewrites a provider's peering, so the repair below cannot)
    _edit_provider_peering(world, provider_vlan)
    world["broken"] = True


def test_site_repairs_under_30pct_faults_with_the_twin_restarted(world):
    _need(world, "built")
    twin, runs = world["twin"], world["runs"]
    twin.set_faults(0.30, seed=303)
    proc = runs.start("site.yml")
    restart_at = proc.started + random.Random(KILLS_SEED + 1).uniform(8, 25)
    while proc.poll() is None and time.time() < restart_at:
        time.sleep(0.1)
    restarted_mid_run = proc.poll() is None
    injected = twin.faults_injected()
    twin.crash_restart()                  # counters and fault settings start afresh
    twin.set_faults(0.30, seed=304)
    run = runs.finish(proc)
    injected += twin.faults_injected()
    assert restarted_mid_run, "the run ended before the twin restarted; the test proves nothing"
    assert run.rc == 0, run.tail()
    assert run.failures() == {}
    assert injected >= 30, injected
    world["repaired"] = True


def test_run_after_the_30pct_faults_changes_nothing(world):
    _need(world, "repaired")
    _converged_and_idle(world)


def test_teardown_under_10pct_faults_leaves_nothing_and_is_idempotent(world):
    _need(world, "deployed")
    twin = world["twin"]
    twin.set_faults(0.10, seed=505)          # 30%: the soak (make soak)
    run = world["run"]("playbooks/teardown.yml")
    injected = twin.faults_injected()
    twin.reset_faults()
    assert run.rc == 0, run.tail()
    assert injected >= 10, injected
    world["deployed"] = False
    left = leftovers(twin.env)
    assert left == {}, left
    again = world["run"]("playbooks/teardown.yml",
                         limit=["vpn_static_active_active", "fastconnect_expressroute"])
    assert again.rc == 0, again.tail(4000)
    assert [r["changed"] for r in again.recap.values()] == [0, 0], again.recap
    assert leftovers(twin.env) == {}
