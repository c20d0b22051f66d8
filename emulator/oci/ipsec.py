"""OCI Site-to-Site VPN subset: IPSec connections, their two tunnels, shared secrets, tunnel
routes/errors/device config, connection device config/status, and /ipsecAlgorithms.

Tunnels are stored in the READ shape (phaseOneDetails, phaseTwoDetails, dpdMode,
dpdTimeoutInSec, oracleCanInitiate) even though the API writes them as phaseOneConfig,
phaseTwoConfig, dpdConfig, oracleInitiation - the same asymmetry OCI has. ``status``,
``bgpSessionInfo.bgpState`` and the negotiated crypto are overlaid from the model when served.
"""

import hashlib
import ipaddress
import re
import secrets
import string

from emulator import rules
from emulator.core.http import Response
from emulator.oci.common import (
    body_of, check_cidr, check_display_name, check_enum, check_tags, incorrect_state,
    invalid, missing, not_found, timestamp,
)
from emulator.core.store import public_view

TUNNELS_PER_CONNECTION = 2
CPE_IDENTIFIER_TYPES = ("IP_ADDRESS", "HOSTNAME")
DPD_TIMEOUT_RANGE = (15, 172800)              # OCI API: dpdTimeoutInSec 15-172800
ASN_MAX = 4294967295
OCI_DOCS_LINK = "https://docs.oracle.com/iaas/Content/Network/Troubleshoot/ipsectroubleshoot.htm"
BUSY_STATES = ("PROVISIONING", "TERMINATING", "TERMINATED")


def _p(field):
    """Prefix for nested field names in error messages ("" at the top level)."""
    return field + "." if field else ""


def _canon_to_oci(canon_values, oci_names, table):
    reverse = {}
    for name in oci_names:
        reverse.setdefault(table[name], name)
    return [reverse[c] for c in canon_values if c in reverse]


def allowed_parameters():
    """AllowedIkeIPSecParameters, from the tables in rules.py."""
    p1, p2 = rules.OCI_DEFAULT_PHASE_ONE, rules.OCI_DEFAULT_PHASE_TWO
    return {
        "allowedPhaseOneParameters": {
            "encryptionAlgorithms": list(rules.OCI_PHASE_ONE_ENCRYPTION),
            "authenticationAlgorithms": list(rules.OCI_PHASE_ONE_AUTH),
            "dhGroups": list(rules.OCI_DH_GROUPS),
        },
        "allowedPhaseTwoParameters": {
            "encryptionAlgorithms": list(rules.OCI_PHASE_TWO_ENCRYPTION),
            "authenticationAlgorithms": list(rules.OCI_PHASE_TWO_AUTH),
            "pfsDhGroups": list(rules.OCI_DH_GROUPS),
        },
        "defaultPhaseOneParameters": {
            "defaultEncryptionAlgorithms": _canon_to_oci(p1["encryption"], rules.OCI_PHASE_ONE_ENCRYPTION,
                                                         rules.OCI_TO_CANON_ENC),
            "defaultAuthenticationAlgorithms": _canon_to_oci(p1["integrity"], rules.OCI_PHASE_ONE_AUTH,
                                                             rules.OCI_TO_CANON_INTEG),
            "defaultDhGroups": _canon_to_oci(p1["dh"], rules.OCI_DH_GROUPS, rules.OCI_TO_CANON_DH),
        },
        "defaultPhaseTwoParameters": {
            "defaultEncryptionAlgorithms": _canon_to_oci(p2["encryption"], rules.OCI_PHASE_TWO_ENCRYPTION,
                                                         rules.OCI_TO_CANON_ENC),
            "defaultAuthenticationAlgorithms": _canon_to_oci(p2["integrity"], rules.OCI_PHASE_TWO_AUTH,
                                                             rules.OCI_TO_CANON_INTEG),
            "defaultPfsDhGroup": rules.OCI_DEFAULT_PFS_GROUP,
        },
    }


# -- validation of tunnel settings (shared by create and update) ------------------------------------
def check_secret(secret, field):
    if not isinstance(secret, str) or not re.match(rules.OCI_SHARED_SECRET_PATTERN, secret):
        raise invalid(field, "the shared secret may contain only letters, digits and spaces (1-255 characters).")
    return secret


def generate_secret():
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(64))


