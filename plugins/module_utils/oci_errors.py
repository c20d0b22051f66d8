# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""OCI errors as messages a user can act on: every SDK exception becomes a
:class:`common.CloudError` carrying the service code, message, HTTP status and opc-request-id, plus
what to do about it (:data:`HINTS`).

Also the one place that imports the oci SDK: without it, :data:`HAS_OCI` is False, ``oci`` is None
and :class:`oci_api.OCIModule` says which library to install.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import traceback

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    CloudError,
    CredentialError,
)

OCI_IMPORT_ERROR = None
try:
    import oci
    HAS_OCI = True
except ImportError:
    HAS_OCI = False
    OCI_IMPORT_ERROR = traceback.format_exc()
    oci = None

CLOUD = "OCI"

# The environment variables of the options that say who the modules are: oci_auth's fallbacks,
# and what a credential error names.
AUTH_VARIABLES = {
    "auth_type": ["OCI_CLI_AUTH"],
    "config_file": ["OCI_CONFIG_FILE"],
    "config_profile": ["OCI_CONFIG_PROFILE"],
    "user": ["OCI_USER"],
    "tenancy": ["OCI_TENANCY"],
    "fingerprint": ["OCI_FINGERPRINT"],
    "key_file": ["OCI_KEY_FILE"],
    "key_content": ["OCI_KEY_CONTENT"],
    "region": ["OCI_REGION"],
}
AUTH_PIECES = {
    "config_file": "config file",
    "user": "user OCID",
    "tenancy": "tenancy OCID",
    "fingerprint": "API key fingerprint",
    "key_file": "API private key",
    "region": "region",
}
CREDENTIALS_WHERE = ("They come from the run's environment (an AWX credential, docs/awx.md) or from "
                     "module_defaults for group/interconnect.oci_azure.oci (docs/auth.md)")
API_KEY_HINT = ("Or give the API key: OCI_USER, OCI_TENANCY, OCI_FINGERPRINT, OCI_KEY_FILE (or "
                "OCI_KEY_CONTENT) and OCI_REGION (module options user, tenancy, fingerprint, "
                "key_file or key_content, region); on OCI itself OCI_CLI_AUTH (auth_type) "
                "instance_principal or resource_principal. ")


def missing_credentials(options, hint=None, problem=None):
    """A :class:`CredentialError` naming each missing option by its variables (the private key:
    the file or its content)."""
    missing = []
    for option in options:
        variables = list(AUTH_VARIABLES[option])
        if option == "key_file":
            variables += AUTH_VARIABLES["key_content"]
        missing.append((AUTH_PIECES[option], "key_file or key_content" if option == "key_file" else option,
                        variables))
    return CredentialError(CLOUD, missing, hint=hint or CREDENTIALS_WHERE, problem=problem)


# What to do about an error, by (HTTP status, service code); the code None matches any code.
HINTS = [
    (401, None, "check the API signing key, its fingerprint and the user and tenancy OCIDs in the "
                "config file profile (or the auth options), and that the local clock is correct"),
    (404, "NotAuthorizedOrNotFound",
     "check the OCID (and the region) and that an IAM policy allows this user to manage "
     "virtual-network-family in the compartment"),
    (404, None, "check the OCID and the region"),
    (409, "IncorrectState", "the resource is busy with another change; run again once it is "
                            "AVAILABLE (retries were exhausted)"),
    (409, None, "the resource is in use: delete or detach what depends on it first (DRG "
                "attachments, IPSec connections, virtual circuits)"),
    (400, "LimitExceeded", "a service limit is reached: free capacity or request a limit increase"),
    (400, None, "fix the parameter the message names"),
    (429, None, "OCI throttled the requests and retries were exhausted: run with fewer forks or "
                "later"),
    (500, None, "OCI had an internal error and retries were exhausted: run again; quote the request "
                "id to Oracle support if it persists"),
]


def error_hint(status, code):
    for hint_status, hint_code, hint in HINTS:
        if hint_code is not None and hint_code != code:
            continue
        if hint_status == status or (hint_status == 500 and status and status >= 500):
            return hint
    return None


def to_cloud_error(exc, resource=None):
    """A :class:`CloudError` for any exception raised by the oci SDK."""
    if isinstance(exc, CloudError):
        return exc
    if HAS_OCI and isinstance(exc, oci.exceptions.ServiceError):
        return CloudError(exc.message or "HTTP %s" % exc.status, cloud=CLOUD, resource=resource,
                          code=exc.code, status=exc.status, request_id=exc.request_id,
                          hint=error_hint(exc.status, exc.code))
    if HAS_OCI and isinstance(exc, oci.exceptions.MaximumWaitTimeExceeded):
        return CloudError("timed out waiting: %s" % exc, cloud=CLOUD, resource=resource,
                          hint="raise wait_timeout, or set wait=false and check later")
    if HAS_OCI and isinstance(exc, (oci.exceptions.ConfigFileNotFound,
                                    oci.exceptions.ProfileNotFound,
                                    oci.exceptions.InvalidConfig,
                                    oci.exceptions.InvalidPrivateKey,
                                    oci.exceptions.MissingPrivateKeyPassphrase)):
        return CloudError("authentication configuration: %s" % exc, cloud=CLOUD, resource=resource,
                          hint="set config_file/config_profile (or OCI_CONFIG_FILE/"
                               "OCI_CONFIG_PROFILE), or the user, tenancy, fingerprint, key_file "
                               "or key_content and region options")
    if (HAS_OCI and isinstance(exc, (oci.exceptions.RequestException,
                                     oci.exceptions.ConnectTimeout))) or isinstance(exc, ConnectionError):
        return CloudError("cannot reach the OCI endpoint: %s" % exc, cloud=CLOUD, resource=resource,
                          hint="check region/service_endpoint, ca_bundle and the network path "
                               "(proxy, firewall)")
    if isinstance(exc, (IOError, OSError)) and not isinstance(exc, ConnectionError):
        return CloudError("cannot read %s: %s" % (getattr(exc, "filename", None) or "a file", exc),
                          cloud=CLOUD, resource=resource,
                          hint="check key_file, config_file and ca_bundle paths")
    return CloudError("%s: %s" % (type(exc).__name__, exc), cloud=CLOUD, resource=resource)
