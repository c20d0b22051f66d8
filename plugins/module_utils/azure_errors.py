# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Azure errors as messages a user can act on: the resource, the option (ARM's ``target``), the
ARM error code, the ``x-ms-request-id`` and what to do (:data:`HINTS`).

Also the one place that imports azure-core's exceptions: without the SDK, :data:`HAS_AZURE` is
False and :func:`azure_resource.azure_module` says which library to install.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import traceback

from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    CloudError,
    CredentialError,
)

AZURE_IMPORT_ERROR = None
try:
    # HttpResponseError and ResourceNotFoundError are re-exported (azure_auth raises them), so that
    # without the SDK every importer gets the placeholders below.
    from azure.core.exceptions import (  # pylint: disable=unused-import
        AzureError,
        ClientAuthenticationError,
        HttpResponseError,
        ResourceNotFoundError,
    )
    import azure.mgmt.network  # noqa: F401  pylint: disable=unused-import
    import azure.identity  # noqa: F401  pylint: disable=unused-import
    HAS_AZURE = True
except ImportError:
    HAS_AZURE = False
    AZURE_IMPORT_ERROR = traceback.format_exc()

    class AzureError(Exception):
        """Placeholder so ``except AzureError`` stays valid without the SDK."""

    ClientAuthenticationError = HttpResponseError = ResourceNotFoundError = AzureError

# The environment variables of the options that say who the modules are (azure.azcollection's
# name first, then azure-identity's): azure_auth_spec's fallbacks, and what a credential error
# names.
AUTH_VARIABLES = {
    "subscription_id": ["AZURE_SUBSCRIPTION_ID"],
    "client_id": ["AZURE_CLIENT_ID"],
    "secret": ["AZURE_SECRET", "AZURE_CLIENT_SECRET"],
    "tenant": ["AZURE_TENANT", "AZURE_TENANT_ID"],
    "certificate_path": ["AZURE_CLIENT_CERTIFICATE_PATH"],
    "federated_token_file": ["AZURE_FEDERATED_TOKEN_FILE"],
    "auth_source": ["AZURE_AUTH_SOURCE"],
}
AUTH_PIECES = {
    "subscription_id": "subscription",
    "client_id": "client ID",
    "secret": "client secret",
    "tenant": "tenant",
    "federated_token_file": "federated token file",
}
CREDENTIALS_WHERE = ("They come from the run's environment (an AWX credential, docs/awx.md) or from "
                     "module_defaults for group/interconnect.oci_azure.azure (docs/auth.md)")
# DefaultAzureCredential's message when no way of signing in is set up: the chain of every
# credential it tried, each saying why it did not apply.
CHAIN_HEAD = "DefaultAzureCredential failed to retrieve a token"
CHAIN_ENTRY = re.compile(r"^\s*(\w+Credential): (.*)$", re.M)
NOT_SET_UP = re.compile(r"unavailable|not found|not installed|could not be found|requires the|"
                        r"not fully configured|no accounts", re.I)


def missing_credentials(options, hint=None, problem=None):
    """A :class:`CredentialError` naming each missing option by its variables."""
    return CredentialError("Azure", [(AUTH_PIECES[option], option, AUTH_VARIABLES[option])
                                     for option in options],
                           hint=hint or CREDENTIALS_WHERE, problem=problem)


def chain_error(message):
    """DefaultAzureCredential's chain -> one line: the credential that tried and failed, if one
    did; else none was set up, and the service principal's variables are what to set."""
    tried = [(name, text.strip()) for name, text in CHAIN_ENTRY.findall(message)
             if not NOT_SET_UP.search(text)]
    if tried:
        name, text = tried[0]
        return CredentialError("Azure", [], hint=HINTS["AuthenticationFailed"],
                               problem="%s could not sign in: %s" % (name, text.splitlines()[0]))
    return missing_credentials(
        ["client_id", "secret", "tenant"],
        problem="none found (no service principal, managed identity or Azure CLI login)",
        hint="Or set AZURE_AUTH_SOURCE (module option auth_source) to managed_identity, cli or "
             "workload_identity. " + CREDENTIALS_WHERE)


