# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Crypto profiles (planner choices) and the clouds' vocabularies (from cloud_rules).

Field names are the Python SDK attribute names, which map one to one onto the REST names:
OCI ``phase_one_config``/``phase_two_config`` (PhaseOneConfigDetails/PhaseTwoConfigDetails:
phaseOneConfig.authenticationAlgorithm, ...), Azure ``ipsec_policies[]`` (IpsecPolicy:
saLifeTimeSeconds, ... - all eight fields required by ARM).

Canonical tokens (lower case, cloud_rules) let the two vocabularies be compared as proposal
tuples (crypto.negotiation).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R

# --- the clouds' vocabularies: cloud_rules.py (one table; re-exported for the planner) -------
OCI_PHASE_ONE_ENCRYPTION = R.OCI_PHASE_ONE_ENCRYPTION
OCI_PHASE_ONE_AUTHENTICATION = R.OCI_PHASE_ONE_AUTHENTICATION
OCI_DH_GROUPS = R.OCI_DH_GROUPS
OCI_PHASE_TWO_ENCRYPTION = R.OCI_PHASE_TWO_ENCRYPTION
OCI_PHASE_TWO_AUTHENTICATION = R.OCI_PHASE_TWO_AUTHENTICATION
OCI_PHASE_ONE_LIFETIME = R.OCI_DEFAULT_PHASE_ONE_LIFETIME
OCI_PHASE_TWO_LIFETIME = R.OCI_DEFAULT_PHASE_TWO_LIFETIME
AZURE_IKE_ENCRYPTION = R.AZURE_IKE_ENCRYPTION
AZURE_IKE_INTEGRITY = R.AZURE_IKE_INTEGRITY
AZURE_DH_GROUPS = R.AZURE_DH_GROUPS
AZURE_IPSEC_ENCRYPTION = R.AZURE_IPSEC_ENCRYPTION
AZURE_IPSEC_INTEGRITY = R.AZURE_IPSEC_INTEGRITY
AZURE_PFS_GROUPS = R.AZURE_PFS_GROUPS
AZURE_SA_LIFETIME_MIN = R.AZURE_SA_LIFETIME_MIN
AZURE_SA_DATA_SIZE_MIN = R.AZURE_SA_DATA_SIZE_MIN
AZURE_SA_DATA_SIZE_DEFAULT = R.AZURE_SA_DATA_SIZE_DEFAULT

# Planner choice: the Azure name written for a canonical token (the clouds' maps have aliases:
# DHGroup2048, PFS14).
AZURE_IKE_ENCRYPTION_FOR = {"aes256-cbc": "AES256", "aes192-cbc": "AES192", "aes128-cbc": "AES128"}
AZURE_IKE_INTEGRITY_FOR = {"sha384": "SHA384", "sha256": "SHA256", "sha1": "SHA1"}
AZURE_DH_GROUP_FOR = {"group2": "DHGroup2", "group14": "DHGroup14", "group19": "ECP256",
                      "group20": "ECP384", "group24": "DHGroup24"}
AZURE_IPSEC_ENCRYPTION_FOR = {"aes256-gcm": "GCMAES256", "aes192-gcm": "GCMAES192",
                              "aes128-gcm": "GCMAES128", "aes256-cbc": "AES256",
                              "aes192-cbc": "AES192", "aes128-cbc": "AES128"}
AZURE_IPSEC_INTEGRITY_FOR = {"sha256": "SHA256", "sha1": "SHA1"}
AZURE_PFS_GROUP_FOR = {"group2": "PFS2", "group14": "PFS2048", "group19": "ECP256",
                       "group20": "ECP384", "group24": "PFS24", None: "None"}

