"""Site-to-site VPN physics: which OCI IPSec tunnels pair with which Azure gateway instances, whether
each pair comes up, whether BGP establishes over it, and which prefixes each side then learns.

Rules and sources: docs/emulator-model.md. Entry point: ``evaluate_vpn(snapshot)``.
"""

from dataclasses import dataclass, field

from netaddr import IPNetwork

from emulator import rules
from emulator.physics import crypto
from emulator.physics.common import (changed_at, created_order, dict_items, parse_ip, props as _props, reason,
                                     same_ip, timespan, utc_text, valid_point_to_point)

OCI_IKE_TO_AZURE = {"V1": "IKEv1", "V2": "IKEv2"}
OCI_DEFAULT_IKE_VERSION = "V1"          # OCI's API default when a tunnel omits ikeVersion
AZURE_DEFAULT_PROTOCOL = "IKEv2"        # ARM default connectionProtocol
AZURE_ROUTE_WEIGHT = 32768              # weight ARM shows on a gateway's learned routes
# Synthetic traffic counters for connected tunnels/sessions (DPD and BGP keepalives only).
BYTES_PER_SECOND_IN, BYTES_PER_SECOND_OUT = 48, 52
BGP_KEEPALIVE_SECONDS = 60
_APIPA_NETWORK = IPNetwork(rules.APIPA_LINK_LOCAL)


@dataclass
class Instance:
    """One VPN gateway instance (one ipConfiguration with its public IP)."""
    index: int
    key: str                 # ipConfiguration id, lower-cased
    name: str
    public_ip: str
    custom: list             # customBgpIpAddresses, in the order configured
    default: list            # defaultBgpIpAddresses


@dataclass
class Attempt:
    """One gateway instance trying to bring up one Azure connection's tunnel."""
    conn_key: str
    conn: dict
    vng_key: str
    vng: dict
    lng: dict
    inst: Instance
    tunnel_id: str = None
    failure: dict = None                 # reason of the IPsec failure, None when Connected
    connected_since: float = None
    azure_bgp: bool = False              # connection and gateway both run BGP
    local_address: str = None            # the Azure-side BGP address for this connection+instance
    local_source: str = None             # pinned | custom | default
    bgp_failure: dict = None
    established: bool = False
    learned: list = field(default_factory=list)     # prefixes Azure learns from OCI on this attempt

    @property
    def connected(self):
        return self.failure is None and self.connected_since is not None


def _as_int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def gateway_asn(vng):
    return _as_int((_props(vng).get("bgpSettings") or {}).get("asn")) or rules.AZURE_DEFAULT_VNG_ASN


def gateway_instances(snap, vng):
    """The instances that initiate IKE: one for active-passive, one per ipConfiguration for active-active."""
    props = _props(vng)
    configs = dict_items(props.get("ipConfigurations"))
    if not props.get("activeActive"):
        configs = configs[:1]
    bgp = props.get("bgpSettings") or {}
    peering = {(entry.get("ipconfigurationId") or "").lower(): entry
               for entry in dict_items(bgp.get("bgpPeeringAddresses"))}
    out = []
    for index, config in enumerate(configs):
        key = (config.get("id") or "").lower()
        pip = snap.az("publicIPAddress", (_props(config).get("publicIPAddress") or {}).get("id"))
        entry = peering.get(key) or {}
        default = list(entry.get("defaultBgpIpAddresses") or [])
        if not default and bgp.get("bgpPeeringAddress"):
            # Older shapes give only the comma-separated bgpPeeringAddress, one per instance.
            addresses = [a.strip() for a in str(bgp["bgpPeeringAddress"]).split(",") if a.strip()]
            if index < len(addresses):
                default = [addresses[index]]
        out.append(Instance(index=index, key=key, name=config.get("name") or "",
                            public_ip=_props(pip).get("ipAddress"),
                            custom=list(entry.get("customBgpIpAddresses") or []), default=default))
    return out


def is_apipa(address):
    """True for a link-local (APIPA, 169.254.0.0/16) address."""
    ip = parse_ip(address)
    return ip is not None and ip in _APIPA_NETWORK


