# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for interconnect_preflight: looks at both clouds before the first write.

It runs the collection's read modules (info modules, or resource modules in check mode) for what
the plan builds on - the VCN and the DRG it attaches to, the VNet, its GatewaySubnet and the
gateways in it, and what the inventory brings (an existing DRG or gateway) - judges what they
return with module_utils/preflight.py, writes ``<artifacts_dir>/preflight.json`` and fails, naming
each variable to change, before anything is written. It returns the adoption facts the building
blocks use for what the inventory brings. The documentation is in
plugins/modules/interconnect_preflight.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.interconnect.oci_azure.plugins.module_utils import preflight as P
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_ids import parse_id
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import is_unknown
from ansible_collections.interconnect.oci_azure.plugins.plugin_utils.module_runner import run_module

display = Display()

SPEC = dict(
    plan=dict(type="dict", required=True),
    compartment_id=dict(type="str"),
    resource_group=dict(type="str", required=True),
    virtual_network=dict(type="str", required=True),
    create_networks=dict(type="bool", default=False),
    vcn_id=dict(type="str"),
    gateway_add_apipa=dict(type="bool", default=False),
    existing_drg_ecmp=dict(type="bool", default=False),
    artifacts_dir=dict(type="path"),
    fail_on_error=dict(type="bool", default=True),
)


class ReadFailed(Exception):
    pass


