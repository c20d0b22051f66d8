"""The model's truth table through the real SDKs: ``oci`` and ``azure-mgmt-network`` against the
running twin (plus the admin API for the reason codes Azure has no endpoint for).

One module-scoped lab builds the six field-facts scenarios side by side (the long Azure waits
overlap), checks that each comes up as designed, then breaks one setting at a time, checks that
exactly the affected tunnel or session goes down with the right reason code while everything else
stays up, and restores the setting. The pure, exhaustive version is test_model_unit.py.
"""


import oci
import pytest
from netaddr import IPNetwork

from test_azure_support import AzureBuilder, GCM_POLICY, wait_for as support_wait_for

M = oci.core.models
PSK = "truth table secret 1"
VNG_ASN = 65010
ORACLE_ASN = 31898
WAIT_SECONDS = 20.0


def wait_for(read, accept, what, timeout=WAIT_SECONDS):
    """Poll ``read()`` until ``accept(value)`` (the truth table waits longer than the default)."""
    return support_wait_for(read, accept, what, timeout)


def apipa_block(index):
    """The index-th /27 of the APIPA range: one per scenario, so scenarios never share addresses."""
    blocks = [block for half in ("169.254.21.0/24", "169.254.22.0/24") for block in IPNetwork(half).subnet(27)]
    return blocks[index]


class Scenario:
    """Handles of one scenario: OCI ids, Azure names, and the tunnels meant to carry traffic."""

    def __init__(self, name, index):
        self.name, self.index = name, index
        self.block = apipa_block(index)
        self.vnet_prefix = "10.%d.0.0/16" % (60 + index)
        self.vcn_cidr = "10.%d.0.0/16" % (80 + index)
        self.ipsecs = []            # OCI IPSec connection ids
        self.tunnels = {}           # tunnel id -> its IPSec connection id
        self.in_use = []            # tunnel ids that should be UP, in build order
        self.bgp = False
        self.connections = []       # Azure connection names, parallel to in_use
        self.lngs = []              # Azure LNG names, parallel to in_use

    def host(self, offset):
        return str(self.block[offset])


