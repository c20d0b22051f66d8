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
SLOW_TIME_SCALE = 0.05
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


class OciBuilder:
    """Creates OCI resources through the SDK for tests; waits by polling the SDK's GETs."""

    _cpe_counter = [0]

    def __init__(self, twin, client=None):
        import oci
        self.oci = oci
        self.models = oci.core.models
        self.twin = twin
        self.client = client or twin.oci_network()
        self.compartment_id = twin.compartment_id

    def wait(self, get, state, attribute="lifecycle_state", timeout=10.0, or_gone=False):
        """Poll ``get()`` (an SDK call returning a Response) until ``attribute`` equals ``state``.

        With ``or_gone``, a 404 (a terminated resource the twin already forgot) also ends the
        wait and returns None."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                data = get().data
            except self.oci.exceptions.ServiceError as err:
                if or_gone and err.status == 404:
                    return None
                raise
            if getattr(data, attribute) == state:
                return data
            if time.monotonic() > deadline:
                raise AssertionError("%s stayed %s, wanted %s" % (attribute, getattr(data, attribute), state))
            time.sleep(0.02)

    def drg(self, name="test-drg", wait=True):
        drg = self.client.create_drg(self.models.CreateDrgDetails(
            compartment_id=self.compartment_id, display_name=name)).data
        if wait:
            drg = self.wait(lambda: self.client.get_drg(drg.id), "AVAILABLE")
        return drg

    def vcn(self, cidr="10.0.0.0/16", name="test-vcn", wait=True):
        vcn = self.client.create_vcn(self.models.CreateVcnDetails(
            compartment_id=self.compartment_id, cidr_blocks=[cidr], display_name=name)).data
        if wait:
            vcn = self.wait(lambda: self.client.get_vcn(vcn.id), "AVAILABLE")
        return vcn

    def next_public_ip(self):
        self._cpe_counter[0] += 1
        n = self._cpe_counter[0]
        return "20.%d.%d.%d" % (100 + n // 65536 % 100, n // 256 % 256, n % 256 or 1)

    def cpe(self, ip_address=None, name="test-cpe"):
        return self.client.create_cpe(self.models.CreateCpeDetails(
            compartment_id=self.compartment_id, ip_address=ip_address or self.next_public_ip(),
            display_name=name)).data

    def attach_vcn(self, drg_id, vcn_id, wait=True):
        attachment = self.client.create_drg_attachment(self.models.CreateDrgAttachmentDetails(
            drg_id=drg_id, network_details=self.models.VcnDrgAttachmentNetworkCreateDetails(id=vcn_id))).data
        if wait:
            attachment = self.wait(lambda: self.client.get_drg_attachment(attachment.id), "ATTACHED")
        return attachment

    def bgp_tunnel(self, oracle_ip, customer_ip, asn="65010", secret="secret 123", **extra):
        return self.models.CreateIPSecConnectionTunnelDetails(
            routing="BGP", ike_version="V2", shared_secret=secret,
            bgp_session_config=self.models.CreateIPSecTunnelBgpSessionDetails(
                oracle_interface_ip=oracle_ip, customer_interface_ip=customer_ip, customer_bgp_asn=asn),
            **extra)

    def ipsec(self, drg_id=None, cpe_id=None, static_routes=("10.1.0.0/16",), tunnels=None, name="test-ipsec",
              wait=True, **kwargs):
        drg_id = drg_id or self.drg().id
        cpe_id = cpe_id or self.cpe().id
        connection = self.client.create_ip_sec_connection(self.models.CreateIPSecConnectionDetails(
            compartment_id=self.compartment_id, drg_id=drg_id, cpe_id=cpe_id, display_name=name,
            static_routes=list(static_routes), tunnel_configuration=tunnels, **kwargs)).data
        if wait:
            connection = self.wait(lambda: self.client.get_ip_sec_connection(connection.id), "AVAILABLE")
        return connection

    def tunnels(self, connection_id):
        return self.client.list_ip_sec_connection_tunnels(connection_id).data

    def provider(self, name="Microsoft Azure"):
        services = self.oci.pagination.list_call_get_all_results(
            self.client.list_fast_connect_provider_services, self.compartment_id).data
        return next(s for s in services if s.provider_name == name)


def _new_state_dir(prefix):
    return tempfile.mkdtemp(prefix=prefix)


@pytest.fixture(scope="session")
def twin():
    process = TwinProcess(_new_state_dir("twin-session-")).start()
    yield process
    process.stop()


@pytest.fixture(scope="session")
def slow_twin():
    """A twin whose transitions last long enough to observe intermediate states
    (``--time-scale 0.05``: a DRG attachment detaches in 1.5 s, a tunnel re-provisions in 3 s)."""
    process = TwinProcess(_new_state_dir("twin-slow-"), time_scale=SLOW_TIME_SCALE).start()
    yield process
    process.stop()


@pytest.fixture(scope="session")
def oci_network(twin):
    """A VirtualNetworkClient for the session twin (no retries, no circuit breaker)."""
    return twin.oci_network()


@pytest.fixture
def oci_build(twin, oci_network):
    """``OciBuilder`` on the session twin."""
    return OciBuilder(twin, oci_network)


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


@pytest.fixture(scope="module")
def fast_polls():
    """azure-core's LRO poller waits at most a short cap between polls (test_azure_support.cap_poll_delay);
    a module that is not about LRO timing asks for it with ``pytestmark``."""
    from test_azure_support import cap_poll_delay
    with pytest.MonkeyPatch.context() as patch:
        cap_poll_delay(patch)
        yield
