"""Modules end to end against a scripted client: argument validation fails before any write,
check mode predicts without writing, immutables are named, a converged resource makes no write."""

import oci
import pytest

from ansible_collections.interconnect.oci_azure.plugins.modules import (
    oci_cpe, oci_drg, oci_drg_route_table, oci_ipsec_connection, oci_vcn, oci_virtual_circuit,
)

from oci_unit_helpers import FakeClient, service_error

M = oci.core.models
COMPARTMENT = "ocid1.compartment.oc1..c"
DRG = "ocid1.drg.oc1..d"
CPE = "ocid1.cpe.oc1..p"


def vcn(**kw):
    base = dict(id="ocid1.vcn.oc1..v", compartment_id=COMPARTMENT, display_name="hub",
                cidr_blocks=["10.0.0.0/16"], dns_label="hub", lifecycle_state="AVAILABLE")
    base.update(kw)
    return M.Vcn(**base)


def fails(result, *fragments):
    assert result.get("failed") is True, result
    for fragment in fragments:
        assert fragment in result["msg"], result["msg"]


@pytest.mark.parametrize("args, fragments", [
    ({"display_name": "hub", "cidr_blocks": ["10.0.0.0/16", "10.0.128.0/17"]}, ["overlaps"]),
    ({"display_name": "hub", "cidr_blocks": ["10.0.0.1/16"]}, ["not an IPv4 CIDR"]),
    ({"display_name": "hub", "cidr_blocks": ["10.0.0.0/8"]}, ["between /16 and /30"]),
    ({"display_name": "hub", "cidr_blocks": ["10.0.0.0/16"], "dns_label": "1hub"}, ["dns_label"]),
])
def test_vcn_input_is_checked_before_any_call(run_module, args, fragments):
    result, client = run_module(oci_vcn, dict(args, compartment_id=COMPARTMENT), FakeClient())
    fails(result, "Invalid input", *fragments)
    assert client.calls == []


def test_required_one_of_is_enforced_by_the_argument_spec(run_module):
    result, client = run_module(oci_drg, {"compartment_id": COMPARTMENT}, FakeClient())
    fails(result, "one of the following is required: id, display_name")
    assert client.calls == []


def test_choices_are_enforced(run_module):
    result, client = run_module(oci_ipsec_connection, {
        "display_name": "vpn", "compartment_id": COMPARTMENT,
        "tunnels": [{"routing": "OSPF"}]}, FakeClient())
    fails(result, "routing")
    assert client.calls == []


def test_create_needs_its_required_options_and_fails_before_writing(run_module):
    client = FakeClient(list_vcns=[[]])
    result, dummy = run_module(oci_vcn, {"display_name": "hub", "compartment_id": COMPARTMENT}, client)
    fails(result, "cidr_blocks is required to create the VCN 'hub'")
    assert client.writes() == []


def test_compartment_is_required_to_find_by_name(run_module, monkeypatch):
    monkeypatch.delenv("OCI_COMPARTMENT_ID", raising=False)
    result, client = run_module(oci_drg, {"display_name": "hub"}, FakeClient())
    fails(result, "compartment_id is required")


def test_check_mode_predicts_a_create_without_writing(run_module):
    client = FakeClient(list_drgs=[[]])
    result, dummy = run_module(oci_drg, {"display_name": "hub", "compartment_id": COMPARTMENT,
                                         "freeform_tags": {"env": "test"}}, client, check_mode=True)
    assert result["changed"] is True
    assert result["drg"]["display_name"] == "hub" and result["drg"]["freeform_tags"] == {"env": "test"}
    assert result["diff"]["before"] == {}
    assert client.writes() == []


def test_converged_resource_makes_no_write(run_module):
    client = FakeClient(list_vcns=[[vcn()]])
    result, dummy = run_module(oci_vcn, {"display_name": "hub", "compartment_id": COMPARTMENT,
                                         "cidr_blocks": ["10.0.0.0/16"], "dns_label": "hub"}, client)
    assert result["changed"] is False and client.writes() == []
    assert result["vcn"]["id"] == "ocid1.vcn.oc1..v"


