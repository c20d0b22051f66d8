"""Deploy speed: each scenario's site.yml run against the cloud twin, compared with its critical path.

    make benchmark [BENCHMARK_ARGS="--time-scale 0.1 --scenarios vpn_single,vpn_bgp_active_active"]
    python benchmarks/deploy_speed.py [--time-scale F] [--scenarios A,B] [--forks-test N] [--json FILE]

For each scenario: a fresh twin (``--time-scale F``: realistic provisioning durations times F),
``ansible-playbook -i inventories/twin site.yml --limit SCENARIO``, then the same run again at
once. Printed per scenario: the wall time, the critical path (the longest chain of provisioning
waits the scenario cannot avoid, from the twin's operation log and the DAG in
benchmarks/critical_path.py), their ratio, the overhead (wall - critical path, in seconds, which
does not scale with F), the API calls by cloud and resource kind, and for the re-run its wall time
and write calls. Then N interconnects (copies of vpn_single) with forks 1 and forks N.

Exit status 1 when a run fails, a re-run writes or reports a change, or a ratio exceeds the target
(1.15); the figures are printed either way. Polling intervals are scaled with F (docs/performance.md).
"""

import argparse
import json
import os
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
from conftest import TwinProcess  # noqa: E402  (the twin tests' process manager, shared)
from critical_path import DAGS, critical_path, matches  # noqa: E402

SCENARIOS = tuple(DAGS)
RATIO_TARGET = 1.15
DEFAULT_TIME_SCALE = 0.1
# Real-cloud polling defaults, scaled with the twin's clock (floored: a poll costs a request).
AZURE_POLLING_SECONDS = 30.0
OCI_WAIT_MAX_INTERVAL_SECONDS = 10.0
POLL_FLOOR_SECONDS = 0.5
INVENTORY = os.path.join(ROOT, "inventories", "twin")
RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


# -- the twin and ansible-playbook ------------------------------------------------------------------

def children_cpu():
    """CPU seconds used so far by finished child processes (ansible-playbook, its workers and the
    modules they ran)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def env_sh(path):
    """The variables the twin's env.sh exports."""
    out = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("export "):
                name, dummy, value = shlex.split(line)[1].partition("=")
                out[name] = value
    return out


class Bench:
    """One twin (fresh state dir) and the environment a run against it needs."""

    def __init__(self, time_scale, workdir, niceness=None):
        self.time_scale = time_scale
        self.niceness = niceness
        self.state_dir = tempfile.mkdtemp(prefix="twin-", dir=workdir)
        self.artifacts = tempfile.mkdtemp(prefix="artifacts-", dir=workdir)
        self.twin = TwinProcess(self.state_dir, time_scale=time_scale).start()
        if niceness is not None:
            os.setpriority(os.PRIO_PROCESS, self.twin.process.pid, niceness)

    def _prioritise(self):
        """In the child before exec: the playbook (and what it forks) at the chosen niceness."""
        os.setpriority(os.PRIO_PROCESS, 0, self.niceness)

    def env(self, forks):
        env = dict(os.environ)
        env.update(env_sh(os.path.join(self.state_dir, "env.sh")))
        bindir = os.path.dirname(sys.executable)
        env.update({
            "PATH": bindir + os.pathsep + env.get("PATH", ""),
            "ANSIBLE_CONFIG": os.path.join(ROOT, "ansible.cfg"),
            "ANSIBLE_COLLECTIONS_PATH": os.path.join(ROOT, ".collections"),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_FORKS": str(forks),
            "INTERCONNECT_ARTIFACTS_DIR": self.artifacts,
            "AZURE_POLLING_INTERVAL": "%g" % max(POLL_FLOOR_SECONDS, AZURE_POLLING_SECONDS * self.time_scale),
            "OCI_WAIT_MAX_INTERVAL": "%g" % max(POLL_FLOOR_SECONDS, OCI_WAIT_MAX_INTERVAL_SECONDS * self.time_scale),
        })
        return env

    def playbook(self, inventory, limit=None, forks=10, log=None):
        """(wall seconds, return code, {host: recap}, controller CPU seconds) of one site.yml run."""
        cmd = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", inventory,
               os.path.join(ROOT, "site.yml")]
        if limit:
            cmd += ["--limit", limit]
        env = self.env(forks)
        if log:
            env["ANSIBLE_LOG_PATH"] = log + ".timed"     # every line with a timestamp (--keep keeps it)
        cpu_before = children_cpu()
        started = time.monotonic()
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False,
                              preexec_fn=self._prioritise if self.niceness is not None else None)
        wall = time.monotonic() - started
        cpu = children_cpu() - cpu_before
        output = proc.stdout + proc.stderr
        if log:
            with open(log, "w", encoding="utf-8") as handle:
                handle.write(output)
        recap = dict((m.group(1), {"ok": int(m.group(2)), "changed": int(m.group(3)),
                                   "failed": int(m.group(4)) + int(m.group(5))})
                     for m in RECAP.finditer(output))
        return wall, proc.returncode, recap, cpu

    def admin(self, path):
        return self.twin.admin("GET", path)

    def reset(self):
        self.twin.reset_stats()

    def stop(self):
        self.twin.stop()


