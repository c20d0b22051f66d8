# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build the interconnect plan from an intent.

The plan is a JSON-serialisable dict, deterministic for a given intent (no clock, no random, no
secret in it). Values the clouds assign at creation time (public IPs, OCI tunnel VPN IPs, OCI
generated keys, the ExpressRoute service key) appear as references::

    {"ref": {"cloud": "azure", "kind": "public_ip", "name": "p-vng-pip-1", "attribute": "ip_address"}}

docs/planning.md describes every key.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import addressing as A
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import constants as C
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import crypto
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import designs as D
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import module_args as MA
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import psk
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.validate import (
    PlanValidationError, validate_intent)

PLAN_SCHEMA_VERSION = 1


def ref(cloud, kind, **fields):
    out = {"cloud": cloud, "kind": kind}
    out.update(fields)
    return {"ref": out}


def build_plan(params):
    """The plan for one interconnect; raises PlanValidationError listing every problem."""
    normalised, errors, warnings = validate_intent(params)
    if errors:
        raise PlanValidationError(errors, warnings)
    return _build(normalised, warnings)


def _build(p, warnings):
    scenario = p["scenario"]
    design = D.DESIGNS[scenario]
    prefix = p["name_prefix"]
    vcn = [A.parse_network(c) for c in p["vcn_cidrs"]]
    vnet = [A.parse_network(c) for c in p["vnet_cidrs"]]
    plan = {
        "schema_version": PLAN_SCHEMA_VERSION,
        "name_prefix": prefix,
        "scenario": scenario,
        "design": design["description"],
        "routing": design["routing"],
        "intent": _public_intent(p),
        "asn": None,
        "oci": {"drg": {"name": "%s-drg" % prefix},
                "drg_attachment": {"name": "%s-drg-vcn" % prefix, "vcn_cidrs": p["vcn_cidrs"]}},
        "azure": {"virtual_network": {"address_prefixes": p["vnet_cidrs"],
                                      "gateway_subnet": "GatewaySubnet"}},
        "tunnels": [],
        "crypto": None,
        "shared_secrets": None,
        "ecmp": None,
        "address_blocks": [],
        "routing_detail": None,
        "fastconnect": None,
        "expect": None,
        "module_args": None,
        "warnings": list(warnings),
    }
    for i, net in enumerate(vcn):
        plan["address_blocks"].append({"cidr": str(net.cidr), "purpose": "vcn_cidrs[%d]" % i})
    for i, net in enumerate(vnet):
        plan["address_blocks"].append({"cidr": str(net.cidr), "purpose": "vnet_cidrs[%d]" % i})
    if design["routing"] == "fastconnect":
        _build_fastconnect(plan, p, vcn, vnet)
    else:
        _build_vpn(plan, p, design, vcn, vnet)
    _adopt_existing(plan, p)
    # Last: the building blocks in the modules' words, from the plan above (module_args.py)
    plan["module_args"] = MA.render(plan)
    return plan


def _adopt_existing(plan, p):
    """What the inventory brings instead of what the run would create. The DRG keeps its planned
    name for messages; the gateway takes the brought one's name everywhere (its connections name
    it), and its public IPs are the gateway's own, read from it at run time. The run never
    modifies or deletes either (docs/inventory.md, bring your own)."""
    if p.get("drg_id"):
        plan["oci"]["drg"]["existing_id"] = p["drg_id"]
    name = p.get("azure_gateway_name")
    if name:
        gateway = plan["azure"]["virtual_network_gateway"]
        planned, gateway["name"], gateway["existing"] = gateway["name"], name, True
        for connection in plan["azure"]["connections"]:
            if connection.get("virtual_network_gateway") == planned:
                connection["virtual_network_gateway"] = name
            # the brought gateway names its IP configurations its own way (a portal-made one:
            # default, activeActive): the run fills them by instance order
            for pin in connection.get("gateway_custom_bgp_ip_addresses") or []:
                pin["ip_configuration"] = ref("azure", "gateway_ip_configuration",
                                              name=pin["ip_configuration"], attribute="name")
        for public_ip in plan["azure"]["public_ips"]:
            public_ip["existing"] = True


