"""OCI DRG routing: route tables with their static and dynamic rules, and route distributions
with their statements (what a table imports, what an attachment exports)."""

import hashlib

from emulator.core.http import Response
from emulator.oci.common import (
    GONE_STATES, body_of, check_cidr, check_display_name, check_enum, conflict, invalid, missing, require,
)
from emulator.oci.drg import ATTACHMENT_TYPES, live_drg, new_route_table
from emulator.oci.resource import TERMINAL_STATES, OciResource, Route


def in_drg(api, kind, req):
    """The ``kind`` objects of the DRG a list names with ``drgId`` (required)."""
    drg_id = req.query.get("drgId")
    if not drg_id:
        raise missing("drgId")
    return [o for o in api.all(kind) if o["drgId"] == drg_id]


def check_ecmp(value):
    if not isinstance(value, bool):
        raise invalid("isEcmpEnabled", "must be a boolean.")
    return value


def check_import_distribution(api, dist_id, drg_id):
    if dist_id is None:
        return None
    dist = api.load("drgRouteDistribution", dist_id)
    if dist is None or dist["drgId"] != drg_id or dist["distributionType"] != "IMPORT":
        raise invalid("importDrgRouteDistributionId", "%s is not an import distribution of DRG %s."
                      % (dist_id, drg_id))
    return dist_id


def check_next_hop(api, table, attachment_id, field):
    hop = api.load("drgAttachment", attachment_id)
    if hop is None or hop["drgId"] != table["drgId"]:
        raise invalid(field + ".nextHopDrgAttachmentId", "not an attachment of this DRG.")
    return hop


def dynamic_rule(attachment, prefix, provenance):
    return {
        "id": hashlib.sha256((attachment["id"] + prefix).encode()).hexdigest()[:16],
        "destination": prefix, "destinationType": "CIDR_BLOCK",
        "nextHopDrgAttachmentId": attachment["id"], "routeType": "DYNAMIC",
        "isConflict": False, "isBlackhole": False, "routeProvenance": provenance,
        "attributes": {},
    }


def dynamic_rules(api, table):
    """Routes the table imports: VCN CIDRs of VCN attachments, and the prefixes the model says
    each IPSec tunnel learned (for tables importing all routes)."""
    dist = api.load("drgRouteDistribution", table.get("importDrgRouteDistributionId") or "")
    if dist is None:
        return []
    match_all = dist.get("_matchAll", True)
    out = []
    attachments = [a for a in api.all("drgAttachment")
                   if a["drgId"] == table["drgId"] and a["lifecycleState"] == "ATTACHED"]
    model = api.model() if match_all else None
    tunnels = (model or {}).get("oci_tunnels", {})
    for att in attachments:
        kind = att["networkDetails"]["type"]
        if kind == "VCN":
            vcn = api.load("vcn", att["vcnId"])
            prefixes, provenance = (vcn or {}).get("cidrBlocks", []), "VCN"
        elif kind == "IPSEC_TUNNEL" and match_all:
            state = tunnels.get(att["networkDetails"]["id"]) or {}
            prefixes = state.get("routesReceived", []) if state.get("status") == "UP" else []
            provenance = "IPSEC_TUNNEL"
        else:
            continue
        out += [dynamic_rule(att, prefix, provenance) for prefix in prefixes]
    return out


def route_rule_changes(body):
    changes = body.get("routeRules") or []
    if not isinstance(changes, list) or not changes:
        raise missing("routeRules")
    return changes


