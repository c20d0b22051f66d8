#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_drg_attachment_info
short_description: List OCI DRG attachments, for example the DRG a VCN is attached to
version_added: 0.1.0
description:
  - Lists the attachments of O(compartment_id) (OCI C(ListDrgAttachments)), optionally only those
    of one DRG (O(drg_id)), of one network (O(network_id), for a VCN its OCID) and of one
    attachment type. Attachments being detached or gone are left out.
  - A VCN attaches to at most one DRG, so listing by O(network_id) tells whether a VCN you bring
    is free, attached to the DRG you name (its attachment is then adopted as it is), or attached
    to another DRG.
  - Attachments live in their DRG's compartment; list in that one.
extends_documentation_fragment:
  - interconnect.oci_azure.oci_auth
  - interconnect.oci_azure.attributes.OCI_INFO
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
options:
  id:
    description: OCID of one attachment to read.
    type: str
  compartment_id:
    description:
      - OCID of the compartment to list attachments in (E(OCI_COMPARTMENT_ID)). Required unless
        O(id) is given.
    type: str
  display_name:
    description: Only the attachment with this name.
    type: str
    aliases: [name]
  drg_id:
    description: Only the attachments of this DRG.
    type: str
  network_id:
    description: Only the attachments of this network (for a VCN attachment, the VCN's OCID).
    type: str
    aliases: [vcn_id]
  attachment_type:
    description: Only attachments of this type; V(ALL) lists every type.
    type: str
    choices: [VCN, IPSEC_TUNNEL, VIRTUAL_CIRCUIT, REMOTE_PEERING_CONNECTION, LOOPBACK, ALL]
    default: VCN
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: Which DRG is the hub VCN attached to?
  interconnect.oci_azure.oci_drg_attachment_info:
    compartment_id: "{{ oci_network_compartment_id }}"
    vcn_id: "{{ hub_vcn_id }}"
  register: hub_attachments

- name: Its DRG, if any
  ansible.builtin.debug:
    msg: "{{ hub_attachments.drg_attachments | map(attribute='drg_id') | first | default('none') }}"
"""

RETURN = r"""
drg_attachments:
  description:
    - The attachments (oci SDK model as a dict, snake_case keys), each with C(network_details)
      (C(type), C(id)) and C(drg_route_table_id), the table that routes what enters the DRG
      through it.
  returned: always
  type: list
  elements: dict
  sample:
    - id: ocid1.drgattachment.oc1.iad.aaaaaaaaexample
      drg_id: ocid1.drg.oc1.iad.aaaaaaaaexample
      display_name: hub-vcn-attachment
      drg_route_table_id: ocid1.drgroutetable.oc1.iad.aaaaaaaaexample
      network_details: {type: VCN, id: ocid1.vcn.oc1.iad.aaaaaaaaexample}
      lifecycle_state: ATTACHED
"""

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import InputError
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_api import OCIModule
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_auth import selector_options
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_resource import run_info
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_waits import is_gone, to_dict


def list_attachments(module):
    params, api = module.params, module.api
    if params.get("id"):
        model = api.get_or_none("get_drg_attachment", params["id"])
        models = [model] if model is not None else []
    else:
        if not params.get("compartment_id"):
            raise InputError(["compartment_id (or OCI_COMPARTMENT_ID) is required without id"])
        filters = dict((key, params[key]) for key in ("drg_id", "network_id", "display_name")
                       if params.get(key))
        if params["attachment_type"] != "ALL":
            filters["attachment_type"] = params["attachment_type"]
        models = api.list_all("list_drg_attachments", params["compartment_id"], **filters)
    return dict(drg_attachments=[to_dict(model) for model in models if not is_gone(model)])


def main():
    module = OCIModule(
        argument_spec=selector_options(
            drg_id=dict(type="str"),
            network_id=dict(type="str", aliases=["vcn_id"]),
            attachment_type=dict(type="str", default="VCN",
                                 choices=["VCN", "IPSEC_TUNNEL", "VIRTUAL_CIRCUIT",
                                          "REMOTE_PEERING_CONNECTION", "LOOPBACK", "ALL"]),
        ),
        wait=False,
    )
    run_info(module, lambda: list_attachments(module))


if __name__ == "__main__":
    main()
