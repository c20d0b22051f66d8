# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKE/IPsec parameters in both clouds' vocabularies: translation and compatibility check.

OCI describes a tunnel with ``phase_one_config`` and ``phase_two_config``; Azure describes a
connection with one ``ipsec_policy`` of eight fields, or no policy (its default lists). Both are
reduced to proposal tuples (cloud_rules); :func:`negotiation` follows the IKEv2 exchanges (IKE
SA, first child SA without DH, the first rekey by the side with the shorter lifetime). Every
mismatch is explained and comes with a proposed fix.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import constants as C
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import profiles as P

AZURE_POLICY_FIELDS = ("sa_life_time_seconds", "sa_data_size_kilobytes", "ipsec_encryption",
                       "ipsec_integrity", "ike_encryption", "ike_integrity", "dh_group",
                       "pfs_group")


class CryptoError(ValueError):
    """A parameter that has no counterpart on the other cloud; ``field`` names it."""

    def __init__(self, field, message):
        super(CryptoError, self).__init__("%s: %s" % (field, message))
        self.field = field


def _names(table, token):
    return sorted(k for k, v in table.items() if v == token)


# --- translation ---------------------------------------------------------------------------------

def oci_to_azure_policy(phase_one, phase_two, field="crypto"):
    """The Azure ipsec_policy equivalent to custom OCI phase one/two configs.

    Raises CryptoError naming the OCI field that Azure cannot express."""
    if not phase_one or phase_one.get("is_custom_phase_one_config", True) is not True:
        raise CryptoError(field + ".oci_phase_one",
                          "OCI default phase one is a list of proposals; give explicit phase one "
                          "values to derive an Azure policy")
    if not phase_two or phase_two.get("is_custom_phase_two_config", True) is not True:
        raise CryptoError(field + ".oci_phase_two",
                          "OCI default phase two is a list of proposals; give explicit phase two "
                          "values to derive an Azure policy")
    p1f, p2f = field + ".oci_phase_one", field + ".oci_phase_two"
    enc1 = P.OCI_PHASE_ONE_ENCRYPTION.get(phase_one.get("encryption_algorithm"))
    if enc1 not in P.AZURE_IKE_ENCRYPTION_FOR:
        raise CryptoError(p1f + ".encryption_algorithm",
                          "%r is not an OCI phase-one encryption (%s)"
                          % (phase_one.get("encryption_algorithm"),
                             ", ".join(sorted(P.OCI_PHASE_ONE_ENCRYPTION))))
    integ1 = P.OCI_PHASE_ONE_AUTHENTICATION.get(phase_one.get("authentication_algorithm"))
    if integ1 not in P.AZURE_IKE_INTEGRITY_FOR:
        raise CryptoError(p1f + ".authentication_algorithm",
                          "%r is not an OCI phase-one authentication (%s)"
                          % (phase_one.get("authentication_algorithm"),
                             ", ".join(sorted(P.OCI_PHASE_ONE_AUTHENTICATION))))
    dh = P.OCI_DH_GROUPS.get(phase_one.get("diffie_helman_group"))
    if dh not in P.AZURE_DH_GROUP_FOR:
        raise CryptoError(p1f + ".diffie_helman_group",
                          "%s has no Azure equivalent (Azure dhGroup offers %s); use GROUP14, "
                          "GROUP19, GROUP20 or GROUP24"
                          % (phase_one.get("diffie_helman_group"), _azure_groups_text("dh")))
    enc2 = P.OCI_PHASE_TWO_ENCRYPTION.get(phase_two.get("encryption_algorithm"))
    if enc2 not in P.AZURE_IPSEC_ENCRYPTION_FOR:
        raise CryptoError(p2f + ".encryption_algorithm",
                          "%r is not an OCI phase-two encryption (%s)"
                          % (phase_two.get("encryption_algorithm"),
                             ", ".join(sorted(P.OCI_PHASE_TWO_ENCRYPTION))))
    ipsec_encryption = P.AZURE_IPSEC_ENCRYPTION_FOR[enc2]
    if enc2.endswith("-gcm"):
        ipsec_integrity = ipsec_encryption  # Azure: GCM integrity is the same GCM value
    else:
        integ2 = P.OCI_PHASE_TWO_AUTHENTICATION.get(phase_two.get("authentication_algorithm"))
        if integ2 not in P.AZURE_IPSEC_INTEGRITY_FOR:
            raise CryptoError(p2f + ".authentication_algorithm",
                              "%r is not an OCI phase-two authentication (%s)"
                              % (phase_two.get("authentication_algorithm"),
                                 ", ".join(sorted(P.OCI_PHASE_TWO_AUTHENTICATION))))
        ipsec_integrity = P.AZURE_IPSEC_INTEGRITY_FOR[integ2]
    if phase_two.get("is_pfs_enabled", True):
        pfs = P.OCI_DH_GROUPS.get(phase_two.get("pfs_dh_group"))
        if pfs not in P.AZURE_PFS_GROUP_FOR or pfs is None:
            raise CryptoError(p2f + ".pfs_dh_group",
                              "%s has no Azure PFS equivalent (Azure pfsGroup offers %s); use "
                              "GROUP14, GROUP19, GROUP20 or GROUP24"
                              % (phase_two.get("pfs_dh_group"), _azure_groups_text("pfs")))
    else:
        pfs = None
    return {
        "sa_life_time_seconds": int(phase_two.get("lifetime_in_seconds") or P.OCI_PHASE_TWO_LIFETIME),
        "sa_data_size_kilobytes": P.AZURE_SA_DATA_SIZE_DEFAULT,
        "ipsec_encryption": ipsec_encryption,
        "ipsec_integrity": ipsec_integrity,
        "ike_encryption": P.AZURE_IKE_ENCRYPTION_FOR[enc1],
        "ike_integrity": P.AZURE_IKE_INTEGRITY_FOR[integ1],
        "dh_group": P.AZURE_DH_GROUP_FOR[dh],
        "pfs_group": P.AZURE_PFS_GROUP_FOR[pfs],
    }


