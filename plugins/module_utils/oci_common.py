# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The OCI module wrapper: authentication, retries, retry tokens, waits and errors.

Every OCI module of the collection builds its argument spec with :func:`oci_argument_spec`,
gets an :class:`OCIApi` (one ``oci.core.VirtualNetworkClient`` plus helpers) and describes its
resource with an :class:`OCIResource` subclass, which plugs into the shared ensure path of
``common.py``.

Conventions:

* Values returned to the user and compared with the user's input are plain dicts in the
  ``oci.util.to_dict`` shape: the API's read model with snake_case keys (as oracle.oci returns).
* A resource in a TERMINATING/TERMINATED (attachments: DETACHING/DETACHED) state counts as
  absent.
* Every API error becomes a :class:`common.CloudError` carrying the service code, message,
  HTTP status and opc-request-id, plus a hint of what to do.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import hashlib
import os
import random
import re
import time
import traceback

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib
from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses
from ansible_collections.interconnect.oci_azure.plugins.module_utils.cloud_rules import OCI_INSIDE_PREFIX_LENGTHS
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    CloudError, InputError, Resource, merge,
)

OCI_IMPORT_ERROR = None
try:
    import oci
    from oci.retry import retry_checkers as oci_retry_checkers
    from oci.retry.retry import ExponentialBackoffRetryStrategyBase as _RetryBase
    HAS_OCI = True
except ImportError:
    HAS_OCI = False
    OCI_IMPORT_ERROR = traceback.format_exc()
    oci = None
    _RetryBase = object

CLOUD = "OCI"
AUTH_TYPES = ["api_key", "instance_principal", "resource_principal", "security_token"]
# A resource in one of these states counts as absent (attachments detach instead of terminate).
GONE_STATES = ("TERMINATING", "TERMINATED", "DETACHING", "DETACHED")

# Retry policy: bounded attempts and total time, exponential backoff with full jitter, and at
# least the server's Retry-After (capped, so a bogus header cannot stall a run for hours).
# One site.yml run makes hundreds of calls per interconnect: 10 retries (as azure-core's default)
# keep a burst of transient errors from failing the run (measured under 30% injected faults).
RETRY_MAX_ATTEMPTS = 11
API_RETRIES_DEFAULT = RETRY_MAX_ATTEMPTS - 1
RETRY_BASE_SECONDS = 1.0
RETRY_MAX_BACKOFF_SECONDS = 30.0
RETRY_AFTER_CAP_SECONDS = 120.0
RETRY_TOTAL_SECONDS = 600.0
# 409 IncorrectState/LockConflict: the resource is busy with another change; it settles by itself.
RETRYABLE_STATUSES_AND_CODES = {-1: [], 409: ["IncorrectState", "LockConflict"], 429: []}

# How many fresh retry tokens a create may try when the service answers an earlier token with
# a resource that has been deleted since (OCI keeps retry tokens for 24 hours).
RETRY_TOKEN_GENERATIONS = 10
# oci.wait_until doubles its poll interval from 1 s up to this ceiling (wait_max_interval).
DEFAULT_WAIT_MAX_INTERVAL = 10.0
# The service's answer to a known token sent with a different request.
STALE_TOKEN_CODES = ("InvalidatedRetryToken",)

