"""IKE/IPsec proposal reduction: both clouds' crypto settings as sets of canonical proposals.

Each side's configuration is reduced to an ordered list of canonical tuples using the mapping
tables in ``emulator/rules.py`` (one vocabulary: lower-case OCI-style tokens):

- phase one (IKE SA): ``(encryption, integrity, dh_group)``
- phase two (child/ESP SA): ``(encryption, integrity, pfs_group)``; GCM ciphers carry their own
  integrity, so a GCM encryption pairs only with the integrity token ``"gcm"`` and a CBC cipher
  only with an HMAC. ``pfs_group`` ``None`` means "no PFS".

A custom policy on a side narrows that side to that single policy; without one a side offers its
default lists (``rules.OCI_DEFAULT_*``; Azure's fixed tuple lists ``rules.AZURE_DEFAULT_MAIN_MODE``
and ``AZURE_DEFAULT_QUICK_MODE_INITIATOR`` / ``_RESPONDER``, one per role). A phase negotiates when
the two sides' sets share a whole tuple; the first common tuple in OCI's order is what OCI reports
as negotiated. SA lifetimes need not match; the shorter phase-two lifetime decides who starts the
first rekey (emulator/physics/vpn.py).
"""

from itertools import product

from emulator import rules

GCM = "gcm"
INITIATOR, RESPONDER = "initiator", "responder"

# Canonical token -> OCI enum, per phase (inverted from the rules tables, OCI's enum order).
_OCI_ENC_FROM_CANON = {canon: name for name, canon in rules.OCI_TO_CANON_ENC.items()}
_OCI_P1_AUTH_FROM_CANON = {rules.OCI_TO_CANON_INTEG[name]: name for name in rules.OCI_PHASE_ONE_AUTH}
_OCI_P2_AUTH_FROM_CANON = {rules.OCI_TO_CANON_INTEG[name]: name for name in rules.OCI_PHASE_TWO_AUTH}
_OCI_DH_FROM_CANON = {canon: name for name, canon in rules.OCI_TO_CANON_DH.items()}


def _is_gcm(encryption):
    return bool(encryption) and encryption.endswith("-gcm")


def _valid_phase_two(encryption, integrity):
    """GCM ciphers authenticate themselves; CBC ciphers need an HMAC."""
    return (integrity == GCM) == _is_gcm(encryption)


def _canon(table, value):
    """Map one vocabulary value; unknown values map to a token no other side offers."""
    if value is None:
        return None
    return table.get(value, "unknown:%s" % value)


# --- OCI ---------------------------------------------------------------------------------------
def oci_phase_one(tunnel):
    details = tunnel.get("phaseOneDetails") or {}
    default = rules.OCI_DEFAULT_PHASE_ONE
    enc, integ, dh = default["encryption"], default["integrity"], default["dh"]
    if details.get("isCustomPhaseOneConfig"):
        # A custom phase one narrows each configured field to that single value.
        if details.get("customEncryptionAlgorithm"):
            enc = [_canon(rules.OCI_TO_CANON_ENC, details["customEncryptionAlgorithm"])]
        if details.get("customAuthenticationAlgorithm"):
            integ = [_canon(rules.OCI_TO_CANON_INTEG, details["customAuthenticationAlgorithm"])]
        if details.get("customDhGroup"):
            dh = [_canon(rules.OCI_TO_CANON_DH, details["customDhGroup"])]
    return list(product(enc, integ, dh))


def oci_pfs_groups(tunnel):
    """OCI's phase-two PFS setting applies with or without a custom phase two."""
    details = tunnel.get("phaseTwoDetails") or {}
    if details.get("isPfsEnabled") is False:
        return [None]
    if details.get("dhGroup"):
        return [_canon(rules.OCI_TO_CANON_DH, details["dhGroup"])]
    return list(rules.OCI_DEFAULT_PHASE_TWO["pfs"])


def oci_phase_two(tunnel):
    details = tunnel.get("phaseTwoDetails") or {}
    default = rules.OCI_DEFAULT_PHASE_TWO
    enc, integ = default["encryption"], default["integrity"]
    if details.get("isCustomPhaseTwoConfig"):
        if details.get("customEncryptionAlgorithm"):
            enc = [_canon(rules.OCI_TO_CANON_ENC, details["customEncryptionAlgorithm"])]
        if details.get("customAuthenticationAlgorithm"):
            integ = [_canon(rules.OCI_TO_CANON_INTEG, details["customAuthenticationAlgorithm"])]
        elif _is_gcm(enc[0]):
            integ = [GCM]
    return [(e, i, p) for e, i, p in product(enc, integ, oci_pfs_groups(tunnel))
            if _valid_phase_two(e, i)]


# --- Azure -------------------------------------------------------------------------------------
def azure_policy(connection):
    """The connection's custom IPsec/IKE policy (Azure applies ``ipsecPolicies[0]``), or None."""
    policies = (connection.get("properties") or {}).get("ipsecPolicies") or []
    return policies[0] if policies else None


