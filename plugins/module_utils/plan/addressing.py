# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Address math for the plan, all through netaddr (no bit arithmetic by hand)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses
from ansible_collections.interconnect.oci_azure.plugins.module_utils.addresses import (  # pylint: disable=unused-import  # re-exported: the plan speaks these
    AddressError, overlaps, parse_address, parse_interface, parse_network, require_netaddr, within,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import constants as C


def is_unicast(net):
    """False for multicast and class E (OCI rejects them as static routes)."""
    return not overlaps(net, parse_network("224.0.0.0/3"))


def cidr_halves(net):
    """The two halves of a network: 10.0.0.0/16 -> 10.0.0.0/17, 10.0.128.0/17."""
    if net.prefixlen >= 32:
        raise AddressError("%s is a single address and has no halves" % net.cidr)
    return list(net.subnet(net.prefixlen + 1))


def in_apipa_range(item):
    """True when an address or a whole network lies inside Azure's custom APIPA range."""
    return addresses.in_range(item, C.APIPA_FIRST, C.APIPA_LAST)


def carve(pool, prefixlen, count, avoid=()):
    """The first ``count`` subnets of ``pool`` of size ``prefixlen`` that overlap nothing in
    ``avoid``; fewer when the pool runs out (callers report that)."""
    found = []
    if prefixlen < pool.prefixlen:
        return found
    for block in pool.subnet(prefixlen):
        if any(overlaps(block, other) for other in avoid):
            continue
        found.append(block)
        if len(found) == count:
            break
    return found


def block_count(pool, prefixlen):
    if prefixlen < pool.prefixlen:
        return 0
    return pool.size // parse_network("0.0.0.0/%d" % prefixlen).size


def inside_pair_30(block):
    """A /30 tunnel's inside addresses: Oracle on the first usable address, the customer
    (Azure APIPA) on the second, both as OCI takes them ("169.254.21.1/30")."""
    if block.prefixlen != 30:
        raise AddressError("%s is not a /30" % block.cidr)
    return interface(block[1], 30), interface(block[2], 30)


def inside_pair_31_sharing(customer_ip):
    """The /31 that contains ``customer_ip`` (the Azure APIPA) and the Oracle address that is
    its other half: lets a second tunnel reach the same single APIPA address (seed design)."""
    ip, net = parse_interface("%s/31" % customer_ip)
    oracle = [addr for addr in net if addr != ip][0]
    return interface(oracle, 31), interface(ip, 31)


def interface(ip, prefixlen):
    return "%s/%d" % (ip, prefixlen)


def pair_problems(oracle_text, customer_text):
    """Why an Oracle/customer inside pair is not a valid /30 or /31 pair ([] when it is)."""
    return addresses.point_to_point_problems(oracle_text, customer_text, lengths=C.INSIDE_PREFIX_LENGTHS)


def fastconnect_mapping(block):
    """One FastConnect/ExpressRoute link: in each /30 Oracle takes the first usable address
    (the 2nd of the block) and Azure the next (the 3rd); Microsoft keeps the first."""
    if block.prefixlen != 30:
        raise AddressError("%s is not a /30" % block.cidr)
    return {
        "subnet": str(block.cidr),
        "oracle_bgp_peering_ip": interface(block[1], 30),
        "customer_bgp_peering_ip": interface(block[2], 30),
        "oracle_address": str(block[1]),
        "azure_address": str(block[2]),
    }
