# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan as a Mermaid diagram, optionally with verification results drawn on it.

:func:`topology` turns a plan (model.build_plan) into nodes, edges and the two clouds' groups;
:func:`render` writes them as a Mermaid ``flowchart``; :func:`render_markdown` wraps that in a
Markdown page whose ```` ```mermaid ```` block GitHub and GitLab draw. Pure: no cloud call, no
clock, no file.

Without results the diagram shows what the plan builds, with the values the clouds assign at
creation time (public IPs, Oracle VPN IPs, the ExpressRoute service key) as "known after create".
With ``results`` (the document ``interconnect_verify`` writes to verify.json: ``checks`` rows
and ``observed``) each node and edge that checks are about is styled pass, fail or unknown, the
tunnel and link edges carry the BGP state and the number of routes each side receives, and the
addresses the clouds assigned replace "known after create".
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

KNOWN_AFTER_CREATE = "known after create"

# One palette for nodes (classDef) and edges (linkStyle: Mermaid's classDef does not reach edges).
PALETTE = {
    "pass": ("#e6f4ea", "#1e8e3e", "#0d652d"),
    "fail": ("#fce8e6", "#d93025", "#a50e0e"),
    "unknown": ("#f1f3f4", "#80868b", "#3c4043"),
}
CLOUD_CLASSES = {
    "oci": "fill:#fdf1ec,stroke:#c74634,color:#312d2a",
    "azure": "fill:#e8f3fc,stroke:#0078d4,color:#0b2a4a",
    "unused": "fill:#ffffff,stroke:#9aa0a6,color:#5f6368,stroke-dasharray:4 3",
}
EDGE_TEXT = {"pass": "PASS", "fail": "FAIL", "unknown": "NOT CHECKED YET"}

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def _escape(text):
    """Text for inside a quoted Mermaid label: the characters that end the label or are read as
    markup become entity codes (``#quot;`` and friends; ``#`` first, as it starts them)."""
    text = str(text)
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"),
                       ("`", "#96;"), ("|", "#124;")):
        text = text.replace(char, code)
    return text


def label(lines):
    """Label lines as one quoted Mermaid string (lines joined by ``<br/>``)."""
    return '"%s"' % "<br/>".join(_escape(line) for line in lines if line is not None)


def _join(values):
    return ", ".join(str(v) for v in values) if values else "none"


class _Graph(object):
    """Nodes and edges in the order they are drawn (edge order is Mermaid's linkStyle index)."""

    def __init__(self):
        self.nodes = []
        self.edges = []
        self.groups = []
        self._ids = set()
        self._by_key = {}

    def node(self, group, kind, name, lines, objects=(), cls=None):
        base = "n_" + _ID_UNSAFE.sub("_", "%s_%s" % (kind, name))
        node_id, n = base, 1
        while node_id in self._ids:
            n += 1
            node_id = "%s_%d" % (base, n)
        self._ids.add(node_id)
        entry = {"id": node_id, "group": group, "kind": kind, "name": name, "lines": list(lines),
                 "objects": list(objects), "cls": cls or group, "status": None}
        self.nodes.append(entry)
        self._by_key[(kind, name)] = entry
        return entry

    def get(self, kind, name):
        return self._by_key[(kind, name)]

    def edge(self, src, dst, kind, lines=(), style="line", objects=(), **extra):
        entry = {"src": src["id"], "dst": dst["id"], "kind": kind, "lines": list(lines),
                 "style": style, "objects": list(objects), "status": None}
        entry.update(extra)
        self.edges.append(entry)
        return entry


# --- results -------------------------------------------------------------------------------------

class _Results(object):
    """The verification document read for drawing: check status by object name, observations."""

    def __init__(self, results):
        results = results or {}
        self.given = bool(results)
        self.rows = results.get("checks") or results.get("rows") or []
        self.observed = results.get("observed") or {}

    @staticmethod
    def row_status(row):
        if row.get("info"):
            return None
        if row.get("ok"):
            return "pass"
        return "unknown" if row.get("observed") == "not reported" else "fail"

    def status(self, objects, skip_checks=()):
        """fail when a check about one of ``objects`` fails, else unknown when one is not
        reported yet, pass when all pass, None when no check is about them (checks named in
        ``skip_checks`` do not count)."""
        found = set()
        for row in self.rows:
            if row.get("object") in objects and row.get("check") not in skip_checks:
                found.add(self.row_status(row))
        for status in ("fail", "unknown", "pass"):
            if status in found:
                return status
        return None

    def public_ip(self, name):
        return (self.observed.get("azure_public_ips") or {}).get(name)

    def oci_tunnel(self, key):
        return (self.observed.get("oci_tunnels") or {}).get(key) or {}

    def azure_peer(self, oracle_ip, azure_ip):
        for peer in self.observed.get("azure_bgp_peers") or []:
            if peer.get("neighbor") == oracle_ip and peer.get("local_address") in (None, "", azure_ip):
                return peer
        return None


