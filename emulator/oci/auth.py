"""OCI request signatures (draft-cavage HTTP signatures, as the ``oci`` SDK's Signer makes them).

The SDK sends ``Authorization: Signature version="1",keyId="<tenancy>/<user>/<fingerprint>",
algorithm="rsa-sha256",headers="date (request-target) host[ content-length content-type
x-content-sha256]",signature="<base64 RSA-SHA256>"``. The twin checks the key id against its own
identity, that the required headers are signed, the clock skew of ``date``, the body digest and
length, and the RSA signature with the public key it generated. Any failure is 401
NotAuthenticated, as OCI answers (the message says why, which OCI does not always do).
"""

import base64
import email.utils
import functools
import hashlib
import re
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from emulator.core.http import ApiError

GENERIC_HEADERS = ("date", "(request-target)", "host")
BODY_HEADERS = ("content-length", "content-type", "x-content-sha256")
BODY_METHODS = ("POST", "PUT", "PATCH")
MAX_CLOCK_SKEW_SECONDS = 300          # OCI rejects requests whose date is more than 5 minutes off

_PARAM = re.compile(r'(\w+)="([^"]*)"')


def _fail(message):
    raise ApiError(401, "NotAuthenticated", message)


@functools.lru_cache(maxsize=8)
def _public_key(pem):
    return serialization.load_pem_public_key(pem.encode("ascii"))


def parse_authorization(value):
    if not value or not value.startswith("Signature "):
        _fail("The required information to complete authentication was not provided.")
    params = dict(_PARAM.findall(value[len("Signature "):]))
    for name in ("keyId", "signature", "headers"):
        if name not in params:
            _fail("The Authorization header has no %s." % name)
    return params


def signing_string(req, signed_headers):
    lines = []
    for name in signed_headers:
        if name == "(request-target)":
            lines.append("(request-target): %s %s" % (req.method.lower(), req.raw_target))
            continue
        value = req.headers.get(name)
        if value is None:
            _fail("The signed header %r is missing from the request." % name)
        lines.append("%s: %s" % (name, value))
    return "\n".join(lines)


def authenticate(req, twin):
    """Raise ApiError 401 unless ``req`` carries a valid signature made with the twin's OCI key."""
    identity = twin.identity["oci"]
    params = parse_authorization(req.headers.get("authorization"))
    if params.get("algorithm", "rsa-sha256") != "rsa-sha256":
        _fail("Unsupported signing algorithm %r." % params.get("algorithm"))
    expected_key_id = "%s/%s/%s" % (identity["tenancy"], identity["user"], identity["fingerprint"])
    if params["keyId"] != expected_key_id:
        _fail("The key id %r is not known (tenancy/user/fingerprint)." % params["keyId"])

    signed = params["headers"].lower().split()
    required = GENERIC_HEADERS + (BODY_HEADERS if req.method in BODY_METHODS else ())
    missing = [h for h in required if h not in signed]
    if missing:
        _fail("The signature does not cover the required headers %s." % ", ".join(missing))

    date = req.headers.get("date") or req.headers.get("x-date")
    try:
        sent = email.utils.parsedate_to_datetime(date).timestamp()
    except (TypeError, ValueError, IndexError):
        _fail("The date header is missing or malformed.")
    if abs(time.time() - sent) > MAX_CLOCK_SKEW_SECONDS:
        _fail("The date header is more than %d seconds off the server's clock." % MAX_CLOCK_SKEW_SECONDS)

    if req.method in BODY_METHODS:
        digest = base64.b64encode(hashlib.sha256(req.body).digest()).decode("ascii")
        if req.headers.get("x-content-sha256") != digest:
            _fail("The x-content-sha256 header does not match the request body.")
        if req.headers.get("content-length") != str(len(req.body)):
            _fail("The content-length header does not match the request body.")

    try:
        signature = base64.b64decode(params["signature"], validate=True)
    except ValueError:
        _fail("The signature is not valid base64.")
    try:
        _public_key(identity["public_key_pem"]).verify(
            signature, signing_string(req, signed).encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        _fail("The request signature does not verify with the key %s." % identity["fingerprint"])
