# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Azure side of every module: authentication, the ARM client, errors, and the Azure
flavour of the shared ensure path (:class:`AzureResource`).

Resources are handled in ARM's REST read shape (camelCase, ``properties`` wrapper) from the
moment they are read (``Model.as_dict()`` of azure-mgmt-network 33.x gives exactly that) until
they are returned, when :func:`snake_view` turns them into the collection's return convention:
snake_case keys with every ``properties`` wrapper flattened into its parent.

Request bodies are plain REST-shaped dicts, which the SDK sends verbatim (33.x models reject
unknown constructor arguments, and a dict keeps read, compare and write in one shape).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re
import time
import traceback

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib
from ansible.module_utils.six import string_types

from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses
from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    CloudError,
    InputError,
    Resource,
    differences,
    mask_secrets,
    merge,
)

AZURE_IMPORT_ERROR = None
try:
    from azure.core.exceptions import (
        AzureError,
        ClientAuthenticationError,
        HttpResponseError,
        ResourceNotFoundError,
    )
    from azure.core.polling import LROPoller, NoPolling
    from azure.core.rest import HttpRequest
    from azure.mgmt.core.exceptions import ARMErrorFormat
    from azure.mgmt.core.polling.arm_polling import ARMPolling
    from azure.mgmt.network import NetworkManagementClient
    from azure import identity as azure_identity
    HAS_AZURE = True
except ImportError:
    HAS_AZURE = False
    AZURE_IMPORT_ERROR = traceback.format_exc()

    class AzureError(Exception):
        """Placeholder so ``except AzureError`` stays valid without the SDK."""

    ClientAuthenticationError = HttpResponseError = ResourceNotFoundError = AzureError

COLLECTION_VERSION = "0.1.0"
PUBLIC_RESOURCE_MANAGER = "https://management.azure.com"
# azure-core's own default: a run makes hundreds of calls, so a burst of 429/5xx must not fail it.
API_RETRIES_DEFAULT = 10
# Authority hosts that Entra's public instance discovery knows; any other needs discovery off.
KNOWN_AUTHORITY_HOSTS = (
    "login.microsoftonline.com",
    "login.microsoftonline.us",
    "login.chinacloudapi.cn",
)
RESOURCES_API_VERSION = "2021-04-01"   # Microsoft.Resources resourcegroups
TRANSITIONAL_STATES = ("Updating", "Creating", "Deleting", "Accepted", "Provisioning")
# ARM's answer to a write on a resource another operation is changing.
BUSY_CODES = ("AnotherOperationInProgress",)

# --- the clouds' rules: one table, module_utils/cloud_rules.py (the planner reads it too) ------
APIPA_RANGE = (R.APIPA_FIRST, R.APIPA_LAST)
RESERVED_ASN_RANGES = tuple((first, last) for first, last, _why in R.AZURE_RESERVED_ASN_RANGES)
VPN_SKUS = R.AZURE_VPN_SKUS
ER_SKUS = R.AZURE_ER_GATEWAY_SKUS
SKU_GENERATIONS = R.AZURE_VPN_SKU_GENERATIONS
FASTPATH_SKUS = R.AZURE_FASTPATH_SKUS
NO_CUSTOM_IPSEC_POLICY_SKUS = R.AZURE_NO_CUSTOM_IPSEC_POLICY_SKUS
SHARED_KEY_MAX = R.AZURE_SECRET_MAX

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


# --- pure helpers (no SDK needed; unit-tested) ---------------------------------------------------

def _snake(name):
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return name.lower()


OPAQUE_KEYS = ("tags",)   # user data: keys are returned as they are


