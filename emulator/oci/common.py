"""What every OCI room shares and that needs no state: OCIDs, timestamps, OCI's error shapes and
the checks of request bodies (names, tags, CIDRs, enums)."""

import base64
import datetime
import hashlib
import ipaddress

from emulator import rules
from emulator.core.credentials import new_ocid
from emulator.core.http import ApiError

API_PREFIX = "/20160918"
CLOUD = "oci"
DEFAULT_PAGE_SIZE = 5                    # small on purpose: clients must follow opc-next-page
MAX_PAGE_SIZE = 1000
TERMINATED_RETENTION_SECONDS = 3600      # how long a TERMINATED/DETACHED resource stays visible (1 hour)
REGION_KEYS = {"us-ashburn-1": "iad", "us-phoenix-1": "phx", "eu-frankfurt-1": "fra",
               "uk-london-1": "lhr", "ap-tokyo-1": "nrt"}
GONE_STATES = ("TERMINATED", "DETACHED")
NOT_FOUND_MESSAGE = "Authorization failed or requested resource not found."


def region_key():
    return REGION_KEYS.get(rules.OCI_REGION, "iad")


def regional_ocid(resource_type):
    return new_ocid(resource_type, region_key())


def stable_ocid(resource_type, seed):
    """An OCID that is the same in every twin (catalogue items such as provider services)."""
    digest = base64.b32encode(hashlib.sha256(seed.encode("utf-8")).digest()).decode("ascii").lower()
    return "ocid1.%s.oc1.%s.aaaaaaaa%s" % (resource_type, region_key(), digest[:52])


def timestamp(epoch):
    """RFC 3339 with milliseconds, as OCI serves ``timeCreated``."""
    moment = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


# -- errors ----------------------------------------------------------------------------------------
def not_found(what=None):
    return ApiError(404, "NotAuthorizedOrNotFound", NOT_FOUND_MESSAGE if what is None
                    else "%s not found or not authorized." % what)


def invalid(field, message):
    return ApiError(400, "InvalidParameter", "%s: %s" % (field, message), target=field)


def missing(field):
    return ApiError(400, "MissingParameter", "%s is required." % field, target=field)


def conflict(message):
    return ApiError(409, "Conflict", message)


def incorrect_state(message):
    return ApiError(409, "IncorrectState", message)


# -- request bodies ---------------------------------------------------------------------------------
def body_of(req):
    body = req.json()
    if not isinstance(body, dict):
        raise ApiError(400, "CannotParseRequest", "The request body must be a JSON object.")
    return body


def require(body, field):
    value = body.get(field)
    if value in (None, ""):
        raise missing(field)
    return value


def check_enum(value, allowed, field):
    if value is not None and value not in allowed:
        raise invalid(field, "%r is not one of %s." % (value, ", ".join(allowed)))
    return value


def check_cidr(value, field):
    try:
        return str(ipaddress.ip_network(value, strict=True))
    except (TypeError, ValueError):
        raise invalid(field, "%r is not a valid CIDR block." % (value,))


def check_display_name(value, field="displayName"):
    if value is not None and (not isinstance(value, str) or len(value) > 255):
        raise invalid(field, "must be a string of at most 255 characters.")
    return value


def check_tags(body):
    for field in ("freeformTags", "definedTags"):
        if field in body and body[field] is not None and not isinstance(body[field], dict):
            raise invalid(field, "must be an object.")


def update_common(obj, body):
    """displayName and tags, the fields every OCI update takes."""
    if body.get("displayName") is not None:
        obj["displayName"] = check_display_name(body["displayName"])
    for field in ("freeformTags", "definedTags"):
        if body.get(field) is not None:
            obj[field] = body[field]
