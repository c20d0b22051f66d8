"""Retry tokens (stable per logical create, fresh after a delete) and waits (bounded, with
oci.wait_until)."""

import oci
import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_api
from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_retries
from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_virtual_circuit
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError

from oci_unit_helpers import FakeClient, FakeModule, service_error

IDENTITY = ("DRG", "ocid1.compartment.oc1..c", None, "hub-drg")


def drg(state, ocid="ocid1.drg.oc1..a", name="hub-drg"):
    return oci.core.models.Drg(id=ocid, lifecycle_state=state, display_name=name)


def api(client, **params):
    return oci_api.OCIApi(FakeModule(params), client=client)


# --- tokens ------------------------------------------------------------------------------------

def test_token_is_stable_and_short():
    first = oci_retries.retry_token(*IDENTITY)
    assert first == oci_retries.retry_token(*IDENTITY)
    assert len(first) <= 64 and first.startswith("ic-drg-")


@pytest.mark.parametrize("index, other", [(0, "CPE"), (1, "ocid1.compartment.oc1..d"),
                                          (2, "ocid1.drg.oc1..parent"), (3, "spoke-drg")])
def test_token_changes_with_every_part_of_the_identity(index, other):
    changed = list(IDENTITY)
    changed[index] = other
    assert oci_retries.retry_token(*changed) != oci_retries.retry_token(*IDENTITY)


def test_token_generations_differ_and_keep_the_length_limit():
    tokens = {oci_retries.retry_token("IPSec connection with a long kind name", "c" * 100, "p" * 100,
                                      "n" * 255, generation=g) for g in range(12)}
    assert len(tokens) == 12 and all(len(t) <= 64 for t in tokens)


def test_create_sends_the_stable_token():
    client = FakeClient(create_drg=[drg("PROVISIONING")])
    made = api(client).create("create_drg", "details", IDENTITY)
    assert made.lifecycle_state == "PROVISIONING"
    (name, args, kwargs), = client.calls
    assert kwargs["opc_retry_token"] == oci_retries.retry_token(*IDENTITY)


def test_create_answered_with_a_terminated_resource_retries_with_a_fresh_token():
    client = FakeClient(create_drg=[drg("TERMINATED", "ocid1.drg.oc1..old"),
                                    drg("TERMINATING", "ocid1.drg.oc1..older"),
                                    drg("PROVISIONING", "ocid1.drg.oc1..new")])
    made = api(client).create("create_drg", "details", IDENTITY)
    assert made.id == "ocid1.drg.oc1..new"
    tokens = [kwargs["opc_retry_token"] for dummy, dummy_args, kwargs in client.calls]
    assert tokens == [oci_retries.retry_token(*IDENTITY, generation=g) for g in range(3)]


def test_create_answered_with_a_renamed_resource_retries_with_a_fresh_token():
    client = FakeClient(create_drg=[drg("AVAILABLE", "ocid1.drg.oc1..renamed", name="other"),
                                    drg("PROVISIONING", "ocid1.drg.oc1..new")])
    made = api(client).create("create_drg", "details", IDENTITY,
                              matches=lambda m: m.display_name == "hub-drg")
    assert made.id == "ocid1.drg.oc1..new"


def test_create_of_a_kind_without_lifecycle_checks_the_answer_still_exists():
    cpe_old = oci.core.models.Cpe(id="ocid1.cpe.oc1..old", display_name="c")
    cpe_new = oci.core.models.Cpe(id="ocid1.cpe.oc1..new", display_name="c")
    client = FakeClient(create_cpe=[cpe_old, cpe_new],
                        get_cpe=lambda ocid: service_error(404, "NotAuthorizedOrNotFound")
                        if ocid.endswith("old") else cpe_new)
    made = api(client).create("create_cpe", "details", ("CPE", "c", None, "c"), get_method="get_cpe")
    assert made.id == "ocid1.cpe.oc1..new"
    assert client.names() == ["create_cpe", "get_cpe", "create_cpe", "get_cpe"]


