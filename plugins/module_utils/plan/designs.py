# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The designs of field facts section 1 (from the seeds), as data.

vng_instances   Azure VPN gateway instances (1 active-passive, 2 active-active); one OCI CPE each.
roles           IPSec connections per CPE: one for BGP, primary + backup for static routing.
tunnels_in_use  which of each OCI IPSec connection's two tunnels carry traffic.
inside          how tunnel inside addresses are allocated:
                per_tunnel    a /30 per BGP tunnel, Oracle on .1, the Azure APIPA on .2
                shared_apipa  tunnel 1 a /30, tunnel 2 the /31 holding the same APIPA (seed design
                              for an active-passive VNG, which has a single APIPA address)
                none          static routing, no inside addresses
unused_tunnel   routing of a connection's unused tunnel: BGP keeps the connection free of static
                routes (OCI needs static routes as soon as one tunnel is STATIC).
oci_ecmp        ECMP on the DRG route table of the IPSec tunnels (more than one tunnel carries the
                same prefixes).
title           one line naming the design (the scenario role's short description).
summary         the design in a few sentences (the scenario role's description).
description     the design in the plan's words (the plan's ``design`` field).
required        planner options the design cannot be planned without, beyond the common ones
                (option -> what to give).

This table is the only list of scenarios: the planner's choices, the scenario roles, their Molecule
scenarios and argument specs (rendered by tools/scenario_files.py and checked by a unit test),
site.yml's check (the interconnect.oci_azure.scenarios lookup), .ci/demo, the benchmarks and the
tests all read it. Adding a design is a row here, planner logic if the routing is new, an inventory
host in inventories/twin, a page in docs/scenarios/ and a test row.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DESIGNS = {
    "vpn_single": {
        "title": "Single site-to-site VPN with BGP",
        "summary": ("One OCI CPE and IPSec connection (tunnel 1 in use, BGP) to an active-passive Azure VPN "
                    "gateway with one custom APIPA address; one local network gateway and one connection."),
        "routing": "bgp", "vng_instances": 1, "roles": (None,), "tunnels_in_use": (1,),
        "inside": "per_tunnel", "unused_tunnel": "BGP", "oci_ecmp": False,
        "description": "1 CPE, 1 IPSec connection (tunnel 1 in use, BGP); VNG active-passive with "
                       "1 APIPA address, 1 LNG, 1 connection",
    },
    "vpn_static_active_passive": {
        "title": "Static-routing VPN, active-passive gateway, primary and backup",
        "summary": ("Two OCI IPSec connections to the same gateway address (one tunnel each in use). The "
                    "primary carries the two halves of each CIDR, the backup the full CIDR: the longest "
                    "prefix makes the primary win and the backup take over when it is down. Two local "
                    "network gateways and connections."),
        "routing": "static", "vng_instances": 1, "roles": ("primary", "backup"),
        "tunnels_in_use": (1,), "inside": "none", "unused_tunnel": "STATIC", "oci_ecmp": False,
        "description": "2 IPSec connections to the same VNG address (one tunnel each in use); "
                       "primary carries the halves of each CIDR, backup the full CIDR; "
                       "2 LNGs + 2 connections",
    },
    "vpn_static_active_active": {
        "title": "Static-routing VPN, active-active gateway, primary and backup per instance",
        "summary": ("The static design doubled: one CPE per gateway instance, four IPSec connections (one "
                    "tunnel each), four local network gateways and connections, ECMP on the DRG."),
        "routing": "static", "vng_instances": 2, "roles": ("primary", "backup"),
        "tunnels_in_use": (1,), "inside": "none", "unused_tunnel": "STATIC", "oci_ecmp": True,
        "description": "the static design doubled, one set per VNG instance: 2 CPEs, "
                       "4 IPSec connections, 4 LNGs + 4 connections",
    },
    "vpn_bgp_active_passive": {
        "title": "BGP VPN, active-passive gateway, both OCI tunnels (ECMP)",
        "summary": ("One CPE and one IPSec connection whose two BGP tunnels reach the gateway's single "
                    "APIPA address, tunnel 1 over a /30 and tunnel 2 over a /31; two local network gateways "
                    "and connections; ECMP on both sides."),
        "routing": "bgp", "vng_instances": 1, "roles": (None,), "tunnels_in_use": (1, 2),
        "inside": "shared_apipa", "unused_tunnel": None, "oci_ecmp": True,
        "description": "1 CPE, 1 IPSec connection, both tunnels BGP: tunnel 1 over a /30, "
                       "tunnel 2 over a /31, both reaching the VNG's single APIPA address; "
                       "2 LNGs, 2 connections, ECMP",
    },
    "vpn_bgp_active_active": {
        "title": "BGP VPN, active-active gateway, four tunnels (ECMP)",
        "summary": ("Two CPEs (one per gateway public IP), two IPSec connections = four BGP tunnels, four "
                    "APIPA addresses (two per instance), four local network gateways and connections, ECMP "
                    "on both sides: the most redundant and fastest VPN design."),
        "routing": "bgp", "vng_instances": 2, "roles": (None,), "tunnels_in_use": (1, 2),
        "inside": "per_tunnel", "unused_tunnel": None, "oci_ecmp": True,
        "description": "2 CPEs (one per VNG public IP), 2 IPSec connections = 4 BGP tunnels; VNG "
                       "with 2 instances and 2 APIPA addresses each; 4 LNGs, 4 connections, ECMP",
    },
    "fastconnect_expressroute": {
        "title": "FastConnect <-> ExpressRoute direct interconnect with FastPath",
        "summary": ("DRG and a private FastConnect virtual circuit to provider Microsoft Azure with the "
                    "ExpressRoute service key; ExpressRoute circuit via Oracle Cloud FastConnect, private "
                    "peering over two /30s (Oracle on the first usable address, Azure on the second), "
                    "ExpressRoute gateway and a connection with FastPath."),
        "routing": "fastconnect", "vng_instances": 0, "roles": (), "tunnels_in_use": (),
        "inside": "none", "unused_tunnel": None, "oci_ecmp": False,
        "required": {"peering_location": "the ExpressRoute peering location paired with the OCI "
                                         "region, e.g. 'Washington DC'"},
        "description": "DRG, private FastConnect virtual circuit to provider Microsoft Azure with "
                       "the ExpressRoute service key; ER circuit via Oracle Cloud FastConnect, "
                       "private peering over two /30s, ER gateway, connection with FastPath",
    },
}


# Planner options that only some routings use: the planner warns about one given for another
# routing, and a scenario role documents only the options its design reads (the interconnect role
# documents them all). Options not listed here concern every design.
OPTION_ROUTINGS = {
    "azure_asn": ("bgp",),
    "oracle_asn": ("bgp", "fastconnect"),
    "apipa_pool": ("bgp",),
    "tunnel_inside_addresses": ("bgp",),
    "gateway_sku": ("bgp", "static"),
    "crypto_profile": ("bgp", "static"),
    "crypto": ("bgp", "static"),
    "shared_secret_policy": ("bgp", "static"),
    "shared_secrets": ("bgp", "static"),
    "secret_seed": ("bgp", "static"),
    "tunnel_overrides": ("bgp", "static"),
    "fastconnect_subnets": ("fastconnect",),
    "fastconnect_pool": ("fastconnect",),
    "bandwidth_gbps": ("fastconnect",),
    "peering_location": ("fastconnect",),
    "oci_region": ("fastconnect",),
    "expressroute_peering_locations": ("fastconnect",),
    "expressroute_sku_tier": ("fastconnect",),
    "expressroute_sku_family": ("fastconnect",),
    "expressroute_gateway_sku": ("fastconnect",),
    "expressroute_gateway_min_scale_units": ("fastconnect",),
    "expressroute_gateway_max_scale_units": ("fastconnect",),
    "fastpath": ("fastconnect",),
    "fastconnect_overrides": ("fastconnect",),
}


def scenarios(**where):
    """Scenario names in table order, optionally those whose row matches every key=value given
    (scenarios(routing="bgp"), scenarios(vng_instances=2))."""
    return tuple(name for name, design in DESIGNS.items()
                 if all(design.get(key) == value for key, value in where.items()))


def option_applies(scenario, option):
    """Whether the design of ``scenario`` reads planner option ``option``."""
    routings = OPTION_ROUTINGS.get(option)
    return routings is None or DESIGNS[scenario]["routing"] in routings


def tunnel_slots(scenario):
    """Every OCI tunnel of the design in plan order:
    (instance, role, tunnel_number, in_use)."""
    design = DESIGNS[scenario]
    slots = []
    for instance in range(1, design["vng_instances"] + 1):
        for role in design["roles"]:
            for number in (1, 2):
                slots.append((instance, role, number, number in design["tunnels_in_use"]))
    return slots


def tunnels_in_use(scenario):
    return sum(1 for slot in tunnel_slots(scenario) if slot[3])


def bgp_tunnels(scenario):
    """Tunnels that run BGP (need inside addresses): in use, and unused BGP ones."""
    design = DESIGNS[scenario]
    if design["routing"] != "bgp":
        return []
    return [slot for slot in tunnel_slots(scenario)
            if slot[3] or design["unused_tunnel"] == "BGP"]


def pool_blocks_needed(scenario, inside_given):
    """/30 blocks the APIPA pool must provide (tunnels whose addresses the user did not give)."""
    design = DESIGNS[scenario]
    if design["routing"] != "bgp":
        return 0
    if design["inside"] == "shared_apipa":
        return 0 if inside_given else 1
    bgp = bgp_tunnels(scenario)
    if inside_given:
        return len([slot for slot in bgp if not slot[3]])
    return len(bgp)
