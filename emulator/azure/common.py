"""Stateless ARM pieces shared by the Azure modules: error shapes, ids and parsing, the served
envelope, and the body checks more than one resource kind makes.

Error codes that could not be confirmed in a public source are marked ``# unverified`` where
they are raised.
"""

import datetime
import ipaddress
import re
import uuid

from emulator import rules
from emulator.core.http import ApiError
from emulator.core.store import public_view

NETWORK = "Microsoft.Network"
PEER_WEIGHT_RANGE = (0, 100)
ASN_MAX = 4294967295
# store kind -> resource type segment under Microsoft.Network
RESOURCE_TYPES = {
    "virtualNetwork": "virtualNetworks",
    "publicIPAddress": "publicIPAddresses",
    "virtualNetworkGateway": "virtualNetworkGateways",
    "localNetworkGateway": "localNetworkGateways",
    "connection": "connections",
    "expressRouteCircuit": "expressRouteCircuits",
}



def arm_error(status, code, message, target=None, details=None, headers=None):
    return ApiError(status, code, message, target=target, headers=headers, details=details or [])


def bad_request(code, message, target=None, details=None):
    return arm_error(400, code, message, target=target, details=details)


def invalid_format(message, detail_code, detail_message, target=None):
    """ARM's 400 InvalidRequestFormat with one detail, as the network RP reports body problems."""
    return arm_error(400, "InvalidRequestFormat", message, target=target,
                     details=[{"code": detail_code, "message": detail_message}])


def iso(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).isoformat().replace("+00:00", "Z")


def normalize_location(location):
    return re.sub(r"\s+", "", str(location or "")).lower()


def new_etag():
    return 'W/"%s"' % uuid.uuid4()


def ip_in_range(address, low, high):
    try:
        value = ipaddress.IPv4Address(address)
    except (ipaddress.AddressValueError, ValueError):
        return False
    return ipaddress.IPv4Address(low) <= value <= ipaddress.IPv4Address(high)


def parse_ipv4(address):
    try:
        return ipaddress.IPv4Address(str(address))
    except (ipaddress.AddressValueError, ValueError):
        return None


def parse_prefix(prefix):
    """An IPv4Network for a CIDR given in canonical form (host bits zero), else None."""
    try:
        return ipaddress.IPv4Network(str(prefix), strict=True)
    except (ipaddress.AddressValueError, ipaddress.NetmaskValueError, ValueError):
        return None


def ref_id(value):
    """The ``id`` of a sub-resource reference ``{"id": ...}``, or None."""
    if isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"]:
        return value["id"]
    return None


def find_child(parent, collection, name):
    """The child resource ``name`` of ``parent``'s ``properties.<collection>`` (ARM names are
    case-insensitive), or None."""
    for child in parent["properties"].get(collection, []):
        if child["name"].lower() == name.lower():
            return child
    return None


def child_not_found(parent, collection, name):
    return arm_error(404, "NotFound", "Resource %s/%s/%s not found." % (parent["id"], collection, name))


def view_envelope(obj):
    """The served top-level shape of a stored resource (private keys stripped, ARM key order)."""
    served = public_view(obj)
    ordered = {}
    for key in ("name", "id", "etag", "type", "location", "tags", "zones", "sku", "properties"):
        if key in served:
            ordered[key] = served[key]
    for key, value in served.items():
        ordered.setdefault(key, value)
    return ordered


def validate_asn(asn, target):
    """A BGP ASN Azure accepts: 1..4294967294 and none of rules.AZURE_RESERVED_ASNS."""
    if isinstance(asn, bool) or not isinstance(asn, int) or not 1 <= asn <= ASN_MAX:
        raise bad_request("InvalidAsn",  # unverified
                          "The ASN %r is not valid. It must be an integer from 1 to 4294967294." % (asn,),
                          target=target)
    if asn in rules.AZURE_RESERVED_ASNS:
        raise bad_request("AsnReserved",  # unverified
                          "ASN %d is reserved by Azure and cannot be used. Reserved ASNs: 8074, 8075, 12076, "
                          "65515, 65517-65520, 23456, 64496-64511, 65535-65551, 4294967295." % asn,
                          target=target)


def validate_peer_weight(weight, target):
    if isinstance(weight, bool) or not isinstance(weight, int) or \
            not PEER_WEIGHT_RANGE[0] <= weight <= PEER_WEIGHT_RANGE[1]:
        raise bad_request("InvalidPeerWeight",  # unverified
                          "peerWeight must be an integer from %d to %d." % PEER_WEIGHT_RANGE, target=target)
    return weight


def validate_prefixes(prefixes, target):
    """Canonical IPv4 CIDRs; returns the parsed networks."""
    if not isinstance(prefixes, list):
        raise invalid_format("Cannot parse the request.", "InvalidJsonPropertyType",
                             "%s must be an array of address prefixes." % target, target=target)
    parsed = []
    for prefix in prefixes:
        network = parse_prefix(prefix)
        if network is None:
            raise bad_request("InvalidAddressPrefixFormat",  # unverified
                              "Address prefix %s does not have a valid format. Use a CIDR such as 10.0.0.0/16 "
                              "with the host bits set to zero." % (prefix,), target=target)
        parsed.append(network)
    return parsed


def canonical(value, allowed):
    """The canonical spelling of ``value`` among ``allowed``, matched case-insensitively, else None."""
    if not isinstance(value, str):
        return None
    return next((a for a in allowed if a.lower() == value.lower()), None)
