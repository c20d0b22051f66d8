"""benchmarks/critical_path.py: the longest chain of provisioning waits, computed from entries in
the shape of the twin's operation log (GET /admin/operations). Pure: no twin is started."""

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                                "benchmarks"))
import critical_path as cp  # noqa: E402


def op(cloud, kind, action, seconds, start=0.0):
    return {"cloud": cloud, "kind": kind, "action": action, "requested_at": start, "done_at": start + seconds}


VPN_LOG = [
    op("azure", "virtualNetwork", "create", 1.0),
    op("azure", "publicIPAddress", "create", 0.5),
    op("azure", "publicIPAddress", "create", 0.7),          # two instances: the slower one counts
    op("azure", "virtualNetworkGateway", "create", 180.0),
    op("oci", "vcn", "create", 1.0),
    op("oci", "drg", "create", 6.0),
    op("oci", "drgAttachment", "create", 3.0),
    op("oci", "ipsecConnection", "create", 18.0),
    op("azure", "localNetworkGateway", "create", 3.0),
    op("azure", "connection", "create", 12.0),
    op("azure", "connection", "delete", 99.0),             # another action: not a step
    op("azure", "action", "getBgpPeerStatus", 1.5),
    op("azure", "action", "getLearnedRoutes", 7.0),        # not the step's action
]


def test_vpn_chain_runs_through_the_gateway():
    seconds, chain, steps = cp.critical_path("vpn_bgp_active_active", VPN_LOG)
    assert chain == ["vnet", "gateway", "connection", "verify"]       # the VNet (1.0) outlasts the IPs
    assert seconds == pytest.approx(1.0 + 180.0 + 12.0 + 1.5)
    assert steps["tunnel_update"] == 0.0 and steps["cpe"] == 0.0    # optional / synchronous


def test_static_vpn_has_no_verification_action_step():
    seconds, chain, dummy = cp.critical_path("vpn_static_active_active", VPN_LOG)
    assert chain[-1] == "connection" and seconds == pytest.approx(1.0 + 180.0 + 12.0)


def test_the_oci_side_wins_when_it_is_longer():
    log = [dict(e) for e in VPN_LOG]
    for entry in log:
        if entry["kind"] == "virtualNetworkGateway":
            entry["done_at"] = 5.0
    seconds, chain, dummy = cp.critical_path("vpn_static_active_passive", log)
    # DRG 6 (longer than public IP 0.7 -> CPE 0) -> IPSec 18 -> local gateway 3 -> connection 12
    assert chain == ["drg", "ipsec", "local_gateway", "connection"]
    assert seconds == pytest.approx(6.0 + 18.0 + 3.0 + 12.0)


def test_fastconnect_chain_and_a_missing_step():
    log = [op("azure", "virtualNetwork", "create", 1.0), op("azure", "publicIPAddress", "create", 0.5),
           op("azure", "virtualNetworkGateway", "create", 180.0), op("oci", "vcn", "create", 1.0),
           op("oci", "drg", "create", 6.0), op("oci", "drgAttachment", "create", 3.0),
           op("azure", "expressRouteCircuit", "create", 9.0), op("oci", "virtualCircuit", "provision", 27.0),
           op("azure", "connection", "create", 12.0), op("azure", "action", "arpTables", 1.5)]
    seconds, chain, steps = cp.critical_path("fastconnect_expressroute", log)
    assert chain == ["vnet", "gateway", "connection", "verify"] and steps["peering"] == 0.0
    assert seconds == pytest.approx(1.0 + 180.0 + 12.0 + 1.5)
    with pytest.raises(cp.MissingOperation, match="virtualCircuit"):
        cp.critical_path("fastconnect_expressroute", [e for e in log if e["kind"] != "virtualCircuit"])


def test_a_cycle_is_reported():
    nodes = [cp.node("a", None, ["b"]), cp.node("b", None, ["a"])]
    with pytest.raises(ValueError, match="cycle"):
        cp.longest_path(nodes, {"a": 1.0, "b": 1.0})


def test_every_scenario_has_a_dag_whose_dependencies_exist():
    assert set(cp.DAGS) == set(cp.D.scenarios())
    for nodes in cp.DAGS.values():
        names = [n.name for n in nodes]
        assert len(names) == len(set(names))
        assert all(dep in names for n in nodes for dep in n.deps)
