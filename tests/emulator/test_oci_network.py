"""OCI VCNs, DRGs, DRG attachments, route tables/distributions and CPEs, through the oci SDK."""

import oci
import pytest
from conftest import OciBuilder
from oci.core import models

ALL = oci.pagination.list_call_get_all_results


def _error(call, *args, **kwargs):
    with pytest.raises(oci.exceptions.ServiceError) as info:
        call(*args, **kwargs)
    return info.value


# ------------------------------------------------------------------------------------------- VCN
def test_vcn_create_get_list_update_delete(oci_build, oci_network):
    client = oci_network
    created = client.create_vcn(models.CreateVcnDetails(
        compartment_id=oci_build.compartment_id, cidr_block="10.20.0.0/16", display_name="vcn-crud",
        dns_label="vcncrud"))
    vcn = created.data
    assert vcn.lifecycle_state == "PROVISIONING"
    assert vcn.cidr_blocks == ["10.20.0.0/16"] and vcn.vcn_domain_name == "vcncrud.oraclevcn.com"
    assert created.headers["etag"] and created.headers["opc-request-id"]
    assert vcn.id.startswith("ocid1.vcn.oc1.iad.")

    available = oci.wait_until(client, client.get_vcn(vcn.id), "lifecycle_state", "AVAILABLE",
                               max_interval_seconds=1, max_wait_seconds=10).data
    assert available.display_name == "vcn-crud"

    listed = ALL(client.list_vcns, oci_build.compartment_id, display_name="vcn-crud").data
    assert [v.id for v in listed] == [vcn.id]

    updated = client.update_vcn(vcn.id, models.UpdateVcnDetails(display_name="vcn-renamed")).data
    assert updated.display_name == "vcn-renamed"
    assert client.get_vcn(vcn.id).data.display_name == "vcn-renamed"

    client.delete_vcn(vcn.id)
    assert client.get_vcn(vcn.id).data.lifecycle_state in ("TERMINATING", "TERMINATED")
    gone = oci.wait_until(client, client.get_vcn(vcn.id), "lifecycle_state", "TERMINATED",
                          max_interval_seconds=1, max_wait_seconds=10, succeed_on_not_found=True)
    assert gone is oci.waiter.WAIT_RESOURCE_NOT_FOUND or gone.data.lifecycle_state == "TERMINATED"


def test_vcn_rejects_bad_cidr_and_unknown_compartment(oci_build, oci_network):
    err = _error(oci_network.create_vcn, models.CreateVcnDetails(
        compartment_id=oci_build.compartment_id, cidr_block="10.0.0.1/16"))
    assert (err.status, err.code) == (400, "InvalidParameter")
    assert "cidrBlocks" in err.message
    err = _error(oci_network.create_vcn, models.CreateVcnDetails(
        compartment_id="ocid1.compartment.oc1..aaaaaaaanotmine", cidr_block="10.0.0.0/16"))
    assert (err.status, err.code) == (404, "NotAuthorizedOrNotFound")


def test_unknown_ids_are_404_not_authorized_or_not_found(oci_network):
    for call in (oci_network.get_vcn, oci_network.get_drg, oci_network.get_cpe, oci_network.get_drg_attachment,
                 oci_network.get_drg_route_table, oci_network.get_ip_sec_connection,
                 oci_network.get_virtual_circuit):
        err = _error(call, "ocid1.thing.oc1.iad.aaaaaaaadoesnotexist")
        assert (err.status, err.code) == (404, "NotAuthorizedOrNotFound")
        assert err.request_id


# ------------------------------------------------------------------------------------------- DRG
def test_drg_has_default_route_tables_and_distributions(oci_build, oci_network):
    drg = oci_build.drg(name="drg-defaults")
    defaults = drg.default_drg_route_tables
    assert defaults.vcn and defaults.ipsec_tunnel and defaults.virtual_circuit and defaults.remote_peering_connection
    # DRGv2: one table for VCN attachments, one shared by IPSec tunnels, VCs and RPCs
    assert defaults.ipsec_tunnel == defaults.virtual_circuit == defaults.remote_peering_connection
    assert defaults.vcn != defaults.ipsec_tunnel

    tables = ALL(oci_network.list_drg_route_tables, drg_id=drg.id).data
    assert {t.id for t in tables} == {defaults.vcn, defaults.ipsec_tunnel}
    assert all(t.is_ecmp_enabled is False and t.lifecycle_state == "AVAILABLE" for t in tables)

    distributions = ALL(oci_network.list_drg_route_distributions, drg_id=drg.id).data
    by_id = {d.id: d for d in distributions}
    export = by_id[drg.default_export_drg_route_distribution_id]
    assert export.distribution_type == "EXPORT"
    for table in tables:
        imported = oci_network.get_drg_route_distribution(table.import_drg_route_distribution_id).data
        assert imported.distribution_type == "IMPORT" and imported.drg_id == drg.id


