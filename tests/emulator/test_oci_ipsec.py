"""OCI IPSec connections and tunnels through the oci SDK: create/get/list/update/delete, the
write/read naming asymmetry, shared secrets, routes, errors, device config and validation."""

import re

import oci
import pytest
from conftest import OciBuilder
from oci.core import models

ALL = oci.pagination.list_call_get_all_results


def _error(call, *args, **kwargs):
    with pytest.raises(oci.exceptions.ServiceError) as info:
        call(*args, **kwargs)
    return info.value


def test_connection_lifecycle_tunnels_and_attachments(oci_build, oci_network):
    client = oci_network
    drg = oci_build.drg(name="drg-ipsec")
    cpe = oci_build.cpe(name="cpe-ipsec")
    created = client.create_ip_sec_connection(models.CreateIPSecConnectionDetails(
        compartment_id=oci_build.compartment_id, drg_id=drg.id, cpe_id=cpe.id, display_name="vpn-1",
        static_routes=[], tunnel_configuration=[
            oci_build.bgp_tunnel("169.254.21.1/30", "169.254.21.2/30", display_name="t1"),
            oci_build.bgp_tunnel("169.254.22.0/31", "169.254.22.1/31", display_name="t2")])).data
    assert created.lifecycle_state == "PROVISIONING"
    assert (created.cpe_local_identifier, created.cpe_local_identifier_type) == (cpe.ip_address, "IP_ADDRESS")
    connection = oci.wait_until(client, client.get_ip_sec_connection(created.id), "lifecycle_state", "AVAILABLE",
                                max_interval_seconds=1, max_wait_seconds=10).data
    assert connection.static_routes == []

    tunnels = oci_build.tunnels(connection.id)
    assert [t.display_name for t in tunnels] == ["t1", "t2"]
    assert len({t.vpn_ip for t in tunnels}) == 2 and all(t.cpe_ip == cpe.ip_address for t in tunnels)
    first = tunnels[0]
    assert (first.routing, first.ike_version, first.lifecycle_state) == ("BGP", "V2", "AVAILABLE")
    assert first.status == "DOWN"                        # nothing on the Azure side
    info = first.bgp_session_info
    assert (info.oracle_interface_ip, info.customer_interface_ip) == ("169.254.21.1/30", "169.254.21.2/30")
    assert (info.oracle_bgp_asn, info.customer_bgp_asn, info.bgp_state) == ("31898", "65010", "DOWN")
    assert first.phase_two_details.is_pfs_enabled is True and first.phase_two_details.dh_group == "GROUP5"
    assert first.phase_one_details.lifetime == 28800 and first.phase_two_details.lifetime == 3600
    assert (first.dpd_mode, first.dpd_timeout_in_sec) == ("INITIATE_AND_RESPOND", 20)
    assert first.oracle_can_initiate == "INITIATOR_OR_RESPONDER"
    got = client.get_ip_sec_connection_tunnel(connection.id, first.id)
    assert got.data.id == first.id and got.headers["etag"]

    attachments = ALL(client.list_drg_attachments, oci_build.compartment_id, drg_id=drg.id,
                      attachment_type="IPSEC_TUNNEL").data
    assert sorted(a.network_details.id for a in attachments) == sorted(t.id for t in tunnels)
    assert all(a.network_details.ipsec_connection_id == connection.id for a in attachments)
    assert all(a.drg_route_table_id == drg.default_drg_route_tables.ipsec_tunnel for a in attachments)

    assert [c.id for c in ALL(client.list_ip_sec_connections, oci_build.compartment_id, drg_id=drg.id).data] \
        == [connection.id]
    assert [c.id for c in ALL(client.list_ip_sec_connections, oci_build.compartment_id, cpe_id=cpe.id).data] \
        == [connection.id]

    updated = client.update_ip_sec_connection(connection.id, models.UpdateIPSecConnectionDetails(
        display_name="vpn-1b", static_routes=["10.9.0.0/16"])).data
    assert (updated.display_name, updated.static_routes) == ("vpn-1b", ["10.9.0.0/16"])

    client.delete_ip_sec_connection(connection.id)
    assert client.get_ip_sec_connection(connection.id).data.lifecycle_state in ("TERMINATING", "TERMINATED")
    oci_build.wait(lambda: client.get_ip_sec_connection(connection.id), "TERMINATED", or_gone=True)
    for attachment in attachments:
        oci_build.wait(lambda: client.get_drg_attachment(attachment.id), "DETACHED", or_gone=True)
    client.delete_drg(drg.id)       # nothing holds the DRG any more
    client.delete_cpe(cpe.id)