# What to do about an error, by (HTTP status, service code); the code None matches any code.
ERROR_HINTS = [
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
    for hint_status, hint_code, hint in ERROR_HINTS:
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


# --- input checks (shared by the modules' validate()) -------------------------------------------

# An OCID: ocid1.<resource type>.<realm>.[region][.future use].<unique id>
OCID = re.compile(r"^ocid1\.([a-z0-9]+)\.[a-z0-9]+\.[a-z0-9-]*(\.[A-Za-z0-9_-]+)+$")
# Options that hold the OCID of another resource, and the resource types each accepts.
OCID_OPTIONS = {
    "compartment_id": ("compartment", "tenancy"),
    "drg_id": ("drg",),
    "gateway_id": ("drg",),
    "vcn_id": ("vcn",),
    "cpe_id": ("cpe",),
    "drg_route_table_id": ("drgroutetable",),
    "import_drg_route_distribution_id": ("drgroutedistribution",),
    "provider_service_id": ("providerservice",),
}


def ocid_problems(value, label, types=None):
    """Why ``value`` is not the OCID of one of ``types`` (any type when None); [] when it is."""
    match = OCID.match(u"%s" % value)
    if not match:
        return ["%s: %r is not an OCID (ocid1.<type>.<realm>.<region>.<id>; names are not "
                "accepted here)" % (label, value)]
    if types and match.group(1) not in types:
        return ["%s: %s is the OCID of a %s, not of a %s" % (
            label, value, match.group(1), " or ".join(types))]
    return []


def cidr_problems(value, label, min_prefix=0, max_prefix=32):
    """Problems with an IPv4 CIDR block (host bits must be zero)."""
    try:
        network = addresses.parse_network(value)
    except addresses.AddressError as exc:
        return ["%s: %r is not an IPv4 CIDR block (%s)" % (label, value, exc)]
    if not min_prefix <= network.prefixlen <= max_prefix:
        return ["%s: %s must be between /%d and /%d" % (label, value, min_prefix, max_prefix)]
    return []


def overlap_problems(blocks, label):
    networks = [addresses.parse_network(b) for b in blocks]
    problems = []
    for i, first in enumerate(networks):
        for second in networks[i + 1:]:
            if addresses.overlaps(first, second):
                problems.append("%s: %s overlaps %s" % (label, first, second))
    return problems


def ipv4_problems(value, label):
    try:
        addresses.parse_address(value)
    except addresses.AddressError:
        return ["%s: %r is not an IPv4 address" % (label, value)]
    return []


def inside_address_problems(value, label):
    """An IPSec tunnel inside address: IPv4 with a /30 or /31 prefix, a usable host address."""
    try:
        address, network = addresses.parse_interface(value)
    except addresses.AddressError:
        if not ipv4_problems(value, label):
            return ["%s: %s must carry a /30 or /31 prefix" % (label, value)]
        return ["%s: %r is not an IPv4 address with a prefix (for example 169.254.21.1/30)"
                % (label, value)]
    if network.prefixlen not in OCI_INSIDE_PREFIX_LENGTHS:
        return ["%s: %s must carry a /30 or /31 prefix" % (label, value)]
    if network.prefixlen == 30 and address in (network.network, network.broadcast):
        return ["%s: %s is the network or broadcast address of its /30" % (label, value)]
    return []


# --- retries ------------------------------------------------------------------------------------

def parse_retry_after(headers, now=None):
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date); None if absent."""
    if not headers:
        return None
    value = None
    for key in headers:
        if str(key).lower() == "retry-after":
            value = headers[key]
            break
    if value is None:
        return None
    value = str(value).strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_tz(value)
    except (TypeError, ValueError):
        when = None
    if not when:
        return None
    return max(0.0, email.utils.mktime_tz(when) - (now if now is not None else time.time()))


def is_permanent_transport_error(exc):
    """TLS verification and malformed-URL errors: retrying cannot fix them."""
    if not HAS_OCI:
        return False
    from oci._vendor.requests import exceptions as requests_exceptions
    permanent = (requests_exceptions.SSLError, requests_exceptions.InvalidURL,
                 requests_exceptions.InvalidSchema, requests_exceptions.MissingSchema)
    candidates = [exc] + [arg for arg in getattr(exc, "args", ()) if isinstance(arg, BaseException)]
    return any(isinstance(candidate, permanent) for candidate in candidates)


if HAS_OCI:
    class _TransientErrorChecker(oci_retry_checkers.TimeoutConnectionAndServiceErrorRetryChecker):
        """The SDK's checker, minus TLS/URL errors that no retry can fix."""

        def should_retry(self, exception=None, response=None, **kwargs):
            if is_permanent_transport_error(exception):
                return False
            return super(_TransientErrorChecker, self).should_retry(exception, response, **kwargs)


