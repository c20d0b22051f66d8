#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_drg
short_description: Create, update or delete an OCI dynamic routing gateway (DRG)
version_added: 0.1.0
description:
  - Manages a DRG, the OCI router that IPSec connections, FastConnect virtual circuits and VCN
    attachments meet at.
  - The DRG is found by O(id), or by O(compartment_id) and O(display_name).
  - The DRG's default route tables (one per attachment type) are returned, so that
    M(interconnect.oci_azure.oci_drg_route_table) can enable ECMP on them.
options:
  state:
    description: Whether the DRG should exist. Deleting fails while attachments remain.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: OCID of the DRG. When set, O(display_name) renames it.
    type: str
  display_name:
    description: Name of the DRG, unique in the compartment (how the module finds it).
    type: str
    aliases: [name]
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
- name: The DRG that the VPN and FastConnect attach to
  interconnect.oci_azure.oci_drg:
    compartment_id: "{{ oci_compartment_id }}"
    display_name: interconnect-drg
    freeform_tags:
      project: interconnect
  register: drg

- name: Show its default route table for IPSec tunnels
  ansible.builtin.debug:
    msg: "{{ drg.drg.default_drg_route_tables.ipsec_tunnel }}"
"""

RETURN = r"""
drg:
  description:
    - The DRG as the API reads it (oci SDK model as a dict, snake_case keys); empty after a
      delete. In check mode, the predicted DRG.
  returned: always
  type: dict
  sample:
    id: ocid1.drg.oc1.iad.aaaaaaaaexample
    compartment_id: ocid1.compartment.oc1..aaaaaaaaexample
    display_name: interconnect-drg
    lifecycle_state: AVAILABLE
    default_drg_route_tables:
      vcn: ocid1.drgroutetable.oc1.iad.aaaaaaaavcn
      ipsec_tunnel: ocid1.drgroutetable.oc1.iad.aaaaaaaaipsec
      virtual_circuit: ocid1.drgroutetable.oc1.iad.aaaaaaaavc
      remote_peering_connection: ocid1.drgroutetable.oc1.iad.aaaaaaaarpc
    freeform_tags:
      project: interconnect
changed_fields:
  description: Dotted paths of the fields that differed from the request.
  returned: when an existing DRG changed
  type: list
  elements: str
"""

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import run_ensure
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_api import OCIModule
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_resource import (
    OCI_FIELDS,
    OCIResource,
    resource_argument_spec,
)

#: CreateDrgDetails / UpdateDrgDetails: a DRG has only the common fields
FIELDS = OCI_FIELDS


class Drg(OCIResource):
    kind = "DRG"
    ocid_type = "drg"
    result_key = "drg"
    fields = FIELDS
    get_method = "get_drg"
    create_method = "create_drg"
    update_method = "update_drg"
    delete_method = "delete_drg"
    create_model = "CreateDrgDetails"
    update_model = "UpdateDrgDetails"

    def list_candidates(self):
        return self.api.list_all("list_drgs", self.compartment_id())


def main():
    module = OCIModule(
        argument_spec=resource_argument_spec(FIELDS),
        required_one_of=[["id", "display_name"]],
    )
    run_ensure(Drg(module, module.api), module.params["state"])


if __name__ == "__main__":
    main()
