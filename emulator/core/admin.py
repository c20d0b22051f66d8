"""Admin API under ``/admin`` (not part of either cloud): stats, the operation log, faults, forced
tunnel state, model."""

import time

from emulator.core.http import ApiError

_STARTED = time.time()


def register(router, twin):
    def health(req):
        return {"status": "ok", "base_url": twin.base_url, "time_scale": twin.clock.time_scale,
                "uptime_seconds": round(time.time() - _STARTED, 3)}

    def stats(req):
        out = twin.stats.snapshot()
        out["resources"] = twin.store.counts()
        return out

    def stats_reset(req):
        twin.stats.reset()
        return {"reset": True}

    def operations(req):
        """Every provisioning operation scheduled since start (or the last stats reset)."""
        now = twin.clock.now()
        entries = twin.stats.operations_snapshot()
        for entry in entries:
            entry["scaled_seconds"] = round(entry["done_at"] - entry["requested_at"], 6)
            entry["done"] = entry["done_at"] <= now
        return {"time_scale": twin.clock.time_scale, "now": now, "operations": entries}

    def faults_get(req):
        return twin.faults.describe()

    def faults_set(req):
        body = req.json()
        if not isinstance(body, dict):
            raise ApiError(400, "InvalidBody", "expected a JSON object {rate, kinds, seed}")
        try:
            twin.faults.configure(body.get("rate", 0.0), body.get("kinds"), body.get("seed"))
        except (TypeError, ValueError) as exc:
            raise ApiError(400, "InvalidFaults", str(exc))
        return twin.faults.describe()

    def tunnel_force(down):
        def handler(req, tunnelId):
            tunnel = twin.store.get("oci", "ipsecTunnel", tunnelId)
            if tunnel is None:
                raise ApiError(404, "NotFound", "no IPSec tunnel %s" % tunnelId)
            tunnel["_adminDown"] = down
            twin.store.put("oci", "ipsecTunnel", tunnelId, tunnel)
            return {"id": tunnelId, "adminDown": down}
        return handler

    def model(req):
        try:
            return twin.model()
        except ModuleNotFoundError as exc:
            raise ApiError(503, "ModelUnavailable", "the interconnect model is not available: %s" % exc)

    router.add("admin", "GET", "/admin/health", health)
    router.add("admin", "GET", "/admin/stats", stats)
    router.add("admin", "POST", "/admin/stats/reset", stats_reset)
    router.add("admin", "GET", "/admin/operations", operations)
    router.add("admin", "GET", "/admin/faults", faults_get)
    router.add("admin", "POST", "/admin/faults", faults_set)
    router.add("admin", "POST", "/admin/tunnels/{tunnelId}/down", tunnel_force(True))
    router.add("admin", "POST", "/admin/tunnels/{tunnelId}/up", tunnel_force(False))
    router.add("admin", "GET", "/admin/model", model)
