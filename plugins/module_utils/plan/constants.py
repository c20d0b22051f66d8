# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The planner's own choices (scenarios, defaults, pools) and the cloud rules it reads.

The clouds' rules are in ``module_utils/cloud_rules.py`` with their sources; this module
re-exports the ones the planner uses so that ``C.NAME`` reads the one table.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import designs as D

# The scenarios are the rows of the design table (plan/designs.py), never listed here.
SCENARIOS = D.scenarios()
BGP_VPN_SCENARIOS = D.scenarios(routing="bgp")
STATIC_VPN_SCENARIOS = D.scenarios(routing="static")
VPN_SCENARIOS = tuple(name for name in SCENARIOS if name in BGP_VPN_SCENARIOS + STATIC_VPN_SCENARIOS)
ACTIVE_ACTIVE_SCENARIOS = D.scenarios(vng_instances=2)

# The clouds' rules live in module_utils/cloud_rules.py (one table for the planner and the
# modules); the names below re-export them for the planner. Planner-only choices follow.
APIPA_FIRST = R.APIPA_FIRST
APIPA_LAST = R.APIPA_LAST
DEFAULT_APIPA_POOL = "169.254.21.0/24"  # planner choice: the first /24 of Azure's APIPA range

DEFAULT_ORACLE_ASN = R.ORACLE_BGP_ASN
DEFAULT_AZURE_ASN = R.AZURE_DEFAULT_VNG_ASN
MICROSOFT_EXPRESSROUTE_ASN = R.MICROSOFT_EXPRESSROUTE_ASN
AZURE_RESERVED_ASN_RANGES = R.AZURE_RESERVED_ASN_RANGES
ASN_MIN = R.ASN_MIN
ASN_MAX = R.ASN_MAX

INSIDE_PREFIX_LENGTHS = R.OCI_INSIDE_PREFIX_LENGTHS
OCI_MAX_STATIC_ROUTES = R.OCI_MAX_STATIC_ROUTES
OCI_SECRET_PATTERN = R.OCI_SECRET_PATTERN
OCI_SECRET_MAX = R.OCI_SECRET_MAX
AZURE_SECRET_MAX = R.AZURE_SECRET_MAX

AZURE_VPN_SKUS = R.AZURE_VPN_SKUS
AZURE_VPN_SKUS_NO_CREATE = R.AZURE_VPN_SKUS_NO_CREATE
# Planner choice: the generation planned per SKU, the one with more throughput where a SKU
# exists in both (cloud_rules.AZURE_VPN_SKU_GENERATIONS lists where each exists).
AZURE_VPN_GENERATION = dict((sku, gens[-1]) for sku, gens in R.AZURE_VPN_SKU_GENERATIONS.items())
DEFAULT_VPN_SKU = "VpnGw1AZ"
AZURE_ER_GATEWAY_SKUS = R.AZURE_ER_GATEWAY_SKUS
AZURE_FASTPATH_SKUS = R.AZURE_FASTPATH_SKUS
AZURE_FASTPATH_MIN_SCALE_UNITS = R.AZURE_FASTPATH_MIN_SCALE_UNITS
DEFAULT_ER_GATEWAY_SKU = "ErGw3AZ"
AZURE_DEFAULT_DPD_TIMEOUT = R.AZURE_DEFAULT_DPD_TIMEOUT

BANDWIDTHS_GBPS = R.BANDWIDTHS_GBPS
DEFAULT_FASTCONNECT_POOL = "192.168.255.0/24"
OCI_FASTCONNECT_PROVIDER = R.OCI_FASTCONNECT_PROVIDER
AZURE_ER_PROVIDER = R.AZURE_ER_PROVIDER
ER_SKU_TIERS = R.ER_SKU_TIERS
ER_SKU_FAMILIES = R.ER_SKU_FAMILIES

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
# Microsoft.Network/virtualNetworkGateways names: 1-80 alphanumerics, underscores, periods and
# hyphens; start with an alphanumeric, end with an alphanumeric or underscore (Microsoft Learn,
# "Naming rules and restrictions for Azure resources", Microsoft.Network).
AZURE_GATEWAY_NAME_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$"
