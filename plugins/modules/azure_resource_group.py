#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: azure_resource_group
short_description: Create, update or delete an Azure resource group
version_added: 0.1.0
description:
  - Ensures an Azure resource group exists with the given location and tags, or is absent.
  - Talks to Resource Manager through the network client's pipeline (authentication, retries and
    long-running-operation polling included), so azure-mgmt-resource is not needed.
  - Only the tags you list are compared and set; tags set by others are kept.
extends_documentation_fragment:
  - interconnect.oci_azure.azure_auth
  - interconnect.oci_azure.attributes.AZURE
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
options:
  name:
    description: Name of the resource group.
    type: str
    required: true
  location:
    description:
      - Azure region, for example V(eastus). Required to create the group; it cannot change.
    type: str
  tags:
    description: Tags to set on the group (merged with tags already there).
    type: dict
  state:
    description:
      - V(present) creates or updates the group; V(absent) deletes it B(with every resource in it).
    type: str
    default: present
    choices: [present, absent]
  wait:
    description: Wait for a deletion to finish.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait before giving up (the deletion continues in Azure).
    type: int
    default: 1800
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: Resource group for the interconnect
  interconnect.oci_azure.azure_resource_group:
    name: rg-interconnect
    location: eastus
    tags:
      purpose: oci-interconnect

- name: Remove the group and everything in it
  interconnect.oci_azure.azure_resource_group:
    name: rg-interconnect
    state: absent
"""

RETURN = r"""
resource_group:
  description: The resource group (empty after deletion).
  returned: always
  type: dict
  sample:
    id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-interconnect
    name: rg-interconnect
    location: eastus
    tags: {purpose: oci-interconnect}
    provisioning_state: Succeeded
"""

from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_resource import (
    resource_argument_spec,
    TAGS,
    AzureResource,
    azure_module,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_shapes import normalise_location
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import run_ensure
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field, FieldTable

FIELDS = FieldTable(
    # a group's region is fixed at creation, and a group cannot be created without one
    Field("location", spec=dict(type="str"), to_api=normalise_location, immutable=True,
          required_to_create=True),
    TAGS,
)


class ResourceGroup(AzureResource):
    kind = "resource group"
    result_key = "resource_group"
    fields = FIELDS

    def path(self):
        return "/subscriptions/%s/resourcegroups/%s" % (self.subscription_id, self.params["name"])

    def resource_id(self):
        return "/subscriptions/%s/resourceGroups/%s" % (self.subscription_id, self.params["name"])

    def find(self):
        self.current = self.azure.rest("GET", self.path())
        return self.current

    def create(self, desired):
        return self.azure.rest("PUT", self.path(), body=desired)

    def update(self, current, desired, changed_paths):
        body = {"location": current.get("location"),
                "tags": dict(current.get("tags") or {}, **(desired.get("tags") or {}))}
        return self.azure.rest("PUT", self.path(), body=body)

    def delete(self, current):
        self.azure.rest("DELETE", self.path(), wait=self.params["wait"],
                        timeout=self.params["wait_timeout"],
                        what="resource group %r to be deleted" % self.params["name"])


ARGUMENT_SPEC = resource_argument_spec(
    FIELDS, wait_timeout=1800,
    resource_group=None)


def main():
    module = azure_module(
        argument_spec=ARGUMENT_SPEC,
    )
    run_ensure(ResourceGroup(module), module.params["state"])


if __name__ == "__main__":
    main()
