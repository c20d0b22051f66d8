"""Crypto profiles, vocabulary translation and the compatibility check."""

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import crypto as CR
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.validate import PlanValidationError
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import profiles as P

from plan_helpers import plan_for


@pytest.mark.parametrize("name", sorted(P.PROFILES))
def test_every_profile_negotiates(name):
    profile = P.PROFILES[name]
    mismatches = CR.compare(profile["oci"]["phase_one_config"], profile["oci"]["phase_two_config"],
                            profile["azure"]["use_default_policy"], profile["azure"]["ipsec_policy"])
    assert mismatches == []


def test_default_profile_mirrors_oci_custom_phases_in_an_azure_policy():
    plan = plan_for("vpn_single")
    crypto = plan["crypto"]
    assert crypto["profile"] == "default"
    assert crypto["oci"]["phase_one_config"] == {
        "is_custom_phase_one_config": True, "encryption_algorithm": "AES_256_CBC",
        "authentication_algorithm": "SHA2_384", "diffie_helman_group": "GROUP14",
        "lifetime_in_seconds": 28800}
    assert crypto["oci"]["phase_two_config"] == {
        "is_custom_phase_two_config": True, "encryption_algorithm": "AES_256_GCM",
        "authentication_algorithm": None, "is_pfs_enabled": True, "pfs_dh_group": "GROUP14",
        "lifetime_in_seconds": 3600}
    mirrored = {"sa_life_time_seconds": 3600, "sa_data_size_kilobytes": 102400000,
                "ipsec_encryption": "GCMAES256", "ipsec_integrity": "GCMAES256",
                "ike_encryption": "AES256", "ike_integrity": "SHA384", "dh_group": "DHGroup14",
                "pfs_group": "PFS2048"}
    assert crypto["azure"]["use_default_policy"] is False
    assert crypto["azure"]["ipsec_policies"] == [mirrored]
    assert plan["azure"]["connections"][0]["ipsec_policies"] == [mirrored]
    # the mirror is exactly what the translation gives
    assert CR.oci_to_azure_policy(crypto["oci"]["phase_one_config"],
                                  crypto["oci"]["phase_two_config"]) == mirrored
    # OCI must be allowed to initiate IKE (oracleInitiation governs IKE, not BGP)
    assert crypto["oci"]["oracle_initiation"] == "INITIATOR_OR_RESPONDER"
    assert crypto["oci"]["ike_version"] == "V2"
    assert crypto["azure"]["connection_protocol"] == "IKEv2"
    negotiation = crypto["negotiation"]
    assert negotiation["ok"] is True and negotiation["rekey_initiator"] == "oci"
    assert negotiation["rekey"]["proposal"] == ["aes256-gcm", "gcm", "group14"]


def test_azure_default_profile_is_correct_by_the_tables():
    plan = plan_for("vpn_single", crypto_profile="azure-default")
    crypto = plan["crypto"]
    assert crypto["azure"]["use_default_policy"] is True
    assert plan["azure"]["connections"][0]["ipsec_policies"] == []
    p1, p2 = crypto["oci"]["phase_one_config"], crypto["oci"]["phase_two_config"]
    assert (p1["encryption_algorithm"], p1["authentication_algorithm"], p1["diffie_helman_group"]) \
        == ("AES_256_CBC", "SHA2_256", "GROUP2")
    assert (p2["encryption_algorithm"], p2["is_pfs_enabled"]) == ("AES_256_GCM", False)
    # the chosen tuples are in Azure's default main mode and in both quick-mode lists
    assert CR.oci_phase_one_tuples(p1)[0] in R.AZURE_DEFAULT_MAIN_MODE
    assert CR.oci_phase_two_tuples(p2)[0] in R.AZURE_DEFAULT_QUICK_MODE_INITIATOR
    assert CR.oci_phase_two_tuples(p2)[0] in R.AZURE_DEFAULT_QUICK_MODE_RESPONDER
    assert crypto["negotiation"]["ok"] is True


def test_old_profile_name_is_an_alias_of_azure_default():
    old = plan_for("vpn_single", crypto_profile="azure-default-compatible")
    new = plan_for("vpn_single", crypto_profile="azure-default")
    assert old["crypto"]["profile"] == "azure-default"
    assert old["crypto"]["profile_given"] == "azure-default-compatible"
    assert old["crypto"]["oci"] == new["crypto"]["oci"]
    assert old["crypto"]["azure"] == new["crypto"]["azure"]
    # the old profile's OCI phase two (GCM with PFS group 14) is no longer planned
    assert old["crypto"]["oci"]["phase_two_config"]["is_pfs_enabled"] is False