class Lab:
    def __init__(self, twin):
        self.twin = twin
        self.oci = twin.oci_network()
        self.net = twin.azure_network()
        self.az = AzureBuilder(twin, self.net)
        self.rg = self.az.rg
        self.compartment = twin.compartment_id
        names = ["single", "static_ap", "static_aa", "bgp_aa", "bgp_ap", "ap_two_apipa", "fastconnect"]
        self.s = {name: Scenario(name, index) for index, name in enumerate(names)}

    # -- OCI helpers ------------------------------------------------------------------------
    def wait_oci(self, get, state="AVAILABLE"):
        return wait_for(lambda: get().data, lambda d: d.lifecycle_state == state, "OCI resource")

    def tunnel(self, scenario, tunnel_id):
        return self.oci.get_ip_sec_connection_tunnel(scenario.tunnels[tunnel_id], tunnel_id).data

    def tunnel_error_code(self, scenario, tunnel_id):
        return self.oci.get_ip_sec_connection_tunnel_error(scenario.tunnels[tunnel_id], tunnel_id).data.error_code

    def tunnel_routes(self, scenario, tunnel_id, advertiser):
        routes = self.oci.list_ip_sec_connection_tunnel_routes(scenario.tunnels[tunnel_id], tunnel_id,
                                                               advertiser=advertiser).data
        return sorted(r.prefix for r in routes)

    def states(self, scenario):
        """{tunnel id: (status, bgp state)} of every OCI tunnel of the scenario."""
        out = {}
        for ipsec in scenario.ipsecs:
            for tunnel in self.oci.list_ip_sec_connection_tunnels(ipsec).data:
                out[tunnel.id] = (tunnel.status, tunnel.bgp_session_info.bgp_state if tunnel.bgp_session_info else None)
        return out

    def set_secret(self, scenario, tunnel_id, secret):
        """Change a tunnel's secret and wait until the tunnel is provisioned again: OCI refuses a
        second change while the first re-provisions the tunnel (409 IncorrectState)."""
        self.oci.update_ip_sec_connection_tunnel_shared_secret(
            scenario.tunnels[tunnel_id], tunnel_id, M.UpdateIPSecConnectionTunnelSharedSecretDetails(shared_secret=secret))
        self.wait_oci(lambda: self.oci.get_ip_sec_connection_tunnel(scenario.tunnels[tunnel_id], tunnel_id))

    def update_tunnel(self, scenario, tunnel_id, **details):
        self.oci.update_ip_sec_connection_tunnel(scenario.tunnels[tunnel_id], tunnel_id,
                                                 M.UpdateIPSecConnectionTunnelDetails(**details))
        self.wait_oci(lambda: self.oci.get_ip_sec_connection_tunnel(scenario.tunnels[tunnel_id], tunnel_id))

    def model(self):
        return self.twin.admin("GET", "model")

    # -- Azure helpers ----------------------------------------------------------------------
    def connection(self, name):
        return self.net.virtual_network_gateway_connections.get(self.rg, name)

    def peers(self, gateway):
        return self.net.virtual_network_gateways.begin_get_bgp_peer_status(self.rg, gateway).result().value

    def learned(self, gateway):
        return self.net.virtual_network_gateways.begin_get_learned_routes(self.rg, gateway).result().value

    def gateway_id(self, name):
        return self.az.rid("virtualNetworkGateways", name)

    # -- build ------------------------------------------------------------------------------
    def build(self):
        s = self.s
        instances = {"single": 1, "static_ap": 1, "static_aa": 2, "bgp_aa": 2, "bgp_ap": 1, "ap_two_apipa": 1,
                     "fastconnect": 1}
        # Phase A: VNets, public IPs and ExpressRoute circuits (Azure) while OCI builds DRGs and VCNs.
        pollers = []
        for sc in s.values():
            pollers.append(self.az.begin_vnet("vnet-" + sc.name, prefix=sc.vnet_prefix,
                                              gateway_subnet=sc.vnet_prefix.replace(".0.0/16", ".255.0/27")))
            sc.pip_pollers = [self.az.begin_public_ip("pip-%s-%d" % (sc.name, i)) for i in range(instances[sc.name])]
        circuit_pollers = [self.az.begin_circuit("er-good", bandwidth=1000),
                           self.az.begin_circuit("er-bandwidth", bandwidth=2000)]
        for sc in s.values():
            sc.drg = self.oci.create_drg(M.CreateDrgDetails(compartment_id=self.compartment,
                                                            display_name="drg-" + sc.name)).data
            sc.vcn = self.oci.create_vcn(M.CreateVcnDetails(compartment_id=self.compartment, cidr_blocks=[sc.vcn_cidr],
                                                            display_name="vcn-" + sc.name)).data
        for sc in s.values():
            sc.drg = self.wait_oci(lambda: self.oci.get_drg(sc.drg.id))
            self.wait_oci(lambda: self.oci.get_vcn(sc.vcn.id))
            sc.attachment = self.oci.create_drg_attachment(M.CreateDrgAttachmentDetails(
                drg_id=sc.drg.id, network_details=M.VcnDrgAttachmentNetworkCreateDetails(id=sc.vcn.id))).data
        for poller in pollers:
            poller.result()
        for sc in s.values():
            sc.pips = [p.result() for p in sc.pip_pollers]
            sc.ips = [p.ip_address for p in sc.pips]
        circuits = [p.result() for p in circuit_pollers]

        # Phase B: gateways (the long wait) while OCI builds CPEs, IPSec connections, circuits.
        custom = {
            "single": [[s["single"].host(2)]],
            "bgp_aa": [[s["bgp_aa"].host(2), s["bgp_aa"].host(6)], [s["bgp_aa"].host(10), s["bgp_aa"].host(14)]],
            "bgp_ap": [[s["bgp_ap"].host(2)]],
            "ap_two_apipa": [[s["ap_two_apipa"].host(2), s["ap_two_apipa"].host(6)]],
        }
        gateway_pollers = []
        for sc in s.values():
            if sc.name == "fastconnect":
                gateway_pollers.append(self.az.begin_gateway(
                    "gw-" + sc.name, self.az.rid("virtualNetworks", "vnet-" + sc.name), sc.pips, enable_bgp=False,
                    gateway_type="ExpressRoute", sku="ErGw3AZ"))
                continue
            gateway_pollers.append(self.az.begin_gateway(
                "gw-" + sc.name, self.az.rid("virtualNetworks", "vnet-" + sc.name), sc.pips,
                active_active=len(sc.pips) == 2, enable_bgp=sc.name in custom, asn=VNG_ASN,
                custom=custom.get(sc.name)))
        self._build_oci_vpn()
        self._build_virtual_circuits(circuits)
        for poller in gateway_pollers:
            poller.result()

        # Phase C: one LNG per tunnel in use, at that tunnel's Oracle VPN IP.
        lng_pollers = []
        for sc in s.values():
            for position, tunnel_id in enumerate(sc.in_use):
                tunnel = self.tunnel(sc, tunnel_id)
                name = "lng-%s-%d" % (sc.name, position)
                sc.lngs.append(name)
                if sc.bgp:
                    oracle = tunnel.bgp_session_info.oracle_interface_ip.split("/")[0]
                    lng_pollers.append(self.az.begin_local_gateway(name, tunnel.vpn_ip, asn=ORACLE_ASN, peer=oracle))
                else:
                    lng_pollers.append(self.az.begin_local_gateway(name, tunnel.vpn_ip,
                                                                   prefixes=sc.azure_static[position]))
        lngs = {p.result().name: p for p in lng_pollers}
        assert len(lngs) == len(lng_pollers)

        # Phase D: the connections.
        conn_pollers = []
        for sc in s.values():
            for position, lng_name in enumerate(sc.lngs):
                name = "conn-%s-%d" % (sc.name, position)
                sc.connections.append(name)
                conn_pollers.append(self.net.virtual_network_gateway_connections.begin_create_or_update(
                    self.rg, name, self.connection_body(sc, position)))
        for poller in conn_pollers:
            poller.result()
        self._build_expressroute()
        return self

    def connection_body(self, sc, position, **changes):
        gateway = self.net.virtual_network_gateways.get(self.rg, "gw-" + sc.name)
        lng = self.net.local_network_gateways.get(self.rg, sc.lngs[position])
        kwargs = dict(shared_key=PSK, enable_bgp=sc.bgp, pinned=sc.pinned[position] if sc.bgp else None,
                      policy=GCM_POLICY if sc.name == "bgp_aa" and position < 2 else None)
        kwargs.update(changes)
        return self.az.connection_body(gateway, lng, **kwargs)

    def _ipsec(self, sc, cpe_ip, tunnels, static_routes=()):
        cpe = self.oci.create_cpe(M.CreateCpeDetails(compartment_id=self.compartment, ip_address=cpe_ip,
                                                     display_name="cpe-%s-%s" % (sc.name, cpe_ip))).data
        conn = self.oci.create_ip_sec_connection(M.CreateIPSecConnectionDetails(
            compartment_id=self.compartment, drg_id=sc.drg.id, cpe_id=cpe.id, static_routes=list(static_routes),
            display_name="ipsec-" + sc.name, tunnel_configuration=tunnels)).data
        sc.ipsecs.append(conn.id)
        return conn

    def _tunnel_config(self, oracle=None, customer=None, custom_crypto=False):
        phase_two = M.PhaseTwoConfigDetails(is_custom_phase_two_config=False, is_pfs_enabled=True,
                                            pfs_dh_group="GROUP14")
        extra = {}
        if custom_crypto:
            extra["phase_one_config"] = M.PhaseOneConfigDetails(
                is_custom_phase_one_config=True, authentication_algorithm="SHA2_384",
                encryption_algorithm="AES_256_CBC", diffie_helman_group="GROUP14")
            phase_two = M.PhaseTwoConfigDetails(is_custom_phase_two_config=True, encryption_algorithm="AES_256_GCM",
                                                is_pfs_enabled=True, pfs_dh_group="GROUP14")
        if oracle:
            return M.CreateIPSecConnectionTunnelDetails(
                routing="BGP", ike_version="V2", shared_secret=PSK, phase_two_config=phase_two,
                bgp_session_config=M.CreateIPSecTunnelBgpSessionDetails(
                    oracle_interface_ip=oracle, customer_interface_ip=customer, customer_bgp_asn=str(VNG_ASN)),
                **extra)
        return M.CreateIPSecConnectionTunnelDetails(routing="STATIC", ike_version="V2", shared_secret=PSK,
                                                    phase_two_config=phase_two, **extra)

    def _build_oci_vpn(self):
        s = self.s
        halves_vnet = {}
        created = []     # (scenario, connection, tunnel slots in use)
        for sc in s.values():
            net = IPNetwork(sc.vnet_prefix)
            halves_vnet[sc.name] = [str(h) for h in net.subnet(17)]
        # Single VPN: one connection, both tunnels BGP, only the first in use.
        sc = s["single"]
        sc.bgp = True
        conn = self._ipsec(sc, sc.ips[0], [
            self._tunnel_config("%s/30" % sc.host(1), "%s/30" % sc.host(2)),
            self._tunnel_config("%s/30" % sc.host(5), "%s/30" % sc.host(6))])
        created.append((sc, conn, [0]))
        # Static designs: primary carries the halves, backup the full CIDR; per instance for active-active.
        for name in ("static_ap", "static_aa"):
            sc = s[name]
            sc.azure_static = []
            for ip in sc.ips:
                vcn_halves = [str(h) for h in IPNetwork(sc.vcn_cidr).subnet(17)]
                for oci_routes, azure_routes in ((halves_vnet[name], vcn_halves), ([sc.vnet_prefix], [sc.vcn_cidr])):
                    conn = self._ipsec(sc, ip, [self._tunnel_config()], static_routes=oci_routes)
                    created.append((sc, conn, [0]))
                    sc.azure_static.append(azure_routes)
        # BGP active-active: a CPE and a connection per instance, 4 /30s, custom crypto on instance 1's.
        sc = s["bgp_aa"]
        sc.bgp = True
        for instance, ip in enumerate(sc.ips):
            base = 8 * instance
            conn = self._ipsec(sc, ip, [
                self._tunnel_config("%s/30" % sc.host(base + 1), "%s/30" % sc.host(base + 2), instance == 0),
                self._tunnel_config("%s/30" % sc.host(base + 5), "%s/30" % sc.host(base + 6), instance == 0)])
            created.append((sc, conn, [0, 1]))
        # BGP active-passive: one APIPA reached from a /30 tunnel and a /31 tunnel.
        sc = s["bgp_ap"]
        sc.bgp = True
        conn = self._ipsec(sc, sc.ips[0], [
            self._tunnel_config("%s/30" % sc.host(1), "%s/30" % sc.host(2)),
            self._tunnel_config("%s/31" % sc.host(3), "%s/31" % sc.host(2))])
        created.append((sc, conn, [0, 1]))
        # Active-passive gateway with two APIPAs (for the "second APIPA" misconfiguration).
        sc = s["ap_two_apipa"]
        sc.bgp = True
        conn = self._ipsec(sc, sc.ips[0], [
            self._tunnel_config("%s/30" % sc.host(1), "%s/30" % sc.host(2)),
            self._tunnel_config("%s/30" % sc.host(9), "%s/30" % sc.host(10))])
        created.append((sc, conn, [0]))
        for sc, conn, slots in created:
            self.wait_oci(lambda: self.oci.get_ip_sec_connection(conn.id))
            tunnels = self.oci.list_ip_sec_connection_tunnels(conn.id).data
            for tunnel in tunnels:
                sc.tunnels[tunnel.id] = conn.id
            sc.in_use += [tunnels[slot].id for slot in slots]
        for name in ("bgp_aa", "bgp_ap"):
            # ECMP on the table VCN -> Azure traffic is routed by: the VCN attachment's (issue 11).
            table = s[name].drg.default_drg_route_tables.vcn
            self.oci.update_drg_route_table(table, M.UpdateDrgRouteTableDetails(is_ecmp_enabled=True))
        # Pinned APIPA per connection: active-active pins both instances' addresses of that slot.
        for sc in s.values():
            sc.pinned = []
        gw = lambda name, config: self.az.ipconfig_id("gw-" + name, config)
        sc = s["bgp_aa"]
        for position in range(4):
            slot = position % 2
            sc.pinned.append([(gw("bgp_aa", "ipconfig1"), sc.host(2 + 4 * slot)),
                              (gw("bgp_aa", "ipconfig2"), sc.host(10 + 4 * slot))])
        s["single"].pinned = [None]
        s["bgp_ap"].pinned = [None, None]
        s["ap_two_apipa"].pinned = [None]

    def _build_virtual_circuits(self, circuits):
        services = oci.pagination.list_call_get_all_results(self.oci.list_fast_connect_provider_services,
                                                            self.compartment).data
        provider = next(p for p in services if p.provider_name == "Microsoft Azure")
        sc = self.s["fastconnect"]
        sc.circuits = {c.name: c for c in circuits}
        sc.mappings = [("192.168.77.1/30", "192.168.77.2/30"), ("192.168.77.5/30", "192.168.77.6/30")]
        sc.vcs = {}
        for name, circuit in sc.circuits.items():
            sc.vcs[name] = self.oci.create_virtual_circuit(M.CreateVirtualCircuitDetails(
                compartment_id=self.compartment, type="PRIVATE", gateway_id=sc.drg.id, bandwidth_shape_name="1 Gbps",
                provider_service_id=provider.id, provider_service_key_name=circuit.service_key,
                display_name="vc-" + name,
                cross_connect_mappings=[M.CrossConnectMapping(oracle_bgp_peering_ip=o, customer_bgp_peering_ip=c)
                                        for o, c in sc.mappings])).data

    def peering_body(self, **changes):
        """The provider-created peering's settings (the VLAN is the one the provider assigned)."""
        vlan = self.net.express_route_circuit_peerings.get(self.rg, "er-good", "AzurePrivatePeering").vlan_id
        props = {"peeringType": "AzurePrivatePeering", "peerASN": ORACLE_ASN,
                 "primaryPeerAddressPrefix": "192.168.77.0/30", "secondaryPeerAddressPrefix": "192.168.77.4/30",
                 "vlanId": vlan}
        props.update(changes)
        return {"properties": props}

    def _build_expressroute(self):
        wait_for(lambda: self.net.express_route_circuits.get(self.rg, "er-good").service_provider_provisioning_state,
                 lambda state: state == "Provisioned", "ER circuit provider state")
        # The provider (Oracle) created the private peering: adopt it, do not rewrite it.
        circuit = self.net.express_route_circuits.get(self.rg, "er-good")
        assert [p.name for p in circuit.properties.peerings] == ["AzurePrivatePeering"]
        self.net.virtual_network_gateway_connections.begin_create_or_update(self.rg, "conn-er", {
            "location": self.az.location, "properties": {
                "connectionType": "ExpressRoute", "virtualNetworkGateway1": {"id": self.gateway_id("gw-fastconnect")},
                "peer": {"id": circuit.id}, "expressRouteGatewayBypass": True}}).result()


