# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """Authentication, endpoints and API behaviour shared by every Azure module."""

    DOCUMENTATION = r"""
options:
  auth_source:
    description:
      - How to get an Entra ID token (all through azure-identity).
      - V(auto) uses a service principal when O(client_id), O(tenant) and O(secret) (or
        O(certificate_path)) are known, workload identity when O(federated_token_file) is
        known, and otherwise azure-identity's C(DefaultAzureCredential) chain (environment,
        workload identity, managed identity, Azure CLI and others).
      - V(service_principal) uses O(client_id), O(tenant) and either O(secret) or
        O(certificate_path).
      - V(managed_identity) uses the host's managed identity; O(client_id) selects a
        user-assigned identity.
      - V(cli) uses the account logged in with C(az login).
      - V(workload_identity) exchanges the token in O(federated_token_file) (Kubernetes
        workload identity, GitHub OIDC).
      - Falls back to the E(AZURE_AUTH_SOURCE) environment variable.
    type: str
    default: auto
    choices: [auto, service_principal, managed_identity, cli, workload_identity]
  subscription_id:
    description:
      - The Azure subscription the resources live in.
      - Falls back to the E(AZURE_SUBSCRIPTION_ID) environment variable.
    type: str
  client_id:
    description:
      - Application (client) id of the service principal, or of the user-assigned managed
        identity.
      - Falls back to the E(AZURE_CLIENT_ID) environment variable.
    type: str
  secret:
    description:
      - Client secret of the service principal.
      - Falls back to E(AZURE_SECRET) (azure.azcollection's name), then E(AZURE_CLIENT_SECRET)
        (azure-identity's).
    type: str
    aliases: [client_secret]
  tenant:
    description:
      - Entra ID tenant (directory) id.
      - Falls back to E(AZURE_TENANT) (azure.azcollection's name), then E(AZURE_TENANT_ID)
        (azure-identity's).
    type: str
    aliases: [tenant_id]
  certificate_path:
    description:
      - PEM or PKCS12 file with the service principal's certificate and private key, used
        instead of O(secret).
      - Falls back to the E(AZURE_CLIENT_CERTIFICATE_PATH) environment variable.
    type: path
  certificate_password:
    description:
      - Password of the certificate file in O(certificate_path).
      - Falls back to the E(AZURE_CLIENT_CERTIFICATE_PASSWORD) environment variable.
    type: str
  federated_token_file:
    description:
      - File holding the federated token for O(auth_source=workload_identity).
      - Falls back to the E(AZURE_FEDERATED_TOKEN_FILE) environment variable.
    type: path
  resource_manager_endpoint:
    description:
      - Azure Resource Manager URL, for sovereign clouds, private endpoints or the cloud twin.
        Tokens are requested for the scope C(<resource_manager_endpoint>/.default).
      - Defaults to C(https://management.azure.com).
      - Falls back to the E(AZURE_RESOURCE_MANAGER_ENDPOINT) environment variable.
    type: str
  authority_host:
    description:
      - Entra ID authority, for example C(https://login.microsoftonline.us). With an authority
        other than the public, US Government and China clouds' ones, Entra instance
        discovery is turned off (it only knows those).
      - Falls back to the E(AZURE_AUTHORITY_HOST) environment variable.
    type: str
  ca_bundle:
    description:
      - CA certificates (PEM) to trust for both the authority and Resource Manager, for
        TLS-inspecting proxies, private clouds or the cloud twin.
      - Falls back to the E(AZURE_CA_BUNDLE) environment variable.
    type: path
  api_retries:
    description:
      - How many times azure-core retries a request that failed with a throttle (429), a server
        error (5xx) or a connection error, with exponential back-off and honouring
        C(Retry-After).
    type: int
    default: 10
  polling_interval:
    description:
      - Seconds between status reads when Azure gives no C(Retry-After), and when waiting on a
        state no operation of this task owns (a gateway built by an earlier task that did not
        wait, an ExpressRoute provider state).
      - Defaults to 30.
      - Falls back to the E(AZURE_POLLING_INTERVAL) environment variable.
    type: float
requirements:
  - python >= 3.8
  - azure-identity
  - azure-mgmt-network >= 33.0
  - azure-core
notes:
  - Every request goes through azure-core's pipeline; long-running operations are awaited with
    the SDK's pollers, which honour C(Retry-After).
  - Errors name the ARM error code, message, the offending field (ARM's C(target)) and the
    C(x-ms-request-id), with a hint of what to do.
"""