def _public_intent(p):
    """The normalised intent without secrets (the plan is shown and written to disk)."""
    out = copy.deepcopy(dict((k, v) for k, v in p.items()
                             if k not in ("shared_secrets", "secret_seed")))
    out["shared_secrets_given"] = len(p.get("shared_secrets") or [])
    out["secret_seed_given"] = bool(p.get("secret_seed"))
    return out


# --- VPN -----------------------------------------------------------------------------------------

def _inside_addresses(p, scenario, design, avoid):
    """Oracle/customer inside interfaces for every BGP tunnel, in plan order."""
    bgp = D.bgp_tunnels(scenario)
    given = p.get("tunnel_inside_addresses") or []
    pool = A.parse_network(p["apipa_pool"])
    given_nets = [A.parse_interface(g["oracle_ip"])[1] for g in given]
    need = D.pool_blocks_needed(scenario, bool(given))
    blocks = A.carve(pool, 30, need, list(avoid) + given_nets)
    out = []
    if design["inside"] == "shared_apipa":
        if given:
            return [(g["oracle_ip"], g["customer_ip"]) for g in given]
        oracle1, customer1 = A.inside_pair_30(blocks[0])
        oracle2, customer2 = A.inside_pair_31_sharing(A.parse_interface(customer1)[0])
        return [(oracle1, customer1), (oracle2, customer2)]
    given_iter = iter(given)
    block_iter = iter(blocks)
    for slot in bgp:
        if slot[3] and given:
            g = next(given_iter)
            out.append((g["oracle_ip"], g["customer_ip"]))
        else:
            out.append(A.inside_pair_30(next(block_iter)))
    return out


def _build_vpn(plan, p, design, vcn, vnet):
    scenario = p["scenario"]
    prefix = p["name_prefix"]
    bgp = design["routing"] == "bgp"
    instances = design["vng_instances"]
    crypto_section, problems = crypto.resolve(p["crypto_profile"], p.get("crypto"))
    if problems:  # validate_intent reported these already; never build on them
        raise PlanValidationError(problems)
    plan["crypto"] = crypto_section
    plan["asn"] = ({"azure": p["azure_asn"], "oracle": p["oracle_asn"]} if bgp else None)

    avoid = list(vcn) + list(vnet)
    inside = _inside_addresses(p, scenario, design, avoid) if bgp else []
    inside_by_slot = dict(zip(D.bgp_tunnels(scenario), inside))

    vng_name = "%s-vng" % prefix
    public_ips = []
    ip_configurations = []
    for i in range(1, instances + 1):
        pip = "%s-vng-pip-%d" % (prefix, i)
        public_ips.append(_public_ip(pip, p["gateway_sku"], "%s ipconfig%d" % (vng_name, i)))
        ip_configurations.append({"name": "ipconfig%d" % i, "instance": i, "public_ip": pip,
                                  "subnet": "GatewaySubnet", "custom_bgp_ip_addresses": []})

    cpes = [{"name": "%s-cpe-%d" % (prefix, i), "vng_instance": i,
             "ip_address": ref("azure", "public_ip", name="%s-vng-pip-%d" % (prefix, i),
                               attribute="ip_address")}
            for i in range(1, instances + 1)]

    halves_vnet = [str(h) for net in vnet for h in A.cidr_halves(net)] if not bgp else []
    halves_vcn = [str(h) for net in vcn for h in A.cidr_halves(net)] if not bgp else []

    ipsec_connections, tunnels = _ipsec_connections(
        plan, p, design, cpes, ip_configurations, inside_by_slot, halves_vnet, vnet)
    lngs, connections = _azure_vpn_side(p, bgp, tunnels, ip_configurations, vng_name,
                                        crypto_section, halves_vcn, vcn)
    vng = {
        "name": vng_name,
        "gateway_type": "Vpn",
        "vpn_type": "RouteBased",
        "sku": p["gateway_sku"],
        "generation": C.AZURE_VPN_GENERATION[p["gateway_sku"]],
        "active_active": instances == 2,
        "enable_bgp": bgp,
        "bgp_settings": ({"asn": p["azure_asn"], "peer_weight": 0} if bgp else None),
        "ip_configurations": ip_configurations,
    }
    plan["oci"].update({
        "drg_route_table": {"attachment_type": "IPSEC_TUNNEL",
                            "table": "default ipsecTunnel route table",
                            "is_ecmp_enabled": design["oci_ecmp"]},
        "cpes": cpes,
        "ipsec_connections": ipsec_connections,
    })
    plan["azure"].update({
        "public_ips": public_ips,
        "virtual_network_gateway": vng,
        "local_network_gateways": lngs,
        "connections": connections,
    })
    plan["tunnels"] = tunnels
    _vpn_outcome(plan, p, design, vcn, vnet, halves_vcn, halves_vnet)


