"""One test per behaviour issue 12 asks of the twin (the model-level check is test_conformance_clouds.py)."""

import oci
import pytest
from conftest import OciBuilder
from test_azure_support import AzureBuilder, arm_error

M = oci.core.models


pytestmark = pytest.mark.usefixtures("fast_polls")


@pytest.fixture(scope="module")
def vpn(twin):
    az = AzureBuilder(twin, twin.azure_network())
    vnet = az.vnet("vnet-items", prefix="10.81.0.0/16", gateway_subnet="10.81.255.0/27")
    gateway = az.gateway("vng-items", vnet, [az.public_ip("pip-items")])
    lng = az.local_gateway("lng-items", "129.146.30.1", prefixes=["10.80.0.0/16"])
    az.connection("conn-items", gateway, lng, shared_key="Item Key 1", enable_bgp=False)
    return az


# ------------------------------------------------------------------------------------------ Azure
def test_shared_key_is_never_served_outside_the_sharedkey_endpoint(twin, vpn):
    conns = vpn.net.virtual_network_gateway_connections
    paths = ["/subscriptions/{subscription}/resourceGroups/%s/providers/Microsoft.Network/%s" % (vpn.rg, p)
             for p in ("connections/conn-items", "connections", "virtualNetworkGateways/vng-items/connections")]
    for path in paths:
        body = twin.arm("GET", path, api_version="2024-05-01").text()
        assert "sharedKey" not in body and "Item Key 1" not in body, path
    put = conns.begin_create_or_update(vpn.rg, "conn-items", vpn.connection_body(
        vpn.net.virtual_network_gateways.get(vpn.rg, "vng-items"), vpn.net.local_network_gateways.get(
            vpn.rg, "lng-items"), shared_key="Item Key 1", enable_bgp=False)).result()
    assert put.properties.shared_key is None
    assert conns.get_shared_key(vpn.rg, "conn-items").value == "Item Key 1"


def test_reset_shared_key_sets_a_new_key_of_the_requested_length(vpn):
    conns = vpn.net.virtual_network_gateway_connections
    before = conns.get_shared_key(vpn.rg, "conn-items").value
    result = conns.begin_reset_shared_key(vpn.rg, "conn-items", {"keyLength": 40}).result()
    assert result.key_length == 40
    after = conns.get_shared_key(vpn.rg, "conn-items").value
    assert len(after) == 40 and after != before
    err = arm_error(conns.begin_reset_shared_key, vpn.rg, "conn-items", {"keyLength": 129})
    assert err.status_code == 400
    conns.begin_set_shared_key(vpn.rg, "conn-items", {"value": "Item Key 1"}).result()


def test_gateway_connection_list_serves_the_list_entity_shape(twin, vpn):
    path = ("/subscriptions/{subscription}/resourceGroups/%s/providers/Microsoft.Network/virtualNetworkGateways/"
            "vng-items/connections" % vpn.rg)
    entity = twin.arm("GET", path, api_version="2024-05-01").json()["value"][0]["properties"]
    assert set(entity["virtualNetworkGateway1"]) == {"id"} and set(entity["localNetworkGateway2"]) == {"id"}
    assert "dpdTimeoutSeconds" not in entity and "ingressNatRules" not in entity
    full = twin.arm("GET", path.rsplit("/virtualNetworkGateways", 1)[0] + "/connections/conn-items",
                    api_version="2024-05-01").json()["properties"]
    assert full["virtualNetworkGateway1"]["properties"] == {} and full["localNetworkGateway2"]["properties"] == {}


def test_an_error_without_target_has_no_target_key(twin, vpn):
    response = twin.arm("GET", "/subscriptions/{subscription}/resourceGroups/%s/providers/Microsoft.Network/"
                        "connections/absent" % vpn.rg)
    assert response.status_code == 404
    assert "target" not in response.json()["error"]


def test_circuit_sku_matches_case_insensitively_and_is_served_canonically(twin, vpn):
    circuit = vpn.net.express_route_circuits.begin_create_or_update(vpn.rg, "er-case", {
        "location": vpn.location, "sku": {"name": "standard_metereddata", "tier": "standard", "family": "metereddata"},
        "properties": {"serviceProviderProperties": {"serviceProviderName": "Oracle Cloud FastConnect",
                                                     "peeringLocation": "Washington DC",
                                                     "bandwidthInMbps": 1000}}}).result()
    assert (circuit.sku.name, circuit.sku.tier, circuit.sku.family) == ("Standard_MeteredData", "Standard",
                                                                       "MeteredData")
    assert "resourceGuid" not in circuit.properties
    vpn.net.express_route_circuits.begin_delete(vpn.rg, "er-case").result()


