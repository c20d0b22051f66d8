# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Running one of the collection's modules from an action plugin, as a task would run it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

try:  # ansible-core 2.19+
    from ansible.executor.module_common import _apply_action_arg_defaults
    get_action_args_with_defaults = None
except ImportError:  # ansible-core 2.16 - 2.18
    from ansible.executor.module_common import get_action_args_with_defaults
    _apply_action_arg_defaults = None

NS = "interconnect.oci_azure."


def run_module(action, name, args, task_vars, check=False):
    """Run the collection's module ``name`` with ``args`` from ``action`` (an ActionBase), the
    play's module_defaults (group/interconnect.oci_azure.oci|azure) applied as they would be to a
    task; ``check`` runs it in check mode whatever the play's mode. Returns its result."""
    fqcn = NS + name
    if _apply_action_arg_defaults is not None:
        merged = _apply_action_arg_defaults(fqcn, action._task, dict(args), action._templar)
    else:
        groups = action._task._parent._play._action_groups
        merged = get_action_args_with_defaults(fqcn, dict(args), action._task.module_defaults,
                                               action._templar, action_groups=groups)
    if not check:
        return action._execute_module(module_name=fqcn, module_args=merged, task_vars=task_vars)
    # _execute_module sets _ansible_check_mode from the task, whatever the args say: a read in
    # check mode needs the task in check mode while it runs
    saved = action._task.check_mode
    action._task.check_mode = True
    try:
        return action._execute_module(module_name=fqcn, module_args=merged, task_vars=task_vars)
    finally:
        action._task.check_mode = saved
