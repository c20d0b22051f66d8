"""ARM resources through azure-mgmt-network (resource groups through raw ARM calls): create, get, list,
update, delete; paging; api-versions; 404s; restart. (Poll delays are capped: see cap_poll_delay.)"""

import ipaddress
import uuid

import pytest
from azure.core.exceptions import ResourceNotFoundError
from azure.core.rest import HttpRequest
from test_azure_support import GCM_POLICY, AzureBuilder, arm_error, error_code

OLD_API_VERSION = "2015-06-15"


pytestmark = pytest.mark.usefixtures("fast_polls")


@pytest.fixture(scope="module")
def net(twin):
    return twin.azure_network()


@pytest.fixture
def az(twin, net):
    return AzureBuilder(twin, net)


@pytest.fixture(scope="module")
def vpn(twin, net):
    """An active-active BGP gateway with custom APIPA addresses (one per instance), built once."""
    builder = AzureBuilder(twin, net)
    vnet = builder.vnet("vnet-gw", prefix="10.1.0.0/16", gateway_subnet="10.1.255.0/27")
    pips = [builder.begin_public_ip("pip-gw-%d" % i, zones=["1", "2", "3"]) for i in (1, 2)]
    pips = [p.result() for p in pips]
    gateway = builder.gateway("vng-aa", vnet, pips, active_active=True, asn=65010,
                              custom=[["169.254.21.2"], ["169.254.22.2"]])
    return builder, vnet, pips, gateway


def _poll_rg_delete(twin, response):
    assert response.status_code == 202
    location = response.headers["Location"]
    assert int(response.headers["Retry-After"]) >= 1
    for _ in range(200):
        polled = twin.arm("GET", location.split(twin.endpoints["azure"]["resource_manager"], 1)[1])
        if polled.status_code == 200:
            return
        assert polled.status_code == 202
    raise AssertionError("resource group delete did not finish")


# ---------------------------------------------------------------------------------- resource groups
def test_resource_group_create_get_head_list_patch_delete(twin):
    name = "rg-crud-%s" % uuid.uuid4().hex[:6]
    path = "/subscriptions/{subscription}/resourcegroups/" + name
    created = twin.arm("PUT", path, json={"location": "East US", "tags": {"env": "test"}})
    assert created.status_code == 201
    body = created.json()
    assert body["name"] == name and body["location"] == "eastus" and body["tags"] == {"env": "test"}
    assert body["type"] == "Microsoft.Resources/resourceGroups"
    assert body["properties"]["provisioningState"] == "Succeeded"
    assert twin.arm("PUT", path, json={"location": "eastus"}).status_code == 200
    moved = twin.arm("PUT", path, json={"location": "westeurope"})
    assert (moved.status_code, moved.json()["error"]["code"]) == (409, "InvalidResourceGroupLocation")
    # ARM paths are case-insensitive
    assert twin.arm("GET", path.replace("resourcegroups", "resourceGroups").upper().replace(
        "/SUBSCRIPTIONS/{SUBSCRIPTION}", "/subscriptions/{subscription}")).status_code == 200
    assert twin.arm("HEAD", path).status_code == 204
    patched = twin.arm("PATCH", path, json={"tags": {"env": "prod"}})
    assert patched.json()["tags"] == {"env": "prod"}
    names = _list_all(twin, "/subscriptions/{subscription}/resourcegroups")
    assert name in names
    _poll_rg_delete(twin, twin.arm("DELETE", path))
    missing = twin.arm("GET", path)
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "ResourceGroupNotFound")
    assert twin.arm("HEAD", path).status_code == 404


def _list_all(twin, path):
    """Follow nextLink through raw ARM pages; returns the names."""
    names, page = [], twin.arm("GET", path).json()
    while True:
        names += [item["name"] for item in page["value"]]
        if not page.get("nextLink"):
            return names
        base = twin.endpoints["azure"]["resource_manager"]
        page = twin.arm("GET", page["nextLink"][len(base):]).json()


