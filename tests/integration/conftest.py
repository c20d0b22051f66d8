"""Integration harness: the cloud twin plus a way to run tasks through ansible-playbook.

Fixtures:
- ``twin`` (session): the twin running as a subprocess (``python -m emulator serve``); gives
  ``env`` (the variables its env.sh exports), ``endpoints``, ``admin(method, path, body=None)``,
  ``stats()``, ``writes()`` (write requests served so far) and ``reset_faults()``.
- ``run_play``: ``run_play(tasks, vars=None, check=False, diff=False, verbosity=0, env=None)``
  writes a one-play playbook for localhost and runs it with ansible-playbook against the twin;
  returns a :class:`PlayResult`.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

import pytest
import yaml

from ansible_env import ANSIBLE_PLAYBOOK, ROOT, playbook_env
from twin_process import Twin


@pytest.fixture(scope="session")
def twin():
    state_dir = tempfile.mkdtemp(prefix="twin-it-")
    instance = Twin(state_dir)
    instance.start()
    yield instance
    instance.stop()
    shutil.rmtree(state_dir, ignore_errors=True)


class PlayResult:
    def __init__(self, rc, stdout, records):
        self.rc = rc
        self.stdout = stdout
        self.records = records

    @property
    def results(self):
        return [r["result"] for r in self.records]

    def task(self, name):
        """The result of the (last) task called ``name``."""
        found = [r["result"] for r in self.records if r["task"] == name]
        if not found:
            raise KeyError("no task %r in %s" % (name, [r["task"] for r in self.records]))
        return found[-1]

    @property
    def changed(self):
        return sum(1 for r in self.records if r["result"].get("changed"))

    @property
    def failed(self):
        return [r for r in self.records if r["status"] == "failed"]


@pytest.fixture
def run_play(twin, tmp_path):
    counter = {"n": 0}

    def run(tasks, vars=None, check=False, diff=False, verbosity=0, env=None, expect_rc=None):
        counter["n"] += 1
        play = [{
            "name": "test play",
            "hosts": "localhost",
            "connection": "local",
            "gather_facts": False,
            "vars": dict({"ansible_python_interpreter": sys.executable}, **(vars or {})),
            "tasks": tasks if isinstance(tasks, list) else yaml.safe_load(tasks),
        }]
        playbook = tmp_path / ("play%d.yml" % counter["n"])
        playbook.write_text(yaml.safe_dump(play, sort_keys=False))
        records_file = tmp_path / ("records%d.jsonl" % counter["n"])
        # ANSIBLE_INVENTORY is a comma-separated list of sources, so "localhost," would also
        # name the working directory: use a one-host inventory file.
        inventory = tmp_path / "inventory.ini"
        inventory.write_text("localhost ansible_connection=local\n")
        run_env = playbook_env(twin, records_file, **dict({"ANSIBLE_INVENTORY": inventory}, **(env or {})))
        cmd = [ANSIBLE_PLAYBOOK, str(playbook)]
        if check:
            cmd.append("--check")
        if diff:
            cmd.append("--diff")
        if verbosity:
            cmd.append("-" + "v" * verbosity)
        proc = subprocess.run(cmd, cwd=ROOT, env=run_env, capture_output=True, text=True, check=False,
                              timeout=600)
        records = []
        if records_file.exists():
            records = [json.loads(line) for line in records_file.read_text().splitlines() if line]
        result = PlayResult(proc.returncode, proc.stdout + proc.stderr, records)
        if expect_rc is not None:
            assert proc.returncode == expect_rc, result.stdout
        return result

    return run


# The longest file first: with `pytest -n 2 --dist loadfile` (make test) it then runs on one
# worker while the other works through the rest, instead of starting last.
LONGEST_FIRST = ("test_scenarios.py",)


def pytest_collection_modifyitems(items):
    def rank(item):
        name = os.path.basename(str(item.fspath))
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)
    items.sort(key=rank)          # stable: the order within and among the other files stays
