"""What the lab derives from a plan (no namespaces needed): proposals, layout, scaled timers."""

from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R

from lab import config, designs, proposals, stack, topology


def test_azure_default_offers_become_strongswan_proposals():
    side = proposals.azure_side({"ipsec_policies": []}, use_default_policy=True)
    assert side.ike_proposals == ["aes256-aes128-3des-sha1-sha256-modp1024"]
    responder = side.esp_proposals(initiator=False)
    initiator = side.esp_proposals(initiator=True)
    assert initiator == ["aes256gcm16", "aes256-sha1", "3des-sha1", "aes256-sha256", "aes128-sha1", "3des-sha256"]
    # GCM only without PFS, PFS only with CBC; DES/SHA1 is left out (not runnable here)
    assert "aes256gcm16" in responder and not [p for p in responder if p.startswith("aes256gcm16-")]
    assert "aes256-sha256-modp2048" in responder and "aes256-sha1-modp2048s256" in responder
    assert len(responder) == len(R.AZURE_DEFAULT_QUICK_MODE_RESPONDER) - 1
    assert (side.child_lifetime, side.ike_lifetime) == (27000, 28800)


def test_oci_defaults_keep_pfs_group_5():
    side = proposals.oci_side({"phase_one_config": {"is_custom_phase_one_config": False},
                               "phase_two_config": {"is_custom_phase_two_config": False}})
    assert all(p.endswith("-modp1536") for p in side.esp_proposals(True))
    assert len(side.ike_proposals) == 1 and "modp1024" in side.ike_proposals[0]


def test_the_planned_custom_policy_is_one_proposal_on_each_side():
    plan = designs.good_plan("vpn_single")
    tunnel = topology.build(plan).tunnels[0]
    oci, azure = tunnel.oci_crypto, tunnel.azure_crypto
    assert oci.ike_proposals == azure.ike_proposals and len(oci.ike_proposals) == 1
    assert oci.esp_proposals(True) == azure.esp_proposals(False)


def test_active_passive_reaches_one_apipa_from_two_headends():
    plan = designs.good_plan("vpn_bgp_active_passive")
    topo = topology.build(plan)
    assert sorted(topo.namespaces) == ["az-1", "oci-1-t1", "oci-1-t2"]
    azure = topo.namespaces["az-1"]
    apipas = {t.azure_inside[0] for t in topo.tunnels}
    assert len(apipas) == 1 and apipas <= set(azure.loopback)
    assert sorted(nb["address"] for nb in azure.bgp["neighbors"]) == sorted(t.oci_inside[0] for t in topo.tunnels)
    assert azure.bgp["passive"] and not topo.namespaces["oci-1-t1"].bgp["passive"]


def test_active_active_has_a_headend_per_tunnel_and_a_namespace_per_instance():
    topo = topology.build(designs.good_plan("vpn_bgp_active_active"))
    assert len(topo.oci_namespaces) == 4 and len(topo.azure_namespaces) == 2
    assert {t.azure_ns.key for t in topo.tunnels} == {"az-1", "az-2"}


def test_fastconnect_is_two_links_and_bgp_only():
    plan = designs.good_plan("fastconnect_expressroute")
    topo = topology.build(plan)
    assert topo.tunnels == [] and [link.key for link in topo.links] == ["primary", "secondary"]
    azure = topo.namespaces["az-msee"]
    assert azure.bgp["asn"] == R.MICROSOFT_EXPRESSROUTE_ASN
    assert [nb["address"] for nb in azure.bgp["neighbors"]] == plan["azure"]["expressroute_peering"]["oracle_addresses"]


def test_lifetimes_scale_so_the_shortest_child_sa_rekeys_every_target():
    plan = designs.gcm_pfs_against_azure_default()
    topo = topology.build(plan)
    timing = stack.Timing(child_target=20, ike_target=36)
    conf = config.swanctl_conf(topo.namespaces["oci-1-t1"], topo, timing)
    # OCI 3600 s -> 20 s hard, rekey 2 s earlier; Azure's 27000 s scales by the same factor
    assert "rekey_time = 18s" in conf and "life_time = 20s" in conf
    azure_conf = config.swanctl_conf(topo.namespaces["az-1"], topo, timing)
    assert "life_time = 150s" in azure_conf
    described = timing.describe(topo)
    assert described["bgp"]["documented"] == {"keepalive": 60, "hold": 180, "connect_retry": 120}
    assert described["bgp"]["scaled"] == {"keepalive": 3, "hold": 9, "connect_retry": 6}
