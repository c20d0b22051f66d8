# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan in the modules' words: the arguments each of the collection's modules is sent.

:func:`render` turns the plan's building blocks (in the SDKs' words: ``phase_one_config``,
``diffie_helman_group``, ``sa_life_time_seconds``...) into the options of the module that builds
each block (``phase_one``, ``dh_group``, ``sa_lifetime_seconds``...). It is the only place the
two vocabularies meet; the roles pass the options through unchanged.

Each block is a *call* ``{"module": <FQCN>, "args": {...}}`` (or a list of calls, one per
resource). ``args`` holds what the resource is; the role adds only

* placement: ``compartment_id``, ``resource_group``, ``location``, the VNet's name;
* run control: ``wait``, ``wait_timeout``, ``wait_for``, ``return_shared_secrets``;
* values known only at run time, which ``args`` holds as plan references (``{"ref": {...}}``,
  :data:`RUN_TIME_VALUES` says which role fills each and from what);
* pre-shared keys, which ``args`` holds as ``{"secret_ref": {"psk": <tunnel key>}}`` and
  :func:`fill` replaces from the run's keys (never a key in the plan);
* ``interconnect_tunnel_overrides``, which :func:`fill` applies where a call says so
  (``overrides``: the section of the override, ``tunnel`` or ``tunnel_keys``: whose).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

FQCN = "interconnect.oci_azure.%s"

# (cloud, kind, attribute) of every reference the args hold -> where the role takes the value.
RUN_TIME_VALUES = {
    ("oci", "vcn", "id"): "networks: networks_vcn_id (the VCN created, or interconnect_vcn_id)",
    ("oci", "drg", "id"): "drg: drg_id (the oci_drg result)",
    ("oci", "drg_attachment", "drg_route_table_id"):
        "drg: drg_vcn_route_table_id (the oci_drg_attachment result)",
    ("oci", "cpe", "id"): "oci_vpn: the oci_cpe result of that CPE",
    ("azure", "public_ip", "ip_address"): "azure_gateway: azure_gateway_public_ips[name]",
    ("azure", "gateway_ip_configuration", "name"):
        "azure_vpn: interconnect_preflight_result.adopt.gateway.refs (a brought gateway's own names)",
    ("oci", "ipsec_tunnel", "vpn_ip"): "oci_vpn: oci_vpn_vpn_ips[tunnel key]",
    ("azure", "expressroute_circuit", "service_key"):
        "fastconnect: the azure_expressroute_circuit result",
}

# Where each pre-shared key comes from, by the module that is sent it.
SECRET_SOURCES = {
    "oci_ipsec_connection": "interconnect_plan_secrets (policies given and generated only; "
                            "with from_oci OCI generates the key and none is sent)",
    "azure_connection": "oci_vpn_shared_secrets (the key OCI holds: read back, or sent)",
}


class ModuleArgsError(Exception):
    """A call that cannot be filled (a key the run does not have)."""


def _ref(cloud, kind, name, attribute):
    return {"ref": {"cloud": cloud, "kind": kind, "name": name, "attribute": attribute}}


def ref_key(inner):
    """The stable string key of a plan reference's inner dict (``cloud:kind:name:attribute``),
    by which the roles give the run-time values that fill references."""
    where = inner.get("name")
    if where is None:
        where = "%s/%s" % (inner.get("ipsec_connection"), inner.get("tunnel"))
    return "%s:%s:%s:%s" % (inner["cloud"], inner["kind"], where, inner.get("attribute"))


def secret_ref(tunnel_key):
    return {"secret_ref": {"psk": tunnel_key}}


def _call(module, args, **extra):
    out = {"module": FQCN % module, "args": args}
    out.update(extra)
    return out


def _existing(block):
    """``existing: True`` on the call of a block the inventory brings (the role reads and checks
    it instead of ensuring it)."""
    return {"existing": True} if block.get("existing") else {}


def _present(mapping):
    """The entries that are set: None means the module leaves the option alone (omitted)."""
    return dict((k, v) for k, v in mapping.items() if v is not None)


