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
                                   "bgp_state", "oracle_ip", "customer_ip", "customer_asn",
                                   "routes_received",
                                   "phase_one_details", "phase_two_details",   # as read (snake_case)
                                   "error": {"code", "message", "solution"} | None}},
      "oci_connections": {ipsec_name: {"found", "lifecycle_state", "static_routes"}},
      "oci_ecmp": bool | None,            # ECMP on the route table of the VCN attachment
      "oci_ecmp_table": {"id", "display_name"} | None,      # that table
      "azure_public_ips": {public_ip_name: address},
      "azure_gateway": {"found", "asn"},
      "azure_connections": {conn_name: {"found", "status", "provisioning_state",
                                        "tunnels": [{"tunnel", "status"}],
                                        "reasons": [{"code", "message", "solution", "layer"}],
                                        "ipsec_policies": [{eight snake_case fields}] | None,
                                        "express_route_gateway_bypass"}},
      "azure_local_network_gateways": {lng_name: {"found", "address_prefixes", "gateway_ip_address",
                                                  "bgp_asn", "bgp_peering_address"}},
      "azure_bgp_peers": [{"local_address", "neighbor", "asn", "state", "routes_received"}],
      "azure_learned_routes": [{"network", "next_hop", "source_peer", "origin"}],
      "virtual_circuit": {"found", "lifecycle_state", "provider_state", "bgp_session_state",
                          "bandwidth_shape_name", "error": {...} | None,
                          "cross_connect_mappings": [{"oracle_bgp_peering_ip",
                                                      "customer_bgp_peering_ip", "vlan"}]},
      "er_circuit": {"found", "provider_state", "peering": {"state", "primary_prefix",
                     "secondary_prefix", "vlan", "peer_asn"} | None,
                     "arp": {"primary": [ip, ...], "secondary": [...]},
                     "routes": {"primary": [prefix, ...], "secondary": [...]}, "error"},
    }

