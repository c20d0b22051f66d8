"""Shared pieces of the interconnect model: the store snapshot, reasons, addresses and times.

See ``emulator/physics/model.py`` for the entry point and docs/emulator-model.md for the rules.
"""

import datetime
import functools
import hashlib
import weakref

from netaddr import AddrFormatError, IPAddress, IPNetwork

from emulator import rules

OCI_KINDS = ("vcn", "drg", "drgRouteTable", "drgAttachment", "cpe", "ipsecConnection",
             "ipsecTunnel", "virtualCircuit", "fastConnectProviderService")
AZURE_KINDS = ("virtualNetwork", "publicIPAddress", "virtualNetworkGateway", "localNetworkGateway",
               "connection", "expressRouteCircuit")


class Snapshot:
    """One read of every kind the model needs, indexed by id (Azure ids lower-cased).

    The model reads each kind once per evaluation, then only looks things up in memory.
    """

    def __init__(self, store, now, identity):
        self.now = now
        clock = getattr(store, "clock", None)
        self.time_scale = float(getattr(clock, "time_scale", 1.0) or 0.0)
        self.oracle_asn = oracle_asn(identity)
        self.oci, self.azure = read_store(store, now)
        self._vcn_cidrs_by_drg = None

    def az(self, kind, rid):
        """Azure resource by its (any-case) ARM id, or None."""
        if not isinstance(rid, str) or not rid:
            return None
        return self.azure[kind].get(rid.lower())

    def vcn_cidrs_for_drg(self, drg_id):
        """CIDRs of the VCNs with an ATTACHED VCN attachment on ``drg_id``, in a stable order."""
        if self._vcn_cidrs_by_drg is None:
            index = {}
            for attachment in sorted(self.oci["drgAttachment"].values(), key=created_order):
                if attachment.get("lifecycleState") != "ATTACHED":
                    continue
                details = attachment.get("networkDetails") or {}
                if details.get("type", "VCN") != "VCN":
                    continue
                vcn = self.oci["vcn"].get(details.get("id") or attachment.get("vcnId"))
                if not vcn or vcn.get("lifecycleState") not in (None, "AVAILABLE", "UPDATING"):
                    continue
                cidrs = vcn.get("cidrBlocks") or ([vcn["cidrBlock"]] if vcn.get("cidrBlock") else [])
                bucket = index.setdefault(attachment.get("drgId"), [])
                for cidr in cidrs:
                    if cidr not in bucket:
                        bucket.append(cidr)
            self._vcn_cidrs_by_drg = index
        return list(self._vcn_cidrs_by_drg.get(drg_id, []))

    def gateway_vnet_prefixes(self, vng):
        """Address space of the VNet whose GatewaySubnet holds the gateway's IP configurations."""
        for config in dict_items(props(vng).get("ipConfigurations")):
            subnet = props(config).get("subnet")
            vnet_id = str((subnet.get("id") if isinstance(subnet, dict) else None) or "").lower().split("/subnets/")[0]
            vnet = self.azure["virtualNetwork"].get(vnet_id)
            if vnet:
                space = props(vnet).get("addressSpace")
                prefixes = space.get("addressPrefixes") if isinstance(space, dict) else None
                return [p for p in prefixes if isinstance(p, str)] if isinstance(prefixes, list) else []
        return []


# Store reads cached per store: valid while its generation is unchanged and no queued ``_pending``
# transition has come due. The cached objects are shared between evaluations: never mutate them.
_READ_CACHE = weakref.WeakKeyDictionary()


def _earliest_pending(objects):
    return min((p["at"] for obj in objects for p in obj.get("_pending") or ()), default=float("inf"))


def read_store(store, now):
    """({kind: {id: obj}} for OCI, same for Azure with lower-cased ids) as of ``now``."""
    generation = getattr(store, "generation", None)
    try:
        cached = _READ_CACHE.get(store)
    except TypeError:                   # not weak-referenceable: no caching
        cached = None
    if cached and generation is not None and cached[0] == generation and now < cached[1]:
        return cached[2], cached[3]
    lock = getattr(store, "lock", None)
    if lock is not None:
        lock.acquire()     # one consistent read across kinds (the store's lock is re-entrant)
    try:
        oci = {kind: {obj["id"]: obj for obj in store.list("oci", kind) if isinstance(obj.get("id"), str)}
               for kind in OCI_KINDS}
        azure = {kind: {obj["id"].lower(): obj for obj in store.list("azure", kind) if isinstance(obj.get("id"), str)}
                 for kind in AZURE_KINDS}
    finally:
        if lock is not None:
            lock.release()
    # list() settles due transitions and writers may interleave (both bump the generation): cache
    # only a read during which the generation did not move.
    if generation is not None and getattr(store, "generation", None) == generation:
        objects = [o for part in (oci, azure) for items in part.values() for o in items.values()]
        try:
            _READ_CACHE[store] = (generation, _earliest_pending(objects), oci, azure)
        except TypeError:
            pass
    return oci, azure


