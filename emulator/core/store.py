"""Resource store shared by the OCI API, the Azure API, the model and the admin API.

Every resource is kept as the JSON its API serves on GET (camelCase REST shape), plus private keys
that start with ``_`` and are never served (see ``public_view``). Time-driven state changes are
stored as ``_pending`` entries and applied on every read, so lifecycle states move with the clock
without a background thread:

    {"_pending": [{"at": 1700000000.0, "set": {"lifecycleState": "AVAILABLE"}}]}

Dotted keys address nested fields (``"properties.provisioningState"``).
"""

import copy
import json
import os
import tempfile
import threading
import time


# Lifecycle states of resources that are gone but still readable (OCI keeps them an hour).
GONE_STATES = ("TERMINATED", "DETACHED")
# Store kinds that are the twin's own records, not cloud resources (ARM long-running operations).
BOOKKEEPING_KINDS = ("asyncOperation",)


class Clock:
    """Wall clock plus the ``--time-scale`` factor applied to realistic durations."""

    def __init__(self, time_scale=1.0):
        self.time_scale = float(time_scale)

    def now(self):
        return time.time()

    def after(self, realistic_seconds):
        """Epoch time at which something that takes ``realistic_seconds`` in the cloud is done."""
        return self.now() + realistic_seconds * self.time_scale


def set_path(obj, dotted, value):
    parts = dotted.split(".")
    for part in parts[:-1]:
        obj = obj.setdefault(part, {})
    obj[parts[-1]] = value


def get_path(obj, dotted, default=None):
    for part in dotted.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return default
        obj = obj[part]
    return obj


def settle(obj, now):
    """Apply the due ``_pending`` transitions of ``obj`` in place; return True if any applied."""
    pending = obj.get("_pending")
    if not pending:
        return False
    due = [p for p in pending if p["at"] <= now]
    if not due:
        return False
    for entry in sorted(due, key=lambda p: p["at"]):
        for key, value in entry["set"].items():
            set_path(obj, key, value)
    obj["_pending"] = [p for p in pending if p["at"] > now]
    if not obj["_pending"]:
        del obj["_pending"]
    return True


def schedule(obj, at, **fields_or_dotted):
    """Queue ``fields`` to be set on ``obj`` at epoch ``at``.

    Use a dict for dotted keys: ``schedule(o, t, **{"properties.provisioningState": "Succeeded"})``.
    """
    obj.setdefault("_pending", []).append({"at": at, "set": dict(fields_or_dotted)})


def public_view(obj):
    """Deep copy of ``obj`` without private (``_``-prefixed) keys, at every depth."""
    if isinstance(obj, dict):
        return {k: public_view(v) for k, v in obj.items() if not k.startswith("_")}
    if isinstance(obj, list):
        return [public_view(v) for v in obj]
    return obj


class Store:
    """Thread-safe store of resources by (cloud, kind, id), persisted as JSON in the state dir.

    ``cloud`` is ``"oci"`` or ``"azure"``. OCI ids are OCIDs; Azure ids are the ARM resource id in
    lower case (ARM ids are case-insensitive) while the served ``id`` keeps the caller's casing.
    ``generation`` increases on every write so readers can cache derived state.
    """

    def __init__(self, path=None, clock=None):
        self.path = path
        self.clock = clock or Clock()
        self.lock = threading.RLock()
        self.generation = 0
        self._data = {"oci": {}, "azure": {}}
        if path and os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                loaded = json.load(fh)
            self._data = {"oci": loaded.get("oci", {}), "azure": loaded.get("azure", {})}

    # -- reads -------------------------------------------------------------------------------
    def get(self, cloud, kind, rid):
        with self.lock:
            obj = self._data[cloud].get(kind, {}).get(rid)
            if obj is None:
                return None
            if settle(obj, self.clock.now()):
                self.generation += 1
            return copy.deepcopy(obj)

    def list(self, cloud, kind):
        with self.lock:
            now = self.clock.now()
            out = []
            for obj in self._data[cloud].get(kind, {}).values():
                if settle(obj, now):
                    self.generation += 1
                out.append(copy.deepcopy(obj))
            return out

    def kinds(self, cloud):
        with self.lock:
            return sorted(self._data[cloud])

    def counts(self):
        """Live resources per kind for each cloud (``GET /admin/stats`` "resources").

        Not counted: the twin's bookkeeping (kinds starting with "_", such as retry tokens, and
        ARM's operation records) and what the clouds no longer list as live: OCI resources that
        are TERMINATED or DETACHED (readable for an hour, but gone)."""
        with self.lock:
            now = self.clock.now()
            out = {}
            for cloud, kinds in self._data.items():
                live = {}
                for kind, items in sorted(kinds.items()):
                    if kind.startswith("_") or kind in BOOKKEEPING_KINDS:
                        continue
                    count = 0
                    for obj in items.values():
                        if settle(obj, now):
                            self.generation += 1
                        if obj.get("lifecycleState") not in GONE_STATES:
                            count += 1
                    if count:
                        live[kind] = count
                out[cloud] = live
            return out

    # -- writes ------------------------------------------------------------------------------
    def put(self, cloud, kind, rid, obj):
        with self.lock:
            self._data[cloud].setdefault(kind, {})[rid] = copy.deepcopy(obj)
            self.generation += 1
            self.save()

    def delete(self, cloud, kind, rid):
        with self.lock:
            removed = self._data[cloud].get(kind, {}).pop(rid, None)
            if removed is not None:
                self.generation += 1
                self.save()
            return removed is not None

    def save(self):
        if not self.path:
            return
        with self.lock:
            directory = os.path.dirname(self.path) or "."
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".state-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self._data, fh)
            os.replace(tmp, self.path)
