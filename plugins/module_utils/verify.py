# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Verification of a built interconnect against its plan, from both clouds' point of view.

:func:`evaluate` compares the plan's expectations (``plan["expect"]`` and the resources the plan
names) with what both clouds report (the *observations*, gathered by the ``interconnect_verify``
action plugin through the info modules) and returns one row per check. It is pure: no I/O, no
clock. :func:`render_table` prints the rows for people; :func:`failure_lines` names each failing
tunnel or session with the cloud's reason and the likely fix.

Observations are keyed by the names in the plan (the action plugin does the lookup)::

    {
      "oci_tunnels": {tunnel_key: {"found", "name", "id", "vpn_ip", "status", "routing",
                                   "bgp_state", "oracle_ip", "customer_ip", "routes_received",
                                   "error": {"code", "message", "solution"} | None}},
      "oci_connections": {ipsec_name: {"found", "lifecycle_state", "static_routes"}},
      "oci_ecmp": bool | None,            # ECMP on the DRG route table the tunnels use
      "azure_public_ips": {public_ip_name: address},
      "azure_connections": {conn_name: {"found", "status", "provisioning_state",
                                        "tunnels": [{"tunnel", "status"}],
                                        "reasons": [{"code", "message", "solution", "layer"}],
                                        "express_route_gateway_bypass"}},
      "azure_local_network_gateways": {lng_name: {"found", "address_prefixes"}},
      "azure_bgp_peers": [{"local_address", "neighbor", "asn", "state", "routes_received"}],
      "azure_learned_routes": [{"network", "next_hop", "source_peer", "origin"}],
      "virtual_circuit": {"found", "lifecycle_state", "provider_state", "bgp_session_state",
                          "bandwidth_shape_name", "error": {...} | None},
      "er_circuit": {"found", "provider_state", "peering": {"state", "primary_prefix",
                     "secondary_prefix", "vlan", "peer_asn"} | None,
                     "arp": {"primary": [ip, ...], "secondary": [...]},
                     "routes": {"primary": [prefix, ...], "secondary": [...]}, "error"},
    }

Anything a cloud did not report is simply absent (or None): the check then fails with
"not reported" rather than guessing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# The likely fix for each kind of failure, when the cloud (or the twin) gives none of its own.
FIXES = {
    "missing": "the resource does not exist: run site.yml for this interconnect (or check the "
               "names, compartment and resource group the inventory gives)",
    "oci_tunnel": "read the OCI tunnel's error: a pre-shared key, IKE version or IKE/IPsec proposal "
                  "mismatch (PFS above all: OCI's default PFS group 5 is not in Azure's defaults) "
                  "or a missing Azure connection for this tunnel's Oracle VPN IP",
    "azure_connection": "the Azure connection follows the OCI tunnel it pairs with: fix the reason "
                        "given for that tunnel; check that the local network gateway's "
                        "gatewayIpAddress is the tunnel's Oracle VPN IP",
    "azure_instance": "each VPN gateway instance needs its own OCI CPE and IPSec connection; check "
                      "that the CPE address is the public IP of the instance that should reach it",
    "oci_bgp": "BGP needs the tunnel UP, OCI's customer interface IP equal to the APIPA address the "
               "Azure connection pins, OCI's customer ASN equal to the gateway's ASN and Oracle "
               "allowed to initiate",
    "azure_bgp": "the local network gateway's BGP peer address must be the tunnel's Oracle inside "
                 "address and its ASN Oracle's; the connection needs enableBgp and "
                 "gatewayCustomBgpIpAddresses pinning the instance's APIPA address",
    "unexpected_bgp": "a BGP session that the plan does not contain is up: remove the stale local "
                      "network gateway or connection, or re-plan with it",
    "azure_routes": "Azure learns the VCN prefixes only over established BGP sessions: fix the "
                    "sessions above; with an active-active gateway all four must be up for ECMP",
    "oci_routes": "OCI learns the VNet prefixes only over established BGP sessions: fix the "
                  "sessions above",
    "oci_ecmp": "enable ECMP on the DRG route table the IPSEC_TUNNEL attachments use "
                "(oci_drg_route_table is_ecmp_enabled=true); without it only one tunnel carries "
                "traffic",
    "static_routes": "set the IPSec connection's static routes to the plan's (primary: the halves "
                     "of each VNet CIDR, backup: the full CIDRs) so the longest prefix picks the "
                     "primary",
    "lng_prefixes": "set the local network gateway's address prefixes to the plan's (primary: the "
                    "halves of each VCN CIDR, backup: the full CIDRs)",
    "virtual_circuit": "the FastConnect virtual circuit provisions once the ExpressRoute circuit "
                       "with its service key exists with the same bandwidth; then it takes "
                       "minutes: re-run verify.yml",
    "vc_bgp": "BGP over FastConnect needs both /30s with Oracle on the first and Azure on the "
              "second usable address, the same VLAN on both links and on the peering, and peer "
              "ASN = Oracle's ASN",
    "er_provider": "the ExpressRoute circuit becomes Provisioned when the FastConnect virtual "
                   "circuit with its service key is provisioned",
    "er_peering": "set the AzurePrivatePeering to the plan's /30s, VLAN and peer ASN (or delete "
                  "it and let the provider create it from the virtual circuit)",
    "er_arp": "no ARP entry: the link's layer 2 is not up; check the VLAN and the /30 of this link",
    "er_routes": "the VCN prefixes are missing from the private peering route table: BGP on this "
                 "link is down or the DRG does not advertise the VCN (attach the VCN to the DRG)",
    "er_connection": "connect the ExpressRoute gateway to the circuit (with FastPath: "
                     "expressRouteGatewayBypass on an UltraPerformance or ErGw3AZ gateway)",
}


