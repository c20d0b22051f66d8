"""The Azure wrapper's pure pieces: return convention, id normalisation, validators, error
conversion, credential selection, bounded waits."""

import json

import pytest
import requests
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError
from azure.core.pipeline.transport._requests_basic import RequestsTransportResponse
from azure.core.rest import HttpRequest
from azure.mgmt.core.exceptions import ARMErrorFormat
from hypothesis import given, strategies as st

from ansible_collections.interconnect.oci_azure.plugins.module_utils import (
    azure_auth, azure_checks, azure_errors, azure_ids, azure_resource, azure_shapes, azure_waits,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    CloudError, CredentialError, differences,
)

from conftest import FakeAzureClient, FakeCloud, FakePoller, params_for


# --- return convention ------------------------------------------------------------------------

def test_snake_view_flattens_properties_and_handles_acronyms():
    rest = {
        "id": "/subscriptions/s/x", "name": "p", "tags": {"CostCenter": "A1", "ownerTeam": "net"},
        "sku": {"name": "Standard"},
        "properties": {
            "peerASN": 31898, "publicIPAllocationMethod": "Static", "ipConfigurations": [
                {"name": "ipconfig1", "properties": {"publicIPAddress": {"id": "/subscriptions/s/pip"}}}],
            "bgpSettings": {"bgpPeeringAddresses": [{"ipconfigurationId": "a", "customBgpIpAddresses": []}]},
            "ipsecPolicies": [{"saLifeTimeSeconds": 3600, "dhGroup": "ECP384"}],
        },
    }
    view = azure_shapes.snake_view(rest)
    assert view["peer_asn"] == 31898
    assert view["public_ip_allocation_method"] == "Static"
    assert view["ip_configurations"][0] == {"name": "ipconfig1", "public_ip_address": {"id": "/subscriptions/s/pip"}}
    assert view["bgp_settings"]["bgp_peering_addresses"][0]["ipconfiguration_id"] == "a"
    assert view["ipsec_policies"][0] == {"sa_life_time_seconds": 3600, "dh_group": "ECP384"}
    assert view["tags"] == {"CostCenter": "A1", "ownerTeam": "net"}     # user data keeps its keys
    assert "properties" not in view


# --- ARM ids are case-insensitive --------------------------------------------------------------

def test_align_ids_takes_the_current_spelling_so_equal_ids_compare_equal():
    current = {"properties": {"ipConfigurations": [{"name": "c", "properties": {"publicIPAddress": {
        "id": "/subscriptions/S/resourcegroups/RG-Prod/providers/Microsoft.Network/publicIPAddresses/pip1"}}}]}}
    wanted = {"properties": {"ipConfigurations": [{"name": "c", "properties": {"publicIPAddress": {
        "id": "/subscriptions/s/resourceGroups/rg-prod/providers/Microsoft.Network/publicIPAddresses/PIP1"}}}]}}
    assert differences(wanted, current)                              # as the user wrote it
    aligned = azure_ids.align_ids(wanted, current)
    assert differences(aligned, current) == []
    # a different id stays different
    other = {"properties": {"ipConfigurations": [{"name": "c", "properties": {"publicIPAddress": {
        "id": "/subscriptions/s/resourceGroups/rg-prod/providers/Microsoft.Network/publicIPAddresses/pip2"}}}]}}
    assert differences(azure_ids.align_ids(other, current), current) == ["properties.ipConfigurations"]


@given(st.text(alphabet="abcXYZ-_019", min_size=1, max_size=12), st.booleans())
def test_align_ids_is_identity_on_case(name, upper):
    arm_id = azure_ids.resource_id("sub", "Group", "virtualNetworks", name)
    spelled = arm_id.upper() if upper else arm_id.lower()
    assert azure_ids.align_ids({"id": spelled}, {"id": arm_id}) == {"id": arm_id}


def test_references_ids_and_names():
    assert azure_ids.reference("pip1", "s", "rg", "publicIPAddresses") == \
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip1"
    full = "/subscriptions/s/resourceGroups/other/providers/Microsoft.Network/publicIPAddresses/pip9"
    assert azure_ids.reference(full, "s", "rg", "publicIPAddresses") == full
    assert azure_ids.parse_id(full) == {"subscription": "s", "resource_group": "other",
                                        "type": "publicIPAddresses", "name": "pip9"}
    assert azure_ids.same_id(full.upper(), full + "/")
    assert azure_shapes.normalise_location("East US 2") == "eastus2"
    assert azure_shapes.string_tags({"n": 1, "b": True, "s": "x"}) == {"n": "1", "b": "True", "s": "x"}


# --- validators --------------------------------------------------------------------------------

