"""The action plugin's mapping of the info modules' read shapes into observations (the input of
module_utils/verify.py): what each new check of issue 11 reads must arrive in the observation."""

from ansible_collections.interconnect.oci_azure.plugins.action.interconnect_verify import ActionModule
from ansible_collections.interconnect.oci_azure.plugins.module_utils import verify as V

PHASE_TWO = {"is_custom_phase_two_config": True, "custom_encryption_algorithm": "AES_256_GCM",
             "custom_authentication_algorithm": None, "is_pfs_enabled": True, "dh_group": "GROUP14",
             "lifetime": 3600, "is_esp_established": True}


def test_the_oci_tunnel_keeps_its_crypto_details_and_bgp_asn():
    seen = ActionModule._oci_tunnel({
        "id": "t1", "display_name": "lab-ipsec-1-t1", "vpn_ip": "129.146.0.1", "status": "UP", "routing": "BGP",
        "bgp_session_info": {"bgp_state": "UP", "oracle_interface_ip": "169.254.21.1/30",
                             "customer_interface_ip": "169.254.21.2/30", "customer_bgp_asn": "65515"},
        "phase_one_details": {"is_custom_phase_one_config": False, "lifetime": 28800},
        "phase_two_details": PHASE_TWO})
    assert (seen["oracle_ip"], seen["customer_ip"], seen["customer_asn"]) == ("169.254.21.1", "169.254.21.2", "65515")
    assert V.oci_phase_two_args(seen["phase_two_details"])["pfs_dh_group"] == "GROUP14"
    assert V.oci_phase_one_args(seen["phase_one_details"]) is None


def test_the_azure_connection_keeps_its_ipsec_policies_and_an_absent_list_is_azures_default():
    policy = {"sa_life_time_seconds": 3600, "sa_data_size_kilobytes": 102400000, "ipsec_encryption": "GCMAES256",
              "ipsec_integrity": "GCMAES256", "ike_encryption": "AES256", "ike_integrity": "SHA384",
              "dh_group": "DHGroup14", "pfs_group": "PFS2048"}
    seen = ActionModule._azure_connection({"id": "c", "connection_status": "Connected", "ipsec_policies": [policy]})
    assert V.azure_policy_args(seen["ipsec_policies"]) == policy
    assert ActionModule._azure_connection({"id": "c", "connection_status": "Connected"})["ipsec_policies"] == []


def test_local_network_gateways_carry_their_bgp_peer_asn_and_gateway_ip():
    plan = {"azure": {"local_network_gateways": [{"name": "lab-lng-1-t1"}, {"name": "lab-lng-2-t1"}]}}
    info = {"local_network_gateways": [{
        "name": "lab-lng-1-t1", "gateway_ip_address": "129.146.0.1",
        "local_network_address_space": {"address_prefixes": []},
        "bgp_settings": {"asn": 31898, "bgp_peering_address": "169.254.21.1", "peer_weight": 0}}]}
    seen = ActionModule._local_gateways(plan, info)
    assert seen["lab-lng-1-t1"] == {"found": True, "address_prefixes": [], "gateway_ip_address": "129.146.0.1",
                                    "bgp_asn": 31898, "bgp_peering_address": "169.254.21.1"}
    assert seen["lab-lng-2-t1"]["found"] is False


def _attempts_with(observations, retries=5, stable_attempts=2):
    """Run the action's attempt loop on canned observations, one per attempt (no sleeping)."""
    from test_verify import healthy, plan_for  # the evaluator tests' plan and healthy reads
    plan = plan_for("vpn_bgp_active_active")
    action = ActionModule.__new__(ActionModule)
    action._options = {"retries": retries, "stable_attempts": stable_attempts, "delay": 0, "twin_admin": None}
    seen = []

    def observe(plan_, task_vars, errors, first):
        obs, error = observations[min(len(seen), len(observations) - 1)](healthy(plan_))
        seen.append(first)
        if error:
            errors.append(error)
        return obs

    report, _obs, errors, attempt = action._attempts(plan, {}, observe, "lab")
    return report, errors, attempt, seen


def _gateway_read_failed(obs):
    """The gateway info (which lists the local network gateways) failed: none of them seen."""
    obs["azure_local_network_gateways"] = dict(
        (name, {"found": False, "address_prefixes": None}) for name in obs["azure_local_network_gateways"])
    return obs, "Azure gateway lab-vng: 503 ServerError (request id r-1)"


def test_a_configuration_read_that_failed_is_read_again_not_reported_missing():
    report, errors, attempt, firsts = _attempts_with([_gateway_read_failed, lambda obs: (obs, None)])
    assert report["ok"], [r for r in report["rows"] if not r["ok"]]
    assert (attempt, firsts, errors) == (2, [True, True], [])


def test_configuration_read_cleanly_once_is_not_read_again():
    report, _errors, attempt, firsts = _attempts_with([lambda obs: (dict(obs, oci_ecmp=False), None)])
    assert not report["ok"] and attempt == 1 and firsts == [True]


def test_a_configuration_read_that_keeps_failing_is_retried_to_the_end_and_reported():
    report, errors, attempt, firsts = _attempts_with([_gateway_read_failed], retries=4)
    assert not report["ok"] and attempt == 4 and firsts == [True] * 4 and errors