def render(plan):
    """Every building block of ``plan`` as the call of the module that builds it.

    Blocks that the scenario does not have are None (a single call) or [] (a list of calls)."""
    prefix = plan["name_prefix"]
    oci, azure = plan["oci"], plan["azure"]
    drg_name = oci["drg"]["name"]
    vcn_name = "%s-vcn" % prefix
    drg_id = _ref("oci", "drg", drg_name, "id")
    vpn = plan["routing"] != "fastconnect"
    out = {
        "vcn": _call("oci_vcn", {"display_name": vcn_name,
                                 "cidr_blocks": list(plan["intent"]["vcn_cidrs"])}),
        "virtual_network": _call("azure_virtual_network", _virtual_network(plan)),
        "drg": (_call("oci_drg", {"id": oci["drg"]["existing_id"]}, existing=True)
                if oci["drg"].get("existing_id") else _call("oci_drg", {"display_name": drg_name})),
        "drg_attachment": _call("oci_drg_attachment", {
            "display_name": oci["drg_attachment"]["name"], "drg_id": drg_id,
            "vcn_id": _ref("oci", "vcn", vcn_name, "id")}),
        "drg_route_table": None,
        "cpes": [],
        "ipsec_connections": [],
        # a brought gateway's public IPs are its own: nothing to create
        "public_ips": [_public_ip(pip) for pip in azure["public_ips"] if not pip.get("existing")],
        "virtual_network_gateway": _call("azure_virtual_network_gateway",
                                         _gateway(azure["virtual_network_gateway"]),
                                         **_existing(azure["virtual_network_gateway"])),
        "local_network_gateways": [],
        "connections": [],
        "expressroute_circuit": None,
        "virtual_circuit": None,
    }
    if oci["drg_route_table"]["is_ecmp_enabled"]:
        # A packet entering the DRG is routed by the table of the attachment it enters on (OCI
        # docs, Managing DRGs): VCN -> Azure traffic by the VCN attachment's table, which imports
        # the tunnels' routes, so ECMP goes there.
        out["drg_route_table"] = _call("oci_drg_route_table", {
            "id": _ref("oci", "drg_attachment", oci["drg_attachment"]["name"],
                       "drg_route_table_id"),
            "drg_id": drg_id, "is_ecmp_enabled": True})
    if vpn:
        out["cpes"] = [_call("oci_cpe", {"display_name": cpe["name"],
                                         "ip_address": copy.deepcopy(cpe["ip_address"])})
                       for cpe in oci["cpes"]]
        out["ipsec_connections"] = _ipsec_connections(plan, drg_id)
        out["local_network_gateways"] = [_local_network_gateway(lng)
                                         for lng in azure["local_network_gateways"]]
        out["connections"] = [_vpn_connection(plan, conn) for conn in azure["connections"]]
    else:
        out["expressroute_circuit"] = _expressroute_circuit(azure["expressroute_circuit"])
        out["virtual_circuit"] = _virtual_circuit(oci["virtual_circuit"], drg_id)
        out["connections"] = [_expressroute_connection(conn) for conn in azure["connections"]]
    return out


# --- Networks -------------------------------------------------------------------------------------

def _virtual_network(plan):
    """The demo VNet (name from the inventory) with its GatewaySubnet when the intent has one
    (only when the run creates the networks)."""
    args = {"address_prefixes": list(plan["azure"]["virtual_network"]["address_prefixes"])}
    cidr = plan["intent"].get("azure_gateway_subnet_cidr")
    if cidr:
        args["subnets"] = [{"name": plan["azure"]["virtual_network"]["gateway_subnet"],
                            "address_prefix": cidr}]
    return args


# --- OCI side of the VPN --------------------------------------------------------------------------

def _phase_one(config):
    return _present({
        "custom": config["is_custom_phase_one_config"],
        "encryption_algorithm": config.get("encryption_algorithm"),
        "authentication_algorithm": config.get("authentication_algorithm"),
        "dh_group": config.get("diffie_helman_group"),
        "lifetime_in_seconds": config.get("lifetime_in_seconds"),
    })


def _phase_two(config):
    return _present({
        "custom": config["is_custom_phase_two_config"],
        "encryption_algorithm": config.get("encryption_algorithm"),
        # None with a GCM cipher: GCM authenticates itself, OCI takes no integrity algorithm
        "authentication_algorithm": config.get("authentication_algorithm"),
        "pfs_enabled": config.get("is_pfs_enabled"),
        "pfs_dh_group": config.get("pfs_dh_group"),
        "lifetime_in_seconds": config.get("lifetime_in_seconds"),
    })


def _tunnel(plan, tunnel, send_secret):
    crypto = plan["crypto"]["oci"]
    args = {
        "display_name": tunnel["name"],
        "routing": tunnel["routing"],
        "ike_version": crypto["ike_version"],
        "phase_one": _phase_one(crypto["phase_one_config"]),
        "phase_two": _phase_two(crypto["phase_two_config"]),
        "dpd": {"mode": crypto["dpd_config"]["dpd_mode"],
                "timeout_in_sec": crypto["dpd_config"]["dpd_timeout_in_sec"]},
        # Azure does not initiate BGP from APIPA addresses: OCI must be allowed to initiate
        # (field facts section 4; constants.OCI_ORACLE_INITIATION)
        "oracle_initiation": crypto["oracle_initiation"],
        "nat_translation": crypto["nat_translation_enabled"],
    }
    bgp = tunnel["bgp_session_config"]
    if bgp:
        # The SDK sends the customer ASN as a string (BgpSessionDetails.customer_bgp_asn); the
        # module takes a number.
        args["bgp"] = {"oracle_interface_ip": bgp["oracle_interface_ip"],
                       "customer_interface_ip": bgp["customer_interface_ip"],
                       "customer_bgp_asn": int(bgp["customer_bgp_asn"])}
    if send_secret and tunnel["in_use"]:
        args["shared_secret"] = secret_ref(tunnel["key"])
    return args


