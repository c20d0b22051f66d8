"""Properties of plans for random valid intents (hypothesis)."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from netaddr import IPAddress, IPNetwork, IPRange, cidr_merge

from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import constants as C
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import psk
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.model import build_plan
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.validate import (
    reserved_asn)

APIPA = IPRange("169.254.21.0", "169.254.22.255")
SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def networks(draw):
    """Disjoint VCN and VNet CIDR lists: each CIDR inside its own 10.x.0.0/16."""
    count_vcn = draw(st.integers(1, 3))
    count_vnet = draw(st.integers(1, 3))
    octets = draw(st.lists(st.integers(0, 255), min_size=count_vcn + count_vnet,
                           max_size=count_vcn + count_vnet, unique=True))
    cidrs = []
    for octet in octets:
        prefix = draw(st.integers(16, 24))
        index = draw(st.integers(0, 2 ** (prefix - 16) - 1))
        cidrs.append(str(list(IPNetwork("10.%d.0.0/16" % octet).subnet(prefix, count=index + 1))[-1]))
    return cidrs[:count_vcn], cidrs[count_vcn:]


@st.composite
def apipa_pools(draw, blocks_needed):
    third = draw(st.sampled_from([21, 22]))
    smallest = {0: 30, 1: 30, 2: 29, 4: 28}[blocks_needed]
    prefix = draw(st.integers(24, smallest))
    index = draw(st.integers(0, 2 ** (prefix - 24) - 1))
    return str(list(IPNetwork("169.254.%d.0/24" % third).subnet(prefix, count=index + 1))[-1])


def usable_asn():
    return st.one_of(st.integers(64512, 65514), st.integers(4200000000, 4294967294),
                     st.integers(1, 8073)).filter(lambda a: reserved_asn(a) is None)


@st.composite
def given_inside(draw, scenario, pool):
    """Explicit inside pairs for the tunnels in use (the user's choice of /30s)."""
    if scenario == "vpn_single":
        # keep the pool's block free for the unused tunnel: take the other /24
        thirds = [22 if IPNetwork(pool).ip.words[2] == 21 else 21]
    else:
        thirds = [21, 22]
    count = {"vpn_single": 1, "vpn_bgp_active_passive": 1, "vpn_bgp_active_active": 4}[scenario]
    third = draw(st.sampled_from(thirds))
    indexes = draw(st.lists(st.integers(0, 63), min_size=count, max_size=count, unique=True))
    pairs = []
    for index in indexes:
        block = list(IPNetwork("169.254.%d.0/24" % third).subnet(30))[index]
        customer, oracle = draw(st.permutations([block[1], block[2]]))
        pairs.append({"oracle_ip": "%s/30" % oracle, "customer_ip": "%s/30" % customer})
    if scenario == "vpn_bgp_active_passive":
        customer = IPAddress(pairs[0]["customer_ip"].split("/")[0])
        other = [a for a in IPNetwork("%s/31" % customer).cidr if a != customer][0]
        pairs.append({"oracle_ip": "%s/31" % other, "customer_ip": "%s/31" % customer})
    return pairs


SECRET_TEXT = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
                      min_size=8, max_size=64)


