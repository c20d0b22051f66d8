"""Builders for store contents in the served shapes of docs/dev/twin-internals.md, and the six
field-facts scenarios built with them, for the pure model tests (no server involved).

Each ``build_*`` function configures one scenario correctly and returns a ``World`` with named
handles (``w.h``) so a test can break exactly one setting and check what goes down.
"""

import itertools

from emulator import rules
from emulator.core.store import Store

SUB = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-twin/providers/Microsoft.Network"
OCI_PROVIDER_AZURE = "ocid1.providerservice.oc1.iad.azure"
OCI_PROVIDER_OTHER = "ocid1.providerservice.oc1.iad.equinix"
VCN_CIDR = "10.0.0.0/16"
VNET_CIDR = "10.1.0.0/16"
VNG_ASN = 65010
GOOD_PSK = "Shared secret 42"
CREATED = 1_000.0          # every resource is created at this epoch...
NOW = 100_000.0            # ...and the model is evaluated long after: everything has settled


class World:
    def __init__(self, time_scale=1.0):
        self.store = Store()
        self.store.clock.time_scale = time_scale
        self.h = {}
        self._ids = itertools.count(1)
        self._vpn_ips = itertools.count(10)
        self._public_ips = itertools.count(10)

    # -- generic ----------------------------------------------------------------------------
    def _ocid(self, kind):
        return "ocid1.%s.oc1.iad.%06d" % (kind.lower(), next(self._ids))

    def put_oci(self, kind, obj):
        obj.setdefault("_createdAt", CREATED)
        obj.setdefault("_updatedAt", obj["_createdAt"])
        self.store.put("oci", kind, obj["id"], obj)
        return obj["id"]

    def put_azure(self, kind, obj):
        obj.setdefault("_createdAt", CREATED)
        obj.setdefault("_updatedAt", obj["_createdAt"])
        self.store.put("azure", kind, obj["id"].lower(), obj)
        return obj["id"]

    def edit(self, cloud, kind, rid, change):
        """Apply ``change(obj)`` to a stored resource (the one-setting misconfigurations)."""
        key = rid.lower() if cloud == "azure" else rid
        obj = self.store.get(cloud, kind, key)
        change(obj)
        self.store.put(cloud, kind, key, obj)

    # -- OCI --------------------------------------------------------------------------------
    def vcn(self, cidr=VCN_CIDR):
        vid = self._ocid("vcn")
        return self.put_oci("vcn", {"id": vid, "cidrBlock": cidr, "cidrBlocks": [cidr], "displayName": "vcn",
                                    "lifecycleState": "AVAILABLE"})

    def drg(self, ecmp=False, ecmp_table="vcn"):
        """A DRG with its four default route tables; ``ecmp`` enables ECMP on the ``ecmp_table`` one
        (the VCN attachment's table is where VCN -> Azure traffic is routed)."""
        drg_id = self._ocid("drg")
        tables = {}
        for use in ("vcn", "ipsecTunnel", "virtualCircuit", "remotePeeringConnection"):
            tables[use] = self.put_oci("drgRouteTable", {
                "id": self._ocid("drgroutetable"), "drgId": drg_id, "displayName": use,
                "isEcmpEnabled": ecmp if use == ecmp_table else False, "lifecycleState": "AVAILABLE"})
        self.put_oci("drg", {"id": drg_id, "displayName": "drg", "lifecycleState": "AVAILABLE",
                             "defaultDrgRouteTables": tables})
        return drg_id

    def attach(self, drg_id, vcn_id, state="ATTACHED"):
        return self.put_oci("drgAttachment", {
            "id": self._ocid("drgattachment"), "drgId": drg_id, "vcnId": vcn_id, "lifecycleState": state,
            "networkDetails": {"type": "VCN", "id": vcn_id}})

    def cpe(self, ip):
        return self.put_oci("cpe", {"id": self._ocid("cpe"), "ipAddress": ip, "displayName": "cpe-" + ip})

    def ipsec(self, drg_id, cpe_id, tunnels, static_routes=()):
        """An IPSec connection with two tunnels; ``tunnels`` gives up to two tunnel option dicts."""
        conn_id = self._ocid("ipsecconnection")
        tunnel_ids = []
        for options in list(tunnels) + [{}] * (2 - len(tunnels)):
            tunnel_ids.append(self.tunnel(conn_id, **options))
        self.put_oci("ipsecConnection", {
            "id": conn_id, "drgId": drg_id, "cpeId": cpe_id, "displayName": "ipsec",
            "staticRoutes": list(static_routes), "lifecycleState": "AVAILABLE", "_tunnelIds": tunnel_ids})
        return conn_id, tunnel_ids

    def tunnel(self, conn_id, routing="STATIC", ike="V2", secret=GOOD_PSK, oracle_ip=None, customer_ip=None,
               customer_asn=VNG_ASN, pfs="GROUP14", phase_one=None, phase_two=None):
        tid = self._ocid("ipsectunnel")
        bgp = {"oracleBgpAsn": str(rules.ORACLE_BGP_ASN), "bgpState": "DOWN"}
        if routing == "BGP":
            bgp.update(oracleInterfaceIp=oracle_ip, customerInterfaceIp=customer_ip, customerBgpAsn=str(customer_asn))
        phase_one_details = {"isCustomPhaseOneConfig": False, "lifetime": 28800}
        if phase_one:
            phase_one_details.update(isCustomPhaseOneConfig=True, customEncryptionAlgorithm=phase_one[0],
                                     customAuthenticationAlgorithm=phase_one[1], customDhGroup=phase_one[2])
        phase_two_details = {"isCustomPhaseTwoConfig": False, "lifetime": 3600,
                             "isPfsEnabled": pfs is not None, "dhGroup": pfs}
        if phase_two:
            phase_two_details.update(isCustomPhaseTwoConfig=True, customEncryptionAlgorithm=phase_two[0],
                                     customAuthenticationAlgorithm=phase_two[1])
        return self.put_oci("ipsecTunnel", {
            "id": tid, "vpnIp": "129.146.0.%d" % next(self._vpn_ips), "cpeIp": None, "displayName": "tunnel",
            "routing": routing, "ikeVersion": ike, "lifecycleState": "AVAILABLE", "status": "DOWN",
            "bgpSessionInfo": bgp, "phaseOneDetails": phase_one_details, "phaseTwoDetails": phase_two_details,
            "dpdMode": "INITIATE_AND_RESPOND", "dpdTimeoutInSec": 20, "oracleCanInitiate": "INITIATOR_OR_RESPONDER",
            "_ipsecConnectionId": conn_id, "_sharedSecret": secret, "_adminDown": False})

    def provider(self, pid, name):
        return self.put_oci("fastConnectProviderService", {"id": pid, "providerName": name})

    def virtual_circuit(self, drg_id, key, shape="1 Gbps", mappings=None, provider=OCI_PROVIDER_AZURE,
                        created=CREATED):
        mappings = mappings if mappings is not None else [
            {"oracleBgpPeeringIp": "192.168.100.1/30", "customerBgpPeeringIp": "192.168.100.2/30", "vlan": 100},
            {"oracleBgpPeeringIp": "192.168.100.5/30", "customerBgpPeeringIp": "192.168.100.6/30", "vlan": 100}]
        return self.put_oci("virtualCircuit", {
            "id": self._ocid("virtualcircuit"), "type": "PRIVATE", "providerServiceId": provider,
            "providerServiceKeyName": key, "gatewayId": drg_id, "bandwidthShapeName": shape,
            "crossConnectMappings": mappings, "oracleBgpAsn": rules.ORACLE_BGP_ASN,
            "lifecycleState": "PENDING_PROVIDER", "providerState": "INACTIVE", "bgpSessionState": "DOWN",
            "_createdAt": created})

    # -- Azure ------------------------------------------------------------------------------
    def vnet(self, name="vnet", prefixes=(VNET_CIDR,), gateway_subnet="10.1.255.0/27"):
        vid = "%s/virtualNetworks/%s" % (SUB, name)
        subnet = {"id": vid + "/subnets/GatewaySubnet", "name": "GatewaySubnet",
                  "properties": {"addressPrefix": gateway_subnet, "provisioningState": "Succeeded"}}
        return self.put_azure("virtualNetwork", {
            "id": vid, "name": name, "properties": {"addressSpace": {"addressPrefixes": list(prefixes)},
                                                    "subnets": [subnet], "provisioningState": "Succeeded"}})

    def public_ip(self, name):
        ip = "20.62.0.%d" % next(self._public_ips)
        pid = "%s/publicIPAddresses/%s" % (SUB, name)
        self.put_azure("publicIPAddress", {"id": pid, "name": name,
                                           "properties": {"ipAddress": ip, "provisioningState": "Succeeded"}})
        return pid, ip

    def gateway(self, name, vnet_id, active_active=False, apipas=None, enable_bgp=True, asn=VNG_ASN,
                gateway_type="Vpn", sku="VpnGw2AZ"):
        """A gateway; ``apipas`` lists each instance's custom APIPA addresses. Returns (id, [public IPs])."""
        gid = "%s/virtualNetworkGateways/%s" % (SUB, name)
        configs, peering, ips = [], [], []
        for index in range(2 if active_active else 1):
            pip_id, ip = self.public_ip("%s-pip%d" % (name, index + 1))
            ips.append(ip)
            config_id = "%s/ipConfigurations/%s" % (gid, "default" if index == 0 else "activeActive")
            configs.append({"id": config_id, "name": config_id.rsplit("/", 1)[1], "properties": {
                "publicIPAddress": {"id": pip_id}, "subnet": {"id": vnet_id + "/subnets/GatewaySubnet"}}})
            custom = list((apipas or [[]] * 2)[index]) if apipas else []
            peering.append({"ipconfigurationId": config_id, "defaultBgpIpAddresses": ["10.1.255.%d" % (30 - index)],
                            "customBgpIpAddresses": custom, "tunnelIpAddresses": [ip]})
        self.put_azure("virtualNetworkGateway", {"id": gid, "name": name, "properties": {
            "gatewayType": gateway_type, "vpnType": "RouteBased", "activeActive": active_active,
            "enableBgp": enable_bgp, "sku": {"name": sku, "tier": sku}, "ipConfigurations": configs,
            "bgpSettings": {"asn": asn, "bgpPeeringAddress": ",".join(p["defaultBgpIpAddresses"][0] for p in peering),
                            "peerWeight": 0, "bgpPeeringAddresses": peering},
            "provisioningState": "Succeeded"}})
        return gid, ips

    def local_gateway(self, name, ip, prefixes=(), bgp_peer=None, asn=rules.ORACLE_BGP_ASN):
        props = {"gatewayIpAddress": ip, "localNetworkAddressSpace": {"addressPrefixes": list(prefixes)},
                 "provisioningState": "Succeeded"}
        if bgp_peer:
            props["bgpSettings"] = {"asn": asn, "bgpPeeringAddress": bgp_peer, "peerWeight": 0}
        return self.put_azure("localNetworkGateway", {"id": "%s/localNetworkGateways/%s" % (SUB, name),
                                                      "name": name, "properties": props})

    def connection(self, name, gateway_id, lng_id, key=GOOD_PSK, enable_bgp=False, pinned=None, policy=None,
                   protocol="IKEv2"):
        """An IPsec connection; ``pinned`` maps ipConfiguration index -> APIPA (gatewayCustomBgpIpAddresses)."""
        gateway = self.store.get("azure", "virtualNetworkGateway", gateway_id.lower())
        configs = gateway["properties"]["ipConfigurations"]
        props = {"connectionType": "IPsec", "virtualNetworkGateway1": {"id": gateway_id},
                 "localNetworkGateway2": {"id": lng_id}, "connectionProtocol": protocol, "sharedKey": key,
                 "enableBgp": enable_bgp, "ipsecPolicies": [policy] if policy else [],
                 "gatewayCustomBgpIpAddresses": [
                     {"ipConfigurationId": configs[i]["id"], "customBgpIpAddress": ip}
                     for i, ip in sorted((pinned or {}).items())],
                 "dpdTimeoutSeconds": 45, "connectionMode": "Default", "provisioningState": "Succeeded"}
        return self.put_azure("connection", {"id": "%s/connections/%s" % (SUB, name), "name": name,
                                             "properties": props})

    def er_circuit(self, name, mbps=1000, key="svc-key-0001", provider=rules.AZURE_ER_PROVIDER_ORACLE,
                   peering=None, created=CREATED):
        cid = "%s/expressRouteCircuits/%s" % (SUB, name)
        peerings = []
        if peering:
            peerings.append({"id": cid + "/peerings/AzurePrivatePeering", "name": "AzurePrivatePeering",
                             "properties": dict(peering, provisioningState="Succeeded")})
        return self.put_azure("expressRouteCircuit", {"id": cid, "name": name, "_createdAt": created, "properties": {
            "serviceProviderProperties": {"serviceProviderName": provider, "peeringLocation": "Washington DC",
                                          "bandwidthInMbps": mbps},
            "serviceKey": key, "serviceProviderProvisioningState": "NotProvisioned", "peerings": peerings,
            "provisioningState": "Succeeded"}, "sku": {"name": "Standard_MeteredData", "tier": "Standard",
                                                       "family": "MeteredData"}})

    def er_connection(self, name, gateway_id, circuit_id, bypass=True):
        return self.put_azure("connection", {"id": "%s/connections/%s" % (SUB, name), "name": name, "properties": {
            "connectionType": "ExpressRoute", "virtualNetworkGateway1": {"id": gateway_id},
            "peer": {"id": circuit_id}, "expressRouteGatewayBypass": bypass, "provisioningState": "Succeeded"}})