@pytest.mark.parametrize("asn,ok", [
    (65010, True), (31898, True), (4200000000, True),
    (65515, False), (65517, False), (65520, False), (8075, False), (12076, False), (23456, False),
    (64496, False), (64511, False), (65535, False), (65551, False), (4294967295, False), (0, False),
])
def test_reserved_asns(asn, ok):
    assert (azure_checks.asn_problem(asn, "asn") is None) is ok


def test_gateway_may_keep_its_default_asn():
    assert azure_checks.asn_problem(65515, "bgp_settings.asn", allowed=(65515,)) is None


@pytest.mark.parametrize("address,ok", [
    ("169.254.21.0", True), ("169.254.21.1", True), ("169.254.22.255", True),
    ("169.254.20.255", False), ("169.254.23.0", False), ("10.0.0.1", False), ("nope", False),
])
def test_apipa_range(address, ok):
    assert (azure_checks.apipa_problem(address, "apipa") is None) is ok


def test_option_for_target_prefers_the_longest_match():
    table = {"bgpSettings": "bgp_settings", "bgpSettings.asn": "bgp_settings.asn"}
    assert azure_errors.option_for_target("properties.bgpSettings.asn", table) == "bgp_settings.asn"
    assert azure_errors.option_for_target("properties.bgpSettings.peerWeight", table) == "bgp_settings"
    assert azure_errors.option_for_target("properties.sku", table) is None
    assert azure_errors.option_for_target(None, table) is None


def test_strip_read_only():
    body = {"etag": "x", "properties": {"provisioningState": "Succeeded", "a": [{"provisioningState": "y", "b": 1}]}}
    assert azure_shapes.strip_read_only(body) == {"properties": {"a": [{"b": 1}]}}


# --- errors ------------------------------------------------------------------------------------

def arm_response(status, body, headers=None):
    raw = requests.models.Response()
    raw.status_code = status
    raw._content = json.dumps(body).encode()
    raw.headers["Content-Type"] = "application/json"
    for key, value in (headers or {}).items():
        raw.headers[key] = value
    return RequestsTransportResponse(HttpRequest("PUT", "https://arm.example/x"), raw)


def test_cloud_error_carries_code_message_target_request_id_and_hint():
    response = arm_response(400, {"error": {
        "code": "ActiveActiveGatewayMustHaveExactlyTwoIpConfigurations", "message": "needs two",
        "target": "properties.ipConfigurations", "details": [{"code": "D", "message": "see docs"}]}},
        {"x-ms-request-id": "req-1"})
    error = azure_errors.cloud_error(HttpResponseError(response=response, error_format=ARMErrorFormat),
                                     {"ipConfigurations": "ip_configurations"})
    assert isinstance(error, CloudError)
    assert (error.code, error.status, error.request_id) == (
        "ActiveActiveGatewayMustHaveExactlyTwoIpConfigurations", 400, "req-1")
    assert error.field == "properties.ipConfigurations (module option ip_configurations)"
    assert error.message == "needs two; see docs"
    assert "exactly two entries" in error.hint
    text = error.to_msg()
    assert "req-1" in text and "ActiveActiveGatewayMustHaveExactlyTwoIpConfigurations" in text


def test_cloud_error_from_a_detail_target_and_from_identity():
    response = arm_response(400, {"error": {"code": "InvalidRequestFormat", "message": "Cannot parse",
                                            "details": [{"code": "x", "target": "properties.sharedKey",
                                                         "message": "too long"}]}})
    error = azure_errors.cloud_error(HttpResponseError(response=response, error_format=ARMErrorFormat),
                                     {"sharedKey": "shared_key"})
    assert error.field == "properties.sharedKey (module option shared_key)"
    auth = azure_errors.cloud_error(ClientAuthenticationError(
        "AADSTS7000215: Invalid client secret provided. Trace ID: 1"))
    assert auth.code == "AADSTS7000215" and "client_id, secret" in auth.hint


def test_a_resource_id_target_is_not_called_a_field():
    rid = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/connections/c1"
    response = arm_response(409, {"error": {"code": "AnotherOperationInProgress", "target": rid,
                                            "message": "Another operation is in progress."}})
    error = azure_errors.cloud_error(HttpResponseError(response=response, error_format=ARMErrorFormat))
    assert error.field is None and "field" not in error.to_msg()
    assert "waited for it within wait_timeout" in error.hint


# --- credentials -------------------------------------------------------------------------------

SPEC = {}


def plan(**given):
    return azure_auth.credential_plan(params_for(SPEC, **given).params)


