"""Each side's IKE and ESP proposals, in strongSwan's keywords, from the plan.

The canonical tokens ("aes256-cbc", "sha256", "group14", ...) are the ones
``plugins/module_utils/cloud_rules.py`` uses; a custom policy comes from the plan (OCI
``phase_one_config``/``phase_two_config``, the Azure connection's ``ipsec_policies[0]``), a kept
default from cloud_rules' documented offer lists (Azure: AZURE_DEFAULT_MAIN_MODE and the quick
mode initiator/responder lists; OCI: OCI_DEFAULT_PHASE_ONE/TWO).
"""

import itertools

# importing lab puts .collections on sys.path for the planner import below
import lab  # noqa: F401  pylint: disable=unused-import
from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R

# Canonical token -> strongSwan proposal keyword. Source: strongSwan documentation, "IKEv2 Cipher
# Suites" (docs.strongswan.org/docs/5.9/config/IKEv2CipherSuites.html): aes256 = AES-CBC 256,
# aes256gcm16 = AES-GCM with a 16-byte ICV, sha256 = HMAC_SHA2_256_128, sha1 = HMAC_SHA1_96,
# modp1024 = DH group 2, modp1536 = group 5, modp2048 = group 14, ecp256 = group 19,
# ecp384 = group 20, modp2048s256 = group 24, modp768 = group 1.
ENCRYPTION = {"aes256-cbc": "aes256", "aes192-cbc": "aes192", "aes128-cbc": "aes128",
              "aes256-gcm": "aes256gcm16", "aes192-gcm": "aes192gcm16", "aes128-gcm": "aes128gcm16",
              "3des": "3des", "des": "des"}
INTEGRITY = {"sha1": "sha1", "sha256": "sha256", "sha384": "sha384", "md5": "md5"}
GROUPS = {"group1": "modp768", "group2": "modp1024", "group5": "modp1536", "group14": "modp2048",
          "group19": "ecp256", "group20": "ecp384", "group24": "modp2048s256"}

# Algorithms this machine's strongSwan (openssl 3 plugin) cannot run: single DES and MD5 are
# dropped from the default provider. They appear only in Azure's responder list (DES/SHA1), which
# OCI never proposes, so leaving them out changes no outcome; the lab says so in its table.
UNSUPPORTED = {"des", "md5"}


class ProposalError(ValueError):
    """A plan value the lab cannot turn into a proposal (names the field)."""


def _keyword(table, token, field):
    if token not in table:
        raise ProposalError("%s: %r has no strongSwan keyword in lab/proposals.py" % (field, token))
    return table[token]


def ike_proposal(encryption, integrity, group):
    """One IKE proposal keyword string, e.g. aes256-sha384-ecp384."""
    return "-".join((_keyword(ENCRYPTION, encryption, "ike encryption"),
                     _keyword(INTEGRITY, integrity, "ike integrity"),
                     _keyword(GROUPS, group, "dh group")))


def esp_proposal(encryption, integrity, pfs):
    """One ESP proposal keyword string; GCM carries its own integrity, no PFS means no DH."""
    parts = [_keyword(ENCRYPTION, encryption, "esp encryption")]
    if not encryption.endswith("-gcm"):
        parts.append(_keyword(INTEGRITY, integrity, "esp integrity"))
    if pfs:
        parts.append(_keyword(GROUPS, pfs, "pfs group"))
    return "-".join(parts)


def _usable(tuples):
    return [t for t in tuples if not (set(t[:2]) & UNSUPPORTED)]


def _compact_ike(tuples):
    """strongSwan proposals for IKE tuples: one combined proposal when they are a full product."""
    encs = sorted({t[0] for t in tuples}, key=[t[0] for t in tuples].index)
    ints = sorted({t[1] for t in tuples}, key=[t[1] for t in tuples].index)
    grps = sorted({t[2] for t in tuples}, key=[t[2] for t in tuples].index)
    if len(tuples) == len(encs) * len(ints) * len(grps) and \
            set(tuples) == set(itertools.product(encs, ints, grps)):
        return ["-".join([_keyword(ENCRYPTION, e, "ike encryption") for e in encs]
                         + [_keyword(INTEGRITY, i, "ike integrity") for i in ints]
                         + [_keyword(GROUPS, g, "dh group") for g in grps])]
    return [ike_proposal(*t) for t in tuples]


# --- OCI -----------------------------------------------------------------------------------------

def oci_phase_one_tuples(phase_one):
    if phase_one and phase_one.get("is_custom_phase_one_config"):
        return [(R.OCI_PHASE_ONE_ENCRYPTION[phase_one["encryption_algorithm"]],
                 R.OCI_PHASE_ONE_AUTHENTICATION[phase_one["authentication_algorithm"]],
                 R.OCI_DH_GROUPS[phase_one["diffie_helman_group"]])]
    return list(R.OCI_DEFAULT_PHASE_ONE)