def _ipsec_connections(plan, p, design, cpes, ip_configurations, inside_by_slot, halves_vnet, vnet):
    """The OCI IPSec connections (per gateway instance and role) and all their tunnels; the
    APIPA addresses of the tunnels in use go onto their gateway instance's ip configuration."""
    prefix = p["name_prefix"]
    bgp = design["routing"] == "bgp"
    ipsec_connections = []
    tunnels = []
    given_index = 0
    for instance in range(1, design["vng_instances"] + 1):
        for role in design["roles"]:
            suffix = "%d" % instance if role is None else "%d-%s" % (instance, role)
            ipsec_name = "%s-ipsec-%s" % (prefix, suffix)
            if bgp:
                static_routes = []
            else:
                static_routes = halves_vnet if role == "primary" else [str(n.cidr) for n in vnet]
            conn = {"name": ipsec_name, "cpe": cpes[instance - 1]["name"], "drg": plan["oci"]["drg"]["name"],
                    "vng_instance": instance, "role": role or "active",
                    "static_routes": list(static_routes), "tunnels": []}
            for number in (1, 2):
                tunnel = _tunnel(p, design, ipsec_name, suffix, instance, role, number, inside_by_slot,
                                 ip_configurations)
                if tunnel["in_use"]:
                    tunnel["shared_secret"] = psk.reference(p["shared_secret_policy"], tunnel, given_index)
                    given_index += 1
                conn["tunnels"].append(tunnel["key"])
                tunnels.append(tunnel)
            ipsec_connections.append(conn)
    return ipsec_connections, tunnels


def _tunnel(p, design, ipsec_name, suffix, instance, role, number, inside_by_slot, ip_configurations):
    """One OCI tunnel: its routing, inside addresses and BGP session when it runs BGP, and the
    Azure names of its local network gateway and connection when it is in use (its key is set by
    the caller, which numbers the keys given)."""
    prefix = p["name_prefix"]
    bgp = design["routing"] == "bgp"
    in_use = number in design["tunnels_in_use"]
    slot = (instance, role, number, in_use)
    routing = ("BGP" if bgp and (in_use or design["unused_tunnel"] == "BGP") else "STATIC")
    key = "%s-t%d" % (suffix, number)
    tunnel = {
        "key": key,
        "name": "%s-t%d" % (ipsec_name, number),
        "ipsec_connection": ipsec_name,
        "tunnel_number": number,
        "in_use": in_use,
        "role": role or "active",
        "routing": routing,
        "vng_instance": instance,
        "inside": None,
        "bgp_session_config": None,
        "oracle_bgp_asn": None,
        "azure_apipa": None,
        "vpn_ip": ref("oci", "ipsec_tunnel", ipsec_connection=ipsec_name,
                      tunnel=number, attribute="vpn_ip"),
        "local_network_gateway": None,
        "azure_connection": None,
        "shared_secret": None,
    }
    if routing == "BGP":
        oracle_if, customer_if = inside_by_slot[slot]
        o_ip, o_net = A.parse_interface(oracle_if)
        c_ip = A.parse_interface(customer_if)[0]
        tunnel["inside"] = {"oracle_ip": oracle_if, "customer_ip": customer_if,
                            "oracle_address": str(o_ip), "customer_address": str(c_ip),
                            "prefix_length": o_net.prefixlen, "network": str(o_net.cidr)}
        tunnel["bgp_session_config"] = {"oracle_interface_ip": oracle_if,
                                        "customer_interface_ip": customer_if,
                                        "customer_bgp_asn": str(p["azure_asn"])}
        tunnel["oracle_bgp_asn"] = p["oracle_asn"]
        if in_use:
            tunnel["azure_apipa"] = str(c_ip)
            apipas = ip_configurations[instance - 1]["custom_bgp_ip_addresses"]
            if str(c_ip) not in apipas:
                apipas.append(str(c_ip))
    if in_use:
        tunnel["local_network_gateway"] = "%s-lng-%s" % (prefix, key)
        tunnel["azure_connection"] = "%s-conn-%s" % (prefix, key)
    else:
        tunnel["shared_secret"] = {"policy": "oci_generated_unused",
                                   "ipsec_connection": ipsec_name, "tunnel": number}
    return tunnel