def _azure_groups_text(kind):
    if kind == "dh":
        return "DHGroup2=GROUP2, DHGroup14=GROUP14, ECP256=GROUP19, ECP384=GROUP20, DHGroup24=GROUP24"
    return "PFS2=GROUP2, PFS2048=GROUP14, ECP256=GROUP19, ECP384=GROUP20, PFS24=GROUP24"


def _oci_name(table, token):
    for name, value in sorted(table.items()):
        if value == token:
            return name
    return None


def azure_policy_to_oci(policy, field="crypto.azure_ipsec_policy"):
    """OCI phase one/two configs equivalent to an Azure ipsec_policy.

    Raises CryptoError naming the Azure field that OCI cannot express."""
    def need(name, table):
        value = policy.get(name)
        if value not in table:
            raise CryptoError("%s.%s" % (field, name), "%r is not an Azure value (%s)"
                              % (value, ", ".join(sorted(table))))
        return table[value]

    enc1 = need("ike_encryption", P.AZURE_IKE_ENCRYPTION)
    integ1 = need("ike_integrity", P.AZURE_IKE_INTEGRITY)
    dh = need("dh_group", P.AZURE_DH_GROUPS)
    enc2 = need("ipsec_encryption", P.AZURE_IPSEC_ENCRYPTION)
    integ2 = need("ipsec_integrity", P.AZURE_IPSEC_INTEGRITY)
    pfs = need("pfs_group", P.AZURE_PFS_GROUPS)
    oci_enc1 = _oci_name(P.OCI_PHASE_ONE_ENCRYPTION, enc1)
    if oci_enc1 is None:
        raise CryptoError(field + ".ike_encryption",
                          "%s has no OCI phase-one equivalent (OCI offers AES_256_CBC, "
                          "AES_192_CBC, AES_128_CBC = Azure AES256, AES192, AES128)"
                          % policy.get("ike_encryption"))
    oci_auth1 = _oci_name(P.OCI_PHASE_ONE_AUTHENTICATION, integ1)
    if oci_auth1 is None:
        raise CryptoError(field + ".ike_integrity",
                          "%s has no OCI phase-one equivalent (OCI offers SHA2_384, SHA2_256, "
                          "SHA1_96 = Azure SHA384, SHA256, SHA1)" % policy.get("ike_integrity"))
    oci_dh = _oci_name(P.OCI_DH_GROUPS, dh)
    if oci_dh is None:
        raise CryptoError(field + ".dh_group",
                          "%s has no OCI equivalent (%s)" % (policy.get("dh_group"),
                                                             _azure_groups_text("dh")))
    oci_enc2 = _oci_name(P.OCI_PHASE_TWO_ENCRYPTION, enc2)
    if oci_enc2 is None:
        raise CryptoError(field + ".ipsec_encryption",
                          "%s has no OCI phase-two equivalent (OCI offers AES GCM and CBC with "
                          "128, 192 or 256-bit keys)" % policy.get("ipsec_encryption"))
    if enc2.endswith("-gcm"):
        oci_auth2 = None
    else:
        oci_auth2 = _oci_name(P.OCI_PHASE_TWO_AUTHENTICATION, integ2)
        if oci_auth2 is None:
            raise CryptoError(field + ".ipsec_integrity",
                              "%s has no OCI phase-two equivalent (OCI offers HMAC_SHA2_256_128, "
                              "HMAC_SHA1_128 = Azure SHA256, SHA1)" % policy.get("ipsec_integrity"))
    if pfs is None:
        oci_pfs = None
    else:
        oci_pfs = _oci_name(P.OCI_DH_GROUPS, pfs)
        if oci_pfs is None:
            raise CryptoError(field + ".pfs_group",
                              "%s has no OCI equivalent (%s)" % (policy.get("pfs_group"),
                                                                 _azure_groups_text("pfs")))
    return (
        {"is_custom_phase_one_config": True, "encryption_algorithm": oci_enc1,
         "authentication_algorithm": oci_auth1, "diffie_helman_group": oci_dh,
         "lifetime_in_seconds": P.OCI_PHASE_ONE_LIFETIME},
        {"is_custom_phase_two_config": True, "encryption_algorithm": oci_enc2,
         "authentication_algorithm": oci_auth2, "is_pfs_enabled": oci_pfs is not None,
         "pfs_dh_group": oci_pfs,
         "lifetime_in_seconds": int(policy.get("sa_life_time_seconds") or P.OCI_PHASE_TWO_LIFETIME)},
    )


# --- proposal tuples and the negotiation -------------------------------------------------------
# Each side is reduced to tuples of canonical tokens (cloud_rules): phase one (encryption,
# integrity, dh_group), phase two (encryption, integrity, pfs_group or None). A proposal is
# accepted only when the very tuple is in the other side's list: parameters are never compared
# one by one (Azure's default lists are fixed tuples, not free combinations).