def oci_phase_two_tuples(phase_two):
    """OCI phase two as (encryption, integrity, pfs) tuples; PFS applies with or without custom."""
    phase_two = phase_two or {}
    if "is_pfs_enabled" in phase_two or "pfs_dh_group" in phase_two:
        pfs = R.OCI_DH_GROUPS.get(phase_two.get("pfs_dh_group")) if phase_two.get("is_pfs_enabled") else None
    else:
        pfs = R.OCI_DEFAULT_PFS_GROUP  # OCI's default: PFS enabled, group 5 (cloud_rules)
    if phase_two.get("is_custom_phase_two_config"):
        enc = R.OCI_PHASE_TWO_ENCRYPTION[phase_two["encryption_algorithm"]]
        integ = "gcm" if enc.endswith("-gcm") else R.OCI_PHASE_TWO_AUTHENTICATION[
            phase_two["authentication_algorithm"]]
        return [(enc, integ, pfs)]
    return [(e, i, pfs) for e, i, _ in R.OCI_DEFAULT_PHASE_TWO]


def oci_lifetimes(phase_one, phase_two):
    ike = (phase_one or {}).get("lifetime_in_seconds") or R.OCI_DEFAULT_PHASE_ONE_LIFETIME
    child = (phase_two or {}).get("lifetime_in_seconds") or R.OCI_DEFAULT_PHASE_TWO_LIFETIME
    return int(ike), int(child)


# --- Azure ---------------------------------------------------------------------------------------

def azure_policy_tuples(policy):
    """(ike tuple, esp tuple) of one Azure ipsec_policy (Azure names -> canonical tokens)."""
    enc2 = R.AZURE_IPSEC_ENCRYPTION[policy["ipsec_encryption"]]
    integ2 = R.AZURE_IPSEC_INTEGRITY[policy["ipsec_integrity"]]
    ike = (R.AZURE_IKE_ENCRYPTION[policy["ike_encryption"]], R.AZURE_IKE_INTEGRITY[policy["ike_integrity"]],
           R.AZURE_DH_GROUPS[policy["dh_group"]])
    return ike, (enc2, integ2, R.AZURE_PFS_GROUPS[policy["pfs_group"]])


class Side:
    """One endpoint's crypto: IKE/ESP proposals (initiator and responder) and lifetimes."""

    def __init__(self, name, ike_tuples, esp_initiator, esp_responder, ike_lifetime, child_lifetime,
                 source):
        self.name = name
        self.ike_tuples = list(ike_tuples)
        self.esp_initiator = list(esp_initiator)
        self.esp_responder = list(esp_responder)
        self.ike_lifetime = ike_lifetime
        self.child_lifetime = child_lifetime
        self.source = source

    @property
    def ike_proposals(self):
        return _compact_ike(_usable(self.ike_tuples))

    def esp_proposals(self, initiator):
        tuples = _usable(self.esp_initiator if initiator else self.esp_responder)
        return [esp_proposal(*t) for t in tuples]

    def describe(self):
        return {"source": self.source, "ike": self.ike_proposals,
                "esp_as_initiator": self.esp_proposals(True), "esp_as_responder": self.esp_proposals(False),
                "ike_lifetime": self.ike_lifetime, "child_lifetime": self.child_lifetime}


def oci_side(plan_crypto_oci):
    p1, p2 = plan_crypto_oci.get("phase_one_config"), plan_crypto_oci.get("phase_two_config")
    esp = oci_phase_two_tuples(p2)
    ike_life, child_life = oci_lifetimes(p1, p2)
    source = "OCI %s phase one, %s phase two" % (
        "custom" if (p1 or {}).get("is_custom_phase_one_config") else "default",
        "custom" if (p2 or {}).get("is_custom_phase_two_config") else "default")
    # OCI with custom phase two proposes only those values (Oracle, Supported IPSec Parameters)
    # and accepts what it supports; the lab gives it the same list both ways.
    return Side("oci", oci_phase_one_tuples(p1), esp, esp, ike_life, child_life, source)


def azure_side(connection, use_default_policy):
    policies = connection.get("ipsec_policies") or []
    if use_default_policy or not policies:
        return Side("azure", R.AZURE_DEFAULT_MAIN_MODE, R.AZURE_DEFAULT_QUICK_MODE_INITIATOR,
                    R.AZURE_DEFAULT_QUICK_MODE_RESPONDER, R.AZURE_DEFAULT_MAIN_MODE_LIFETIME,
                    R.AZURE_DEFAULT_QUICK_MODE_LIFETIME, "Azure default policy (documented offer lists)")
    ike, esp = azure_policy_tuples(policies[0])
    # IpsecPolicy has no IKE SA lifetime (saLifeTimeSeconds is the Quick Mode SA's: IpsecPolicy REST/SDK
    # docs); the lab keeps the default policy's main mode 28800 s (unverified for custom policies).
    return Side("azure", [ike], [esp], [esp], R.AZURE_DEFAULT_MAIN_MODE_LIFETIME,
                int(policies[0].get("sa_life_time_seconds") or R.AZURE_DEFAULT_QUICK_MODE_LIFETIME),
                "Azure custom ipsecPolicies[0]")