GOOD_PEERING = {"peeringType": "AzurePrivatePeering", "peerASN": rules.ORACLE_BGP_ASN,
                "primaryPeerAddressPrefix": "192.168.100.0/30", "secondaryPeerAddressPrefix": "192.168.100.4/30",
                "vlanId": 100, "state": "Enabled"}


def _oci_base(w, ecmp):
    w.h["vcn"] = w.vcn()
    w.h["drg"] = w.drg(ecmp=ecmp)
    w.attach(w.h["drg"], w.h["vcn"])
    w.h["vnet"] = w.vnet()


def build_single(w=None):
    """Single VPN: one active-passive gateway, one BGP tunnel of one OCI connection in use."""
    w = w or World()
    _oci_base(w, ecmp=False)
    w.h["vng"], (ip,) = w.gateway("vng", w.h["vnet"], apipas=[["169.254.21.2"]])
    w.h["cpe"] = w.cpe(ip)
    w.h["ipsec"], w.h["tunnels"] = w.ipsec(w.h["drg"], w.h["cpe"], [
        dict(routing="BGP", oracle_ip="169.254.21.1/30", customer_ip="169.254.21.2/30"),
        dict(routing="BGP", oracle_ip="169.254.21.5/30", customer_ip="169.254.21.6/30")])
    t1 = w.store.get("oci", "ipsecTunnel", w.h["tunnels"][0])
    w.h["lng"] = w.local_gateway("lng1", t1["vpnIp"], bgp_peer="169.254.21.1")
    w.h["conn"] = w.connection("conn1", w.h["vng"], w.h["lng"], enable_bgp=True)
    return w


