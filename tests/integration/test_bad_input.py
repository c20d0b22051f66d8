"""The bad-input catalogue: input a network engineer can really get wrong must fail before any
write to either cloud, with a message that names the offending variable or option.

The cases live in bad_input_cases.yml (each with the reason it is wrong). They run in two
batches to keep the cost of ansible-playbook start-up low:

* inventory cases: one inventory host per case in an overlay over inventories/twin, all through
  one site.yml run (forks 10, hosts fail independently); each must stop at its ``stage``;
* module and role cases: one playbook, one task per case (``ignore_errors``; a role case is an
  include_role inside a block whose rescue records the failure), dealt out to a few local hosts
  that run side by side; the cases that change an existing resource use ones a setup play made.

Each batch must leave the twin's write counter where it was; each case must fail and its own
message must contain every string of its ``names``. A case that does not is reported by its id.
"""

import json
import os
import subprocess
import sys
import uuid

import pytest
import yaml

from ansible_env import ANSIBLE_PLAYBOOK, ROOT, playbook_env
HERE = os.path.dirname(os.path.abspath(__file__))
NS = "interconnect.oci_azure."
FORKS = 10
# Where an inventory case must stop (the task that fails last for its host).
STAGES = {
    "scenario_check": lambda r: r["task"] == "Check that the host names a scenario",
    "role_spec": lambda r: r["action"] == "ansible.builtin.validate_argument_spec",
    "plan": lambda r: r["task"].endswith("Report why the plan was rejected (nothing was written "
                                         "to either cloud)"),
    "networks_check": lambda r: r["task"].endswith("Check that the interconnect knows its networks"),
    "preflight": lambda r: r["task"].endswith("Check both clouds against the plan (reads only)"),
}
LANES = 4

with open(os.path.join(HERE, "bad_input_cases.yml")) as _handle:
    CATALOGUE = yaml.safe_load(_handle)


def _playbook_run(twin, workdir, playbook, args=(), forks=1):
    """ansible-playbook against the twin; (return code, output, recorded task results)."""
    records = os.path.join(str(workdir), "records-%s.jsonl" % uuid.uuid4().hex[:8])
    env = playbook_env(twin, records, ANSIBLE_FORKS=forks, AZURE_POLLING_INTERVAL="0.05",
                       INTERCONNECT_ARTIFACTS_DIR=os.path.join(str(workdir), "artifacts"))
    cmd = [ANSIBLE_PLAYBOOK] + list(args) + [playbook]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False,
                          timeout=600)
    found = []
    if os.path.exists(records):
        with open(records) as handle:
            found = [json.loads(line) for line in handle if line.strip()]
    return proc.returncode, proc.stdout + proc.stderr, found


def _localhost_inventory(workdir, hosts=("localhost",)):
    """An inventory of hosts that all run on the controller."""
    path = os.path.join(str(workdir), "local-%d.ini" % len(hosts))
    with open(path, "w") as handle:
        for host in hosts:
            handle.write("%s ansible_connection=local ansible_python_interpreter=%s\n"
                         % (host, sys.executable))
    return path


def _message(result):
    """The text a user reads for a failed task: msg (a string or a list) and its error list."""
    parts = []
    for key in ("msg", "errors", "argument_errors"):
        value = result.get(key)
        if isinstance(value, list):
            parts.extend(str(item) for item in value)
        elif value:
            parts.append(str(value))
    return "\n".join(parts)


def _judge(case, message):
    """'' when ``message`` names everything the case expects, else why not."""
    missing = [name for name in case["names"] if name not in message]
    if missing:
        return "%s: the message does not name %s:\n    %s" % (
            case["id"], ", ".join(repr(m) for m in missing), message.replace("\n", "\n    ")[:1500])
    return ""


def _writes_since(twin, before, records):
    """'' when the twin saw no write since ``before`` (its stats), else which routes were
    written and which cases got as far as a cloud module that succeeded."""
    after = twin.stats()
    if after["writes"] == before["writes"]:
        return ""
    routes = dict((route, count - before["by_route"].get(route, 0))
                  for route, count in after["by_route"].items()
                  if count != before["by_route"].get(route, 0)
                  and route.split()[0] in ("oci", "azure")
                  and route.split()[1] in ("POST", "PUT", "PATCH", "DELETE"))
    reached = sorted(set("%s (%s)" % (r["task"] if r["task"].startswith("case ") else r["host"],
                                      r["action"])
                         for r in records if r["action"].startswith(NS)
                         and not r["action"].endswith(("interconnect_plan", "_info"))
                         and r["status"] == "ok"))
    return "%d write call(s): %s; cloud modules that succeeded before: %s" % (
        after["writes"] - before["writes"], routes, reached)


def test_the_catalogue_is_large_distinct_and_spread():
    ids = [c["id"] for section in ("inventory", "roles", "modules") for c in CATALOGUE[section]]
    assert len(ids) >= 40
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert len(CATALOGUE["inventory"]) >= 15 and len(CATALOGUE["modules"]) >= 15
    assert CATALOGUE["roles"]
    for section in ("inventory", "roles", "modules"):
        for case in CATALOGUE[section]:
            assert case["names"], case["id"]
    for case in CATALOGUE["inventory"]:
        assert case["base"] in CATALOGUE["bases"], case["id"]
        assert case.get("stage", "plan") in STAGES, case["id"]


def _host_vars(case):
    # the twin inventory's group variables derive resource names from interconnect_name
    host = dict(CATALOGUE["bases"][case["base"]], interconnect_name=case["id"].replace("_", "-"))
    for name in case.get("unset", ()):
        host.pop(name)
    host.update(case.get("vars") or {})
    return host


