"""The lab's topology for one plan: namespaces, links, IPSec tunnels and BGP sessions.

Everything comes from the plan dict (docs/planning.md). Public addresses the clouds assign at
creation (Azure public IPs, OCI tunnel VPN IPs) are references in the plan; the lab stands them in
with documentation addresses (RFC 5737): OCI headends from 198.51.100.0/24, Azure gateway
instances from 203.0.113.0/24.

Layout (docs/lab.md): one namespace per OCI tunnel headend in use (Oracle puts each tunnel of an
IPSec connection on its own headend, so two tunnels may peer with one Azure APIPA address, which
one bgpd could not do with two neighbours of the same address) and one per Azure gateway
instance; one veth pair per tunnel. FastConnect <-> ExpressRoute: one OCI edge and one Microsoft
edge namespace joined by two veth pairs, the primary and the secondary /30 link, BGP only.
"""

import secrets

# The collection's one address library (netaddr); lab/__init__ puts the collection on sys.path.
from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses

OCI_PUBLIC_BASE = addresses.parse_address("198.51.100.0")   # RFC 5737 TEST-NET-2
AZURE_PUBLIC_BASE = addresses.parse_address("203.0.113.0")  # RFC 5737 TEST-NET-3


def _address(interface):
    """'169.254.21.1/30' -> '169.254.21.1' (plan interface values carry the prefix length)."""
    return str(addresses.parse_interface(interface)[0]) if interface else None


def probe_address(cidr):
    """The host that stands for a network in the data-plane probe: its 10th address."""
    net = addresses.parse_network(cidr, strict=False).cidr
    return str(net[min(10, net.size - 2)])


class Namespace:
    def __init__(self, key, cloud, label):
        self.key = key            # short key, unique in the topology ("oci-1-t1", "az-1")
        self.cloud = cloud        # "oci" or "azure"
        self.label = label
        self.loopback = []        # addresses on lo (/32)
        self.probe = None         # the VCN or VNet stand-in address
        self.tunnels = []         # Tunnel objects ending here
        self.bgp = None           # {"asn", "router_id", "networks", "neighbors": [...], "passive"}
        self.static_routes = []   # prefixes routed into ipsec0 (static designs)
        self.links = []           # Link objects ending here

    def add_loopback(self, address):
        if address and address not in self.loopback:
            self.loopback.append(address)


class Link:
    """A veth pair. ``oci_address``/``azure_address`` are interface addresses (FastConnect) or None
    (VPN underlay: the public addresses sit on lo and the link carries /32 routes)."""

    def __init__(self, key, oci_ns, azure_ns, oci_address=None, azure_address=None, oci_route=None,
                 azure_route=None):
        self.key = key
        self.oci_ns, self.azure_ns = oci_ns, azure_ns
        self.oci_address, self.azure_address = oci_address, azure_address
        self.oci_route, self.azure_route = oci_route, azure_route


class Tunnel:
    def __init__(self, key, oci_ns, azure_ns, oci_public, azure_public, oci_crypto, azure_crypto,
                 link, psk):
        self.key = key
        self.oci_ns, self.azure_ns = oci_ns, azure_ns
        self.oci_public, self.azure_public = oci_public, azure_public
        self.oci_crypto, self.azure_crypto = oci_crypto, azure_crypto
        self.link = link
        self.psk = psk
        self.oci_ts = ([], [])     # (local, remote) traffic selectors on the OCI side
        self.azure_ts = ([], [])
        self.oci_inside = None      # (local address, peer address) of the BGP session, OCI view
        self.azure_inside = None    # (local address, peer address), Azure view
        self.role = "active"


class Topology:
    def __init__(self, plan):
        self.plan = plan
        self.scenario = plan["scenario"]
        self.namespaces = {}
        self.links = []
        self.tunnels = []
        self.vcn = list(plan["oci"]["drg_attachment"]["vcn_cidrs"])
        self.vnet = list(plan["azure"]["virtual_network"]["address_prefixes"])
        self.fastconnect = plan["routing"] == "fastconnect"
        self.routing = plan["routing"]

    def ns(self, key, cloud, label):
        if key not in self.namespaces:
            self.namespaces[key] = Namespace(key, cloud, label)
        return self.namespaces[key]

    @property
    def oci_namespaces(self):
        return [n for n in self.namespaces.values() if n.cloud == "oci"]

    @property
    def azure_namespaces(self):
        return [n for n in self.namespaces.values() if n.cloud == "azure"]


