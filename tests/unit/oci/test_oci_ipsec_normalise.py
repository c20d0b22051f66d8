"""IPSec tunnel settings: the user's options are compared in the shape the API READS a tunnel
(phaseOneDetails, dpdMode, oracleCanInitiate...), and written in the shape it WRITES them
(phaseOneConfig, dpdConfig, oracleInitiation...)."""

import copy

import oci
import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils import common
from ansible_collections.interconnect.oci_azure.plugins.modules import oci_ipsec_connection as mod

from oci_unit_helpers import FakeModule

M = oci.core.models

ENTRY = {
    "display_name": "to-azure-1", "routing": "BGP", "ike_version": "V2",
    "bgp": {"oracle_interface_ip": "169.254.21.1/30", "customer_interface_ip": "169.254.21.2/30",
            "customer_bgp_asn": 65010},
    "phase_one": {"custom": None, "authentication_algorithm": "SHA2_384",
                  "encryption_algorithm": "AES_256_CBC", "dh_group": "GROUP20",
                  "lifetime_in_seconds": 28800},
    "phase_two": {"custom": None, "authentication_algorithm": None,
                  "encryption_algorithm": "AES_256_GCM", "pfs_enabled": True,
                  "pfs_dh_group": "GROUP14", "lifetime_in_seconds": 3600},
    "dpd": {"mode": "INITIATE_AND_RESPOND", "timeout_in_sec": 20},
    "oracle_initiation": "INITIATOR_OR_RESPONDER", "nat_translation": "AUTO",
    "shared_secret": None,
}


def read_tunnel(**overrides):
    """A tunnel as the SDK deserialises GET .../tunnels/{id}, configured like ENTRY."""
    tunnel = M.IPSecConnectionTunnel(
        id="ocid1.ipsectunnel.oc1..t1", display_name="to-azure-1", routing="BGP", ike_version="V2",
        vpn_ip="129.146.0.1", status="UP", lifecycle_state="AVAILABLE",
        bgp_session_info=M.BgpSessionInfo(oracle_interface_ip="169.254.21.1/30",
                                          customer_interface_ip="169.254.21.2/30",
                                          customer_bgp_asn="65010", oracle_bgp_asn="31898",
                                          bgp_state="UP"),
        phase_one_details=M.TunnelPhaseOneDetails(
            is_custom_phase_one_config=True, lifetime=28800, custom_authentication_algorithm="SHA2_384",
            custom_encryption_algorithm="AES_256_CBC", custom_dh_group="GROUP20",
            negotiated_dh_group="GROUP20", is_ike_established=True, remaining_lifetime=1000),
        phase_two_details=M.TunnelPhaseTwoDetails(
            is_custom_phase_two_config=True, lifetime=3600, custom_encryption_algorithm="AES_256_GCM",
            custom_authentication_algorithm=None, is_pfs_enabled=True, dh_group="GROUP14",
            is_esp_established=True),
        dpd_mode="INITIATE_AND_RESPOND", dpd_timeout_in_sec=20,
        oracle_can_initiate="INITIATOR_OR_RESPONDER", nat_translation_enabled="AUTO")
    data = oci.util.to_dict(tunnel)
    for path, value in overrides.items():
        mod.set_path(data, path, value)
    return data


def test_desired_is_in_the_read_shape():
    desired = mod.tunnel_desired(ENTRY)
    assert desired["phase_one_details"] == {
        "is_custom_phase_one_config": True, "custom_authentication_algorithm": "SHA2_384",
        "custom_encryption_algorithm": "AES_256_CBC", "custom_dh_group": "GROUP20", "lifetime": 28800}
    assert desired["phase_two_details"] == {
        "is_custom_phase_two_config": True, "custom_encryption_algorithm": "AES_256_GCM",
        "is_pfs_enabled": True, "dh_group": "GROUP14", "lifetime": 3600}
    assert desired["dpd_mode"] == "INITIATE_AND_RESPOND" and desired["dpd_timeout_in_sec"] == 20
    assert desired["oracle_can_initiate"] == "INITIATOR_OR_RESPONDER"
    assert desired["nat_translation_enabled"] == "AUTO"
    assert desired["bgp_session_info"]["customer_bgp_asn"] == "65010"      # the API's string
    for write_only in ("phase_one_config", "phase_two_config", "dpd_config", "oracle_initiation",
                       "bgp_session_config"):
        assert write_only not in desired


