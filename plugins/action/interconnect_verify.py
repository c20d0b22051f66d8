# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for interconnect_verify: proves an interconnect from both clouds.

It runs the collection's info modules itself (so it can retry them, bounded, until BGP and the
circuits settle), compares what both clouds report with the plan's expectations
(module_utils/verify.py), writes ``<artifacts_dir>/verify.json`` and ``verify.txt``, prints the
table and fails naming each failing tunnel or session with the reason and the likely fix. It
never writes to either cloud: every module it runs is an info module or runs in check mode.
The documentation is in plugins/modules/interconnect_verify.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import tempfile
import time

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.urls import open_url
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.interconnect.oci_azure.plugins.module_utils import verify as V
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import diagram
from ansible_collections.interconnect.oci_azure.plugins.plugin_utils.module_runner import run_module

display = Display()

SPEC = dict(
    plan=dict(type="dict", required=True),
    compartment_id=dict(type="str"),
    drg_id=dict(type="str"),
    # what the inventory brought, as interconnect_preflight found it (its adopt result)
    adopt=dict(type="dict", default={}),
    resource_group=dict(type="str", required=True),
    retries=dict(type="int", default=40),
    delay=dict(type="float", default=15.0),
    artifacts_dir=dict(type="path"),
    name=dict(type="str"),
    oci=dict(type="dict", default={}),
    azure=dict(type="dict", default={}),
    twin_admin=dict(type="str"),
    stable_attempts=dict(type="int", default=3),
    fail_on_error=dict(type="bool", default=True),
    quiet=dict(type="bool", default=False),
)