def test_immutable_change_is_refused_and_named(run_module):
    client = FakeClient(list_vcns=[[vcn()]])
    result, dummy = run_module(oci_vcn, {"display_name": "hub", "compartment_id": COMPARTMENT,
                                         "cidr_blocks": ["10.1.0.0/16"]}, client)
    fails(result, "cidr_blocks cannot be changed in place", "replace=true")
    assert client.writes() == []


def test_replace_deletes_and_recreates(run_module, no_sleep):
    client = FakeClient(
        list_vcns=[[vcn()]],
        delete_vcn=[None],
        get_vcn=[service_error(404, "NotAuthorizedOrNotFound")]
        + [vcn(id="ocid1.vcn.oc1..n", cidr_blocks=["10.1.0.0/16"])] * 3,
        create_vcn=[vcn(id="ocid1.vcn.oc1..n", cidr_blocks=["10.1.0.0/16"], lifecycle_state="PROVISIONING")])
    result, dummy = run_module(oci_vcn, {"display_name": "hub", "compartment_id": COMPARTMENT,
                                         "cidr_blocks": ["10.1.0.0/16"], "replace": True}, client)
    assert result["changed"] is True and result["vcn"]["id"] == "ocid1.vcn.oc1..n"
    assert client.writes() == ["delete_vcn", "create_vcn"]


def test_update_in_place_merges_tags(run_module, no_sleep):
    current = M.Drg(id="ocid1.drg.oc1..d", compartment_id=COMPARTMENT, display_name="hub",
                    lifecycle_state="AVAILABLE", freeform_tags={"owner": "net"})
    updated = M.Drg(id="ocid1.drg.oc1..d", compartment_id=COMPARTMENT, display_name="hub",
                    lifecycle_state="AVAILABLE", freeform_tags={"owner": "net", "env": "prod"})
    sent = []
    client = FakeClient(list_drgs=[[current]], get_drg=lambda ocid: updated,
                        update_drg=lambda ocid, details: sent.append(details) or updated)
    result, dummy = run_module(oci_drg, {"display_name": "hub", "compartment_id": COMPARTMENT,
                                         "freeform_tags": {"env": "prod"}}, client)
    assert result["changed"] is True and result["changed_fields"] == ["freeform_tags.env"]
    assert sent[0].freeform_tags == {"owner": "net", "env": "prod"}


def test_default_route_table_cannot_be_deleted(run_module):
    result, client = run_module(oci_drg_route_table, {"drg_id": "ocid1.drg.oc1..d", "default_for": "ipsec_tunnel",
                                                      "state": "absent"}, FakeClient())
    fails(result, "default route table cannot be deleted")
    assert client.calls == []


def test_cpe_address_is_checked(run_module):
    result, client = run_module(oci_cpe, {"display_name": "c", "compartment_id": COMPARTMENT,
                                          "ip_address": "300.1.1.1"}, FakeClient())
    fails(result, "not an IPv4 address")
    assert client.calls == []


def test_ipsec_with_three_tunnels_and_a_bad_secret_fails_before_any_call(run_module):
    result, client = run_module(oci_ipsec_connection, {
        "display_name": "vpn", "compartment_id": COMPARTMENT, "drg_id": DRG, "cpe_id": CPE,
        "tunnels": [{}, {}, {"shared_secret": "not-allowed!"}]}, FakeClient())
    fails(result, "exactly 2 tunnels", "letters, digits and spaces")
    assert "not-allowed!" not in repr(result)
    assert client.calls == []


def test_ipsec_create_without_static_routes_needs_two_bgp_tunnels(run_module):
    client = FakeClient(list_ip_sec_connections=[[]])
    result, dummy = run_module(oci_ipsec_connection, {
        "display_name": "vpn", "compartment_id": COMPARTMENT, "drg_id": DRG, "cpe_id": CPE,
        "tunnels": [{"routing": "STATIC"}]}, client)
    fails(result, "static_routes is required")
    assert client.writes() == []


def test_ipsec_check_mode_diff_masks_the_secret(run_module):
    client = FakeClient(list_ip_sec_connections=[[]])
    result, dummy = run_module(oci_ipsec_connection, {
        "display_name": "vpn", "compartment_id": COMPARTMENT, "drg_id": DRG, "cpe_id": CPE,
        "static_routes": ["10.2.0.0/16"], "tunnels": [{"routing": "STATIC", "shared_secret": "top secret 1"}]},
        client, check_mode=True)
    assert result["changed"] is True and client.writes() == []
    assert result["diff"]["after"]["tunnels"][0]["shared_secret"] == "********"
    assert "top secret 1" not in repr(result)