def test_configured_tunnel_compares_equal_across_the_read_write_asymmetry():
    """The defect of the official modules: this comparison must find nothing."""
    assert common.differences(common.prune_none(mod.tunnel_desired(ENTRY)), read_tunnel()) == []


@pytest.mark.parametrize("path, value, changed", [
    ("phase_two_details.dh_group", "GROUP5", "phase_two_details.dh_group"),
    ("dpd_timeout_in_sec", 30, "dpd_timeout_in_sec"),
    ("oracle_can_initiate", "RESPONDER_ONLY", "oracle_can_initiate"),
    ("bgp_session_info.customer_bgp_asn", "65011", "bgp_session_info.customer_bgp_asn"),
    ("phase_one_details.custom_dh_group", "GROUP14", "phase_one_details.custom_dh_group"),
])
def test_a_real_difference_is_found_at_its_read_path(path, value, changed):
    assert common.differences(mod.tunnel_desired(ENTRY), read_tunnel(**{path: value})) == [changed]


def test_unset_options_are_not_compared():
    entry = {"display_name": None, "routing": None, "ike_version": "V2", "bgp": None, "phase_one": None,
             "phase_two": {"custom": None, "authentication_algorithm": None, "encryption_algorithm": None,
                           "pfs_enabled": None, "pfs_dh_group": "GROUP14", "lifetime_in_seconds": None},
             "dpd": None, "oracle_initiation": None, "nat_translation": None, "shared_secret": None}
    desired = mod.tunnel_desired(entry)
    assert desired == {"ike_version": "V2", "phase_two_details": {"dh_group": "GROUP14"}}
    # a PFS group alone does not make phase two custom (PFS applies to the default proposals too)
    assert common.differences(desired, read_tunnel(**{"phase_two_details.is_custom_phase_two_config": False})) == []


def test_write_shape_for_create():
    write = mod.tunnel_write(mod.tunnel_desired(dict(ENTRY, shared_secret="abc 123")))
    assert write["phase_one_config"] == {"is_custom_phase_one_config": True, "authentication_algorithm": "SHA2_384",
                                         "encryption_algorithm": "AES_256_CBC", "diffie_helman_group": "GROUP20",
                                         "lifetime_in_seconds": 28800}
    assert write["phase_two_config"]["pfs_dh_group"] == "GROUP14"
    assert write["dpd_config"] == {"dpd_mode": "INITIATE_AND_RESPOND", "dpd_timeout_in_sec": 20}
    assert write["oracle_initiation"] == "INITIATOR_OR_RESPONDER"
    assert write["bgp_session_config"]["customer_bgp_asn"] == "65010"
    details = mod.tunnel_details(write, update=False)
    assert isinstance(details, M.CreateIPSecConnectionTunnelDetails)
    assert details.shared_secret == "abc 123"
    assert isinstance(details.phase_one_config, M.PhaseOneConfigDetails)
    assert isinstance(details.bgp_session_config, M.CreateIPSecTunnelBgpSessionDetails)


def test_update_completes_nested_objects_from_the_current_tunnel_and_never_sends_the_secret():
    desired = {"dpd_timeout_in_sec": 40, "phase_two_details": {"dh_group": "GROUP24"}, "shared_secret": "x"}
    write = mod.tunnel_write(desired, current=read_tunnel())
    assert write["dpd_config"] == {"dpd_mode": "INITIATE_AND_RESPOND", "dpd_timeout_in_sec": 40}
    assert write["phase_two_config"] == {"is_custom_phase_two_config": True, "encryption_algorithm": "AES_256_GCM",
                                         "lifetime_in_seconds": 3600, "is_pfs_enabled": True,
                                         "pfs_dh_group": "GROUP24"}
    assert "phase_one_config" not in write and "bgp_session_config" not in write
    details = mod.tunnel_details(write, update=True)
    assert isinstance(details, M.UpdateIPSecConnectionTunnelDetails)
    assert not hasattr(details, "shared_secret")


def test_tunnels_are_matched_by_display_name_then_order():
    api_tunnels = [{"id": "a", "display_name": "x"}, {"id": "b", "display_name": "second"}]
    entries = [{"display_name": "second"}, {"display_name": "first"}]
    assert [t["id"] for t in mod.match_tunnels(entries, api_tunnels)] == ["b", "a"]
    assert [t["id"] for t in mod.match_tunnels([], api_tunnels)] == ["a", "b"]
    assert [t["id"] for t in mod.match_tunnels([{}, {"display_name": "x"}], api_tunnels)] == ["b", "a"]