def check_inside_pair(oracle_ip, customer_ip, field, required):
    """Inside tunnel addresses: CIDR notation, /30 or /31, both in the same block, distinct, and
    (for /30) neither the network nor the broadcast address."""
    if oracle_ip is None and customer_ip is None:
        if required:
            raise invalid(field, "BGP routing requires oracleInterfaceIp and customerInterfaceIp "
                                 "(a /30 or /31 pair).")
        return
    if oracle_ip is None or customer_ip is None:
        raise invalid(field, "oracleInterfaceIp and customerInterfaceIp must be given together.")
    parsed = []
    for name, value in (("oracleInterfaceIp", oracle_ip), ("customerInterfaceIp", customer_ip)):
        try:
            iface = ipaddress.IPv4Interface(value)
        except (ValueError, TypeError):
            raise invalid(_p(field) + name, "%r is not an IPv4 address with prefix (e.g. 169.254.0.1/30)."
                          % (value,))
        if "/" not in str(value) or iface.network.prefixlen not in (30, 31):
            raise invalid(_p(field) + name, "inside tunnel addresses must be a /30 or /31.")
        parsed.append(iface)
    oracle, customer = parsed
    if oracle.network != customer.network:
        raise invalid(field, "oracleInterfaceIp and customerInterfaceIp must be in the same /%d."
                      % oracle.network.prefixlen)
    if oracle.ip == customer.ip:
        raise invalid(field, "oracleInterfaceIp and customerInterfaceIp must differ.")
    if oracle.network.prefixlen == 30:
        for name, iface in (("oracleInterfaceIp", oracle), ("customerInterfaceIp", customer)):
            if iface.ip in (oracle.network.network_address, oracle.network.broadcast_address):
                raise invalid(_p(field) + name, "%s is the network or broadcast address of its /30."
                              % iface.ip)


def check_asn(value, field):
    text = str(value)
    if not text.isdigit() or not 1 <= int(text) <= ASN_MAX:
        raise invalid(field, "%r is not an ASN (1-%d, asplain)." % (value, ASN_MAX))
    return text


def _lifetime(value, field):
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise invalid(field, "must be a positive number of seconds.")
    return value


def default_phase_one():
    return {"isCustomPhaseOneConfig": False, "lifetime": rules.OCI_PHASE_ONE_LIFETIME_DEFAULT,
            "customAuthenticationAlgorithm": None, "customEncryptionAlgorithm": None, "customDhGroup": None}


def default_phase_two():
    return {"isCustomPhaseTwoConfig": False, "lifetime": rules.OCI_PHASE_TWO_LIFETIME_DEFAULT,
            "customAuthenticationAlgorithm": None, "customEncryptionAlgorithm": None,
            "isPfsEnabled": True, "dhGroup": rules.OCI_DEFAULT_PFS_GROUP}


def phase_one_details(config, field, current=None):
    """PhaseOneConfigDetails (write) -> TunnelPhaseOneDetails (read, the stored part)."""
    details = dict(current or default_phase_one())
    if config is None:
        return details
    custom = config.get("isCustomPhaseOneConfig", details["isCustomPhaseOneConfig"])
    details["isCustomPhaseOneConfig"] = bool(custom)
    lifetime = _lifetime(config.get("lifetimeInSeconds"), _p(field) + "lifetimeInSeconds")
    if lifetime is not None:
        details["lifetime"] = lifetime
    if custom:
        for write_name, read_name, allowed in (
                ("authenticationAlgorithm", "customAuthenticationAlgorithm", rules.OCI_PHASE_ONE_AUTH),
                ("encryptionAlgorithm", "customEncryptionAlgorithm", rules.OCI_PHASE_ONE_ENCRYPTION),
                ("diffieHelmanGroup", "customDhGroup", rules.OCI_DH_GROUPS)):
            value = config.get(write_name, details.get(read_name))
            if value is None:
                raise missing("%s.%s" % (field, write_name))
            details[read_name] = check_enum(value, allowed, "%s.%s" % (field, write_name))
    else:
        details.update(customAuthenticationAlgorithm=None, customEncryptionAlgorithm=None, customDhGroup=None)
    return details


