"""The cloud twin as a subprocess (``python -m emulator serve``), for the integration tests and the
soak (tests/soak/soak.py).

``Twin(state_dir)``: ``start()``, ``stop()``, ``crash_restart()`` (SIGKILL, then serve the same
state dir on the same port, as a cloud endpoint that drops and comes back), ``env`` (what its
env.sh exports), ``endpoints``, ``admin(method, path, body=None)``, ``stats()``, ``writes()``,
``set_faults(rate, seed)`` and ``reset_faults()``.
"""

import json
import os
import signal
import ssl
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIME_SCALE = os.environ.get("TWIN_TIME_SCALE", "0.001")


def parse_env_sh(path):
    env = {}
    with open(path) as handle:
        for line in handle:
            line = line.strip()
            if not line.startswith("export "):
                continue
            key, dummy, value = line[len("export "):].partition("=")
            env[key] = value.strip().strip("'\"")
    return env


class Twin:
    def __init__(self, state_dir, time_scale=TIME_SCALE):
        self.state_dir = state_dir
        self.time_scale = str(time_scale)
        self.port = 0                  # the first start picks a free port; restarts keep it
        self.proc = None
        self.endpoints = None
        self.env = None
        self.restarts = 0

    def start(self):
        log = open(os.path.join(self.state_dir, "twin.log"), "a")
        endpoints = os.path.join(self.state_dir, "endpoints.json")
        if os.path.exists(endpoints):
            os.unlink(endpoints)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "emulator", "serve", "--state-dir", self.state_dir,
             "--port", str(self.port), "--time-scale", self.time_scale],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.time() + 60
        while not os.path.exists(endpoints):
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("twin did not start; see %s/twin.log" % self.state_dir)
            time.sleep(0.05)
        with open(endpoints) as handle:
            self.endpoints = json.load(handle)
        self.port = int(self.endpoints["oci"]["endpoint"].rsplit(":", 1)[1])
        self.env = parse_env_sh(os.path.join(self.state_dir, "env.sh"))
        self._ssl = ssl.create_default_context(cafile=self.endpoints["ca_bundle"])

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def crash_restart(self, down_seconds=1.0):
        """Kill the twin without warning, stay down a moment, serve the same state again on the
        same port. Its counters and fault settings start afresh; resources, retry tokens, LROs
        and credentials are persisted and survive."""
        self.proc.kill()
        self.proc.wait(timeout=20)
        time.sleep(down_seconds)
        self.start()
        self.restarts += 1

    def admin(self, method, path, body=None):
        url = self.endpoints["admin"].rstrip("/") + "/" + path.lstrip("/")
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, context=self._ssl, timeout=30) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def stats(self):
        return self.admin("GET", "stats")

    def writes(self):
        stats = self.stats()
        # the twin serves the counts at the top level ({"total", "writes", ...})
        return stats.get("requests", stats)["writes"]

    def faults_injected(self):
        return sum(self.stats()["faults"].values())

    def set_faults(self, rate, seed):
        """Every kind the twin knows, "applied then failed" included."""
        self.admin("POST", "faults", {"rate": rate, "seed": seed,
                                      "kinds": ["throttle", "server_error", "connection_reset",
                                                "applied_then_failed"]})

    def reset_faults(self):
        self.admin("POST", "faults", {"rate": 0, "kinds": []})
