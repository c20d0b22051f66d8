"""Shared helpers for the plan tests."""

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.model import build_plan
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.validate import (
    PlanValidationError)

BASE = {
    "name_prefix": "lab",
    "vcn_cidrs": ["10.0.0.0/16"],
    "vnet_cidrs": ["10.1.0.0/16", "10.2.0.0/24"],
}


def intent(scenario, **overrides):
    out = dict(BASE, scenario=scenario)
    if scenario == "fastconnect_expressroute":
        out["peering_location"] = "Washington DC"
        out["oci_region"] = "us-ashburn-1"
    out.update(overrides)
    return out


def plan_for(scenario, **overrides):
    return build_plan(intent(scenario, **overrides))


def errors_for(params):
    with pytest.raises(PlanValidationError) as info:
        build_plan(params)
    return info.value.errors
