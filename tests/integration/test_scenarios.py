"""Every scenario end to end against the cloud twin, the way users run it: site.yml, verify.yml
and teardown.yml on the twin inventory (inventories/twin, one host per scenario), all hosts in
one play so the forks build the six interconnects in parallel.

The steps depend on each other and run in order, on a twin of their own (its write counter must
see only these runs):

1. site.yml builds and verifies every scenario; each writes a passing verify.json;
2. a second site.yml run reports changed=0 and makes zero write calls;
3. `--tags plan` plans and writes plan.json without a cloud write; a bad role variable fails in
   the argument specs before any task;
4. a deliberately broken variable per scenario (wrong pre-shared key, PFS group 5, wrong APIPA
   address, wrong peering VLAN) makes verification fail naming the tunnel or circuit and the
   twin's reason;
5. teardown.yml removes everything the runs created (the twin holds none of it) and changes
   nothing when run again.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pytest
import yaml

from twin_leftovers import leftovers

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CALLBACKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "callback_plugins")
INVENTORY = os.path.join(ROOT, "inventories", "twin")
HOSTS = ("vpn_single", "vpn_static_active_passive", "vpn_static_active_active",
         "vpn_bgp_active_passive", "vpn_bgp_active_active", "fastconnect_expressroute")

# host -> (inventory variables that break it, the object verification must name, the reason code)
BREAKS = {
    "vpn_single": (
        {"interconnect_tunnel_overrides": {"1-t1": {"azure_connection": {"shared_key": "not the OCI key 42"}}}},
        "single-ipsec-1-t1", "PSK_MISMATCH"),
    "vpn_static_active_passive": (
        {"interconnect_tunnel_overrides": {"1-primary-t1": {"oci": {"phase_two": {"pfs_dh_group": "GROUP5"}}}}},
        "static-ap-ipsec-1-primary-t1", "PHASE2_PFS_MISMATCH"),
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
        "bgp-aa-ipsec-2-t2", "PHASE2_PFS_MISMATCH"),
    "fastconnect_expressroute": (
        {"interconnect_fastconnect_overrides": {"peering": {"vlan_id": 200}}},
        "fc-er-vc", "VLAN_MISMATCH"),
}
RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


class Run:
    def __init__(self, proc, seconds, artifacts):
        self.rc = proc.returncode
        self.output = proc.stdout + proc.stderr
        self.seconds = seconds
        self.artifacts = artifacts
        self.recap = dict((m.group(1), {"ok": int(m.group(2)), "changed": int(m.group(3)),
                                        "unreachable": int(m.group(4)), "failed": int(m.group(5))})
                          for m in RECAP.finditer(self.output))

    def verify(self, host):
        with open(os.path.join(self.artifacts, host, "verify.json")) as handle:
            return json.load(handle)


@pytest.fixture(scope="module")
def world(twin, tmp_path_factory):
    """A twin of this module's own (the session twin's class, a fresh state dir), the artifacts
    directory and a runner for the collection's playbooks on the twin inventory."""
    state_dir = tempfile.mkdtemp(prefix="twin-scenarios-")
    own = type(twin)(state_dir)
    own.start()
    artifacts = str(tmp_path_factory.mktemp("artifacts"))
    overlays = tmp_path_factory.mktemp("inventory")

    def run(playbook, limit=None, tags=None, extra_inventory=None, extra_vars=None):
        env = dict(os.environ)
        env.update(own.env)
        env.update({
            "ANSIBLE_CONFIG": os.path.join(ROOT, "ansible.cfg"),
            "ANSIBLE_COLLECTIONS_PATH": os.path.join(ROOT, ".collections"),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_FORKS": str(len(HOSTS)),
            "ANSIBLE_PIPELINING": "1",
            "INTERCONNECT_ARTIFACTS_DIR": artifacts,
        })
        cmd = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
               "-i", INVENTORY, playbook]
        if extra_inventory is not None:
            path = overlays / ("overlay-%d.yml" % int(time.time() * 1000))
            path.write_text(yaml.safe_dump({"all": {"children": {"interconnects": {
                "hosts": extra_inventory}}}}))
            cmd[3:3] = ["-i", str(path)]
        if limit:
            cmd += ["--limit", ",".join(limit)]
        if tags:
            cmd += ["--tags", tags]
        for key, value in (extra_vars or {}).items():
            cmd += ["-e", json.dumps({key: value})]
        started = time.time()
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                              check=False, timeout=1500)
        return Run(proc, time.time() - started, artifacts)

    state = {"twin": own, "run": run, "artifacts": artifacts, "deployed": False}
    yield state
    if state["deployed"]:
        # a failed step left resources behind: remove them, best effort
        run("playbooks/teardown.yml")
    own.stop()
    shutil.rmtree(state_dir, ignore_errors=True)


def _need(world, key):
    if not world.get(key):
        pytest.skip("an earlier step failed")


def test_site_builds_and_verifies_every_scenario(world):
    world["deployed"] = True
    run = world["run"]("site.yml")
    assert run.rc == 0, run.output[-6000:]
    assert sorted(run.recap) == sorted(HOSTS), run.output[-3000:]
    for host in HOSTS:
        assert run.recap[host]["failed"] == 0 and run.recap[host]["changed"] > 0, run.recap
        report = run.verify(host)
        assert report["ok"] and report["failed"] == 0, report["failures"]
        assert report["passed"] >= 7, report
        assert os.path.exists(os.path.join(run.artifacts, host, "plan.json"))
    # the table is printed
    assert "PASS: 23 checks passed, 0 failed" in run.output       # BGP active-active: 4 tunnels
    world["built"] = True


def test_second_run_changes_nothing_and_writes_nothing(world):
    _need(world, "built")
    twin = world["twin"]
    writes = twin.writes()
    run = world["run"]("site.yml")
    assert run.rc == 0, run.output[-6000:]
    assert dict((h, r["changed"]) for h, r in run.recap.items()) == dict((h, 0) for h in HOSTS), \
        run.output[-6000:]
    assert twin.writes() == writes, "the second site.yml run made %d write call(s)" % (
        twin.writes() - writes)
    for host in HOSTS:
        assert run.verify(host)["ok"]


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
    wrong = world["run"]("site.yml", limit=["vpn_single"],
                         extra_inventory={"vpn_single": {"interconnect_scenario": "vpn_single",
                                                         "vpn_single_crypto_profile": "weak"}})
    assert wrong.rc != 0 and "vpn_single_crypto_profile" in wrong.output, wrong.output[-3000:]
    assert twin.writes() == writes


def test_a_broken_variable_fails_verification_naming_the_tunnel(world):
    _need(world, "built")
    overlay = dict((host, variables) for host, (variables, _name, _code) in BREAKS.items())
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
    world["broken"] = True


def test_teardown_leaves_nothing_and_is_idempotent(world):
    _need(world, "deployed")
    twin = world["twin"]
    run = world["run"]("playbooks/teardown.yml")
    assert run.rc == 0, run.output[-6000:]
    world["deployed"] = False
    left = leftovers(twin.env)
    assert left == {}, left
    again = world["run"]("playbooks/teardown.yml",
                         limit=["vpn_static_active_active", "fastconnect_expressroute"])
    assert again.rc == 0, again.output[-4000:]
    assert [r["changed"] for r in again.recap.values()] == [0, 0], again.recap
    assert leftovers(twin.env) == {}
