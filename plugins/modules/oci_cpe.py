#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_cpe
short_description: Create, update or delete an OCI customer-premises equipment (CPE) object
version_added: 0.1.0
description:
  - Manages a CPE, OCI's record of the remote VPN device. For a VPN to Azure the CPE's IP
    address is the public IP of the Azure VPN gateway instance that initiates the tunnels (an
    active-active gateway needs one CPE per instance).
  - The CPE is found by O(id), or by O(compartment_id) and O(display_name).
  - The IP address cannot be changed in place; a change fails and names it, unless
    O(replace=true) deletes and re-creates the CPE (which fails while IPSec connections use it).
options:
  state:
    description: Whether the CPE should exist. Deleting fails while IPSec connections use it.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: OCID of the CPE. When set, O(display_name) renames it.
    type: str
  display_name:
    description: Name of the CPE, unique in the compartment (how the module finds it).
    type: str
    aliases: [name]
  ip_address:
    description: Public IPv4 address of the remote VPN device. Required to create.
    type: str
  cpe_device_shape_id:
    description:
      - OCID of the CPE device shape (vendor and platform), which lets OCI render device
        configuration. Optional.
    type: str
  replace:
    description: Delete and re-create the CPE when O(ip_address) differs from the existing one's.
    type: bool
    default: false
extends_documentation_fragment:
  - interconnect.oci_azure.oci_auth
  - interconnect.oci_azure.oci_wait
  - interconnect.oci_azure.oci_resource
  - interconnect.oci_azure.attributes.OCI
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
notes:
  - A CPE has no lifecycle state in OCI; with O(wait=true) the module waits until a deleted CPE
    can no longer be read.
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: CPE for the Azure VPN gateway's first instance
  interconnect.oci_azure.oci_cpe:
    compartment_id: "{{ oci_compartment_id }}"
    display_name: azure-vng-instance-0
    ip_address: 20.81.10.4
  register: cpe
"""

RETURN = r"""
cpe:
  description:
    - The CPE as the API reads it (oci SDK model as a dict, snake_case keys); empty after a delete.
      In check mode, the predicted CPE.
  returned: always
  type: dict
  sample:
    id: ocid1.cpe.oc1.iad.aaaaaaaaexample
    compartment_id: ocid1.compartment.oc1..aaaaaaaaexample
    display_name: azure-vng-instance-0
    ip_address: 20.81.10.4
    cpe_device_shape_id: null
changed_fields:
  description: Dotted paths of the fields that differed from the request.
  returned: when an existing CPE changed
  type: list
  elements: str
"""

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import run_ensure
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_api import OCIModule
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_checks import ipv4_problems
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_resource import (
    OCI_FIELDS,
    OCIResource,
    resource_argument_spec,
)

#: CreateCpeDetails / UpdateCpeDetails (the IP address is create-only)
FIELDS = OCI_FIELDS.extended(
    Field("ip_address", spec=dict(type="str"), validate=ipv4_problems, immutable=True,
          required_to_create=True),
    Field("cpe_device_shape_id", spec=dict(type="str")),
)


class Cpe(OCIResource):
    kind = "CPE"
    ocid_type = "cpe"
    result_key = "cpe"
    fields = FIELDS
    get_method = "get_cpe"
    create_method = "create_cpe"
    update_method = "update_cpe"
    delete_method = "delete_cpe"
    create_model = "CreateCpeDetails"
    update_model = "UpdateCpeDetails"
    ready_states = ()

    def list_candidates(self):
        return self.api.list_all("list_cpes", self.compartment_id())


def main():
    module = OCIModule(
        argument_spec=resource_argument_spec(FIELDS, replace=dict(type="bool", default=False)),
        required_one_of=[["id", "display_name"]],
    )
    run_ensure(Cpe(module, module.api), module.params["state"])


if __name__ == "__main__":
    main()
