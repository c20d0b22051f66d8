# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKE/IPsec parameters in both clouds' vocabularies: translation and compatibility check.

OCI describes a tunnel with ``phase_one_config`` and ``phase_two_config``; Azure describes a
connection with one ``ipsec_policy`` of eight fields, or no policy (its defaults). Both are
reduced to canonical proposal sets; a phase negotiates only when, for every parameter, the sets
of the two sides intersect. Every mismatch is explained and comes with a proposed fix.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

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


# --- proposal sets and the compatibility check ---------------------------------------------------

def oci_proposals(phase_one, phase_two):
    """Canonical proposal sets of an OCI tunnel (defaults when a phase is not custom)."""
    out = copy.deepcopy(P.OCI_DEFAULT_PROPOSALS)
    if phase_one and phase_one.get("is_custom_phase_one_config"):
        out["phase_one"] = {
            "encryption": [P.OCI_PHASE_ONE_ENCRYPTION.get(phase_one.get("encryption_algorithm"))],
            "integrity": [P.OCI_PHASE_ONE_AUTHENTICATION.get(phase_one.get("authentication_algorithm"))],
            "dh_group": [P.OCI_DH_GROUPS.get(phase_one.get("diffie_helman_group"))],
        }
    if phase_two and phase_two.get("is_custom_phase_two_config"):
        enc = P.OCI_PHASE_TWO_ENCRYPTION.get(phase_two.get("encryption_algorithm"))
        if enc and enc.endswith("-gcm"):
            integ = "gcm"
        else:
            integ = P.OCI_PHASE_TWO_AUTHENTICATION.get(phase_two.get("authentication_algorithm"))
        pfs = (P.OCI_DH_GROUPS.get(phase_two.get("pfs_dh_group"))
               if phase_two.get("is_pfs_enabled") else None)
        out["phase_two"] = {"encryption": [enc], "integrity": [integ], "pfs_group": [pfs]}
    return out


def azure_proposals(use_default_policy, policy):
    """Canonical proposal sets of an Azure connection (defaults when no custom policy)."""
    if use_default_policy or not policy:
        return copy.deepcopy(P.AZURE_DEFAULT_PROPOSALS)
    return {
        "phase_one": {"encryption": [P.AZURE_IKE_ENCRYPTION.get(policy.get("ike_encryption"))],
                      "integrity": [P.AZURE_IKE_INTEGRITY.get(policy.get("ike_integrity"))],
                      "dh_group": [P.AZURE_DH_GROUPS.get(policy.get("dh_group"))]},
        "phase_two": {"encryption": [P.AZURE_IPSEC_ENCRYPTION.get(policy.get("ipsec_encryption"))],
                      "integrity": [P.AZURE_IPSEC_INTEGRITY.get(policy.get("ipsec_integrity"))],
                      "pfs_group": [P.AZURE_PFS_GROUPS.get(policy.get("pfs_group"))]},
    }


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


# Strongest first, so a proposed fix never weakens the tunnel more than needed.
_STRENGTH = ["aes256-gcm", "aes256-cbc", "aes192-gcm", "aes192-cbc", "aes128-gcm", "aes128-cbc",
             "sha384", "sha256", "sha1", "gcm", "group20", "group19", "group14", "group24",
             "group2", "group5", "group1", None]


def _strength(token):
    return _STRENGTH.index(token) if token in _STRENGTH else len(_STRENGTH)


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


