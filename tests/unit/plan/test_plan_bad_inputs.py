"""Bad intents: each is rejected, with a message that starts with (or names) the input field."""

import pytest

from plan_helpers import BASE, errors_for, intent

SECRET = "not a valid key!"
GIVEN_AA = [
    {"oracle_ip": "169.254.21.1/30", "customer_ip": "169.254.21.2/30"},
    {"oracle_ip": "169.254.21.5/30", "customer_ip": "169.254.21.6/30"},
    {"oracle_ip": "169.254.21.9/30", "customer_ip": "169.254.21.10/30"},
    {"oracle_ip": "169.254.21.13/30", "customer_ip": "169.254.21.14/30"},
]


def aa_with(index, **item):
    given = [dict(g) for g in GIVEN_AA]
    given[index] = item
    return given


def without(params, key):
    params = dict(params)
    del params[key]
    return params


STRONG_AZURE = {"sa_life_time_seconds": 3600, "sa_data_size_kilobytes": 102400000,
                "ipsec_encryption": "GCMAES256", "ipsec_integrity": "GCMAES256",
                "ike_encryption": "AES256", "ike_integrity": "SHA384", "dh_group": "ECP384",
                "pfs_group": "ECP384"}

# (case id, intent, field the message must start with, text the message must contain)
CASES = [
    # scenario, names, unknown options
    ("unknown scenario", dict(BASE, scenario="vpn_magic"), "scenario:", "vpn_magic"),
    ("missing scenario", dict(BASE), "scenario:", "required"),
    ("missing name_prefix", without(intent("vpn_single"), "name_prefix"), "name_prefix:",
     "required"),
    ("prefix starts with hyphen", intent("vpn_single", name_prefix="-lab"), "name_prefix:", "-lab"),
    ("prefix too long", intent("vpn_single", name_prefix="a" * 41), "name_prefix:", "1-40"),
    ("prefix with underscore", intent("vpn_single", name_prefix="my_lab"), "name_prefix:",
     "my_lab"),
    ("unknown option", intent("vpn_single", vnet_cidr=["10.9.0.0/16"]), "vnet_cidr:",
     "unknown option"),
    # CIDRs
    ("missing vcn_cidrs", without(intent("vpn_single"), "vcn_cidrs"), "vcn_cidrs:", "required"),
    ("empty vcn_cidrs", intent("vpn_single", vcn_cidrs=[]), "vcn_cidrs:", "at least one"),
    ("host bits", intent("vpn_single", vcn_cidrs=["10.0.0.1/16"]), "vcn_cidrs[0]:",
     "host bits set; the network is 10.0.0.0/16"),
    ("no prefix length", intent("vpn_single", vcn_cidrs=["10.0.0.0"]), "vcn_cidrs[0]:", "CIDR"),
    ("prefix length 33", intent("vpn_single", vcn_cidrs=["10.0.0.0/33"]), "vcn_cidrs[0]:",
     "not a valid"),
    ("IPv6", intent("vpn_single", vnet_cidrs=["fd00::/48"]), "vnet_cidrs[0]:", "not IPv4"),
    ("GatewaySubnet outside the VNet", intent("vpn_single", azure_gateway_subnet_cidr="10.9.255.0/27"),
     "azure_gateway_subnet_cidr:", "not inside the VNet"),
    ("GatewaySubnet not a CIDR", intent("vpn_single", azure_gateway_subnet_cidr="10.1.255.0"),
     "azure_gateway_subnet_cidr:", "CIDR"),
    ("multicast", intent("vpn_single", vnet_cidrs=["224.1.0.0/16"]), "vnet_cidrs[0]:",
     "multicast"),
    ("vnet overlaps vcn", intent("vpn_single", vnet_cidrs=["10.0.0.0/8"]), "vnet_cidrs[0]:",
     "10.0.0.0/8 overlaps vcn_cidrs[0] 10.0.0.0/16"),
    ("vcn CIDRs overlap each other", intent("vpn_single", vcn_cidrs=["10.0.0.0/16",
                                                                     "10.0.128.0/17"]),
     "vcn_cidrs[1]:", "overlaps vcn_cidrs[0]"),
    ("duplicate vnet CIDR", intent("vpn_single", vnet_cidrs=["10.1.0.0/16", "10.1.0.0/16"]),
     "vnet_cidrs[1]:", "overlaps vnet_cidrs[0]"),
    # ASNs
    ("azure private reserved ASN", intent("vpn_single", azure_asn=65517), "azure_asn:",
     "reserved"),
    ("azure public reserved ASN", intent("vpn_single", azure_asn=8075), "azure_asn:", "reserved"),
    ("oracle ASN 12076", intent("vpn_single", oracle_asn=12076), "oracle_asn:", "reserved"),
    ("oracle ASN documentation range", intent("vpn_single", oracle_asn=64500), "oracle_asn:",
     "reserved"),
    ("oracle ASN AS_TRANS", intent("vpn_single", oracle_asn=23456), "oracle_asn:", "reserved"),
    ("oracle ASN 65515", intent("vpn_single", oracle_asn=65515), "oracle_asn:", "reserved"),
    ("oracle ASN in the FastConnect scenario", intent("fastconnect_expressroute",
                                                      oracle_asn=65518), "oracle_asn:",
     "reserved"),
    ("equal ASNs", intent("vpn_bgp_active_active", azure_asn=65010, oracle_asn=65010),
     "azure_asn:", "equals oracle_asn"),
    ("ASN zero", intent("vpn_single", oracle_asn=0), "oracle_asn:", "outside the ASN range"),
    ("ASN 2^32-1", intent("vpn_single", azure_asn=4294967295), "azure_asn:", "outside"),
    ("ASN not a number", intent("vpn_single", azure_asn="sixty"), "azure_asn:", "must be int"),
    # APIPA pool
    ("pool outside APIPA range", intent("vpn_single", apipa_pool="169.254.30.0/24"),
     "apipa_pool:", "169.254.21.0-169.254.22.255"),
    ("pool partly outside", intent("vpn_single", apipa_pool="169.254.20.0/23"), "apipa_pool:",
     "not inside"),
    ("pool too small for 4 tunnels", intent("vpn_bgp_active_active",
                                            apipa_pool="169.254.21.0/29"),
     "apipa_pool:", "needs 4"),
    ("pool with host bits", intent("vpn_single", apipa_pool="169.254.21.1/24"), "apipa_pool:",
     "host bits"),
    # inside addresses
    ("too few inside pairs", intent("vpn_bgp_active_active", tunnel_inside_addresses=GIVEN_AA[:1]),
     "tunnel_inside_addresses:", "1 given"),
    ("inside /29", intent("vpn_bgp_active_active", tunnel_inside_addresses=aa_with(
        0, oracle_ip="169.254.21.1/29", customer_ip="169.254.21.2/29")),
     "tunnel_inside_addresses[0].oracle_ip:", "/30 or a /31"),
    ("inside same address", intent("vpn_bgp_active_active", tunnel_inside_addresses=aa_with(
        1, oracle_ip="169.254.21.5/30", customer_ip="169.254.21.5/30")),
     "tunnel_inside_addresses[1]:", "both 169.254.21.5"),
    ("inside different /30s", intent("vpn_bgp_active_active", tunnel_inside_addresses=aa_with(
        2, oracle_ip="169.254.21.9/30", customer_ip="169.254.21.13/30")),
     "tunnel_inside_addresses[2]:", "not in the same /30"),
    ("inside network address", intent("vpn_bgp_active_active", tunnel_inside_addresses=aa_with(
        0, oracle_ip="169.254.21.0/30", customer_ip="169.254.21.1/30")),
     "tunnel_inside_addresses[0].oracle_ip:", "network address"),
    ("inside broadcast address", intent("vpn_bgp_active_active", tunnel_inside_addresses=aa_with(
        3, oracle_ip="169.254.21.13/30", customer_ip="169.254.21.15/30")),
     "tunnel_inside_addresses[3].customer_ip:", "broadcast address"),
    ("inside customer outside APIPA", intent("vpn_single", tunnel_inside_addresses=[
        {"oracle_ip": "169.254.30.1/30", "customer_ip": "169.254.30.2/30"}]),
     "tunnel_inside_addresses[0].customer_ip:", "outside Azure's custom APIPA range"),
    ("inside blocks overlap", intent("vpn_bgp_active_active", tunnel_inside_addresses=aa_with(
        1, oracle_ip="169.254.21.2/31", customer_ip="169.254.21.3/31")),
     "tunnel_inside_addresses[1]:", "overlaps tunnel_inside_addresses[0]"),
    ("active-passive pairs must share the APIPA", intent("vpn_bgp_active_passive", tunnel_inside_addresses=[
        {"oracle_ip": "169.254.21.1/30", "customer_ip": "169.254.21.2/30"},
        {"oracle_ip": "169.254.21.5/31", "customer_ip": "169.254.21.4/31"}]),
     "tunnel_inside_addresses[1].customer_ip:", "single APIPA address"),
    ("active-passive same Oracle address", intent("vpn_bgp_active_passive", tunnel_inside_addresses=[
        {"oracle_ip": "169.254.21.3/31", "customer_ip": "169.254.21.2/31"},
        {"oracle_ip": "169.254.21.3/31", "customer_ip": "169.254.21.2/31"}]),
     "tunnel_inside_addresses[1].oracle_ip:", "each tunnel needs its own Oracle address"),
    ("inside pair missing customer_ip", intent("vpn_single", tunnel_inside_addresses=[
        {"oracle_ip": "169.254.21.1/30"}]), "tunnel_inside_addresses.customer_ip:", "required"),
    ("inside overlaps the VCN", intent("vpn_single", vcn_cidrs=["169.254.21.0/28"],
                                       tunnel_inside_addresses=[
        {"oracle_ip": "169.254.21.1/30", "customer_ip": "169.254.21.2/30"}]),
     "tunnel_inside_addresses[0]:", "overlaps vcn_cidrs[0]"),
    # SKUs
    ("Basic with BGP", intent("vpn_single", gateway_sku="Basic"), "gateway_sku:",
     "Basic cannot run BGP"),
    ("Basic active-active", intent("vpn_static_active_active", gateway_sku="Basic"),
     "gateway_sku:", "Basic cannot be active-active"),
    ("Basic with a custom policy", intent("vpn_static_active_passive", gateway_sku="Basic",
                                          crypto_profile="strong"),
     "gateway_sku:", "custom IPsec policy"),
    ("unknown VPN SKU", intent("vpn_single", gateway_sku="VpnGw9"), "gateway_sku:", "VpnGw9"),
    ("FastPath on Standard", intent("fastconnect_expressroute",
                                    expressroute_gateway_sku="Standard"),
     "expressroute_gateway_sku:", "FastPath"),
    ("FastPath on ErGw1AZ", intent("fastconnect_expressroute", expressroute_gateway_sku="ErGw1AZ"),
     "expressroute_gateway_sku:", "UltraPerformance, ErGw3AZ, ErGwScale"),
    ("ErGwScale FastPath below 10 scale units", intent(
        "fastconnect_expressroute", expressroute_gateway_sku="ErGwScale",
        expressroute_gateway_min_scale_units=2, expressroute_gateway_max_scale_units=20),
     "expressroute_gateway_min_scale_units:", "at least 10 scale units"),
    ("ErGwScale without scale units", intent("fastconnect_expressroute",
                                             expressroute_gateway_sku="ErGwScale"),
     "expressroute_gateway_min_scale_units:", "required with ErGwScale"),
    ("ErGwScale max below min", intent(
        "fastconnect_expressroute", expressroute_gateway_sku="ErGwScale",
        expressroute_gateway_min_scale_units=12, expressroute_gateway_max_scale_units=11),
     "expressroute_gateway_max_scale_units:", "below the minimum"),
    ("ErGwScale autoscaling from 1 unit", intent(
        "fastconnect_expressroute", expressroute_gateway_sku="ErGwScale", fastpath=False,
        expressroute_gateway_min_scale_units=1, expressroute_gateway_max_scale_units=5),
     "expressroute_gateway_min_scale_units:", "minimum of 2 or more"),
    ("scale units on a fixed SKU", intent("fastconnect_expressroute",
                                          expressroute_gateway_min_scale_units=10),
     "expressroute_gateway_min_scale_units:", "only an ErGwScale gateway"),
    # non-AZ VpnGw1-5 cannot be created since 2025-01-01 (old belief: a warning)
    ("non-AZ VpnGw2", intent("vpn_single", gateway_sku="VpnGw2"), "gateway_sku:", "plan VpnGw2AZ"),
    ("non-AZ VpnGw5", intent("vpn_bgp_active_active", gateway_sku="VpnGw5"), "gateway_sku:",
     "since 2025-01-01"),
    ("ExpressRoute Local with metered data", intent("fastconnect_expressroute",
                                                    expressroute_sku_tier="Local"),
     "expressroute_sku_family:", "requires UnlimitedData"),
    ("peering location not paired with the OCI region", intent(
        "fastconnect_expressroute", oci_region="eu-amsterdam-1", peering_location="Washington DC"),
     "peering_location:", "not paired with OCI region eu-amsterdam-1"),
    ("OCI region without Interconnect for Azure", intent(
        "fastconnect_expressroute", oci_region="eu-marseille-1", peering_location="Marseille"),
     "oci_region:", "expressroute_peering_locations"),
    # FastConnect
    ("bandwidth 3 Gbps", intent("fastconnect_expressroute", bandwidth_gbps=3), "bandwidth_gbps:",
     "not one of 1, 2, 5, 10"),
    ("bandwidth 100 Gbps", intent("fastconnect_expressroute", bandwidth_gbps=100),
     "bandwidth_gbps:", "100"),
    # the provider assigns the VLAN (old belief: the plan chose it, 1-4094)
    ("VLAN given", intent("fastconnect_expressroute", vlan=300), "vlan:", "the provider assigns"),
    ("VLAN given to a VPN", intent("vpn_single", vlan=100), "vlan:", "not planned"),
    ("no peering location", without(intent("fastconnect_expressroute"), "peering_location"),
     "peering_location:", "required"),
    ("one FastConnect /30", intent("fastconnect_expressroute",
                                   fastconnect_subnets=["192.168.100.0/30"]),
     "fastconnect_subnets:", "exactly two"),
    ("FastConnect /29", intent("fastconnect_expressroute",
                               fastconnect_subnets=["192.168.100.0/29", "192.168.100.8/30"]),
     "fastconnect_subnets[0]:", "needs a /30"),
    ("FastConnect /30s overlap", intent("fastconnect_expressroute",
                                        fastconnect_subnets=["192.168.100.0/30",
                                                             "192.168.100.0/30"]),
     "fastconnect_subnets[1]:", "overlaps fastconnect_subnets[0]"),
    ("FastConnect /30 in the VCN", intent("fastconnect_expressroute",
                                          fastconnect_subnets=["10.0.0.0/30", "10.0.0.4/30"]),
     "fastconnect_subnets[0]:", "overlaps vcn_cidrs[0]"),
    ("FastConnect pool inside the VNet", intent("fastconnect_expressroute", fastconnect_pool="10.1.0.0/24"),
     "fastconnect_pool:", "two are needed"),
    # secrets
    ("given without secrets", intent("vpn_single", shared_secret_policy="given"),
     "shared_secrets:", "required"),
    ("secret with punctuation", intent("vpn_single", shared_secret_policy="given",
                                       shared_secrets=[SECRET]),
     "shared_secrets[0]:", "letters, digits and spaces"),
    ("secret too long for Azure", intent("vpn_single", shared_secret_policy="given",
                                         shared_secrets=["a" * 129]),
     "shared_secrets[0]:", "at most 128"),
    ("empty secret", intent("vpn_single", shared_secret_policy="given", shared_secrets=[""]),
     "shared_secrets[0]:", "non-empty"),
    ("wrong number of secrets", intent("vpn_bgp_active_active", shared_secret_policy="given",
                                       shared_secrets=["a1", "b2", "c3"]),
     "shared_secrets:", "4 tunnels in use"),
    ("secrets with from_oci", intent("vpn_single", shared_secrets=["abc"]), "shared_secrets:",
     "from_oci"),
    ("generated without seed", intent("vpn_single", shared_secret_policy="generated"),
     "secret_seed:", "required"),
    ("generated with a short seed", intent("vpn_single", shared_secret_policy="generated",
                                           secret_seed="short"),
     "secret_seed:", "at least 16"),
    ("unknown secret policy", intent("vpn_single", shared_secret_policy="random"),
     "shared_secret_policy:", "random"),
    # static routes
    ("too many static routes", intent("vpn_static_active_passive", vnet_cidrs=[
        "10.%d.0.0/16" % i for i in range(1, 7)]), "vnet_cidrs:", "OCI allows at most 10"),
    ("a /32 cannot be halved", intent("vpn_static_active_passive", vcn_cidrs=["10.0.0.1/32"]),
     "vcn_cidrs[0]:", "single address"),
    # crypto
    ("unknown profile", intent("vpn_single", crypto_profile="weak"), "crypto_profile:", "weak"),
    # (the old fix, "set pfs_dh_group to GROUP14", was wrong: Azure's default accepts GCM only
    # without PFS, so GCM with group 14 fails at OCI's first rekey)
    ("PFS group 5 against Azure defaults", intent("vpn_single", crypto_profile="azure-default", crypto={
        "oci_phase_two": {"encryption_algorithm": "AES_256_GCM", "pfs_dh_group": "GROUP5"}}),
     "crypto:", "never accepts PFS group 5"),
    ("PFS group 5 with the mirrored policy", intent("vpn_single", crypto={"oci_phase_two": {
        "encryption_algorithm": "AES_256_GCM", "pfs_dh_group": "GROUP5"}}),
     "crypto.oci_phase_two.pfs_dh_group:", "no Azure PFS equivalent"),
    ("GCM with PFS against Azure defaults", intent("vpn_single", crypto_profile="azure-default", crypto={
        "oci_phase_two": {"encryption_algorithm": "AES_256_GCM", "pfs_dh_group": "GROUP14"}}),
     "crypto:", "phase-two rekey: OCI rekeys first (OCI 3600 s vs Azure 27000 s)"),
    ("CBC with PFS against Azure defaults: not in Azure's initiator list", intent(
        "vpn_single", crypto_profile="azure-default", crypto={"oci_phase_two": {
            "encryption_algorithm": "AES_256_CBC", "authentication_algorithm": "HMAC_SHA2_256_128",
            "pfs_dh_group": "GROUP2"}}),
     "crypto:", "a rekey Azure initiates would fail"),
    ("OCI phase one outside Azure's default main mode", intent(
        "vpn_single", crypto_profile="azure-default", crypto={"oci_phase_one": {
            "encryption_algorithm": "AES_256_CBC", "authentication_algorithm": "SHA2_384",
            "diffie_helman_group": "GROUP14"}}),
     "crypto:", "phase one (IKE): no IKE proposal in common"),
    ("both defaults: the classic mismatch", intent("vpn_single", crypto={
        "oci_use_defaults": True, "azure_use_default_policy": True}),
     "crypto:", "PFS GROUP5"),
    ("DH groups differ", intent("vpn_single", crypto={
        "oci_phase_one": {"encryption_algorithm": "AES_256_CBC",
                          "authentication_algorithm": "SHA2_384",
                          "diffie_helman_group": "GROUP14"},
        "oci_phase_two": {"encryption_algorithm": "AES_256_GCM", "pfs_dh_group": "GROUP20"},
        "azure_ipsec_policy": STRONG_AZURE}),
     "crypto:", "dh group mismatch: OCI GROUP14 (crypto.oci_phase_one.diffie_helman_group) vs "
                "Azure ECP384"),
    ("GCM with an authentication", intent("vpn_single", crypto={"oci_phase_two": {
        "encryption_algorithm": "AES_256_GCM", "authentication_algorithm": "HMAC_SHA2_256_128",
        "pfs_dh_group": "GROUP14"}}),
     "crypto.oci_phase_two.authentication_algorithm:", "must be omitted"),
    ("CBC without authentication", intent("vpn_single", crypto={"oci_phase_two": {
        "encryption_algorithm": "AES_256_CBC", "pfs_dh_group": "GROUP14"}}),
     "crypto.oci_phase_two.authentication_algorithm:", "required"),
    ("Azure GCM with SHA256 integrity", intent("vpn_single", crypto={"azure_ipsec_policy": dict(
        STRONG_AZURE, ipsec_integrity="SHA256")}),
     "crypto.azure_ipsec_policy.ipsec_integrity:", "same GCM value"),
    ("Azure policy incomplete", intent("vpn_single", crypto={"azure_ipsec_policy": {
        "ipsec_encryption": "GCMAES256", "ipsec_integrity": "GCMAES256"}}),
     "crypto.azure_ipsec_policy.ike_encryption:", "all eight"),
    ("Azure IKE GCM has no OCI counterpart", intent("vpn_single", crypto={
        "azure_ipsec_policy": dict(STRONG_AZURE, ike_encryption="GCMAES256")}),
     "crypto.azure_ipsec_policy.ike_encryption:", "no OCI phase-one equivalent"),
    ("OCI DH group 5 has no Azure counterpart", intent("vpn_single", crypto={
        "oci_phase_one": {"encryption_algorithm": "AES_256_CBC",
                          "authentication_algorithm": "SHA2_256", "diffie_helman_group": "GROUP5"},
        "oci_phase_two": {"encryption_algorithm": "AES_256_GCM", "pfs_dh_group": "GROUP14"}}),
     "crypto.oci_phase_one.diffie_helman_group:", "no Azure equivalent"),
    ("OCI encryption not a choice", intent("vpn_single", crypto={"oci_phase_one": {
        "encryption_algorithm": "AES_512"}}), "crypto.oci_phase_one.encryption_algorithm:",
     "AES_512"),
    ("unknown crypto key", intent("vpn_single", crypto={"ike": "v2"}), "crypto.ike:",
     "unknown option"),
    ("Azure SA lifetime too short", intent("vpn_single", crypto={"azure_ipsec_policy": dict(
        STRONG_AZURE, sa_life_time_seconds=100)}),
     "crypto.azure_ipsec_policy.sa_life_time_seconds:", "minimum of 300"),
    ("OCI defaults and OCI values together", intent("vpn_single", crypto={
        "oci_use_defaults": True, "oci_phase_two": {"encryption_algorithm": "AES_256_GCM",
                                                    "pfs_dh_group": "GROUP14"}}),
     "crypto.oci_use_defaults:", "cannot be combined"),
]