class RetryAfterStrategy(_RetryBase):
    """The SDK's exponential-backoff retry loop, with a sleep that honours Retry-After.

    The SDK's own strategies ignore Retry-After; this one sleeps at least the server's
    Retry-After (capped at ``retry_after_cap``) and otherwise ``random(0, min(cap, base*2^n))``.
    Which errors are retried and how often is decided by the SDK's retry checkers: 429, 5xx
    except 501, 409 IncorrectState/LockConflict, timeouts and connection errors, at most
    ``max_attempts`` attempts and ``total_seconds`` in all.
    """

    def __init__(self, max_attempts=RETRY_MAX_ATTEMPTS, base_seconds=RETRY_BASE_SECONDS,
                 max_backoff_seconds=RETRY_MAX_BACKOFF_SECONDS,
                 retry_after_cap=RETRY_AFTER_CAP_SECONDS, total_seconds=RETRY_TOTAL_SECONDS,
                 sleep=time.sleep, rand=random.uniform):
        checkers = oci_retry_checkers.RetryCheckerContainer(checkers=[
            oci_retry_checkers.LimitBasedRetryChecker(max_attempts=max_attempts),
            _TransientErrorChecker(service_error_retry_config=RETRYABLE_STATUSES_AND_CODES,
                                   retry_any_5xx=True),
            oci_retry_checkers.TotalTimeExceededRetryChecker(time_limit_seconds=total_seconds),
        ])
        super(RetryAfterStrategy, self).__init__(
            base_sleep_time_seconds=base_seconds, exponent_growth_factor=2,
            max_wait_between_calls_seconds=max_backoff_seconds, checker_container=checkers)
        self.max_attempts = max_attempts
        self.retry_after_cap = retry_after_cap
        self._sleep = sleep
        self._rand = rand
        self.sleeps = []

    def sleep_seconds(self, attempt, exception):
        backoff = self._rand(0, min(self.max_wait_between_calls_seconds,
                                    self.base_sleep_time_seconds * (2 ** attempt)))
        retry_after = parse_retry_after(getattr(exception, "headers", None))
        if retry_after is None:
            return backoff
        return max(min(retry_after, self.retry_after_cap), backoff)

    def do_sleep(self, attempt, exception):
        seconds = self.sleep_seconds(attempt, exception)
        self.sleeps.append(seconds)
        self._sleep(seconds)


# --- retry tokens -------------------------------------------------------------------------------

def retry_token(kind, compartment_id, parent_id, display_name, generation=0):
    """A stable opc-retry-token for one logical create (at most 64 characters).

    The same resource identity gives the same token on every run, so a create whose response was
    lost (timeout, 5xx after commit) is answered with the resource it made, not a duplicate.
    ``generation`` > 0 gives a fresh token for a re-create after a delete.
    """
    identity = "\n".join(str(part or "") for part in (kind, compartment_id, parent_id, display_name))
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:40]
    slug = "".join(ch for ch in str(kind).lower() if ch.isalnum())[:12] or "res"
    token = "ic-%s-%s" % (slug, digest)
    if generation:
        token += "-g%d" % generation
    return token[:64]


# --- argument spec ------------------------------------------------------------------------------

