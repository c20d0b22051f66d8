"""Run one plan in the lab: establish, watch the rekeys, check BGP, probe, drill a failover.

The result is a JSON-serialisable dict (written to ``artifacts/<host>/lab.json``) and a table
like verification's. Each tunnel gets a verdict class read from the real stacks' behaviour
(charon's and bgpd's logs and state), comparable with the twin's reason codes (TWIN_CLASSES).
"""

import os
import re
import subprocess
import sys
import time

from lab import probe as probe_mod
from lab import stack, topology

# What the twin's reason codes (docs/emulator-model.md) look like on real stacks. A code the
# lab cannot produce with real stacks is absent (the cross-check says so instead of guessing).
TWIN_CLASSES = {
    None: "ok",
    "PHASE1_PROPOSAL_MISMATCH": "ike_no_proposal",
    "PSK_MISMATCH": "ike_auth_failed",
    "PHASE2_PROPOSAL_MISMATCH": "child_no_proposal",
    "PHASE2_PFS_MISMATCH": "child_no_proposal",        # IKEv1 quick mode: PFS on every SA
    "PHASE2_REKEY_NO_PROPOSAL": "child_rekey_no_proposal",
    "SAME_ASN": "bgp_open_rejected",                   # Azure peers only with another ASN
    "CUSTOMER_ASN_MISMATCH": "bgp_open_rejected",
    "LNG_ASN_MISMATCH": "bgp_open_rejected",
    "INSIDE_ADDRESS_INVALID": "bgp_no_session",
    "AZURE_BGP_IP_MISMATCH": "bgp_no_session",
    "LNG_PEER_IP_MISMATCH": "bgp_no_session",
    "ACTIVE_PASSIVE_SECONDARY_APIPA": "bgp_no_session",
    "DEFAULT_BGP_IP_UNREACHABLE": "bgp_no_session",
}

def bgp_verdict(oci_view, az_view):
    """What one BGP session (seen from both ends) shows: a refused OPEN, no session, no prefixes,
    or None when it is established and both ends received prefixes."""
    if any(v and v["bad_peer_as"] for v in (oci_view, az_view)):
        return "bgp_open_rejected"
    if not (oci_view and az_view and oci_view["state"] == "Established" and az_view["state"] == "Established"):
        return "bgp_no_session"
    if not (oci_view["prefixes_received"] and az_view["prefixes_received"]):
        return "bgp_no_prefixes"
    return None


_EVENTS = (
    ("ike_up", re.compile(r"IKE_SA (?P<name>[\w.-]+)\[\d+\] established between")),
    ("ike_rekeyed", re.compile(r"IKE_SA (?P<name>[\w.-]+)\[\d+\] rekeyed between")),
    ("child_up", re.compile(r"> CHILD_SA (?P<name>[\w.-]+)\{\d+\} established with SPIs")),
    ("child_rekeyed", re.compile(r"outbound CHILD_SA (?P<name>[\w.-]+)\{\d+\} established with SPIs")),
    ("no_proposal", re.compile(r"<(?P<name>[\w.-]+)\|\d+> received NO_PROPOSAL_CHOSEN notify")),
    ("no_proposal", re.compile(r"<(?P<name>[\w.-]+)\|\d+> no acceptable proposal found")),
    ("auth_failed", re.compile(r"<(?P<name>[\w.-]+)\|\d+> received AUTHENTICATION_FAILED notify")),
    ("ts_unacceptable", re.compile(r"<(?P<name>[\w.-]+)\|\d+> received TS_UNACCEPTABLE notify")),
)


def charon_events(path):
    """[(epoch, kind, connection name, line)] in log order."""
    out = []
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            for kind, pattern in _EVENTS:
                found = pattern.search(line)
                if found:
                    try:
                        stamp = float(line.split(" ", 1)[0])
                    except ValueError:
                        stamp = 0.0
                    out.append((stamp, kind, found.group("name"), line.strip()))
                    break
    return out