def _custom(config, flag):
    return bool(config) and config.get(flag, True) is True


def oci_phase_one_tuples(phase_one):
    """OCI's phase-one proposals: the custom tuple, or every supported one (OCI's default)."""
    if not _custom(phase_one, "is_custom_phase_one_config"):
        return R.OCI_DEFAULT_PHASE_ONE
    return ((P.OCI_PHASE_ONE_ENCRYPTION.get(phase_one.get("encryption_algorithm")),
             P.OCI_PHASE_ONE_AUTHENTICATION.get(phase_one.get("authentication_algorithm")),
             P.OCI_DH_GROUPS.get(phase_one.get("diffie_helman_group"))),)


def oci_phase_two_tuples(phase_two):
    """OCI's phase-two proposals: the custom tuple, or OCI's default list (PFS group 5).

    OCI with custom phase-two values proposes and accepts only those (Supported IPSec
    Parameters)."""
    if not _custom(phase_two, "is_custom_phase_two_config"):
        return R.OCI_DEFAULT_PHASE_TWO
    enc = P.OCI_PHASE_TWO_ENCRYPTION.get(phase_two.get("encryption_algorithm"))
    if enc and enc.endswith("-gcm"):
        integ = "gcm"
    else:
        integ = P.OCI_PHASE_TWO_AUTHENTICATION.get(phase_two.get("authentication_algorithm"))
    if phase_two.get("is_pfs_enabled", True):
        group = phase_two.get("pfs_dh_group")
        pfs = P.OCI_DH_GROUPS.get(group) if group else R.OCI_DEFAULT_PFS_GROUP
    else:
        pfs = None
    return ((enc, integ, pfs),)


def oci_phase_two_lifetime(phase_two):
    if _custom(phase_two, "is_custom_phase_two_config") and phase_two.get("lifetime_in_seconds"):
        return int(phase_two["lifetime_in_seconds"])
    return R.OCI_DEFAULT_PHASE_TWO_LIFETIME


def azure_main_mode_tuples(policy):
    """Azure's IKE proposals: the custom policy's tuple, or the default main-mode list."""
    if not policy:
        return R.AZURE_DEFAULT_MAIN_MODE
    return ((P.AZURE_IKE_ENCRYPTION.get(policy.get("ike_encryption")),
             P.AZURE_IKE_INTEGRITY.get(policy.get("ike_integrity")),
             P.AZURE_DH_GROUPS.get(policy.get("dh_group"))),)


def azure_quick_mode_tuples(policy, role):
    """Azure's child-SA tuples as ``role`` ("initiator" proposes, "responder" accepts)."""
    if not policy:
        return (R.AZURE_DEFAULT_QUICK_MODE_INITIATOR if role == "initiator"
                else R.AZURE_DEFAULT_QUICK_MODE_RESPONDER)
    pfs = P.AZURE_PFS_GROUPS.get(policy.get("pfs_group"))
    if pfs == "mm":  # PFSMM: the main mode's group
        pfs = P.AZURE_DH_GROUPS.get(policy.get("dh_group"))
    return ((P.AZURE_IPSEC_ENCRYPTION.get(policy.get("ipsec_encryption")),
             P.AZURE_IPSEC_INTEGRITY.get(policy.get("ipsec_integrity")), pfs),)


def azure_quick_mode_lifetime(policy):
    if policy and policy.get("sa_life_time_seconds"):
        return int(policy["sa_life_time_seconds"])
    return R.AZURE_DEFAULT_QUICK_MODE_LIFETIME


def _first_accepted(offered, accepted):
    accepted = set(accepted)
    for proposal in offered:
        if proposal in accepted:
            return proposal
    return None


def _pairs(tuples):
    """(encryption, integrity) of each tuple, order kept, duplicates dropped (no DH: IKE_AUTH)."""
    out = []
    for t in tuples:
        if t[:2] not in out:
            out.append(t[:2])
    return tuple(out)


# OCI names of a canonical token, for messages (first name in the table's order).
def _oci_text(proposal, phase):
    if proposal is None:
        return "none"
    if phase == "phase_one":
        enc = _oci_name(P.OCI_PHASE_ONE_ENCRYPTION, proposal[0]) or proposal[0]
        integ = _oci_name(P.OCI_PHASE_ONE_AUTHENTICATION, proposal[1]) or proposal[1]
        return "%s/%s/%s" % (enc, integ, _oci_name(P.OCI_DH_GROUPS, proposal[2]) or proposal[2])
    enc = _oci_name(P.OCI_PHASE_TWO_ENCRYPTION, proposal[0]) or proposal[0]
    integ = ("GCM" if proposal[1] == "gcm"
             else _oci_name(P.OCI_PHASE_TWO_AUTHENTICATION, proposal[1]) or proposal[1])
    if len(proposal) < 3:
        return "%s/%s" % (enc, integ)
    pfs = ("PFS off" if proposal[2] is None
           else "PFS %s" % (_oci_name(P.OCI_DH_GROUPS, proposal[2]) or proposal[2]))
    return "%s/%s/%s" % (enc, integ, pfs)


def _list_text(tuples, phase, limit=6):
    items = [_oci_text(t, phase) for t in tuples[:limit]]
    more = len(tuples) - limit
    return ", ".join(items) + (" and %d more" % more if more > 0 else "")


