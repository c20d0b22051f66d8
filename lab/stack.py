"""Namespaces, links and daemons (charon, zebra, bgpd) for a Topology; cleanup on every exit.

Every namespace and process the lab starts is recorded in ``<workdir>/state.json`` as it is made,
so :func:`cleanup_state` can remove exactly those (and nothing else) after a crash; the
:class:`Lab` context manager removes them on normal exit, on an exception and on SIGINT/SIGTERM.
"""

import json
import os
import shutil
import signal
import subprocess
import time

CHARON = "/usr/lib/ipsec/charon"
SWANCTL = "swanctl"
FRR_DIR = "/usr/lib/frr"
DEBIAN_PACKAGES = ("strongswan-swanctl", "strongswan-charon", "libcharon-extra-plugins",
                   "libstrongswan-extra-plugins", "frr")
REQUIRED_FILES = {CHARON: "strongswan-charon", "/usr/sbin/swanctl": "strongswan-swanctl",
                  "/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so": "libcharon-extra-plugins",
                  FRR_DIR + "/bgpd": "frr", FRR_DIR + "/zebra": "frr", "/usr/bin/vtysh": "frr"}


class LabUnavailable(RuntimeError):
    """The machine cannot run the lab (not root, no namespaces, packages missing)."""


class PackagesMissing(LabUnavailable):
    """Namespaces work but strongSwan/FRR are not installed (``python -m lab install``)."""


def missing_packages():
    return sorted({pkg for path, pkg in REQUIRED_FILES.items() if not os.path.exists(path)})


def install_command():
    return "apt-get install -y " + " ".join(DEBIAN_PACKAGES)


def check_environment():
    """Raise LabUnavailable with what to do when the lab cannot run here."""
    if os.geteuid() != 0:
        raise LabUnavailable("the lab needs root (network namespaces, TUN devices)")
    probe = "iclprobe%d" % os.getpid()
    made = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True)
    if made.returncode != 0:
        raise LabUnavailable("cannot create a network namespace: %s" % made.stderr.strip())
    try:
        veth = subprocess.run(["ip", "-n", probe, "link", "add", "p0", "type", "veth", "peer", "name", "p1"],
                              capture_output=True, text=True)
        tun = subprocess.run(["ip", "-n", probe, "tuntap", "add", "t0", "mode", "tun"],
                             capture_output=True, text=True)
    finally:
        subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    if veth.returncode != 0 or tun.returncode != 0:
        raise LabUnavailable("namespaces work but veth/TUN do not: %s %s"
                             % (veth.stderr.strip(), tun.stderr.strip()))
    missing = missing_packages()
    if missing:
        raise PackagesMissing("missing Debian packages %s; install them with: %s"
                              % (", ".join(missing), install_command()))


def run(cmd, check=True, ns=None, timeout=30):
    if ns:
        cmd = ["ip", "netns", "exec", ns] + list(cmd)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise RuntimeError("%s failed (%s): %s" % (" ".join(cmd), done.returncode,
                                                   (done.stderr or done.stdout).strip()))
    return done