@pytest.fixture(scope="module")
def lab(twin):
    return Lab(twin).build()


def expect_up(lab, sc, states=None):
    """Every tunnel in use is UP (BGP UP for BGP scenarios); the others are DOWN."""
    states = states or lab.states(sc)
    for tunnel_id, (status, bgp) in states.items():
        if tunnel_id in sc.in_use:
            assert status == "UP", (sc.name, tunnel_id, lab.tunnel_error_code(sc, tunnel_id))
            assert bgp == ("UP" if sc.bgp else None), (sc.name, tunnel_id, lab.tunnel_error_code(sc, tunnel_id))
        else:
            assert status == "DOWN"
            assert lab.tunnel_error_code(sc, tunnel_id) == "NO_PEER"


def expect_only_down(lab, sc, broken, code, bgp_only=False):
    """``broken`` is down (or only its BGP) with ``code``; every other tunnel in use is still up."""
    def settled(states):
        status, bgp = states[broken]
        return (status == "UP" and bgp == "DOWN") if bgp_only else status == "DOWN"
    states = wait_for(lambda: lab.states(sc), settled, "%s tunnel %s" % (sc.name, broken))
    assert lab.tunnel_error_code(sc, broken) == code
    others = {t: s for t, s in states.items() if t != broken}
    expect_up(lab, sc, others)
    return states