Anything a cloud did not report is simply absent (or None): the check then fails with
"not reported" rather than guessing. A value the plan fixes (an ASN, a prefix, an address) that a
cloud reports differently fails with both values side by side: verification never overwrites.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses

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
    # Azure does not initiate BGP from APIPA addresses, OCI does; OCI has no BGP active/passive
    # setting (oracle_initiation is about IKE). Field facts section 4; Microsoft Learn, bgp-howto.
    "oci_bgp": "BGP needs the tunnel UP, OCI's customer interface IP equal to the APIPA address the "
               "Azure connection pins and OCI's customer ASN equal to the gateway's ASN; Azure "
               "never opens BGP from an APIPA address, OCI opens it (OCI has no BGP active/passive "
               "setting: oracle_initiation decides only who may start IKE)",
    "azure_bgp": "the local network gateway's BGP peer address must be the tunnel's Oracle inside "
                 "address and its ASN Oracle's; the connection needs enableBgp and "
                 "gatewayCustomBgpIpAddresses pinning the instance's APIPA address",
    "unexpected_bgp": "a BGP session that the plan does not contain is up: remove the stale local "
                      "network gateway or connection, or re-plan with it",
    "azure_routes": "Azure learns the VCN prefixes only over established BGP sessions: fix the "
                    "sessions above; with an active-active gateway all four must be up for ECMP",
    "oci_routes": "OCI learns the VNet prefixes only over established BGP sessions: fix the "
                  "sessions above",
    # "Each DRG attachment has an associated route table which is used to route packets entering
    # the DRG" (OCI docs, Managing DRGs): VCN -> Azure traffic enters on the VCN attachment.
    "oci_ecmp": "enable ECMP on the DRG route table of the VCN attachment %s (oci_drg_route_table "
                "attachment_name=%s is_ecmp_enabled=true; by default the DRG's default VCN table): "
                "packets from the VCN are routed by the table of the attachment they enter on, so "
                "ECMP on the IPSec tunnels' table leaves one tunnel carrying all VCN -> Azure traffic",
    "gateway_asn": "the gateway's BGP ASN is not the plan's: OCI's tunnels name the plan's ASN as "
                   "the customer ASN, so BGP will not establish; set interconnect_azure_asn to the "
                   "gateway's ASN and re-run site.yml, or give the gateway the plan's ASN",
    "tunnel_bgp": "the OCI tunnel's BGP settings differ from the plan: run site.yml (it sets the "
                  "tunnel's inside addresses and customer ASN), or re-plan with the values in use",
    "lng_bgp": "the local network gateway's BGP peer or ASN differs from the plan (the peer must be "
               "the tunnel's Oracle inside address, the ASN Oracle's): run site.yml",
    "lng_address": "the local network gateway must point at the Oracle VPN IP of its tunnel: run "
                   "site.yml, which reads the tunnel's vpn_ip and sets gatewayIpAddress",
    "declared_prefix": "the BGP sessions are up but carry other prefixes than the plan declares: "
                       "the plan's %s (%s) do not match what %s advertises (%s); correct %s in the "
                       "inventory, or the address space of the %s",
    "rekey": "the tunnel comes up on its first child SA and goes down at the first phase-two rekey",
    "static_routes": "set the IPSec connection's static routes to the plan's (primary: the halves "
                     "of each VNet CIDR, backup: the full CIDRs) so the longest prefix picks the "
                     "primary",
    "lng_prefixes": "set the local network gateway's address prefixes to the plan's (primary: the "
                    "halves of each VCN CIDR, backup: the full CIDRs)",
    "virtual_circuit": "the FastConnect virtual circuit provisions once the ExpressRoute circuit "
                       "with its service key exists with the same bandwidth; then it takes "
                       "minutes: re-run verify.yml",
    "vc_bgp": "BGP over FastConnect needs both /30s with Oracle on the first and Azure on the "
              "second usable address, the provider's one VLAN on both links and on the peering, "
              "and peer ASN = Oracle's ASN",
    "er_provider": "the ExpressRoute circuit becomes Provisioned when the FastConnect virtual "
                   "circuit with its service key is provisioned",
    # With Oracle as provider the peering is configured from the virtual circuit (Microsoft
    # Learn, configure-azure-oci-networking): read and checked, never rewritten by the run.
    "er_peering_missing": "the provider creates the AzurePrivatePeering from the FastConnect virtual "
                          "circuit once the circuit is provisioned: wait, then re-run verify.yml; "
                          "do not create it yourself",
    "er_peering": "the provider configured the AzurePrivatePeering from the virtual circuit: if the "
                  "virtual circuit's mappings differ from the plan too, run site.yml (the provider "
                  "follows the circuit); otherwise the peering was changed in Azure: put back the "
                  "provider's values (or re-plan with fastconnect_subnets as observed)",
    "vc_mappings": "the virtual circuit's BGP addresses differ from the plan: run site.yml (it sets "
                   "the cross-connect mappings; the provider updates the peering from them)",
    "vlan": "the provider assigns one VLAN to the circuit, on both links and on the peering; "
            "different VLANs mean the circuit or the peering was edited by hand: delete the "
            "virtual circuit and run site.yml so the provider assigns it again",
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


def _learned_instead(prefix, seen):
    """The prefixes other than ``prefix`` that the sessions carry (a wrongly declared CIDR)."""
    return sorted(set(p for p in seen if p and p != prefix))