def test_a_replayed_answer_is_checked_against_the_current_state():
    """OCI (and the twin) replay the original response for a known token: it says PROVISIONING
    although that resource was deleted since; the GET tells."""
    client = FakeClient(create_drg=[drg("PROVISIONING", "ocid1.drg.oc1..old"), drg("PROVISIONING", "ocid1.drg.oc1..new")],
                        get_drg=lambda ocid: service_error(404, "NotAuthorizedOrNotFound")
                        if ocid.endswith("old") else drg("AVAILABLE", ocid))
    made = api(client).create("create_drg", "details", IDENTITY, get_method="get_drg")
    assert made.id == "ocid1.drg.oc1..new" and made.lifecycle_state == "AVAILABLE"
    assert client.names() == ["create_drg", "get_drg", "create_drg", "get_drg"]


def test_a_token_invalidated_by_a_different_request_moves_to_the_next_generation():
    client = FakeClient(create_drg=[service_error(409, "InvalidatedRetryToken"), drg("PROVISIONING")])
    assert api(client).create("create_drg", "details", IDENTITY).id == "ocid1.drg.oc1..a"
    tokens = [kwargs["opc_retry_token"] for dummy, dummy_args, kwargs in client.calls]
    assert tokens == [oci_retries.retry_token(*IDENTITY, generation=g) for g in range(2)]


def test_other_create_errors_are_not_swallowed():
    client = FakeClient(create_drg=[service_error(400, "LimitExceeded")])
    with pytest.raises(CloudError) as caught:
        api(client).create("create_drg", "details", IDENTITY)
    assert caught.value.code == "LimitExceeded" and len(client.calls) == 1


def test_create_gives_up_after_bounded_generations():
    client = FakeClient(create_drg=lambda details, **kw: drg("TERMINATED"))
    with pytest.raises(CloudError) as caught:
        api(client).create("create_drg", "details", IDENTITY)
    assert len(client.calls) == oci_retries.RETRY_TOKEN_GENERATIONS
    assert "retry token" in caught.value.message


# --- waits -------------------------------------------------------------------------------------

def test_wait_polls_until_the_state(no_sleep):
    client = FakeClient(get_drg=[drg("PROVISIONING"), drg("PROVISIONING"), drg("AVAILABLE")])
    found = api(client).wait_for("get_drg", "ocid1.drg.oc1..a", states=("AVAILABLE",))
    assert found.lifecycle_state == "AVAILABLE"
    assert len(client.calls) == 3 and no_sleep["slept"] == [1, 2]


def test_wait_is_bounded_by_wait_timeout(no_sleep):
    client = FakeClient(get_drg=lambda ocid: drg("PROVISIONING"))
    with pytest.raises(CloudError) as caught:
        api(client, wait_timeout=20).wait_for("get_drg", "ocid1.drg.oc1..a", states=("AVAILABLE",),
                                              what="DRG 'hub-drg'")
    assert "timed out after 20s waiting for DRG 'hub-drg' to be AVAILABLE" in caught.value.message
    assert "wait_timeout" in caught.value.hint
    assert sum(no_sleep["slept"]) <= 20 + 10


def test_wait_fails_early_on_a_failed_state(no_sleep):
    circuit = oci.core.models.VirtualCircuit(id="vc", lifecycle_state="FAILED")
    client = FakeClient(get_virtual_circuit=[circuit])
    with pytest.raises(CloudError) as caught:
        api(client).wait_for("get_virtual_circuit", "vc", states=("PROVISIONED",),
                             failed_states=("FAILED",), what="virtual circuit 'x'")
    assert "reached FAILED" in caught.value.message and len(client.calls) == 1


def test_wait_gone_accepts_404(no_sleep):
    client = FakeClient(get_drg=[drg("TERMINATING"), service_error(404, "NotAuthorizedOrNotFound")])
    assert api(client).wait_gone("get_drg", "ocid1.drg.oc1..a") is None


def test_wait_for_a_tunnel_passes_both_ids(no_sleep):
    tunnel = oci.core.models.IPSecConnectionTunnel(id="t", lifecycle_state="AVAILABLE")
    client = FakeClient(get_ip_sec_connection_tunnel=lambda ipsc, tunnel_id: tunnel)
    api(client).wait_for("get_ip_sec_connection_tunnel", ("ipsc", "t"), states=("AVAILABLE",))
    assert client.calls[0][1] == ("ipsc", "t")


