"""oci_virtual_circuit and oci_virtual_circuit_info through ansible-playbook against the twin.

The Azure side (an ExpressRoute circuit with provider "Oracle Cloud FastConnect") is made with
the Azure SDK directly, so this test depends only on the OCI modules. With its service key the
virtual circuit goes PENDING_PROVIDER -> VERIFYING -> PROVISIONING -> PROVISIONED and BGP comes
up when the cross-connect mappings put Oracle on the first usable address of each /30. The
provider (Microsoft Azure) assigns the VLAN: the module sends none and refuses one.
"""

import uuid


import pytest

from oci_it_helpers import expressroute_circuit, playbook_runner, task

MAPPINGS = [{"oracle_bgp_peering_ip": "10.99.0.1/30", "customer_bgp_peering_ip": "10.99.0.2/30"},
            {"oracle_bgp_peering_ip": "10.99.0.5/30", "customer_bgp_peering_ip": "10.99.0.6/30"}]


@pytest.fixture
def playbook(run_play, tmp_path):
    return playbook_runner(run_play, tmp_path)


@pytest.fixture
def er_circuit(twin):
    with expressroute_circuit(twin) as service_key:
        yield service_key


def circuit_task(name, prefix, service_key, register="fc", **extra):
    args = dict(display_name=prefix + "-fc", provider_name="Microsoft Azure",
                provider_service_key_name=service_key, gateway_id="{{ drg.drg.id }}",
                cross_connect_mappings=MAPPINGS, wait_for=["provisioned", "bgp_up"], wait_timeout=120)
    args.update(extra)
    return task(name, "oci_virtual_circuit", register, **args)


def test_virtual_circuit_lifecycle(twin, playbook, er_circuit):
    prefix = "it-fc-" + uuid.uuid4().hex[:6]
    play = playbook([task("drg", "oci_drg", "drg", display_name=prefix + "-drg")])
    assert play.rc == 0, play.stdout
    ids = {"drg": {"drg": {"id": play.task("drg")["drg"]["id"]}}}

    # -- one play that must not write: check mode (predicted with the key's bandwidth) and a
    # bandwidth that differs from the ExpressRoute circuit's (fails before any write) ---------
    mismatch = circuit_task("mismatch", prefix, er_circuit, register=None, bandwidth_shape_name="10 Gbps")
    mismatch["ignore_errors"] = True
    with_vlan = circuit_task("vlan", prefix, er_circuit, register=None,
                             cross_connect_mappings=[dict(m, vlan=100) for m in MAPPINGS])
    with_vlan["ignore_errors"] = True
    before = twin.writes()
    play = playbook([dict(circuit_task("fc", prefix, er_circuit), check_mode=True, diff=True), mismatch,
                     with_vlan], vars=ids)
    assert twin.writes() == before
    assert "cross_connect_mappings[0].vlan: Microsoft Azure assigns the VLAN" in play.task("vlan")["msg"]
    predicted = play.task("fc")["virtual_circuit"]
    assert play.task("fc")["changed"] is True
    assert predicted["bandwidth_shape_name"] == "1 Gbps" and predicted["provider_name"] == "Microsoft Azure"
    assert [r["task"] for r in play.failed] == ["mismatch", "vlan"]
    assert "does not match the bandwidth of the provider's service key, '1 Gbps'" in play.task("mismatch")["msg"]

    # -- create: waits past PENDING_PROVIDER for PROVISIONED and BGP UP ------------------------
    info = task("info", "oci_virtual_circuit_info", "info", id="{{ fc.virtual_circuit.id }}",
                wait_for=["provisioned", "bgp_up"], wait_timeout=60)
    play = playbook([circuit_task("fc", prefix, er_circuit), info], vars=ids)
    assert play.rc == 0, play.stdout
    circuit = play.task("fc")["virtual_circuit"]
    assert play.task("fc")["changed"] is True
    assert circuit["lifecycle_state"] == "PROVISIONED" and circuit["bgp_session_state"] == "UP"
    assert circuit["provider_state"] == "ACTIVE" and circuit["bandwidth_shape_name"] == "1 Gbps"
    assert sorted(m["oracle_bgp_peering_ip"] for m in circuit["cross_connect_mappings"]) == \
        ["10.99.0.1/30", "10.99.0.5/30"]
    # one VLAN on both links, the provider's
    vlans = [m["vlan"] for m in circuit["cross_connect_mappings"]]
    assert vlans[0] is not None and vlans == [vlans[0]] * 2
    described, = play.task("info")["virtual_circuits"]
    assert described["id"] == circuit["id"] and described["bgp_session_state"] == "UP"
    assert described["provider_service"]["provider_name"] == "Microsoft Azure"

    # -- second run: no change, no write --------------------------------------------------------
    before = twin.writes()
    play = playbook([circuit_task("fc", prefix, er_circuit)], vars=ids)
    assert play.rc == 0, play.stdout
    assert play.changed == 0 and twin.writes() == before

    # -- update in place; the provider cannot change in place -----------------------------------
    move = circuit_task("move", prefix, er_circuit, register=None, id=circuit["id"], provider_name="Equinix")
    move["ignore_errors"] = True
    play = playbook([circuit_task("fc", prefix, er_circuit, freeform_tags={"link": "primary"}), move], vars=ids,
                    diff=True)
    assert play.task("fc")["changed"] is True
    assert play.task("fc")["changed_fields"] == ["freeform_tags.link"]
    assert play.task("fc")["virtual_circuit"]["freeform_tags"] == {"link": "primary"}
    assert play.task("fc")["virtual_circuit"]["id"] == circuit["id"]
    assert "provider_service_id cannot be changed in place" in play.task("move")["msg"]

    # -- delete, delete again -------------------------------------------------------------------
    removal = [task("fc", "oci_virtual_circuit", display_name=prefix + "-fc", state="absent"),
               task("drg", "oci_drg", display_name=prefix + "-drg", state="absent")]
    play = playbook(removal)
    assert play.rc == 0, play.stdout
    assert play.changed == 2
    before = twin.writes()
    play = playbook(removal)
    assert play.rc == 0, play.stdout
    assert play.changed == 0 and twin.writes() == before
