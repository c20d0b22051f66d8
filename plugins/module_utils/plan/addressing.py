# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Address math for the plan, all through netaddr (no bit arithmetic by hand)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

try:
    from netaddr import IPAddress, IPNetwork, IPRange, AddrFormatError
    NETADDR_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported to the user by the callers
    NETADDR_IMPORT_ERROR = exc

from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import constants as C


class AddressError(ValueError):
    """A value that is not the address or network the plan needs; the message says why."""


def require_netaddr():
    if NETADDR_IMPORT_ERROR is not None:
        raise ImportError("the interconnect plan needs the Python library netaddr "
                          "(pip install netaddr): %s" % NETADDR_IMPORT_ERROR)


def parse_network(text, strict=True):
    """An IPv4 network from CIDR text; with ``strict`` the host bits must be zero."""
    require_netaddr()
    if not isinstance(text, str) or "/" not in text:
        raise AddressError("%r is not in CIDR notation (address/prefix length)" % (text,))
    try:
        net = IPNetwork(text)
    except (AddrFormatError, ValueError, TypeError):
        raise AddressError("%r is not a valid IPv4 CIDR" % (text,))
    if net.version != 4:
        raise AddressError("%s is not IPv4 (the interconnect plans IPv4 only)" % text)
    if strict and net.ip != net.network:
        raise AddressError("%s has host bits set; the network is %s" % (text, net.cidr))
    return net


def parse_interface(text):
    """An interface address in CIDR notation ("169.254.21.1/30"): (IPAddress, IPNetwork)."""
    net = parse_network(text, strict=False)
    return net.ip, net.cidr


def is_unicast(net):
    """False for multicast and class E (OCI rejects them as static routes)."""
    return not overlaps(net, IPNetwork("224.0.0.0/3"))


def overlaps(a, b):
    return a.first <= b.last and b.first <= a.last


def within(inner, outer):
    """True when network ``inner`` lies entirely inside ``outer``."""
    return outer.first <= inner.first and inner.last <= outer.last


def cidr_halves(net):
    """The two halves of a network: 10.0.0.0/16 -> 10.0.0.0/17, 10.0.128.0/17."""
    if net.prefixlen >= 32:
        raise AddressError("%s is a single address and has no halves" % net.cidr)
    return list(net.subnet(net.prefixlen + 1))


def apipa_range():
    return IPRange(C.APIPA_FIRST, C.APIPA_LAST)


def in_apipa_range(item):
    """True when an address or a whole network lies inside Azure's custom APIPA range."""
    rng = apipa_range()
    if isinstance(item, IPNetwork):
        return item.first >= rng.first and item.last <= rng.last
    return IPAddress(item) in rng


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
    return pool.size // IPNetwork("0.0.0.0/%d" % prefixlen).size


def inside_pair_30(block):
    """A /30 tunnel's inside addresses: Oracle on the first usable address, the customer
    (Azure APIPA) on the second, both as OCI takes them ("169.254.21.1/30")."""
    if block.prefixlen != 30:
        raise AddressError("%s is not a /30" % block.cidr)
    return interface(block[1], 30), interface(block[2], 30)


def inside_pair_31_sharing(customer_ip):
    """The /31 that contains ``customer_ip`` (the Azure APIPA) and the Oracle address that is
    its other half: lets a second tunnel reach the same single APIPA address (seed design)."""
    ip = IPAddress(str(customer_ip))
    net = IPNetwork("%s/31" % ip).cidr
    oracle = [addr for addr in net if addr != ip][0]
    return interface(oracle, 31), interface(ip, 31)


def interface(ip, prefixlen):
    return "%s/%d" % (ip, prefixlen)


def pair_problems(oracle_text, customer_text):
    """Why an Oracle/customer inside pair is not a valid /30 or /31 pair ([] when it is)."""
    problems = []
    try:
        o_ip, o_net = parse_interface(oracle_text)
    except AddressError as exc:
        return ["oracle_ip: %s" % exc]
    try:
        c_ip, c_net = parse_interface(customer_text)
    except AddressError as exc:
        return ["customer_ip: %s" % exc]
    if o_net.prefixlen not in C.INSIDE_PREFIX_LENGTHS:
        problems.append("oracle_ip: %s must be a /30 or a /31 (OCI inside tunnel addresses)"
                        % oracle_text)
    if c_net.prefixlen not in C.INSIDE_PREFIX_LENGTHS:
        problems.append("customer_ip: %s must be a /30 or a /31 (OCI inside tunnel addresses)"
                        % customer_text)
    if problems:
        return problems
    if o_net.prefixlen != c_net.prefixlen or o_net != c_net:
        return ["oracle_ip %s and customer_ip %s are not in the same /%d"
                % (oracle_text, customer_text, o_net.prefixlen)]
    if o_ip == c_ip:
        return ["oracle_ip and customer_ip are both %s" % o_ip]
    if o_net.prefixlen == 30:
        for name, ip in (("oracle_ip", o_ip), ("customer_ip", c_ip)):
            if ip in (o_net.network, o_net.broadcast):
                problems.append("%s: %s is the %s address of %s; a /30 has two usable addresses "
                                "(%s and %s)" % (name, ip, "network" if ip == o_net.network else
                                                 "broadcast", o_net.cidr, o_net[1], o_net[2]))
    return problems


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
