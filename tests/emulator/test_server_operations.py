"""The operation log (GET /admin/operations): every provisioning operation the twin scheduled,
with when it was asked for and when it is done, as benchmarks/deploy_speed.py reads it."""

import pytest
from azure.mgmt.network.models import PublicIPAddress, PublicIPAddressSku

from conftest import OciBuilder
from emulator import rules

LOCATION = "westeurope"


def operations(twin, **match):
    entries = twin.admin("GET", "operations")["operations"]
    return [e for e in entries if all(e[k] == v for k, v in match.items())]


def test_oci_operations_one_entry_each_with_scaled_duration(fresh_twin):
    build = OciBuilder(fresh_twin)
    drg = build.drg(name="ops-drg")
    vcn = build.vcn(name="ops-vcn")
    build.attach_vcn(drg.id, vcn.id)
    connection = build.ipsec(drg_id=drg.id, name="ops-ipsec")
    build.client.delete_ip_sec_connection(connection.id)

    log = fresh_twin.admin("GET", "operations")
    assert log["time_scale"] == fresh_twin.time_scale
    kinds = [(e["cloud"], e["kind"], e["action"]) for e in log["operations"]]
    # one entry per operation: the DRG's route tables and the connection's tunnels share their
    # parent's operation; the tunnels' DRG attachments are operations of their own
    assert kinds == [("oci", "drg", "create"), ("oci", "vcn", "create"), ("oci", "drgAttachment", "create"),
                     ("oci", "ipsecConnection", "create"),
                     ("oci", "drgAttachment", "create"), ("oci", "drgAttachment", "create"),
                     ("oci", "ipsecConnection", "delete"),
                     ("oci", "drgAttachment", "delete"), ("oci", "drgAttachment", "delete")]
    create = operations(fresh_twin, kind="ipsecConnection", action="create")[0]
    assert create["resource_id"] == connection.id and create["name"] == "ops-ipsec"
    assert create["realistic_seconds"] == rules.DURATIONS["oci.ipsecConnection.create"]
    assert create["scaled_seconds"] == pytest.approx(create["realistic_seconds"] * fresh_twin.time_scale, abs=1e-3)
    assert create["done"] is True and create["requested_at"] <= create["done_at"] <= log["now"]
    drg_entry = operations(fresh_twin, kind="drg")[0]
    assert drg_entry["resource_id"] == drg.id and drg_entry["realistic_seconds"] == rules.DURATIONS["oci.drg.create"]


def test_azure_operations_and_reset(twin_factory):
    twin = twin_factory(time_scale=0.05)      # a public IP takes 250 ms: observable as not done
    twin.ensure_resource_group("rg-ops", LOCATION)
    network = twin.azure_network()
    poller = network.public_ip_addresses.begin_create_or_update(
        "rg-ops", "pip-ops", PublicIPAddress(location=LOCATION, sku=PublicIPAddressSku(name="Standard"),
                                             public_ip_allocation_method="Static"))
    running = operations(twin, cloud="azure", kind="publicIPAddress")
    assert len(running) == 1 and running[0]["done"] is False
    poller.result()
    network.public_ip_addresses.begin_delete("rg-ops", "pip-ops").result()

    entries = operations(twin, cloud="azure")
    # the resource group is synchronous in ARM: no operation
    assert [(e["kind"], e["action"], e["name"]) for e in entries] == [
        ("publicIPAddress", "create", "pip-ops"), ("publicIPAddress", "delete", "pip-ops")]
    created = entries[0]
    assert created["resource_id"].lower().endswith("/resourcegroups/rg-ops/providers/microsoft.network/"
                                                   "publicipaddresses/pip-ops")
    assert created["realistic_seconds"] == rules.DURATIONS["azure.publicIPAddress.create"]
    assert created["scaled_seconds"] == pytest.approx(created["realistic_seconds"] * 0.05, abs=1e-3)
    assert all(e["done"] for e in entries)

    # the stats reset empties the log too: a re-run's log holds only what the re-run asked for
    twin.reset_stats()
    assert twin.admin("GET", "operations")["operations"] == []
    assert list(network.public_ip_addresses.list("rg-ops")) == []     # a read schedules nothing
    assert twin.admin("GET", "operations")["operations"] == []