# -- API calls by kind ------------------------------------------------------------------------------

def route_kind(route):
    """'oci GET /20160918/drgs/{drgId}' -> ('oci', 'drgs'): the last collection named before an
    id; ARM operation polls -> 'operations'; Entra -> 'token'."""
    api, dummy, path = route.split(" ", 2)
    if api == "entra":
        return api, "token"
    parts = [p for p in path.strip("/").split("/") if p and p != "actions"]
    kind = None
    for index, part in enumerate(parts):
        if part.startswith("{"):
            continue
        named_by_id = index + 1 < len(parts) and parts[index + 1].startswith("{")
        listed = index + 1 == len(parts) and (index == 0 or not parts[index - 1].startswith("{"))
        if named_by_id or listed:
            kind = part
    return api, kind or path


def api_calls(stats):
    """{"clouds": {api: [reads, writes]}, "kinds": {"api kind": [reads, writes]}}."""
    writes = stats.get("writes_by_route", {})
    clouds, kinds = {}, {}
    for route, count in sorted(stats["by_route"].items()):
        api, kind = route_kind(route)
        wrote = writes.get(route, 0)
        for table, key in ((clouds, api), (kinds, "%s %s" % (api, kind))):
            entry = table.setdefault(key, [0, 0])
            entry[0] += count - wrote
            entry[1] += wrote
    return {"clouds": clouds, "kinds": kinds, "total": stats["total"], "writes": stats["writes"]}


def calls_summary(calls):
    parts = []
    for api in ("oci", "azure"):
        reads, writes = calls["clouds"].get(api, [0, 0])
        parts.append("%s %dr/%dw" % (api, reads, writes))
    parts.append("entra %d" % sum(calls["clouds"].get("entra", [0, 0])))
    return "  ".join(parts)


# -- measurements -----------------------------------------------------------------------------------

def lost_time(chain, started_at):
    """Where a run lost time along the critical chain: seconds from the run's start to the first
    operation's request, then between each operation's end and the next one's request; and the
    end of the chain's last operation."""
    gaps = []
    previous_done = started_at
    for name, entry in chain:
        if entry is None:
            continue
        gaps.append((name, max(0.0, entry["requested_at"] - previous_done)))
        previous_done = entry["done_at"]
    return gaps, previous_done


def chain_entries(scenario, chain, operations):
    """The log entry that ended each step of the chain (the slowest instance)."""
    nodes = dict((item.name, item) for item in DAGS[scenario])
    out = []
    for name in chain:
        selector = nodes[name].selector
        found = [e for e in operations if selector and matches(selector, e)]
        out.append((name, max(found, key=lambda e: e["done_at"]) if found else None))
    return out


