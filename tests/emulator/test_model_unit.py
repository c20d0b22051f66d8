"""The interconnect model, pure: store contents in the served shapes -> ``evaluate`` -> the contract dict.

The truth table of issue 2: the six field-facts scenarios configured correctly come up with the
right tunnels, BGP sessions and prefixes; each single misconfiguration leaves exactly the affected
tunnel or session down with the right reason code, everything else still up. No server involved
(tests/emulator/test_model_truth_table.py runs the same table through the real SDKs).
"""

import copy
import time

import pytest

from emulator import rules
from emulator.physics import crypto
from emulator.physics.model import evaluate
from model_world import (AA_APIPAS, CREATED, GOOD_PEERING, NOW, OCI_PROVIDER_OTHER, SCENARIOS, VCN_CIDR,
                         VNET_CIDR, VNG_ASN, World, build_bgp_active_active, build_bgp_active_passive,
                         build_fastconnect, build_single, build_static_active_active,
                         build_static_active_passive)


def run(w, now=NOW, identity=None):
    return evaluate(w.store, now, identity or {})


def up_tunnels(result):
    return sorted(tid for tid, t in result["oci_tunnels"].items() if t["status"] == "UP")


def bgp_up(result):
    return sorted(tid for tid, t in result["oci_tunnels"].items() if t["bgpState"] == "UP")


def gateway(result, w):
    return result["azure_gateways"][w.h["vng"].lower()]


def connection(result, conn_id):
    return result["azure_connections"][conn_id.lower()]


def ebgp_routes(result, w):
    return sorted((r["network"], r["nextHop"]) for r in gateway(result, w)["learnedRoutes"] if r["origin"] == "EBgp")


# --- the contract's shape ------------------------------------------------------------------------
TUNNEL_KEYS = {"status", "reasonCode", "reason", "solution", "bgpState", "bgpReasonCode", "bgpReason",
               "azureConnectionId", "azureIpConfigurationId", "routesReceived", "routesAdvertised", "ecmp",
               "negotiated"}
PEER_KEYS = {"localAddress", "neighbor", "asn", "state", "connectedDuration", "routesReceived", "messagesSent",
             "messagesReceived"}
ROUTE_KEYS = {"localAddress", "network", "nextHop", "sourcePeer", "origin", "asPath", "weight"}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_result_has_the_contract_shape(name):
    w = SCENARIOS[name]()
    result = run(w)
    assert set(result) == {"oci_tunnels", "azure_connections", "azure_gateways", "virtual_circuits", "er_circuits",
                           "oci_drgs"}
    for tunnel in result["oci_tunnels"].values():
        assert TUNNEL_KEYS <= set(tunnel)
        assert tunnel["status"] in ("UP", "DOWN")
        assert tunnel["bgpState"] in ("UP", "DOWN", None)
        assert (tunnel["reasonCode"] is None) == (tunnel["status"] == "UP")
        assert tunnel["reasonCode"] is None or tunnel["reasonCode"] in rules.REASONS
    for conn in result["azure_connections"].values():
        assert conn["connectionStatus"] in ("Connected", "NotConnected", "Connecting", "Unknown")
        for health in conn["tunnelConnectionStatus"]:
            assert set(health) == {"tunnel", "connectionStatus", "ingressBytesTransferred",
                                   "egressBytesTransferred", "lastConnectionEstablishedUtcTime"}
        for item in conn["reasons"]:
            assert item["reasonCode"] in rules.REASONS and item["reason"]
    for gw in result["azure_gateways"].values():
        for peer in gw["bgpPeers"]:
            assert PEER_KEYS <= set(peer)
            assert peer["state"] in ("Unknown", "Stopped", "Idle", "Connecting", "Connected")
        for route in gw["learnedRoutes"] + [r for rs in gw["advertisedRoutes"].values() for r in rs]:
            assert set(route) == ROUTE_KEYS
    for vc in result["virtual_circuits"].values():
        assert vc["lifecycleState"] in ("PENDING_PROVIDER", "VERIFYING", "PROVISIONING", "PROVISIONED", "FAILED")
        assert vc["providerState"] in ("ACTIVE", "INACTIVE") and vc["bgpSessionState"] in ("UP", "DOWN")


def test_every_reason_formats_with_its_fields_and_names_a_fix():
    for code, (text, solution) in rules.REASONS.items():
        assert text and solution, code


def test_evaluate_never_writes_the_store():
    w = build_bgp_active_active()
    generation = w.store.generation
    before = {kind: w.store.list("oci", kind) for kind in w.store.kinds("oci")}
    run(w)
    run(w)
    assert w.store.generation == generation
    assert before == {kind: w.store.list("oci", kind) for kind in w.store.kinds("oci")}


def test_evaluate_is_fast_for_tens_of_resources():
    w = build_bgp_active_active()
    build_fastconnect(w)
    build_static_active_active(w)
    run(w)   # warm the address parser caches
    rounds = 50
    started = time.perf_counter()
    for _ in range(rounds):
        run(w)
    per_call = (time.perf_counter() - started) / rounds
    assert per_call < 0.010, "evaluate took %.1f ms" % (per_call * 1000)


# --- the six scenarios, configured correctly ---------------------------------------------------
def test_single_vpn_one_bgp_session_and_prefixes_both_ways():
    w = build_single()
    result = run(w)
    first, second = w.h["tunnels"]
    assert up_tunnels(result) == [first] and bgp_up(result) == [first]
    tunnel = result["oci_tunnels"][first]
    assert tunnel["routesReceived"] == [VNET_CIDR] and tunnel["routesAdvertised"] == [VCN_CIDR]
    assert tunnel["azureConnectionId"] == w.h["conn"].lower()
    assert tunnel["negotiated"]["phaseTwo"]["negotiatedDhGroup"] == "GROUP14"
    assert result["oci_tunnels"][second]["reasonCode"] == "NO_PEER"
    assert result["oci_tunnels"][second]["bgpReasonCode"] == "TUNNEL_DOWN"
    conn = connection(result, w.h["conn"])
    assert conn["connectionStatus"] == "Connected" and conn["reasons"] == []
    assert conn["tunnelConnectionStatus"][0]["connectionStatus"] == "Connected"
    assert conn["tunnelConnectionStatus"][0]["egressBytesTransferred"] > 0
    peers = gateway(result, w)["bgpPeers"]
    assert [(p["localAddress"], p["neighbor"], p["asn"], p["state"]) for p in peers] == [
        ("169.254.21.2", "169.254.21.1", rules.ORACLE_BGP_ASN, "Connected")]
    assert peers[0]["routesReceived"] == 1
    learned = [r for r in gateway(result, w)["learnedRoutes"] if r["origin"] == "EBgp"]
    assert learned == [{"localAddress": "169.254.21.2", "network": VCN_CIDR, "nextHop": "169.254.21.1",
                        "sourcePeer": "169.254.21.1", "origin": "EBgp", "asPath": "31898", "weight": 32768}]
    own = [r for r in gateway(result, w)["learnedRoutes"] if r["origin"] == "Network"]
    assert [r["network"] for r in own] == [VNET_CIDR]
    advertised = gateway(result, w)["advertisedRoutes"]["169.254.21.1"]
    assert [(r["network"], r["asPath"]) for r in advertised] == [(VNET_CIDR, str(VNG_ASN))]


