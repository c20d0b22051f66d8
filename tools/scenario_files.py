# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render every file that follows from the planner's design table.

The design table (plugins/module_utils/plan/designs.py) is the one list of scenarios. The files
Ansible needs as static text are rendered from it and from the interconnect role's argument spec
(the one description of each intent variable):

- roles/<scenario>/{meta/main.yml, meta/argument_specs.yml, tasks/main.yml, tasks/verify.yml,
  tasks/teardown.yml}: the published scenario roles, thin entry points to the interconnect role;
- molecule/<scenario>/molecule.yml: the role's Molecule scenario against the twin;
- the scenario choices in roles/interconnect/meta/argument_specs.yml and in the
  interconnect_plan module's documentation.

    python tools/scenario_files.py           # write them (make scenario-files)
    python tools/scenario_files.py --check   # exit 1 and show the difference when one is stale

tests/unit/plan/test_scenario_files.py runs the check, so a design added to the table without
rendering fails the unit tests.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import difflib
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, ".collections"))

from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import designs as D  # noqa: E402

RENDERED = ("# Rendered by tools/scenario_files.py from the design table (plugins/module_utils/plan/designs.py)\n"
            "# and the interconnect role's argument spec; edit those and run `make scenario-files`.\n")
ROLE_FILES = ("meta/main.yml", "meta/argument_specs.yml", "tasks/main.yml", "tasks/verify.yml",
              "tasks/teardown.yml")
INTERCONNECT_SPEC = os.path.join("roles", "interconnect", "meta", "argument_specs.yml")
PLAN_MODULE = os.path.join("plugins", "modules", "interconnect_plan.py")
ROUTING_TAGS = {"bgp": ["vpn", "bgp"], "static": ["vpn"], "fastconnect": ["fastconnect", "expressroute"]}
# Each scenario role entry point: the interconnect role's entry point it runs, its task name and
# (after main, whose description is the design's) its short description.
ENTRY_POINTS = (
    ("main", "deploy", "Plan, build and verify the {name} interconnect", None),
    ("verify", "verify", "Verify the {name} interconnect",
     "Verify the {name} interconnect from both clouds (no write)"),
    ("teardown", "teardown", "Tear down the {name} interconnect",
     "Remove what the {name} interconnect created, in the order the clouds need"),
)


class _Dumper(yaml.SafeDumper):
    """Block-style YAML whose one shared node (the options) is anchored as &options."""

    def increase_indent(self, flow=False, indentless=False):
        # indented sequences, as the collection's hand-written YAML (and yamllint) have them
        return super(_Dumper, self).increase_indent(flow, False)

    def generate_anchor(self, node):
        return "options"

    def ignore_aliases(self, data):
        return not isinstance(data, dict) or "interconnect_scenario" not in data


def _yaml(data):
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, width=100, default_flow_style=False,
                     allow_unicode=True)


def intent_options(root=ROOT):
    with open(os.path.join(root, INTERCONNECT_SPEC)) as handle:
        return yaml.safe_load(handle)["argument_specs"]["main"]["options"]


def role_options(name, intent):
    """The interconnect role's options that the design of ``name`` reads."""
    design = D.DESIGNS[name]
    options = {}
    for variable, spec in intent.items():
        option = variable[len("interconnect_"):]
        if variable == "interconnect_scenario":
            spec = {"type": "str", "choices": [name], "default": name,
                    "description": "The scenario; a host whose interconnect_scenario names another "
                                   "scenario fails here."}
        elif not D.option_applies(name, option):
            continue
        elif option in design.get("required", {}):
            spec = dict(spec, required=True)
        options[variable] = spec
    return options


def role_files(name, intent):
    """{relative path: text} of the scenario role ``name``."""
    design = D.DESIGNS[name]
    options = role_options(name, intent)
    specs = {}
    for entry, _target, _task, title in ENTRY_POINTS:
        specs[entry] = {"short_description": title.format(name=name) if title else design["title"]}
        if entry == "main":
            specs[entry]["description"] = [
                design["summary"],
                "Plans the interconnect, builds both clouds in the fast order and verifies it from "
                "both sides (artifacts/<host>/verify.json).",
            ]
        specs[entry]["options"] = options
    files = {
        "meta/argument_specs.yml": "---\n" + RENDERED + _yaml({"argument_specs": specs}),
        "meta/main.yml": "---\n" + RENDERED + _yaml({
            "galaxy_info": {
                "role_name": name, "namespace": "interconnect",
                "author": "interconnect.oci_azure maintainers",
                "description": "%s. %s" % (design["title"], design["summary"]),
                "license": "GPL-3.0-or-later", "min_ansible_version": "2.16",
                "platforms": [{"name": "GenericLinux", "versions": ["all"]}],
                "galaxy_tags": ["networking", "oci", "azure"] + ROUTING_TAGS[design["routing"]],
            },
            "dependencies": [],
        }),
    }
    for entry, target, task, _title in ENTRY_POINTS:
        path = "tasks/%s.yml" % entry
        files[path] = "---\n" + RENDERED + _yaml([{
            "name": task.format(name=name),
            "ansible.builtin.include_role": {"name": "interconnect.oci_azure.interconnect",
                                             "tasks_from": target},
            "vars": {"interconnect_scenario": name},
            "tags": ["always"],
        }])
    return files


