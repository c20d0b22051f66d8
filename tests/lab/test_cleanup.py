"""The lab removes every namespace and process it started: on an interrupt and on a failure."""

import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest

from lab import designs, stack, topology

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _namespaces():
    return set(subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout.split())


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is gone for our purpose (the lab's parent process reaps its own children)
    with open("/proc/%d/stat" % pid, encoding="utf-8") as fh:
        return fh.read().split(") ", 1)[1][0] != "Z"


@pytest.fixture
def workdir():
    # not below tmp_path: pytest makes it 0700 and FRR runs as user frr
    path = tempfile.mkdtemp(prefix="interconnect-lab-")
    yield pathlib.Path(path)
    shutil.rmtree(path, ignore_errors=True)


def test_sigint_mid_run_removes_every_namespace_and_process(lab_host, workdir):
    proc = subprocess.Popen([sys.executable, "-m", "lab", "run", "--scenario", "vpn_bgp_active_passive",
                             "--workdir", str(workdir), "--no-drill"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    state_path = workdir / "state.json"
    deadline = time.monotonic() + 30
    state = {}
    # wait until the run is fully up: namespaces made and bgpd started in each
    while time.monotonic() < deadline:
        if state_path.exists():
            try:
                state = json.loads(state_path.read_text())
            except ValueError:
                state = {}
            if len(state.get("namespaces", [])) == 3 and len(state.get("pids", [])) == 9:
                break
        time.sleep(0.1)
    assert len(state.get("pids", [])) == 9, "the run did not come up: %s" % state
    assert set(state["namespaces"]) <= _namespaces()
    assert all(_alive(pid) for pid in state["pids"])
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=30)
    assert set(state["namespaces"]).isdisjoint(_namespaces()), out
    assert not [pid for pid in state["pids"] if _alive(pid)], out


def test_a_failure_while_starting_removes_what_was_made(lab_host, workdir, monkeypatch):
    topo = topology.build(designs.good_plan("vpn_single"))
    made = {}

    def broken_frr(self, ns):
        made.update(namespaces=list(self.state["namespaces"]), pids=list(self.state["pids"]))
        raise RuntimeError("bgpd would not start")

    monkeypatch.setattr(stack.Lab, "_start_frr", broken_frr)
    with pytest.raises(RuntimeError, match="bgpd would not start"):
        with stack.Lab(topo, str(workdir), run_id="f%03x" % (os.getpid() & 0xfff)):
            pass
    assert len(made["namespaces"]) == 2 and len(made["pids"]) == 2   # two charons were running
    assert set(made["namespaces"]).isdisjoint(_namespaces())
    assert not [pid for pid in made["pids"] if _alive(pid)]