def test_static_active_passive_two_tunnels_no_bgp_split_prefixes():
    w = build_static_active_passive()
    result = run(w)
    primary, backup = w.h["tunnels"]
    assert up_tunnels(result) == sorted([primary, backup]) and bgp_up(result) == []
    assert result["oci_tunnels"][primary]["routesReceived"] == ["10.1.0.0/17", "10.1.128.0/17"]
    assert result["oci_tunnels"][backup]["routesReceived"] == [VNET_CIDR]
    assert all(result["oci_tunnels"][t]["bgpState"] is None for t in (primary, backup))
    # Different prefix lengths are not equal paths: no ECMP even where it would be allowed.
    assert not any(t["ecmp"] for t in result["oci_tunnels"].values())
    static = sorted(r["network"] for r in gateway(result, w)["learnedRoutes"] if r["nextHop"])
    assert static == ["10.0.0.0/16", "10.0.0.0/17", "10.0.128.0/17"]
    assert gateway(result, w)["bgpPeers"] == []


def test_static_active_active_four_tunnels_second_instance_rejected_per_connection():
    w = build_static_active_active()
    result = run(w)
    assert up_tunnels(result) == sorted(w.h["tunnels"]) and bgp_up(result) == []
    for conn_id in w.h["conns"]:
        conn = connection(result, conn_id)
        assert conn["connectionStatus"] == "Connected"
        states = sorted(h["connectionStatus"] for h in conn["tunnelConnectionStatus"])
        assert states == ["Connected", "NotConnected"]
        assert [r["reasonCode"] for r in conn["reasons"]] == ["CPE_IP_MISMATCH"]


def test_bgp_active_active_four_sessions_with_ecmp_on_both_sides():
    w = build_bgp_active_active()
    result = run(w)
    assert up_tunnels(result) == sorted(w.h["tunnels"]) and bgp_up(result) == sorted(w.h["tunnels"])
    assert all(result["oci_tunnels"][t]["ecmp"] for t in w.h["tunnels"])
    assert gateway(result, w)["ecmp"] is True
    peers = gateway(result, w)["bgpPeers"]
    assert len(peers) == 8   # 4 connections x 2 instances; the instance OCI rejects stays Idle
    assert sorted(p["neighbor"] for p in peers if p["state"] == "Connected") == [
        "169.254.21.1", "169.254.21.5", "169.254.22.1", "169.254.22.5"]
    assert ebgp_routes(result, w) == sorted((VCN_CIDR, hop) for hop in
                                            ("169.254.21.1", "169.254.21.5", "169.254.22.1", "169.254.22.5"))
    custom = result["oci_tunnels"][w.h["tunnels"][0]]["negotiated"]
    assert custom["phaseOne"] == {"negotiatedEncryptionAlgorithm": "AES_256_CBC",
                                  "negotiatedAuthenticationAlgorithm": "SHA2_384", "negotiatedDhGroup": "GROUP14",
                                  "isIkeEstablished": True}
    assert custom["phaseTwo"]["negotiatedEncryptionAlgorithm"] == "AES_256_GCM"
    assert custom["phaseTwo"]["negotiatedAuthenticationAlgorithm"] is None


def test_bgp_active_passive_one_apipa_from_a_30_and_a_31_with_ecmp():
    w = build_bgp_active_passive()
    result = run(w)
    assert up_tunnels(result) == sorted(w.h["tunnels"]) and bgp_up(result) == sorted(w.h["tunnels"])
    assert all(result["oci_tunnels"][t]["ecmp"] for t in w.h["tunnels"])
    peers = gateway(result, w)["bgpPeers"]
    assert sorted((p["localAddress"], p["neighbor"], p["state"]) for p in peers) == [
        ("169.254.21.2", "169.254.21.1", "Connected"), ("169.254.21.2", "169.254.21.3", "Connected")]
    assert ebgp_routes(result, w) == [(VCN_CIDR, "169.254.21.1"), (VCN_CIDR, "169.254.21.3")]


def test_ecmp_needs_the_flag_on_the_vcn_attachments_table():
    w = build_bgp_active_passive()
    drg = w.store.get("oci", "drg", w.h["drg"])
    w.edit("oci", "drgRouteTable", drg["defaultDrgRouteTables"]["vcn"], lambda t: t.update(isEcmpEnabled=False))
    result = run(w)
    assert bgp_up(result) == sorted(w.h["tunnels"])
    assert not any(result["oci_tunnels"][t]["ecmp"] for t in w.h["tunnels"])


def test_ecmp_on_the_ipsec_tunnel_table_alone_does_not_count():
    """Known-bad design: ECMP enabled on the ipsecTunnel table, left off on the VCN table.

    Replaces test_ecmp_follows_the_table_of_the_ipsec_tunnel_attachment, which encoded the old belief
    that the tunnel attachment's table decides; VCN -> Azure traffic enters on the VCN attachment.
    """
    w = build_bgp_active_passive()
    tables = w.store.get("oci", "drg", w.h["drg"])["defaultDrgRouteTables"]
    w.edit("oci", "drgRouteTable", tables["vcn"], lambda t: t.update(isEcmpEnabled=False))
    w.edit("oci", "drgRouteTable", tables["ipsecTunnel"], lambda t: t.update(isEcmpEnabled=True))
    result = run(w)
    assert bgp_up(result) == sorted(w.h["tunnels"])
    assert not any(result["oci_tunnels"][t]["ecmp"] for t in w.h["tunnels"])
    tables = result["oci_drgs"][w.h["drg"]]["vcnAttachmentRouteTables"]
    vcn_table = w.store.get("oci", "drg", w.h["drg"])["defaultDrgRouteTables"]["vcn"]
    assert list(tables) == [vcn_table]
    entry = tables[vcn_table]["prefixes"][VNET_CIDR]
    assert entry["kind"] == "IPSEC_BGP" and sorted(entry["paths"]) == sorted(w.h["tunnels"]) and not entry["ecmp"]


def test_ecmp_follows_the_table_of_the_vcn_attachment():
    w = build_bgp_active_passive()
    table = w.put_oci("drgRouteTable", {"id": "ocid1.drgroutetable.oc1.iad.ecmpoff", "drgId": w.h["drg"],
                                        "isEcmpEnabled": False, "lifecycleState": "AVAILABLE"})
    attachment = next(a for a in w.store.list("oci", "drgAttachment") if a["networkDetails"]["type"] == "VCN")
    w.edit("oci", "drgAttachment", attachment["id"], lambda a: a.update(drgRouteTableId=table))
    result = run(w)
    assert not any(result["oci_tunnels"][t]["ecmp"] for t in w.h["tunnels"])
    w.edit("oci", "drgRouteTable", table, lambda t: t.update(isEcmpEnabled=True))
    result = run(w)
    assert all(result["oci_tunnels"][t]["ecmp"] for t in w.h["tunnels"])
    assert result["oci_drgs"][w.h["drg"]]["vcnAttachmentRouteTables"][table]["prefixes"][VNET_CIDR]["ecmp"]


def test_ecmp_never_mixes_tunnels_and_circuits_fastconnect_is_preferred():
    w = build_bgp_active_passive()
    build_fastconnect(w)       # a second DRG; move its circuit onto the VPN's DRG
    w.edit("oci", "virtualCircuit", w.h["vc"], lambda v: v.update(gatewayId=w.store.list("oci", "drg")[0]["id"]))
    result = run(w)
    vpn_drg = w.store.list("oci", "drg")[0]["id"]
    entry = result["oci_drgs"][vpn_drg]["vcnAttachmentRouteTables"]
    prefixes = next(iter(entry.values()))["prefixes"]
    # The circuit carries the VNet prefix too: FastConnect is preferred, the tunnels are not ECMP.
    assert prefixes[VNET_CIDR]["kind"] == "VIRTUAL_CIRCUIT" and prefixes[VNET_CIDR]["paths"] == [w.h["vc"]]
    assert not any(result["oci_tunnels"][t]["ecmp"] for t in result["oci_tunnels"])
    assert result["virtual_circuits"][w.h["vc"]]["ecmp"] is False