class Timing:
    """Scaled lifetimes and timers. The clouds' documented values stay in the plan and cloud_rules;
    the lab multiplies them so a run lasts about a minute (docs/lab.md prints both)."""

    def __init__(self, child_target=20.0, ike_target=36.0, bgp_scale=0.05, dpd_delay=2):
        self.child_target = float(child_target)
        self.ike_target = float(ike_target)
        self.bgp_scale = float(bgp_scale)
        self.dpd_delay = int(dpd_delay)

    # Azure VPN gateway BGP timers are fixed at keepalive 60 s / hold 180 s and not negotiated
    # down (Microsoft Tech Community, "Azure VPN Gateway BGP Timer Mismatches", citing the VPN
    # gateway FAQ); the session uses the lower hold time of the two sides (RFC 4271 4.2).
    DOCUMENTED_KEEPALIVE = 60
    DOCUMENTED_HOLD = 180
    DOCUMENTED_CONNECT_RETRY = 120   # RFC 4271 8.2.2 suggested ConnectRetryTime

    @property
    def keepalive(self):
        return max(1, int(round(self.DOCUMENTED_KEEPALIVE * self.bgp_scale)))

    @property
    def hold(self):
        return max(3, int(round(self.DOCUMENTED_HOLD * self.bgp_scale)))

    @property
    def connect_retry(self):
        return max(1, int(round(self.DOCUMENTED_CONNECT_RETRY * self.bgp_scale)))

    def factors(self, topo):
        """(ike factor, child factor): the shortest lifetime of the plan becomes the target."""
        ike = [s.ike_lifetime for t in topo.tunnels for s in (t.oci_crypto, t.azure_crypto)]
        child = [s.child_lifetime for t in topo.tunnels for s in (t.oci_crypto, t.azure_crypto)]
        if not child:
            return None, None
        return self.ike_target / min(ike), self.child_target / min(child)

    def describe(self, topo):
        ike_f, child_f = self.factors(topo)
        out = {"bgp": {"documented": {"keepalive": self.DOCUMENTED_KEEPALIVE, "hold": self.DOCUMENTED_HOLD,
                                      "connect_retry": self.DOCUMENTED_CONNECT_RETRY},
                       "scaled": {"keepalive": self.keepalive, "hold": self.hold,
                                  "connect_retry": self.connect_retry}}}
        if child_f:
            out["lifetimes"] = [{"tunnel": t.key, "side": s.name, "ike_documented": s.ike_lifetime,
                                 "ike_scaled": round(s.ike_lifetime * ike_f, 1),
                                 "child_documented": s.child_lifetime,
                                 "child_scaled": round(s.child_lifetime * child_f, 1)}
                                for t in topo.tunnels for s in (t.oci_crypto, t.azure_crypto)]
            out["dpd_delay"] = self.dpd_delay
        return out


def _rekey(lifetime, factor):
    """(rekey_time, hard lifetime) in whole seconds: rekey a little before the scaled lifetime."""
    life = max(6, int(round(lifetime * factor)))
    margin = max(2, int(round(life * 0.12)))
    return life - margin, life