def test_defaults_without_tunnel_configuration(oci_build, oci_network):
    connection = oci_build.ipsec(name="vpn-defaults")
    tunnels = oci_build.tunnels(connection.id)
    assert len(tunnels) == 2
    for tunnel in tunnels:
        assert (tunnel.routing, tunnel.ike_version) == ("STATIC", "V1")
        assert tunnel.bgp_session_info.bgp_state is None
        assert tunnel.phase_one_details.is_custom_phase_one_config is False
        secret = oci_network.get_ip_sec_connection_tunnel_shared_secret(connection.id, tunnel.id).data
        assert re.fullmatch(r"[A-Za-z0-9]{16,}", secret.shared_secret)


def test_vpn_ips_are_unique_across_connections(oci_build):
    drg = oci_build.drg(name="drg-vpnips")
    first = oci_build.ipsec(drg_id=drg.id, wait=False)
    second = oci_build.ipsec(drg_id=drg.id, wait=False)
    ips = [t.vpn_ip for c in (first, second) for t in oci_build.tunnels(c.id)]
    assert len(ips) == 4 and len(set(ips)) == 4


BAD_TUNNELS = {
    "secret with punctuation": (dict(shared_secret="bad-secret!"), "sharedSecret"),
    "inside address /29": (dict(routing="BGP", bgp_session_config=models.CreateIPSecTunnelBgpSessionDetails(
        oracle_interface_ip="169.254.21.1/29", customer_interface_ip="169.254.21.2/29", customer_bgp_asn="65010")),
        "oracleInterfaceIp"),
    "inside addresses in different /30s": (dict(routing="BGP", bgp_session_config=models.CreateIPSecTunnelBgpSessionDetails(
        oracle_interface_ip="169.254.21.1/30", customer_interface_ip="169.254.21.5/30", customer_bgp_asn="65010")),
        "bgpSessionConfig"),
    "network address of a /30": (dict(routing="BGP", bgp_session_config=models.CreateIPSecTunnelBgpSessionDetails(
        oracle_interface_ip="169.254.21.0/30", customer_interface_ip="169.254.21.2/30", customer_bgp_asn="65010")),
        "oracleInterfaceIp"),
    "BGP without inside addresses": (dict(routing="BGP", bgp_session_config=models.CreateIPSecTunnelBgpSessionDetails(
        customer_bgp_asn="65010")), "bgpSessionConfig"),
    "BGP without customer ASN": (dict(routing="BGP", bgp_session_config=models.CreateIPSecTunnelBgpSessionDetails(
        oracle_interface_ip="169.254.21.1/30", customer_interface_ip="169.254.21.2/30")), "customerBgpAsn"),
    "custom phase one without DH group": (dict(phase_one_config=models.PhaseOneConfigDetails(
        is_custom_phase_one_config=True, authentication_algorithm="SHA2_256",
        encryption_algorithm="AES_256_CBC")), "diffieHelmanGroup"),
    "DPD timeout out of range": (dict(dpd_config=models.DpdConfig(dpd_mode="RESPOND_ONLY", dpd_timeout_in_sec=5)),
                                 "dpdTimeoutInSec"),
}


@pytest.mark.parametrize("case", sorted(BAD_TUNNELS))
def test_tunnel_validation_errors(case, oci_build, oci_network):
    settings, field = BAD_TUNNELS[case]
    drg = oci_build.drg(name="drg-validation", wait=False)
    cpe = oci_build.cpe()
    err = _error(oci_network.create_ip_sec_connection, models.CreateIPSecConnectionDetails(
        compartment_id=oci_build.compartment_id, drg_id=drg.id, cpe_id=cpe.id, static_routes=["10.1.0.0/16"],
        tunnel_configuration=[models.CreateIPSecConnectionTunnelDetails(**settings)]))
    assert (err.status, err.code) == (400, "InvalidParameter") or (err.status, err.code) == (400, "MissingParameter")
    assert field in err.message
    assert "tunnelConfiguration[0]" in err.message