def test_the_catalogue_is_large_enough():
    assert len(CASES) >= 40
    assert len(set(case[0] for case in CASES)) == len(CASES)


@pytest.mark.parametrize("params, field, text", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_rejected_naming_the_field(params, field, text):
    errors = errors_for(params)
    matching = [e for e in errors if e.startswith(field)]
    assert matching, "no error starts with %r: %s" % (field, errors)
    assert any(text in e for e in matching), "no %r error mentions %r: %s" % (field, text, matching)
    assert not any(SECRET in e for e in errors)


def test_every_problem_is_reported_at_once():
    params = intent("vpn_bgp_active_active", name_prefix="-x", vnet_cidrs=["10.0.0.0/8"],
                    azure_asn=65010, oracle_asn=65010, apipa_pool="169.254.40.0/24",
                    gateway_sku="Basic", shared_secret_policy="given",
                    shared_secrets=[SECRET], crypto_profile="strong", bogus=1)
    errors = errors_for(params)
    fields = [e.split(":", 1)[0] for e in errors]
    for field in ("bogus", "name_prefix", "vnet_cidrs[0]", "azure_asn", "apipa_pool",
                  "gateway_sku", "shared_secrets[0]"):
        assert field in fields, (field, errors)
    assert len(errors) >= 9
    assert not any(SECRET in e for e in errors)