def test_fastconnect_provisioned_bgp_up_arp_and_routes_on_both_links():
    w = build_fastconnect()
    result = run(w)
    vc = result["virtual_circuits"][w.h["vc"]]
    assert (vc["lifecycleState"], vc["providerState"], vc["bgpSessionState"]) == ("PROVISIONED", "ACTIVE", "UP")
    assert vc["erCircuitId"] == w.h["circuit"].lower() and vc["routesReceived"] == [VNET_CIDR]
    er = result["er_circuits"][w.h["circuit"].lower()]
    assert er["serviceProviderProvisioningState"] == "Provisioned" and er["bgpState"] == "UP"
    assert er["providerPeering"] == {k: v for k, v in GOOD_PEERING.items() if k != "state"}
    for link, (oracle, azure) in (("primary", ("192.168.100.1", "192.168.100.2")),
                                  ("secondary", ("192.168.100.5", "192.168.100.6"))):
        arp = er["arp"][link]
        assert [(e["interface"], e["ipAddress"]) for e in arp] == [("On-Prem", oracle), ("Microsoft", azure)]
        assert all(len(e["macAddress"]) == 14 for e in arp)
        routes = {(r["network"], r["path"]) for r in er["routes"][link]}
        assert (VCN_CIDR, "31898") in routes and (VNET_CIDR, str(VNG_ASN)) in routes
        assert [r["nextHop"] for r in er["routes"][link] if r["network"] == VCN_CIDR] == [oracle]
    assert connection(result, w.h["erconn"])["connectionStatus"] == "Connected"


def test_fastconnect_moves_verifying_provisioning_provisioned_with_scaled_durations():
    w = World(time_scale=0.5)
    build_fastconnect(w)
    verify = rules.DURATIONS["oci.virtualCircuit.verify"] * 0.5
    provision = rules.DURATIONS["oci.virtualCircuit.provision"] * 0.5
    timeline = []
    for offset in (1, verify + 1, verify + provision + 1):
        result = run(w, now=CREATED + offset)
        vc = result["virtual_circuits"][w.h["vc"]]
        er = result["er_circuits"][w.h["circuit"].lower()]
        timeline.append((vc["lifecycleState"], er["serviceProviderProvisioningState"], vc["bgpSessionState"],
                         bool(er["arp"]["primary"])))
    assert timeline == [("VERIFYING", "NotProvisioned", "DOWN", False),
                        ("PROVISIONING", "Provisioning", "DOWN", False),
                        ("PROVISIONED", "Provisioned", "UP", True)]


def test_fastconnect_without_a_stored_peering_uses_the_provider_created_one():
    w = build_fastconnect()
    w.edit("azure", "expressRouteCircuit", w.h["circuit"], lambda c: c["properties"].update(peerings=[]))
    er = run(w)["er_circuits"][w.h["circuit"].lower()]
    assert er["bgpState"] == "UP" and er["providerPeering"]["primaryPeerAddressPrefix"] == "192.168.100.0/30"


# --- single misconfigurations: exactly the affected tunnel/session goes down -------------------
def assert_only_down(result, all_tunnels, down, code, bgp_only=False):
    """``down`` is down with ``code``; every other tunnel of ``all_tunnels`` is still UP (and BGP UP)."""
    for tid in all_tunnels:
        tunnel = result["oci_tunnels"][tid]
        if tid == down:
            if bgp_only:
                assert tunnel["status"] == "UP" and tunnel["bgpState"] == "DOWN"
                assert tunnel["bgpReasonCode"] == code, tunnel["bgpReason"]
                assert tunnel["routesReceived"] == []
            else:
                assert tunnel["status"] == "DOWN" and tunnel["reasonCode"] == code, tunnel["reason"]
                assert tunnel["negotiated"] is None
        else:
            assert tunnel["status"] == "UP", (tid, tunnel["reason"])
            assert tunnel["bgpState"] in ("UP", None), (tid, tunnel["bgpReason"])


def test_psk_mismatch_downs_only_that_tunnel_on_both_sides():
    w = build_bgp_active_active()
    broken_conn = w.h["conns"][1]
    w.edit("azure", "connection", broken_conn, lambda c: c["properties"].update(sharedKey="another secret"))
    result = run(w)
    assert_only_down(result, w.h["tunnels"], w.h["tunnels"][1], "PSK_MISMATCH")
    assert result["oci_tunnels"][w.h["tunnels"][1]]["bgpReasonCode"] == "TUNNEL_DOWN"
    conn = connection(result, broken_conn)
    assert conn["connectionStatus"] == "NotConnected"
    assert "PSK_MISMATCH" in [r["reasonCode"] for r in conn["reasons"]]
    assert len([p for p in gateway(result, w)["bgpPeers"] if p["state"] == "Connected"]) == 3


def _rekey_at(w, lifetime, scale=1.0):
    return CREATED + lifetime * scale


def test_oci_default_pfs_group5_comes_up_then_fails_at_ocis_first_rekey():
    """Known-bad design: OCI's default PFS group 5 against Azure's default policy.

    Was a PHASE2_PFS_MISMATCH at once (old belief). In IKEv2 the first child SA is made without DH, so
    the tunnel comes up; OCI (3600 s < Azure's 27000 s) starts the first rekey with PFS group 5, which
    Azure's responder list lacks: DOWN with PHASE2_REKEY_NO_PROPOSAL at 3600 s x time scale.
    """
    w = build_single()
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t["phaseTwoDetails"].update(dhGroup="GROUP5"))
    before = run(w, now=_rekey_at(w, 3600) - 1)
    tunnel = before["oci_tunnels"][w.h["tunnels"][0]]
    assert tunnel["status"] == "UP" and tunnel["bgpState"] == "UP"
    assert (tunnel["rekeyAt"], tunnel["rekeyInitiator"]) == (_rekey_at(w, 3600), "OCI")
    assert tunnel["negotiated"]["phaseTwo"]["negotiatedDhGroup"] is None     # no DH in IKE_AUTH
    result = run(w, now=_rekey_at(w, 3600))
    tunnel = result["oci_tunnels"][w.h["tunnels"][0]]
    assert tunnel["status"] == "DOWN" and tunnel["reasonCode"] == "PHASE2_REKEY_NO_PROPOSAL"
    assert "OCI initiates" in tunnel["reason"] and "pfs-group5" in tunnel["reason"]
    assert "Azure (default responder list)" in tunnel["reason"] and "custom IPsec/IKE policy" in tunnel["solution"]
    assert tunnel["bgpState"] == "DOWN" and tunnel["bgpReasonCode"] == "TUNNEL_DOWN"
    conn = connection(result, w.h["conn"])
    assert conn["connectionStatus"] == "NotConnected"
    assert [r["reasonCode"] for r in conn["reasons"]] == ["PHASE2_REKEY_NO_PROPOSAL"]
    assert gateway(result, w)["bgpPeers"][0]["state"] == "Idle"


def test_rekey_time_follows_the_time_scale_and_the_shorter_lifetime():
    w = World(time_scale=0.01)
    build_single(w)
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t["phaseTwoDetails"].update(dhGroup="GROUP5",
                                                                                           lifetime=1800))
    assert run(w, now=CREATED + 17)["oci_tunnels"][w.h["tunnels"][0]]["status"] == "UP"
    assert run(w, now=CREATED + 18)["oci_tunnels"][w.h["tunnels"][0]]["reasonCode"] == "PHASE2_REKEY_NO_PROPOSAL"