def _expressible_in_oci(tuples, phase):
    """The tuples OCI can express (3DES, DES, MD5 have no OCI counterpart)."""
    if phase == "phase_one":
        return tuple(t for t in tuples if _oci_name(P.OCI_PHASE_ONE_ENCRYPTION, t[0])
                     and _oci_name(P.OCI_PHASE_ONE_AUTHENTICATION, t[1])
                     and _oci_name(P.OCI_DH_GROUPS, t[2]))
    return tuple(t for t in tuples if _oci_name(P.OCI_PHASE_TWO_ENCRYPTION, t[0])
                 and (t[1] == "gcm" or _oci_name(P.OCI_PHASE_TWO_AUTHENTICATION, t[1]))
                 and (t[2] is None or _oci_name(P.OCI_DH_GROUPS, t[2])))


def azure_default_safe_phase_two():
    """Phase-two tuples OCI can use while Azure keeps its default: in both Azure lists."""
    responder = set(R.AZURE_DEFAULT_QUICK_MODE_RESPONDER)
    return _expressible_in_oci(tuple(t for t in R.AZURE_DEFAULT_QUICK_MODE_INITIATOR
                                     if t in responder), "phase_two")


_MIRROR_FIX = ("give the Azure connections a custom IPsec/IKE policy mirroring OCI's phase one "
               "and two (crypto_profile 'default', or crypto.azure_ipsec_policy)")


def _verdict(ok, proposal, reason, fix):
    return {"ok": bool(ok), "proposal": proposal, "reason": reason, "fix": fix}


def negotiation(oci_phase_one, oci_phase_two, azure_policy):
    """How an OCI tunnel and an Azure connection negotiate, step by step, by proposal tuples.

    ``oci_phase_one``/``oci_phase_two`` have the plan's config shape (None or non-custom: OCI's
    defaults); ``azure_policy`` is the eight snake-case ipsec-policy fields, or None for Azure's
    default policy. Returns ``{"phase_one": V, "first_child_sa": V, "rekey": V,
    "rekey_initiator": "oci"|"azure", "ok": bool}`` with ``V = {"ok", "proposal", "reason",
    "fix"}``:

    * phase one (IKE SA): either side may initiate; each one's proposals must meet a tuple the
      other accepts;
    * the first child SA is made inside IKE_AUTH without a DH exchange, so PFS is not compared
      (RFC 7296 1.2); either side may initiate it;
    * the first phase-two rekey (CREATE_CHILD_SA, with PFS) is initiated by the side whose
      phase-two lifetime is shorter (OCI 3600 s vs Azure 27000 s by default): its tuples must
      meet what the other side accepts (Azure's default: the responder list as responder, the
      initiator list as initiator)."""
    policy = azure_policy or None
    az_default = policy is None
    oci_p1 = oci_phase_one_tuples(oci_phase_one)
    oci_p2 = oci_phase_two_tuples(oci_phase_two)
    az_mm = azure_main_mode_tuples(policy)
    az_init = azure_quick_mode_tuples(policy, "initiator")
    az_resp = azure_quick_mode_tuples(policy, "responder")
    azure_label = "Azure's default policy" if az_default else "the Azure connection's ipsec policy"

    # phase one
    by_oci = _first_accepted(oci_p1, az_mm)
    by_azure = _first_accepted(az_mm, oci_p1)
    if by_oci and by_azure:
        phase_one = _verdict(True, by_oci, "OCI proposes %s, which %s accepts"
                             % (_oci_text(by_oci, "phase_one"), azure_label), "")
    else:
        if az_default:
            fix = ("set OCI's phase one to a tuple of Azure's default main mode (DH group 2 only): "
                   "%s; or %s" % (_list_text(_expressible_in_oci(az_mm, "phase_one"), "phase_one"),
                                  _MIRROR_FIX))
        else:
            fix = "make the Azure policy's ike_encryption/ike_integrity/dh_group mirror OCI's phase one"
        phase_one = _verdict(False, None, "no IKE proposal in common: OCI offers %s, %s accepts %s"
                             % (_list_text(oci_p1, "phase_one"), azure_label,
                                _list_text(az_mm, "phase_one")), fix)

    # first child SA (IKE_AUTH, no DH: PFS not compared)
    oci_pairs, resp_pairs, init_pairs = _pairs(oci_p2), _pairs(az_resp), _pairs(az_init)
    by_oci = _first_accepted(oci_pairs, resp_pairs)
    by_azure = _first_accepted(init_pairs, oci_pairs)
    if by_oci and by_azure:
        first = _verdict(True, by_oci, "made in IKE_AUTH without DH (PFS not compared): %s is in "
                         "%s whichever side initiates" % (_oci_text(by_oci, "phase_two"),
                                                          azure_label), "")
    else:
        failing = []
        if not by_oci:
            failing.append("OCI initiating: %s accepts none of %s" % (azure_label, _list_text(oci_pairs, "phase_two")))
        if not by_azure:
            failing.append("Azure initiating: OCI accepts none of Azure's %s"
                           % _list_text(init_pairs, "phase_two"))
        if az_default:
            fix = ("set OCI's phase two to a tuple both of Azure's default quick-mode lists hold: "
                   "%s; or %s" % (_list_text(azure_default_safe_phase_two(), "phase_two"), _MIRROR_FIX))
        else:
            fix = "make the Azure policy's ipsec_encryption/ipsec_integrity mirror OCI's phase two"
        first = _verdict(False, by_oci, "the first child SA fails: " + "; ".join(failing), fix)

    # the first phase-two rekey, by the side with the shorter lifetime
    oci_life, az_life = oci_phase_two_lifetime(oci_phase_two), azure_quick_mode_lifetime(policy)
    initiator = "oci" if oci_life <= az_life else "azure"
    lifetimes = "OCI %d s vs Azure %d s" % (oci_life, az_life)
    if initiator == "oci":
        proposal = _first_accepted(oci_p2, az_resp)
        if proposal:
            rekey = _verdict(True, proposal, "OCI rekeys first (%s) with %s, which %s accepts"
                             % (lifetimes, _oci_text(proposal, "phase_two"), azure_label), "")
        else:
            reason = ("OCI rekeys first (%s) proposing %s; %s accepts none of them"
                      % (lifetimes, _list_text(oci_p2, "phase_two"), azure_label))
            if az_default and any(t[0].endswith("-gcm") and t[2] for t in oci_p2 if t[0]):
                reason += " (Azure's default accepts GCM only without PFS)"
            if az_default and any(t[2] == "group5" for t in oci_p2):
                reason += " (Azure's default never accepts PFS group 5)"
            if az_default:
                fix = ("set OCI's phase two to a tuple both of Azure's default quick-mode lists "
                       "hold: %s; or %s" % (_list_text(azure_default_safe_phase_two(), "phase_two"),
                                            _MIRROR_FIX))
            else:
                fix = "make the Azure policy's ipsec_encryption/ipsec_integrity/pfs_group mirror OCI's phase two"
            rekey = _verdict(False, None, reason + "; the tunnel comes up, then goes down at this "
                             "rekey", fix)
    else:
        proposal = _first_accepted(az_init, oci_p2)
        if proposal:
            rekey = _verdict(True, proposal, "Azure rekeys first (%s) with %s, which OCI accepts"
                             % (lifetimes, _oci_text(proposal, "phase_two")), "")
        else:
            reason = ("Azure rekeys first (%s) proposing %s; OCI accepts only %s"
                      % (lifetimes, _list_text(az_init, "phase_two"), _list_text(oci_p2, "phase_two")))
            if az_default:
                reason += " (Azure's default never proposes PFS)"
                fix = ("set OCI's phase-two lifetime below %d s so OCI rekeys first, and a tuple "
                       "both of Azure's default lists hold (%s); or %s"
                       % (az_life, _list_text(azure_default_safe_phase_two(), "phase_two"), _MIRROR_FIX))
            else:
                fix = "make the Azure policy's ipsec_encryption/ipsec_integrity/pfs_group mirror OCI's phase two"
            rekey = _verdict(False, None, reason + "; the tunnel comes up, then goes down at this "
                             "rekey", fix)
    return {"phase_one": phase_one, "first_child_sa": first, "rekey": rekey,
            "rekey_initiator": initiator,
            "ok": phase_one["ok"] and first["ok"] and rekey["ok"]}


