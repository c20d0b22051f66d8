"""OCI FastConnect through the oci SDK: provider services, bandwidth shapes, provider service
keys and PRIVATE virtual circuits to "Microsoft Azure"."""

import oci
import pytest
from oci.core import models

from test_azure_support import wait_for

ALL = oci.pagination.list_call_get_all_results
AZURE = "Microsoft Azure"


pytestmark = pytest.mark.usefixtures("fast_polls")


def _error(call, *args, **kwargs):
    with pytest.raises(oci.exceptions.ServiceError) as info:
        call(*args, **kwargs)
    return info.value


def _mappings(vlan=None):
    return [models.CrossConnectMapping(oracle_bgp_peering_ip="10.99.0.1/30",
                                              customer_bgp_peering_ip="10.99.0.2/30", vlan=vlan),
            models.CrossConnectMapping(oracle_bgp_peering_ip="10.99.0.5/30",
                                              customer_bgp_peering_ip="10.99.0.6/30", vlan=vlan)]


def _circuit_details(oci_build, drg_id, provider_id, **overrides):
    fields = dict(compartment_id=oci_build.compartment_id, type="PRIVATE", display_name="vc",
                  gateway_id=drg_id, provider_service_id=provider_id,
                  provider_service_key_name="00000000-0000-0000-0000-000000000000",
                  bandwidth_shape_name="1 Gbps", cross_connect_mappings=_mappings())
    fields.update(overrides)
    return models.CreateVirtualCircuitDetails(**fields)


def test_provider_services_and_bandwidth_shapes(oci_build, oci_network, twin):
    services = ALL(oci_network.list_fast_connect_provider_services, oci_build.compartment_id).data
    azure = [s for s in services if s.provider_name == AZURE]
    assert len(azure) == 1
    azure = azure[0]
    assert azure.supported_virtual_circuit_types == ["PRIVATE"]
    assert azure.provider_service_key_management == "CUSTOMER_MANAGED"
    assert oci_network.get_fast_connect_provider_service(azure.id).data.provider_name == AZURE

    shapes = ALL(oci_network.list_virtual_circuit_bandwidth_shapes, oci_build.compartment_id).data
    assert [s.name for s in shapes] == ["1 Gbps", "2 Gbps", "5 Gbps", "10 Gbps"]
    assert [s.bandwidth_in_mbps for s in shapes] == [1000, 2000, 5000, 10000]
    provider_shapes = ALL(oci_network.list_fast_connect_provider_virtual_circuit_bandwidth_shapes, azure.id).data
    assert [s.name for s in provider_shapes] == [s.name for s in shapes]

    err = _error(oci_network.get_fast_connect_provider_service_key, azure.id, "no-such-key")
    assert (err.status, err.code) == (404, "NotAuthorizedOrNotFound")
    err = _error(oci_network.get_fast_connect_provider_service, "ocid1.providerservice.oc1.iad.aaaaaaaanope")
    assert err.status == 404


def test_provider_service_ids_are_stable_across_twins(oci_build, fresh_twin):
    other = fresh_twin.oci_network()
    ours = {s.provider_name: s.id for s in ALL(oci_build.client.list_fast_connect_provider_services,
                                               oci_build.compartment_id).data}
    theirs = {s.provider_name: s.id for s in ALL(other.list_fast_connect_provider_services,
                                                 fresh_twin.compartment_id).data}
    assert ours == theirs


