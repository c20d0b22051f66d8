"""The critical path of a scenario: the longest chain of provisioning waits it cannot avoid.

Each scenario's build is a DAG of cloud operations, each of which can start only when the ones it
depends on are done (an Azure gateway needs its VNet and public IP; an Azure connection needs the
gateway and the local network gateway, which needs OCI's tunnel IPs, which exist once the IPSec
connection does...). However well a run overlaps its work, it cannot finish sooner than the
longest path through that DAG. The durations come from the twin's operation log
(``GET /admin/operations``): what each operation of the run actually took on the twin's clock.

Steps with no operation of their own (a CPE, a resource group: synchronous in both APIs) are
nodes of duration 0 that only carry dependencies. See docs/performance.md.
"""

import os
import sys
from collections import namedtuple

try:
    from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import designs as D
except ImportError:  # run as a script: the collection resolves through .collections (make venv)
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".collections"))
    from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import designs as D

# ``selector``: (cloud, kind, action) of the operation log entries the node stands for; None for
# a synchronous step. ``optional``: the run may legitimately not perform it (duration 0 then).
Node = namedtuple("Node", "name selector deps optional note")


def node(name, selector, deps=(), optional=False, note=""):
    return Node(name, selector, tuple(deps), optional, note)


# The Azure side every scenario shares: the gateway needs its VNet (GatewaySubnet) and its
# public IP(s); nothing about the gateway depends on OCI.
AZURE_GATEWAY = [
    node("vnet", ("azure", "virtualNetwork", "create"), note="VNet with its GatewaySubnet"),
    node("public_ip", ("azure", "publicIPAddress", "create"), note="the gateway's public IP(s)"),
    node("gateway", ("azure", "virtualNetworkGateway", "create"), ["vnet", "public_ip"],
         note="the virtual network gateway (25-45 min in Azure)"),
]
OCI_DRG = [
    node("vcn", ("oci", "vcn", "create")),
    node("drg", ("oci", "drg", "create")),
    node("drg_attachment", ("oci", "drgAttachment", "create"), ["vcn", "drg"],
         note="VCN attachment (the IPSec tunnels' and circuit's attachments are made by OCI alongside)"),
]

VPN = AZURE_GATEWAY + OCI_DRG + [
    node("cpe", None, ["public_ip"], note="synchronous; needs the gateway's public IP address"),
    node("ipsec", ("oci", "ipsecConnection", "create"), ["drg", "cpe"],
         note="IPSec connection and both tunnels"),
    node("tunnel_update", ("oci", "ipsecTunnel", "update"), ["ipsec"], optional=True,
         note="only when a tunnel setting is applied after creation"),
    node("local_gateway", ("azure", "localNetworkGateway", "create"), ["ipsec", "tunnel_update"],
         note="needs OCI's tunnel IP (and BGP address); not the Azure gateway"),
    node("connection", ("azure", "connection", "create"), ["gateway", "local_gateway"],
         note="needs the gateway Succeeded"),
]
# Verifying BGP reads the gateway's peer status: an Azure long-running action of its own.
VPN_BGP = VPN + [
    node("verify", ("azure", "action", "getBgpPeerStatus"), ["connection"],
         note="one read of the gateway's BGP peers (a long-running action)"),
]
FASTCONNECT = AZURE_GATEWAY + OCI_DRG + [
    node("er_circuit", ("azure", "expressRouteCircuit", "create"), note="its service key goes to OCI"),
    node("virtual_circuit", ("oci", "virtualCircuit", "provision"), ["er_circuit", "drg"],
         note="provider verify + provision"),
    node("peering", ("azure", "peering", "create"), ["virtual_circuit"], optional=True,
         note="the provider creates it; a PUT only when it must be corrected"),
    node("connection", ("azure", "connection", "create"), ["gateway", "virtual_circuit", "peering"],
         note="needs the circuit provisioned and its private peering"),
    node("verify", ("azure", "action", None), ["connection"],
         note="one read of an ARP or route table (a long-running action)"),
]

# One DAG per routing; every design of the planner's table gets its routing's DAG.
DAGS_BY_ROUTING = {"bgp": VPN_BGP, "static": VPN, "fastconnect": FASTCONNECT}
DAGS = {name: DAGS_BY_ROUTING[design["routing"]] for name, design in D.DESIGNS.items()}


class MissingOperation(Exception):
    pass


def matches(selector, entry):
    cloud, kind, action = selector
    return (entry["cloud"] == cloud and entry["kind"] == kind
            and (action is None or entry["action"] == action))


def durations(nodes, operations):
    """{node name: seconds} from the operation log: the longest matching operation (parallel
    instances of a step - two public IPs, four connections - end with the slowest)."""
    out = {}
    for item in nodes:
        if item.selector is None:
            out[item.name] = 0.0
            continue
        found = [e["done_at"] - e["requested_at"] for e in operations if matches(item.selector, e)]
        if not found and not item.optional:
            raise MissingOperation("no %s %s %s operation in the twin's log (step %r)"
                                   % (item.selector + (item.name,)))
        out[item.name] = max(found) if found else 0.0
    return out


def longest_path(nodes, seconds):
    """(total seconds, [node names along the longest chain]) of the DAG ``nodes``."""
    by_name = dict((item.name, item) for item in nodes)
    finish = {}
    via = {}

    def visit(name, trail=()):
        if name in finish:
            return finish[name]
        if name in trail:
            raise ValueError("dependency cycle through %s" % " -> ".join(trail + (name,)))
        item = by_name[name]
        start, before = 0.0, None
        for dep in item.deps:
            if visit(dep, trail + (name,)) > start:
                start, before = finish[dep], dep
        finish[name] = start + seconds[name]
        via[name] = before
        return finish[name]

    last = max(by_name, key=lambda name: (visit(name), name))
    chain = []
    while last is not None:
        chain.append(last)
        last = via[last]
    return finish[chain[0]], chain[::-1]


def critical_path(scenario, operations):
    """(seconds, chain, {node: seconds}) for ``scenario`` from the twin's operation log."""
    nodes = DAGS[scenario]
    seconds = durations(nodes, operations)
    total, chain = longest_path(nodes, seconds)
    return total, chain, seconds
