"""site.yml --check --diff, as an AWX "Check" job runs it: on interconnects not built yet, on a
built one, and on a built one that drifted from the plan. Each run ends with rc 0 and zero
writes; values a create would give are shown as "(known after create)"; verification reports what
it cannot check before the build instead of failing."""

import json
import os
import re
import shutil
import subprocess
import tempfile

import pytest

from ansible_env import ANSIBLE_PLAYBOOK, ROOT, playbook_env

INVENTORY = os.path.join(ROOT, "inventories", "twin")
UNKNOWN = "(known after create)"


def run(twin, tmp_path, playbook, hosts, *args):
    artifacts = tmp_path / "artifacts"
    env = playbook_env(twin, INTERCONNECT_ARTIFACTS_DIR=str(artifacts), AZURE_POLLING_INTERVAL="0.05")
    before = twin.writes()
    proc = subprocess.run([ANSIBLE_PLAYBOOK, "-i", INVENTORY, "--limit", ",".join(hosts), playbook] + list(args),
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=1200)
    recap = dict((m.group(1), int(m.group(2))) for m in
                 re.finditer(r"^(\S+)\s*:\s*ok=\d+\s+changed=(\d+)", proc.stdout, re.M))
    return proc, recap, twin.writes() - before, artifacts


@pytest.fixture
def fresh_twin(twin):
    """A twin of this test's own (the session twin's class, an empty state): the hosts must be
    greenfield whatever other test files on this worker built."""
    state_dir = tempfile.mkdtemp(prefix="twin-dry-run-")
    own = type(twin)(state_dir)
    own.start()
    yield own
    own.stop()
    shutil.rmtree(state_dir, ignore_errors=True)


def test_check_mode_predicts_greenfield_built_and_drifted_interconnects_without_writing(fresh_twin, tmp_path):
    twin = fresh_twin
    hosts = ["vpn_single", "fastconnect_expressroute"]
    proc, recap, writes, artifacts = run(twin, tmp_path, "site.yml", hosts, "--check", "--diff")
    assert proc.returncode == 0, proc.stdout[-6000:]
    assert writes == 0
    assert all(recap[host] > 0 for host in hosts), recap        # every create is predicted
    assert UNKNOWN in proc.stdout                                # ids, addresses, keys not made yet
    for host in hosts:
        report = json.loads((artifacts / host / "verify.json").read_text())
        assert report["dry_run"] is True and report["ok"] is False     # nothing to verify yet
    assert "dry run" in proc.stdout and "cannot be made before the build" in proc.stdout
    # one summary per interconnect (the change_summary callback ansible.cfg enables)
    summary = proc.stdout[proc.stdout.index("vpn_single: what a run would change (dry run)"):]
    assert re.search(r"^  create +oci_cpe single-cpe-1$", summary, re.M), summary[:3000]
    assert re.search(r"^  create +azure_virtual_network_gateway single-vng$", summary, re.M), summary[:3000]
    assert "fastconnect_expressroute: what a run would change (dry run)" in proc.stdout

    # built: the dry run finds nothing to change
    proc, recap, writes, artifacts = run(twin, tmp_path, "site.yml", ["vpn_single"])
    assert proc.returncode == 0, proc.stdout[-6000:]
    proc, recap, writes, artifacts = run(twin, tmp_path, "site.yml", ["vpn_single"], "--check", "--diff")
    assert proc.returncode == 0 and writes == 0 and recap["vpn_single"] == 0, proc.stdout[-6000:]
    assert json.loads((artifacts / "vpn_single" / "verify.json").read_text())["ok"] is True

    # drifted (another Oracle ASN in the inventory): the one change is predicted, field by field,
    # and what Azure fills in itself is not shown as removed
    proc, recap, writes, artifacts = run(twin, tmp_path, "site.yml", ["vpn_single"], "--check", "--diff",
                                         "-e", "interconnect_oracle_asn=31899")
    assert proc.returncode == 0 and writes == 0 and recap["vpn_single"] == 1, proc.stdout[-6000:]
    # diff lines ("-   key: value"), not the plan's table borders ("+----+")
    removed = [line for line in proc.stdout.splitlines() if line.startswith("- ")]
    added = [line for line in proc.stdout.splitlines() if line.startswith("+ ")]
    assert [line.split() for line in removed] == [["-", "asn:", "31898"]], removed
    assert [line.split() for line in added] == [["+", "asn:", "31899"]], added
    assert re.search(r"^  update +azure_local_network_gateway single-lng-1-t1: "
                     r"properties\.bgpSettings\.asn 31898 -> 31899$", proc.stdout, re.M), proc.stdout[-3000:]
    assert re.search(r"^  1 update, \d+ unchanged$", proc.stdout, re.M), proc.stdout[-3000:]

    proc, recap, writes, artifacts = run(twin, tmp_path, "playbooks/teardown.yml", ["vpn_single"])
    assert proc.returncode == 0, proc.stdout[-6000:]
