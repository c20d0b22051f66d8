"""Issue 11, the twin's Azure rules through azure-mgmt-network: non-AZ VpnGw1-5 cannot be created,
AZ SKUs need Standard public IPs, FastPath SKUs (ErGwScale with >= 10 scale units), ExpressRoute
Local needs UnlimitedData, and the expressRouteServiceProviders catalogue the circuit PUT obeys."""

import json
import os
import time

import pytest
from conftest import OciBuilder
from oci.core import models as M
from test_azure_support import AzureBuilder, arm_error, error_code

from emulator import rules


pytestmark = pytest.mark.usefixtures("fast_polls")


@pytest.fixture(scope="module")
def az(twin):
    return AzureBuilder(twin, twin.azure_network())


def _circuit(az, name, provider=rules.AZURE_ER_PROVIDER_ORACLE, location="Washington DC", mbps=1000,
             tier="Standard", family="MeteredData"):
    return az.net.express_route_circuits.begin_create_or_update(az.rg, name, {
        "location": az.location, "sku": {"name": "%s_%s" % (tier, family), "tier": tier, "family": family},
        "properties": {"serviceProviderProperties": {"serviceProviderName": provider, "peeringLocation": location,
                                                     "bandwidthInMbps": mbps}}})


# --- item 6: gateway SKUs --------------------------------------------------------------------------
@pytest.mark.parametrize("sku", rules.AZURE_VPN_SKUS_NO_CREATE)
def test_a_new_non_az_vpngw_gateway_is_refused(az, sku):
    vnet = az.vnet("vnet-noaz-%s" % sku.lower(), prefix="10.61.0.0/16", gateway_subnet="10.61.255.0/27")
    pip = az.public_ip("pip-noaz-%s" % sku.lower())
    err = arm_error(az.begin_gateway, "vng-noaz-%s" % sku.lower(), vnet, [pip], sku=sku)
    assert err.status_code == 400 and error_code(err) == "VpnGatewaySkuNotSupportedForNewGateways"
    assert "%sAZ" % sku in err.message and "2025-01-01" in err.message


def test_an_existing_non_az_gateway_can_still_be_updated(twin_factory):
    """A VpnGw1 gateway created before 2025 (written into the state file) still takes updates."""
    fresh = twin_factory()
    b = AzureBuilder(fresh, fresh.azure_network())
    vnet = b.vnet("vnet-old", prefix="10.62.0.0/16", gateway_subnet="10.62.255.0/27")
    pip = b.public_ip("pip-old")
    b.gateway("vng-old", vnet, [pip], enable_bgp=False, sku="VpnGw1AZ")
    fresh.stop()
    path = os.path.join(fresh.state_dir, "state.json")
    with open(path, encoding="utf-8") as fh:
        state = json.load(fh)
    for gateway in state["azure"]["virtualNetworkGateway"].values():
        gateway["properties"]["sku"] = {"name": "VpnGw1", "tier": "VpnGw1"}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(state, fh)
    fresh.start()
    b = AzureBuilder(fresh, fresh.azure_network(), resource_group=b.rg)
    updated = b.gateway("vng-old", vnet, [pip], enable_bgp=True, asn=65020, sku="VpnGw1")
    assert (updated.sku.name, updated.enable_bgp) == ("VpnGw1", True)


def test_an_az_gateway_refuses_a_basic_public_ip(az):
    vnet = az.vnet("vnet-azbasic", prefix="10.63.0.0/16", gateway_subnet="10.63.255.0/27")
    pip = az.public_ip("pip-azbasic", sku="Basic", method="Dynamic")
    err = arm_error(az.begin_gateway, "vng-azbasic", vnet, [pip], sku="VpnGw2AZ")
    assert error_code(err) == "VirtualNetworkGatewayAzSkuRequiresStandardPublicIp"


# --- item 7: FastPath ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def er_world(az, twin, oci_network):
    """An ER circuit provisioned by a FastConnect virtual circuit, and ErGwScale gateways (min 2 / min 10)."""
    circuit = _circuit(az, "er-fastpath").result()
    ocib = OciBuilder(twin, oci_network)
    drg = ocib.drg(name="drg-fastpath")
    provider = ocib.provider("Microsoft Azure")
    oci_network.create_virtual_circuit(M.CreateVirtualCircuitDetails(
        compartment_id=ocib.compartment_id, type="PRIVATE", gateway_id=drg.id, bandwidth_shape_name="1 Gbps",
        provider_service_id=provider.id, provider_service_key_name=circuit.service_key, display_name="vc-fastpath",
        cross_connect_mappings=[
            M.CrossConnectMapping(oracle_bgp_peering_ip="192.168.91.1/30", customer_bgp_peering_ip="192.168.91.2/30"),
            M.CrossConnectMapping(oracle_bgp_peering_ip="192.168.91.5/30", customer_bgp_peering_ip="192.168.91.6/30")]))
    gateways = {}
    pollers = {}
    for name, low in (("small", 2), ("big", 10)):
        octet = 64 if name == "small" else 65
        vnet = az.vnet("vnet-scale-" + name, prefix="10.%d.0.0/16" % octet, gateway_subnet="10.%d.255.0/27" % octet)
        body = az.gateway_body("ergw-" + name, vnet, [None], enable_bgp=False, gateway_type="ExpressRoute",
                               sku="ErGwScale")
        body["properties"]["autoScaleConfiguration"] = {"bounds": {"min": low, "max": 20}}
        pollers[name] = az.net.virtual_network_gateways.begin_create_or_update(az.rg, "ergw-" + name, body)
    for name, poller in pollers.items():
        gateways[name] = poller.result()
    deadline = time.monotonic() + 20
    while az.net.express_route_circuits.get(az.rg, "er-fastpath").service_provider_provisioning_state != "Provisioned":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return {"circuit": az.net.express_route_circuits.get(az.rg, "er-fastpath"), "gateways": gateways}