def test_deleting_a_resource_group_deletes_its_resources(twin, az):
    az.vnet("vnet-in-rg", gateway_subnet=None, subnets=[("apps", "10.1.1.0/24")])
    _poll_rg_delete(twin, twin.arm("DELETE", "/subscriptions/{subscription}/resourcegroups/" + az.rg))
    err = arm_error(az.net.virtual_networks.get, az.rg, "vnet-in-rg")
    assert isinstance(err, ResourceNotFoundError) and error_code(err) == "ResourceGroupNotFound"
    assert twin.ensure_resource_group(az.rg)["name"] == az.rg          # the name is free again
    assert list(az.net.virtual_networks.list(az.rg)) == []


def test_missing_resource_group_and_missing_resource_are_404(twin, net, az):
    err = arm_error(net.virtual_networks.get, "rg-does-not-exist", "vnet")
    assert isinstance(err, ResourceNotFoundError) and error_code(err) == "ResourceGroupNotFound"
    err = arm_error(net.public_ip_addresses.begin_create_or_update, "rg-does-not-exist", "pip",
                    {"location": "eastus", "sku": {"name": "Standard"}})
    assert error_code(err) == "ResourceGroupNotFound"
    for call in (net.virtual_networks.get, net.public_ip_addresses.get, net.virtual_network_gateways.get,
                 net.local_network_gateways.get, net.virtual_network_gateway_connections.get,
                 net.express_route_circuits.get):
        err = arm_error(call, az.rg, "nothing-here")
        assert isinstance(err, ResourceNotFoundError) and error_code(err) == "ResourceNotFound", call
        assert "nothing-here" in err.error.message


def test_deleting_a_missing_resource_is_204(twin, az):
    for collection in ("virtualNetworks", "publicIPAddresses", "virtualNetworkGateways", "localNetworkGateways",
                       "connections", "expressRouteCircuits"):
        response = twin.arm("DELETE", az.rid(collection, "absent"), api_version="2024-05-01")
        assert response.status_code == 204, collection
    az.net.local_network_gateways.begin_delete(az.rg, "absent").result()    # the SDK sees success


# --------------------------------------------------------------------------------- VNets and subnets
def test_virtual_network_and_subnet_crud(twin, az):
    poller = az.begin_vnet("vnet-crud", prefix="10.8.0.0/16", gateway_subnet="10.8.255.0/27",
                           subnets=[("apps", "10.8.1.0/24")])
    vnet = poller.result()
    assert vnet.properties.provisioning_state == "Succeeded"
    assert vnet.properties.address_space.address_prefixes == ["10.8.0.0/16"]
    assert {s.name for s in vnet.properties.subnets} == {"apps", "GatewaySubnet"}
    assert vnet.id == az.rid("virtualNetworks", "vnet-crud")
    assert vnet.location == "eastus" and vnet.etag.startswith('W/"')

    subnet = az.net.subnets.begin_create_or_update(az.rg, "vnet-crud", "db", {
        "properties": {"addressPrefix": "10.8.2.0/24"}}).result()
    assert subnet.id == vnet.id + "/subnets/db" and subnet.properties.provisioning_state == "Succeeded"
    assert az.net.subnets.get(az.rg, "vnet-crud", "db").properties.address_prefix == "10.8.2.0/24"
    assert sorted(s.name for s in az.net.subnets.list(az.rg, "vnet-crud")) == ["GatewaySubnet", "apps", "db"]
    az.net.subnets.begin_delete(az.rg, "vnet-crud", "db").result()
    err = arm_error(az.net.subnets.get, az.rg, "vnet-crud", "db")
    assert isinstance(err, ResourceNotFoundError)

    body = {"location": "eastus",
            "properties": {"addressSpace": {"addressPrefixes": ["10.8.0.0/16", "10.9.0.0/16"]},
                           "subnets": [{"name": "apps", "properties": {"addressPrefix": "10.9.1.0/24"}}]}}
    updated = az.net.virtual_networks.begin_create_or_update(az.rg, "vnet-crud", body).result()
    assert updated.properties.address_space.address_prefixes == ["10.8.0.0/16", "10.9.0.0/16"]
    assert [(s.name, s.properties.address_prefix) for s in updated.properties.subnets] == [("apps", "10.9.1.0/24")]
    assert updated.etag != vnet.etag

    tagged = az.net.virtual_networks.update_tags(az.rg, "vnet-crud", {"tags": {"team": "net"}})
    assert tagged.tags == {"team": "net"}
    assert [v.name for v in az.net.virtual_networks.list(az.rg)] == ["vnet-crud"]
    assert "vnet-crud" in [v.name for v in az.net.virtual_networks.list_all()]
    az.net.virtual_networks.begin_delete(az.rg, "vnet-crud").result()
    assert list(az.net.virtual_networks.list(az.rg)) == []