def azure_default_problems(oci_phase_one, oci_phase_two):
    """With Azure's default policy, OCI's phase two must be a tuple both Azure lists hold: a
    rekey Azure initiates (its data-size or time lifetime first) proposes only the initiator
    list, a rekey OCI initiates is checked against the responder list."""
    safe = set(azure_default_safe_phase_two())
    outside = [t for t in oci_phase_two_tuples(oci_phase_two) if t not in safe]
    if not outside:
        return None
    return ("OCI phase two %s is not in both of Azure's default quick-mode lists (Azure as "
            "initiator proposes only %s)"
            % (_list_text(tuple(outside), "phase_two", limit=3),
               _list_text(_expressible_in_oci(R.AZURE_DEFAULT_QUICK_MODE_INITIATOR, "phase_two"),
                          "phase_two")))


def plan_negotiation(oci_phase_one, oci_phase_two, azure_use_default, azure_policy):
    """negotiation() in JSON shape (tuples as lists), for the plan."""
    result = negotiation(oci_phase_one, oci_phase_two,
                         None if azure_use_default or not azure_policy else azure_policy)
    for step in ("phase_one", "first_child_sa", "rekey"):
        if result[step]["proposal"] is not None:
            result[step]["proposal"] = list(result[step]["proposal"])
    return result


# --- per-parameter explanation of two custom policies --------------------------------------------

# (phase, parameter) -> (OCI field, OCI table, Azure field, Azure table, Azure preferred names)
_PARAMS = (
    ("phase_one", "encryption", "oci_phase_one.encryption_algorithm", P.OCI_PHASE_ONE_ENCRYPTION,
     "azure_ipsec_policy.ike_encryption", P.AZURE_IKE_ENCRYPTION, P.AZURE_IKE_ENCRYPTION_FOR),
    ("phase_one", "integrity", "oci_phase_one.authentication_algorithm",
     P.OCI_PHASE_ONE_AUTHENTICATION, "azure_ipsec_policy.ike_integrity", P.AZURE_IKE_INTEGRITY,
     P.AZURE_IKE_INTEGRITY_FOR),
    ("phase_one", "dh_group", "oci_phase_one.diffie_helman_group", P.OCI_DH_GROUPS,
     "azure_ipsec_policy.dh_group", P.AZURE_DH_GROUPS, P.AZURE_DH_GROUP_FOR),
    ("phase_two", "encryption", "oci_phase_two.encryption_algorithm", P.OCI_PHASE_TWO_ENCRYPTION,
     "azure_ipsec_policy.ipsec_encryption", P.AZURE_IPSEC_ENCRYPTION, P.AZURE_IPSEC_ENCRYPTION_FOR),
    ("phase_two", "integrity", "oci_phase_two.authentication_algorithm",
     P.OCI_PHASE_TWO_AUTHENTICATION, "azure_ipsec_policy.ipsec_integrity",
     P.AZURE_IPSEC_INTEGRITY, P.AZURE_IPSEC_INTEGRITY_FOR),
    ("phase_two", "pfs_group", "oci_phase_two.pfs_dh_group", P.OCI_DH_GROUPS,
     "azure_ipsec_policy.pfs_group", P.AZURE_PFS_GROUPS, P.AZURE_PFS_GROUP_FOR),
)
_INDEX = {"encryption": 0, "integrity": 1, "dh_group": 2, "pfs_group": 2}


