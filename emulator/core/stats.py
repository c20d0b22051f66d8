"""Request counters for the admin API (``GET /admin/stats``).

Tests use them to assert behaviour the SDKs hide, e.g. "the second run made zero writes" or
"the retried create did not create a duplicate".

The operation log (``GET /admin/operations``) lists every provisioning operation the twin
scheduled - what was asked, when, and when it is (or was) done - so a benchmark can compare a
run's wall time with the chain of waits the clouds imposed on it.
"""

import threading
from collections import Counter, deque

# A soak can run for hours; the log keeps the newest entries only.
OPERATION_LOG_LIMIT = 20000


class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        with getattr(self, "_lock", threading.Lock()):
            self.total = 0
            self.writes = 0              # cloud-API (oci/azure) requests on write routes
            self.by_method = Counter()
            self.by_status = Counter()
            self.by_api = Counter()
            self.by_route = Counter()    # "api METHOD /template" -> count
            self.writes_by_route = Counter()  # the writes among them
            self.faults = Counter()      # injected fault kind -> count
            self.retry_token_replays = 0
            self.operations = deque(maxlen=OPERATION_LOG_LIMIT)

    def record(self, api, method, route, status, is_write):
        """Count one finished request. ``status`` is None when the connection was dropped.

        Admin requests are not counted: reading the stats must not change them."""
        if api == "admin":
            return
        with self._lock:
            self.total += 1
            self.by_method[method] += 1
            self.by_status[str(status) if status is not None else "reset"] += 1
            self.by_api[api or "none"] += 1
            key = "%s %s %s" % (api, method, route) if route else None
            if key:
                self.by_route[key] += 1
            if is_write and api in ("oci", "azure"):
                self.writes += 1
                if key:
                    self.writes_by_route[key] += 1

    def record_fault(self, kind):
        with self._lock:
            self.faults[kind] += 1

    def record_replay(self):
        with self._lock:
            self.retry_token_replays += 1

    def record_operation(self, cloud, kind, action, resource_id, name, requested_at, done_at,
                         realistic_seconds):
        """Log one scheduled provisioning operation (epoch times; ``realistic_seconds`` is the
        unscaled duration from rules.DURATIONS)."""
        entry = {"cloud": cloud, "kind": kind, "action": action, "resource_id": resource_id,
                 "name": name, "requested_at": requested_at, "done_at": done_at,
                 "realistic_seconds": realistic_seconds}
        with self._lock:
            self.operations.append(entry)

    def operations_snapshot(self):
        with self._lock:
            return [dict(entry) for entry in self.operations]

    def snapshot(self):
        with self._lock:
            return {
                "total": self.total,
                "writes": self.writes,
                "by_method": dict(self.by_method),
                "by_status": dict(self.by_status),
                "by_api": dict(self.by_api),
                "by_route": dict(self.by_route),
                "writes_by_route": dict(self.writes_by_route),
                "faults": dict(self.faults),
                "retry_token_replays": self.retry_token_replays,
            }