# ------------------------------------------------------------------------------------------ public IPs
def test_public_ip_crud_assigns_a_unique_static_address(twin, az):
    pollers = [az.begin_public_ip("pip-%d" % i, zones=["1", "2", "3"]) for i in range(3)]
    pips = [p.result() for p in pollers]
    addresses = [p.properties.ip_address for p in pips]
    assert len(set(addresses)) == 3
    assert all(ipaddress.IPv4Address(a).is_global for a in addresses)
    pip = pips[0]
    assert pip.sku.name == "Standard" and pip.properties.public_ip_allocation_method == "Static"
    assert pip.zones == ["1", "2", "3"] and pip.properties.public_ip_address_version == "IPv4"
    again = az.public_ip("pip-0", zones=["1", "2", "3"])
    assert again.properties.ip_address == pip.properties.ip_address      # an update keeps the address
    assert az.net.public_ip_addresses.get(az.rg, "pip-0").properties.ip_address == pip.properties.ip_address
    assert sorted(p.name for p in az.net.public_ip_addresses.list(az.rg)) == ["pip-0", "pip-1", "pip-2"]
    assert az.net.public_ip_addresses.update_tags(az.rg, "pip-1", {"tags": {"a": "b"}}).tags == {"a": "b"}
    for i in range(3):
        az.net.public_ip_addresses.begin_delete(az.rg, "pip-%d" % i).result()
    assert list(az.net.public_ip_addresses.list(az.rg)) == []


def test_basic_dynamic_public_ip_has_no_address_until_a_gateway_takes_it(twin, az):
    pip = az.public_ip("pip-basic", sku="Basic", method="Dynamic")
    assert pip.properties.public_ip_allocation_method == "Dynamic"
    assert pip.properties.ip_address is None


# ------------------------------------------------------------------------------ local network gateways
def test_local_network_gateway_crud(twin, az):
    lng = az.local_gateway("lng-crud", "129.146.10.1", prefixes=["10.0.0.0/16"], asn=31898, peer="169.254.21.1")
    assert lng.properties.gateway_ip_address == "129.146.10.1"
    assert lng.properties.bgp_settings.asn == 31898
    assert lng.properties.bgp_settings.bgp_peering_address == "169.254.21.1"
    assert lng.properties.provisioning_state == "Succeeded"
    updated = az.local_gateway("lng-crud", "129.146.10.1", prefixes=[])
    assert updated.properties.local_network_address_space.address_prefixes == []
    assert updated.properties.bgp_settings is None
    assert [g.name for g in az.net.local_network_gateways.list(az.rg)] == ["lng-crud"]
    az.net.local_network_gateways.begin_delete(az.rg, "lng-crud").result()
    assert isinstance(arm_error(az.net.local_network_gateways.get, az.rg, "lng-crud"), ResourceNotFoundError)