# -- route tables ---------------------------------------------------------------------------------
class DrgRouteTables(OciResource):
    kind = "drgRouteTable"
    collection = "/drgRouteTables"
    id_param = "drgRouteTableId"
    list_filters = {"displayName": "displayName", "lifecycleState": "lifecycleState",
                    "importDrgRouteDistributionId": "importDrgRouteDistributionId"}
    sortable = True
    deleted_states = ()          # a gone table's refusals still answer; its remove() is the no-op

    def extra_routes(self):
        item = self.item_path()
        return [Route("POST", item + "/actions/updateDrgRouteRules", self.update_rules),
                Route("POST", item + "/actions/removeImportDrgRouteDistribution", self.remove_import_distribution),
                Route("GET", item + "/drgRouteRules", self.list_rules),
                Route("POST", item + "/actions/addDrgRouteRules", self.add_rules),
                Route("POST", item + "/actions/removeDrgRouteRules", self.remove_rules)]

    def scope(self, req, **params):
        return in_drg(self.api, self.kind, req)

    def create(self, body):
        api = self.api
        drg = live_drg(api, body.get("drgId"))
        ecmp = check_ecmp(body.get("isEcmpEnabled", False))
        table = new_route_table(api, drg, check_display_name(body.get("displayName")) or "drgroutetable",
                                check_import_distribution(api, body.get("importDrgRouteDistributionId"), drg["id"]),
                                ecmp)
        table["freeformTags"] = body.get("freeformTags") or {}
        api.transition(table, "PROVISIONING", "AVAILABLE", "oci.drgRouteTable.create")
        return api.save(self.kind, table)

    def apply_update(self, table, body):
        super().apply_update(table, body)
        if "isEcmpEnabled" in body and body["isEcmpEnabled"] is not None:
            table["isEcmpEnabled"] = check_ecmp(body["isEcmpEnabled"])
        if body.get("importDrgRouteDistributionId"):
            table["importDrgRouteDistributionId"] = check_import_distribution(
                self.api, body["importDrgRouteDistributionId"], table["drgId"])

    def check_removable(self, table):
        table_id = table["id"]
        drg = self.api.load("drg", table["drgId"])
        if drg and table_id in (drg.get("defaultDrgRouteTables") or {}).values():
            raise conflict("The route table %s is a default route table of DRG %s." % (table_id, drg["id"]))
        for att in self.api.all("drgAttachment"):
            if att.get("drgRouteTableId") == table_id and att["lifecycleState"] not in GONE_STATES:
                raise conflict("The route table %s is used by attachment %s." % (table_id, att["id"]))

    def remove(self, table):
        if table["lifecycleState"] not in TERMINAL_STATES:
            self.api.transition(table, "TERMINATING", "TERMINATED", "oci.drgRouteTable.create")
            self.api.save(self.kind, table)

    # -- rules ------------------------------------------------------------------------------
    def list_rules(self, req, drgRouteTableId):
        table = self.load(drgRouteTableId=drgRouteTableId)
        route_type = check_enum(req.query.get("routeType"), ("STATIC", "DYNAMIC"), "routeType")
        static = [dict(rule) for rule in table.get("_rules", [])]
        dynamic = dynamic_rules(self.api, table)
        items = (static if route_type != "DYNAMIC" else []) + (dynamic if route_type != "STATIC" else [])
        return self.api.page(req, items)

    def add_rules(self, req, drgRouteTableId):
        table = self.load(drgRouteTableId=drgRouteTableId)
        added = []
        for i, rule in enumerate(route_rule_changes(body_of(req))):
            field = "routeRules[%d]" % i
            check_enum(rule.get("destinationType"), ("CIDR_BLOCK",), field + ".destinationType")
            destination = check_cidr(require(rule, "destination"), field + ".destination")
            hop = check_next_hop(self.api, table, require(rule, "nextHopDrgAttachmentId"), field)
            added.append({
                "id": hashlib.sha256((drgRouteTableId + destination + hop["id"]).encode()).hexdigest()[:16],
                "destination": destination, "destinationType": "CIDR_BLOCK",
                "nextHopDrgAttachmentId": hop["id"], "routeType": "STATIC", "isConflict": False,
                "isBlackhole": False, "routeProvenance": "STATIC", "attributes": {},
            })
        existing = {r["id"] for r in table.get("_rules", [])}
        table.setdefault("_rules", []).extend(r for r in added if r["id"] not in existing)
        self.api.save(self.kind, table)
        return Response(200, added)

    def remove_rules(self, req, drgRouteTableId):
        table = self.load(drgRouteTableId=drgRouteTableId)
        ids = set(body_of(req).get("routeRuleIds") or [])
        table["_rules"] = [r for r in table.get("_rules", []) if r["id"] not in ids]
        self.api.save(self.kind, table)
        return Response(204)

    def update_rules(self, req, drgRouteTableId):
        """UpdateDrgRouteRules: change static rules by id (destination, destinationType, next hop);
        answers the updated rules (SDK: list[DrgRouteRule])."""
        table = self.load(drgRouteTableId=drgRouteTableId)
        changes = route_rule_changes(body_of(req))
        by_id = {r["id"]: r for r in table.get("_rules", [])}
        updated = []
        for i, change in enumerate(changes):
            field = "routeRules[%d]" % i
            rule = by_id.get(require(change, "id"))
            if rule is None:
                raise invalid(field + ".id", "%s is not a static route rule of this table." % change["id"])
            check_enum(change.get("destinationType"), ("CIDR_BLOCK",), field + ".destinationType")
            if change.get("destination") is not None:
                rule["destination"] = check_cidr(change["destination"], field + ".destination")
            if change.get("nextHopDrgAttachmentId") is not None:
                rule["nextHopDrgAttachmentId"] = check_next_hop(
                    self.api, table, change["nextHopDrgAttachmentId"], field)["id"]
            updated.append(dict(rule))
        self.api.save(self.kind, table)
        return Response(200, updated)

    def remove_import_distribution(self, req, drgRouteTableId):
        """RemoveImportDrgRouteDistribution: the table then imports no dynamic routes."""
        table = self.load(drgRouteTableId=drgRouteTableId)
        self.api.check_if_match(req, table)
        table["importDrgRouteDistributionId"] = None
        self.api.save(self.kind, table)
        return self.api.respond(table)