def test_gcm_with_pfs_against_azure_defaults_fails_at_the_rekey():
    """Known-bad design: OCI custom AES_256_GCM with PFS against Azure's default policy (GCM only
    without PFS in Azure's responder list)."""
    w = build_single()
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t["phaseTwoDetails"].update(
        isCustomPhaseTwoConfig=True, customEncryptionAlgorithm="AES_256_GCM", customAuthenticationAlgorithm=None,
        dhGroup="GROUP14"))
    early = run(w, now=CREATED + 60)["oci_tunnels"][w.h["tunnels"][0]]
    assert early["status"] == "UP" and early["negotiated"]["phaseTwo"]["negotiatedEncryptionAlgorithm"] == "AES_256_GCM"
    late = run(w)["oci_tunnels"][w.h["tunnels"][0]]
    assert late["reasonCode"] == "PHASE2_REKEY_NO_PROPOSAL" and "aes256-gcm/gcm/pfs-group14" in late["reason"]
    # The fixes the solution names work: PFS off (a tuple Azure accepts)...
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t["phaseTwoDetails"].update(isPfsEnabled=False))
    assert run(w)["oci_tunnels"][w.h["tunnels"][0]]["status"] == "UP"
    # ...or a custom Azure policy mirroring OCI's phase two with PFS.
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t["phaseTwoDetails"].update(isPfsEnabled=True))
    policy = {"saLifeTimeSeconds": 27000, "saDataSizeKilobytes": 102400000, "ipsecEncryption": "GCMAES256",
              "ipsecIntegrity": "GCMAES256", "ikeEncryption": "AES256", "ikeIntegrity": "SHA256",
              "dhGroup": "DHGroup2", "pfsGroup": "PFS2048"}
    w.edit("azure", "connection", w.h["conn"], lambda c: c["properties"].update(ipsecPolicies=[policy]))
    tunnel = run(w)["oci_tunnels"][w.h["tunnels"][0]]
    assert tunnel["status"] == "UP" and tunnel["negotiated"]["phaseTwo"]["negotiatedDhGroup"] == "GROUP14"


def test_azure_initiated_rekey_never_offers_pfs_so_oci_pfs_fails():
    """Azure's lifetime shorter (custom policy) but OCI requires PFS while Azure's policy has none."""
    w = build_single()
    policy = {"saLifeTimeSeconds": 1200, "saDataSizeKilobytes": 102400000, "ipsecEncryption": "AES256",
              "ipsecIntegrity": "SHA256", "ikeEncryption": "AES256", "ikeIntegrity": "SHA256",
              "dhGroup": "DHGroup2", "pfsGroup": "None"}
    w.edit("azure", "connection", w.h["conn"], lambda c: c["properties"].update(ipsecPolicies=[policy]))
    tunnel = run(w, now=CREATED + 1199)["oci_tunnels"][w.h["tunnels"][0]]
    assert tunnel["status"] == "UP" and tunnel["rekeyInitiator"] == "Azure"
    tunnel = run(w, now=CREATED + 1200)["oci_tunnels"][w.h["tunnels"][0]]
    assert tunnel["reasonCode"] == "PHASE2_REKEY_NO_PROPOSAL" and tunnel["reason"].startswith(
        "The first phase-two rekey failed (NO_PROPOSAL_CHOSEN): Azure (custom ipsecPolicies[0]) initiates")


def test_oci_pfs_group14_with_azure_defaults_survives_the_rekey():
    w = build_single()
    tunnel = run(w)["oci_tunnels"][w.h["tunnels"][0]]
    assert tunnel["status"] == "UP" and tunnel["rekeyInitiator"] == "OCI"
    assert tunnel["negotiated"]["phaseTwo"] == {"negotiatedEncryptionAlgorithm": "AES_256_CBC",
                                                "negotiatedAuthenticationAlgorithm": "HMAC_SHA2_256_128",
                                                "negotiatedDhGroup": "GROUP14", "isEspEstablished": True}


def test_ikev1_pfs_mismatch_fails_at_once():
    w = build_single()
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: (t.update(ikeVersion="V1"),
                                                               t["phaseTwoDetails"].update(dhGroup="GROUP5")))
    w.edit("azure", "connection", w.h["conn"], lambda c: c["properties"].update(connectionProtocol="IKEv1"))
    tunnel = run(w, now=CREATED + 1)["oci_tunnels"][w.h["tunnels"][0]]
    assert tunnel["reasonCode"] == "PHASE2_PFS_MISMATCH" and "group5" in tunnel["reason"]


def test_pfs_group5_on_one_tunnel_of_active_passive_bgp_leaves_the_other_up():
    w = build_bgp_active_passive()
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][1], lambda t: t["phaseTwoDetails"].update(dhGroup="GROUP5"))
    result = run(w)
    assert_only_down(result, w.h["tunnels"], w.h["tunnels"][1], "PHASE2_REKEY_NO_PROPOSAL")
    # One path left: no ECMP any more.
    assert result["oci_tunnels"][w.h["tunnels"][0]]["ecmp"] is False


def test_wrong_apipa_pinned_on_the_connection():
    w = build_bgp_active_active()
    conn_id = w.h["conns"][2]     # tunnel 3 = instance 2's first tunnel
    w.edit("azure", "connection", conn_id, lambda c: c["properties"]["gatewayCustomBgpIpAddresses"][1].update(
        customBgpIpAddress=AA_APIPAS[1][1]))
    result = run(w)
    assert_only_down(result, w.h["tunnels"], w.h["tunnels"][2], "AZURE_BGP_IP_MISMATCH", bgp_only=True)
    assert "169.254.22.6" in result["oci_tunnels"][w.h["tunnels"][2]]["bgpReason"]
    reasons = connection(result, conn_id)["reasons"]
    assert [(r["layer"], r["reasonCode"]) for r in reasons if r["layer"] == "bgp"] == [
        ("bgp", "AZURE_BGP_IP_MISMATCH")]
    assert connection(result, conn_id)["connectionStatus"] == "Connected"   # IPsec itself is fine


def test_wrong_customer_interface_ip_on_oci():
    w = build_single()
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t["bgpSessionInfo"].update(
        oracleInterfaceIp="169.254.21.9/30", customerInterfaceIp="169.254.21.10/30"))
    w.edit("azure", "localNetworkGateway", w.h["lng"],
           lambda l: l["properties"]["bgpSettings"].update(bgpPeeringAddress="169.254.21.9"))
    result = run(w)
    assert_only_down(result, w.h["tunnels"][:1], w.h["tunnels"][0], "AZURE_BGP_IP_MISMATCH", bgp_only=True)


def test_default_bgp_ip_is_unreachable_from_oci():
    w = World()
    build_single(w)
    w.edit("azure", "virtualNetworkGateway", w.h["vng"], lambda g: g["properties"]["bgpSettings"][
        "bgpPeeringAddresses"][0].update(customBgpIpAddresses=[]))
    result = run(w)
    assert_only_down(result, w.h["tunnels"][:1], w.h["tunnels"][0], "DEFAULT_BGP_IP_UNREACHABLE", bgp_only=True)
    assert "customBgpIpAddresses" in result["oci_tunnels"][w.h["tunnels"][0]]["bgpSolution"]
    assert gateway(result, w)["bgpPeers"][0]["state"] == "Connecting"
    assert gateway(result, w)["bgpPeers"][0]["localAddress"] == "10.1.255.30"


def test_lng_peer_ip_mismatch():
    w = build_bgp_active_passive()
    w.edit("azure", "localNetworkGateway", w.h["lngs"][0],
           lambda l: l["properties"]["bgpSettings"].update(bgpPeeringAddress="169.254.21.9"))
    result = run(w)
    assert_only_down(result, w.h["tunnels"], w.h["tunnels"][0], "LNG_PEER_IP_MISMATCH", bgp_only=True)
    assert result["oci_tunnels"][w.h["tunnels"][0]]["bgpSolution"].endswith("to 169.254.21.1.")


