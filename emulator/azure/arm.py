"""ARM state shared by the Azure resource modules: request checks, ids, LROs, deletion sweep, paging.

How ARM behaves here, and where it comes from (azure-core 1.41 / azure-mgmt-core 1.6 pollers and
the azure-rest-api-specs network examples):

- Every request needs ``api-version``; any well-formed version is accepted (SDKs send different
  ones). Missing: 400 MissingApiVersionParameter.
- PUT answers 201 (created) or 200 (updated) with the resource in ``provisioningState``
  ``Updating`` and an ``Azure-AsyncOperation`` header; that URL answers ``{"status": "InProgress"}``
  with a ``Retry-After`` until the realistic duration (rules.DURATIONS x time scale) has passed,
  then ``Succeeded``; the SDK then GETs the resource.
- DELETE answers 202 with ``Location`` and ``Azure-AsyncOperation`` (as the network RP does); the
  resource shows ``Deleting`` until it is gone; a DELETE of a missing resource answers 204.
- POST actions answer 202 with ``Location``; the Location URL answers 202 until done, then 200
  with the result.
- A write on a resource that is ``Updating`` or ``Deleting``: 409 AnotherOperationInProgress.
- Lists page through ``nextLink`` with a small page size.

Error codes that could not be confirmed in a public source are marked ``# unverified`` where
they are raised.
"""

import importlib.util
import math
import re
import uuid
from urllib.parse import quote, urlencode

from emulator import rules
from emulator.azure.common import (
    NETWORK, RESOURCE_TYPES, arm_error, bad_request, invalid_format, iso, new_etag, normalize_location,
    ref_id,
)
from emulator.core.http import Response
from emulator.core.store import schedule

PAGE_SIZE = 3                    # small on purpose: clients must follow nextLink
MAX_RETRY_AFTER_SECONDS = 10     # the network RP sends Retry-After: 10 on its operations
OPERATION_KIND = "asyncOperation"
OPERATION_RETENTION_SECONDS = 3600
BUSY_STATES = ("Updating", "Deleting")
API_VERSION_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}(-[A-Za-z0-9.]+)?$")


