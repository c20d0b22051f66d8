# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Crypto profiles and the clouds' vocabularies, as data.

Field names are the Python SDK attribute names, which map one to one onto the REST names:
OCI ``phase_one_config``/``phase_two_config`` (PhaseOneConfigDetails/PhaseTwoConfigDetails:
phaseOneConfig.authenticationAlgorithm, ...), Azure ``ipsec_policies[]`` (IpsecPolicy:
saLifeTimeSeconds, ... - all eight fields required by ARM).

Canonical tokens (lower case) let the two vocabularies be compared: a tunnel negotiates only when,
for every parameter of each phase, the two sides' proposal sets intersect.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# --- OCI vocabulary (oci SDK, core models PhaseOneConfigDetails / PhaseTwoConfigDetails) -------
OCI_PHASE_ONE_ENCRYPTION = {"AES_256_CBC": "aes256-cbc", "AES_192_CBC": "aes192-cbc",
                            "AES_128_CBC": "aes128-cbc"}
OCI_PHASE_ONE_AUTHENTICATION = {"SHA2_384": "sha384", "SHA2_256": "sha256", "SHA1_96": "sha1"}
OCI_DH_GROUPS = {"GROUP2": "group2", "GROUP5": "group5", "GROUP14": "group14",
                 "GROUP19": "group19", "GROUP20": "group20", "GROUP24": "group24"}
OCI_PHASE_TWO_ENCRYPTION = {"AES_256_GCM": "aes256-gcm", "AES_192_GCM": "aes192-gcm",
                            "AES_128_GCM": "aes128-gcm", "AES_256_CBC": "aes256-cbc",
                            "AES_192_CBC": "aes192-cbc", "AES_128_CBC": "aes128-cbc"}
OCI_PHASE_TWO_AUTHENTICATION = {"HMAC_SHA2_256_128": "sha256", "HMAC_SHA1_128": "sha1"}
OCI_PHASE_ONE_LIFETIME = 28800
OCI_PHASE_TWO_LIFETIME = 3600

# --- Azure vocabulary (ARM Microsoft.Network IpsecPolicy enums, 2024-05-01) --------------------
AZURE_IKE_ENCRYPTION = {"AES256": "aes256-cbc", "AES192": "aes192-cbc", "AES128": "aes128-cbc",
                        "DES3": "3des", "DES": "des", "GCMAES256": "aes256-gcm",
                        "GCMAES128": "aes128-gcm"}
AZURE_IKE_INTEGRITY = {"SHA384": "sha384", "SHA256": "sha256", "SHA1": "sha1", "MD5": "md5",
                       "GCMAES256": "gcm-aes256", "GCMAES128": "gcm-aes128"}
AZURE_DH_GROUPS = {"DHGroup1": "group1", "DHGroup2": "group2", "DHGroup14": "group14",
                   "DHGroup2048": "group14", "ECP256": "group19", "ECP384": "group20",
                   "DHGroup24": "group24", "None": None}
AZURE_IPSEC_ENCRYPTION = {"AES256": "aes256-cbc", "AES192": "aes192-cbc", "AES128": "aes128-cbc",
                          "GCMAES256": "aes256-gcm", "GCMAES192": "aes192-gcm",
                          "GCMAES128": "aes128-gcm", "DES3": "3des", "DES": "des", "None": "none"}
# With GCM, Azure requires the integrity to be the same GCM value as the encryption.
AZURE_IPSEC_INTEGRITY = {"SHA256": "sha256", "SHA1": "sha1", "MD5": "md5", "GCMAES256": "gcm",
                         "GCMAES192": "gcm", "GCMAES128": "gcm"}
AZURE_PFS_GROUPS = {"PFS1": "group1", "PFS2": "group2", "PFS2048": "group14", "PFS14": "group14",
                    "ECP256": "group19", "ECP384": "group20", "PFS24": "group24", "None": None,
                    "PFSMM": "mm"}
AZURE_SA_LIFETIME_MIN = 300
AZURE_SA_DATA_SIZE_MIN = 1024
AZURE_SA_DATA_SIZE_DEFAULT = 102400000

# Preferred Azure name for a canonical token (the reverse maps have aliases: DHGroup2048, PFS14).
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

# --- What each side proposes/accepts when no custom policy is set (canonical tokens) ----------
# OCI defaults (Oracle "Supported IPSec parameters"): every supported phase-one combination;
# phase two with PFS enabled, group 5.
OCI_DEFAULT_PROPOSALS = {
    "phase_one": {"encryption": ["aes256-cbc", "aes192-cbc", "aes128-cbc"],
                  "integrity": ["sha384", "sha256", "sha1"],
                  "dh_group": ["group2", "group5", "group14", "group19", "group20", "group24"]},
    "phase_two": {"encryption": ["aes256-gcm", "aes192-gcm", "aes128-gcm", "aes256-cbc",
                                 "aes192-cbc", "aes128-cbc"],
                  "integrity": ["gcm", "sha256", "sha1"],
                  "pfs_group": ["group5"]},
}
# Azure route-based gateway defaults. UNVERIFIED exact lists (field facts section 4): DH group 2
# in main mode; quick mode accepts PFS none, 1, 2, 14, 24. Correct them here if Azure differs.
AZURE_DEFAULT_PROPOSALS = {
    "phase_one": {"encryption": ["aes256-cbc", "aes128-cbc", "3des"],
                  "integrity": ["sha256", "sha1"],
                  "dh_group": ["group2"]},
    "phase_two": {"encryption": ["aes256-gcm", "aes256-cbc", "aes128-cbc", "3des"],
                  "integrity": ["gcm", "sha256", "sha1"],
                  "pfs_group": [None, "group1", "group2", "group14", "group24"]},
}

# --- Profiles -----------------------------------------------------------------------------------
# Each profile states both sides explicitly; tests check that both sides negotiate.
PROFILES = {
    "azure-default-compatible": {
        "description": "Azure's default policy on the connections (no custom ipsecPolicies); OCI "
                       "keeps its default phase one and sets phase two to AES-256-GCM with PFS "
                       "group 14, which Azure accepts (OCI's default PFS group 5 is the classic "
                       "mismatch).",
        "oci": {
            "phase_one_config": {"is_custom_phase_one_config": False},
            "phase_two_config": {"is_custom_phase_two_config": True,
                                 "encryption_algorithm": "AES_256_GCM",
                                 "authentication_algorithm": None,
                                 "is_pfs_enabled": True,
                                 "pfs_dh_group": "GROUP14",
                                 "lifetime_in_seconds": 3600},
        },
        "azure": {"use_default_policy": True, "ipsec_policy": None},
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
}
DEFAULT_PROFILE = "azure-default-compatible"