# --- Profiles -----------------------------------------------------------------------------------
# Each profile states both sides explicitly; tests check that both sides negotiate.
PROFILES = {
    "default": {
        "description": "A custom IPsec/IKE policy on the Azure connections that mirrors OCI's custom "
                       "phase one and two (the seed's advice): IKE AES-256-CBC / SHA-384 / group 14 "
                       "(DHGroup14), IPsec AES-256-GCM with PFS group 14 (PFS2048), lifetimes "
                       "mirrored (phase two 3600 s on both sides). Both sides then propose and "
                       "accept exactly one tuple, so the first child SA and every rekey agree "
                       "whichever side initiates. Needs a non-Basic gateway SKU.",
        "oci": {
            "phase_one_config": {"is_custom_phase_one_config": True,
                                 "encryption_algorithm": "AES_256_CBC",
                                 "authentication_algorithm": "SHA2_384",
                                 "diffie_helman_group": "GROUP14",
                                 "lifetime_in_seconds": R.OCI_DEFAULT_PHASE_ONE_LIFETIME},
            "phase_two_config": {"is_custom_phase_two_config": True,
                                 "encryption_algorithm": "AES_256_GCM",
                                 "authentication_algorithm": None,
                                 "is_pfs_enabled": True,
                                 "pfs_dh_group": "GROUP14",
                                 "lifetime_in_seconds": R.OCI_DEFAULT_PHASE_TWO_LIFETIME},
        },
        "azure": {"use_default_policy": False,
                  "ipsec_policy": {"sa_life_time_seconds": R.OCI_DEFAULT_PHASE_TWO_LIFETIME,
                                   "sa_data_size_kilobytes": R.AZURE_SA_DATA_SIZE_DEFAULT,
                                   "ipsec_encryption": "GCMAES256",
                                   "ipsec_integrity": "GCMAES256",
                                   "ike_encryption": "AES256",
                                   "ike_integrity": "SHA384",
                                   "dh_group": "DHGroup14",
                                   "pfs_group": "PFS2048"}},
    },
    "strong": {
        "description": "Custom policy on both sides: IKE AES-256-CBC / SHA-384 / group 20 "
                       "(ECP384), IPsec AES-256-GCM with PFS group 20 (ECP384). Needs a "
                       "non-Basic gateway SKU.",
        "oci": {
            "phase_one_config": {"is_custom_phase_one_config": True,
                                 "encryption_algorithm": "AES_256_CBC",
                                 "authentication_algorithm": "SHA2_384",
                                 "diffie_helman_group": "GROUP20",
                                 "lifetime_in_seconds": 28800},
            "phase_two_config": {"is_custom_phase_two_config": True,
                                 "encryption_algorithm": "AES_256_GCM",
                                 "authentication_algorithm": None,
                                 "is_pfs_enabled": True,
                                 "pfs_dh_group": "GROUP20",
                                 "lifetime_in_seconds": 3600},
        },
        "azure": {"use_default_policy": False,
                  "ipsec_policy": {"sa_life_time_seconds": 3600,
                                   "sa_data_size_kilobytes": 102400000,
                                   "ipsec_encryption": "GCMAES256",
                                   "ipsec_integrity": "GCMAES256",
                                   "ike_encryption": "AES256",
                                   "ike_integrity": "SHA384",
                                   "dh_group": "ECP384",
                                   "pfs_group": "ECP384"}},
    },
    "azure-default": {
        "description": "Azure keeps its default policy (no ipsecPolicies on the connections); OCI "
                       "sets custom phase one and two to tuples both of Azure's default lists "
                       "hold: IKE AES-256-CBC / SHA-256 / group 2 (Azure's default main mode offers "
                       "group 2 only) and IPsec AES-256-GCM with PFS off (Azure never proposes PFS "
                       "as initiator and accepts GCM only without PFS).",
        "oci": {
            "phase_one_config": {"is_custom_phase_one_config": True,
                                 "encryption_algorithm": "AES_256_CBC",
                                 "authentication_algorithm": "SHA2_256",
                                 "diffie_helman_group": "GROUP2",
                                 "lifetime_in_seconds": R.OCI_DEFAULT_PHASE_ONE_LIFETIME},
            "phase_two_config": {"is_custom_phase_two_config": True,
                                 "encryption_algorithm": "AES_256_GCM",
                                 "authentication_algorithm": None,
                                 "is_pfs_enabled": False,
                                 "pfs_dh_group": None,
                                 "lifetime_in_seconds": R.OCI_DEFAULT_PHASE_TWO_LIFETIME},
        },
        "azure": {"use_default_policy": True, "ipsec_policy": None},
    },
}
DEFAULT_PROFILE = "default"
# Old profile names -> the profile they now mean. "azure-default-compatible" planned GCM with PFS
# group 14 against Azure's default policy: the first child SA came up, the first phase-two rekey
# (OCI initiates it after 3600 s) failed. It now means "azure-default" (Azure keeps its default,
# OCI chooses tuples Azure's lists hold).
PROFILE_ALIASES = {"azure-default-compatible": "azure-default"}
PROFILE_NAMES = tuple(sorted(PROFILES)) + tuple(sorted(PROFILE_ALIASES))


def profile_name(name):
    """The canonical profile name for ``name`` (an alias resolves to its profile)."""
    return PROFILE_ALIASES.get(name, name)
