#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation of the interconnect_preflight action plugin (plugins/action/interconnect_preflight.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: interconnect_preflight
short_description: Check both clouds against an interconnect's plan before the first write
version_added: 0.1.0
description:
  - Runs on the controller (action plugin). Reads what the plan builds on and what the inventory
    brings, and fails before anything is written, naming each inventory variable to change.
  - OCI - the VCN the inventory names exists with the CIDR blocks it declares; the DRG it is
    attached to is the one the run uses (a VCN attaches to one DRG), else the message names the
    DRG to give as C(interconnect_drg_id); a DRG the inventory brings exists and is AVAILABLE, and
    the route table of the VCN attachment has ECMP on when the design needs it (or
    O(existing_drg_ecmp) lets the run enable it).
  - Azure - the VNet exists with the prefixes the inventory declares and a GatewaySubnet of a
    usable size; when the run creates its gateway, the VNet holds no other gateway of that type
    (the message names it, to give as C(interconnect_azure_gateway_name)); a gateway the inventory
    brings is in that VNet, of the design's type, Succeeded, RouteBased, active-active as the
    design, with BGP on and the plan's ASN when the design runs BGP, and carries the APIPA
    addresses the tunnels use (or O(gateway_add_apipa) lets the run add them).
  - Every read is an info module or a resource module in check mode, through the play's
    C(module_defaults). Writes C(preflight.json) to O(artifacts_dir).
  - Returns the adoption facts the roles use for what the inventory brings - the DRG, the VCN's
    attachment to it, the gateway's public IPs and IP configuration names - so that they are used
    as they are, never modified (except by the opt-ins) and never deleted.
options:
  plan:
    description: The plan (M(interconnect.oci_azure.interconnect_plan)).
    type: dict
    required: true
  compartment_id:
    description: The OCI compartment the interconnect lives in.
    type: str
  resource_group:
    description: The Azure resource group of the interconnect (its VNet and gateway).
    type: str
    required: true
  virtual_network:
    description: The Azure VNet the gateway is deployed to.
    type: str
    required: true
  create_networks:
    description:
      - Whether the run creates the VCN and the VNet (the demo networks); when false they must
        exist as the inventory declares them.
    type: bool
    default: false
  vcn_id:
    description: OCID of the VCN the inventory brings (with O(create_networks=false)).
    type: str
  gateway_add_apipa:
    description:
      - Let the run add the APIPA BGP addresses the tunnels need to a gateway the inventory brings
        (an update of that gateway); without it, missing ones fail the preflight.
    type: bool
    default: false
  existing_drg_ecmp:
    description:
      - Let the run enable ECMP on the route table of the VCN attachment of a DRG the inventory
        brings, when the design needs it (it changes how that table routes everything); without
        it, ECMP off fails the preflight.
    type: bool
    default: false
  artifacts_dir:
    description: Where to write C(preflight.json) (every finding and the adoption facts).
    type: path
  fail_on_error:
    description: Fail when a check finds a problem (false - report only).
    type: bool
    default: true
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
  - interconnect.oci_azure.attributes.CONTROLLER
attributes:
  check_mode:
    support: full
    details:
      - Only reads, in either mode.
notes:
  - The C(interconnect) role runs it first in C(site.yml) (tags C(build) and C(preflight)), after
    the plan and the credentials check; C(--tags preflight) runs it alone.
seealso:
  - module: interconnect.oci_azure.interconnect_plan
  - module: interconnect.oci_azure.azure_virtual_network_info
  - module: interconnect.oci_azure.oci_drg_attachment_info
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: Look at both clouds before building
  interconnect.oci_azure.interconnect_preflight:
    plan: "{{ interconnect_plan }}"
    compartment_id: "{{ oci_compartment_id }}"
    resource_group: rg-network
    virtual_network: vnet-hub
    vcn_id: "{{ hub_vcn_id }}"
    artifacts_dir: artifacts/hub
  register: preflight

- name: The DRG attachment adopted (an existing DRG)
  ansible.builtin.debug:
    msg: "{{ preflight.adopt.drg_attachment }}"
"""

RETURN = r"""
ok:
  description: Whether no check found a problem.
  returned: always
  type: bool
findings:
  description:
    - Every check's verdict - C(check), C(level) (V(error), V(warning) or V(ok)), C(message) and
      C(variable), the inventory variable to change.
  returned: always
  type: list
  elements: dict
  sample:
    - check: vcn_attachment
      level: error
      variable: interconnect_drg_id
      message: "interconnect_drg_id: the VCN is already attached to DRG ocid1.drg.oc1..hub (a VCN attaches to one DRG ...)"
adopt:
  description:
    - What the inventory brings, as the roles use it - C(drg) (C(id), C(display_name)),
      C(drg_attachment) (C(id), C(display_name), C(drg_route_table_id)) and C(gateway) (C(name),
      C(public_ips) by the plan's public IP names, C(ip_configurations) planned name -> the
      gateway's, C(refs) the plan references they fill, C(apipa_additions) and C(gateway_update), the
      gateway's IP configurations with the APIPA addresses added, when they are missing).
  returned: always
  type: dict
reads:
  description: How many read module runs the checks took.
  returned: always
  type: int
msg:
  description: The problems, each naming its variable, when the preflight failed.
  returned: on failure
  type: str
"""
