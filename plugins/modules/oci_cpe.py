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
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_api import OCIModule
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_auth import resource_options
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_checks import ipv4_problems
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_errors import oci
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_resource import OCIResource


class Cpe(OCIResource):
    kind = "CPE"
    ocid_type = "cpe"
    result_key = "cpe"
    get_method = "get_cpe"
    create_method = "create_cpe"
    update_method = "update_cpe"
    delete_method = "delete_cpe"
    ready_states = ()
    immutable_paths = ("ip_address",)

    def validate(self):
        problems = super(Cpe, self).validate()
        if self.params.get("ip_address"):
            problems.extend(ipv4_problems(self.params["ip_address"], "ip_address"))
        return problems

    def list_candidates(self):
        return self.api.list_all("list_cpes", self.compartment_id())

    def desired(self):
        self.require_for_create(["ip_address"])
        desired = self.common_desired()
        if self.params.get("ip_address"):
            desired["ip_address"] = self.params["ip_address"]
        if self.params.get("cpe_device_shape_id"):
            desired["cpe_device_shape_id"] = self.params["cpe_device_shape_id"]
        return desired

    def create_details(self, desired):
        return oci.core.models.CreateCpeDetails(
            compartment_id=self.compartment_id(), display_name=desired.get("display_name"),
            ip_address=desired["ip_address"], cpe_device_shape_id=desired.get("cpe_device_shape_id"),
            freeform_tags=desired.get("freeform_tags"))

    def update_details(self, current, desired, changed_paths):
        return oci.core.models.UpdateCpeDetails(
            display_name=desired.get("display_name"),
            cpe_device_shape_id=desired.get("cpe_device_shape_id"),
            freeform_tags=self.merged_tags(current, desired))


def main():
    module = OCIModule(
        argument_spec=resource_options(
            ip_address=dict(type="str"),
            cpe_device_shape_id=dict(type="str"),
            replace=dict(type="bool", default=False),
        ),
        required_one_of=[["id", "display_name"]],
    )
    run_ensure(Cpe(module, module.api), module.params["state"])


if __name__ == "__main__":
    main()