def restore_and_expect_up(lab, sc):
    wait_for(lambda: lab.states(sc), lambda st: all(st[t] == ("UP", "UP" if sc.bgp else None) for t in sc.in_use),
             "%s back up" % sc.name)


# --- the six scenarios, configured correctly ---------------------------------------------------
def test_single_vpn(lab):
    sc = lab.s["single"]
    expect_up(lab, sc)
    (tunnel_id,) = sc.in_use
    assert lab.tunnel_routes(sc, tunnel_id, "CUSTOMER") == [sc.vnet_prefix]
    assert lab.tunnel_routes(sc, tunnel_id, "ORACLE") == [sc.vcn_cidr]
    # The first child SA has no DH (IKEv2 IKE_AUTH); OCI's first rekey (3600 s x time scale) adds PFS 14.
    wait_for(lambda: lab.tunnel(sc, tunnel_id).phase_two_details.negotiated_dh_group,
             lambda group: group == "GROUP14", "PFS group after the first rekey")
    conn = lab.connection(sc.connections[0])
    assert conn.connection_status == "Connected"
    peers = lab.peers("gw-single")
    assert [(p.local_address, p.neighbor, p.asn, p.state) for p in peers] == [
        (sc.host(2), sc.host(1), ORACLE_ASN, "Connected")]
    learned = [(r.network, r.next_hop, r.as_path) for r in lab.learned("gw-single") if r.origin == "EBgp"]
    assert learned == [(sc.vcn_cidr, sc.host(1), str(ORACLE_ASN))]


