#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_drg_attachment
short_description: Attach a VCN to an OCI DRG, or detach it
version_added: 0.1.0
description:
  - Manages the attachment of a VCN to a DRG and the DRG route table the attachment uses.
  - The attachment is found by O(id), or by O(drg_id) and O(vcn_id) (a VCN attaches to at most
    one DRG).
  - IPSec tunnel and virtual circuit attachments are made by OCI itself when the IPSec connection
    or virtual circuit is created; this module manages VCN attachments only.
options:
  state:
    description: Whether the VCN should be attached.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: OCID of the attachment.
    type: str
  compartment_id:
    description:
      - OCID of the compartment to look for the attachment in (E(OCI_COMPARTMENT_ID)); the DRG's
        compartment when not set.
    type: str
  drg_id:
    description: OCID of the DRG. Required unless O(id) is given.
    type: str
  vcn_id:
    description: OCID of the VCN to attach. Required unless O(id) is given.
    type: str
  display_name:
    description: Name of the attachment.
    type: str
    aliases: [name]
  drg_route_table_id:
    description:
      - OCID of the DRG route table that routes traffic arriving from the VCN. OCI uses the DRG's
        default VCN table when not set.
    type: str
  replace:
    description:
      - Delete and re-create the attachment when O(id) names an attachment of another DRG or VCN
        than O(drg_id) and O(vcn_id).
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
- name: Attach the hub VCN to the DRG
  interconnect.oci_azure.oci_drg_attachment:
    drg_id: "{{ drg.drg.id }}"
    vcn_id: "{{ vcn.vcn.id }}"
    display_name: hub-vcn-attachment
  register: attachment

# Packets from the VCN are routed by the attachment's table: ECMP across the tunnels goes there.
- name: ECMP on the table the VCN attachment uses
  interconnect.oci_azure.oci_drg_route_table:
    id: "{{ attachment.drg_route_table_id }}"
    is_ecmp_enabled: true

- name: Detach it
  interconnect.oci_azure.oci_drg_attachment:
    drg_id: "{{ drg.drg.id }}"
    vcn_id: "{{ vcn.vcn.id }}"
    state: absent
"""

RETURN = r"""
drg_attachment:
  description:
    - The attachment as the API reads it (oci SDK model as a dict, snake_case keys); empty after a
      delete. In check mode, the predicted attachment.
  returned: always
  type: dict
  sample:
    id: ocid1.drgattachment.oc1.iad.aaaaaaaaexample
    drg_id: ocid1.drg.oc1.iad.aaaaaaaaexample
    display_name: hub-vcn-attachment
    drg_route_table_id: ocid1.drgroutetable.oc1.iad.aaaaaaaaexample
    network_details:
      type: VCN
      id: ocid1.vcn.oc1.iad.aaaaaaaaexample
    lifecycle_state: ATTACHED
drg_route_table_id:
  description:
    - OCID of the DRG route table the attachment uses, which routes the packets entering the DRG
      from the VCN (for VCN -> Azure traffic, the table where ECMP across the tunnels or virtual
      circuits must be enabled). OCI gives a new attachment the DRG's default VCN table. Empty
      after a delete, and in check mode before the attachment exists.
  returned: always
  type: str
  sample: ocid1.drgroutetable.oc1.iad.aaaaaaaaexample
changed_fields:
  description: Dotted paths of the fields that differed from the request.
  returned: when an existing attachment changed
  type: list
  elements: str
"""

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import run_ensure, set_path
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_api import OCIModule
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_resource import (
    OCI_FIELDS,
    OCIResource,
    resource_argument_spec,
)

#: CreateDrgAttachmentDetails / UpdateDrgAttachmentDetails; the VCN is read and written as
#: network_details (a VcnDrgAttachmentNetworkCreateDetails)
FIELDS = OCI_FIELDS.extended(
    Field("drg_id", spec=dict(type="str"), immutable=True),
    Field("vcn_id", read="network_details.id", spec=dict(type="str"), immutable=True),
    Field("drg_route_table_id", spec=dict(type="str")),
)


class DrgAttachment(OCIResource):
    kind = "DRG attachment"
    ocid_type = "drgattachment"
    result_key = "drg_attachment"
    fields = FIELDS
    get_method = "get_drg_attachment"
    create_method = "create_drg_attachment"
    update_method = "update_drg_attachment"
    delete_method = "delete_drg_attachment"
    create_model = "CreateDrgAttachmentDetails"
    update_model = "UpdateDrgAttachmentDetails"
    create_in_compartment = False
    ready_states = ("ATTACHED",)
    parent_option = "drg_id"

    def name(self):
        return self.params.get("display_name") or self.params.get("id") or "%s to %s" % (
            self.params.get("vcn_id"), self.params.get("drg_id"))

    def validate(self):
        problems = []
        if not self.params.get("id") and not (self.params.get("drg_id") and self.params.get("vcn_id")):
            problems.append("give drg_id and vcn_id (or id) to identify the DRG attachment")
        return problems + self.fields.problems(self.params)

    def compartment_id(self):
        if self.params.get("compartment_id"):
            return self.params["compartment_id"]
        if not getattr(self, "_drg_compartment", None):
            self._drg_compartment = self.api.call("get_drg", self.params["drg_id"]).compartment_id
        return self._drg_compartment

    def list_candidates(self):
        return self.api.list_all("list_drg_attachments", self.compartment_id(),
                                 drg_id=self.params["drg_id"], network_id=self.params["vcn_id"],
                                 attachment_type="VCN")

    def matches(self, model):
        network = getattr(model, "network_details", None)
        network_id = getattr(network, "id", None) or getattr(model, "vcn_id", None)
        return model.drg_id == self.params.get("drg_id") and network_id == self.params.get("vcn_id")

    def token_identity(self):
        return (self.kind, self.compartment_id(), self.params["drg_id"], self.params["vcn_id"])

    def desired(self):
        desired = super(DrgAttachment, self).desired()
        if "network_details" in desired:
            desired["network_details"]["type"] = "VCN"   # this module attaches VCNs only
        return desired

    def create_body(self, desired):
        body = super(DrgAttachment, self).create_body(desired)
        # the discriminator of DrgAttachmentNetworkCreateDetails: a VCN attachment
        set_path(body, "network_details.type", "VCN")
        return body

    def extra_results(self, result):
        # The table that routes packets entering the DRG from the VCN (OCI docs, Managing DRGs):
        # where ECMP across tunnels or virtual circuits must be enabled.
        return {"drg_route_table_id": (result.get(self.result_key) or {}).get("drg_route_table_id")}


def main():
    module = OCIModule(
        argument_spec=resource_argument_spec(FIELDS, replace=dict(type="bool", default=False)),
        required_one_of=[["id", "drg_id"]],
        required_together=[["drg_id", "vcn_id"]],
    )
    run_ensure(DrgAttachment(module, module.api), module.params["state"])


if __name__ == "__main__":
    main()
