"""Fault injection for the cloud API routes (``--fault-rate``, ``POST /admin/faults``).

Kinds:
- ``throttle``: 429 with ``Retry-After: 1`` (code TooManyRequests), before the handler runs;
- ``server_error``: 500 or 503, before the handler runs;
- ``connection_reset``: the socket is closed without a response, before the handler runs;
- ``applied_then_failed``: the handler runs (a write commits), then the client gets 500. Only
  writes draw it; this is the case that creates duplicates in clients that retry blindly.

Draws come from one seeded ``random.Random``, so a given seed and request sequence always gets
the same faults. Faults never touch the ``entra`` and ``admin`` routes.
"""

import random
import threading

KINDS = ("throttle", "server_error", "connection_reset", "applied_then_failed")
FAULTABLE_APIS = ("oci", "azure")


class FaultPlan:
    def __init__(self, rate=0.0, kinds=None, seed=None):
        self._lock = threading.Lock()
        self.configure(rate, kinds, seed)

    def configure(self, rate=0.0, kinds=None, seed=None):
        rate = float(rate)
        if not 0.0 <= rate <= 1.0:
            raise ValueError("rate must be between 0 and 1, got %r" % rate)
        kinds = list(KINDS) if kinds is None else list(kinds)
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            raise ValueError("unknown fault kinds %s; known: %s" % (unknown, ", ".join(KINDS)))
        with self._lock:
            self.rate = rate
            self.kinds = kinds
            self.seed = seed
            self._rng = random.Random(seed)

    def describe(self):
        with self._lock:
            return {"rate": self.rate, "kinds": list(self.kinds), "seed": self.seed, "known_kinds": list(KINDS)}

    def draw(self, api, is_write):
        """Return the fault kind to inject for this request, or None.

        Returns ``(kind, status)``; status is the HTTP status for server_error (500 or 503).
        """
        if api not in FAULTABLE_APIS:
            return None, None
        with self._lock:
            if self.rate <= 0.0:
                return None, None
            candidates = [k for k in self.kinds if is_write or k != "applied_then_failed"]
            # Draw the roll even when there is no candidate, so the sequence stays seed-stable.
            roll = self._rng.random()
            if not candidates or roll >= self.rate:
                return None, None
            kind = self._rng.choice(candidates)
            status = self._rng.choice((500, 503)) if kind == "server_error" else None
            return kind, status