def test_strong_profile_on_both_sides():
    plan = plan_for("vpn_bgp_active_active", crypto_profile="strong")
    oci = plan["crypto"]["oci"]
    assert oci["phase_one_config"] == {
        "is_custom_phase_one_config": True, "encryption_algorithm": "AES_256_CBC",
        "authentication_algorithm": "SHA2_384", "diffie_helman_group": "GROUP20",
        "lifetime_in_seconds": 28800}
    assert oci["phase_two_config"]["pfs_dh_group"] == "GROUP20"
    expected_policy = {"sa_life_time_seconds": 3600, "sa_data_size_kilobytes": 102400000,
                       "ipsec_encryption": "GCMAES256", "ipsec_integrity": "GCMAES256",
                       "ike_encryption": "AES256", "ike_integrity": "SHA384",
                       "dh_group": "ECP384", "pfs_group": "ECP384"}
    assert plan["crypto"]["azure"]["ipsec_policies"] == [expected_policy]
    assert all(c["ipsec_policies"] == [expected_policy] for c in plan["azure"]["connections"])


def test_oci_to_azure_translation_table():
    p1 = {"is_custom_phase_one_config": True, "encryption_algorithm": "AES_128_CBC",
          "authentication_algorithm": "SHA1_96", "diffie_helman_group": "GROUP14"}
    p2 = {"is_custom_phase_two_config": True, "encryption_algorithm": "AES_192_CBC",
          "authentication_algorithm": "HMAC_SHA1_128", "is_pfs_enabled": True,
          "pfs_dh_group": "GROUP24", "lifetime_in_seconds": 7200}
    assert CR.oci_to_azure_policy(p1, p2) == {
        "sa_life_time_seconds": 7200, "sa_data_size_kilobytes": 102400000,
        "ipsec_encryption": "AES192", "ipsec_integrity": "SHA1", "ike_encryption": "AES128",
        "ike_integrity": "SHA1", "dh_group": "DHGroup14", "pfs_group": "PFS24"}
    p2_no_pfs = dict(p2, is_pfs_enabled=False, pfs_dh_group=None)
    assert CR.oci_to_azure_policy(p1, p2_no_pfs)["pfs_group"] == "None"
    p1_19 = dict(p1, diffie_helman_group="GROUP19")
    assert CR.oci_to_azure_policy(p1_19, p2)["dh_group"] == "ECP256"


def test_azure_to_oci_translation_accepts_aliases():
    policy = {"sa_life_time_seconds": 27000, "sa_data_size_kilobytes": 102400000,
              "ipsec_encryption": "AES256", "ipsec_integrity": "SHA256", "ike_encryption": "AES256",
              "ike_integrity": "SHA256", "dh_group": "DHGroup2048", "pfs_group": "PFS14"}
    p1, p2 = CR.azure_policy_to_oci(policy)
    assert (p1["encryption_algorithm"], p1["authentication_algorithm"],
            p1["diffie_helman_group"]) == ("AES_256_CBC", "SHA2_256", "GROUP14")
    assert (p2["encryption_algorithm"], p2["authentication_algorithm"], p2["pfs_dh_group"],
            p2["lifetime_in_seconds"]) == ("AES_256_CBC", "HMAC_SHA2_256_128", "GROUP14", 27000)


def test_round_trip_oci_azure_oci_for_every_translatable_combination():
    count = 0
    for enc1 in P.OCI_PHASE_ONE_ENCRYPTION:
        for auth1 in P.OCI_PHASE_ONE_AUTHENTICATION:
            for dh in ("GROUP2", "GROUP14", "GROUP19", "GROUP20", "GROUP24"):
                for enc2 in P.OCI_PHASE_TWO_ENCRYPTION:
                    auth2 = None if enc2.endswith("GCM") else "HMAC_SHA2_256_128"
                    p1 = {"is_custom_phase_one_config": True, "encryption_algorithm": enc1,
                          "authentication_algorithm": auth1, "diffie_helman_group": dh,
                          "lifetime_in_seconds": 28800}
                    p2 = {"is_custom_phase_two_config": True, "encryption_algorithm": enc2,
                          "authentication_algorithm": auth2, "is_pfs_enabled": True,
                          "pfs_dh_group": dh, "lifetime_in_seconds": 3600}
                    policy = CR.oci_to_azure_policy(p1, p2)
                    assert CR.azure_policy_to_oci(policy) == (p1, p2)
                    assert CR.compare(p1, p2, False, policy) == []
                    count += 1
    assert count == 3 * 3 * 5 * 6


