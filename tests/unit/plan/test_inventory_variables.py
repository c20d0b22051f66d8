"""The check of a host's interconnect_* variables (plugins/plugin_utils/inventory_variables.py):
its list of valid names comes from the roles' argument specs and defaults and the planner's spec,
covers every interconnect_* name the roles and playbooks read, and a misspelling fails with the
closest valid name before the plan is built."""

import glob
import os
import re

import yaml

from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import spec as S
from ansible_collections.interconnect.oci_azure.plugins.plugin_utils import inventory_variables as IV

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
# a variable read: interconnect_<name> not preceded by "." (interconnect.oci_azure.interconnect_plan
# is a module) nor by a word character
READ = re.compile(r"(?<![\w.])interconnect_[a-z0-9_]+")


def _files(*patterns):
    out = []
    for pattern in patterns:
        out.extend(glob.glob(os.path.join(ROOT, pattern), recursive=True))
    return sorted(out)


def _task_local(node, out):
    """Names a task or block binds for itself (its ``vars:``): they never reach hostvars."""
    if isinstance(node, dict):
        if isinstance(node.get("vars"), dict):
            out.update(node["vars"])
        for value in node.values():
            _task_local(value, out)
    elif isinstance(node, list):
        for value in node:
            _task_local(value, out)


def test_the_valid_names_come_from_the_argument_specs_defaults_and_the_planner():
    valid = set(IV.valid_names(ROOT))
    for path in _files("roles/*/meta/argument_specs.yml"):
        with open(path) as handle:
            for entry in yaml.safe_load(handle)["argument_specs"].values():
                assert set(n for n in entry.get("options") or {} if n.startswith("interconnect_")) <= valid, path
    for option in S.INTENT_SPEC:
        assert ("interconnect_name" if option == "name_prefix" else "interconnect_" + option) in valid
    # the planner refuses interconnect_vlan by name with its own reason: known, not "unknown"
    assert "interconnect_vlan" in valid
    # the collection resolves the same list installed (no path given)
    assert IV.valid_names() == IV.valid_names(ROOT)


def test_every_interconnect_name_read_in_roles_and_playbooks_is_known_to_the_check():
    files = _files("roles/**/*.yml", "playbooks/**/*.yml")
    read = {}
    local = set()
    for path in files:
        with open(path) as handle:
            text = handle.read()
        for name in READ.findall(text):
            read.setdefault(name, os.path.relpath(path, ROOT))
        if "/tasks/" in path or "/playbooks/" in path:
            _task_local(yaml.safe_load(text), local)
    known = set(IV.valid_names(ROOT)) | set(IV.run_time_names(ROOT))
    unknown = dict((name, where) for name, where in read.items() if name not in known | local)
    assert not unknown, ("read by the roles or playbooks but unknown to the check (document them in "
                         "the role's meta/argument_specs.yml): %s" % unknown)
    # the names the check tolerates as run-time facts are facts the tasks really set
    assert {"interconnect_plan", "interconnect_plan_result", "interconnect_plan_secrets"} <= set(
        IV.run_time_names(ROOT))
    # task-local names are not inputs: one set in the inventory is reported, not tolerated
    for name in local & set(read):
        if name not in known:
            assert IV.unknown_variables([name], IV.valid_names(ROOT), IV.run_time_names(ROOT))


def test_the_repositorys_inventories_and_catalogue_bases_use_only_valid_names():
    names = set()
    for path in _files("inventories/**/*.yml"):
        with open(path) as handle:
            names.update(READ.findall(handle.read()))
    with open(os.path.join(ROOT, "tests", "integration", "bad_input_cases.yml")) as handle:
        for base in yaml.safe_load(handle)["bases"].values():
            names.update(base)
    assert len(names) > 10
    assert IV.unknown_variables(names) == []


def test_a_misspelling_names_the_closest_valid_variable():
    found = IV.unknown_variables(["interconnect_azur_asn", "interconnect_vnet_cidr",
                                  "interconnect_secret_polcy", "interconnect_zzzz",
                                  "interconnect_azure_asn", "interconnect_plan_result", "ansible_host"])
    assert found == [("interconnect_azur_asn", "interconnect_azure_asn"),
                     ("interconnect_secret_polcy", "interconnect_shared_secret_policy"),
                     ("interconnect_vnet_cidr", "interconnect_vnet_cidrs"),
                     ("interconnect_zzzz", None)]
    lines = IV.error_lines(found)
    assert lines[0].startswith("interconnect_azur_asn: ")
    assert "did you mean interconnect_azure_asn?" in lines[0]
    assert "docs/inventory.md" in lines[3]


def test_a_task_local_name_set_in_the_inventory_is_reported_with_the_input_it_stands_for():
    # plan.yml binds interconnect_secret_policy for its task from interconnect_shared_secret_policy:
    # set in the inventory it would be overridden, so the check names the input
    assert IV.unknown_variables(["interconnect_secret_policy"]) == [
        ("interconnect_secret_policy", "interconnect_shared_secret_policy")]


class _HostVars(object):
    def __init__(self, hosts):
        self.hosts = hosts

    def raw_get(self, host):
        return self.hosts[host]


def test_the_hosts_own_variables_are_read_from_hostvars():
    task_vars = {"inventory_hostname": "h1", "interconnect_from_role_default": 1,
                 "hostvars": _HostVars({"h1": {"interconnect_azur_asn": 65010, "ansible_host": "x"},
                                        "h2": {"interconnect_other": 1}})}
    assert sorted(IV.host_variable_names(task_vars)) == ["ansible_host", "interconnect_azur_asn"]
    assert IV.host_variable_names({}) == []


def test_the_plan_action_fails_with_the_variable_before_writing_anything(tmp_path, monkeypatch):
    from ansible.plugins.action import ActionBase

    from ansible_collections.interconnect.oci_azure.plugins.action.interconnect_plan import ActionModule

    class Task(object):
        args = {"scenario": "vpn_single", "name_prefix": "lab", "vcn_cidrs": ["10.0.0.0/16"],
                "vnet_cidrs": ["10.1.0.0/16"], "output_dir": str(tmp_path / "out"), "check_variables": True}

    monkeypatch.setattr(ActionBase, "run", lambda self, tmp=None, task_vars=None: {})
    action = ActionModule.__new__(ActionModule)
    action._task = Task()
    task_vars = {"inventory_hostname": "h1",
                 "hostvars": _HostVars({"h1": {"interconnect_azur_asn": 65010, "interconnect_name": "lab"}})}
    result = action.run(task_vars=task_vars)
    assert result["failed"]
    assert result["errors"] == ["interconnect_azur_asn: not a variable of interconnect.oci_azure (nothing "
                                "reads it), did you mean interconnect_azure_asn?"]
    assert not (tmp_path / "out").exists()
    # without the option (a direct use of the module) the host's variables are not looked at
    Task.args = dict(Task.args, check_variables=False)
    assert not action.run(task_vars=task_vars).get("failed")
    assert (tmp_path / "out" / "plan.json").exists()