def _describe_oci(token, table, param):
    if token is None:
        return "PFS disabled" if param == "pfs_group" else "unset"
    if token == "gcm":
        return "GCM (integrity built in)"
    names = _names(table, token)
    return "/".join(names) if names else token


def _describe_azure(token, table, param):
    if token is None:
        return "None"
    names = _names(table, token)
    if param == "integrity" and token == "gcm":
        return "GCMAES (same as the encryption)"
    return "/".join(names) if names else token


def _parameter_mismatches(oci_phase_one, oci_phase_two, azure_policy, prefix):
    """Both sides custom (one tuple each): the tuples differ; name each differing parameter with
    the fix on either side."""
    oci = {"phase_one": oci_phase_one_tuples(oci_phase_one)[0],
           "phase_two": oci_phase_two_tuples(oci_phase_two)[0]}
    azure = {"phase_one": azure_main_mode_tuples(azure_policy)[0],
             "phase_two": azure_quick_mode_tuples(azure_policy, "responder")[0]}
    mismatches = []
    for phase, param, oci_field, oci_table, az_field, az_table, az_for in _PARAMS:
        o_token = oci[phase][_INDEX[param]]
        a_token = azure[phase][_INDEX[param]]
        if o_token == a_token:
            continue
        oci_text = "OCI %s (%s.%s)" % (_describe_oci(o_token, oci_table, param), prefix, oci_field)
        az_text = "Azure %s (%s.%s)" % (_describe_azure(a_token, az_table, param), prefix, az_field)
        fixes = []
        if a_token is None and param == "pfs_group":
            fixes.append("set %s.oci_phase_two.is_pfs_enabled to false" % prefix)
        elif a_token != "gcm" and _oci_name(oci_table, a_token):
            fixes.append("set %s.%s to %s" % (prefix, oci_field, _oci_name(oci_table, a_token)))
        if o_token in az_for and o_token != "gcm":
            fixes.append("set %s.%s to %s" % (prefix, az_field, az_for[o_token]))
        if not fixes:
            fixes.append("use crypto_profile 'default' (Azure policy mirroring OCI)")
        label = {"phase_one": "phase one (IKE)", "phase_two": "phase two (IPsec)"}[phase]
        effect = ("the tunnel would come up on its first child SA and go down at the first "
                  "phase-two rekey" if param == "pfs_group" else "the tunnel would not come up")
        message = ("%s: %s %s mismatch: %s vs %s; %s. Fix: %s"
                   % (prefix, label, param.replace("_", " "), oci_text, az_text, effect,
                      " or ".join(fixes)))
        mismatches.append({
            "phase": phase, "parameter": param, "oci": oci_text, "azure": az_text,
            "oci_field": "%s.%s" % (prefix, oci_field), "azure_field": "%s.%s" % (prefix, az_field),
            "fix": fixes, "message": message,
        })
    return mismatches


def compare(oci_phase_one, oci_phase_two, azure_use_default, azure_policy, prefix="crypto"):
    """Every reason the two sides would not keep a tunnel up, explained, with a proposed fix.

    The decision is by tuples (:func:`negotiation`); with Azure's default policy OCI's phase two
    must also be a tuple both Azure lists hold. Two custom sides are explained parameter by
    parameter. Returns a list of dicts: phase, parameter, oci, azure, oci_field, azure_field,
    fix (list), message."""
    policy = None if azure_use_default or not azure_policy else azure_policy
    result = negotiation(oci_phase_one, oci_phase_two, policy)
    outside = azure_default_problems(oci_phase_one, oci_phase_two) if policy is None else None
    if result["ok"] and not outside:
        return []
    both_custom = (_custom(oci_phase_one, "is_custom_phase_one_config")
                   and _custom(oci_phase_two, "is_custom_phase_two_config"))
    if policy is not None and both_custom:
        found = _parameter_mismatches(oci_phase_one, oci_phase_two, policy, prefix)
        if found:
            return found
    mismatches = []
    labels = {"phase_one": "phase one (IKE)", "first_child_sa": "first child SA",
              "rekey": "phase-two rekey"}
    for step in ("phase_one", "first_child_sa", "rekey"):
        verdict = result[step]
        if verdict["ok"]:
            continue
        mismatches.append({
            "phase": step, "parameter": "proposal",
            "oci": _list_text(oci_phase_one_tuples(oci_phase_one) if step == "phase_one"
                              else oci_phase_two_tuples(oci_phase_two),
                              "phase_one" if step == "phase_one" else "phase_two"),
            "azure": "Azure default policy" if policy is None else "Azure custom policy",
            "oci_field": "%s.oci_phase_%s" % (prefix, "one" if step == "phase_one" else "two"),
            "azure_field": "%s.azure_ipsec_policy" % prefix,
            "fix": [verdict["fix"]],
            "message": "%s: %s: %s. Fix: %s" % (prefix, labels[step], verdict["reason"], verdict["fix"]),
        })
    if outside and not any(m["phase"] != "phase_one" for m in mismatches):
        fix = ("set %s.oci_phase_two to one of %s; or %s"
               % (prefix, _list_text(azure_default_safe_phase_two(), "phase_two"), _MIRROR_FIX))
        mismatches.append({
            "phase": "rekey", "parameter": "proposal",
            "oci": _list_text(oci_phase_two_tuples(oci_phase_two), "phase_two"),
            "azure": "Azure default policy", "oci_field": "%s.oci_phase_two" % prefix,
            "azure_field": "%s.azure_ipsec_policy" % prefix, "fix": [fix],
            "message": "%s: phase-two rekey: %s; a rekey Azure initiates would fail. Fix: %s"
                       % (prefix, outside, fix),
        })
    return mismatches