def test_inventory_variables_fail_before_any_write(twin, tmp_path):
    cases = CATALOGUE["inventory"]
    overlay = tmp_path / "bad-input-hosts.yml"
    overlay.write_text(yaml.safe_dump({"all": {"children": {
        "interconnects": {"hosts": dict((c["id"], _host_vars(c)) for c in cases)},
        "bad_input": {"hosts": dict((c["id"], None) for c in cases)},
    }}}))
    before = twin.stats()
    rc, output, records = _playbook_run(
        twin, tmp_path, "site.yml", forks=FORKS,
        args=["-i", os.path.join(ROOT, "inventories", "twin"), "-i", str(overlay),
              "--limit", "bad_input"])
    problems = [_writes_since(twin, before, records)]
    for case in cases:
        failed = [r for r in records if r["host"] == case["id"] and r["status"] == "failed"]
        if not failed:
            problems.append("%s: did not fail" % case["id"])
            continue
        # the last failure is what the run reports for the host; it stops at the expected stage
        last = failed[-1]
        stage = case.get("stage", "plan")
        if not STAGES[stage](last):
            problems.append("%s: expected to stop at %s, stopped at %r"
                            % (case["id"], stage, last["task"]))
        problem = _judge(case, _message(last["result"]))
        if problem:
            problems.append(problem)
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)


def _module_task(case, lane):
    return {"name": "case " + case["id"], NS + case["module"]: case["options"],
            "ignore_errors": True, "when": "inventory_hostname == %r" % lane}


def _role_task(case, lane):
    include = {"name": NS + case["role"]}
    if case.get("tasks_from"):
        include["tasks_from"] = case["tasks_from"]
    return {
        "name": "role case " + case["id"],
        "when": "inventory_hostname == %r" % lane,
        "block": [{"name": "include " + case["id"], "ansible.builtin.include_role": include,
                   "vars": case["vars"]}],
        "rescue": [{"name": "case " + case["id"],
                    "ansible.builtin.debug": {"var": "ansible_failed_result"}}],
    }


@pytest.fixture(scope="module")
def existing(twin, tmp_path_factory):
    """Resources for the cases that change something which exists: a resource group, a public
    IP in it and a CPE (made once, removed afterwards)."""
    workdir = tmp_path_factory.mktemp("bad-input-setup")
    suffix = uuid.uuid4().hex[:6]
    names = {"setup_rg": "rg-bad-input-" + suffix, "setup_pip": "pip-bad-input",
             "setup_cpe_name": "bad-input-cpe-" + suffix}

    def play(state):
        cpe = {"display_name": names["setup_cpe_name"], "ip_address": "20.81.10.44",
               "state": state}
        # deleting the group deletes the public IP too (not awaited)
        group = {"name": names["setup_rg"], "location": "westeurope", "state": state,
                 "wait": state == "present"}
        tasks = [{"name": "cpe", NS + "oci_cpe": cpe},
                 {"name": "rg", NS + "azure_resource_group": group}]
        if state == "present":
            pip = {"name": names["setup_pip"], "resource_group": names["setup_rg"]}
            tasks.append({"name": "pip", NS + "azure_public_ip": pip})
        path = os.path.join(str(workdir), "setup-%s.yml" % state)
        with open(path, "w") as handle:
            yaml.safe_dump([{"name": "bad-input setup", "hosts": "localhost",
                             "gather_facts": False, "tasks": tasks}], handle, sort_keys=False)
        rc, output, dummy = _playbook_run(twin, workdir, path,
                                          args=["-i", _localhost_inventory(workdir)])
        assert rc == 0, output[-4000:]

    play("present")
    yield names
    play("absent")


def test_module_options_and_role_arguments_fail_before_any_write(twin, existing, tmp_path):
    modules, roles = CATALOGUE["modules"], CATALOGUE["roles"]
    # the cases are dealt out to LANES hosts that run side by side (strategy free): each module
    # task is a process of its own, and the lanes keep both cores busy
    lanes = ["lane%d" % n for n in range(LANES)]
    tasks = [_module_task(c, lanes[i % LANES]) for i, c in enumerate(modules)]
    tasks += [_role_task(c, lanes[(len(modules) + i) % LANES]) for i, c in enumerate(roles)]
    playbook = tmp_path / "bad-input.yml"
    playbook.write_text(yaml.safe_dump([{"name": "bad input", "hosts": "all", "strategy": "free",
                                         "gather_facts": False, "vars": existing,
                                         "tasks": tasks}], sort_keys=False))
    before = twin.stats()
    rc, output, records = _playbook_run(twin, tmp_path, str(playbook), forks=LANES,
                                        args=["-i", _localhost_inventory(tmp_path, lanes)])
    # every failure was expected (ignored or rescued)
    problems = [_writes_since(twin, before, records), "" if rc == 0 else output[-3000:]]
    by_task = dict((r["task"], r) for r in records if r["status"] != "skipped")
    for case in modules:
        record = by_task.get("case " + case["id"])
        if record is None or record["status"] != "failed":
            problems.append("%s: did not fail (%s)" % (
                case["id"], record and json.dumps(record["result"], default=str)[:600]))
            continue
        problem = _judge(case, _message(record["result"]))
        if problem:
            problems.append(problem)
    for case in roles:
        record = by_task.get("case " + case["id"])
        if record is None:
            problems.append("%s: the role ran without failing" % case["id"])
            continue
        failure = record["result"].get("ansible_failed_result") or {}
        if not failure.get("argument_errors"):
            problems.append("%s: did not fail in the role's argument specs: %s" % (
                case["id"], _message(failure)[:600]))
            continue
        problem = _judge(case, _message(failure))
        if problem:
            problems.append(problem)
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)