# ---------------------------------------------------------------------------- gateways and connections
def test_active_active_gateway_shape(vpn):
    builder, vnet, pips, gateway = vpn
    props = gateway.properties
    assert props.provisioning_state == "Succeeded"
    assert (props.gateway_type, props.vpn_type, props.sku.name, props.sku.tier) == \
        ("Vpn", "RouteBased", "VpnGw2AZ", "VpnGw2AZ")
    assert props.active_active is True and props.enable_bgp is True
    assert [c.name for c in props.ip_configurations] == ["ipconfig1", "ipconfig2"]
    bgp = props.bgp_settings
    assert bgp.asn == 65010 and bgp.peer_weight == 0
    entries = bgp.bgp_peering_addresses
    assert [e.ipconfiguration_id for e in entries] == [c.id for c in props.ip_configurations]
    assert [e.custom_bgp_ip_addresses for e in entries] == [["169.254.21.2"], ["169.254.22.2"]]
    assert [e.tunnel_ip_addresses for e in entries] == [[p.properties.ip_address] for p in pips]
    defaults = [e.default_bgp_ip_addresses[0] for e in entries]
    assert all(ipaddress.IPv4Address(a) in ipaddress.IPv4Network("10.1.255.0/27") for a in defaults)
    assert bgp.bgp_peering_address == ",".join(defaults)
    # the gateway's ipConfigurations show up on the subnet and the public IPs
    subnet = builder.net.subnets.get(builder.rg, "vnet-gw", "GatewaySubnet")
    assert sorted(c.id for c in subnet.properties.ip_configurations) == sorted(c.id for c in props.ip_configurations)
    pip = builder.net.public_ip_addresses.get(builder.rg, "pip-gw-1")
    assert pip.properties.ip_configuration.id == props.ip_configurations[0].id
    assert [g.name for g in builder.net.virtual_network_gateways.list(builder.rg)] == ["vng-aa"]


def test_active_passive_default_bgp_ip_is_the_last_usable_address(twin, az):
    vnet = az.vnet("vnet-ap", prefix="10.2.0.0/16", gateway_subnet="10.2.255.0/27")
    pip = az.public_ip("pip-ap")
    gateway = az.gateway("vng-ap", vnet, [pip], asn=65020)
    entry = gateway.properties.bgp_settings.bgp_peering_addresses[0]
    assert entry.default_bgp_ip_addresses == ["10.2.255.30"]
    assert gateway.properties.bgp_settings.bgp_peering_address == "10.2.255.30"
    assert entry.custom_bgp_ip_addresses == []
    # an update that adds a custom APIPA keeps the default address
    body = az.gateway_body("vng-ap", vnet, [pip], asn=65020, custom=[["169.254.21.6"]])
    updated = az.net.virtual_network_gateways.begin_create_or_update(az.rg, "vng-ap", body).result()
    entry = updated.properties.bgp_settings.bgp_peering_addresses[0]
    assert entry.default_bgp_ip_addresses == ["10.2.255.30"] and entry.custom_bgp_ip_addresses == ["169.254.21.6"]
    az.net.virtual_network_gateways.begin_delete(az.rg, "vng-ap").result()
    assert list(az.net.virtual_network_gateways.list(az.rg)) == []