def test_lng_asn_not_oracles():
    w = build_bgp_active_active()
    w.edit("azure", "localNetworkGateway", w.h["lngs"][3], lambda l: l["properties"]["bgpSettings"].update(asn=65123))
    result = run(w)
    assert_only_down(result, w.h["tunnels"], w.h["tunnels"][3], "LNG_ASN_MISMATCH", bgp_only=True)


def test_oci_customer_asn_not_the_gateways():
    w = build_bgp_active_active()
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t["bgpSessionInfo"].update(customerBgpAsn="65515"))
    result = run(w)
    assert_only_down(result, w.h["tunnels"], w.h["tunnels"][0], "CUSTOMER_ASN_MISMATCH", bgp_only=True)
    assert str(VNG_ASN) in result["oci_tunnels"][w.h["tunnels"][0]]["bgpSolution"]


def test_gateway_with_oracles_asn_never_peers_even_when_every_side_agrees():
    w = build_single()
    oracle = 31898
    w.edit("azure", "virtualNetworkGateway", w.h["vng"], lambda g: g["properties"]["bgpSettings"].update(asn=oracle))
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t["bgpSessionInfo"].update(customerBgpAsn=str(oracle)))
    result = run(w)
    tunnel = result["oci_tunnels"][w.h["tunnels"][0]]
    assert tunnel["status"] == "UP" and tunnel["bgpState"] == "DOWN"
    assert tunnel["bgpReasonCode"] == "SAME_ASN" and "65515" in tunnel["bgpSolution"]


def test_oracle_asn_comes_from_the_identity_when_given():
    w = build_single()
    result = run(w, identity={"oci": {"oracle_bgp_asn": 14544}})
    assert result["oci_tunnels"][w.h["tunnels"][0]]["bgpReasonCode"] == "LNG_ASN_MISMATCH"


def test_active_passive_second_apipa_never_peers():
    w = build_bgp_active_passive()
    w.edit("azure", "virtualNetworkGateway", w.h["vng"], lambda g: g["properties"]["bgpSettings"][
        "bgpPeeringAddresses"][0].update(customBgpIpAddresses=["169.254.21.2", "169.254.21.6"]))
    # The second tunnel now aims at the second APIPA: /30 .5/.6, connection pinned to .6.
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][1], lambda t: t["bgpSessionInfo"].update(
        oracleInterfaceIp="169.254.21.5/30", customerInterfaceIp="169.254.21.6/30"))
    w.edit("azure", "localNetworkGateway", w.h["lngs"][1],
           lambda l: l["properties"]["bgpSettings"].update(bgpPeeringAddress="169.254.21.5"))
    vng = w.store.get("azure", "virtualNetworkGateway", w.h["vng"].lower())
    config_id = vng["properties"]["ipConfigurations"][0]["id"]
    w.edit("azure", "connection", w.h["conns"][1], lambda c: c["properties"].update(
        gatewayCustomBgpIpAddresses=[{"ipConfigurationId": config_id, "customBgpIpAddress": "169.254.21.6"}]))
    result = run(w)
    assert_only_down(result, w.h["tunnels"], w.h["tunnels"][1], "ACTIVE_PASSIVE_SECONDARY_APIPA", bgp_only=True)
    # The same layout on an active-active gateway's instance would peer; here it is only the rule.
    assert "169.254.21.2" in result["oci_tunnels"][w.h["tunnels"][1]]["bgpReason"]


def test_active_passive_second_apipa_without_pinning_is_named_too():
    w = build_bgp_active_passive()
    w.edit("azure", "virtualNetworkGateway", w.h["vng"], lambda g: g["properties"]["bgpSettings"][
        "bgpPeeringAddresses"][0].update(customBgpIpAddresses=["169.254.21.2", "169.254.21.6"]))
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][1], lambda t: t["bgpSessionInfo"].update(
        oracleInterfaceIp="169.254.21.5/30", customerInterfaceIp="169.254.21.6/30"))
    w.edit("azure", "localNetworkGateway", w.h["lngs"][1],
           lambda l: l["properties"]["bgpSettings"].update(bgpPeeringAddress="169.254.21.5"))
    result = run(w)
    assert_only_down(result, w.h["tunnels"], w.h["tunnels"][1], "ACTIVE_PASSIVE_SECONDARY_APIPA", bgp_only=True)


def test_er_bandwidth_mismatch_fails_the_circuit_and_nothing_comes_up():
    w = build_fastconnect()
    w.edit("azure", "expressRouteCircuit", w.h["circuit"], lambda c: c["properties"][
        "serviceProviderProperties"].update(bandwidthInMbps=2000))
    result = run(w)
    vc = result["virtual_circuits"][w.h["vc"]]
    assert (vc["lifecycleState"], vc["bgpSessionState"], vc["reasonCode"]) == ("FAILED", "DOWN", "BANDWIDTH_MISMATCH")
    assert "1 Gbps" in vc["reason"] and "2000" in vc["reason"]
    er = result["er_circuits"][w.h["circuit"].lower()]
    assert er["serviceProviderProvisioningState"] == "NotProvisioned" and er["bgpState"] == "DOWN"
    assert er["arp"] == {"primary": [], "secondary": []} and er["routes"] == {"primary": [], "secondary": []}
    assert connection(result, w.h["erconn"])["connectionStatus"] == "NotConnected"


def test_er_bandwidth_mismatch_verifies_first_then_fails():
    w = World(time_scale=1.0)
    build_fastconnect(w)
    w.edit("azure", "expressRouteCircuit", w.h["circuit"], lambda c: c["properties"][
        "serviceProviderProperties"].update(bandwidthInMbps=5000))
    assert run(w, now=CREATED + 1)["virtual_circuits"][w.h["vc"]]["lifecycleState"] == "VERIFYING"
    assert run(w, now=NOW)["virtual_circuits"][w.h["vc"]]["lifecycleState"] == "FAILED"


def test_peering_secondary_30_wrong_downs_that_link_only():
    w = build_fastconnect()
    w.edit("azure", "expressRouteCircuit", w.h["circuit"], lambda c: c["properties"]["peerings"][0][
        "properties"].update(secondaryPeerAddressPrefix="192.168.100.8/30"))
    result = run(w)
    er = result["er_circuits"][w.h["circuit"].lower()]
    assert er["bgpState"] == "DOWN" and er["reasonCode"] == "PEERING_SUBNET_MISMATCH"
    assert "192.168.100.4/30" in er["solution"]
    assert er["linkStates"]["primary"] == {"bgpState": "UP", "reasonCode": None}
    assert er["linkStates"]["secondary"]["reasonCode"] == "PEERING_SUBNET_MISMATCH"
    assert er["arp"]["primary"] and er["routes"]["primary"]
    assert er["arp"]["secondary"] == [] and er["routes"]["secondary"] == []
    vc = result["virtual_circuits"][w.h["vc"]]
    assert (vc["lifecycleState"], vc["bgpSessionState"], vc["reasonCode"]) == (
        "PROVISIONED", "DOWN", "PEERING_SUBNET_MISMATCH")
    assert er["serviceProviderProvisioningState"] == "Provisioned"


@pytest.mark.parametrize("change, code", [
    (lambda p: p.update(vlanId=200), "VLAN_MISMATCH"),
    (lambda p: p.update(peerASN=65000), "PEER_ASN_MISMATCH"),
    (lambda p: p.update(primaryPeerAddressPrefix="192.168.100.0/29"), "PEERING_SUBNET_MISMATCH"),
    (lambda p: p.update(state="Disabled"), "PEERING_DISABLED"),
])
def test_peering_disagreements(change, code):
    w = build_fastconnect()
    w.edit("azure", "expressRouteCircuit", w.h["circuit"],
           lambda c: change(c["properties"]["peerings"][0]["properties"]))
    er = run(w)["er_circuits"][w.h["circuit"].lower()]
    assert er["bgpState"] == "DOWN" and er["reasonCode"] == code


