#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: azure_virtual_network_gateway_info
short_description: Read a virtual network gateway with its connections, tunnels, BGP peers and routes
version_added: 0.1.0
description:
  - Returns a gateway, each of its connections with the per-instance tunnel status, the BGP peer
    status, the routes the gateway learned, and the routes it advertises to each BGP peer - what
    is needed to verify an OCI <-> Azure VPN from the Azure side.
  - BGP peer status and routes are Azure long-running actions (C(getBgpPeerStatus),
    C(getLearnedRoutes), C(getAdvertisedRoutes)); they are awaited with the SDK's pollers.
extends_documentation_fragment:
  - interconnect.oci_azure.azure_auth
  - interconnect.oci_azure.attributes.AZURE_INFO
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
options:
  name:
    description: Name of the gateway.
    type: str
    required: true
  resource_group:
    description: Resource group of the gateway.
    type: str
    required: true
  include:
    description:
      - What to read besides the gateway. BGP data is read only from gateways that run BGP
        (VPN gateways with BGP on, and ExpressRoute gateways).
      - V(local_network_gateways) lists the local network gateways of the gateway's resource
        group (the other ends of its connections), in one call.
    type: list
    elements: str
    default: [connections, bgp_peers, learned_routes, advertised_routes]
    choices: [connections, bgp_peers, learned_routes, advertised_routes, local_network_gateways]
  wait_timeout:
    description:
      - Seconds to wait for the BGP actions before giving up. They run together - the peer
        status with the learned routes, then the routes advertised to every peer - and each
        group has this long.
    type: int
    default: 600
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: Read the gateway and its BGP state
  interconnect.oci_azure.azure_virtual_network_gateway_info:
    name: vng-oci
    resource_group: rg-interconnect
  register: vng_info

- name: Every BGP session is up
  ansible.builtin.assert:
    that: vng_info.bgp_peers | rejectattr('state', 'equalto', 'Connected') | list | length == 0
"""

RETURN = r"""
exists:
  description: Whether the gateway exists.
  returned: always
  type: bool
virtual_network_gateway:
  description: The gateway (empty when it does not exist), snake_case with C(properties) flattened.
  returned: always
  type: dict
connections:
  description:
    - The gateway's connections, each with C(connection_status) and C(tunnel_connection_status)
      (one entry per gateway instance - C(tunnel), C(connection_status),
      C(ingress_bytes_transferred), C(egress_bytes_transferred),
      C(last_connection_established_utc_time)). Shared keys are masked.
  returned: when included and the gateway exists
  type: list
  elements: dict
local_network_gateways:
  description:
    - The local network gateways of the resource group, snake_case with C(properties) flattened
      (C(gateway_ip_address), C(local_network_address_space), C(bgp_settings)).
  returned: when included
  type: list
  elements: dict
bgp_peers:
  description:
    - BGP peer status - C(local_address), C(neighbor), C(asn), C(state), C(connected_duration),
      C(routes_received), C(messages_sent), C(messages_received).
  returned: when included and the gateway runs BGP
  type: list
  elements: dict
  sample:
    - {local_address: 169.254.21.2, neighbor: 169.254.21.1, asn: 31898, state: Connected, routes_received: 1}
learned_routes:
  description:
    - Routes the gateway knows - C(local_address), C(network), C(next_hop), C(source_peer),
      C(origin), C(as_path), C(weight).
  returned: when included and the gateway runs BGP
  type: list
  elements: dict
advertised_routes:
  description: Per BGP peer, the routes the gateway advertises to it.
  returned: when included and the gateway runs BGP
  type: list
  elements: dict
  sample:
    - peer: 169.254.21.1
      routes: [{network: 10.20.0.0/16, next_hop: 169.254.21.2, origin: Igp, as_path: "65010"}]
"""

from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_ids import parse_id
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_resource import (
    azure_module,
    run_info,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_shapes import (
    snake_view,
    to_rest,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import mask_secrets

CONNECTION_SECRETS = ("properties.sharedKey", "properties.authorizationKey")


def runs_bgp(gateway):
    properties = gateway.get("properties") or {}
    return properties.get("gatewayType") == "ExpressRoute" or bool(properties.get("enableBgp"))


def values(result):
    return snake_view((result or {}).get("value") or [])


def read_gateway(azure, params):
    group, name = params["resource_group"], params["name"]
    gateways = azure.operations("virtual_network_gateways")
    include = params["include"]
    result = dict(exists=False, virtual_network_gateway={})
    if "local_network_gateways" in include:
        # listed whether or not the gateway exists: they are built before it is
        lngs = azure.operations("local_network_gateways")
        listed = azure.call(lambda: [to_rest(lng) for lng in lngs.list(group)])
        result["local_network_gateways"] = sorted((snake_view(lng) for lng in listed),
                                                  key=lambda lng: lng.get("name") or "")
    gateway = azure.get(gateways.get, group, name)
    if gateway is None:
        return result
    result.update(exists=True, virtual_network_gateway=snake_view(gateway))
    timeout = params["wait_timeout"]

    if "connections" in include:
        connections = azure.operations("virtual_network_gateway_connections")
        entities = azure.call(lambda: [to_rest(e) for e in gateways.list_connections(group, name)])
        found = []
        for entity in entities:
            where = parse_id(entity.get("id") or "")
            full = azure.get(connections.get, where.get("resource_group") or group,
                             entity.get("name") or where.get("name")) or entity
            found.append(snake_view(mask_secrets(full, CONNECTION_SECRETS)))
        result["connections"] = sorted(found, key=lambda c: c.get("name") or "")

    wants_bgp = [part for part in ("bgp_peers", "learned_routes", "advertised_routes") if part in include]
    if wants_bgp and runs_bgp(gateway):
        # Each read is a long-running action on the gateway: start them together, wait once.
        reads = []
        if "bgp_peers" in include or "advertised_routes" in include:
            reads.append(("bgp_peers", gateways.begin_get_bgp_peer_status, {},
                          "the BGP peer status of gateway %s" % name))
        if "learned_routes" in include:
            reads.append(("learned_routes", gateways.begin_get_learned_routes, {},
                          "the learned routes of gateway %s" % name))
        answers = azure.lros([(begin, (group, name), kwargs, what) for key, begin, kwargs, what in reads],
                             timeout=timeout)
        read = dict((key, values(answer)) for (key, begin, kwargs, what), answer in zip(reads, answers))
        for key in ("bgp_peers", "learned_routes"):
            if key in include:
                result[key] = read[key]
        if "advertised_routes" in include:
            neighbors = sorted(set(p.get("neighbor") for p in read["bgp_peers"] if p.get("neighbor")))
            answers = azure.lros([
                (gateways.begin_get_advertised_routes, (group, name), {"peer": neighbor},
                 "the routes gateway %s advertises to %s" % (name, neighbor)) for neighbor in neighbors],
                timeout=timeout)
            result["advertised_routes"] = [{"peer": neighbor, "routes": values(answer)}
                                           for neighbor, answer in zip(neighbors, answers)]
    return result


ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    resource_group=dict(type="str", required=True),
    include=dict(type="list", elements="str",
                 default=["connections", "bgp_peers", "learned_routes", "advertised_routes"],
                 choices=["connections", "bgp_peers", "learned_routes", "advertised_routes",
                          "local_network_gateways"]),
    wait_timeout=dict(type="int", default=600),
)


def main():
    module = azure_module(argument_spec=ARGUMENT_SPEC)
    run_info(module, read_gateway, "virtual network gateway %r" % module.params["name"])


if __name__ == "__main__":
    main()