# -- route distributions --------------------------------------------------------------------------
def statements_of(dist):
    """The stored statements; the autogenerated distributions' ones are derived from what they match."""
    if "_statements" in dist:
        return dist["_statements"]
    if dist.get("_matchTypes"):
        criteria = [{"matchType": "DRG_ATTACHMENT_TYPE", "attachmentType": t} for t in dist["_matchTypes"]]
    else:
        criteria = [{"matchType": "MATCH_ALL"}]
    return [{"id": hashlib.sha256((dist["id"] + "1").encode()).hexdigest()[:16], "matchCriteria": criteria,
             "action": "ACCEPT", "priority": 1}]


def derive_matching(dist):
    """What the import distribution lets into a table (dynamic_rules reads _matchAll/_matchTypes)."""
    types, match_all = [], False
    for statement in dist["_statements"]:
        for criteria in statement["matchCriteria"] or [{"matchType": "MATCH_ALL"}]:
            if criteria["matchType"] == "MATCH_ALL":
                match_all = True
            elif criteria["matchType"] == "DRG_ATTACHMENT_TYPE":
                types.append(criteria["attachmentType"])
                match_all = match_all or criteria["attachmentType"] == "IPSEC_TUNNEL"
    dist["_matchAll"], dist["_matchTypes"] = match_all, sorted(set(types)) or None


def check_criteria(api, items, field, drg_id):
    if not isinstance(items, list):
        raise invalid(field, "must be a list.")
    out = []
    for i, criteria in enumerate(items):
        where = "%s[%d]" % (field, i)
        kind = check_enum(require(criteria, "matchType"),
                          ("DRG_ATTACHMENT_TYPE", "DRG_ATTACHMENT_ID", "MATCH_ALL"), where + ".matchType")
        if kind == "DRG_ATTACHMENT_TYPE":
            out.append({"matchType": kind, "attachmentType": check_enum(
                require(criteria, "attachmentType"), ATTACHMENT_TYPES[:-1], where + ".attachmentType")})
        elif kind == "DRG_ATTACHMENT_ID":
            att = api.load("drgAttachment", require(criteria, "drgAttachmentId"))
            if att is None or att["drgId"] != drg_id:
                raise invalid(where + ".drgAttachmentId", "not an attachment of this DRG.")
            out.append({"matchType": kind, "drgAttachmentId": att["id"]})
        else:
            out.append({"matchType": kind})
    return out


def check_priority(value, field):
    # OCI API: priority 0-65535, unique within the distribution (unverified: see rules.UNVERIFIED)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 65535:
        raise invalid(field, "must be an integer from 0 to 65535.")
    return value


def statement_changes(body):
    items = body.get("statements") or []
    if not isinstance(items, list) or not items:
        raise missing("statements")
    return items