def _row(side, obj, check, expected, observed, ok, reason=None, fix=None, info=False, config=False,
         derived=False):
    """One check. ``config``: a configuration fact that waiting does not change (no retry);
    ``derived``: follows from other checks (routes follow the BGP sessions)."""
    return {"side": side, "object": obj, "check": check, "expected": expected,
            "observed": observed, "ok": bool(ok), "info": bool(info), "config": bool(config),
            "derived": bool(derived), "reason": None if ok else reason, "fix": None if ok else fix}


def _text(value):
    if value is None:
        return "not reported"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) if value else "none"
    return str(value)


def _sentence(text):
    return text.rstrip().rstrip(".") if isinstance(text, str) else text


def _error_reason(error, default_reason, default_fix):
    """(reason, fix) from a cloud error dict ({code, message, solution}) or the defaults."""
    if error and (error.get("message") or error.get("code")):
        reason = _sentence(error.get("message") or error.get("code"))
        if error.get("code") and error.get("message"):
            reason = "%s: %s" % (error["code"], reason)
        return reason, _sentence(error.get("solution")) or default_fix
    return default_reason, default_fix


def _first_reason(reasons, layer=None, ip_configuration=None):
    """The first reason of ``layer`` for the gateway instance ``ip_configuration`` (by name)."""
    for found in reasons or []:
        if layer and found.get("layer") and found.get("layer") != layer:
            continue
        where = str(found.get("ip_configuration") or "")
        if ip_configuration and where and not where.lower().endswith("/" + ip_configuration.lower()) \
                and where.lower() != ip_configuration.lower():
            continue
        return found
    return None


def _ip_configuration(plan, instance):
    """Name of the gateway IP configuration of instance ``instance`` (1-based)."""
    confs = ((plan.get("azure") or {}).get("virtual_network_gateway") or {}).get("ip_configurations") or []
    for conf in confs:
        if conf.get("instance") == instance:
            return conf.get("name")
    return None


# --- VPN -----------------------------------------------------------------------------------------

