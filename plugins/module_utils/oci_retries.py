# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""When an OCI request is tried again, and how a create is made safe to try again.

:class:`RetryAfterStrategy` is the SDK's exponential-backoff retry loop with a sleep that honours
``Retry-After``; the SDK's retry checkers decide what is retried (429, 5xx, 409 IncorrectState/
LockConflict, timeouts and connection errors, never TLS or URL errors). :func:`retry_token` gives
one logical create the same ``opc-retry-token`` on every run.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import hashlib
import random
import time

from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_errors import HAS_OCI

try:
    from oci.retry import retry_checkers as oci_retry_checkers
    from oci.retry.retry import ExponentialBackoffRetryStrategyBase as _RetryBase
except ImportError:  # oci_errors.HAS_OCI is False: OCIModule says which library to install
    _RetryBase = object

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
# The service's answer to a known token sent with a different request.
STALE_TOKEN_CODES = ("InvalidatedRetryToken",)


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