def test_virtual_circuit_create_get_list_update_delete(oci_build, oci_network):
    drg = oci_build.drg(name="drg-fc")
    provider = oci_build.provider()
    response = oci_network.create_virtual_circuit(_circuit_details(oci_build, drg.id, provider.id))
    vc = response.data
    assert response.headers["etag"]
    assert (vc.type, vc.gateway_id, vc.provider_name, vc.bandwidth_shape_name) == ("PRIVATE", drg.id, AZURE, "1 Gbps")
    assert vc.lifecycle_state == "PENDING_PROVIDER"                 # no ExpressRoute circuit has that key
    assert (vc.provider_state, vc.bgp_session_state, vc.oracle_bgp_asn) == ("INACTIVE", "DOWN", 31898)
    assert vc.customer_bgp_asn == 12076                              # Microsoft's ASN
    assert [(m.oracle_bgp_peering_ip, m.customer_bgp_peering_ip) for m in vc.cross_connect_mappings] == [
        ("10.99.0.1/30", "10.99.0.2/30"), ("10.99.0.5/30", "10.99.0.6/30")]

    assert oci_network.get_virtual_circuit(vc.id).data.id == vc.id
    listed = ALL(oci_network.list_virtual_circuits, oci_build.compartment_id, display_name="vc").data
    assert vc.id in {c.id for c in listed}
    pending = ALL(oci_network.list_virtual_circuits, oci_build.compartment_id,
                  lifecycle_state="PENDING_PROVIDER").data
    assert vc.id in {c.id for c in pending}

    attachment = ALL(oci_network.list_drg_attachments, oci_build.compartment_id, network_id=vc.id,
                     attachment_type="VIRTUAL_CIRCUIT").data
    assert len(attachment) == 1 and attachment[0].drg_route_table_id == drg.default_drg_route_tables.virtual_circuit
    err = _error(oci_network.delete_drg, drg.id)
    assert (err.status, err.code) == (409, "Conflict")

    updated = oci_network.update_virtual_circuit(vc.id, models.UpdateVirtualCircuitDetails(
        bandwidth_shape_name="2 Gbps", display_name="vc-2", cross_connect_mappings=_mappings(vlan=200))).data
    assert (updated.bandwidth_shape_name, updated.display_name) == ("2 Gbps", "vc-2")
    # The Microsoft Azure provider assigns the VLAN: the client's 200 is not used, and nothing shows
    # until the provider has matched the circuit (no ExpressRoute circuit has this key).
    assert {m.vlan for m in updated.cross_connect_mappings} == {None}

    oci_network.delete_virtual_circuit(vc.id)
    assert oci_network.get_virtual_circuit(vc.id).data.lifecycle_state in ("TERMINATING", "TERMINATED")
    gone = oci.wait_until(oci_network, oci_network.get_virtual_circuit(vc.id), "lifecycle_state", "TERMINATED",
                          max_interval_seconds=1, max_wait_seconds=10, succeed_on_not_found=True)
    assert gone is oci.waiter.WAIT_RESOURCE_NOT_FOUND or gone.data.lifecycle_state == "TERMINATED"
    oci_build.wait(lambda: oci_network.get_drg_attachment(attachment[0].id), "DETACHED", or_gone=True)


@pytest.mark.parametrize("overrides, field", [
    (dict(provider_service_key_name=None), "providerServiceKeyName"),
    (dict(bandwidth_shape_name="3 Gbps"), "bandwidthShapeName"),
    (dict(gateway_id=None), "gatewayId"),
    (dict(cross_connect_mappings=[models.CrossConnectMapping(
        oracle_bgp_peering_ip="10.99.0.1/29", customer_bgp_peering_ip="10.99.0.2/29")]), "crossConnectMappings[0]"),
    (dict(cross_connect_mappings=[models.CrossConnectMapping(
        oracle_bgp_peering_ip="10.99.0.1/30", customer_bgp_peering_ip="10.99.0.9/30")]), "crossConnectMappings[0]"),
    (dict(type="PUBLIC"), "type"),
])
def test_virtual_circuit_validation(overrides, field, oci_build, oci_network):
    drg = oci_build.drg(name="drg-fc-validation", wait=False)
    provider = oci_build.provider()
    err = _error(oci_network.create_virtual_circuit, _circuit_details(oci_build, drg.id, provider.id, **overrides))
    assert err.status == 400 and err.code in ("InvalidParameter", "MissingParameter")
    assert field in err.message


def test_service_key_of_an_expressroute_circuit(twin, oci_build, oci_network):
    """The "Microsoft Azure" provider knows an ExpressRoute circuit's service key (set by Azure)."""
    network = twin.azure_network()
    group = "rg-fc-key"
    twin.ensure_resource_group(group)
    circuit = network.express_route_circuits.begin_create_or_update(group, "er-key", {
        "location": "eastus",
        "sku": {"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"},
        "properties": {"serviceProviderProperties": {
            "serviceProviderName": "Oracle Cloud FastConnect", "peeringLocation": "Washington DC",
            "bandwidthInMbps": 2000}},
    }).result()
    assert circuit.service_key
    provider = oci_build.provider()
    key = oci_network.get_fast_connect_provider_service_key(provider.id, circuit.service_key).data
    assert (key.name, key.bandwidth_shape_name, key.peering_location) == (circuit.service_key, "2 Gbps",
                                                                          "Washington DC")