def _route_rows(plan, obs, sessions_ok):
    """Per declared prefix, the paths each side learns it over. ``sessions_ok``: every planned
    BGP session is established, so a prefix missing while others arrive is a declaration that
    differs from what the other side advertises, not a session to wait for."""
    rows = []
    expect = plan.get("expect") or {}
    paths = expect.get("paths_per_prefix") or 1
    intent = plan.get("intent") or {}
    if expect.get("azure_learns"):
        learned = obs.get("azure_learned_routes")
        bgp_learned = [r for r in learned or [] if str(r.get("origin", "")).lower() in ("ebgp", "bgp")]
        for prefix in expect["azure_learns"]:
            hops = sorted(set(r.get("next_hop") or r.get("source_peer") for r in bgp_learned
                              if r.get("network") == prefix))
            instead = _learned_instead(prefix, [r.get("network") for r in bgp_learned
                                                if r.get("network") not in expect["azure_learns"]])
            rows.append(_prefix_row("azure", "gateway", prefix, paths, hops, learned is None, instead,
                                    sessions_ok, "vcn_cidrs", intent.get("vcn_cidrs") or expect["azure_learns"],
                                    "OCI", "VCN", FIXES["azure_routes"]))
    if expect.get("oci_learns"):
        tunnels_obs = obs.get("oci_tunnels") or {}
        bgp_keys = [s["tunnel"] for s in expect.get("bgp_sessions") or [] if s.get("tunnel")]
        received = []
        for key in bgp_keys:
            received.extend((tunnels_obs.get(key) or {}).get("routes_received") or [])
        for prefix in expect["oci_learns"]:
            via = [k for k in bgp_keys
                   if prefix in ((tunnels_obs.get(k) or {}).get("routes_received") or [])]
            instead = _learned_instead(prefix, [p for p in received if p not in expect["oci_learns"]])
            rows.append(_prefix_row("oci", "DRG", prefix, paths, via, False, instead, sessions_ok,
                                    "vnet_cidrs", intent.get("vnet_cidrs") or expect["oci_learns"],
                                    "Azure", "VNet", FIXES["oci_routes"]))
    ecmp = (plan.get("ecmp") or {}).get("oci_drg_route_table_ecmp")
    if ecmp and plan.get("routing") != "fastconnect":
        observed = obs.get("oci_ecmp")
        attachment = ((plan.get("oci") or {}).get("drg_attachment") or {}).get("name", "of the VCN")
        table = obs.get("oci_ecmp_table") or {}
        where = table.get("display_name") or table.get("id")
        rows.append(_row("oci", "DRG route table of %s%s" % (attachment, " (%s)" % where if where else ""),
                         "ECMP", "enabled",
                         "not reported" if observed is None else ("enabled" if observed else "disabled"),
                         observed is True,
                         "ECMP is off on the route table of the VCN attachment %s, which routes all "
                         "VCN -> Azure traffic" % attachment,
                         FIXES["oci_ecmp"] % (attachment, attachment), config=True))
    return rows


def _prefix_row(side, obj, prefix, paths, via, unreported, instead, sessions_ok, variable, declared,
                other, network, fix):
    """One "learns <prefix>" row: a path count, and what is learned instead when the sessions
    are up but the declared prefix is not among what arrives."""
    if unreported:
        observed = "not reported"
    else:
        observed = "%d path(s)%s" % (len(via), " via " + ", ".join(via) if via else "")
        if instead and not via:
            observed += "; learns instead %s" % ", ".join(instead)
    declared_wrong = sessions_ok and not via and bool(instead)
    if declared_wrong:
        reason = ("%s is not advertised over the established sessions; they carry %s"
                  % (prefix, ", ".join(instead)))
        fix = FIXES["declared_prefix"] % (variable, ", ".join(declared), other, ", ".join(instead),
                                          variable, network)
    else:
        reason = "%s learns %s over %d of %d expected BGP paths" % (
            "Azure" if side == "azure" else "OCI", prefix, len(via), paths)
    return _row(side, obj, "learns %s" % prefix, "%d path(s)" % paths, observed, len(via) == paths,
                reason, fix, derived=not declared_wrong, config=declared_wrong)


def _compare_row(side, obj, check, expected, observed, fix, what):
    """A value the plan fixes against the one a cloud reports: a difference fails and shows both;
    an unreported value fails too but is retried (it may not be there yet)."""
    if observed is None:
        return _row(side, obj, check, _text(expected), "not reported", False,
                    "%s does not report %s" % ("OCI" if side == "oci" else "Azure", what), fix)
    ok = str(observed) == str(expected)
    return _row(side, obj, check, _text(expected), _text(observed), ok,
                "%s is %s, the plan has %s" % (what, _text(observed), _text(expected)), fix, config=True)