def oci_auth_argument_spec():
    return dict(
        auth_type=dict(type="str", choices=AUTH_TYPES, default="api_key",
                       fallback=(env_fallback, ["OCI_CLI_AUTH"])),
        config_file=dict(type="path", aliases=["config_file_location"],
                         fallback=(env_fallback, ["OCI_CONFIG_FILE"])),
        config_profile=dict(type="str", aliases=["config_profile_name"],
                            fallback=(env_fallback, ["OCI_CONFIG_PROFILE"])),
        user=dict(type="str", aliases=["api_user"], fallback=(env_fallback, ["OCI_USER"])),
        tenancy=dict(type="str", fallback=(env_fallback, ["OCI_TENANCY"])),
        fingerprint=dict(type="str", aliases=["api_user_fingerprint"],
                         fallback=(env_fallback, ["OCI_FINGERPRINT"])),
        key_file=dict(type="path", aliases=["api_user_key_file"], no_log=False,
                      fallback=(env_fallback, ["OCI_KEY_FILE"])),
        key_content=dict(type="str", no_log=True, fallback=(env_fallback, ["OCI_KEY_CONTENT"])),
        pass_phrase=dict(type="str", no_log=True, aliases=["api_user_key_pass_phrase"],
                         fallback=(env_fallback, ["OCI_PASS_PHRASE"])),
        region=dict(type="str", fallback=(env_fallback, ["OCI_REGION"])),
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


class OCIModule(AnsibleModule):
    """AnsibleModule with the OCI options and a lazily built :class:`OCIApi`."""

    def __init__(self, argument_spec, wait=True, **kwargs):
        kwargs.setdefault("supports_check_mode", True)
        super(OCIModule, self).__init__(argument_spec=oci_argument_spec(argument_spec, wait),
                                        **kwargs)
        if not HAS_OCI:
            self.fail_json(msg=missing_required_lib("oci"), exception=OCI_IMPORT_ERROR)
        if addresses.NETADDR_IMPORT_ERROR is not None:
            self.fail_json(msg=missing_required_lib("netaddr"), exception=str(addresses.NETADDR_IMPORT_ERROR))
        self._api = None

    @property
    def api(self):
        if self._api is None:
            try:
                self._api = OCIApi(self)
            except CloudError as exc:
                self.fail_json(msg=exc.to_msg(), error=exc.to_dict())
        return self._api


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

        config = _config_from_file(params, required=(auth_type == "security_token"))
        for option in API_KEY_OPTIONS:
            if params.get(option):
                config[option] = params[option]
        if auth_type == "security_token":
            token_file = config.get("security_token_file")
            if not token_file:
                raise CloudError("auth_type=security_token needs security_token_file in the config "
                                 "profile", cloud=CLOUD,
                                 hint="run 'oci session authenticate' to create the profile")
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
    location = params.get("config_file") or oci.config.DEFAULT_LOCATION
    profile = params.get("config_profile") or oci.config.DEFAULT_PROFILE
    expanded = os.path.expanduser(location)
    if not os.path.exists(expanded):
        if required or params.get("config_file") or params.get("config_profile"):
            raise CloudError("OCI config file %s not found" % expanded, cloud=CLOUD,
                             hint="create it (oci setup config) or point config_file / "
                                  "OCI_CONFIG_FILE at it, or give the API key options")
        return {}
    return dict(oci.config.from_file(expanded, profile))


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


class OCIApi(object):
    """One VirtualNetworkClient and the helpers every OCI module uses."""

    def __init__(self, module, client=None):
        self.module = module
        self.params = module.params
        retries = self.params.get("api_retries")
        self.retry_strategy = RetryAfterStrategy(
            max_attempts=(API_RETRIES_DEFAULT if retries is None else retries) + 1)
        self.client = client or self._make_client()

    def _make_client(self):
        config, signer = build_config(self.params)
        kwargs = dict(retry_strategy=self.retry_strategy,
                      # one short-lived process per task: bounded retries protect the service;
                      # a process-wide circuit breaker would only turn retryable errors into
                      # CircuitBreakerError
                      circuit_breaker_strategy=oci.circuit_breaker.NoCircuitBreakerStrategy(),
                      timeout=(10, 120))
        if signer is not None:
            kwargs["signer"] = signer
        if self.params.get("service_endpoint"):
            kwargs["service_endpoint"] = self.params["service_endpoint"].rstrip("/")
        try:
            client = oci.core.VirtualNetworkClient(config, **kwargs)
        except Exception as exc:
            raise to_cloud_error(exc)
        if self.params.get("ca_bundle"):
            use_ca_bundle(client.base_client.session, self.params["ca_bundle"], client.base_client.endpoint)
        return client

    # -- calls -------------------------------------------------------------------------------
    def call(self, method, *args, **kwargs):
        """``client.<method>(...)``; the response data; errors as CloudError."""
        try:
            return getattr(self.client, method)(*args, **kwargs).data
        except Exception as exc:
            raise to_cloud_error(exc)

    def get_or_none(self, method, *args, **kwargs):
        """Like :meth:`call`, but None for 404."""
        try:
            return getattr(self.client, method)(*args, **kwargs).data
        except Exception as exc:
            if getattr(exc, "status", None) == 404:
                return None
            raise to_cloud_error(exc)

    def list_all(self, method, *args, **kwargs):
        """Every item of a paginated list call (the SDK follows opc-next-page).

        The SDK's pagination wraps each page call in its own DEFAULT_RETRY_STRATEGY (8 attempts,
        no Retry-After) around the client's strategy, which would multiply the attempts; errors
        leave the page call as CloudError, which that outer strategy does not retry, so the
        client's bounded, Retry-After-honouring strategy is the only one that applies.
        """
        operation = getattr(self.client, method)

        def page(*page_args, **page_kwargs):
            try:
                return operation(*page_args, **page_kwargs)
            except Exception as exc:
                raise to_cloud_error(exc)

        try:
            return oci.pagination.list_call_get_all_results(page, *args, **kwargs).data
        except Exception as exc:
            raise to_cloud_error(exc)

    def delete(self, method, *args, **kwargs):
        """Delete; True if the resource existed (404 means it is already gone)."""
        try:
            getattr(self.client, method)(*args, **kwargs)
            return True
        except Exception as exc:
            if getattr(exc, "status", None) == 404:
                return False
            raise to_cloud_error(exc)

    # -- create with a stable retry token -----------------------------------------------------
    def create(self, method, details, token_identity, get_method=None, matches=None):
        """Create with a stable opc-retry-token derived from ``token_identity``; the new model.

        ``token_identity`` is ``(kind, compartment_id, parent_id, display_name)``. A token that
        OCI still remembers from an earlier, finished create (it keeps them 24 hours) is answered
        with that create's response, for a resource that may be gone or renamed since, or with
        409 InvalidatedRetryToken when the request differs; then the next token generation is
        tried. The answer is checked with ``get_method`` (its current state, not the replayed
        one), and ``matches(model)`` must hold.
        """
        for generation in range(RETRY_TOKEN_GENERATIONS):
            token = retry_token(*token_identity, generation=generation)
            try:
                model = self.call(method, details, opc_retry_token=token)
            except CloudError as exc:
                if exc.code in STALE_TOKEN_CODES:
                    continue
                raise
            if get_method is not None:
                model = self.get_or_none(get_method, model.id)
            if model is None or is_gone(model):
                continue
            if matches is None or matches(model):
                return model
        raise CloudError("every retry token for this create names a resource that is gone",
                         cloud=CLOUD, hint="rename the resource or run again in 24 hours")

    # -- waits -------------------------------------------------------------------------------
    def wait_max_interval(self):
        """Ceiling of oci.wait_until's doubling poll interval (wait_max_interval, else 10 s)."""
        value = self.params.get("wait_max_interval")
        return DEFAULT_WAIT_MAX_INTERVAL if value is None else max(0.1, float(value))

    def wait_for(self, get_method, resource_id, states=None, evaluate=None, failed_states=(),
                 timeout=None, gone_ok=False, what=None):
        """Poll ``get_method(resource_id)`` with oci.wait_until until ``lifecycle_state`` is in
        ``states`` (or ``evaluate(model)`` is true); None when ``gone_ok`` and it disappears.

        Fails early on ``failed_states`` and after ``timeout`` seconds (wait_timeout).
        """
        timeout = self.params.get("wait_timeout") if timeout is None else timeout
        states = tuple(states or ())
        args = resource_id if isinstance(resource_id, tuple) else (resource_id,)
        method = getattr(self.client, get_method)

        def fetch(*ignored):
            return method(*args)

        def done(response):
            data = response.data
            state = getattr(data, "lifecycle_state", None)
            if state in failed_states:
                return True
            if evaluate is not None:
                return evaluate(data)
            return state in states

        try:
            response = fetch()
            response = oci.wait_until(
                self.client, response, evaluate_response=done, max_wait_seconds=timeout,
                max_interval_seconds=self.wait_max_interval(), succeed_on_not_found=gone_ok,
                fetch_func=lambda response=None: fetch())
        except Exception as exc:
            if gone_ok and getattr(exc, "status", None) == 404:
                return None
            error = to_cloud_error(exc)
            if HAS_OCI and isinstance(exc, oci.exceptions.MaximumWaitTimeExceeded):
                error.message = "timed out after %ss waiting for %s to be %s" % (
                    timeout, what or resource_id, " / ".join(states) or "ready")
            raise error
        if response is oci.waiter.WAIT_RESOURCE_NOT_FOUND:
            return None
        data = response.data
        if getattr(data, "lifecycle_state", None) in failed_states:
            raise CloudError("%s reached %s" % (what or resource_id, data.lifecycle_state),
                             cloud=CLOUD, hint="inspect it in the console or with the _info module; "
                                               "delete it and create it again")
        return data

    def poll(self, fetch, done, timeout=None, on_timeout=None):
        """Call ``fetch()`` through oci.wait_until until ``done(data)``; the last data.

        For conditions over several resources (all tunnels of a connection UP, a circuit
        PROVISIONED with BGP UP). After ``timeout`` seconds (wait_timeout), raises the CloudError
        that ``on_timeout(last_data)`` returns.
        """
        timeout = self.params.get("wait_timeout") if timeout is None else timeout
        last = {}

        def fetch_response(response=None):
            last["data"] = fetch()
            return _Polled(last["data"])

        try:
            response = oci.wait_until(self.client, fetch_response(), max_wait_seconds=timeout,
                                      evaluate_response=lambda r: done(r.data),
                                      max_interval_seconds=self.wait_max_interval(),
                                      fetch_func=fetch_response)
        except Exception as exc:
            if HAS_OCI and isinstance(exc, oci.exceptions.MaximumWaitTimeExceeded) and on_timeout:
                raise on_timeout(last.get("data"))
            raise to_cloud_error(exc)
        return response.data

    def wait_gone(self, get_method, resource_id, what=None):
        return self.wait_for(get_method, resource_id, states=("TERMINATED", "DETACHED"),
                             gone_ok=True, what=what)


class _Polled(object):
    """The part of an oci Response that oci.wait_until looks at when given a fetch_func."""

    def __init__(self, data):
        self.data = data


def to_dict(model):
    """The read shape of an SDK model (snake_case dict); None stays None."""
    if model is None:
        return None
    return oci.util.to_dict(model)


def is_gone(model):
    return getattr(model, "lifecycle_state", None) in GONE_STATES


# --- FastConnect virtual circuits (shared by oci_virtual_circuit and its _info module) -----------

VC_WAIT_CONDITIONS = ["pending_provider", "provisioned", "bgp_up"]
VC_PAST_CREATE_STATES = ("PENDING_PROVIDER", "VERIFYING", "PROVISIONING", "PROVISIONED")
VC_FAILED_STATES = ("FAILED",)


def virtual_circuit_unmet(circuit, conditions):
    """What ``circuit`` (read shape) still lacks for the ``wait_for`` conditions.

    pending_provider: OCI accepted the circuit (PENDING_PROVIDER or later, where oracle.oci
    stops waiting); provisioned: lifecycle_state PROVISIONED; bgp_up: bgp_session_state UP.
    """
    state = circuit.get("lifecycle_state")
    unmet = []
    if "pending_provider" in conditions and state not in VC_PAST_CREATE_STATES:
        unmet.append("lifecycle_state is %s, not yet PENDING_PROVIDER or later" % state)
    if "provisioned" in conditions and state != "PROVISIONED":
        unmet.append("lifecycle_state is %s, not PROVISIONED (provider_state %s)"
                     % (state, circuit.get("provider_state")))
    if "bgp_up" in conditions and circuit.get("bgp_session_state") != "UP":
        unmet.append("bgp_session_state is %s, not UP" % circuit.get("bgp_session_state"))
    return unmet


def wait_for_virtual_circuit(api, circuit_id, conditions, what):
    """Poll the circuit until it meets ``conditions``; fails early when it is FAILED."""

    def fetch():
        return oci.util.to_dict(api.call("get_virtual_circuit", circuit_id))

    def done(circuit):
        if circuit.get("lifecycle_state") in VC_FAILED_STATES:
            raise CloudError("%s is %s" % (what, circuit["lifecycle_state"]), cloud=CLOUD,
                             hint="check the provider side (for Azure, the ExpressRoute circuit's "
                                  "service key, bandwidth and private peering)")
        return not virtual_circuit_unmet(circuit, conditions)

    def timed_out(circuit):
        return CloudError("timed out after %ss waiting for %s to be %s: %s" % (
            api.params.get("wait_timeout"), what, ", ".join(conditions),
            "; ".join(virtual_circuit_unmet(circuit or {}, conditions))), cloud=CLOUD,
            hint="for Azure, the ExpressRoute circuit must exist with this service key and "
                 "bandwidth, and its private peering must match the cross-connect mappings and "
                 "VLAN; or raise wait_timeout")

    return api.poll(fetch, done, on_timeout=timed_out)


# --- resource base ------------------------------------------------------------------------------

class OCIResource(Resource):
    """An OCI resource found by id, or by compartment + parent + display_name.

    Subclasses set the SDK method names and implement ``list_candidates``, ``desired``,
    ``create_details`` and ``update_details``; this class does find/create/update/delete/wait.
    """

    kind = "resource"
    get_method = None
    create_method = None
    update_method = None
    delete_method = None
    #: lifecycle states in which the resource is ready (None: no lifecycle state)
    ready_states = ("AVAILABLE",)
    failed_states = ()
    #: which option names the parent, for the retry token and messages
    parent_option = None
    #: the resource type in this resource's OCIDs (checks the ``id`` option)
    ocid_type = None
    #: read-shape paths whose option has another name, for messages
    path_options = {}

    def __init__(self, module, api):
        super(OCIResource, self).__init__(module)
        self.api = api

    # -- identity ----------------------------------------------------------------------------
    def name(self):
        return self.params.get("display_name") or self.params.get("id")

    def compartment_id(self):
        return self.params.get("compartment_id")

    def parent_id(self):
        return self.params.get(self.parent_option) if self.parent_option else None

    def validate(self):
        problems = []
        if not self.params.get("id") and not self.params.get("display_name"):
            problems.append("give display_name (or id) to identify the %s" % self.kind)
        if not self.params.get("id") and self.needs_compartment() and not self.compartment_id():
            problems.append("compartment_id is required to find the %s by display_name (or set "
                            "OCI_COMPARTMENT_ID)" % self.kind)
        tags = self.params.get("freeform_tags")
        if tags:
            for key, value in tags.items():
                if not isinstance(value, str):
                    problems.append("freeform_tags.%s must be a string, not %r" % (key, value))
        return problems

    def needs_compartment(self):
        return True

    def option_problems(self):
        problems = super(OCIResource, self).option_problems()
        options = dict(OCID_OPTIONS, id=(self.ocid_type,) if self.ocid_type else None)
        for option, types in sorted(options.items()):
            if self.params.get(option):
                problems.extend(ocid_problems(self.params[option], option, types))
        return problems

    def option_for(self, path):
        return self.path_options.get(path, path)

    def list_candidates(self):
        """Models that may be this resource (same compartment/parent); filtered by name here."""
        raise NotImplementedError

    def matches(self, model):
        return getattr(model, "display_name", None) == self.params.get("display_name")

    # -- reading -----------------------------------------------------------------------------
    def read(self, model):
        """The read shape of ``model`` (subclasses add related objects)."""
        return to_dict(model)

    def find_model(self):
        if self.params.get("id"):
            model = self.api.get_or_none(self.get_method, self.params["id"])
            if model is None or is_gone(model):
                if self.params.get("state") == "present":
                    raise CloudError("no %s with id %s" % (self.kind, self.params["id"]),
                                     cloud=CLOUD, hint="omit id to create it by display_name")
                return None
            return model
        try:
            candidates = self.list_candidates()
        except CloudError as exc:
            if exc.status == 404 and self.params.get("state") == "absent":
                return None     # the parent (DRG, connection) is gone, and its children with it
            raise
        found = [m for m in candidates if self.matches(m) and not is_gone(m)]
        if len(found) > 1:
            raise CloudError("%d %ss are named %r here: %s" % (
                len(found), self.kind, self.params.get("display_name"),
                ", ".join(m.id for m in found)), cloud=CLOUD,
                hint="give id to choose one, or rename the others")
        return found[0] if found else None

    def find(self):
        model = self.find_model()
        self.exists = model is not None
        return self.read(model) if model is not None else None

    def require_for_create(self, options):
        """Options a create needs; InputError (before any write) when missing and absent."""
        if getattr(self, "exists", True):
            return
        missing = [option for option in options if self.params.get(option) in (None, [], "")]
        if missing:
            raise InputError(["%s is required to create the %s %r" % (
                " and ".join(missing), self.kind, self.name())])

    def fetch(self, resource_id):
        return self.read(self.api.call(self.get_method, resource_id))

    # -- desired -----------------------------------------------------------------------------
    def common_desired(self):
        desired = {}
        if self.params.get("display_name") is not None:
            desired["display_name"] = self.params["display_name"]
        if self.params.get("freeform_tags") is not None:
            desired["freeform_tags"] = self.params["freeform_tags"]
        return desired

    def predict(self, current, desired):
        after = merge(current or {}, desired)
        if current is None:
            after.setdefault("id", None)
            if self.ready_states:
                after.setdefault("lifecycle_state", self.ready_states[0])
        return after

    # -- writing -----------------------------------------------------------------------------
    def create_details(self, desired):
        raise NotImplementedError

    def update_details(self, current, desired, changed_paths):
        raise NotImplementedError

    def token_identity(self):
        return (self.kind, self.compartment_id(), self.parent_id(), self.params.get("display_name"))

    def create(self, desired):
        details = self.create_details(desired)
        model = self.api.create(self.create_method, details, self.token_identity(),
                                get_method=self.get_method, matches=self.matches)
        return self.after_write(model.id)

    def update(self, current, desired, changed_paths):
        details = self.update_details(current, desired, changed_paths)
        if details is not None:
            self.api.call(self.update_method, current["id"], details)
        return self.after_write(current["id"])

    def after_write(self, resource_id):
        if self.params.get("wait") and self.ready_states:
            self.api.wait_for(self.get_method, resource_id, states=self.ready_states,
                              failed_states=self.failed_states, what=self.describe())
        return self.fetch(resource_id)

    def delete(self, current):
        self.api.delete(self.delete_method, current["id"])
        if self.params.get("wait"):
            self.api.wait_gone(self.get_method, current["id"], what=self.describe())

    def wait_ready(self, resource):
        state = resource.get("lifecycle_state")
        if self.params.get("wait") and self.ready_states and state not in self.ready_states:
            self.api.wait_for(self.get_method, resource["id"], states=self.ready_states,
                              failed_states=self.failed_states, what=self.describe())
            return self.fetch(resource["id"])
        return resource

    def describe(self):
        return "%s %r" % (self.kind, self.name())

    # -- helpers for update details -----------------------------------------------------------
    @staticmethod
    def merged_tags(current, desired):
        """Freeform tags to send: the current ones with the user's keys set (a PUT replaces the
        whole map, and keys the user did not list are left alone)."""
        if desired.get("freeform_tags") is None:
            return None
        tags = dict(current.get("freeform_tags") or {})
        tags.update(desired["freeform_tags"])
        return tags


def run_info(module, collect):
    """Run ``collect()`` for an _info module and exit with its result dict."""
    try:
        result = collect()
    except CloudError as exc:
        module.fail_json(msg=exc.to_msg(), error=exc.to_dict())
    module.exit_json(changed=False, **result)