def test_cross_connect_with_oracle_on_the_second_usable_address_is_invalid():
    w = build_fastconnect()
    w.edit("oci", "virtualCircuit", w.h["vc"], lambda v: v["crossConnectMappings"][0].update(
        oracleBgpPeeringIp="192.168.100.2/30", customerBgpPeeringIp="192.168.100.1/30"))
    er = run(w)["er_circuits"][w.h["circuit"].lower()]
    assert er["linkStates"]["primary"]["reasonCode"] == "CROSS_CONNECT_ADDRESS_INVALID"
    assert er["linkStates"]["secondary"]["bgpState"] == "UP"


# --- further rules -----------------------------------------------------------------------------
def test_active_active_gateway_with_one_cpe_second_instance_fails_per_instance():
    w = build_bgp_active_active()
    result = run(w)   # connection 1 targets CPE 1's tunnel: instance 2's attempt is rejected by OCI
    conn = connection(result, w.h["conns"][0])
    by_instance = {r["ipConfigurationId"]: r["reasonCode"] for r in conn["reasons"]}
    vng = w.store.get("azure", "virtualNetworkGateway", w.h["vng"].lower())
    second = vng["properties"]["ipConfigurations"][1]["id"].lower()
    assert by_instance == {second: "CPE_IP_MISMATCH"}
    assert conn["tunnelConnectionStatus"][1]["connectionStatus"] == "NotConnected"


def test_cpe_address_not_the_gateway_ip():
    w = build_single()
    w.edit("oci", "cpe", w.h["cpe"], lambda c: c.update(ipAddress="198.51.100.7"))
    result = run(w)
    tunnel = result["oci_tunnels"][w.h["tunnels"][0]]
    assert tunnel["status"] == "DOWN" and tunnel["reasonCode"] == "CPE_IP_MISMATCH"
    assert tunnel["azureConnectionId"] is None
    assert connection(result, w.h["conn"])["reasons"][0]["reasonCode"] == "CPE_IP_MISMATCH"


def test_lng_pointing_at_no_oci_tunnel():
    w = build_single()
    w.edit("azure", "localNetworkGateway", w.h["lng"], lambda l: l["properties"].update(gatewayIpAddress="203.0.113.9"))
    result = run(w)
    assert result["oci_tunnels"][w.h["tunnels"][0]]["reasonCode"] == "NO_PEER"
    assert connection(result, w.h["conn"])["reasons"][0]["reasonCode"] == "NO_OCI_TUNNEL"


def test_ike_version_mismatch():
    w = build_single()
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t.update(ikeVersion="V1"))
    assert run(w)["oci_tunnels"][w.h["tunnels"][0]]["reasonCode"] == "IKE_VERSION_MISMATCH"


def test_phase_one_custom_policy_mismatch():
    w = build_single()
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t["phaseOneDetails"].update(
        isCustomPhaseOneConfig=True, customEncryptionAlgorithm="AES_128_CBC", customAuthenticationAlgorithm="SHA1_96",
        customDhGroup="GROUP5"))
    tunnel = run(w)["oci_tunnels"][w.h["tunnels"][0]]
    assert tunnel["reasonCode"] == "PHASE1_PROPOSAL_MISMATCH" and "group" in tunnel["reason"]


def test_phase_two_cipher_mismatch_is_not_called_a_pfs_problem():
    w = build_single()
    policy = {"saLifeTimeSeconds": 3600, "saDataSizeKilobytes": 102400000, "ipsecEncryption": "AES128",
              "ipsecIntegrity": "SHA256", "ikeEncryption": "AES256", "ikeIntegrity": "SHA384",
              "dhGroup": "DHGroup14", "pfsGroup": "PFS2048"}
    w.edit("azure", "connection", w.h["conn"], lambda c: c["properties"].update(ipsecPolicies=[policy]))
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t["phaseTwoDetails"].update(
        isCustomPhaseTwoConfig=True, customEncryptionAlgorithm="AES_256_GCM", customAuthenticationAlgorithm=None))
    tunnel = run(w)["oci_tunnels"][w.h["tunnels"][0]]
    assert tunnel["reasonCode"] == "PHASE2_PROPOSAL_MISMATCH" and "encryption" in tunnel["reason"]


def test_admin_forced_down_then_released():
    w = build_bgp_active_passive()
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t.update(_adminDown=True))
    result = run(w)
    assert_only_down(result, w.h["tunnels"], w.h["tunnels"][0], "ADMIN_DOWN")
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t.update(_adminDown=False))
    assert bgp_up(run(w)) == sorted(w.h["tunnels"])


def test_oci_tunnel_still_provisioning_makes_azure_connecting():
    w = build_single()
    w.edit("oci", "ipsecConnection", w.h["ipsec"], lambda c: c.update(lifecycleState="PROVISIONING"))
    result = run(w)
    assert result["oci_tunnels"][w.h["tunnels"][0]]["reasonCode"] == "OCI_NOT_PROVISIONED"
    assert connection(result, w.h["conn"])["connectionStatus"] == "Connecting"


def test_azure_connection_updating_makes_no_attempt():
    w = build_single()
    w.edit("azure", "connection", w.h["conn"], lambda c: c["properties"].update(provisioningState="Updating"))
    result = run(w)
    assert result["oci_tunnels"][w.h["tunnels"][0]]["reasonCode"] == "NO_PEER"
    conn = connection(result, w.h["conn"])
    assert conn["connectionStatus"] == "Unknown" and conn["reasons"][0]["reasonCode"] == "AZURE_NOT_PROVISIONED"


@pytest.mark.parametrize("oracle, customer, ok", [
    ("169.254.21.1/30", "169.254.21.2/30", True),
    ("169.254.21.2/31", "169.254.21.3/31", True),
    ("169.254.21.3/31", "169.254.21.2/31", True),
    ("169.254.21.0/30", "169.254.21.1/30", False),    # network address
    ("169.254.21.2/30", "169.254.21.3/30", False),    # broadcast address
    ("169.254.21.1/30", "169.254.21.5/30", False),    # two different /30s
    ("169.254.21.1/29", "169.254.21.2/29", False),
    ("169.254.21.1", "169.254.21.2", False),           # no prefix length
    ("169.254.21.1/30", "169.254.21.1/30", False),
])
def test_inside_address_pairs(oracle, customer, ok):
    w = build_single()
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t["bgpSessionInfo"].update(
        oracleInterfaceIp=oracle, customerInterfaceIp=customer))
    tunnel = run(w)["oci_tunnels"][w.h["tunnels"][0]]
    assert (tunnel["bgpReasonCode"] != "INSIDE_ADDRESS_INVALID") == ok


def test_bgp_on_oci_only_and_on_azure_only():
    w = build_single()
    w.edit("azure", "connection", w.h["conn"], lambda c: c["properties"].update(enableBgp=False))
    tunnel = run(w)["oci_tunnels"][w.h["tunnels"][0]]
    assert tunnel["status"] == "UP" and tunnel["bgpReasonCode"] == "BGP_NOT_ENABLED_AZURE"
    w = build_single()
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t.update(routing="STATIC"))
    result = run(w)
    assert result["oci_tunnels"][w.h["tunnels"][0]]["bgpState"] is None
    assert [r["reasonCode"] for r in connection(result, w.h["conn"])["reasons"]] == ["BGP_NOT_ENABLED_OCI"]
    assert gateway(result, w)["bgpPeers"][0]["state"] == "Connecting"


