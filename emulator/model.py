"""The interconnect model ("physics"): from both clouds' stored configuration, which tunnels and BGP
sessions would be up, why not, and which routes each side would learn.

``evaluate(store, now, identity)`` is pure: it reads the store, computes, and returns the dict
documented in docs/dev/twin-internals.md; it never writes. The APIs overlay its values on what they
serve (tunnel status, BGP state, routes, connection status, circuit states...). The rules, their
sources and the reason codes are in docs/emulator-model.md; the rule tables live in rules.py.
"""

from emulator.model_common import Snapshot
from emulator.model_fastconnect import evaluate_fastconnect
from emulator.model_vpn import evaluate_vpn


def evaluate(store, now, identity):
    """Derived tunnel/BGP/route/circuit state of everything in ``store`` at epoch ``now``.

    ``identity`` is the twin's identity dict; Oracle's BGP ASN is taken from it when it names one,
    else ``rules.ORACLE_BGP_ASN``.
    """
    snap = Snapshot(store, now, identity)
    oci_tunnels, azure_connections, azure_gateways = evaluate_vpn(snap)
    virtual_circuits, er_circuits, er_connections = evaluate_fastconnect(snap)
    azure_connections.update(er_connections)
    return {
        "oci_tunnels": oci_tunnels,
        "azure_connections": azure_connections,
        "azure_gateways": azure_gateways,
        "virtual_circuits": virtual_circuits,
        "er_circuits": er_circuits,
    }
