# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The intent's argument spec (one source for the planner, the action plugin and its docs)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import constants as C
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import profiles as P

OCI_PHASE_ONE_SPEC = dict(
    encryption_algorithm=dict(type="str", choices=sorted(P.OCI_PHASE_ONE_ENCRYPTION)),
    authentication_algorithm=dict(type="str", choices=sorted(P.OCI_PHASE_ONE_AUTHENTICATION)),
    diffie_helman_group=dict(type="str", choices=sorted(P.OCI_DH_GROUPS)),
    lifetime_in_seconds=dict(type="int"),
)
OCI_PHASE_TWO_SPEC = dict(
    encryption_algorithm=dict(type="str", choices=sorted(P.OCI_PHASE_TWO_ENCRYPTION)),
    authentication_algorithm=dict(type="str", choices=sorted(P.OCI_PHASE_TWO_AUTHENTICATION)),
    is_pfs_enabled=dict(type="bool", default=True),
    pfs_dh_group=dict(type="str", choices=sorted(P.OCI_DH_GROUPS)),
    lifetime_in_seconds=dict(type="int"),
)
AZURE_POLICY_SPEC = dict(
    sa_life_time_seconds=dict(type="int"),
    sa_data_size_kilobytes=dict(type="int"),
    ipsec_encryption=dict(type="str", choices=sorted(P.AZURE_IPSEC_ENCRYPTION)),
    ipsec_integrity=dict(type="str", choices=sorted(P.AZURE_IPSEC_INTEGRITY)),
    ike_encryption=dict(type="str", choices=sorted(P.AZURE_IKE_ENCRYPTION)),
    ike_integrity=dict(type="str", choices=sorted(P.AZURE_IKE_INTEGRITY)),
    dh_group=dict(type="str", choices=sorted(P.AZURE_DH_GROUPS)),
    pfs_group=dict(type="str", choices=sorted(P.AZURE_PFS_GROUPS)),
)

INTENT_SPEC = dict(
    scenario=dict(type="str", required=True, choices=list(C.SCENARIOS)),
    name_prefix=dict(type="str", required=True),
    vcn_cidrs=dict(type="list", elements="str", required=True),
    vnet_cidrs=dict(type="list", elements="str", required=True),
    azure_gateway_subnet_cidr=dict(type="str"),
    azure_asn=dict(type="int", default=C.DEFAULT_AZURE_ASN),
    oracle_asn=dict(type="int", default=C.DEFAULT_ORACLE_ASN),
    apipa_pool=dict(type="str", default=C.DEFAULT_APIPA_POOL),
    tunnel_inside_addresses=dict(type="list", elements="dict", options=dict(
        oracle_ip=dict(type="str", required=True),
        customer_ip=dict(type="str", required=True),
    )),
    gateway_sku=dict(type="str", default=C.DEFAULT_VPN_SKU, choices=list(C.AZURE_VPN_SKUS)),
    fastconnect_subnets=dict(type="list", elements="str"),
    fastconnect_pool=dict(type="str", default=C.DEFAULT_FASTCONNECT_POOL),
    vlan=dict(type="int"),  # refused when given: the provider assigns it
    bandwidth_gbps=dict(type="int", default=1, choices=list(C.BANDWIDTHS_GBPS)),
    peering_location=dict(type="str"),
    oci_region=dict(type="str"),
    expressroute_peering_locations=dict(type="dict"),
    expressroute_sku_tier=dict(type="str", default="Standard", choices=list(C.ER_SKU_TIERS)),
    expressroute_sku_family=dict(type="str", default="MeteredData",
                                 choices=list(C.ER_SKU_FAMILIES)),
    expressroute_gateway_sku=dict(type="str", default=C.DEFAULT_ER_GATEWAY_SKU,
                                  choices=list(C.AZURE_ER_GATEWAY_SKUS)),
    fastpath=dict(type="bool", default=True),
    expressroute_gateway_min_scale_units=dict(type="int"),
    expressroute_gateway_max_scale_units=dict(type="int"),
    crypto_profile=dict(type="str", default=P.DEFAULT_PROFILE, choices=list(P.PROFILE_NAMES)),
    crypto=dict(type="dict", options=dict(
        oci_phase_one=dict(type="dict", options=OCI_PHASE_ONE_SPEC),
        oci_phase_two=dict(type="dict", options=OCI_PHASE_TWO_SPEC),
        azure_ipsec_policy=dict(type="dict", options=AZURE_POLICY_SPEC),
        oci_use_defaults=dict(type="bool", default=False),
        azure_use_default_policy=dict(type="bool", default=False),
    )),
    # what the inventory brings instead of what the run would create (never modified unless an
    # option says so, never deleted): an existing DRG, and an existing gateway of the type the
    # design needs (VPN, or ExpressRoute for FastConnect) in the interconnect's resource group
    drg_id=dict(type="str"),
    azure_gateway_name=dict(type="str"),
    shared_secret_policy=dict(type="str", default="from_oci", choices=list(C.SHARED_SECRET_POLICIES)),
    shared_secrets=dict(type="list", elements="str", no_log=True),
    secret_seed=dict(type="str", no_log=True),
)

