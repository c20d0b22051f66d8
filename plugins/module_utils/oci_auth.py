# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every OCI module is given and how it signs in: the option specs (authentication, waits,
the selectors and options every resource module shares) and the SDK config and signer that the
authentication options select (config file profile, API key options, security token, instance or
resource principal), plus the CA bundle a session trusts."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.module_utils.basic import env_fallback

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_errors import (
    API_KEY_HINT,
    AUTH_VARIABLES,
    CLOUD,
    CREDENTIALS_WHERE,
    CredentialError,
    missing_credentials,
    oci,
    to_cloud_error,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_retries import API_RETRIES_DEFAULT

AUTH_TYPES = ["api_key", "instance_principal", "resource_principal", "security_token"]


# --- argument spec ------------------------------------------------------------------------------

def oci_auth_argument_spec():
    return dict(
        auth_type=dict(type="str", choices=AUTH_TYPES, default="api_key",
                       fallback=(env_fallback, AUTH_VARIABLES["auth_type"])),
        config_file=dict(type="path", aliases=["config_file_location"],
                         fallback=(env_fallback, AUTH_VARIABLES["config_file"])),
        config_profile=dict(type="str", aliases=["config_profile_name"],
                            fallback=(env_fallback, AUTH_VARIABLES["config_profile"])),
        user=dict(type="str", aliases=["api_user"], fallback=(env_fallback, AUTH_VARIABLES["user"])),
        tenancy=dict(type="str", fallback=(env_fallback, AUTH_VARIABLES["tenancy"])),
        fingerprint=dict(type="str", aliases=["api_user_fingerprint"],
                         fallback=(env_fallback, AUTH_VARIABLES["fingerprint"])),
        key_file=dict(type="path", aliases=["api_user_key_file"], no_log=False,
                      fallback=(env_fallback, AUTH_VARIABLES["key_file"])),
        key_content=dict(type="str", no_log=True, fallback=(env_fallback, AUTH_VARIABLES["key_content"])),
        pass_phrase=dict(type="str", no_log=True, aliases=["api_user_key_pass_phrase"],
                         fallback=(env_fallback, ["OCI_PASS_PHRASE"])),
        region=dict(type="str", fallback=(env_fallback, AUTH_VARIABLES["region"])),
        service_endpoint=dict(type="str", fallback=(env_fallback, ["OCI_SERVICE_ENDPOINT"])),
        ca_bundle=dict(type="path", fallback=(env_fallback, ["OCI_CA_BUNDLE"])),
        api_retries=dict(type="int", default=API_RETRIES_DEFAULT),
    )


def oci_wait_argument_spec():
    return dict(
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=1200),
        wait_max_interval=dict(type="float", fallback=(env_fallback, ["OCI_WAIT_MAX_INTERVAL"])),
    )


def oci_argument_spec(spec, wait=True):
    """The module's own options plus the auth (and wait) options."""
    merged = oci_auth_argument_spec()
    if wait:
        merged.update(oci_wait_argument_spec())
    merged.update(spec)
    return merged


def compartment_option(required=False):
    return dict(type="str", required=required, fallback=(env_fallback, ["OCI_COMPARTMENT_ID"]))


def selector_options(**options):
    """What names an OCI resource (``id``, or ``compartment_id`` and ``display_name``), then the
    module's own ``options``: the info modules' selectors."""
    spec = dict(
        id=dict(type="str"),
        compartment_id=compartment_option(),
        display_name=dict(type="str", aliases=["name"]),
    )
    spec.update(options)
    return spec


def resource_options(**options):
    """The options every OCI resource module has (``state``, the selectors, ``freeform_tags``),
    then the module's own ``options``."""
    return selector_options(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        freeform_tags=dict(type="dict"),
        **options)


# --- authentication ----------------------------------------------------------------------------

API_KEY_OPTIONS = ("user", "tenancy", "fingerprint", "key_file", "key_content", "pass_phrase",
                   "region")