@pytest.fixture(scope="module")
def shared_drg_cpe(twin):
    build = OciBuilder(twin)
    return build.drg(name="drg-static-validation"), build.cpe()


@pytest.mark.parametrize("routes, tunnels, message", [
    ([], None, "every tunnel uses BGP"),
    (["10.%d.0.0/16" % i for i in range(11)], None, "at most 10"),
    (["10.1.0.1/16"], None, "staticRoutes[0]"),
])
def test_static_route_validation(routes, tunnels, message, oci_build, oci_network, shared_drg_cpe):
    drg, cpe = shared_drg_cpe
    err = _error(oci_network.create_ip_sec_connection, models.CreateIPSecConnectionDetails(
        compartment_id=oci_build.compartment_id, drg_id=drg.id, cpe_id=cpe.id, static_routes=routes,
        tunnel_configuration=tunnels))
    assert (err.status, err.code) == (400, "InvalidParameter")
    assert message in err.message


def test_one_bgp_tunnel_still_needs_static_routes_for_the_default_other(oci_build, oci_network, shared_drg_cpe):
    drg, cpe = shared_drg_cpe
    err = _error(oci_network.create_ip_sec_connection, models.CreateIPSecConnectionDetails(
        compartment_id=oci_build.compartment_id, drg_id=drg.id, cpe_id=cpe.id, static_routes=[],
        tunnel_configuration=[oci_build.bgp_tunnel("169.254.21.1/30", "169.254.21.2/30")]))
    assert (err.status, err.code) == (400, "InvalidParameter") and "staticRoutes" in err.message


def test_more_than_two_tunnels_and_unknown_references(oci_build, oci_network, shared_drg_cpe):
    drg, cpe = shared_drg_cpe
    tunnel = models.CreateIPSecConnectionTunnelDetails(routing="STATIC")
    err = _error(oci_network.create_ip_sec_connection, models.CreateIPSecConnectionDetails(
        compartment_id=oci_build.compartment_id, drg_id=drg.id, cpe_id=cpe.id, static_routes=["10.1.0.0/16"],
        tunnel_configuration=[tunnel, tunnel, tunnel]))
    assert (err.status, err.code) == (400, "InvalidParameter") and "tunnelConfiguration" in err.message
    err = _error(oci_network.create_ip_sec_connection, models.CreateIPSecConnectionDetails(
        compartment_id=oci_build.compartment_id, drg_id=drg.id, cpe_id="ocid1.cpe.oc1.iad.aaaaaaaanope",
        static_routes=["10.1.0.0/16"]))
    assert err.status == 404
    # enum values the SDK model would refuse client-side, sent as a raw body
    err = _error(oci_network.create_ip_sec_connection, {
        "compartmentId": oci_build.compartment_id, "drgId": drg.id, "cpeId": cpe.id,
        "staticRoutes": ["10.1.0.0/16"], "tunnelConfiguration": [{"ikeVersion": "V3"}]})
    assert (err.status, err.code) == (400, "InvalidParameter") and "ikeVersion" in err.message


