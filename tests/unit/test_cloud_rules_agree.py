"""The collection's table of cloud rules and the twin's agree where they state the same fact.

The two tables are written independently (the collection's in plugins/module_utils/cloud_rules.py,
the twin's in emulator/rules.py, each from the clouds' documents); when they disagree, one of
them holds a wrong belief, and no test that runs the collection against the twin could see it.
Only this test imports both.
"""

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as product
from emulator import rules as twin


def _expand(ranges):
    out = set()
    for first, last, _why in ranges:
        out.update(range(first, last + 1))
    return out


SAME_SETS = [
    ("Azure default main mode", product.AZURE_DEFAULT_MAIN_MODE, twin.AZURE_DEFAULT_MAIN_MODE),
    ("Azure default quick mode, Azure initiating", product.AZURE_DEFAULT_QUICK_MODE_INITIATOR,
     twin.AZURE_DEFAULT_QUICK_MODE_INITIATOR),
    ("Azure default quick mode, Azure responding", product.AZURE_DEFAULT_QUICK_MODE_RESPONDER,
     twin.AZURE_DEFAULT_QUICK_MODE_RESPONDER),
    ("FastPath gateway SKUs", product.AZURE_FASTPATH_SKUS, twin.AZURE_FASTPATH_SKUS),
    ("VPN gateway SKUs", product.AZURE_VPN_SKUS, twin.AZURE_VPN_SKUS),
    ("VPN gateway SKUs that can no longer be created", product.AZURE_VPN_SKUS_NO_CREATE,
     twin.AZURE_VPN_SKUS_NO_CREATE),
    ("ExpressRoute gateway SKUs", product.AZURE_ER_GATEWAY_SKUS, twin.AZURE_ER_SKUS),
    ("Azure reserved ASNs", _expand(product.AZURE_RESERVED_ASN_RANGES), twin.AZURE_RESERVED_ASNS),
    ("OCI phase-one encryption", product.OCI_PHASE_ONE_ENCRYPTION, twin.OCI_PHASE_ONE_ENCRYPTION),
    ("OCI phase-one authentication", product.OCI_PHASE_ONE_AUTHENTICATION, twin.OCI_PHASE_ONE_AUTH),
    ("OCI DH groups", product.OCI_DH_GROUPS, twin.OCI_DH_GROUPS),
    ("OCI phase-two encryption", product.OCI_PHASE_TWO_ENCRYPTION, twin.OCI_PHASE_TWO_ENCRYPTION),
    ("OCI phase-two authentication", product.OCI_PHASE_TWO_AUTHENTICATION, twin.OCI_PHASE_TWO_AUTH),
]