@st.composite
def intents(draw):
    scenario = draw(st.sampled_from(C.SCENARIOS))
    vcn, vnet = draw(networks())
    params = {"scenario": scenario, "vcn_cidrs": vcn, "vnet_cidrs": vnet,
              "name_prefix": draw(st.from_regex(r"\A[a-z][a-z0-9-]{0,20}[a-z0-9]\Z"))}
    if scenario == "fastconnect_expressroute":
        params["peering_location"] = "Amsterdam"
        params["bandwidth_gbps"] = draw(st.sampled_from(C.BANDWIDTHS_GBPS))
        params["oracle_asn"] = draw(st.one_of(st.just(31898), usable_asn()))
        params["fastpath"] = draw(st.booleans())
        params["expressroute_gateway_sku"] = draw(st.sampled_from(
            C.AZURE_FASTPATH_SKUS if params["fastpath"] else C.AZURE_ER_GATEWAY_SKUS))
        if params["expressroute_gateway_sku"] == "ErGwScale":
            low = draw(st.integers(C.AZURE_FASTPATH_MIN_SCALE_UNITS if params["fastpath"] else 1, 40))
            params["expressroute_gateway_min_scale_units"] = low
            # autoscaling (max above min) needs min >= 2 (scalable-gateway)
            params["expressroute_gateway_max_scale_units"] = low if low < 2 else draw(st.integers(low, 40))
        if draw(st.booleans()):
            third = draw(st.integers(0, 255))
            first, second = draw(st.lists(st.integers(0, 63), min_size=2, max_size=2, unique=True))
            params["fastconnect_subnets"] = ["192.168.%d.%d/30" % (third, 4 * first),
                                             "192.168.%d.%d/30" % (third, 4 * second)]
        return params
    blocks = {"vpn_single": 2, "vpn_bgp_active_passive": 1, "vpn_bgp_active_active": 4}
    if scenario in blocks:
        params["apipa_pool"] = draw(apipa_pools(blocks[scenario]))
        azure = draw(st.one_of(st.just(65515), usable_asn()))
        oracle = draw(st.one_of(st.just(31898), usable_asn()).filter(lambda a: a != azure))
        params["azure_asn"], params["oracle_asn"] = azure, oracle
        if draw(st.booleans()):
            params["tunnel_inside_addresses"] = draw(given_inside(scenario, params["apipa_pool"]))
    profile = draw(st.sampled_from(["default", "azure-default", "azure-default-compatible", "strong"]))
    params["crypto_profile"] = profile
    skus = [s for s in C.AZURE_VPN_SKUS if s != "Basic" and s not in C.AZURE_VPN_SKUS_NO_CREATE]
    if scenario == "vpn_static_active_passive" and profile in ("azure-default", "azure-default-compatible"):
        skus.append("Basic")
    params["gateway_sku"] = draw(st.sampled_from(skus))
    policy = draw(st.sampled_from(C.SHARED_SECRET_POLICIES))
    params["shared_secret_policy"] = policy
    if policy == "given":
        params["shared_secrets"] = draw(st.lists(SECRET_TEXT, min_size=1, max_size=1))
    elif policy == "generated":
        params["secret_seed"] = draw(SECRET_TEXT.filter(lambda s: len(s) >= 16))
    return params


@SETTINGS
@given(intents())
def test_valid_intents_plan_deterministically_and_serialise(params):
    plan = build_plan(params)
    again = build_plan(json.loads(json.dumps(params)))
    assert plan == again
    assert json.loads(json.dumps(plan)) == plan
    text = json.dumps(plan)
    # a key never appears as a value (substrings of other values, e.g. an ASN, may coincide)
    # (as a value: after a colon or in a list; a key such as "generation" may be a dict key)
    for secret in (params.get("shared_secrets") or []) + [params.get("secret_seed")]:
        if secret:
            assert ": " + json.dumps(secret) not in text and "[" + json.dumps(secret) not in text
            assert ", " + json.dumps(secret) + "]" not in text
    for key in psk.keys_for(plan, params).values():
        assert ": " + json.dumps(key) not in text and "[" + json.dumps(key) not in text


@SETTINGS
@given(intents())
def test_no_two_allocated_ranges_overlap(params):
    plan = build_plan(params)
    blocks = [IPNetwork(b["cidr"]) for b in plan["address_blocks"]]
    for i, a in enumerate(blocks):
        for b in blocks[i + 1:]:
            assert a.last < b.first or b.last < a.first, (a, b)
    # ranges shared by design (the seed's /31 inside the /30) stay inside their block
    for b in plan["address_blocks"]:
        for shared in b.get("shared_with", []):
            assert IPNetwork(shared["cidr"]) in IPNetwork(b["cidr"])
    # every tunnel's inside network is one of the recorded blocks or shares one
    recorded = set(b["cidr"] for b in plan["address_blocks"])
    recorded |= set(s["cidr"] for b in plan["address_blocks"] for s in b.get("shared_with", []))
    for tunnel in plan["tunnels"]:
        if tunnel["inside"]:
            assert tunnel["inside"]["network"] in recorded


