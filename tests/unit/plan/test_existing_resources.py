"""Bring your own: a DRG given by OCID and a gateway given by name replace what the plan would
create, everywhere the plan names them, and the plan's calls say so (``existing``)."""

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import designs as D
from plan_helpers import errors_for, intent, plan_for

DRG = "ocid1.drg.oc1.iad.aaaaaaaahubdrg"
VPN_SCENARIOS = [s for s in D.scenarios() if D.DESIGNS[s]["routing"] != "fastconnect"]


@pytest.mark.parametrize("scenario", D.scenarios())
def test_an_existing_drg_is_read_by_id_not_created(scenario):
    plan = plan_for(scenario, drg_id=DRG)
    assert plan["oci"]["drg"]["existing_id"] == DRG
    call = plan["module_args"]["drg"]
    assert call["args"] == {"id": DRG} and call["existing"] is True
    # everything else attaches to it through the DRG reference the run fills from that read
    assert plan["module_args"]["drg_attachment"]["args"]["drg_id"]["ref"]["kind"] == "drg"
    assert "existing" not in plan_for(scenario)["module_args"]["drg"]


@pytest.mark.parametrize("scenario", D.scenarios())
def test_an_existing_gateway_is_named_everywhere_and_plans_no_public_ips(scenario):
    greenfield = plan_for(scenario)
    plan = plan_for(scenario, azure_gateway_name="hub-vng")
    gateway = plan["azure"]["virtual_network_gateway"]
    assert gateway["name"] == "hub-vng" and gateway["existing"] is True
    assert plan["module_args"]["public_ips"] == []
    assert plan["module_args"]["virtual_network_gateway"]["existing"] is True
    assert plan["module_args"]["virtual_network_gateway"]["args"]["name"] == "hub-vng"
    for connection in plan["azure"]["connections"]:
        assert connection["virtual_network_gateway"] == "hub-vng"
    for call in plan["module_args"]["connections"]:
        assert call["args"]["virtual_network_gateway"] == "hub-vng"
    # the instances' public IPs keep their planned keys: the run fills them from the gateway
    assert [p["name"] for p in plan["azure"]["public_ips"]] == [p["name"] for p in greenfield["azure"]["public_ips"]]
    assert all(p["existing"] for p in plan["azure"]["public_ips"])
    # what the gateway must be is planned as before (the run checks the brought one against it)
    for key in ("gateway_type", "sku", "active_active", "enable_bgp", "bgp_settings"):
        assert gateway.get(key) == greenfield["azure"]["virtual_network_gateway"].get(key)


@pytest.mark.parametrize("scenario", VPN_SCENARIOS)
def test_the_cpes_still_take_the_instances_public_ips(scenario):
    plan = plan_for(scenario, azure_gateway_name="hub-vng")
    planned = [c["public_ip"] for c in plan["azure"]["virtual_network_gateway"]["ip_configurations"]]
    assert [c["args"]["ip_address"]["ref"]["name"] for c in plan["module_args"]["cpes"]] == planned


@pytest.mark.parametrize("value, fragment", [
    ("hub-drg", "is not an OCID"),
    ("ocid1.vcn.oc1.iad.aaaaaaaaexample", "the OCID of a vcn, not of a drg"),
])
def test_a_drg_must_be_given_by_its_ocid(value, fragment):
    errors = errors_for(intent("vpn_single", drg_id=value))
    assert any(e.startswith("drg_id:") and fragment in e for e in errors), errors


@pytest.mark.parametrize("name", ["-vng", "vng.", "a" * 81, "vng with space"])
def test_a_gateway_name_must_be_an_azure_name(name):
    errors = errors_for(intent("vpn_single", azure_gateway_name=name))
    assert any(e.startswith("azure_gateway_name:") for e in errors), errors


@pytest.mark.parametrize("name", ["v", "hub_vng_", "hub.vng-01", "a" * 80])
def test_valid_gateway_names_pass(name):
    assert plan_for("vpn_single", azure_gateway_name=name)["azure"]["virtual_network_gateway"]["name"] == name


@pytest.mark.parametrize("scenario", [s for s in VPN_SCENARIOS if D.DESIGNS[s]["routing"] == "bgp"])
def test_a_brought_gateway_gets_its_apipa_pins_by_reference(scenario):
    """The brought gateway names its IP configurations its own way: the pins refer to the plan's
    names and the run fills the gateway's, by instance order."""
    plan = plan_for(scenario, azure_gateway_name="hub-vng")
    planned = [c["name"] for c in plan["azure"]["virtual_network_gateway"]["ip_configurations"]]
    for call in plan["module_args"]["connections"]:
        pins = call["args"]["gateway_custom_bgp_ip_addresses"]
        assert [p["ip_configuration"]["ref"]["name"] for p in pins] == planned
        assert all(p["ip_configuration"]["ref"]["kind"] == "gateway_ip_configuration" for p in pins)
    for call in plan_for(scenario)["module_args"]["connections"]:
        assert all(isinstance(p["ip_configuration"], str) for p in call["args"]["gateway_custom_bgp_ip_addresses"])
