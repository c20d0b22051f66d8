"""The planner follows cloud_rules: VLAN by the provider, AZ SKUs and zone-redundant IPs, FastPath
and ErGwScale scale units, ExpressRoute Local, peering locations by OCI region, the static-overlap
warning."""

import json

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.validate import PlanValidationError

from plan_helpers import errors_for, intent, plan_for


def test_fastconnect_plan_carries_no_vlan():
    plan = plan_for("fastconnect_expressroute")
    assert "vlan" not in json.dumps(plan["oci"]["virtual_circuit"])
    peering = plan["azure"]["expressroute_peering"]
    assert "vlan_id" not in peering and peering["provisioned_by"] == "provider"
    # the expected values verification compares the provider's peering with
    assert (peering["primary_peer_address_prefix"], peering["secondary_peer_address_prefix"],
            peering["peer_asn"]) == ("192.168.255.0/30", "192.168.255.4/30", 31898)
    assert plan["intent"]["vlan"] is None


def test_a_given_vlan_fails_planning_naming_it():
    errors = errors_for(intent("fastconnect_expressroute", vlan=100))
    assert [e for e in errors if e.startswith("vlan: ")] and "provider" in errors[0]


@pytest.mark.parametrize("sku", R.AZURE_VPN_SKUS_NO_CREATE)
def test_non_az_vpn_skus_are_refused_with_their_az_equivalent(sku):
    errors = errors_for(intent("vpn_single", gateway_sku=sku))
    assert any(e.startswith("gateway_sku: ") and (sku + "AZ") in e for e in errors)


def test_az_gateways_get_zone_redundant_standard_public_ips():
    plan = plan_for("vpn_bgp_active_active", gateway_sku="VpnGw2AZ")
    assert [(p["sku"], p["zones"]) for p in plan["azure"]["public_ips"]] == [
        ("Standard", ["1", "2", "3"])] * 2
    basic = plan_for("vpn_static_active_passive", gateway_sku="Basic", crypto_profile="azure-default")
    assert basic["azure"]["public_ips"][0]["zones"] == []
    er = plan_for("fastconnect_expressroute")
    assert er["azure"]["public_ips"][0]["zones"] == ["1", "2", "3"]
    ultra = plan_for("fastconnect_expressroute", expressroute_gateway_sku="UltraPerformance")
    assert ultra["azure"]["public_ips"][0]["zones"] == []


def test_ergwscale_with_fastpath_and_scale_units():
    plan = plan_for("fastconnect_expressroute", expressroute_gateway_sku="ErGwScale",
                    expressroute_gateway_min_scale_units=10, expressroute_gateway_max_scale_units=20)
    gw = plan["azure"]["virtual_network_gateway"]
    assert gw["auto_scale_configuration"] == {"bounds": {"min": 10, "max": 20}}
    assert plan["azure"]["connections"][0]["express_route_gateway_bypass"] is True
    # without FastPath fewer units are fine; max defaults to min
    plan = plan_for("fastconnect_expressroute", expressroute_gateway_sku="ErGwScale", fastpath=False,
                    expressroute_gateway_min_scale_units=2)
    assert plan["azure"]["virtual_network_gateway"]["auto_scale_configuration"] == {
        "bounds": {"min": 2, "max": 2}}
    assert plan_for("fastconnect_expressroute")["azure"]["virtual_network_gateway"][
        "auto_scale_configuration"] is None


def test_expressroute_local_needs_unlimited_data():
    plan = plan_for("fastconnect_expressroute", expressroute_sku_tier="Local",
                    expressroute_sku_family="UnlimitedData")
    assert plan["azure"]["expressroute_circuit"]["sku"]["name"] == "Local_UnlimitedData"
    with pytest.raises(PlanValidationError) as err:
        plan_for("fastconnect_expressroute", expressroute_sku_tier="Local")
    assert any(e.startswith("expressroute_sku_family: MeteredData") for e in err.value.errors)


def test_peering_location_is_checked_against_the_oci_region():
    plan = plan_for("fastconnect_expressroute", oci_region="eu-amsterdam-1", peering_location="Amsterdam2")
    assert plan["warnings"] == []
    errors = errors_for(intent("fastconnect_expressroute", oci_region="us-ashburn-1",
                               peering_location="Amsterdam2"))
    assert any(e.startswith("peering_location: 'Amsterdam2' is not paired with OCI region us-ashburn-1")
               and "'Washington DC'" in e for e in errors)
    # a pair added later: the override
    plan = plan_for("fastconnect_expressroute", oci_region="eu-marseille-1", peering_location="Marseille",
                    expressroute_peering_locations={"eu-marseille-1": ["Marseille"]})
    assert plan["azure"]["expressroute_circuit"]["paired_oci_region"] == "eu-marseille-1"
    # no region: planned, with a warning that the pair was not checked
    unchecked = plan_for("fastconnect_expressroute", oci_region=None)
    assert any(w.startswith("peering_location: 'Washington DC' not checked") for w in unchecked["warnings"])


def test_the_region_table_names_its_source_and_date():
    assert "read 2026-12-03" in R.ORACLE_AZURE_INTERCONNECT_SOURCE
    assert R.ORACLE_AZURE_INTERCONNECT["us-ashburn-1"]["peering_locations"][0] == "Washington DC"
    assert "ORACLE_AZURE_INTERCONNECT" in R.UNVERIFIED


@pytest.mark.parametrize("scenario", ["vpn_static_active_passive", "vpn_static_active_active"])
def test_static_designs_warn_that_backup_prefixes_overlap_the_primary(scenario):
    plan = plan_for(scenario)
    backup = plan["routing_detail"]["azure_backup_lng_prefixes"]
    primary = plan["routing_detail"]["azure_primary_lng_prefixes"]
    assert backup and primary
    assert any("overlap the primary's halves" in w and "vpn-gateway-highlyavailable" in w
               for w in plan["warnings"])
    assert not any("overlap" in w for w in plan_for("vpn_bgp_active_passive")["warnings"])
