"""The clouds' documented values, limits and defaults, as data, in one place.

Sources are named per table (see also docs/emulator.md and shared field facts, "FF n" below =
section n of ../shared/notes/field-facts.md). Rules no source confirms carry ``# unverified`` and a
row in the one ``UNVERIFIED`` table at the end (docs/emulator-model.md lists it); correct a value
here and everything follows.
"""

# --- identities -------------------------------------------------------------------------------
OCI_REGION = "us-ashburn-1"
ORACLE_BGP_ASN = 31898                 # commercial realm (OCI docs: "Oracle BGP ASN")
AZURE_DEFAULT_VNG_ASN = 65515          # Azure VPN gateway default ASN (Microsoft Learn, VPN Gateway BGP FAQ)
AZURE_LOCATION = "eastus"              # the twin's identity (its region), not a cloud rule

# --- realistic provisioning durations in seconds, multiplied by --time-scale ------------------
# FF 4 "Realistic provisioning times" (VNG 25-45 min, connection 1-5 min, OCI IPSec connection a few
# minutes, FastConnect minutes after the provider side, ER circuit 1-2 min); values inside those
# ranges, the rest the twin's choice.
DURATIONS = {
    # OCI
    "oci.vcn.create": 10,
    "oci.vcn.delete": 10,
    "oci.drg.create": 60,
    "oci.drg.delete": 60,
    "oci.drgAttachment.create": 30,
    "oci.drgAttachment.delete": 30,
    "oci.drgRouteTable.create": 5,
    "oci.ipsecConnection.create": 180,
    "oci.ipsecConnection.delete": 60,
    "oci.ipsecTunnel.update": 60,           # changing routing/BGP/secret re-provisions the tunnel
    "oci.virtualCircuit.verify": 30,        # PENDING_PROVIDER -> VERIFYING once the provider matches
    "oci.virtualCircuit.provision": 240,    # PROVISIONING -> PROVISIONED
    "oci.virtualCircuit.delete": 60,
    # Azure
    "azure.virtualNetwork.create": 10,
    "azure.publicIPAddress.create": 5,
    "azure.virtualNetworkGateway.create": 1800,   # 25-45 minutes in the field
    "azure.virtualNetworkGateway.update": 900,
    "azure.virtualNetworkGateway.delete": 600,
    "azure.localNetworkGateway.create": 30,
    "azure.connection.create": 120,
    "azure.connection.delete": 60,
    "azure.expressRouteCircuit.create": 90,
    "azure.expressRouteCircuit.delete": 60,
    # The provider (Oracle) deprovisions the ER circuit after its virtual circuit is deleted:
    # serviceProviderProvisioningState Deprovisioning -> NotProvisioned. unverified: see UNVERIFIED.
    "azure.expressRouteCircuit.deprovision": 120,
    "azure.peering.create": 60,
    "azure.action": 15,                     # POST actions (getBgpPeerStatus, ARP/route tables)
    "azure.default.create": 5,
    "azure.default.delete": 5,
}

# --- OCI enums (oci SDK models; emit only values the SDK knows) --------------------------------
# oracle/oci-python-sdk src/oci/core/models (allowed values of PhaseOneConfigDetails,
# PhaseTwoConfigDetails, CreateIPSecConnectionTunnelDetails...), lifetimes and PFS default: Oracle
# "Supported IPSec Parameters" (FF 2).
OCI_PHASE_ONE_AUTH = ["SHA2_384", "SHA2_256", "SHA1_96"]
OCI_PHASE_ONE_ENCRYPTION = ["AES_256_CBC", "AES_192_CBC", "AES_128_CBC"]
OCI_DH_GROUPS = ["GROUP2", "GROUP5", "GROUP14", "GROUP19", "GROUP20", "GROUP24"]
OCI_PHASE_TWO_AUTH = ["HMAC_SHA2_256_128", "HMAC_SHA1_128"]
OCI_PHASE_TWO_ENCRYPTION = [
    "AES_256_GCM", "AES_192_GCM", "AES_128_GCM", "AES_256_CBC", "AES_192_CBC", "AES_128_CBC",
]
OCI_PHASE_ONE_LIFETIME_DEFAULT = 28800
OCI_PHASE_TWO_LIFETIME_DEFAULT = 3600
OCI_DEFAULT_PFS_GROUP = "GROUP5"        # OCI enables PFS with group 5 by default
OCI_ROUTING = ["BGP", "STATIC", "POLICY"]
OCI_IKE_VERSIONS = ["V1", "V2"]
OCI_DPD_MODES = ["INITIATE_AND_RESPOND", "RESPOND_ONLY"]
OCI_DPD_TIMEOUT_DEFAULT = 20
OCI_ORACLE_INITIATION = ["INITIATOR_OR_RESPONDER", "RESPONDER_ONLY"]
OCI_NAT_TRANSLATION = ["ENABLED", "DISABLED", "AUTO"]
OCI_MAX_STATIC_ROUTES = 10
OCI_SHARED_SECRET_PATTERN = r"^[A-Za-z0-9 ]{1,255}$"   # letters, digits and spaces only
OCI_VPN_IP_POOL = "129.146.0.0/16"     # where the twin draws Oracle VPN headend IPs from
# CPE device shapes (GET /cpeDeviceShapes): a subset of OCI's catalogue; the twin gives each a
# stable OCID derived from vendor + version.
OCI_CPE_DEVICE_SHAPES = [
    {"vendor": "Other", "platformSoftwareVersion": "N/A"},
    {"vendor": "Libreswan", "platformSoftwareVersion": "3.18 or later"},
    {"vendor": "Cisco", "platformSoftwareVersion": "ASA Route Based 9.7.1 or later"},
    {"vendor": "Fortinet", "platformSoftwareVersion": "FortiOS 6.0.4 or later"},
    {"vendor": "Palo Alto", "platformSoftwareVersion": "PAN-OS 8.0.0 or later"},
]
# Questions a CPE device shape's template asks (GetCpeDeviceShape "parameters", answered through
# UpdateTunnelCpeDeviceConfig). The SDK's CpeDeviceConfigQuestion shape; the keys are illustrative.
OCI_CPE_DEVICE_QUESTIONS = [
    {"key": "cpe-public-ip", "displayName": "CPE public IP address",
     "explanation": "The public IP address the CPE uses for IKE."},
    {"key": "outside-interface", "displayName": "Outside interface",
     "explanation": "The CPE interface that faces the internet."},
]
# Addresses a public CPE (isPrivate false) may not have. unverified: see UNVERIFIED
OCI_CPE_REFUSED_BLOCKS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]