def test_static_active_passive(lab):
    sc = lab.s["static_ap"]
    expect_up(lab, sc)
    primary, backup = sc.in_use
    assert lab.tunnel_routes(sc, primary, "CUSTOMER") == sorted(str(h) for h in IPNetwork(sc.vnet_prefix).subnet(17))
    assert lab.tunnel_routes(sc, backup, "CUSTOMER") == [sc.vnet_prefix]
    assert all(lab.connection(name).connection_status == "Connected" for name in sc.connections)
    assert lab.peers("gw-static_ap") == []


def test_static_active_active(lab):
    sc = lab.s["static_aa"]
    expect_up(lab, sc)
    assert len(sc.in_use) == 4
    for name in sc.connections:
        conn = lab.connection(name)
        assert conn.connection_status == "Connected"
        # Each instance tries every connection; OCI accepts only the instance that is the CPE.
        assert sorted(t.connection_status for t in conn.tunnel_connection_status) == ["Connected", "NotConnected"]


def test_bgp_active_active(lab):
    sc = lab.s["bgp_aa"]
    expect_up(lab, sc)
    assert len(sc.in_use) == 4
    model = lab.model()
    assert all(model["oci_tunnels"][t]["ecmp"] for t in sc.in_use)
    assert model["azure_gateways"][lab.gateway_id("gw-bgp_aa").lower()]["ecmp"] is True
    connected = sorted(p.neighbor for p in lab.peers("gw-bgp_aa") if p.state == "Connected")
    oracle_ips = sorted(sc.host(n) for n in (1, 5, 9, 13))
    assert connected == oracle_ips
    learned = sorted(r.next_hop for r in lab.learned("gw-bgp_aa") if r.origin == "EBgp" and r.network == sc.vcn_cidr)
    assert learned == oracle_ips
    custom = lab.tunnel(sc, sc.in_use[0])
    assert custom.phase_two_details.negotiated_encryption_algorithm == "AES_256_GCM"


