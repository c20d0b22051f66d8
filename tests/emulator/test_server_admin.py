"""The admin API: health, request stats (and their reset), resource counts, the model."""

import oci
from oci.core import models


def test_health(twin):
    health = twin.admin("GET", "health")
    assert health["status"] == "ok" and health["base_url"] == twin.endpoints["oci"]["endpoint"]
    assert health["time_scale"] == 0.001


def test_stats_count_requests_writes_and_resources(fresh_twin):
    client = fresh_twin.oci_network()
    compartment = fresh_twin.compartment_id
    assert fresh_twin.reset_stats() == {"reset": True}
    drg = client.create_drg(models.CreateDrgDetails(compartment_id=compartment)).data
    client.get_drg(drg.id)
    client.list_drgs(compartment)
    try:
        client.get_vcn("ocid1.vcn.oc1.iad.aaaaaaaanope")
    except oci.exceptions.ServiceError:
        pass
    stats = fresh_twin.stats()
    assert stats["total"] == 4 and stats["writes"] == 1
    assert stats["by_method"] == {"POST": 1, "GET": 3}
    assert stats["by_status"] == {"200": 3, "404": 1}
    assert stats["by_api"] == {"oci": 4}
    assert stats["by_route"]["oci POST /20160918/drgs"] == 1
    assert stats["by_route"]["oci GET /20160918/drgs/{drgId}"] == 1
    # a DRG brings its two default route tables and three route distributions
    assert stats["resources"]["oci"] == {"drg": 1, "drgRouteTable": 2, "drgRouteDistribution": 3}
    assert stats["resources"]["azure"] == {}

    fresh_twin.reset_stats()
    client.list_drgs(compartment)
    stats = fresh_twin.stats()
    assert (stats["total"], stats["writes"], stats["faults"]) == (1, 0, {})   # the admin calls are not counted
    assert stats["resources"]["oci"]["drg"] == 1                             # resources are not reset


def test_reads_that_post_are_not_writes(fresh_twin):
    client = fresh_twin.oci_network()
    drg = client.create_drg(models.CreateDrgDetails(compartment_id=fresh_twin.compartment_id)).data
    fresh_twin.reset_stats()
    client.get_all_drg_attachments(drg.id)          # POST .../actions/getAllDrgAttachments is a read
    stats = fresh_twin.stats()
    assert stats["by_method"] == {"POST": 1} and stats["writes"] == 0


def test_model_endpoint_reports_tunnels(twin, oci_build):
    connection = oci_build.ipsec(name="vpn-model")
    tunnel_ids = {t.id for t in oci_build.tunnels(connection.id)}
    model = twin.admin("GET", "model")
    assert tunnel_ids <= set(model["oci_tunnels"])
    for tunnel_id in tunnel_ids:
        state = model["oci_tunnels"][tunnel_id]
        assert state["status"] == "DOWN" and state["reasonCode"]


def test_unknown_admin_path_is_404_and_wrong_method_405(twin):
    assert twin.admin_request("GET", "nothing-here").status_code == 404
    assert twin.admin_request("DELETE", "stats").status_code == 405


def test_admin_forces_an_up_tunnel_down_and_back(twin, oci_build, oci_network, monkeypatch):
    """A single BGP VPN built through both SDKs comes up; the admin API takes tunnel 1 down (a
    failover drill) and releases it."""
    from test_azure_support import AzureBuilder, cap_poll_delay

    cap_poll_delay(monkeypatch)
    azure = AzureBuilder(twin, twin.azure_network())
    vnet = azure.vnet("vnet-drill", prefix="10.61.0.0/16", gateway_subnet="10.61.255.0/27")
    pip = azure.public_ip("pip-drill")
    gateway = azure.gateway("vng-drill", vnet, [pip], asn=65010, custom=[["169.254.21.2"]])

    drg = oci_build.drg(name="drg-drill")
    vcn = oci_build.vcn(cidr="10.60.0.0/16")
    oci_build.attach_vcn(drg.id, vcn.id)
    cpe = oci_build.cpe(ip_address=pip.ip_address)
    connection = oci_build.ipsec(drg_id=drg.id, cpe_id=cpe.id, static_routes=[], tunnels=[
        oci_build.bgp_tunnel("169.254.21.1/30", "169.254.21.2/30", asn="65010", secret="drill secret 1",
                             phase_two_config=models.PhaseTwoConfigDetails(is_pfs_enabled=True,
                                                                           pfs_dh_group="GROUP14")),
        oci_build.bgp_tunnel("169.254.21.5/30", "169.254.21.6/30", asn="65010", secret="drill secret 1",
                             phase_two_config=models.PhaseTwoConfigDetails(is_pfs_enabled=True,
                                                                           pfs_dh_group="GROUP14"))])
    tunnel = oci_build.tunnels(connection.id)[0]
    local = azure.local_gateway("lng-drill", tunnel.vpn_ip, asn=31898, peer="169.254.21.1")
    azure.connection("conn-drill", gateway, local, shared_key="drill secret 1", enable_bgp=True)

    def tunnel_state():
        return oci_network.get_ip_sec_connection_tunnel(connection.id, tunnel.id)

    up = oci_build.wait(tunnel_state, "UP", attribute="status")
    assert up.bgp_session_info.bgp_state == "UP"
    # IKEv2: the first child SA is made inside IKE_AUTH without a DH exchange, so it negotiates no PFS
    # group (field facts section 4; the model since 6119895); the group shows at the first rekey
    assert up.phase_two_details.is_esp_established is True and up.phase_two_details.negotiated_dh_group is None
    routes = oci.pagination.list_call_get_all_results(
        oci_network.list_ip_sec_connection_tunnel_routes, connection.id, tunnel.id, advertiser="CUSTOMER").data
    assert "10.61.0.0/16" in {r.prefix for r in routes}
    # the DRG's VCN table imports all routes: the VNet prefix arrives over the tunnel's attachment
    dynamic = oci.pagination.list_call_get_all_results(
        oci_network.list_drg_route_rules, drg.default_drg_route_tables.vcn, route_type="DYNAMIC").data
    assert ("10.61.0.0/16", "IPSEC_TUNNEL") in {(r.destination, r.route_provenance) for r in dynamic}

    twin.admin("POST", "tunnels/%s/down" % tunnel.id)
    down = oci_build.wait(tunnel_state, "DOWN", attribute="status")
    assert down.bgp_session_info.bgp_state == "DOWN"
    error = oci_network.get_ip_sec_connection_tunnel_error(connection.id, tunnel.id).data
    assert error.error_code == twin.admin("GET", "model")["oci_tunnels"][tunnel.id]["reasonCode"]

    twin.admin("POST", "tunnels/%s/up" % tunnel.id)
    assert oci_build.wait(tunnel_state, "UP", attribute="status").bgp_session_info.bgp_state == "UP"
