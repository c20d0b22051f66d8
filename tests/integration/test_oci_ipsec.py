"""oci_ipsec_connection and oci_ipsec_connection_info through ansible-playbook against the twin.

Covers: check mode (no write, predicted tunnels), create with both tunnels configured, the
secret never in a --diff -vvv output, the service-generated secret returned on request under
no_log, a second run without a write, in-place tunnel updates through the tunnel and
shared-secret endpoints, an immutable attribute named, the info module's per-tunnel state and
its bounded wait, delete and delete again.
"""

import json
import uuid

import pytest

from oci_it_helpers import playbook_runner, task

MASK = "********"


@pytest.fixture
def playbook(run_play, tmp_path):
    return playbook_runner(run_play, tmp_path)


def secret():
    # letters and digits only (OCI's rule), unique per run so "not in the output" means something
    return "Psk" + uuid.uuid4().hex + "Z"


def connection_task(name, prefix, tunnels, register="vpn", **extra):
    args = dict(display_name=prefix + "-vpn", drg_id="{{ drg.drg.id }}", cpe_id="{{ cpe.cpe.id }}",
                static_routes=["10.20.0.0/17", "10.20.128.0/17"], tunnels=tunnels)
    args.update(extra)
    return task(name, "oci_ipsec_connection", register, **args)


def parents(prefix):
    return [
        task("drg", "oci_drg", "drg", display_name=prefix + "-drg"),
        task("cpe", "oci_cpe", "cpe", display_name=prefix + "-cpe", ip_address="20.81.10.20"),
    ]


def first_tunnels(psk):
    return [
        {"display_name": "tunnel-a", "routing": "BGP", "ike_version": "V2", "shared_secret": psk,
         "bgp": {"oracle_interface_ip": "169.254.21.1/30", "customer_interface_ip": "169.254.21.2/30",
                 "customer_bgp_asn": 65010},
         "phase_one": {"authentication_algorithm": "SHA2_384", "encryption_algorithm": "AES_256_CBC",
                       "dh_group": "GROUP20"},
         "phase_two": {"encryption_algorithm": "AES_256_GCM", "pfs_enabled": True, "pfs_dh_group": "GROUP14"},
         "dpd": {"mode": "INITIATE_AND_RESPOND", "timeout_in_sec": 20},
         "oracle_initiation": "INITIATOR_OR_RESPONDER", "nat_translation": "AUTO"},
        {"display_name": "tunnel-b", "routing": "STATIC", "ike_version": "V2"},
    ]


def second_tunnels(psk):
    tunnels = first_tunnels(psk)
    tunnels[1] = {"display_name": "tunnel-b2", "routing": "STATIC", "ike_version": "V2",
                  "dpd": {"timeout_in_sec": 45}, "phase_two": {"pfs_enabled": True, "pfs_dh_group": "GROUP24"}}
    return tunnels


