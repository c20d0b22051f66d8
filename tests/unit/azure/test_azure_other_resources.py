"""Local network gateway prefixes (added and removed), ExpressRoute circuit and peering rules and
adoption, virtual network subnets kept whole."""

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import InputError, ensure
from ansible_collections.interconnect.oci_azure.plugins.modules import (
    azure_expressroute_circuit as circuit_module,
    azure_expressroute_peering as peering_module,
    azure_local_network_gateway as lng_module,
    azure_virtual_network as vnet_module,
)


# --- local network gateway ---------------------------------------------------------------------

def lng(make, **given):
    args = dict(name="lng", resource_group="rg", gateway_ip_address="129.146.1.1")
    args.update(given)
    return make(lng_module.LocalNetworkGateway, lng_module.ARGUMENT_SPEC, **args)


def test_prefixes_are_added_and_removed(make, cloud):
    assert ensure(lng(make, address_prefixes=["10.0.0.0/17", "10.0.128.0/17"]), "present")["changed"]
    result = ensure(lng(make, address_prefixes=["10.0.128.0/17", "10.9.0.0/16"]), "present")
    assert result["changed_fields"] == ["properties.localNetworkAddressSpace.addressPrefixes"]
    body = cloud.writes[-1][3]
    prefixes = body["properties"]["localNetworkAddressSpace"]["addressPrefixes"]
    assert sorted(prefixes) == ["10.0.128.0/17", "10.9.0.0/16"]
    cloud.writes.clear()
    same = ensure(lng(make, address_prefixes=["10.9.0.0/16", "10.0.128.0/17"]), "present")
    assert same["changed"] is False and cloud.writes == []
    emptied = ensure(lng(make, address_prefixes=[]), "present")
    assert emptied["changed"] is True
    assert cloud.writes[-1][3]["properties"]["localNetworkAddressSpace"]["addressPrefixes"] == []


def test_lng_rules_and_bgp_peer_warning(make):
    problems = lng_module.lng_problems(dict(gateway_ip_address="300.1.1.1", address_prefixes=["10.0.0.1/8"],
                                            bgp_settings={"asn": 65517, "bgp_peering_address": "x",
                                                          "peer_weight": 200}))
    assert len(problems) == 5
    resource = lng(make, address_prefixes=["169.254.21.0/30"],
                   bgp_settings={"asn": 31898, "bgp_peering_address": "169.254.21.1"})
    assert resource.validate() == []
    assert "holds the BGP peer 169.254.21.1" in resource.module.warnings[0]


def test_switching_between_address_and_fqdn_drops_the_other(make, cloud):
    ensure(lng(make, address_prefixes=[]), "present")
    resource = make(lng_module.LocalNetworkGateway, lng_module.ARGUMENT_SPEC, name="lng", resource_group="rg",
                    fqdn="vpn.example.com")
    ensure(resource, "present")
    properties = cloud.writes[-1][3]["properties"]
    assert properties["fqdn"] == "vpn.example.com" and "gatewayIpAddress" not in properties


# --- ExpressRoute circuit ----------------------------------------------------------------------

# What Azure's expressRouteServiceProviders list answers (REST shape; SDK
# express_route_service_providers.list()), for the fake cloud.
PROVIDERS = [
    {"name": "Oracle Cloud FastConnect", "properties": {
        "peeringLocations": ["Amsterdam2", "London", "Washington DC"],
        "bandwidthsOffered": [{"offerName": "%dGbps" % g, "valueInMbps": g * 1000} for g in (1, 2, 5, 10)]}},
    {"name": "Equinix", "properties": {
        "peeringLocations": ["Chicago", "Washington DC"],
        "bandwidthsOffered": [{"offerName": "50Mbps", "valueInMbps": 50}, {"offerName": "1Gbps", "valueInMbps": 1000}]}},
]


class FakeServiceProviders:
    def __init__(self, cloud):
        self.cloud = cloud

    def list(self):
        self.cloud.reads.append(("express_route_service_providers", "list", ()))
        return list(PROVIDERS)


@pytest.fixture(autouse=True)
def service_providers(cloud):
    cloud.groups["express_route_service_providers"] = FakeServiceProviders(cloud)


def circuit(make, **given):
    args = dict(name="er", resource_group="rg", peering_location="Washington DC", bandwidth_in_mbps=1000)
    args.update(given)
    return make(circuit_module.ExpressRouteCircuit, circuit_module.ARGUMENT_SPEC, **args)


