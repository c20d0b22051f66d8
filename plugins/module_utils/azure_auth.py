# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Who the modules are in Azure and how they reach it: the authentication options, the
azure-identity credential they select, and the NetworkManagementClient every call goes through
(its pipeline signs, retries and logs; raw ARM requests such as resource groups use it too)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import env_fallback

from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_errors import (
    AUTH_VARIABLES,
    CREDENTIALS_WHERE,
    HINTS,
    AzureError,
    HttpResponseError,
    ResourceNotFoundError,
    cloud_error,
    missing_credentials,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_ids import resource_id
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_retries import (
    API_RETRIES_DEFAULT,
    retry_settings,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_shapes import to_rest
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_waits import (
    Waits,
    json_or_none,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    CloudError,
    CredentialError,
    InputError,
)

try:
    from azure.core.rest import HttpRequest
    from azure.mgmt.core.exceptions import ARMErrorFormat
    from azure.mgmt.network import NetworkManagementClient
    from azure import identity as azure_identity
except ImportError:
    pass   # azure_errors.HAS_AZURE is False: azure_module() fails before any call

COLLECTION_VERSION = "0.1.0"
PUBLIC_RESOURCE_MANAGER = "https://management.azure.com"
# Authority hosts that Entra's public instance discovery knows; any other needs discovery off.
KNOWN_AUTHORITY_HOSTS = (
    "login.microsoftonline.com",
    "login.microsoftonline.us",
    "login.chinacloudapi.cn",
)
RESOURCES_API_VERSION = "2021-04-01"   # Microsoft.Resources resourcegroups


def azure_auth_spec():
    """Options every Azure module takes (documented by the azure_auth doc fragment)."""
    return dict(
        auth_source=dict(type="str", default="auto",
                         choices=["auto", "service_principal", "managed_identity", "cli",
                                  "workload_identity"],
                         fallback=(env_fallback, AUTH_VARIABLES["auth_source"])),
        subscription_id=dict(type="str", fallback=(env_fallback, AUTH_VARIABLES["subscription_id"])),
        client_id=dict(type="str", fallback=(env_fallback, AUTH_VARIABLES["client_id"])),
        secret=dict(type="str", no_log=True, aliases=["client_secret"],
                    fallback=(env_fallback, AUTH_VARIABLES["secret"])),
        tenant=dict(type="str", aliases=["tenant_id"],
                    fallback=(env_fallback, AUTH_VARIABLES["tenant"])),
        certificate_path=dict(type="path",
                              fallback=(env_fallback, AUTH_VARIABLES["certificate_path"])),
        certificate_password=dict(type="str", no_log=True,
                                  fallback=(env_fallback, ["AZURE_CLIENT_CERTIFICATE_PASSWORD"])),
        federated_token_file=dict(type="path",
                                  fallback=(env_fallback, AUTH_VARIABLES["federated_token_file"])),
        resource_manager_endpoint=dict(type="str",
                                       fallback=(env_fallback, ["AZURE_RESOURCE_MANAGER_ENDPOINT"])),
        authority_host=dict(type="str", fallback=(env_fallback, ["AZURE_AUTHORITY_HOST"])),
        ca_bundle=dict(type="path", fallback=(env_fallback, ["AZURE_CA_BUNDLE"])),
        api_retries=dict(type="int", default=API_RETRIES_DEFAULT),
        polling_interval=dict(type="float", fallback=(env_fallback, ["AZURE_POLLING_INTERVAL"])),
    )


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
        elif token_file:
            source = "workload_identity"     # begun: names what is missing
        elif secret or certificate or (client_id and tenant):
            # a service principal begun but not complete: DefaultAzureCredential would only
            # list every other way it could not sign in
            source = "service_principal"
        else:
            kwargs = dict(entra, exclude_interactive_browser_credential=True)
            kwargs.pop("disable_instance_discovery", None)
            if client_id:
                kwargs["managed_identity_client_id"] = client_id
            return "DefaultAzureCredential", kwargs

    if source == "service_principal":
        missing = [name for name, value in (("client_id", client_id), ("tenant", tenant),
                                            ("secret", secret or certificate)) if not value]
        if missing:
            hint = CREDENTIALS_WHERE
            if "secret" in missing:
                hint = ("A certificate instead of the secret: %s (certificate_path); a managed "
                        "identity or the Azure CLI instead of a service principal: %s (auth_source). "
                        % (AUTH_VARIABLES["certificate_path"][0], AUTH_VARIABLES["auth_source"][0])
                        + hint)
            raise missing_credentials(missing, hint=hint)
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
            raise missing_credentials(missing)
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


class AzureClient(Waits):
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
        """The azure-identity credential; a missing piece (the subscription with it) fails
        once, naming the variables, before any call."""
        try:
            class_name, kwargs = credential_plan(self.module.params)
        except CredentialError as exc:
            if not self.subscription_id:
                exc = missing_credentials(["subscription_id"] + [entry[1] for entry in exc.missing],
                                          hint=exc.hint)
            raise exc
        if not self.subscription_id:
            raise missing_credentials(["subscription_id"])
        try:
            return getattr(azure_identity, class_name)(**kwargs)
        except ValueError as exc:
            raise InputError(["%s: %s" % (class_name, exc)])

    @property
    def network(self):
        if self._network is None:
            credential = self.credential()
            params = self.module.params
            kwargs = dict(
                base_url=self.endpoint,
                credential_scopes=[self.endpoint + "/.default"],
                polling_interval=self.polling_interval,
                user_agent="interconnect.oci_azure/%s" % COLLECTION_VERSION,
            )
            kwargs.update(retry_settings(params))
            if params.get("ca_bundle"):
                kwargs["connection_verify"] = params["ca_bundle"]
            self._network = NetworkManagementClient(credential, self.subscription_id, **kwargs)
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
            return self.finish_accepted(client, pipeline_response, wait, timeout, what)
        return json_or_none(pipeline_response)

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