def _ipsec_connections(plan, drg_id):
    # Keys are sent only when the run has them (policies given and generated); with from_oci OCI
    # generates them and the Azure connections get them read back (psk.py).
    send_secret = plan["shared_secrets"]["policy"] in ("given", "generated")
    tunnels = dict((t["key"], t) for t in plan["tunnels"])
    calls = []
    for conn in plan["oci"]["ipsec_connections"]:
        calls.append(_call("oci_ipsec_connection", {
            "display_name": conn["name"],
            "drg_id": drg_id,
            "cpe_id": _ref("oci", "cpe", conn["cpe"], "id"),
            "static_routes": list(conn["static_routes"]),
            "tunnels": [_tunnel(plan, tunnels[key], send_secret) for key in conn["tunnels"]],
        }, tunnel_keys=list(conn["tunnels"]), overrides="oci"))
    return calls


# --- Azure gateway and VPN ------------------------------------------------------------------------

def _public_ip(pip):
    return _call("azure_public_ip", _present({
        "name": pip["name"], "sku": pip["sku"], "allocation_method": pip["allocation_method"],
        # AZ gateway SKUs take zone-redundant Standard IPs (the plan says which: cloud_rules)
        "zones": list(pip["zones"]) or None}))


def _gateway(vng):
    is_vpn = vng["gateway_type"] == "Vpn"
    scale = vng.get("auto_scale_configuration")
    return _present({
        "name": vng["name"],
        "gateway_type": vng["gateway_type"],
        "vpn_type": vng.get("vpn_type"),
        "sku": vng["sku"],
        "generation": vng.get("generation"),
        "active_active": vng["active_active"],
        # BGP is a VPN gateway setting; an ExpressRoute gateway always speaks BGP to the circuit
        "enable_bgp": vng["enable_bgp"] if is_vpn else None,
        "bgp_settings": copy.deepcopy(vng.get("bgp_settings")) or None,
        # APIPA addresses only for VPN gateways
        "ip_configurations": [_present({
            "name": conf["name"], "public_ip": conf["public_ip"],
            "apipa_addresses": list(conf.get("custom_bgp_ip_addresses") or []) or None})
            for conf in vng["ip_configurations"]],
        # ErGwScale only: REST autoScaleConfiguration.bounds (azure-mgmt-network
        # VirtualNetworkGatewayAutoScaleConfiguration)
        "scale_units": ({"min": scale["bounds"]["min"], "max": scale["bounds"]["max"]}
                        if scale else None),
    })


def _local_network_gateway(lng):
    return _call("azure_local_network_gateway", _present({
        "name": lng["name"],
        "gateway_ip_address": copy.deepcopy(lng["gateway_ip_address"]),
        "address_prefixes": list(lng["address_prefixes"]),
        "bgp_settings": copy.deepcopy(lng["bgp_settings"]),
    }), tunnel=lng["tunnel"])


def _ipsec_policy(policies):
    """The plan's IPsec policy in the module's words. Azure's default policy (no policy in the
    plan) is sent as an empty policy, so the connections get it explicitly and switching
    profiles back works."""
    if not policies:
        return {}
    policy = policies[0]
    return {"sa_lifetime_seconds": policy["sa_life_time_seconds"],
            "sa_data_size_kilobytes": policy["sa_data_size_kilobytes"],
            "ipsec_encryption": policy["ipsec_encryption"],
            "ipsec_integrity": policy["ipsec_integrity"],
            "ike_encryption": policy["ike_encryption"],
            "ike_integrity": policy["ike_integrity"],
            "dh_group": policy["dh_group"],
            "pfs_group": policy["pfs_group"]}


def _vpn_connection(plan, conn):
    return _call("azure_connection", _present({
        "name": conn["name"],
        "connection_type": conn["connection_type"],
        "virtual_network_gateway": conn["virtual_network_gateway"],
        "local_network_gateway": conn["local_network_gateway"],
        "connection_protocol": conn["connection_protocol"],
        "enable_bgp": conn["enable_bgp"],
        "gateway_custom_bgp_ip_addresses": copy.deepcopy(conn["gateway_custom_bgp_ip_addresses"])
        or None,
        "ipsec_policy": _ipsec_policy(plan["crypto"]["azure"]["ipsec_policies"]),
        "use_policy_based_traffic_selectors": conn["use_policy_based_traffic_selectors"],
        "dpd_timeout_seconds": conn["dpd_timeout_seconds"],
        "connection_mode": conn["connection_mode"],
        "shared_key": secret_ref(conn["tunnel"]),
    }), tunnel=conn["tunnel"], overrides="azure_connection")