def test_drg_update_and_delete(oci_build, oci_network):
    drg = oci_build.drg(name="drg-crud")
    assert drg.id in {d.id for d in ALL(oci_network.list_drgs, oci_build.compartment_id).data}
    updated = oci_network.update_drg(drg.id, models.UpdateDrgDetails(display_name="drg-renamed")).data
    assert updated.display_name == "drg-renamed"
    oci_network.delete_drg(drg.id)
    state = oci_network.get_drg(drg.id).data.lifecycle_state
    assert state in ("TERMINATING", "TERMINATED")
    oci_build.wait(lambda: oci_network.get_drg(drg.id), "TERMINATED", or_gone=True)


def test_drg_in_use_cannot_be_deleted(oci_build, oci_network):
    drg = oci_build.drg(name="drg-in-use")
    vcn = oci_build.vcn(cidr="10.30.0.0/16")
    attachment = oci_build.attach_vcn(drg.id, vcn.id)
    err = _error(oci_network.delete_drg, drg.id)
    assert (err.status, err.code) == (409, "Conflict")
    err = _error(oci_network.delete_vcn, vcn.id)
    assert (err.status, err.code) == (409, "Conflict")
    oci_network.delete_drg_attachment(attachment.id)
    oci_build.wait(lambda: oci_network.get_drg_attachment(attachment.id), "DETACHED", or_gone=True)
    oci_network.delete_drg(drg.id)
    oci_network.delete_vcn(vcn.id)


def test_drg_delete_while_attachment_detaches_is_incorrect_state(slow_twin):
    build = OciBuilder(slow_twin)
    client = build.client
    drg = build.drg(name="drg-detaching", wait=False)
    vcn = build.vcn(cidr="10.30.0.0/16", wait=False)
    attachment = client.create_drg_attachment(models.CreateDrgAttachmentDetails(
        drg_id=drg.id, network_details=models.VcnDrgAttachmentNetworkCreateDetails(id=vcn.id))).data
    client.delete_drg_attachment(attachment.id)
    assert client.get_drg_attachment(attachment.id).data.lifecycle_state == "DETACHING"
    # while the attachment detaches, deleting the DRG is a transient 409 IncorrectState, which
    # the SDK's default retry strategy retries (a live attachment is a plain Conflict)
    err = _error(client.delete_drg, drg.id)
    assert (err.status, err.code) == (409, "IncorrectState")
    client.delete_drg(drg.id, retry_strategy=oci.retry.DEFAULT_RETRY_STRATEGY)
    assert client.get_drg(drg.id).data.lifecycle_state == "TERMINATING"


# ----------------------------------------------------------------------------------- attachments
def test_drg_attachment_lifecycle_and_filters(oci_build, oci_network):
    drg = oci_build.drg(name="drg-attach")
    vcn = oci_build.vcn(cidr="10.31.0.0/16")
    attachment = oci_network.create_drg_attachment(models.CreateDrgAttachmentDetails(
        drg_id=drg.id, display_name="att",
        network_details=models.VcnDrgAttachmentNetworkCreateDetails(id=vcn.id))).data
    assert attachment.lifecycle_state == "ATTACHING"
    assert attachment.drg_route_table_id == drg.default_drg_route_tables.vcn
    assert attachment.network_details.type == "VCN" and attachment.vcn_id == vcn.id
    attached = oci.wait_until(oci_network, oci_network.get_drg_attachment(attachment.id), "lifecycle_state",
                              "ATTACHED", max_interval_seconds=1, max_wait_seconds=10).data
    assert isinstance(attached.network_details, models.VcnDrgAttachmentNetworkDetails)

    by_drg = ALL(oci_network.list_drg_attachments, oci_build.compartment_id, drg_id=drg.id).data
    assert [a.id for a in by_drg] == [attachment.id]
    by_network = ALL(oci_network.list_drg_attachments, oci_build.compartment_id, network_id=vcn.id).data
    assert [a.id for a in by_network] == [attachment.id]
    assert ALL(oci_network.list_drg_attachments, oci_build.compartment_id, drg_id=drg.id,
               attachment_type="IPSEC_TUNNEL").data == []

    # a second attachment of the same VCN is refused
    err = _error(oci_network.create_drg_attachment, models.CreateDrgAttachmentDetails(
        drg_id=drg.id, network_details=models.VcnDrgAttachmentNetworkCreateDetails(id=vcn.id)))
    assert (err.status, err.code) == (409, "Conflict")

    table = oci_network.create_drg_route_table(models.CreateDrgRouteTableDetails(
        drg_id=drg.id, display_name="custom")).data
    updated = oci_network.update_drg_attachment(attachment.id, models.UpdateDrgAttachmentDetails(
        display_name="att-2", drg_route_table_id=table.id)).data
    assert (updated.display_name, updated.drg_route_table_id) == ("att-2", table.id)
    # the table is in use now
    err = _error(oci_network.delete_drg_route_table, table.id)
    assert (err.status, err.code) == (409, "Conflict")