def phase_two_details(config, field, current=None):
    """PhaseTwoConfigDetails (write) -> TunnelPhaseTwoDetails (read, the stored part).

    PFS (isPfsEnabled, pfsDhGroup) applies with or without a custom phase two; OCI enables PFS
    with group 5 by default."""
    details = dict(current or default_phase_two())
    if config is None:
        return details
    custom = bool(config.get("isCustomPhaseTwoConfig", details["isCustomPhaseTwoConfig"]))
    details["isCustomPhaseTwoConfig"] = custom
    lifetime = _lifetime(config.get("lifetimeInSeconds"), _p(field) + "lifetimeInSeconds")
    if lifetime is not None:
        details["lifetime"] = lifetime
    if custom:
        encryption = config.get("encryptionAlgorithm", details.get("customEncryptionAlgorithm"))
        if encryption is None:
            raise missing(_p(field) + "encryptionAlgorithm")
        details["customEncryptionAlgorithm"] = check_enum(encryption, rules.OCI_PHASE_TWO_ENCRYPTION,
                                                          _p(field) + "encryptionAlgorithm")
        authentication = config.get("authenticationAlgorithm", details.get("customAuthenticationAlgorithm"))
        if encryption.endswith("_GCM"):
            authentication = None        # GCM is authenticated encryption: no separate algorithm
        elif authentication is None:
            raise missing(_p(field) + "authenticationAlgorithm")
        details["customAuthenticationAlgorithm"] = check_enum(authentication, rules.OCI_PHASE_TWO_AUTH,
                                                              _p(field) + "authenticationAlgorithm")
    else:
        details.update(customAuthenticationAlgorithm=None, customEncryptionAlgorithm=None)
    if config.get("isPfsEnabled") is not None:
        details["isPfsEnabled"] = bool(config["isPfsEnabled"])
    if details["isPfsEnabled"]:
        group = config.get("pfsDhGroup") or details.get("dhGroup") or rules.OCI_DEFAULT_PFS_GROUP
        details["dhGroup"] = check_enum(group, rules.OCI_DH_GROUPS, _p(field) + "pfsDhGroup")
    else:
        details["dhGroup"] = None
    return details


def apply_tunnel_settings(tunnel, config, field):
    """Validate ``config`` (CreateIPSecConnectionTunnelDetails / UpdateIPSecConnectionTunnelDetails)
    and apply it to the stored ``tunnel``. Only given fields change."""
    if config.get("displayName") is not None:
        tunnel["displayName"] = check_display_name(config["displayName"], _p(field) + "displayName")
    if config.get("routing") is not None:
        tunnel["routing"] = check_enum(config["routing"], rules.OCI_ROUTING, _p(field) + "routing")
    if config.get("ikeVersion") is not None:
        tunnel["ikeVersion"] = check_enum(config["ikeVersion"], rules.OCI_IKE_VERSIONS, _p(field) + "ikeVersion")
    if config.get("oracleInitiation") is not None:
        tunnel["oracleCanInitiate"] = check_enum(config["oracleInitiation"], rules.OCI_ORACLE_INITIATION,
                                                 _p(field) + "oracleInitiation")
    if config.get("natTranslationEnabled") is not None:
        tunnel["natTranslationEnabled"] = check_enum(config["natTranslationEnabled"], rules.OCI_NAT_TRANSLATION,
                                                     _p(field) + "natTranslationEnabled")
    dpd = config.get("dpdConfig")
    if dpd is not None:
        if dpd.get("dpdMode") is not None:
            tunnel["dpdMode"] = check_enum(dpd["dpdMode"], rules.OCI_DPD_MODES, _p(field) + "dpdConfig.dpdMode")
        if dpd.get("dpdTimeoutInSec") is not None:
            timeout = dpd["dpdTimeoutInSec"]
            if not isinstance(timeout, int) or not DPD_TIMEOUT_RANGE[0] <= timeout <= DPD_TIMEOUT_RANGE[1]:
                raise invalid(_p(field) + "dpdConfig.dpdTimeoutInSec", "must be between %d and %d seconds."
                              % DPD_TIMEOUT_RANGE)
            tunnel["dpdTimeoutInSec"] = timeout
    tunnel["phaseOneDetails"] = phase_one_details(config.get("phaseOneConfig"), _p(field) + "phaseOneConfig",
                                                  tunnel.get("phaseOneDetails"))
    tunnel["phaseTwoDetails"] = phase_two_details(config.get("phaseTwoConfig"), _p(field) + "phaseTwoConfig",
                                                  tunnel.get("phaseTwoDetails"))
    bgp = config.get("bgpSessionConfig")
    info = tunnel.setdefault("bgpSessionInfo", {})
    if bgp is not None:
        for key in ("oracleInterfaceIp", "customerInterfaceIp"):
            if key in bgp:
                info[key] = bgp[key]
        if bgp.get("customerBgpAsn") is not None:
            info["customerBgpAsn"] = check_asn(bgp["customerBgpAsn"], _p(field) + "bgpSessionConfig.customerBgpAsn")
    is_bgp = tunnel.get("routing") == "BGP"
    check_inside_pair(info.get("oracleInterfaceIp"), info.get("customerInterfaceIp"),
                      _p(field) + "bgpSessionConfig", required=is_bgp)
    if is_bgp and not info.get("customerBgpAsn"):
        raise invalid(_p(field) + "bgpSessionConfig.customerBgpAsn", "BGP routing requires the customer BGP ASN.")
    info["oracleBgpAsn"] = str(rules.ORACLE_BGP_ASN) if is_bgp else None
    if tunnel.get("routing") == "POLICY":
        domain = config.get("encryptionDomainConfig") or tunnel.get("encryptionDomainConfig") or {}
        tunnel["encryptionDomainConfig"] = {
            "oracleTrafficSelector": [check_cidr(c, _p(field) + "encryptionDomainConfig.oracleTrafficSelector")
                                      for c in domain.get("oracleTrafficSelector") or []],
            "cpeTrafficSelector": [check_cidr(c, _p(field) + "encryptionDomainConfig.cpeTrafficSelector")
                                   for c in domain.get("cpeTrafficSelector") or []],
        }
    else:
        tunnel["encryptionDomainConfig"] = None


