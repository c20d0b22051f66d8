# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's address math, all through netaddr: parsing, containment, overlap.

One library serves the planner, the modules and verification; nothing here does bit arithmetic
by hand. Parsers raise AddressError with a message that says what is wrong with the text.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

try:
    from netaddr import INET_PTON, IPAddress, IPNetwork, IPRange, AddrFormatError
    NETADDR_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported to the user by the callers
    NETADDR_IMPORT_ERROR = exc


class AddressError(ValueError):
    """A value that is not the address or network asked for; the message says why."""


def require_netaddr():
    if NETADDR_IMPORT_ERROR is not None:
        raise ImportError("interconnect.oci_azure needs the Python library netaddr "
                          "(pip install netaddr): %s" % NETADDR_IMPORT_ERROR)


def _text(value):
    if not isinstance(value, str):
        raise AddressError("%r is not text" % (value,))
    return value.strip()


def parse_network(value, strict=True, version=4):
    """A network from CIDR text (``version`` 4, 6 or None for either); with ``strict`` the host
    bits must be zero."""
    require_netaddr()
    text = _text(value)
    if "/" not in text:
        raise AddressError("%r is not in CIDR notation (address/prefix length)" % (value,))
    try:
        net = IPNetwork(text)
    except (AddrFormatError, ValueError, TypeError):
        raise AddressError("%r is not a valid %s CIDR" % (value, "IPv%d" % version if version else "IP"))
    if version and net.version != version:
        raise AddressError("%s is not IPv%d" % (text, version))
    if strict and net.ip != net.network:
        raise AddressError("%s has host bits set; the network is %s" % (text, net.cidr))
    return net


def parse_interface(value, version=4):
    """An interface address in CIDR notation ("169.254.21.1/30"): (IPAddress, IPNetwork)."""
    net = parse_network(value, strict=False, version=version)
    return net.ip, net.cidr


def parse_address(value, version=4):
    """A single address (no prefix length); ``version`` 4, 6 or None for either."""
    require_netaddr()
    text = _text(value)
    if "/" in text:
        raise AddressError("%r is a prefix, not a single address" % (value,))
    try:
        # INET_PTON: only the canonical dotted quad, never "10.1" or "010.0.0.1".
        address = IPAddress(text, flags=INET_PTON)
    except (AddrFormatError, ValueError, TypeError):
        raise AddressError("%r is not an %s address" % (value, "IPv%d" % version if version else "IP"))
    if version and address.version != version:
        raise AddressError("%s is not an IPv%d address" % (text, version))
    return address


def overlaps(a, b):
    """True when networks (or ranges) ``a`` and ``b`` share an address."""
    return a.first <= b.last and b.first <= a.last


def within(inner, outer):
    """True when network ``inner`` (or an address) lies entirely inside network ``outer``."""
    if isinstance(inner, IPAddress):
        return outer.first <= int(inner) <= outer.last
    return outer.first <= inner.first and inner.last <= outer.last


def in_range(item, first, last):
    """True when an address or a whole network lies inside the range ``first``-``last``."""
    rng = IPRange(first, last)
    if isinstance(item, IPNetwork):
        return rng.first <= item.first and item.last <= rng.last
    return IPAddress(item) in rng


def network_of(value):
    """The network text of an interface address ("169.254.21.1/30" -> "169.254.21.0/30")."""
    return str(parse_network(value, strict=False, version=None).cidr)


def point_to_point_problems(oracle_text, customer_text, lengths=(30, 31), names=("oracle_ip", "customer_ip")):
    """Why an Oracle/customer pair of interface addresses is not the two usable addresses of one
    /30 or the two addresses of one /31 ([] when it is; OCI inside tunnel addresses)."""
    oracle_name, customer_name = names
    try:
        o_ip, o_net = parse_interface(oracle_text)
    except AddressError as exc:
        return ["%s: %s" % (oracle_name, exc)]
    try:
        c_ip, c_net = parse_interface(customer_text)
    except AddressError as exc:
        return ["%s: %s" % (customer_name, exc)]
    problems = []
    for name, text, net in ((oracle_name, oracle_text, o_net), (customer_name, customer_text, c_net)):
        if net.prefixlen not in lengths:
            problems.append("%s: %s must be a /30 or a /31 (OCI inside tunnel addresses)" % (name, text))
    if problems:
        return problems
    if o_net != c_net:
        return ["%s %s and %s %s are not in the same /%d"
                % (oracle_name, oracle_text, customer_name, customer_text, o_net.prefixlen)]
    if o_ip == c_ip:
        return ["%s and %s are both %s" % (oracle_name, customer_name, o_ip)]
    if o_net.prefixlen == 30:
        for name, ip in ((oracle_name, o_ip), (customer_name, c_ip)):
            if ip in (o_net.network, o_net.broadcast):
                problems.append("%s: %s is the %s address of %s; a /30 has two usable addresses "
                                "(%s and %s)" % (name, ip, "network" if ip == o_net.network else
                                                 "broadcast", o_net.cidr, o_net[1], o_net[2]))
    return problems
