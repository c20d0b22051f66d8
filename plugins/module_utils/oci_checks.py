# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What OCI accepts in a value, checked before any call: OCIDs (and which resource type an option
names), IPv4 CIDR blocks and their overlaps, addresses and IPSec tunnel inside addresses. The
prefix rules live in ``module_utils/cloud_rules.py``, one table the planner reads too."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses
from ansible_collections.interconnect.oci_azure.plugins.module_utils.cloud_rules import (
    OCI_INSIDE_PREFIX_LENGTHS,
)

# An OCID: ocid1.<resource type>.<realm>.[region][.future use].<unique id>
OCID = re.compile(r"^ocid1\.([a-z0-9]+)\.[a-z0-9]+\.[a-z0-9-]*(\.[A-Za-z0-9_-]+)+$")
# Options that hold the OCID of another resource, and the resource types each accepts.
OCID_OPTIONS = {
    "compartment_id": ("compartment", "tenancy"),
    "drg_id": ("drg",),
    "gateway_id": ("drg",),
    "vcn_id": ("vcn",),
    "cpe_id": ("cpe",),
    "drg_route_table_id": ("drgroutetable",),
    "import_drg_route_distribution_id": ("drgroutedistribution",),
    "provider_service_id": ("providerservice",),
}


def ocid_problems(value, label, types=None):
    """Why ``value`` is not the OCID of one of ``types`` (any type when None); [] when it is."""
    match = OCID.match(u"%s" % value)
    if not match:
        return ["%s: %r is not an OCID (ocid1.<type>.<realm>.<region>.<id>; names are not "
                "accepted here)" % (label, value)]
    if types and match.group(1) not in types:
        return ["%s: %s is the OCID of a %s, not of a %s" % (
            label, value, match.group(1), " or ".join(types))]
    return []


def cidr_problems(value, label, min_prefix=0, max_prefix=32):
    """Problems with an IPv4 CIDR block (host bits must be zero)."""
    try:
        network = addresses.parse_network(value)
    except addresses.AddressError as exc:
        return ["%s: %r is not an IPv4 CIDR block (%s)" % (label, value, exc)]
    if not min_prefix <= network.prefixlen <= max_prefix:
        return ["%s: %s must be between /%d and /%d" % (label, value, min_prefix, max_prefix)]
    return []


def overlap_problems(blocks, label):
    networks = [addresses.parse_network(b) for b in blocks]
    problems = []
    for i, first in enumerate(networks):
        for second in networks[i + 1:]:
            if addresses.overlaps(first, second):
                problems.append("%s: %s overlaps %s" % (label, first, second))
    return problems


def ipv4_problems(value, label):
    try:
        addresses.parse_address(value)
    except addresses.AddressError:
        return ["%s: %r is not an IPv4 address" % (label, value)]
    return []


def inside_address_problems(value, label):
    """An IPSec tunnel inside address: IPv4 with a /30 or /31 prefix, a usable host address."""
    try:
        address, network = addresses.parse_interface(value)
    except addresses.AddressError:
        if not ipv4_problems(value, label):
            return ["%s: %s must carry a /30 or /31 prefix" % (label, value)]
        return ["%s: %r is not an IPv4 address with a prefix (for example 169.254.21.1/30)"
                % (label, value)]
    if network.prefixlen not in OCI_INSIDE_PREFIX_LENGTHS:
        return ["%s: %s must carry a /30 or /31 prefix" % (label, value)]
    if network.prefixlen == 30 and address in (network.network, network.broadcast):
        return ["%s: %s is the network or broadcast address of its /30" % (label, value)]
    return []