def test_only_vcn_attachments_can_be_created(oci_build, oci_network):
    drg = oci_build.drg(name="drg-attach-type")
    # the SDK models only VCN create details; a raw body reaches the service as written
    err = _error(oci_network.create_drg_attachment, {
        "drgId": drg.id, "networkDetails": {"type": "IPSEC_TUNNEL", "id": "ocid1.ipsectunnel.oc1.iad.aaaaaaaax"}})
    assert (err.status, err.code) == (400, "InvalidParameter")
    assert "networkDetails.type" in err.message


# ----------------------------------------------------------------------------------- route tables
def test_drg_route_table_crud_ecmp_and_rules(oci_build, oci_network):
    drg = oci_build.drg(name="drg-tables")
    vcn = oci_build.vcn(cidr="10.32.0.0/16")
    attachment = oci_build.attach_vcn(drg.id, vcn.id)
    default_vcn_table = oci_network.get_drg_route_table(drg.default_drg_route_tables.vcn).data
    table = oci_network.create_drg_route_table(models.CreateDrgRouteTableDetails(
        drg_id=drg.id, display_name="ecmp-table", is_ecmp_enabled=True,
        import_drg_route_distribution_id=default_vcn_table.import_drg_route_distribution_id)).data
    assert table.is_ecmp_enabled is True and table.lifecycle_state == "PROVISIONING"
    oci_build.wait(lambda: oci_network.get_drg_route_table(table.id), "AVAILABLE")

    updated = oci_network.update_drg_route_table(table.id, models.UpdateDrgRouteTableDetails(
        is_ecmp_enabled=False, display_name="no-ecmp")).data
    assert (updated.is_ecmp_enabled, updated.display_name) == (False, "no-ecmp")
    listed = ALL(oci_network.list_drg_route_tables, drg_id=drg.id, display_name="no-ecmp").data
    assert [t.id for t in listed] == [table.id]

    # ECMP on the default IPSec table, the way the collection enables it for VPN
    ipsec_table = oci_network.update_drg_route_table(
        drg.default_drg_route_tables.ipsec_tunnel, models.UpdateDrgRouteTableDetails(is_ecmp_enabled=True)).data
    assert ipsec_table.is_ecmp_enabled is True

    added = oci_network.add_drg_route_rules(table.id, models.AddDrgRouteRulesDetails(route_rules=[
        models.AddDrgRouteRuleDetails(destination_type="CIDR_BLOCK", destination="192.168.0.0/24",
                                      next_hop_drg_attachment_id=attachment.id)])).data
    assert added[0].route_type == "STATIC" and added[0].destination == "192.168.0.0/24"
    rules = ALL(oci_network.list_drg_route_rules, table.id).data
    assert {(r.destination, r.route_type) for r in rules} >= {("192.168.0.0/24", "STATIC"),
                                                              ("10.32.0.0/16", "DYNAMIC")}
    static_only = ALL(oci_network.list_drg_route_rules, table.id, route_type="STATIC").data
    assert [r.destination for r in static_only] == ["192.168.0.0/24"]
    oci_network.remove_drg_route_rules(table.id, models.RemoveDrgRouteRulesDetails(route_rule_ids=[added[0].id]))
    assert ALL(oci_network.list_drg_route_rules, table.id, route_type="STATIC").data == []

    err = _error(oci_network.delete_drg_route_table, drg.default_drg_route_tables.vcn)
    assert (err.status, err.code) == (409, "Conflict")
    oci_network.delete_drg_route_table(table.id)
    oci_build.wait(lambda: oci_network.get_drg_route_table(table.id), "TERMINATED", or_gone=True)


def test_route_table_rejects_foreign_import_distribution(oci_build, oci_network):
    drg_a = oci_build.drg(name="drg-a")
    drg_b = oci_build.drg(name="drg-b")
    err = _error(oci_network.create_drg_route_table, models.CreateDrgRouteTableDetails(
        drg_id=drg_a.id, import_drg_route_distribution_id=drg_b.default_export_drg_route_distribution_id))
    assert (err.status, err.code) == (400, "InvalidParameter")
    assert "importDrgRouteDistributionId" in err.message


