"""OCI Site-to-Site VPN subset: IPSec connections, their two tunnels, shared secrets, tunnel
routes/errors/device config, connection device config/status, and /ipsecAlgorithms.

Tunnels are stored in the READ shape (phaseOneDetails, phaseTwoDetails, dpdMode,
dpdTimeoutInSec, oracleCanInitiate) even though the API writes them as phaseOneConfig,
phaseTwoConfig, dpdConfig, oracleInitiation - the same asymmetry OCI has (ipsec_settings.py
turns one into the other). ``status``, ``bgpSessionInfo.bgpState`` and the negotiated crypto are
overlaid from the model when served.
"""

import hashlib
import ipaddress

from emulator import rules
from emulator.core.http import Response
from emulator.core.store import public_view
from emulator.oci.common import (
    body_of, check_cidr, check_display_name, check_enum, incorrect_state, invalid, missing, not_found,
    timestamp,
)
from emulator.oci.drg import detach_all, live_drg, new_attachment
from emulator.oci.ipsec_settings import (
    allowed_parameters, apply_tunnel_settings, check_secret, field_prefix, generate_secret,
)
from emulator.oci.resource import TERMINAL_STATES, OciResource, Route

TUNNELS_PER_CONNECTION = 2
CPE_IDENTIFIER_TYPES = ("IP_ADDRESS", "HOSTNAME")
OCI_DOCS_LINK = "https://docs.oracle.com/iaas/Content/Network/Troubleshoot/ipsectroubleshoot.htm"
BUSY_STATES = ("PROVISIONING", "TERMINATING", "TERMINATED")
CONNECTION_KIND, TUNNEL_KIND = "ipsecConnection", "ipsecTunnel"


def allocate_vpn_ips(api, count):
    used = {t.get("vpnIp") for t in api.store.list("oci", TUNNEL_KIND)}
    out = []
    for host in ipaddress.ip_network(rules.OCI_VPN_IP_POOL).hosts():
        address = str(host)
        if address not in used and not address.endswith(".0") and not address.endswith(".255"):
            out.append(address)
            if len(out) == count:
                return out
    raise incorrect_state("The Oracle VPN IP pool is exhausted.")


def model_tunnel(model, tunnel_id):
    """What the model says of one tunnel ({} when it says nothing)."""
    return ((model or {}).get("oci_tunnels") or {}).get(tunnel_id) or {}


def _negotiated_fields(negotiated, established_key):
    out = {established_key: False}
    for key, value in (negotiated or {}).items():
        out[key] = value
    return out


def tunnel_view(tunnel, model):
    view = public_view(tunnel)
    # IPSecConnectionTunnel has no tags (oci.core.models.IPSecConnectionTunnel.attribute_map)
    view.pop("freeformTags", None)
    view.pop("definedTags", None)
    state = model_tunnel(model, tunnel["id"])
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


def connection_tunnels(api, conn):
    return [t for t in (api.load(TUNNEL_KIND, tid) for tid in conn.get("_tunnelIds", [])) if t]


def load_tunnel(api, ipscId, tunnelId):
    conn = api.load_or_404(CONNECTION_KIND, ipscId, "IPSec connection %s" % ipscId)
    if tunnelId not in conn.get("_tunnelIds", []):
        raise not_found("Tunnel %s" % tunnelId)
    return conn, api.load_or_404(TUNNEL_KIND, tunnelId, "Tunnel %s" % tunnelId)


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


