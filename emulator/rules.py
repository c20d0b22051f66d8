"""The clouds' documented values, limits and defaults, as data, in one place.

Sources are named per table (see also docs/emulator.md and shared field facts). Values marked
``# unverified`` come from secondary sources; correct them here and everything follows.
"""

# --- identities -------------------------------------------------------------------------------
OCI_REGION = "us-ashburn-1"
ORACLE_BGP_ASN = 31898                 # commercial realm (OCI docs: "Oracle BGP ASN")
AZURE_DEFAULT_VNG_ASN = 65515          # Azure VPN gateway default ASN
AZURE_LOCATION = "eastus"

# --- realistic provisioning durations in seconds, multiplied by --time-scale ------------------
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
    "azure.peering.create": 60,
    "azure.default.create": 5,
    "azure.default.delete": 5,
}

# --- OCI enums (oci SDK models; emit only values the SDK knows) --------------------------------
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
OCI_BANDWIDTH_SHAPES = [
    {"name": "1 Gbps", "bandwidthInMbps": 1000},
    {"name": "2 Gbps", "bandwidthInMbps": 2000},
    {"name": "5 Gbps", "bandwidthInMbps": 5000},
    {"name": "10 Gbps", "bandwidthInMbps": 10000},
]

# --- Azure -----------------------------------------------------------------------------------
APIPA_RANGE = ("169.254.21.0", "169.254.22.255")   # custom APIPA BGP addresses must be inside
AZURE_RESERVED_ASNS = (
    [8074, 8075, 12076, 65515, 65517, 65518, 65519, 65520, 23456, 4294967295]
    + list(range(64496, 64512))
    + list(range(65535, 65552))
)
AZURE_VPN_SKUS = [
    "Basic", "VpnGw1", "VpnGw2", "VpnGw3", "VpnGw4", "VpnGw5",
    "VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ",
]
AZURE_ER_SKUS = ["Standard", "HighPerformance", "UltraPerformance", "ErGw1AZ", "ErGw2AZ", "ErGw3AZ", "ErGwScale"]
AZURE_FASTPATH_SKUS = ["UltraPerformance", "ErGw3AZ", "ErGwScale"]
AZURE_CUSTOM_POLICY_SKUS_EXCLUDED = ["Basic"]      # custom IPsec policies need a non-Basic SKU
AZURE_SHARED_KEY_MAX = 128                          # printable ASCII
AZURE_ER_PROVIDER_ORACLE = "Oracle Cloud FastConnect"
AZURE_ER_BANDWIDTHS_MBPS = [50, 100, 200, 500, 1000, 2000, 5000, 10000]
AZURE_VLAN_RANGE = (1, 4094)

# Azure IPsec policy enums (ARM spec, network 2024-05-01)
AZURE_IPSEC_ENCRYPTION = ["None", "DES", "DES3", "AES128", "AES192", "AES256", "GCMAES128", "GCMAES192", "GCMAES256"]
AZURE_IPSEC_INTEGRITY = ["MD5", "SHA1", "SHA256", "GCMAES128", "GCMAES192", "GCMAES256"]
AZURE_IKE_ENCRYPTION = ["DES", "DES3", "AES128", "AES192", "AES256", "GCMAES256", "GCMAES128"]
AZURE_IKE_INTEGRITY = ["MD5", "SHA1", "SHA256", "SHA384", "GCMAES256", "GCMAES128"]
AZURE_DH_GROUPS = ["None", "DHGroup1", "DHGroup2", "DHGroup14", "DHGroup2048", "ECP256", "ECP384", "DHGroup24"]
AZURE_PFS_GROUPS = ["None", "PFS1", "PFS2", "PFS2048", "ECP256", "ECP384", "PFS24", "PFS14", "PFSMM"]

# --- crypto vocabulary mapping onto one canonical set (OCI names, lower-cased tokens) ----------
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
# OCI as responder accepts any supported phase-one combination; phase two defaults to PFS group 5.
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
# Azure route-based default IKEv2 proposals (unverified exact lists; Oracle's "VPN to Azure" guide
# states the PFS mismatch with OCI's default group 5).
AZURE_DEFAULT_PHASE_ONE = {
    "encryption": ["aes256-cbc", "aes128-cbc", "3des"],
    "integrity": ["sha384", "sha256", "sha1"],
    "dh": ["group2", "group14", "group24"],
}
AZURE_DEFAULT_PHASE_TWO = {
    "encryption": ["aes256-gcm", "aes256-cbc", "aes128-cbc", "3des"],
    "integrity": ["sha256", "sha1", "gcm"],
    "pfs": [None, "group1", "group2", "group14", "group24"],
}
