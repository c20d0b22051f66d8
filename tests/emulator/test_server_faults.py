"""Fault injection through the admin API: each kind as the raw SDK sees it (retries off), and the
oci SDK's DEFAULT_RETRY_STRATEGY recovering from it. Seeds are chosen so that the first draw
faults and the second does not, which keeps the retrying tests to one back-off (~2-3 s)."""

import tempfile

import oci
import pytest
from conftest import TwinProcess
from oci.core import models

# FaultPlan(0.5, kinds, seed): first draw faults with the named kind, second draw is clean
SEED_FIRST_THROTTLE = 4            # kinds throttle, server_error, connection_reset
SEED_FIRST_CONNECTION_RESET = 11   # same kinds
SEED_APPLIED_THEN_FAILED = 4       # kinds applied_then_failed only


@pytest.fixture(scope="module")
def faulty_twin():
    process = TwinProcess(tempfile.mkdtemp(prefix="twin-faults-")).start()
    yield process
    process.stop()


@pytest.fixture
def twin_faults(faulty_twin):
    faulty_twin.set_faults(0.0)
    faulty_twin.reset_stats()
    yield faulty_twin
    faulty_twin.set_faults(0.0)


def _create_drg(twin, client, name):
    return client.create_drg(models.CreateDrgDetails(compartment_id=twin.compartment_id, display_name=name))


def test_faults_are_configured_and_validated_through_admin(twin_faults):
    described = twin_faults.set_faults(0.25, kinds=["throttle"], seed=9)
    assert (described["rate"], described["kinds"], described["seed"]) == (0.25, ["throttle"], 9)
    assert twin_faults.admin("GET", "faults")["rate"] == 0.25
    assert twin_faults.admin_request("POST", "faults", json={"rate": 2}).status_code == 400
    assert twin_faults.admin_request("POST", "faults", json={"rate": 0.1, "kinds": ["meteor"]}).status_code == 400


def test_throttle_is_429_with_retry_after(twin_faults):
    twin_faults.set_faults(1.0, kinds=["throttle"], seed=1)
    client = twin_faults.oci_network()
    with pytest.raises(oci.exceptions.ServiceError) as info:
        client.list_drgs(twin_faults.compartment_id)
    assert (info.value.status, info.value.code) == (429, "TooManyRequests")
    assert info.value.headers["retry-after"] == "1" and info.value.request_id
    # faults never touch the admin API (this call is made at rate 1.0)
    assert twin_faults.stats()["faults"] == {"throttle": 1}


def test_server_error_is_500_or_503_before_the_handler(twin_faults):
    twin_faults.set_faults(1.0, kinds=["server_error"], seed=3)
    client = twin_faults.oci_network()
    statuses = set()
    for index in range(8):
        with pytest.raises(oci.exceptions.ServiceError) as info:
            _create_drg(twin_faults, client, "never-created-%d" % index)
        statuses.add((info.value.status, info.value.code))
    assert statuses == {(500, "InternalServerError"), (503, "ServiceUnavailable")}
    twin_faults.set_faults(0.0)
    names = {d.display_name for d in client.list_drgs(twin_faults.compartment_id, limit=100).data}
    assert not any(name.startswith("never-created") for name in names)
    assert twin_faults.stats()["faults"] == {"server_error": 8}


def test_connection_reset_drops_the_connection(twin_faults):
    twin_faults.set_faults(1.0, kinds=["connection_reset"], seed=5)
    client = twin_faults.oci_network()
    with pytest.raises(oci.exceptions.RequestException) as info:
        client.list_drgs(twin_faults.compartment_id)
    assert "without response" in str(info.value) or "reset" in str(info.value).lower()
    stats = twin_faults.stats()
    assert stats["faults"] == {"connection_reset": 1} and stats["by_status"].get("reset") == 1


def test_applied_then_failed_commits_the_write_then_answers_500(twin_faults):
    twin_faults.set_faults(1.0, kinds=["applied_then_failed"], seed=2)
    client = twin_faults.oci_network()
    # reads never draw applied_then_failed
    assert client.list_drgs(twin_faults.compartment_id).status == 200
    with pytest.raises(oci.exceptions.ServiceError) as info:
        _create_drg(twin_faults, client, "applied-anyway")
    assert (info.value.status, info.value.code) == (500, "InternalServerError")
    twin_faults.set_faults(0.0)
    names = [d.display_name for d in client.list_drgs(twin_faults.compartment_id, limit=100).data]
    assert names.count("applied-anyway") == 1          # the write happened although the client saw 500


def test_same_seed_same_faults(twin_faults):
    client = twin_faults.oci_network()

    def run():
        twin_faults.set_faults(0.5, kinds=["throttle", "server_error"], seed=42)
        outcome = []
        for _ in range(12):
            try:
                client.list_drgs(twin_faults.compartment_id)
                outcome.append(200)
            except oci.exceptions.ServiceError as err:
                outcome.append(err.status)
        return outcome

    first, second = run(), run()
    assert first == second and 200 in first and set(first) - {200}


def test_default_retry_strategy_recovers_from_throttle(twin_faults):
    twin_faults.set_faults(0.5, kinds=["throttle", "server_error", "connection_reset"], seed=SEED_FIRST_THROTTLE)
    client = twin_faults.oci_network(retry_strategy=oci.retry.DEFAULT_RETRY_STRATEGY)
    assert client.list_drgs(twin_faults.compartment_id).status == 200
    assert twin_faults.stats()["faults"] == {"throttle": 1}


def test_default_retry_strategy_recovers_from_connection_reset(twin_faults):
    twin_faults.set_faults(0.5, kinds=["throttle", "server_error", "connection_reset"],
                           seed=SEED_FIRST_CONNECTION_RESET)
    client = twin_faults.oci_network(retry_strategy=oci.retry.DEFAULT_RETRY_STRATEGY)
    drg = _create_drg(twin_faults, client, "after-reset").data
    assert drg.display_name == "after-reset"
    assert twin_faults.stats()["faults"] == {"connection_reset": 1}


def test_retry_token_makes_applied_then_failed_safe(twin_faults):
    """The SDK's retry strategy adds an opc-retry-token to creates; the retry after a committed
    write replays the stored response instead of creating a duplicate."""
    twin_faults.set_faults(0.5, kinds=["applied_then_failed"], seed=SEED_APPLIED_THEN_FAILED)
    client = twin_faults.oci_network(retry_strategy=oci.retry.DEFAULT_RETRY_STRATEGY)
    drg = _create_drg(twin_faults, client, "exactly-once").data
    twin_faults.set_faults(0.0)
    matching = [d for d in client.list_drgs(twin_faults.compartment_id, limit=100).data
                if d.display_name == "exactly-once"]
    assert [d.id for d in matching] == [drg.id]
    stats = twin_faults.stats()
    assert stats["faults"] == {"applied_then_failed": 1} and stats["retry_token_replays"] == 1


def test_fault_rate_from_the_command_line(twin_factory):
    twin = twin_factory(extra_args=["--fault-rate", "1.0", "--fault-seed", "7"])
    assert twin.admin("GET", "faults")["rate"] == 1.0
    with pytest.raises((oci.exceptions.ServiceError, oci.exceptions.RequestException)):
        twin.oci_network().list_drgs(twin.compartment_id)