def test_bgp_active_passive(lab):
    sc = lab.s["bgp_ap"]
    expect_up(lab, sc)
    model = lab.model()
    assert all(model["oci_tunnels"][t]["ecmp"] for t in sc.in_use)
    peers = sorted((p.local_address, p.neighbor, p.state) for p in lab.peers("gw-bgp_ap"))
    assert peers == [(sc.host(2), sc.host(1), "Connected"), (sc.host(2), sc.host(3), "Connected")]
    for tunnel_id in sc.in_use:
        assert lab.tunnel_routes(sc, tunnel_id, "CUSTOMER") == [sc.vnet_prefix]


def test_fastconnect_expressroute(lab):
    sc = lab.s["fastconnect"]
    vc = wait_for(lambda: lab.oci.get_virtual_circuit(sc.vcs["er-good"].id).data,
                  lambda v: v.lifecycle_state == "PROVISIONED" and v.bgp_session_state == "UP", "virtual circuit")
    assert vc.provider_state == "ACTIVE"
    circuit = lab.net.express_route_circuits.get(lab.rg, "er-good")
    assert circuit.service_provider_provisioning_state == "Provisioned"
    for link, (oracle, azure) in zip(("primary", "secondary"), sc.mappings):
        arp = lab.net.express_route_circuits.begin_list_arp_table(lab.rg, "er-good", "AzurePrivatePeering",
                                                                  link).result().value
        assert sorted(e.ip_address for e in arp) == sorted([oracle.split("/")[0], azure.split("/")[0]])
        routes = lab.net.express_route_circuits.begin_list_routes_table(lab.rg, "er-good", "AzurePrivatePeering",
                                                                         link).result().value
        networks = {(r.network, r.path) for r in routes}
        assert (sc.vcn_cidr, str(ORACLE_ASN)) in networks
        assert any(network == sc.vnet_prefix for network, _path in networks)
    assert lab.connection("conn-er").connection_status == "Connected"


# --- single misconfigurations ------------------------------------------------------------------
def test_psk_mismatch(lab):
    sc = lab.s["bgp_aa"]
    broken = sc.in_use[1]
    lab.set_secret(sc, broken, "wrong secret 9")
    try:
        expect_only_down(lab, sc, broken, "PSK_MISMATCH")
        assert lab.connection(sc.connections[1]).connection_status == "NotConnected"
    finally:
        lab.set_secret(sc, broken, PSK)
    restore_and_expect_up(lab, sc)


def expect_up_then_rekey_failure(lab, sc, broken):
    """Known-bad crypto against Azure's defaults: the tunnel comes up on its first child SA, then goes
    DOWN at OCI's first phase-two rekey (its lifetime, 1800 s here, x the time scale) with
    PHASE2_REKEY_NO_PROPOSAL."""
    wait_for(lambda: lab.states(sc)[broken], lambda st: st[0] == "UP", "%s up on its first child SA" % broken)
    expect_only_down(lab, sc, broken, "PHASE2_REKEY_NO_PROPOSAL")
    error = lab.oci.get_ip_sec_connection_tunnel_error(sc.tunnels[broken], broken).data
    assert "OCI initiates" in error.error_description and "custom IPsec/IKE policy" in error.solution
    assert lab.connection(sc.connections[sc.in_use.index(broken)]).connection_status == "NotConnected"


def test_oci_default_pfs_group5(lab):
    sc = lab.s["single"]
    broken = sc.in_use[0]
    lab.update_tunnel(sc, broken, phase_two_config=M.PhaseTwoConfigDetails(
        is_custom_phase_two_config=False, is_pfs_enabled=True, pfs_dh_group="GROUP5", lifetime_in_seconds=1800))
    try:
        expect_up_then_rekey_failure(lab, sc, broken)
    finally:
        lab.update_tunnel(sc, broken, phase_two_config=M.PhaseTwoConfigDetails(
            is_custom_phase_two_config=False, is_pfs_enabled=True, pfs_dh_group="GROUP14", lifetime_in_seconds=3600))
    restore_and_expect_up(lab, sc)