def _vpn_tunnel_rows(plan, obs):
    rows = []
    tunnels_obs = obs.get("oci_tunnels") or {}
    conns_obs = obs.get("azure_connections") or {}
    pips = obs.get("azure_public_ips") or {}
    public_ips = (plan.get("azure") or {}).get("public_ips") or []
    for tunnel in plan.get("tunnels") or []:
        label = tunnel["name"]
        seen = tunnels_obs.get(tunnel["key"]) or {}
        if not tunnel["in_use"]:
            rows.append(_row("oci", label, "tunnel (unused by design)", "not paired",
                             _text(seen.get("status")), True, info=True))
            continue
        if not seen.get("found"):
            rows.append(_row("oci", label, "tunnel", "UP", "missing", False,
                             "the OCI tunnel %s was not found" % label, FIXES["missing"], config=True))
        else:
            reason, fix = _error_reason(seen.get("error"),
                                        "OCI reports the tunnel %s" % _text(seen.get("status")),
                                        FIXES["oci_tunnel"])
            rows.append(_row("oci", label, "tunnel", "UP", _text(seen.get("status")),
                             seen.get("status") == "UP", reason, fix))
        conn_name = tunnel.get("azure_connection")
        conn = conns_obs.get(conn_name) or {}
        if not conn.get("found"):
            rows.append(_row("azure", conn_name, "connection", "Connected", "missing", False,
                             "the Azure connection %s was not found" % conn_name, FIXES["missing"], config=True))
            continue
        # The OCI tunnel and the planned gateway instance form one pair: OCI's error for the
        # tunnel explains the Azure side too; else the reason for that instance.
        found = seen.get("error") or _first_reason(
            conn.get("reasons"), "ipsec", _ip_configuration(plan, tunnel.get("vng_instance")))
        reason, fix = _error_reason(found, "Azure reports the connection %s"
                                    % _text(conn.get("status")), FIXES["azure_connection"])
        rows.append(_row("azure", conn_name, "connection", "Connected", _text(conn.get("status")),
                         conn.get("status") == "Connected", reason, fix))
        # The gateway instance that should carry this tunnel: its public IP names the tunnel.
        instance = tunnel.get("vng_instance")
        address = None
        if instance and instance <= len(public_ips):
            address = pips.get(public_ips[instance - 1]["name"])
        states = conn.get("tunnels") or []
        mine = [t for t in states if address and str(t.get("tunnel", "")).endswith(address)]
        if not mine and len(states) == 1:
            mine = states
        observed = _text(mine[0].get("status")) if mine else (
            "not reported" if not states else
            "; ".join("%s %s" % (t.get("tunnel"), t.get("status")) for t in states))
        check = "tunnel of instance %s%s" % (instance, " (%s)" % address if address else "")
        rows.append(_row("azure", conn_name, check, "Connected", observed,
                         bool(mine) and mine[0].get("status") == "Connected",
                         reason if reason else "the gateway instance's tunnel is not connected",
                         fix if fix else FIXES["azure_instance"]))
    return rows


def _bgp_rows(plan, obs):
    rows = []
    expect = plan.get("expect") or {}
    sessions = expect.get("bgp_sessions") or []
    if not sessions:
        return rows
    tunnels = dict((t["key"], t) for t in plan.get("tunnels") or [])
    tunnels_obs = obs.get("oci_tunnels") or {}
    peers = obs.get("azure_bgp_peers")
    for session in sessions:
        tunnel = tunnels.get(session["tunnel"]) or {}
        label = tunnel.get("name", session["tunnel"])
        seen = tunnels_obs.get(session["tunnel"]) or {}
        pair = "%s <-> %s" % (session["oracle_ip"], session["azure_ip"])
        reason, fix = _error_reason(seen.get("bgp_error") or seen.get("error"),
                                    "OCI reports BGP %s" % _text(seen.get("bgp_state")),
                                    FIXES["oci_bgp"])
        rows.append(_row("oci", label, "BGP %s" % pair, "UP", _text(seen.get("bgp_state")),
                         seen.get("bgp_state") == "UP", reason, fix))
        matching = [p for p in peers or []
                    if p.get("neighbor") == session["oracle_ip"]
                    and p.get("local_address") in (None, "", session["azure_ip"])]
        state = "not reported" if peers is None else (
            matching[0].get("state") if matching else "no such peer")
        ok = any(p.get("state") == "Connected" for p in matching)
        conn = (obs.get("azure_connections") or {}).get(tunnel.get("azure_connection")) or {}
        instance_conf = _ip_configuration(plan, tunnel.get("vng_instance"))
        found = (seen.get("bgp_error") or seen.get("error")
                 or _first_reason(conn.get("reasons"), "bgp", instance_conf)
                 or _first_reason(conn.get("reasons"), "ipsec", instance_conf))
        default_reason = ("Azure lists no BGP peer %s from %s" % (session["oracle_ip"], session["azure_ip"])
                          if not matching else "Azure reports the BGP peer %s" % state)
        reason, fix = _error_reason(found, default_reason, FIXES["azure_bgp"])
        rows.append(_row("azure", tunnel.get("azure_connection") or label, "BGP peer %s" % pair,
                         "Connected", state, ok, reason, fix))
    expected_pairs = set((s["oracle_ip"], s["azure_ip"]) for s in sessions)
    expected_neighbors = set(s["oracle_ip"] for s in sessions)
    for peer in peers or []:
        if peer.get("state") != "Connected":
            continue
        pair = (peer.get("neighbor"), peer.get("local_address"))
        if pair in expected_pairs or (not peer.get("local_address") and pair[0] in expected_neighbors):
            continue
        rows.append(_row("azure", "gateway", "unexpected BGP peer %s <-> %s"
                         % (peer.get("neighbor"), peer.get("local_address")),
                         "absent", peer.get("state"), False,
                         "Azure has an established BGP session the plan does not contain",
                         FIXES["unexpected_bgp"]))
    return rows


