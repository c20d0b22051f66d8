"""Shared machinery of the OCI Core API: OCIDs, timestamps, errors, etags, paging, retry tokens,
lifecycle transitions and the model overlay. Used by oci_api, oci_ipsec and oci_fastconnect."""

import base64
import binascii
import copy
import datetime
import hashlib
import ipaddress
import json
import logging
import threading

from emulator import rules
from emulator.core.credentials import new_ocid
from emulator.core.http import ApiError, Response
from emulator.core.store import public_view, schedule

log = logging.getLogger("emulator.oci")

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


RETRY_TOKEN_KIND = "_retryToken"        # private store kind: never served, not counted
RETRY_TOKEN_LIFETIME_SECONDS = 24 * 3600  # OCI: "retry tokens expire after 24 hours"


class OciApi:
    """Per-twin state of the OCI API: retry tokens and helpers bound to the twin's store."""

    def __init__(self, twin):
        self.twin = twin
        self.store = twin.store
        self.clock = twin.clock
        self._tokens_lock = threading.Lock()
        identity = twin.identity["oci"]
        self.compartments = {identity["tenancy"], identity["compartment_id"]}

    # -- compartments ----------------------------------------------------------------------
    def check_compartment(self, compartment_id, field="compartmentId"):
        if not compartment_id:
            raise missing(field)
        if compartment_id not in self.compartments:
            raise not_found("Compartment %s" % compartment_id)
        return compartment_id

    # -- store access ----------------------------------------------------------------------
    def now(self):
        return self.clock.now()

    def after(self, duration_key):
        return self.clock.after(rules.DURATIONS[duration_key])

    def new_resource(self, resource_type, fields):
        now = self.now()
        obj = {"id": regional_ocid(resource_type), "timeCreated": timestamp(now),
               "definedTags": {}, "freeformTags": {}}
        obj.update(fields)
        obj["_createdAt"] = now
        obj["_updatedAt"] = now
        return obj

    def save(self, kind, obj):
        obj["_updatedAt"] = self.now()
        self.store.put(CLOUD, kind, obj["id"], obj)
        return obj

    def load(self, kind, rid):
        """The stored object (settled), or None; purges a gone resource whose retention ended."""
        obj = self.store.get(CLOUD, kind, rid)
        if obj is None:
            return None
        if obj.get("lifecycleState") in GONE_STATES and obj.get("_purgeAt", float("inf")) <= self.now():
            self.store.delete(CLOUD, kind, rid)
            return None
        return obj

    def load_or_404(self, kind, rid, what=None):
        obj = self.load(kind, rid)
        if obj is None:
            raise not_found(what)
        return obj

    def all(self, kind):
        out = []
        now = self.now()
        for obj in self.store.list(CLOUD, kind):
            if obj.get("lifecycleState") in GONE_STATES and obj.get("_purgeAt", float("inf")) <= now:
                self.store.delete(CLOUD, kind, obj["id"])
                continue
            out.append(obj)
        return out

    def transition(self, obj, state, final_state, duration_key, done_at=None):
        """Set ``state`` now and ``final_state`` after the realistic duration (scaled).

        Resources created together (a connection and its tunnels) pass one ``done_at`` so that
        none of them is observed ready before the others."""
        obj["lifecycleState"] = state
        obj.pop("_pending", None)
        done_at = self.after(duration_key) if done_at is None else done_at
        schedule(obj, done_at, lifecycleState=final_state)
        if final_state in GONE_STATES:
            obj["_purgeAt"] = done_at + TERMINATED_RETENTION_SECONDS * self.clock.time_scale

    # -- etags -----------------------------------------------------------------------------
    @staticmethod
    def etag(obj):
        view = public_view(obj)
        return hashlib.md5(json.dumps(view, sort_keys=True).encode("utf-8")).hexdigest()

    def check_if_match(self, req, obj):
        wanted = req.headers.get("if-match")
        if wanted and wanted != self.etag(obj):
            raise ApiError(412, "NoEtagMatch", "The if-match etag %s does not match the resource's etag." % wanted)

    def respond(self, obj, view=None, status=200):
        """The resource as served, with its etag."""
        return Response(status, view if view is not None else public_view(obj), {"etag": self.etag(obj)})

    # -- opc-retry-token -------------------------------------------------------------------
    def idempotent(self, req, create):
        """Run ``create()`` once per ``opc-retry-token``; a replay gets the stored response.

        The same token with a different request is 409 InvalidatedRetryToken, as OCI answers.
        OCI keeps tokens for 24 hours on its side, so they live in the persisted store (private
        kind ``_retryToken``) and a replay after a restart of the twin still finds them.
        """
        token = req.headers.get("opc-retry-token")
        if not token:
            return create()
        fingerprint = [req.method, req.path, hashlib.sha256(req.body).hexdigest()]
        with self._tokens_lock:
            entry = self.store.get("oci", RETRY_TOKEN_KIND, token)
            if entry is not None and entry["expires"] < self.clock.now():
                entry = None
            if entry is not None:
                if entry["fingerprint"] != fingerprint:
                    raise ApiError(409, "InvalidatedRetryToken",
                                   "The opc-retry-token was used for a different request.")
                self.twin.stats.record_replay()
                return Response(entry["status"], entry["body"], dict(entry["headers"]))
            # Held while creating: a concurrent replay of the same token waits for this answer.
            response = create()
            if response.status < 300:
                self.store.put("oci", RETRY_TOKEN_KIND, token, {
                    "fingerprint": fingerprint, "status": response.status,
                    "body": copy.deepcopy(response.body), "headers": dict(response.headers),
                    "expires": self.clock.now() + RETRY_TOKEN_LIFETIME_SECONDS})
            return response

    # -- lists -----------------------------------------------------------------------------
    @staticmethod
    def page(req, items, sortable=False):
        """One page of ``items`` (already filtered) with ``opc-next-page`` when more remain."""
        items = sorted(items, key=lambda o: o.get("timeCreated") or "")   # stable for catalogues
        if sortable:
            sort_by = check_enum(req.query.get("sortBy"), ("TIMECREATED", "DISPLAYNAME"), "sortBy")
            order = check_enum(req.query.get("sortOrder"), ("ASC", "DESC"), "sortOrder")
            if sort_by == "DISPLAYNAME":
                items = sorted(items, key=lambda o: ((o.get("displayName") or "").lower(), o.get("id", "")))
            else:
                items = sorted(items, key=lambda o: (o.get("timeCreated") or "", o.get("id", "")))
            if order == "DESC" or (order is None and sort_by == "TIMECREATED"):
                items = list(reversed(items))   # OCI: TIMECREATED sorts descending by default
        limit = req.query.get("limit")
        try:
            size = int(limit) if limit not in (None, "") else DEFAULT_PAGE_SIZE
        except ValueError:
            raise invalid("limit", "must be an integer.")
        if not 1 <= size <= MAX_PAGE_SIZE:
            raise invalid("limit", "must be between 1 and %d." % MAX_PAGE_SIZE)
        start = 0
        token = req.query.get("page")
        if token:
            try:
                start = int(base64.urlsafe_b64decode(token.encode("ascii")).decode("ascii").split(":")[1])
            except (ValueError, IndexError, UnicodeError, binascii.Error):
                raise invalid("page", "the page token is not valid.")
        chunk = items[start:start + size]
        headers = {}
        if start + size < len(items):
            headers["opc-next-page"] = base64.urlsafe_b64encode(
                ("offset:%d" % (start + size)).encode("ascii")).decode("ascii")
        return Response(200, chunk, headers)

    @staticmethod
    def filter(items, req, **fields):
        """Keep items whose field equals the query parameter, for each ``param=field`` given."""
        for param, field in fields.items():
            wanted = req.query.get(param)
            if wanted not in (None, ""):
                items = [o for o in items if _get(o, field) == wanted]
        return items

    # -- the model -------------------------------------------------------------------------
    def model(self):
        """The interconnect model's output, or None when it is not available."""
        try:
            return self.twin.model()
        except ModuleNotFoundError as exc:
            if exc.name != "emulator.physics.model":
                raise
            return None
        except Exception:  # a model bug must not take the OCI API down; it is logged loudly
            log.exception("the interconnect model failed; serving tunnels and circuits as DOWN")
            return None


def _get(obj, dotted):
    for part in dotted.split("."):
        if not isinstance(obj, dict):
            return None
        obj = obj.get(part)
    return obj
