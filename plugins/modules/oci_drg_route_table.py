#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_drg_route_table
short_description: Manage ECMP and route import on an OCI DRG route table
version_added: 0.1.0
description:
  - Manages a DRG route table's ECMP setting and the route distribution it imports from, on
    one of the DRG's default tables (O(default_for)), on the table a DRG attachment uses
    (O(attachment_id) or O(attachment_name)), or on a named table of the DRG.
  - A packet entering the DRG is routed by the route table of the attachment it enters on (OCI
    documentation, Managing DRGs). Traffic from the VCN to Azure enters on the VCN attachment, so
    when several tunnels or virtual circuits carry it (the redundant VPN designs to Azure), ECMP
    must be enabled on the VCN attachment's table (O(attachment_name) of the VCN attachment; by
    default the DRG's default VCN table), the table that imports the tunnels' routes (OCI SDK
    C(DrgRouteTable.is_ecmp_enabled)). ECMP on the IPSec tunnels' table does not spread that
    traffic.
  - A named table is found by O(id), or by O(drg_id) and O(display_name), and is created or
    deleted as needed. A default table always exists with its DRG; it cannot be deleted, and
    O(display_name) renames it.
  - Static route rules are not managed by this module.
options:
  state:
    description:
      - Whether the named table should exist. V(absent) is not allowed with O(default_for).
    type: str
    choices: [present, absent]
    default: present
  id:
    description: OCID of the route table.
    type: str
  drg_id:
    description: OCID of the DRG the table belongs to. Required unless O(id) is given.
    type: str
  compartment_id:
    description:
      - Not needed, route tables are found through their DRG. Accepted so that
        C(module_defaults) for the C(oci) action group can set O(compartment_id) for every OCI
        module.
    type: str
  default_for:
    description:
      - Manage the DRG's default route table for this attachment type instead of a named table.
    type: str
    choices: [ipsec_tunnel, vcn, virtual_circuit, remote_peering_connection]
  attachment_id:
    description:
      - Manage the route table the DRG attachment with this OCID uses (its C(drg_route_table_id)),
        instead of a named table. An attachment without a table of its own uses the DRG's default
        table for its type.
    type: str
  attachment_name:
    description:
      - Like O(attachment_id), with the attachment found by its display name among the DRG's
        attachments (needs O(drg_id)).
    type: str
  display_name:
    description:
      - Name of a named table (how the module finds it). With O(default_for) or O(id), the new name
        of the table.
    type: str
    aliases: [name]
  is_ecmp_enabled:
    description:
      - Whether equal-cost multi-path routing is enabled, so several tunnels or circuits with the
        same prefix share the traffic.
    type: bool
    aliases: [ecmp]
  import_drg_route_distribution_id:
    description: OCID of the route distribution the table imports dynamic routes from.
    type: str
  import_drg_route_distribution_name:
    description:
      - Display name of the DRG's route distribution to import from, instead of its OCID.
    type: str
  remove_import_drg_route_distribution:
    description:
      - Stop importing dynamic routes into the table (the table keeps only static rules).
    type: bool
    default: false
extends_documentation_fragment:
  - interconnect.oci_azure.oci_auth
  - interconnect.oci_azure.oci_wait
  - interconnect.oci_azure.oci_resource
  - interconnect.oci_azure.attributes.OCI
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: Attach the VCN (the result names the route table the attachment uses)
  interconnect.oci_azure.oci_drg_attachment:
    drg_id: "{{ drg.drg.id }}"
    vcn_id: "{{ vcn.vcn.id }}"
    display_name: hub-vcn-attachment
  register: attachment

# VCN -> Azure traffic enters the DRG on the VCN attachment: ECMP across the tunnels goes on the
# table of that attachment, not on the IPSec tunnels' table.
- name: ECMP across the IPSec tunnels for traffic from the VCN
  interconnect.oci_azure.oci_drg_route_table:
    id: "{{ attachment.drg_route_table_id }}"
    is_ecmp_enabled: true

- name: The same, by the attachment's name
  interconnect.oci_azure.oci_drg_route_table:
    drg_id: "{{ drg.drg.id }}"
    attachment_name: hub-vcn-attachment
    is_ecmp_enabled: true

- name: A named table for the VPN attachments
  interconnect.oci_azure.oci_drg_route_table:
    drg_id: "{{ drg.drg.id }}"
    display_name: vpn-routes
    is_ecmp_enabled: true
    import_drg_route_distribution_id: "{{ drg.drg.default_export_drg_route_distribution_id }}"