# -------------------------------------------------------------------------------------------- OCI
def test_route_distribution_lifecycle_and_statements(oci_build):
    client = oci_build.client
    drg = oci_build.drg(name="drg-dist")
    dist = client.create_drg_route_distribution(M.CreateDrgRouteDistributionDetails(
        drg_id=drg.id, distribution_type="IMPORT", display_name="only-vcn")).data
    dist = oci_build.wait(lambda: client.get_drg_route_distribution(dist.id), "AVAILABLE")
    added = client.add_drg_route_distribution_statements(dist.id, M.AddDrgRouteDistributionStatementsDetails(
        statements=[M.AddDrgRouteDistributionStatementDetails(action="ACCEPT", priority=5, match_criteria=[
            M.DrgAttachmentTypeDrgRouteDistributionMatchCriteria(attachment_type="VCN")])])).data
    assert added[0].match_criteria[0].attachment_type == "VCN"
    client.update_drg_route_distribution_statements(dist.id, M.UpdateDrgRouteDistributionStatementsDetails(
        statements=[M.UpdateDrgRouteDistributionStatementDetails(id=added[0].id, priority=7)]))
    listed = client.list_drg_route_distribution_statements(dist.id).data
    assert [(s.priority, s.action) for s in listed] == [(7, "ACCEPT")]
    assert client.update_drg_route_distribution(dist.id, M.UpdateDrgRouteDistributionDetails(
        display_name="renamed")).data.display_name == "renamed"
    # in use as a table's import distribution: refused; free again: deleted
    table = client.create_drg_route_table(M.CreateDrgRouteTableDetails(
        drg_id=drg.id, import_drg_route_distribution_id=dist.id)).data
    with pytest.raises(oci.exceptions.ServiceError) as info:
        client.delete_drg_route_distribution(dist.id)
    assert info.value.status == 409
    client.delete_drg_route_table(table.id)
    client.remove_drg_route_distribution_statements(dist.id, M.RemoveDrgRouteDistributionStatementsDetails(
        statement_ids=[added[0].id]))
    assert client.list_drg_route_distribution_statements(dist.id).data == []
    client.delete_drg_route_distribution(dist.id)
    assert client.get_drg_route_distribution(dist.id).data.lifecycle_state in ("TERMINATING", "TERMINATED")


def test_update_drg_route_rules_changes_a_static_rule(oci_build):
    client = oci_build.client
    drg = oci_build.drg(name="drg-rules")
    attachment = oci_build.attach_vcn(drg.id, oci_build.vcn(cidr="10.82.0.0/16").id)
    table = drg.default_drg_route_tables.vcn
    rule = client.add_drg_route_rules(table, M.AddDrgRouteRulesDetails(route_rules=[M.AddDrgRouteRuleDetails(
        destination="10.83.0.0/16", destination_type="CIDR_BLOCK",
        next_hop_drg_attachment_id=attachment.id)])).data[0]
    updated = client.update_drg_route_rules(table, M.UpdateDrgRouteRulesDetails(route_rules=[
        M.UpdateDrgRouteRuleDetails(id=rule.id, destination="10.84.0.0/16")])).data
    assert [r.destination for r in updated] == ["10.84.0.0/16"]
    static = client.list_drg_route_rules(table, route_type="STATIC").data
    assert [r.destination for r in static] == ["10.84.0.0/16"]


def test_cpe_device_shape_detail_and_config_content(oci_build):
    client = oci_build.client
    shape = client.list_cpe_device_shapes().data[0]
    detail = client.get_cpe_device_shape(shape.id).data
    assert detail.cpe_device_shape_id == shape.id and detail.parameters and detail.template
    connection = oci_build.ipsec(name="ipsec-content")
    content = client.get_ipsec_cpe_device_config_content(connection.id).data.content.decode()
    tunnels = oci_build.tunnels(connection.id)
    assert all(t.vpn_ip in content for t in tunnels)
    one = client.get_tunnel_cpe_device_config_content(connection.id, tunnels[0].id).data.content.decode()
    assert tunnels[0].vpn_ip in one and tunnels[1].vpn_ip not in one