def measure_scenario(scenario, time_scale, workdir, niceness=None):
    bench = Bench(time_scale, workdir, niceness)
    try:
        load = os.getloadavg()[0]
        started_at = time.time()
        wall, rc, recap, cpu = bench.playbook(INVENTORY, scenario, log=os.path.join(workdir, scenario + ".log"))
        finished_at = started_at + wall
        log = bench.admin("operations")["operations"]
        stats = bench.admin("stats")
        result = {"scenario": scenario, "wall": wall, "rc": rc, "recap": recap.get(scenario), "cpu": cpu,
                  "load": load, "calls": api_calls(stats), "operations": len(log)}
        if rc == 0:
            seconds, chain, steps = critical_path(scenario, log)
            entries = chain_entries(scenario, chain, log)
            gaps, chain_done = lost_time(entries, started_at)
            result.update(critical_path=seconds, chain=chain, steps=steps, ratio=wall / seconds,
                          overhead=wall - seconds, gaps=gaps, tail=finished_at - chain_done)
        bench.reset()
        rerun_wall, rerun_rc, rerun_recap, rerun_cpu = bench.playbook(
            INVENTORY, scenario, log=os.path.join(workdir, scenario + ".rerun.log"))
        rerun_stats = bench.admin("stats")
        result["rerun"] = {"wall": rerun_wall, "rc": rerun_rc, "recap": rerun_recap.get(scenario), "cpu": rerun_cpu,
                           "writes": rerun_stats["writes"], "calls": api_calls(rerun_stats)}
        return result
    finally:
        bench.stop()


def forks_inventory(count, workdir):
    """An inventory of ``count`` vpn_single interconnects with distinct names and CIDRs."""
    path = os.path.join(workdir, "forks-inventory")
    os.makedirs(os.path.join(path, "group_vars"), exist_ok=True)
    os.makedirs(os.path.join(path, "host_vars"), exist_ok=True)
    shutil.copy(os.path.join(INVENTORY, "group_vars", "interconnects.yml"),
                os.path.join(path, "group_vars", "interconnects.yml"))
    hosts = {}
    for index in range(1, count + 1):
        name = "bench_%02d" % index
        hosts[name] = None
        host_vars = {
            "interconnect_scenario": "vpn_single",
            "interconnect_name": "bench-%02d" % index,
            "interconnect_vcn_cidrs": ["10.%d.0.0/16" % index],
            "interconnect_vnet_cidrs": ["10.%d.0.0/16" % (128 + index)],
            "interconnect_azure_gateway_subnet_cidr": "10.%d.255.0/27" % (128 + index),
            "interconnect_apipa_pool": "169.254.21.0/27",
        }
        with open(os.path.join(path, "host_vars", name + ".yml"), "w", encoding="utf-8") as handle:
            yaml.safe_dump(host_vars, handle)
    with open(os.path.join(path, "hosts.yml"), "w", encoding="utf-8") as handle:
        yaml.safe_dump({"all": {"children": {"interconnects": {"hosts": hosts}}}}, handle)
    return path


def owned_by(entry, index):
    """Whether an operation log entry belongs to forks-test interconnect ``index``."""
    if entry["cloud"] == "azure":
        return "/resourcegroups/rg-bench-%02d/" % index in entry["resource_id"].lower()
    return (entry["name"] or "").startswith("bench-%02d-" % index)