def _known(value):
    return value if value else KNOWN_AFTER_CREATE


# --- the plan's building blocks ------------------------------------------------------------------

def topology(plan, results=None):
    """The diagram as data: ``{"direction", "groups": [{"id", "label", "nodes"}], "nodes": [...],
    "edges": [...], "results": bool}``. A node: ``id``, ``group`` (oci/azure), ``kind``, ``name``,
    ``lines`` (label text), ``cls`` and ``status`` (pass/fail/unknown, None when no check is
    about it or there are no results). An edge: ``src``, ``dst``, ``kind`` (``tunnel`` and
    ``link`` are the cloud-to-cloud ones), ``lines``, ``style`` (line, thick, dotted), ``status``;
    a tunnel edge also has ``tunnel`` (the plan's key), a link edge ``link`` (primary/secondary)."""
    res = _Results(results)
    graph = _Graph()
    if plan.get("routing") == "fastconnect":
        _fastconnect(plan, res, graph)
    else:
        _vpn(plan, res, graph)
    for node in graph.nodes:
        if res.given and node["objects"]:
            node["status"] = res.status(node["objects"])
            if node["status"]:
                node["cls"] = node["status"]
    for edge in graph.edges:
        if res.given and edge["objects"]:
            edge["status"] = res.status(edge["objects"], edge.pop("skip_checks", ())) or "unknown"
            if edge["kind"] in ("tunnel", "link"):
                edge["lines"].append(EDGE_TEXT[edge["status"]])
        edge.pop("skip_checks", None)
    asn = plan.get("asn") or {}
    fastconnect = plan.get("routing") == "fastconnect"
    groups = []
    for group, title, whose, key in (("oci", "OCI", "Oracle", "oracle"),
                                     ("azure", "Azure", "Microsoft" if fastconnect else "gateway", "azure")):
        head = "%s %s" % (title, plan.get("name_prefix", ""))
        if asn.get(key) is not None:
            head += " (%s BGP ASN %s)" % (whose, asn[key])
        groups.append({"id": "g_%s" % group, "label": head,
                       "nodes": [n["id"] for n in graph.nodes if n["group"] == group]})
    return {"direction": "LR", "groups": groups, "nodes": graph.nodes, "edges": graph.edges,
            "results": res.given}


def _networks(plan, graph):
    vcn_cidrs = plan["oci"]["drg_attachment"].get("vcn_cidrs") or (plan.get("intent") or {}).get("vcn_cidrs")
    vcn = graph.node("oci", "vcn", "vcn", ["VCN", "CIDRs " + _join(vcn_cidrs)])
    vnet_plan = plan["azure"]["virtual_network"]
    vnet = graph.node("azure", "vnet", "vnet", [
        "VNet", "CIDRs " + _join(vnet_plan.get("address_prefixes")),
        "subnet %s" % vnet_plan.get("gateway_subnet", "GatewaySubnet")])
    return vcn, vnet


def _drg(plan, graph, vcn):
    oci = plan["oci"]
    drg = graph.node("oci", "drg", oci["drg"]["name"], [
        "DRG %s" % oci["drg"]["name"],
        "ECMP %s" % ("on" if (plan.get("ecmp") or {}).get("oci_drg_route_table_ecmp") else "off")],
        objects=["DRG"] + ["DRG route table of %s" % oci["drg_attachment"]["name"]])
    graph.edge(vcn, drg, "attachment", ["attachment %s" % oci["drg_attachment"]["name"]])
    return drg