def _route_rows(plan, obs):
    rows = []
    expect = plan.get("expect") or {}
    paths = expect.get("paths_per_prefix") or 1
    if expect.get("azure_learns"):
        learned = obs.get("azure_learned_routes")
        for prefix in expect["azure_learns"]:
            hops = sorted(set(r.get("next_hop") or r.get("source_peer") for r in learned or []
                              if r.get("network") == prefix
                              and str(r.get("origin", "")).lower() in ("ebgp", "bgp")))
            observed = "not reported" if learned is None else "%d path(s)%s" % (
                len(hops), " via " + ", ".join(hops) if hops else "")
            rows.append(_row("azure", "gateway", "learns %s" % prefix, "%d path(s)" % paths,
                             observed, len(hops) == paths,
                             "Azure learns %s over %d of %d expected BGP paths"
                             % (prefix, len(hops), paths), FIXES["azure_routes"], derived=True))
    if expect.get("oci_learns"):
        tunnels_obs = obs.get("oci_tunnels") or {}
        bgp_keys = [s["tunnel"] for s in expect.get("bgp_sessions") or [] if s.get("tunnel")]
        for prefix in expect["oci_learns"]:
            via = [k for k in bgp_keys
                   if prefix in ((tunnels_obs.get(k) or {}).get("routes_received") or [])]
            rows.append(_row("oci", "DRG", "learns %s" % prefix, "%d path(s)" % paths,
                             "%d path(s)" % len(via), len(via) == paths,
                             "OCI learns %s over %d of %d expected BGP tunnels"
                             % (prefix, len(via), paths), FIXES["oci_routes"], derived=True))
    ecmp = (plan.get("ecmp") or {}).get("oci_drg_route_table_ecmp")
    if ecmp and plan.get("routing") != "fastconnect":
        observed = obs.get("oci_ecmp")
        rows.append(_row("oci", "DRG route table (IPSec)", "ECMP", "enabled",
                         "not reported" if observed is None else ("enabled" if observed else "disabled"),
                         observed is True, "ECMP is off on the DRG route table of the tunnels",
                         FIXES["oci_ecmp"], config=True))
    return rows


def _static_rows(plan, obs):
    rows = []
    if plan.get("routing") != "static":
        return rows
    conns = obs.get("oci_connections") or {}
    for ipsec in (plan.get("oci") or {}).get("ipsec_connections") or []:
        seen = conns.get(ipsec["name"]) or {}
        want = sorted(ipsec.get("static_routes") or [])
        have = seen.get("static_routes")
        rows.append(_row("oci", ipsec["name"], "%s static routes" % ipsec.get("role", ""), _text(want),
                         _text(sorted(have) if have is not None else None),
                         have is not None and sorted(have) == want,
                         "the IPSec connection's static routes differ from the plan",
                         FIXES["static_routes"], config=True))
    lngs = obs.get("azure_local_network_gateways") or {}
    for lng in (plan.get("azure") or {}).get("local_network_gateways") or []:
        seen = lngs.get(lng["name"]) or {}
        want = sorted(lng.get("address_prefixes") or [])
        have = seen.get("address_prefixes")
        rows.append(_row("azure", lng["name"], "%s prefixes" % lng.get("role", ""), _text(want),
                         _text(sorted(have) if have is not None else None),
                         have is not None and sorted(have) == want,
                         "the local network gateway's prefixes differ from the plan",
                         FIXES["lng_prefixes"], config=True))
    return rows


# --- FastConnect <-> ExpressRoute ------------------------------------------------------------------

