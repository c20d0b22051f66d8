"""Azure status fields and actions carry the interconnect model's results, end to end through the
oci and azure-mgmt-network SDKs: a single BGP VPN (connection status, getBgpPeerStatus,
getLearnedRoutes, getAdvertisedRoutes) and FastConnect <-> ExpressRoute (provider state, the
provider-created private peering, ARP / route tables, FastPath, teardown order).
(Poll delays are capped: see cap_poll_delay.)"""


import oci
import pytest
from conftest import OciBuilder
from test_azure_support import AzureBuilder, arm_error, error_code, wait_for

M = oci.core.models
ORACLE_ASN = 31898
VNG_ASN = 65070
PSK = "interconnect secret 7"
VCN_CIDR = "10.90.0.0/16"
VNET_PREFIX = "10.91.0.0/16"


pytestmark = pytest.mark.usefixtures("fast_polls")


@pytest.fixture(scope="module")
def world(twin):
    """Both scenarios built side by side so the gateway waits overlap."""
    az = AzureBuilder(twin, twin.azure_network())
    ocib = OciBuilder(twin)
    vnets = [az.begin_vnet("vnet-vpn", prefix=VNET_PREFIX, gateway_subnet="10.91.255.0/27"),
             az.begin_vnet("vnet-er", prefix="10.92.0.0/16", gateway_subnet="10.92.255.0/27"),
             az.begin_vnet("vnet-er-std", prefix="10.93.0.0/16", gateway_subnet="10.93.255.0/27")]
    vnet_vpn, vnet_er, vnet_std = [v.result() for v in vnets]
    pip = az.public_ip("pip-vpn")
    gateways = {
        "vpn": az.begin_gateway("vng-vpn", vnet_vpn, [pip], asn=VNG_ASN, custom=[["169.254.21.2"]]),
        "er": az.begin_gateway("vng-er", vnet_er, [None], gateway_type="ExpressRoute", sku="ErGw3AZ",
                               enable_bgp=False),
        "er_std": az.begin_gateway("vng-er-std", vnet_std, [None], gateway_type="ExpressRoute", sku="Standard",
                                   enable_bgp=False),
    }
    circuit = az.circuit("er-fc", bandwidth=1000)

    # OCI: VCN on a DRG, one IPSec connection to the gateway's public IP (tunnel 1 BGP, PFS group 14)
    drg = ocib.drg(name="drg-interconnect")
    vcn = ocib.vcn(cidr=VCN_CIDR, name="vcn-interconnect")
    ocib.attach_vcn(drg.id, vcn.id)
    cpe = ocib.cpe(ip_address=pip.properties.ip_address, name="cpe-vng")
    pfs14 = M.PhaseTwoConfigDetails(is_pfs_enabled=True, pfs_dh_group="GROUP14")
    ipsec = ocib.ipsec(drg_id=drg.id, cpe_id=cpe.id, static_routes=(), name="ipsec-vpn", tunnels=[
        ocib.bgp_tunnel("169.254.21.1/30", "169.254.21.2/30", asn=str(VNG_ASN), secret=PSK, phase_two_config=pfs14),
        ocib.bgp_tunnel("169.254.21.5/30", "169.254.21.6/30", asn=str(VNG_ASN), secret=PSK, phase_two_config=pfs14),
    ])
    tunnel = next(t for t in ocib.tunnels(ipsec.id)
                  if t.bgp_session_info.oracle_interface_ip.startswith("169.254.21.1"))
    # OCI: FastConnect to the ER circuit's service key
    provider = ocib.provider("Microsoft Azure")
    vc = ocib.client.create_virtual_circuit(M.CreateVirtualCircuitDetails(
        compartment_id=ocib.compartment_id, type="PRIVATE", gateway_id=drg.id, bandwidth_shape_name="1 Gbps",
        provider_service_id=provider.id, provider_service_key_name=circuit.properties.service_key,
        display_name="vc-er", cross_connect_mappings=[
            M.CrossConnectMapping(oracle_bgp_peering_ip="192.168.90.1/30", customer_bgp_peering_ip="192.168.90.2/30",
                                  vlan=310),
            M.CrossConnectMapping(oracle_bgp_peering_ip="192.168.90.5/30", customer_bgp_peering_ip="192.168.90.6/30",
                                  vlan=310)])).data

    lng = az.local_gateway("lng-vpn", tunnel.vpn_ip, asn=ORACLE_ASN, peer="169.254.21.1")
    gateways = {name: poller.result() for name, poller in gateways.items()}
    connection = az.connection("conn-vpn", gateways["vpn"], lng, shared_key=PSK)
    return {"az": az, "oci": ocib, "gateways": gateways, "connection": connection, "circuit": circuit,
            "vc": vc, "drg": drg, "ipsec": ipsec, "tunnel": tunnel, "lng": lng}


