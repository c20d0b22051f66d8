"""Fixtures that run the cloud twin as a subprocess and hand out real SDK clients for it.

- ``twin`` (session): one twin for the whole run (``--time-scale 0.001``).
- ``fresh_twin`` (function): a twin of its own, for tests that change global settings (faults)
  or need exact counts.
- ``twin_factory`` (function): start twins with extra CLI arguments.

Tests drive the twin only through the real SDKs (``oci``, ``azure-identity``,
``azure-mgmt-network``) and the admin API.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time

import pytest
import requests

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

DEFAULT_TIME_SCALE = 0.001
START_TIMEOUT_SECONDS = 30
ARM_RESOURCE_GROUP_API_VERSION = "2021-04-01"


class TwinProcess:
    """A twin running as ``python -m emulator serve`` in a subprocess.

    ``endpoints`` is the parsed ``endpoints.json``; after ``restart()`` the twin listens on the
    same port again, so clients made before the restart keep working.
    """

    def __init__(self, state_dir, time_scale=DEFAULT_TIME_SCALE, extra_args=()):
        self.state_dir = state_dir
        self.time_scale = time_scale
        self.extra_args = list(extra_args)
        self.endpoints = None
        self.process = None
        self.port = 0
        self._admin_session = None

    # -- process ---------------------------------------------------------------------------
    @property
    def endpoints_path(self):
        return os.path.join(self.state_dir, "endpoints.json")

    @property
    def ca_bundle(self):
        return self.endpoints["ca_bundle"]

    def start(self):
        if os.path.exists(self.endpoints_path):
            os.unlink(self.endpoints_path)
        log = open(os.path.join(self.state_dir, "twin.log"), "ab")
        cmd = [sys.executable, "-m", "emulator", "serve", "--state-dir", self.state_dir,
               "--port", str(self.port), "--time-scale", str(self.time_scale)] + self.extra_args
        self.process = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not os.path.exists(self.endpoints_path):
            if self.process.poll() is not None:
                raise RuntimeError("twin exited with %s; see %s/twin.log" % (self.process.returncode, self.state_dir))
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("twin did not write endpoints.json within %ss" % START_TIMEOUT_SECONDS)
            time.sleep(0.05)
        with open(self.endpoints_path, encoding="utf-8") as fh:
            self.endpoints = json.load(fh)
        self.port = int(self.endpoints["oci"]["endpoint"].rsplit(":", 1)[1])
        self._admin_session = requests.Session()
        self._admin_session.verify = self.ca_bundle
        self._admin_session.trust_env = False   # see oci_network: REQUESTS_CA_BUNDLE would win
        return self

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None
        if self._admin_session is not None:
            self._admin_session.close()
            self._admin_session = None

    def restart(self):
        """Stop and start again with the same state dir (and the same port)."""
        self.stop()
        return self.start()

    # -- admin API -------------------------------------------------------------------------
    def admin_request(self, method, path, json=None):
        """Raw admin call; returns the ``requests.Response``."""
        url = self.endpoints["admin"].rstrip("/") + "/" + path.lstrip("/")
        return self._admin_session.request(method, url, json=json, timeout=30)

    def admin(self, method, path, json=None):
        """Admin call that must succeed; returns the parsed JSON body."""
        response = self.admin_request(method, path, json=json)
        if response.status_code >= 400:
            raise AssertionError("admin %s %s -> %s %s" % (method, path, response.status_code, response.text))
        return response.json()

    def stats(self):
        return self.admin("GET", "stats")

    def reset_stats(self):
        return self.admin("POST", "stats/reset")

    def set_faults(self, rate, kinds=None, seed=None):
        body = {"rate": rate, "seed": seed}
        if kinds is not None:
            body["kinds"] = list(kinds)
        return self.admin("POST", "faults", json=body)

    # -- OCI -------------------------------------------------------------------------------
    def oci_config(self):
        import oci
        return oci.config.from_file(self.endpoints["oci"]["config_file"], self.endpoints["oci"]["profile"])

    def oci_network(self, config=None, **kwargs):
        """``oci.core.VirtualNetworkClient`` for the twin.

        Defaults: no retries and no circuit breaker (the SDK's default breaker is shared by all
        clients of the process, and injected faults would open it for unrelated tests). Pass
        ``retry_strategy=oci.retry.DEFAULT_RETRY_STRATEGY`` to see the SDK recover.
        """
        import oci
        kwargs.setdefault("retry_strategy", oci.retry.NoneRetryStrategy())
        kwargs.setdefault("circuit_breaker_strategy", oci.circuit_breaker.NoCircuitBreakerStrategy())
        client = oci.core.VirtualNetworkClient(config or self.oci_config(),
                                               service_endpoint=self.endpoints["oci"]["endpoint"], **kwargs)
        client.base_client.session.verify = self.ca_bundle
        # requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE from the environment override
        # ``session.verify`` (the oci SDK calls session.request); ignore the environment.
        client.base_client.session.trust_env = False
        return client

    @property
    def compartment_id(self):
        return self.endpoints["oci"]["compartment_id"]

    # -- Azure -----------------------------------------------------------------------------
    def azure_credential(self, client_secret=None):
        from azure.identity import ClientSecretCredential
        azure = self.endpoints["azure"]
        return ClientSecretCredential(
            azure["tenant_id"], azure["client_id"], client_secret or azure["client_secret"],
            authority=azure["authority"], disable_instance_discovery=True,
            connection_verify=self.ca_bundle)

    def azure_network(self, credential=None, **kwargs):
        from azure.mgmt.network import NetworkManagementClient
        azure = self.endpoints["azure"]
        kwargs.setdefault("polling_interval", 0.05)
        return NetworkManagementClient(
            credential or self.azure_credential(), azure["subscription_id"],
            base_url=azure["resource_manager"],
            credential_scopes=[azure["resource_manager"] + "/.default"],
            connection_verify=self.ca_bundle, **kwargs)

    def azure_resources(self, credential=None):
        """``ResourceManagementClient`` if azure-mgmt-resource is installed, else None (use ``arm``)."""
        try:
            from azure.mgmt.resource import ResourceManagementClient
        except ImportError:
            return None
        azure = self.endpoints["azure"]
        return ResourceManagementClient(
            credential or self.azure_credential(), azure["subscription_id"],
            base_url=azure["resource_manager"],
            credential_scopes=[azure["resource_manager"] + "/.default"],
            connection_verify=self.ca_bundle)

    def arm(self, method, path, json=None, api_version=ARM_RESOURCE_GROUP_API_VERSION, client=None):
        """An authenticated raw ARM request through the network client's azure-core pipeline.

        ``path`` starts with ``/subscriptions/...``; ``{subscription}`` in it is replaced by the
        twin's subscription id. Returns ``azure.core.rest.HttpResponse`` (already read).
        """
        from azure.core.rest import HttpRequest
        client = client or getattr(self, "_arm_client", None)
        if client is None:
            client = self._arm_client = self.azure_network()
        path = path.replace("{subscription}", self.endpoints["azure"]["subscription_id"])
        params = {} if "api-version=" in path else {"api-version": api_version}
        url = self.endpoints["azure"]["resource_manager"].rstrip("/") + path
        request = HttpRequest(method, url, json=json, params=params)
        response = client._client.send_request(request)
        response.read()
        return response

    def ensure_resource_group(self, name, location="eastus"):
        response = self.arm("PUT", "/subscriptions/{subscription}/resourcegroups/%s" % name,
                            json={"location": location})
        if response.status_code not in (200, 201):
            raise AssertionError("resource group %s: %s %s" % (name, response.status_code, response.text()))
        return response.json()


def _new_state_dir(prefix):
    return tempfile.mkdtemp(prefix=prefix)


@pytest.fixture(scope="session")
def twin():
    process = TwinProcess(_new_state_dir("twin-session-")).start()
    yield process
    process.stop()


@pytest.fixture
def twin_factory():
    started = []

    def start(time_scale=DEFAULT_TIME_SCALE, extra_args=()):
        process = TwinProcess(_new_state_dir("twin-fresh-"), time_scale, extra_args).start()
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


@pytest.fixture
def fresh_twin(twin_factory):
    return twin_factory()