def test_tunnel_update_writes_config_reads_details(oci_build, oci_network):
    connection = oci_build.ipsec(name="vpn-update")
    tunnel = oci_build.tunnels(connection.id)[0]
    response = oci_network.update_ip_sec_connection_tunnel(connection.id, tunnel.id, models.UpdateIPSecConnectionTunnelDetails(
        routing="BGP", ike_version="V2", oracle_initiation="RESPONDER_ONLY", nat_translation_enabled="DISABLED",
        bgp_session_config=models.UpdateIPSecTunnelBgpSessionDetails(
            oracle_interface_ip="169.254.21.5/30", customer_interface_ip="169.254.21.6/30", customer_bgp_asn="65515"),
        phase_one_config=models.PhaseOneConfigDetails(
            is_custom_phase_one_config=True, authentication_algorithm="SHA2_384",
            encryption_algorithm="AES_256_CBC", diffie_helman_group="GROUP14", lifetime_in_seconds=27000),
        phase_two_config=models.PhaseTwoConfigDetails(
            is_custom_phase_two_config=True, encryption_algorithm="AES_256_GCM", is_pfs_enabled=True,
            pfs_dh_group="GROUP14", lifetime_in_seconds=27000),
        dpd_config=models.DpdConfig(dpd_mode="RESPOND_ONLY", dpd_timeout_in_sec=30)))
    updated = response.data
    assert updated.lifecycle_state == "PROVISIONING"          # re-provisioning after a real change
    assert (updated.routing, updated.ike_version) == ("BGP", "V2")
    assert (updated.oracle_can_initiate, updated.nat_translation_enabled) == ("RESPONDER_ONLY", "DISABLED")
    assert (updated.dpd_mode, updated.dpd_timeout_in_sec) == ("RESPOND_ONLY", 30)
    one, two = updated.phase_one_details, updated.phase_two_details
    assert (one.is_custom_phase_one_config, one.custom_authentication_algorithm, one.custom_encryption_algorithm,
            one.custom_dh_group, one.lifetime) == (True, "SHA2_384", "AES_256_CBC", "GROUP14", 27000)
    assert (two.is_custom_phase_two_config, two.custom_encryption_algorithm, two.custom_authentication_algorithm,
            two.is_pfs_enabled, two.dh_group) == (True, "AES_256_GCM", None, True, "GROUP14")
    assert updated.bgp_session_info.customer_bgp_asn == "65515"
    settled = oci_build.wait(lambda: oci_network.get_ip_sec_connection_tunnel(connection.id, tunnel.id), "AVAILABLE")
    assert settled.routing == "BGP"

    # a display-name-only update does not re-provision
    renamed = oci_network.update_ip_sec_connection_tunnel(
        connection.id, tunnel.id, models.UpdateIPSecConnectionTunnelDetails(display_name="renamed")).data
    assert (renamed.display_name, renamed.lifecycle_state) == ("renamed", "AVAILABLE")

    # the BGP routing cannot be kept without inside addresses
    err = _error(oci_network.update_ip_sec_connection_tunnel, connection.id, tunnel.id,
                 models.UpdateIPSecConnectionTunnelDetails(bgp_session_config=models.UpdateIPSecTunnelBgpSessionDetails(
                     oracle_interface_ip="169.254.21.5/30", customer_interface_ip="169.254.30.6/30")))
    assert (err.status, err.code) == (400, "InvalidParameter")

    err = _error(oci_network.update_ip_sec_connection_tunnel, connection.id, tunnel.id,
                 models.UpdateIPSecConnectionTunnelDetails(display_name="x"), if_match="stale")
    assert (err.status, err.code) == (412, "NoEtagMatch")


def test_tunnel_update_while_provisioning_is_incorrect_state(slow_twin):
    build = OciBuilder(slow_twin)
    connection = build.client.create_ip_sec_connection(models.CreateIPSecConnectionDetails(
        compartment_id=build.compartment_id, drg_id=build.drg(wait=False).id, cpe_id=build.cpe().id,
        static_routes=["10.1.0.0/16"])).data
    tunnel = build.tunnels(connection.id)[0]
    assert tunnel.lifecycle_state == "PROVISIONING"
    err = _error(build.client.update_ip_sec_connection_tunnel, connection.id, tunnel.id,
                 models.UpdateIPSecConnectionTunnelDetails(ike_version="V2"))
    assert (err.status, err.code) == (409, "IncorrectState")
    err = _error(build.client.update_ip_sec_connection_tunnel_shared_secret, connection.id, tunnel.id,
                 models.UpdateIPSecConnectionTunnelSharedSecretDetails(shared_secret="abc"))
    assert (err.status, err.code) == (409, "IncorrectState")


