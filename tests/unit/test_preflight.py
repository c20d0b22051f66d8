"""Preflight's checks (module_utils/preflight.py) on what the read modules return: each names the
inventory variable to change, and adoption facts come out only for what fits."""

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils import preflight as P
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.model import build_plan

DRG = "ocid1.drg.oc1.iad.aaaaaaaahub"
OTHER = "ocid1.drg.oc1.iad.aaaaaaaaother"


def plan(scenario="vpn_bgp_active_active", **extra):
    intent = dict(scenario=scenario, name_prefix="t", vcn_cidrs=["10.10.0.0/16"], vnet_cidrs=["10.20.0.0/16"])
    intent.update(extra)
    return build_plan(intent)


def variables(findings):
    return [f.variable for f in P.errors(findings)]


def attachment(drg_id, name="user-attachment", state="ATTACHED"):
    return {"id": "ocid1.drgattachment.oc1..a", "drg_id": drg_id, "display_name": name,
            "lifecycle_state": state, "drg_route_table_id": "ocid1.drgroutetable.oc1..rt"}


def test_a_vcn_is_checked_for_its_declared_blocks():
    vcn = {"display_name": "hub", "cidr_blocks": ["10.10.0.0/16", "10.11.0.0/16"]}
    assert variables(P.vcn_findings(["10.11.0.0/16", "10.10.0.0/16"], vcn, "v")) == []
    assert variables(P.vcn_findings(["10.10.0.0/16"], vcn, "v")) == ["interconnect_vcn_cidrs"]
    assert variables(P.vcn_findings(["10.10.0.0/16"], None, "v")) == ["interconnect_vcn_id"]


@pytest.mark.parametrize("attached, existing, planned, wanted, adopted", [
    ([], None, None, [], False),
    ([attachment(DRG)], DRG, None, [], True),
    ([attachment(OTHER)], DRG, None, ["interconnect_drg_id"], False),
    ([attachment(OTHER)], None, None, ["interconnect_drg_id"], False),
    ([attachment(OTHER, name="t-drg-vcn")], None, OTHER, [], False),     # the run's own, re-run
    ([attachment(OTHER)], None, OTHER, [], True),
    ([attachment(OTHER, state="DETACHED")], DRG, None, [], False),
])
def test_the_vcn_attachment_decides_the_drg(attached, existing, planned, wanted, adopted):
    findings, adopt = P.attachment_findings(attached, existing, planned, "t-drg-vcn")
    assert variables(findings) == wanted
    assert (adopt is not None) == adopted
    if wanted:
        assert OTHER in P.errors(findings)[0].message    # the message names the DRG to use


def test_an_existing_drg_must_be_available():
    assert variables(P.drg_findings(None, DRG)) == ["interconnect_drg_id"]
    assert variables(P.drg_findings({"lifecycle_state": "TERMINATING"}, DRG)) == ["interconnect_drg_id"]
    assert variables(P.drg_findings({"lifecycle_state": "AVAILABLE"}, DRG)) == []


def test_ecmp_on_a_brought_table_needs_the_opt_in():
    ecmp_plan, table = plan(), {"display_name": "rt", "is_ecmp_enabled": False}
    assert variables(P.ecmp_findings(ecmp_plan, table, True, False)) == ["interconnect_existing_drg_ecmp"]
    assert variables(P.ecmp_findings(ecmp_plan, table, True, True)) == []
    assert P.ecmp_findings(ecmp_plan, dict(table, is_ecmp_enabled=True), True, False) == []
    assert P.ecmp_findings(ecmp_plan, table, False, False) == []      # the run's own DRG
    assert P.ecmp_findings(plan("vpn_single"), table, True, False) == []


def vnet_info(prefixes=("10.20.0.0/16",), gateway_subnet="10.20.255.0/27"):
    subnet = {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/GatewaySubnet",
              "name": "GatewaySubnet", "address_prefix": gateway_subnet} if gateway_subnet else {}
    return {"exists": True, "virtual_network": {"address_space": {"address_prefixes": list(prefixes)}},
            "gateway_subnet": subnet}