def build_static_active_passive(w=None):
    """Static routing, active-passive gateway: primary carries the halves, backup the full CIDRs."""
    w = w or World()
    _oci_base(w, ecmp=False)
    w.h["vng"], (ip,) = w.gateway("vng", w.h["vnet"], enable_bgp=False)
    w.h["cpe"] = w.cpe(ip)
    halves_vnet, halves_vcn = ["10.1.0.0/17", "10.1.128.0/17"], ["10.0.0.0/17", "10.0.128.0/17"]
    w.h["tunnels"], w.h["conns"] = [], []
    for name, oci_routes, azure_routes in (("primary", halves_vnet, halves_vcn),
                                           ("backup", [VNET_CIDR], [VCN_CIDR])):
        _conn, tunnels = w.ipsec(w.h["drg"], w.h["cpe"], [{}], static_routes=oci_routes)
        vpn_ip = w.store.get("oci", "ipsecTunnel", tunnels[0])["vpnIp"]
        lng = w.local_gateway("lng-" + name, vpn_ip, prefixes=azure_routes)
        w.h["tunnels"].append(tunnels[0])
        w.h["conns"].append(w.connection("conn-" + name, w.h["vng"], lng))
    return w


def build_static_active_active(w=None):
    """Static routing, active-active gateway: the active-passive design doubled, per instance IP."""
    w = w or World()
    _oci_base(w, ecmp=False)
    w.h["vng"], ips = w.gateway("vng", w.h["vnet"], active_active=True, enable_bgp=False)
    w.h["tunnels"], w.h["conns"] = [], []
    for index, ip in enumerate(ips):
        cpe = w.cpe(ip)
        for name, oci_routes, azure_routes in (("primary", ["10.1.0.0/17", "10.1.128.0/17"],
                                                ["10.0.0.0/17", "10.0.128.0/17"]),
                                               ("backup", [VNET_CIDR], [VCN_CIDR])):
            _conn, tunnels = w.ipsec(w.h["drg"], cpe, [{}], static_routes=oci_routes)
            vpn_ip = w.store.get("oci", "ipsecTunnel", tunnels[0])["vpnIp"]
            lng = w.local_gateway("lng-%s-%d" % (name, index), vpn_ip, prefixes=azure_routes)
            w.h["tunnels"].append(tunnels[0])
            w.h["conns"].append(w.connection("conn-%s-%d" % (name, index), w.h["vng"], lng))
    return w


