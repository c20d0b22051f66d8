"""The design table is the one list of scenarios: the files Ansible needs as static text are
rendered from it (tools/scenario_files.py) and match; every other place that needs the list reads
it; each design has the things a scenario is made of (an inventory host, a doc page)."""

import importlib.util
import os
import re
import subprocess

import pytest
import yaml

from ansible_collections.interconnect.oci_azure.plugins.lookup import scenarios as lookup_scenarios
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import constants as C
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import designs as D
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import spec as S

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
_SPEC = importlib.util.spec_from_file_location("scenario_files", os.path.join(ROOT, "tools", "scenario_files.py"))
scenario_files = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(scenario_files)
# intent variables of the interconnect role that are the role's own, not planner options
ROLE_ONLY = {"scenario", "name", "oci_compartment_id", "vcn_id", "azure_resource_group",
             "azure_vnet_name", "azure_location", "create_networks", "artifacts_dir",
             "verify_retries", "verify_delay", "gateway_wait_timeout", "wait_heartbeat", "tunnel_overrides",
             "fastconnect_overrides", "existing_drg_ecmp", "azure_gateway_add_apipa"}


def test_rendered_files_are_current():
    stale = [path for path, _current, _text in scenario_files.stale()]
    assert stale == [], "run python tools/scenario_files.py (make scenario-files); stale: %s" % stale


def test_a_new_row_in_the_table_makes_the_rendered_files_stale(monkeypatch):
    row = dict(D.DESIGNS["vpn_single"], title="A design the table gained")
    monkeypatch.setitem(D.DESIGNS, "vpn_new_design", row)
    stale = {path for path, _current, _text in scenario_files.stale()}
    assert os.path.join("roles", "vpn_new_design", "tasks", "main.yml") in stale
    assert os.path.join("molecule", "vpn_new_design", "molecule.yml") in stale
    assert scenario_files.INTERCONNECT_SPEC in stale and scenario_files.PLAN_MODULE in stale


def test_the_check_command_fails_on_a_stale_file(tmp_path, monkeypatch):
    monkeypatch.setitem(D.DESIGNS["vpn_single"], "title", "Another title")
    assert scenario_files.main(["--check"]) == 1


def test_constants_and_the_plan_module_follow_the_table():
    assert C.SCENARIOS == tuple(D.DESIGNS)
    assert set(C.VPN_SCENARIOS) == {name for name, d in D.DESIGNS.items() if d["routing"] != "fastconnect"}
    assert set(C.ACTIVE_ACTIVE_SCENARIOS) == {name for name, d in D.DESIGNS.items() if d["vng_instances"] == 2}
    assert S.ARGUMENT_SPEC["scenario"]["choices"] == list(D.DESIGNS)


@pytest.mark.parametrize("scenario", D.scenarios())
def test_each_design_has_an_inventory_host_a_doc_page_and_a_role(scenario):
    with open(os.path.join(ROOT, "inventories", "twin", "hosts.yml")) as handle:
        hosts = yaml.safe_load(handle)["all"]["children"]["interconnects"]["hosts"]
    assert scenario in hosts
    with open(os.path.join(ROOT, "inventories", "twin", "host_vars", scenario + ".yml")) as handle:
        assert yaml.safe_load(handle)["interconnect_scenario"] == scenario
    assert os.path.exists(os.path.join(ROOT, "docs", "scenarios", scenario + ".md"))
    assert os.path.isdir(os.path.join(ROOT, "roles", scenario))


def test_the_twin_inventory_has_no_host_without_a_design():
    with open(os.path.join(ROOT, "inventories", "twin", "hosts.yml")) as handle:
        hosts = yaml.safe_load(handle)["all"]["children"]["interconnects"]["hosts"]
    assert set(hosts) == set(D.DESIGNS)


def test_every_scenario_role_is_in_the_table():
    roles = {name for name in os.listdir(os.path.join(ROOT, "roles"))
             if os.path.exists(os.path.join(ROOT, "roles", name, "tasks", "main.yml"))
             and "Rendered by tools/scenario_files.py" in open(os.path.join(ROOT, "roles", name, "tasks", "main.yml")).read()}
    assert roles == set(D.DESIGNS)


def test_option_routings_name_planner_options_and_real_routings():
    routings = {d["routing"] for d in D.DESIGNS.values()}
    for option, where in D.OPTION_ROUTINGS.items():
        assert option in S.ARGUMENT_SPEC or option in ROLE_ONLY, option
        assert set(where) <= routings, option
    for design in D.DESIGNS.values():
        for option in design.get("required", {}):
            assert option in S.ARGUMENT_SPEC, option


def test_every_intent_variable_is_a_planner_option_or_the_roles_own():
    for variable in scenario_files.intent_options():
        option = variable[len("interconnect_"):]
        assert option in S.ARGUMENT_SPEC or option in ROLE_ONLY or option == "name", variable


def test_a_role_documents_only_what_its_design_reads():
    intent = scenario_files.intent_options()
    static = scenario_files.role_options("vpn_static_active_passive", intent)
    bgp = scenario_files.role_options("vpn_bgp_active_active", intent)
    fastconnect = scenario_files.role_options("fastconnect_expressroute", intent)
    assert "interconnect_apipa_pool" in bgp and "interconnect_apipa_pool" not in static
    assert "interconnect_crypto_profile" in static and "interconnect_crypto_profile" not in fastconnect
    assert "interconnect_peering_location" not in bgp
    assert fastconnect["interconnect_peering_location"]["required"] is True
    assert fastconnect["interconnect_scenario"]["choices"] == ["fastconnect_expressroute"]


def test_the_planner_refuses_a_design_without_its_required_option():
    from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.validate import validate_intent
    params = {"scenario": "fastconnect_expressroute", "name_prefix": "lab", "vcn_cidrs": ["10.0.0.0/16"],
              "vnet_cidrs": ["10.1.0.0/16"]}
    _normalised, errors, _warnings = validate_intent(params)
    assert any(e.startswith("peering_location: required for fastconnect_expressroute") for e in errors), errors


def test_the_lookup_returns_the_table():
    lookup = lookup_scenarios.LookupModule()
    assert lookup.run([], {}) == list(D.scenarios())
    assert lookup.run(["static"], {}) == list(C.STATIC_VPN_SCENARIOS)
    with pytest.raises(Exception, match="unknown routing"):
        lookup.run(["ospf"], {})


def _tracked_files():
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_no_other_file_keeps_its_own_list_of_every_scenario():
    """A hand-kept list shows as all scenario names within a few lines of code (docs and the
    twin inventory, one host per design, are where listing them is the point)."""
    rendered = set(scenario_files.expected())
    allowed = {"plugins/module_utils/plan/designs.py", "inventories/twin/hosts.yml", "changelogs/changelog.yaml"}
    names = list(D.DESIGNS)
    offenders = []
    for path in _tracked_files():
        if path in rendered or path in allowed or path.endswith((".md", ".rst")) or path.startswith("changelogs/"):
            continue
        full = os.path.join(ROOT, path)
        try:
            with open(full) as handle:
                lines = handle.read().splitlines()
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue
        window = 12
        for start in range(0, max(1, len(lines) - window + 1)):
            chunk = "\n".join(lines[start:start + window])
            if all(re.search(r"\b%s\b" % name, chunk) for name in names):
                offenders.append("%s:%d" % (path, start + 1))
                break
    assert offenders == [], offenders