def _vpn(plan, res, graph):
    vcn, vnet = _networks(plan, graph)
    drg = _drg(plan, graph, vcn)
    oci, azure = plan["oci"], plan["azure"]
    asn = plan.get("asn") or {}
    bgp = plan.get("routing") == "bgp"
    vng = azure["virtual_network_gateway"]
    public_ips = dict((c["name"], c["public_ip"]) for c in vng["ip_configurations"])
    cpe_ip = dict((c["name"], c["ip_address"]["ref"]["name"]) for c in oci.get("cpes") or [])
    tunnels = dict((t["key"], t) for t in plan["tunnels"])

    # OCI: IPSec connections and their two tunnels each
    tunnel_nodes = {}
    for conn in oci["ipsec_connections"]:
        pip = cpe_ip.get(conn["cpe"])
        lines = ["IPSec connection %s (%s)" % (conn["name"], conn["role"]),
                 "CPE %s = public IP %s: %s" % (conn["cpe"], pip, _known(res.public_ip(pip)))]
        if conn["static_routes"]:
            lines.append("static routes " + _join(conn["static_routes"]))
        node = graph.node("oci", "ipsec", conn["name"], lines, objects=[conn["name"]])
        graph.edge(drg, node, "ipsec")
        for key in conn["tunnels"]:
            tunnel = tunnels[key]
            seen = res.oci_tunnel(key)
            lines = ["tunnel %s (%s)" % (tunnel["name"], key),
                     "%s routing%s" % (tunnel["routing"], "" if tunnel["in_use"] else ", not used by design"),
                     "Oracle VPN IP %s" % _known(seen.get("vpn_ip"))]
            if tunnel["inside"]:
                lines.append("inside %s (Oracle) / %s" % (tunnel["inside"]["oracle_ip"],
                                                          tunnel["inside"]["customer_ip"]))
            if tunnel["bgp_session_config"]:
                lines.append("BGP ASN %s, peer ASN %s" % (tunnel["oracle_bgp_asn"],
                                                          tunnel["bgp_session_config"]["customer_bgp_asn"]))
            tunnel_node = graph.node("oci", "tunnel", tunnel["name"], lines,
                                     objects=[tunnel["name"]] if tunnel["in_use"] else [],
                                     cls=None if tunnel["in_use"] else "unused")
            graph.edge(node, tunnel_node, "tunnel_of", style="line" if tunnel["in_use"] else "dotted")
            tunnel_nodes[key] = tunnel_node

    # Azure: the gateway, its instances, the local network gateways and connections
    gateway = graph.node("azure", "vng", vng["name"], [
        "VPN gateway %s" % vng["name"],
        "%s, %s" % (vng["sku"], "active-active" if vng["active_active"] else "active-passive"),
        "BGP ASN %s" % vng["bgp_settings"]["asn"] if vng.get("enable_bgp") else "BGP off"],
        objects=[vng["name"], "gateway"])
    subnet = azure["virtual_network"].get("gateway_subnet", "GatewaySubnet")
    graph.edge(gateway, vnet, "gateway_subnet", ["in %s" % subnet])
    instances = {}
    for conf in vng["ip_configurations"]:
        lines = ["instance %s (%s)" % (conf["instance"], conf["name"]),
                 "public IP %s: %s" % (conf["public_ip"], _known(res.public_ip(conf["public_ip"])))]
        if conf.get("custom_bgp_ip_addresses"):
            lines.append("APIPA " + _join(conf["custom_bgp_ip_addresses"]))
        instances[conf["instance"]] = graph.node("azure", "instance", "%s_%s" % (vng["name"], conf["name"]),
                                                 lines)
        graph.edge(instances[conf["instance"]], gateway, "instance_of")
    lngs = dict((lng["tunnel"], lng) for lng in azure["local_network_gateways"])
    for conn in azure["connections"]:
        tunnel = tunnels[conn["tunnel"]]
        lng = lngs[conn["tunnel"]]
        seen = res.oci_tunnel(tunnel["key"])
        lines = ["local network gateway %s" % lng["name"],
                 "gateway IP %s (Oracle VPN IP of %s)" % (_known(seen.get("vpn_ip")), tunnel["key"])]
        if lng.get("bgp_settings"):
            lines.append("BGP peer %s, ASN %s" % (lng["bgp_settings"]["bgp_peering_address"],
                                                  lng["bgp_settings"]["asn"]))
        if lng.get("address_prefixes"):
            lines.append("prefixes " + _join(lng["address_prefixes"]))
        lng_node = graph.node("azure", "lng", lng["name"], lines, objects=[lng["name"]])
        pinned = ", ".join("%s=%s" % (g["ip_configuration"], g["custom_bgp_ip_address"])
                           for g in conn.get("gateway_custom_bgp_ip_addresses") or [])
        lines = ["connection %s (%s)" % (conn["name"], conn["role"]),
                 "%s, BGP %s" % (conn.get("connection_protocol", "IKEv2"), "on" if conn.get("enable_bgp") else "off")]
        if pinned:
            lines.append("pins " + pinned)
        conn_node = graph.node("azure", "connection", conn["name"], lines, objects=[conn["name"]])
        graph.edge(lng_node, conn_node, "lng_of")
        graph.edge(conn_node, instances[conn["vng_instance"]], "connection_of")
        graph.edge(tunnel_nodes[tunnel["key"]], lng_node, "tunnel", _tunnel_lines(tunnel, res, bgp, asn),
                   style="thick", objects=[tunnel["name"], conn["name"], lng["name"]],
                   tunnel=tunnel["key"])


