"""The twin and the lab judge the same plans; the test fails where their verdicts differ.

Known-bad designs (lab/designs.py) must fail in the lab for the reason the twin gives; a good
design (the planner's vpn_bgp_active_passive: a /30 and a /31 to one APIPA, ECMP) must come up in
both, with every CHILD_SA rekeyed at least twice, both paths in the RIB and a failover drill.
The twin is started as a process and driven through the SDKs while the lab runs (twin_driver).
"""

import concurrent.futures
import json
import shutil
import tempfile

import pytest

from lab import designs, stack
from lab.run import TWIN_CLASSES, LabRun, render
from twin_driver import Twin, deploy_vpn, verdicts

GOOD = "vpn_bgp_active_passive"
# The known-bad designs fail within one scaled lifetime: a shorter one keeps CI fast.
BAD_TIMING = dict(child_target=10, ike_target=30)


def twin_class(code):
    """The lab's verdict class for a twin reason code (an API refusal of the inside pair counts as
    a pair that cannot peer: the twin refuses at the API what the lab sees as no session)."""
    if code and code.startswith("API_400") and "bgpSessionConfig" in code:
        return "bgp_no_session"
    return TWIN_CLASSES.get(code, "twin:%s" % code)


def _plans():
    plans = {name: designs.known_bad(name) for name in designs.KNOWN_BAD}
    plans[GOOD] = designs.good_plan(GOOD)
    return plans


@pytest.fixture(scope="module")
def twin_verdicts(lab_host):
    """Futures of the twin's verdict per plan, computed in the background while the lab runs."""
    twin = Twin().start()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=3)

    def judge(index, plan):
        return verdicts(twin, plan, deploy_vpn(twin, plan, "x%d" % index))

    futures = {name: pool.submit(judge, i, plan) for i, (name, plan) in enumerate(sorted(_plans().items()))}
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)
    twin.stop()


def _lab(plan, tmp_path, **kwargs):
    # not below tmp_path: pytest makes it 0700 and FRR runs as user frr
    workdir = tempfile.mkdtemp(prefix="interconnect-lab-")
    try:
        result = LabRun(plan, workdir, **kwargs).execute()
    finally:
        shutil.copytree(workdir, str(tmp_path / "lab"), dirs_exist_ok=True, ignore_dangling_symlinks=True,
                        ignore=shutil.ignore_patterns("*.vici", "*.vty", "*.api"))
        shutil.rmtree(workdir, ignore_errors=True)
    print(render(result))
    (tmp_path / "lab.json").write_text(json.dumps(result, indent=1, sort_keys=True))
    return result


@pytest.mark.parametrize("name", sorted(designs.KNOWN_BAD))
def test_known_bad_design_fails_in_the_lab_for_the_twins_reason(name, twin_verdicts, tmp_path):
    plan = designs.known_bad(name)
    result = _lab(plan, tmp_path, timing=stack.Timing(**BAD_TIMING), min_rekeys=1, drill=False)
    twin = twin_verdicts[name].result(timeout=120)
    lab_verdicts = {row["tunnel"]: row["verdict"] for row in result["tunnels"]}
    assert set(lab_verdicts) == set(twin)
    for key, code in twin.items():
        assert code is not None, "the twin lets the known-bad design %s up (tunnel %s)" % (name, key)
        assert lab_verdicts[key] == twin_class(code), (
            "%s tunnel %s: twin %s (= %s), lab %s" % (name, key, code, twin_class(code), lab_verdicts[key]))
    assert not result["passed"]


def test_good_design_rekeys_peers_with_ecmp_and_fails_over(twin_verdicts, tmp_path):
    plan = designs.good_plan(GOOD)
    result = _lab(plan, tmp_path)
    twin = twin_verdicts[GOOD].result(timeout=120)
    assert twin == {row["tunnel"]: None for row in result["tunnels"]}, "twin: %s" % twin
    assert [row["verdict"] for row in result["tunnels"]] == ["ok", "ok"]
    assert all(row["child_rekeys"] >= 2 for row in result["tunnels"]), result["tunnels"]
    # the single Azure APIPA reached from both tunnels: both paths to the VCN in its RIB
    assert result["paths"]["azure"]["10.0.0.0/16"]["total"] == plan["expect"]["paths_per_prefix"] == 2
    assert result["probe"]["received"] == result["probe"]["sent"] > 0
    drill = result["drill"]
    assert drill["down"]["converged_seconds"] is not None and drill["down"]["paths_after"] == 1
    # BGP withdraws within the scaled hold time (plus a poll interval and DPD's head start)
    assert drill["down"]["converged_seconds"] <= result["timing"]["bgp"]["scaled"]["hold"] + 3
    assert drill["up"]["converged_seconds"] is not None and drill["up"]["paths_after"] == 2
    assert result["passed"]