def connection_resource(params=None, check_mode=False):
    base = dict(id=None, display_name="vpn", compartment_id="c", drg_id="d", cpe_id="p",
                static_routes=None, cpe_local_identifier=None, cpe_local_identifier_type=None,
                tunnels=[copy.deepcopy(ENTRY)], return_shared_secrets=False, freeform_tags=None)
    base.update(params or {})
    return mod.IPSecConnection(FakeModule(base, check_mode), api=None)


def test_compare_reports_per_tunnel_paths_and_secrets_precisely():
    resource = connection_resource({"tunnels": [dict(ENTRY, shared_secret="new secret"),
                                                dict(ENTRY, display_name="t2", dpd={"mode": None, "timeout_in_sec": 45})]})
    resource.exists = True
    current = {"id": "i", "drg_id": "d", "cpe_id": "p", "display_name": "vpn", "static_routes": [],
               "tunnels": [dict(read_tunnel(), shared_secret="old secret"),
                           read_tunnel(**{"display_name": "t2", "id": "t2"})]}
    desired = common.prune_none(resource.desired())
    changed = resource.compare(desired, current)
    assert changed == ["tunnels.0.shared_secret", "tunnels.1.dpd_timeout_in_sec"]
    after = resource.predict(current, desired)
    assert after["tunnels"][1]["dpd_timeout_in_sec"] == 45 and after["tunnels"][1]["vpn_ip"] == "129.146.0.1"
    masked = common.mask_secrets(after, resource.secret_paths)
    assert "new secret" not in repr(masked) and "old secret" not in repr(masked)


@pytest.mark.parametrize("entry, fragment", [
    ({"routing": "BGP", "bgp": {}}, "routing BGP needs bgp.oracle_interface_ip"),
    ({"bgp": {"oracle_interface_ip": "169.254.21.1/29", "customer_interface_ip": "169.254.21.2/29"}},
     "must carry a /30 or /31 prefix"),
    ({"bgp": {"oracle_interface_ip": "169.254.21.0/30", "customer_interface_ip": "169.254.21.2/30"}},
     "network or broadcast"),
    ({"bgp": {"oracle_interface_ip": "169.254.21.1/30", "customer_interface_ip": "169.254.21.5/30"}},
     "same /30 or /31"),
    ({"bgp": {"oracle_interface_ip": "169.254.21.1", "customer_interface_ip": "169.254.21.2/30"}},
     "must carry a /30 or /31 prefix"),
    ({"routing": "STATIC", "bgp": {"customer_bgp_asn": 65000}}, "only used with routing BGP"),
    ({"bgp": {"customer_bgp_asn": 0}}, "not a valid ASN"),
    ({"phase_one": {"dh_group": "GROUP14"}}, "a custom proposal needs authentication_algorithm, encryption_algorithm"),
    ({"phase_one": {"custom": False, "dh_group": "GROUP14"}}, "custom=false"),
    ({"phase_two": {"encryption_algorithm": "AES_256_CBC"}}, "needs authentication_algorithm"),
    ({"phase_two": {"encryption_algorithm": "AES_256_GCM", "authentication_algorithm": "HMAC_SHA1_128"}},
     "GCM encryption has its own integrity"),
    ({"phase_two": {"pfs_enabled": False, "pfs_dh_group": "GROUP14"}}, "pfs_dh_group needs pfs_enabled"),
    ({"dpd": {"timeout_in_sec": 5}}, "between 15 and 172800"),
])
def test_tunnel_input_problems(entry, fragment):
    problems = mod.tunnel_problems(0, entry)
    assert any(fragment in p for p in problems), problems


def test_bad_secret_is_rejected_without_echoing_it():
    problems = mod.tunnel_problems(1, {"shared_secret": "sec-ret!"})
    assert problems and "letters, digits and spaces" in problems[0]
    assert "sec-ret!" not in " ".join(problems)


def test_valid_entry_has_no_problems():
    assert mod.tunnel_problems(0, ENTRY) == []
    assert mod.tunnel_problems(0, dict(ENTRY, bgp={"oracle_interface_ip": "169.254.21.3/31",
                                                   "customer_interface_ip": "169.254.21.2/31",
                                                   "customer_bgp_asn": 4200000000})) == []