def _azure_vpn_side(p, bgp, tunnels, ip_configurations, vng_name, crypto_section, halves_vcn, vcn):
    """Azure's local network gateways and connections: one per OCI tunnel in use."""
    lngs = []
    connections = []
    for tunnel in tunnels:
        if not tunnel["in_use"]:
            continue
        if bgp:
            prefixes = []
            bgp_settings = {"asn": p["oracle_asn"],
                            "bgp_peering_address": tunnel["inside"]["oracle_address"],
                            "peer_weight": 0}
        else:
            prefixes = halves_vcn if tunnel["role"] == "primary" else [str(n.cidr) for n in vcn]
            bgp_settings = None
        lngs.append({"name": tunnel["local_network_gateway"], "tunnel": tunnel["key"],
                     "gateway_ip_address": tunnel["vpn_ip"],
                     "address_prefixes": list(prefixes), "bgp_settings": bgp_settings,
                     "role": tunnel["role"]})
        pinned = []
        if bgp:
            index = tunnel["tunnel_number"] - 1
            for ipconf in ip_configurations:
                apipas = ipconf["custom_bgp_ip_addresses"]
                if ipconf["instance"] == tunnel["vng_instance"]:
                    address = tunnel["azure_apipa"]
                else:
                    # Azure wants an entry per gateway instance; the other instance's tunnel to
                    # this OCI endpoint never comes up (its CPE is the other public IP).
                    address = apipas[min(index, len(apipas) - 1)]
                pinned.append({"ip_configuration": ipconf["name"],
                               "custom_bgp_ip_address": address})
        connections.append({
            "name": tunnel["azure_connection"],
            "connection_type": "IPsec",
            "virtual_network_gateway": vng_name,
            "local_network_gateway": tunnel["local_network_gateway"],
            "tunnel": tunnel["key"],
            "vng_instance": tunnel["vng_instance"],
            "role": tunnel["role"],
            "connection_protocol": C.AZURE_CONNECTION_PROTOCOL,
            "enable_bgp": bgp,
            "gateway_custom_bgp_ip_addresses": pinned,
            "ipsec_policies": copy.deepcopy(crypto_section["azure"]["ipsec_policies"]),
            "use_policy_based_traffic_selectors": False,
            "dpd_timeout_seconds": C.AZURE_DEFAULT_DPD_TIMEOUT,
            "connection_mode": "Default",
            "shared_key": copy.deepcopy(tunnel["shared_secret"]),
        })
    return lngs, connections