def azure_bgp_address(conn, inst, lng=None):
    """The address this instance peers from on this connection.

    A custom APIPA address (pinned on the connection, else the instance's first) is used only when
    the local network gateway's BGP peer address is itself APIPA; otherwise the instance peers from
    its default GatewaySubnet address (Microsoft Learn, bgp-howto; rules.APIPA_LINK_LOCAL).
    """
    peer = (_props(lng).get("bgpSettings") or {}).get("bgpPeeringAddress") if lng is not None else None
    if lng is None or is_apipa(peer):
        for entry in dict_items(_props(conn).get("gatewayCustomBgpIpAddresses")):
            if (entry.get("ipConfigurationId") or "").lower() == inst.key and entry.get("customBgpIpAddress"):
                return entry["customBgpIpAddress"], "pinned"
        if inst.custom:
            return inst.custom[0], "custom"
    if inst.default:
        return inst.default[0], "default"
    return None, None


def _oci_tunnel_template(tunnel):
    return {
        "status": "DOWN", "reasonCode": None, "reason": None, "solution": None,
        "bgpState": "DOWN" if tunnel.get("routing") == "BGP" else None,
        "bgpReasonCode": None, "bgpReason": None, "bgpSolution": None,
        "azureConnectionId": None, "azureIpConfigurationId": None,
        "routesReceived": [], "routesAdvertised": [], "ecmp": False, "negotiated": None,
        "rekeyAt": None, "rekeyInitiator": None,
    }


def _set_reason(entry, found, prefix=""):
    """Copy a reason into ``entry`` as reasonCode/reason/solution (or bgpReasonCode/bgpReason/...)."""
    if prefix:
        entry[prefix + "ReasonCode"] = found["reasonCode"]
        entry[prefix + "Reason"] = found["reason"]
        entry[prefix + "Solution"] = found["solution"]
    else:
        entry.update(found)


def _oci_provisioning_state(tunnel, ipsec):
    """None when both the IPSec connection and the tunnel are AVAILABLE, else the blocking state."""
    if not ipsec:
        return "missing its IPSec connection"
    for what, obj in (("IPSec connection", ipsec), ("tunnel", tunnel)):
        if obj.get("lifecycleState") != "AVAILABLE":
            return "%s %s" % (what, obj.get("lifecycleState"))
    return None


def check_ipsec(snap, tunnel, attempt):
    """(failure reason or None, negotiated dict or None) for an accepted attempt on ``tunnel``."""
    if tunnel.get("_adminDown"):
        return reason("ADMIN_DOWN", tunnel_id=tunnel["id"]), None
    props = _props(attempt.conn)
    oci_ike = tunnel.get("ikeVersion") or OCI_DEFAULT_IKE_VERSION
    azure_ike = props.get("connectionProtocol") or AZURE_DEFAULT_PROTOCOL
    if OCI_IKE_TO_AZURE.get(oci_ike) != azure_ike:
        return reason("IKE_VERSION_MISMATCH", oci_ike=oci_ike, azure_ike=azure_ike), None
    oci_p1, azure_p1 = crypto.oci_phase_one(tunnel), crypto.azure_phase_one(attempt.conn)
    phase_one = crypto.first_match(oci_p1, azure_p1)
    if phase_one is None:
        fields = crypto.mismatched_fields(oci_p1, azure_p1) or ["combination"]
        return reason("PHASE1_PROPOSAL_MISMATCH", fields=", ".join(fields),
                      oci=crypto.describe(oci_p1), azure=crypto.describe(azure_p1)), None
    secret, key = tunnel.get("_sharedSecret"), props.get("sharedKey")
    if not secret or secret != key:
        return reason("PSK_MISMATCH"), None
    oci_p2 = crypto.oci_phase_two(tunnel)
    azure_accepts = crypto.azure_phase_two(attempt.conn, crypto.RESPONDER)
    if oci_ike == "V1":
        # IKEv1 quick mode runs its own DH for PFS on every SA, the first one included.
        phase_two = crypto.first_match(oci_p2, azure_accepts)
        if phase_two is None:
            fields = crypto.mismatched_fields(oci_p2, azure_accepts)
            if fields == ["group"]:
                pfs = lambda proposals: "/".join(sorted({str(p[2] or "none") for p in proposals}))
                return reason("PHASE2_PFS_MISMATCH", oci_pfs=pfs(oci_p2), azure_pfs=pfs(azure_accepts)), None
            return reason("PHASE2_PROPOSAL_MISMATCH", fields=", ".join(fields or ["combination"]),
                          oci=crypto.describe(oci_p2), azure=crypto.describe(azure_accepts)), None
        return None, {"phaseOne": crypto.negotiated_phase_one(phase_one),
                      "phaseTwo": crypto.negotiated_phase_two(phase_two)}
    # IKEv2: the first child SA is made inside IKE_AUTH without a DH exchange, so only encryption and
    # integrity must match (either side may run IKE_AUTH: OCI's offers against Azure's responder
    # list, or Azure's initiator offers against OCI's).
    first = crypto.first_child_sa(oci_p2, azure_accepts)
    if first is None:
        azure_offers = crypto.azure_phase_two(attempt.conn, crypto.INITIATOR)
        first = crypto.first_child_sa(azure_offers, oci_p2)
    if first is None:
        oci_pairs = [p + (None,) for p in crypto.without_pfs(oci_p2)]
        azure_pairs = [p + (None,) for p in crypto.without_pfs(azure_accepts)]
        fields = [f for f in crypto.mismatched_fields(oci_pairs, azure_pairs) if f != "group"]
        return reason("PHASE2_PROPOSAL_MISMATCH", fields=", ".join(fields or ["combination"]),
                      oci=crypto.describe(oci_p2), azure=crypto.describe(azure_accepts)), None
    return None, {"phaseOne": crypto.negotiated_phase_one(phase_one),
                  "phaseTwo": crypto.negotiated_phase_two(first[:2] + (None,))}