def _bgp_config_rows(plan, obs):
    """The ASNs and addresses the BGP sessions are built from, as each cloud reports them."""
    rows = []
    expect = plan.get("expect") or {}
    if not expect.get("bgp_sessions"):
        return rows
    gateway_plan = (plan.get("azure") or {}).get("virtual_network_gateway") or {}
    gateway = obs.get("azure_gateway")
    want_asn = ((gateway_plan.get("bgp_settings") or {}).get("asn")
                or (plan.get("asn") or {}).get("azure"))
    if gateway is not None and gateway.get("found") and want_asn is not None:
        rows.append(_compare_row("azure", gateway_plan.get("name", "gateway"), "BGP ASN", want_asn,
                                 gateway.get("asn"), FIXES["gateway_asn"], "the gateway's BGP ASN"))
    tunnels_obs = obs.get("oci_tunnels") or {}
    lngs = obs.get("azure_local_network_gateways")
    lng_plans = dict((lng.get("tunnel"), lng) for lng in (plan.get("azure") or {}).get("local_network_gateways") or [])
    for tunnel in plan.get("tunnels") or []:
        if not tunnel.get("in_use") or not tunnel.get("bgp_session_config"):
            continue
        seen = tunnels_obs.get(tunnel["key"]) or {}
        if seen.get("found"):
            inside = tunnel.get("inside") or {}
            want = "%s <-> %s, customer ASN %s" % (inside.get("oracle_address"), inside.get("customer_address"),
                                                   tunnel["bgp_session_config"].get("customer_bgp_asn"))
            have = None
            if seen.get("oracle_ip") is not None or seen.get("customer_asn") is not None:
                have = "%s <-> %s, customer ASN %s" % (seen.get("oracle_ip"), seen.get("customer_ip"),
                                                       seen.get("customer_asn"))
            rows.append(_compare_row("oci", tunnel["name"], "BGP addresses, ASN", want, have,
                                     FIXES["tunnel_bgp"], "the tunnel's BGP session"))
        lng_plan = lng_plans.get(tunnel["key"])
        if lngs is None or not lng_plan:
            continue
        lng = lngs.get(lng_plan["name"]) or {}
        if not lng.get("found"):
            rows.append(_row("azure", lng_plan["name"], "local network gateway", "present", "missing", False,
                             "the local network gateway %s was not found" % lng_plan["name"],
                             FIXES["missing"], config=True))
            continue
        bgp = lng_plan.get("bgp_settings") or {}
        want = "peer %s, ASN %s" % (bgp.get("bgp_peering_address"), bgp.get("asn"))
        have = None
        if lng.get("bgp_peering_address") is not None or lng.get("bgp_asn") is not None:
            have = "peer %s, ASN %s" % (lng.get("bgp_peering_address"), lng.get("bgp_asn"))
        rows.append(_compare_row("azure", lng_plan["name"], "peer address, ASN", want, have, FIXES["lng_bgp"],
                                 "the local network gateway's BGP peer"))
        if seen.get("vpn_ip") and lng.get("gateway_ip_address") is not None:
            rows.append(_compare_row("azure", lng_plan["name"], "gateway IP (Oracle VPN IP)", seen["vpn_ip"],
                                     lng.get("gateway_ip_address"), FIXES["lng_address"],
                                     "the local network gateway's gatewayIpAddress"))
    return rows


# --- phase-two rekey ------------------------------------------------------------------------------

def oci_phase_one_args(details):
    """The OCI tunnel's ``phase_one_details`` (read shape) as the planner's phase-one config
    (``is_custom_phase_one_config``, ``encryption_algorithm``, ``authentication_algorithm``,
    ``diffie_helman_group``, ``lifetime_in_seconds``); None for OCI's default proposals."""
    if not details or not details.get("is_custom_phase_one_config"):
        return None
    return {"is_custom_phase_one_config": True,
            "encryption_algorithm": details.get("custom_encryption_algorithm"),
            "authentication_algorithm": details.get("custom_authentication_algorithm"),
            "diffie_helman_group": details.get("custom_dh_group"),
            "lifetime_in_seconds": details.get("lifetime")}


# OCI's default phase two enables PFS with group 5 (Oracle, Supported IPSec Parameters; field
# facts section 2).
OCI_DEFAULT_PFS_GROUP = "GROUP5"