def test_circuit_create_uses_oracle_and_standard_metered_defaults(make, cloud):
    result = ensure(circuit(make), "present")
    body = cloud.writes[0][3]
    assert body["sku"] == {"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"}
    assert body["properties"]["serviceProviderProperties"] == {
        "serviceProviderName": "Oracle Cloud FastConnect", "peeringLocation": "Washington DC",
        "bandwidthInMbps": 1000}
    assert result["expressroute_circuit"]["service_provider_properties"]["bandwidth_in_mbps"] == 1000
    cloud.writes.clear()
    # a task that only names the circuit (to wait on it) compares nothing else
    assert ensure(circuit(make, peering_location=None, bandwidth_in_mbps=None), "present")["changed"] is False
    assert ensure(circuit(make, sku_tier="Premium"), "present")["changed_fields"] == ["sku.name", "sku.tier"]
    assert cloud.writes[-1][3]["sku"] == {"name": "Premium_MeteredData", "tier": "Premium",
                                          "family": "MeteredData"}


def test_circuit_changes_azure_refuses(make, cloud):
    ensure(circuit(make, sku_family="UnlimitedData"), "present")
    with pytest.raises(InputError) as info:
        ensure(circuit(make, bandwidth_in_mbps=500), "present")
    assert "bandwidth_in_mbps cannot decrease" in info.value.problems[0]
    with pytest.raises(InputError) as info:
        ensure(circuit(make, sku_family="MeteredData"), "present")
    assert "UnlimitedData back to MeteredData" in info.value.problems[0]
    with pytest.raises(InputError) as info:
        ensure(circuit(make, peering_location="London"), "present")
    assert "peeringLocation cannot be changed in place" in info.value.problems[0]


@pytest.mark.parametrize("check_mode", [False, True])
@pytest.mark.parametrize("given,fragment", [
    (dict(peering_location="Chicago"), "peering_location 'Chicago' is not offered by Oracle Cloud FastConnect; "
                                       "it offers Amsterdam2, London, Washington DC"),
    (dict(bandwidth_in_mbps=500), "bandwidth_in_mbps 500 is not offered by Oracle Cloud FastConnect; "
                                  "it offers 1000, 2000, 5000, 10000 Mbps"),
    (dict(service_provider_name="Nobody"), "'Nobody' is not among the ExpressRoute providers"),
    (dict(sku_tier="Local"), "sku_tier Local requires sku_family UnlimitedData"),
])
def test_circuit_create_is_refused_for_what_the_provider_does_not_offer(make, cloud, check_mode, given, fragment):
    with pytest.raises(InputError) as info:
        ensure(circuit(make, check_mode=check_mode, **given), "present")
    assert any(fragment in p for p in info.value.problems), info.value.problems
    assert cloud.writes == []
    assert ("express_route_service_providers", "list", ()) in cloud.reads or "Local" in fragment


def test_circuit_create_lists_the_providers_once_and_an_existing_circuit_never(make, cloud):
    ensure(circuit(make, sku_tier="Local", sku_family="UnlimitedData"), "present")
    assert cloud.reads.count(("express_route_service_providers", "list", ())) == 1
    assert ensure(circuit(make, peering_location="Washington DC"), "present")["changed"] is False
    assert cloud.reads.count(("express_route_service_providers", "list", ())) == 1
    # another provider's offer is read from its own entry
    ensure(circuit(make, name="er2", service_provider_name="Equinix", peering_location="Chicago",
                   bandwidth_in_mbps=50), "present")


def test_circuit_returns_service_key_and_provider_state(make, cloud):
    resource = circuit(make)
    result = ensure(resource, "present")
    stored = cloud.ops("express_route_circuits").store[("rg", "er")]
    stored["properties"].update(serviceKey="abc-123", serviceProviderProvisioningState="NotProvisioned")
    again = circuit(make)
    result = ensure(again, "present")
    extra = again.extra_results(result)
    assert extra == {"service_key": "abc-123", "service_provider_provisioning_state": "NotProvisioned"}


# --- ExpressRoute peering ----------------------------------------------------------------------

PEERING = dict(circuit="er", resource_group="rg", peer_asn=31898, primary_peer_address_prefix="192.168.1.0/30",
               secondary_peer_address_prefix="192.168.1.4/30", vlan_id=100)
PROVIDER_PEERING = {"name": "AzurePrivatePeering", "properties": {
    "peeringType": "AzurePrivatePeering", "peerASN": 31898, "primaryPeerAddressPrefix": "192.168.1.0/30",
    "secondaryPeerAddressPrefix": "192.168.1.4/30", "vlanId": 100, "azureASN": 12076,
    "lastModifiedBy": "ServiceProvider", "provisioningState": "Succeeded"}}