class Tracker:
    """Per tunnel: IKE/CHILD establishment, rekeys and failures, from the OCI side's log (one
    tunnel per OCI headend namespace) and the Azure side's (to see a responder's refusal)."""

    def __init__(self, lab):
        self.lab = lab

    def tunnel_state(self, tunnel):
        name = "t-" + tunnel.key
        oci = [e for e in charon_events(os.path.join(self.lab.dir(tunnel.oci_ns), "charon.log")) if e[2] == name]
        azure = [e for e in charon_events(os.path.join(self.lab.dir(tunnel.azure_ns), "charon.log"))
                 if e[2] == name]
        state = {"ike_established": False, "ike_rekeys": 0, "child_established": False,
                 "child_rekeys": 0, "failure": None, "failure_detail": None, "first_up": None}
        child_seen = False
        for stamp, kind, _, line in oci:
            if kind == "ike_up":
                state["ike_established"] = True
            elif kind == "ike_rekeyed":
                state["ike_rekeys"] += 1
            elif kind == "child_up":
                state["child_established"] = True
                state["first_up"] = state["first_up"] or stamp
                child_seen = True
            elif kind == "child_rekeyed":
                state["child_rekeys"] += 1
            elif kind == "no_proposal" and state["failure"] is None:
                if not state["ike_established"]:
                    state["failure"] = "ike_no_proposal"
                elif child_seen:
                    state["failure"] = "child_rekey_no_proposal"
                else:
                    state["failure"] = "child_no_proposal"
                state["failure_detail"] = line
            elif kind == "auth_failed" and state["failure"] is None:
                state["failure"], state["failure_detail"] = "ike_auth_failed", line
            elif kind == "ts_unacceptable" and state["failure"] is None:
                state["failure"], state["failure_detail"] = "child_ts_unacceptable", line
        if state["failure"] is None:
            refused = [e for e in azure if e[1] == "no_proposal"]
            if refused:
                state["failure"] = "child_rekey_no_proposal" if child_seen else (
                    "child_no_proposal" if state["ike_established"] else "ike_no_proposal")
                state["failure_detail"] = refused[0][3]
        return state


def bgp_peers(lab, ns):
    summary = lab.vtysh_json(ns, "show bgp ipv4 unicast summary json")
    peers = (summary.get("peers") if "peers" in summary else (summary.get("ipv4Unicast") or {}).get("peers")) or {}
    return peers


def bad_peer_as(lab, ns):
    """Addresses whose OPEN was refused for its AS (bgpd log), the real stack's ASN verdict."""
    path = os.path.join(lab.dir(ns), "bgpd.log")
    out = set()
    if os.path.exists(path):
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if "Bad Peer AS" in line or "bad OPEN" in line:
                    for nb in ns.bgp["neighbors"]:
                        if re.search(r"\b%s\b" % re.escape(nb["address"]), line):
                            out.add(nb["address"])
    return out


def fib_paths(lab, ns, prefix):
    """Next hops the kernel got for ``prefix`` from zebra (ECMP shows several)."""
    routes = lab.vtysh_json(ns, "show ip route %s json" % prefix)
    for entry in routes.get(prefix, []):
        if entry.get("selected"):
            # recursive next hops are listed twice (unresolved, resolver): count what the FIB got
            return sorted(nh.get("ip") or nh.get("interfaceName") for nh in entry.get("nexthops", [])
                          if nh.get("fib"))
    return []


def remote_prefixes(topo, ns):
    return topo.vnet if ns.cloud == "oci" else topo.vcn


def side_paths(lab, topo):
    """Per side and remote prefix: the paths summed over that side's routers, and per router."""
    out = {}
    for cloud, namespaces in (("oci", topo.oci_namespaces), ("azure", topo.azure_namespaces)):
        for ns in namespaces:
            if not ns.bgp:
                continue
            for prefix in remote_prefixes(topo, ns):
                paths = fib_paths(lab, ns, prefix)
                entry = out.setdefault(cloud, {}).setdefault(prefix, {"total": 0, "routers": {}})
                entry["total"] += len(paths)
                entry["routers"][ns.key] = paths
    return out


def session_state(lab, topo, tunnel_key):
    """(OCI view, Azure view) of the BGP session(s) of a tunnel or FastConnect link."""
    views = []
    for ns in (topo.oci_namespaces, topo.azure_namespaces):
        state = None
        for space in ns:
            if not space.bgp:
                continue
            for nb in space.bgp["neighbors"]:
                if nb["tunnel"] == tunnel_key:
                    peer = bgp_peers(lab, space).get(nb["address"], {})
                    state = {"state": peer.get("state"), "prefixes_received": peer.get("pfxRcd", 0),
                             "namespace": space.key, "neighbor": nb["address"],
                             "bad_peer_as": nb["address"] in bad_peer_as(lab, space)}
        views.append(state)
    return views


