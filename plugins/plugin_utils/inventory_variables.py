# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``interconnect_*`` variables a host may set, and the closest one to a name it may not.

A misspelled optional variable (``interconnect_azur_asn``) would otherwise be silently ignored:
the roles read ``interconnect_azure_asn | default(...)``. The valid names are not kept here; they
are read from what already documents them, in the installed collection:

* every option of every role's ``meta/argument_specs.yml`` (all entry points) that starts with
  ``interconnect_``, and every such key of a role's ``defaults/main.yml``;
* every planner option (``module_utils/plan/spec.py`` INTENT_SPEC) as ``interconnect_<option>``
  (``name_prefix`` as ``interconnect_name``): the plan task passes each one on, and the planner
  refuses some by name with its own reason (``interconnect_vlan``).

The collection's own tasks also set ``interconnect_*`` facts while they run (``register`` and
``set_fact``, e.g. ``interconnect_plan_result``); a later play of the same run sees them among the
host's variables, so they are tolerated there, but never offered as a suggestion: setting one in
the inventory has no effect.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib
import glob
import os

import yaml

from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import spec as S

PREFIX = "interconnect_"
# The planner option each differently named variable stands for (roles/interconnect/tasks/plan.yml).
RENAMED = {"name_prefix": "interconnect_name"}
SET_FACT = ("set_fact", "ansible.builtin.set_fact", "ansible.legacy.set_fact")


def collection_root():
    """The directory of the installed collection (the one holding roles/ and playbooks/)."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _load(path):
    with open(path) as handle:
        return yaml.safe_load(handle) or {}


_CACHE = {}


def valid_names(root=None):
    """Every ``interconnect_*`` variable a role documents or defaults, and every planner option
    as its variable; sorted."""
    root = root or collection_root()
    key = ("valid", root)
    if key not in _CACHE:
        names = set(RENAMED.get(option, PREFIX + option) for option in S.INTENT_SPEC)
        for path in glob.glob(os.path.join(root, "roles", "*", "meta", "argument_specs.yml")):
            for entry in (_load(path).get("argument_specs") or {}).values():
                names.update(n for n in (entry or {}).get("options") or {} if n.startswith(PREFIX))
        for path in glob.glob(os.path.join(root, "roles", "*", "defaults", "main.yml")):
            names.update(n for n in _load(path) if n.startswith(PREFIX))
        _CACHE[key] = sorted(names)
    return _CACHE[key]


def _set_names(node, out):
    """The names ``register`` and ``set_fact`` assign anywhere in a task file's data."""
    if isinstance(node, dict):
        registered = node.get("register")
        if isinstance(registered, str):
            out.add(registered)
        for action in SET_FACT:
            if isinstance(node.get(action), dict):
                out.update(node[action])
        for value in node.values():
            _set_names(value, out)
    elif isinstance(node, list):
        for value in node:
            _set_names(value, out)


def run_time_names(root=None):
    """The ``interconnect_*`` facts the collection's tasks and playbooks set while they run."""
    root = root or collection_root()
    key = ("run_time", root)
    if key not in _CACHE:
        names = set()
        for path in (glob.glob(os.path.join(root, "roles", "*", "tasks", "*.yml"))
                     + glob.glob(os.path.join(root, "playbooks", "*.yml"))):
            _set_names(_load(path), names)
        _CACHE[key] = sorted(n for n in names if n.startswith(PREFIX))
    return _CACHE[key]


def unknown_variables(names, valid=None, tolerated=None):
    """[(name, closest valid name or None)] for every ``interconnect_*`` name in ``names`` that
    is neither valid nor a run-time fact of the collection, in sorted order."""
    valid = valid_names() if valid is None else valid
    tolerated = run_time_names() if tolerated is None else tolerated
    known = set(valid) | set(tolerated)
    out = []
    for name in sorted(set(n for n in names if str(n).startswith(PREFIX))):
        if name in known:
            continue
        # compared without the prefix every name shares, which would make any name look close
        close = difflib.get_close_matches(name[len(PREFIX):], [v[len(PREFIX):] for v in valid],
                                          n=1, cutoff=0.6)
        out.append((name, PREFIX + close[0] if close else None))
    return out


def error_lines(unknown):
    """One line per unknown variable, the variable first (as the plan's other errors)."""
    lines = []
    for name, close in unknown:
        hint = ("did you mean %s?" % close) if close else (
            "no variable of the collection is close; docs/inventory.md lists them")
        lines.append("%s: not a variable of interconnect.oci_azure (nothing reads it), %s"
                     % (name, hint))
    return lines


def host_variable_names(task_vars):
    """The names of the host's own variables: inventory (host and group), host_vars/group_vars
    files, extra vars and facts, without play, role or task variables (``hostvars`` holds those
    that belong to the host; role defaults are not among them)."""
    task_vars = task_vars or {}
    hostvars = task_vars.get("hostvars")
    host = task_vars.get("inventory_hostname")
    if hostvars is None or host is None:
        return []
    raw_get = getattr(hostvars, "raw_get", None)
    own = raw_get(host) if raw_get is not None else hostvars.get(host)
    return list(own) if hasattr(own, "keys") else []
