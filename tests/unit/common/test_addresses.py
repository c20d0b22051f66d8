"""module_utils/addresses.py: the collection's one address library (netaddr), checked against
Python's ipaddress as an independent reference."""

import ipaddress

import pytest
from hypothesis import given, strategies as st

from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses as A

ipv4 = st.integers(min_value=0, max_value=2 ** 32 - 1).map(lambda n: str(ipaddress.IPv4Address(n)))
prefixlen = st.integers(min_value=0, max_value=32)


@given(ipv4, prefixlen)
def test_parse_network_agrees_with_ipaddress_on_host_bits(address, length):
    text = "%s/%d" % (address, length)
    reference = ipaddress.IPv4Network(text, strict=False)
    if str(reference.network_address) == address:
        assert str(A.parse_network(text).cidr) == str(reference)
    else:
        with pytest.raises(A.AddressError, match="host bits set; the network is %s" % reference):
            A.parse_network(text)
    assert str(A.parse_network(text, strict=False).cidr) == str(reference)


@given(ipv4, prefixlen, ipv4, prefixlen)
def test_overlaps_and_within_agree_with_ipaddress(a, la, b, lb):
    na, nb = (ipaddress.IPv4Network("%s/%d" % (x, n), strict=False) for x, n in ((a, la), (b, lb)))
    ma, mb = A.parse_network(str(na)), A.parse_network(str(nb))
    assert A.overlaps(ma, mb) == na.overlaps(nb)
    assert A.within(ma, mb) == na.subnet_of(nb)
    assert A.within(A.parse_address(a), mb) == (ipaddress.IPv4Address(a) in nb)


@pytest.mark.parametrize("text, message", [
    ("10.0.0.0", "not in CIDR notation"),
    ("10.0.0.0/33", "not a valid IPv4 CIDR"),
    ("fd00::/64", "is not IPv4"),
    ("banana/8", "not a valid IPv4 CIDR"),
    (None, "is not text"),
])
def test_parse_network_says_what_is_wrong(text, message):
    with pytest.raises(A.AddressError, match=message):
        A.parse_network(text)


def test_parse_network_takes_ipv6_when_asked():
    assert str(A.parse_network("fd00::/64", version=None).cidr) == "fd00::/64"


@pytest.mark.parametrize("text", ["10.1", "010.0.0.1", "10.0.0.1/32", "256.0.0.1", ""])
def test_parse_address_refuses_anything_but_one_canonical_address(text):
    with pytest.raises(A.AddressError):
        A.parse_address(text)


def test_in_range_for_addresses_and_networks():
    assert A.in_range("169.254.21.1", "169.254.21.0", "169.254.22.255")
    assert not A.in_range("169.254.23.1", "169.254.21.0", "169.254.22.255")
    assert A.in_range(A.parse_network("169.254.22.0/24"), "169.254.21.0", "169.254.22.255")
    assert not A.in_range(A.parse_network("169.254.20.0/23"), "169.254.21.0", "169.254.22.255")


@pytest.mark.parametrize("oracle, customer, problem", [
    ("169.254.21.1/30", "169.254.21.2/30", None),
    ("169.254.21.2/31", "169.254.21.3/31", None),
    ("169.254.21.1/30", "169.254.21.5/30", "not in the same /30"),
    ("169.254.21.0/30", "169.254.21.2/30", "network address of 169.254.21.0/30"),
    ("169.254.21.1/30", "169.254.21.3/30", "broadcast address"),
    ("169.254.21.1/29", "169.254.21.2/29", "must be a /30 or a /31"),
    ("169.254.21.1/30", "169.254.21.1/30", "are both 169.254.21.1"),
])
def test_point_to_point_problems(oracle, customer, problem):
    found = A.point_to_point_problems(oracle, customer)
    if problem is None:
        assert found == []
    else:
        assert any(problem in p for p in found), found


def test_network_of_an_interface_address():
    assert A.network_of("169.254.21.2/31") == "169.254.21.2/31"
    assert A.network_of("192.168.255.2/30") == "192.168.255.0/30"


def test_no_collection_code_does_address_math_with_another_library():
    import os
    import re
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "plugins")
    offenders = []
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith(".py"):
                with open(os.path.join(folder, name)) as handle:
                    if re.search(r"^\s*(import ipaddress|from ipaddress import)", handle.read(), re.M):
                        offenders.append(name)
    assert offenders == [], "use module_utils/addresses (netaddr) instead of ipaddress in %s" % offenders