# --- rules of each side on its own ---------------------------------------------------------------

def oci_self_problems(phase_one, phase_two, prefix):
    problems = []
    if phase_two and phase_two.get("is_custom_phase_two_config"):
        enc = phase_two.get("encryption_algorithm") or ""
        auth = phase_two.get("authentication_algorithm")
        if enc.endswith("_GCM") and auth:
            problems.append("%s.oci_phase_two.authentication_algorithm: must be omitted with %s "
                            "(GCM authenticates itself; OCI rejects both)" % (prefix, enc))
        if enc.endswith("_CBC") and not auth:
            problems.append("%s.oci_phase_two.authentication_algorithm: required with %s "
                            "(HMAC_SHA2_256_128 or HMAC_SHA1_128)" % (prefix, enc))
        if phase_two.get("is_pfs_enabled") and not phase_two.get("pfs_dh_group"):
            problems.append("%s.oci_phase_two.pfs_dh_group: required when is_pfs_enabled is true"
                            % prefix)
    for name, cfg in (("oci_phase_one", phase_one), ("oci_phase_two", phase_two)):
        life = (cfg or {}).get("lifetime_in_seconds")
        if life is not None and life <= 0:
            problems.append("%s.%s.lifetime_in_seconds: must be positive" % (prefix, name))
    return problems


def azure_self_problems(policy, prefix):
    problems = []
    if not policy:
        return problems
    field = prefix + ".azure_ipsec_policy"
    for name in AZURE_POLICY_FIELDS:
        if policy.get(name) in (None, ""):
            problems.append("%s.%s: required (Azure needs all eight ipsecPolicies fields)"
                            % (field, name))
    enc = policy.get("ipsec_encryption") or ""
    integ = policy.get("ipsec_integrity") or ""
    if (enc.startswith("GCM") or integ.startswith("GCM")) and enc != integ:
        problems.append("%s.ipsec_integrity: Azure requires the same GCM value as ipsec_encryption "
                        "(%s/%s); set both to %s" % (field, enc or "unset", integ or "unset",
                                                     enc if enc.startswith("GCM") else integ))
    life = policy.get("sa_life_time_seconds")
    if isinstance(life, int) and life < P.AZURE_SA_LIFETIME_MIN:
        problems.append("%s.sa_life_time_seconds: %d is below Azure's minimum of %d"
                        % (field, life, P.AZURE_SA_LIFETIME_MIN))
    size = policy.get("sa_data_size_kilobytes")
    if isinstance(size, int) and size < P.AZURE_SA_DATA_SIZE_MIN:
        problems.append("%s.sa_data_size_kilobytes: %d is below Azure's minimum of %d"
                        % (field, size, P.AZURE_SA_DATA_SIZE_MIN))
    return problems


# --- resolution of the intent into the plan's crypto section -------------------------------------