def build_config(params):
    """(config dict, signer or None) from the module options and the standard environment.

    api_key: the config file profile (``config_file``/``config_profile``, default
    ~/.oci/config DEFAULT) when it exists, overridden by any API key option given; with no file,
    the options alone. security_token: the profile's security_token_file and key_file.
    instance_principal / resource_principal: the signer from the instance or resource metadata.
    """
    auth_type = params.get("auth_type") or "api_key"
    try:
        if auth_type == "instance_principal":
            signer = oci.auth.signers.InstancePrincipalsSecurityTokenSigner()
            config = {"region": params.get("region") or signer.region,
                      "tenancy": signer.tenancy_id}
            return config, signer
        if auth_type == "resource_principal":
            signer = oci.auth.signers.get_resource_principals_signer()
            config = {"region": params.get("region") or signer.region,
                      "tenancy": getattr(signer, "tenancy_id", None)}
            return config, signer

        config, source = _config_from_file(params, required=(auth_type == "security_token"))
        for option in API_KEY_OPTIONS:
            if params.get(option):
                config[option] = params[option]
        if auth_type == "api_key":
            _check_api_key(config, source)
        if auth_type == "security_token":
            token_file = config.get("security_token_file")
            if not token_file:
                raise CredentialError(CLOUD, [], problem="auth_type security_token needs "
                                      "security_token_file in profile %s" % source,
                                      hint="Run 'oci session authenticate' to create the profile")
            with open(os.path.expanduser(token_file)) as handle:
                token = handle.read().strip()
            private_key = oci.signer.load_private_key_from_file(
                os.path.expanduser(config["key_file"]), config.get("pass_phrase"))
            return config, oci.auth.signers.SecurityTokenSigner(token, private_key)
        if config.get("key_file"):
            config["key_file"] = os.path.expanduser(config["key_file"])
        oci.config.validate_config(config)
        return config, None
    except CloudError:
        raise
    except Exception as exc:  # the SDK raises many types for a bad configuration
        raise to_cloud_error(exc)


def _config_from_file(params, required):
    """(the profile's settings, where they came from: "<profile> of <file>", or None without a
    file)."""
    location = params.get("config_file") or oci.config.DEFAULT_LOCATION
    profile = params.get("config_profile") or oci.config.DEFAULT_PROFILE
    expanded = os.path.expanduser(location)
    if not os.path.exists(expanded):
        if required or params.get("config_file") or params.get("config_profile"):
            raise CredentialError(
                CLOUD, [], problem="config file %s not found (profile %s)" % (expanded, profile),
                hint="Create it (oci setup config) or point %s (module option config_file) at it. "
                     % AUTH_VARIABLES["config_file"][0] + API_KEY_HINT + CREDENTIALS_WHERE)
        return {}, None
    return dict(oci.config.from_file(expanded, profile)), "%s of %s" % (profile, expanded)


API_KEY_PIECES = ("user", "tenancy", "fingerprint", "key_file", "region")


def _check_api_key(config, source):
    """Every piece of an API key is there (the SDK would say only "missing" in a dict of keys),
    else one error naming each missing option by its variables, before any call."""
    missing = [key for key in API_KEY_PIECES
               if not config.get(key) and not (key == "key_file" and config.get("key_content"))]
    if not missing:
        return
    if source is None and len(missing) == len(API_KEY_PIECES):
        # nothing at all: a config file is the usual way
        raise missing_credentials(
            ["config_file"], problem="none found (no config file %s, no API key options)"
            % os.path.expanduser(oci.config.DEFAULT_LOCATION),
            hint=API_KEY_HINT + CREDENTIALS_WHERE)
    raise missing_credentials(missing, problem="profile %s lacks them" % source if source else None)


def use_ca_bundle(session, ca_bundle, endpoint):
    """Trust ``ca_bundle`` for the endpoint.

    requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE from the environment override
    ``session.verify``, so the environment is switched off for this session; the proxy settings
    it would have contributed for the endpoint (HTTPS_PROXY, NO_PROXY) are kept explicitly.
    """
    from oci._vendor.requests.utils import get_environ_proxies
    session.proxies.update(get_environ_proxies(endpoint))
    session.trust_env = False
    session.verify = ca_bundle
