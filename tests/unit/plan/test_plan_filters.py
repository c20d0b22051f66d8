"""The filters roles use, called directly and through Jinja."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.interconnect.oci_azure.plugins.filter import plan_filters as F
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import profiles as P

from plan_helpers import plan_for


def test_filter_module_exports_every_filter():
    assert sorted(F.FilterModule().filters()) == [
        "azure_to_oci_ipsec_params", "cidr_halves", "fill_module_args", "ipsec_mismatches",
        "oci_to_azure_ipsec_policy", "plan_ref_key", "resolve_plan_refs", "tunnel_inside_pair"]


def test_cidr_halves():
    assert F.cidr_halves("10.0.0.0/16") == ["10.0.0.0/17", "10.0.128.0/17"]
    assert F.cidr_halves("192.168.1.0/31") == ["192.168.1.0/32", "192.168.1.1/32"]
    assert F.cidr_halves(["10.0.0.0/8", "172.16.4.0/22"]) == [
        "10.0.0.0/9", "10.128.0.0/9", "172.16.4.0/23", "172.16.6.0/23"]


@pytest.mark.parametrize("bad, text", [("10.0.0.1/32", "no halves"),
                                       ("10.0.0.1/16", "host bits"),
                                       ("banana", "CIDR"),
                                       (["10.0.0.0/8", "10.0.0.0/33"], "not a valid")])
def test_cidr_halves_rejects(bad, text):
    with pytest.raises(AnsibleFilterError, match=text):
        F.cidr_halves(bad)


def test_tunnel_inside_pair():
    assert F.tunnel_inside_pair("169.254.21.0/30") == {
        "oracle_ip": "169.254.21.1/30", "customer_ip": "169.254.21.2/30", "prefix_length": 30,
        "oracle_address": "169.254.21.1", "customer_address": "169.254.21.2",
        "network": "169.254.21.0/30"}
    # host bits are fine: the block is what counts
    assert F.tunnel_inside_pair("169.254.21.6/30")["oracle_ip"] == "169.254.21.5/30"
    pair = F.tunnel_inside_pair("169.254.21.2/31", "169.254.21.2")
    assert (pair["oracle_ip"], pair["customer_ip"]) == ("169.254.21.3/31", "169.254.21.2/31")
    pair = F.tunnel_inside_pair("169.254.21.4/31")
    assert (pair["oracle_ip"], pair["customer_ip"]) == ("169.254.21.5/31", "169.254.21.4/31")
    with pytest.raises(AnsibleFilterError, match="/30 or /31"):
        F.tunnel_inside_pair("169.254.21.0/29")
    with pytest.raises(AnsibleFilterError, match="not in"):
        F.tunnel_inside_pair("169.254.21.2/31", "169.254.21.4")


def test_ipsec_policy_filters_match_the_profile():
    strong = P.PROFILES["strong"]
    assert F.oci_to_azure_ipsec_policy(strong["oci"]) == strong["azure"]["ipsec_policy"]
    back = F.azure_to_oci_ipsec_params(strong["azure"]["ipsec_policy"])
    assert back["phase_one_config"] == strong["oci"]["phase_one_config"]
    assert back["phase_two_config"] == strong["oci"]["phase_two_config"]
    with pytest.raises(AnsibleFilterError, match="GROUP5 has no Azure"):
        F.oci_to_azure_ipsec_policy({"phase_one_config": dict(strong["oci"]["phase_one_config"],
                                                              diffie_helman_group="GROUP5"),
                                     "phase_two_config": strong["oci"]["phase_two_config"]})
    with pytest.raises(AnsibleFilterError, match="default phase one"):
        F.oci_to_azure_ipsec_policy({"phase_one_config": {"is_custom_phase_one_config": False},
                                     "phase_two_config": strong["oci"]["phase_two_config"]})


def test_ipsec_mismatches():
    plan = plan_for("vpn_single", crypto_profile="strong")
    assert F.ipsec_mismatches(plan["crypto"]["oci"], plan["crypto"]["azure"]["ipsec_policies"]) == []
    default = plan_for("vpn_single")
    assert F.ipsec_mismatches(default["crypto"]["oci"], default["crypto"]["azure"]["ipsec_policies"]) == []
    azure_default = plan_for("vpn_single", crypto_profile="azure-default")
    assert F.ipsec_mismatches(azure_default["crypto"]["oci"], []) == []
    assert F.ipsec_mismatches(azure_default["crypto"]["oci"]) == []
    # OCI defaults (PFS group 5) against Azure defaults: up on the first child SA, down at the
    # first rekey (OCI initiates it), with the fix
    messages = F.ipsec_mismatches({"phase_one_config": {}, "phase_two_config": {}})
    assert len(messages) == 1 and "phase-two rekey" in messages[0]
    assert "GROUP5" in messages[0] and "AES_256_GCM/GCM/PFS off" in messages[0]
    # the default profile's OCI side against Azure defaults: group 14 is not in Azure's default
    # main mode (group 2 only), and GCM with PFS breaks the rekey
    messages = F.ipsec_mismatches(default["crypto"]["oci"], None)
    assert any(m.startswith("crypto: phase one (IKE)") and "GROUP2" in m for m in messages)
    assert any(m.startswith("crypto: phase-two rekey") and "GCM only without PFS" in m for m in messages)


def test_plan_refs_resolve():
    plan = plan_for("vpn_bgp_active_passive")
    lngs = plan["azure"]["local_network_gateways"]
    keys = [F.plan_ref_key(lng["gateway_ip_address"]) for lng in lngs]
    assert keys == ["oci:ipsec_tunnel:lab-ipsec-1/1:vpn_ip", "oci:ipsec_tunnel:lab-ipsec-1/2:vpn_ip"]
    resolved = F.resolve_plan_refs(lngs, {keys[0]: "203.0.113.7", keys[1]: "203.0.113.9"})
    assert [lng["gateway_ip_address"] for lng in resolved] == ["203.0.113.7", "203.0.113.9"]
    assert lngs[0]["gateway_ip_address"] != "203.0.113.7"  # the plan itself is not changed
    cpe = plan["oci"]["cpes"][0]
    assert F.plan_ref_key(cpe["ip_address"]) == "azure:public_ip:lab-vng-pip-1:ip_address"
    with pytest.raises(AnsibleFilterError, match="no value for azure:public_ip:lab-vng-pip-1"):
        F.resolve_plan_refs(cpe, {})
    assert F.resolve_plan_refs(cpe, {}, strict=False) == cpe
    with pytest.raises(AnsibleFilterError, match="not a plan reference"):
        F.plan_ref_key({"cloud": "oci"})
