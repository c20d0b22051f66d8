"""crypto.negotiation: the IKEv2 exchanges by proposal tuples (cloud_rules' Azure default lists)."""

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import crypto as CR
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import profiles as P

P1_GROUP2 = {"is_custom_phase_one_config": True, "encryption_algorithm": "AES_256_CBC",
             "authentication_algorithm": "SHA2_256", "diffie_helman_group": "GROUP2",
             "lifetime_in_seconds": 28800}
GCM_PFS14 = {"is_custom_phase_two_config": True, "encryption_algorithm": "AES_256_GCM",
             "authentication_algorithm": None, "is_pfs_enabled": True, "pfs_dh_group": "GROUP14",
             "lifetime_in_seconds": 3600}
GCM_NO_PFS = dict(GCM_PFS14, is_pfs_enabled=False, pfs_dh_group=None)


def test_gcm_with_pfs_against_azure_default_comes_up_then_fails_at_the_rekey():
    result = CR.negotiation(P1_GROUP2, GCM_PFS14, None)
    assert result["phase_one"]["ok"] is True
    assert result["phase_one"]["proposal"] == ("aes256-cbc", "sha256", "group2")
    # IKE_AUTH makes the first child SA without DH: PFS is not compared
    assert result["first_child_sa"]["ok"] is True
    assert result["first_child_sa"]["proposal"] == ("aes256-gcm", "gcm")
    # OCI (3600 s) rekeys before Azure (27000 s); Azure's responder list has GCM only without PFS
    assert result["rekey_initiator"] == "oci"
    assert result["rekey"]["ok"] is False and result["rekey"]["proposal"] is None
    assert "GCM only without PFS" in result["rekey"]["reason"]
    assert "AES_256_GCM/GCM/PFS off" in result["rekey"]["fix"]
    assert result["ok"] is False


def test_oci_default_pfs_group_5_fails_at_the_rekey_whoever_starts_it():
    result = CR.negotiation(None, None, None)
    assert result["first_child_sa"]["ok"] is True
    assert result["rekey"]["ok"] is False
    assert "never accepts PFS group 5" in result["rekey"]["reason"]
    custom_group5 = dict(GCM_PFS14, encryption_algorithm="AES_256_CBC",
                         authentication_algorithm="HMAC_SHA1_128", pfs_dh_group="GROUP5")
    assert CR.negotiation(P1_GROUP2, custom_group5, None)["rekey"]["ok"] is False


def test_azure_initiates_the_rekey_when_its_lifetime_is_shorter():
    # OCI keeps its phase two for 28800 s: Azure (27000 s) rekeys first and proposes only its
    # initiator list, where nothing carries PFS
    long_pfs = dict(GCM_PFS14, encryption_algorithm="AES_256_CBC",
                    authentication_algorithm="HMAC_SHA2_256_128", pfs_dh_group="GROUP2",
                    lifetime_in_seconds=28800)
    result = CR.negotiation(P1_GROUP2, long_pfs, None)
    assert result["rekey_initiator"] == "azure"
    assert result["rekey"]["ok"] is False
    assert "never proposes PFS" in result["rekey"]["reason"]
    # the same tuple with OCI's 3600 s: OCI rekeys first and Azure's responder list accepts it
    short = CR.negotiation(P1_GROUP2, dict(long_pfs, lifetime_in_seconds=3600), None)
    assert short["rekey_initiator"] == "oci" and short["rekey"]["ok"] is True
    # with no PFS the initiator list holds it too
    no_pfs = CR.negotiation(P1_GROUP2, dict(long_pfs, is_pfs_enabled=False, pfs_dh_group=None), None)
    assert no_pfs["rekey_initiator"] == "azure" and no_pfs["ok"] is True
    assert no_pfs["rekey"]["proposal"] == ("aes256-cbc", "sha256", None)


def test_first_child_sa_needs_a_pair_in_both_directions():
    # AES128/SHA256 is only in Azure's responder list: a first child SA Azure initiates fails
    p2 = dict(GCM_NO_PFS, encryption_algorithm="AES_128_CBC",
              authentication_algorithm="HMAC_SHA2_256_128")
    result = CR.negotiation(P1_GROUP2, p2, None)
    assert result["first_child_sa"]["ok"] is False
    assert "Azure initiating" in result["first_child_sa"]["reason"]


def test_phase_one_outside_the_default_main_mode():
    p1 = dict(P1_GROUP2, diffie_helman_group="GROUP14")
    result = CR.negotiation(p1, GCM_NO_PFS, None)
    assert result["phase_one"]["ok"] is False
    assert "AES_256_CBC/SHA2_256/GROUP2" in result["phase_one"]["fix"]


@pytest.mark.parametrize("name", sorted(P.PROFILES))
def test_every_profile_negotiates_every_step(name):
    profile = P.PROFILES[name]
    result = CR.negotiation(profile["oci"]["phase_one_config"], profile["oci"]["phase_two_config"],
                            None if profile["azure"]["use_default_policy"] else profile["azure"]["ipsec_policy"])
    assert result["ok"] is True, result
    for step in ("phase_one", "first_child_sa", "rekey"):
        assert result[step]["ok"] is True and result[step]["proposal"] is not None


def test_custom_azure_policy_mismatch_on_pfs_only_fails_the_rekey():
    policy = CR.oci_to_azure_policy(P1_GROUP2, GCM_PFS14)
    assert CR.negotiation(P1_GROUP2, GCM_PFS14, policy)["ok"] is True
    result = CR.negotiation(P1_GROUP2, GCM_PFS14, dict(policy, pfs_group="PFS24"))
    assert result["phase_one"]["ok"] and result["first_child_sa"]["ok"]
    assert result["rekey"]["ok"] is False


def test_the_tables_are_the_documented_tuples():
    # main mode: DH group 2 only; initiator: no PFS at all; responder: GCM only without PFS
    assert {t[2] for t in R.AZURE_DEFAULT_MAIN_MODE} == {"group2"}
    assert {t[2] for t in R.AZURE_DEFAULT_QUICK_MODE_INITIATOR} == {None}
    assert set(R.AZURE_DEFAULT_QUICK_MODE_INITIATOR) <= set(R.AZURE_DEFAULT_QUICK_MODE_RESPONDER)
    assert all(t[2] is None for t in R.AZURE_DEFAULT_QUICK_MODE_RESPONDER if t[0].endswith("-gcm"))
    assert len(R.AZURE_DEFAULT_QUICK_MODE_RESPONDER) == len(set(R.AZURE_DEFAULT_QUICK_MODE_RESPONDER)) == 26
    assert CR.azure_default_safe_phase_two() == (
        ("aes256-gcm", "gcm", None), ("aes256-cbc", "sha1", None), ("aes256-cbc", "sha256", None),
        ("aes128-cbc", "sha1", None))
