"""Load figures for the cloud twin: idle-request latency and throughput with 50 concurrent clients.

    python benchmarks/twin_load.py [--requests 500] [--clients 50] [--per-client 40] [--endpoints FILE]

Without ``--endpoints`` it starts a twin of its own (in a temporary state dir) and stops it at
the end. It prints figures, it asserts nothing; the issue's target is an idle request under 5 ms.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time

import oci
import requests

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "emulator"))
from conftest import TwinProcess  # noqa: E402  (the test fixture's process manager, shared)


class RunningTwin:
    """Just enough of TwinProcess for a twin started elsewhere (its endpoints.json)."""

    def __init__(self, endpoints_file):
        with open(endpoints_file, encoding="utf-8") as fh:
            self.endpoints = json.load(fh)
        self.ca_bundle = self.endpoints["ca_bundle"]
        self.compartment_id = self.endpoints["oci"]["compartment_id"]

    def oci_network(self):
        return TwinProcess.oci_network(self)

    def oci_config(self):
        return TwinProcess.oci_config(self)

    def stop(self):
        pass


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def timed(call, count):
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000.0)
    return samples


def describe(label, samples):
    print("%-44s median %6.2f ms   p95 %6.2f ms   (n=%d)" % (
        label, statistics.median(samples), percentile(samples, 0.95), len(samples)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="sequential requests per latency figure")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--per-client", type=int, default=40, help="requests per concurrent client")
    parser.add_argument("--endpoints", help="endpoints.json of a running twin (default: start one)")
    args = parser.parse_args(argv)

    twin = RunningTwin(args.endpoints) if args.endpoints else \
        TwinProcess(tempfile.mkdtemp(prefix="twin-bench-")).start()
    try:
        client = twin.oci_network()
        compartment = twin.compartment_id
        drg = client.create_drg(oci.core.models.CreateDrgDetails(compartment_id=compartment)).data

        raw = requests.Session()
        raw.verify = twin.ca_bundle
        raw.trust_env = False
        admin_health = twin.endpoints["admin"] + "/health"
        raw.get(admin_health)
        client.get_drg(drg.id)

        print("Idle twin, one client, keep-alive connection:")
        describe("raw HTTPS GET /admin/health (server cost)", timed(lambda: raw.get(admin_health), args.requests))
        describe("oci SDK get_drg (signed, deserialised)", timed(lambda: client.get_drg(drg.id), args.requests))
        describe("oci SDK list_drgs", timed(lambda: client.list_drgs(compartment), args.requests))
        describe("oci SDK create_cpe (a write)", timed(lambda: client.create_cpe(oci.core.models.CreateCpeDetails(
            compartment_id=compartment, ip_address="30.1.2.3")), max(20, args.requests // 10)))

        print("\n%d concurrent clients x %d requests (oci SDK get_drg, one client and connection each):"
              % (args.clients, args.per_client))
        samples, errors, lock = [], [], threading.Lock()
        barrier = threading.Barrier(args.clients + 1)

        def worker():
            own = twin.oci_network()
            own.get_drg(drg.id)                      # connect (TLS handshake) before the clock starts
            barrier.wait()
            mine = []
            for _ in range(args.per_client):
                start = time.perf_counter()
                try:
                    own.get_drg(drg.id)
                except Exception as exc:  # counted, reported
                    with lock:
                        errors.append(repr(exc))
                mine.append((time.perf_counter() - start) * 1000.0)
            with lock:
                samples.extend(mine)

        threads = [threading.Thread(target=worker) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        barrier.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        total = args.clients * args.per_client
        print("  throughput %.0f requests/s over %.2f s; errors %d" % (total / elapsed, elapsed, len(errors)))
        describe("  per-request latency under load", samples)
        print("  (clients and twin share this machine's %d CPUs; the SDK's signing and parsing run in the"
              " same process as the 50 client threads)" % os.cpu_count())
    finally:
        twin.stop()


if __name__ == "__main__":
    main()