def _fastconnect_rows(plan, obs):
    rows = []
    expect = plan.get("expect") or {}
    vc_plan = (plan.get("oci") or {}).get("virtual_circuit") or {}
    er_plan = (plan.get("azure") or {}).get("expressroute_circuit") or {}
    peering_plan = (plan.get("azure") or {}).get("expressroute_peering") or {}
    vc = obs.get("virtual_circuit") or {}
    er = obs.get("er_circuit") or {}
    vc_name, er_name = vc_plan.get("name", "virtual circuit"), er_plan.get("name", "ER circuit")

    if not vc.get("found"):
        rows.append(_row("oci", vc_name, "virtual circuit", "PROVISIONED", "missing", False,
                         "the virtual circuit %s was not found" % vc_name, FIXES["missing"], config=True))
    else:
        reason, fix = _error_reason(vc.get("error"), "the virtual circuit is %s (provider %s)"
                                    % (_text(vc.get("lifecycle_state")), _text(vc.get("provider_state"))),
                                    FIXES["virtual_circuit"])
        want = expect.get("virtual_circuit_state", "PROVISIONED")
        rows.append(_row("oci", vc_name, "lifecycle", want, _text(vc.get("lifecycle_state")),
                         vc.get("lifecycle_state") == want, reason, fix))
        rows.append(_row("oci", vc_name, "provider state", "ACTIVE", _text(vc.get("provider_state")),
                         vc.get("provider_state") == "ACTIVE", reason, fix))
        reason, fix = _error_reason(vc.get("error"), "OCI reports BGP %s" % _text(vc.get("bgp_session_state")),
                                    FIXES["vc_bgp"])
        rows.append(_row("oci", vc_name, "BGP", "UP", _text(vc.get("bgp_session_state")),
                         vc.get("bgp_session_state") == "UP", reason, fix))

    if not er.get("found"):
        rows.append(_row("azure", er_name, "ExpressRoute circuit", "Provisioned", "missing", False,
                         "the ExpressRoute circuit %s was not found" % er_name, FIXES["missing"], config=True))
        return rows + _er_connection_rows(plan, obs)
    reason, fix = _error_reason(er.get("error"), "the provider state is %s" % _text(er.get("provider_state")),
                                FIXES["er_provider"])
    want = expect.get("expressroute_provider_state", "Provisioned")
    rows.append(_row("azure", er_name, "provider state", want, _text(er.get("provider_state")),
                     er.get("provider_state") == want, reason, fix))
    peering = er.get("peering")
    want_prefixes = "%s, %s" % (peering_plan.get("primary_peer_address_prefix"),
                                peering_plan.get("secondary_peer_address_prefix"))
    want_vlan_asn = "VLAN %s, peer ASN %s" % (peering_plan.get("vlan_id"), peering_plan.get("peer_asn"))
    if not peering:
        rows.append(_row("azure", er_name, "private peering", "%s; %s" % (want_prefixes, want_vlan_asn),
                         "missing", False, "the circuit has no AzurePrivatePeering", FIXES["er_peering"],
                         config=True))
    else:
        have_prefixes = "%s, %s" % (peering.get("primary_prefix"), peering.get("secondary_prefix"))
        have_vlan_asn = "VLAN %s, peer ASN %s" % (peering.get("vlan"), peering.get("peer_asn"))
        rows.append(_row("azure", er_name, "peering /30s", want_prefixes, have_prefixes,
                         have_prefixes == want_prefixes,
                         "the AzurePrivatePeering's /30s differ from the plan", FIXES["er_peering"],
                         config=True))
        rows.append(_row("azure", er_name, "peering VLAN, ASN", want_vlan_asn, have_vlan_asn,
                         have_vlan_asn == want_vlan_asn,
                         "the AzurePrivatePeering's VLAN or peer ASN differs from the plan",
                         FIXES["er_peering"], config=True))
    arp = er.get("arp") or {}
    routes = er.get("routes") or {}
    for link, addresses in sorted((expect.get("arp_entries") or {}).items()):
        entries = arp.get(link)
        missing = [a for a in addresses if entries is None or a not in entries]
        rows.append(_row("azure", er_name, "ARP %s" % link, _text(addresses), _text(entries),
                         entries is not None and not missing,
                         "ARP table of the %s link lacks %s" % (link, _text(missing)), FIXES["er_arp"],
                         derived=True))
        table = routes.get(link)
        want_routes = expect.get("azure_learns") or []
        lacking = [p for p in want_routes if table is None or p not in table]
        rows.append(_row("azure", er_name, "routes %s" % link, _text(want_routes),
                         _text(table if table is None else [p for p in table if p in want_routes]),
                         table is not None and not lacking,
                         "the %s link's route table lacks %s" % (link, _text(lacking)),
                         FIXES["er_routes"], derived=True))
    return rows + _er_connection_rows(plan, obs)


