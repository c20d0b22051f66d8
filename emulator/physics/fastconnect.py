"""FastConnect <-> ExpressRoute physics: virtual circuit provisioning against the ER circuit whose
service key it carries, the private peering BGP sessions over the two /30s, ARP and route tables.

Rules and sources: docs/emulator-model.md. Entry point: ``evaluate_fastconnect(snapshot)``.
"""

from emulator import rules
from emulator.physics.common import (changed_at, created_order, dict_items, mac_for, parse_interface,
                                     props as _props, reason, same_prefix)

LINKS = ("primary", "secondary")
GONE_STATES = ("TERMINATING", "TERMINATED")        # the OCI API owns a circuit being deleted
AZURE_ER_GATEWAY_ASN = 65515
SHAPE_MBPS = {shape["name"]: shape["bandwidthInMbps"] for shape in rules.OCI_BANDWIDTH_SHAPES}


def provider_name(snap, vc):
    """providerName of the circuit's FastConnect provider: as the OCI API records it on the circuit,
    else from a stored provider service, else from the rules catalogue."""
    if vc.get("providerName"):
        return vc["providerName"]
    provider_id = vc.get("providerServiceId")
    stored = snap.oci["fastConnectProviderService"].get(provider_id)
    if stored:
        return stored.get("providerName")
    for provider in rules.OCI_FASTCONNECT_PROVIDERS:
        if provider.get("id") == provider_id:
            return provider.get("providerName")
    return None


def deprovision_window(snap, circuit):
    """(started, done) of the provider's deprovisioning of ``circuit``, or None.

    The OCI API stamps ``_deprovisionStartedAt`` on the ER circuit when the virtual circuit that had
    it provisioned is deleted; the provider then deprovisions for
    ``DURATIONS["azure.expressRouteCircuit.deprovision"]`` x time scale (Deprovisioning ->
    NotProvisioned; Microsoft Learn, expressroute-workflows, provisioning states).
    """
    started = circuit.get("_deprovisionStartedAt")
    if not isinstance(started, (int, float)):
        return None
    return started, started + rules.DURATIONS["azure.expressRouteCircuit.deprovision"] * snap.time_scale


def _timeline(snap, vc, circuit, matched):
    """(lifecycleState, providerState, provisioned_at) measured from when both sides exist (and any
    earlier deprovisioning of the circuit has finished)."""
    start = max(vc.get("_createdAt") or 0.0, circuit.get("_createdAt") or 0.0)
    window = deprovision_window(snap, circuit)
    if window is not None and window[0] <= (vc.get("_createdAt") or 0.0):
        start = max(start, window[1])
    verify = rules.DURATIONS["oci.virtualCircuit.verify"] * snap.time_scale
    provision = rules.DURATIONS["oci.virtualCircuit.provision"] * snap.time_scale
    elapsed = snap.now - start
    if elapsed < verify:
        return "VERIFYING", "INACTIVE", None
    if not matched:
        return "FAILED", "INACTIVE", None
    if elapsed < verify + provision:
        return "PROVISIONING", "ACTIVE", None
    return "PROVISIONED", "ACTIVE", start + verify + provision


def _stored_private_peering(circuit):
    for peering in dict_items(_props(circuit).get("peerings")):
        kind = _props(peering).get("peeringType") or peering.get("name")
        if kind == "AzurePrivatePeering" and _props(peering).get("provisioningState") != "Deleting":
            return peering
    return None


def _mapping_link(mapping):
    """(/30 network, oracle IPAddress, customer IPAddress, vlan) of one cross-connect mapping, or None."""
    oracle = parse_interface(mapping.get("oracleBgpPeeringIp"), default_prefixlen=30)
    customer = parse_interface(mapping.get("customerBgpPeeringIp"), default_prefixlen=30)
    if oracle is None or customer is None or oracle.version != 4:
        return None
    if oracle.prefixlen != 30 or customer.prefixlen != 30 or oracle.cidr != customer.cidr:
        return None
    block = oracle.cidr
    # Oracle on the first usable address (2nd of the block), Azure on the second usable (3rd).
    if oracle.ip != block[1] or customer.ip != block[2]:
        return None
    return block, oracle.ip, customer.ip, mapping.get("vlan")


