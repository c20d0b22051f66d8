"""Entra client-credentials tokens and ARM bearer checks, through azure-identity and azure-core."""

import json
import os
import time
import uuid

import pytest
from azure.core import PipelineClient
from azure.core.credentials import AccessToken
from azure.core.exceptions import ClientAuthenticationError
from azure.core.rest import HttpRequest
from azure.identity import ClientSecretCredential
from test_azure_support import error_code

ARM_SCOPE = "https://management.azure.com/.default"


def test_client_secret_credential_gets_a_token(twin):
    token = twin.azure_credential().get_token(ARM_SCOPE)
    assert token.token.count(".") == 2                      # JWT-shaped
    assert 3500 < token.expires_on - time.time() <= 3600


def test_the_network_client_authenticates_with_the_token(twin):
    client = twin.azure_network()
    rg = "rg-auth-%s" % uuid.uuid4().hex[:6]
    twin.ensure_resource_group(rg)
    assert list(client.virtual_networks.list(rg)) == []


def test_wrong_secret_is_aadsts7000215(twin):
    credential = twin.azure_credential(client_secret="not-the-secret")
    with pytest.raises(ClientAuthenticationError) as info:
        credential.get_token(ARM_SCOPE)
    assert "AADSTS7000215: Invalid client secret provided" in str(info.value)


def test_unknown_client_is_aadsts700016(twin):
    azure = twin.endpoints["azure"]
    credential = ClientSecretCredential(azure["tenant_id"], str(uuid.uuid4()), azure["client_secret"],
                                        authority=azure["authority"], disable_instance_discovery=True,
                                        connection_verify=twin.ca_bundle)
    with pytest.raises(ClientAuthenticationError) as info:
        credential.get_token(ARM_SCOPE)
    assert "AADSTS700016" in str(info.value)


def test_unknown_tenant_is_aadsts90002(twin):
    azure = twin.endpoints["azure"]
    credential = ClientSecretCredential(str(uuid.uuid4()), azure["client_id"], azure["client_secret"],
                                        authority=azure["authority"], disable_instance_discovery=True,
                                        connection_verify=twin.ca_bundle)
    with pytest.raises(ClientAuthenticationError) as info:
        credential.get_token(ARM_SCOPE)
    # MSAL fails at tenant discovery, as against login.microsoftonline.com ...
    assert "Unable to get authority configuration" in str(info.value)
    # ... whose answer for an unknown tenant is a 400 with AADSTS90002
    client = PipelineClient(azure["authority"], connection_verify=twin.ca_bundle)
    response = client.send_request(HttpRequest(
        "GET", "%s/%s/v2.0/.well-known/openid-configuration" % (azure["authority"], uuid.uuid4())))
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_tenant" and body["error_codes"] == [90002]
    assert body["error_description"].startswith("AADSTS90002: Tenant ")


def test_openid_configuration_is_built_from_the_twin_url(twin):
    azure = twin.endpoints["azure"]
    client = PipelineClient(azure["authority"], connection_verify=twin.ca_bundle)
    for path in ("/%s/v2.0/.well-known/openid-configuration", "/%s/.well-known/openid-configuration"):
        response = client.send_request(HttpRequest("GET", azure["authority"] + path % azure["tenant_id"]))
        assert response.status_code == 200
        doc = response.json()
        assert doc["token_endpoint"].startswith("%s/%s/oauth2/" % (azure["authority"], azure["tenant_id"]))
        assert doc["authorization_endpoint"].startswith(azure["authority"])
        assert doc["issuer"].startswith(azure["authority"])


def _unauthenticated_get(twin, headers=None):
    azure = twin.endpoints["azure"]
    client = PipelineClient(azure["resource_manager"], connection_verify=twin.ca_bundle)
    url = "%s/subscriptions/%s/resourcegroups?api-version=2021-04-01" % (azure["resource_manager"],
                                                                          azure["subscription_id"])
    return client.send_request(HttpRequest("GET", url, headers=headers or {}))


def test_arm_without_token_is_401_authentication_failed(twin):
    response = _unauthenticated_get(twin)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "AuthenticationFailed"
    challenge = response.headers["WWW-Authenticate"]
    assert challenge.startswith("Bearer ") and 'error="invalid_token"' in challenge
    assert "authorization_uri=" in challenge


def test_arm_with_malformed_header_is_401(twin):
    response = _unauthenticated_get(twin, {"Authorization": "Basic abc"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "AuthenticationFailedInvalidHeader"


class _StaticCredential:
    """A TokenCredential that hands out a fixed token (to send bad or expired tokens through the SDK)."""

    def __init__(self, token):
        self.token = token

    def get_token(self, *scopes, **kwargs):
        return AccessToken(self.token, int(time.time()) + 3600)


def test_forged_token_is_401_invalid_authentication_token(twin):
    real = twin.azure_credential().get_token(ARM_SCOPE).token
    header, payload, signature = real.split(".")
    forged = "%s.%s.%s" % (header, payload, signature[::-1])
    client = twin.azure_network(credential=_StaticCredential(forged))
    with pytest.raises(ClientAuthenticationError) as info:
        list(client.virtual_networks.list_all())
    assert error_code(info.value) == "InvalidAuthenticationToken"
    assert info.value.response.headers["WWW-Authenticate"].startswith("Bearer ")


def test_expired_token_is_401_expired_authentication_token(twin):
    # Sign an already-expired token with the twin's own key (derived from its state dir's identity).
    from emulator.azure import auth as azure_auth
    from emulator.core.store import Clock

    with open(os.path.join(twin.state_dir, "credentials.json"), encoding="utf-8") as fh:
        identity = json.load(fh)

    class _Signer:
        clock = Clock()
        base_url = twin.endpoints["azure"]["authority"]

    _Signer.identity = identity
    expired = azure_auth.issue_token(_Signer, "https://management.azure.com/", now=time.time() - 7200)
    client = twin.azure_network(credential=_StaticCredential(expired))
    with pytest.raises(ClientAuthenticationError) as info:
        list(client.virtual_networks.list_all())
    assert error_code(info.value) == "ExpiredAuthenticationToken"
    # the same key signs a fresh token the twin accepts: the failure above is the expiry alone
    fresh = azure_auth.issue_token(_Signer, "https://management.azure.com/")
    assert list(twin.azure_network(credential=_StaticCredential(fresh)).virtual_networks.list_all()) is not None


def test_token_for_another_audience_is_rejected(twin):
    from emulator.azure import auth as azure_auth
    from emulator.core.store import Clock

    with open(os.path.join(twin.state_dir, "credentials.json"), encoding="utf-8") as fh:
        identity = json.load(fh)

    class _Signer:
        clock = Clock()
        base_url = twin.endpoints["azure"]["authority"]

    _Signer.identity = identity
    graph = azure_auth.issue_token(_Signer, "https://graph.microsoft.com/")
    client = twin.azure_network(credential=_StaticCredential(graph))
    with pytest.raises(ClientAuthenticationError) as info:
        list(client.virtual_networks.list_all())
    assert error_code(info.value) == "InvalidAuthenticationTokenAudience"