def test_connection_crud_and_shared_key(vpn):
    builder, vnet, pips, gateway = vpn
    lng = builder.local_gateway("lng-conn", "129.146.20.1", asn=31898, peer="169.254.21.1")
    configs = [c.id for c in gateway.properties.ip_configurations]
    connection = builder.connection("conn-crud", gateway, lng, shared_key="Secret Key 1",
                                    pinned=[(configs[0], "169.254.21.2"), (configs[1], "169.254.22.2")],
                                    policy=GCM_POLICY, dpdTimeoutSeconds=30, connectionMode="ResponderOnly")
    props = connection.properties
    assert props.provisioning_state == "Succeeded"
    assert (props.connection_type, props.connection_protocol, props.enable_bgp) == ("IPsec", "IKEv2", True)
    assert props.shared_key is None     # x-ms-secret, no longer returned (issue 12): read through sharedkey
    assert props.virtual_network_gateway1.id == gateway.id and props.local_network_gateway2.id == lng.id
    assert [(g.ip_configuration_id, g.custom_bgp_ip_address) for g in props.gateway_custom_bgp_ip_addresses] == \
        [(configs[0], "169.254.21.2"), (configs[1], "169.254.22.2")]
    assert props.ipsec_policies[0].as_dict() == GCM_POLICY
    assert (props.dpd_timeout_seconds, props.connection_mode) == (30, "ResponderOnly")
    assert props.connection_status in ("NotConnected", "Connecting", "Connected")

    net = builder.net
    assert net.virtual_network_gateway_connections.get_shared_key(builder.rg, "conn-crud").value == "Secret Key 1"
    result = net.virtual_network_gateway_connections.begin_set_shared_key(
        builder.rg, "conn-crud", {"value": "Another Key 2"}).result()
    assert result.value == "Another Key 2"
    assert net.virtual_network_gateway_connections.get_shared_key(builder.rg, "conn-crud").value == "Another Key 2"
    assert [c.name for c in net.virtual_network_gateway_connections.list(builder.rg)] == ["conn-crud"]
    listed = list(net.virtual_network_gateways.list_connections(builder.rg, "vng-aa"))
    assert [c.name for c in listed] == ["conn-crud"]

    body = builder.connection_body(gateway, lng, shared_key="Another Key 2", enable_bgp=False)
    updated = net.virtual_network_gateway_connections.begin_create_or_update(builder.rg, "conn-crud", body).result()
    assert updated.properties.enable_bgp is False and updated.properties.ipsec_policies == []
    assert updated.properties.dpd_timeout_seconds == 45                 # Azure's default
    tagged = net.virtual_network_gateway_connections.begin_update_tags(
        builder.rg, "conn-crud", {"tags": {"k": "v"}}).result()
    assert tagged.tags == {"k": "v"}
    net.virtual_network_gateway_connections.begin_delete(builder.rg, "conn-crud").result()
    assert list(net.virtual_network_gateway_connections.list(builder.rg)) == []
    net.local_network_gateways.begin_delete(builder.rg, "lng-conn").result()


def test_connection_without_shared_key_gets_a_generated_one(vpn):
    builder, vnet, pips, gateway = vpn
    lng = builder.local_gateway("lng-nokey", "129.146.21.1")
    body = builder.connection_body(gateway, lng, enable_bgp=False)
    del body["properties"]["sharedKey"]
    connection = builder.net.virtual_network_gateway_connections.begin_create_or_update(
        builder.rg, "conn-nokey", body).result()
    assert connection.properties.shared_key is None
    key = builder.net.virtual_network_gateway_connections.get_shared_key(builder.rg, "conn-nokey").value
    assert key and len(key) <= 128 and key.isalnum()
    builder.net.virtual_network_gateway_connections.begin_delete(builder.rg, "conn-nokey").result()
    builder.net.local_network_gateways.begin_delete(builder.rg, "lng-nokey").result()


# ------------------------------------------------------------------------------------- ER circuits
def test_express_route_circuit_crud(twin, az):
    circuit = az.circuit("er-crud", bandwidth=1000)
    props = circuit.properties
    assert str(uuid.UUID(props.service_key)) == props.service_key
    assert props.service_provider_provisioning_state == "NotProvisioned"
    assert props.service_provider_properties.service_provider_name == "Oracle Cloud FastConnect"
    assert props.service_provider_properties.bandwidth_in_mbps == 1000
    assert (circuit.sku.name, circuit.sku.tier, circuit.sku.family) == ("Standard_MeteredData", "Standard",
                                                                         "MeteredData")
    assert props.peerings == [] and props.provisioning_state == "Succeeded"
    bigger = az.circuit("er-crud", bandwidth=2000)
    assert bigger.properties.service_key == props.service_key
    assert bigger.properties.service_provider_properties.bandwidth_in_mbps == 2000
    assert [c.name for c in az.net.express_route_circuits.list(az.rg)] == ["er-crud"]
    assert "er-crud" in [c.name for c in az.net.express_route_circuits.list_all()]
    assert list(az.net.express_route_circuit_peerings.list(az.rg, "er-crud")) == []
    az.net.express_route_circuits.begin_delete(az.rg, "er-crud").result()
    assert isinstance(arm_error(az.net.express_route_circuits.get, az.rg, "er-crud"), ResourceNotFoundError)