def provider_peering(snap, vc):
    """The AzurePrivatePeering the provider (Oracle) sets up from the virtual circuit's mappings."""
    mappings = dict_items(vc.get("crossConnectMappings"))
    prefixes = []
    for mapping in mappings[:2]:
        oracle = parse_interface(mapping.get("oracleBgpPeeringIp"), default_prefixlen=30)
        prefixes.append(str(oracle.cidr) if oracle is not None else None)
    prefixes += [None] * (2 - len(prefixes))
    return {"peeringType": "AzurePrivatePeering", "peerASN": snap.oracle_asn,
            "primaryPeerAddressPrefix": prefixes[0], "secondaryPeerAddressPrefix": prefixes[1],
            "vlanId": mappings[0].get("vlan") if mappings else None}


def _check_link(snap, link, mappings, peering):
    """None when this link's BGP session comes up, else its reason."""
    index = LINKS.index(link)
    if index >= len(mappings):
        return reason("CROSS_CONNECT_MAPPING_MISSING", link=link)
    mapping = mappings[index]
    parsed = _mapping_link(mapping)
    if parsed is None:
        return reason("CROSS_CONNECT_ADDRESS_INVALID", link=link, oracle_ip=mapping.get("oracleBgpPeeringIp"),
                      customer_ip=mapping.get("customerBgpPeeringIp"))
    block, _oracle, _customer, vlan = parsed
    if peering is None:
        return reason("PEERING_MISSING", oracle_asn=snap.oracle_asn)
    if peering.get("state") == "Disabled":
        return reason("PEERING_DISABLED")
    prefix = peering.get(link + "PeerAddressPrefix")
    if not same_prefix(prefix, str(block)):
        return reason("PEERING_SUBNET_MISMATCH", link=link, peering_prefix=prefix, mapping_prefix=str(block))
    vlans = {m.get("vlan") for m in mappings if m.get("vlan") is not None}
    if vlan is not None and str(peering.get("vlanId")) != str(vlan) or len(vlans) > 1:
        return reason("VLAN_MISMATCH", peering_vlan=peering.get("vlanId"), link=link, mapping_vlan=vlan)
    if str(peering.get("peerASN")) != str(snap.oracle_asn):
        return reason("PEER_ASN_MISMATCH", peer_asn=peering.get("peerASN"), oracle_asn=snap.oracle_asn)
    return None


def _linked_gateways(snap, circuit_key):
    """ExpressRoute gateways connected to the circuit (Succeeded connection and gateway)."""
    out = []
    for conn in sorted(snap.azure["connection"].values(), key=created_order):
        props = _props(conn)
        if props.get("connectionType") != "ExpressRoute":
            continue
        if ((props.get("peer") or {}).get("id") or "").lower() != circuit_key:
            continue
        vng = snap.az("virtualNetworkGateway", (props.get("virtualNetworkGateway1") or {}).get("id"))
        if props.get("provisioningState") == "Succeeded" and _props(vng).get("provisioningState") == "Succeeded":
            out.append((conn, vng))
    return out


def _gateway_next_hops(snap, vng):
    """Addresses an ER gateway's routes point at: its BGP IPs, else GatewaySubnet .4 and .5."""
    bgp = _props(vng).get("bgpSettings") or {}
    hops = []
    for entry in dict_items(bgp.get("bgpPeeringAddresses")):
        hops += list(entry.get("defaultBgpIpAddresses") or [])
    if not hops and bgp.get("bgpPeeringAddress"):
        hops = [a.strip() for a in str(bgp["bgpPeeringAddress"]).split(",") if a.strip()]
    if hops:
        return hops
    for config in dict_items(_props(vng).get("ipConfigurations")):
        subnet_id = ((_props(config).get("subnet") or {}).get("id") or "").lower()
        vnet = snap.azure["virtualNetwork"].get(subnet_id.split("/subnets/")[0])
        for subnet in _props(vnet).get("subnets") or []:
            if (subnet.get("id") or "").lower() == subnet_id:
                network = parse_interface(_props(subnet).get("addressPrefix"))
                if network is not None and network.size >= 8:
                    return [str(network.cidr[4]), str(network.cidr[5])]
    return [""]