"""

RETURN = r"""
drg_route_table:
  description:
    - The route table as the API reads it (oci SDK model as a dict, snake_case keys); empty after a
      delete. In check mode, the predicted table.
  returned: always
  type: dict
  sample:
    id: ocid1.drgroutetable.oc1.iad.aaaaaaaaexample
    drg_id: ocid1.drg.oc1.iad.aaaaaaaaexample
    display_name: Autogenerated Drg Route Table for IPSec_Tunnel, VC, and RPC attachments
    is_ecmp_enabled: true
    import_drg_route_distribution_id: ocid1.drgroutedistribution.oc1.iad.aaaaaaaaexample
    lifecycle_state: AVAILABLE
changed_fields:
  description: Dotted paths of the fields that differed from the request.
  returned: when an existing table changed
  type: list
  elements: str
"""

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    KNOWN_AFTER_CREATE, CloudError, is_unknown, run_ensure,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_api import OCIModule
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_errors import CLOUD, oci
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_resource import (
    OCI_FIELDS,
    OCIResource,
    resource_argument_spec,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_waits import is_gone

IMPORT_FIELD = "import_drg_route_distribution_id"

#: CreateDrgRouteTableDetails / UpdateDrgRouteTableDetails; a named table is found by its name in
#: the DRG, so a create needs both. The distribution given by name is resolved to its id (a read).
FIELDS = OCI_FIELDS.extended(
    Field("drg_id", spec=dict(type="str"), immutable=True, required_to_create=True),
    Field("is_ecmp_enabled", spec=dict(type="bool", aliases=["ecmp"])),
    Field(IMPORT_FIELD, spec=dict(type="str")),
    Field("import_drg_route_distribution_name", spec=dict(type="str"), desired=False),
    replacing=[OCI_FIELDS["display_name"].but(required_to_create=True)],
)


class DrgRouteTable(OCIResource):
    kind = "DRG route table"
    ocid_type = "drgroutetable"
    result_key = "drg_route_table"
    fields = FIELDS
    get_method = "get_drg_route_table"
    create_method = "create_drg_route_table"
    update_method = "update_drg_route_table"
    delete_method = "delete_drg_route_table"
    create_model = "CreateDrgRouteTableDetails"
    update_model = "UpdateDrgRouteTableDetails"
    create_in_compartment = False
    parent_option = "drg_id"

    def name(self):
        if self.params.get("attachment_id") or self.params.get("attachment_name"):
            which = self.params.get("attachment_name") or self.params.get("attachment_id")
            return "table of DRG attachment %s" % which
        if self.params.get("default_for"):
            return "default for %s of %s" % (self.params["default_for"], self.params.get("drg_id"))
        return super(DrgRouteTable, self).name()

    def validate(self):
        problems = []
        default_for = self.params.get("default_for")
        if self.params.get("attachment_id") or self.params.get("attachment_name"):
            if self.params.get("attachment_name") and not self.params.get("drg_id"):
                problems.append("attachment_name needs drg_id")
            if self.params.get("state") == "absent":
                problems.append("state=absent needs a named table, not the table of an attachment")
        elif default_for:
            if not self.params.get("drg_id"):
                problems.append("default_for needs drg_id")
            if self.params.get("state") == "absent":
                problems.append("a DRG's default route table cannot be deleted (it goes with its "
                                "DRG); state=absent needs a named table")
        elif not self.params.get("id") and not (self.params.get("drg_id")
                                                and self.params.get("display_name")):
            problems.append("give drg_id and display_name, drg_id and default_for, or id")
        return problems + self.fields.problems(self.params)

    def needs_compartment(self):
        return False

    def attachment_table_id(self):
        """The OCID of the table the attachment uses; for an attachment without one, the DRG's
        default table for its type (OCI assigns that one when none is given)."""
        if self.params.get("attachment_id"):
            attachment = self.api.call("get_drg_attachment", self.params["attachment_id"])
        else:
            drg = self.api.call("get_drg", self.params["drg_id"])
            found = [a for a in self.api.list_all("list_drg_attachments", drg.compartment_id,
                                                  drg_id=drg.id, display_name=self.params["attachment_name"])
                     if not is_gone(a) and a.display_name == self.params["attachment_name"]]
            if len(found) != 1:
                raise CloudError("%d attachments of DRG %s are named %r" % (
                    len(found), self.params["drg_id"], self.params["attachment_name"]), cloud=CLOUD,
                    hint="give attachment_id instead")
            attachment = found[0]
        if attachment.drg_route_table_id:
            return attachment.drg_route_table_id
        drg = self.api.call("get_drg", attachment.drg_id)
        kind = (getattr(attachment.network_details, "type", None) or "VCN").lower()
        table_id = (oci.util.to_dict(drg.default_drg_route_tables) or {}).get(kind)
        if not table_id:
            raise CloudError("DRG attachment %s has no route table and DRG %s no default table for %s"
                             % (attachment.id, drg.id, kind), cloud=CLOUD)
        return table_id

    def find(self):
        if is_unknown(self.params.get("drg_id")) and (
                self.params.get("default_for") or self.params.get("attachment_name")):
            # a dry run that creates the DRG: its default table (OCI makes one per attachment
            # type with the DRG, ECMP off) as it will be
            self.exists = True
            return {"id": KNOWN_AFTER_CREATE, "drg_id": KNOWN_AFTER_CREATE, "is_ecmp_enabled": False,
                    "display_name": self.name(), "lifecycle_state": "AVAILABLE"}
        return super(DrgRouteTable, self).find()

    def find_model(self):
        default_for = self.params.get("default_for")
        if self.params.get("attachment_id") or self.params.get("attachment_name"):
            return self.api.call(self.get_method, self.attachment_table_id())
        if default_for and not self.params.get("id"):
            drg = self.api.call("get_drg", self.params["drg_id"])
            tables = oci.util.to_dict(drg.default_drg_route_tables) or {}
            table_id = tables.get(default_for)
            if not table_id:
                raise CloudError("DRG %s has no default route table for %s" % (drg.id, default_for),
                                 cloud=CLOUD)
            return self.api.call(self.get_method, table_id)
        return super(DrgRouteTable, self).find_model()

    def list_candidates(self):
        return self.api.list_all("list_drg_route_tables", self.params["drg_id"],
                                 display_name=self.params["display_name"])

    def matches(self, model):
        return (model.drg_id == self.params.get("drg_id")
                and model.display_name == self.params.get("display_name"))

    def import_distribution_id(self):
        if self.params.get(IMPORT_FIELD):
            return self.params[IMPORT_FIELD]
        name = self.params.get("import_drg_route_distribution_name")
        if not name:
            return None
        drg_id = self.params.get("drg_id") or (self.current_drg_id())
        found = [d for d in self.api.list_all("list_drg_route_distributions", drg_id,
                                              display_name=name) if not is_gone(d)]
        if len(found) != 1:
            raise CloudError("%d route distributions of DRG %s are named %r" % (len(found), drg_id, name),
                             cloud=CLOUD, hint="give import_drg_route_distribution_id instead")
        return found[0].id

    def current_drg_id(self):
        return self.api.call(self.get_method, self.params["id"]).drg_id

    def desired(self):
        desired = super(DrgRouteTable, self).desired()
        distribution = self.import_distribution_id()
        if distribution:
            desired[IMPORT_FIELD] = distribution
        return desired

    def compare(self, desired, current):
        changed = super(DrgRouteTable, self).compare(desired, current)
        if self.params.get("remove_import_drg_route_distribution") and current.get(IMPORT_FIELD):
            changed.append(IMPORT_FIELD)
        return changed

    def predict(self, current, desired):
        after = super(DrgRouteTable, self).predict(current, desired)
        if self.params.get("remove_import_drg_route_distribution"):
            after[IMPORT_FIELD] = None
        return after

    def create(self, desired):
        table = super(DrgRouteTable, self).create(desired)
        if self.params.get("remove_import_drg_route_distribution") and table.get(IMPORT_FIELD):
            table = self.update(table, desired, [IMPORT_FIELD])
        return table

    def update(self, current, desired, changed_paths):
        if self.params.get("remove_import_drg_route_distribution") and current.get(IMPORT_FIELD):
            self.api.call("remove_import_drg_route_distribution", current["id"])
            changed_paths = [p for p in changed_paths if p != IMPORT_FIELD]
        if not changed_paths:
            return self.after_write(current["id"])
        return super(DrgRouteTable, self).update(current, desired, changed_paths)


def main():
    module = OCIModule(
        argument_spec=resource_argument_spec(
            FIELDS,
            default_for=dict(type="str", choices=["ipsec_tunnel", "vcn", "virtual_circuit",
                                                  "remote_peering_connection"]),
            attachment_id=dict(type="str"),
            attachment_name=dict(type="str"),
            remove_import_drg_route_distribution=dict(type="bool", default=False),
        ),
        required_one_of=[["id", "drg_id", "attachment_id"]],
        mutually_exclusive=[
            ["id", "default_for", "attachment_id", "attachment_name"],
            ["import_drg_route_distribution_id", "import_drg_route_distribution_name",
             "remove_import_drg_route_distribution"],
        ],
    )
    run_ensure(DrgRouteTable(module, module.api), module.params["state"])


if __name__ == "__main__":
    main()