def test_duplicate_connections_to_one_tunnel_earliest_wins():
    w = build_single()
    lng2 = w.local_gateway("lng-dup", w.store.get("oci", "ipsecTunnel", w.h["tunnels"][0])["vpnIp"],
                           bgp_peer="169.254.21.1")
    late = w.put_azure("connection", dict(w.store.get("azure", "connection", w.h["conn"].lower()),
                                          id=w.h["conn"] + "-late", name="conn1-late", _createdAt=CREATED + 5))
    w.edit("azure", "connection", late, lambda c: c["properties"].update(localNetworkGateway2={"id": lng2}))
    result = run(w)
    assert result["oci_tunnels"][w.h["tunnels"][0]]["azureConnectionId"] == w.h["conn"].lower()
    assert result["oci_tunnels"][w.h["tunnels"][0]]["status"] == "UP"
    dup = connection(result, late)
    assert dup["connectionStatus"] == "NotConnected" and dup["reasons"][0]["reasonCode"] == "DUPLICATE_PEER"


def test_vcn_routes_need_an_attached_vcn_attachment():
    w = build_single()
    attachment = [a for a in w.store.list("oci", "drgAttachment")][0]
    w.edit("oci", "drgAttachment", attachment["id"], lambda a: a.update(lifecycleState="ATTACHING"))
    result = run(w)
    assert result["oci_tunnels"][w.h["tunnels"][0]]["bgpState"] == "UP"
    assert result["oci_tunnels"][w.h["tunnels"][0]]["routesAdvertised"] == []
    assert ebgp_routes(result, w) == []


def test_virtual_circuit_edge_cases():
    w = build_fastconnect()
    other = w.virtual_circuit(w.h["drg"], "svc-key-0001", created=CREATED + 10)
    unknown = w.virtual_circuit(w.h["drg"], "no-such-key")
    equinix = w.virtual_circuit(w.h["drg"], "svc-key-0001", provider=OCI_PROVIDER_OTHER)
    result = run(w)
    assert result["virtual_circuits"][w.h["vc"]]["bgpSessionState"] == "UP"
    assert result["virtual_circuits"][other]["reasonCode"] == "DUPLICATE_SERVICE_KEY"
    assert result["virtual_circuits"][other]["lifecycleState"] == "FAILED"
    assert (result["virtual_circuits"][unknown]["lifecycleState"],
            result["virtual_circuits"][unknown]["reasonCode"]) == ("PENDING_PROVIDER", "SERVICE_KEY_NOT_FOUND")
    assert result["virtual_circuits"][equinix]["reasonCode"] == "PROVIDER_NOT_MODELLED"


def test_cached_reads_follow_writes_and_due_transitions():
    w = build_single()
    assert up_tunnels(run(w)) == [w.h["tunnels"][0]]
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t.update(
        lifecycleState="PROVISIONING", _pending=[{"at": NOW + 10, "set": {"lifecycleState": "AVAILABLE"}}]))
    w.store.clock.now = lambda: NOW
    assert up_tunnels(run(w, now=NOW)) == []
    w.store.clock.now = lambda: NOW + 11
    assert up_tunnels(run(w, now=NOW + 11)) == [w.h["tunnels"][0]]


# --- crypto reduction --------------------------------------------------------------------------
def tunnel_with(phase_one=None, phase_two=None, pfs="GROUP14", pfs_enabled=True):
    one = {"isCustomPhaseOneConfig": bool(phase_one)}
    if phase_one:
        one.update(customEncryptionAlgorithm=phase_one[0], customAuthenticationAlgorithm=phase_one[1],
                   customDhGroup=phase_one[2])
    two = {"isCustomPhaseTwoConfig": bool(phase_two), "isPfsEnabled": pfs_enabled, "dhGroup": pfs}
    if phase_two:
        two.update(customEncryptionAlgorithm=phase_two[0], customAuthenticationAlgorithm=phase_two[1])
    return {"phaseOneDetails": one, "phaseTwoDetails": two}


def azure_with(policy=None):
    return {"properties": {"ipsecPolicies": [policy] if policy else []}}


def test_defaults_meet_except_for_oci_pfs_group5():
    oci_default = tunnel_with(pfs="GROUP5")
    azure_default = azure_with()
    assert crypto.first_match(crypto.oci_phase_one(oci_default), crypto.azure_phase_one(azure_default))
    assert crypto.first_match(crypto.oci_phase_two(oci_default), crypto.azure_phase_two(azure_default)) is None
    assert crypto.mismatched_fields(crypto.oci_phase_two(oci_default), crypto.azure_phase_two(azure_default)) == [
        "group"]
    for group in ("GROUP2", "GROUP14", "GROUP24"):
        assert crypto.first_match(crypto.oci_phase_two(tunnel_with(pfs=group)), crypto.azure_phase_two(azure_default))
    assert crypto.first_match(crypto.oci_phase_two(tunnel_with(pfs_enabled=False)),
                              crypto.azure_phase_two(azure_default))


@pytest.mark.parametrize("oci_pfs, azure_pfs, ok", [
    ("GROUP14", "PFS2048", True), ("GROUP14", "PFS14", True), ("GROUP2", "PFS2", True),
    ("GROUP24", "PFS24", True), ("GROUP19", "ECP256", True), ("GROUP20", "ECP384", True),
    ("GROUP5", "PFS2048", False), ("GROUP14", "PFS2", False),
])
def test_pfs_group_mapping(oci_pfs, azure_pfs, ok):
    policy = {"ipsecEncryption": "GCMAES256", "ipsecIntegrity": "GCMAES256", "ikeEncryption": "AES256",
              "ikeIntegrity": "SHA384", "dhGroup": "DHGroup14", "pfsGroup": azure_pfs}
    oci = tunnel_with(phase_two=("AES_256_GCM", None), pfs=oci_pfs)
    assert (crypto.first_match(crypto.oci_phase_two(oci), crypto.azure_phase_two(azure_with(policy))) is not None) == ok


def test_custom_policy_narrows_to_that_single_policy():
    policy = {"ipsecEncryption": "AES256", "ipsecIntegrity": "SHA256", "ikeEncryption": "AES256",
              "ikeIntegrity": "SHA256", "dhGroup": "DHGroup2048", "pfsGroup": "PFS14"}
    assert crypto.azure_phase_one(azure_with(policy)) == [("aes256-cbc", "sha256", "group14")]
    assert crypto.azure_phase_two(azure_with(policy)) == [("aes256-cbc", "sha256", "group14")]
    oci = tunnel_with(phase_one=("AES_256_CBC", "SHA2_256", "GROUP14"),
                      phase_two=("AES_256_CBC", "HMAC_SHA2_256_128"))
    assert crypto.oci_phase_one(oci) == [("aes256-cbc", "sha256", "group14")]
    assert crypto.oci_phase_two(oci) == [("aes256-cbc", "sha256", "group14")]
    negotiated = crypto.negotiated_phase_two(crypto.first_match(crypto.oci_phase_two(oci),
                                                                crypto.azure_phase_two(azure_with(policy))))
    assert negotiated["negotiatedAuthenticationAlgorithm"] == "HMAC_SHA2_256_128"
    assert negotiated["negotiatedDhGroup"] == "GROUP14"


def test_gcm_pairs_only_with_gcm_integrity():
    for enc, integ, _pfs in crypto.oci_phase_two(tunnel_with()) + crypto.azure_phase_two(azure_with()):
        assert (integ == crypto.GCM) == enc.endswith("-gcm")