AZURE = M.FastConnectProviderService(
    id="ocid1.providerservice.oc1..azure", provider_name="Microsoft Azure", provider_service_name="ExpressRoute",
    supported_virtual_circuit_types=["PRIVATE"], customer_asn_management="PROVIDER_MANAGED",
    provider_service_key_management="CUSTOMER_MANAGED")
EQUINIX = M.FastConnectProviderService(
    id="ocid1.providerservice.oc1..eq", provider_name="Equinix", provider_service_name="Fabric",
    supported_virtual_circuit_types=["PRIVATE", "PUBLIC"], customer_asn_management="CUSTOMER_MANAGED",
    provider_service_key_management="PROVIDER_MANAGED")
VC_ARGS = {"display_name": "fc", "compartment_id": COMPARTMENT, "gateway_id": "ocid1.drg.oc1..d",
           "provider_name": "microsoft azure", "provider_service_key_name": "key-1",
           "cross_connect_mappings": [{"oracle_bgp_peering_ip": "10.99.0.1/30",
                                       "customer_bgp_peering_ip": "10.99.0.2/30"}]}


def vc_client(key_shape="1 Gbps", circuits=()):
    key = (M.FastConnectProviderServiceKey(name="key-1", bandwidth_shape_name=key_shape)
           if key_shape else service_error(404, "NotAuthorizedOrNotFound"))
    shapes = [M.VirtualCircuitBandwidthShape(name="%d Gbps" % g, bandwidth_in_mbps=1000 * g)
              for g in (1, 2, 5, 10)]
    return FakeClient(list_virtual_circuits=[list(circuits)],
                      list_fast_connect_provider_services=[[AZURE, EQUINIX]],
                      get_fast_connect_provider_service_key=[key],
                      list_fast_connect_provider_virtual_circuit_bandwidth_shapes=lambda *a, **k: shapes)


def test_vc_bandwidth_must_match_the_service_key(run_module):
    client = vc_client(key_shape="1 Gbps")
    result, dummy = run_module(oci_virtual_circuit, dict(VC_ARGS, bandwidth_shape_name="10 Gbps"), client)
    fails(result, "does not match the bandwidth of the provider's service key, '1 Gbps'")
    assert client.writes() == []


def test_vc_customer_asn_is_refused_when_the_provider_manages_it(run_module):
    client = vc_client()
    result, dummy = run_module(oci_virtual_circuit, dict(VC_ARGS, customer_asn=65000), client)
    fails(result, "customer_asn must not be set: Microsoft Azure manages the customer ASN")
    assert client.writes() == []


def test_vc_unknown_provider_lists_what_the_region_offers(run_module):
    client = vc_client()
    result, dummy = run_module(oci_virtual_circuit, dict(VC_ARGS, provider_name="Megaport"), client)
    fails(result, "matches 0 provider services", "Microsoft Azure / ExpressRoute")


def test_vc_check_mode_takes_the_bandwidth_from_the_key(run_module):
    client = vc_client(key_shape="2 Gbps")
    result, dummy = run_module(oci_virtual_circuit, VC_ARGS, client, check_mode=True)
    assert result["changed"] is True and client.writes() == []
    circuit = result["virtual_circuit"]
    assert circuit["bandwidth_shape_name"] == "2 Gbps"
    assert circuit["provider_service_id"] == AZURE.id and circuit["lifecycle_state"] == "PENDING_PROVIDER"


def test_vc_without_a_known_key_needs_a_bandwidth(run_module):
    client = vc_client(key_shape=None)
    result, dummy = run_module(oci_virtual_circuit, VC_ARGS, client)
    fails(result, "bandwidth_shape_name is required")
    assert client.writes() == []


def test_vc_mapping_addresses_are_checked(run_module):
    result, client = run_module(oci_virtual_circuit, dict(VC_ARGS, cross_connect_mappings=[
        {"oracle_bgp_peering_ip": "10.99.0.1/30", "customer_bgp_peering_ip": "10.99.0.6/30"}]), FakeClient())
    fails(result, "one /30 or /31")
    assert client.calls == []