def test_gcm_with_pfs_against_azure_defaults(lab):
    sc = lab.s["single"]
    broken = sc.in_use[0]
    lab.update_tunnel(sc, broken, phase_two_config=M.PhaseTwoConfigDetails(
        is_custom_phase_two_config=True, encryption_algorithm="AES_256_GCM", is_pfs_enabled=True,
        pfs_dh_group="GROUP14", lifetime_in_seconds=1800))
    try:
        expect_up_then_rekey_failure(lab, sc, broken)
    finally:
        lab.update_tunnel(sc, broken, phase_two_config=M.PhaseTwoConfigDetails(
            is_custom_phase_two_config=False, is_pfs_enabled=True, pfs_dh_group="GROUP14", lifetime_in_seconds=3600))
    restore_and_expect_up(lab, sc)


def test_ecmp_left_off_on_the_vcn_table(lab):
    """Known-bad: ECMP on the ipsecTunnel table only; VCN -> Azure traffic uses the VCN table."""
    sc = lab.s["bgp_ap"]
    tables = sc.drg.default_drg_route_tables
    lab.oci.update_drg_route_table(tables.vcn, M.UpdateDrgRouteTableDetails(is_ecmp_enabled=False))
    lab.oci.update_drg_route_table(tables.ipsec_tunnel, M.UpdateDrgRouteTableDetails(is_ecmp_enabled=True))
    try:
        model = lab.model()
        assert not any(model["oci_tunnels"][t]["ecmp"] for t in sc.in_use)
        entry = model["oci_drgs"][sc.drg.id]["vcnAttachmentRouteTables"][tables.vcn]
        assert entry["isEcmpEnabled"] is False and entry["prefixes"][sc.vnet_prefix]["ecmp"] is False
    finally:
        lab.oci.update_drg_route_table(tables.vcn, M.UpdateDrgRouteTableDetails(is_ecmp_enabled=True))
        lab.oci.update_drg_route_table(tables.ipsec_tunnel, M.UpdateDrgRouteTableDetails(is_ecmp_enabled=False))
    assert all(lab.model()["oci_tunnels"][t]["ecmp"] for t in sc.in_use)


def test_wrong_apipa_pinned_on_the_azure_connection(lab):
    sc = lab.s["bgp_aa"]
    position = 0         # connection 0 pins slot 0's APIPAs; pin slot 1's instead
    wrong = [(config, lab.s["bgp_aa"].host(6 if config.endswith("ipconfig1") else 14))
             for config, _addr in sc.pinned[position]]
    lab.net.virtual_network_gateway_connections.begin_create_or_update(
        lab.rg, sc.connections[position], lab.connection_body(sc, position, pinned=wrong)).result()
    try:
        expect_only_down(lab, sc, sc.in_use[position], "AZURE_BGP_IP_MISMATCH", bgp_only=True)
        peer_states = {(p.local_address, p.neighbor): p.state for p in lab.peers("gw-bgp_aa")}
        assert peer_states[(sc.host(6), sc.host(1))] != "Connected"
    finally:
        lab.net.virtual_network_gateway_connections.begin_create_or_update(
            lab.rg, sc.connections[position], lab.connection_body(sc, position)).result()
    restore_and_expect_up(lab, sc)


def test_lng_peer_ip_mismatch(lab):
    sc = lab.s["bgp_ap"]
    tunnel = lab.tunnel(sc, sc.in_use[0])
    lab.az.begin_local_gateway(sc.lngs[0], tunnel.vpn_ip, asn=ORACLE_ASN, peer=sc.host(21)).result()
    try:
        expect_only_down(lab, sc, sc.in_use[0], "LNG_PEER_IP_MISMATCH", bgp_only=True)
    finally:
        lab.az.begin_local_gateway(sc.lngs[0], tunnel.vpn_ip, asn=ORACLE_ASN, peer=sc.host(1)).result()
    restore_and_expect_up(lab, sc)


def test_lng_asn_not_oracles(lab):
    sc = lab.s["bgp_aa"]
    tunnel = lab.tunnel(sc, sc.in_use[3])
    oracle = tunnel.bgp_session_info.oracle_interface_ip.split("/")[0]
    lab.az.begin_local_gateway(sc.lngs[3], tunnel.vpn_ip, asn=65123, peer=oracle).result()
    try:
        expect_only_down(lab, sc, sc.in_use[3], "LNG_ASN_MISMATCH", bgp_only=True)
    finally:
        lab.az.begin_local_gateway(sc.lngs[3], tunnel.vpn_ip, asn=ORACLE_ASN, peer=oracle).result()
    restore_and_expect_up(lab, sc)