def test_ipsec_connection_lifecycle(twin, playbook, tmp_path):
    prefix = "it-vpn-" + uuid.uuid4().hex[:6]
    psk1, psk2 = secret(), secret()
    secrets_file = tmp_path / "secrets.json"

    # -- parents (their ids are passed to later plays as vars), then check mode: predicted,
    # nothing written, secret hidden
    play = playbook(parents(prefix))
    assert play.rc == 0, play.stdout
    ids = {"drg": {"drg": {"id": play.task("drg")["drg"]["id"]}},
           "cpe": {"cpe": {"id": play.task("cpe")["cpe"]["id"]}}}
    before = twin.writes()
    play = playbook([connection_task("vpn", prefix, first_tunnels(psk1))], vars=ids,
                    check=True, diff=True, verbosity=3)
    assert play.rc == 0, play.stdout
    assert twin.writes() == before
    predicted = play.task("vpn")
    assert predicted["changed"] is True
    assert predicted["ipsec_connection"]["tunnels"][0]["phase_one_details"]["custom_dh_group"] == "GROUP20"
    assert predicted["diff"]["after"]["tunnels"][0]["shared_secret"] == MASK
    assert psk1 not in play.stdout

    # -- create; then read the secrets back under no_log ----------------------------------------
    read_back = connection_task("secrets", prefix, first_tunnels(psk1), register="secrets",
                                return_shared_secrets=True)
    read_back["no_log"] = True
    save = {"name": "save", "no_log": True,
            "ansible.builtin.copy": {"content": "{{ secrets.shared_secrets | to_json }}",
                                     "dest": str(secrets_file), "mode": "0600"}}
    play = playbook([connection_task("vpn", prefix, first_tunnels(psk1)), read_back, save], vars=ids,
                    diff=True, verbosity=3)
    assert play.rc == 0, play.stdout
    created = play.task("vpn")
    connection = created["ipsec_connection"]
    assert created["changed"] is True and connection["lifecycle_state"] == "AVAILABLE"
    tunnel_a, tunnel_b = connection["tunnels"]
    assert (tunnel_a["display_name"], tunnel_b["display_name"]) == ("tunnel-a", "tunnel-b")
    assert tunnel_a["bgp_session_info"]["customer_bgp_asn"] == "65010"
    assert tunnel_a["phase_two_details"]["dh_group"] == "GROUP14"
    assert tunnel_a["vpn_ip"] and tunnel_b["vpn_ip"] and tunnel_a["vpn_ip"] != tunnel_b["vpn_ip"]
    assert tunnel_a["shared_secret"] == MASK
    assert play.task("secrets")["changed"] is False
    assert psk1 not in play.stdout
    returned = {s["display_name"]: s["shared_secret"] for s in json.loads(secrets_file.read_text())}
    generated = returned["tunnel-b"]
    # the user's secret comes back censored by Ansible; the service-generated one in full
    assert returned["tunnel-a"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    assert generated and generated.replace(" ", "").isalnum() and generated not in play.stdout

    # -- one play that must not write: a second run (the secret is compared, through a read)
    # and check mode for an update (predicted per tunnel, secrets hidden) ----------------------
    prediction = dict(connection_task("check update", prefix, second_tunnels(psk2)), check_mode=True, diff=True)
    before = twin.writes()
    play = playbook([connection_task("vpn", prefix, first_tunnels(psk1)), prediction], vars=ids, verbosity=3)
    assert play.rc == 0, play.stdout
    assert twin.writes() == before
    assert play.task("vpn")["changed"] is False
    predicted = play.task("check update")
    assert predicted["changed_fields"] == [
        "tunnels.0.shared_secret", "tunnels.1.display_name", "tunnels.1.dpd_timeout_in_sec",
        "tunnels.1.phase_two_details.dh_group"]
    assert predicted["diff"]["after"]["tunnels"][0]["shared_secret"] == MASK + " (changed)"
    assert predicted["diff"]["after"]["tunnels"][1]["dpd_timeout_in_sec"] == 45
    assert psk1 not in play.stdout and psk2 not in play.stdout

    # -- update in place through the tunnel and shared-secret endpoints ------------------------
    info = task("info", "oci_ipsec_connection_info", "info", id="{{ vpn.ipsec_connection.id }}")
    waiting = task("wait up", "oci_ipsec_connection_info", id="{{ vpn.ipsec_connection.id }}",
                   wait_for=["tunnels_up"], tunnels=["1"], wait_timeout=2, include_routes=False)
    waiting["ignore_errors"] = True
    play = playbook([connection_task("vpn", prefix, second_tunnels(psk2)), info, waiting], vars=ids,
                    diff=True, verbosity=3)
    assert play.rc == 0, play.stdout
    updated = play.task("vpn")
    assert updated["changed"] is True
    assert updated["ipsec_connection"]["id"] == connection["id"]           # same connection
    tunnel_a2, tunnel_b2 = updated["ipsec_connection"]["tunnels"]
    assert tunnel_a2["id"] == tunnel_a["id"] and tunnel_b2["id"] == tunnel_b["id"]
    assert tunnel_b2["display_name"] == "tunnel-b2" and tunnel_b2["dpd_timeout_in_sec"] == 45
    assert tunnel_b2["phase_two_details"]["dh_group"] == "GROUP24"
    assert tunnel_a2["phase_one_details"]["custom_dh_group"] == "GROUP20"    # untouched
    assert psk1 not in play.stdout and psk2 not in play.stdout

    # the info module: per tunnel Oracle VPN IP, status, IKE/ESP details, BGP, routes, error
    described = play.task("info")["ipsec_connections"]
    assert [c["id"] for c in described] == [connection["id"]]
    by_name = {t["display_name"]: t for t in described[0]["tunnels"]}
    assert set(by_name) == {"tunnel-a", "tunnel-b2"}
    bgp_tunnel = by_name["tunnel-a"]
    assert bgp_tunnel["vpn_ip"] == tunnel_a["vpn_ip"] and bgp_tunnel["status"] in ("UP", "DOWN")
    assert "is_ike_established" in bgp_tunnel["phase_one_details"]
    assert "is_esp_established" in bgp_tunnel["phase_two_details"]
    assert bgp_tunnel["bgp_session_info"]["bgp_state"] in ("UP", "DOWN")
    assert bgp_tunnel["routes_advertised"] == [] and bgp_tunnel["routes_received"] == []
    # no Azure side: OCI reports why the tunnel is down, and the bounded wait says so
    assert bgp_tunnel["status"] == "DOWN" and bgp_tunnel["error"]["error_code"]
    timed_out = play.task("wait up")
    assert [r["task"] for r in play.failed] == ["wait up"]
    assert "timed out after 2s waiting for tunnels_up" in timed_out["msg"]
    assert bgp_tunnel["error"]["error_description"] in timed_out["msg"]

    # -- converged after the update; an attribute the API cannot change is refused by name -----
    immutable = task("move", "oci_ipsec_connection", id=connection["id"], display_name=prefix + "-vpn",
                     cpe_id="ocid1.cpe.oc1.iad.aaaaaaaaother")
    immutable["ignore_errors"] = True
    before = twin.writes()
    play = playbook([connection_task("vpn", prefix, second_tunnels(psk2)), immutable], vars=ids)
    assert play.changed == 0 and twin.writes() == before
    assert "cpe_id cannot be changed in place" in play.task("move")["msg"]

    # -- delete, delete again -------------------------------------------------------------------
    removal = [task("vpn", "oci_ipsec_connection", display_name=prefix + "-vpn",
                    drg_id=created["ipsec_connection"]["drg_id"], state="absent"),
               task("cpe", "oci_cpe", display_name=prefix + "-cpe", state="absent"),
               task("drg", "oci_drg", display_name=prefix + "-drg", state="absent")]
    play = playbook(removal, diff=True, verbosity=3)
    assert play.rc == 0, play.stdout
    assert play.changed == 3 and psk2 not in play.stdout
    assert play.task("vpn")["diff"]["before"]["id"] == connection["id"]
    before = twin.writes()
    play = playbook(removal)
    assert play.rc == 0, play.stdout
    assert play.changed == 0 and twin.writes() == before
