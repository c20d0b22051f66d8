"""Issue 11 item 1: Azure's default IPsec/IKE policy as the documented tuples, compared as tuples.

Source of the tables: MicrosoftDocs azure-docs, vpn-gateway-about-vpn-devices.md ("IKE Phase 1 (Main
Mode) parameters"; "RouteBased VPN IPsec Security Association (IKE Quick Mode SA) Offers").
"""

import pytest

from emulator import rules
from emulator.physics import crypto
from emulator.physics.vpn import check_rekey


def oci_tunnel(phase_two=None, pfs="GROUP14", lifetime=3600):
    two = {"isCustomPhaseTwoConfig": bool(phase_two), "isPfsEnabled": pfs is not None, "dhGroup": pfs,
           "lifetime": lifetime}
    if phase_two:
        two.update(customEncryptionAlgorithm=phase_two[0], customAuthenticationAlgorithm=phase_two[1])
    return {"phaseOneDetails": {"isCustomPhaseOneConfig": False}, "phaseTwoDetails": two}


AZURE_DEFAULT = {"properties": {"ipsecPolicies": []}}


def test_main_mode_is_dh_group_2_only_with_six_pairs():
    assert {t[2] for t in rules.AZURE_DEFAULT_MAIN_MODE} == {"group2"}
    assert sorted(t[:2] for t in rules.AZURE_DEFAULT_MAIN_MODE) == sorted(
        (e, i) for e in ("aes256-cbc", "aes128-cbc", "3des") for i in ("sha1", "sha256"))
    assert crypto.azure_phase_one(AZURE_DEFAULT) == list(rules.AZURE_DEFAULT_MAIN_MODE)


def test_quick_mode_initiator_never_proposes_pfs():
    initiator = rules.AZURE_DEFAULT_QUICK_MODE_INITIATOR
    assert len(initiator) == 6 and {t[2] for t in initiator} == {None}
    assert initiator[0] == ("aes256-gcm", "gcm", None)
    assert crypto.azure_phase_two(AZURE_DEFAULT, crypto.INITIATOR) == list(initiator)


def test_quick_mode_responder_has_26_offers_gcm_only_without_pfs():
    responder = rules.AZURE_DEFAULT_QUICK_MODE_RESPONDER
    assert len(responder) == 26 and len(set(responder)) == 26
    assert responder[:6] == rules.AZURE_DEFAULT_QUICK_MODE_INITIATOR
    assert ("des", "sha1", None) in responder
    assert {t for t in responder if t[0].endswith("-gcm")} == {("aes256-gcm", "gcm", None)}
    assert {t[2] for t in responder} == {None, "group1", "group2", "group14", "group24"}
    assert ("aes256-cbc", "sha1", "group24") in responder and ("aes128-cbc", "sha1", "group24") not in responder
    assert crypto.azure_phase_two(AZURE_DEFAULT) == list(responder)


def test_lifetimes_are_the_documented_defaults():
    assert (rules.AZURE_DEFAULT_MAIN_MODE_LIFETIME, rules.AZURE_DEFAULT_QUICK_MODE_LIFETIME) == (28800, 27000)
    assert crypto.azure_phase_two_lifetime(AZURE_DEFAULT) == 27000
    assert crypto.oci_phase_two_lifetime(oci_tunnel()) == 3600


def test_tuples_are_compared_not_parameters_one_by_one():
    """AES_128_CBC, SHA256 and PFS group 24 each appear in Azure's responder list, but never together:
    a per-parameter comparison would accept OCI's proposal; the tuple comparison refuses it."""
    responder = rules.AZURE_DEFAULT_QUICK_MODE_RESPONDER
    proposal = ("aes128-cbc", "sha256", "group24")
    assert all(any(t[i] == proposal[i] for t in responder) for i in range(3))
    tunnel = oci_tunnel(("AES_128_CBC", "HMAC_SHA2_256_128"), pfs="GROUP24")
    assert crypto.oci_phase_two(tunnel) == [proposal]
    assert crypto.first_match(crypto.oci_phase_two(tunnel), responder) is None
    _lifetime, initiator, failure, _ = check_rekey(tunnel, AZURE_DEFAULT)
    assert initiator == "OCI" and failure["reasonCode"] == "PHASE2_REKEY_NO_PROPOSAL"
    # The first child SA (no DH) still forms: AES128/SHA256 is in the responder list without PFS.
    assert crypto.first_child_sa(crypto.oci_phase_two(tunnel), responder) == proposal


@pytest.mark.parametrize("phase_two, pfs, ok", [
    (("AES_256_GCM", None), None, True),                     # GCM only without PFS
    (("AES_256_GCM", None), "GROUP14", False),
    (("AES_256_CBC", "HMAC_SHA2_256_128"), None, True),
    (("AES_256_CBC", "HMAC_SHA2_256_128"), "GROUP14", True),
    (("AES_256_CBC", "HMAC_SHA2_256_128"), "GROUP24", True),
    (("AES_256_CBC", "HMAC_SHA2_256_128"), "GROUP5", False),
    (("AES_128_CBC", "HMAC_SHA1_128"), "GROUP14", True),
    (("AES_128_CBC", "HMAC_SHA1_128"), "GROUP24", False),
    (("AES_192_CBC", "HMAC_SHA2_256_128"), None, False),     # AES192 is not in Azure's defaults
    (None, "GROUP5", False),                                 # OCI's default phase two
    (None, "GROUP2", True),
])
def test_oci_initiated_rekey_against_azure_defaults(phase_two, pfs, ok):
    _lifetime, initiator, failure, _ = check_rekey(oci_tunnel(phase_two, pfs), AZURE_DEFAULT)
    assert initiator == "OCI"
    assert (failure is None) == ok, failure and failure["reason"]


def test_equal_lifetimes_check_both_directions():
    """Equal lifetimes: Azure may start the rekey with its (PFS-less) initiator list too."""
    tunnel = oci_tunnel(("AES_256_CBC", "HMAC_SHA2_256_128"), pfs="GROUP14", lifetime=27000)
    lifetime, initiator, failure, _ = check_rekey(tunnel, AZURE_DEFAULT)
    assert lifetime == 27000 and failure is not None
    assert "Azure (default initiator list)" in failure["reason"] and "never proposes PFS" in failure["solution"]
    assert initiator == "Azure"
