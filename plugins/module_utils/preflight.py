# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Preflight: what both clouds hold, checked against the plan and the inventory before any write.

Pure functions over what the read modules returned (``interconnect_preflight`` runs them): each
check gives :class:`Finding` objects naming the inventory variable to change, and the adoption
facts the building blocks need to use what the inventory brings (the DRG's attachment of the VCN,
the gateway's public IPs and IP configuration names) without modifying it.

The clouds' rules each check relies on, with their sources:

* a VCN attaches to at most one DRG (OCI API CreateDrgAttachment, as the oci-cli and Terraform
  provider docs quote it: "A VCN can be attached to only one DRG at a time, but a DRG can be
  attached to more than one VCN"); a second attachment is refused (409 on the twin)  # unverified (the real error code)
* a VNet has at most one gateway of each type, VPN and ExpressRoute (Microsoft Learn, "About VPN
  Gateway configuration settings": "Each virtual network can only have one virtual network gateway
  of each type"); a second is refused (VirtualNetworkGatewayOfSameTypeExists on the twin)  # unverified (the real error code)
* every virtual network gateway lives in the subnet named exactly ``GatewaySubnet``, /27 or
  larger recommended, /29 at the smallest (cloud_rules, where the minimum is in UNVERIFIED);
* BGP, active-active and custom IPsec policies need a gateway SKU other than Basic
  (cloud_rules.AZURE_NO_CUSTOM_IPSEC_POLICY_SKUS; Microsoft Learn, About gateway SKUs);
* custom APIPA BGP addresses belong to the gateway instance's IP configuration
  (``bgpSettings.bgpPeeringAddresses[].customBgpIpAddresses``); a connection can pin only those
  (field facts, connections ``gatewayCustomBgpIpAddresses``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses
from ansible_collections.interconnect.oci_azure.plugins.module_utils.cloud_rules import (
    AZURE_GATEWAY_SUBNET_RECOMMENDED_PREFIX,
    AZURE_GATEWAY_SUBNET_SMALLEST_PREFIX,
    AZURE_NO_CUSTOM_IPSEC_POLICY_SKUS,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.module_args import ref_key

GATEWAY_SUBNET = "GatewaySubnet"
GATEWAY_SUBNET_SMALLEST = AZURE_GATEWAY_SUBNET_SMALLEST_PREFIX
GATEWAY_SUBNET_RECOMMENDED = AZURE_GATEWAY_SUBNET_RECOMMENDED_PREFIX
VCN_ATTACHED = ("ATTACHING", "ATTACHED")


class Finding(object):
    """One check's verdict: ``level`` error (stops the run), warning or ok; ``variable`` the
    inventory variable to change (None when nothing the inventory sets would fix it)."""

    def __init__(self, check, level, message, variable=None):
        self.check = check
        self.level = level
        self.message = message
        self.variable = variable

    def to_dict(self):
        return dict(check=self.check, level=self.level, message=self.message, variable=self.variable)

    def __repr__(self):
        return "Finding(%s, %s, %r)" % (self.check, self.level, self.message)


def error(check, variable, message):
    return Finding(check, "error", "%s: %s" % (variable, message) if variable else message, variable)


def warning(check, message, variable=None):
    return Finding(check, "warning", message, variable)


def ok(check, message):
    return Finding(check, "ok", message)


def _get(obj, *names):
    for name in names:
        if isinstance(obj, dict) and obj.get(name) is not None:
            return obj[name]
    return None


def _same_blocks(first, second):
    return sorted(str(addresses.parse_network(b)) for b in first or []) == \
        sorted(str(addresses.parse_network(b)) for b in second or [])


# -- OCI ---------------------------------------------------------------------------------------
def vcn_findings(declared_cidrs, vcn, vcn_id):
    """The VCN the inventory names exists and has the CIDR blocks it declares."""
    if not vcn:
        return [error("vcn", "interconnect_vcn_id", "no VCN %s in the region the OCI credentials "
                      "reach; give the OCID of the VCN to attach" % vcn_id)]
    blocks = vcn.get("cidr_blocks") or ([vcn["cidr_block"]] if vcn.get("cidr_block") else [])
    if not _same_blocks(blocks, declared_cidrs):
        return [error("vcn", "interconnect_vcn_cidrs", "declared %s, but VCN %s (%s) has %s: set "
                      "interconnect_vcn_cidrs to the VCN's blocks (the plan routes them)" % (
                          ", ".join(declared_cidrs), vcn.get("display_name"), vcn_id,
                          ", ".join(blocks)))]
    return [ok("vcn", "VCN %s has %s as declared" % (vcn.get("display_name"), ", ".join(blocks)))]


def attachment_findings(attachments, existing_drg_id, planned_drg_id, planned_attachment_name):
    """Which DRG the VCN is attached to, against the DRG the run uses; the attachment to adopt.

    ``existing_drg_id``: the DRG the inventory brings (None: the run's own); ``planned_drg_id``:
    the id of the run's own DRG when it exists already (a re-run), else None. Returns (findings,
    the attachment to adopt or None)."""
    attached = [a for a in attachments or [] if a.get("lifecycle_state") in VCN_ATTACHED]
    if not attached:
        return [ok("vcn_attachment", "the VCN is attached to no DRG; the run attaches it")], None
    attachment = attached[0]
    drg_id = attachment.get("drg_id")
    if existing_drg_id:
        if drg_id == existing_drg_id:
            return [ok("vcn_attachment", "the VCN's attachment %s to DRG %s is adopted as it is "
                       "(never renamed, never detached by teardown)"
                       % (attachment.get("display_name"), drg_id))], attachment
        return [error("vcn_attachment", "interconnect_drg_id",
                      "the VCN is attached to DRG %s, not to %s (a VCN attaches to one DRG): set "
                      "interconnect_drg_id: %s to use that DRG" % (drg_id, existing_drg_id, drg_id))], None
    if planned_drg_id and drg_id == planned_drg_id:
        if attachment.get("display_name") == planned_attachment_name:
            return [ok("vcn_attachment", "the VCN is attached to the interconnect's DRG")], None
        return [ok("vcn_attachment", "the VCN's attachment %s to the interconnect's DRG is adopted"
                   % attachment.get("display_name"))], attachment
    return [error("vcn_attachment", "interconnect_drg_id",
                  "the VCN is already attached to DRG %s (a VCN attaches to one DRG; creating a "
                  "second DRG would fail with 409): set interconnect_drg_id: %s to use that DRG"
                  % (drg_id, drg_id))], None


def drg_findings(drg, drg_id):
    if not drg:
        return [error("drg", "interconnect_drg_id", "no DRG %s in the region the OCI credentials "
                      "reach; give the OCID of an existing DRG, or remove the variable to let the "
                      "run create one" % drg_id)]
    state = drg.get("lifecycle_state")
    if state != "AVAILABLE":
        return [error("drg", "interconnect_drg_id", "DRG %s is %s, not AVAILABLE" % (drg_id, state))]
    return [ok("drg", "DRG %s (%s) is used as it is: never modified, never deleted"
               % (drg.get("display_name"), drg_id))]


def ecmp_findings(plan, table, existing_drg, allow):
    """ECMP on the route table of the VCN attachment when the design needs it. On a DRG the
    inventory brings, that table is the user's: enabled only with ``allow``."""
    if not (plan["oci"].get("drg_route_table") or {}).get("is_ecmp_enabled"):
        return []
    if not existing_drg or table is None or table.get("is_ecmp_enabled"):
        return []
    if allow:
        return [warning("drg_ecmp", "ECMP will be enabled on DRG route table %s (the table of the "
                        "VCN attachment), as interconnect_existing_drg_ecmp allows: it changes how "
                        "that table routes everything" % table.get("display_name"))]
    return [error("drg_ecmp", "interconnect_existing_drg_ecmp",
                  "the %s design spreads traffic over several tunnels (ECMP), and DRG route table "
                  "%s of the VCN attachment has ECMP off: set interconnect_existing_drg_ecmp: true "
                  "to let the run enable it (it changes how that table routes everything), or "
                  "enable it yourself" % (plan["scenario"], table.get("display_name") or table.get("id")))]


# -- Azure -------------------------------------------------------------------------------------
def vnet_findings(declared_cidrs, vnet_info, vnet_name):
    """The VNet exists with the prefixes the inventory declares and a GatewaySubnet that fits."""
    if not vnet_info or not vnet_info.get("exists"):
        return [error("vnet", "interconnect_azure_vnet_name", "no VNet %s in the resource group: "
                      "give the VNet to connect, or set interconnect_create_networks: true" % vnet_name)]
    vnet = vnet_info["virtual_network"]
    prefixes = (vnet.get("address_space") or {}).get("address_prefixes") or []
    findings = []
    if not _same_blocks(prefixes, declared_cidrs):
        findings.append(error("vnet", "interconnect_vnet_cidrs", "declared %s, but VNet %s has %s: "
                              "set interconnect_vnet_cidrs to the VNet's prefixes" % (
                                  ", ".join(declared_cidrs), vnet_name, ", ".join(prefixes))))
    findings.extend(gateway_subnet_findings(vnet_info.get("gateway_subnet"), vnet_name))
    return findings


def gateway_subnet_findings(subnet, vnet_name):
    if not subnet:
        return [error("gateway_subnet", "interconnect_azure_vnet_name",
                      "VNet %s has no subnet named GatewaySubnet, where every gateway is deployed: "
                      "add one (/27 or larger) to the VNet" % vnet_name)]
    prefix = subnet.get("address_prefix") or (subnet.get("address_prefixes") or [None])[0]
    length = addresses.parse_network(prefix).prefixlen
    if length > GATEWAY_SUBNET_SMALLEST:
        return [error("gateway_subnet", "interconnect_azure_vnet_name",
                      "the GatewaySubnet of VNet %s is a /%d; a gateway needs at least a /%d "
                      "(/%d or larger recommended): enlarge it" % (
                          vnet_name, length, GATEWAY_SUBNET_SMALLEST, GATEWAY_SUBNET_RECOMMENDED))]
    if length > GATEWAY_SUBNET_RECOMMENDED:
        return [warning("gateway_subnet", "the GatewaySubnet of VNet %s is a /%d; Azure recommends "
                        "/%d or larger" % (vnet_name, length, GATEWAY_SUBNET_RECOMMENDED))]
    return [ok("gateway_subnet", "GatewaySubnet %s" % prefix)]


def _in_gateway_subnet(gateway, subnet):
    subnet_id = (subnet or {}).get("id", "").lower()
    for configuration in gateway.get("ip_configurations") or []:
        if (_get(configuration, "subnet") or {}).get("id", "").lower() == subnet_id and subnet_id:
            return True
    return False


def vnet_gateway_findings(plan, vnet_gateways, vnet_name):
    """A run that creates its gateway: the VNet must not hold another gateway of that type (one
    per type), whose name the inventory should give instead."""
    planned = plan["azure"]["virtual_network_gateway"]
    kind = planned["gateway_type"]
    for gateway in vnet_gateways or []:
        if gateway.get("gateway_type") == kind and gateway.get("name") != planned["name"]:
            return [error("gateway_exists", "interconnect_azure_gateway_name",
                          "VNet %s already has the %s gateway %s (a VNet has one gateway of each "
                          "type; creating %s would fail with VirtualNetworkGatewayOfSameTypeExists): "
                          "set interconnect_azure_gateway_name: %s to use it"
                          % (vnet_name, kind, gateway.get("name"), planned["name"], gateway.get("name")))]
    return []


def gateway_fit_findings(plan, gateway, subnet, vnet_name, add_apipa):
    """The gateway the inventory brings, against what the design needs. Returns (findings, the
    APIPA addresses to add per IP configuration name, {} when none)."""
    name = plan["azure"]["virtual_network_gateway"]["name"]
    planned = plan["azure"]["virtual_network_gateway"]
    if not gateway:
        return [error("gateway", "interconnect_azure_gateway_name",
                      "no virtual network gateway %s in the resource group: give the name of an "
                      "existing gateway, or remove the variable to let the run create one" % name)], {}
    problems = []
    if subnet is not None and not _in_gateway_subnet(gateway, subnet):
        problems.append(error("gateway", "interconnect_azure_gateway_name",
                              "gateway %s is not deployed to the GatewaySubnet of VNet %s" % (name, vnet_name)))
    if gateway.get("gateway_type") != planned["gateway_type"]:
        problems.append(error("gateway", "interconnect_azure_gateway_name", "gateway %s is an %s "
                              "gateway; the %s design needs a %s gateway" % (
                                  name, gateway.get("gateway_type"), plan["scenario"], planned["gateway_type"])))
        return problems, {}
    state = gateway.get("provisioning_state")
    if state != "Succeeded":
        problems.append(error("gateway", "interconnect_azure_gateway_name",
                              "gateway %s is %s; run again once it is Succeeded" % (name, state)))
    if planned["gateway_type"] != "Vpn":
        return problems, {}
    sku = (gateway.get("sku") or {}).get("name")
    if gateway.get("vpn_type") and gateway.get("vpn_type") != "RouteBased":
        problems.append(error("gateway", "interconnect_azure_gateway_name", "gateway %s is %s; "
                              "OCI's IPSec tunnels need a RouteBased gateway" % (name, gateway.get("vpn_type"))))
    if bool(gateway.get("active_active")) != bool(planned["active_active"]):
        problems.append(error("gateway", "interconnect_scenario", "gateway %s is %s, the %s design "
                              "needs an %s gateway: pick the scenario for the gateway you have" % (
                                  name, "active-active" if gateway.get("active_active") else "active-passive",
                                  plan["scenario"], "active-active" if planned["active_active"] else "active-passive")))
    needs_non_basic = planned["enable_bgp"] or planned["active_active"] or \
        not plan["crypto"]["azure"]["use_default_policy"]
    if needs_non_basic and sku in AZURE_NO_CUSTOM_IPSEC_POLICY_SKUS:
        problems.append(error("gateway", "interconnect_azure_gateway_name", "gateway %s has SKU %s, "
                              "which has no BGP, active-active or custom IPsec policy" % (name, sku)))
    additions = {}
    if planned["enable_bgp"]:
        if not gateway.get("enable_bgp"):
            problems.append(error("gateway", "interconnect_azure_gateway_name", "gateway %s has BGP "
                                  "off; the %s design needs BGP" % (name, plan["scenario"])))
        asn = (gateway.get("bgp_settings") or {}).get("asn")
        want = planned["bgp_settings"]["asn"]
        if asn is not None and asn != want:
            problems.append(error("gateway", "interconnect_azure_asn", "gateway %s speaks BGP as "
                                  "ASN %s, the plan as %s: set interconnect_azure_asn: %s" % (name, asn, want, asn)))
        found, additions = apipa_additions(planned, gateway)
        if additions and not add_apipa:
            problems.append(error("gateway", "interconnect_azure_gateway_add_apipa", "gateway %s "
                                  "lacks the APIPA BGP addresses the tunnels use (%s): set "
                                  "interconnect_azure_gateway_add_apipa: true to add them (an update "
                                  "of the gateway), or add them yourself" % (name, found)))
        elif additions:
            problems.append(warning("gateway", "APIPA addresses will be added to gateway %s: %s"
                                    % (name, found), "interconnect_azure_gateway_add_apipa"))
    if not [p for p in problems if p.level == "error"]:
        problems.append(ok("gateway", "gateway %s (%s, %s) fits the %s design and is used as it is"
                           % (name, sku, "active-active" if gateway.get("active_active") else "active-passive",
                              plan["scenario"])))
    return problems, additions


def gateway_configurations(planned, gateway):
    """Planned IP configuration name -> the gateway's, by instance order (a portal-made gateway
    names them ``default`` and ``activeActive``)."""
    actual = [c.get("name") for c in gateway.get("ip_configurations") or []]
    return dict((conf["name"], actual[index]) for index, conf in enumerate(planned["ip_configurations"])
                if index < len(actual))


def custom_apipa(gateway):
    """{IP configuration name, lower case: its custom APIPA addresses} of a gateway read
    (``bgp_settings.bgp_peering_addresses[].ipconfiguration_id`` names the configuration)."""
    have = {}
    for peering in (gateway.get("bgp_settings") or {}).get("bgp_peering_addresses") or []:
        name = (peering.get("ipconfiguration_id") or "").rstrip("/").split("/")[-1].lower()
        have[name] = list(peering.get("custom_bgp_ip_addresses") or [])
    return have


def apipa_additions(planned, gateway):
    """(text naming what is missing, {actual IP configuration name: addresses to add})."""
    names = gateway_configurations(planned, gateway)
    have = custom_apipa(gateway)
    missing, described = {}, []
    for conf in planned["ip_configurations"]:
        actual = names.get(conf["name"])
        lacking = [a for a in conf.get("custom_bgp_ip_addresses") or []
                   if a not in have.get((actual or "").lower(), [])]
        if actual and lacking:
            missing[actual] = lacking
            described.append("%s on %s" % (", ".join(lacking), actual))
    return "; ".join(described), missing


def gateway_adoption(planned, gateway, public_ips):
    """What the building blocks take from a brought gateway: its instances' public IPs under the
    plan's keys, its IP configuration names, and the plan references they fill."""
    names = gateway_configurations(planned, gateway)
    addresses_by_key = {}
    refs = {}
    for index, conf in enumerate(planned["ip_configurations"]):
        if index < len(public_ips):
            addresses_by_key[conf["public_ip"]] = public_ips[index]
        if conf["name"] in names:
            key = ref_key({"cloud": "azure", "kind": "gateway_ip_configuration",
                           "name": conf["name"], "attribute": "name"})
            refs[key] = names[conf["name"]]
    return {"name": gateway.get("name"), "public_ips": addresses_by_key,
            "ip_configurations": names, "refs": refs}


def apipa_update(gateway, additions):
    """The azure_virtual_network_gateway ip_configurations that add ``additions`` to the
    gateway's own (names, public IPs and present APIPA addresses kept), or None."""
    if not additions:
        return None
    have = custom_apipa(gateway)
    configurations = []
    for configuration in gateway.get("ip_configurations") or []:
        name = configuration.get("name")
        present = have.get(name.lower(), [])
        apipa = present + [a for a in additions.get(name, []) if a not in present]
        entry = {"name": name, "public_ip": (configuration.get("public_ip_address") or {}).get("id")}
        if apipa:
            entry["apipa_addresses"] = apipa
        configurations.append(entry)
    return {"ip_configurations": configurations,
            "sku": (gateway.get("sku") or {}).get("name"),
            "active_active": bool(gateway.get("active_active"))}


def errors(findings):
    return [f for f in findings if f.level == "error"]
