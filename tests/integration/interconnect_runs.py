"""Running the collection's playbooks on the twin inventory, the way users do, and breaking them
the way runs break: killed at any moment (SIGKILL of the whole process tree, as a laptop that
dies or a job whose pod is evicted), under injected faults, or with the cloud endpoint restarted
underneath. Used by test_scenarios.py (CI) and tests/soak/soak.py (``make soak``).
"""

import json
import os
import re
import signal
import subprocess
import time

import yaml

import twin_inventory
from ansible_env import ANSIBLE_PLAYBOOK, playbook_env

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INVENTORY = os.path.join(ROOT, "inventories", "twin")


def _inventory_hosts():
    """The twin inventory's interconnects (one per design; tests/unit/plan/test_scenario_files.py
    checks that they are the design table's rows)."""
    with open(os.path.join(INVENTORY, "hosts.yml")) as handle:
        inventory = yaml.safe_load(handle)
    return tuple(inventory["all"]["children"]["interconnects"]["hosts"])


HOSTS = _inventory_hosts()
RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def interconnect_names(hosts=HOSTS):
    """inventory host -> interconnect_name (resource names derive from it)."""
    names = {}
    for host in hosts:
        with open(os.path.join(INVENTORY, "host_vars", host + ".yml")) as handle:
            names[host] = yaml.safe_load(handle)["interconnect_name"]
    return names


def descendants(pid):
    """Every live process below ``pid`` (Ansible's workers start their own sessions, so a
    process-group kill would miss them and the modules they run)."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def kill_tree(proc):
    """SIGKILL ``proc`` and everything it started, at once (stopped first so nothing forks on)."""
    for sig in (signal.SIGSTOP, signal.SIGKILL):
        for pid in [proc.pid] + descendants(proc.pid):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
    proc.wait(timeout=30)


class Run:
    def __init__(self, rc, output, seconds, artifacts):
        self.rc = rc
        self.output = output
        self.seconds = seconds
        self.artifacts = artifacts
        self.recap = dict((m.group(1), {"ok": int(m.group(2)), "changed": int(m.group(3)),
                                        "unreachable": int(m.group(4)), "failed": int(m.group(5))})
                          for m in RECAP.finditer(self.output))

    def verify(self, host):
        with open(os.path.join(self.artifacts, host, "verify.json")) as handle:
            return json.load(handle)

    def failures(self, hosts=HOSTS):
        """Hosts whose run or verification did not pass, with why (empty when all passed)."""
        bad = {}
        for host in hosts:
            recap = self.recap.get(host)
            if recap is None or recap["failed"] or recap["unreachable"]:
                bad[host] = "recap %s" % recap
                continue
            try:
                report = self.verify(host)
            except (OSError, ValueError) as exc:
                bad[host] = "no verify.json: %s" % exc
                continue
            if not report["ok"]:
                bad[host] = report["failures"]
        return bad

    def failed_tasks(self):
        """Each failed task's header and its fatal/failed lines, in output order."""
        found, task = [], None
        for line in self.output.splitlines():
            if line.startswith("TASK ["):
                task = line
            elif line.startswith(("fatal:", "failed:")) or line.startswith("[ERROR]"):
                found.append("%s\n  %s" % (task, line[:3000]))
        return found

    def tail(self, chars=6000):
        """The failed tasks (what a CI log must show first), then the end of the output."""
        failed = self.failed_tasks()
        head = ("FAILED TASKS:\n%s\n\n... end of output:\n" % "\n".join(failed)) if failed else ""
        return head + self.output[-chars:]


class Interconnects:
    """ansible-playbook on the twin inventory, one host per scenario, all hosts in one play."""

    def __init__(self, twin, artifacts, workdir, forks=len(HOSTS)):
        self.twin = twin
        self.artifacts = artifacts
        self.workdir = workdir
        self.forks = forks
        self._counter = 0

    def env(self):
        return playbook_env(self.twin, ANSIBLE_FORKS=self.forks,
                            INTERCONNECT_ARTIFACTS_DIR=self.artifacts)

    def command(self, playbook, limit=None, tags=None, extra_inventory=None, extra_vars=None):
        cmd = [ANSIBLE_PLAYBOOK, "-i", INVENTORY, playbook]
        if extra_inventory is not None:
            self._counter += 1
            path = os.path.join(self.workdir, "overlay-%d.yml" % self._counter)
            with open(path, "w") as handle:
                yaml.safe_dump({"all": {"children": {"interconnects": {"hosts": extra_inventory}}}},
                               handle)
            cmd[3:3] = ["-i", path]
        if limit:
            cmd += ["--limit", ",".join(limit)]
        if tags:
            cmd += ["--tags", tags]
        for key, value in (extra_vars or {}).items():
            cmd += ["-e", json.dumps({key: value})]
        return cmd

    def start(self, playbook, **options):
        """Start a run in the background; its output goes to a file (see ``finish``)."""
        self._counter += 1
        log = open(os.path.join(self.workdir, "run-%d.log" % self._counter), "w+")
        proc = subprocess.Popen(self.command(playbook, **options), cwd=ROOT, env=self.env(),
                                stdout=log, stderr=subprocess.STDOUT, text=True)
        proc.log = log
        proc.started = time.time()
        return proc

    def finish(self, proc, timeout=1500):
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_tree(proc)
        proc.log.seek(0)
        output = proc.log.read()
        proc.log.close()
        return Run(proc.returncode, output, time.time() - proc.started, self.artifacts)

    def run(self, playbook, **options):
        return self.finish(self.start(playbook, **options))

    def crash(self, playbook, after_seconds, **options):
        """Start a run and SIGKILL it with its whole process tree after ``after_seconds``.
        Returns (was it still running when killed, the partial Run)."""
        proc = self.start(playbook, **options)
        deadline = proc.started + after_seconds
        while time.time() < deadline and proc.poll() is None:
            time.sleep(0.05)
        running = proc.poll() is None
        if running:
            kill_tree(proc)
        return running, self.finish(proc)

    def inventory_difference(self, hosts=HOSTS):
        """What the twin holds against what the hosts' plans call for ({} when exact)."""
        names = interconnect_names(hosts)
        want = twin_inventory.expected(twin_inventory.plans_in(self.artifacts, hosts, names))
        return twin_inventory.difference(twin_inventory.live(self.twin.env), want)