def _er_connection_rows(plan, obs):
    rows = []
    conns = obs.get("azure_connections") or {}
    for conn_plan in (plan.get("azure") or {}).get("connections") or []:
        seen = conns.get(conn_plan["name"]) or {}
        if not seen.get("found"):
            rows.append(_row("azure", conn_plan["name"], "connection", "Connected", "missing", False,
                             "the connection %s was not found" % conn_plan["name"], FIXES["missing"], config=True))
            continue
        found = _first_reason(seen.get("reasons"))
        reason, fix = _error_reason(found, "Azure reports the connection %s" % _text(seen.get("status")),
                                    FIXES["er_connection"])
        rows.append(_row("azure", conn_plan["name"], "connection", "Connected", _text(seen.get("status")),
                         seen.get("status") == "Connected", reason, fix))
        if conn_plan.get("express_route_gateway_bypass"):
            have = seen.get("express_route_gateway_bypass")
            rows.append(_row("azure", conn_plan["name"], "FastPath", "enabled",
                             "not reported" if have is None else ("enabled" if have else "disabled"),
                             have is True, "FastPath (expressRouteGatewayBypass) is off",
                             FIXES["er_connection"], config=True))
    return rows


# --- entry points --------------------------------------------------------------------------------

def evaluate(plan, obs):
    """The verification report: ``{"ok", "passed", "failed", "rows"}`` (rows in check order)."""
    if plan.get("routing") == "fastconnect":
        rows = _fastconnect_rows(plan, obs)
    else:
        rows = _vpn_tunnel_rows(plan, obs) + _bgp_rows(plan, obs) + _route_rows(plan, obs) \
            + _static_rows(plan, obs)
    failed = [r for r in rows if not r["ok"]]
    return {"ok": not failed, "passed": sum(1 for r in rows if r["ok"] and not r["info"]),
            "failed": len(failed), "rows": rows}


COLUMNS = (("side", "SIDE"), ("object", "OBJECT"), ("check", "CHECK"), ("expected", "EXPECTED"),
           ("observed", "OBSERVED"))
MAX_CELL = 44


def _cell(value):
    text = _text(value)
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 3] + "..."


def render_table(report, title=None):
    """The report as aligned text lines: one line per check, then a verdict."""
    header = [label for _key, label in COLUMNS] + ["RESULT"]
    lines = []
    for row in report["rows"]:
        result = "info" if row["info"] else ("ok" if row["ok"] else "FAIL")
        lines.append([_cell(row[key]) for key, _label in COLUMNS] + [result])
    widths = [max(len(r[i]) for r in [header] + lines) for i in range(len(header))]
    out = []
    if title:
        out.append(title)
    for cells in [header] + lines:
        out.append("  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip())
    verdict = "PASS" if report["ok"] else "FAIL"
    out.append("%s: %d checks passed, %d failed" % (verdict, report["passed"], report["failed"]))
    return out


# Reason codes that mean "not finished yet": waiting can still fix those.
TRANSIENT_CODES = ("NOT_PROVISIONED",)


def _code(reason):
    head = (reason or "").split(":", 1)[0]
    return head if head and head.replace("_", "").isalnum() and head.isupper() else ""


def settled_failure(row):
    """Whether a failing check carries a cloud reason that waiting will not change (a row
    whose state was not reported never is)."""
    code = _code(row.get("reason"))
    return bool(code) and not any(m in code for m in TRANSIENT_CODES) \
        and row.get("observed") != "not reported"


def settled(rows):
    """Whether failing ``rows`` will stay as they are: each has a lasting cloud reason or follows
    from one that has (routes follow the sessions)."""
    own = [r for r in rows if not r.get("derived")]
    return bool(own) and all(settled_failure(r) for r in own)


def failure_summary(report):
    """A short line naming each failing check and the reason code (for a task's msg)."""
    parts = []
    for row in report["rows"]:
        if row["ok"]:
            continue
        code = _code(row["reason"])
        parts.append("%s %s %s%s" % (row["object"], row["check"], _text(row["observed"]),
                                     " (%s)" % code if code else ""))
    return "; ".join(parts)


def failure_lines(report):
    """One line per failing check: what, observed, the reason and the likely fix."""
    out = []
    for row in report["rows"]:
        if row["ok"]:
            continue
        out.append("%s %s %s: expected %s, observed %s. Reason: %s. Fix: %s" % (
            row["side"], row["object"], row["check"], _text(row["expected"]),
            _text(row["observed"]), row["reason"] or "not given", row["fix"] or "not known"))
    return out