def test_shared_secret_get_and_update(oci_build, oci_network):
    connection = oci_build.ipsec(name="vpn-secret", tunnels=[
        models.CreateIPSecConnectionTunnelDetails(shared_secret="first secret 1")])
    tunnel = oci_build.tunnels(connection.id)[0]
    secret = oci_network.get_ip_sec_connection_tunnel_shared_secret(connection.id, tunnel.id).data
    assert secret.shared_secret == "first secret 1"
    updated = oci_network.update_ip_sec_connection_tunnel_shared_secret(
        connection.id, tunnel.id, models.UpdateIPSecConnectionTunnelSharedSecretDetails(shared_secret="Second 2")).data
    assert updated.shared_secret == "Second 2"
    assert oci_network.get_ip_sec_connection_tunnel_shared_secret(connection.id, tunnel.id).data.shared_secret \
        == "Second 2"
    config = oci_network.get_ip_sec_connection_device_config(connection.id).data
    assert {t.ip_address: t.shared_secret for t in config.tunnels}[tunnel.vpn_ip] == "Second 2"
    oci_build.wait(lambda: oci_network.get_ip_sec_connection_tunnel(connection.id, tunnel.id), "AVAILABLE")
    err = _error(oci_network.update_ip_sec_connection_tunnel_shared_secret, connection.id, tunnel.id,
                 models.UpdateIPSecConnectionTunnelSharedSecretDetails(shared_secret="no_underscores"))
    assert (err.status, err.code) == (400, "InvalidParameter") and "sharedSecret" in err.message


def test_device_status_routes_error_and_device_config(oci_build, oci_network):
    connection = oci_build.ipsec(name="vpn-status")
    tunnels = oci_build.tunnels(connection.id)
    status = oci_network.get_ip_sec_connection_device_status(connection.id).data
    assert sorted(t.ip_address for t in status.tunnels) == sorted(t.vpn_ip for t in tunnels)
    assert {t.lifecycle_state for t in status.tunnels} == {"DOWN"}

    tunnel = tunnels[0]
    assert ALL(oci_network.list_ip_sec_connection_tunnel_routes, connection.id, tunnel.id).data == []
    error = oci_network.get_ip_sec_connection_tunnel_error(connection.id, tunnel.id).data
    assert error.error_code and error.error_description and error.solution and error.timestamp

    answers = [models.CpeDeviceConfigAnswer(key="customer-bgp-asn", value="65010")]
    oci_network.update_tunnel_cpe_device_config(connection.id, tunnel.id, models.UpdateTunnelCpeDeviceConfigDetails(
        tunnel_cpe_device_config=answers))
    config = oci_network.get_tunnel_cpe_device_config(connection.id, tunnel.id).data
    assert [(a.key, a.value) for a in config.tunnel_cpe_device_config_parameter] == [("customer-bgp-asn", "65010")]

    err = _error(oci_network.get_ip_sec_connection_tunnel, connection.id, "ocid1.ipsectunnel.oc1.iad.aaaaaaaanope")
    assert err.status == 404


def test_ipsec_algorithms(oci_network):
    params = oci_network.get_allowed_ike_ip_sec_parameters().data
    assert "AES_256_CBC" in params.allowed_phase_one_parameters.encryption_algorithms
    assert "GROUP14" in params.allowed_phase_one_parameters.dh_groups
    assert "AES_256_GCM" in params.allowed_phase_two_parameters.encryption_algorithms
    assert params.default_phase_two_parameters.default_pfs_dh_group == "GROUP5"
    assert params.default_phase_one_parameters.default_dh_groups


def test_admin_tunnel_down_and_up(twin, oci_build):
    connection = oci_build.ipsec(name="vpn-admin")
    tunnel = oci_build.tunnels(connection.id)[0]
    assert twin.admin("POST", "tunnels/%s/down" % tunnel.id) == {"id": tunnel.id, "adminDown": True}
    assert twin.admin("POST", "tunnels/%s/up" % tunnel.id) == {"id": tunnel.id, "adminDown": False}
    assert twin.admin_request("POST", "tunnels/ocid1.ipsectunnel.oc1.iad.aaaaaaaanope/down").status_code == 404