def _tunnel_lines(tunnel, res, bgp, asn):
    lines = ["IPSec %s" % tunnel["key"]]
    if tunnel["inside"]:
        inside = tunnel["inside"]
        lines.append("Oracle %s / Azure %s" % (inside["oracle_address"], inside["customer_address"]))
    if bgp:
        lines.append("BGP AS %s / AS %s" % (asn.get("oracle"), asn.get("azure")))
    else:
        lines.append("static routing")
    if res.given:
        seen = res.oci_tunnel(tunnel["key"])
        state = [("OCI tunnel %s" % (seen.get("status") or "not reported"))]
        if tunnel["inside"] and bgp:
            peer = res.azure_peer(tunnel["inside"]["oracle_address"], tunnel["inside"]["customer_address"])
            state.append("BGP OCI %s / Azure %s" % (seen.get("bgp_state") or "not reported",
                                                    (peer or {}).get("state") or "not reported"))
            received = seen.get("routes_received")
            state.append("routes OCI %s / Azure %s" % (
                len(received) if received is not None else "not reported",
                (peer or {}).get("routes_received") if (peer or {}).get("routes_received") is not None
                else "not reported"))
        lines.extend(state)
    return lines


def _fastconnect(plan, res, graph):
    vcn, vnet = _networks(plan, graph)
    drg = _drg(plan, graph, vcn)
    oci, azure = plan["oci"], plan["azure"]
    vc = oci["virtual_circuit"]
    circuit = azure["expressroute_circuit"]
    peering = azure["expressroute_peering"]
    observed_vc = res.observed.get("virtual_circuit") or {}
    observed_er = res.observed.get("er_circuit") or {}
    vc_node = graph.node("oci", "virtual_circuit", vc["name"], [
        "FastConnect virtual circuit %s (%s)" % (vc["name"], vc["type"]),
        "provider %s, %s" % (vc["provider_name"], vc["bandwidth_shape_name"]),
        "BGP ASN %s" % vc["oracle_bgp_asn"],
        "VLAN set by provider",
        "service key of %s: %s" % (circuit["name"], "read from Azure" if res.given else KNOWN_AFTER_CREATE)],
        objects=[vc["name"]])
    graph.edge(drg, vc_node, "virtual_circuit_of")
    er_node = graph.node("azure", "expressroute_circuit", circuit["name"], [
        "ExpressRoute circuit %s" % circuit["name"],
        "provider %s, %s" % (circuit["service_provider_name"], circuit["peering_location"]),
        "%s Mbps, %s" % (circuit["bandwidth_in_mbps"], circuit["sku"]["name"]),
        "private peering by provider, peer ASN %s" % peering["peer_asn"]], objects=[circuit["name"]])
    gw = azure["virtual_network_gateway"]
    gw_node = graph.node("azure", "er_gateway", gw["name"], [
        "ExpressRoute gateway %s" % gw["name"], "%s" % gw["sku"]], objects=[gw["name"]])
    subnet = azure["virtual_network"].get("gateway_subnet", "GatewaySubnet")
    graph.edge(gw_node, vnet, "gateway_subnet", ["in %s" % subnet])
    for conn in azure["connections"]:
        conn_node = graph.node("azure", "connection", conn["name"], [
            "connection %s" % conn["name"],
            "FastPath %s" % ("on" if conn.get("express_route_gateway_bypass") else "off")],
            objects=[conn["name"]])
        graph.edge(er_node, conn_node, "connection_of")
        graph.edge(conn_node, gw_node, "connection_of")
    for mapping in plan["fastconnect"]["links"]:
        link = mapping["link"]
        lines = ["%s link %s" % (link, mapping["subnet"]),
                 "Oracle %s / Azure %s" % (mapping["oracle_address"], mapping["azure_address"]),
                 "BGP AS %s / AS %s" % ((plan.get("asn") or {}).get("oracle"), (plan.get("asn") or {}).get("azure")),
                 "VLAN set by provider"]
        if res.given:
            routes = (observed_er.get("routes") or {}).get(link)
            lines.append("BGP OCI %s / Azure peering %s" % (
                observed_vc.get("bgp_session_state") or "not reported",
                (observed_er.get("peering") or {}).get("state") or "not reported"))
            lines.append("routes Azure %s" % (len(routes) if routes is not None else "not reported"))
        # each link's own ARP and route table checks; the circuits' checks concern both links
        other = [m["link"] for m in plan["fastconnect"]["links"] if m["link"] != link]
        graph.edge(vc_node, er_node, "link", lines, style="thick",
                   objects=[vc["name"], circuit["name"]], link=link,
                   skip_checks=tuple("%s %s" % (check, o) for o in other for check in ("ARP", "routes")))