def test_provider_assigns_the_vlan_and_deprovisions_on_delete(twin, oci_build, oci_network):
    """Issue 11 items 4 and 5 end to end: the client's VLAN is replaced by the provider's (one VLAN,
    both links), the provider-created peering carries it; a client peering with another VLAN is a
    VLAN_MISMATCH; deleting the virtual circuit deprovisions the ER circuit, which cannot be deleted
    until NotProvisioned and then goes without deleting its peering first."""
    network = twin.azure_network()
    group = "rg-fc-vlan"
    twin.ensure_resource_group(group)
    circuit = network.express_route_circuits.begin_create_or_update(group, "er-vlan", {
        "location": "eastus", "sku": {"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"},
        "properties": {"serviceProviderProperties": {"serviceProviderName": "Oracle Cloud FastConnect",
                                                     "peeringLocation": "Washington DC", "bandwidthInMbps": 1000}},
    }).result()
    drg = oci_build.drg(name="drg-fc-vlan")
    vc = oci_network.create_virtual_circuit(_circuit_details(
        oci_build, drg.id, oci_build.provider().id, provider_service_key_name=circuit.service_key,
        cross_connect_mappings=_mappings(vlan=999))).data
    provisioned = wait_for(lambda: oci_network.get_virtual_circuit(vc.id).data,
                        lambda v: v.lifecycle_state == "PROVISIONED", "virtual circuit PROVISIONED")
    vlans = {m.vlan for m in provisioned.cross_connect_mappings}
    assert len(vlans) == 1 and None not in vlans and 999 not in vlans
    (vlan,) = vlans
    peering = network.express_route_circuit_peerings.get(group, "er-vlan", "AzurePrivatePeering")
    assert (peering.vlan_id, peering.peer_asn, peering.last_modified_by) == (vlan, 31898, "ServiceProvider")
    assert (peering.primary_peer_address_prefix, peering.secondary_peer_address_prefix) == (
        "10.99.0.0/30", "10.99.0.4/30")
    circuit_key = circuit.id.lower()
    assert twin.admin("GET", "model")["er_circuits"][circuit_key]["bgpState"] == "UP"

    # Known-bad: a client rewrites the peering with another VLAN.
    network.express_route_circuit_peerings.begin_create_or_update(group, "er-vlan", "AzurePrivatePeering", {
        "properties": {"peeringType": "AzurePrivatePeering", "peerASN": 31898, "vlanId": vlan + 1,
                       "primaryPeerAddressPrefix": "10.99.0.0/30", "secondaryPeerAddressPrefix": "10.99.0.4/30"}}
    ).result()
    entry = twin.admin("GET", "model")["er_circuits"][circuit_key]
    assert entry["bgpState"] == "DOWN" and entry["reasonCode"] == "VLAN_MISMATCH"
    assert oci_network.get_virtual_circuit(vc.id).data.bgp_session_state == "DOWN"

    # Known-bad: deleting the circuit while the provider has it provisioned.
    with pytest.raises(Exception) as info:
        network.express_route_circuits.begin_delete(group, "er-vlan").result()
    assert getattr(info.value, "status_code", None) == 400
    assert "must deprovision" in str(info.value)

    oci_network.delete_virtual_circuit(vc.id)
    state = network.express_route_circuits.get(group, "er-vlan").service_provider_provisioning_state
    assert state == "Deprovisioning"
    with pytest.raises(Exception) as info:
        network.express_route_circuits.begin_delete(group, "er-vlan").result()
    assert getattr(info.value, "status_code", None) == 400
    wait_for(lambda: network.express_route_circuits.get(group, "er-vlan").service_provider_provisioning_state,
          lambda s: s == "NotProvisioned", "NotProvisioned")
    # The client's peering stays (only the provider's goes with deprovisioning); the circuit deletes
    # with it, no peering delete first.
    network.express_route_circuits.begin_delete(group, "er-vlan").result()
    assert "er-vlan" not in [c.name for c in network.express_route_circuits.list(group)]


def test_provider_created_peering_goes_away_with_deprovisioning(twin, oci_build, oci_network):
    network = twin.azure_network()
    group = "rg-fc-deprov"
    twin.ensure_resource_group(group)
    circuit = network.express_route_circuits.begin_create_or_update(group, "er-deprov", {
        "location": "eastus", "sku": {"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"},
        "properties": {"serviceProviderProperties": {"serviceProviderName": "Oracle Cloud FastConnect",
                                                     "peeringLocation": "Washington DC", "bandwidthInMbps": 1000}},
    }).result()
    drg = oci_build.drg(name="drg-fc-deprov")
    vc = oci_network.create_virtual_circuit(_circuit_details(
        oci_build, drg.id, oci_build.provider().id, provider_service_key_name=circuit.service_key)).data
    wait_for(lambda: network.express_route_circuits.get(group, "er-deprov").properties.peerings,
          lambda p: [x.name for x in p] == ["AzurePrivatePeering"], "provider peering")
    oci_network.delete_virtual_circuit(vc.id)
    wait_for(lambda: network.express_route_circuits.get(group, "er-deprov"),
          lambda c: c.service_provider_provisioning_state == "NotProvisioned" and not c.peerings, "deprovisioned")
    network.express_route_circuits.begin_delete(group, "er-deprov").result()
