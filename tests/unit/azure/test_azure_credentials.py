"""A missing Azure credential fails once, before any call: one message that names the missing
option by its environment variables and module option, never the SDK's credential chain."""

import json
import os

import pytest
from ansible.module_utils.testing import patch_module_args
from azure.core.exceptions import ClientAuthenticationError
from azure.identity import DefaultAzureCredential

from ansible_collections.interconnect.oci_azure.plugins.module_utils import azure_auth, azure_errors
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CredentialError
from ansible_collections.interconnect.oci_azure.plugins.modules import azure_virtual_network_gateway_info

from conftest import params_for

SPEC = {}
AZURE_VARIABLES = [name for variables in azure_errors.AUTH_VARIABLES.values() for name in variables] + [
    "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_AUTHORITY_HOST", "AZURE_CA_BUNDLE", "AZURE_RESOURCE_MANAGER_ENDPOINT",
    "AZURE_USERNAME", "AZURE_PASSWORD", "IDENTITY_ENDPOINT", "MSI_ENDPOINT"]


@pytest.fixture
def no_azure_environment(monkeypatch, tmp_path):
    for name in AZURE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))       # no az, azd or pwsh to ask
    monkeypatch.setenv("HOME", str(tmp_path))       # no token cache
    return monkeypatch


def plan(**given):
    return azure_auth.credential_plan(params_for(SPEC, **given).params)


def test_a_service_principal_without_its_secret_names_the_secret(no_azure_environment):
    no_azure_environment.setenv("AZURE_CLIENT_ID", "c")
    no_azure_environment.setenv("AZURE_TENANT", "t")
    with pytest.raises(CredentialError) as caught:
        plan()
    error = caught.value
    assert error.to_msg().startswith(
        "Azure credentials: no client secret: set AZURE_SECRET or AZURE_CLIENT_SECRET (module option secret). ")
    assert "AZURE_CLIENT_CERTIFICATE_PATH (certificate_path)" in error.to_msg()
    assert "module_defaults for group/interconnect.oci_azure.azure" in error.to_msg()
    assert error.missing == [("client secret", "secret", ["AZURE_SECRET", "AZURE_CLIENT_SECRET"])]


def test_a_secret_without_client_and_tenant_names_both(no_azure_environment):
    with pytest.raises(CredentialError) as caught:
        plan(secret="s")
    assert [entry[1] for entry in caught.value.missing] == ["client_id", "tenant"]
    assert "no client ID: set AZURE_CLIENT_ID (module option client_id)" in caught.value.message
    assert "no tenant: set AZURE_TENANT or AZURE_TENANT_ID (module option tenant)" in caught.value.message


def test_a_workload_identity_without_its_tenant_names_it(no_azure_environment):
    with pytest.raises(CredentialError) as caught:
        plan(client_id="c", federated_token_file="/token")
    assert [entry[1] for entry in caught.value.missing] == ["tenant"]


def test_complete_or_other_sources_are_not_errors(no_azure_environment):
    # the control: what signs in is unchanged
    assert plan(client_id="c", tenant="t", secret="s")[0] == "ClientSecretCredential"
    assert plan(client_id="uami")[0] == "DefaultAzureCredential"          # a user-assigned identity
    assert plan(auth_source="cli")[0] == "AzureCliCredential"


def test_the_subscription_is_named_with_the_rest_at_once(no_azure_environment):
    module = params_for(SPEC, client_id="c", tenant="t")
    module.params["subscription_id"] = None
    with pytest.raises(CredentialError) as caught:
        azure_auth.AzureClient(module).credential()
    assert [entry[1] for entry in caught.value.missing] == ["subscription_id", "secret"]
    assert "set AZURE_SUBSCRIPTION_ID (module option subscription_id)" in caught.value.message


def test_defaultazurecredentials_chain_becomes_one_line(no_azure_environment):
    # the real SDK's chain of credentials that are not set up (those that would reach a network
    # endpoint, as managed identity does, left out)
    credential = DefaultAzureCredential(exclude_managed_identity_credential=True,
                                        exclude_interactive_browser_credential=True)
    with pytest.raises(ClientAuthenticationError) as raised:
        credential.get_token("https://management.azure.com/.default")
    chain = str(raised.value.message)
    assert "Attempted credentials" in chain and "EnvironmentCredential" in chain      # the control
    error = azure_errors.cloud_error(raised.value)
    assert isinstance(error, CredentialError)
    text = error.to_msg()
    assert text.startswith("Azure credentials: none found (no service principal, managed identity or Azure CLI "
                           "login); no client ID: set AZURE_CLIENT_ID (module option client_id); no client "
                           "secret: set AZURE_SECRET or AZURE_CLIENT_SECRET (module option secret)"), text
    assert "AZURE_AUTH_SOURCE (module option auth_source)" in text
    assert "Credential:" not in text and "aka.ms" not in text and "\n" not in text


def test_a_credential_of_the_chain_that_tried_and_failed_is_the_one_named():
    chain = ("DefaultAzureCredential failed to retrieve a token from the included credentials.\n"
             "Attempted credentials:\n"
             "\tEnvironmentCredential: EnvironmentCredential authentication unavailable. Environment variables "
             "are not fully configured.\n"
             "\tAzureCliCredential: ERROR: AADSTS700082: The refresh token has expired.\n"
             "To mitigate this issue, please refer to the troubleshooting guidelines here at "
             "https://aka.ms/azsdk/python/identity/defaultazurecredential/troubleshoot.")
    error = azure_errors.cloud_error(ClientAuthenticationError(message=chain))
    assert error.to_msg().startswith("Azure credentials: AzureCliCredential could not sign in: ERROR: AADSTS700082: "
                                     "The refresh token has expired.")
    assert "EnvironmentCredential" not in error.to_msg()


def test_a_module_without_the_secret_fails_once_before_any_call(no_azure_environment, monkeypatch, capsys):
    no_azure_environment.setenv("AZURE_CLIENT_ID", "c")
    no_azure_environment.setenv("AZURE_TENANT", "t")
    no_azure_environment.setenv("AZURE_SUBSCRIPTION_ID", "00000000-0000-0000-0000-000000000001")
    clients = []
    monkeypatch.setattr(azure_auth, "NetworkManagementClient", lambda *args, **kwargs: clients.append(args))
    with patch_module_args({"name": "vng", "resource_group": "rg"}):
        with pytest.raises(SystemExit):
            azure_virtual_network_gateway_info.main()
    result = json.loads(capsys.readouterr().out)
    assert result["failed"] and clients == []
    assert result["msg"].startswith("Azure credentials: no client secret: set AZURE_SECRET")
    # stated once: the structured error carries what is missing, not the message again
    assert json.dumps(result).count("no client secret") == 1, result
    assert result["error"]["missing"] == [{"what": "client secret", "option": "secret",
                                           "variables": ["AZURE_SECRET", "AZURE_CLIENT_SECRET"]}]
    assert os.environ.get("AZURE_SECRET") is None