def test_classic_mismatch_is_explained_with_a_fix():
    mismatches = CR.compare({"is_custom_phase_one_config": False},
                            {"is_custom_phase_two_config": False}, True, None)
    # OCI's default phase one meets Azure's main mode (group 2); its phase two (PFS group 5) comes
    # up on the first child SA (no DH in IKE_AUTH) and fails at OCI's first rekey
    assert [(m["phase"], m["parameter"]) for m in mismatches] == [("rekey", "proposal")]
    assert "PFS GROUP5" in mismatches[0]["oci"]
    assert "AES_256_GCM/GCM/PFS off" in mismatches[0]["fix"][0]
    assert "crypto_profile 'default'" in mismatches[0]["fix"][0]


def test_every_parameter_of_a_wrong_policy_is_reported():
    p1 = {"is_custom_phase_one_config": True, "encryption_algorithm": "AES_128_CBC",
          "authentication_algorithm": "SHA2_256", "diffie_helman_group": "GROUP14"}
    p2 = {"is_custom_phase_two_config": True, "encryption_algorithm": "AES_128_GCM",
          "authentication_algorithm": None, "is_pfs_enabled": False, "pfs_dh_group": None}
    policy = P.PROFILES["strong"]["azure"]["ipsec_policy"]
    mismatches = CR.compare(p1, p2, False, policy)
    assert [(m["phase"], m["parameter"]) for m in mismatches] == [
        ("phase_one", "encryption"), ("phase_one", "integrity"), ("phase_one", "dh_group"),
        ("phase_two", "encryption"), ("phase_two", "pfs_group")]
    fixes = dict(((m["phase"], m["parameter"]), m["fix"]) for m in mismatches)
    assert fixes[("phase_one", "dh_group")] == [
        "set crypto.oci_phase_one.diffie_helman_group to GROUP20",
        "set crypto.azure_ipsec_policy.dh_group to DHGroup14"]
    assert fixes[("phase_two", "pfs_group")] == [
        "set crypto.oci_phase_two.pfs_dh_group to GROUP20",
        "set crypto.azure_ipsec_policy.pfs_group to None"]


def test_given_oci_side_derives_the_azure_policy():
    plan = plan_for("vpn_single", crypto={
        "oci_phase_one": {"encryption_algorithm": "AES_256_CBC",
                          "authentication_algorithm": "SHA2_256", "diffie_helman_group": "GROUP19"},
        "oci_phase_two": {"encryption_algorithm": "AES_128_GCM", "pfs_dh_group": "GROUP19"}})
    assert plan["crypto"]["source"] == {
        "oci_phase_one": "given", "oci_phase_two": "given",
        "azure": "derived from crypto.oci_phase_one/oci_phase_two"}
    assert plan["crypto"]["azure"]["ipsec_policies"] == [{
        "sa_life_time_seconds": 3600, "sa_data_size_kilobytes": 102400000,
        "ipsec_encryption": "GCMAES128", "ipsec_integrity": "GCMAES128",
        "ike_encryption": "AES256", "ike_integrity": "SHA256", "dh_group": "ECP256",
        "pfs_group": "ECP256"}]


def test_given_azure_side_derives_the_oci_configs():
    policy = dict(P.PROFILES["strong"]["azure"]["ipsec_policy"], dh_group="DHGroup24",
                  pfs_group="PFS24")
    plan = plan_for("vpn_single", crypto={"azure_ipsec_policy": policy})
    oci = plan["crypto"]["oci"]
    assert oci["phase_one_config"]["diffie_helman_group"] == "GROUP24"
    assert oci["phase_two_config"]["pfs_dh_group"] == "GROUP24"
    assert plan["crypto"]["source"]["oci_phase_one"] == "derived from crypto.azure_ipsec_policy"


def test_only_phase_two_given_keeps_azure_defaults_and_checks_them():
    # Azure's default as responder accepts AES256/SHA256 with PFS 2, but as initiator proposes no
    # PFS: a rekey Azure initiates would fail, so the planner refuses it (old belief: accepted)
    with pytest.raises(PlanValidationError) as err:
        plan_for("vpn_single", crypto_profile="azure-default", crypto={"oci_phase_two": {
            "encryption_algorithm": "AES_256_CBC", "authentication_algorithm": "HMAC_SHA2_256_128",
            "pfs_dh_group": "GROUP2"}})
    assert any("not in both of Azure's default quick-mode lists" in e for e in err.value.errors)
    plan = plan_for("vpn_single", crypto_profile="azure-default", crypto={"oci_phase_two": {
        "encryption_algorithm": "AES_256_CBC", "authentication_algorithm": "HMAC_SHA2_256_128",
        "is_pfs_enabled": False}})
    assert plan["crypto"]["azure"]["use_default_policy"] is True
    assert plan["crypto"]["negotiation"]["rekey"]["proposal"] == ["aes256-cbc", "sha256", None]
