# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: change_summary
type: aggregate
short_description: One change summary per interconnect at the end of a run (or a dry run)
version_added: 0.1.0
description:
  - Collects what each of this collection's resource modules did, or would do in check mode, for
    each host (one host is one interconnect), and prints one summary per interconnect when the
    playbook ends - C(create) with the resource's name, C(update) with each changed field as
    C(old -> new), C(delete), and how many resources were unchanged.
  - The values come from the modules' diffs, where secrets are already masked. A task that
    carries keys (C(no_log)) is listed with its changes hidden.
  - Enable it with C(callbacks_enabled = interconnect.oci_azure.change_summary) in ansible.cfg (the
    repository's does) or C(ANSIBLE_CALLBACKS_ENABLED=interconnect.oci_azure.change_summary) (for
    example in an AWX job template's environment).
requirements:
  - enabled in the callbacks list
"""

from ansible.plugins.callback import CallbackBase

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import get_path

PREFIX = "interconnect.oci_azure."
# Modules that read or plan: never a change to summarise
NOT_RESOURCES = ("_info", "interconnect_plan", "interconnect_verify", "interconnect_preflight",
                 "await_provisioning")
HIDDEN = "the task carries keys (no_log): changes hidden"


def _short(value):
    text = "%s" % (value,)
    return text if len(text) <= 60 else text[:57] + "..."


def resource_name(result):
    args = (result.get("invocation") or {}).get("module_args") or {}
    item = result.get("item")
    for key in ("name", "display_name", "id"):
        if args.get(key):
            return "%s" % args[key]
    if isinstance(item, dict):
        for key in ("name", "display_name"):
            if item.get(key):
                return "%s" % item[key]
    return "(unnamed)"


def entry(module, result):
    """(action, resource, details) of one module result, or None when it did not run."""
    if result.get("skipped") or result.get("failed"):
        return None
    if "censored" in result:
        return ("changed" if result.get("changed") else "unchanged", module, HIDDEN)
    name = "%s %s" % (module, resource_name(result))
    if not result.get("changed"):
        return ("unchanged", name, "")
    diff = result.get("diff") or {}
    before, after = diff.get("before"), diff.get("after")
    if before == {}:
        return ("create", name, "")
    if after == {}:
        return ("delete", name, "")
    fields = result.get("changed_fields") or []
    details = ["%s %s -> %s" % (path, _short(get_path(before, path)), _short(get_path(after, path)))
               for path in fields]
    return ("update", name, "; ".join(details))


def results_of(result):
    """The per-item results of a loop task, or the result itself."""
    if isinstance(result.get("results"), list):
        return [r for r in result["results"] if isinstance(r, dict)]
    return [result]


def render(host, entries, check_mode):
    counts = {}
    lines = ["%s: %s" % (host, "what a run would change (dry run)" if check_mode else "changes made")]
    for action, name, details in entries:
        counts[action] = counts.get(action, 0) + 1
        if action == "unchanged":
            continue
        lines.append("  %-9s %s%s" % (action, name, ": " + details if details else ""))
    totals = ", ".join("%d %s" % (counts[a], a) for a in ("create", "update", "delete", "changed", "unchanged")
                       if counts.get(a))
    lines.append("  " + (totals or "nothing ran"))
    return lines


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "interconnect.oci_azure.change_summary"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.entries = {}
        self.check_mode = False

    def _record(self, result):
        task = result._task
        action = task.action or ""
        if not action.startswith(PREFIX):
            return
        module = action[len(PREFIX):]
        if module.endswith("_info") or module in NOT_RESOURCES:
            return
        if getattr(task, "check_mode", False):
            self.check_mode = True
        host = result._host.get_name()
        for item in results_of(result._result):
            found = entry(module, item)
            if found is not None:
                self.entries.setdefault(host, []).append(found)

    def v2_runner_on_ok(self, result):
        self._record(result)

    def v2_playbook_on_stats(self, stats):
        for host in sorted(self.entries):
            self._display.display("\n".join(render(host, self.entries[host], self.check_mode)))