# --- the first phase-two rekey -------------------------------------------------------------------
def _tuples_text(proposals):
    return ", ".join("%s/%s/%s" % (e, i, "pfs-" + p if p else "no-pfs") for e, i, p in proposals) or "nothing"


def _rekey_fix(initiator, offered, accepted, azure_default):
    """The solution text of a failed rekey: what to change so the initiator's proposal is accepted."""
    pfs_groups = {p[2] for p in offered}
    if initiator == "OCI":
        if azure_default:
            return ("Azure keeps its default policy, which accepts GCM only without PFS and PFS only with CBC "
                    "(groups 1, 2, 14, 24): give the OCI tunnel a phase two that is in that list (e.g. "
                    "AES_256_GCM with PFS disabled, or AES_256_CBC + HMAC_SHA2_256_128 with PFS GROUP14), or "
                    "better set a custom IPsec/IKE policy on the Azure connection that mirrors OCI's phase one "
                    "and two (pfsGroup = OCI's PFS group, e.g. GROUP14 -> PFS2048).")
        return ("Make the Azure connection's ipsecPolicies[0] (ipsecEncryption, ipsecIntegrity, pfsGroup) and the "
                "OCI tunnel's phase two the same tuple; OCI proposes %s." % _tuples_text(offered[:1]))
    if azure_default and pfs_groups == {None}:
        return ("Azure's default policy never proposes PFS and Azure starts the rekey (its phase-two lifetime is "
                "the shorter): disable PFS on the OCI tunnel, or set a custom IPsec/IKE policy on the Azure "
                "connection with OCI's PFS group, or keep Azure's lifetime longer than OCI's.")
    return ("Make the Azure connection's ipsecPolicies[0] and the OCI tunnel's phase two the same tuple "
            "(encryption, integrity and PFS group); Azure proposes %s." % _tuples_text(offered[:1]))