def forks_test(count, time_scale, workdir, niceness=None):
    inventory = forks_inventory(count, workdir)
    out = {"interconnects": count}
    for forks in (1, count):
        bench = Bench(time_scale, workdir, niceness)
        try:
            load = os.getloadavg()[0]
            wall, rc, recap, cpu = bench.playbook(inventory, forks=forks,
                                                  log=os.path.join(workdir, "forks-%d.log" % forks))
            operations = bench.admin("operations")["operations"]
        finally:
            bench.stop()
        failed = sorted(h for h, r in recap.items() if r["failed"]) or ([] if rc == 0 else ["rc=%d" % rc])
        critical = max(critical_path("vpn_single", [e for e in operations if owned_by(e, i)])[0]
                       for i in range(1, count + 1)) if not failed else None
        out["forks_%d" % forks] = {"wall": wall, "rc": rc, "failed": failed, "critical_path": critical,
                                   "cpu": cpu, "load": load}
    out["speedup"] = out["forks_1"]["wall"] / out["forks_%d" % count]["wall"]
    return out


# -- report -----------------------------------------------------------------------------------------

def report(results, forks, time_scale, niceness=None):
    print("\nDeploy speed against the twin, time scale %g (Azure polling %gs, OCI max poll interval %gs%s)"
          % (time_scale, max(POLL_FLOOR_SECONDS, AZURE_POLLING_SECONDS * time_scale),
             max(POLL_FLOOR_SECONDS, OCI_WAIT_MAX_INTERVAL_SECONDS * time_scale),
             "" if niceness is None else ", niceness %d" % niceness))
    header = "%-26s %7s %7s %6s %7s %6s %5s %8s %6s  %s" % (
        "scenario", "wall s", "crit s", "ratio", "ovhd s", "cpu s", "load", "rerun s", "rerun", "API calls, first run")
    print(header)
    print("-" * len(header))
    for r in results:
        crit = r.get("critical_path")
        print("%-26s %7.1f %7s %6s %7s %6.1f %5.1f %8.1f %6s  %s" % (
            r["scenario"], r["wall"], "%.1f" % crit if crit else "-", "%.3f" % r["ratio"] if crit else "-",
            "%.1f" % r["overhead"] if crit else "-", r["cpu"], r["load"], r["rerun"]["wall"],
            "%dw" % r["rerun"]["writes"], calls_summary(r["calls"])))
    print("(ratio = wall / critical path; ovhd = wall - critical path; cpu = controller CPU seconds of the"
          " run; load = 1-min load average when it started; rerun = immediate second run, its writes)")
    for r in results:
        print("\n%s" % r["scenario"])
        if len(r.get("walls", ())) > 1:
            print("  runs: %s s (the fastest is shown)" % ", ".join("%.1f" % wall for wall in r["walls"]))
        if r.get("chain"):
            print("  critical path: %s" % " -> ".join("%s %.1fs" % (name, r["steps"][name]) for name in r["chain"]))
            print("  time lost along it: %s; after its last step %.1fs" % (", ".join(
                "before %s %.1fs" % (name, gap) for name, gap in r["gaps"]), r["tail"]))
        print("  API calls by kind (reads/writes): %s" % ", ".join(
            "%s %d/%d" % (kind, reads, writes) for kind, (reads, writes) in sorted(r["calls"]["kinds"].items())))
        print("  re-run: %.1fs, cpu %.1fs, %s, changed=%s" % (
            r["rerun"]["wall"], r["rerun"]["cpu"], calls_summary(r["rerun"]["calls"]),
            (r["rerun"]["recap"] or {}).get("changed")))
    if forks:
        count = forks["interconnects"]
        one, many = forks["forks_1"], forks["forks_%d" % count]
        print("\n%d x vpn_single in one run: forks 1 %.1fs (cpu %.1fs), forks %d %.1fs (cpu %.1fs): "
              "speed-up %.2fx; critical path of one interconnect %s" % (
                  count, one["wall"], one["cpu"], count, many["wall"], many["cpu"], forks["speedup"],
                  "%.1fs" % many["critical_path"] if many["critical_path"] else "-"))