def molecule_file(name):
    return ("---\n" + RENDERED +
            "# The %s role against a cloud twin of its own (delegated driver): create starts the twin,\n"
            "# converge runs the role on the twin inventory's %s host, idempotence runs it again, verify\n"
            "# checks that run made no write and that the interconnect verifies, destroy tears it down,\n"
            "# checks the twin holds nothing the run created and stops the twin. The playbooks are shared.\n"
            % (name, name) + _yaml({
                "dependency": {"name": "galaxy", "enabled": False},
                "driver": {"name": "default", "options": {"managed": True}},
                "platforms": [{"name": name, "groups": ["interconnects"]}],
                "provisioner": {
                    "name": "ansible",
                    "env": {"ANSIBLE_COLLECTIONS_PATH": "${MOLECULE_PROJECT_DIRECTORY}/.collections"},
                    "inventory": {"links": {"group_vars": "../../inventories/twin/group_vars/",
                                            "host_vars": "../../inventories/twin/host_vars/"}},
                    "playbooks": {step: "../shared/%s.yml" % step
                                  for step in ("create", "converge", "verify", "destroy")},
                },
                "scenario": {"test_sequence": ["create", "converge", "idempotence", "verify", "destroy"]},
            }))


def with_intent_choices(text):
    """roles/interconnect/meta/argument_specs.yml with the scenario choices of the table."""
    choices = "".join("          - %s\n" % name for name in D.scenarios())
    pattern = re.compile(r"(\n      interconnect_scenario:\n(?:        .*\n)*?        choices:\n)((?:          - .*\n)+)")
    if not pattern.search(text):
        raise SystemExit("%s: no interconnect_scenario choices block found" % INTERCONNECT_SPEC)
    return pattern.sub(lambda match: match.group(1) + choices, text, count=1)


def with_plan_choices(text):
    """The interconnect_plan module with its scenario option documented from the table."""
    lines = ["  scenario:\n", "    description:\n", "      - The interconnect design (plugins/module_utils/plan/designs.py, docs/scenarios/).\n"]
    lines += ["      - V(%s) %s.\n" % (name, D.DESIGNS[name]["title"]) for name in D.scenarios()]
    lines += ["    type: str\n", "    required: true\n", "    choices:\n"]
    lines += ["      - %s\n" % name for name in D.scenarios()]
    pattern = re.compile(r"\n  scenario:\n(?:    .*\n)+?(?=  name_prefix:\n)")
    if not pattern.search(text):
        raise SystemExit("%s: no scenario option found before name_prefix" % PLAN_MODULE)
    return pattern.sub(lambda match: "\n" + "".join(lines), text, count=1)


def expected(root=ROOT):
    """{path relative to root: text or None (must not exist)} for every rendered file."""
    intent = intent_options(root)
    files = {}
    for name in D.scenarios():
        for path, text in role_files(name, intent).items():
            files[os.path.join("roles", name, path)] = text
        files[os.path.join("molecule", name, "molecule.yml")] = molecule_file(name)
        # the recommendations that once lived in defaults/ equal the planner's defaults
        files[os.path.join("roles", name, "defaults", "main.yml")] = None
    for path, render in ((INTERCONNECT_SPEC, with_intent_choices), (PLAN_MODULE, with_plan_choices)):
        with open(os.path.join(root, path)) as handle:
            files[path] = render(handle.read())
    return files


def stale(root=ROOT):
    """[(path, current text or None, expected text or None)] for files that differ."""
    out = []
    for path, text in sorted(expected(root).items()):
        full = os.path.join(root, path)
        current = None
        if os.path.exists(full):
            with open(full) as handle:
                current = handle.read()
        if current != text:
            out.append((path, current, text))
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report stale files and exit 1; write nothing")
    parser.add_argument("--list", action="store_true", help="print the scenario names (one line) and exit")
    args = parser.parse_args(argv)
    if args.list:
        print(" ".join(D.scenarios()))
        return 0
    differences = stale()
    for path, current, text in differences:
        if args.check:
            sys.stdout.writelines(difflib.unified_diff((current or "").splitlines(True),
                                                       (text or "").splitlines(True), path, path))
            continue
        full = os.path.join(ROOT, path)
        if text is None:
            os.remove(full)
            if not os.listdir(os.path.dirname(full)):
                os.rmdir(os.path.dirname(full))
            print("removed", path)
        else:
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as handle:
                handle.write(text)
            print("wrote", path)
    if args.check and differences:
        print("\n%d file(s) are stale: run python tools/scenario_files.py" % len(differences))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