def resolve(profile_name, crypto):
    """The crypto section of the plan and the problems found (field-named messages).

    Order: the profile gives both sides; what the user gives under ``crypto`` replaces the
    profile's value for that side; a side the user did not give is derived from the side the
    user gave (when it can be expressed), else kept from the profile; then the two sides are
    checked against each other."""
    problems = []
    given_name = profile_name
    profile_name = P.profile_name(profile_name)
    profile = P.PROFILES.get(profile_name)
    if profile is None:
        return None, ["crypto_profile: unknown profile %r (known: %s)"
                      % (given_name, ", ".join(P.PROFILE_NAMES))]
    crypto = crypto or {}
    source = {}
    p1 = copy.deepcopy(profile["oci"]["phase_one_config"])
    p2 = copy.deepcopy(profile["oci"]["phase_two_config"])
    az_default = profile["azure"]["use_default_policy"]
    az_policy = copy.deepcopy(profile["azure"]["ipsec_policy"])
    source.update(oci_phase_one="profile", oci_phase_two="profile", azure="profile")

    given_p1 = crypto.get("oci_phase_one")
    given_p2 = crypto.get("oci_phase_two")
    given_az = crypto.get("azure_ipsec_policy")
    if crypto.get("oci_use_defaults") and (given_p1 or given_p2):
        problems.append("crypto.oci_use_defaults: cannot be combined with crypto.oci_phase_one or "
                        "crypto.oci_phase_two")
    if crypto.get("azure_use_default_policy") and given_az:
        problems.append("crypto.azure_use_default_policy: cannot be combined with "
                        "crypto.azure_ipsec_policy")
    if problems:
        return None, problems

    derived_oci = None
    if given_az:
        az_policy = dict((k, given_az.get(k)) for k in AZURE_POLICY_FIELDS)
        if az_policy.get("sa_data_size_kilobytes") is None:
            az_policy["sa_data_size_kilobytes"] = P.AZURE_SA_DATA_SIZE_DEFAULT
        if az_policy.get("sa_life_time_seconds") is None:
            az_policy["sa_life_time_seconds"] = P.OCI_PHASE_TWO_LIFETIME
        az_default = False
        source["azure"] = "given"
        self_problems = azure_self_problems(az_policy, "crypto")
        problems.extend(self_problems)
        if not self_problems and not (given_p1 and given_p2) and not crypto.get("oci_use_defaults"):
            try:
                derived_oci = azure_policy_to_oci(az_policy)
            except CryptoError as exc:
                problems.append(str(exc))
    elif crypto.get("azure_use_default_policy"):
        az_default, az_policy = True, None
        source["azure"] = "azure defaults"

    if given_p1:
        p1 = _given_phase_one(given_p1, problems)
        source["oci_phase_one"] = "given"
    elif crypto.get("oci_use_defaults"):
        p1 = {"is_custom_phase_one_config": False}
        source["oci_phase_one"] = "oci defaults"
    elif derived_oci:
        p1 = derived_oci[0]
        source["oci_phase_one"] = "derived from crypto.azure_ipsec_policy"
    if given_p2:
        p2 = _given_phase_two(given_p2, problems)
        source["oci_phase_two"] = "given"
    elif crypto.get("oci_use_defaults"):
        p2 = {"is_custom_phase_two_config": False}
        source["oci_phase_two"] = "oci defaults"
    elif derived_oci:
        p2 = derived_oci[1]
        source["oci_phase_two"] = "derived from crypto.azure_ipsec_policy"
    problems.extend(oci_self_problems(p1, p2, "crypto"))

    if (given_p1 or given_p2) and not given_az and not crypto.get("azure_use_default_policy") \
            and not profile["azure"]["use_default_policy"]:
        # Derive Azure from OCI when OCI is fully explicit; else keep the profile's Azure side
        # (a profile that keeps Azure's default keeps it: the values are checked against it).
        if p1.get("is_custom_phase_one_config") and p2.get("is_custom_phase_two_config") \
                and not problems:
            try:
                az_policy = oci_to_azure_policy(p1, p2)
                az_default = False
                source["azure"] = "derived from crypto.oci_phase_one/oci_phase_two"
            except CryptoError as exc:
                problems.append(str(exc))
    if problems:
        return None, problems

    mismatches = compare(p1, p2, az_default, az_policy)
    problems.extend(m["message"] for m in mismatches)
    return _section(profile_name, given_name, source, p1, p2, az_default, az_policy), problems


def _given_phase_one(given, problems):
    """The OCI phase one the user gave, in the plan's shape; a missing algorithm is a problem."""
    p1 = {"is_custom_phase_one_config": True,
          "encryption_algorithm": given.get("encryption_algorithm"),
          "authentication_algorithm": given.get("authentication_algorithm"),
          "diffie_helman_group": given.get("diffie_helman_group"),
          "lifetime_in_seconds": given.get("lifetime_in_seconds") or P.OCI_PHASE_ONE_LIFETIME}
    for name in ("encryption_algorithm", "authentication_algorithm", "diffie_helman_group"):
        if not p1[name]:
            problems.append("crypto.oci_phase_one.%s: required when crypto.oci_phase_one is "
                            "given" % name)
    return p1


def _given_phase_two(given, problems):
    """The OCI phase two the user gave, in the plan's shape (PFS on unless turned off)."""
    enc = given.get("encryption_algorithm")
    p2 = {"is_custom_phase_two_config": True,
          "encryption_algorithm": enc,
          "authentication_algorithm": given.get("authentication_algorithm"),
          "is_pfs_enabled": given.get("is_pfs_enabled", True) is not False,
          "pfs_dh_group": given.get("pfs_dh_group"),
          "lifetime_in_seconds": given.get("lifetime_in_seconds") or P.OCI_PHASE_TWO_LIFETIME}
    if not enc:
        problems.append("crypto.oci_phase_two.encryption_algorithm: required when "
                        "crypto.oci_phase_two is given")
    if not p2["is_pfs_enabled"]:
        p2["pfs_dh_group"] = None
    return p2


def _section(profile_name, given_name, source, p1, p2, az_default, az_policy):
    """The plan's crypto section for both sides as resolved."""
    return {
        "profile": profile_name,
        "profile_given": given_name,
        "source": source,
        "oci": {
            "ike_version": C.OCI_IKE_VERSION,
            "phase_one_config": p1,
            "phase_two_config": p2,
            "dpd_config": {"dpd_mode": C.OCI_DPD_MODE, "dpd_timeout_in_sec": C.OCI_DPD_TIMEOUT},
            "oracle_initiation": C.OCI_ORACLE_INITIATION,
            "nat_translation_enabled": C.OCI_NAT_TRANSLATION,
        },
        "azure": {
            "connection_protocol": C.AZURE_CONNECTION_PROTOCOL,
            "use_default_policy": bool(az_default),
            "ipsec_policies": [] if az_default else [az_policy],
            "dpd_timeout_seconds": C.AZURE_DEFAULT_DPD_TIMEOUT,
        },
        "negotiation": plan_negotiation(p1, p2, az_default, az_policy),
    }