def check_rekey(tunnel, conn):
    """(lifetime seconds, initiator, failure reason or None, negotiated tuple or None) of the first rekey.

    The side with the shorter phase-two lifetime starts the rekey (CREATE_CHILD_SA, with its PFS);
    its proposals must be accepted by the other side. Equal lifetimes: either side may start, both
    directions are checked (rules.UNVERIFIED).
    """
    oci_life, azure_life = crypto.oci_phase_two_lifetime(tunnel), crypto.azure_phase_two_lifetime(conn)
    lifetime = min(oci_life, azure_life)
    initiators = [name for name, life in (("OCI", oci_life), ("Azure", azure_life)) if life == lifetime]
    oci_p2 = crypto.oci_phase_two(tunnel)
    azure_default = crypto.azure_policy(conn) is None
    negotiated = None
    for initiator in initiators:
        if initiator == "OCI":
            offered, accepted = oci_p2, crypto.azure_phase_two(conn, crypto.RESPONDER)
            responder = "Azure (%s)" % ("default responder list" if azure_default else "custom ipsecPolicies[0]")
        else:
            offered, accepted = crypto.azure_phase_two(conn, crypto.INITIATOR), oci_p2
            responder = "OCI"
        match = crypto.first_match(offered, accepted)
        if match is None:
            who = initiator if initiator == "OCI" else "Azure (%s)" % (
                "default initiator list" if azure_default else "custom ipsecPolicies[0]")
            return lifetime, initiator, reason(
                "PHASE2_REKEY_NO_PROPOSAL", initiator=who, lifetime=lifetime, offered=_tuples_text(offered),
                responder=responder, accepted=_tuples_text(accepted),
                fix=_rekey_fix(initiator, offered, accepted, azure_default)), None
        negotiated = negotiated or match
    return lifetime, initiators[0], None, negotiated


def check_bgp(snap, tunnel, attempt):
    """Reason the BGP session over an UP pair does not establish, or None when it does."""
    info = tunnel.get("bgpSessionInfo") or {}
    oracle_if, customer_if = info.get("oracleInterfaceIp"), info.get("customerInterfaceIp")
    if not valid_point_to_point(oracle_if, customer_if):
        return reason("INSIDE_ADDRESS_INVALID", oracle_ip=oracle_if, customer_ip=customer_if)
    oracle_ip, customer_ip = str(parse_ip(oracle_if)), str(parse_ip(customer_if))
    inst, azure_ip = attempt.inst, attempt.local_address
    if not _props(attempt.vng).get("activeActive") and len(inst.custom) > 1:
        # Active-passive: only the first APIPA address ever peers (seed 000, "Note").
        secondaries = [str(parse_ip(a)) for a in inst.custom[1:]]
        used = str(parse_ip(azure_ip)) if parse_ip(azure_ip) else None
        if used in secondaries or (customer_ip in secondaries and used != customer_ip):
            return reason("ACTIVE_PASSIVE_SECONDARY_APIPA", first_apipa=inst.custom[0],
                          azure_ip=used if used in secondaries else customer_ip)
    if attempt.local_source == "default" or azure_ip is None:
        return reason("DEFAULT_BGP_IP_UNREACHABLE", azure_ip=azure_ip, customer_ip=customer_ip)
    if not same_ip(azure_ip, customer_ip):
        source = {"pinned": "gatewayCustomBgpIpAddresses", "custom": "first customBgpIpAddresses entry"}
        return reason("AZURE_BGP_IP_MISMATCH", azure_ip=azure_ip, customer_ip=customer_ip,
                      source=source.get(attempt.local_source, attempt.local_source))
    lng_bgp = _props(attempt.lng).get("bgpSettings") or {}
    if not same_ip(lng_bgp.get("bgpPeeringAddress"), oracle_ip):
        return reason("LNG_PEER_IP_MISMATCH", lng_peer=lng_bgp.get("bgpPeeringAddress"), oracle_ip=oracle_ip)
    if _as_int(lng_bgp.get("asn")) != snap.oracle_asn:
        return reason("LNG_ASN_MISMATCH", lng_asn=lng_bgp.get("asn"), oracle_asn=snap.oracle_asn)
    vng_asn = gateway_asn(attempt.vng)
    if vng_asn == snap.oracle_asn:
        # Azure VPN gateway FAQ: "you must assign different ASNs between your on-premises networks
        # and your Azure virtual networks if you're connecting them together with BGP".
        return reason("SAME_ASN", asn=vng_asn)
    if _as_int(info.get("customerBgpAsn")) != vng_asn:
        return reason("CUSTOMER_ASN_MISMATCH", customer_asn=info.get("customerBgpAsn"), vng_asn=vng_asn)
    return None