def test_service_principal_with_private_authority_and_ca_bundle(monkeypatch):
    for var in ("AZURE_CLIENT_ID", "AZURE_SECRET", "AZURE_CLIENT_SECRET", "AZURE_TENANT", "AZURE_TENANT_ID",
                "AZURE_AUTHORITY_HOST", "AZURE_CA_BUNDLE"):
        monkeypatch.delenv(var, raising=False)
    name, kwargs = plan(client_id="c", secret="s", tenant="t", authority_host="https://127.0.0.1:8443",
                        ca_bundle="/ca.pem")
    assert name == "ClientSecretCredential"
    assert kwargs == dict(tenant_id="t", client_id="c", client_secret="s", authority="https://127.0.0.1:8443",
                          disable_instance_discovery=True, connection_verify="/ca.pem")
    # a public authority keeps instance discovery
    name, kwargs = plan(client_id="c", secret="s", tenant="t", authority_host="login.microsoftonline.us")
    assert kwargs["authority"] == "https://login.microsoftonline.us" and "disable_instance_discovery" not in kwargs


def test_env_fallbacks_take_both_collections_names(monkeypatch):
    for var in ("AZURE_SECRET", "AZURE_TENANT"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AZURE_CLIENT_ID", "cid")
    monkeypatch.setenv("AZURE_CLIENT_SECRET", "identity-secret")
    monkeypatch.setenv("AZURE_TENANT_ID", "tid")
    name, kwargs = plan()
    assert (name, kwargs["client_secret"], kwargs["tenant_id"]) == ("ClientSecretCredential", "identity-secret", "tid")
    monkeypatch.setenv("AZURE_SECRET", "azcollection-secret")    # azure.azcollection's name wins
    monkeypatch.setenv("AZURE_TENANT", "t2")
    name, kwargs = plan()
    assert (kwargs["client_secret"], kwargs["tenant_id"]) == ("azcollection-secret", "t2")


def test_other_sources(monkeypatch):
    for var in ("AZURE_CLIENT_ID", "AZURE_SECRET", "AZURE_CLIENT_SECRET", "AZURE_TENANT", "AZURE_TENANT_ID",
                "AZURE_AUTHORITY_HOST", "AZURE_CA_BUNDLE", "AZURE_CLIENT_CERTIFICATE_PATH",
                "AZURE_FEDERATED_TOKEN_FILE"):
        monkeypatch.delenv(var, raising=False)
    assert plan(client_id="c", tenant="t", certificate_path="/c.pem", certificate_password="pw") == (
        "CertificateCredential", dict(tenant_id="t", client_id="c", certificate_path="/c.pem", password="pw"))
    assert plan(client_id="c", tenant="t", federated_token_file="/tok")[0] == "WorkloadIdentityCredential"
    assert plan(auth_source="managed_identity", client_id="uami") == ("ManagedIdentityCredential",
                                                                      {"client_id": "uami"})
    assert plan(auth_source="cli", tenant="t") == ("AzureCliCredential", {"tenant_id": "t"})
    assert plan()[0] == "DefaultAzureCredential"
    with pytest.raises(CredentialError) as info:
        plan(auth_source="service_principal", client_id="c")
    assert [entry[1] for entry in info.value.missing] == ["tenant", "secret"]
    assert "AZURE_CLIENT_CERTIFICATE_PATH (certificate_path)" in info.value.hint


def test_client_uses_the_endpoint_for_scope_and_tls(monkeypatch):
    module = params_for(SPEC, client_id="c", secret="s", tenant="t",
                        resource_manager_endpoint="https://127.0.0.1:9443/", ca_bundle="/ca.pem")
    seen = {}

    class Recorder:
        def __init__(self, credential, subscription_id, **kwargs):
            seen.update(kwargs, subscription_id=subscription_id)

    monkeypatch.setattr(azure_auth, "NetworkManagementClient", Recorder)
    client = azure_auth.AzureClient(module)
    assert isinstance(client.network, Recorder)
    assert seen["base_url"] == "https://127.0.0.1:9443"
    assert seen["credential_scopes"] == ["https://127.0.0.1:9443/.default"]
    assert seen["connection_verify"] == "/ca.pem"
    # azure-core's own total; its connect/read/status caps (3 each by default) follow it, or a
    # fourth 500 in a row would fail the call with retries left
    assert [seen[name] for name in ("retry_total", "retry_connect", "retry_read", "retry_status")] \
        == [10, 10, 10, 10]


# --- bounded waits -----------------------------------------------------------------------------

def test_lro_that_does_not_finish_in_time_is_a_timeout_error():
    module = params_for(SPEC)
    client = FakeAzureClient(module, FakeCloud())
    with pytest.raises(CloudError) as info:
        client.finish(FakePoller(None, finished=False), True, 5, "the gateway to be provisioned")
    assert info.value.code == "Timeout" and "5 seconds" in info.value.message
    assert "wait: true" in info.value.hint
    assert client.finish(FakePoller({"a": 1}, finished=False), False, 5, "x") == {"a": 1}


def test_wait_until_is_bounded(monkeypatch):
    module = params_for(SPEC, polling_interval=0.01)
    client = FakeAzureClient(module, FakeCloud())
    states = iter(["Updating", "Updating", "Succeeded"])
    found = client.wait_until(lambda: {"properties": {"provisioningState": next(states)}},
                              lambda r: azure_waits.provisioning_state(r) == "Succeeded", 5, "x")
    assert azure_waits.provisioning_state(found) == "Succeeded"
    with pytest.raises(CloudError) as info:
        client.wait_until(lambda: {"properties": {"provisioningState": "Updating"}}, lambda r: False, 0.05,
                          "the gateway")
    assert "last state Updating" in info.value.message


def test_wait_until_backs_off_from_one_second_to_the_polling_interval(monkeypatch):
    module = params_for(SPEC, polling_interval=30)
    client = FakeAzureClient(module, FakeCloud())
    sleeps = []
    monkeypatch.setattr(azure_waits.time, "sleep", sleeps.append)
    states = iter(["Updating"] * 7 + ["Succeeded"])
    client.wait_until(lambda: {"properties": {"provisioningState": next(states)}},
                      lambda r: azure_waits.provisioning_state(r) == "Succeeded", 3600, "x")
    assert sleeps == [1.0, 2.0, 4.0, 8.0, 16.0, 30, 30]


def test_several_read_actions_are_all_started_before_any_is_awaited(monkeypatch):
    """N gateway actions (BGP peers, learned routes, routes per neighbor) overlap: their pollers
    run together, one shared deadline bounds them all."""
    module = params_for(SPEC)
    client = FakeAzureClient(module, FakeCloud())
    events = []

    class Poller(FakePoller):
        def __init__(self, name):
            super().__init__({"value": [name]})
            self.name = name

        def wait(self, timeout=None):
            events.append(("wait", self.name, timeout))

    def begin(group, name, polling=None, peer=None):
        events.append(("start", peer, polling))
        return Poller(peer)

    clock = iter([100.0, 103.0, 104.0])
    monkeypatch.setattr(azure_waits.time, "time", lambda: next(clock))
    answers = client.lros([(begin, ("rg", "gw"), {"peer": p}, "routes to %s" % p) for p in ("a", "b")],
                          timeout=10)
    assert answers == [{"value": ["a"]}, {"value": ["b"]}]
    assert events == [("start", "a", True), ("start", "b", True), ("wait", "a", 7.0), ("wait", "b", 6.0)]


def test_a_failed_read_action_does_not_lose_the_others_when_errors_are_returned():
    module = params_for(SPEC)
    client = FakeAzureClient(module, FakeCloud())

    def refused(*args, **kwargs):
        raise CloudError("no such table", cloud="Azure", code="NotFound", status=404)

    def served(*args, **kwargs):
        return FakePoller({"value": [1]})

    requests = [(refused, (), {}, "a"), (served, (), {}, "b")]
    first, second = client.lros(requests, timeout=5, return_errors=True)
    assert isinstance(first, CloudError) and first.code == "NotFound"
    assert second == {"value": [1]}
    with pytest.raises(CloudError):
        client.lros(requests, timeout=5)


class _Ended(Exception):
    pass


class _InfoModule:
    params = {"name": "gw1"}

    def fail_json(self, **kwargs):
        raise _Ended(("fail", kwargs))

    def exit_json(self, **kwargs):
        raise _Ended(("exit", kwargs))


def test_an_info_module_names_the_resource_and_the_cloud_error(monkeypatch):
    # run_info's cloud-error branch: found by sanity (an undefined name, reached only on an error)
    monkeypatch.setattr(azure_resource, "AzureClient", lambda module: None)

    def read(client, params):
        raise CloudError("The gateway was not found.", cloud="Azure", code="ResourceNotFound", status=404,
                         request_id="req-9")

    with pytest.raises(_Ended) as ended:
        azure_resource.run_info(_InfoModule(), read, "virtual network gateway gw1")
    verdict, result = ended.value.args[0]
    assert verdict == "fail"
    assert "virtual network gateway gw1" in result["msg"]
    assert "ResourceNotFound" in result["msg"] and "req-9" in result["msg"]

    def good(client, params):
        return {"gateways": [params["name"]]}

    with pytest.raises(_Ended) as ended:
        azure_resource.run_info(_InfoModule(), good, "virtual network gateway gw1")
    assert ended.value.args[0] == ("exit", {"changed": False, "gateways": ["gw1"]})