def known(value):
    """``value``, or None for what a check-mode read predicts a create would give."""
    return None if is_unknown(value) else value


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    def _read(self, name, args, check=False):
        """One read module run; ReadFailed with its message when it fails."""
        result = run_module(self, name, args, self._task_vars, check=check)
        self.reads += 1
        if result.get("failed"):
            raise ReadFailed(result.get("msg") or "%s failed" % name)
        return result

    def _read_or_none(self, name, args, check=False):
        try:
            return self._read(name, args, check=check)
        except ReadFailed as exc:
            if "no %s with id" % {"oci_vcn": "VCN", "oci_drg": "DRG"}.get(name, "") in str(exc):
                return None
            raise

    # -- OCI ---------------------------------------------------------------------------------
    def _oci(self, options, plan, findings, adopt):
        compartment = {"compartment_id": options["compartment_id"]} if options["compartment_id"] else {}
        existing_drg = plan["oci"]["drg"].get("existing_id")
        vcn_id = options["vcn_id"]
        if options["create_networks"]:
            # the planned call in check mode: the demo VCN as it is, or as the run would create it
            vcn = self._read("oci_vcn", dict(compartment, **plan["module_args"]["vcn"]["args"]),
                             check=True)["vcn"]
            vcn_id = known(vcn.get("id"))  # None until the run creates it
        elif not vcn_id:
            findings.append(P.error("vcn", "interconnect_vcn_id", "required with "
                                    "interconnect_create_networks false: the OCID of the VCN to "
                                    "attach (or set interconnect_create_networks: true)"))
        else:
            vcn = self._read_or_none("oci_vcn", dict(id=vcn_id), check=True)
            findings.extend(P.vcn_findings(plan["intent"]["vcn_cidrs"], vcn and vcn["vcn"], vcn_id))
        drg = None
        if existing_drg:
            read = self._read_or_none("oci_drg", dict(id=existing_drg), check=True)
            drg = read and read["drg"]
            findings.extend(P.drg_findings(drg, existing_drg))
        else:
            own = self._read("oci_drg", dict(compartment, display_name=plan["oci"]["drg"]["name"]),
                             check=True)["drg"]
            drg = own if known(own.get("id")) else None
        if existing_drg and drg is None:
            return
        attachment = None
        if vcn_id:
            listed = []
            places = [options["compartment_id"]] + ([drg.get("compartment_id")] if drg else [])
            for place in sorted(set(p for p in places if p)):
                listed.extend(self._read("oci_drg_attachment_info", dict(
                    compartment_id=place, vcn_id=vcn_id))["drg_attachments"])
            found, attachment = P.attachment_findings(
                listed, existing_drg, (drg or {}).get("id") if not existing_drg else None,
                plan["oci"]["drg_attachment"]["name"])
            findings.extend(found)
        if existing_drg:
            adopt["drg"] = {"id": drg["id"], "display_name": drg.get("display_name"),
                            "compartment_id": drg.get("compartment_id")}
            adopt["drg_attachment"] = attachment and {
                "id": attachment["id"], "display_name": attachment.get("display_name"),
                "drg_route_table_id": attachment.get("drg_route_table_id")}
            table_id = (attachment or {}).get("drg_route_table_id") or \
                (drg.get("default_drg_route_tables") or {}).get("vcn")
            table = None
            if table_id and (plan["oci"].get("drg_route_table") or {}).get("is_ecmp_enabled"):
                table = self._read("oci_drg_route_table", dict(id=table_id), check=True)["drg_route_table"]
            findings.extend(P.ecmp_findings(plan, table, True, options["existing_drg_ecmp"]))
        elif attachment is not None:
            adopt["drg_attachment"] = {"id": attachment["id"], "display_name": attachment.get("display_name"),
                                       "drg_route_table_id": attachment.get("drg_route_table_id")}

    # -- Azure -------------------------------------------------------------------------------
    def _azure(self, options, plan, findings, adopt):
        group, vnet_name = options["resource_group"], options["virtual_network"]
        vnet = self._read("azure_virtual_network_info", dict(name=vnet_name, resource_group=group))
        if not options["create_networks"]:
            findings.extend(P.vnet_findings(plan["intent"]["vnet_cidrs"], vnet, vnet_name))
        subnet = vnet.get("gateway_subnet") or None
        planned = plan["azure"]["virtual_network_gateway"]
        if not planned.get("existing"):
            findings.extend(P.vnet_gateway_findings(plan, vnet.get("virtual_network_gateways"), vnet_name))
            return
        read = self._read("azure_virtual_network_gateway_info", dict(
            name=planned["name"], resource_group=group, include=[]))
        gateway = read["virtual_network_gateway"] if read.get("exists") else None
        found, additions = P.gateway_fit_findings(plan, gateway, subnet if vnet.get("exists") else None,
                                                  vnet_name, options["gateway_add_apipa"])
        findings.extend(found)
        if gateway is None or P.errors(found):
            return
        addresses = []
        for configuration in gateway.get("ip_configurations") or []:
            where = parse_id(((configuration.get("public_ip_address") or {}).get("id")) or "")
            if not where.get("name"):
                continue
            public_ip = self._read("azure_public_ip", dict(
                name=where["name"], resource_group=where.get("resource_group") or group), check=True)
            addresses.append(public_ip["public_ip"].get("ip_address"))
        adopt["gateway"] = P.gateway_adoption(planned, gateway, addresses)
        adopt["gateway"]["apipa_additions"] = additions
        adopt["gateway"]["gateway_update"] = P.apipa_update(gateway, additions)

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        validation = ArgumentSpecValidator(SPEC).validate(self._task.args)
        if validation.error_messages:
            return dict(result, failed=True, msg="; ".join(validation.error_messages))
        options = validation.validated_parameters
        self._task_vars = task_vars
        self.reads = 0
        plan = options["plan"]
        findings, adopt = [], {"drg": None, "drg_attachment": None, "gateway": None}
        for cloud, check in (("OCI", self._oci), ("Azure", self._azure)):
            try:
                check(options, plan, findings, adopt)
            except ReadFailed as exc:
                findings.append(P.error("read", None, "%s read failed before any write: %s" % (cloud, exc)))
        report = {"ok": not P.errors(findings), "reads": self.reads,
                  "findings": [f.to_dict() for f in findings], "adopt": adopt}
        if options["artifacts_dir"]:
            if not os.path.isdir(options["artifacts_dir"]):
                os.makedirs(options["artifacts_dir"])
            with open(os.path.join(options["artifacts_dir"], "preflight.json"), "w") as handle:
                json.dump(report, handle, indent=2, sort_keys=True)
        for finding in findings:
            if finding.level != "ok":
                display.display("preflight %s: %s" % (finding.level, finding.message),
                                color="bright red" if finding.level == "error" else "bright purple")
        result.update(report, changed=False)
        problems = P.errors(findings)
        if problems and options["fail_on_error"]:
            result["failed"] = True
            result["msg"] = "preflight: %d problem(s), nothing was written: %s" % (
                len(problems), "; ".join(f.message for f in problems))
        return result