def _collect_attempts(snap, conns_out):
    """Every IKE attempt: (provisioned Azure IPsec connection) x (gateway instance)."""
    attempts = []
    for conn_key, conn in sorted(snap.azure["connection"].items(), key=lambda kv: created_order(kv[1])):
        props = _props(conn)
        if props.get("connectionType") != "IPsec":
            continue
        entry = {"connectionStatus": "Unknown", "tunnelConnectionStatus": [], "reasons": []}
        conns_out[conn_key] = entry
        vng_key = ((props.get("virtualNetworkGateway1") or {}).get("id") or "").lower()
        vng = snap.azure["virtualNetworkGateway"].get(vng_key)
        lng = snap.az("localNetworkGateway", (props.get("localNetworkGateway2") or {}).get("id"))
        blocking = None
        if props.get("provisioningState") != "Succeeded":
            blocking = "connection %s" % props.get("provisioningState")
        elif vng is None or lng is None:
            blocking = "missing its %s" % ("virtual network gateway" if vng is None else "local network gateway")
        elif _props(vng).get("provisioningState") != "Succeeded":
            blocking = "gateway %s" % _props(vng).get("provisioningState")
        if blocking:
            entry["reasons"].append(dict(ipConfigurationId=None, layer="ipsec",
                                         **reason("AZURE_NOT_PROVISIONED", state=blocking)))
            continue
        for inst in gateway_instances(snap, vng):
            attempt = Attempt(conn_key=conn_key, conn=conn, vng_key=vng_key, vng=vng, lng=lng, inst=inst)
            attempt.azure_bgp = bool(props.get("enableBgp")) and bool(_props(vng).get("enableBgp"))
            attempt.local_address, attempt.local_source = azure_bgp_address(conn, inst, lng)
            attempts.append(attempt)
    return attempts


def _tunnel_name(attempt):
    return "%s_%s" % (attempt.conn.get("name") or attempt.conn_key.rsplit("/", 1)[-1],
                      attempt.inst.public_ip or attempt.inst.name)


def evaluate_vpn(snap):
    """(oci_tunnels, azure_connections, azure_gateways) parts of the model result."""
    tunnels = snap.oci["ipsecTunnel"]
    oci_out = {tid: _oci_tunnel_template(t) for tid, t in tunnels.items()}
    conns_out = {}
    tunnel_by_vpn_ip = {}
    for tunnel in sorted(tunnels.values(), key=created_order):
        ip = parse_ip(tunnel.get("vpnIp"))
        if ip is not None:
            tunnel_by_vpn_ip.setdefault(str(ip), tunnel["id"])

    # 1. Route every attempt to the OCI tunnel at the LNG's address; OCI checks the CPE address.
    accepted, rejected = {}, {}
    attempts = _collect_attempts(snap, conns_out)
    for attempt in attempts:
        lng_ip = parse_ip(_props(attempt.lng).get("gatewayIpAddress"))
        tunnel_id = tunnel_by_vpn_ip.get(str(lng_ip)) if lng_ip is not None else None
        if tunnel_id is None:
            attempt.failure = reason("NO_OCI_TUNNEL", lng_ip=_props(attempt.lng).get("gatewayIpAddress"))
            continue
        attempt.tunnel_id = tunnel_id
        ipsec = snap.oci["ipsecConnection"].get(tunnels[tunnel_id].get("_ipsecConnectionId"))
        cpe = snap.oci["cpe"].get((ipsec or {}).get("cpeId")) or {}
        if not same_ip(cpe.get("ipAddress"), attempt.inst.public_ip):
            attempt.failure = reason("CPE_IP_MISMATCH", instance_ip=attempt.inst.public_ip,
                                     cpe_ip=cpe.get("ipAddress"))
            rejected.setdefault(tunnel_id, []).append(attempt)
            continue
        accepted.setdefault(tunnel_id, []).append(attempt)

    # 2. Per OCI tunnel: provisioning, pairing (one connection per tunnel), IPsec, then BGP.
    for tunnel_id, tunnel in tunnels.items():
        out = oci_out[tunnel_id]
        ipsec = snap.oci["ipsecConnection"].get(tunnel.get("_ipsecConnectionId"))
        winners = accepted.get(tunnel_id, [])
        blocking = _oci_provisioning_state(tunnel, ipsec)
        if blocking:
            found = reason("OCI_NOT_PROVISIONED", state=blocking)
            _set_reason(out, found)
            for attempt in winners:
                attempt.failure = found
            continue
        if not winners:
            losers = rejected.get(tunnel_id)
            _set_reason(out, losers[0].failure if losers else reason("NO_PEER", vpn_ip=tunnel.get("vpnIp")))
            continue
        winner = winners[0]
        for duplicate in winners[1:]:
            duplicate.failure = reason("DUPLICATE_PEER", winner=winner.conn.get("name") or winner.conn_key,
                                       vpn_ip=tunnel.get("vpnIp"))
        out["azureConnectionId"] = winner.conn_key
        out["azureIpConfigurationId"] = winner.inst.key
        failure, negotiated = check_ipsec(snap, tunnel, winner)
        if failure:
            winner.failure = failure
            _set_reason(out, failure)
            continue
        cpe = snap.oci["cpe"].get(ipsec.get("cpeId"))
        up_since = changed_at(tunnel, ipsec, cpe, winner.conn, winner.vng, winner.lng)
        if (tunnel.get("ikeVersion") or OCI_DEFAULT_IKE_VERSION) == "V2":
            # The first rekey, at the shorter phase-two lifetime (x time scale) after the tunnel came up.
            lifetime, initiator, failure, rekeyed = check_rekey(tunnel, winner.conn)
            out["rekeyAt"] = up_since + lifetime * snap.time_scale
            out["rekeyInitiator"] = initiator
            if failure is not None and snap.now >= out["rekeyAt"]:
                winner.failure = failure
                _set_reason(out, failure)
                continue
            if rekeyed is not None and snap.now >= out["rekeyAt"]:
                negotiated = dict(negotiated, phaseTwo=crypto.negotiated_phase_two(rekeyed))
        winner.connected_since = up_since
        out["status"] = "UP"
        out["negotiated"] = negotiated
        _bgp_and_routes(snap, tunnel, ipsec, winner, out)

    # 3. The OCI tunnels whose BGP could not start because the tunnel is down.
    for tunnel_id, out in oci_out.items():
        if out["bgpState"] == "DOWN" and out["bgpReasonCode"] is None:
            _set_reason(out, reason("TUNNEL_DOWN", tunnel_reason=out["reasonCode"]), prefix="bgp")

    _azure_connection_status(snap, attempts, conns_out)
    gateways_out = _azure_gateways(snap, attempts)
    return oci_out, conns_out, gateways_out