@pytest.mark.parametrize("info, wanted, levels", [
    (vnet_info(), [], {"ok"}),
    (vnet_info(prefixes=["10.21.0.0/16"]), ["interconnect_vnet_cidrs"], {"error", "ok"}),
    (vnet_info(gateway_subnet=None), ["interconnect_azure_vnet_name"], {"error"}),
    (vnet_info(gateway_subnet="10.20.255.0/30"), ["interconnect_azure_vnet_name"], {"error"}),
    (vnet_info(gateway_subnet="10.20.255.0/28"), [], {"warning"}),
    ({"exists": False}, ["interconnect_azure_vnet_name"], {"error"}),
])
def test_the_vnet_and_its_gateway_subnet(info, wanted, levels):
    findings = P.vnet_findings(["10.20.0.0/16"], info, "v")
    assert variables(findings) == wanted
    assert set(f.level for f in findings) == levels


def gateway(**overrides):
    subnet = vnet_info()["gateway_subnet"]["id"]
    body = {"name": "hub-vng", "gateway_type": "Vpn", "vpn_type": "RouteBased", "sku": {"name": "VpnGw2AZ"},
            "active_active": True, "enable_bgp": True, "provisioning_state": "Succeeded",
            "ip_configurations": [{"name": "default", "subnet": {"id": subnet}},
                                  {"name": "activeActive", "subnet": {"id": subnet}}],
            "bgp_settings": {"asn": 65515, "bgp_peering_addresses": []}}
    body.update(overrides)
    return body


def test_another_gateway_in_the_vnet_is_named_for_adoption():
    greenfield = plan()
    findings = P.vnet_gateway_findings(greenfield, [gateway()], "v")
    assert variables(findings) == ["interconnect_azure_gateway_name"]
    assert "interconnect_azure_gateway_name: hub-vng" in findings[0].message
    assert P.vnet_gateway_findings(greenfield, [gateway(gateway_type="ExpressRoute")], "v") == []


def test_a_brought_gateway_must_fit_the_design():
    brought = plan(azure_gateway_name="hub-vng")
    subnet = vnet_info()["gateway_subnet"]
    findings, additions = P.gateway_fit_findings(brought, gateway(), subnet, "v", add_apipa=False)
    # the tunnels' APIPA addresses are missing on both instances: an opt-in adds them
    assert variables(findings) == ["interconnect_azure_gateway_add_apipa"]
    assert sorted(additions) == ["activeActive", "default"]
    findings, additions = P.gateway_fit_findings(brought, gateway(), subnet, "v", add_apipa=True)
    assert variables(findings) == [] and additions
    cases = {
        "interconnect_scenario": gateway(active_active=False),
        "interconnect_azure_asn": gateway(bgp_settings={"asn": 65010}),
    }
    for wanted, body in cases.items():
        found, dummy = P.gateway_fit_findings(brought, body, subnet, "v", add_apipa=True)
        assert wanted in variables(found), (wanted, found)
    found, dummy = P.gateway_fit_findings(brought, gateway(gateway_type="ExpressRoute"), subnet, "v", True)
    assert variables(found) == ["interconnect_azure_gateway_name"]
    found, dummy = P.gateway_fit_findings(brought, None, subnet, "v", True)
    assert variables(found) == ["interconnect_azure_gateway_name"]


def test_a_gateway_with_the_apipa_addresses_needs_nothing_and_is_adopted_by_instance_order():
    brought = plan(azure_gateway_name="hub-vng")
    planned = brought["azure"]["virtual_network_gateway"]
    peerings = [{"ipconfiguration_id": ".../ipConfigurations/%s" % actual,
                 "custom_bgp_ip_addresses": list(conf["custom_bgp_ip_addresses"])}
                for conf, actual in zip(planned["ip_configurations"], ["default", "activeActive"])]
    body = gateway(bgp_settings={"asn": 65515, "bgp_peering_addresses": peerings})
    findings, additions = P.gateway_fit_findings(brought, body, vnet_info()["gateway_subnet"], "v", False)
    assert variables(findings) == [] and additions == {}
    adoption = P.gateway_adoption(planned, body, ["198.51.100.1", "198.51.100.2"])
    first, second = planned["ip_configurations"]
    assert adoption["public_ips"] == {first["public_ip"]: "198.51.100.1", second["public_ip"]: "198.51.100.2"}
    assert adoption["ip_configurations"] == {first["name"]: "default", second["name"]: "activeActive"}
