# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A plan as readable text tables (for ``--tags plan`` and plan.txt)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import module_args as MA


def table(headers, rows):
    """Plain-text table with aligned columns."""
    cells = [[str(h) for h in headers]] + [["-" if c is None else str(c) for c in row]
                                           for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [line, "| " + " | ".join(c.ljust(w) for c, w in zip(cells[0], widths)) + " |", line]
    for row in cells[1:]:
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |")
    out.append(line)
    return "\n".join(out)


def _ref_text(value):
    if isinstance(value, dict) and "ref" in value:
        r = value["ref"]
        where = r.get("name") or "%s tunnel %s" % (r.get("ipsec_connection"), r.get("tunnel"))
        return "<%s of %s>" % (r.get("attribute"), where)
    return value


def _shown(value):
    """A module argument for people: references as <attribute of name>, keys never shown."""
    if isinstance(value, dict):
        if set(value) == {"ref"}:
            return _ref_text(value)
        if set(value) == {"secret_ref"}:
            return "<pre-shared key of tunnel %s>" % value["secret_ref"]["psk"]
        return dict((k, _shown(v)) for k, v in value.items())
    if isinstance(value, list):
        return [_shown(v) for v in value]
    return value


def _module_args(module_args):
    lines = []
    for call in MA.calls(module_args):
        args = call["args"]
        # the VNet's name and the ECMP table's id come from the inventory and the run
        name = args.get("display_name") or args.get("name") or "(named by the run)"
        lines.append("%s %s" % (call["module"], name))
        for option, value in args.items():
            if option in ("display_name", "name"):
                continue
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                lines.append("    %s:" % option)
                lines.extend("      - %s" % json.dumps(_shown(v)) for v in value)
            else:
                lines.append("    %s: %s" % (option, json.dumps(_shown(value))))
    return lines


def render_table(plan):
    """The whole plan for people: one section per concern."""
    parts = ["Interconnect %s: %s" % (plan["name_prefix"], plan["scenario"]),
             plan["design"]]
    if plan.get("asn"):
        parts.append("ASNs: Azure %s, Oracle %s" % (plan["asn"]["azure"], plan["asn"]["oracle"]))
    if plan["routing"] == "fastconnect":
        parts.extend(_fastconnect(plan))
    else:
        parts.extend(_vpn(plan))
    parts.append("")
    parts.append("Address blocks")
    parts.append(table(["cidr", "purpose"],
                       [[b["cidr"], b["purpose"] + "".join(
                           "; %s shares it (tunnel %s)" % (s["cidr"], s["tunnel"])
                           for s in b.get("shared_with", []))] for b in plan["address_blocks"]]))
    if plan.get("module_args"):
        parts.append("")
        parts.append("Module arguments (what each module is sent; run-time values and keys as references)")
        parts.extend(_module_args(plan["module_args"]))
    if plan.get("warnings"):
        parts.append("")
        parts.append("Warnings")
        parts.extend("- " + w for w in plan["warnings"])
    return "\n".join(parts)


def _vpn(plan):
    out = [""]
    out.append("OCI tunnels and their Azure counterparts")
    rows = []
    for t in plan["tunnels"]:
        inside = t["inside"] or {}
        rows.append([t["key"], t["ipsec_connection"], t["tunnel_number"],
                     "yes" if t["in_use"] else "no", t["role"], t["routing"],
                     inside.get("oracle_ip"), inside.get("customer_ip"), t["vng_instance"],
                     t["local_network_gateway"], t["azure_connection"]])
    out.append(table(["tunnel", "ipsec connection", "#", "in use", "role", "routing",
                      "oracle inside", "customer inside (APIPA)", "VNG inst", "LNG",
                      "Azure connection"], rows))
    vng = plan["azure"]["virtual_network_gateway"]
    out.append("")
    out.append("Azure VPN gateway %s: sku %s, %s, BGP %s" % (
        vng["name"], vng["sku"], "active-active" if vng["active_active"] else "active-passive",
        "on (ASN %s)" % vng["bgp_settings"]["asn"] if vng["enable_bgp"] else "off"))
    out.append(table(["ip configuration", "instance", "public IP", "custom APIPA BGP addresses"],
                     [[c["name"], c["instance"], c["public_ip"],
                       ", ".join(c["custom_bgp_ip_addresses"]) or "-"]
                      for c in vng["ip_configurations"]]))
    out.append("")
    out.append("Azure local network gateways and connections")
    conns = dict((c["local_network_gateway"], c) for c in plan["azure"]["connections"])
    rows = []
    for lng in plan["azure"]["local_network_gateways"]:
        conn = conns[lng["name"]]
        bgp = lng["bgp_settings"]
        rows.append([lng["name"], _ref_text(lng["gateway_ip_address"]),
                     ", ".join(lng["address_prefixes"]) or "-",
                     "%s AS%s" % (bgp["bgp_peering_address"], bgp["asn"]) if bgp else "-",
                     conn["name"],
                     ", ".join("%s=%s" % (g["ip_configuration"], g["custom_bgp_ip_address"])
                               for g in conn["gateway_custom_bgp_ip_addresses"]) or "-"])
    out.append(table(["LNG", "gateway address", "prefixes", "BGP peer", "connection",
                      "pinned APIPA"], rows))
    out.append("")
    out.append("OCI IPSec connections")
    out.append(table(["ipsec connection", "cpe", "role", "static routes"],
                     [[c["name"], c["cpe"], c["role"], ", ".join(c["static_routes"]) or "- (BGP)"]
                      for c in plan["oci"]["ipsec_connections"]]))
    ecmp = plan["ecmp"]
    out.append("ECMP: OCI DRG route table %s, Azure gateway %s, expected paths per prefix %s"
               % ("on" if ecmp["oci_drg_route_table_ecmp"] else "off",
                  "active-active" if ecmp["azure_active_active"] else "active-passive",
                  ecmp["expected_paths"]))
    out.append("Shared keys: %s" % plan["shared_secrets"]["note"])
    out.extend(_crypto(plan["crypto"]))
    return out


def _crypto(section):
    oci = section["oci"]
    p1, p2 = oci["phase_one_config"], oci["phase_two_config"]
    azure = section["azure"]
    policy = azure["ipsec_policies"][0] if azure["ipsec_policies"] else None

    def oci_val(cfg, key, custom_key):
        if not cfg.get(custom_key):
            return "OCI default"
        return cfg.get(key)

    def az_val(key):
        return policy[key] if policy else "Azure default"

    rows = [
        ["IKE encryption", oci_val(p1, "encryption_algorithm", "is_custom_phase_one_config"),
         az_val("ike_encryption")],
        ["IKE integrity", oci_val(p1, "authentication_algorithm", "is_custom_phase_one_config"),
         az_val("ike_integrity")],
        ["DH group", oci_val(p1, "diffie_helman_group", "is_custom_phase_one_config"),
         az_val("dh_group")],
        ["IPsec encryption", oci_val(p2, "encryption_algorithm", "is_custom_phase_two_config"),
         az_val("ipsec_encryption")],
        ["IPsec integrity", (oci_val(p2, "authentication_algorithm", "is_custom_phase_two_config")
                             or "(GCM)"), az_val("ipsec_integrity")],
        ["PFS group", (oci_val(p2, "pfs_dh_group", "is_custom_phase_two_config")
                       if p2.get("is_pfs_enabled", True) else "disabled"), az_val("pfs_group")],
        ["SA lifetime (s)", oci_val(p2, "lifetime_in_seconds", "is_custom_phase_two_config"),
         az_val("sa_life_time_seconds")],
    ]
    return ["", "IKE/IPsec (profile %s): OCI %s, Azure %s" % (
        section["profile"], oci["ike_version"], azure["connection_protocol"]),
        table(["parameter", "OCI", "Azure"], rows)]


def _fastconnect(plan):
    vc = plan["oci"]["virtual_circuit"]
    peering = plan["azure"]["expressroute_peering"]
    circuit = plan["azure"]["expressroute_circuit"]
    gw = plan["azure"]["virtual_network_gateway"]
    conn = plan["azure"]["connections"][0]
    out = ["", "FastConnect %s (provider %s, %s) <-> ExpressRoute %s (provider %s, %s Mbps, %s)"
           % (vc["name"], vc["provider_name"], vc["bandwidth_shape_name"], circuit["name"],
              circuit["service_provider_name"], circuit["bandwidth_in_mbps"],
              circuit["peering_location"])]
    out.append(table(["link", "subnet", "Oracle BGP IP", "Azure BGP IP"],
                     [[m["link"], m["subnet"], m["oracle_bgp_peering_ip"],
                       m["customer_bgp_peering_ip"]]
                      for m in plan["fastconnect"]["links"]]))
    out.append("Private peering (configured by the provider, VLAN its own): expected primary %s, "
               "secondary %s, peer ASN %s"
               % (peering["primary_peer_address_prefix"], peering["secondary_peer_address_prefix"],
                  peering["peer_asn"]))
    out.append("ExpressRoute gateway %s (sku %s), connection %s, FastPath %s"
               % (gw["name"], gw["sku"], conn["name"],
                  "on" if conn["express_route_gateway_bypass"] else "off"))
    return out