AA_APIPAS = [["169.254.21.2", "169.254.21.6"], ["169.254.22.2", "169.254.22.6"]]


def build_bgp_active_active(w=None):
    """BGP, active-active gateway: 2 CPEs, 2 OCI connections = 4 BGP tunnels, 4 LNGs, 4 connections, ECMP.

    The first OCI connection (CPE = instance 1) uses a custom crypto policy on both sides, the second
    the defaults with PFS GROUP14, so both negotiation paths are exercised.
    """
    w = w or World()
    _oci_base(w, ecmp=True)
    w.h["vng"], ips = w.gateway("vng", w.h["vnet"], active_active=True, apipas=AA_APIPAS)
    policy = {"saLifeTimeSeconds": 27000, "saDataSizeKilobytes": 102400000, "ipsecEncryption": "GCMAES256",
              "ipsecIntegrity": "GCMAES256", "ikeEncryption": "AES256", "ikeIntegrity": "SHA384",
              "dhGroup": "DHGroup14", "pfsGroup": "PFS2048"}
    w.h["tunnels"], w.h["conns"], w.h["lngs"] = [], [], []
    for index, ip in enumerate(ips):
        cpe = w.cpe(ip)
        custom = dict(phase_one=("AES_256_CBC", "SHA2_384", "GROUP14"), phase_two=("AES_256_GCM", None)) \
            if index == 0 else {}
        _conn, tunnels = w.ipsec(w.h["drg"], cpe, [
            dict(routing="BGP", oracle_ip="169.254.2%d.1/30" % (index + 1),
                 customer_ip="169.254.2%d.2/30" % (index + 1), **custom),
            dict(routing="BGP", oracle_ip="169.254.2%d.5/30" % (index + 1),
                 customer_ip="169.254.2%d.6/30" % (index + 1), **custom)])
        for slot, tid in enumerate(tunnels):
            tunnel = w.store.get("oci", "ipsecTunnel", tid)
            oracle = tunnel["bgpSessionInfo"]["oracleInterfaceIp"].split("/")[0]
            lng = w.local_gateway("lng-%d-%d" % (index, slot), tunnel["vpnIp"], bgp_peer=oracle)
            pinned = {0: AA_APIPAS[0][slot], 1: AA_APIPAS[1][slot]}
            w.h["tunnels"].append(tid)
            w.h["lngs"].append(lng)
            w.h["conns"].append(w.connection("conn-%d-%d" % (index, slot), w.h["vng"], lng, enable_bgp=True,
                                             pinned=pinned, policy=policy if index == 0 else None))
    return w


