"""Entra ID (Azure AD) subset: OpenID discovery, client-credentials tokens, bearer checks for ARM.

What MSAL (under azure-identity's ``ClientSecretCredential``) does against an authority
``https://HOST`` with ``disable_instance_discovery=True`` (msal/authority.py, oauth2cli/oauth2.py):
  1. ``GET {authority}/{tenant}/v2.0/.well-known/openid-configuration``; it needs
     ``authorization_endpoint`` and ``token_endpoint`` and takes the tenant from the latter.
  2. ``POST {token_endpoint}`` form-encoded ``grant_type=client_credentials``, ``client_id``,
     ``client_secret``, ``scope=<resource>/.default`` (MSAL puts the secret in the body; RFC 6749
     HTTP Basic is accepted too). A JSON error body (any 4xx) becomes ClientAuthenticationError.

Tokens are JWT-shaped (``header.payload.signature``, base64url) and signed with HMAC-SHA256 under
a key derived from the twin's service-principal secret, so they stay valid across a restart of
the same state dir, as real tokens do.
"""

import base64
import datetime
import hashlib
import hmac
import json
import re
import uuid
from urllib.parse import parse_qs

from emulator.core.http import ApiError, Response

TOKEN_LIFETIME_SECONDS = 3600
# Audiences ARM accepts (InvalidAuthenticationTokenAudience lists exactly these) plus the twin's own
# URL, which is what a client configured with credential_scopes=[<twin url>/.default] asks for.
ARM_AUDIENCES = (
    "https://management.core.windows.net/", "https://management.core.windows.net",
    "https://management.azure.com/", "https://management.azure.com",
)
_TOKEN_KEY_LABEL = b"interconnect-twin arm token key v1"


# --- tokens -------------------------------------------------------------------------------------
def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signing_key(twin):
    azure = twin.identity["azure"]
    material = ("%s|%s|%s" % (azure["tenant_id"], azure["client_id"], azure["client_secret"])).encode("utf-8")
    return hmac.new(_TOKEN_KEY_LABEL, material, hashlib.sha256).digest()


def _sign(twin, signing_input):
    return _b64url(hmac.new(_signing_key(twin), signing_input.encode("ascii"), hashlib.sha256).digest())


def issuer(twin, tenant=None):
    return "%s/%s/v2.0" % (twin.base_url, tenant or twin.identity["azure"]["tenant_id"])


def issue_token(twin, audience, now=None, lifetime=TOKEN_LIFETIME_SECONDS):
    """A signed access token for the twin's service principal."""
    azure = twin.identity["azure"]
    now = int(twin.clock.now() if now is None else now)
    header = {"typ": "JWT", "alg": "HS256", "kid": "twin"}
    claims = {
        "aud": audience, "iss": issuer(twin), "iat": now, "nbf": now, "exp": now + lifetime,
        "appid": azure["client_id"], "azp": azure["client_id"], "oid": azure["client_id"],
        "sub": azure["client_id"], "tid": azure["tenant_id"], "idtyp": "app", "ver": "2.0",
        "uti": uuid.uuid4().hex,
    }
    signing_input = "%s.%s" % (_b64url(json.dumps(header, separators=(",", ":")).encode()),
                               _b64url(json.dumps(claims, separators=(",", ":")).encode()))
    return "%s.%s" % (signing_input, _sign(twin, signing_input))