def _bgp_and_routes(snap, tunnel, ipsec, attempt, out):
    """BGP and prefixes over an UP pair (OCI side in ``out``, Azure side on ``attempt``)."""
    oci_bgp = tunnel.get("routing") == "BGP"
    vnet_prefixes = snap.gateway_vnet_prefixes(attempt.vng)
    if oci_bgp and attempt.azure_bgp:
        found = check_bgp(snap, tunnel, attempt)
        if found:
            attempt.bgp_failure = found
            _set_reason(out, found, prefix="bgp")
            return
        attempt.established = True
        out["bgpState"] = "UP"
        out["routesReceived"] = list(vnet_prefixes)
        out["routesAdvertised"] = snap.vcn_cidrs_for_drg(ipsec.get("drgId"))
        attempt.learned = list(out["routesAdvertised"])
        return
    if oci_bgp:
        found = reason("BGP_NOT_ENABLED_AZURE", conn_bgp=bool(_props(attempt.conn).get("enableBgp")),
                       vng_bgp=bool(_props(attempt.vng).get("enableBgp")))
        _set_reason(out, found, prefix="bgp")
        attempt.bgp_failure = found
        return
    # OCI static (or policy-based) routing: the Azure-side prefixes are the configured static routes.
    out["routesReceived"] = list(ipsec.get("staticRoutes") or [])
    if attempt.azure_bgp:
        attempt.bgp_failure = reason("BGP_NOT_ENABLED_OCI", routing=tunnel.get("routing"))


def _azure_connection_status(snap, attempts, conns_out):
    for attempt in attempts:
        entry = conns_out[attempt.conn_key]
        connected = attempt.connected
        seconds = snap.now - attempt.connected_since if connected else 0.0
        entry["tunnelConnectionStatus"].append({
            "tunnel": _tunnel_name(attempt),
            "connectionStatus": "Connected" if connected else "NotConnected",
            "ingressBytesTransferred": int(seconds * BYTES_PER_SECOND_IN),
            "egressBytesTransferred": int(seconds * BYTES_PER_SECOND_OUT),
            "lastConnectionEstablishedUtcTime": utc_text(attempt.connected_since) if connected else "",
        })
        for layer, found in (("ipsec", attempt.failure), ("bgp", attempt.bgp_failure)):
            if found:
                entry["reasons"].append(dict(ipConfigurationId=attempt.inst.key, layer=layer, **found))
    for entry in conns_out.values():
        states = [t["connectionStatus"] for t in entry["tunnelConnectionStatus"]]
        if not states:
            continue
        codes = {r["reasonCode"] for r in entry["reasons"] if r["layer"] == "ipsec"}
        if "Connected" in states:
            entry["connectionStatus"] = "Connected"
        elif codes == {"OCI_NOT_PROVISIONED"}:
            entry["connectionStatus"] = "Connecting"
        else:
            entry["connectionStatus"] = "NotConnected"