# FastConnectProviderService fields (oci SDK model); the Microsoft Azure row per Oracle "Interconnect
# for Azure" (provider-managed ASN, customer-managed service key = the ER service key, 2 links).
OCI_FASTCONNECT_PROVIDERS = [
    {"providerName": "Microsoft Azure", "providerServiceName": "ExpressRoute",
     "type": "LAYER3", "supportedVirtualCircuitTypes": ["PRIVATE"],
     "privatePeeringBgpManagement": "ORACLE_MANAGED", "publicPeeringBgpManagement": "ORACLE_MANAGED",
     "customerAsnManagement": "PROVIDER_MANAGED", "providerServiceKeyManagement": "CUSTOMER_MANAGED",
     "bandwithShapeManagement": "CUSTOMER_MANAGED", "requiredTotalCrossConnects": 2,
     "description": "Oracle Interconnect for Microsoft Azure"},
    {"providerName": "Equinix", "providerServiceName": "Equinix Fabric",
     "type": "LAYER2", "supportedVirtualCircuitTypes": ["PRIVATE", "PUBLIC"],
     "privatePeeringBgpManagement": "CUSTOMER_MANAGED", "publicPeeringBgpManagement": "ORACLE_MANAGED",
     "customerAsnManagement": "CUSTOMER_MANAGED", "providerServiceKeyManagement": "PROVIDER_MANAGED",
     "bandwithShapeManagement": "CUSTOMER_MANAGED", "requiredTotalCrossConnects": 1,
     "description": "Equinix Fabric"},
]
# FastConnect to Azure: 1, 2, 5, 10 Gbps (FF 1, Microsoft Learn configure-azure-oci-networking).
OCI_BANDWIDTH_SHAPES = [
    {"name": "1 Gbps", "bandwidthInMbps": 1000},
    {"name": "2 Gbps", "bandwidthInMbps": 2000},
    {"name": "5 Gbps", "bandwidthInMbps": 5000},
    {"name": "10 Gbps", "bandwidthInMbps": 10000},
]

# --- Azure -----------------------------------------------------------------------------------
# Microsoft Learn, bgp-howto / VPN Gateway BGP FAQ: custom Azure APIPA BGP addresses lie in
# 169.254.21.0 - 169.254.22.255.
APIPA_RANGE = ("169.254.21.0", "169.254.22.255")
# bgp-howto: the gateway peers from a custom APIPA address only when the local network gateway's BGP
# peer address is itself APIPA (link-local 169.254.0.0/16, RFC 3927); otherwise from its default
# GatewaySubnet address.
APIPA_LINK_LOCAL = "169.254.0.0/16"
# Microsoft Learn, VPN Gateway BGP FAQ ("Are there ASNs reserved by Azure?"): Azure public 8074,
# 8075, 12076; Azure private 65515, 65517-65520; IANA 23456, 64496-64511, 65535-65551, 4294967295.
AZURE_RESERVED_ASNS = (
    [8074, 8075, 12076, 65515, 65517, 65518, 65519, 65520, 23456, 4294967295]
    + list(range(64496, 64512))
    + list(range(65535, 65552))
)
# VirtualNetworkGatewaySkuName (REST spec virtualNetworkGateway.json 2024-05-01; FF 3).
AZURE_VPN_SKUS = [
    "Basic", "VpnGw1", "VpnGw2", "VpnGw3", "VpnGw4", "VpnGw5",
    "VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ",
]
# Microsoft Learn, gateway-sku-consolidation (VPN Gateway SKU consolidation and migration): since
# 1 January 2025 new non-AZ VpnGw1-5 gateways cannot be created; existing ones keep working.
AZURE_VPN_SKUS_NO_CREATE = ("VpnGw1", "VpnGw2", "VpnGw3", "VpnGw4", "VpnGw5")
AZURE_ER_SKUS = ["Standard", "HighPerformance", "UltraPerformance", "ErGw1AZ", "ErGw2AZ", "ErGw3AZ", "ErGwScale"]
# Microsoft Learn, about zone-redundant virtual network gateways: AZ (zone-redundant/zonal)
# gateway SKUs take Standard SKU public IP addresses only.
AZURE_SKUS_NEEDING_STANDARD_PUBLIC_IP = ("VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ",
                                         "ErGw1AZ", "ErGw2AZ", "ErGw3AZ")