def new_tunnel(api, conn, cpe, vpn_ip, index, config):
    """Tunnel ``index`` of a new connection, with OCI's defaults and ``config`` applied."""
    field = "tunnelConfiguration[%d]" % index
    if not isinstance(config, dict):
        raise invalid(field, "must be an object.")
    tunnel = api.new_resource("ipsectunnel", {
        "compartmentId": conn["compartmentId"], "vpnIp": vpn_ip, "cpeIp": cpe["ipAddress"],
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
    tunnel["_sharedSecret"] = (check_secret(secret, field_prefix(field) + "sharedSecret") if secret is not None
                               else generate_secret())
    return tunnel


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


def text(lines):
    return Response(200, "\n".join(lines) + "\n", {"Content-Type": "text/plain"})


# -- connections ------------------------------------------------------------------------------------
class IpsecConnections(OciResource):
    kind = CONNECTION_KIND
    collection = "/ipsecConnections"
    id_param = "ipscId"
    list_filters = {"drgId": "drgId", "cpeId": "cpeId"}
    update_refused_states = BUSY_STATES
    busy_message = "The IPSec connection is %s."

    def extra_routes(self):
        item = self.item_path()
        return [Route("GET", item + "/deviceConfig", self.device_config),
                Route("GET", item + "/deviceStatus", self.device_status),
                Route("GET", "/cpes/{cpeId}/cpeConfigContent", self.cpe_config_content),
                Route("GET", item + "/cpeConfigContent", self.config_content),
                Route("GET", "/ipsecAlgorithms", self.algorithms)]

    def create(self, body):
        api = self.api
        compartment = api.check_compartment(body.get("compartmentId"))
        drg_id, cpe_id = body.get("drgId"), body.get("cpeId")
        if not drg_id:
            raise missing("drgId")
        if not cpe_id:
            raise missing("cpeId")
        drg = live_drg(api, drg_id)
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
        vpn_ips = allocate_vpn_ips(api, TUNNELS_PER_CONNECTION)
        tunnels = [new_tunnel(api, conn, cpe, vpn_ips[index], index, configs[index] if index < len(configs) else {})
                   for index in range(TUNNELS_PER_CONNECTION)]
        conn["staticRoutes"] = check_static_routes(body.get("staticRoutes"), tunnels)
        conn["_tunnelIds"] = [t["id"] for t in tunnels]
        ready_at = api.after("oci.ipsecConnection.create")
        api.transition(conn, "PROVISIONING", "AVAILABLE", "oci.ipsecConnection.create", ready_at)
        api.save(CONNECTION_KIND, conn)
        for tunnel in tunnels:
            api.transition(tunnel, "PROVISIONING", "AVAILABLE", "oci.ipsecConnection.create", ready_at)
            api.save(TUNNEL_KIND, tunnel)
            attachment = new_attachment(
                api, drg, {"type": "IPSEC_TUNNEL", "id": tunnel["id"], "ipsecConnectionId": conn["id"]},
                drg["defaultDrgRouteTables"]["ipsecTunnel"], tunnel["displayName"])
            api.save("drgAttachment", attachment)
        return conn

    def apply_update(self, conn, body):
        super().apply_update(conn, body)
        if body.get("staticRoutes") is not None:
            conn["staticRoutes"] = check_static_routes(body["staticRoutes"], connection_tunnels(self.api, conn))
        if body.get("cpeLocalIdentifierType") is not None:
            conn["cpeLocalIdentifierType"] = check_enum(body["cpeLocalIdentifierType"], CPE_IDENTIFIER_TYPES,
                                                        "cpeLocalIdentifierType")
        if body.get("cpeLocalIdentifier") is not None:
            conn["cpeLocalIdentifier"] = body["cpeLocalIdentifier"]

    def remove(self, conn):
        """The connection, its tunnels and their DRG attachments go together."""
        api = self.api
        gone_at = api.after("oci.ipsecConnection.delete")
        api.transition(conn, "TERMINATING", "TERMINATED", "oci.ipsecConnection.delete", gone_at)
        api.save(CONNECTION_KIND, conn)
        for tunnel in connection_tunnels(api, conn):
            api.transition(tunnel, "TERMINATING", "TERMINATED", "oci.ipsecConnection.delete", gone_at)
            api.save(TUNNEL_KIND, tunnel)
        detach_all(api, lambda attachment: attachment["networkDetails"].get("ipsecConnectionId") == conn["id"])

    def device_config(self, req, ipscId):
        conn = self.load(ipscId=ipscId)
        return {"compartmentId": conn["compartmentId"], "id": conn["id"], "timeCreated": conn["timeCreated"],
                "tunnels": [{"ipAddress": t["vpnIp"], "sharedSecret": t["_sharedSecret"],
                             "timeCreated": t["timeCreated"]} for t in connection_tunnels(self.api, conn)]}

    def device_status(self, req, ipscId):
        conn = self.load(ipscId=ipscId)
        model = self.api.model()
        tunnels = []
        for tunnel in connection_tunnels(self.api, conn):
            view = tunnel_view(tunnel, model)
            tunnels.append({"ipAddress": tunnel["vpnIp"], "lifecycleState": view["status"],
                            "timeCreated": tunnel["timeCreated"], "timeStateModified": view["timeStatusUpdated"]})
        return {"compartmentId": conn["compartmentId"], "id": conn["id"], "timeCreated": conn["timeCreated"],
                "tunnels": tunnels}

    def config_content(self, req, ipscId):
        """GetIpsecCpeDeviceConfigContent: the CPE configuration as text/plain (the SDK's ``stream``),
        rendered from the tunnels' parameters and the answers given with tunnelDeviceConfig."""
        conn = self.load(ipscId=ipscId)
        lines = ["# IPSec connection %s (%s)" % (conn["id"], conn["displayName"]),
                 "# CPE %s, DRG %s" % (conn["cpeId"], conn["drgId"])]
        for index, tunnel in enumerate(connection_tunnels(self.api, conn), 1):
            lines += tunnel_config_lines(tunnel, index)
        return text(lines)

    def cpe_config_content(self, req, cpeId):
        """GetCpeDeviceConfigContent: the configuration of every live IPSec connection to this CPE."""
        cpe = self.api.load_or_404("cpe", cpeId)
        lines = ["# CPE %s (%s)" % (cpe["id"], cpe["ipAddress"])]
        for conn in self.api.all(CONNECTION_KIND):
            if conn["cpeId"] == cpeId and conn["lifecycleState"] not in TERMINAL_STATES:
                lines.append("# IPSec connection %s (%s)" % (conn["id"], conn["displayName"]))
                for index, tunnel in enumerate(connection_tunnels(self.api, conn), 1):
                    lines += tunnel_config_lines(tunnel, index)
        return text(lines)

    def algorithms(self, req):
        return allowed_parameters()


# -- tunnels ----------------------------------------------------------------------------------------
class IpsecTunnels(OciResource):
    """A connection's tunnels: made and removed with it, so list, get and update only."""

    kind = TUNNEL_KIND
    collection = "/ipsecConnections/{ipscId}/tunnels"
    id_param = "tunnelId"
    creatable = deletable = False
    update_refused_states = BUSY_STATES
    busy_message = "The tunnel is %s; retry when it is AVAILABLE."

    def extra_routes(self):
        item = self.item_path()
        return [Route("GET", "/ipsecConnections/{ipscId}/tunnels/{tunnelId}/tunnelDeviceConfig/content",
                      self.config_content),
                Route("GET", item + "/sharedSecret", self.get_secret),
                Route("PUT", item + "/sharedSecret", self.update_secret),
                Route("GET", item + "/routes", self.routes_of),
                Route("GET", item + "/error", self.error),
                Route("GET", item + "/tunnelDeviceConfig", self.get_device_config),
                Route("GET", item + "/tunnelSecurityAssociations", self.security_associations),
                Route("PUT", item + "/tunnelDeviceConfig", self.update_device_config)]

    def load(self, ipscId, tunnelId):
        return load_tunnel(self.api, ipscId, tunnelId)[1]

    def view(self, tunnel):
        return tunnel_view(tunnel, self.api.model())

    def views(self, items):
        model = self.api.model()
        return [tunnel_view(t, model) for t in items]

    def scope(self, req, ipscId):
        return connection_tunnels(self.api, self.api.load_or_404(CONNECTION_KIND, ipscId))

    def reprovision(self, tunnel):
        self.api.transition(tunnel, "PROVISIONING", "AVAILABLE", "oci.ipsecTunnel.update")

    def apply_update(self, tunnel, body):
        conn = self.api.load(CONNECTION_KIND, tunnel["_ipsecConnectionId"])
        before = public_view(tunnel)
        apply_tunnel_settings(tunnel, body, "")
        siblings = [t for t in connection_tunnels(self.api, conn) if t["id"] != tunnel["id"]] + [tunnel]
        if not conn.get("staticRoutes") and any(t.get("routing") != "BGP" for t in siblings):
            raise invalid("routing", "the connection has no static routes, so every tunnel must use BGP.")
        before.pop("displayName", None)
        after = public_view(tunnel)
        after.pop("displayName", None)
        if after != before:
            self.reprovision(tunnel)       # changing routing, BGP or crypto re-provisions the tunnel

    def age(self, tunnel):
        """Seconds since the tunnel last changed."""
        return max(0, int(self.api.now() - tunnel.get("_updatedAt", tunnel["_createdAt"])))

    def get_secret(self, req, ipscId, tunnelId):
        return {"sharedSecret": self.load(ipscId, tunnelId)["_sharedSecret"]}

    def update_secret(self, req, ipscId, tunnelId):
        tunnel = self.load(ipscId, tunnelId)
        self.api.check_if_match(req, tunnel)
        self.refuse_if_busy(tunnel)
        secret = check_secret(body_of(req).get("sharedSecret"), "sharedSecret")
        if secret != tunnel["_sharedSecret"]:
            tunnel["_sharedSecret"] = secret
            self.reprovision(tunnel)
            self.api.save(TUNNEL_KIND, tunnel)
        return {"sharedSecret": secret}

    def routes_of(self, req, ipscId, tunnelId):
        tunnel = self.load(ipscId, tunnelId)
        advertiser = check_enum(req.query.get("advertiser"), ("CUSTOMER", "ORACLE"), "advertiser")
        model = self.api.model()
        view = tunnel_view(tunnel, model)
        state = model_tunnel(model, tunnelId)
        routes = []
        if view["status"] == "UP":
            age = self.age(tunnel)
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
        return self.api.page(req, routes)

    def error(self, req, ipscId, tunnelId):
        tunnel = self.load(ipscId, tunnelId)
        model = self.api.model()
        view = tunnel_view(tunnel, model)
        state = model_tunnel(model, tunnelId)
        if view["status"] != "UP" and state.get("reasonCode"):
            code, reason, solution = state["reasonCode"], state.get("reason"), state.get("solution")
        elif view["bgpSessionInfo"].get("bgpState") == "DOWN" and state.get("bgpReasonCode"):
            code, reason, solution = state["bgpReasonCode"], state.get("bgpReason"), state.get("bgpSolution")
        else:
            raise not_found("Error details for tunnel %s" % tunnelId)
        return {"id": hashlib.sha256((tunnelId + code).encode()).hexdigest()[:24], "errorCode": code,
                "errorDescription": reason or code,
                "solution": solution or "Compare the tunnel's settings with the peer's.",
                "ociResourcesLink": OCI_DOCS_LINK, "timestamp": timestamp(self.api.now())}

    def security_associations(self, req, ipscId, tunnelId):
        """ListIPSecConnectionTunnelSecurityAssociations (SDK TunnelSecurityAssociationSummary): a route-based
        tunnel has one SA for 0.0.0.0/0 both ways; a policy-based one an SA per pair of selectors. UP when
        the tunnel is, else DOWN with the model's reason; ``time`` is the seconds in that state."""
        tunnel = self.load(ipscId, tunnelId)
        model = self.api.model()
        view = tunnel_view(tunnel, model)
        state = model_tunnel(model, tunnelId)
        domain = tunnel.get("encryptionDomainConfig") or {}
        pairs = [(o, c) for o in domain.get("oracleTrafficSelector") or []
                 for c in domain.get("cpeTrafficSelector") or []]
        if tunnel.get("routing") != "POLICY" or not pairs:
            pairs = [("0.0.0.0/0", "0.0.0.0/0")]
        up = view["status"] == "UP"
        age = str(self.age(tunnel))
        items = [{"oracleSubnet": oracle, "cpeSubnet": cpe, "tunnelSaStatus": "UP" if up else "DOWN",
                  "tunnelSaErrorInfo": None if up else (state.get("reason") or state.get("reasonCode")),
                  "time": age} for oracle, cpe in pairs]
        return self.api.page(req, items)

    def get_device_config(self, req, ipscId, tunnelId):
        tunnel = self.load(ipscId, tunnelId)
        return {"tunnelCpeDeviceConfigParameter": tunnel.get("_deviceConfig", [])}

    def update_device_config(self, req, ipscId, tunnelId):
        tunnel = self.load(ipscId, tunnelId)
        self.api.check_if_match(req, tunnel)
        answers = body_of(req).get("tunnelCpeDeviceConfig") or []
        if not isinstance(answers, list) or any(not isinstance(a, dict) or "key" not in a for a in answers):
            raise invalid("tunnelCpeDeviceConfig", "must be a list of {key, value}.")
        tunnel["_deviceConfig"] = [{"key": a["key"], "value": a.get("value")} for a in answers]
        self.api.save(TUNNEL_KIND, tunnel)
        return {"tunnelCpeDeviceConfigParameter": tunnel["_deviceConfig"]}

    def config_content(self, req, ipscId, tunnelId):
        """GetTunnelCpeDeviceConfigContent: one tunnel's part of the CPE configuration (text/plain)."""
        conn, tunnel = load_tunnel(self.api, ipscId, tunnelId)
        index = conn["_tunnelIds"].index(tunnelId) + 1
        return text(tunnel_config_lines(tunnel, index)[1:])


RESOURCES = (IpsecConnections, IpsecTunnels)