def _route(local, network, next_hop, source, origin, as_path, weight):
    return {"localAddress": local, "network": network, "nextHop": next_hop, "sourcePeer": source,
            "origin": origin, "asPath": as_path, "weight": weight}


def _azure_gateways(snap, attempts):
    """getBgpPeerStatus, getLearnedRoutes and getAdvertisedRoutes for each gateway."""
    out = {}
    for vng_key, vng in snap.azure["virtualNetworkGateway"].items():
        gateway = {"bgpPeers": [], "learnedRoutes": [], "advertisedRoutes": {}, "ecmp": False}
        out[vng_key] = gateway
        if _props(vng).get("provisioningState") != "Succeeded":
            continue
        prefixes = snap.gateway_vnet_prefixes(vng)
        for inst in gateway_instances(snap, vng):
            local = inst.default[0] if inst.default else ""
            for prefix in prefixes:
                gateway["learnedRoutes"].append(
                    _route(local, prefix, "", local, "Network", "", AZURE_ROUTE_WEIGHT))

    learned_paths = {}
    for attempt in attempts:
        gateway = out.get(attempt.vng_key)
        if gateway is None:
            continue
        lng_props = _props(attempt.lng)
        if attempt.connected and not attempt.azure_bgp:
            # Static connection: the LNG's address space is routed into this tunnel.
            local = attempt.inst.default[0] if attempt.inst.default else ""
            for prefix in (lng_props.get("localNetworkAddressSpace") or {}).get("addressPrefixes") or []:
                gateway["learnedRoutes"].append(_route(local, prefix, lng_props.get("gatewayIpAddress"),
                                                       local, "Network", "", AZURE_ROUTE_WEIGHT))
        if not attempt.azure_bgp:
            continue
        lng_bgp = lng_props.get("bgpSettings") or {}
        neighbor = lng_bgp.get("bgpPeeringAddress")
        seconds = snap.now - attempt.connected_since if attempt.established else 0.0
        keepalives = int(seconds // BGP_KEEPALIVE_SECONDS)
        state = "Connected" if attempt.established else ("Connecting" if attempt.connected else "Idle")
        gateway["bgpPeers"].append({
            "localAddress": attempt.local_address, "neighbor": neighbor,
            "asn": _as_int(lng_bgp.get("asn")), "state": state,
            "connectedDuration": timespan(seconds) if attempt.established else "",
            "routesReceived": len(attempt.learned),
            "messagesSent": (2 + keepalives) if attempt.established else 0,
            "messagesReceived": (2 + keepalives) if attempt.established else 0,
        })
        advertised = gateway["advertisedRoutes"].setdefault(neighbor, [])
        if not attempt.established:
            continue
        oracle_ip = str(parse_ip(neighbor))
        for prefix in attempt.learned:
            gateway["learnedRoutes"].append(_route(attempt.local_address, prefix, oracle_ip, oracle_ip,
                                                   "EBgp", str(snap.oracle_asn), AZURE_ROUTE_WEIGHT))
            learned_paths.setdefault((attempt.vng_key, prefix), set()).add(oracle_ip)
        for prefix in snap.gateway_vnet_prefixes(attempt.vng):
            route = _route(attempt.local_address, prefix, attempt.local_address, "", "Igp",
                           str(gateway_asn(attempt.vng)), 0)
            if route not in advertised:
                advertised.append(route)

    for (vng_key, _prefix), peers in learned_paths.items():
        if len(peers) > 1 and _props(snap.azure["virtualNetworkGateway"][vng_key]).get("activeActive"):
            out[vng_key]["ecmp"] = True
    return out
