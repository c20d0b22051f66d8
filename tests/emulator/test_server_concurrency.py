"""Fifty concurrent clients (threads, one SDK client each) without a single error."""

import threading

import oci
from oci.core import models

CLIENTS = 50
ROUNDS = 4


def test_fifty_concurrent_clients(fresh_twin):
    compartment = fresh_twin.compartment_id
    drg = fresh_twin.oci_network().create_drg(models.CreateDrgDetails(compartment_id=compartment)).data
    fresh_twin.reset_stats()
    errors, created = [], []
    start = threading.Barrier(CLIENTS)
    lock = threading.Lock()

    def client_thread(index):
        try:
            client = fresh_twin.oci_network()
            start.wait(30)
            for round_ in range(ROUNDS):
                cpe = client.create_cpe(models.CreateCpeDetails(
                    compartment_id=compartment, ip_address="21.0.%d.%d" % (index, round_ + 1),
                    display_name="cpe-%d-%d" % (index, round_))).data
                assert client.get_cpe(cpe.id).data.id == cpe.id
                assert client.get_drg(drg.id).data.id == drg.id
                with lock:
                    created.append(cpe.id)
        except Exception as exc:  # collected and reported below
            with lock:
                errors.append(repr(exc))

    threads = [threading.Thread(target=client_thread, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert len(created) == len(set(created)) == CLIENTS * ROUNDS
    listed = oci.pagination.list_call_get_all_results(fresh_twin.oci_network().list_cpes, compartment,
                                                      limit=100).data
    assert {c.id for c in listed} == set(created)
    stats = fresh_twin.stats()
    assert stats["by_status"].get("200") == stats["total"] >= CLIENTS * ROUNDS * 3
    assert stats["writes"] == CLIENTS * ROUNDS