# What the user can do about an ARM error code.
HINTS = {
    "AuthenticationFailed": "check client_id, secret/certificate, tenant and authority_host",
    "InvalidAuthenticationToken": "check tenant, authority_host and resource_manager_endpoint "
                                  "(the token audience is <resource_manager_endpoint>/.default)",
    "ExpiredAuthenticationToken": "re-run; the token expired during a long wait",
    "AuthorizationFailed": "grant the identity the Network Contributor role on the resource group",
    "InvalidSubscriptionId": "check subscription_id (AZURE_SUBSCRIPTION_ID)",
    "SubscriptionNotFound": "check subscription_id (AZURE_SUBSCRIPTION_ID)",
    "ResourceGroupNotFound": "create the resource group first (interconnect.oci_azure."
                             "azure_resource_group) or fix resource_group",
    "ResourceNotFound": "create the referenced resource first, or fix its name or id",
    "InvalidResourceReference": "a referenced resource does not exist: fix its name or id",
    "NotFound": "create the referenced resource first, or fix its name or id",
    "AnotherOperationInProgress": "another operation is running on this resource or one it "
                                  "depends on (its gateway); the module waited for it within "
                                  "wait_timeout: run again once that operation is over",
    "InUseSubnetCannotBeDeleted": "delete what uses the subnet (the gateway) first",
    "InUseSubnetCannotBeUpdated": "delete what uses the subnet (the gateway) first",
    "PublicIPAddressInUse": "delete or re-point what uses the public IP (the gateway) first",
    "InUsePublicIpAddressCannotBeDeleted": "delete the gateway that uses the public IP first",
    "ActiveActiveGatewayMustHaveExactlyTwoIpConfigurations":
        "give ip_configurations exactly two entries, each with its own public IP",
    "BgpPeeringAddressesCountNotCorrect":
        "one BGP peering address entry per ip configuration (1 active-passive, 2 active-active)",
    "VirtualNetworkGatewayBgpPeeringAddressCannotBeModified":
        "this BGP peering address cannot change in the gateway's current state; delete the "
        "connections that use it, or re-create the gateway",
    "NonAzSkusNotAllowedForVPNGateway": "Azure no longer creates VpnGw1-5 (non-AZ) gateways: use "
                                        "VpnGw1AZ-VpnGw5AZ (gateway-sku-consolidation)",
    "VmssVpnGatewayPublicIpsMustHaveZonesConfigured": "an AZ gateway SKU needs Standard public IPs "
                                                      "with zones: create them with zones 1, 2, 3",
    "InvalidCustomBgpIpAddress": "custom APIPA addresses must be within %s-%s" % (R.APIPA_FIRST, R.APIPA_LAST),
    "ReservedAsn": "choose an ASN that Azure does not reserve (see the module documentation)",
    "CannotDeleteResourceInUse": "delete the resources that depend on it first",
    "InUseVirtualNetworkGatewayCannotBeDeleted": "delete the gateway's connections first",
    "InUseLocalNetworkGatewayCannotBeDeleted": "delete the connections that use it first",
    "ExpressRouteGatewayBypassNotSupported": "FastPath needs an UltraPerformance, ErGw3AZ or "
                                             "ErGwScale gateway",
    "Timeout": "re-run the same task with wait: true (it makes no write when nothing changed), "
               "or raise wait_timeout",
    "ConnectionError": "check resource_manager_endpoint, authority_host, ca_bundle and the "
                       "network path to them",
}


def option_for_target(target, table):
    """Module option that an ARM error ``target`` points at (longest match), or None."""
    if not target:
        return None
    lowered = target.lower()
    best = None
    for fragment, option in table.items():
        if fragment.lower() in lowered and (best is None or len(fragment) > len(best[0])):
            best = (fragment, option)
    return best[1] if best else None


def target_options(fields, extra=None):
    """ARM error target fragment -> module option, from a field table: each field's read path
    without ``properties.`` wrappers, and for a property its last segment (the first field to
    claim a segment keeps it); ``extra`` adds fragments the table cannot say (a value built from
    several options)."""
    found = {}
    for field in fields or ():
        segments = [part for part in field.read.split(".") if part != "properties"]
        found.setdefault(".".join(segments), field.option)
        if field.read.startswith("properties."):
            found.setdefault(segments[-1], field.option)
    found.update(extra or {})
    return found


def cloud_error(exc, target_options=None):
    """Any SDK or identity exception -> :class:`CloudError` with code, message, target, request id
    and a hint."""
    if isinstance(exc, CloudError):
        return exc
    if isinstance(exc, ClientAuthenticationError) and CHAIN_HEAD in str(getattr(exc, "message", None) or exc):
        return chain_error(str(getattr(exc, "message", None) or exc))
    code = target = request_id = None
    status = getattr(exc, "status_code", None)
    message = None
    error = getattr(exc, "error", None)
    if error is not None:
        code = getattr(error, "code", None)
        message = getattr(error, "message", None)
        target = getattr(error, "target", None)
        details = getattr(error, "details", None) or []
        for detail in details:
            target = target or getattr(detail, "target", None)
            detail_message = getattr(detail, "message", None)
            if detail_message and detail_message not in (message or ""):
                message = "%s; %s" % (message, detail_message) if message else detail_message
    response = getattr(exc, "response", None)
    if response is not None:
        headers = getattr(response, "headers", None) or {}
        request_id = headers.get("x-ms-request-id") or headers.get("x-ms-correlation-request-id")
        status = status or getattr(response, "status_code", None)
    if not message:
        message = getattr(exc, "message", None) or str(exc) or exc.__class__.__name__
    message = message.strip()
    if not code:
        found = re.search(r"\b(AADSTS\d+)", message)
        if found:
            code = found.group(1)
        elif isinstance(exc, ClientAuthenticationError):
            code = "AuthenticationFailed"
        elif HAS_AZURE and exc.__class__.__name__ in ("ServiceRequestError", "ServiceResponseError"):
            code = "ConnectionError"
    hint = HINTS.get(code) if code else None
    if code and code.startswith("AADSTS"):
        hint = HINTS["AuthenticationFailed"]
    # a target that is a resource id names the resource (already in the message), not a field
    field = None if str(target or "").lower().startswith("/subscriptions/") else target
    option = option_for_target(target, target_options or {})
    if option:
        field = "%s (module option %s)" % (target, option)
    return CloudError(message, cloud="Azure", field=field, code=code, status=status,
                      request_id=request_id, hint=hint)


def timeout_error(what, seconds, state=None):
    text = "gave up waiting after %s seconds for %s" % (seconds, what)
    if state:
        text += " (last state %s)" % state
    text += "; the operation continues in Azure"
    return CloudError(text, cloud="Azure", code="Timeout", hint=HINTS["Timeout"])


def fail_cloud(module, exc, what=None):
    error = cloud_error(exc)
    if what and not error.resource:
        error.resource = what
    module.fail_json(msg=error.to_msg(), error=error.to_dict())


def input_error_exit(module, exc):
    module.fail_json(msg="Invalid input: " + "; ".join(exc.problems), errors=exc.problems)