def oci_phase_two_args(details):
    """The OCI tunnel's ``phase_two_details`` (read shape: PFS group in ``dh_group``) as the
    planner's phase-two config (``is_custom_phase_two_config``, ``encryption_algorithm``,
    ``authentication_algorithm``, ``lifetime_in_seconds``, ``is_pfs_enabled``, ``pfs_dh_group``);
    None for OCI's default. PFS applies with or without custom algorithms, so a default phase two
    with another PFS setting keeps it."""
    if not details:
        return None
    pfs = details.get("is_pfs_enabled")
    group = details.get("dh_group") if pfs else None
    if not details.get("is_custom_phase_two_config"):
        if pfs is None or (pfs and group in (None, OCI_DEFAULT_PFS_GROUP)):
            return None
        return {"is_custom_phase_two_config": False, "is_pfs_enabled": bool(pfs), "pfs_dh_group": group}
    return {"is_custom_phase_two_config": True,
            "encryption_algorithm": details.get("custom_encryption_algorithm"),
            "authentication_algorithm": details.get("custom_authentication_algorithm"),
            "lifetime_in_seconds": details.get("lifetime"),
            "is_pfs_enabled": bool(pfs), "pfs_dh_group": group}


AZURE_POLICY_FIELDS = ("sa_life_time_seconds", "sa_data_size_kilobytes", "ipsec_encryption",
                       "ipsec_integrity", "ike_encryption", "ike_integrity", "dh_group", "pfs_group")


def azure_policy_args(policies):
    """The Azure connection's ``ipsec_policies`` (read shape) as the planner's policy: the eight
    snake_case fields of the first policy (Azure applies one), or None for Azure's default
    policy (an empty list)."""
    if not policies:
        return None
    first = policies[0]
    return dict((field, first.get(field)) for field in AZURE_POLICY_FIELDS)


def _negotiation():
    """The planner's negotiation model (plan/crypto.py), shared so that planning and
    verification judge a design by the same tables."""
    from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import crypto
    return getattr(crypto, "negotiation", None)


REKEY_CODE = "PHASE2_REKEY_NO_PROPOSAL"


def _rekey_rows(plan, obs):
    """Per tunnel in use, whether its first phase-two rekey will find a proposal both sides accept,
    judged from both clouds' configuration as read (the tunnel may be UP on its first child SA,
    made inside IKE_AUTH without a DH exchange, and fail an hour later at CREATE_CHILD_SA)."""
    negotiation = _negotiation()
    if negotiation is None:
        return []
    rows = []
    tunnels_obs = obs.get("oci_tunnels") or {}
    conns_obs = obs.get("azure_connections") or {}
    for tunnel in plan.get("tunnels") or []:
        if not tunnel.get("in_use"):
            continue
        seen = tunnels_obs.get(tunnel["key"]) or {}
        conn = conns_obs.get(tunnel.get("azure_connection")) or {}
        if not seen.get("found") or not conn.get("found"):
            continue        # the tunnel's and the connection's own rows say they are missing
        if seen.get("phase_two_details") is None or conn.get("ipsec_policies") is None:
            rows.append(_row("both", tunnel["name"], "phase-two rekey", "a proposal both accept",
                             "not reported", False, "the tunnel's phase two or the connection's "
                             "IPsec policy was not reported", FIXES["rekey"]))
            continue
        result = negotiation(oci_phase_one_args(seen.get("phase_one_details")),
                             oci_phase_two_args(seen.get("phase_two_details")),
                             azure_policy_args(conn.get("ipsec_policies")))
        rekey = result.get("rekey") or {}
        initiator = "OCI" if result.get("rekey_initiator") == "oci" else "Azure"
        proposal = rekey.get("proposal")
        if isinstance(proposal, (list, tuple)):
            proposal = "/".join(str(p) for p in proposal if p) or None
        observed = "%s (%s initiates)" % (proposal or "no common proposal", initiator)
        # the code names the failure the way the tunnel will report it an hour later
        reason = "%s: %s" % (REKEY_CODE, _sentence(rekey.get("reason"))
                             or "the rekey %s initiates finds no common proposal" % initiator)
        rows.append(_row("both", tunnel["name"], "phase-two rekey", "a proposal both accept", observed,
                         rekey.get("ok"), reason, _sentence(rekey.get("fix")) or FIXES["rekey"], config=True))
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
    rows.extend(_peering_rows(plan, vc, er, er_name, vc_name))
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


def _link_prefix(address):
    """192.168.255.1/30 -> 192.168.255.0/30 (the /30 the mapping's address sits in)."""
    try:
        return addresses.network_of(address)
    except addresses.AddressError:
        return address