def test_oci_customer_asn_not_the_gateways(lab):
    sc = lab.s["bgp_ap"]
    broken = sc.in_use[1]
    session = lab.tunnel(sc, broken).bgp_session_info

    def bgp(asn):
        return M.UpdateIPSecTunnelBgpSessionDetails(oracle_interface_ip=session.oracle_interface_ip,
                                                    customer_interface_ip=session.customer_interface_ip,
                                                    customer_bgp_asn=asn)
    lab.update_tunnel(sc, broken, bgp_session_config=bgp("65099"))
    try:
        expect_only_down(lab, sc, broken, "CUSTOMER_ASN_MISMATCH", bgp_only=True)
    finally:
        lab.update_tunnel(sc, broken, bgp_session_config=bgp(str(VNG_ASN)))
    restore_and_expect_up(lab, sc)


def test_active_passive_second_apipa(lab):
    sc = lab.s["ap_two_apipa"]
    expect_up(lab, sc)
    second = [(lab.az.ipconfig_id("gw-ap_two_apipa", "ipconfig1"), sc.host(6))]
    lab.net.virtual_network_gateway_connections.begin_create_or_update(
        lab.rg, sc.connections[0], lab.connection_body(sc, 0, pinned=second)).result()
    try:
        expect_only_down(lab, sc, sc.in_use[0], "ACTIVE_PASSIVE_SECONDARY_APIPA", bgp_only=True)
    finally:
        lab.net.virtual_network_gateway_connections.begin_create_or_update(
            lab.rg, sc.connections[0], lab.connection_body(sc, 0)).result()
    restore_and_expect_up(lab, sc)


def test_er_bandwidth_mismatch(lab):
    sc = lab.s["fastconnect"]
    vc = wait_for(lambda: lab.oci.get_virtual_circuit(sc.vcs["er-bandwidth"].id).data,
                  lambda v: v.lifecycle_state == "FAILED", "mismatched virtual circuit")
    assert vc.bgp_session_state == "DOWN"
    assert lab.model()["virtual_circuits"][vc.id]["reasonCode"] == "BANDWIDTH_MISMATCH"
    circuit = lab.net.express_route_circuits.get(lab.rg, "er-bandwidth")
    assert circuit.service_provider_provisioning_state == "NotProvisioned"
    # The matched pair next to it is unaffected.
    good = lab.oci.get_virtual_circuit(sc.vcs["er-good"].id).data
    assert (good.lifecycle_state, good.bgp_session_state) == ("PROVISIONED", "UP")


def test_peering_secondary_30_wrong(lab):
    sc = lab.s["fastconnect"]
    wait_for(lambda: lab.oci.get_virtual_circuit(sc.vcs["er-good"].id).data.bgp_session_state,
             lambda state: state == "UP", "virtual circuit BGP")
    wrong = lab.peering_body(secondaryPeerAddressPrefix="192.168.77.8/30")
    lab.net.express_route_circuit_peerings.begin_create_or_update(lab.rg, "er-good", "AzurePrivatePeering",
                                                                  wrong).result()
    try:
        vc = wait_for(lambda: lab.oci.get_virtual_circuit(sc.vcs["er-good"].id).data,
                      lambda v: v.bgp_session_state == "DOWN", "virtual circuit BGP down")
        assert vc.lifecycle_state == "PROVISIONED"
        entry = lab.model()["er_circuits"][lab.net.express_route_circuits.get(lab.rg, "er-good").id.lower()]
        assert entry["reasonCode"] == "PEERING_SUBNET_MISMATCH"
        assert entry["linkStates"]["primary"]["bgpState"] == "UP"
        primary = lab.net.express_route_circuits.begin_list_arp_table(
            lab.rg, "er-good", "AzurePrivatePeering", "primary").result().value
        secondary = lab.net.express_route_circuits.begin_list_arp_table(
            lab.rg, "er-good", "AzurePrivatePeering", "secondary").result().value
        assert len(primary) == 2 and secondary == []
    finally:
        lab.net.express_route_circuit_peerings.begin_create_or_update(
            lab.rg, "er-good", "AzurePrivatePeering", lab.peering_body()).result()
    wait_for(lambda: lab.oci.get_virtual_circuit(sc.vcs["er-good"].id).data.bgp_session_state,
             lambda state: state == "UP", "virtual circuit BGP back up")


def test_admin_forced_down_is_a_failover_drill(lab):
    sc = lab.s["bgp_ap"]
    broken = sc.in_use[0]
    lab.twin.admin("POST", "tunnels/%s/down" % broken)
    try:
        expect_only_down(lab, sc, broken, "ADMIN_DOWN")
        # The surviving path still carries the VNet prefixes.
        assert lab.tunnel_routes(sc, sc.in_use[1], "CUSTOMER") == [sc.vnet_prefix]
    finally:
        lab.twin.admin("POST", "tunnels/%s/up" % broken)
    restore_and_expect_up(lab, sc)