def run_probe(lab, src_ns, dst_ns, interval=0.2, count=None):
    argv = ["ip", "netns", "exec", lab.ns_name(src_ns), sys.executable, "-m", "lab.probe",
            src_ns.probe, dst_ns.probe, str(interval)]
    if count:
        argv.append(str(count))
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)


def probe_once(lab, topo, count=5):
    src, dst = topo.azure_namespaces[0], topo.oci_namespaces[0]
    proc = run_probe(lab, src, dst, interval=0.2, count=count)
    out, _ = proc.communicate(timeout=30)
    results = probe_mod.parse(out)
    return {"from": src.probe, "to": dst.probe, "sent": len(results), "received": sum(1 for r in results if r[2])}


class LabRun:
    def __init__(self, plan, workdir, timing=None, min_rekeys=2, max_wait=None, drill=True, log=print,
                 run_id=None):
        self.run_id = run_id
        self.plan = plan
        self.topo = topology.build(plan)
        self.workdir = workdir
        self.timing = timing or stack.Timing()
        self.min_rekeys = min_rekeys
        self.drill = drill
        self.log = log
        # enough for min_rekeys rekeys of the shortest CHILD_SA, plus setup
        self.max_wait = max_wait or (self.timing.child_target * (min_rekeys + 0.6) + 15)

    # -- observation ----------------------------------------------------------------------------
    def tunnels_report(self, lab, tracker):
        rows = []
        for tunnel in self.topo.tunnels:
            state = tracker.tunnel_state(tunnel)
            bgp = session_state(lab, self.topo, tunnel.key) if tunnel.oci_inside else (None, None)
            verdict = state["failure"]
            if verdict is None and not state["child_established"]:
                verdict = "ike_not_established" if not state["ike_established"] else "child_not_established"
            if verdict is None and tunnel.oci_inside:
                verdict = bgp_verdict(*bgp)
            rows.append({"tunnel": tunnel.key, "role": tunnel.role, "ike_established": state["ike_established"],
                         "ike_rekeys": state["ike_rekeys"], "child_established": state["child_established"],
                         "child_rekeys": state["child_rekeys"], "bgp": bgp, "verdict": verdict or "ok",
                         "failure_detail": state["failure_detail"]})
        return rows

    def links_report(self, lab):
        rows = []
        for link in self.topo.links:
            oci_view, az_view = session_state(lab, self.topo, link.key)
            verdict = bgp_verdict(oci_view, az_view) or "ok"
            rows.append({"tunnel": link.key, "role": link.key, "bgp": (oci_view, az_view), "verdict": verdict,
                         "ike_established": None, "ike_rekeys": None, "child_established": None,
                         "child_rekeys": None, "failure_detail": None})
        return rows

    def report(self, lab, tracker):
        return self.links_report(lab) if self.topo.fastconnect else self.tunnels_report(lab, tracker)

    def settled(self, rows, started):
        """Every tunnel has a definite verdict: a failure, or up with enough rekeys (and BGP)."""
        elapsed = time.monotonic() - started
        for row in rows:
            if row["verdict"] in ("ok",):
                if row["child_rekeys"] is not None and row["child_rekeys"] < self.min_rekeys:
                    return False
                continue
            if row["verdict"] in ("ike_no_proposal", "ike_auth_failed", "child_no_proposal",
                                  "child_rekey_no_proposal", "bgp_open_rejected", "child_ts_unacceptable"):
                continue
            # no session yet: give BGP a few hold times before calling it
            if elapsed < self.timing.hold * 2 + 5:
                return False
        return True

    # -- the run --------------------------------------------------------------------------------
    def execute(self):
        result = {"scenario": self.plan["scenario"], "name_prefix": self.plan["name_prefix"],
                  "timing": self.timing.describe(self.topo), "namespaces": {}, "crypto": {}}
        for ns in self.topo.namespaces.values():
            result["namespaces"][ns.key] = {"label": ns.label, "cloud": ns.cloud, "addresses": ns.loopback}
        for tunnel in self.topo.tunnels:
            result["crypto"][tunnel.key] = {"oci": tunnel.oci_crypto.describe(),
                                            "azure": tunnel.azure_crypto.describe()}
        started_wall = time.time()
        with stack.Lab(self.topo, self.workdir, self.timing, run_id=self.run_id) as lab:
            tracker = Tracker(lab)
            started = time.monotonic()
            rows = self.report(lab, tracker)
            while time.monotonic() - started < self.max_wait:
                rows = self.report(lab, tracker)
                if self.settled(rows, started):
                    break
                time.sleep(1.0)
            result["observed_seconds"] = round(time.monotonic() - started, 1)
            result["tunnels"] = rows
            result["paths"] = side_paths(lab, self.topo)
            result["probe"] = probe_once(lab, self.topo)
            good = all(r["verdict"] == "ok" for r in rows)
            if self.drill and good and len(rows) > 1:
                result["drill"] = self.failover(lab)
            result["stack_versions"] = versions()
        result["wall_seconds"] = round(time.time() - started_wall, 1)
        result["passed"] = passed(result, self.plan, self.min_rekeys)
        return result

    # -- failover drill -------------------------------------------------------------------------
    def _cut_target(self):
        """(link, key, observer namespace, next hop the observer loses) of the first tunnel/link."""
        if self.topo.fastconnect:
            link = self.topo.links[0]
            observer = self.topo.azure_namespaces[0]
            hop = [nb["address"] for nb in observer.bgp["neighbors"] if nb["tunnel"] == link.key][0]
            return link, link.key, observer, hop
        tunnel = self.topo.tunnels[0]
        return tunnel.link, tunnel.key, tunnel.azure_ns, (tunnel.azure_inside or (None, None))[1]

    def _vcn_hops(self, lab, ns):
        return sorted(h for p in self.topo.vcn for h in fib_paths(lab, ns, p))

    def _child_present(self, lab, ns, key):
        done = stack.run(["swanctl", "--list-sas", "--ike", "t-" + key, "--uri", lab.vici(ns)], check=False)
        return "INSTALLED" in done.stdout

    def failover(self, lab):
        link, key, observer, hop = self._cut_target()
        bgp = observer.bgp is not None
        before = self._vcn_hops(lab, observer) if bgp else None
        # probe towards a VCN stand-in behind a tunnel that stays up
        dst = [n for n in self.topo.oci_namespaces if n is not link.oci_ns] or self.topo.oci_namespaces
        out = {"cut": key, "method": "veth down (both ends)", "observer": observer.key,
               "paths_before": len(before) if bgp else None, "lost_next_hop": hop if bgp else None}
        for phase, up in (("down", False), ("up", True)):
            probe_proc = run_probe(lab, observer, dst[0], interval=0.1)
            time.sleep(1.0)
            cut_wall = time.time()
            t0 = time.monotonic()
            lab.set_link(link, up)
            converged = None
            limit = (self.timing.hold * 3 + 30) if bgp else 40
            while time.monotonic() - t0 < limit:
                if bgp:
                    # down: the cut next hop leaves the observer's FIB; up: every path is back
                    hops = self._vcn_hops(lab, observer)
                    done = (hop not in hops) if not up else (hops == before)
                else:
                    done = self._child_present(lab, observer, key) == up
                if done:
                    converged = time.monotonic() - t0
                    break
                time.sleep(0.2)
            time.sleep(2.0)
            probe_proc.terminate()
            text, _ = probe_proc.communicate(timeout=10)
            results = [r for r in probe_mod.parse(text) if r[1] >= cut_wall - 0.05]
            lost = [r for r in results if not r[2]]
            out[phase] = {"converged_seconds": round(converged, 1) if converged is not None else None,
                          "what": ("BGP %s next hop %s in %s's FIB" % ("withdrew" if not up else "restored",
                                                                       hop, observer.key)) if bgp else
                          ("the CHILD_SA %s" % ("was deleted (DPD)" if not up else "was re-established")),
                          "paths_after": len(self._vcn_hops(lab, observer)) if bgp else None,
                          "probes_sent": len(results), "probes_lost": len(lost),
                          "outage_seconds": round(len(lost) * 0.1, 1)}
        return out