def _write_atomically(path, text):
    fd, tmp = tempfile.mkstemp(prefix=".verify-", dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except Exception:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _get(obj, *names):
    """The first of ``names`` present in ``obj`` (snake_case or camelCase read shapes)."""
    for name in names:
        if isinstance(obj, dict) and obj.get(name) is not None:
            return obj[name]
    return None


def _address(value):
    """169.254.21.1/30 -> 169.254.21.1."""
    return value.split("/", 1)[0] if isinstance(value, str) else value


class ModuleFailed(Exception):
    pass


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    # -- running the info modules --------------------------------------------------------------
    def _module(self, name, args, cloud, task_vars, check=False):
        merged = dict(self._options["oci" if cloud == "oci" else "azure"])
        merged.update(args)
        # module_defaults (group/interconnect.oci_azure.oci|azure) apply as they would to a task
        result = run_module(self, name, merged, task_vars, check=check)
        self._calls += 1
        if result.get("failed"):
            raise ModuleFailed("%s: %s" % (name, result.get("msg") or result))
        return result

    def _try(self, errors, what, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ModuleFailed as exc:
            errors.append("%s: %s" % (what, exc))
            return None

    # -- observations ----------------------------------------------------------------------------
    def _observe_vpn(self, plan, task_vars, errors, first):
        obs = {"oci_tunnels": {}, "oci_connections": {}, "azure_connections": {}}
        oci_args = {}
        if self._options["compartment_id"]:
            oci_args["compartment_id"] = self._options["compartment_id"]
        rg = self._options["resource_group"]
        tunnels_by_name = dict((t["name"], t) for t in plan["tunnels"])

        # The DRG's connections in one module run; by name, one run each, when the DRG is unknown.
        drg_id = self._drg_id(plan, task_vars, errors, oci_args)
        listed_by_drg = None
        if drg_id:
            listed_by_drg = self._try(errors, "OCI IPSec connections of DRG %s" % plan["oci"]["drg"]["name"],
                                      self._module, "oci_ipsec_connection_info",
                                      dict(oci_args, drg_id=drg_id), "oci", task_vars)
        for ipsec in plan["oci"]["ipsec_connections"]:
            info = listed_by_drg
            if not drg_id:
                info = self._try(errors, "OCI IPSec connection %s" % ipsec["name"], self._module,
                                 "oci_ipsec_connection_info",
                                 dict(oci_args, display_name=ipsec["name"]), "oci", task_vars)
            found = None
            for conn in (info or {}).get("ipsec_connections") or []:
                if _get(conn, "display_name", "displayName") == ipsec["name"]:
                    found = conn
            obs["oci_connections"][ipsec["name"]] = {
                "found": found is not None,
                "lifecycle_state": _get(found, "lifecycle_state", "lifecycleState"),
                "static_routes": _get(found, "static_routes", "staticRoutes") if found else None,
            }
            listed = (found or {}).get("tunnels") or []
            for number, key in enumerate(ipsec["tunnels"], start=1):
                plan_tunnel = next(t for t in plan["tunnels"] if t["key"] == key)
                seen = None
                for tunnel in listed:
                    if _get(tunnel, "display_name", "displayName") == plan_tunnel["name"]:
                        seen = tunnel
                if seen is None and len(listed) >= number and \
                        _get(listed[number - 1], "display_name", "displayName") not in tunnels_by_name:
                    seen = listed[number - 1]
                obs["oci_tunnels"][key] = self._oci_tunnel(seen)

        gateway = plan["azure"]["virtual_network_gateway"]["name"]
        # One module run for the Azure side; the static routes' local network gateways are
        # configuration, read on the first attempt only.
        include = ["connections", "bgp_peers", "learned_routes"]
        if first and plan["azure"].get("local_network_gateways"):
            include.append("local_network_gateways")
        info = self._try(errors, "Azure gateway %s" % gateway, self._module,
                         "azure_virtual_network_gateway_info",
                         dict(name=gateway, resource_group=rg, include=include), "azure", task_vars)
        info = info or {}
        if "local_network_gateways" in include:
            obs["azure_local_network_gateways"] = self._local_gateways(plan, info)
        for conn in plan["azure"]["connections"]:
            seen = None
            for candidate in info.get("connections") or []:
                if candidate.get("name") == conn["name"]:
                    seen = candidate
            obs["azure_connections"][conn["name"]] = self._azure_connection(seen)
        if info:
            # the gateway's ASN as Azure has it: compared with the plan's (issue 11, item 12)
            gateway_read = info.get("virtual_network_gateway") or {}
            obs["azure_gateway"] = {"found": bool(info.get("exists")),
                                    "asn": (gateway_read.get("bgp_settings") or {}).get("asn")}
        if info.get("exists"):
            obs["azure_bgp_peers"] = [
                {"local_address": p.get("local_address"), "neighbor": p.get("neighbor"),
                 "asn": p.get("asn"), "state": p.get("state"), "routes_received": p.get("routes_received")}
                for p in info.get("bgp_peers") or []]
            obs["azure_learned_routes"] = [
                {"network": r.get("network"), "next_hop": r.get("next_hop"),
                 "source_peer": r.get("source_peer"), "origin": r.get("origin")}
                for r in info.get("learned_routes") or []]
        # Each instance's public IP, which names its tunnels in tunnel_connection_status.
        peering = ((info.get("virtual_network_gateway") or {}).get("bgp_settings") or {}).get(
            "bgp_peering_addresses") or []
        obs["azure_public_ips"] = {}
        # a brought gateway names its IP configurations its own way (the preflight's mapping)
        names = (self._options["adopt"].get("gateway") or {}).get("ip_configurations") or {}
        for conf in plan["azure"]["virtual_network_gateway"].get("ip_configurations") or []:
            name = names.get(conf["name"], conf["name"])
            for entry in peering:
                ident = str(entry.get("ipconfiguration_id") or "")
                if ident.lower().endswith("/ipconfigurations/" + name.lower()):
                    addresses = entry.get("tunnel_ip_addresses") or []
                    if addresses:
                        obs["azure_public_ips"][conf["public_ip"]] = addresses[0]
        if first:
            obs.update(self._observe_vpn_config(plan, task_vars, errors, oci_args))
        return obs

    def _observe_vpn_config(self, plan, task_vars, errors, oci_args):
        """Configuration that does not settle with time: read once per run (check mode).

        ECMP is read on the route table of the VCN attachment: a packet entering the DRG is
        routed by the table of the attachment it enters on (OCI docs, Managing DRGs), so that
        table decides whether VCN -> Azure traffic spreads over the tunnels."""
        out = {"oci_ecmp": None, "oci_ecmp_table": None}
        if (plan.get("ecmp") or {}).get("oci_drg_route_table_ecmp"):
            drg_id = self._drg_id(plan, task_vars, errors, oci_args)
            # an attachment that was there before the run keeps its own name: its table by id
            adopted = (self._options["adopt"].get("drg_attachment") or {}).get("drg_route_table_id")
            where = dict(id=adopted) if adopted else dict(
                drg_id=drg_id, attachment_name=plan["oci"]["drg_attachment"]["name"])
            if drg_id:
                table = self._try(errors, "OCI DRG route table of the VCN attachment", self._module,
                                  "oci_drg_route_table", where, "oci", task_vars, check=True)
                if table:
                    read = table.get("drg_route_table") or {}
                    out["oci_ecmp"] = bool(read.get("is_ecmp_enabled"))
                    out["oci_ecmp_table"] = {"id": read.get("id"), "display_name": read.get("display_name")}
        return out

    @staticmethod
    def _local_gateways(plan, info):
        """The plan's local network gateways as the gateway info listed them (all not found
        when that read failed; its error is in the read errors)."""
        if "local_network_gateways" not in info:
            return dict((lng["name"], {"found": False, "address_prefixes": None})
                        for lng in plan["azure"].get("local_network_gateways") or [])
        listed = dict((lng.get("name"), lng) for lng in info["local_network_gateways"])
        out = {}
        for lng in plan["azure"].get("local_network_gateways") or []:
            gateway = listed.get(lng["name"])
            space = (gateway or {}).get("local_network_address_space") or {}
            bgp = (gateway or {}).get("bgp_settings") or {}
            out[lng["name"]] = {"found": gateway is not None,
                                "address_prefixes": space.get("address_prefixes") if gateway else None,
                                "gateway_ip_address": (gateway or {}).get("gateway_ip_address"),
                                "bgp_asn": bgp.get("asn"), "bgp_peering_address": bgp.get("bgp_peering_address")}
        return out

    def _drg_id(self, plan, task_vars, errors, oci_args):
        """The DRG's OCID: the task's drg_id, else looked up by the plan's name (once per
        verification; None while the DRG does not exist)."""
        if self._options["drg_id"]:
            return self._options["drg_id"]
        if plan["oci"]["drg"].get("existing_id"):
            return plan["oci"]["drg"]["existing_id"]
        if self._found_drg_id is None:
            drg = self._try(errors, "OCI DRG", self._module, "oci_drg",
                            dict(oci_args, display_name=plan["oci"]["drg"]["name"]), "oci",
                            task_vars, check=True)
            if drg and not drg.get("changed"):
                self._found_drg_id = (drg.get("drg") or {}).get("id")
        return self._found_drg_id

    @staticmethod
    def _oci_tunnel(seen):
        if not seen:
            return {"found": False}
        bgp = _get(seen, "bgp_session_info", "bgpSessionInfo") or {}
        error = _get(seen, "error", "tunnel_error")
        if error:
            error = {"code": _get(error, "error_code", "errorCode", "code"),
                     "message": _get(error, "error_description", "errorDescription", "message"),
                     "solution": _get(error, "solution")}
        routes = _get(seen, "routes_received", "routesReceived")
        received = []
        for route in routes or []:
            if isinstance(route, dict):
                if str(route.get("advertiser", "CUSTOMER")).upper() == "CUSTOMER":
                    received.append(route.get("prefix"))
            else:
                received.append(route)
        out = {
            "found": True,
            "id": seen.get("id"),
            "name": _get(seen, "display_name", "displayName"),
            "vpn_ip": _get(seen, "vpn_ip", "vpnIp"),
            "status": seen.get("status"),
            "routing": seen.get("routing"),
            "bgp_state": _get(bgp, "bgp_state", "bgpState"),
            "oracle_ip": _address(_get(bgp, "oracle_interface_ip", "oracleInterfaceIp")),
            "customer_ip": _address(_get(bgp, "customer_interface_ip", "customerInterfaceIp")),
            "customer_asn": _get(bgp, "customer_bgp_asn", "customerBgpAsn"),
            "routes_received": received,
            # as read (snake_case); verify.py maps them to the planner's negotiation model
            "phase_one_details": _get(seen, "phase_one_details"),
            "phase_two_details": _get(seen, "phase_two_details"),
            "error": error,
        }
        if error and seen.get("status") == "UP":
            # an UP tunnel's error is about BGP
            out["bgp_error"], out["error"] = error, None
        return out

    @staticmethod
    def _azure_connection(seen):
        if not seen:
            return {"found": False}
        return {
            "found": True,
            "id": seen.get("id"),
            "status": seen.get("connection_status"),
            "provisioning_state": seen.get("provisioning_state"),
            "tunnels": [{"tunnel": t.get("tunnel"), "status": t.get("connection_status")}
                        for t in seen.get("tunnel_connection_status") or []],
            "reasons": [],
            # ARM may omit an empty ipsecPolicies: no custom policy means Azure's default policy
            "ipsec_policies": seen.get("ipsec_policies") or [],
            "express_route_gateway_bypass": seen.get("express_route_gateway_bypass"),
        }

    def _observe_fastconnect(self, plan, task_vars, errors, first):
        obs = {"azure_connections": {}}
        oci_args = {}
        if self._options["compartment_id"]:
            oci_args["compartment_id"] = self._options["compartment_id"]
        rg = self._options["resource_group"]
        vc_name = plan["oci"]["virtual_circuit"]["name"]
        info = self._try(errors, "OCI virtual circuit %s" % vc_name, self._module,
                         "oci_virtual_circuit_info", dict(oci_args, display_name=vc_name), "oci", task_vars)
        found = None
        for vc in (info or {}).get("virtual_circuits") or []:
            if _get(vc, "display_name", "displayName") == vc_name:
                found = vc
        obs["virtual_circuit"] = {
            "found": found is not None,
            "id": (found or {}).get("id"),
            "lifecycle_state": _get(found, "lifecycle_state", "lifecycleState"),
            "provider_state": _get(found, "provider_state", "providerState"),
            "bgp_session_state": _get(found, "bgp_session_state", "bgpSessionState"),
            "bandwidth_shape_name": _get(found, "bandwidth_shape_name", "bandwidthShapeName"),
            "error": None,
            # the VLAN in them is the provider's (OCI SDK CrossConnectMapping.vlan)
            "cross_connect_mappings": [
                {"oracle_bgp_peering_ip": _get(m, "oracle_bgp_peering_ip", "oracleBgpPeeringIp"),
                 "customer_bgp_peering_ip": _get(m, "customer_bgp_peering_ip", "customerBgpPeeringIp"),
                 "vlan": m.get("vlan")}
                for m in _get(found, "cross_connect_mappings", "crossConnectMappings") or []] if found else None,
        }
        circuit = plan["azure"]["expressroute_circuit"]["name"]
        info = self._try(errors, "ExpressRoute circuit %s" % circuit, self._module,
                         "azure_expressroute_circuit_info", dict(name=circuit, resource_group=rg),
                         "azure", task_vars) or {}
        er = {"found": bool(info.get("exists")), "id": (info.get("expressroute_circuit") or {}).get("id"),
              "provider_state": info.get("service_provider_provisioning_state"), "peering": None,
              "arp": {}, "routes": {}, "error": None}
        for peering in info.get("peerings") or []:
            if peering.get("name") != "AzurePrivatePeering" and \
                    peering.get("peering_type") != "AzurePrivatePeering":
                continue
            er["peering"] = {"state": peering.get("state"),
                             "primary_prefix": peering.get("primary_peer_address_prefix"),
                             "secondary_prefix": peering.get("secondary_peer_address_prefix"),
                             "vlan": peering.get("vlan_id"), "peer_asn": peering.get("peer_asn")}
            for link, entries in (peering.get("arp_tables") or {}).items():
                er["arp"][link] = [e.get("ip_address") for e in entries or []]
            for link, entries in (peering.get("route_tables") or {}).items():
                er["routes"][link] = [e.get("network") for e in entries or []]
        for problem in info.get("table_errors") or []:
            er["error"] = {"code": problem.get("code"), "message": problem.get("message"), "solution": None}
        obs["er_circuit"] = er
        gateway = plan["azure"]["virtual_network_gateway"]["name"]
        info = self._try(errors, "Azure gateway %s" % gateway, self._module,
                         "azure_virtual_network_gateway_info",
                         dict(name=gateway, resource_group=rg, include=["connections"]), "azure",
                         task_vars) or {}
        for conn in plan["azure"]["connections"]:
            seen = None
            for candidate in info.get("connections") or []:
                if candidate.get("name") == conn["name"]:
                    seen = candidate
            obs["azure_connections"][conn["name"]] = self._azure_connection(seen)
        return obs

    # -- the twin's reasons ----------------------------------------------------------------------
    def _twin_reasons(self, obs):
        """Add the cloud twin's reasons (its admin model) where the cloud APIs give none."""
        admin = self._options["twin_admin"]
        if not admin:
            return
        try:
            ca_path = None
            endpoints = os.environ.get("INTERCONNECT_TWIN_ENDPOINTS")
            if endpoints and os.path.exists(endpoints):
                with open(endpoints) as handle:
                    ca_path = json.load(handle).get("ca_bundle")
            resp = open_url(admin.rstrip("/") + "/model", ca_path=ca_path, timeout=30)
            model = json.loads(resp.read().decode("utf-8"))
        except Exception as exc:  # the reasons are a help, never a reason to fail
            display.vvv("interconnect_verify: no reasons from the twin at %s: %s" % (admin, exc))
            return
        conns = model.get("azure_connections") or {}
        for seen in (obs.get("azure_connections") or {}).values():
            entry = conns.get((seen.get("id") or "").lower()) or {}
            seen["reasons"] = [{"code": r.get("reasonCode"), "message": r.get("reason"),
                                "solution": r.get("solution"), "layer": r.get("layer"),
                                "ip_configuration": r.get("ipConfigurationId")}
                               for r in entry.get("reasons") or []]
        vc = obs.get("virtual_circuit") or {}
        entry = (model.get("virtual_circuits") or {}).get(vc.get("id")) or {}
        if entry.get("reasonCode"):
            vc["error"] = {"code": entry["reasonCode"], "message": entry.get("reason"),
                           "solution": entry.get("solution")}
        er = obs.get("er_circuit") or {}
        entry = (model.get("er_circuits") or {}).get((er.get("id") or "").lower()) or {}
        if entry.get("reasonCode") and not er.get("error"):
            er["error"] = {"code": entry["reasonCode"], "message": entry.get("reason"),
                           "solution": entry.get("solution")}

    CONFIG_KEYS = ("azure_local_network_gateways", "oci_ecmp", "oci_ecmp_table")

    def _attempts(self, plan, task_vars, observe, name):
        """Observe and evaluate until everything passes, only settled failures remain, or the
        retries run out: (report, observations, read errors, attempts made)."""
        options = self._options
        attempts = max(1, options["retries"])
        config = {}
        config_read = False
        report = obs = errors = previous = None
        attempt = stable = 0
        for attempt in range(1, attempts + 1):
            errors = []
            # Configuration (local network gateways, ECMP) is read until one attempt reads
            # everything without an error: a read that failed (throttled, a 5xx, the endpoint
            # restarting) must not stand as "missing" for the rest of the run.
            obs = observe(plan, task_vars, errors, first=not config_read)
            if not config_read:
                config = dict((k, v) for k, v in obs.items() if k in self.CONFIG_KEYS)
                config_read = not errors
            obs.update(config)
            self._twin_reasons(obs)
            report = V.evaluate(plan, obs)
            waiting = [r for r in report["rows"] if not r["ok"] and (not r.get("config") or not config_read)]
            if report["ok"] or not waiting or attempt == attempts:
                break
            # A failure the cloud explains with a configuration reason does not go away by
            # waiting: stop once the same failures have been seen stable_attempts times in a row.
            signature = [(r["object"], r["check"], r["observed"], r["reason"]) for r in waiting]
            stable = stable + 1 if signature == previous else 1
            previous = signature
            if stable >= options["stable_attempts"] and config_read and V.settled(waiting):
                break
            display.vv("interconnect_verify %s: attempt %d/%d, %d check(s) not yet passing"
                       % (name, attempt, attempts, len(waiting)))
            time.sleep(options["delay"])
        return report, obs, errors, attempt

    # -- run -------------------------------------------------------------------------------------
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        result["changed"] = False
        validated = ArgumentSpecValidator(SPEC).validate(dict(self._task.args))
        if validated.error_messages:
            result.update(failed=True, msg="; ".join(validated.error_messages))
            return result
        self._options = options = validated.validated_parameters
        if options["compartment_id"] is None:
            options["compartment_id"] = os.environ.get("OCI_COMPARTMENT_ID")
        if options["twin_admin"] is None:
            options["twin_admin"] = os.environ.get("INTERCONNECT_TWIN_ADMIN")
        plan = options["plan"]
        name = options["name"] or (task_vars or {}).get("inventory_hostname") or plan.get("name_prefix")
        fastconnect = plan.get("routing") == "fastconnect"
        self._calls = 0
        self._found_drg_id = None
        # A dry run (check mode) built nothing: one look, and what is not there yet is reported
        # as what cannot be checked before the build, not as a failure.
        dry_run = bool(getattr(self._task, "check_mode", False))
        if dry_run:
            options["retries"] = 1

        started = time.time()
        observe = self._observe_fastconnect if fastconnect else self._observe_vpn
        report, obs, errors, attempt = self._attempts(plan, task_vars, observe, name)

        title = "interconnect %s (%s): verification after %d attempt(s), %.0f s" % (
            name, plan.get("scenario"), attempt, time.time() - started)
        table = V.render_table(report, title=title)
        failures = V.failure_lines(report)
        document = {
            "interconnect": name,
            "scenario": plan.get("scenario"),
            "name_prefix": plan.get("name_prefix"),
            "ok": report["ok"],
            "passed": report["passed"],
            "failed": report["failed"],
            "attempts": attempt,
            "seconds": round(time.time() - started, 1),
            "module_calls": self._calls,
            "checks": report["rows"],
            "failures": failures,
            "read_errors": errors,
            "observed": dict((k, v) for k, v in (obs or {}).items() if not k.startswith("_")),
            "dry_run": dry_run,
        }
        if options["artifacts_dir"]:
            out = options["artifacts_dir"]
            os.makedirs(out, exist_ok=True)
            _write_atomically(os.path.join(out, "verify.json"), json.dumps(document, indent=2) + "\n")
            _write_atomically(os.path.join(out, "verify.txt"), "\n".join(table) + "\n")
            # the plan's topology with these results drawn on it (same renderer as topology.md)
            _write_atomically(os.path.join(out, "topology-verify.md"), diagram.render_markdown(plan, document))
            result["verify_file"] = os.path.join(out, "verify.json")
        if not options["quiet"]:
            # a failing task prints its failures with its result; the table is shown here
            shown = table if (failures and options["fail_on_error"]) else table + [""] + failures
            display.display("\n".join(shown).rstrip())
        result.update(ok=report["ok"], passed=report["passed"], failed_checks=report["failed"],
                      attempts=attempt, failures=failures, read_errors=errors)
        if report["ok"] or options["quiet"] or not options["fail_on_error"]:
            # a failed task prints its result: the table was displayed just above
            result["table"] = table
        if not report["ok"] and dry_run:
            result["msg"] = ("interconnect %s: dry run, %d check(s) cannot be made before the build "
                             "(%d pass on what exists): %s" % (name, report["failed"], report["passed"],
                                                               V.failure_summary(report)))
            result["cannot_check_yet"] = failures
            display.display(result["msg"])
        elif not report["ok"]:
            result["msg"] = "interconnect %s failed verification (%d check(s), details in %s): %s" % (
                name, report["failed"], result.get("verify_file", "the failures list"),
                V.failure_summary(report))
            if options["fail_on_error"]:
                result["failed"] = True
        else:
            result["msg"] = "interconnect %s verified: %d checks passed" % (name, report["passed"])
        return result