def snake_view(value):
    """ARM read shape -> the collection's return convention.

    Keys become snake_case (``peerASN`` -> ``peer_asn``, ``publicIPAddress`` ->
    ``public_ip_address``) and every ``properties`` wrapper is merged into its parent, as the
    azure SDKs' ``as_dict()`` of earlier major versions did and azure.azcollection returns.
    """
    if isinstance(value, list):
        return [snake_view(item) for item in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for key, item in value.items():
        if key == "properties" and isinstance(item, dict):
            continue
        result[_snake(key)] = copy.deepcopy(item) if key in OPAQUE_KEYS else snake_view(item)
    properties = value.get("properties")
    if isinstance(properties, dict):
        for key, item in snake_view(properties).items():
            result.setdefault(key, item)
    return result


def is_arm_id(value):
    return isinstance(value, string_types) and value.lower().startswith("/subscriptions/")


def _collect_ids(value, found):
    if isinstance(value, dict):
        for item in value.values():
            _collect_ids(item, found)
    elif isinstance(value, list):
        for item in value:
            _collect_ids(item, found)
    elif is_arm_id(value):
        found.setdefault(value.lower(), value)
    return found


def align_ids(desired, current):
    """``desired`` with each ARM resource id spelled as ``current`` spells it.

    ARM ids are case-insensitive (``resourceGroups`` vs ``resourcegroups``, a resource group
    named in another case): an id the user wrote that equals one in the current resource apart
    from case is the same id, so it takes the current spelling and compares equal.
    """
    known = _collect_ids(current, {})
    if not known:
        return desired

    def walk(value):
        if isinstance(value, dict):
            return dict((key, walk(item)) for key, item in value.items())
        if isinstance(value, list):
            return [walk(item) for item in value]
        if is_arm_id(value):
            return known.get(value.lower(), value)
        return value

    return walk(desired)


def lower_ids(value):
    """``value`` with every ARM id lower-cased, for comparing (ARM ids are case-insensitive)."""
    if isinstance(value, dict):
        return dict((key, lower_ids(item)) for key, item in value.items())
    if isinstance(value, list):
        return [lower_ids(item) for item in value]
    if is_arm_id(value):
        return value.lower()
    return value


def same_id(first, second):
    return bool(first) and bool(second) and first.lower().rstrip("/") == second.lower().rstrip("/")


def resource_id(subscription_id, resource_group, resource_type, name, provider="Microsoft.Network"):
    return "/subscriptions/%s/resourceGroups/%s/providers/%s/%s/%s" % (
        subscription_id, resource_group, provider, resource_type, name)


def id_name(arm_id):
    """Last segment of an ARM id (the resource's name)."""
    return arm_id.rstrip("/").split("/")[-1] if arm_id else arm_id


def parse_id(arm_id):
    """``{"subscription", "resource_group", "type", "name"}`` of a top-level ARM id."""
    parts = arm_id.strip("/").split("/")
    lower = [p.lower() for p in parts]
    found = {}
    if "subscriptions" in lower:
        found["subscription"] = parts[lower.index("subscriptions") + 1]
    if "resourcegroups" in lower:
        found["resource_group"] = parts[lower.index("resourcegroups") + 1]
    if "providers" in lower:
        index = lower.index("providers")
        if len(parts) > index + 3:
            found["type"] = parts[index + 2]
            found["name"] = parts[index + 3]
    return found


def reference(value, subscription_id, resource_group, resource_type):
    """An option that takes a name (same resource group) or a full ARM id -> ARM id."""
    if not value:
        return None
    if is_arm_id(value):
        return value
    return resource_id(subscription_id, resource_group, resource_type, value)


def normalise_location(location):
    """ARM returns locations as ``eastus``; users write ``East US`` too."""
    return location.replace(" ", "").lower() if location else location


def string_tags(tags):
    """ARM tag values are strings; YAML may give numbers or booleans."""
    if tags is None:
        return None
    return dict((key, "%s" % value if not isinstance(value, string_types) else value)
                for key, value in tags.items())


def asn_problem(asn, option, allowed=()):
    """Why Azure would reject ``asn``, or None."""
    if asn is None or asn in allowed:
        return None
    if not 1 <= asn <= 4294967295:
        return "%s %s is not a valid ASN (1-4294967295)" % (option, asn)
    for first, last in RESERVED_ASN_RANGES:
        if first <= asn <= last:
            return ("%s %s is reserved by Azure (reserved: %s)" % (option, asn, ", ".join(
                "%d" % a if a == b else "%d-%d" % (a, b) for a, b in RESERVED_ASN_RANGES)))
    return None


def apipa_problem(address, option):
    """Why Azure would reject ``address`` as a custom APIPA BGP address, or None."""
    try:
        addresses.parse_address(address, version=None)
    except addresses.AddressError:
        return "%s %r is not an IP address" % (option, address)
    if not addresses.in_range(address, APIPA_RANGE[0], APIPA_RANGE[1]):
        return ("%s %s is outside the range Azure allows for custom APIPA BGP addresses "
                "(%s - %s)" % (option, address, APIPA_RANGE[0], APIPA_RANGE[1]))
    return None


def cidr_problem(prefix, option, version=None):
    try:
        network = addresses.parse_network(prefix, version=None)
    except addresses.AddressError as exc:
        return "%s %r is not a valid CIDR prefix (%s)" % (option, prefix, exc)
    if version and network.version != version:
        return "%s %s is not an IPv%d prefix" % (option, prefix, version)
    return None


def ip_problem(address, option):
    try:
        addresses.parse_address(address, version=None)
    except addresses.AddressError:
        return "%s %r is not an IP address" % (option, address)
    return None


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


def strip_read_only(body, keys=("etag", "provisioningState", "resourceGuid", "connectionStatus",
                                "tunnelConnectionStatus", "ingressBytesTransferred",
                                "egressBytesTransferred")):
    """A GET body made into a PUT body: drop what only the service sets."""
    if isinstance(body, dict):
        return dict((k, strip_read_only(v, keys)) for k, v in body.items() if k not in keys)
    if isinstance(body, list):
        return [strip_read_only(item, keys) for item in body]
    return body


def provisioning_state(resource):
    return ((resource or {}).get("properties") or {}).get("provisioningState")


def to_rest(value):
    """SDK result -> plain REST-shaped data (33.x models are mappings over the REST JSON)."""
    if value is None:
        return None
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if isinstance(value, list):
        return [to_rest(item) for item in value]
    if isinstance(value, dict):
        return dict((k, to_rest(v)) for k, v in value.items())
    return value


# --- errors --------------------------------------------------------------------------------------

def cloud_error(exc, target_options=None):
    """Any SDK or identity exception -> :class:`CloudError` with code, message, target, request id
    and a hint."""
    if isinstance(exc, CloudError):
        return exc
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


# --- module arguments -----------------------------------------------------------------------------

def azure_auth_spec():
    """Options every Azure module takes (documented by the azure_auth doc fragment)."""
    return dict(
        auth_source=dict(type="str", default="auto",
                         choices=["auto", "service_principal", "managed_identity", "cli",
                                  "workload_identity"],
                         fallback=(env_fallback, ["AZURE_AUTH_SOURCE"])),
        subscription_id=dict(type="str", fallback=(env_fallback, ["AZURE_SUBSCRIPTION_ID"])),
        client_id=dict(type="str", fallback=(env_fallback, ["AZURE_CLIENT_ID"])),
        secret=dict(type="str", no_log=True, aliases=["client_secret"],
                    fallback=(env_fallback, ["AZURE_SECRET", "AZURE_CLIENT_SECRET"])),
        tenant=dict(type="str", aliases=["tenant_id"],
                    fallback=(env_fallback, ["AZURE_TENANT", "AZURE_TENANT_ID"])),
        certificate_path=dict(type="path",
                              fallback=(env_fallback, ["AZURE_CLIENT_CERTIFICATE_PATH"])),
        certificate_password=dict(type="str", no_log=True,
                                  fallback=(env_fallback, ["AZURE_CLIENT_CERTIFICATE_PASSWORD"])),
        federated_token_file=dict(type="path",
                                  fallback=(env_fallback, ["AZURE_FEDERATED_TOKEN_FILE"])),
        resource_manager_endpoint=dict(type="str",
                                       fallback=(env_fallback, ["AZURE_RESOURCE_MANAGER_ENDPOINT"])),
        authority_host=dict(type="str", fallback=(env_fallback, ["AZURE_AUTHORITY_HOST"])),
        ca_bundle=dict(type="path", fallback=(env_fallback, ["AZURE_CA_BUNDLE"])),
        api_retries=dict(type="int", default=API_RETRIES_DEFAULT),
        polling_interval=dict(type="float", fallback=(env_fallback, ["AZURE_POLLING_INTERVAL"])),
    )


def azure_module(argument_spec, **kwargs):
    """AnsibleModule with the Azure options added; fails cleanly when the SDK is missing."""
    spec = azure_auth_spec()
    spec.update(argument_spec)
    kwargs.setdefault("supports_check_mode", True)
    module = AnsibleModule(argument_spec=spec, **kwargs)
    if not HAS_AZURE:
        module.fail_json(msg=missing_required_lib("azure-identity and azure-mgmt-network"),
                         exception=AZURE_IMPORT_ERROR)
    if addresses.NETADDR_IMPORT_ERROR is not None:
        module.fail_json(msg=missing_required_lib("netaddr"), exception=str(addresses.NETADDR_IMPORT_ERROR))
    return module


def fail_cloud(module, exc, what=None):
    error = cloud_error(exc)
    if what and not error.resource:
        error.resource = what
    module.fail_json(msg=error.to_msg(), error=error.to_dict())


def _authority(host):
    if not host:
        return None
    return host if "://" in host else "https://%s" % host


def credential_plan(params):
    """Which azure-identity credential the options select, and with what arguments.

    Returns ``(class_name, kwargs)``; kept apart from object creation so it can be tested.
    """
    source = params.get("auth_source") or "auto"
    client_id = params.get("client_id")
    tenant = params.get("tenant")
    secret = params.get("secret")
    certificate = params.get("certificate_path")
    token_file = params.get("federated_token_file")
    authority = _authority(params.get("authority_host"))
    common = {}
    if params.get("ca_bundle"):
        common["connection_verify"] = params["ca_bundle"]
    entra = dict(common)
    if authority:
        entra["authority"] = authority
        host = authority.split("://", 1)[1].split("/", 1)[0].lower()
        if host not in KNOWN_AUTHORITY_HOSTS:
            # private or sovereign authority: Entra's public instance discovery would reject it
            entra["disable_instance_discovery"] = True

    if source == "auto":
        if client_id and tenant and secret:
            source = "service_principal"
        elif client_id and tenant and certificate:
            source = "service_principal"
        elif client_id and tenant and token_file:
            source = "workload_identity"
        else:
            kwargs = dict(entra, exclude_interactive_browser_credential=True)
            kwargs.pop("disable_instance_discovery", None)
            if client_id:
                kwargs["managed_identity_client_id"] = client_id
            return "DefaultAzureCredential", kwargs

    if source == "service_principal":
        missing = [name for name, value in (("client_id", client_id), ("tenant", tenant))
                   if not value]
        if not (secret or certificate):
            missing.append("secret or certificate_path")
        if missing:
            raise InputError(["auth_source=service_principal needs %s" % ", ".join(missing)])
        if secret:
            return "ClientSecretCredential", dict(entra, tenant_id=tenant, client_id=client_id,
                                                  client_secret=secret)
        kwargs = dict(entra, tenant_id=tenant, client_id=client_id, certificate_path=certificate)
        if params.get("certificate_password"):
            kwargs["password"] = params["certificate_password"]
        return "CertificateCredential", kwargs
    if source == "workload_identity":
        missing = [name for name, value in (("client_id", client_id), ("tenant", tenant),
                                            ("federated_token_file", token_file)) if not value]
        if missing:
            raise InputError(["auth_source=workload_identity needs %s" % ", ".join(missing)])
        return "WorkloadIdentityCredential", dict(entra, tenant_id=tenant, client_id=client_id,
                                                  token_file_path=token_file)
    if source == "managed_identity":
        kwargs = dict(common)
        if client_id:
            kwargs["client_id"] = client_id
        return "ManagedIdentityCredential", kwargs
    if source == "cli":
        kwargs = {}
        if tenant:
            kwargs["tenant_id"] = tenant
        return "AzureCliCredential", kwargs
    raise InputError(["unknown auth_source %r" % source])


class AzureClient(object):
    """Credential + NetworkManagementClient for one module run, and calls that turn every SDK
    exception into :class:`CloudError`."""

    def __init__(self, module, target_options=None):
        self.module = module
        params = module.params
        self.target_options = target_options or {}
        self.subscription_id = params.get("subscription_id")
        self.endpoint = (params.get("resource_manager_endpoint") or PUBLIC_RESOURCE_MANAGER).rstrip("/")
        self.polling_interval = params.get("polling_interval")
        if self.polling_interval is None:
            self.polling_interval = 30.0
        self._network = None

    # -- construction ---------------------------------------------------------------------
    def credential(self):
        class_name, kwargs = credential_plan(self.module.params)
        try:
            return getattr(azure_identity, class_name)(**kwargs)
        except ValueError as exc:
            raise InputError(["%s: %s" % (class_name, exc)])

    @property
    def network(self):
        if self._network is None:
            if not self.subscription_id:
                raise InputError(["subscription_id is required (or set AZURE_SUBSCRIPTION_ID)"])
            params = self.module.params
            retries = API_RETRIES_DEFAULT if params.get("api_retries") is None else params["api_retries"]
            kwargs = dict(
                base_url=self.endpoint,
                credential_scopes=[self.endpoint + "/.default"],
                polling_interval=self.polling_interval,
                # azure-core also caps connection, read and status retries (3 each by default),
                # under the total: api_retries bounds them all.
                retry_total=retries, retry_connect=retries, retry_read=retries, retry_status=retries,
                retry_backoff_factor=0.8,
                retry_backoff_max=60,
                user_agent="interconnect.oci_azure/%s" % COLLECTION_VERSION,
            )
            if params.get("ca_bundle"):
                kwargs["connection_verify"] = params["ca_bundle"]
            self._network = NetworkManagementClient(self.credential(), self.subscription_id, **kwargs)
        return self._network

    def operations(self, name):
        return getattr(self.network, name)

    # -- calls ----------------------------------------------------------------------------
    def call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (AzureError, ValueError) as exc:
            raise cloud_error(exc, self.target_options)

    def get(self, function, *args, **kwargs):
        """REST dict of a GET, or None when it does not exist (404)."""
        try:
            return to_rest(function(*args, **kwargs))
        except ResourceNotFoundError:
            return None
        except (AzureError, ValueError) as exc:
            raise cloud_error(exc, self.target_options)

    def lro(self, begin, args, wait=True, timeout=None, what="the operation", **kwargs):
        """Start an LRO with its SDK poller; wait (bounded) when asked. Returns REST data."""
        kwargs["polling"] = True if wait else False
        poller = self.call(begin, *args, **kwargs)
        return self.finish(poller, wait, timeout, what)

    def lros(self, requests, timeout=None, return_errors=False):
        """Start several LROs, then wait for all of them, bounded by ``timeout`` in all.

        ``requests``: (begin, args, kwargs, what) tuples. The SDK's pollers poll in threads of
        their own, so N read actions (BGP peer status, learned and advertised routes, ARP and
        route tables) take as long as the slowest of them, not their sum. Returns REST data in
        the same order; with ``return_errors`` a request that failed gives its CloudError
        instead of failing the others.
        """
        def attempt(function, *args):
            try:
                return function(*args)
            except CloudError as error:
                if not return_errors:
                    raise
                return error

        started = [(attempt(lambda: self.call(begin, *args, polling=True, **kwargs)), what)
                   for begin, args, kwargs, what in requests]
        deadline = None if timeout is None else time.time() + timeout
        results = []
        for poller, what in started:
            if isinstance(poller, CloudError):
                results.append(poller)
                continue
            left = None if deadline is None else max(0.0, deadline - time.time())
            results.append(attempt(self.finish, poller, True, left, what))
        return results

    def finish(self, poller, wait, timeout, what):
        try:
            if wait:
                poller.wait(timeout)
                if not poller.done():
                    raise timeout_error(what, timeout, poller.status())
            return to_rest(poller.result())
        except (AzureError, ValueError) as exc:
            raise cloud_error(exc, self.target_options)

    # -- raw REST through the client's pipeline (resource groups: azure-mgmt-resource is not
    #    a dependency) --------------------------------------------------------------------
    def rest(self, method, path, body=None, api_version=RESOURCES_API_VERSION, wait=True,
             timeout=None, what="the operation"):
        """Send one ARM request through the client's pipeline (auth, retries, logging).

        Returns the parsed body (None when empty or 404 on GET). A 202 with a Location or
        Azure-AsyncOperation header is awaited through the SDK's ARMPolling.
        """
        url = "%s%s?api-version=%s" % (self.endpoint, path, api_version)
        request = HttpRequest(method, url, json=body, headers={"Accept": "application/json"})
        client = self.network._client   # pylint: disable=protected-access
        try:
            pipeline_response = client._pipeline.run(request, stream=False)   # pylint: disable=protected-access
            response = pipeline_response.http_response
            if response.status_code == 404:
                # GET: it does not exist. DELETE: it is gone already (a resource group answers 404
                # where other resources answer 204), e.g. the retry of a delete that was applied
                # when its first answer was lost.
                if method in ("GET", "DELETE"):
                    return None
                raise ResourceNotFoundError(response=response, error_format=ARMErrorFormat)
            if response.status_code not in (200, 201, 202, 204):
                raise HttpResponseError(response=response, error_format=ARMErrorFormat)
        except (AzureError, ValueError) as exc:
            raise cloud_error(exc, self.target_options)
        if response.status_code == 202:
            polling = ARMPolling(self.polling_interval,
                                 path_format_arguments={"endpoint": self.endpoint}) if wait else NoPolling()
            poller = LROPoller(client, pipeline_response, _json_or_none, polling)
            return self.finish(poller, wait, timeout, what)
        return _json_or_none(pipeline_response)

    def resource_group(self, name):
        return self.rest("GET", "/subscriptions/%s/resourcegroups/%s" % (self.subscription_id, name))

    def resource_group_location(self, name):
        group = self.resource_group(name)
        if group is None:
            raise CloudError("resource group %r does not exist" % name, cloud="Azure",
                             field="resource_group", code="ResourceGroupNotFound", status=404,
                             hint=HINTS["ResourceGroupNotFound"])
        return group.get("location")

    def resource_id(self, resource_group, resource_type, name):
        return resource_id(self.subscription_id, resource_group, resource_type, name)

    # -- waiting on a state no operation of ours owns -------------------------------------
    def wait_until(self, fetch, done, timeout, what, describe=provisioning_state):
        """GET until ``done(resource)``; for states another process (or the other cloud)
        drives, where there is no operation to poll. Bounded by ``timeout`` seconds."""
        deadline = time.time() + (timeout or 0)
        # Back off from 1 s up to polling_interval: a state that is about to settle is seen at
        # once, a 30-minute gateway build costs a GET every polling_interval.
        delay = min(1.0, self.polling_interval)
        while True:
            resource = fetch()
            if done(resource):
                return resource
            remaining = deadline - time.time()
            if remaining <= 0:
                raise timeout_error(what, timeout, describe(resource) if resource else "absent")
            time.sleep(max(0.01, min(delay, remaining)))
            delay = min(delay * 2, self.polling_interval)


def _json_or_none(pipeline_response):
    response = pipeline_response.http_response
    try:
        text = response.text()
    except Exception:   # pylint: disable=broad-except
        return None
    if not text:
        return None
    try:
        return response.json()
    except ValueError:
        return None


# --- the Azure flavour of the ensure path -----------------------------------------------------

class AzureResource(Resource):
    """A top-level Microsoft.Network resource driven by one SDK operations group.

    Subclasses set ``operations`` (the NetworkManagementClient attribute), ``resource_type``
    (ARM type segment), ``kind``, ``result_key``, and implement :meth:`wanted` (what the user
    set, in the REST read shape). Reads and writes go through the SDK; LROs through its pollers.
    """

    operations = None
    resource_type = None
    has_location = True
    #: ARM error target fragment -> module option, to name the offending option in errors
    target_options = {}

    def __init__(self, module, azure=None):
        super(AzureResource, self).__init__(module)
        self.azure = azure or AzureClient(module, self.target_options)
        self.current = None

    @property
    def ops(self):
        return self.azure.operations(self.operations)

    @property
    def subscription_id(self):
        return self.azure.subscription_id

    def scope(self):
        """Positional arguments that name this resource in the SDK operations."""
        return (self.params["resource_group"], self.params["name"])

    def resource_id(self):
        return self.azure.resource_id(self.params["resource_group"], self.resource_type,
                                      self.params["name"])

    def ref(self, value, resource_type):
        return reference(value, self.subscription_id, self.params["resource_group"], resource_type)

    def wait_timeout(self):
        return self.params.get("wait_timeout")

    def option_for(self, path):
        # "properties.gatewayType" -> gateway_type; names that differ are in target_options
        option = option_for_target(path, self.target_options)
        if option is None:
            option = _snake(path.split(".")[-1])
        return option if re.split(r"[.\[/]", option)[0] in self.params else path

    def describe(self):
        return "%s %r" % (self.kind, self.name())

    # -- Resource interface ---------------------------------------------------------------
    def find(self):
        self.current = self.azure.get(self.ops.get, *self.scope())
        return self.current

    def wanted(self):
        raise NotImplementedError

    def desired(self):
        # ids in the server's spelling, so bodies and diffs show only real changes
        return align_ids(self.wanted(), self.current)

    def compare(self, desired, current):
        # ARM ids are case-insensitive, and one id may be spelled differently in two places of
        # the same resource (ipConfigurations[].id vs bgpPeeringAddresses[].ipconfigurationId)
        return differences(lower_ids(desired), lower_ids(current), self.unordered_paths)

    def create(self, desired):
        body = copy.deepcopy(desired)
        if self.has_location and not body.get("location"):
            body["location"] = self.azure.resource_group_location(self.params["resource_group"])
        return self.put(body, desired)

    def update(self, current, desired, changed_paths):
        # ARM refuses a write while another operation runs (AnotherOperationInProgress), e.g.
        # one a killed run started: wait it out whatever ``wait`` says (it is about our write).
        current = self.settle(current)
        return self.put(self.update_body(current, desired), desired)

    def update_body(self, current, desired):
        return strip_read_only(merge(current, desired))

    def put(self, body, desired):
        """PUT ``body``; ``desired`` (what the user set) decides whether a busy resource still
        needs the write once its running operation is over."""
        def send():
            return self.azure.lro(self.ops.begin_create_or_update, self.scope() + (body,),
                                  wait=self.params.get("wait", True), timeout=self.wait_timeout(),
                                  what="%s to be provisioned" % self.describe())

        busy, answer = refused_as_busy(send)
        if not busy:
            return answer
        # Busy, most often with this very write: azure-core retries a PUT answered 5xx, and when
        # the first attempt was applied the retry finds its operation running. Wait it out and
        # write again only if the resource is still not as asked.
        if self.wait_until_idle() is not None:
            settled = self.find()
            if settled is not None and not self.compare(desired, settled):
                return settled
        return send()

    def delete(self, current):
        def send():
            return self.azure.lro(self.ops.begin_delete, self.scope(), wait=self.params.get("wait", True),
                                  timeout=self.wait_timeout(), what="%s to be deleted" % self.describe())

        self.settle(current)
        # A retried DELETE whose first attempt was applied finds the resource Deleting.
        if refused_as_busy(send)[0] and self.wait_until_idle() is not None:
            send()

    def predict(self, current, desired):
        after = merge(current or {}, desired)
        after.setdefault("id", self.resource_id())
        after.setdefault("name", self.params.get("name"))
        return after

    def wait_ready(self, resource):
        if self.params.get("wait", True):
            return self.settle(resource)
        return resource

    def settle(self, resource):
        """Wait out an operation already running on the resource (ours from an earlier
        ``wait: false`` task, or anyone's) before writing or reporting it ready."""
        if provisioning_state(resource) not in TRANSITIONAL_STATES:
            return resource
        settled = self.wait_until_idle()
        return settled if settled is not None else resource

    def wait_until_idle(self):
        """Read the resource until no operation runs on it (bounded by wait_timeout); None when
        it is gone."""
        settled = self.azure.wait_until(
            lambda: self.azure.get(self.ops.get, *self.scope()),
            lambda found: found is None or provisioning_state(found) not in TRANSITIONAL_STATES,
            self.wait_timeout(), "%s to finish its running operation" % self.describe())
        if settled is not None and provisioning_state(settled) == "Failed":
            self.module.warn("%s is in provisioningState Failed" % self.describe())
        return settled

    def present(self, resource):
        return snake_view(mask_secrets(resource or {}, self.secret_paths))


def refused_as_busy(send):
    """Run ``send``: (True, None) when ARM refused it because an operation runs on the resource,
    else (False, its answer)."""
    try:
        return False, send()
    except CloudError as error:
        if error.code not in BUSY_CODES:
            raise
        return True, None


def input_error_exit(module, exc):
    module.fail_json(msg="Invalid input: " + "; ".join(exc.problems), errors=exc.problems)


def run_info(module, read, what):
    """Run a read-only _info module: ``read(AzureClient(module), module.params)`` gives the
    result; bad input or a cloud error ends the module naming ``what``."""
    try:
        result = read(AzureClient(module), module.params)
    except InputError as exc:
        input_error_exit(module, exc)
    except CloudError as exc:
        fail_cloud(module, exc, what)
    module.exit_json(changed=False, **result)