def evaluate_fastconnect(snap):
    """(virtual_circuits, er_circuits, er_connection_status) parts of the model result."""
    circuits = snap.azure["expressRouteCircuit"]
    by_service_key = {}
    for key, circuit in sorted(circuits.items(), key=lambda kv: created_order(kv[1])):
        service_key = _props(circuit).get("serviceKey")
        if service_key and _props(circuit).get("provisioningState") not in ("Failed", "Deleting"):
            by_service_key.setdefault(service_key.lower(), key)

    vcs_out, claimed = {}, {}
    for vc in sorted(snap.oci["virtualCircuit"].values(), key=created_order):
        if vc.get("lifecycleState") in GONE_STATES:
            continue
        out = {"lifecycleState": "PENDING_PROVIDER", "providerState": "INACTIVE", "bgpSessionState": "DOWN",
               "reasonCode": None, "reason": None, "solution": None, "erCircuitId": None,
               "routesReceived": [], "ecmp": False, "vlan": None}
        vcs_out[vc["id"]] = out
        provider = provider_name(snap, vc)
        if provider != rules.OCI_FASTCONNECT_AZURE_PROVIDER or vc.get("type", "PRIVATE") != "PRIVATE":
            out.update(reason("PROVIDER_NOT_MODELLED", provider="%s, %s" % (provider, vc.get("type"))))
            continue
        circuit_key = by_service_key.get((vc.get("providerServiceKeyName") or "").lower())
        if circuit_key is None:
            out.update(reason("SERVICE_KEY_NOT_FOUND", service_key=vc.get("providerServiceKeyName")))
            continue
        circuit = circuits[circuit_key]
        out["erCircuitId"] = circuit_key
        sp = _props(circuit).get("serviceProviderProperties") or {}
        found = None
        if circuit_key in claimed:
            found = reason("DUPLICATE_SERVICE_KEY", winner=claimed[circuit_key],
                           service_key=vc.get("providerServiceKeyName"))
        elif sp.get("serviceProviderName") != rules.AZURE_ER_PROVIDER_ORACLE:
            found = reason("ER_PROVIDER_MISMATCH", provider=sp.get("serviceProviderName"))
        elif SHAPE_MBPS.get(vc.get("bandwidthShapeName")) != sp.get("bandwidthInMbps"):
            found = reason("BANDWIDTH_MISMATCH", shape=vc.get("bandwidthShapeName"),
                           er_mbps=sp.get("bandwidthInMbps"))
        claimed.setdefault(circuit_key, vc["id"])
        state, provider_state, provisioned_at = _timeline(snap, vc, circuit, matched=found is None)
        out.update(lifecycleState=state, providerState=provider_state, _provisioned_at=provisioned_at)
        if state in ("PROVISIONING", "PROVISIONED"):
            # The provider (Microsoft Azure) has matched the circuit: its VLAN assignment is visible.
            vlans = [m.get("vlan") for m in dict_items(vc.get("crossConnectMappings"))]
            out["vlan"] = vlans[0] if vlans else None
        if found:
            out.update(found)

    er_out, conn_status = {}, {}
    for circuit_key, circuit in circuits.items():
        er_out[circuit_key] = _evaluate_circuit(snap, circuit_key, circuit, claimed, vcs_out)
        for conn, _vng in _linked_gateways(snap, circuit_key):
            entry = er_out[circuit_key]
            up = entry["bgpState"] == "UP" or any(entry["linkStates"][l]["bgpState"] == "UP" for l in LINKS)
            conn_status[conn["id"].lower()] = {
                "connectionStatus": "Connected" if up else "NotConnected", "tunnelConnectionStatus": [],
                "reasons": [] if up else [dict(ipConfigurationId=None, layer="expressroute",
                                               **reason("ER_CIRCUIT_NOT_READY", detail=entry["reasonCode"]))]}
    for out in vcs_out.values():
        out.pop("_provisioned_at", None)
    return vcs_out, er_out, conn_status