def build(plan):
    """The Topology of a plan (VPN or FastConnect)."""
    from lab import proposals
    topo = Topology(plan)
    if topo.fastconnect:
        return _build_fastconnect(topo, plan)
    crypto = plan["crypto"]
    oci_crypto = proposals.oci_side(crypto["oci"])
    vng = plan["azure"]["virtual_network_gateway"]
    ipconfs = {c["instance"]: c for c in vng["ip_configurations"]}
    conns = {c["tunnel"]: c for c in plan["azure"]["connections"]}
    lngs = {g["tunnel"]: g for g in plan["azure"]["local_network_gateways"]}
    ipsec = {c["name"]: c for c in plan["oci"]["ipsec_connections"]}
    in_use = [t for t in plan["tunnels"] if t["in_use"]]
    for index, tunnel in enumerate(in_use):
        key = tunnel["key"]
        instance = tunnel["vng_instance"]
        oci_ns = topo.ns("oci-" + key, "oci", "OCI headend of tunnel %s" % key)
        az_ns = topo.ns("az-%d" % instance, "azure", "Azure gateway instance %d" % instance)
        oci_public = str(OCI_PUBLIC_BASE + index + 1)
        az_public = str(AZURE_PUBLIC_BASE + instance)
        oci_ns.add_loopback(oci_public)
        az_ns.add_loopback(az_public)
        oci_ns.probe = probe_address(topo.vcn[0])
        az_ns.probe = probe_address(topo.vnet[0])
        # one host per prefix: kernel-libipsec needs a local address in every local selector
        for cidr in topo.vcn:
            oci_ns.add_loopback(probe_address(cidr))
        for cidr in topo.vnet:
            az_ns.add_loopback(probe_address(cidr))
        link = Link("t%d" % index, oci_ns, az_ns, oci_route=az_public, azure_route=oci_public)
        topo.links.append(link)
        oci_ns.links.append(link)
        az_ns.links.append(link)
        conn = conns[key]
        az_crypto = proposals.azure_side(conn, crypto["azure"].get("use_default_policy"))
        lab_tunnel = Tunnel(key, oci_ns, az_ns, oci_public, az_public, oci_crypto, az_crypto, link,
                            # the plan holds references, not keys: the lab makes one per tunnel
                            "lab " + secrets.token_hex(12))
        lab_tunnel.role = tunnel["role"]
        lng = lngs[key]
        if tunnel["routing"] == "BGP":
            session = tunnel["bgp_session_config"]
            oracle_addr = _address(session["oracle_interface_ip"])
            customer_addr = _address(session["customer_interface_ip"])
            azure_local = _azure_bgp_address(conn, ipconfs[instance])
            azure_peer = lng["bgp_settings"]["bgp_peering_address"]
            lab_tunnel.oci_inside = (oracle_addr, customer_addr)
            lab_tunnel.azure_inside = (azure_local, azure_peer)
            oci_ns.add_loopback(oracle_addr)
            az_ns.add_loopback(azure_local)
            lab_tunnel.oci_ts = ([oracle_addr + "/32"] + topo.vcn, [customer_addr + "/32"] + topo.vnet)
            lab_tunnel.azure_ts = ([azure_local + "/32"] + topo.vnet, [azure_peer + "/32"] + topo.vcn)
            oracle_asn = int(tunnel.get("oracle_bgp_asn") or plan["asn"]["oracle"])
            oci_ns.bgp = {"asn": oracle_asn, "router_id": oracle_addr, "networks": topo.vcn,
                          "passive": False,
                          "neighbors": [{"address": customer_addr, "remote_as": int(session["customer_bgp_asn"]),
                                         "source": oracle_addr, "tunnel": key}]}
            if az_ns.bgp is None:
                az_ns.bgp = {"asn": int(vng["bgp_settings"]["asn"]), "router_id": az_public,
                             "networks": topo.vnet, "neighbors": [],
                             # Azure does not initiate BGP from APIPA addresses (field facts 4)
                             "passive": True}
            az_ns.bgp["neighbors"].append({"address": azure_peer, "remote_as": int(lng["bgp_settings"]["asn"]),
                                           "source": azure_local, "tunnel": key})
        else:
            remote = ipsec[tunnel["ipsec_connection"]]["static_routes"]
            lab_tunnel.oci_ts = (topo.vcn, list(remote))
            lab_tunnel.azure_ts = (topo.vnet, list(lng["address_prefixes"]))
            # the selectors narrow to the routed prefixes (the primary's halves): a host in each
            for prefix in lng["address_prefixes"]:
                oci_ns.add_loopback(probe_address(prefix))
            for prefix in remote:
                az_ns.add_loopback(probe_address(prefix))
            for prefix in remote:
                if prefix not in oci_ns.static_routes:
                    oci_ns.static_routes.append(prefix)
            for prefix in lng["address_prefixes"]:
                if prefix not in az_ns.static_routes:
                    az_ns.static_routes.append(prefix)
        topo.tunnels.append(lab_tunnel)
        oci_ns.tunnels.append(lab_tunnel)
        az_ns.tunnels.append(lab_tunnel)
    return topo


