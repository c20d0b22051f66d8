"""The OCI API's per-twin state: the store as OCI resources see it (lifecycle transitions,
retention of gone resources), etags and if-match, opc-retry-token replays, paging and filters,
and the interconnect model's overlay. Every OCI room takes one ``OciApi``."""

import base64
import binascii
import copy
import hashlib
import json
import logging
import threading

from emulator import rules
from emulator.core.http import ApiError, Response
from emulator.core.store import public_view, schedule
from emulator.oci.common import (
    CLOUD, DEFAULT_PAGE_SIZE, GONE_STATES, MAX_PAGE_SIZE, TERMINATED_RETENTION_SECONDS, check_enum,
    invalid, missing, not_found, regional_ocid, timestamp,
)

log = logging.getLogger("emulator.oci")


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


class LoggedOciApi(OciApi):
    """OciApi whose lifecycle transitions also go to the operation log (GET /admin/operations).

    One entry per operation: companions that share it (the tunnels and attachments of a new
    IPSec connection, the route tables of a new DRG) are not logged again - an entry is made
    only when the transitioning resource is of the kind the duration key names."""

    def transition(self, obj, state, final_state, duration_key, done_at=None):
        super().transition(obj, state, final_state, duration_key, done_at)
        dummy, kind, action = duration_key.split(".")
        if self.twin.stats is None or obj["id"].split(".")[1] != kind.lower() or not obj.get("_pending"):
            return
        finish = obj["_pending"][-1]["at"]
        realistic = rules.DURATIONS[duration_key]
        self.twin.stats.record_operation(
            CLOUD, kind, "delete" if final_state in GONE_STATES else action, obj["id"],
            obj.get("displayName"), finish - realistic * self.clock.time_scale, finish, realistic)


def _get(obj, dotted):
    for part in dotted.split("."):
        if not isinstance(obj, dict):
            return None
        obj = obj.get(part)
    return obj