def _peering_rows(plan, vc, er, er_name, vc_name):
    """The provider-created private peering and the virtual circuit against the plan: the /30s,
    the peer ASN, and one VLAN shared by both links and the peering (the provider assigns it:
    OCI SDK CrossConnectMapping.vlan; Microsoft Learn, configure-azure-oci-networking)."""
    rows = []
    vc_plan = (plan.get("oci") or {}).get("virtual_circuit") or {}
    peering_plan = (plan.get("azure") or {}).get("expressroute_peering") or {}
    want_primary = peering_plan.get("primary_peer_address_prefix")
    want_secondary = peering_plan.get("secondary_peer_address_prefix")
    want_asn = peering_plan.get("peer_asn") or vc_plan.get("oracle_bgp_asn")
    mappings = vc.get("cross_connect_mappings") if vc.get("found") else None
    if mappings is not None:
        want = sorted("%s %s" % (m.get("oracle_bgp_peering_ip"), m.get("customer_bgp_peering_ip"))
                      for m in vc_plan.get("cross_connect_mappings") or [])
        have = sorted("%s %s" % (m.get("oracle_bgp_peering_ip"), m.get("customer_bgp_peering_ip"))
                      for m in mappings)
        rows.append(_row("oci", vc_name, "BGP addresses", _text(want), _text(have), want == have,
                         "the virtual circuit's cross-connect mappings are %s, the plan has %s"
                         % (_text(have), _text(want)), FIXES["vc_mappings"], config=True))
    peering = er.get("peering")
    if not peering:
        rows.append(_row("azure", er_name, "private peering (provider's)",
                         "%s, %s; peer ASN %s" % (want_primary, want_secondary, want_asn), "missing", False,
                         "the circuit has no AzurePrivatePeering yet", FIXES["er_peering_missing"]))
    else:
        want_prefixes = "%s, %s" % (want_primary, want_secondary)
        have_prefixes = "%s, %s" % (peering.get("primary_prefix"), peering.get("secondary_prefix"))
        rows.append(_row("azure", er_name, "peering /30s", want_prefixes, have_prefixes,
                         have_prefixes == want_prefixes,
                         "the AzurePrivatePeering's /30s are %s, the plan has %s" % (have_prefixes, want_prefixes),
                         FIXES["er_peering"], config=True))
        rows.append(_compare_row("azure", er_name, "peering peer ASN", want_asn, peering.get("peer_asn"),
                                 FIXES["er_peering"], "the AzurePrivatePeering's peer ASN"))
    # one VLAN: whichever the provider chose, the same on both links and on the peering
    vlans = []
    for index, mapping in enumerate(mappings or []):
        link = "secondary" if _link_prefix(mapping.get("oracle_bgp_peering_ip")) == want_secondary else (
            "primary" if _link_prefix(mapping.get("oracle_bgp_peering_ip")) == want_primary else "link %d" % (index + 1))
        vlans.append(("%s link" % link, mapping.get("vlan")))
    if peering:
        vlans.append(("peering", peering.get("vlan")))
    if vlans:
        values = set(v for dummy, v in vlans)
        observed = ", ".join("%s VLAN %s" % (where, _text(v)) for where, v in vlans)
        unreported = None in values
        ok = not unreported and len(values) == 1 and len(vlans) >= 2
        reason = ("a VLAN is not reported yet" if unreported else
                  "the links and the peering do not share one VLAN" if len(values) > 1 else
                  "only one side reports its VLAN")
        rows.append(_row("both", "%s / %s" % (vc_name, er_name), "one VLAN (provider's)",
                         "the same VLAN on both links and the peering", observed, ok, reason, FIXES["vlan"],
                         config=not unreported and len(values) > 1))
    return rows


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
        bgp = _bgp_rows(plan, obs)
        sessions_ok = bool(bgp) and all(r["ok"] for r in bgp)
        rows = _vpn_tunnel_rows(plan, obs) + _rekey_rows(plan, obs) + bgp + _bgp_config_rows(plan, obs) \
            + _route_rows(plan, obs, sessions_ok) + _static_rows(plan, obs)
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
