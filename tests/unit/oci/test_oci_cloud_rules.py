"""The OCI modules follow the clouds' documented rules (issue 11): ECMP goes on the table of the
VCN attachment (packets entering the DRG are routed by the table of the attachment they enter
on), and a circuit through a provider gets its VLAN from the provider."""

import oci

from ansible_collections.interconnect.oci_azure.plugins.modules import (
    oci_drg_attachment, oci_drg_route_table, oci_virtual_circuit,
)

from oci_unit_helpers import FakeClient
from test_oci_modules import AZURE, COMPARTMENT, VC_ARGS, fails, vc_client

M = oci.core.models
DRG_ID = "ocid1.drg.oc1..d"
VCN_TABLE = "ocid1.drgroutetable.oc1..vcn"
IPSEC_TABLE = "ocid1.drgroutetable.oc1..ipsec"
OWN_TABLE = "ocid1.drgroutetable.oc1..own"


def drg():
    return M.Drg(id=DRG_ID, compartment_id=COMPARTMENT, display_name="hub", lifecycle_state="AVAILABLE",
                 default_drg_route_tables=M.DefaultDrgRouteTables(vcn=VCN_TABLE, ipsec_tunnel=IPSEC_TABLE))


def attachment(table_id=OWN_TABLE, name="hub-vcn"):
    return M.DrgAttachment(id="ocid1.drgattachment.oc1..a", drg_id=DRG_ID, display_name=name,
                           compartment_id=COMPARTMENT, drg_route_table_id=table_id, lifecycle_state="ATTACHED",
                           network_details=M.VcnDrgAttachmentNetworkDetails(type="VCN", id="ocid1.vcn.oc1..v"))


def table(table_id, ecmp):
    return M.DrgRouteTable(id=table_id, drg_id=DRG_ID, display_name=table_id.rsplit(".", 1)[-1],
                           is_ecmp_enabled=ecmp, lifecycle_state="AVAILABLE")


def test_ecmp_goes_on_the_table_the_vcn_attachment_uses(run_module, no_sleep):
    sent = []
    client = FakeClient(get_drg=lambda ocid: drg(),
                        list_drg_attachments=[[attachment(name="other"), attachment()]],
                        get_drg_route_table=lambda ocid: table(ocid, bool(sent)),
                        update_drg_route_table=lambda ocid, details: sent.append((ocid, details)) or table(ocid, True))
    result, dummy = run_module(oci_drg_route_table, {"drg_id": DRG_ID, "attachment_name": "hub-vcn",
                                                     "is_ecmp_enabled": True}, client)
    assert result["changed"] is True and result["changed_fields"] == ["is_ecmp_enabled"]
    # the attachment's own table, never the IPSec tunnels' table nor the default VCN table
    assert [ocid for ocid, details in sent] == [OWN_TABLE] and sent[0][1].is_ecmp_enabled is True
    assert result["drg_route_table"]["id"] == OWN_TABLE


def test_an_attachment_without_a_table_uses_the_drgs_default_vcn_table(run_module):
    client = FakeClient(get_drg_attachment=[attachment(table_id=None)], get_drg=lambda ocid: drg(),
                        get_drg_route_table=lambda ocid: table(ocid, True))
    result, dummy = run_module(oci_drg_route_table, {"attachment_id": "ocid1.drgattachment.oc1..a",
                                                     "is_ecmp_enabled": True}, client, check_mode=True)
    assert result["changed"] is False and client.writes() == []
    assert result["drg_route_table"]["id"] == VCN_TABLE


def test_ecmp_already_on_the_vcn_table_makes_no_write(run_module):
    client = FakeClient(get_drg_route_table=lambda ocid: table(ocid, True))
    result, dummy = run_module(oci_drg_route_table, {"id": VCN_TABLE, "drg_id": DRG_ID, "is_ecmp_enabled": True},
                               client)
    assert result["changed"] is False and client.writes() == []


def test_an_attachment_table_cannot_be_deleted_nor_named_without_its_drg(run_module):
    result, client = run_module(oci_drg_route_table, {"attachment_name": "hub-vcn", "drg_id": DRG_ID,
                                                      "state": "absent"}, FakeClient())
    fails(result, "state=absent needs a named table")
    result, client = run_module(oci_drg_route_table, {"attachment_id": "x", "default_for": "vcn",
                                                      "drg_id": DRG_ID}, FakeClient())
    fails(result, "mutually exclusive")
    assert client.calls == []


def test_the_attachment_returns_the_route_table_it_uses(run_module):
    client = FakeClient(get_drg=lambda ocid: drg(), list_drg_attachments=[[attachment()]])
    result, dummy = run_module(oci_drg_attachment, {"drg_id": DRG_ID, "vcn_id": "ocid1.vcn.oc1..v",
                                                    "display_name": "hub-vcn"}, client)
    assert result["changed"] is False and result["drg_route_table_id"] == OWN_TABLE


def test_a_vlan_for_a_circuit_through_a_provider_is_refused_before_any_write(run_module):
    client = vc_client()
    mappings = [dict(VC_ARGS["cross_connect_mappings"][0], vlan=100)]
    result, dummy = run_module(oci_virtual_circuit, dict(VC_ARGS, cross_connect_mappings=mappings), client)
    fails(result, "cross_connect_mappings[0].vlan: Microsoft Azure assigns the VLAN")
    assert client.writes() == []


def test_the_providers_vlan_is_no_difference(run_module):
    circuit = M.VirtualCircuit(
        id="ocid1.virtualcircuit.oc1..c", compartment_id=COMPARTMENT, display_name="fc", type="PRIVATE",
        provider_service_id=AZURE.id, provider_service_key_name="key-1", bandwidth_shape_name="1 Gbps",
        gateway_id="ocid1.drg.oc1..d", lifecycle_state="PROVISIONED", provider_state="ACTIVE",
        cross_connect_mappings=[M.CrossConnectMapping(oracle_bgp_peering_ip="10.99.0.1/30",
                                                      customer_bgp_peering_ip="10.99.0.2/30", vlan=1043)])
    client = vc_client(circuits=[circuit])
    result, dummy = run_module(oci_virtual_circuit, VC_ARGS, client)
    assert result["changed"] is False and client.writes() == []
    assert result["virtual_circuit"]["cross_connect_mappings"][0]["vlan"] == 1043