# ------------------------------------------------------------------------------- paging, api-version
def test_lists_page_through_next_link(twin, az):
    pollers = [az.begin_public_ip("page-%d" % i) for i in range(7)]
    for poller in pollers:
        poller.result()
    names = sorted(p.name for p in az.net.public_ip_addresses.list(az.rg))
    assert names == ["page-%d" % i for i in range(7)]

    path = "/subscriptions/{subscription}/resourceGroups/%s/providers/Microsoft.Network/publicIPAddresses" % az.rg
    first = twin.arm("GET", path, api_version="2024-05-01").json()
    assert len(first["value"]) == 3 and "$skiptoken=" in first["nextLink"]
    assert "api-version=2024-05-01" in first["nextLink"]
    sizes, page = [], first
    base = twin.endpoints["azure"]["resource_manager"]
    while True:
        sizes.append(len(page["value"]))
        if not page.get("nextLink"):
            break
        page = twin.arm("GET", page["nextLink"][len(base):]).json()
    assert sizes == [3, 3, 1]


def test_any_api_version_is_accepted_and_one_is_required(twin, az):
    az.vnet("vnet-api", gateway_subnet=None, subnets=[("apps", "10.1.1.0/24")])
    path = az.rid("virtualNetworks", "vnet-api").replace(az.sub, "{subscription}")
    for version in (OLD_API_VERSION, "2024-05-01", "2026-03-01", "2019-09-01-preview"):
        response = twin.arm("GET", path, api_version=version)
        assert response.status_code == 200, version
        assert response.json()["name"] == "vnet-api"
    client = twin.azure_network()._client
    url = twin.endpoints["azure"]["resource_manager"] + path.replace("{subscription}", az.sub)
    response = client.send_request(HttpRequest("GET", url))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "MissingApiVersionParameter"


def test_errors_have_arm_shape(twin, az):
    response = twin.arm("GET", az.rid("virtualNetworks", "nope").replace(az.sub, "{subscription}"))
    error = response.json()["error"]
    assert set(error) >= {"code", "message"} and error["code"] == "ResourceNotFound"
    assert response.headers["x-ms-request-id"]


# ------------------------------------------------------------------------------------------- restart
def test_restart_keeps_azure_state(fresh_twin):
    net = fresh_twin.azure_network()
    builder = AzureBuilder(fresh_twin, net)
    vnet = builder.vnet("vnet-restart", prefix="10.30.0.0/16", gateway_subnet="10.30.255.0/27")
    pip = builder.public_ip("pip-restart")
    circuit = builder.circuit("er-restart")
    lng = builder.local_gateway("lng-restart", "129.146.30.1", prefixes=["10.0.0.0/16"])
    fresh_twin.restart()
    net = fresh_twin.azure_network()
    assert net.virtual_networks.get(builder.rg, "vnet-restart").etag == vnet.etag
    assert net.public_ip_addresses.get(builder.rg, "pip-restart").properties.ip_address == pip.properties.ip_address
    assert net.express_route_circuits.get(builder.rg, "er-restart").properties.service_key == \
        circuit.properties.service_key
    assert net.local_network_gateways.get(builder.rg, "lng-restart").properties.gateway_ip_address == \
        lng.properties.gateway_ip_address
    # operations keep running across a restart: a delete started before finishes after
    poller = net.local_network_gateways.begin_delete(builder.rg, "lng-restart")
    fresh_twin.restart()
    poller.result()
    assert list(fresh_twin.azure_network().local_network_gateways.list(builder.rg)) == []