# --- FastConnect <-> ExpressRoute -----------------------------------------------------------------

def _expressroute_circuit(circuit):
    return _call("azure_expressroute_circuit", {
        "name": circuit["name"],
        "service_provider_name": circuit["service_provider_name"],
        "peering_location": circuit["peering_location"],
        "bandwidth_in_mbps": circuit["bandwidth_in_mbps"],
        "sku_tier": circuit["sku"]["tier"],
        "sku_family": circuit["sku"]["family"],
    })


def _virtual_circuit(vc, drg_id):
    return _call("oci_virtual_circuit", {
        "display_name": vc["name"],
        "type": vc["type"],
        "provider_name": vc["provider_name"],
        "provider_service_key_name": copy.deepcopy(vc["provider_service_key_name"]),
        "gateway_id": drg_id,
        "bandwidth_shape_name": vc["bandwidth_shape_name"],
        # Primary first, without a VLAN: with Microsoft Azure as provider the provider assigns
        # it (OCI SDK CrossConnectMapping.vlan).
        "cross_connect_mappings": [
            {"oracle_bgp_peering_ip": m["oracle_bgp_peering_ip"],
             "customer_bgp_peering_ip": m["customer_bgp_peering_ip"]}
            for m in vc["cross_connect_mappings"]],
    })


def _expressroute_connection(conn):
    return _call("azure_connection", {
        "name": conn["name"],
        "connection_type": conn["connection_type"],
        "virtual_network_gateway": conn["virtual_network_gateway"],
        "express_route_circuit": conn["express_route_circuit"],
        # FastPath: REST expressRouteGatewayBypass
        "express_route_gateway_bypass": conn["express_route_gateway_bypass"],
        "routing_weight": conn["routing_weight"],
    })


# --- Run time -------------------------------------------------------------------------------------

def calls(module_args):
    """Every call of a rendered ``module_args``, in block order."""
    out = []
    for block in module_args.values():
        if isinstance(block, list):
            out.extend(block)
        elif block is not None:
            out.append(block)
    return out


def references(value):
    """Every plan reference (``{"ref": {...}}``) in a value, depth first."""
    if isinstance(value, dict):
        if set(value) == {"ref"} and isinstance(value["ref"], dict):
            return [value]
        return [r for v in value.values() for r in references(v)]
    if isinstance(value, list):
        return [r for v in value for r in references(v)]
    return []


def secret_refs(value):
    """Every tunnel key a value refers to for a pre-shared key, depth first."""
    if isinstance(value, dict):
        if set(value) == {"secret_ref"}:
            return [value["secret_ref"]["psk"]]
        return [k for v in value.values() for k in secret_refs(v)]
    if isinstance(value, list):
        return [k for v in value for k in secret_refs(v)]
    return []


def _with_secrets(value, secrets):
    if isinstance(value, dict):
        if set(value) == {"secret_ref"}:
            key = value["secret_ref"]["psk"]
            if key not in secrets:
                raise ModuleArgsError("no pre-shared key for tunnel %s" % key)
            return secrets[key]
        return dict((k, _with_secrets(v, secrets)) for k, v in value.items())
    if isinstance(value, list):
        return [_with_secrets(v, secrets) for v in value]
    return value


def combine(base, override):
    """``base`` with ``override`` over it, dicts merged recursively, anything else replaced
    (Ansible's ``combine(recursive=True)``)."""
    if not isinstance(base, dict) or not isinstance(override, dict):
        return copy.deepcopy(override)
    out = copy.deepcopy(base)
    for key, value in override.items():
        out[key] = combine(out[key], value) if key in out else copy.deepcopy(value)
    return out


def fill(call, secrets=None, overrides=None):
    """The args of ``call`` with its pre-shared keys from ``secrets`` (tunnel key -> key) and
    the per-tunnel ``overrides`` (interconnect_tunnel_overrides) applied where the call says.

    Plan references stay: the role fills those options from its registered results."""
    args = _with_secrets(call["args"], secrets or {})
    section = call.get("overrides")
    if not section or not overrides:
        return args
    if "tunnel_keys" in call:
        args["tunnels"] = [combine(tunnel, (overrides.get(key) or {}).get(section) or {})
                           for tunnel, key in zip(args["tunnels"], call["tunnel_keys"])]
        return args
    return combine(args, (overrides.get(call["tunnel"]) or {}).get(section) or {})