def _vpn_outcome(plan, p, design, vcn, vnet, halves_vcn, halves_vnet):
    """What the VPN plan leads to: the keys' policy, ECMP, routing, the tunnels' address blocks
    and what verification should find."""
    bgp = design["routing"] == "bgp"
    tunnels = plan["tunnels"]
    in_use = [t for t in tunnels if t["in_use"]]
    plan["shared_secrets"] = {
        "policy": p["shared_secret_policy"],
        "tunnels_in_use": [t["key"] for t in in_use],
        "note": {"from_oci": "OCI generates each key; read it back from the OCI tunnel and give "
                             "it to the Azure connection",
                 "given": "keys from shared_secrets (one per tunnel in use, or one for all)",
                 "generated": "keys derived from secret_seed (HMAC-SHA256 of the tunnel name); "
                              "the action plugin returns them only with include_secrets"}[
            p["shared_secret_policy"]],
    }
    # prefixes reach the other side over every BGP tunnel; with static routing over the primary
    # of each gateway instance (the backup only wins when the primary is down)
    paths = len(in_use) if bgp else design["vng_instances"]
    plan["ecmp"] = {
        "oci_drg_route_table_ecmp": design["oci_ecmp"],
        "azure_active_active": design["vng_instances"] == 2,
        "expected_paths": paths,
    }
    plan["routing_detail"] = _routing_detail(bgp, vcn, vnet, halves_vcn, halves_vnet)
    for tunnel in tunnels:
        if tunnel["inside"] is None:
            continue
        net = tunnel["inside"]["network"]
        existing = [b for b in plan["address_blocks"] if b["cidr"] == net]
        if tunnel["inside"]["prefix_length"] == 31 and design["inside"] == "shared_apipa":
            # the /31 lies inside tunnel 1's /30 by design: recorded on that block
            parent = [b for b in plan["address_blocks"] if b["purpose"].startswith("tunnel ")]
            parent[0].setdefault("shared_with", []).append({"cidr": net, "tunnel": tunnel["key"]})
            continue
        if existing:
            existing[0]["purpose"] += ", tunnel %s" % tunnel["key"]
        else:
            plan["address_blocks"].append({"cidr": net, "purpose": "tunnel %s inside" % tunnel["key"]})
    plan["expect"] = {
        "tunnels_up": [t["key"] for t in in_use],
        "bgp_sessions": [{"tunnel": t["key"], "oracle_ip": t["inside"]["oracle_address"],
                          "azure_ip": t["inside"]["customer_address"],
                          "vng_instance": t["vng_instance"]}
                         for t in in_use if t["routing"] == "BGP"],
        "azure_learns": [str(n.cidr) for n in vcn] if bgp else [],
        "oci_learns": [str(n.cidr) for n in vnet] if bgp else [],
        "paths_per_prefix": paths,
    }


def _routing_detail(bgp, vcn, vnet, halves_vcn, halves_vnet):
    if bgp:
        return {"mode": "bgp", "azure_advertises": [str(n.cidr) for n in vnet],
                "oci_advertises": [str(n.cidr) for n in vcn]}
    return {"mode": "static",
            "rule": "primary carries the halves of each CIDR, backup the full CIDR; the longest "
                    "prefix wins, so the backup is used only when the primary is down",
            "oci_primary_static_routes": halves_vnet,
            "oci_backup_static_routes": [str(n.cidr) for n in vnet],
            "azure_primary_lng_prefixes": halves_vcn,
            "azure_backup_lng_prefixes": [str(n.cidr) for n in vcn]}


def _public_ip(name, sku, used_by):
    """A gateway's public IP: Standard, and zone-redundant for an availability-zone SKU
    (cloud_rules.AZURE_AZ_GATEWAY_SKUS)."""
    zones = list(R.AZURE_ZONE_REDUNDANT_ZONES) if sku in R.AZURE_AZ_GATEWAY_SKUS else []
    return {"name": name, "sku": "Standard", "allocation_method": "Static", "zones": zones,
            "used_by": used_by}


def _scale_units(p):
    if p["expressroute_gateway_sku"] != "ErGwScale":
        return None
    low = p["expressroute_gateway_min_scale_units"]
    high = p.get("expressroute_gateway_max_scale_units") or low
    return {"bounds": {"min": low, "max": high}}


# --- FastConnect <-> ExpressRoute -----------------------------------------------------------------