@pytest.mark.parametrize("circuit, conditions, unmet", [
    ({"lifecycle_state": "PENDING_PROVIDER"}, ["pending_provider"], 0),
    ({"lifecycle_state": "PROVISIONING"}, ["pending_provider"], 0),
    ({"lifecycle_state": "PENDING_PROVIDER"}, ["provisioned"], 1),
    ({"lifecycle_state": "PROVISIONED", "bgp_session_state": "DOWN"}, ["provisioned"], 0),
    ({"lifecycle_state": "PROVISIONED", "bgp_session_state": "DOWN"}, ["provisioned", "bgp_up"], 1),
    ({"lifecycle_state": "PROVISIONED", "bgp_session_state": "UP"}, ["provisioned", "bgp_up"], 0),
    ({"lifecycle_state": "PENDING_PROVIDER", "bgp_session_state": "DOWN"}, ["provisioned", "bgp_up"], 2),
])
def test_virtual_circuit_conditions(circuit, conditions, unmet):
    assert len(oci_virtual_circuit.virtual_circuit_unmet(circuit, conditions)) == unmet


def test_virtual_circuit_wait_goes_past_pending_provider_to_bgp_up(no_sleep):
    states = [("PENDING_PROVIDER", "DOWN"), ("PROVISIONING", "DOWN"), ("PROVISIONED", "DOWN"),
              ("PROVISIONED", "UP")]
    client = FakeClient(get_virtual_circuit=[
        oci.core.models.VirtualCircuit(id="vc", lifecycle_state=s, bgp_session_state=b) for s, b in states])
    found = oci_virtual_circuit.wait_for_virtual_circuit(api(client), "vc", ["provisioned", "bgp_up"], "vc")
    assert found["bgp_session_state"] == "UP" and len(client.calls) == 4


def test_virtual_circuit_wait_stops_on_failed(no_sleep):
    client = FakeClient(get_virtual_circuit=[
        oci.core.models.VirtualCircuit(id="vc", lifecycle_state="PENDING_PROVIDER"),
        oci.core.models.VirtualCircuit(id="vc", lifecycle_state="FAILED")])
    with pytest.raises(CloudError) as caught:
        oci_virtual_circuit.wait_for_virtual_circuit(api(client), "vc", ["provisioned"], "virtual circuit 'x'")
    assert "FAILED" in caught.value.message


def test_virtual_circuit_wait_timeout_says_what_is_missing(no_sleep):
    client = FakeClient(get_virtual_circuit=lambda ocid: oci.core.models.VirtualCircuit(
        id="vc", lifecycle_state="PENDING_PROVIDER", provider_state="INACTIVE"))
    with pytest.raises(CloudError) as caught:
        oci_virtual_circuit.wait_for_virtual_circuit(api(client, wait_timeout=15), "vc", ["provisioned"], "vc")
    assert "PENDING_PROVIDER, not PROVISIONED" in caught.value.message
    assert "ExpressRoute" in caught.value.hint


# --- pagination ----------------------------------------------------------------------------------

def test_list_all_follows_pages():
    pages = [oci.response.Response(200, {"opc-next-page": "p2"}, [drg("AVAILABLE", "a")], None),
             oci.response.Response(200, {}, [drg("AVAILABLE", "b")], None)]
    client = FakeClient(list_drgs=pages)
    found = api(client).list_all("list_drgs", "ocid1.compartment.oc1..c")
    assert [d.id for d in found] == ["a", "b"]
    assert client.calls[1][2]["page"] == "p2"


def test_list_all_is_not_retried_again_by_the_sdk_pagination():
    """oci.pagination wraps page calls in DEFAULT_RETRY_STRATEGY; it must not add attempts."""
    client = FakeClient(list_drgs=[service_error(429, "TooManyRequests")] * 20)
    with pytest.raises(CloudError) as caught:
        api(client).list_all("list_drgs", "ocid1.compartment.oc1..c")
    assert caught.value.status == 429 and len(client.calls) == 1     # the fake has no retry of its own