# ------------------------------------------------------------------------------------------------ VPN
def test_connection_status_comes_from_the_model(world):
    az = world["az"]
    connection = wait_for(lambda: az.net.virtual_network_gateway_connections.get(az.rg, "conn-vpn"),
                          lambda c: c.properties.connection_status == "Connected", "connection status")
    tunnels = connection.properties.tunnel_connection_status
    assert [t.connection_status for t in tunnels] == ["Connected"]
    # the OCI side agrees
    tunnel = world["oci"].client.get_ip_sec_connection_tunnel(world["ipsec"].id, world["tunnel"].id).data
    assert tunnel.status == "UP" and tunnel.bgp_session_info.bgp_state == "UP"


def test_bgp_peer_status_lists_the_established_peer(world):
    az = world["az"]
    net = az.net
    peers = wait_for(lambda: net.virtual_network_gateways.begin_get_bgp_peer_status(az.rg, "vng-vpn").result().value,
                     lambda value: any(p.state == "Connected" for p in value), "BGP peer")
    peer = next(p for p in peers if p.state == "Connected")
    assert (peer.neighbor, peer.asn, peer.local_address) == ("169.254.21.1", ORACLE_ASN, "169.254.21.2")
    only = net.virtual_network_gateways.begin_get_bgp_peer_status(az.rg, "vng-vpn", peer="169.254.21.1").result()
    assert [p.neighbor for p in only.value] == ["169.254.21.1"]
    none = net.virtual_network_gateways.begin_get_bgp_peer_status(az.rg, "vng-vpn", peer="169.254.21.9").result()
    assert none.value == []


def test_learned_and_advertised_routes(world):
    az = world["az"]
    net = az.net
    learned = wait_for(lambda: net.virtual_network_gateways.begin_get_learned_routes(az.rg, "vng-vpn").result().value,
                       lambda value: any(r.network == VCN_CIDR for r in value), "learned VCN route")
    route = next(r for r in learned if r.network == VCN_CIDR)
    assert route.next_hop == "169.254.21.1" and route.origin == "EBgp" and str(ORACLE_ASN) in route.as_path
    advertised = net.virtual_network_gateways.begin_get_advertised_routes(az.rg, "vng-vpn",
                                                                          peer="169.254.21.1").result().value
    assert VNET_PREFIX in [r.network for r in advertised]
    assert net.virtual_network_gateways.begin_get_advertised_routes(
        az.rg, "vng-vpn", peer="169.254.21.9").result().value == []
    err = arm_error(net.virtual_network_gateways.begin_get_advertised_routes, az.rg, "vng-vpn", peer="not-an-ip")
    assert error_code(err) == "InvalidPeerIpAddress"


def test_a_wrong_shared_key_takes_the_connection_down(world):
    az = world["az"]
    net = az.net
    net.virtual_network_gateway_connections.begin_set_shared_key(az.rg, "conn-vpn", {"value": "wrong key"}).result()
    down = wait_for(lambda: net.virtual_network_gateway_connections.get(az.rg, "conn-vpn"),
                    lambda c: c.properties.connection_status != "Connected", "connection down")
    assert down.properties.connection_status in ("NotConnected", "Connecting")
    peers = net.virtual_network_gateways.begin_get_bgp_peer_status(az.rg, "vng-vpn").result().value
    assert all(p.state != "Connected" for p in peers)
    net.virtual_network_gateway_connections.begin_set_shared_key(az.rg, "conn-vpn", {"value": PSK}).result()
    wait_for(lambda: net.virtual_network_gateway_connections.get(az.rg, "conn-vpn").properties.connection_status,
             lambda status: status == "Connected", "connection back up")


# ----------------------------------------------------------------------------------------- ExpressRoute
def test_provider_state_and_provider_created_peering(world):
    az = world["az"]
    circuit = wait_for(lambda: az.net.express_route_circuits.get(az.rg, "er-fc"),
                       lambda c: c.properties.service_provider_provisioning_state == "Provisioned",
                       "ER provider state")
    peerings = circuit.properties.peerings
    assert [p.name for p in peerings] == ["AzurePrivatePeering"]
    props = peerings[0].properties
    assert props.last_modified_by == "ServiceProvider"       # the provider (Oracle) created it
    assert (props.primary_peer_address_prefix, props.secondary_peer_address_prefix) == \
        ("192.168.90.0/30", "192.168.90.4/30")
    # The provider assigns the VLAN (the client's 310 is ignored): the virtual circuit's, on both links.
    vlans = {m.vlan for m in world["oci"].client.get_virtual_circuit(world["vc"].id).data.cross_connect_mappings}
    assert len(vlans) == 1 and vlans != {310}
    assert (props.vlan_id, props.peer_asn, props.azure_asn, props.state) == (vlans.pop(), ORACLE_ASN, 12076,
                                                                             "Enabled")
    same = az.net.express_route_circuit_peerings.get(az.rg, "er-fc", "AzurePrivatePeering")
    assert same.id == peerings[0].id