SAME_VALUES = [
    ("Azure default main-mode lifetime", product.AZURE_DEFAULT_MAIN_MODE_LIFETIME, twin.AZURE_DEFAULT_MAIN_MODE_LIFETIME),
    ("Azure default quick-mode lifetime", product.AZURE_DEFAULT_QUICK_MODE_LIFETIME, twin.AZURE_DEFAULT_QUICK_MODE_LIFETIME),
    ("OCI default phase-one lifetime", product.OCI_DEFAULT_PHASE_ONE_LIFETIME, twin.OCI_PHASE_ONE_LIFETIME_DEFAULT),
    ("OCI default phase-two lifetime", product.OCI_DEFAULT_PHASE_TWO_LIFETIME, twin.OCI_PHASE_TWO_LIFETIME_DEFAULT),
    ("OCI default PFS group", product.OCI_DEFAULT_PFS_GROUP.lower(), twin.OCI_DEFAULT_PFS_GROUP.lower()),
    ("FastPath minimum ErGwScale scale units", product.AZURE_FASTPATH_MIN_SCALE_UNITS, twin.AZURE_FASTPATH_MIN_SCALE_UNITS),
    ("ErGwScale scale unit range", (product.AZURE_ER_SCALE_UNITS_MIN, product.AZURE_ER_SCALE_UNITS_MAX),
     tuple(twin.AZURE_ER_SCALE_UNITS_RANGE)),
    ("APIPA range for custom BGP addresses", (product.APIPA_FIRST, product.APIPA_LAST), tuple(twin.APIPA_RANGE)),
    ("Oracle BGP ASN", product.ORACLE_BGP_ASN, twin.ORACLE_BGP_ASN),
    ("Azure VPN gateway default ASN", product.AZURE_DEFAULT_VNG_ASN, twin.AZURE_DEFAULT_VNG_ASN),
    ("Microsoft's ExpressRoute ASN", product.MICROSOFT_EXPRESSROUTE_ASN, twin.AZURE_ER_AZURE_ASN),
    ("family ExpressRoute Local requires", product.ER_LOCAL_REQUIRES_FAMILY, twin.AZURE_ER_LOCAL_FAMILY),
    ("Azure connection sharedKey maximum length", product.AZURE_SECRET_MAX, twin.AZURE_SHARED_KEY_MAX),
    ("OCI static routes per IPSec connection", product.OCI_MAX_STATIC_ROUTES, twin.OCI_MAX_STATIC_ROUTES),
    ("ExpressRoute provider for OCI", product.AZURE_ER_PROVIDER, twin.AZURE_ER_PROVIDER_ORACLE),
    ("FastConnect provider for Azure", product.OCI_FASTCONNECT_PROVIDER, twin.OCI_FASTCONNECT_AZURE_PROVIDER),
]


@pytest.mark.parametrize("what, ours, theirs", SAME_SETS, ids=[row[0] for row in SAME_SETS])
def test_both_tables_hold_the_same_set(what, ours, theirs):
    ours, theirs = set(ours), set(theirs)
    assert ours == theirs, "%s: only the collection has %s; only the twin has %s" % (
        what, sorted(ours - theirs, key=repr), sorted(theirs - ours, key=repr))


@pytest.mark.parametrize("what, ours, theirs", SAME_VALUES, ids=[row[0] for row in SAME_VALUES])
def test_both_tables_hold_the_same_value(what, ours, theirs):
    assert ours == theirs, "%s: the collection says %r, the twin %r" % (what, ours, theirs)


def test_every_expressroute_tier_the_collection_plans_is_one_the_twin_accepts():
    assert set(product.ER_SKU_TIERS) <= set(twin.AZURE_ER_SKU_TIERS)
    assert set(product.ER_SKU_FAMILIES) == set(twin.AZURE_ER_SKU_FAMILIES)


def _oracle_provider():
    found = [p for p in twin.AZURE_ER_SERVICE_PROVIDERS if p["name"] == twin.AZURE_ER_PROVIDER_ORACLE]
    assert len(found) == 1, "the twin lists the Oracle provider once"
    return found[0]


def test_every_peering_location_the_collection_pairs_with_an_oci_region_is_offered_by_oracle_in_the_twin():
    offered = set(_oracle_provider()["peeringLocations"])
    paired = set()
    for pair in product.ORACLE_AZURE_INTERCONNECT.values():
        paired.update(pair["peering_locations"])
    assert paired <= offered, "paired by the collection, not offered by Oracle in the twin: %s" % sorted(paired - offered)


def test_every_fastconnect_bandwidth_is_offered_by_oracle_in_the_twin():
    offered = {b["valueInMbps"] for b in _oracle_provider()["bandwidthsOffered"]}
    wanted = {gbps * 1000 for gbps in product.BANDWIDTHS_GBPS}
    assert wanted <= offered, "FastConnect bandwidths the twin's Oracle provider lacks: %s" % sorted(wanted - offered)


def test_both_tables_keep_their_unconfirmed_rules_in_one_place():
    for table in (product, twin):
        assert isinstance(table.UNVERIFIED, dict) and table.UNVERIFIED
        for rule, why in table.UNVERIFIED.items():
            assert isinstance(rule, str) and isinstance(why, str) and why.strip(), (table.__name__, rule)
