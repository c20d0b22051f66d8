# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What Azure accepts in a value, checked before any call: ASNs, custom APIPA BGP addresses,
CIDR prefixes and addresses, and the SKU lists. The rules themselves live in
``module_utils/cloud_rules.py``, one table the planner reads too."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses
from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R

# --- the clouds' rules: one table, module_utils/cloud_rules.py (the planner reads it too) ------
APIPA_RANGE = (R.APIPA_FIRST, R.APIPA_LAST)
RESERVED_ASN_RANGES = tuple((first, last) for first, last, _why in R.AZURE_RESERVED_ASN_RANGES)
VPN_SKUS = R.AZURE_VPN_SKUS
ER_SKUS = R.AZURE_ER_GATEWAY_SKUS
SKU_GENERATIONS = R.AZURE_VPN_SKU_GENERATIONS
FASTPATH_SKUS = R.AZURE_FASTPATH_SKUS
NO_CUSTOM_IPSEC_POLICY_SKUS = R.AZURE_NO_CUSTOM_IPSEC_POLICY_SKUS
SHARED_KEY_MAX = R.AZURE_SECRET_MAX


def asn_problem(asn, option, allowed=()):
    """Why Azure would reject ``asn``, or None."""
    if asn is None or asn in allowed:
        return None
    if not 1 <= asn <= 4294967295:
        return "%s %s is not a valid ASN (1-4294967295)" % (option, asn)
    for first, last in RESERVED_ASN_RANGES:
        if first <= asn <= last:
            return ("%s %s is reserved by Azure (reserved: %s)" % (option, asn, ", ".join(
                "%d" % a if a == b else "%d-%d" % (a, b) for a, b in RESERVED_ASN_RANGES)))
    return None


def apipa_problem(address, option):
    """Why Azure would reject ``address`` as a custom APIPA BGP address, or None."""
    try:
        addresses.parse_address(address, version=None)
    except addresses.AddressError:
        return "%s %r is not an IP address" % (option, address)
    if not addresses.in_range(address, APIPA_RANGE[0], APIPA_RANGE[1]):
        return ("%s %s is outside the range Azure allows for custom APIPA BGP addresses "
                "(%s - %s)" % (option, address, APIPA_RANGE[0], APIPA_RANGE[1]))
    return None


def cidr_problem(prefix, option, version=None):
    try:
        network = addresses.parse_network(prefix, version=None)
    except addresses.AddressError as exc:
        return "%s %r is not a valid CIDR prefix (%s)" % (option, prefix, exc)
    if version and network.version != version:
        return "%s %s is not an IPv%d prefix" % (option, prefix, version)
    return None


def ip_problem(address, option):
    try:
        addresses.parse_address(address, version=None)
    except addresses.AddressError:
        return "%s %r is not an IP address" % (option, address)
    return None


def between(low, high):
    """A field validator: the value must lie in ``low``..``high`` (both included)."""
    def problem(value, option):
        if not low <= value <= high:
            return "%s must be between %s and %s" % (option, low, high)
        return None
    return problem