@pytest.mark.parametrize("overrides,fragment", [
    (dict(primary_peer_address_prefix="192.168.1.0/29"), "must be an IPv4 /30"),
    (dict(primary_peer_address_prefix="192.168.1.1/30"), "not a valid prefix"),
    (dict(secondary_peer_address_prefix="192.168.1.0/30"), "overlap"),
    (dict(vlan_id=5000), "between 1 and 4094"),
    (dict(peer_asn=65515), "reserved"),
])
def test_peering_rules(overrides, fragment):
    found = peering_module.peering_problems(dict(PEERING, **overrides))
    assert any(fragment in p for p in found), found


def peering(make, cloud, **given):
    cloud.ops("express_route_circuits").store[("rg", "er")] = {"name": "er", "properties": {
        "serviceProviderProperties": {"serviceProviderName": "Oracle Cloud FastConnect"}}}
    return make(peering_module.Peering, peering_module.ARGUMENT_SPEC, **dict(PEERING, **given))


def test_adopts_the_peering_the_provider_created(make, cloud):
    cloud.ops("express_route_circuit_peerings").store[("rg", "er", "AzurePrivatePeering")] = PROVIDER_PEERING
    resource = peering(make, cloud)
    result = ensure(resource, "present")
    assert result["changed"] is False and cloud.writes == []
    assert resource.extra_results(result) == {"adopted": True}
    assert result["peering"]["last_modified_by"] == "ServiceProvider"


def test_creates_when_absent_and_adopts_on_a_race(make, cloud):
    resource = peering(make, cloud)
    result = ensure(resource, "present")
    assert result["changed"] is True and resource.extra_results(result) == {"adopted": False}
    # the provider creates it between our read and our write: the 409 is not a failure
    cloud.ops("express_route_circuit_peerings").store.clear()
    cloud.ops("express_route_circuit_peerings").conflict_once = PROVIDER_PEERING
    cloud.writes.clear()
    racing = peering(make, cloud)
    result = ensure(racing, "present")
    assert racing.extra_results(result) == {"adopted": True}
    assert [w[1] for w in cloud.writes] == ["PUT"]        # the refused create only


def test_oracle_peer_asn_mismatch_warns(make, cloud):
    resource = peering(make, cloud, peer_asn=65001)
    resource.find()
    resource.desired()
    assert "31898" in resource.module.warnings[0]


# --- virtual network -----------------------------------------------------------------------------

def test_subnets_not_listed_are_kept_whole(make, cloud):
    spec = vnet_module.ARGUMENT_SPEC
    cloud.ops("virtual_networks").store[("rg", "vnet")] = {
        "id": "/subscriptions/x/vnet", "location": "eastus",
        "properties": {
            "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
            "subnets": [{"name": "app", "id": "/subscriptions/x/vnet/subnets/app", "properties": {
                "addressPrefix": "10.0.1.0/24", "networkSecurityGroup": {"id": "/subscriptions/x/nsg"}}}]}}
    resource = make(vnet_module.VirtualNetwork, spec, name="vnet", resource_group="rg",
                    subnets=[{"name": "GatewaySubnet", "address_prefix": "10.0.255.0/27"}])
    result = ensure(resource, "present")
    assert result["changed_fields"] == ["properties.subnets"]
    subnets = cloud.writes[-1][3]["properties"]["subnets"]
    assert [s["name"] for s in subnets] == ["GatewaySubnet", "app"]
    assert subnets[1]["properties"]["networkSecurityGroup"] == {"id": "/subscriptions/x/nsg"}
    cloud.writes.clear()
    again = make(vnet_module.VirtualNetwork, spec, name="vnet", resource_group="rg",
                 subnets=[{"name": "GatewaySubnet", "address_prefix": "10.0.255.0/27"}])
    assert ensure(again, "present")["changed"] is False and cloud.writes == []


# --- check mode refuses what a real create refuses (engine: Resource.create_problems) ----------

@pytest.mark.parametrize("check_mode", [False, True])
def test_create_requirements_hold_in_check_mode(make, cloud, check_mode):
    cases = [
        (make(lng_module.LocalNetworkGateway, lng_module.ARGUMENT_SPEC, check_mode=check_mode,
              name="lng", resource_group="rg"), "gateway_ip_address or fqdn is required to create"),
        (make(vnet_module.VirtualNetwork, vnet_module.ARGUMENT_SPEC, check_mode=check_mode,
              name="vnet", resource_group="rg"), "address_prefixes is required to create"),
        (make(circuit_module.ExpressRouteCircuit, circuit_module.ARGUMENT_SPEC, check_mode=check_mode,
              name="er", resource_group="rg", bandwidth_in_mbps=1000), "peering_location required to create"),
    ]
    for resource, fragment in cases:
        with pytest.raises(InputError) as info:
            ensure(resource, "present")
        assert fragment in info.value.problems[0]
    assert cloud.writes == []
