"""The soak: every scenario built, crashed, faulted and torn down many times over (``make soak``).

Each round, for each fault rate (10% and 30% by default), on a fresh twin:

1. site.yml over the six scenario hosts is SIGKILLed with its whole process tree ``--kills``
   times (10 by default) at random points of the run, with the twin injecting faults (throttling
   with Retry-After, 500/503, connection resets, writes that commit and then answer 500); one
   kill lands in every scenario's run each time, so each scenario is killed ``--kills`` times;
2. site.yml runs to the end under the same faults while the twin is killed and restarted
   underneath it: it must converge and every verification must pass;
3. a run without faults must report changed=0 and make zero write calls, and the twin must hold
   exactly what the plans call for (no duplicates, nothing leaked, nothing missing);
4. teardown.yml under the same faults is killed once, then run to the end: the twin must hold
   nothing of the interconnects and a second teardown must change nothing.

Prints one line per round and rate and a summary; exits 1 if any check failed. Seeds are printed
and can be passed back (``--seed``) to repeat a round.

    .venv/bin/python tests/soak/soak.py [--rounds 1] [--kills 10] [--rates 0.1,0.3] [--seed N]
"""

import argparse
import os
import random
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path[:0] = [os.path.join(ROOT, "tests", "integration"), os.path.join(ROOT, ".collections")]

from interconnect_runs import HOSTS, Interconnects  # noqa: E402  (path set above)
from twin_leftovers import leftovers  # noqa: E402
from twin_process import Twin  # noqa: E402


def soak_once(rate, kills, seed, workdir, log):
    """One fresh twin at one fault rate. Returns (problems, figures)."""
    rng = random.Random(seed)
    problems = []
    state_dir = tempfile.mkdtemp(prefix="twin-soak-", dir=workdir)
    twin = Twin(state_dir)
    twin.start()
    artifacts = os.path.join(state_dir, "artifacts")
    runs = Interconnects(twin, artifacts, state_dir)
    figures = {"rate": rate, "seed": seed, "kills": 0, "faults": {}, "restarts": 0}

    def count_faults():
        for kind, number in twin.stats()["faults"].items():
            figures["faults"][kind] = figures["faults"].get(kind, 0) + number

    try:
        twin.set_faults(rate, seed)
        full = 120.0                               # first guess of a full run; then measured
        for number in range(kills):
            running, partial = runs.crash("site.yml", after_seconds=rng.uniform(2, full))
            figures["kills"] += running
            log("  kill %d/%d after %.0f s (%s)" % (number + 1, kills, partial.seconds,
                                                    "mid-run" if running else "run had ended"))

        proc = runs.start("site.yml")
        restart_at = proc.started + rng.uniform(5, full / 2)
        while proc.poll() is None and time.time() < restart_at:
            time.sleep(0.1)
        if proc.poll() is None:
            count_faults()
            twin.crash_restart()
            twin.set_faults(rate, seed + 1)
            figures["restarts"] += 1
        run = runs.finish(proc)
        figures["converge_s"] = round(run.seconds, 1)
        if run.rc != 0 or run.failures():
            problems.append("site.yml did not converge: rc=%s %s\n%s" % (
                run.rc, run.failures(), run.tail(3000)))

        count_faults()
        twin.reset_faults()
        writes = twin.writes()
        again = runs.run("site.yml")
        changed = dict((host, recap["changed"]) for host, recap in again.recap.items())
        figures["rerun_changed"] = sum(changed.values())
        figures["rerun_writes"] = twin.writes() - writes
        if again.rc != 0 or figures["rerun_changed"] or figures["rerun_writes"]:
            problems.append("the run after the faults: rc=%s changed=%s writes=%d" % (
                again.rc, changed, figures["rerun_writes"]))
        difference = runs.inventory_difference()
        figures["inventory_exact"] = not difference
        if difference:
            problems.append("the twin does not hold exactly the plans: %s" % difference)

        twin.set_faults(rate, seed + 2)
        running, dummy = runs.crash("playbooks/teardown.yml", after_seconds=rng.uniform(2, 20))
        figures["kills"] += running
        down = runs.run("playbooks/teardown.yml")
        count_faults()
        twin.reset_faults()
        second = runs.run("playbooks/teardown.yml")
        left = leftovers(twin.env)
        figures["leftovers"] = left
        if down.rc != 0 or left or second.rc != 0 or any(r["changed"] for r in second.recap.values()):
            problems.append("teardown: rc=%s then rc=%s changed=%s, leftovers %s" % (
                down.rc, second.rc, [r["changed"] for r in second.recap.values()], left))
    except Exception as exc:                   # report it with the round's seed, go on
        problems.append("%s: %s" % (type(exc).__name__, exc))
    finally:
        twin.stop()
        if not problems:
            shutil.rmtree(state_dir, ignore_errors=True)
        else:
            figures["kept_state_dir"] = state_dir
    return problems, figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--kills", type=int, default=10, help="SIGKILLs of site.yml per round and rate")
    parser.add_argument("--rates", default="0.1,0.3", help="fault rates, comma-separated")
    parser.add_argument("--seed", type=int, default=None, help="seed of the first round (default: random)")
    args = parser.parse_args(argv)
    rates = [float(rate) for rate in args.rates.split(",") if rate]
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 10 ** 6)

    def log(line):
        print(line, flush=True)

    workdir = tempfile.mkdtemp(prefix="interconnect-soak-")
    started = time.time()
    failed = 0
    results = []
    log("soak: %d round(s) x rates %s, %d kills each, %d scenarios (%s), first seed %d" % (
        args.rounds, rates, args.kills, len(HOSTS), ", ".join(HOSTS), seed))
    for round_number in range(args.rounds):
        for rate in rates:
            round_seed = seed + 1000 * round_number + int(rate * 100)
            log("round %d, fault rate %.0f%%, seed %d" % (round_number + 1, rate * 100, round_seed))
            problems, figures = soak_once(rate, args.kills, round_seed, workdir, log)
            results.append(figures)
            failed += bool(problems)
            log("  %s: killed %d times mid-run, twin restarted %d, faults %s, converged in %s s, "
                "re-run changed=%s writes=%s, inventory %s, leftovers %s" % (
                    "FAIL" if problems else "ok", figures["kills"], figures["restarts"],
                    figures["faults"], figures.get("converge_s"), figures.get("rerun_changed"),
                    figures.get("rerun_writes"), "exact" if figures.get("inventory_exact") else "NOT exact",
                    figures.get("leftovers")))
            for problem in problems:
                log("  problem: " + problem)
            if problems:
                log("  state kept in " + figures["kept_state_dir"])
    kills = sum(figure["kills"] for figure in results)
    log("soak done in %.0f s: %d round(s) of %d, %d failed; %d mid-run kills of each of the %d "
        "scenarios; faults injected: %s" % (
            time.time() - started, len(results), len(results), failed, kills, len(HOSTS),
            sum(sum(figure["faults"].values()) for figure in results)))
    if not failed:
        shutil.rmtree(workdir, ignore_errors=True)     # a failed round's state dir is kept
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