def best_of(samples):
    """The sample with the shortest wall time (the least disturbed by other processes), with the
    walls of all samples and the worst re-run (every re-run must make zero writes)."""
    best = dict(min(samples, key=lambda r: (r["rc"] != 0, r["wall"])))
    best["walls"] = [r["wall"] for r in samples]
    best["failed_samples"] = sum(1 for r in samples if r["rc"] != 0)
    best["rerun"] = dict(best["rerun"], writes=max(r["rerun"]["writes"] for r in samples),
                         failed=sum(1 for r in samples if r["rerun"]["rc"] != 0
                                    or (r["rerun"]["recap"] or {}).get("changed")))
    return best


def problems_of(results, forks):
    problems = []
    for r in results:
        name = r["scenario"]
        if r["rc"] != 0 or r.get("failed_samples"):
            problems.append("%s: site.yml failed in %d run(s)" % (name, max(1, r.get("failed_samples", 0))))
        elif r["ratio"] > RATIO_TARGET:
            problems.append("%s: ratio %.3f above %.2f" % (name, r["ratio"], RATIO_TARGET))
        rerun = r["rerun"]
        if rerun["rc"] != 0 or rerun["writes"] != 0 or (rerun["recap"] or {}).get("changed") or rerun.get("failed"):
            problems.append("%s: a re-run failed, wrote (at most %d writes) or reported a change" % (
                name, rerun["writes"]))
    if forks:
        for key in ("forks_1", "forks_%d" % forks["interconnects"]):
            if forks[key]["failed"]:
                problems.append("forks test %s failed: %s" % (key, forks[key]["failed"]))
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-scale", type=float, default=DEFAULT_TIME_SCALE,
                        help="twin durations = realistic x this (default %(default)s: a gateway takes 180 s)")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS),
                        help="comma-separated inventory hosts of inventories/twin (default: all six)")
    parser.add_argument("--forks-test", type=int, default=10, metavar="N",
                        help="interconnects for the forks 1 vs N run (0: skip; default %(default)s)")
    parser.add_argument("--nice", type=int, metavar="N",
                        help="run the twin and the playbooks at niceness N (negative needs root): on a "
                             "shared machine, keeps other processes from inflating the figures")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="deploy each scenario N times (fresh twins) and report the fastest run")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the logs and state dirs (printed)")
    args = parser.parse_args(argv)
    scenarios = [s for s in args.scenarios.split(",") if s]
    unknown = sorted(set(scenarios) - set(SCENARIOS))
    if unknown:
        parser.error("unknown scenario(s) %s; choose from %s" % (", ".join(unknown), ", ".join(SCENARIOS)))

    workdir = tempfile.mkdtemp(prefix="deploy-speed-")
    problems = ["interrupted"]
    try:
        results = []
        for scenario in scenarios:
            samples = []
            for attempt in range(1, args.repeat + 1):
                print("%s: deploying (%d/%d)..." % (scenario, attempt, args.repeat), flush=True)
                r = measure_scenario(scenario, args.time_scale, workdir, args.nice)
                samples.append(r)
                print("%s: wall %.1fs, critical path %s, re-run %.1fs with %d write(s), load %.1f" % (
                    scenario, r["wall"], "%.1fs" % r["critical_path"] if r.get("critical_path") else "-",
                    r["rerun"]["wall"], r["rerun"]["writes"], r["load"]), flush=True)
            results.append(best_of(samples))
        forks = None
        if args.forks_test > 0:
            print("forks test: %d interconnects, forks 1 then %d..." % (args.forks_test, args.forks_test), flush=True)
            forks = forks_test(args.forks_test, args.time_scale, workdir, args.nice)
        report(results, forks, args.time_scale, args.nice)
        if args.json:
            with open(args.json, "w", encoding="utf-8") as handle:
                json.dump({"time_scale": args.time_scale, "niceness": args.nice, "scenarios": results, "forks": forks},
                      handle, indent=2)
        problems = problems_of(results, forks)
        for problem in problems:
            print("PROBLEM: " + problem)
        return 1 if problems else 0
    finally:
        if problems or args.keep:
            print("logs and twin state dirs: %s" % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