@SETTINGS
@given(intents())
def test_every_apipa_in_range_and_every_inside_pair_valid(params):
    plan = build_plan(params)
    if plan["routing"] == "fastconnect":
        for link in plan["fastconnect"]["links"]:
            block = IPNetwork(link["subnet"])
            assert block.prefixlen == 30
            assert IPAddress(link["oracle_address"]) == block[1]
            assert IPAddress(link["azure_address"]) == block[2]
        return
    vng = plan["azure"]["virtual_network_gateway"]
    apipas = {}
    for ipconf in vng["ip_configurations"]:
        apipas[ipconf["name"]] = ipconf["custom_bgp_ip_addresses"]
        for address in ipconf["custom_bgp_ip_addresses"]:
            assert IPAddress(address) in APIPA
    all_apipas = [a for values in apipas.values() for a in values]
    assert len(all_apipas) == len(set(all_apipas))  # no APIPA on two instances
    if not vng["active_active"] and vng["enable_bgp"]:
        assert len(all_apipas) == 1  # active-passive: BGP only on the first APIPA address
    if vng["active_active"] and vng["enable_bgp"]:
        assert [len(v) for v in apipas.values()] == [2, 2]
    oracle_addresses = []
    for tunnel in plan["tunnels"]:
        inside = tunnel["inside"]
        if tunnel["routing"] != "BGP":
            assert inside is None
            continue
        oracle = IPNetwork(inside["oracle_ip"])
        customer = IPNetwork(inside["customer_ip"])
        assert oracle.prefixlen == customer.prefixlen == inside["prefix_length"]
        assert inside["prefix_length"] in (30, 31)
        assert oracle.cidr == customer.cidr
        assert oracle.ip != customer.ip
        if inside["prefix_length"] == 30:
            usable = (oracle.cidr[1], oracle.cidr[2])
            assert oracle.ip in usable and customer.ip in usable
        assert IPAddress(inside["customer_address"]) in APIPA
        oracle_addresses.append(inside["oracle_address"])
        if tunnel["in_use"]:
            instance = vng["ip_configurations"][tunnel["vng_instance"] - 1]
            assert tunnel["azure_apipa"] in instance["custom_bgp_ip_addresses"]
    assert len(oracle_addresses) == len(set(oracle_addresses))
    # LNGs peer with the Oracle address of their tunnel; connections pin their tunnel's APIPA
    tunnels = dict((t["key"], t) for t in plan["tunnels"])
    for lng in plan["azure"]["local_network_gateways"]:
        tunnel = tunnels[lng["tunnel"]]
        if lng["bgp_settings"]:
            assert lng["bgp_settings"]["bgp_peering_address"] == tunnel["inside"]["oracle_address"]
            assert lng["address_prefixes"] == []
    for conn in plan["azure"]["connections"]:
        tunnel = tunnels[conn["tunnel"]]
        for pin in conn["gateway_custom_bgp_ip_addresses"]:
            assert pin["custom_bgp_ip_address"] in apipas[pin["ip_configuration"]]
        own = [p for p in conn["gateway_custom_bgp_ip_addresses"]
               if p["ip_configuration"] == "ipconfig%d" % tunnel["vng_instance"]]
        if conn["enable_bgp"]:
            assert own == [{"ip_configuration": "ipconfig%d" % tunnel["vng_instance"],
                            "custom_bgp_ip_address": tunnel["azure_apipa"]}]


@SETTINGS
@given(intents())
def test_static_primary_halves_cover_exactly_the_backup_cidrs(params):
    plan = build_plan(params)
    if plan["routing"] != "static":
        return
    for conn in plan["oci"]["ipsec_connections"]:
        assert len(conn["static_routes"]) <= 10
    primaries = [c for c in plan["oci"]["ipsec_connections"] if c["role"] == "primary"]
    backups = [c for c in plan["oci"]["ipsec_connections"] if c["role"] == "backup"]
    assert primaries and len(primaries) == len(backups)
    for primary, backup in zip(primaries, backups):
        halves = [IPNetwork(c) for c in primary["static_routes"]]
        assert cidr_merge(halves) == cidr_merge([IPNetwork(c) for c in backup["static_routes"]])
        assert len(halves) == 2 * len(backup["static_routes"])
        assert all(h.prefixlen == IPNetwork(c).prefixlen + 1 for h in halves
                   for c in backup["static_routes"] if h in IPNetwork(c))
    lngs = plan["azure"]["local_network_gateways"]
    wanted = cidr_merge([IPNetwork(c) for c in params["vcn_cidrs"]])
    for lng in lngs:
        assert cidr_merge([IPNetwork(c) for c in lng["address_prefixes"]]) == wanted
        expected = 2 * len(params["vcn_cidrs"]) if lng["role"] == "primary" else len(
            params["vcn_cidrs"])
        assert len(lng["address_prefixes"]) == expected
