#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation of the await_provisioning action plugin (plugins/action/await_provisioning.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: await_provisioning
short_description: Wait for a gateway, connections or a virtual circuit, printing a heartbeat
version_added: 0.1.0
description:
  - Runs on the controller (action plugin). Waits for a resource that an earlier task started
    without waiting - an Azure virtual network gateway (25-45 minutes in Azure), Azure
    connections, an OCI FastConnect virtual circuit - and prints one line per O(interval) while
    it provisions, with the state and the time elapsed, for example
    C([vpn_single] virtual network gateway 'vng-single' Updating, 12m30s elapsed (timeout 1h00m00s)).
  - A module cannot print while it runs, so a module that waits itself leaves the job silent for
    the whole build; these lines appear in C(ansible-playbook) output and, as C(verbose) job
    events, in C(ansible-runner) and AWX job output.
  - Reads with the collection's info modules (M(interconnect.oci_azure.azure_virtual_network_gateway_info),
    M(interconnect.oci_azure.oci_virtual_circuit_info)), so C(module_defaults) for the groups
    C(interconnect.oci_azure.azure) and C(interconnect.oci_azure.oci) apply to the reads. Never
    writes to either cloud.
  - Reads at once, then 1 s later, backing off to O(poll_interval), so that a resource that is
    ready is seen soon; each line goes with a fresh read.
  - Stops when the resource is ready (one last line, C(ready after ...)), fails at once when it is
    in a failed state or missing, and fails naming the last state when O(timeout) runs out.
options:
  kind:
    description:
      - What to wait for.
      - V(azure_virtual_network_gateway) - the gateway O(name) in O(resource_group) until its
        provisioning state is C(Succeeded).
      - V(azure_connections) - the connections O(names) of the gateway O(virtual_network_gateway)
        until each provisioning state is C(Succeeded); one read per poll for all of them.
      - V(oci_virtual_circuit) - the FastConnect virtual circuit O(name) (display name) or O(id)
        until it meets O(wait_for).
    type: str
    required: true
    choices: [azure_virtual_network_gateway, azure_connections, oci_virtual_circuit]
  name:
    description: Name of the gateway, or display name of the virtual circuit.
    type: str
  names:
    description: Names of the connections (O(kind=azure_connections)).
    type: list
    elements: str
  virtual_network_gateway:
    description: Name of the gateway the connections belong to (O(kind=azure_connections)).
    type: str
  resource_group:
    description: Azure resource group of the gateway and its connections.
    type: str
  id:
    description: OCID of the virtual circuit (instead of O(name)).
    type: str
  compartment_id:
    description: OCI compartment of the virtual circuit (default the E(OCI_COMPARTMENT_ID) environment variable).
    type: str
  wait_for:
    description:
      - The virtual circuit's conditions, as the O(interconnect.oci_azure.oci_virtual_circuit#module:wait_for)
        option of the module - V(pending_provider), V(provisioned) (lifecycle state PROVISIONED),
        V(bgp_up).
    type: list
    elements: str
    default: [provisioned]
    choices: [pending_provider, provisioned, bgp_up]
  timeout:
    description: Seconds to wait before failing with the last state seen.
    type: int
    default: 3600
  interval:
    description:
      - Seconds of wall-clock time between two progress lines (the heartbeat); each line is a
        fresh read.
      - Against the cloud twin, whose clock runs faster by its time scale, a realistic minute lasts
        60 x the time scale; the default keeps one line a minute of the controller's clock.
    type: float
    default: 60
  poll_interval:
    description:
      - Longest pause in seconds between two reads (they start 1 s apart and double up to it);
        never longer than O(interval).
      - Defaults to what the cloud's modules use for such waits - the E(AZURE_POLLING_INTERVAL)
        environment variable (else 30) for Azure, E(OCI_WAIT_MAX_INTERVAL) (else 10) for OCI.
    type: float
  label:
    description: What the lines start with (default the inventory host name, the interconnect).
    type: str
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
  - interconnect.oci_azure.attributes.CONTROLLER
attributes:
  check_mode:
    support: full
    details:
      - Reads once and reports - a resource the dry run did not create is not awaited, nor one
        still provisioning.
notes:
  - The roles of this collection use it for the gateway, the VPN connections and the FastConnect
    virtual circuit, with O(interval) from C(interconnect_wait_heartbeat) and O(timeout) from
    C(interconnect_gateway_wait_timeout) (docs/performance.md).
seealso:
  - module: interconnect.oci_azure.azure_virtual_network_gateway
  - module: interconnect.oci_azure.azure_connection
  - module: interconnect.oci_azure.oci_virtual_circuit
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: Start the gateway (returns at once)
  interconnect.oci_azure.azure_virtual_network_gateway:
    name: vng-lab
    resource_group: rg-lab
    location: westeurope
    virtual_network: vnet-lab
    gateway_type: Vpn
    sku: VpnGw2AZ
    active_active: true
    ip_configurations:
      - {name: ipconfig1, public_ip: pip-lab-1}
      - {name: ipconfig2, public_ip: pip-lab-2}
    wait: false

# ... build the other cloud meanwhile ...

- name: Wait for the gateway, one line a minute
  interconnect.oci_azure.await_provisioning:
    kind: azure_virtual_network_gateway
    name: vng-lab
    resource_group: rg-lab
    timeout: 3600
  register: gateway

- name: Wait for two connections
  interconnect.oci_azure.await_provisioning:
    kind: azure_connections
    virtual_network_gateway: vng-lab
    names: [cn-lab-1, cn-lab-2]
    resource_group: rg-lab
    interval: 30
"""

RETURN = r"""
awaited:
  description: Whether the resource was awaited to the end (false in check mode when it was not ready).
  returned: unless the task failed
  type: bool
elapsed:
  description: Seconds the wait took.
  returned: always
  type: float
polls:
  description: Number of reads.
  returned: always
  type: int
heartbeats:
  description: Number of progress lines printed while waiting (the last, C(ready after), not counted).
  returned: always
  type: int
states:
  description: The last state read of each awaited resource, by name.
  returned: always
  type: dict
  sample: {vng-lab: Succeeded}
virtual_network_gateway:
  description: The gateway as M(interconnect.oci_azure.azure_virtual_network_gateway_info) returns it.
  returned: with O(kind=azure_virtual_network_gateway) when it exists
  type: dict
exists:
  description: Whether the gateway exists.
  returned: with O(kind=azure_virtual_network_gateway)
  type: bool
connections:
  description: The awaited connections as M(interconnect.oci_azure.azure_virtual_network_gateway_info) returns them (keys masked).
  returned: with O(kind=azure_connections)
  type: list
  elements: dict
virtual_circuit:
  description: The virtual circuit as M(interconnect.oci_azure.oci_virtual_circuit_info) returns it.
  returned: with O(kind=oci_virtual_circuit) when it exists
  type: dict
msg:
  description: The last line (ready, not awaited, or why the wait failed).
  returned: always
  type: str
"""
