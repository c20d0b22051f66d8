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
    type: str
    default: auto
    choices: [auto, service_principal, managed_identity, cli, workload_identity]
    env:
      - name: AZURE_AUTH_SOURCE
  subscription_id:
    description:
      - The Azure subscription the resources live in.
    type: str
    env:
      - name: AZURE_SUBSCRIPTION_ID
  client_id:
    description:
      - Application (client) id of the service principal, or of the user-assigned managed
        identity.
    type: str
    env:
      - name: AZURE_CLIENT_ID
  secret:
    description:
      - Client secret of the service principal.
      - E(AZURE_SECRET) is azure.azcollection's name, E(AZURE_CLIENT_SECRET) azure-identity's;
        the first one set wins.
    type: str
    aliases: [client_secret]
    env:
      - name: AZURE_SECRET
      - name: AZURE_CLIENT_SECRET
  tenant:
    description:
      - Entra ID tenant (directory) id.
    type: str
    aliases: [tenant_id]
    env:
      - name: AZURE_TENANT
      - name: AZURE_TENANT_ID
  certificate_path:
    description:
      - PEM or PKCS12 file with the service principal's certificate and private key, used
        instead of O(secret).
    type: path
    env:
      - name: AZURE_CLIENT_CERTIFICATE_PATH
  certificate_password:
    description:
      - Password of the certificate file in O(certificate_path).
    type: str
    env:
      - name: AZURE_CLIENT_CERTIFICATE_PASSWORD
  federated_token_file:
    description:
      - File holding the federated token for O(auth_source=workload_identity).
    type: path
    env:
      - name: AZURE_FEDERATED_TOKEN_FILE
  resource_manager_endpoint:
    description:
      - Azure Resource Manager URL, for sovereign clouds, private endpoints or the cloud twin.
        Tokens are requested for the scope C(<resource_manager_endpoint>/.default).
      - Defaults to C(https://management.azure.com).
    type: str
    env:
      - name: AZURE_RESOURCE_MANAGER_ENDPOINT
  authority_host:
    description:
      - Entra ID authority, for example C(https://login.microsoftonline.us). With an authority
        other than the public, US Government and China clouds' ones, Entra instance
        discovery is turned off (it only knows those).
    type: str
    env:
      - name: AZURE_AUTHORITY_HOST
  ca_bundle:
    description:
      - CA certificates (PEM) to trust for both the authority and Resource Manager, for
        TLS-inspecting proxies, private clouds or the cloud twin.
    type: path
    env:
      - name: AZURE_CA_BUNDLE
  api_retries:
    description:
      - How many times azure-core retries a request that failed with a throttle (429), a server
        error (5xx) or a connection error, with exponential back-off and honouring
        C(Retry-After).
    type: int
    default: 6
  polling_interval:
    description:
      - Seconds between status reads when Azure gives no C(Retry-After), and when waiting on a
        state no operation of this task owns (a gateway built by an earlier O(wait=false) task,
        an ExpressRoute provider state).
      - Defaults to 30.
    type: float
    env:
      - name: AZURE_POLLING_INTERVAL
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
