# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Limits and allowed values of both clouds that bind the plan, as data, in one place.

Each value names its source; values marked UNVERIFIED are hypotheses from the field notes
(docs/planning.md lists them) and are kept here so they can be corrected in one place.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

SCENARIOS = (
    "vpn_single",
    "vpn_static_active_passive",
    "vpn_static_active_active",
    "vpn_bgp_active_passive",
    "vpn_bgp_active_active",
    "fastconnect_expressroute",
)
VPN_SCENARIOS = SCENARIOS[:5]
BGP_VPN_SCENARIOS = ("vpn_single", "vpn_bgp_active_passive", "vpn_bgp_active_active")
STATIC_VPN_SCENARIOS = ("vpn_static_active_passive", "vpn_static_active_active")
ACTIVE_ACTIVE_SCENARIOS = ("vpn_static_active_active", "vpn_bgp_active_active")

# Azure: custom APIPA BGP addresses must lie in 169.254.21.0 - 169.254.22.255
# (Azure VPN gateway "BGP with APIPA" documentation; field facts section 4).
APIPA_FIRST = "169.254.21.0"
APIPA_LAST = "169.254.22.255"
DEFAULT_APIPA_POOL = "169.254.21.0/24"

# ASNs. Oracle 31898 is the commercial realm's (other realms differ); 65515 is the VNG default.
DEFAULT_ORACLE_ASN = 31898
DEFAULT_AZURE_ASN = 65515
MICROSOFT_EXPRESSROUTE_ASN = 12076  # Microsoft's side of ExpressRoute private peering.
# Reserved ASNs Azure rejects for a peer (LNG) or a custom gateway ASN (field facts section 4).
AZURE_RESERVED_ASN_RANGES = (
    (8074, 8074, "Azure public"),
    (8075, 8075, "Azure public"),
    (12076, 12076, "Azure public"),
    (65515, 65515, "Azure private (VPN gateway default)"),
    (65517, 65520, "Azure private"),
    (23456, 23456, "AS_TRANS (RFC 6793)"),
    (64496, 64511, "documentation (RFC 5398)"),
    (65535, 65551, "reserved/documentation (RFC 7300, RFC 5398)"),
    (4294967295, 4294967295, "reserved (RFC 7300)"),
)
ASN_MIN = 1
ASN_MAX = 4294967295

# OCI IPSec: inside tunnel addresses are /30 or /31 (OCI CreateIPSecTunnelBgpSessionDetails).
INSIDE_PREFIX_LENGTHS = (30, 31)
# OCI: static routes per IPSec connection (OCI IPSec connection limits).
OCI_MAX_STATIC_ROUTES = 10
# OCI shared secret: only letters, digits and spaces (OCI CreateIPSecConnectionTunnelDetails);
# OCI documents at most 255 characters.
OCI_SECRET_PATTERN = r"^[A-Za-z0-9 ]+$"
OCI_SECRET_MAX = 255
# Azure connection sharedKey: at most 128 printable ASCII characters.
AZURE_SECRET_MAX = 128

# Azure VPN gateway SKUs. Basic: no BGP, no active-active, no custom IPsec policy.
AZURE_VPN_SKUS = (
    "Basic", "VpnGw1", "VpnGw2", "VpnGw3", "VpnGw4", "VpnGw5",
    "VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ",
)
AZURE_VPN_SKUS_RETIRING = ("VpnGw1", "VpnGw2", "VpnGw3", "VpnGw4", "VpnGw5")
# Generation per SKU: VpnGw1 exists only as Generation1, VpnGw4/5 only as Generation2; for
# VpnGw2/3 Generation2 is the one with more throughput.
AZURE_VPN_GENERATION = {
    "Basic": "Generation1", "VpnGw1": "Generation1", "VpnGw1AZ": "Generation1",
    "VpnGw2": "Generation2", "VpnGw2AZ": "Generation2", "VpnGw3": "Generation2",
    "VpnGw3AZ": "Generation2", "VpnGw4": "Generation2", "VpnGw4AZ": "Generation2",
    "VpnGw5": "Generation2", "VpnGw5AZ": "Generation2",
}
DEFAULT_VPN_SKU = "VpnGw1AZ"
AZURE_ER_GATEWAY_SKUS = (
    "Standard", "HighPerformance", "UltraPerformance", "ErGw1AZ", "ErGw2AZ", "ErGw3AZ", "ErGwScale",
)
# FastPath (expressRouteGatewayBypass) needs one of these (field facts sections 3 and 4).
AZURE_FASTPATH_SKUS = ("UltraPerformance", "ErGw3AZ")
DEFAULT_ER_GATEWAY_SKU = "ErGw3AZ"
AZURE_DEFAULT_DPD_TIMEOUT = 45

# FastConnect <-> ExpressRoute: FastConnect offers 1, 2, 5, 10 Gbps and the ExpressRoute
# circuit must match (Microsoft's OCI interconnect guide).
BANDWIDTHS_GBPS = (1, 2, 5, 10)
VLAN_MIN = 1
VLAN_MAX = 4094
DEFAULT_VLAN = 100
DEFAULT_FASTCONNECT_POOL = "192.168.255.0/24"
OCI_FASTCONNECT_PROVIDER = "Microsoft Azure"
AZURE_ER_PROVIDER = "Oracle Cloud FastConnect"
ER_SKU_TIERS = ("Standard", "Premium")
ER_SKU_FAMILIES = ("MeteredData", "UnlimitedData")

# OCI tunnel settings that make the Azure pairing work: Azure does not initiate BGP from APIPA
# addresses, so OCI must be allowed to initiate (field facts section 4).
OCI_ORACLE_INITIATION = "INITIATOR_OR_RESPONDER"
OCI_NAT_TRANSLATION = "AUTO"
OCI_DPD_MODE = "INITIATE_AND_RESPOND"
OCI_DPD_TIMEOUT = 20
OCI_IKE_VERSION = "V2"
AZURE_CONNECTION_PROTOCOL = "IKEv2"

SHARED_SECRET_POLICIES = ("from_oci", "given", "generated")
SECRET_SEED_MIN = 16

# Names: letters, digits and hyphens are safe in both clouds' resource names; Azure allows at
# most 80 characters and the longest suffix the plan adds is 19.
NAME_PREFIX_PATTERN = r"^[A-Za-z](?:[A-Za-z0-9-]{0,38}[A-Za-z0-9])?$"
NAME_PREFIX_MAX = 40