def azure_phase_one(connection):
    """Main mode: Azure's default tuples (DH group 2 only), or the custom policy's single tuple."""
    policy = azure_policy(connection)
    if policy is None:
        return list(rules.AZURE_DEFAULT_MAIN_MODE)
    return [(
        _canon(rules.AZURE_TO_CANON_ENC, policy.get("ikeEncryption")),
        _canon(rules.AZURE_TO_CANON_INTEG, policy.get("ikeIntegrity")),
        _canon(rules.AZURE_TO_CANON_DH, policy.get("dhGroup")),
    )]


def azure_phase_two(connection, role=RESPONDER):
    """Quick mode tuples: what Azure offers as ``initiator`` or accepts as ``responder``.

    Without a custom policy these are two different fixed lists (Azure never proposes PFS but accepts
    some CBC rows with PFS); a custom policy is the same single tuple in both roles.
    """
    policy = azure_policy(connection)
    if policy is None:
        return list(rules.AZURE_DEFAULT_QUICK_MODE_INITIATOR if role == INITIATOR
                    else rules.AZURE_DEFAULT_QUICK_MODE_RESPONDER)
    return [(
        _canon(rules.AZURE_TO_CANON_ENC, policy.get("ipsecEncryption")),
        _canon(rules.AZURE_TO_CANON_INTEG, policy.get("ipsecIntegrity")),
        _canon(rules.AZURE_TO_CANON_PFS, policy.get("pfsGroup")),
    )]


def azure_phase_two_lifetime(connection):
    """Azure's quick mode SA lifetime in seconds: the custom policy's, else the default 27000."""
    policy = azure_policy(connection)
    try:
        value = int((policy or {}).get("saLifeTimeSeconds"))
    except (TypeError, ValueError):
        value = 0
    return value if value > 0 else rules.AZURE_DEFAULT_QUICK_MODE_LIFETIME


def oci_phase_two_lifetime(tunnel):
    """OCI's phase-two lifetime in seconds (``phaseTwoDetails.lifetime``), else the default 3600."""
    details = tunnel.get("phaseTwoDetails") or {}
    try:
        value = int(details.get("lifetime"))
    except (TypeError, ValueError):
        value = 0
    return value if value > 0 else rules.OCI_PHASE_TWO_LIFETIME_DEFAULT


# --- negotiation -------------------------------------------------------------------------------
FIELDS = ("encryption", "integrity", "group")


def first_match(oci_proposals, azure_proposals):
    """The first OCI proposal the Azure side also offers, or None (whole tuples are compared)."""
    offered = set(azure_proposals)
    for proposal in oci_proposals:
        if proposal in offered:
            return proposal
    return None


def without_pfs(proposals):
    """(encryption, integrity) pairs, in order: the first child SA of IKEv2 is made inside IKE_AUTH
    without a DH exchange (RFC 7296 section 1.2), so its PFS group is not negotiated."""
    out = []
    for proposal in proposals:
        if proposal[:2] not in out:
            out.append(proposal[:2])
    return out


def first_child_sa(oci_proposals, azure_proposals):
    """The first OCI proposal whose (encryption, integrity) the Azure side also has, PFS ignored."""
    offered = set(without_pfs(azure_proposals))
    for proposal in oci_proposals:
        if proposal[:2] in offered:
            return proposal
    return None


def mismatched_fields(oci_proposals, azure_proposals):
    """Names of the fields whose value sets do not intersect (empty: only the combinations differ)."""
    out = []
    for index, name in enumerate(FIELDS):
        if not {p[index] for p in oci_proposals} & {p[index] for p in azure_proposals}:
            out.append(name)
    return out


def describe(proposals):
    """Readable summary of a proposal list: each field's distinct values, in order."""
    parts = []
    for index, name in enumerate(FIELDS):
        values = []
        for proposal in proposals:
            token = proposal[index] if proposal[index] is not None else "none"
            if token not in values:
                values.append(token)
        parts.append("%s %s" % (name, "/".join(values)))
    return ", ".join(parts)


def negotiated_phase_one(proposal):
    """OCI tunnel ``phaseOneDetails`` negotiated fields for a canonical phase-one tuple."""
    enc, integ, dh = proposal
    return {
        "negotiatedEncryptionAlgorithm": _OCI_ENC_FROM_CANON.get(enc),
        "negotiatedAuthenticationAlgorithm": _OCI_P1_AUTH_FROM_CANON.get(integ),
        "negotiatedDhGroup": _OCI_DH_FROM_CANON.get(dh),
        "isIkeEstablished": True,
    }


def negotiated_phase_two(proposal):
    """OCI tunnel ``phaseTwoDetails`` negotiated fields (GCM has no separate authentication)."""
    enc, integ, pfs = proposal
    return {
        "negotiatedEncryptionAlgorithm": _OCI_ENC_FROM_CANON.get(enc),
        "negotiatedAuthenticationAlgorithm": None if integ == GCM else _OCI_P2_AUTH_FROM_CANON.get(integ),
        "negotiatedDhGroup": _OCI_DH_FROM_CANON.get(pfs),
        "isEspEstablished": True,
    }