def test_drg_redundancy_status_and_circuit_associated_tunnels(oci_build):
    client = oci_build.client
    drg = oci_build.drg(name="drg-redundancy")
    assert client.get_drg_redundancy_status(drg.id).data.status == "NOT_REDUNDANT_NO_CONNECTION"
    provider = oci_build.provider("Microsoft Azure")
    vc = client.create_virtual_circuit(M.CreateVirtualCircuitDetails(
        compartment_id=oci_build.compartment_id, type="PRIVATE", gateway_id=drg.id, bandwidth_shape_name="1 Gbps",
        provider_service_id=provider.id, provider_service_key_name="00000000-0000-0000-0000-000000000000")).data
    assert client.list_virtual_circuit_associated_tunnels(vc.id).data == []


def test_cpe_addresses_in_documentation_ranges_are_accepted(oci_build):
    assert oci_build.cpe(ip_address="203.0.113.10").ip_address == "203.0.113.10"
    assert oci_build.cpe(ip_address="198.51.100.10").ip_address == "198.51.100.10"
    with pytest.raises(oci.exceptions.ServiceError) as info:
        oci_build.cpe(ip_address="10.1.2.3")
    assert info.value.status == 400


def test_tunnels_serve_no_tags(twin, oci_build):
    """IPSecConnectionTunnel has no freeformTags/definedTags: the raw JSON (not the SDK's model,
    which drops unknown keys) must not carry them."""
    client = twin.oci_network()
    raw = []
    client.base_client.session.hooks["response"].append(lambda response, *a, **k: raw.append(response.json()))
    connection = oci_build.ipsec(name="ipsec-tags")
    tunnels = client.list_ip_sec_connection_tunnels(connection.id).data
    client.get_ip_sec_connection_tunnel(connection.id, tunnels[0].id)
    served = raw[0] + [raw[1]]
    assert len(served) == 3
    assert not [t for t in served if "freeformTags" in t or "definedTags" in t]


def test_stats_count_live_resources_only(fresh_twin):
    build = OciBuilder(fresh_twin)
    drg = build.drg(name="drg-stats")
    assert fresh_twin.stats()["resources"]["oci"]["drg"] == 1
    build.client.delete_drg(drg.id)
    build.wait(lambda: build.client.get_drg(drg.id), "TERMINATED", or_gone=True)
    counts = fresh_twin.stats()["resources"]["oci"]
    assert "drg" not in counts and "drgRouteTable" not in counts and "drgRouteDistribution" not in counts


def test_drg_upgrade_status_removing_distributions_and_cpe_config_content(oci_build):
    client = oci_build.client
    drg = oci_build.drg(name="drg-upgrade")
    assert client.get_upgrade_status(drg.id).data.status == "UPGRADED"
    assert client.upgrade_drg(drg.id).status == 200
    table = client.get_drg_route_table(drg.default_drg_route_tables.vcn).data
    assert table.import_drg_route_distribution_id
    cleared = client.remove_import_drg_route_distribution(table.id).data
    assert cleared.import_drg_route_distribution_id is None
    attachment = oci_build.attach_vcn(drg.id, oci_build.vcn(cidr="10.85.0.0/16").id)
    assert attachment.export_drg_route_distribution_id
    assert client.remove_export_drg_route_distribution(attachment.id).data.export_drg_route_distribution_id is None
    cpe = oci_build.cpe()
    connection = oci_build.ipsec(drg_id=drg.id, cpe_id=cpe.id, name="ipsec-cpe-content")
    content = client.get_cpe_device_config_content(cpe.id).data.content.decode()
    assert connection.id in content and all(t.vpn_ip in content for t in oci_build.tunnels(connection.id))


def test_tunnel_security_associations_follow_the_tunnel(oci_build):
    client = oci_build.client
    connection = oci_build.ipsec(name="ipsec-sa")
    tunnel = oci_build.tunnels(connection.id)[0]
    sas = client.list_ip_sec_connection_tunnel_security_associations(connection.id, tunnel.id).data
    assert [(sa.oracle_subnet, sa.cpe_subnet, sa.tunnel_sa_status) for sa in sas] == [
        ("0.0.0.0/0", "0.0.0.0/0", "DOWN")]            # no peer in the twin: the tunnel is DOWN
