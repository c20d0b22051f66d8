#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_vcn
short_description: Create, update or delete an OCI virtual cloud network (minimal)
version_added: 0.1.0
description:
  - Manages an OCI VCN with its IPv4 CIDR blocks and DNS label; enough to attach a VCN to a DRG in
    demos and tests of an interconnect. Subnets, gateways and IPv6 are out of scope.
  - The VCN is found by O(id), or by O(compartment_id) and O(display_name).
  - The CIDR blocks and the DNS label cannot be changed in place by this module; a change fails
    and names them, unless O(replace=true) deletes and re-creates the VCN.
options:
  state:
    description: Whether the VCN should exist.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: OCID of the VCN. When set, O(display_name) renames it.
    type: str
  display_name:
    description: Name of the VCN, unique in the compartment (how the module finds it).
    type: str
    aliases: [name]
  cidr_blocks:
    description:
      - IPv4 CIDR blocks of the VCN, each between /16 and /30, not overlapping. Order does not
        matter. Required to create.
    type: list
    elements: str
  dns_label:
    description:
      - DNS label of the VCN (letters and digits, starting with a letter, at most 15 characters).
    type: str
  replace:
    description:
      - Delete and re-create the VCN when O(cidr_blocks), O(dns_label) or O(compartment_id) differ
        from the existing VCN's.
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
- name: A VCN for the OCI side of the interconnect
  interconnect.oci_azure.oci_vcn:
    compartment_id: "{{ oci_compartment_id }}"
    display_name: hub-vcn
    cidr_blocks: [10.10.0.0/16]
    dns_label: hub
  register: vcn

- name: Remove it
  interconnect.oci_azure.oci_vcn:
    compartment_id: "{{ oci_compartment_id }}"
    display_name: hub-vcn
    state: absent
"""

RETURN = r"""
vcn:
  description:
    - The VCN as the API reads it (oci SDK model as a dict, snake_case keys); empty after a
      delete. In check mode, the predicted VCN.
  returned: always
  type: dict
  sample:
    id: ocid1.vcn.oc1.iad.aaaaaaaaexample
    compartment_id: ocid1.compartment.oc1..aaaaaaaaexample
    display_name: hub-vcn
    cidr_blocks: [10.10.0.0/16]
    dns_label: hub
    lifecycle_state: AVAILABLE
changed_fields:
  description: Dotted paths of the fields that differed from the request.
  returned: when an existing VCN changed
  type: list
  elements: str
"""

import re

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import run_ensure
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_api import OCIModule
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_auth import compartment_option
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_checks import cidr_problems, overlap_problems
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_resource import (
    OCI_FIELDS,
    OCIResource,
    resource_argument_spec,
)

DNS_LABEL = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,14}$")


def cidr_blocks_problems(blocks, option):
    """OCI: each VCN block is a /16 to /30, and the blocks must not overlap."""
    problems = []
    for block in blocks:
        problems.extend(cidr_problems(block, option, min_prefix=16, max_prefix=30))
    return problems or overlap_problems(blocks, option)


def dns_label_problems(label, option):
    if not DNS_LABEL.match(label):
        return "%s %r must be letters and digits, start with a letter and have at most 15 " \
               "characters" % (option, label)
    return None


#: CreateVcnDetails / UpdateVcnDetails (the blocks, the DNS label and the compartment are fixed
#: at create here: a compartment move is a separate API call this module does not make)
FIELDS = OCI_FIELDS.extended(
    Field("compartment_id", spec=compartment_option(), immutable=True),
    Field("cidr_blocks", spec=dict(type="list", elements="str"), validate=cidr_blocks_problems,
          immutable=True, unordered=True, required_to_create=True),
    # OCI reads the label back in lower case
    Field("dns_label", spec=dict(type="str"), to_api=lambda label: label.lower(),
          validate=dns_label_problems, immutable=True),
)


class Vcn(OCIResource):
    kind = "VCN"
    ocid_type = "vcn"
    result_key = "vcn"
    fields = FIELDS
    get_method = "get_vcn"
    create_method = "create_vcn"
    update_method = "update_vcn"
    delete_method = "delete_vcn"
    create_model = "CreateVcnDetails"
    update_model = "UpdateVcnDetails"

    def list_candidates(self):
        return self.api.list_all("list_vcns", self.compartment_id(),
                                 display_name=self.params["display_name"])


def main():
    module = OCIModule(
        argument_spec=resource_argument_spec(FIELDS, replace=dict(type="bool", default=False)),
        required_one_of=[["id", "display_name"]],
    )
    run_ensure(Vcn(module, module.api), module.params["state"])


if __name__ == "__main__":
    main()
