# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """Authentication and endpoint options shared by every OCI module."""

    DOCUMENTATION = r"""
options:
  auth_type:
    description:
      - How to authenticate to OCI.
      - V(api_key) signs requests with an API signing key, taken from the config file profile
        (O(config_file), O(config_profile)) and/or the O(user), O(tenancy), O(fingerprint),
        O(key_file) or O(key_content) and O(region) options, which override the profile's values.
      - V(instance_principal) uses the identity of the compute instance the module runs on.
      - V(resource_principal) uses the resource principal of an OCI Function or other resource.
      - V(security_token) uses a session token made by C(oci session authenticate), with the
        profile's C(security_token_file) and C(key_file).
      - Environment variable E(OCI_CLI_AUTH) when not set.
    type: str
    choices: [api_key, instance_principal, resource_principal, security_token]
    default: api_key
  config_file:
    description:
      - Path of the OCI SDK/CLI config file.
      - Environment variable E(OCI_CONFIG_FILE) when not set; otherwise C(~/.oci/config) if it
        exists.
    type: path
    aliases: [config_file_location]
  config_profile:
    description:
      - Profile of the config file to use.
      - Environment variable E(OCI_CONFIG_PROFILE) when not set, otherwise C(DEFAULT).
    type: str
    aliases: [config_profile_name]
  user:
    description:
      - OCID of the user the API key belongs to (E(OCI_USER)). Overrides the profile.
    type: str
    aliases: [api_user]
  tenancy:
    description:
      - OCID of the tenancy (E(OCI_TENANCY)). Overrides the profile.
    type: str
  fingerprint:
    description:
      - Fingerprint of the API signing key, 16 colon-separated hex pairs (E(OCI_FINGERPRINT)).
        Overrides the profile.
    type: str
    aliases: [api_user_fingerprint]
  key_file:
    description:
      - Path of the PEM private API signing key (E(OCI_KEY_FILE)). Overrides the profile.
    type: path
    aliases: [api_user_key_file]
  key_content:
    description:
      - The PEM private API signing key itself, instead of O(key_file) (E(OCI_KEY_CONTENT)).
        Never logged.
    type: str
  pass_phrase:
    description:
      - Pass phrase of an encrypted private key (E(OCI_PASS_PHRASE)). Never logged.
    type: str
    aliases: [api_user_key_pass_phrase]
  region:
    description:
      - OCI region identifier, for example V(us-ashburn-1) (E(OCI_REGION)). Overrides the profile.
    type: str
  service_endpoint:
    description:
      - Base URL of the Core (networking) API, without the C(/20160918) version path, for a
        private endpoint or the collection's cloud twin (E(OCI_SERVICE_ENDPOINT)).
      - Derived from the region when not set.
    type: str
  ca_bundle:
    description:
      - PEM file of the certificate authorities to trust for the endpoint, for a private endpoint
        or the cloud twin (E(OCI_CA_BUNDLE)). The system trust store when not set.
    type: path
  api_retries:
    description:
      - How many times a request is retried when it failed with HTTP 429, 5xx (except 501), 409
        C(IncorrectState)/C(LockConflict), a timeout or a connection error.
      - Retries back off exponentially with jitter, never sooner than the service's
        C(Retry-After), and stop after 10 minutes in all. Creates repeat their
        C(opc-retry-token), so a retried create never makes a duplicate.
      - V(0) turns retries off.
    type: int
    default: 10
notes:
  - Requests that fail with HTTP 429, 5xx (except 501), 409 C(IncorrectState)/C(LockConflict), a
    timeout or a connection error are retried up to O(api_retries) times within 10 minutes, with
    exponential backoff and jitter, and never sooner than the service's C(Retry-After).
  - Every create carries an C(opc-retry-token) derived from the resource's kind, compartment,
    parent and display name, so a create whose response was lost is answered with the resource it
    made instead of a duplicate.
  - Errors name the service error code, message, HTTP status and C(opc-request-id), and say what
    to do.
  - Options are usually set once for all OCI modules with
    C(module_defaults) and the action group C(group/interconnect.oci_azure.oci).
requirements:
  - python >= 3.8
  - oci >= 2.120
"""
