"""Retry strategy: Retry-After is honoured, attempts and sleeps are bounded, only transient
errors are retried; errors carry code, status, request id and a hint."""

import email.utils

import oci
import pytest
from oci._vendor.requests import exceptions as requests_exceptions

from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_errors
from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_retries
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError

from oci_unit_helpers import service_error


def strategy(**kwargs):
    sleeps = []
    kwargs.setdefault("rand", lambda low, high: high)      # deterministic: the backoff ceiling
    made = oci_retries.RetryAfterStrategy(sleep=sleeps.append, **kwargs)
    return made, sleeps


def scripted(*outcomes):
    """A callable that raises/returns the outcomes in order and counts its calls."""
    calls = []

    def func():
        calls.append(1)
        outcome = outcomes[len(calls) - 1]
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    return func, calls


@pytest.mark.parametrize("value, expected", [("7", 7.0), ("0", 0.0), ("2.5", 2.5), (" 3 ", 3.0)])
def test_retry_after_seconds(value, expected):
    assert oci_retries.parse_retry_after({"Retry-After": value}) == expected


def test_retry_after_http_date_and_case():
    now = 1_700_000_000
    header = email.utils.formatdate(now + 42, usegmt=True)
    assert oci_retries.parse_retry_after({"retry-after": header}, now=now) == pytest.approx(42, abs=1)


@pytest.mark.parametrize("headers", [None, {}, {"Retry-After": "soon"}, {"X": "1"}])
def test_retry_after_absent_or_unparseable(headers):
    assert oci_retries.parse_retry_after(headers) is None


def test_throttle_sleeps_at_least_retry_after_then_succeeds():
    made, sleeps = strategy(base_seconds=0.01)
    func, calls = scripted(service_error(429, "TooManyRequests", headers={"Retry-After": "7"}),
                           service_error(429, "TooManyRequests", headers={"Retry-After": "3"}),
                           "ok")
    assert made.make_retrying_call(func) == "ok"
    assert len(calls) == 3
    assert sleeps[0] >= 7 and sleeps[1] >= 3
    # the backoff ceiling (0.01 * 2^n) is far below Retry-After: Retry-After decides
    assert sleeps == [7.0, 3.0]


def test_retry_after_is_capped():
    made, sleeps = strategy(retry_after_cap=60)
    func, dummy = scripted(service_error(503, "ServiceUnavailable", headers={"Retry-After": "86400"}), "ok")
    assert made.make_retrying_call(func) == "ok"
    assert sleeps == [60]


def test_attempts_are_bounded_and_backoff_grows_with_a_ceiling():
    made, sleeps = strategy(max_attempts=5, base_seconds=1, max_backoff_seconds=5)
    errors = [service_error(500, "InternalServerError") for dummy in range(10)]
    func, calls = scripted(*errors)
    with pytest.raises(oci.exceptions.ServiceError):
        made.make_retrying_call(func)
    assert len(calls) == 5                       # max_attempts calls, then the error
    assert sleeps == [2, 4, 5, 5]                # min(ceiling, base * 2^attempt)


def test_jitter_stays_within_the_ceiling():
    bounds = []

    def rand(low, high):
        bounds.append((low, high))
        return (low + high) / 2

    made = oci_retries.RetryAfterStrategy(sleep=lambda s: None, rand=rand, max_attempts=3,
                                          base_seconds=1, max_backoff_seconds=30)
    func, dummy = scripted(service_error(502, "BadGateway"), service_error(502, "BadGateway"), "ok")
    made.make_retrying_call(func)
    assert bounds == [(0, 2), (0, 4)]
    assert made.sleeps == [1.0, 2.0]


@pytest.mark.parametrize("error", [
    service_error(400, "InvalidParameter"),
    service_error(401, "NotAuthenticated"),
    service_error(404, "NotAuthorizedOrNotFound"),
    service_error(409, "Conflict"),
    service_error(501, "NotImplemented"),
])
def test_permanent_service_errors_are_not_retried(error):
    made, sleeps = strategy()
    func, calls = scripted(error, "ok")
    with pytest.raises(oci.exceptions.ServiceError):
        made.make_retrying_call(func)
    assert len(calls) == 1 and sleeps == []


@pytest.mark.parametrize("error", [
    service_error(409, "IncorrectState"),
    service_error(429, "TooManyRequests"),
    service_error(503, "ServiceUnavailable"),
    oci.exceptions.RequestException(requests_exceptions.ConnectionError("reset by peer")),
])
def test_transient_errors_are_retried(error):
    made, sleeps = strategy()
    func, calls = scripted(error, "ok")
    assert made.make_retrying_call(func) == "ok"
    assert len(calls) == 2 and len(sleeps) == 1


def test_tls_verification_errors_are_not_retried():
    made, sleeps = strategy()
    error = oci.exceptions.RequestException(requests_exceptions.SSLError("CERTIFICATE_VERIFY_FAILED"))
    func, calls = scripted(error, "ok")
    with pytest.raises(oci.exceptions.RequestException):
        made.make_retrying_call(func)
    assert len(calls) == 1 and sleeps == []


def test_sdk_client_uses_the_strategy_for_every_call():
    """The strategy plugs into a real client: retries happen inside the SDK operation."""
    made, sleeps = strategy(base_seconds=0)
    config = {"user": "ocid1.user.oc1..a", "tenancy": "ocid1.tenancy.oc1..a",
              "fingerprint": "aa:" * 15 + "aa", "key_content": "unused", "region": "us-ashburn-1"}
    client = oci.core.VirtualNetworkClient(config, retry_strategy=made, signer=object(),
                                           service_endpoint="https://127.0.0.1:9")
    outcomes = [service_error(429, "TooManyRequests", headers={"Retry-After": "1"}),
                oci.response.Response(200, {}, "drg", None)]

    def call_api(**kwargs):
        outcome = outcomes.pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    client.base_client.call_api = call_api
    assert client.get_drg("ocid1.drg.oc1..x").data == "drg"
    assert sleeps == [1.0]


@pytest.mark.parametrize("status, code, fragment", [
    (401, "NotAuthenticated", "fingerprint"),
    (404, "NotAuthorizedOrNotFound", "policy"),
    (409, "Conflict", "delete or detach what depends on it"),
    (409, "IncorrectState", "busy"),
    (429, "TooManyRequests", "fewer forks"),
    (500, "InternalServerError", "request id"),
])
def test_service_errors_become_cloud_errors_with_hints(status, code, fragment):
    error = oci_errors.to_cloud_error(service_error(status, code, "message from OCI"))
    assert isinstance(error, CloudError)
    assert (error.status, error.code, error.request_id) == (status, code, "REQ-%s-%s" % (status, code))
    text = error.to_msg()
    assert "message from OCI" in text and code in text and "REQ-%s-%s" % (status, code) in text
    assert fragment in text


def test_transport_and_timeout_errors_have_hints():
    tls = oci_errors.to_cloud_error(oci.exceptions.RequestException(requests_exceptions.SSLError("bad cert")))
    assert "ca_bundle" in tls.hint
    waited = oci_errors.to_cloud_error(oci.exceptions.MaximumWaitTimeExceeded("too long"))
    assert "wait_timeout" in waited.hint