class Lab:
    """Start a Topology's namespaces and daemons; ``with Lab(...) as lab:`` always cleans up."""

    def __init__(self, topo, workdir, timing=None, run_id=None):
        self.topo = topo
        self.workdir = os.path.abspath(workdir)
        self.timing = timing or Timing()
        self.run_id = run_id or ("%04x" % (os.getpid() & 0xffff))
        self.state_path = os.path.join(self.workdir, "state.json")
        self.state = {"namespaces": [], "pids": [], "run_id": self.run_id}
        self._old_handlers = {}
        self.procs = []

    # -- names ------------------------------------------------------------------------------
    def ns_name(self, ns):
        return "icl%s-%s" % (self.run_id, ns.key)

    def dir(self, ns):
        return os.path.join(self.workdir, ns.key)

    def veth(self, link, side):
        index = self.topo.links.index(link)
        return "icl%s%02d%s" % (self.run_id, index, side)   # at most 15 characters

    def vici(self, ns):
        return "unix://" + os.path.join(self.dir(ns), "charon.vici")

    # -- lifecycle --------------------------------------------------------------------------
    def __enter__(self):
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._old_handlers[sig] = signal.signal(sig, self._on_signal)
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()
        for sig, handler in self._old_handlers.items():
            signal.signal(sig, handler)
        return False

    @staticmethod
    def _on_signal(signum, frame):
        raise KeyboardInterrupt("signal %d" % signum)

    def _save(self):
        tmp = self.state_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(self.state, fh)
        os.replace(tmp, self.state_path)

    def start(self):
        os.makedirs(self.workdir, exist_ok=True)
        os.chmod(self.workdir, 0o755)   # FRR runs as user frr and keeps its files below
        self._save()
        for ns in self.topo.namespaces.values():
            os.makedirs(self.dir(ns), exist_ok=True)
            name = self.ns_name(ns)
            run(["ip", "netns", "add", name])
            self.state["namespaces"].append(name)
            self._save()
            run(["ip", "link", "set", "lo", "up"], ns=name)
            run(["sysctl", "-qw", "net.ipv4.ip_forward=1"], ns=name)
            for address in ns.loopback:
                run(["ip", "addr", "add", address + "/32", "dev", "lo"], ns=name)
        for link in self.topo.links:
            self._make_link(link)
        for ns in self.topo.namespaces.values():
            if ns.tunnels:
                self._start_charon(ns)
        for ns in self.topo.namespaces.values():
            if ns.tunnels:
                self._inside_routes(ns)
            if ns.bgp:
                self._start_frr(ns)
        # OCI initiates (oracle_initiation INITIATOR_OR_RESPONDER; the lab's Azure side responds):
        # load the responders first so the first IKE_SA_INIT finds its peer configured.
        for ns in self.topo.azure_namespaces + self.topo.oci_namespaces:
            if ns.tunnels:
                run([SWANCTL, "--load-all", "--noprompt", "--file", os.path.join(self.dir(ns), "swanctl.conf"),
                     "--uri", self.vici(ns)])

    def _make_link(self, link):
        oci, az = self.ns_name(link.oci_ns), self.ns_name(link.azure_ns)
        o_if, a_if = self.veth(link, "o"), self.veth(link, "a")
        run(["ip", "link", "add", o_if, "netns", oci, "type", "veth", "peer", "name", a_if, "netns", az])
        for ns, ifname, address, route in ((oci, o_if, link.oci_address, link.oci_route),
                                           (az, a_if, link.azure_address, link.azure_route)):
            run(["ip", "link", "set", ifname, "up"], ns=ns)
            if address:
                run(["ip", "addr", "add", address, "dev", ifname], ns=ns)
            if route:
                run(["ip", "route", "add", route + "/32", "dev", ifname], ns=ns)

    def set_link(self, link, up):
        """The failover drill's cut: both ends of a veth down (or up again)."""
        for ns, side in ((link.oci_ns, "o"), (link.azure_ns, "a")):
            run(["ip", "link", "set", self.veth(link, side), "up" if up else "down"], ns=self.ns_name(ns))
        if up and link.oci_route:
            for ns, side, route in ((link.oci_ns, "o", link.oci_route), (link.azure_ns, "a", link.azure_route)):
                run(["ip", "route", "replace", route + "/32", "dev", self.veth(link, side)], ns=self.ns_name(ns))

    def _spawn(self, ns, argv, log_name, private_run=False):
        name = self.ns_name(ns)
        log = open(os.path.join(self.dir(ns), log_name), "ab")
        if private_run:
            # charon's pid file is fixed at /var/run/charon.pid: give each charon its own /run
            argv = ["unshare", "--mount", "--propagation", "private", "sh", "-c",
                    'mount -t tmpfs lab-run /run && exec "$@"', "charon-wrapper"] + list(argv)
        proc = subprocess.Popen(["ip", "netns", "exec", name] + list(argv), stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True,
                                env=dict(os.environ, STRONGSWAN_CONF=os.path.join(self.dir(ns), "strongswan.conf")))
        log.close()
        self.procs.append(proc)
        self.state["pids"].append(proc.pid)
        self._save()
        return proc

    @staticmethod
    def _wait_for(path, proc, what, timeout=20):
        deadline = time.monotonic() + timeout
        while not os.path.exists(path):
            if proc.poll() is not None:
                raise RuntimeError("%s exited (%s) before %s appeared" % (what, proc.returncode, path))
            if time.monotonic() > deadline:
                raise RuntimeError("%s did not create %s within %ss" % (what, path, timeout))
            time.sleep(0.05)

    def _start_charon(self, ns):
        from lab import config
        d = self.dir(ns)
        with open(os.path.join(d, "strongswan.conf"), "w", encoding="utf-8") as fh:
            fh.write(config.strongswan_conf(os.path.join(d, "charon.vici"), os.path.join(d, "charon.log")))
        with open(os.path.join(d, "swanctl.conf"), "w", encoding="utf-8") as fh:
            fh.write(config.swanctl_conf(ns, self.topo, self.timing))
        proc = self._spawn(ns, [CHARON], "charon.out", private_run=True)
        self._wait_for(os.path.join(d, "charon.vici"), proc, "charon in " + ns.key)

    def _inside_routes(self, ns):
        name = self.ns_name(ns)
        deadline = time.monotonic() + 10
        while run(["ip", "link", "show", "ipsec0"], ns=name, check=False).returncode != 0:
            if time.monotonic() > deadline:
                raise RuntimeError("kernel-libipsec did not create ipsec0 in " + ns.key)
            time.sleep(0.05)
        # kernel-libipsec routes every selector into ipsec0 through table 220, consulted before
        # main: drop that rule so BGP (or the design's static routes) decides, as in the clouds.
        for _ in range(50):
            if "lookup 220" in run(["ip", "rule", "show"], ns=name).stdout:
                break
            time.sleep(0.05)
        while run(["ip", "rule", "del", "pref", "220"], ns=name, check=False).returncode == 0:
            pass
        routes = []
        for tunnel in ns.tunnels:
            inside = tunnel.oci_inside if ns.cloud == "oci" else tunnel.azure_inside
            if inside and inside[0] and inside[1]:
                routes.append((inside[1] + "/32", inside[0]))
        for prefix in ns.static_routes:
            routes.append((prefix, ns.probe))
        seen = set()
        for prefix, source in routes:
            if (prefix, source) in seen:
                continue
            seen.add((prefix, source))
            # no metric: BGP multipath needs an equal IGP cost to every next hop
            run(["ip", "route", "add", prefix, "dev", "ipsec0", "src", source], ns=name)

    def _start_frr(self, ns):
        from lab import config
        d = self.dir(ns)
        with open(os.path.join(d, "zebra.conf"), "w", encoding="utf-8") as fh:
            fh.write("hostname %s\nlog file %s/zebra.log\n" % (ns.key, d))
        with open(os.path.join(d, "bgpd.conf"), "w", encoding="utf-8") as fh:
            fh.write(config.bgpd_conf(ns, self.timing, os.path.join(d, "bgpd.log")))
        # FRR drops to its own user (and vty group frrvty): its files live in a directory it owns
        shutil.chown(d, "frr", "frr")
        common = ["-u", "frr", "-g", "frr", "--vty_socket", d, "-z", os.path.join(d, "zserv.api")]
        zebra = self._spawn(ns, [FRR_DIR + "/zebra", "-f", os.path.join(d, "zebra.conf"),
                                 "-i", os.path.join(d, "zebra.pid")] + common, "zebra.out")
        self._wait_for(os.path.join(d, "zserv.api"), zebra, "zebra in " + ns.key)
        bgpd = self._spawn(ns, [FRR_DIR + "/bgpd", "-f", os.path.join(d, "bgpd.conf"),
                                "-i", os.path.join(d, "bgpd.pid")] + common, "bgpd.out")
        self._wait_for(os.path.join(d, "bgpd.vty"), bgpd, "bgpd in " + ns.key)

    def vtysh(self, ns, command):
        done = run(["vtysh", "--vty_socket", self.dir(ns), "-c", command], check=False, timeout=15)
        return done.stdout

    def vtysh_json(self, ns, command):
        text = self.vtysh(ns, command)
        try:
            return json.loads(text) if text.strip() else {}
        except ValueError:
            return {}

    def stop(self):
        stop_processes(self.procs)
        self.procs = []
        cleanup_state(self.state)
        if os.path.exists(self.state_path):
            self.state = {"namespaces": [], "pids": [], "run_id": self.run_id}
            self._save()