def test_ergwscale_serves_its_autoscale_bounds(az, er_world):
    gateway = az.net.virtual_network_gateways.get(az.rg, "ergw-big")
    bounds = gateway.auto_scale_configuration.bounds
    assert (bounds.min, bounds.max) == (10, 20)
    assert az.net.virtual_network_gateways.get(az.rg, "ergw-small").auto_scale_configuration.bounds.min == 2


def test_fastpath_on_ergwscale_needs_ten_scale_units(az, er_world):
    def body(gateway):
        return {"location": az.location, "properties": {
            "connectionType": "ExpressRoute", "virtualNetworkGateway1": {"id": gateway.id},
            "peer": {"id": er_world["circuit"].id}, "expressRouteGatewayBypass": True}}

    err = arm_error(az.net.virtual_network_gateway_connections.begin_create_or_update, az.rg, "conn-fp-small",
                    body(er_world["gateways"]["small"]))
    assert error_code(err) == "ExpressRouteGatewayBypassNotSupportedOnGatewaySku"
    assert "at least 10 scale units" in err.message and "min 2" in err.message
    conn = az.net.virtual_network_gateway_connections.begin_create_or_update(
        az.rg, "conn-fp-big", body(er_world["gateways"]["big"])).result()
    assert conn.express_route_gateway_bypass is True
    az.net.virtual_network_gateway_connections.begin_delete(az.rg, "conn-fp-big").result()


def test_autoscale_bounds_are_validated(az):
    vnet = az.vnet("vnet-scale-bad", prefix="10.66.0.0/16", gateway_subnet="10.66.255.0/27")
    body = az.gateway_body("ergw-bad", vnet, [None], enable_bgp=False, gateway_type="ExpressRoute", sku="ErGwScale")
    body["properties"]["autoScaleConfiguration"] = {"bounds": {"min": 12, "max": 4}}
    err = arm_error(az.net.virtual_network_gateways.begin_create_or_update, az.rg, "ergw-bad", body)
    assert error_code(err) == "InvalidAutoScaleConfiguration"


# --- item 10: expressRouteServiceProviders -----------------------------------------------------------
def test_express_route_service_providers_list(az):
    providers = list(az.net.express_route_service_providers.list())
    oracle = next(p for p in providers if p.name == rules.AZURE_ER_PROVIDER_ORACLE)
    assert oracle.type == "Microsoft.Network/expressRouteServiceProviders"
    assert oracle.id.endswith("/providers/Microsoft.Network/expressRouteServiceProviders/OracleCloudFastConnect")
    assert {"Washington DC", "Amsterdam2", "Tokyo"} <= set(oracle.peering_locations)
    offers = {b.offer_name: b.value_in_mbps for b in oracle.bandwidths_offered}
    assert offers["1Gbps"] == 1000 and offers["10Gbps"] == 10000
    assert oracle.provisioning_state == "Succeeded"
    assert len(providers) >= 3


def test_circuit_put_obeys_the_provider_catalogue(az):
    err = arm_error(_circuit, az, "er-nowhere", location="Atlantis")
    assert error_code(err) == "ServiceProviderNotAvailableAtPeeringLocation" and "Washington DC" in err.message
    err = arm_error(_circuit, az, "er-noprovider", provider="Acme Fiber")
    assert error_code(err) == "InvalidServiceProviderName"
    err = arm_error(_circuit, az, "er-megaport-10g", provider="Megaport", location="Tokyo")
    assert error_code(err) == "ServiceProviderNotAvailableAtPeeringLocation"
    assert _circuit(az, "er-ams", location="Amsterdam2").result().service_provider_properties.peering_location == \
        "Amsterdam2"


# --- item 11: ExpressRoute Local ---------------------------------------------------------------------
def test_expressroute_local_needs_unlimited_data(az):
    err = arm_error(_circuit, az, "er-local-metered", tier="Local", family="MeteredData")
    assert error_code(err) == "InvalidExpressRouteCircuitSku" and "UnlimitedData" in err.message
    circuit = _circuit(az, "er-local", tier="Local", family="UnlimitedData").result()
    assert (circuit.sku.name, circuit.sku.tier, circuit.sku.family) == ("Local_UnlimitedData", "Local",
                                                                        "UnlimitedData")
