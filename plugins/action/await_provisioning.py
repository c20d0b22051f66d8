# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for await_provisioning: waits for what another task started, with a heartbeat.

A module cannot print while it runs, so a module that waits 25-45 minutes for an Azure gateway
leaves the job silent (an AWX job looks hung). This action waits on the controller instead: it
reads the resource with the collection's info module, prints one line per ``interval`` with the
state and the time elapsed, and returns the last read when the resource is ready. It never writes
to either cloud. The documentation is in plugins/modules/await_provisioning.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import time

from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_virtual_circuit import (
    VC_FAILED_STATES,
    VC_WAIT_CONDITIONS,
    virtual_circuit_unmet,
)
from ansible_collections.interconnect.oci_azure.plugins.plugin_utils.module_runner import run_module

display = Display()

SPEC = dict(
    kind=dict(type="str", required=True,
              choices=["azure_virtual_network_gateway", "azure_connections", "oci_virtual_circuit"]),
    name=dict(type="str"),
    names=dict(type="list", elements="str"),
    virtual_network_gateway=dict(type="str"),
    resource_group=dict(type="str"),
    id=dict(type="str"),
    compartment_id=dict(type="str"),
    wait_for=dict(type="list", elements="str", default=["provisioned"], choices=VC_WAIT_CONDITIONS),
    timeout=dict(type="int", default=3600),
    interval=dict(type="float", default=60.0),
    poll_interval=dict(type="float"),
    label=dict(type="str"),
)
REQUIRED_IF = [
    ("kind", "azure_virtual_network_gateway", ["name", "resource_group"]),
    ("kind", "azure_connections", ["names", "virtual_network_gateway", "resource_group"]),
    ("kind", "oci_virtual_circuit", ["name", "id"], True),
]
# The first read follows the start at once; later ones back off to poll_interval.
FIRST_DELAY = 1.0
# poll_interval by default: the knob the cloud's modules use for such waits, else their default.
POLL_INTERVAL = {"azure": ("AZURE_POLLING_INTERVAL", 30.0), "oci": ("OCI_WAIT_MAX_INTERVAL", 10.0)}
# Module results that describe the module run, not the resource.
RUN_KEYS = ("invocation", "changed", "failed", "msg", "warnings", "deprecations", "_ansible_no_log")


class ReadFailed(Exception):
    """An info module's read failed (its message says why)."""


