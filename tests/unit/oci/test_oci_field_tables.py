"""The OCI modules' field tables, judged by the SDK's models: every write path is a field of the
create (or update) details model, and build_model makes the same details as building them by
hand, nested and polymorphic models included."""

import importlib

import oci
import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_resource import (
    OCIResource,
    build_model,
)

M = oci.core.models
MODULES = ["oci_cpe", "oci_drg", "oci_drg_attachment", "oci_drg_route_table", "oci_ipsec_connection",
           "oci_vcn", "oci_virtual_circuit"]


def resource_class(name):
    module = importlib.import_module("ansible_collections.interconnect.oci_azure.plugins.modules." + name)
    classes = [value for value in vars(module).values()
               if isinstance(value, type) and issubclass(value, OCIResource) and value is not OCIResource]
    assert len(classes) == 1, name
    return classes[0]


def model_type_at(model_name, path):
    """The swagger type at a dotted write path of a model, or None when a step is missing."""
    type_name = model_name
    for part in path.split("."):
        model_class = getattr(M, type_name, None)
        if model_class is None:
            return None
        types = model_class().swagger_types
        if part not in types:
            return None
        type_name = types[part]
    return type_name


@pytest.mark.parametrize("name", MODULES)
def test_every_write_path_is_a_field_of_the_sdk_details(name):
    resource = resource_class(name)
    table = resource.fields
    assert getattr(M, resource.create_model) and getattr(M, resource.update_model)
    for field in table:
        if not field.desired_field or not field.write or table.is_container(field):
            continue
        assert model_type_at(resource.create_model, field.write) is not None, \
            "%s: %s is not in %s" % (name, field.write, resource.create_model)
        if field.update:
            assert model_type_at(resource.update_model, field.write) is not None, \
                "%s: %s is not in %s (mark it update=False or immutable)" % (
                    name, field.write, resource.update_model)


@pytest.mark.parametrize("name", MODULES)
def test_a_field_the_update_model_lacks_is_marked_create_only(name):
    """The converse: a field sent on create that the update model has no place for must not be
    offered as changeable in place (it would be silently dropped)."""
    resource = resource_class(name)
    for field in resource.fields:
        if field.desired_field and field.write and not resource.fields.is_container(field) \
                and model_type_at(resource.update_model, field.write) is None:
            assert not field.update, "%s: %s" % (name, field.option)


def test_build_model_makes_nested_lists_and_subtypes():
    details = build_model("CreateDrgAttachmentDetails", {
        "drg_id": "ocid1.drg.oc1..d", "network_details": {"type": "VCN", "id": "ocid1.vcn.oc1..v"}})
    assert isinstance(details.network_details, M.VcnDrgAttachmentNetworkCreateDetails)
    assert details.network_details.id == "ocid1.vcn.oc1..v"
    circuit = build_model("CreateVirtualCircuitDetails", {
        "type": "PRIVATE", "cross_connect_mappings": [
            {"oracle_bgp_peering_ip": "10.99.0.1/30", "customer_bgp_peering_ip": "10.99.0.2/30"}]})
    assert isinstance(circuit.cross_connect_mappings[0], M.CrossConnectMapping)
    assert circuit.cross_connect_mappings[0].customer_bgp_peering_ip == "10.99.0.2/30"
    tunnel = build_model("UpdateIPSecConnectionTunnelDetails", {
        "bgp_session_config": {"customer_bgp_asn": "65010"}, "dpd_config": {"dpd_timeout_in_sec": 20}})
    assert isinstance(tunnel.bgp_session_config, M.UpdateIPSecTunnelBgpSessionDetails)
    assert isinstance(tunnel.dpd_config, M.DpdConfig)


def test_build_model_serialises_like_a_hand_built_model():
    by_hand = M.CreateVirtualCircuitDetails(
        compartment_id="c", type="PRIVATE", freeform_tags={"a": "b"},
        cross_connect_mappings=[M.CrossConnectMapping(oracle_bgp_peering_ip="10.99.0.1/30")])
    built = build_model("CreateVirtualCircuitDetails", {
        "compartment_id": "c", "type": "PRIVATE", "freeform_tags": {"a": "b"},
        "cross_connect_mappings": [{"oracle_bgp_peering_ip": "10.99.0.1/30"}]})
    # the SDK's request serialiser, from a client that needs no configuration for it
    client = oci.base_client.BaseClient.__new__(oci.base_client.BaseClient)
    client.complex_type_mappings = {}
    serialise = client.sanitize_for_serialization
    wire = serialise(built)
    assert wire == serialise(by_hand)
    assert wire["crossConnectMappings"] == [{"oracleBgpPeeringIp": "10.99.0.1/30"}]


def test_build_model_refuses_a_key_the_model_lacks():
    with pytest.raises(ValueError, match="CreateCpeDetails has no field vlan"):
        build_model("CreateCpeDetails", {"ip_address": "192.0.2.1", "vlan": 100})
