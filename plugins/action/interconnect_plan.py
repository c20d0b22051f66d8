# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for interconnect_plan: plans an interconnect on the controller.

Nothing touches either cloud. The documentation is in plugins/modules/interconnect_plan.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import tempfile

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import diagram
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import psk
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import spec as S
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.model import build_plan
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.render import render_table
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.validate import (
    PlanValidationError, validate_intent)
from ansible_collections.interconnect.oci_azure.plugins.plugin_utils import inventory_variables

display = Display()


def _write_atomically(path, text):
    directory = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(prefix=".plan-", dir=directory)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except Exception:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        result["changed"] = False

        raw = dict(self._task.args)
        action_raw = dict((k, raw.pop(k)) for k in list(raw) if k in S.ACTION_SPEC)
        action_validated = ArgumentSpecValidator(S.ACTION_SPEC).validate(action_raw)
        errors = []
        for err in action_validated.errors:
            errors.extend(S.format_spec_error(err))
        options = action_validated.validated_parameters
        if options.get("check_variables"):
            # before anything else runs: a misspelled optional variable is otherwise ignored
            errors.extend(inventory_variables.error_lines(inventory_variables.unknown_variables(
                inventory_variables.host_variable_names(task_vars))))

        try:
            intent_errors, warnings = validate_intent(raw)[1:]
            errors.extend(intent_errors)
            if errors:
                raise PlanValidationError(errors, warnings)
            plan = build_plan(raw)
        except PlanValidationError as exc:
            result.update(failed=True, errors=exc.errors,
                          msg="interconnect plan rejected, %d problem(s): %s"
                              % (len(exc.errors), "; ".join(exc.errors)))
            if exc.warnings:
                result["warnings"] = exc.warnings
            return result
        except ImportError as exc:
            result.update(failed=True, errors=[str(exc)], msg=str(exc))
            return result

        secret_values = [v for v in (raw.get("shared_secrets") or []) + [raw.get("secret_seed")]
                         if v]
        keys = psk.keys_for(plan, raw) if options["include_secrets"] else {}
        plan_json = json.dumps(plan, indent=2)
        for value in secret_values + list(keys.values()):
            # the plan holds references only; refuse to show or write one that holds a key
            if json.dumps(value) in plan_json:
                result.update(failed=True, msg="refusing to return a plan that contains a key")
                return result

        text = render_table(plan)
        result["plan"] = plan
        result["table"] = text
        if plan["warnings"]:
            result["warnings"] = list(plan["warnings"])
        if options["format"] == "table":
            display.display(text)

        if options["output_dir"]:
            out = options["output_dir"]
            os.makedirs(out, exist_ok=True)
            json_path = os.path.join(out, "plan.json")
            _write_atomically(json_path, plan_json + "\n")
            _write_atomically(os.path.join(out, "plan.txt"), text + "\n")
            topology = os.path.join(out, "topology.md")
            _write_atomically(topology, diagram.render_markdown(plan))
            result["topology_file"] = topology
            result["plan_file"] = json_path

        if options["include_secrets"]:
            result["shared_secrets"] = keys
            # the whole result is censored in output; a registered variable keeps the keys
            result["_ansible_no_log"] = True
        return result
