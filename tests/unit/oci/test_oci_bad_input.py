"""Bad input the OCI modules refuse before any call that writes (the bad-input catalogue's unit
side): ids that are not OCIDs or are the OCID of another kind of resource, a wait_timeout that
is not positive, a FastConnect bandwidth the provider does not offer, immutables named by option."""

import oci
import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_checks
from ansible_collections.interconnect.oci_azure.plugins.modules import (
    oci_cpe, oci_drg, oci_drg_attachment, oci_ipsec_connection, oci_virtual_circuit,
)

from oci_unit_helpers import FakeClient

M = oci.core.models
COMPARTMENT = "ocid1.compartment.oc1..c"
VCN = "ocid1.vcn.oc1.eu-frankfurt-1.aaaaaaaavcn"
DRG = "ocid1.drg.oc1.eu-frankfurt-1.aaaaaaaadrg"


def failed_with(result, *fragments):
    assert result.get("failed") is True, result
    for fragment in fragments:
        assert fragment in result["msg"], result["msg"]


@pytest.mark.parametrize("value, types, problem", [
    ("ocid1.drg.oc1.iad.aaaaaaaaexample", ("drg",), None),
    ("ocid1.tenancy.oc1..aaaaaaaaexample", ("compartment", "tenancy"), None),
    ("ocid1.compartment.oc1..aaaaaaaaexample", None, None),
    ("hub-drg", ("drg",), "is not an OCID"),
    ("ocid1.drg", ("drg",), "is not an OCID"),
    (VCN, ("drg",), "is the OCID of a vcn, not of a drg"),
])
def test_ocid_problems(value, types, problem):
    found = oci_checks.ocid_problems(value, "drg_id", types)
    if problem is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith("drg_id: ") and problem in found[0]


def test_a_name_given_as_id_is_refused_before_any_call(run_module):
    result, client = run_module(oci_drg, {"id": "hub-drg", "compartment_id": COMPARTMENT},
                                FakeClient())
    failed_with(result, "id: 'hub-drg' is not an OCID")
    assert client.calls == []


def test_the_vcn_given_as_the_drg_is_refused_before_any_call(run_module):
    result, client = run_module(oci_ipsec_connection, {
        "display_name": "vpn", "compartment_id": COMPARTMENT, "drg_id": VCN,
        "cpe_id": "ocid1.cpe.oc1..p", "static_routes": ["10.2.0.0/16"]}, FakeClient())
    failed_with(result, "drg_id: %s is the OCID of a vcn, not of a drg" % VCN)
    assert client.calls == []


def test_an_attachment_id_of_another_kind_is_refused(run_module):
    result, client = run_module(oci_drg_attachment, {"id": DRG}, FakeClient())
    failed_with(result, "is the OCID of a drg, not of a drgattachment")
    assert client.calls == []


@pytest.mark.parametrize("timeout", [0, -60])
def test_a_wait_timeout_that_is_not_positive_is_refused_before_any_call(run_module, timeout):
    result, client = run_module(oci_drg, {"display_name": "hub", "compartment_id": COMPARTMENT,
                                          "wait_timeout": timeout}, FakeClient())
    failed_with(result, "wait_timeout: %d" % timeout)
    assert client.calls == []


def test_a_bandwidth_the_provider_does_not_offer_is_refused_before_any_write(run_module):
    azure = M.FastConnectProviderService(
        id="ocid1.providerservice.oc1..azure", provider_name="Microsoft Azure",
        provider_service_name="ExpressRoute", supported_virtual_circuit_types=["PRIVATE"],
        customer_asn_management="PROVIDER_MANAGED", provider_service_key_management="CUSTOMER_MANAGED")
    shapes = [M.VirtualCircuitBandwidthShape(name="%d Gbps" % g, bandwidth_in_mbps=1000 * g)
              for g in (1, 2, 5, 10)]
    client = FakeClient(list_virtual_circuits=[[]], list_fast_connect_provider_services=[[azure]],
                        get_fast_connect_provider_service_key=[
                            M.FastConnectProviderServiceKey(name="key-1", bandwidth_shape_name="1 Gbps")],
                        list_fast_connect_provider_virtual_circuit_bandwidth_shapes=[shapes])
    result, dummy = run_module(oci_virtual_circuit, {
        "display_name": "fc", "compartment_id": COMPARTMENT, "gateway_id": DRG,
        "provider_name": "Microsoft Azure", "provider_service_key_name": "key-1",
        "bandwidth_shape_name": "3 Gbps"}, client)
    failed_with(result, "bandwidth_shape_name '3 Gbps' is not offered by Microsoft Azure",
                "1 Gbps, 2 Gbps, 5 Gbps, 10 Gbps")
    assert client.writes() == []


def test_an_immutable_change_names_the_option(run_module):
    cpe = M.Cpe(id="ocid1.cpe.oc1..p", compartment_id=COMPARTMENT, display_name="edge",
                ip_address="20.81.10.44")
    client = FakeClient(list_cpes=[[cpe]])
    result, dummy = run_module(oci_cpe, {"display_name": "edge", "compartment_id": COMPARTMENT,
                                         "ip_address": "20.81.10.45"}, client)
    failed_with(result, "ip_address cannot be changed in place", "set replace=true")
    assert client.writes() == []