class DrgRouteDistributions(OciResource):
    kind = "drgRouteDistribution"
    collection = "/drgRouteDistributions"
    id_param = "drgRouteDistributionId"
    list_filters = {"displayName": "displayName", "lifecycleState": "lifecycleState"}
    sortable = True
    delete_duration = "oci.drgRouteTable.create"

    def extra_routes(self):
        item = self.item_path()
        return [Route("GET", item + "/drgRouteDistributionStatements", self.list_statements),
                Route("POST", item + "/actions/addDrgRouteDistributionStatements", self.add_statements),
                Route("POST", item + "/actions/updateDrgRouteDistributionStatements", self.update_statements),
                Route("POST", item + "/actions/removeDrgRouteDistributionStatements", self.remove_statements)]

    def scope(self, req, **params):
        return in_drg(self.api, self.kind, req)

    def create(self, body):
        api = self.api
        drg = live_drg(api, body.get("drgId"))
        kind = check_enum(require(body, "distributionType"), ("IMPORT",), "distributionType")
        dist = api.new_resource("drgroutedistribution", {
            "drgId": drg["id"], "compartmentId": drg["compartmentId"], "distributionType": kind,
            "displayName": check_display_name(body.get("displayName")) or "drgroutedistribution",
            "freeformTags": body.get("freeformTags") or {}, "definedTags": body.get("definedTags") or {},
            "_statements": [],
        })
        derive_matching(dist)
        api.transition(dist, "PROVISIONING", "AVAILABLE", "oci.drgRouteTable.create")
        return api.save(self.kind, dist)

    def check_in_use(self, dist):
        """A distribution in use - a route table's import or an attachment's export - cannot be deleted
        (OCI DeleteDrgRouteDistribution: "must not be in use")."""
        for table in self.api.all("drgRouteTable"):
            if table.get("importDrgRouteDistributionId") == dist["id"] and table["lifecycleState"] not in GONE_STATES:
                raise conflict("The route distribution %s is imported by route table %s." % (dist["id"], table["id"]))
        for att in self.api.all("drgAttachment"):
            if att.get("exportDrgRouteDistributionId") == dist["id"] and att["lifecycleState"] not in GONE_STATES:
                raise conflict("The route distribution %s is exported by attachment %s." % (dist["id"], att["id"]))
        drg = self.api.load("drg", dist["drgId"])
        if drg and drg.get("defaultExportDrgRouteDistributionId") == dist["id"]:
            raise conflict("The route distribution %s is the DRG's default export distribution." % dist["id"])

    # -- statements -------------------------------------------------------------------------
    def custom_distribution(self, dist_id):
        dist = self.load(drgRouteDistributionId=dist_id)
        if "_statements" not in dist:
            raise conflict("The autogenerated route distribution %s cannot be changed." % dist["id"])
        return dist

    def list_statements(self, req, drgRouteDistributionId):
        dist = self.load(drgRouteDistributionId=drgRouteDistributionId)
        return self.api.page(req, [dict(s) for s in sorted(statements_of(dist), key=lambda s: s["priority"])])

    def add_statements(self, req, drgRouteDistributionId):
        dist = self.custom_distribution(drgRouteDistributionId)
        added = []
        for i, item in enumerate(statement_changes(body_of(req))):
            field = "statements[%d]" % i
            check_enum(require(item, "action"), ("ACCEPT",), field + ".action")
            priority = check_priority(require(item, "priority"), field + ".priority")
            if any(s["priority"] == priority for s in dist["_statements"] + added):
                raise invalid(field + ".priority", "priority %d is already used in this distribution." % priority)
            added.append({"id": hashlib.sha256((dist["id"] + str(priority)).encode()).hexdigest()[:16],
                          "matchCriteria": check_criteria(self.api, item.get("matchCriteria") or [],
                                                          field + ".matchCriteria", dist["drgId"]),
                          "action": "ACCEPT", "priority": priority})
        dist["_statements"].extend(added)
        derive_matching(dist)
        self.api.save(self.kind, dist)
        return Response(200, added)

    def update_statements(self, req, drgRouteDistributionId):
        dist = self.custom_distribution(drgRouteDistributionId)
        items = statement_changes(body_of(req))
        by_id = {s["id"]: s for s in dist["_statements"]}
        updated = []
        for i, item in enumerate(items):
            field = "statements[%d]" % i
            statement = by_id.get(require(item, "id"))
            if statement is None:
                raise invalid(field + ".id", "%s is not a statement of this distribution." % item["id"])
            if item.get("priority") is not None:
                statement["priority"] = check_priority(item["priority"], field + ".priority")
            if item.get("matchCriteria") is not None:
                statement["matchCriteria"] = check_criteria(self.api, item["matchCriteria"],
                                                            field + ".matchCriteria", dist["drgId"])
            updated.append(dict(statement))
        derive_matching(dist)
        self.api.save(self.kind, dist)
        return Response(200, updated)

    def remove_statements(self, req, drgRouteDistributionId):
        dist = self.custom_distribution(drgRouteDistributionId)
        ids = set(body_of(req).get("statementIds") or [])
        dist["_statements"] = [s for s in dist["_statements"] if s["id"] not in ids]
        derive_matching(dist)
        self.api.save(self.kind, dist)
        return Response(204)


RESOURCES = (DrgRouteTables, DrgRouteDistributions)
