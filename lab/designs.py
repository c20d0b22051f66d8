"""Plans for the lab and the cross-check: the planner's good designs, and known-bad variants.

The planner refuses the known-bad designs (that is its job), so each one is the planner's plan for
a scenario with the one setting a user would have got wrong changed in the plan dict, in every
place the plan carries it. The twin and the lab then judge the same dict.
"""

import copy

# importing lab puts .collections on sys.path for the planner import below
import lab  # noqa: F401  pylint: disable=unused-import
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.model import build_plan

BASE_INTENT = {"name_prefix": "lab", "vcn_cidrs": ["10.0.0.0/16"], "vnet_cidrs": ["10.1.0.0/16"]}


def good_plan(scenario, **overrides):
    intent = dict(BASE_INTENT, scenario=scenario)
    if scenario == "fastconnect_expressroute":
        intent["peering_location"] = "Washington DC"
    intent.update(overrides)
    return build_plan(intent)


def _azure_default(plan):
    plan["crypto"]["azure"]["use_default_policy"] = True
    plan["crypto"]["azure"]["ipsec_policies"] = []
    for conn in plan["azure"]["connections"]:
        conn["ipsec_policies"] = []


def pfs5_against_azure_default():
    """OCI and Azure both keep their defaults: OCI's phase two has PFS group 5, which Azure's
    default responder list never accepts (seed VPN: "mismatched, related to PFS especially")."""
    plan = good_plan("vpn_single")
    plan["crypto"]["oci"]["phase_one_config"] = {"is_custom_phase_one_config": False}
    plan["crypto"]["oci"]["phase_two_config"] = {"is_custom_phase_two_config": False}
    _azure_default(plan)
    return plan


def gcm_pfs_against_azure_default():
    """OCI phase two AES-256-GCM with PFS group 14 against Azure's default policy: the first
    CHILD_SA (IKE_AUTH, no DH) comes up, the first rekey (CREATE_CHILD_SA with KE) is refused
    (field facts 4: GCM is accepted only without PFS)."""
    plan = good_plan("vpn_single")
    plan["crypto"]["oci"]["phase_one_config"] = {
        "is_custom_phase_one_config": True, "encryption_algorithm": "AES_256_CBC",
        "authentication_algorithm": "SHA2_256", "diffie_helman_group": "GROUP2", "lifetime_in_seconds": 28800}
    plan["crypto"]["oci"]["phase_two_config"] = {
        "is_custom_phase_two_config": True, "encryption_algorithm": "AES_256_GCM",
        "authentication_algorithm": None, "is_pfs_enabled": True, "pfs_dh_group": "GROUP14",
        "lifetime_in_seconds": 3600}
    _azure_default(plan)
    return plan


def gateway_on_oracle_asn():
    """The same ASN on both sides: the Azure gateway was given Oracle's 31898 while the OCI
    tunnels expect the planned Azure ASN (field facts 4: the two sides' ASNs must differ)."""
    plan = good_plan("vpn_single")
    oracle = plan["asn"]["oracle"]
    plan["azure"]["virtual_network_gateway"]["bgp_settings"]["asn"] = oracle
    plan["asn"]["azure_gateway_actual"] = oracle
    return plan


def mismatched_inside_pair():
    """OCI's customer interface IP taken from another /30 than the Oracle one: the pair cannot
    peer (field facts 2: inside addresses are one /30 or /31)."""
    plan = good_plan("vpn_single")
    tunnel = [t for t in plan["tunnels"] if t["in_use"]][0]
    session = tunnel["bgp_session_config"]
    oracle = session["oracle_interface_ip"]
    address, length = oracle.split("/")
    octets = address.split(".")
    octets[-1] = str(int(octets[-1]) + 5)     # .1/30 -> .6/30: the next block's second host
    session["customer_interface_ip"] = "%s/%s" % (".".join(octets), length)
    return plan


KNOWN_BAD = {
    "pfs5_against_azure_default": pfs5_against_azure_default,
    "gcm_pfs_against_azure_default": gcm_pfs_against_azure_default,
    "gateway_on_oracle_asn": gateway_on_oracle_asn,
    "mismatched_inside_pair": mismatched_inside_pair,
}


def known_bad(name):
    return copy.deepcopy(KNOWN_BAD[name]())