def duration(seconds):
    """754 -> '12m34s', 45 -> '45s', 3725 -> '1h02m05s'."""
    seconds = int(round(max(0.0, seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return "%dh%02dm%02ds" % (hours, minutes, seconds)
    if minutes:
        return "%dm%02ds" % (minutes, seconds)
    return "%ds" % seconds


class Kind(object):
    """How one kind of resource is read and judged.

    ``module``/``args(options)``: the info module and its arguments; ``found(result, options)``:
    {name: item} of what is awaited; ``state(item)``: the state the lines show; ``ready(item,
    options)``/``failed(item)``: whether the wait is over; ``keep(result, found)``: what the
    action returns of the last read (the keys later tasks use, as the module returns them)."""

    def __init__(self, what, module, args, found, state, ready, failed, keep, hint):
        self.cloud = module.split("_", 1)[0]
        self.what, self.module, self.args, self.found = what, module, args, found
        self.state, self.ready, self.failed, self.keep, self.hint = state, ready, failed, keep, hint


def _azure_state(item):
    return item.get("provisioning_state") or "unknown"


def _gateway_found(result, options):
    if not result.get("exists"):
        return {}
    return {options["name"]: result["virtual_network_gateway"]}


def _connections_found(result, options):
    listed = dict((c.get("name"), c) for c in result.get("connections") or [])
    return dict((name, listed[name]) for name in options["names"] if name in listed)


def _vc_found(result, options):
    circuits = result.get("virtual_circuits") or []
    if not circuits:
        return {}
    circuit = circuits[0]
    return {options["name"] or circuit.get("display_name") or options["id"]: circuit}


def _vc_state(item):
    return "%s (provider %s, BGP %s)" % (
        item.get("lifecycle_state"), item.get("provider_state"), item.get("bgp_session_state"))


KINDS = {
    "azure_virtual_network_gateway": Kind(
        what="virtual network gateway", module="azure_virtual_network_gateway_info",
        args=lambda o: dict(name=o["name"], resource_group=o["resource_group"], include=[]),
        found=_gateway_found, state=_azure_state,
        ready=lambda item, o: item.get("provisioning_state") == "Succeeded",
        failed=lambda item: item.get("provisioning_state") == "Failed",
        keep=lambda result, found: dict(exists=result.get("exists"),
                                        virtual_network_gateway=result.get("virtual_network_gateway")),
        hint="the gateway is started by the azure_virtual_network_gateway module with wait=false"),
    "azure_connections": Kind(
        what="connection", module="azure_virtual_network_gateway_info",
        args=lambda o: dict(name=o["virtual_network_gateway"], resource_group=o["resource_group"],
                            include=["connections"]),
        found=_connections_found, state=_azure_state,
        ready=lambda item, o: item.get("provisioning_state") == "Succeeded",
        failed=lambda item: item.get("provisioning_state") == "Failed",
        keep=lambda result, found: dict(connections=[found[name] for name in sorted(found)]),
        hint="the connections are started by the azure_connection module with wait=false"),
    "oci_virtual_circuit": Kind(
        what="virtual circuit", module="oci_virtual_circuit_info",
        args=lambda o: dict((key, o[key]) for key in ("id", "compartment_id") if o[key]) if o["id"]
        else dict((key, value) for key, value in (("display_name", o["name"]),
                                                  ("compartment_id", o["compartment_id"])) if value),
        found=_vc_found, state=_vc_state,
        ready=lambda item, o: not virtual_circuit_unmet(item, o["wait_for"]),
        failed=lambda item: item.get("lifecycle_state") in VC_FAILED_STATES,
        keep=lambda result, found: dict(virtual_circuit=list(found.values())[0]),
        hint="the circuit is started by the oci_virtual_circuit module with wait=false; for Azure, "
             "the ExpressRoute circuit must exist with its service key and bandwidth"),
}


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    def _read(self, kind, options, task_vars):
        result = run_module(self, kind.module, kind.args(options), task_vars)
        if result.get("failed"):
            raise ReadFailed("%s: %s" % (kind.module, result.get("msg") or result))
        return result, kind.found(result, options)

    def _line(self, label, kind, found, tail):
        items = ", ".join("'%s' %s" % (name, kind.state(found[name])) for name in sorted(found))
        what = kind.what if len(found) == 1 else kind.what + "s"
        text = "[%s] %s %s, %s" % (label, what, items, tail)
        display.display(text)
        return text

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        result["changed"] = False
        dummy, options = self.validate_argument_spec(argument_spec=SPEC, required_if=REQUIRED_IF)
        if options["interval"] <= 0 or options["timeout"] < 0 or (options["poll_interval"] or 1) <= 0:
            return dict(result, failed=True, msg="interval and poll_interval must be above 0 and timeout not below 0")
        kind = KINDS[options["kind"]]
        label = options["label"] or (task_vars or {}).get("inventory_hostname") or "localhost"
        wanted = options["names"] if options["kind"] == "azure_connections" else [options["name"] or options["id"]]
        interval, timeout = options["interval"], options["timeout"]
        poll_interval = options["poll_interval"]
        if poll_interval is None:
            variable, fallback = POLL_INTERVAL[kind.cloud]
            try:
                poll_interval = float(os.environ.get(variable) or fallback)
            except ValueError:
                poll_interval = fallback
        # each line is a fresh read: never fewer reads than lines
        poll_interval = max(0.05, min(poll_interval, interval))
        started = time.time()
        deadline = started + timeout
        line_due = None                # the first read makes the first line
        delay = min(FIRST_DELAY, poll_interval)
        polls = lines = 0
        while True:
            read_at = time.time()
            try:
                read, found = self._read(kind, options, task_vars)
            except ReadFailed as exc:
                return dict(result, failed=True, elapsed=round(read_at - started, 1), polls=polls,
                            heartbeats=lines, states={}, msg="reading the %s %s failed: %s" % (
                                kind.what, ", ".join(wanted), exc))
            polls += 1
            now = time.time()
            elapsed = now - started
            states = dict((name, kind.state(item)) for name, item in found.items())
            base = dict(result, elapsed=round(elapsed, 1), polls=polls, heartbeats=lines, states=states)
            missing = [name for name in wanted if name not in found]
            if missing and self._task.check_mode:
                # a dry run did not create it: nothing to wait for
                text = "[%s] %s %s not found: not awaited in check mode" % (
                    label, kind.what, ", ".join("'%s'" % name for name in missing))
                display.display(text)
                base.update(kind.keep(read, found) if found else {})
                return dict(base, awaited=False, msg=text)
            if missing:
                return dict(base, failed=True, msg="%s %s not found (%s)" % (
                    kind.what, ", ".join("'%s'" % name for name in missing), kind.hint))
            base.update(kind.keep(read, found))
            broken = sorted(name for name, item in found.items() if kind.failed(item))
            if broken:
                self._line(label, kind, found, "%s elapsed" % duration(elapsed))
                return dict(base, failed=True, msg="%s %s failed: %s" % (
                    kind.what, ", ".join("'%s'" % name for name in broken),
                    ", ".join("%s is %s" % (name, states[name]) for name in broken)))
            if all(kind.ready(item, options) for item in found.values()):
                text = self._line(label, kind, found, "ready after %s" % duration(elapsed))
                return dict(base, awaited=True, msg=text)
            if self._task.check_mode:
                text = self._line(label, kind, found, "not awaited in check mode")
                return dict(base, awaited=False, msg=text)
            if now >= deadline:
                return dict(base, failed=True, msg="timed out after %s waiting for the %s %s: %s" % (
                    duration(timeout), kind.what, ", ".join(wanted),
                    ", ".join("%s is %s" % (name, states[name]) for name in sorted(states))))
            # A read takes a while (a module run): the line goes with the read that ends nearest
            # to its time, at most half a read early or late.
            read_cost = now - read_at
            if line_due is None or now >= line_due - read_cost / 2:
                lines += 1
                self._line(label, kind, found, "%s elapsed (timeout %s)" % (duration(elapsed), duration(timeout)))
                line_due = now + interval
            wake = min(now + delay, line_due - read_cost, deadline)
            time.sleep(max(0.0, wake - time.time()))
            delay = min(delay * 2, poll_interval)
