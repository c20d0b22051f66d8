# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: scenarios
short_description: The interconnect scenarios the planner knows
description:
  - Returns the names of the planner's designs (the rows of its design table), in table order.
  - Playbooks check an inventory host's C(interconnect_scenario) against it, so the list of
    scenarios is kept in one place.
version_added: 0.1.0
author:
  - interconnect.oci_azure maintainers (@interconnect)
options:
  _terms:
    description:
      - Optional routing kinds to keep (C(bgp), C(static), C(fastconnect)); none returns every scenario.
    type: list
    elements: str
    required: false
"""

EXAMPLES = r"""
- name: Fail early on a host that names no known scenario
  ansible.builtin.assert:
    that: interconnect_scenario in lookup('interconnect.oci_azure.scenarios', wantlist=True)

- name: The BGP VPN scenarios
  ansible.builtin.debug:
    msg: "{{ lookup('interconnect.oci_azure.scenarios', 'bgp', wantlist=True) }}"
"""

RETURN = r"""
_raw:
  description: Scenario names.
  type: list
  elements: str
"""

from ansible.errors import AnsibleError
from ansible.plugins.lookup import LookupBase

from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import designs as D


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        routings = sorted({design["routing"] for design in D.DESIGNS.values()})
        unknown = [term for term in terms if term not in routings]
        if unknown:
            raise AnsibleError("interconnect.oci_azure.scenarios: unknown routing %s; choose from %s"
                               % (", ".join(unknown), ", ".join(routings)))
        if not terms:
            return list(D.scenarios())
        return [name for name in D.scenarios() if D.DESIGNS[name]["routing"] in terms]
