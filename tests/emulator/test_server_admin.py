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