def dict_items(value):
    """The dict elements of a list field (absent, null or malformed lists give none)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def props(obj):
    """An ARM resource's ``properties`` (empty when absent or malformed)."""
    value = obj.get("properties") if isinstance(obj, dict) else None
    return value if isinstance(value, dict) else {}


def oracle_asn(identity):
    """Oracle's BGP ASN: from the twin identity if it names one, else the commercial realm's."""
    for section in (identity or {}, (identity or {}).get("oci") or {}):
        for key in ("oracle_bgp_asn", "oracleBgpAsn"):
            if section.get(key):
                return int(section[key])
    return rules.ORACLE_BGP_ASN


def created_order(obj):
    """Sort key: creation time, then id (deterministic tie-break)."""
    return (obj.get("_createdAt") or 0.0, (obj.get("id") or "").lower())


def changed_at(*objs):
    """Latest write among ``objs`` (when the current configuration took effect)."""
    return max((o.get("_updatedAt") or o.get("_createdAt") or 0.0) for o in objs if o)


class _Blank(dict):
    def __missing__(self, key):
        return "?"


def reason(code, **fields):
    """``{"reasonCode", "reason", "solution"}`` for a code of ``rules.REASONS``."""
    text, solution = rules.REASONS[code]
    values = _Blank({k: ("none" if v is None else v) for k, v in fields.items()})
    return {"reasonCode": code, "reason": text.format_map(values), "solution": solution.format_map(values)}


# --- addresses (netaddr) -----------------------------------------------------------------------
def parse_ip(text):
    """IPAddress of ``"a.b.c.d"`` or ``"a.b.c.d/len"``; None when absent or malformed."""
    if not text:
        return None
    return _parse_ip(str(text).split("/")[0].strip())


@functools.lru_cache(maxsize=4096)
def _parse_ip(text):
    try:
        return IPAddress(text)
    except (AddrFormatError, ValueError):
        return None


def parse_interface(text, default_prefixlen=None):
    """IPNetwork of an interface address in CIDR notation (host bits kept); None if malformed.

    Results are cached and shared: do not mutate them.
    """
    if not text:
        return None
    text = str(text).strip()
    if "/" not in text:
        if default_prefixlen is None:
            return None
        text = "%s/%d" % (text, default_prefixlen)
    return _parse_network(text)


@functools.lru_cache(maxsize=4096)
def _parse_network(text):
    try:
        return IPNetwork(text)
    except (AddrFormatError, ValueError):
        return None


def same_ip(a, b):
    left, right = parse_ip(a), parse_ip(b)
    return left is not None and left == right


def valid_point_to_point(oracle_text, customer_text):
    """Oracle and customer inside addresses: the two usable hosts of one /30, or the two of one /31."""
    oracle, customer = parse_interface(oracle_text), parse_interface(customer_text)
    if oracle is None or customer is None or oracle.version != 4:
        return False
    if oracle.prefixlen != customer.prefixlen or oracle.prefixlen not in (30, 31):
        return False
    if oracle.cidr != customer.cidr or oracle.ip == customer.ip:
        return False
    if oracle.prefixlen == 30:
        reserved = (oracle.cidr.network, oracle.cidr.broadcast)
        return oracle.ip not in reserved and customer.ip not in reserved
    return True


def same_prefix(a, b):
    """Two prefixes denote the same network (``10.0.0.0/30`` == ``10.0.0.1/30``)."""
    left, right = parse_interface(a), parse_interface(b)
    return left is not None and right is not None and left.cidr == right.cidr


# --- times -------------------------------------------------------------------------------------
def timespan(seconds):
    """.NET TimeSpan text as ARM prints it: ``[d.]hh:mm:ss.fffffff``."""
    seconds = max(0.0, seconds)
    ticks = int(round(seconds * 10_000_000))
    days, rest = divmod(ticks, 86_400 * 10_000_000)
    hours, rest = divmod(rest, 3_600 * 10_000_000)
    minutes, rest = divmod(rest, 60 * 10_000_000)
    secs, fraction = divmod(rest, 10_000_000)
    text = "%02d:%02d:%02d.%07d" % (hours, minutes, secs, fraction)
    return ("%d.%s" % (days, text)) if days else text


def utc_text(epoch):
    """ISO-8601 UTC with seven fractional digits, the way ARM serialises DateTime values."""
    moment = datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%07dZ" % (moment.microsecond * 10)


def mac_for(*parts):
    """A stable locally administered MAC in Cisco dotted form (ARP tables show ``aaaa.bbbb.cccc``)."""
    digest = bytearray(hashlib.sha256("|".join(parts).encode("utf-8")).digest()[:6])
    digest[0] = (digest[0] | 0x02) & 0xFE
    hexed = digest.hex()
    return "%s.%s.%s" % (hexed[0:4], hexed[4:8], hexed[8:12])