# FastPath (expressRouteGatewayBypass): Microsoft Learn, "About ExpressRoute FastPath" and
# "scalable ExpressRoute gateway": UltraPerformance, ErGw3AZ, or ErGwScale with at least 10 scale
# units (properties.autoScaleConfiguration.bounds.min, azure-mgmt-network
# VirtualNetworkGatewayAutoScaleBounds; REST spec virtualNetworkGateway.json).
AZURE_FASTPATH_SKUS = ("UltraPerformance", "ErGw3AZ", "ErGwScale")
AZURE_FASTPATH_MIN_SCALE_UNITS = 10
AZURE_ER_SCALE_UNITS_RANGE = (1, 40)   # ErGwScale min/max scale units. unverified: see UNVERIFIED
AZURE_CUSTOM_POLICY_SKUS_EXCLUDED = ["Basic"]      # custom IPsec policies need a non-Basic SKU (FF 3)
AZURE_SHARED_KEY_MAX = 128                          # printable ASCII (FF 3)
AZURE_ER_PROVIDER_ORACLE = "Oracle Cloud FastConnect"
AZURE_ER_BANDWIDTHS_MBPS = [50, 100, 200, 500, 1000, 2000, 5000, 10000]   # Microsoft Learn, ExpressRoute FAQ
# ExpressRoute circuit SKU (REST spec expressRouteCircuit.json ExpressRouteCircuitSku: tier
# Standard/Premium/Basic/Local, family UnlimitedData/MeteredData, name "{tier}_{family}").
# Microsoft Learn, ExpressRoute Local ("About ExpressRoute Local" / FAQ): Local is available with
# the unlimited data plan only.
AZURE_ER_SKU_TIERS = ("Standard", "Premium", "Basic", "Local")
AZURE_ER_SKU_FAMILIES = ("MeteredData", "UnlimitedData")
AZURE_ER_LOCAL_FAMILY = "UnlimitedData"
# GET /subscriptions/{sub}/providers/Microsoft.Network/expressRouteServiceProviders (REST spec
# expressRouteCircuit.json ExpressRouteServiceProvider: name, id, type, location,
# properties{peeringLocations[], bandwidthsOffered[{offerName, valueInMbps}], provisioningState}).
# Oracle's locations: Oracle "Interconnect for Azure" (docs.oracle.com Network/Concepts/azure.htm,
# availability tables), read 2026-12: the APAC rows (Tokyo, Singapore, Seoul) were confirmed, the
# others are marked in UNVERIFIED. Oracle bandwidths: Microsoft Learn configure-azure-oci-networking
# ("an ExpressRoute circuit provides granular bandwidth options, whereas FastConnect supports 1, 2, 5,
# or 10 Gbps").
def _offers(*mbps):
    return [{"offerName": "%dGbps" % (m // 1000) if m >= 1000 else "%dMbps" % m, "valueInMbps": m} for m in mbps]


AZURE_ER_SERVICE_PROVIDERS = [
    {"name": AZURE_ER_PROVIDER_ORACLE,
     "peeringLocations": ["Amsterdam2", "Chicago", "Frankfurt", "Johannesburg", "London", "Osaka", "Phoenix",
                          "Sao Paulo", "Seoul", "Silicon Valley", "Singapore", "Tokyo", "Toronto", "Washington DC",
                          "Zurich"],
     "bandwidthsOffered": _offers(*AZURE_ER_BANDWIDTHS_MBPS)},
    {"name": "Equinix",
     "peeringLocations": ["Amsterdam", "Chicago", "Dallas", "Frankfurt", "London", "Silicon Valley", "Singapore",
                          "Tokyo", "Washington DC"],
     "bandwidthsOffered": _offers(50, 100, 200, 500, 1000, 2000, 5000, 10000)},
    {"name": "Megaport",
     "peeringLocations": ["Amsterdam", "Chicago", "Dallas", "London", "Singapore", "Sydney", "Washington DC"],
     "bandwidthsOffered": _offers(50, 100, 200, 500, 1000, 2000, 5000, 10000)},
]
AZURE_VLAN_RANGE = (1, 4094)                        # 802.1Q VLAN IDs (peering vlanId)
AZURE_PUBLIC_IP_POOL = "20.62.0.0/16"               # where the twin draws Azure public IPs from
AZURE_ER_AZURE_ASN = 12076                          # Microsoft's ASN on ExpressRoute peerings (FF 4)

# Azure IPsec policy enums (ARM spec, network 2024-05-01)
AZURE_IPSEC_ENCRYPTION = ["None", "DES", "DES3", "AES128", "AES192", "AES256", "GCMAES128", "GCMAES192", "GCMAES256"]
AZURE_IPSEC_INTEGRITY = ["MD5", "SHA1", "SHA256", "GCMAES128", "GCMAES192", "GCMAES256"]
AZURE_IKE_ENCRYPTION = ["DES", "DES3", "AES128", "AES192", "AES256", "GCMAES256", "GCMAES128"]
AZURE_IKE_INTEGRITY = ["MD5", "SHA1", "SHA256", "SHA384", "GCMAES256", "GCMAES128"]
AZURE_DH_GROUPS = ["None", "DHGroup1", "DHGroup2", "DHGroup14", "DHGroup2048", "ECP256", "ECP384", "DHGroup24"]
AZURE_PFS_GROUPS = ["None", "PFS1", "PFS2", "PFS2048", "ECP256", "ECP384", "PFS24", "PFS14", "PFSMM"]

# --- crypto vocabulary mapping onto one canonical set (OCI names, lower-cased tokens) ----------
# FF 4 "Group name mapping OCI -> Azure" (Microsoft Learn ipsec-ike-policy-howto: DHGroup2048 = DHGroup14,
# PFS2048 = PFS14; ECP256/ECP384 = groups 19/20).
# Both sides' proposals are reduced to sets of canonical tuples; a tunnel negotiates only when
# the phase-one and the phase-two sets intersect.
AZURE_TO_CANON_DH = {
    "DHGroup1": "group1", "DHGroup2": "group2", "DHGroup14": "group14", "DHGroup2048": "group14",
    "ECP256": "group19", "ECP384": "group20", "DHGroup24": "group24", "None": None,
}
AZURE_TO_CANON_PFS = {
    "PFS1": "group1", "PFS2": "group2", "PFS2048": "group14", "PFS14": "group14",
    "ECP256": "group19", "ECP384": "group20", "PFS24": "group24", "None": None, "PFSMM": "mm",
}
OCI_TO_CANON_DH = {g: g.lower() for g in OCI_DH_GROUPS}
AZURE_TO_CANON_ENC = {
    "AES128": "aes128-cbc", "AES192": "aes192-cbc", "AES256": "aes256-cbc", "DES3": "3des", "DES": "des",
    "GCMAES128": "aes128-gcm", "GCMAES192": "aes192-gcm", "GCMAES256": "aes256-gcm", "None": None,
}
OCI_TO_CANON_ENC = {
    "AES_128_CBC": "aes128-cbc", "AES_192_CBC": "aes192-cbc", "AES_256_CBC": "aes256-cbc",
    "AES_128_GCM": "aes128-gcm", "AES_192_GCM": "aes192-gcm", "AES_256_GCM": "aes256-gcm",
}
AZURE_TO_CANON_INTEG = {
    "MD5": "md5", "SHA1": "sha1", "SHA256": "sha256", "SHA384": "sha384",
    "GCMAES128": "gcm", "GCMAES192": "gcm", "GCMAES256": "gcm",
}
OCI_TO_CANON_INTEG = {
    "SHA1_96": "sha1", "SHA2_256": "sha256", "SHA2_384": "sha384",
    "HMAC_SHA1_128": "sha1", "HMAC_SHA2_256_128": "sha256",
}

# Default proposals when no custom policy is set (canonical tokens).
# OCI as responder accepts any supported phase-one combination; phase two defaults to PFS group 5
# (Oracle, "Supported IPSec Parameters"). OCI with custom phase-two values proposes only those.
OCI_DEFAULT_PHASE_ONE = {
    "encryption": ["aes256-cbc", "aes192-cbc", "aes128-cbc"],
    "integrity": ["sha384", "sha256", "sha1"],
    "dh": ["group2", "group5", "group14", "group19", "group20", "group24"],
}
OCI_DEFAULT_PHASE_TWO = {
    "encryption": ["aes256-gcm", "aes192-gcm", "aes128-gcm", "aes256-cbc", "aes192-cbc", "aes128-cbc"],
    "integrity": ["sha256", "sha1", "gcm"],
    "pfs": ["group5"],
}

# Azure's default (RouteBased) policy: fixed lists of tuples, in the order Azure presents or
# accepts them. Source: MicrosoftDocs azure-docs articles/vpn-gateway/vpn-gateway-about-vpn-devices.md
# (ms.date 10/06/2023), "IKE Phase 1 (Main Mode) parameters" (RouteBased column: DH group 2 only)
# and "RouteBased VPN IPsec Security Association (IKE Quick Mode SA) Offers" ("Azure Gateway as
# initiator" / "Azure Gateway as responder"). Tuples are (encryption, integrity, group); group None
# means no PFS. Field facts section 4 (CORRECTED) says the same.
AZURE_DEFAULT_MAIN_MODE = (
    ("aes256-cbc", "sha1", "group2"), ("aes256-cbc", "sha256", "group2"),
    ("aes128-cbc", "sha1", "group2"), ("aes128-cbc", "sha256", "group2"),
    ("3des", "sha1", "group2"), ("3des", "sha256", "group2"),
)
AZURE_DEFAULT_QUICK_MODE_INITIATOR = (
    ("aes256-gcm", "gcm", None), ("aes256-cbc", "sha1", None), ("3des", "sha1", None),
    ("aes256-cbc", "sha256", None), ("aes128-cbc", "sha1", None), ("3des", "sha256", None),
)
AZURE_DEFAULT_QUICK_MODE_RESPONDER = AZURE_DEFAULT_QUICK_MODE_INITIATOR + (
    ("des", "sha1", None),
    ("aes256-cbc", "sha1", "group1"), ("aes256-cbc", "sha1", "group2"), ("aes256-cbc", "sha1", "group14"),
    ("aes128-cbc", "sha1", "group1"), ("aes128-cbc", "sha1", "group2"), ("aes128-cbc", "sha1", "group14"),
    ("3des", "sha1", "group1"), ("3des", "sha1", "group2"), ("3des", "sha256", "group2"),
    ("aes256-cbc", "sha256", "group1"), ("aes256-cbc", "sha256", "group2"), ("aes256-cbc", "sha256", "group14"),
    ("aes256-cbc", "sha1", "group24"), ("aes256-cbc", "sha256", "group24"),
    ("aes128-cbc", "sha256", None), ("aes128-cbc", "sha256", "group1"), ("aes128-cbc", "sha256", "group2"),
    ("aes128-cbc", "sha256", "group14"), ("3des", "sha1", "group14"),
)
# Same page: main mode SA lifetime 28,800 s; quick mode (RouteBased) 27,000 s and 102,400,000 KB.
AZURE_DEFAULT_MAIN_MODE_LIFETIME = 28800
AZURE_DEFAULT_QUICK_MODE_LIFETIME = 27000
AZURE_DEFAULT_QUICK_MODE_KILOBYTES = 102400000

# FastConnect with "Microsoft Azure" as provider: the provider assigns the VLAN (SDK
# CrossConnectMapping.vlan: "specified by ... the provider if the customer is connecting via
# provider"). The range the twin assigns from is unverified (see UNVERIFIED); it fits both OCI's
# mapping range (100-16000) and Azure's vlanId range (1-4094).
OCI_AZURE_PROVIDER_VLAN_RANGE = (100, 4094)

# --- interconnect model reason codes: code -> (reason, solution) -------------------------------
# Used by emulator/physics/ (see docs/emulator-model.md). The texts are str.format templates; the
# model fills the named fields from the resources involved.
OCI_FASTCONNECT_AZURE_PROVIDER = "Microsoft Azure"   # providerName of the ExpressRoute partner
REASONS = {
    # IPsec tunnel (phase one / phase two / pairing)
    "NO_PEER": (
        "No Azure VPN gateway instance attempts this tunnel: no provisioned Azure IPsec connection "
        "has a local network gateway whose gatewayIpAddress is this tunnel's Oracle VPN IP {vpn_ip}.",
        "Create a local network gateway with gatewayIpAddress {vpn_ip} and a connection to it from the "
        "VPN gateway (a connection's unused second tunnel stays down by design)."),
    "NO_OCI_TUNNEL": (
        "No OCI IPSec tunnel has Oracle VPN IP {lng_ip}, the local network gateway's gatewayIpAddress.",
        "Set the local network gateway's gatewayIpAddress to the vpnIp of the OCI tunnel it should reach."),
    "CPE_IP_MISMATCH": (
        "OCI rejects IKE from {instance_ip}: the tunnel's IPSec connection expects its CPE address "
        "{cpe_ip}.",
        "Give every VPN gateway instance public IP its own OCI CPE and IPSec connection (active-active "
        "needs one per instance); instance {instance_ip} cannot use the connection of CPE {cpe_ip}."),
    "DUPLICATE_PEER": (
        "Another Azure connection ({winner}) already holds the OCI tunnel at {vpn_ip}; one tunnel "
        "pairs with one connection.",
        "Point each local network gateway at a different OCI tunnel vpnIp, or delete the duplicate "
        "connection."),
    "OCI_NOT_PROVISIONED": (
        "The OCI IPSec connection or tunnel is {state}, not AVAILABLE.",
        "Wait for the OCI IPSec connection and tunnel to become AVAILABLE."),
    "AZURE_NOT_PROVISIONED": (
        "The Azure connection or its virtual network gateway is {state}, not Succeeded.",
        "Wait for the Azure connection and the virtual network gateway to reach Succeeded."),
    "ADMIN_DOWN": (
        "The tunnel is forced down through the twin's admin API (failover drill).",
        "Release it with POST admin tunnels/{tunnel_id}/up."),
    "IKE_VERSION_MISMATCH": (
        "IKE versions differ: OCI tunnel ikeVersion {oci_ike}, Azure connectionProtocol {azure_ike}.",
        "Use IKEv2 on both sides: OCI ikeVersion V2 and Azure connectionProtocol IKEv2."),
    "PHASE1_PROPOSAL_MISMATCH": (
        "IKE phase one proposals do not intersect ({fields}); OCI offers {oci}; Azure offers {azure}.",
        "Set one matching phase-one policy on both sides (e.g. AES_256_CBC / SHA2_384 / GROUP14 on OCI "
        "and AES256 / SHA384 / DHGroup14 in the Azure connection's ipsecPolicies)."),
    "PSK_MISMATCH": (
        "IKE authentication failed: the OCI tunnel's shared secret differs from the Azure "
        "connection's sharedKey.",
        "Set the same pre-shared key on the OCI tunnel (sharedSecret) and the Azure connection "
        "(sharedKey); OCI allows letters, digits and spaces only."),
    "PHASE2_PFS_MISMATCH": (
        "IPsec phase two PFS groups do not intersect (IKEv1 quick mode negotiates PFS on every SA): OCI "
        "proposes PFS {oci_pfs}, Azure accepts {azure_pfs}.",
        "Set the OCI tunnel's phase-two PFS group to GROUP2, GROUP14 or GROUP24 (OCI's default GROUP5 "
        "is not in Azure's defaults), or set a matching custom policy on both sides (e.g. pfsGroup "
        "PFS2048 in Azure with OCI GROUP14)."),
    "PHASE2_REKEY_NO_PROPOSAL": (
        "The first phase-two rekey failed (NO_PROPOSAL_CHOSEN): {initiator} initiates it after {lifetime} s (the "
        "shorter phase-two lifetime) and offers {offered}; {responder} accepts only {accepted}. The tunnel came up "
        "on its first child SA (made inside IKE_AUTH without a DH exchange, so PFS was not compared) and went "
        "down at the rekey.",
        "{fix}"),
    "PHASE2_PROPOSAL_MISMATCH": (
        "IPsec phase two proposals do not intersect ({fields}); OCI offers {oci}; Azure offers {azure}.",
        "Set one matching phase-two policy on both sides (e.g. AES_256_GCM with PFS GROUP14 on OCI and "
        "GCMAES256 / GCMAES256 / PFS2048 in the Azure connection's ipsecPolicies)."),
    # BGP over an UP tunnel
    "TUNNEL_DOWN": (
        "BGP cannot start: the IPsec tunnel is down ({tunnel_reason}).",
        "Bring the tunnel up first."),
    "BGP_NOT_ENABLED_AZURE": (
        "The OCI tunnel runs BGP but the Azure side does not (connection enableBgp {conn_bgp}, "
        "gateway enableBgp {vng_bgp}).",
        "Enable BGP on the Azure virtual network gateway and on the connection, or set the OCI "
        "tunnel's routing to STATIC."),
    "BGP_NOT_ENABLED_OCI": (
        "The Azure connection runs BGP but the OCI tunnel's routing is {routing}.",
        "Set the OCI tunnel's routing to BGP with a bgpSessionConfig, or disable BGP on the Azure "
        "connection."),
    "INSIDE_ADDRESS_INVALID": (
        "OCI's inside tunnel addresses {oracle_ip} (Oracle) and {customer_ip} (customer) are not the two "
        "usable addresses of one /30 or the two addresses of one /31.",
        "Use a /30 (Oracle and customer on its two usable addresses) or a /31 from 169.254.21.0-"
        "169.254.22.255 for the tunnel's bgpSessionConfig."),
    "DEFAULT_BGP_IP_UNREACHABLE": (
        "The Azure gateway instance peers from its default BGP IP {azure_ip}, a GatewaySubnet address "
        "OCI cannot reach; OCI's customer interface IP is {customer_ip}.",
        "Add custom APIPA BGP IP {customer_ip} to the gateway instance (customBgpIpAddresses) and pin it "
        "on the connection with gatewayCustomBgpIpAddresses."),
    "ACTIVE_PASSIVE_SECONDARY_APIPA": (
        "The active-passive gateway only peers from its first APIPA address {first_apipa}; this session "
        "uses {azure_ip}.",
        "Put {azure_ip} first in the instance's customBgpIpAddresses (or use the first APIPA on the OCI "
        "side and on the connection); reach one APIPA from several tunnels with a /30 and a /31."),
    "AZURE_BGP_IP_MISMATCH": (
        "The Azure gateway instance peers from {azure_ip} ({source}) but OCI's customer interface IP is "
        "{customer_ip}.",
        "Make the OCI tunnel's customerInterfaceIp equal the Azure APIPA address used on this connection "
        "(pin it with gatewayCustomBgpIpAddresses)."),
    "LNG_PEER_IP_MISMATCH": (
        "The local network gateway's BGP peer address is {lng_peer} but OCI's Oracle interface IP is "
        "{oracle_ip}.",
        "Set the local network gateway's bgpSettings.bgpPeeringAddress to {oracle_ip}."),
    "LNG_ASN_MISMATCH": (
        "The local network gateway's ASN is {lng_asn} but Oracle's BGP ASN is {oracle_asn}.",
        "Set the local network gateway's bgpSettings.asn to {oracle_asn}."),
    "SAME_ASN": (
        "The Azure gateway and its BGP peer (Oracle) both use ASN {asn}; Azure peers only with a "
        "different ASN (vpn-gateway-vpn-faq, BGP: \"you must assign different ASNs\").",
        "Give the Azure gateway its own ASN (bgpSettings.asn, e.g. the default 65515) and set the OCI "
        "tunnels' customerBgpAsn to it."),
    "CUSTOMER_ASN_MISMATCH": (
        "OCI's customer BGP ASN is {customer_asn} but the Azure gateway's ASN is {vng_asn}.",
        "Set the OCI tunnel's customerBgpAsn to {vng_asn} (or the gateway's bgpSettings.asn to "
        "{customer_asn})."),
    # FastConnect <-> ExpressRoute
    "PROVIDER_NOT_MODELLED": (
        "The virtual circuit's provider ({provider}) is not the Microsoft Azure ExpressRoute partner; the "
        "twin does not model that provider.",
        "Use the FastConnect provider service whose providerName is \"Microsoft Azure\"."),
    "SERVICE_KEY_NOT_FOUND": (
        "No ExpressRoute circuit has service key {service_key}.",
        "Set providerServiceKeyName to the ExpressRoute circuit's serviceKey."),
    "ER_PROVIDER_MISMATCH": (
        "The ExpressRoute circuit's provider is {provider}, not Oracle Cloud FastConnect.",
        "Create the ExpressRoute circuit with serviceProviderName \"Oracle Cloud FastConnect\"."),
    "DUPLICATE_SERVICE_KEY": (
        "Virtual circuit {winner} already uses service key {service_key}.",
        "Use one FastConnect virtual circuit per ExpressRoute circuit."),
    "BANDWIDTH_MISMATCH": (
        "The virtual circuit's bandwidth {shape} does not match the ExpressRoute circuit's {er_mbps} Mbps.",
        "Create the ExpressRoute circuit with the FastConnect bandwidth (1, 2, 5 or 10 Gbps = 1000, "
        "2000, 5000, 10000 Mbps) or change the virtual circuit's bandwidthShapeName to match."),
    "VC_NOT_PROVISIONED": (
        "The virtual circuit is {state}; BGP starts once it is PROVISIONED.",
        "Wait for the virtual circuit to reach PROVISIONED."),
    "CROSS_CONNECT_MAPPING_MISSING": (
        "The virtual circuit has no {link} cross-connect mapping.",
        "Give the virtual circuit two crossConnectMappings, one per /30 (primary, secondary)."),
    "CROSS_CONNECT_ADDRESS_INVALID": (
        "The {link} mapping {oracle_ip} (Oracle) / {customer_ip} (customer) is not Oracle on the first "
        "and the customer on the second usable address of one /30.",
        "In each /30 give Oracle the first usable address (the 2nd of the block) and Azure the second "
        "usable one (the 3rd)."),
    "PEERING_MISSING": (
        "The ExpressRoute circuit has no AzurePrivatePeering.",
        "Create the circuit's AzurePrivatePeering with the two /30s, the VLAN and peer ASN {oracle_asn}."),
    "PEERING_DISABLED": (
        "The ExpressRoute circuit's AzurePrivatePeering state is Disabled.",
        "Enable the AzurePrivatePeering."),
    "PEERING_SUBNET_MISMATCH": (
        "The {link} peering subnet {peering_prefix} does not match the virtual circuit's {link} /30 "
        "{mapping_prefix}.",
        "Set the AzurePrivatePeering {link}PeerAddressPrefix to {mapping_prefix} (the /30 of the "
        "virtual circuit's {link} cross-connect mapping)."),
    "VLAN_MISMATCH": (
        "The peering VLAN {peering_vlan} does not match the {link} cross-connect VLAN {mapping_vlan}.",
        "Use the same VLAN ID on the AzurePrivatePeering and on both cross-connect mappings."),
    "PEER_ASN_MISMATCH": (
        "The AzurePrivatePeering peerASN is {peer_asn} but Oracle's BGP ASN is {oracle_asn}.",
        "Set the AzurePrivatePeering peerASN to {oracle_asn}."),
    "ER_CIRCUIT_NOT_READY": (
        "The ExpressRoute circuit is not carrying BGP ({detail}).",
        "Provision the FastConnect virtual circuit with the circuit's service key and configure the "
        "private peering to match it."),
}

# --- rules no public source confirmed -----------------------------------------------------------
# One table (rule name -> why it is unverified); docs/emulator-model.md lists it. Values above that
# carry "# unverified" point here. Correct a rule where it is defined and drop its row here.
UNVERIFIED = {
    "REASONS.SAME_ASN":
        "The rule (different ASNs on the two sides) is Azure's FAQ; how a gateway with its peer's ASN "
        "fails (refused at configuration or a session that never establishes) is not documented: the "
        "twin keeps the tunnel up and the BGP session down.",
    "AZURE_ER_SERVICE_PROVIDERS.Oracle Cloud FastConnect.peeringLocations":
        "Oracle's 'Interconnect for Azure' availability tables were read only in part (APAC rows: Tokyo, "
        "Singapore, Seoul); the other locations are the well-known Oracle/Azure pairs, not checked row by row.",
    "AZURE_ER_SERVICE_PROVIDERS.bandwidthsOffered":
        "Microsoft Learn says the Oracle provider offers 'granular' ER bandwidths; the exact list is Azure's "
        "general provider list (50 Mbps - 10 Gbps), not read from a live expressRouteServiceProviders answer.",
    "AZURE_ER_SERVICE_PROVIDERS.Equinix/Megaport":
        "Illustrative rows so the list has more than one provider; their locations are a subset, not checked.",
    "DURATIONS.azure.expressRouteCircuit.deprovision":
        "No document gives how long Oracle's deprovisioning of an ER circuit takes; 120 s is a guess.",
    "provider peering removed at deprovisioning":
        "That the provider-created AzurePrivatePeering disappears when the provider deprovisions the circuit "
        "follows from Oracle configuring it; no document states it.",
    "OCI_AZURE_PROVIDER_VLAN_RANGE":
        "The VLAN the Microsoft Azure provider assigns is not documented; the twin assigns the lowest free "
        "VLAN from 100 and ignores (replaces) a VLAN the client sends instead of refusing it.",
    "phase-two rekey initiator on equal lifetimes":
        "With equal phase-two lifetimes either side may start the rekey; the twin checks both directions "
        "(OCI first) and fails the tunnel if either would fail.",
    "tunnel stays DOWN after a failed rekey":
        "In the field the IKE SA may re-authenticate and bring a new first child SA up (flapping each "
        "lifetime); the twin keeps the tunnel DOWN until the configuration changes.",
    "AZURE_ER_SCALE_UNITS_RANGE":
        "ErGwScale accepts 1-40 scale units in the twin; the upper bound is not confirmed.",
    "ErGwScale default autoScaleConfiguration":
        "An ErGwScale gateway created without autoScaleConfiguration gets bounds min 2 / max 2 in the twin; "
        "Azure's default is not documented where we looked (so FastPath then needs explicit bounds).",
    "circuit delete refused while Deprovisioning":
        "Microsoft Learn names Provisioning and Provisioned; the twin also refuses during Deprovisioning "
        "and deletes once NotProvisioned.",
    "ARM error codes":
        "Codes marked '# unverified' in emulator/azure_*.py (e.g. ExpressRouteCircuitCannotBeDeletedWhile"
        "Provisioned, VpnGatewaySkuNotSupportedForNewGateways, ExpressRouteGatewayBypassNotSupportedOnGatewaySku, "
        "InvalidExpressRouteCircuitSku, ServiceProviderNotAvailableAtPeeringLocation, "
        "BandwidthNotOfferedByServiceProvider) are plausible names in ARM's shape; only the HTTP status and "
        "the refusal itself follow a document.",
    # -- issue 12 (conformance) rows --
    "in-use delete status (400 vs 409)":
        "ARM refuses deleting an in-use resource (local network gateway, gateway, circuit, peering, subnet) "
        "with 400 in the twin; the network RP's documented errors do not say whether it is 400 or 409.",
    "oci.cpe.privateAddressRefused":
        "OCI does not document which addresses a public CPE refuses; the twin refuses RFC 1918, loopback and "
        "multicast only (OCI_CPE_REFUSED_BLOCKS) and accepts documentation ranges such as 203.0.113.0/24.",
    "oci.drg.redundancyStatus":
        "GetDrgRedundancyStatus: how OCI classifies (REDUNDANT with UP tunnels on two or more CPEs or two or "
        "more PROVISIONED virtual circuits; MIX when both kinds are up) is inferred from the enum names.",
    "oci.drgRouteDistributionStatement.priority":
        "Statement priorities 0-65535 and unique within a distribution: inferred from the API reference's "
        "wording, not from a documented limit.",
    "resetSharedKey error code":
        "A keyLength outside 1-128 is refused with 400 InvalidRequestFormat; the spec bounds the value, the "
        "error code is the twin's.",
    "Providers_Get / resources $filter codes":
        "ProviderNotFound for another namespace and InvalidFilterInQueryString for an unsupported $filter are "
        "plausible ARM codes, not confirmed.",
}