def compare(oci_phase_one, oci_phase_two, azure_use_default, azure_policy, prefix="crypto"):
    """Every parameter on which the two sides cannot agree, explained, with a proposed fix.

    Returns a list of dicts: phase, parameter, oci, azure, oci_field, azure_field, message."""
    oci = oci_proposals(oci_phase_one, oci_phase_two)
    azure = azure_proposals(azure_use_default, azure_policy)
    oci_default = {"phase_one": not (oci_phase_one or {}).get("is_custom_phase_one_config"),
                   "phase_two": not (oci_phase_two or {}).get("is_custom_phase_two_config")}
    azure_default = bool(azure_use_default or not azure_policy)
    mismatches = []
    for phase, param, oci_field, oci_table, az_field, az_table, az_for in _PARAMS:
        o_set = oci[phase][param]
        a_set = azure[phase][param]
        if any(token in a_set for token in o_set):
            continue
        oci_text = ("OCI default (%s)" % ", ".join(_describe_oci(t, oci_table, param) for t in o_set)
                    if oci_default[phase] else "OCI " + _describe_oci(o_set[0], oci_table, param))
        az_text = ("Azure default policy (accepts %s)"
                   % ", ".join(_describe_azure(t, az_table, param) for t in a_set)
                   if azure_default else "Azure " + _describe_azure(a_set[0], az_table, param))
        fixes = []
        # Fix on the OCI side: the strongest OCI value the Azure side accepts.
        for token in sorted(a_set, key=_strength):
            if param == "integrity" and token == "gcm":
                continue
            name = _oci_name(oci_table, token) if token is not None else None
            if token is None and param == "pfs_group":
                fixes.append("set %s.oci_phase_two.is_pfs_enabled to false" % prefix)
                break
            if name:
                fixes.append("set %s.%s to %s" % (prefix, oci_field, name))
                break
        # Fix on the Azure side: the Azure value equal to OCI's (custom policies only).
        for token in o_set:
            if token in az_for:
                if param == "integrity" and token == "gcm":
                    continue
                fixes.append("set %s.%s to %s" % (prefix, az_field, az_for[token]))
                break
        if not fixes:
            fixes.append("use crypto_profile 'strong' (custom policy on both sides)")
        label = {"phase_one": "phase one (IKE)", "phase_two": "phase two (IPsec)"}[phase]
        if not oci_default[phase]:
            oci_text += " (%s.%s)" % (prefix, oci_field)
        if not azure_default:
            az_text += " (%s.%s)" % (prefix, az_field)
        message = ("%s: %s %s mismatch: %s vs %s; the tunnel would not come up. Fix: %s"
                   % (prefix, label, param.replace("_", " "), oci_text, az_text,
                      " or ".join(fixes)))
        mismatches.append({
            "phase": phase, "parameter": param, "oci": oci_text, "azure": az_text,
            "oci_field": "%s.%s" % (prefix, oci_field), "azure_field": "%s.%s" % (prefix, az_field),
            "fix": fixes, "message": message,
        })
    return mismatches


def negotiated(oci_phase_one, oci_phase_two, azure_use_default, azure_policy):
    """What both sides have in common per parameter (the candidates the tunnel negotiates)."""
    oci = oci_proposals(oci_phase_one, oci_phase_two)
    azure = azure_proposals(azure_use_default, azure_policy)
    out = {}
    for phase in ("phase_one", "phase_two"):
        out[phase] = {}
        for param in oci[phase]:
            out[phase][param] = [t for t in oci[phase][param] if t in azure[phase][param]]
    return out


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
    profile = P.PROFILES.get(profile_name)
    if profile is None:
        return None, ["crypto_profile: unknown profile %r (known: %s)"
                      % (profile_name, ", ".join(sorted(P.PROFILES)))]
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
        p1 = {"is_custom_phase_one_config": True,
              "encryption_algorithm": given_p1.get("encryption_algorithm"),
              "authentication_algorithm": given_p1.get("authentication_algorithm"),
              "diffie_helman_group": given_p1.get("diffie_helman_group"),
              "lifetime_in_seconds": given_p1.get("lifetime_in_seconds") or P.OCI_PHASE_ONE_LIFETIME}
        for name in ("encryption_algorithm", "authentication_algorithm", "diffie_helman_group"):
            if not p1[name]:
                problems.append("crypto.oci_phase_one.%s: required when crypto.oci_phase_one is "
                                "given" % name)
        source["oci_phase_one"] = "given"
    elif crypto.get("oci_use_defaults"):
        p1 = {"is_custom_phase_one_config": False}
        source["oci_phase_one"] = "oci defaults"
    elif derived_oci:
        p1 = derived_oci[0]
        source["oci_phase_one"] = "derived from crypto.azure_ipsec_policy"
    if given_p2:
        enc = given_p2.get("encryption_algorithm")
        p2 = {"is_custom_phase_two_config": True,
              "encryption_algorithm": enc,
              "authentication_algorithm": given_p2.get("authentication_algorithm"),
              "is_pfs_enabled": given_p2.get("is_pfs_enabled", True) is not False,
              "pfs_dh_group": given_p2.get("pfs_dh_group"),
              "lifetime_in_seconds": given_p2.get("lifetime_in_seconds") or P.OCI_PHASE_TWO_LIFETIME}
        if not enc:
            problems.append("crypto.oci_phase_two.encryption_algorithm: required when "
                            "crypto.oci_phase_two is given")
        if not p2["is_pfs_enabled"]:
            p2["pfs_dh_group"] = None
        source["oci_phase_two"] = "given"
    elif crypto.get("oci_use_defaults"):
        p2 = {"is_custom_phase_two_config": False}
        source["oci_phase_two"] = "oci defaults"
    elif derived_oci:
        p2 = derived_oci[1]
        source["oci_phase_two"] = "derived from crypto.azure_ipsec_policy"
    problems.extend(oci_self_problems(p1, p2, "crypto"))

    if (given_p1 or given_p2) and not given_az and not crypto.get("azure_use_default_policy"):
        # Derive Azure from OCI when OCI is fully explicit; else keep the profile's Azure side.
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
    section = {
        "profile": profile_name,
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
        "negotiates": negotiated(p1, p2, az_default, az_policy),
    }
    return section, problems