def stop_processes(procs, timeout=5.0):
    for proc in procs:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + timeout
    for proc in procs:
        try:
            proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(5)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def cleanup_state(state):
    """Remove what a state record lists: its processes (by pid, their process groups) and then
    any process still inside its namespaces, then the namespaces."""
    for pid in state.get("pids", []):
        if _alive(pid):
            try:
                os.killpg(pid, signal.SIGTERM)
            except (ProcessLookupError, PermissionError):
                pass
    deadline = time.monotonic() + 5
    while any(_alive(p) for p in state.get("pids", [])) and time.monotonic() < deadline:
        _reap()
        time.sleep(0.05)
    for pid in state.get("pids", []):
        if _alive(pid):
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    for name in state.get("namespaces", []):
        listed = subprocess.run(["ip", "netns", "pids", name], capture_output=True, text=True)
        for line in listed.stdout.split():
            try:
                os.kill(int(line), signal.SIGKILL)
            except (ValueError, ProcessLookupError):
                pass
        subprocess.run(["ip", "netns", "del", name], capture_output=True)
    _reap()


def _reap():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def cleanup_workdir(workdir):
    path = os.path.join(workdir, "state.json")
    if not os.path.exists(path):
        return False
    with open(path, encoding="utf-8") as fh:
        cleanup_state(json.load(fh))
    return True


def remove_workdir(workdir):
    shutil.rmtree(workdir, ignore_errors=True)
