# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The interconnect plan: address planning, crypto reconciliation and validation.

The logic lives here once; the ``interconnect_plan`` action plugin, the filters and the roles
all use it. Entry points:

* :func:`build_plan` (``model``) turns an intent into the plan dict or raises
  :class:`PlanValidationError` listing every problem;
* :func:`validate_intent` (``validate``) returns the problems without building;
* :func:`render_table` (``render``) prints a plan for people.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Callers import the submodules directly (model.build_plan, validate.validate_intent,
# render.render_table); nothing is imported here so that importing one submodule stays cheap.