# --- robustness: odd or partial resources never break evaluation ------------------------------
def _paths(obj, prefix=()):
    """Every (path) to a value inside nested dicts/lists."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield prefix + (key,)
            yield from _paths(value, prefix + (key,))
    elif isinstance(obj, list):
        for index, value in enumerate(obj):
            yield prefix + (index,)
            yield from _paths(value, prefix + (index,))


def _get(obj, path):
    for step in path:
        obj = obj[step]
    return obj


def _set(obj, path, value):
    for step in path[:-1]:
        obj = obj[step]
    if value is _DELETE and isinstance(obj, dict):
        del obj[path[-1]]
    else:
        obj[path[-1]] = None if value is _DELETE else value


_DELETE = object()


@pytest.mark.parametrize("build", [build_bgp_active_active, build_fastconnect, build_static_active_passive])
def test_evaluate_survives_any_single_field_removed_or_garbled(build):
    """Resources being created or half-written must not break the model (the APIs read it on every GET)."""
    w = build()
    baseline = run(w)
    objects = [(cloud, kind, obj) for cloud in ("oci", "azure") for kind in w.store.kinds(cloud)
               for obj in w.store.list(cloud, kind)]
    checked = 0
    for cloud, kind, obj in objects:
        key = obj["id"].lower() if cloud == "azure" else obj["id"]
        for path in list(_paths(obj)):
            if path == ("id",):
                continue
            # The APIs validate shapes, so what can reach the store is an absent or null field, or a
            # string field with an unexpected value; private keys (the twin's own) can only be absent.
            private = any(isinstance(step, str) and step.startswith("_") for step in path)
            values = (_DELETE, None) + (("garbage",) if isinstance(_get(obj, path), str) else ())
            for value in (_DELETE,) if private else values:
                broken = copy.deepcopy(obj)
                _set(broken, path, value)
                w.store.put(cloud, kind, key, broken)
                result = run(w)
                assert set(result) == set(baseline)
                checked += 1
        w.store.put(cloud, kind, key, obj)
    assert checked > 300
    assert run(w) == baseline


# --- APIPA choice (bgp-howto) ------------------------------------------------------------------
def test_custom_apipa_is_used_when_the_lng_peer_is_apipa():
    w = build_single()
    result = run(w)
    assert gateway(result, w)["bgpPeers"][0]["localAddress"] == "169.254.21.2"
    assert result["oci_tunnels"][w.h["tunnels"][0]]["bgpState"] == "UP"


def test_a_non_apipa_lng_peer_makes_the_gateway_peer_from_its_gatewaysubnet_address():
    """The gateway has a custom APIPA, but the LNG's BGP peer is not APIPA: Azure falls back to its
    default GatewaySubnet address, which OCI's customer interface IP does not match."""
    w = build_single()
    w.edit("oci", "ipsecTunnel", w.h["tunnels"][0], lambda t: t["bgpSessionInfo"].update(
        oracleInterfaceIp="10.99.0.1/30", customerInterfaceIp="10.99.0.2/30"))
    w.edit("azure", "localNetworkGateway", w.h["lng"],
           lambda l: l["properties"]["bgpSettings"].update(bgpPeeringAddress="10.99.0.1"))
    w.edit("azure", "connection", w.h["conn"], lambda c: c["properties"].update(gatewayCustomBgpIpAddresses=[
        {"ipConfigurationId": w.store.get("azure", "virtualNetworkGateway", w.h["vng"].lower())["properties"][
            "ipConfigurations"][0]["id"], "customBgpIpAddress": "169.254.21.2"}]))
    result = run(w)
    assert gateway(result, w)["bgpPeers"][0]["localAddress"] == "10.1.255.30"
    tunnel = result["oci_tunnels"][w.h["tunnels"][0]]
    assert tunnel["status"] == "UP" and tunnel["bgpReasonCode"] == "DEFAULT_BGP_IP_UNREACHABLE"


# --- FastConnect: VLAN per link and the provider's deprovisioning ----------------------------------
def test_cross_connect_vlans_that_differ_between_links_are_a_vlan_mismatch():
    """Known-bad: a FastConnect whose links carry different VLANs (e.g. written by another client)."""
    w = build_fastconnect()
    w.edit("oci", "virtualCircuit", w.h["vc"], lambda v: v["crossConnectMappings"][1].update(vlan=200))
    er = run(w)["er_circuits"][w.h["circuit"].lower()]
    assert er["bgpState"] == "DOWN" and er["reasonCode"] == "VLAN_MISMATCH"
    assert run(w)["virtual_circuits"][w.h["vc"]]["bgpSessionState"] == "DOWN"


def test_provider_assigned_vlan_is_visible_once_matched():
    w = World(time_scale=1.0)
    build_fastconnect(w)
    verify = rules.DURATIONS["oci.virtualCircuit.verify"]
    assert run(w, now=CREATED + 1)["virtual_circuits"][w.h["vc"]]["vlan"] is None
    assert run(w, now=CREATED + verify + 1)["virtual_circuits"][w.h["vc"]]["vlan"] == 100


def test_deleting_the_virtual_circuit_deprovisions_then_not_provisioned():
    w = World(time_scale=0.5)
    build_fastconnect(w)
    deleted = CREATED + 1000
    w.edit("oci", "virtualCircuit", w.h["vc"], lambda v: v.update(lifecycleState="TERMINATED"))
    w.edit("azure", "expressRouteCircuit", w.h["circuit"], lambda c: c.update(_deprovisionStartedAt=deleted))
    window = rules.DURATIONS["azure.expressRouteCircuit.deprovision"] * 0.5
    during = run(w, now=deleted + window - 1)["er_circuits"][w.h["circuit"].lower()]
    assert (during["serviceProviderProvisioningState"], during["deprovisioned"]) == ("Deprovisioning", False)
    after = run(w, now=deleted + window)["er_circuits"][w.h["circuit"].lower()]
    assert (after["serviceProviderProvisioningState"], after["deprovisioned"]) == ("NotProvisioned", True)
    # A new virtual circuit on the same key provisions again, timed from the end of the deprovisioning.
    vc = w.virtual_circuit(w.h["drg"], "svc-key-0001", created=deleted + 1)
    result = run(w, now=deleted + window + 1)
    assert result["virtual_circuits"][vc]["lifecycleState"] == "VERIFYING"


def test_ecmp_spreads_over_at_most_eight_tunnels():
    """Nine static tunnels carry the same prefix: ECMP uses eight of them (OCI A-Team, ECMP on DRGv2)."""
    w = World()
    _oci_base_for_test(w)
    w.h["vng"], (ip,) = w.gateway("vng", w.h["vnet"], enable_bgp=False)
    cpe = w.cpe(ip)
    tunnels = []
    for index in range(9):
        _conn, (tid, _spare) = w.ipsec(w.h["drg"], cpe, [{}], static_routes=[VNET_CIDR])
        lng = w.local_gateway("lng-%d" % index, w.store.get("oci", "ipsecTunnel", tid)["vpnIp"], prefixes=[VCN_CIDR])
        w.connection("conn-%d" % index, w.h["vng"], lng)
        tunnels.append(tid)
    result = run(w)
    assert up_tunnels(result) == sorted(tunnels)
    (table,) = result["oci_drgs"][w.h["drg"]]["vcnAttachmentRouteTables"].values()
    entry = table["prefixes"][VNET_CIDR]
    assert entry["kind"] == "IPSEC_STATIC" and len(entry["paths"]) == 9 and len(entry["ecmpPaths"]) == 8
    assert sum(result["oci_tunnels"][t]["ecmp"] for t in tunnels) == 8


def _oci_base_for_test(w):
    w.h["vcn"] = w.vcn()
    w.h["drg"] = w.drg(ecmp=True)
    w.attach(w.h["drg"], w.h["vcn"])
    w.h["vnet"] = w.vnet()