def test_arp_and_route_tables(world):
    az = world["az"]
    net = az.net
    wait_for(lambda: net.express_route_circuits.get(az.rg, "er-fc").properties.service_provider_provisioning_state,
             lambda state: state == "Provisioned", "ER provider state")
    for device, (oracle, azure) in (("primary", ("192.168.90.1", "192.168.90.2")),
                                    ("secondary", ("192.168.90.5", "192.168.90.6"))):
        arp = wait_for(lambda: net.express_route_circuits.begin_list_arp_table(
            az.rg, "er-fc", "AzurePrivatePeering", device).result().value, lambda v: len(v) == 2, "ARP " + device)
        assert sorted(e.ip_address for e in arp) == sorted([oracle, azure])
        routes = net.express_route_circuits.begin_list_routes_table(az.rg, "er-fc", "AzurePrivatePeering",
                                                                     device).result().value
        assert VCN_CIDR in [r.network for r in routes]
        summary = net.express_route_circuits.begin_list_routes_table_summary(
            az.rg, "er-fc", "AzurePrivatePeering", device).result().value
        assert len(summary) == 1
        assert (summary[0].neighbor, summary[0].as_property) == (oracle, ORACLE_ASN)
        assert summary[0].state_pfx_rcd == str(len(routes))
    err = arm_error(net.express_route_circuits.begin_list_arp_table, az.rg, "er-fc", "AzurePrivatePeering", "tertiary")
    assert error_code(err) == "InvalidDevicePath"


def test_fastpath_needs_an_ultra_performance_or_ergw3az_gateway_and_teardown_order(world):
    az = world["az"]
    net = az.net
    circuit = wait_for(lambda: net.express_route_circuits.get(az.rg, "er-fc"),
                       lambda c: c.properties.service_provider_provisioning_state == "Provisioned",
                       "ER provider state")

    def body(gateway):
        return {"location": az.location, "properties": {
            "connectionType": "ExpressRoute", "virtualNetworkGateway1": {"id": gateway.id},
            "peer": {"id": circuit.id}, "expressRouteGatewayBypass": True}}

    err = arm_error(net.virtual_network_gateway_connections.begin_create_or_update, az.rg, "conn-er-std",
                    body(world["gateways"]["er_std"]))
    assert error_code(err) == "ExpressRouteGatewayBypassNotSupportedOnGatewaySku"
    connection = net.virtual_network_gateway_connections.begin_create_or_update(
        az.rg, "conn-er", body(world["gateways"]["er"])).result()
    assert connection.properties.express_route_gateway_bypass is True
    assert connection.properties.peer.id == circuit.id
    peering = net.express_route_circuit_peerings.get(az.rg, "er-fc", "AzurePrivatePeering")
    # a peering's ``connections`` are Global Reach circuit connections, not the gateway connection (issue 12)
    assert peering.properties.connections == []

    # what is in use cannot go: the circuit (provisioned by the provider) and the peering (connection)
    err = arm_error(net.express_route_circuits.begin_delete, az.rg, "er-fc")
    assert error_code(err) == "ExpressRouteCircuitCannotBeDeletedWhileProvisioned"
    err = arm_error(net.express_route_circuit_peerings.begin_delete, az.rg, "er-fc", "AzurePrivatePeering")
    assert error_code(err) == "InUsePeeringCannotBeDeleted"

    # teardown order: connection, virtual circuit, wait for NotProvisioned, circuit (no peering delete)
    net.virtual_network_gateway_connections.begin_delete(az.rg, "conn-er").result()
    ocib = world["oci"]
    ocib.client.delete_virtual_circuit(world["vc"].id)
    wait_for(lambda: _vc_state(ocib, world["vc"].id), lambda s: s in ("TERMINATED", None), "VC terminated")
    # the provider deprovisions (the circuit cannot go meanwhile), its peering goes with it
    wait_for(lambda: net.express_route_circuits.get(az.rg, "er-fc").properties.service_provider_provisioning_state,
             lambda state: state == "NotProvisioned", "ER circuit deprovisioned")
    assert list(net.express_route_circuit_peerings.list(az.rg, "er-fc")) == []
    net.express_route_circuits.begin_delete(az.rg, "er-fc").result()
    assert "er-fc" not in [c.name for c in net.express_route_circuits.list(az.rg)]


def _vc_state(ocib, vc_id):
    try:
        return ocib.client.get_virtual_circuit(vc_id).data.lifecycle_state
    except oci.exceptions.ServiceError as err:
        if err.status == 404:
            return None
        raise
