"""The interconnect model ("physics"): from both clouds' stored configuration, which tunnels and BGP
sessions would be up, why not, and which routes each side would learn.

``evaluate(store, now, identity)`` is pure: it reads the store, computes, and returns the dict
documented in docs/dev/twin-internals.md; it never writes. The APIs overlay its values on what they
serve (tunnel status, BGP state, routes, connection status, circuit states...). The rules, their
sources and the reason codes are in docs/emulator-model.md; the rule tables live in rules.py.
"""

from emulator.physics.common import Snapshot, created_order
from emulator.physics.fastconnect import evaluate_fastconnect
from emulator.physics.vpn import evaluate_vpn

# DRG route preference for one prefix (field facts section 2): FastConnect over IPSec with BGP over
# IPSec with static routes. ECMP only spreads over paths of the preferred kind, so it never mixes
# IPSec tunnels and virtual circuits (OCI A-Team, "ECMP on OCI DRGv2").
PATH_PREFERENCE = ("VIRTUAL_CIRCUIT", "IPSEC_BGP", "IPSEC_STATIC")
ECMP_MAX_PATHS = 8          # up to 8 IPSec tunnels or 8 virtual circuits (OCI A-Team, ECMP on DRGv2)


def evaluate(store, now, identity):
    """Derived tunnel/BGP/route/circuit state of everything in ``store`` at epoch ``now``.

    ``identity`` is the twin's identity dict; Oracle's BGP ASN is taken from it when it names one,
    else ``rules.ORACLE_BGP_ASN``.
    """
    snap = Snapshot(store, now, identity)
    oci_tunnels, azure_connections, azure_gateways = evaluate_vpn(snap)
    virtual_circuits, er_circuits, er_connections = evaluate_fastconnect(snap)
    azure_connections.update(er_connections)
    oci_drgs = evaluate_drg_paths(snap, oci_tunnels, virtual_circuits)
    return {
        "oci_tunnels": oci_tunnels,
        "azure_connections": azure_connections,
        "azure_gateways": azure_gateways,
        "virtual_circuits": virtual_circuits,
        "er_circuits": er_circuits,
        "oci_drgs": oci_drgs,
    }


def vcn_attachment_tables(snap, drg_id):
    """{route table id: [VCN attachment ids]} for the DRG's ATTACHED VCN attachments.

    A packet entering the DRG is routed by the route table of the attachment it enters on (OCI
    docs, Managing DRGs): VCN -> Azure traffic enters on the VCN attachment, so that attachment's
    ``drgRouteTableId`` (by default the DRG's ``defaultDrgRouteTables.vcn``) decides ECMP.
    """
    drg = snap.oci["drg"].get(drg_id) or {}
    default = (drg.get("defaultDrgRouteTables") or {}).get("vcn")
    tables = {}
    for attachment in sorted(snap.oci["drgAttachment"].values(), key=created_order):
        details = attachment.get("networkDetails") or {}
        if attachment.get("drgId") != drg_id or attachment.get("lifecycleState") != "ATTACHED":
            continue
        if details.get("type", "VCN") != "VCN":
            continue
        table_id = attachment.get("drgRouteTableId") or default
        if table_id:
            tables.setdefault(table_id, []).append(attachment.get("id"))
    return tables


def evaluate_drg_paths(snap, oci_tunnels, virtual_circuits):
    """Paths per prefix in each DRG's VCN-attachment route tables; marks ``ecmp`` on tunnels and circuits.

    A tunnel or circuit is ``ecmp`` only when a table used by a VCN attachment has ``isEcmpEnabled``
    and several UP paths of the preferred kind carry the same prefix (at most 8 share the load).
    """
    paths = {}      # drg id -> prefix -> kind -> [ids]
    for tunnel_id, out in oci_tunnels.items():
        if out["status"] != "UP":
            continue
        tunnel = snap.oci["ipsecTunnel"][tunnel_id]
        ipsec = snap.oci["ipsecConnection"].get(tunnel.get("_ipsecConnectionId")) or {}
        kind = "IPSEC_BGP" if out["bgpState"] == "UP" else "IPSEC_STATIC"
        for prefix in out["routesReceived"]:
            if not isinstance(prefix, str):
                continue
            paths.setdefault(ipsec.get("drgId"), {}).setdefault(prefix, {}).setdefault(kind, []).append(tunnel_id)
    for vc_id, out in virtual_circuits.items():
        if out.get("bgpSessionState") != "UP":
            continue
        drg_id = snap.oci["virtualCircuit"][vc_id].get("gatewayId")
        for prefix in out.get("routesReceived") or []:
            paths.setdefault(drg_id, {}).setdefault(prefix, {}).setdefault("VIRTUAL_CIRCUIT", []).append(vc_id)

    drgs_out = {}
    for drg_id in snap.oci["drg"]:
        tables_out = {}
        for table_id, attachment_ids in vcn_attachment_tables(snap, drg_id).items():
            table = snap.oci["drgRouteTable"].get(table_id) or {}
            enabled = bool(table.get("isEcmpEnabled"))
            prefixes = {}
            for prefix, by_kind in sorted((paths.get(drg_id) or {}).items(), key=lambda kv: str(kv[0])):
                kind = next(k for k in PATH_PREFERENCE if k in by_kind)
                members = by_kind[kind]
                ecmp = enabled and len(members) > 1
                prefixes[prefix] = {"kind": kind, "paths": list(members), "ecmp": ecmp,
                                    "ecmpPaths": list(members[:ECMP_MAX_PATHS]) if ecmp else []}
                for member in prefixes[prefix]["ecmpPaths"]:
                    target = oci_tunnels.get(member) or virtual_circuits.get(member)
                    target["ecmp"] = True
            tables_out[table_id] = {"isEcmpEnabled": enabled, "vcnAttachmentIds": attachment_ids,
                                    "prefixes": prefixes}
        drgs_out[drg_id] = {"vcnAttachmentRouteTables": tables_out}
    return drgs_out