class Arm:
    """State and helpers shared by the ARM handlers of one running twin."""

    def __init__(self, twin, actions=None):
        self.twin = twin
        self.store = twin.store
        # action name -> fn(arm, args) -> result body, computed when the operation completes (the
        # name is what the stored operation record keeps, so a restarted twin finds the function)
        self.actions = dict(actions or {})
        self._deletions = {}         # (kind, key, child_list, child_name) -> epoch when gone
        self._child_settles = {}     # (kind, key, child_list, child_name) -> epoch when Succeeded
        self._operation_expiry = {}  # operation id -> epoch after which it is pruned
        self._rebuild_indexes()

    # -- identity and time ---------------------------------------------------------------------
    @property
    def subscription_id(self):
        return self.twin.identity["azure"]["subscription_id"]

    def now(self):
        return self.twin.clock.now()

    def duration(self, kind, verb):
        """Realistic seconds for ``verb`` on ``kind`` (rules.DURATIONS), falling back sensibly."""
        for key in ("azure.%s.%s" % (kind, verb), "azure.%s.create" % kind if verb == "update" else None,
                    "azure.default.%s" % ("delete" if verb == "delete" else "create")):
            if key and key in rules.DURATIONS:
                return rules.DURATIONS[key]
        return rules.DURATIONS["azure.default.create"]

    def done_at(self, kind, verb):
        return self.twin.clock.after(self.duration(kind, verb))

    def log_operation(self, kind, action, resource_id, name, done_at, realistic_seconds):
        """Put the operation just scheduled in the operation log (GET /admin/operations)."""
        if self.twin.stats is not None:
            requested_at = done_at - realistic_seconds * self.twin.clock.time_scale
            self.twin.stats.record_operation("azure", kind, action, resource_id, name, requested_at, done_at,
                                             realistic_seconds)

    # -- per-request checks --------------------------------------------------------------------
    def begin(self, req, sub):
        """Checks every ARM request passes first: api-version, subscription; then due deletions."""
        version = req.query.get("api-version")
        if not version:
            raise bad_request("MissingApiVersionParameter",
                              "The api-version query parameter (?api-version=) is required for all requests.")
        if not API_VERSION_PATTERN.match(version):
            raise bad_request("InvalidApiVersionParameter",
                              "The api-version '%s' is invalid. The supported versions are dates such as "
                              "'2024-05-01'." % version)
        if sub.lower() != self.subscription_id.lower():
            raise arm_error(404, "SubscriptionNotFound", "The subscription '%s' could not be found." % sub)
        self.sweep()
        return version

    def body(self, req):
        data = req.json()
        if not isinstance(data, dict):
            raise invalid_format("Cannot parse the request.", "InvalidJson",
                                 "The request body must be a JSON object.")
        return data

    # -- resource groups and ids -----------------------------------------------------------------
    def rg_key(self, rg):
        return "/subscriptions/%s/resourcegroups/%s" % (self.subscription_id.lower(), rg.lower())

    def get_rg(self, rg):
        obj = self.store.get("azure", "resourceGroup", self.rg_key(rg))
        if obj is None or obj.get("properties", {}).get("provisioningState") == "Deleting":
            raise arm_error(404, "ResourceGroupNotFound", "Resource group '%s' could not be found." % rg)
        return obj

    def resource_id(self, rg_obj, kind, name):
        return "/subscriptions/%s/resourceGroups/%s/providers/%s/%s/%s" % (
            self.subscription_id, rg_obj["name"], NETWORK, RESOURCE_TYPES[kind], name)

    def get(self, kind, rid):
        return self.store.get("azure", kind, rid.lower()) if rid else None

    def require(self, kind, rg, name):
        """The stored resource ``name`` of ``kind`` in ``rg``; 404 ResourceGroupNotFound/ResourceNotFound."""
        rg_obj = self.get_rg(rg)
        obj = self.get(kind, self.resource_id(rg_obj, kind, name))
        if obj is None:
            raise self.not_found(kind, rg, name)
        return obj

    def not_found(self, kind, rg, name):
        return arm_error(404, "ResourceNotFound",
                         "The Resource '%s/%s/%s' under resource group '%s' was not found. For more details "
                         "please go to https://aka.ms/ARMResourceNotFoundFix"
                         % (NETWORK, RESOURCE_TYPES[kind], name, rg))

    def list_kind(self, kind, rg=None):
        items = self.store.list("azure", kind)
        if rg is not None:
            key = self.rg_key(rg)
            items = [o for o in items if o.get("_rg") == key]
        return items

    @staticmethod
    def reference_error(rid, referrer_id):
        return bad_request("InvalidResourceReference",
                           "Resource %s referenced by resource %s was not found. Please make sure that the "
                           "referenced resource exists, and that both resources are in the same region."
                           % (rid, referrer_id))

    def reference(self, kind, rid, referrer_id, location=None):
        """The resource a request references by id (in ``location`` if given); else 400 InvalidResourceReference."""
        obj = self.get(kind, rid)
        if obj is None or obj["properties"].get("provisioningState") == "Deleting" or \
                (location is not None and obj["location"] != location):
            raise self.reference_error(rid, referrer_id)
        return obj

    def required_reference(self, props, key, kind, referrer_id):
        """The resource a PUT body's required reference ``properties.<key>`` names (a connection's
        ``peer`` or ``localNetworkGateway2``): 400 MissingJsonReferenceId without an id, 400
        InvalidResourceReference when it does not exist, 400 ReferencedResourceNotProvisioned when
        it is not Succeeded."""
        target_id = ref_id(props.get(key))
        if target_id is None:
            raise invalid_format("Cannot parse the request.", "MissingJsonReferenceId",
                                 "Value for reference id is missing. Path properties.%s." % key)
        target = self.reference(kind, target_id, referrer_id)
        self.require_provisioned(target, referrer_id)
        return target

    def require_provisioned(self, obj, referrer_id):
        """ARM refuses to use a referenced resource that is not Succeeded."""
        state = obj["properties"].get("provisioningState")
        if state != "Succeeded":
            raise bad_request("ReferencedResourceNotProvisioned",
                              "Cannot proceed with operation because resource %s used by resource %s is not in "
                              "Succeeded state. Resource is in %s state and the last operation that "
                              "updated/is updating the resource is %s."
                              % (obj["id"], referrer_id, state, obj.get("_lastOperation", "PutOperation")))

    # -- write helpers ---------------------------------------------------------------------------
    def check_not_busy(self, obj, what=None):
        state = obj.get("properties", {}).get("provisioningState")
        if state in BUSY_STATES:
            op_url = self.operation_url(obj.get("_location") or normalize_location(obj.get("location")),
                                        obj.get("_operationId") or "unknown", "operations",
                                        obj.get("_apiVersion") or "2024-05-01")
            raise arm_error(409, "AnotherOperationInProgress",
                            "Another operation on this or dependent resource is in progress. To retrieve status "
                            "of the operation use uri: %s." % op_url,
                            target=what or obj.get("id"))

    def new_resource(self, kind, rg_obj, name, body):
        """The common top-level envelope of a new resource from a PUT body."""
        location = normalize_location(body.get("location"))
        rid = self.resource_id(rg_obj, kind, name)
        if not location:
            raise bad_request("LocationRequired", "The location property is required for this definition.")
        now = self.now()
        obj = {
            "name": name, "id": rid, "etag": new_etag(), "type": "%s/%s" % (NETWORK, RESOURCE_TYPES[kind]),
            "location": location, "properties": {"resourceGuid": str(uuid.uuid4())},
            "_rg": self.rg_key(rg_obj["name"]), "_createdAt": now, "_updatedAt": now,
        }
        if isinstance(body.get("tags"), dict):
            obj["tags"] = body["tags"]
        return obj

    def updated_envelope(self, existing, body):
        """An existing resource's envelope for an update PUT (location cannot move)."""
        location = normalize_location(body.get("location")) or existing["location"]
        if location != existing["location"]:
            raise bad_request("InvalidResourceLocation",
                              "The resource '%s' already exists in location '%s' in resource group. A resource "
                              "with the same name cannot be created in location '%s'. Please select a new "
                              "resource name." % (existing["name"], existing["location"], location))
        obj = {k: v for k, v in existing.items() if k not in ("properties", "tags", "_pending")}
        obj["properties"] = {"resourceGuid": existing["properties"].get("resourceGuid", str(uuid.uuid4()))}
        obj["etag"] = new_etag()
        obj["_updatedAt"] = self.now()
        if isinstance(body.get("tags"), dict):
            obj["tags"] = body["tags"]
        return obj

    def check_if_match(self, req, existing):
        wanted = req.headers.get("If-Match")
        if wanted and wanted != "*" and (existing is None or wanted != existing.get("etag")):
            raise arm_error(412, "PreconditionFailed",
                            "The condition specified using HTTP conditional header(s) is not met.")

    # -- LROs ------------------------------------------------------------------------------------
    def operation_url(self, location, op_id, collection, api_version):
        return "%s/subscriptions/%s/providers/%s/locations/%s/%s/%s?api-version=%s" % (
            self.twin.base_url, self.subscription_id, NETWORK, location, collection, op_id, api_version)

    def retry_after(self, done_at):
        remaining = max(0.0, done_at - self.now())
        return str(max(1, min(MAX_RETRY_AFTER_SECONDS, int(math.ceil(remaining)))))

    def new_operation(self, req, location, done_at, verb, target, action=None, args=None, name=None):
        op_id = str(uuid.uuid4())
        api_version = req.query.get("api-version")
        record = {
            "name": op_id, "_verb": verb, "_target": target, "_location": location,
            "_apiVersion": api_version, "_startedAt": self.now(), "_doneAt": done_at,
            "_action": action, "_args": args or {}, "_operationName": name,
        }
        self.store.put("azure", OPERATION_KIND, op_id, record)
        self._operation_expiry[op_id] = done_at + OPERATION_RETENTION_SECONDS
        return record

    def lro_headers(self, op, async_operation=True, location=False):
        headers = {"Retry-After": self.retry_after(op["_doneAt"])}
        if async_operation:
            headers["Azure-AsyncOperation"] = self.operation_url(op["_location"], op["name"], "operations",
                                                                 op["_apiVersion"])
        if location:
            headers["Location"] = self.operation_url(op["_location"], op["name"], "operationResults",
                                                     op["_apiVersion"])
        return headers

    def mark_busy(self, obj, op, verb, operation_name):
        """Record on ``obj`` that ``op`` is running on it (for 409s and ReferencedResourceNotProvisioned)."""
        obj["_operationId"] = op["name"]
        obj["_apiVersion"] = op["_apiVersion"]
        obj["_location"] = op["_location"]
        obj["_lastOperation"] = operation_name

    def begin_put(self, req, kind, obj, created, view, operation_name):
        """Store ``obj`` as Updating until its realistic duration passes; answer 201/200 + Azure-AsyncOperation."""
        done_at = self.done_at(kind, "create" if created else "update")
        location = obj["location"]
        op = self.new_operation(req, location, done_at, "put", [kind, obj["id"].lower()], name=operation_name)
        obj["properties"]["provisioningState"] = "Updating"
        obj.pop("_pending", None)
        schedule(obj, done_at, **{"properties.provisioningState": "Succeeded"})
        self.mark_busy(obj, op, "put", operation_name)
        self.store.put("azure", kind, obj["id"].lower(), obj)
        verb = "create" if created else "update"
        self.log_operation(kind, verb, obj["id"], obj.get("name"), done_at, self.duration(kind, verb))
        return Response(201 if created else 200, view(obj), self.lro_headers(op))

    def begin_child_put(self, req, kind, parent, child_list, child, created, view, operation_name,
                        duration_kind):
        """Like begin_put for an embedded child (subnet, peering): the child is Updating until done."""
        done_at = self.done_at(duration_kind, "create" if created else "update")
        location = parent["location"]
        op = self.new_operation(req, location, done_at, "put", [kind, parent["id"].lower(), child_list,
                                                                child["name"]], name=operation_name)
        child["properties"]["provisioningState"] = "Updating"
        child["_succeedAt"] = done_at
        self.mark_busy(child, op, "put", operation_name)
        self.track_child(kind, parent["id"].lower(), child_list, child)
        children = [c for c in parent["properties"].get(child_list, []) if c["name"].lower() != child["name"].lower()]
        children.append(child)
        parent["properties"][child_list] = children
        self.store.put("azure", kind, parent["id"].lower(), parent)
        verb = "create" if created else "update"
        self.log_operation(duration_kind, verb, "%s/%s/%s" % (parent["id"], child_list, child["name"]),
                           child["name"], done_at, self.duration(duration_kind, verb))
        return Response(201 if created else 200, view(parent, child), self.lro_headers(op))

    def begin_delete(self, req, kind, obj, operation_name, child_list=None, child=None):
        """Mark ``obj`` (or its embedded ``child``) Deleting; it disappears when the duration passes."""
        target = child if child is not None else obj
        if target["properties"].get("provisioningState") == "Deleting":
            op = self.store.get("azure", OPERATION_KIND, target.get("_operationId", ""))
            if op is not None:
                return Response(202, None, self.lro_headers(op, location=True))
        self.check_not_busy(target)
        verb_kind = kind if child is None else {"subnets": "subnet", "peerings": "peering"}[child_list]
        done_at = self.done_at(verb_kind, "delete")
        key = obj["id"].lower()
        op = self.new_operation(req, obj["location"], done_at, "delete",
                                [kind, key] + ([child_list, child["name"]] if child is not None else []),
                                name=operation_name)
        target["properties"]["provisioningState"] = "Deleting"
        target["_deleteAt"] = done_at
        self.mark_busy(target, op, "delete", operation_name)
        self.store.put("azure", kind, key, obj)
        self._deletions[(kind, key, child_list, child["name"] if child is not None else None)] = done_at
        self.log_operation(verb_kind, "delete", obj["id"] if child is None else "%s/%s/%s" % (
            obj["id"], child_list, child["name"]), target.get("name"), done_at, self.duration(verb_kind, "delete"))
        return Response(202, None, self.lro_headers(op, location=True))

    def begin_action(self, req, location, action, args, operation_name):
        """A POST action: 202 + Location; the result is computed when the operation completes."""
        done_at = self.twin.clock.after(rules.DURATIONS["azure.action"])
        op = self.new_operation(req, location, done_at, "action", None, action=action, args=args,
                                name=operation_name)
        self.log_operation("action", action, req.path, action, done_at, rules.DURATIONS["azure.action"])
        return Response(202, None, self.lro_headers(op, async_operation=False, location=True))

    def operation_status(self, req, sub, location, op_id):
        self.begin(req, sub)
        op = self.store.get("azure", OPERATION_KIND, op_id)
        if op is None or op["_location"] != normalize_location(location):
            raise arm_error(404, "NotFound", "The operation '%s' could not be found." % op_id)
        body = {"name": op_id, "status": "InProgress", "startTime": iso(op["_startedAt"])}
        if self.now() < op["_doneAt"]:
            return Response(200, body, {"Retry-After": self.retry_after(op["_doneAt"])})
        body["status"] = op.get("_status", "Succeeded")
        body["endTime"] = iso(op["_doneAt"])
        if op.get("_error"):
            body["error"] = op["_error"]
        return Response(200, body)

    def operation_result(self, req, sub, location, op_id):
        self.begin(req, sub)
        op = self.store.get("azure", OPERATION_KIND, op_id)
        if op is None or op["_location"] != normalize_location(location):
            raise arm_error(404, "NotFound", "The operation '%s' could not be found." % op_id)
        if self.now() < op["_doneAt"]:
            return Response(202, None, self.lro_headers(op, async_operation=False, location=True))
        if op["_verb"] == "action":
            if "_result" not in op:
                with self.twin.lock:
                    op = self.store.get("azure", OPERATION_KIND, op_id)
                    if "_result" not in op:
                        op["_result"] = self.actions[op["_action"]](self, op["_args"])
                        self.store.put("azure", OPERATION_KIND, op_id, op)
            return Response(200, op["_result"])
        return Response(204, None)

    # -- deletion sweep --------------------------------------------------------------------------
    def _rebuild_indexes(self):
        for kind in self.store.kinds("azure"):
            for obj in self.store.list("azure", kind):
                if kind == OPERATION_KIND:
                    self._operation_expiry[obj["name"]] = obj["_doneAt"] + OPERATION_RETENTION_SECONDS
                    continue
                key = obj["id"].lower()
                if obj.get("_deleteAt"):
                    self._deletions[(kind, key, None, None)] = obj["_deleteAt"]
                for child_list in ("subnets", "peerings"):
                    for child in obj.get("properties", {}).get(child_list, []) or []:
                        if child.get("_deleteAt"):
                            self._deletions[(kind, key, child_list, child["name"])] = child["_deleteAt"]
                        self.track_child(kind, key, child_list, child)

    def track_child(self, kind, key, child_list, child):
        """Remember when an embedded child that is Updating turns Succeeded (the sweep writes it)."""
        if child.get("_succeedAt") and child["properties"].get("provisioningState") == "Updating":
            self._child_settles[(kind, key, child_list, child["name"])] = child["_succeedAt"]

    def schedule_deletion(self, kind, key, at):
        self._deletions[(kind, key, None, None)] = at

    def sweep(self):
        """Remove what finished deleting and prune old operation records."""
        now = self.now()
        # dict.copy() is atomic under the GIL; handlers add entries while others sweep
        due = [entry for entry, at in self._deletions.copy().items() if at <= now]
        expired = [op for op, at in self._operation_expiry.copy().items() if at <= now]
        settled = [entry for entry, at in self._child_settles.copy().items() if at <= now]
        if not due and not expired and not settled:
            return
        with self.twin.lock:
            for entry in settled:
                if self._child_settles.pop(entry, None) is None:
                    continue
                kind, key, child_list, child_name = entry
                parent = self.store.get("azure", kind, key)
                if parent is None:
                    continue
                for child in parent["properties"].get(child_list, []):
                    if child["name"] == child_name and child["properties"].get("provisioningState") == "Updating" \
                            and child.get("_succeedAt", now + 1) <= now:
                        child["properties"]["provisioningState"] = "Succeeded"
                        child.pop("_succeedAt", None)
                        self.store.put("azure", kind, key, parent)
            for entry in due:
                if self._deletions.pop(entry, None) is None:
                    continue
                kind, key, child_list, child_name = entry
                if child_list is None:
                    self.store.delete("azure", kind, key)
                    continue
                parent = self.store.get("azure", kind, key)
                if parent is None:
                    continue
                children = parent["properties"].get(child_list, [])
                parent["properties"][child_list] = [c for c in children if c["name"] != child_name]
                self.store.put("azure", kind, key, parent)
            for op_id in expired:
                self._operation_expiry.pop(op_id, None)
                self.store.delete("azure", OPERATION_KIND, op_id)

    # -- reading helpers ---------------------------------------------------------------------------
    def child_state(self, child):
        """An embedded child's provisioningState now (children settle by time, not by _pending)."""
        state = child["properties"].get("provisioningState", "Succeeded")
        if state == "Updating" and child.get("_succeedAt", 0) <= self.now():
            return "Succeeded"
        return state

    def model(self):
        """The interconnect model's derived state, or None while emulator/physics/model.py is absent."""
        if importlib.util.find_spec("emulator.physics.model") is None:
            return None
        self.sweep()
        return self.twin.model()

    # -- paging ----------------------------------------------------------------------------------
    def page(self, req, items):
        """One page of ``items`` (served views) with ``nextLink`` when more follow."""
        items = sorted(items, key=lambda item: item["id"].lower())
        token = req.query.get("$skiptoken", "0")
        if not token.isdigit():
            raise bad_request("InvalidSkipToken", "The skip token '%s' is invalid." % token)
        start = int(token)
        body = {"value": items[start:start + PAGE_SIZE]}
        if start + PAGE_SIZE < len(items):
            query = dict(req.query)
            query["$skiptoken"] = str(start + PAGE_SIZE)
            body["nextLink"] = "%s%s?%s" % (self.twin.base_url, quote(req.path, safe="/"),
                                             urlencode(query, safe="$"))
        return body
