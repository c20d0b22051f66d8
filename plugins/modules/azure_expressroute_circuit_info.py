#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: azure_expressroute_circuit_info
short_description: Read an ExpressRoute circuit with its peerings, ARP tables and route tables
version_added: 0.1.0
description:
  - Returns a circuit (service key, provider provisioning state), its peerings, and for each
    peering the ARP table and the route table of the primary and the secondary link - how a
    FastConnect <-> ExpressRoute interconnect is verified from the Azure side.
  - With Oracle Cloud FastConnect as provider this is how the private peering is adopted - read
    only. Oracle configures it from the FastConnect virtual circuit (the VLAN it assigns, the /30s,
    peer ASN 31898; Microsoft Learn, configure-azure-oci-networking); compare it with the plan and
    with the virtual circuit's cross-connect mappings rather than writing it. With O(include=[])
    it reads only the circuit, for example to wait for C(service_provider_provisioning_state)
    NotProvisioned before deleting it (Azure refuses to delete a circuit that is Provisioning or
    Provisioned; Microsoft Learn, expressroute-workflows).
  - ARP and route tables are Azure long-running actions, awaited with the SDK's pollers. A table
    Azure cannot produce (for example while the peering is not provisioned) is reported in
    RV(table_errors) instead of failing the task.
extends_documentation_fragment:
  - interconnect.oci_azure.azure_auth
  - interconnect.oci_azure.attributes.AZURE_INFO
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
options:
  name:
    description: Name of the circuit.
    type: str
    required: true
  resource_group:
    description: Resource group of the circuit.
    type: str
    required: true
  include:
    description: What to read besides the circuit.
    type: list
    elements: str
    default: [peerings, arp_tables, route_tables]
    choices: [peerings, arp_tables, route_tables]
  device_paths:
    description: Which links' tables to read.
    type: list
    elements: str
    default: [primary, secondary]
    choices: [primary, secondary]
  wait_timeout:
    description: Seconds to wait for the tables before giving up (they are all requested together).
    type: int
    default: 600
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: Read the circuit, its private peering and both links' tables
  interconnect.oci_azure.azure_expressroute_circuit_info:
    name: er-oci
    resource_group: rg-interconnect
  register: er_info

- name: Oracle's side answers ARP on the primary link
  ansible.builtin.assert:
    that: er_info.peerings[0].arp_tables.primary | length > 0
"""

RETURN = r"""
exists:
  description: Whether the circuit exists.
  returned: always
  type: bool
expressroute_circuit:
  description: The circuit (empty when it does not exist), snake_case with C(properties) flattened.
  returned: always
  type: dict
service_key:
  description: The circuit's service key.
  returned: when the circuit exists
  type: str
service_provider_provisioning_state:
  description: The provider's provisioning state.
  returned: when the circuit exists
  type: str
peerings:
  description:
    - The circuit's peerings, each with C(arp_tables) and C(route_tables) keyed C(primary) and
      C(secondary) when included. ARP entries - C(age), C(interface), C(ip_address),
      C(mac_address). Route entries - C(network), C(next_hop), C(loc_prf), C(weight), C(path).
  returned: when included and the circuit exists
  type: list
  elements: dict
  sample:
    - name: AzurePrivatePeering
      peer_asn: 31898
      vlan_id: 100
      state: Enabled
      arp_tables:
        primary: [{age: 0, interface: On-Prem, ip_address: 192.168.100.1, mac_address: 00:00:5e:00:53:01}]
        secondary: []
      route_tables:
        primary: [{network: 10.0.0.0/16, next_hop: 192.168.100.1, path: "31898"}]
        secondary: []
table_errors:
  description: Tables Azure could not produce - C(peering), C(table), C(device_path), C(code), C(message).
  returned: when included and the circuit exists
  type: list
  elements: dict
"""

from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_resource import (
    azure_module,
    run_info,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_shapes import (
    snake_view,
    to_rest,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError

TABLES = (("arp_tables", "begin_list_arp_table"), ("route_tables", "begin_list_routes_table"))


def read_circuit(azure, params):
    group, name = params["resource_group"], params["name"]
    circuits = azure.operations("express_route_circuits")
    circuit = azure.get(circuits.get, group, name)
    if circuit is None:
        return dict(exists=False, expressroute_circuit={})
    view = snake_view(circuit)
    result = dict(exists=True, expressroute_circuit=view, service_key=view.get("service_key"),
                  service_provider_provisioning_state=view.get("service_provider_provisioning_state"))
    include = params["include"]
    if not set(include) & set(("peerings", "arp_tables", "route_tables")):
        return result
    peerings_ops = azure.operations("express_route_circuit_peerings")
    peerings = azure.call(lambda: [to_rest(p) for p in peerings_ops.list(group, name)])
    listed = [snake_view(peering) for peering in sorted(peerings, key=lambda p: p.get("name") or "")]
    for entry in listed:
        entry.update((key, {}) for key, method in TABLES if key in include)
    errors = []
    # Every table is a long-running action on the circuit: start them all, then wait once.
    wanted = [(entry, key, method, path) for entry in listed
              for key, method in TABLES if key in include for path in params["device_paths"]]
    answers = azure.lros([(getattr(circuits, method), (group, name, entry.get("name"), path), {},
                           "the %s %s table of %s" % (path, key[:-7], entry.get("name")))
                          for entry, key, method, path in wanted],
                         timeout=params["wait_timeout"], return_errors=True)
    for (entry, key, method, path), answer in zip(wanted, answers):
        tables = entry[key]
        if isinstance(answer, CloudError):
            tables[path] = []
            errors.append(dict(peering=entry.get("name"), table=key, device_path=path,
                               code=answer.code, message=answer.message))
        else:
            tables[path] = snake_view((answer or {}).get("value") or [])
    result["peerings"] = listed
    result["table_errors"] = errors
    return result


ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    include=dict(type="list", elements="str", default=["peerings", "arp_tables", "route_tables"],
                 choices=["peerings", "arp_tables", "route_tables"]),
    device_paths=dict(type="list", elements="str", default=["primary", "secondary"],
                      choices=["primary", "secondary"]),
    wait_timeout=dict(type="int", default=600),
)


def main():
    module = azure_module(argument_spec=ARGUMENT_SPEC)
    run_info(module, read_circuit, "ExpressRoute circuit %r" % module.params["name"])


if __name__ == "__main__":
    main()