# Options of the action plugin that are not part of the intent.
ACTION_SPEC = dict(
    output_dir=dict(type="path"),
    format=dict(type="str", default="json", choices=["json", "table"]),
    include_secrets=dict(type="bool", default=False),
    # the host's interconnect_* variables against the ones the collection reads (the plan task)
    check_variables=dict(type="bool", default=False),
)

ARGUMENT_SPEC = dict(INTENT_SPEC)
ARGUMENT_SPEC.update(ACTION_SPEC)

_MISSING = re.compile(r"^missing required arguments: (?P<names>.+?)(?: found in (?P<where>.+))?$")
_CHOICE = re.compile(r"^value of (?P<name>\S+) must be one of: (?P<choices>.+), got: (?P<got>.*?)"
                     r"(?: found in (?P<where>.+))?$")
_TYPE = re.compile(r"^argument '(?P<name>[^']+)' is of type (?P<type>\S+)(?: found in "
                   r"'(?P<where>[^']+)'\.)? and we were unable to convert to (?P<to>\w+)")
_UNSUPPORTED = re.compile(r"^(?P<names>.+?)\. Supported parameters include: (?P<supported>.+?)\.?$")


def _where(where):
    # "crypto -> oci_phase_one" (ansible) or "d" -> dotted path
    return (where or "").replace(" -> ", ".").strip()


def format_spec_error(err):
    """ArgumentSpecValidator errors as "field: problem" lines, the field first."""
    text = str(err)
    m = _MISSING.match(text)
    if m:
        where = _where(m.group("where"))
        return ["%s: required" % (where + "." + name.strip() if where else name.strip())
                for name in m.group("names").split(",")]
    m = _CHOICE.match(text)
    if m:
        where = _where(m.group("where"))
        name = where + "." + m.group("name") if where else m.group("name")
        return ["%s: %s is not one of %s" % (name, m.group("got"), m.group("choices"))]
    m = _TYPE.match(text)
    if m:
        where = _where(m.group("where"))
        name = where + "." + m.group("name") if where else m.group("name")
        return ["%s: must be %s (got %s)" % (name, m.group("to"), m.group("type"))]
    m = _UNSUPPORTED.match(text)
    if m:
        return ["%s: unknown option (supported: %s)" % (name.strip(), m.group("supported"))
                for name in m.group("names").split(",")]
    return [text]


def error_fields(lines):
    """Top-level option names that the spec errors are about (their semantic checks are
    skipped, the value being unusable)."""
    fields = set()
    for line in lines:
        head = line.split(":", 1)[0]
        fields.add(head.split(".", 1)[0].split("[", 1)[0])
    return fields