def _evaluate_circuit(snap, circuit_key, circuit, claimed, vcs_out):
    out = {"serviceProviderProvisioningState": "NotProvisioned", "providerPeering": None, "deprovisioned": False,
           "bgpState": "DOWN", "reasonCode": None, "reason": None, "solution": None,
           "linkStates": {link: {"bgpState": "DOWN", "reasonCode": None} for link in LINKS},
           "arp": {link: [] for link in LINKS}, "routes": {link: [] for link in LINKS}}
    vc_id = claimed.get(circuit_key)
    window = deprovision_window(snap, circuit)
    if vc_id is None:
        if window is not None and snap.now < window[1]:
            out["serviceProviderProvisioningState"] = "Deprovisioning"
            out.update(reason("ER_CIRCUIT_NOT_READY", detail="the provider is deprovisioning it after its "
                                                             "FastConnect virtual circuit was deleted"))
        else:
            out.update(reason("ER_CIRCUIT_NOT_READY", detail="no FastConnect virtual circuit uses its service key"))
        out["deprovisioned"] = window is not None and snap.now >= window[1]
        return out
    vc, vc_out = snap.oci["virtualCircuit"][vc_id], vcs_out[vc_id]
    state = vc_out["lifecycleState"]
    out["serviceProviderProvisioningState"] = {"PROVISIONING": "Provisioning",
                                               "PROVISIONED": "Provisioned"}.get(state, "NotProvisioned")
    if state != "PROVISIONED":
        found = reason("VC_NOT_PROVISIONED", state=state)
        out.update(found)
        if vc_out["reasonCode"] is None:
            vc_out.update(found)
        for link in LINKS:
            out["linkStates"][link]["reasonCode"] = found["reasonCode"]
        return out

    derived = provider_peering(snap, vc)
    out["providerPeering"] = derived
    stored = _stored_private_peering(circuit)
    peering = _props(stored) if stored is not None else derived
    mappings = dict_items(vc.get("crossConnectMappings"))
    up_since = max(vc_out["_provisioned_at"], changed_at(vc, circuit))
    age_minutes = int(max(0.0, snap.now - up_since) // 60)
    vcn_cidrs = snap.vcn_cidrs_for_drg(vc.get("gatewayId"))
    gateways = _linked_gateways(snap, circuit_key)
    first_failure = None
    for link in LINKS:
        found = _check_link(snap, link, mappings, peering)
        if found:
            out["linkStates"][link] = {"bgpState": "DOWN", "reasonCode": found["reasonCode"]}
            first_failure = first_failure or found
            continue
        out["linkStates"][link] = {"bgpState": "UP", "reasonCode": None}
        block, oracle_ip, azure_ip, _vlan = _mapping_link(mappings[LINKS.index(link)])
        out["arp"][link] = [
            {"age": age_minutes, "interface": "On-Prem", "ipAddress": str(oracle_ip),
             "macAddress": mac_for(vc_id, link, "oracle")},
            {"age": 0, "interface": "Microsoft", "ipAddress": str(azure_ip),
             "macAddress": mac_for(circuit_key, link, "microsoft")},
        ]
        routes = [{"network": cidr, "nextHop": str(oracle_ip), "locPrf": "", "weight": 0,
                   "path": str(snap.oracle_asn)} for cidr in vcn_cidrs]
        for _conn, vng in gateways:
            asn = (_props(vng).get("bgpSettings") or {}).get("asn") or AZURE_ER_GATEWAY_ASN
            for prefix in snap.gateway_vnet_prefixes(vng):
                for hop in _gateway_next_hops(snap, vng):
                    routes.append({"network": prefix, "nextHop": hop, "locPrf": "", "weight": 0,
                                   "path": str(asn)})
        out["routes"][link] = routes
    if first_failure:
        out.update(first_failure)
        if vc_out["reasonCode"] is None:
            vc_out.update(first_failure)
        return out
    out["bgpState"] = "UP"
    vc_out["bgpSessionState"] = "UP"
    received = []
    for _conn, vng in gateways:
        for prefix in snap.gateway_vnet_prefixes(vng):
            if prefix not in received:
                received.append(prefix)
    vc_out["routesReceived"] = received
    return out
