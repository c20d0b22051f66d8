"""The Molecule scenarios of the scenario roles (molecule/<role>/, delegated driver, a twin each).

test_scenarios.py already builds every scenario in one parallel play; Molecule runs one role at
a time on one host, which costs about a full site.yml run per role. To keep CI within its budget
this runs the cheapest scenario by default, which exercises all the shared Molecule playbooks
(create, converge, idempotence, verify, destroy); MOLECULE_SCENARIOS=all (or a comma-separated
list) runs more.
"""

import os
import re
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ALL = sorted(d for d in os.listdir(os.path.join(ROOT, "molecule"))
             if os.path.exists(os.path.join(ROOT, "molecule", d, "molecule.yml")))
CHOSEN = os.environ.get("MOLECULE_SCENARIOS", "vpn_single")
SCENARIOS = ALL if CHOSEN == "all" else [s for s in CHOSEN.split(",") if s]


def test_every_scenario_role_has_a_molecule_scenario():
    roles = sorted(d for d in os.listdir(os.path.join(ROOT, "roles"))
                   if d.startswith(("vpn_", "fastconnect_")))
    assert ALL == roles


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_molecule(scenario):
    bindir = os.path.dirname(sys.executable)
    env = dict(os.environ)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env.setdefault("TWIN_TIME_SCALE", "0.001")
    proc = subprocess.run([os.path.join(bindir, "molecule"), "test", "-s", scenario], cwd=ROOT,
                          env=env, capture_output=True, text=True, check=False, timeout=1200)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-6000:]
    plain = _plain(output)
    for step in ("converge", "idempotence", "verify", "destroy"):
        assert "%s: Executed: Successful" % step in plain, (step, output[-3000:])


def _plain(text):
    """Molecule's output without colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text).replace("\u279c", ":").replace(" : ", ": ")