def build_bgp_active_passive(w=None):
    """BGP, active-passive gateway with one APIPA reached from a /30 tunnel and a /31 tunnel, ECMP."""
    w = w or World()
    _oci_base(w, ecmp=True)
    w.h["vng"], (ip,) = w.gateway("vng", w.h["vnet"], apipas=[["169.254.21.2"]])
    w.h["cpe"] = w.cpe(ip)
    w.h["ipsec"], w.h["tunnels"] = w.ipsec(w.h["drg"], w.h["cpe"], [
        dict(routing="BGP", oracle_ip="169.254.21.1/30", customer_ip="169.254.21.2/30"),
        dict(routing="BGP", oracle_ip="169.254.21.3/31", customer_ip="169.254.21.2/31")])
    w.h["lngs"], w.h["conns"] = [], []
    for slot, tid in enumerate(w.h["tunnels"]):
        tunnel = w.store.get("oci", "ipsecTunnel", tid)
        oracle = tunnel["bgpSessionInfo"]["oracleInterfaceIp"].split("/")[0]
        w.h["lngs"].append(w.local_gateway("lng-%d" % slot, tunnel["vpnIp"], bgp_peer=oracle))
        w.h["conns"].append(w.connection("conn-%d" % slot, w.h["vng"], w.h["lngs"][-1], enable_bgp=True))
    return w


def build_fastconnect(w=None, created=CREATED):
    """FastConnect private virtual circuit <-> ExpressRoute circuit, private peering, ER gateway + FastPath."""
    w = w or World()
    _oci_base(w, ecmp=False)
    w.provider(OCI_PROVIDER_AZURE, rules.OCI_FASTCONNECT_AZURE_PROVIDER)
    w.provider(OCI_PROVIDER_OTHER, "Equinix")
    w.h["circuit"] = w.er_circuit("er1", peering=GOOD_PEERING, created=created)
    w.h["vc"] = w.virtual_circuit(w.h["drg"], "svc-key-0001", created=created)
    w.h["ergw"], _ips = w.gateway("ergw", w.h["vnet"], enable_bgp=False, gateway_type="ExpressRoute",
                                  sku="ErGw3AZ")
    w.h["erconn"] = w.er_connection("erconn", w.h["ergw"], w.h["circuit"])
    return w


SCENARIOS = {
    "single": build_single,
    "static_active_passive": build_static_active_passive,
    "static_active_active": build_static_active_active,
    "bgp_active_active": build_bgp_active_active,
    "bgp_active_passive": build_bgp_active_passive,
    "fastconnect": build_fastconnect,
}
