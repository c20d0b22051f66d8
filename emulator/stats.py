"""Request counters for the admin API (``GET /admin/stats``).

Tests use them to assert behaviour the SDKs hide, e.g. "the second run made zero writes" or
"the retried create did not create a duplicate".
"""

import threading
from collections import Counter


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
            self.faults = Counter()      # injected fault kind -> count
            self.retry_token_replays = 0

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
            if route:
                self.by_route["%s %s %s" % (api, method, route)] += 1
            if is_write and api in ("oci", "azure"):
                self.writes += 1

    def record_fault(self, kind):
        with self._lock:
            self.faults[kind] += 1

    def record_replay(self):
        with self._lock:
            self.retry_token_replays += 1

    def snapshot(self):
        with self._lock:
            return {
                "total": self.total,
                "writes": self.writes,
                "by_method": dict(self.by_method),
                "by_status": dict(self.by_status),
                "by_api": dict(self.by_api),
                "by_route": dict(self.by_route),
                "faults": dict(self.faults),
                "retry_token_replays": self.retry_token_replays,
            }