def _negotiated_fields(negotiated, established_key):
    out = {established_key: False}
    for key, value in (negotiated or {}).items():
        out[key] = value
    return out


def register(add, api):
    store_kind_tunnel, store_kind_conn = "ipsecTunnel", "ipsecConnection"

    def allocate_vpn_ips(count):
        used = {t.get("vpnIp") for t in api.store.list("oci", store_kind_tunnel)}
        out = []
        for host in ipaddress.ip_network(rules.OCI_VPN_IP_POOL).hosts():
            address = str(host)
            if address not in used and not address.endswith(".0") and not address.endswith(".255"):
                out.append(address)
                if len(out) == count:
                    return out
        raise incorrect_state("The Oracle VPN IP pool is exhausted.")

    # -- views ------------------------------------------------------------------------------
    def tunnel_view(tunnel, model):
        view = public_view(tunnel)
        # IPSecConnectionTunnel has no tags (oci.core.models.IPSecConnectionTunnel.attribute_map)
        view.pop("freeformTags", None)
        view.pop("definedTags", None)
        state = ((model or {}).get("oci_tunnels") or {}).get(tunnel["id"]) or {}
        available = tunnel["lifecycleState"] == "AVAILABLE"
        up = available and state.get("status") == "UP" and not tunnel.get("_adminDown")
        view["status"] = "UP" if up else "DOWN"
        info = view.setdefault("bgpSessionInfo", {})
        if tunnel.get("routing") == "BGP":
            info["bgpState"] = "UP" if up and state.get("bgpState") == "UP" else "DOWN"
        else:
            info["bgpState"] = None
        negotiated = state.get("negotiated") if up else None
        view["phaseOneDetails"].update(_negotiated_fields((negotiated or {}).get("phaseOne"), "isIkeEstablished"))
        view["phaseTwoDetails"].update(_negotiated_fields((negotiated or {}).get("phaseTwo"), "isEspEstablished"))
        view["timeStatusUpdated"] = timestamp(tunnel.get("_updatedAt", tunnel["_createdAt"]))
        return view

    def connection_tunnels(conn):
        return [t for t in (api.load(store_kind_tunnel, tid) for tid in conn.get("_tunnelIds", [])) if t]

    def load_tunnel(ipscId, tunnelId):
        conn = api.load_or_404(store_kind_conn, ipscId, "IPSec connection %s" % ipscId)
        if tunnelId not in conn.get("_tunnelIds", []):
            raise not_found("Tunnel %s" % tunnelId)
        return conn, api.load_or_404(store_kind_tunnel, tunnelId, "Tunnel %s" % tunnelId)

    def check_static_routes(routes, tunnels, field="staticRoutes"):
        if routes is None:
            routes = []
        if not isinstance(routes, list):
            raise invalid(field, "must be a list of CIDR blocks.")
        if len(routes) > rules.OCI_MAX_STATIC_ROUTES:
            raise invalid(field, "at most %d static routes are allowed." % rules.OCI_MAX_STATIC_ROUTES)
        checked = [check_cidr(r, "%s[%d]" % (field, i)) for i, r in enumerate(routes)]
        if not checked and any(t.get("routing") != "BGP" for t in tunnels):
            raise invalid(field, "static routes may be empty only when every tunnel uses BGP routing.")
        return checked

    # -- connections ------------------------------------------------------------------------
    def create_connection(req):
        def create():
            body = body_of(req)
            check_tags(body)
            compartment = api.check_compartment(body.get("compartmentId"))
            drg_id, cpe_id = body.get("drgId"), body.get("cpeId")
            if not drg_id:
                raise missing("drgId")
            if not cpe_id:
                raise missing("cpeId")
            drg = api.load("drg", drg_id)
            if drg is None:
                raise not_found("DRG %s" % drg_id)
            if drg["lifecycleState"] in ("TERMINATING", "TERMINATED"):
                raise incorrect_state("The DRG %s is %s." % (drg_id, drg["lifecycleState"]))
            cpe = api.load("cpe", cpe_id)
            if cpe is None:
                raise not_found("CPE %s" % cpe_id)
            configs = body.get("tunnelConfiguration") or []
            if not isinstance(configs, list) or len(configs) > TUNNELS_PER_CONNECTION:
                raise invalid("tunnelConfiguration", "at most %d tunnel configurations are allowed."
                              % TUNNELS_PER_CONNECTION)
            identifier_type = check_enum(body.get("cpeLocalIdentifierType"), CPE_IDENTIFIER_TYPES,
                                         "cpeLocalIdentifierType") or "IP_ADDRESS"
            conn = api.new_resource("ipsecconnection", {
                "compartmentId": compartment, "drgId": drg_id, "cpeId": cpe_id,
                "displayName": check_display_name(body.get("displayName")) or "ipsec-connection",
                "cpeLocalIdentifier": body.get("cpeLocalIdentifier") or cpe["ipAddress"],
                "cpeLocalIdentifierType": identifier_type,
                "transportType": "INTERNET",
                "freeformTags": body.get("freeformTags") or {},
                "definedTags": body.get("definedTags") or {},
            })
            vpn_ips = allocate_vpn_ips(TUNNELS_PER_CONNECTION)
            tunnels = []
            for index in range(TUNNELS_PER_CONNECTION):
                config = configs[index] if index < len(configs) else {}
                field = "tunnelConfiguration[%d]" % index
                if not isinstance(config, dict):
                    raise invalid(field, "must be an object.")
                tunnel = api.new_resource("ipsectunnel", {
                    "compartmentId": compartment, "vpnIp": vpn_ips[index], "cpeIp": cpe["ipAddress"],
                    "displayName": "%s-tunnel-%d" % (conn["displayName"], index + 1),
                    "routing": "STATIC", "ikeVersion": "V1",
                    "oracleCanInitiate": "INITIATOR_OR_RESPONDER", "natTranslationEnabled": "AUTO",
                    "dpdMode": "INITIATE_AND_RESPOND", "dpdTimeoutInSec": rules.OCI_DPD_TIMEOUT_DEFAULT,
                    "bgpSessionInfo": {"oracleInterfaceIp": None, "customerInterfaceIp": None,
                                       "oracleBgpAsn": None, "customerBgpAsn": None, "bgpState": None},
                    "associatedVirtualCircuits": [],
                    "_ipsecConnectionId": conn["id"],
                })
                apply_tunnel_settings(tunnel, config, field)
                secret = config.get("sharedSecret")
                tunnel["_sharedSecret"] = (check_secret(secret, _p(field) + "sharedSecret") if secret is not None
                                           else generate_secret())
                tunnels.append(tunnel)
            conn["staticRoutes"] = check_static_routes(body.get("staticRoutes"), tunnels)
            conn["_tunnelIds"] = [t["id"] for t in tunnels]
            ready_at = api.after("oci.ipsecConnection.create")
            api.transition(conn, "PROVISIONING", "AVAILABLE", "oci.ipsecConnection.create", ready_at)
            api.save(store_kind_conn, conn)
            for tunnel in tunnels:
                api.transition(tunnel, "PROVISIONING", "AVAILABLE", "oci.ipsecConnection.create", ready_at)
                api.save(store_kind_tunnel, tunnel)
                attachment = api.new_attachment(
                    drg, {"type": "IPSEC_TUNNEL", "id": tunnel["id"], "ipsecConnectionId": conn["id"]},
                    drg["defaultDrgRouteTables"]["ipsecTunnel"], tunnel["displayName"])
                api.save("drgAttachment", attachment)
            return api.respond(conn)
        return api.idempotent(req, create)

    def get_connection(req, ipscId):
        return api.respond(api.load_or_404(store_kind_conn, ipscId))

    def list_connections(req):
        compartment = api.check_compartment(req.query.get("compartmentId"))
        items = [o for o in api.all(store_kind_conn) if o["compartmentId"] == compartment]
        items = api.filter(items, req, drgId="drgId", cpeId="cpeId")
        return api.page(req, [public_view(o) for o in items])

    def update_connection(req, ipscId):
        conn = api.load_or_404(store_kind_conn, ipscId)
        api.check_if_match(req, conn)
        if conn["lifecycleState"] in BUSY_STATES:
            raise incorrect_state("The IPSec connection is %s." % conn["lifecycleState"])
        body = body_of(req)
        check_tags(body)
        from emulator.oci.common import update_common
        update_common(conn, body)
        if body.get("staticRoutes") is not None:
            conn["staticRoutes"] = check_static_routes(body["staticRoutes"], connection_tunnels(conn))
        if body.get("cpeLocalIdentifierType") is not None:
            conn["cpeLocalIdentifierType"] = check_enum(body["cpeLocalIdentifierType"], CPE_IDENTIFIER_TYPES,
                                                        "cpeLocalIdentifierType")
        if body.get("cpeLocalIdentifier") is not None:
            conn["cpeLocalIdentifier"] = body["cpeLocalIdentifier"]
        api.save(store_kind_conn, conn)
        return api.respond(conn)

    def delete_connection(req, ipscId):
        conn = api.load_or_404(store_kind_conn, ipscId)
        api.check_if_match(req, conn)
        if conn["lifecycleState"] in ("TERMINATING", "TERMINATED"):
            return Response(204)
        gone_at = api.after("oci.ipsecConnection.delete")
        api.transition(conn, "TERMINATING", "TERMINATED", "oci.ipsecConnection.delete", gone_at)
        api.save(store_kind_conn, conn)
        for tunnel in connection_tunnels(conn):
            api.transition(tunnel, "TERMINATING", "TERMINATED", "oci.ipsecConnection.delete", gone_at)
            api.save(store_kind_tunnel, tunnel)
        for attachment in api.all("drgAttachment"):
            if (attachment["networkDetails"].get("ipsecConnectionId") == ipscId
                    and attachment["lifecycleState"] not in ("DETACHING", "DETACHED")):
                api.detach(attachment)
        return Response(204)

    def device_config(req, ipscId):
        conn = api.load_or_404(store_kind_conn, ipscId)
        return {"compartmentId": conn["compartmentId"], "id": conn["id"], "timeCreated": conn["timeCreated"],
                "tunnels": [{"ipAddress": t["vpnIp"], "sharedSecret": t["_sharedSecret"],
                             "timeCreated": t["timeCreated"]} for t in connection_tunnels(conn)]}

    def device_status(req, ipscId):
        conn = api.load_or_404(store_kind_conn, ipscId)
        model = api.model()
        tunnels = []
        for tunnel in connection_tunnels(conn):
            view = tunnel_view(tunnel, model)
            tunnels.append({"ipAddress": tunnel["vpnIp"], "lifecycleState": view["status"],
                            "timeCreated": tunnel["timeCreated"], "timeStateModified": view["timeStatusUpdated"]})
        return {"compartmentId": conn["compartmentId"], "id": conn["id"], "timeCreated": conn["timeCreated"],
                "tunnels": tunnels}

    add("POST", "/ipsecConnections", create_connection)
    add("GET", "/ipsecConnections", list_connections)
    add("GET", "/ipsecConnections/{ipscId}", get_connection)
    add("PUT", "/ipsecConnections/{ipscId}", update_connection)
    add("DELETE", "/ipsecConnections/{ipscId}", delete_connection)
    add("GET", "/ipsecConnections/{ipscId}/deviceConfig", device_config)
    add("GET", "/ipsecConnections/{ipscId}/deviceStatus", device_status)

    # -- tunnels ----------------------------------------------------------------------------
    def list_tunnels(req, ipscId):
        conn = api.load_or_404(store_kind_conn, ipscId)
        model = api.model()
        return api.page(req, [tunnel_view(t, model) for t in connection_tunnels(conn)])

    def get_tunnel(req, ipscId, tunnelId):
        _, tunnel = load_tunnel(ipscId, tunnelId)
        return api.respond(tunnel, tunnel_view(tunnel, api.model()))

    def reprovision(tunnel):
        api.transition(tunnel, "PROVISIONING", "AVAILABLE", "oci.ipsecTunnel.update")

    def update_tunnel(req, ipscId, tunnelId):
        conn, tunnel = load_tunnel(ipscId, tunnelId)
        api.check_if_match(req, tunnel)
        if tunnel["lifecycleState"] in BUSY_STATES:
            raise incorrect_state("The tunnel is %s; retry when it is AVAILABLE." % tunnel["lifecycleState"])
        body = body_of(req)
        before = public_view(tunnel)
        apply_tunnel_settings(tunnel, body, "")
        siblings = [t for t in connection_tunnels(conn) if t["id"] != tunnelId] + [tunnel]
        if not conn.get("staticRoutes") and any(t.get("routing") != "BGP" for t in siblings):
            raise invalid("routing", "the connection has no static routes, so every tunnel must use BGP.")
        before.pop("displayName", None)
        after = public_view(tunnel)
        after.pop("displayName", None)
        if after != before:
            reprovision(tunnel)       # changing routing, BGP or crypto re-provisions the tunnel
        api.save(store_kind_tunnel, tunnel)
        return api.respond(tunnel, tunnel_view(tunnel, api.model()))

    def get_secret(req, ipscId, tunnelId):
        _, tunnel = load_tunnel(ipscId, tunnelId)
        return {"sharedSecret": tunnel["_sharedSecret"]}

    def update_secret(req, ipscId, tunnelId):
        _, tunnel = load_tunnel(ipscId, tunnelId)
        api.check_if_match(req, tunnel)
        if tunnel["lifecycleState"] in BUSY_STATES:
            raise incorrect_state("The tunnel is %s; retry when it is AVAILABLE." % tunnel["lifecycleState"])
        secret = check_secret(body_of(req).get("sharedSecret"), "sharedSecret")
        if secret != tunnel["_sharedSecret"]:
            tunnel["_sharedSecret"] = secret
            reprovision(tunnel)
            api.save(store_kind_tunnel, tunnel)
        return {"sharedSecret": secret}

    def tunnel_routes(req, ipscId, tunnelId):
        _, tunnel = load_tunnel(ipscId, tunnelId)
        advertiser = check_enum(req.query.get("advertiser"), ("CUSTOMER", "ORACLE"), "advertiser")
        model = api.model()
        view = tunnel_view(tunnel, model)
        state = ((model or {}).get("oci_tunnels") or {}).get(tunnelId) or {}
        routes = []
        if view["status"] == "UP":
            age = max(0, int(api.now() - tunnel.get("_updatedAt", tunnel["_createdAt"])))
            bgp = tunnel.get("routing") == "BGP"
            customer_asn = (tunnel.get("bgpSessionInfo") or {}).get("customerBgpAsn")
            if advertiser in (None, "CUSTOMER"):
                for prefix in state.get("routesReceived") or []:
                    routes.append({"prefix": prefix, "age": age, "isBestPath": True,
                                   "asPath": [int(customer_asn)] if bgp and customer_asn else [],
                                   "advertiser": "CUSTOMER"})
            if advertiser in (None, "ORACLE"):
                for prefix in state.get("routesAdvertised") or []:
                    routes.append({"prefix": prefix, "age": age, "isBestPath": True,
                                   "asPath": [rules.ORACLE_BGP_ASN] if bgp else [], "advertiser": "ORACLE"})
        return api.page(req, routes)

    def tunnel_error(req, ipscId, tunnelId):
        _, tunnel = load_tunnel(ipscId, tunnelId)
        model = api.model()
        view = tunnel_view(tunnel, model)
        state = ((model or {}).get("oci_tunnels") or {}).get(tunnelId) or {}
        if view["status"] != "UP" and state.get("reasonCode"):
            code, reason, solution = state["reasonCode"], state.get("reason"), state.get("solution")
        elif view["bgpSessionInfo"].get("bgpState") == "DOWN" and state.get("bgpReasonCode"):
            code, reason, solution = state["bgpReasonCode"], state.get("bgpReason"), state.get("bgpSolution")
        else:
            raise not_found("Error details for tunnel %s" % tunnelId)
        return {"id": hashlib.sha256((tunnelId + code).encode()).hexdigest()[:24], "errorCode": code,
                "errorDescription": reason or code,
                "solution": solution or "Compare the tunnel's settings with the peer's.",
                "ociResourcesLink": OCI_DOCS_LINK, "timestamp": timestamp(api.now())}

    def security_associations(req, ipscId, tunnelId):
        """ListIPSecConnectionTunnelSecurityAssociations (SDK TunnelSecurityAssociationSummary): a route-based
        tunnel has one SA for 0.0.0.0/0 both ways; a policy-based one an SA per pair of selectors. UP when
        the tunnel is, else DOWN with the model's reason; ``time`` is the seconds in that state."""
        _, tunnel = load_tunnel(ipscId, tunnelId)
        model = api.model()
        view = tunnel_view(tunnel, model)
        state = ((model or {}).get("oci_tunnels") or {}).get(tunnelId) or {}
        domain = tunnel.get("encryptionDomainConfig") or {}
        pairs = [(o, c) for o in domain.get("oracleTrafficSelector") or []
                 for c in domain.get("cpeTrafficSelector") or []]
        if tunnel.get("routing") != "POLICY" or not pairs:
            pairs = [("0.0.0.0/0", "0.0.0.0/0")]
        up = view["status"] == "UP"
        age = str(max(0, int(api.now() - tunnel.get("_updatedAt", tunnel["_createdAt"]))))
        items = [{"oracleSubnet": oracle, "cpeSubnet": cpe, "tunnelSaStatus": "UP" if up else "DOWN",
                  "tunnelSaErrorInfo": None if up else (state.get("reason") or state.get("reasonCode")),
                  "time": age} for oracle, cpe in pairs]
        return api.page(req, items)

    def get_device_config(req, ipscId, tunnelId):
        _, tunnel = load_tunnel(ipscId, tunnelId)
        return {"tunnelCpeDeviceConfigParameter": tunnel.get("_deviceConfig", [])}

    def update_device_config(req, ipscId, tunnelId):
        _, tunnel = load_tunnel(ipscId, tunnelId)
        api.check_if_match(req, tunnel)
        answers = body_of(req).get("tunnelCpeDeviceConfig") or []
        if not isinstance(answers, list) or any(not isinstance(a, dict) or "key" not in a for a in answers):
            raise invalid("tunnelCpeDeviceConfig", "must be a list of {key, value}.")
        tunnel["_deviceConfig"] = [{"key": a["key"], "value": a.get("value")} for a in answers]
        api.save(store_kind_tunnel, tunnel)
        return {"tunnelCpeDeviceConfigParameter": tunnel["_deviceConfig"]}

    def config_content(req, ipscId):
        """GetIpsecCpeDeviceConfigContent: the CPE configuration as text/plain (the SDK's ``stream``),
        rendered from the tunnels' parameters and the answers given with tunnelDeviceConfig."""
        conn = api.load_or_404(store_kind_conn, ipscId)
        lines = ["# IPSec connection %s (%s)" % (conn["id"], conn["displayName"]),
                 "# CPE %s, DRG %s" % (conn["cpeId"], conn["drgId"])]
        for index, tunnel in enumerate(connection_tunnels(conn), 1):
            lines += tunnel_config_lines(tunnel, index)
        return Response(200, "\n".join(lines) + "\n", {"Content-Type": "text/plain"})

    def tunnel_config_lines(tunnel, index):
        info = tunnel.get("bgpSessionInfo") or {}
        lines = ["", "[tunnel %d] %s" % (index, tunnel["id"]),
                 "oracle_vpn_ip = %s" % tunnel["vpnIp"], "cpe_ip = %s" % tunnel["cpeIp"],
                 "ike_version = %s" % tunnel["ikeVersion"], "routing = %s" % tunnel["routing"],
                 "shared_secret = %s" % tunnel["_sharedSecret"]]
        if tunnel.get("routing") == "BGP":
            lines += ["oracle_inside_ip = %s" % info.get("oracleInterfaceIp"),
                      "cpe_inside_ip = %s" % info.get("customerInterfaceIp"),
                      "oracle_bgp_asn = %s" % info.get("oracleBgpAsn"),
                      "cpe_bgp_asn = %s" % info.get("customerBgpAsn")]
        lines += ["%s = %s" % (answer["key"], answer.get("value")) for answer in tunnel.get("_deviceConfig", [])]
        return lines

    def tunnel_config_content(req, ipscId, tunnelId):
        """GetTunnelCpeDeviceConfigContent: one tunnel's part of the CPE configuration (text/plain)."""
        conn, tunnel = load_tunnel(ipscId, tunnelId)
        index = conn["_tunnelIds"].index(tunnelId) + 1
        return Response(200, "\n".join(tunnel_config_lines(tunnel, index)[1:]) + "\n", {"Content-Type": "text/plain"})

    def cpe_config_content(req, cpeId):
        """GetCpeDeviceConfigContent: the configuration of every live IPSec connection to this CPE."""
        cpe = api.load_or_404("cpe", cpeId)
        lines = ["# CPE %s (%s)" % (cpe["id"], cpe["ipAddress"])]
        for conn in api.all(store_kind_conn):
            if conn["cpeId"] == cpeId and conn["lifecycleState"] not in ("TERMINATING", "TERMINATED"):
                lines.append("# IPSec connection %s (%s)" % (conn["id"], conn["displayName"]))
                for index, tunnel in enumerate(connection_tunnels(conn), 1):
                    lines += tunnel_config_lines(tunnel, index)
        return Response(200, "\n".join(lines) + "\n", {"Content-Type": "text/plain"})

    add("GET", "/cpes/{cpeId}/cpeConfigContent", cpe_config_content)
    add("GET", "/ipsecConnections/{ipscId}/cpeConfigContent", config_content)
    add("GET", "/ipsecConnections/{ipscId}/tunnels/{tunnelId}/tunnelDeviceConfig/content", tunnel_config_content)

    base = "/ipsecConnections/{ipscId}/tunnels"
    add("GET", base, list_tunnels)
    add("GET", base + "/{tunnelId}", get_tunnel)
    add("PUT", base + "/{tunnelId}", update_tunnel)
    add("GET", base + "/{tunnelId}/sharedSecret", get_secret)
    add("PUT", base + "/{tunnelId}/sharedSecret", update_secret)
    add("GET", base + "/{tunnelId}/routes", tunnel_routes)
    add("GET", base + "/{tunnelId}/error", tunnel_error)
    add("GET", base + "/{tunnelId}/tunnelDeviceConfig", get_device_config)
    add("GET", base + "/{tunnelId}/tunnelSecurityAssociations", security_associations)
    add("PUT", base + "/{tunnelId}/tunnelDeviceConfig", update_device_config)
    add("GET", "/ipsecAlgorithms", lambda req: allowed_parameters())

    api.tunnel_view = tunnel_view