def versions():
    out = {}
    for name, argv in (("strongswan", [stack.CHARON, "--version"]), ("frr", [stack.FRR_DIR + "/bgpd", "--version"])):
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=10)
            text = (done.stdout or done.stderr).strip().splitlines()
            out[name] = text[0] if text else None
        except (OSError, subprocess.TimeoutExpired):
            out[name] = None
    return out


def passed(result, plan, min_rekeys):
    rows = result["tunnels"]
    if not rows or any(r["verdict"] != "ok" for r in rows):
        return False
    if any(r["child_rekeys"] is not None and r["child_rekeys"] < min_rekeys for r in rows):
        return False
    if result["probe"]["received"] == 0:
        return False
    expected = (plan.get("expect") or {}).get("paths_per_prefix")
    if plan["routing"] != "static" and expected:
        for cloud in ("oci", "azure"):
            for entry in result["paths"].get(cloud, {}).values():
                if entry["total"] < expected:
                    return False
    drill = result.get("drill")
    if drill and (drill["down"]["converged_seconds"] is None or drill["up"]["converged_seconds"] is None):
        return False
    return True


def render(result):
    lines = ["lab: %s (%s), observed %.0f s, wall %.0f s: %s"
             % (result["scenario"], result["name_prefix"], result.get("observed_seconds", 0),
                result.get("wall_seconds", 0), "PASSED" if result["passed"] else "FAILED")]
    header = "%-10s %-9s %-4s %-9s %-6s %-9s %-22s %-22s %s" % (
        "tunnel", "role", "IKE", "IKE rekey", "CHILD", "CHILD rek", "BGP OCI (pfx)", "BGP Azure (pfx)", "verdict")
    lines += [header, "-" * len(header)]
    for row in result["tunnels"]:
        def bgp_text(view):
            if not view:
                return "-"
            return "%s (%s)" % (view["state"] or "none", view["prefixes_received"])
        oci_view, az_view = row["bgp"] if row["bgp"] else (None, None)
        lines.append("%-10s %-9s %-4s %-9s %-6s %-9s %-22s %-22s %s" % (
            row["tunnel"], row["role"], _yn(row["ike_established"]), _num(row["ike_rekeys"]),
            _yn(row["child_established"]), _num(row["child_rekeys"]), bgp_text(oci_view), bgp_text(az_view),
            row["verdict"]))
    for cloud, prefixes in sorted(result.get("paths", {}).items()):
        for prefix, entry in sorted(prefixes.items()):
            lines.append("paths %-5s %-16s %d  %s" % (cloud, prefix, entry["total"],
                                                      " ".join("%s:%d" % (k, len(v)) for k, v in
                                                               sorted(entry["routers"].items()))))
    probe = result["probe"]
    lines.append("probe %s -> %s: %d/%d answered" % (probe["from"], probe["to"], probe["received"], probe["sent"]))
    bgp = result["timing"]["bgp"]
    lines.append("BGP timers: documented keepalive %ds hold %ds connect-retry %ds; lab keepalive %ds hold %ds "
                 "connect-retry %ds" % (bgp["documented"]["keepalive"], bgp["documented"]["hold"],
                                        bgp["documented"]["connect_retry"], bgp["scaled"]["keepalive"],
                                        bgp["scaled"]["hold"], bgp["scaled"]["connect_retry"]))
    for life in result["timing"].get("lifetimes", [])[:2]:
        lines.append("lifetimes %s %-5s IKE %ds -> %.0fs, CHILD %ds -> %.0fs" % (
            life["tunnel"], life["side"], life["ike_documented"], life["ike_scaled"],
            life["child_documented"], life["child_scaled"]))
    drill = result.get("drill")
    if drill:
        for phase in ("down", "up"):
            d = drill[phase]
            lines.append("drill %s %-4s: %s after %s s (paths %s -> %s), probes lost %d of %d (~%.1f s)" % (
                drill["cut"], phase, d["what"], d["converged_seconds"], drill["paths_before"], d["paths_after"],
                d["probes_lost"], d["probes_sent"], d["outage_seconds"]))
    return "\n".join(lines)


def _yn(value):
    return "-" if value is None else ("yes" if value else "no")


def _num(value):
    return "-" if value is None else str(value)
