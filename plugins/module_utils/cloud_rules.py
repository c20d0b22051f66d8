# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The clouds' documented rules, as data, in one place: the planner and the modules read this.

Every value names its source in a comment. A value no source confirmed carries ``# unverified``
and is listed in :data:`UNVERIFIED` (rule name -> why), so it can be corrected in one place.
The twin keeps its own table (``emulator/rules.py``) written from the same documents; a unit
test compares the two.

Crypto tokens are canonical lower-case strings both clouds' vocabularies reduce to:
encryption "aes256-cbc", "aes192-cbc", "aes128-cbc", "3des", "des", "aes256-gcm", "aes192-gcm",
"aes128-gcm"; integrity "sha1", "sha256", "sha384", "md5", "gcm" (GCM's own integrity); DH/PFS
groups "group1", "group2", "group5", "group14", "group19", "group20", "group24", or None (no PFS).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# ================================================================================================
# IKE/IPsec: Azure's default policy as proposal tuples
# Source: MicrosoftDocs azure-docs, articles/vpn-gateway/vpn-gateway-about-vpn-devices.md, "IKE
# Phase 1 (Main Mode) parameters" (RouteBased column) and "RouteBased VPN IPsec Security
# Association (IKE Quick Mode SA) Offers" (read in the repository; the tuples below are its rows,
# in its order of preference); vpn-gateway-about-compliance-crypto.md ("Default policy"). Field
# facts section 4 (CORRECTED).
# ================================================================================================

# Main mode (IKE SA): (encryption, integrity, dh_group). DH group 2 only.
AZURE_DEFAULT_MAIN_MODE = (
    ("aes256-cbc", "sha1", "group2"),
    ("aes256-cbc", "sha256", "group2"),
    ("aes128-cbc", "sha1", "group2"),
    ("aes128-cbc", "sha256", "group2"),
    ("3des", "sha1", "group2"),
    ("3des", "sha256", "group2"),
)

# Quick mode (child SA), Azure as initiator: (encryption, integrity, pfs_group). Azure never
# proposes PFS with its default policy.
AZURE_DEFAULT_QUICK_MODE_INITIATOR = (
    ("aes256-gcm", "gcm", None),
    ("aes256-cbc", "sha1", None),
    ("3des", "sha1", None),
    ("aes256-cbc", "sha256", None),
    ("aes128-cbc", "sha1", None),
    ("3des", "sha256", None),
)

# Quick mode, Azure as responder: the initiator's six, DES/SHA1, and CBC rows with PFS. GCM is
# accepted only without PFS.
AZURE_DEFAULT_QUICK_MODE_RESPONDER = AZURE_DEFAULT_QUICK_MODE_INITIATOR + (
    ("des", "sha1", None),
    ("aes256-cbc", "sha1", "group1"),
    ("aes256-cbc", "sha1", "group2"),
    ("aes256-cbc", "sha1", "group14"),
    ("aes128-cbc", "sha1", "group1"),
    ("aes128-cbc", "sha1", "group2"),
    ("aes128-cbc", "sha1", "group14"),
    ("3des", "sha1", "group1"),
    ("3des", "sha1", "group2"),
    ("3des", "sha256", "group2"),
    ("aes256-cbc", "sha256", "group1"),
    ("aes256-cbc", "sha256", "group2"),
    ("aes256-cbc", "sha256", "group14"),
    ("aes256-cbc", "sha1", "group24"),
    ("aes256-cbc", "sha256", "group24"),
    ("aes128-cbc", "sha256", None),
    ("aes128-cbc", "sha256", "group1"),
    ("aes128-cbc", "sha256", "group2"),
    ("aes128-cbc", "sha256", "group14"),
    ("3des", "sha1", "group14"),
)

# Lifetimes of Azure's default policy (vpn-gateway-about-vpn-devices.md: main mode SA lifetime
# 28,800 seconds, quick mode SA lifetime 27,000 seconds).
AZURE_DEFAULT_MAIN_MODE_LIFETIME = 28800
AZURE_DEFAULT_QUICK_MODE_LIFETIME = 27000

# ================================================================================================
# IKE/IPsec: OCI
# Source: Oracle docs, "Supported IPSec Parameters" (Network/Reference/supportedIPsecparams.htm);
# oci-python-sdk src/oci/core/models/phase_one_config_details.py, phase_two_config_details.py.
# ================================================================================================

OCI_DEFAULT_PHASE_ONE_LIFETIME = 28800   # seconds (Supported IPSec Parameters)
OCI_DEFAULT_PHASE_TWO_LIFETIME = 3600    # seconds (Supported IPSec Parameters)
OCI_DEFAULT_PFS_GROUP = "group5"         # PFS enabled, group 5, by default (idem)

# OCI's default proposals (canonical tokens): with no custom phase one/two OCI proposes/accepts
# every supported value; phase two with PFS group 5. Expressed as tuples for the comparison.
OCI_PHASE_ONE_ENCRYPTION = {"AES_256_CBC": "aes256-cbc", "AES_192_CBC": "aes192-cbc",
                            "AES_128_CBC": "aes128-cbc"}
OCI_PHASE_ONE_AUTHENTICATION = {"SHA2_384": "sha384", "SHA2_256": "sha256", "SHA1_96": "sha1"}
OCI_DH_GROUPS = {"GROUP2": "group2", "GROUP5": "group5", "GROUP14": "group14",
                 "GROUP19": "group19", "GROUP20": "group20", "GROUP24": "group24"}
OCI_PHASE_TWO_ENCRYPTION = {"AES_256_GCM": "aes256-gcm", "AES_192_GCM": "aes192-gcm",
                            "AES_128_GCM": "aes128-gcm", "AES_256_CBC": "aes256-cbc",
                            "AES_192_CBC": "aes192-cbc", "AES_128_CBC": "aes128-cbc"}
OCI_PHASE_TWO_AUTHENTICATION = {"HMAC_SHA2_256_128": "sha256", "HMAC_SHA1_128": "sha1"}


def _oci_default_phase_one():
    return tuple((e, i, g) for e in OCI_PHASE_ONE_ENCRYPTION.values()
                 for i in OCI_PHASE_ONE_AUTHENTICATION.values() for g in OCI_DH_GROUPS.values())


def _oci_default_phase_two():
    out = []
    for enc in OCI_PHASE_TWO_ENCRYPTION.values():
        integrities = ("gcm",) if enc.endswith("-gcm") else tuple(OCI_PHASE_TWO_AUTHENTICATION.values())
        for integ in integrities:
            out.append((enc, integ, OCI_DEFAULT_PFS_GROUP))
    return tuple(out)


OCI_DEFAULT_PHASE_ONE = _oci_default_phase_one()
OCI_DEFAULT_PHASE_TWO = _oci_default_phase_two()

# ================================================================================================
# IKE/IPsec: Azure custom policy vocabulary (REST spec Microsoft.Network stable 2024-05-01,
# network.json / virtualNetworkGateway.json IpsecPolicy enums; vpn-gateway ipsec-ike-policy-howto)
# ================================================================================================
AZURE_IKE_ENCRYPTION = {"AES256": "aes256-cbc", "AES192": "aes192-cbc", "AES128": "aes128-cbc",
                        "DES3": "3des", "DES": "des", "GCMAES256": "aes256-gcm",
                        "GCMAES128": "aes128-gcm"}
AZURE_IKE_INTEGRITY = {"SHA384": "sha384", "SHA256": "sha256", "SHA1": "sha1", "MD5": "md5",
                       "GCMAES256": "gcm-aes256", "GCMAES128": "gcm-aes128"}
AZURE_DH_GROUPS = {"DHGroup1": "group1", "DHGroup2": "group2", "DHGroup14": "group14",
                   "DHGroup2048": "group14", "ECP256": "group19", "ECP384": "group20",
                   "DHGroup24": "group24", "None": None}
AZURE_IPSEC_ENCRYPTION = {"AES256": "aes256-cbc", "AES192": "aes192-cbc", "AES128": "aes128-cbc",
                          "GCMAES256": "aes256-gcm", "GCMAES192": "aes192-gcm",
                          "GCMAES128": "aes128-gcm", "DES3": "3des", "DES": "des", "None": "none"}
# With GCM, Azure requires the integrity to be the same GCM value as the encryption
# (ipsec-ike-policy-howto, note under "Cryptographic algorithms & key strengths").
AZURE_IPSEC_INTEGRITY = {"SHA256": "sha256", "SHA1": "sha1", "MD5": "md5", "GCMAES256": "gcm",
                         "GCMAES192": "gcm", "GCMAES128": "gcm"}
AZURE_PFS_GROUPS = {"PFS1": "group1", "PFS2": "group2", "PFS2048": "group14", "PFS14": "group14",
                    "ECP256": "group19", "ECP384": "group20", "PFS24": "group24", "None": None,
                    "PFSMM": "mm"}
# SA lifetime minimum 300 s, data size minimum 1024 KB (ipsec-ike-policy-howto).
AZURE_SA_LIFETIME_MIN = 300
AZURE_SA_DATA_SIZE_MIN = 1024
AZURE_SA_DATA_SIZE_DEFAULT = 102400000  # the default policy's quick-mode data size (about-vpn-devices)
# Custom IPsec/IKE policies need one of these SKUs (ipsec-ike-policy-howto, "Considerations").
AZURE_NO_CUSTOM_IPSEC_POLICY_SKUS = ("Basic",)

# ================================================================================================
# BGP and addressing
# ================================================================================================
# Custom APIPA BGP addresses: 169.254.21.0 - 169.254.22.255 (vpn-gateway bgp-howto / "About BGP",
# "APIPA BGP addresses").
APIPA_FIRST = "169.254.21.0"
APIPA_LAST = "169.254.22.255"
# ASNs Azure rejects for a VPN gateway or a local network gateway (vpn-gateway-bgp-overview.md,
# "Are there ASNs reserved by Azure?"); 23456, 64496-64511, 65535-65551, 4294967295 are IANA
# reserved (RFC 6793, RFC 5398, RFC 7300) and Azure refuses them too.
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
AZURE_DEFAULT_VNG_ASN = 65515           # vpn-gateway-bgp-overview.md ("default ASN 65515")
ORACLE_BGP_ASN = 31898                  # OCI docs "Oracle BGP ASN", commercial realm
MICROSOFT_EXPRESSROUTE_ASN = 12076      # expressroute-routing.md (Microsoft's ASN)

# OCI IPSec inside tunnel addresses: /30 or /31 (oci SDK CreateIPSecTunnelBgpSessionDetails).
OCI_INSIDE_PREFIX_LENGTHS = (30, 31)
# OCI: at most 10 static routes per IPSec connection (oci SDK CreateIPSecConnectionDetails).
OCI_MAX_STATIC_ROUTES = 10
# OCI shared secret: letters, digits and spaces only, at most 255 characters
# (oci SDK CreateIPSecConnectionTunnelDetails.shared_secret).
OCI_SECRET_PATTERN = r"^[A-Za-z0-9 ]+$"
OCI_SECRET_MAX = 255
# Azure connection sharedKey: at most 128 printable ASCII characters (REST spec
# virtualNetworkGateway.json; vpn-gateway FAQ).
AZURE_SECRET_MAX = 128
# Azure DPD timeout default 45 s (REST spec VirtualNetworkGatewayConnection dpdTimeoutSeconds).
AZURE_DEFAULT_DPD_TIMEOUT = 45

# ================================================================================================
# Gateway SKUs
# ================================================================================================
# VPN gateway SKUs (vpn-gateway-about-vpngateways.md, "Gateway SKUs"; REST spec
# VirtualNetworkGatewaySkuName).
AZURE_VPN_SKUS = (
    "Basic", "VpnGw1", "VpnGw2", "VpnGw3", "VpnGw4", "VpnGw5",
    "VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ",
)
# Non-AZ VpnGw1-5 cannot be created since 2025-01-01; existing ones keep working and are migrated
# to the AZ SKUs, the non-AZ SKUs retire on 2026-09-30 (vpn-gateway gateway-sku-consolidation.md,
# whats-new.md "SKU Consolidation"). ARM refuses a create with NonAzSkusNotAllowedForVPNGateway,
# and an AZ gateway whose Standard public IPs have no zones with
# VmssVpnGatewayPublicIpsMustHaveZonesConfigured (error texts quoted in public deployment notes).
AZURE_VPN_SKUS_NO_CREATE = ("VpnGw1", "VpnGw2", "VpnGw3", "VpnGw4", "VpnGw5")
AZURE_VPN_SKUS_NO_CREATE_SINCE = "2025-01-01"
# The AZ SKU each retired one maps to (gateway-sku-consolidation.md, migration table).
AZURE_VPN_SKU_AZ_EQUIVALENT = {
    "VpnGw1": "VpnGw1AZ", "VpnGw2": "VpnGw2AZ", "VpnGw3": "VpnGw3AZ",
    "VpnGw4": "VpnGw4AZ", "VpnGw5": "VpnGw5AZ",
}
# Generations each VPN SKU exists in (vpn-gateway-about-vpn-gateway-settings.md, "Gateway SKUs by
# tunnel, connection, and throughput").
AZURE_VPN_SKU_GENERATIONS = {
    "Basic": ("Generation1",),
    "VpnGw1": ("Generation1",), "VpnGw1AZ": ("Generation1",),
    "VpnGw2": ("Generation1", "Generation2"), "VpnGw2AZ": ("Generation1", "Generation2"),
    "VpnGw3": ("Generation1", "Generation2"), "VpnGw3AZ": ("Generation1", "Generation2"),
    "VpnGw4": ("Generation2",), "VpnGw4AZ": ("Generation2",),
    "VpnGw5": ("Generation2",), "VpnGw5AZ": ("Generation2",),
}
# ExpressRoute gateway SKUs (expressroute gateway-migration.md, "Available SKUs").
AZURE_ER_GATEWAY_SKUS = (
    "Standard", "HighPerformance", "UltraPerformance", "ErGw1AZ", "ErGw2AZ", "ErGw3AZ", "ErGwScale",
)
# Availability-zone SKUs, which take zone-redundant Standard public IPs (gateway-migration.md
# "Availability Zone-Enabled SKUs"; vpn-gateway about-zone-redundant-vnet-gateways.md).
AZURE_AZ_GATEWAY_SKUS = (
    "VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ",
    "ErGw1AZ", "ErGw2AZ", "ErGw3AZ", "ErGwScale",
)
AZURE_ZONE_REDUNDANT_ZONES = ("1", "2", "3")
# FastPath (expressRouteGatewayBypass) needs one of these (expressroute about-fastpath.md,
# "Gateways"; expressroute scalable-gateway.md).
AZURE_FASTPATH_SKUS = ("UltraPerformance", "ErGw3AZ", "ErGwScale")
# ErGwScale supports FastPath only with at least 10 scale units (scalable-gateway.md).
AZURE_FASTPATH_MIN_SCALE_UNITS = 10
# ErGwScale scale units: 1 to 40; min = max is a fixed size, autoscaling (min < max) needs a
# minimum of 2 or more (Microsoft Learn, expressroute scalable-gateway, "Autoscaling vs. fixed
# scale unit").
AZURE_ER_SCALE_UNITS_MIN = 1
AZURE_ER_SCALE_UNITS_MAX = 40
AZURE_ER_AUTOSCALE_MIN_UNITS = 2

# ================================================================================================
# ExpressRoute circuits and FastConnect
# ================================================================================================
# FastConnect to Microsoft Azure offers 1, 2, 5, 10 Gbps; the ExpressRoute circuit should match
# (configure-azure-oci-networking.md, step 1).
BANDWIDTHS_GBPS = (1, 2, 5, 10)
VLAN_MIN = 1
VLAN_MAX = 4094
OCI_FASTCONNECT_PROVIDER = "Microsoft Azure"   # FastConnectProviderService.providerName
AZURE_ER_PROVIDER = "Oracle Cloud FastConnect"  # ExpressRouteServiceProvider name
# Circuit SKU tiers and families (REST spec ExpressRouteCircuitSkuTier / ...SkuFamily).
ER_SKU_TIERS = ("Standard", "Premium", "Local")
ER_SKU_FAMILIES = ("MeteredData", "UnlimitedData")
# ExpressRoute Local is offered with the unlimited data plan only (expressroute-faq.md,
# "ExpressRoute Local": "Local ... available in unlimited data plan"; expressroute-about-sku).
ER_LOCAL_REQUIRES_FAMILY = "UnlimitedData"
# With Oracle as provider the VLAN of the private peering is the provider's (oci SDK
# CrossConnectMapping.vlan: "the provider if the customer is connecting via provider"), and the
# peering is configured from the FastConnect side (configure-azure-oci-networking.md).
FASTCONNECT_AZURE_PROVIDER_ASSIGNS_VLAN = True

# Static routing: several connections of one VPN gateway with overlapping local-network prefixes
# are supported only with BGP (seed; Microsoft Learn vpn-gateway-highlyavailable, "Multiple
# on-premises VPN devices").  # unverified (the exact sentence was not read)
AZURE_STATIC_OVERLAP_DOC = ("Microsoft Learn, vpn-gateway-highlyavailable, \"Multiple on-premises "
                            "VPN devices\"")

# OCI region -> where Oracle Interconnect for Azure pairs it: Azure region and ExpressRoute
# peering location(s). Source: Oracle docs "Access to Microsoft Azure" / "Interconnect for Azure"
# (iaas/Content/Network/Concepts/azure.htm, "Availability"), read 2026-12-03; the first five pairs
# also in MicrosoftDocs azure-docs oracle-oci-overview.md ("Region Availability"). Pairs added
# later go in the planner's ``expressroute_peering_locations`` override.
ORACLE_AZURE_INTERCONNECT_SOURCE = ("Oracle docs, Interconnect for Azure (Access to Microsoft Azure), "
                                    "Availability tables; read 2026-12-03")
ORACLE_AZURE_INTERCONNECT = {
    "us-ashburn-1": {"azure_region": "eastus", "peering_locations": ("Washington DC",)},
    "uk-london-1": {"azure_region": "uksouth", "peering_locations": ("London",)},
    "ca-toronto-1": {"azure_region": "canadacentral", "peering_locations": ("Toronto",)},
    "eu-amsterdam-1": {"azure_region": "westeurope", "peering_locations": ("Amsterdam2",)},
    "ap-tokyo-1": {"azure_region": "japaneast", "peering_locations": ("Tokyo",)},
    "ap-singapore-1": {"azure_region": "southeastasia", "peering_locations": ("Singapore",)},
    "ap-seoul-1": {"azure_region": "koreacentral", "peering_locations": ("Seoul",)},
    "eu-frankfurt-1": {"azure_region": "germanywestcentral", "peering_locations": ("Frankfurt",)},  # unverified
    "us-sanjose-1": {"azure_region": "westus", "peering_locations": ("Silicon Valley",)},  # unverified
    "us-phoenix-1": {"azure_region": "westus3", "peering_locations": ("Phoenix",)},  # unverified
    "us-chicago-1": {"azure_region": "northcentralus", "peering_locations": ("Chicago",)},  # unverified
    "ap-osaka-1": {"azure_region": "japanwest", "peering_locations": ("Osaka",)},  # unverified
    "sa-vinhedo-1": {"azure_region": "brazilsouth", "peering_locations": ("Sao Paulo",)},  # unverified
    "af-johannesburg-1": {"azure_region": "southafricanorth", "peering_locations": ("Johannesburg",)},  # unverified
    "eu-zurich-1": {"azure_region": "switzerlandnorth", "peering_locations": ("Zurich",)},  # unverified
}

# ================================================================================================
# GatewaySubnet size: every virtual network gateway is deployed to the subnet named exactly
# GatewaySubnet; Microsoft Learn (About VPN Gateway configuration settings, Gateway subnet)
# recommends /27 or larger; /29 as the smallest a gateway deploys to is the older text.
# ================================================================================================
AZURE_GATEWAY_SUBNET_RECOMMENDED_PREFIX = 27
AZURE_GATEWAY_SUBNET_SMALLEST_PREFIX = 29  # unverified

# ================================================================================================
# What no source confirmed (rule name -> why); docs/planning.md lists these too.
# ================================================================================================
UNVERIFIED = {
    "AZURE_GATEWAY_SUBNET_SMALLEST_PREFIX": "the /29 minimum is the older documentation's; the "
                                            "current page was read for the /27 recommendation only "
                                            "(the preflight fails below /29 and warns below /27)",
    "AZURE_STATIC_OVERLAP_DOC": "the seed states it; the sentence in vpn-gateway-highlyavailable "
                                "was not read (the planner only warns)",
    "ORACLE_AZURE_INTERCONNECT": "the pairs marked '# unverified' (Frankfurt, San Jose, Phoenix, "
                                 "Chicago, Osaka, Vinhedo, Johannesburg, Zurich) were not read row "
                                 "by row on Oracle's page; the first five pairs are in Microsoft's "
                                 "oracle-oci-overview.md (region names; the peering location "
                                 "'Amsterdam2' is the ExpressRoute location's name), Tokyo, Singapore "
                                 "and Seoul in Oracle's APAC table. Regions Oracle added later (and "
                                 "any second location per region) go in the planner's override",
}