def _build_fastconnect(plan, p, vcn, vnet):
    prefix = p["name_prefix"]
    if p.get("fastconnect_subnets"):
        blocks = [A.parse_network(c) for c in p["fastconnect_subnets"]]
    else:
        blocks = A.carve(A.parse_network(p["fastconnect_pool"]), 30, 2, list(vcn) + list(vnet))
    mappings = []
    for link, block in zip(("primary", "secondary"), blocks):
        mapping = A.fastconnect_mapping(block)
        mapping["link"] = link
        mappings.append(mapping)
        plan["address_blocks"].append({"cidr": mapping["subnet"],
                                       "purpose": "fastconnect %s link" % link})
    circuit_name = "%s-erc" % prefix
    gbps = p["bandwidth_gbps"]
    plan["asn"] = {"oracle": p["oracle_asn"], "azure": C.MICROSOFT_EXPRESSROUTE_ASN}
    plan["oci"].update({
        "drg_route_table": {"attachment_type": "VIRTUAL_CIRCUIT",
                            "table": "default virtualCircuit route table",
                            "is_ecmp_enabled": False},
        "virtual_circuit": {
            "name": "%s-vc" % prefix,
            "type": "PRIVATE",
            "provider_name": C.OCI_FASTCONNECT_PROVIDER,
            "provider_service_key_name": ref("azure", "expressroute_circuit", name=circuit_name,
                                             attribute="service_key"),
            "gateway": plan["oci"]["drg"]["name"],
            "bandwidth_shape_name": "%d Gbps" % gbps,
            "bandwidth_mbps": gbps * 1000,
            "cross_connect_mappings": [
                {"link": m["link"], "oracle_bgp_peering_ip": m["oracle_bgp_peering_ip"],
                 "customer_bgp_peering_ip": m["customer_bgp_peering_ip"]}
                for m in mappings],
            "oracle_bgp_asn": p["oracle_asn"],
        },
    })
    gateway_name = "%s-ergw" % prefix
    plan["azure"].update({
        "expressroute_circuit": {
            "name": circuit_name,
            "service_provider_name": C.AZURE_ER_PROVIDER,
            "peering_location": p["peering_location"],
            "paired_oci_region": p.get("oci_region"),
            "bandwidth_in_mbps": gbps * 1000,
            "sku": {"tier": p["expressroute_sku_tier"], "family": p["expressroute_sku_family"],
                    "name": "%s_%s" % (p["expressroute_sku_tier"], p["expressroute_sku_family"])},
        },
        # What the provider's peering must show: Oracle configures it from the FastConnect side,
        # VLAN included (read-only for the run; verification compares it with these values).
        "expressroute_peering": {
            "name": "AzurePrivatePeering",
            "circuit": circuit_name,
            "peering_type": "AzurePrivatePeering",
            "provisioned_by": "provider",
            "peer_asn": p["oracle_asn"],
            "primary_peer_address_prefix": mappings[0]["subnet"],
            "secondary_peer_address_prefix": mappings[1]["subnet"],
            "azure_addresses": [m["azure_address"] for m in mappings],
            "oracle_addresses": [m["oracle_address"] for m in mappings],
        },
        "public_ips": [_public_ip("%s-pip" % gateway_name, p["expressroute_gateway_sku"], gateway_name)],
        "virtual_network_gateway": {
            "name": gateway_name,
            "gateway_type": "ExpressRoute",
            "sku": p["expressroute_gateway_sku"],
            "active_active": False,
            "enable_bgp": False,
            "ip_configurations": [{"name": "ipconfig1", "instance": 1,
                                   "public_ip": "%s-pip" % gateway_name,
                                   "subnet": "GatewaySubnet"}],
            # ErGwScale only: REST autoScaleConfiguration.bounds (azure-mgmt-network
            # VirtualNetworkGatewayAutoScaleConfiguration)
            "auto_scale_configuration": _scale_units(p),
        },
        "connections": [{
            "name": "%s-erconn" % prefix,
            "connection_type": "ExpressRoute",
            "virtual_network_gateway": gateway_name,
            "express_route_circuit": circuit_name,
            "express_route_gateway_bypass": bool(p["fastpath"]),
            "routing_weight": 0,
        }],
        "local_network_gateways": [],
    })
    plan["fastconnect"] = {"links": mappings, "vlan": "assigned by the provider, the same on both links",
                           "bandwidth_shape_name": "%d Gbps" % gbps,
                           "bandwidth_mbps": gbps * 1000}
    plan["ecmp"] = {"oci_drg_route_table_ecmp": False, "azure_active_active": False,
                    "expected_paths": 2}
    plan["shared_secrets"] = {"policy": "none", "tunnels_in_use": [],
                              "note": "FastConnect carries no pre-shared keys"}
    plan["routing_detail"] = {"mode": "bgp", "azure_advertises": [str(n.cidr) for n in vnet],
                              "oci_advertises": [str(n.cidr) for n in vcn]}
    plan["expect"] = {
        "tunnels_up": [],
        "bgp_sessions": [{"link": m["link"], "oracle_ip": m["oracle_address"],
                          "azure_ip": m["azure_address"]} for m in mappings],
        "virtual_circuit_state": "PROVISIONED",
        "expressroute_provider_state": "Provisioned",
        "arp_entries": {m["link"]: [m["oracle_address"], m["azure_address"]] for m in mappings},
        "azure_learns": [str(n.cidr) for n in vcn],
        "oci_learns": [str(n.cidr) for n in vnet],
        "paths_per_prefix": 2,
    }