def decode_token(twin, token):
    """The claims of a token this twin signed, or None if it is malformed or the signature is wrong."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    signing_input = "%s.%s" % (parts[0], parts[1])
    if not hmac.compare_digest(_sign(twin, signing_input), parts[2]):
        return None
    try:
        claims = json.loads(_b64url_decode(parts[1]))
    except ValueError:
        return None
    return claims if isinstance(claims, dict) else None


# --- ARM bearer check ---------------------------------------------------------------------------
def _utc(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%m/%d/%Y %H:%M:%S")


def _arm_401(twin, code, message):
    # ARM's challenge: Bearer authorization_uri=..., error="invalid_token", error_description=...
    challenge = 'Bearer authorization_uri="%s/%s", error="invalid_token", error_description="%s"' % (
        twin.base_url, twin.identity["azure"]["tenant_id"], message.replace('"', "'"))
    return ApiError(401, code, message, headers={"WWW-Authenticate": challenge})


def allowed_audiences(twin):
    base = twin.base_url.rstrip("/")
    return set(ARM_AUDIENCES) | {base, base + "/"}


def authenticate(req, twin):
    """Check an ARM request's bearer token; raise ApiError 401 with ARM's codes; return the claims."""
    header = req.headers.get("Authorization")
    if not header:
        raise _arm_401(twin, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.")
    match = re.match(r"^\s*Bearer\s+(\S+)\s*$", header, re.IGNORECASE)
    if not match:
        raise _arm_401(twin, "AuthenticationFailedInvalidHeader",
                       "Authentication failed. The 'Authorization' header is provided in an invalid format.")
    claims = decode_token(twin, match.group(1))
    if claims is None:
        raise _arm_401(twin, "InvalidAuthenticationToken", "The access token is invalid.")
    now = twin.clock.now()
    if claims.get("exp", 0) <= now:
        raise _arm_401(twin, "ExpiredAuthenticationToken",
                       "The access token expiry UTC time '%s' is earlier than current UTC time '%s'."
                       % (_utc(claims.get("exp", 0)), _utc(now)))
    if claims.get("tid") != twin.identity["azure"]["tenant_id"]:
        raise _arm_401(twin, "InvalidAuthenticationTokenTenant",
                       "The access token is from the wrong issuer '%s'." % claims.get("iss"))
    if claims.get("aud") not in allowed_audiences(twin):
        raise _arm_401(twin, "InvalidAuthenticationTokenAudience",
                       "The access token has been obtained for wrong audience or resource '%s'. It should "
                       "exactly match with one of the allowed audiences %s."
                       % (claims.get("aud"), ",".join("'%s'" % a for a in ARM_AUDIENCES)))
    return claims


# --- Entra endpoints ----------------------------------------------------------------------------
def _entra_error(twin, status, error, aadsts, description):
    """An Entra error body (``error``, ``error_description`` starting with AADSTSnnn, codes, ids)."""
    trace_id, correlation_id = str(uuid.uuid4()), str(uuid.uuid4())
    stamp = datetime.datetime.now(datetime.timezone.utc)
    text = "AADSTS%d: %s Trace ID: %s Correlation ID: %s Timestamp: %s" % (
        aadsts, description, trace_id, correlation_id, stamp.strftime("%Y-%m-%d %H:%M:%SZ"))
    body = {
        "error": error, "error_description": text, "error_codes": [aadsts],
        "timestamp": stamp.strftime("%Y-%m-%d %H:%M:%SZ"), "trace_id": trace_id,
        "correlation_id": correlation_id, "error_uri": "%s/error?code=%d" % (twin.base_url, aadsts),
    }
    return Response(status, body, {"Cache-Control": "no-store, no-cache", "Pragma": "no-cache"})


def _tenant_known(twin, tenant):
    return tenant.lower() == twin.identity["azure"]["tenant_id"].lower()


def _tenant_not_found(twin, tenant):
    return _entra_error(
        twin, 400, "invalid_tenant", 90002,
        "Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into the "
        "correct cloud. Check with your subscription administrator, this may happen if there are no active "
        "subscriptions for the tenant." % tenant)


def openid_configuration(twin, tenant, v2):
    base = twin.base_url
    oauth = "%s/%s/oauth2%s" % (base, tenant, "/v2.0" if v2 else "")
    doc = {
        "token_endpoint": oauth + "/token",
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["HS256"],
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "grant_types_supported": ["client_credentials"],
        "issuer": issuer(twin, tenant) if v2 else "%s/%s/" % (base, tenant),
        "request_uri_parameter_supported": False,
        "authorization_endpoint": oauth + "/authorize",
        "device_authorization_endpoint": oauth + "/devicecode",
        "http_logout_supported": True,
        "frontchannel_logout_supported": True,
        "end_session_endpoint": oauth + "/logout",
        "tenant_region_scope": "NA",
        "cloud_instance_name": "twin.local",
        "cloud_graph_host_name": "graph.twin.local",
        "msgraph_host": "graph.twin.local",
    }
    return doc


def _form(req):
    try:
        parsed = parse_qs(req.body.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        parsed = {}
    return {k: v[-1] for k, v in parsed.items()}


def _basic_credentials(req):
    header = req.headers.get("Authorization") or ""
    if not header.lower().startswith("basic "):
        return None, None
    try:
        decoded = base64.b64decode(header[6:].strip()).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None, None
    from urllib.parse import unquote_plus
    client_id, _, secret = decoded.partition(":")
    return unquote_plus(client_id), unquote_plus(secret)


def token_response(twin, tenant, req, v2):
    """The client-credentials grant (v2.0 takes ``scope``, v1 takes ``resource``)."""
    if not _tenant_known(twin, tenant):
        return _tenant_not_found(twin, tenant)
    azure = twin.identity["azure"]
    form = _form(req)
    basic_id, basic_secret = _basic_credentials(req)
    client_id = form.get("client_id") or basic_id
    secret = form.get("client_secret") or basic_secret
    grant = form.get("grant_type")
    if grant != "client_credentials":
        return _entra_error(twin, 400, "unsupported_grant_type", 70003,
                            "The app requested an unsupported grant type '%s'." % (grant or ""))
    if not client_id:
        return _entra_error(twin, 400, "invalid_request", 900144,
                            "The request body must contain the following parameter: 'client_id'.")
    if client_id.lower() != azure["client_id"].lower():
        return _entra_error(
            twin, 400, "unauthorized_client", 700016,
            "Application with identifier '%s' was not found in the directory '%s'. This can happen if the "
            "application has not been installed by the administrator of the tenant or consented to by any user "
            "in the tenant. You may have sent your authentication request to the wrong tenant."
            % (client_id, tenant))
    if not secret:
        return _entra_error(twin, 401, "invalid_client", 7000218,
                            "The request body must contain the following parameter: 'client_assertion' or "
                            "'client_secret'.")
    if not hmac.compare_digest(secret.encode("utf-8"), azure["client_secret"].encode("utf-8")):
        return _entra_error(
            twin, 401, "invalid_client", 7000215,
            "Invalid client secret provided. Ensure the secret being sent in the request is the client secret "
            "value, not the client secret ID, for a secret added to app '%s'." % client_id)
    if v2:
        scopes = (form.get("scope") or "").split()
        resources = [s[: -len("/.default")] for s in scopes if s.endswith("/.default")]
        if len(resources) != 1 or len(scopes) != 1:
            return _entra_error(
                twin, 400, "invalid_scope", 1002012,
                "The provided value for scope %s is not valid. Client credential flows must have a scope value "
                "with /.default suffixed to the resource identifier (application ID URI)." % form.get("scope", ""))
        audience = resources[0]
    else:
        audience = form.get("resource")
        if not audience:
            return _entra_error(twin, 400, "invalid_resource", 500011,
                                "The request body must contain the following parameter: 'resource'.")
    if audience.rstrip("/") in (twin.base_url.rstrip("/"), "https://management.azure.com",
                                "https://management.core.windows.net"):
        audience = audience.rstrip("/") + "/"
    token = issue_token(twin, audience)
    body = {"token_type": "Bearer", "expires_in": TOKEN_LIFETIME_SECONDS,
            "ext_expires_in": TOKEN_LIFETIME_SECONDS, "access_token": token}
    if not v2:
        now = int(twin.clock.now())
        body.update({"expires_on": str(now + TOKEN_LIFETIME_SECONDS), "not_before": str(now),
                     "resource": audience, "expires_in": str(TOKEN_LIFETIME_SECONDS),
                     "ext_expires_in": str(TOKEN_LIFETIME_SECONDS)})
    return Response(200, body, {"Cache-Control": "no-store, no-cache", "Pragma": "no-cache"})


def cloud_metadata(twin, api_version):
    """``GET /metadata/endpoints``: the cloud metadata document clients read to find the resource
    manager, the login endpoint and the token audiences of a cloud (ARM serves it unauthenticated).

    Shapes as the clients read them: api-version 2015-01-01 (msrestazure's
    ``get_cloud_from_metadata_endpoint``, used by azure.azcollection) names the endpoints
    ``galleryEndpoint``/``graphEndpoint``/``portalEndpoint``; 2019-05-01 and later (azure-cli's
    ``cloud.py``) ``gallery``/``graph``/``portal`` plus ``resourceManager``, ``name`` and
    ``suffixes``; 2022-09-01 and later answer a list of clouds."""
    base = twin.base_url.rstrip("/") + "/"
    authentication = {"loginEndpoint": base, "audiences": [base, "https://management.core.windows.net/",
                                                           "https://management.azure.com/"],
                      "tenant": "common", "identityProvider": "AAD"}
    version = api_version or "2015-01-01"
    if version < "2019-05-01":
        return {"galleryEndpoint": base, "graphEndpoint": base, "portalEndpoint": base,
                "authentication": authentication}
    cloud = {"portal": base, "authentication": authentication, "media": base, "graphAudience": base,
             "graph": base, "name": "InterconnectTwin", "suffixes": {"storage": "core.windows.net",
                                                                   "keyVaultDns": "vault.azure.net"},
             "batch": base, "resourceManager": base, "gallery": base,
             "microsoftGraphResourceId": base}
    return [cloud] if version >= "2022-09-01" else cloud


def register(router, twin):
    """Add the Entra routes (api tag ``entra``) to ``router``."""

    def metadata_endpoints(req):
        return Response(200, cloud_metadata(twin, req.query.get("api-version")))

    # Unauthenticated, as ARM serves it: clients read it before they have a token.
    router.add("entra", "GET", "/metadata/endpoints", metadata_endpoints)

    def discovery_v2(req, tenant):
        if not _tenant_known(twin, tenant):
            return _tenant_not_found(twin, tenant)
        return Response(200, openid_configuration(twin, tenant, v2=True))

    def discovery_v1(req, tenant):
        if not _tenant_known(twin, tenant):
            return _tenant_not_found(twin, tenant)
        return Response(200, openid_configuration(twin, tenant, v2=False))

    def token_v2(req, tenant):
        return token_response(twin, tenant, req, v2=True)

    def token_v1(req, tenant):
        return token_response(twin, tenant, req, v2=False)

    # Token requests are not resource writes: tag them read so the server does not take the write lock.
    router.add("entra", "GET", "/{tenant}/v2.0/.well-known/openid-configuration", discovery_v2)
    router.add("entra", "GET", "/{tenant}/.well-known/openid-configuration", discovery_v1)
    router.add("entra", "POST", "/{tenant}/oauth2/v2.0/token", token_v2, write=False)
    router.add("entra", "POST", "/{tenant}/oauth2/token", token_v1, write=False)
