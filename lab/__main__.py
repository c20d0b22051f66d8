"""python -m lab run|check|install|cleanup (docs/lab.md)."""

import argparse
import json
import os
import subprocess
import sys
import tempfile

from lab import stack


def _plan(args):
    if args.plan:
        with open(args.plan, encoding="utf-8") as fh:
            return json.load(fh)
    from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.model import build_plan
    intent = {"name_prefix": "lab", "scenario": args.scenario, "vcn_cidrs": ["10.0.0.0/16"],
              "vnet_cidrs": ["10.1.0.0/16"]}
    if args.scenario == "fastconnect_expressroute":
        intent["peering_location"] = "Washington DC"
    return build_plan(intent)


def cmd_run(args):
    from lab.run import LabRun, render
    try:
        stack.check_environment()
    except stack.LabUnavailable as exc:
        print("lab unavailable: %s" % exc, file=sys.stderr)
        return 3
    plan = _plan(args)
    workdir = args.workdir or tempfile.mkdtemp(prefix="interconnect-lab-")
    timing = stack.Timing(child_target=args.child_lifetime, ike_target=args.ike_lifetime, bgp_scale=args.bgp_scale)
    result = LabRun(plan, workdir, timing=timing, min_rekeys=args.min_rekeys, drill=not args.no_drill).execute()
    result["workdir"] = workdir
    print(render(result))
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=1, sort_keys=True)
        print("written: %s" % args.out)
    return 0 if result["passed"] else 1


def cmd_check(_args):
    try:
        stack.check_environment()
    except stack.LabUnavailable as exc:
        print("lab unavailable: %s" % exc)
        return 3
    print("lab ready: root, namespaces, veth, TUN, %s" % ", ".join(stack.DEBIAN_PACKAGES))
    return 0


def cmd_install(_args):
    missing = stack.missing_packages()
    if not missing:
        print("lab packages present")
        return 0
    if os.geteuid() != 0 or not os.path.exists("/usr/bin/apt-get"):
        print("missing %s; as root run: apt-get update && %s" % (", ".join(missing), stack.install_command()))
        return 3
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq"] + list(stack.DEBIAN_PACKAGES),
                   check=True, env=env)
    return 0


def cmd_cleanup(args):
    found = stack.cleanup_workdir(args.workdir)
    print("cleaned %s" % args.workdir if found else "no lab state in %s" % args.workdir)
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m lab")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="rehearse one plan with strongSwan and FRR")
    source = run.add_mutually_exclusive_group(required=True)
    source.add_argument("--plan", help="plan.json written by the interconnect_plan module")
    source.add_argument("--scenario", help="build the plan of a scenario with the planner's defaults")
    run.add_argument("--out", help="write the result as JSON (artifacts/<host>/lab.json)")
    run.add_argument("--workdir", help="configs and logs (default: a new temporary directory)")
    run.add_argument("--child-lifetime", type=float, default=20.0,
                     help="seconds the shortest CHILD_SA lifetime is scaled to (default 20)")
    run.add_argument("--ike-lifetime", type=float, default=36.0,
                     help="seconds the shortest IKE_SA lifetime is scaled to (default 36)")
    run.add_argument("--bgp-scale", type=float, default=0.05, help="factor on the BGP timers (default 0.05)")
    run.add_argument("--min-rekeys", type=int, default=2, help="CHILD_SA rekeys each tunnel must show")
    run.add_argument("--no-drill", action="store_true", help="skip the failover drill")
    run.set_defaults(func=cmd_run)
    sub.add_parser("check", help="say whether this machine can run the lab").set_defaults(func=cmd_check)
    sub.add_parser("install", help="install the Debian packages when missing (root)").set_defaults(func=cmd_install)
    clean = sub.add_parser("cleanup", help="remove what a crashed run left (from its state.json)")
    clean.add_argument("--workdir", required=True)
    clean.set_defaults(func=cmd_cleanup)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