# ------------------------------------------------------------------------------------------- CPE
def test_cpe_crud_and_shapes(oci_build, oci_network):
    shapes = ALL(oci_network.list_cpe_device_shapes).data
    assert len(shapes) >= 2 and all(s.cpe_device_info.vendor for s in shapes)
    cpe = oci_network.create_cpe(models.CreateCpeDetails(
        compartment_id=oci_build.compartment_id, ip_address="52.10.10.10", display_name="azure-vng",
        cpe_device_shape_id=shapes[0].id)).data
    assert (cpe.ip_address, cpe.cpe_device_shape_id) == ("52.10.10.10", shapes[0].id)
    assert oci_network.get_cpe(cpe.id).data.display_name == "azure-vng"
    assert cpe.id in {c.id for c in ALL(oci_network.list_cpes, oci_build.compartment_id).data}
    updated = oci_network.update_cpe(cpe.id, models.UpdateCpeDetails(display_name="vng-ip")).data
    assert updated.display_name == "vng-ip"
    oci_network.delete_cpe(cpe.id)
    err = _error(oci_network.get_cpe, cpe.id)
    assert err.status == 404


def test_cpe_validation(oci_build, oci_network):
    err = _error(oci_network.create_cpe, models.CreateCpeDetails(
        compartment_id=oci_build.compartment_id, ip_address="not-an-ip"))
    assert (err.status, err.code) == (400, "InvalidParameter") and "ipAddress" in err.message
    err = _error(oci_network.create_cpe, models.CreateCpeDetails(
        compartment_id=oci_build.compartment_id, ip_address="10.0.0.1"))
    assert (err.status, err.code) == (400, "InvalidParameter")
    err = _error(oci_network.create_cpe, models.CreateCpeDetails(compartment_id=oci_build.compartment_id))
    assert (err.status, err.code) == (400, "MissingParameter")


def test_cpe_in_use_cannot_be_deleted(oci_build, oci_network):
    connection = oci_build.ipsec(name="cpe-in-use")
    err = _error(oci_network.delete_cpe, connection.cpe_id)
    assert (err.status, err.code) == (409, "Conflict")
    err = _error(oci_network.delete_drg, connection.drg_id)
    assert (err.status, err.code) == (409, "Conflict")


# ------------------------------------------------------------------------------- paging, tokens
def test_paging_follows_opc_next_page(oci_build, oci_network):
    created = {oci_build.cpe(name="page-cpe").id for _ in range(12)}
    first = oci_network.list_cpes(oci_build.compartment_id)
    assert len(first.data) == 5 and first.has_next_page and first.next_page    # small default pages
    limited = oci_network.list_cpes(oci_build.compartment_id, limit=3)
    assert len(limited.data) == 3
    second = oci_network.list_cpes(oci_build.compartment_id, limit=3, page=limited.next_page)
    assert not {c.id for c in limited.data} & {c.id for c in second.data}
    everything = ALL(oci_network.list_cpes, oci_build.compartment_id).data
    ids = [c.id for c in everything]
    assert created <= set(ids) and len(ids) == len(set(ids))
    err = _error(oci_network.list_cpes, oci_build.compartment_id, page="garbage!")
    assert (err.status, err.code) == (400, "InvalidParameter")


def test_retry_token_dedupes_creates(twin, oci_build, oci_network):
    details = models.CreateDrgDetails(compartment_id=oci_build.compartment_id, display_name="drg-token")
    before = twin.stats()["retry_token_replays"]
    first = oci_network.create_drg(details, opc_retry_token="token-drg-1").data
    second = oci_network.create_drg(details, opc_retry_token="token-drg-1").data
    assert first.id == second.id
    named = [d for d in ALL(oci_network.list_drgs, oci_build.compartment_id).data if d.display_name == "drg-token"]
    assert len(named) == 1
    assert twin.stats()["retry_token_replays"] == before + 1
    other = models.CreateDrgDetails(compartment_id=oci_build.compartment_id, display_name="drg-token-other")
    err = _error(oci_network.create_drg, other, opc_retry_token="token-drg-1")
    assert (err.status, err.code) == (409, "InvalidatedRetryToken")


def test_if_match_etags(oci_build, oci_network):
    drg = oci_build.drg(name="drg-etag")
    response = oci_network.get_drg(drg.id)
    etag = response.headers["etag"]
    err = _error(oci_network.update_drg, drg.id, models.UpdateDrgDetails(display_name="x"), if_match="stale")
    assert (err.status, err.code) == (412, "NoEtagMatch")
    updated = oci_network.update_drg(drg.id, models.UpdateDrgDetails(display_name="drg-etag-2"), if_match=etag)
    assert updated.headers["etag"] != etag
    err = _error(oci_network.delete_drg, drg.id, if_match=etag)       # the old etag no longer matches
    assert (err.status, err.code) == (412, "NoEtagMatch")
    oci_network.delete_drg(drg.id, if_match=updated.headers["etag"])