# --- Mermaid text ---------------------------------------------------------------------------------

_ARROWS = {"line": "---", "thick": "===", "dotted": "-.-"}


def _edge_text(edge):
    arrow = _ARROWS[edge["style"]]
    if edge["lines"]:
        return "    %s %s|%s| %s" % (edge["src"], arrow, label(edge["lines"]), edge["dst"])
    return "    %s %s %s" % (edge["src"], arrow, edge["dst"])


def render(plan, results=None):
    """The plan as Mermaid flowchart text (results drawn on it when given)."""
    data = topology(plan, results)
    lines = ["flowchart %s" % data["direction"]]
    by_id = dict((n["id"], n) for n in data["nodes"])
    for group in data["groups"]:
        lines.append("    subgraph %s[%s]" % (group["id"], label([group["label"]])))
        for node_id in group["nodes"]:
            lines.append("        %s[%s]" % (node_id, label(by_id[node_id]["lines"])))
        lines.append("    end")
    for edge in data["edges"]:
        lines.append(_edge_text(edge))
    for name, style in sorted(CLOUD_CLASSES.items()):
        lines.append("    classDef %s %s" % (name, style))
    for name, (fill, stroke, color) in sorted(PALETTE.items()):
        lines.append("    classDef %s fill:%s,stroke:%s,color:%s,stroke-width:2px" % (name, fill, stroke, color))
    classes = {}
    for node in data["nodes"]:
        classes.setdefault(node["cls"], []).append(node["id"])
    for name in sorted(classes):
        lines.append("    class %s %s" % (",".join(classes[name]), name))
    for index, edge in enumerate(data["edges"]):
        if edge["status"]:
            stroke = PALETTE[edge["status"]][1]
            dash = ",stroke-dasharray:4 3" if edge["status"] == "unknown" else ""
            lines.append("    linkStyle %d stroke:%s,stroke-width:3px%s" % (index, stroke, dash))
    return "\n".join(lines) + "\n"


def render_markdown(plan, results=None, title=None):
    """A Markdown page: a heading, the Mermaid block and what the styles mean."""
    verified = bool(results)
    head = title or ("Interconnect %s (%s): %s" % (
        plan.get("name_prefix"), plan.get("scenario"),
        "verification results" if verified else "planned topology"))
    out = ["# %s" % head, "", plan.get("design", ""), "", "```mermaid", render(plan, results).rstrip("\n"),
           "```", ""]
    if verified:
        out.append("Verification: %s, %s checks passed, %s failed. Green: every check about it "
                   "passed; red: a check failed (verify.txt names it, with the reason and the fix); "
                   "grey, dashed: not reported yet. Tunnel and link edges carry the BGP state and "
                   "the routes each side receives." % (
                       "PASS" if results.get("ok") else "FAIL", results.get("passed"), results.get("failed")))
    else:
        out.append("Values the clouds assign when the resources are created (public IPs, Oracle "
                   "VPN IPs, the ExpressRoute service key) read \"%s\"; verification writes "
                   "topology-verify.md with the assigned values and the results." % KNOWN_AFTER_CREATE)
    return "\n".join(out) + "\n"