def _azure_bgp_address(conn, ipconf):
    """The APIPA an Azure instance uses on a connection: the pinned one, else its first custom
    address (field facts 3: gatewayCustomBgpIpAddresses pins the APIPA each instance uses)."""
    for pin in conn.get("gateway_custom_bgp_ip_addresses") or []:
        if pin["ip_configuration"] == ipconf["name"]:
            return pin["custom_bgp_ip_address"]
    custom = ipconf.get("custom_bgp_ip_addresses") or []
    return custom[0] if custom else None


def _build_fastconnect(topo, plan):
    circuit = plan["oci"]["virtual_circuit"]
    peering = plan["azure"]["expressroute_peering"]
    oci_ns = topo.ns("oci-fc", "oci", "OCI FastConnect edge (DRG side)")
    az_ns = topo.ns("az-msee", "azure", "Microsoft ExpressRoute edge")
    oci_ns.probe = probe_address(topo.vcn[0])
    az_ns.probe = probe_address(topo.vnet[0])
    oci_ns.add_loopback(oci_ns.probe)
    az_ns.add_loopback(az_ns.probe)
    oci_ns.bgp = {"asn": int(circuit["oracle_bgp_asn"]), "router_id": None, "networks": topo.vcn,
                  "passive": False, "neighbors": []}
    az_ns.bgp = {"asn": int(plan["asn"]["azure"]), "router_id": None, "networks": topo.vnet,
                 "passive": False, "neighbors": []}
    prefixes = {"primary": peering["primary_peer_address_prefix"],
                "secondary": peering["secondary_peer_address_prefix"]}
    for index, mapping in enumerate(circuit["cross_connect_mappings"]):
        link_name = mapping.get("link") or ("primary", "secondary")[index]
        oracle_if = mapping["oracle_bgp_peering_ip"]
        # Azure's address on this link: the peering's /30 for the link, Azure taking the second
        # usable address (seed FC; plan azure_addresses).
        azure_addr = peering["azure_addresses"][index]
        azure_if = "%s/%d" % (azure_addr, addresses.parse_network(prefixes[link_name]).prefixlen)
        link = Link(link_name, oci_ns, az_ns, oci_address=oracle_if, azure_address=azure_if)
        topo.links.append(link)
        oci_ns.links.append(link)
        az_ns.links.append(link)
        oci_ns.bgp["neighbors"].append({"address": _address(mapping["customer_bgp_peering_ip"]),
                                        "remote_as": int(plan["asn"]["azure"]), "source": None,
                                        "tunnel": link_name})
        az_ns.bgp["neighbors"].append({"address": peering["oracle_addresses"][index],
                                       "remote_as": int(peering["peer_asn"]), "source": None,
                                       "tunnel": link_name})
        oci_ns.bgp["router_id"] = oci_ns.bgp["router_id"] or _address(oracle_if)
        az_ns.bgp["router_id"] = az_ns.bgp["router_id"] or azure_addr
    return topo
