#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_ipsec_connection
short_description: Manage an OCI site-to-site VPN (IPSec connection) and both of its tunnels
version_added: 0.1.0
description:
  - Manages an IPSec connection between a DRG and a CPE, and the configuration of its two
    tunnels, that is routing (BGP, static or policy), IKE version, BGP inside addresses and ASN, phase one
    and phase two proposals, dead peer detection, Oracle initiation, NAT-T and the shared secret.
  - Tunnel settings are reconciled in place after creation through the tunnel and shared-secret
    endpoints, comparing each tunnel's settings in the shape the API reads them, so a second run
    makes no change and no write.
  - The connection is found by O(id), or by O(compartment_id), O(drg_id) and O(display_name).
  - O(drg_id) and O(cpe_id) cannot be changed in place; a change fails and names them, unless
    O(replace=true) deletes and re-creates the connection.
options:
  state:
    description: Whether the IPSec connection should exist.
    type: str
    choices: [present, absent]
    default: present
  id:
    description: OCID of the IPSec connection. When set, O(display_name) renames it.
    type: str
  display_name:
    description: Name of the connection, unique per DRG (how the module finds it).
    type: str
    aliases: [name]
  drg_id:
    description: OCID of the DRG. Required to create.
    type: str
  cpe_id:
    description: OCID of the CPE (the remote VPN device). Required to create.
    type: str
  static_routes:
    description:
      - Remote IPv4 prefixes routed through static tunnels, at most 10. Order does not matter.
      - Required to create unless both tunnels use BGP.
    type: list
    elements: str
  cpe_local_identifier:
    description: The IKE identity of the CPE; OCI uses the CPE's IP address when not set.
    type: str
  cpe_local_identifier_type:
    description: Type of O(cpe_local_identifier).
    type: str
    choices: [IP_ADDRESS, HOSTNAME]
  tunnels:
    description:
      - Settings of the connection's two tunnels, in order (the first entry is the first tunnel).
        Give one entry to configure only the first tunnel, or an empty first entry to configure
        only the second.
      - An existing tunnel whose display name equals an entry's O(tunnels[].display_name) is
        matched to that entry; the others are matched in the order the API lists them.
      - Only the settings given are compared and changed.
    type: list
    elements: dict
    suboptions:
      display_name:
        description: Name of the tunnel.
        type: str
      routing:
        description: How the tunnel learns routes. V(BGP) needs O(tunnels[].bgp).
        type: str
        choices: [BGP, STATIC, POLICY]
      ike_version:
        description: IKE version; V(V2) for Azure.
        type: str
        choices: [V1, V2]
      bgp:
        description: BGP session of the tunnel.
        type: dict
        suboptions:
          oracle_interface_ip:
            description:
              - Oracle's inside tunnel address with its prefix, /30 or /31, for example
                V(169.254.21.1/30).
            type: str
          customer_interface_ip:
            description:
              - The CPE's inside tunnel address in the same /30 or /31, for example
                V(169.254.21.2/30). For Azure, the VPN gateway's custom APIPA BGP address.
            type: str
          customer_bgp_asn:
            description: The CPE's BGP ASN (2-byte or 4-byte, as a number).
            type: int
      phase_one:
        description: IKE (phase one) proposal.
        type: dict
        suboptions:
          custom:
            description:
              - Whether the proposal below replaces OCI's default proposals. Defaults to V(true)
                when an algorithm or DH group is given; a custom proposal needs all three.
            type: bool
          authentication_algorithm:
            description: Integrity algorithm.
            type: str
            choices: [SHA2_384, SHA2_256, SHA1_96]
          encryption_algorithm:
            description: Encryption algorithm.
            type: str
            choices: [AES_256_CBC, AES_192_CBC, AES_128_CBC]
          dh_group:
            description: Diffie-Hellman group.
            type: str
            choices: [GROUP2, GROUP5, GROUP14, GROUP19, GROUP20, GROUP24]
          lifetime_in_seconds:
            description: IKE SA lifetime (OCI's default 28800).
            type: int
      phase_two:
        description: IPSec (phase two) proposal.
        type: dict
        suboptions:
          custom:
            description:
              - Whether the algorithms below replace OCI's default proposals. Defaults to V(true)
                when an algorithm is given. A custom proposal needs O(tunnels[].phase_two.encryption_algorithm)
                and, unless it is GCM, O(tunnels[].phase_two.authentication_algorithm).
              - PFS (O(tunnels[].phase_two.pfs_enabled), O(tunnels[].phase_two.pfs_dh_group)) applies with
                or without a custom proposal.
            type: bool
          authentication_algorithm:
            description: Integrity algorithm (none with GCM encryption).
            type: str
            choices: [HMAC_SHA2_256_128, HMAC_SHA1_128]
          encryption_algorithm:
            description: Encryption algorithm.
            type: str
            choices: [AES_256_GCM, AES_192_GCM, AES_128_GCM, AES_256_CBC, AES_192_CBC, AES_128_CBC]
          pfs_enabled:
            description: Whether perfect forward secrecy is used.
            type: bool
          pfs_dh_group:
            description:
              - PFS Diffie-Hellman group. OCI's default, GROUP5, does not match Azure's defaults;
                use GROUP2, GROUP14 or GROUP24 towards Azure.
            type: str
            choices: [GROUP2, GROUP5, GROUP14, GROUP19, GROUP20, GROUP24]
          lifetime_in_seconds:
            description: IPSec SA lifetime (OCI's default 3600).
            type: int
      dpd:
        description: Dead peer detection.
        type: dict
        suboptions:
          mode:
            description: Whether Oracle initiates DPD or only responds.
            type: str
            choices: [INITIATE_AND_RESPOND, RESPOND_ONLY]
          timeout_in_sec:
            description: Seconds without a DPD response before the peer is declared dead (15-172800).
            type: int
      oracle_initiation:
        description:
          - Whether Oracle may initiate IKE (V(RESPONDER_ONLY) - OCI waits for Azure to start
            IKE and every rekey it would have started). It is about IKE only - OCI has no BGP
            active/passive setting. V(INITIATOR_OR_RESPONDER) lets either side bring the tunnel
            up, OCI's usual choice towards Azure.
        type: str
        choices: [INITIATOR_OR_RESPONDER, RESPONDER_ONLY]
      nat_translation:
        description: NAT traversal.
        type: str
        choices: [ENABLED, DISABLED, AUTO]
      shared_secret:
        description:
          - Pre-shared key; letters, digits and spaces only, at most 255 characters. OCI generates
            one when not set (see O(return_shared_secrets)). Never logged, masked in diffs.
        type: str
  return_shared_secrets:
    description:
      - Return both tunnels' shared secrets in RV(shared_secrets), for example to configure the
        Azure connection with the secret OCI generated.
      - The task B(must) set C(no_log=true), otherwise the secrets appear in the output. A secret
        given in O(tunnels[].shared_secret) is replaced by Ansible with
        C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER) in any result.
    type: bool
    default: false
  replace:
    description:
      - Delete and re-create the connection when O(drg_id) or O(cpe_id) differ from the existing
        connection's.
    type: bool
    default: false
extends_documentation_fragment:
  - interconnect.oci_azure.oci_auth
  - interconnect.oci_azure.oci_wait
  - interconnect.oci_azure.oci_resource
  - interconnect.oci_azure.attributes.OCI
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
attributes:
  diff_mode:
    details: Shared secrets are shown as C(********), and C(******** (changed)) when they change.
notes:
  - Changing a tunnel's routing, BGP settings or shared secret makes OCI re-provision that tunnel;
    with O(wait=true) the module waits until it is AVAILABLE again.
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: BGP VPN to an active-passive Azure VPN gateway (both tunnels, ECMP on the DRG)
  interconnect.oci_azure.oci_ipsec_connection:
    compartment_id: "{{ oci_compartment_id }}"
    display_name: to-azure
    drg_id: "{{ drg.drg.id }}"
    cpe_id: "{{ cpe.cpe.id }}"
    tunnels:
      - display_name: to-azure-1
        routing: BGP
        ike_version: V2
        bgp:
          oracle_interface_ip: 169.254.21.1/30
          customer_interface_ip: 169.254.21.2/30
          customer_bgp_asn: 65010
        phase_two:
          pfs_enabled: true
          pfs_dh_group: GROUP14
      - display_name: to-azure-2
        routing: BGP
        ike_version: V2
        bgp:
          oracle_interface_ip: 169.254.21.3/31
          customer_interface_ip: 169.254.21.2/31
          customer_bgp_asn: 65010
        phase_two:
          pfs_enabled: true
          pfs_dh_group: GROUP14
    return_shared_secrets: true
  no_log: true
  register: vpn

- name: Static routes, one tunnel used, secret chosen by the caller
  interconnect.oci_azure.oci_ipsec_connection:
    compartment_id: "{{ oci_compartment_id }}"
    display_name: to-azure-static
    drg_id: "{{ drg.drg.id }}"
    cpe_id: "{{ cpe.cpe.id }}"
    static_routes: [10.20.0.0/17, 10.20.128.0/17]
    tunnels:
      - routing: STATIC
        ike_version: V2
        shared_secret: "{{ vpn_psk }}"
"""

RETURN = r"""
ipsec_connection:
  description:
    - The connection as the API reads it (oci SDK model as a dict, snake_case keys), with
      C(tunnels), the two tunnels in the order of O(tunnels). Shared secrets are masked. Empty
      after a delete. In check mode, the predicted connection.
  returned: always
  type: dict
  contains:
    tunnels:
      description: The tunnels as the API reads them (C(vpn_ip) is Oracle's public VPN address).
      type: list
      elements: dict
  sample:
    id: ocid1.ipsecconnection.oc1.iad.aaaaaaaaexample
    display_name: to-azure
    drg_id: ocid1.drg.oc1.iad.aaaaaaaaexample
    cpe_id: ocid1.cpe.oc1.iad.aaaaaaaaexample
    static_routes: []
    lifecycle_state: AVAILABLE
    tunnels:
      - id: ocid1.ipsectunnel.oc1.iad.aaaaaaaaexample1
        display_name: to-azure-1
        vpn_ip: 129.146.12.1
        routing: BGP
        ike_version: V2
        status: UP
        lifecycle_state: AVAILABLE
        bgp_session_info:
          oracle_interface_ip: 169.254.21.1/30
          customer_interface_ip: 169.254.21.2/30
          customer_bgp_asn: "65010"
          oracle_bgp_asn: "31898"
          bgp_state: UP
        phase_two_details:
          is_custom_phase_two_config: true
          is_pfs_enabled: true
          dh_group: GROUP14
        dpd_mode: INITIATE_AND_RESPOND
        dpd_timeout_in_sec: 20
        oracle_can_initiate: INITIATOR_OR_RESPONDER
        nat_translation_enabled: AUTO
shared_secrets:
  description:
    - Each tunnel's shared secret, when O(return_shared_secrets=true). Sensitive; set
      C(no_log=true) on the task.
  returned: when O(return_shared_secrets=true) and the connection exists
  type: list
  elements: dict
  contains:
    tunnel_id:
      description: OCID of the tunnel.
      type: str
    display_name:
      description: Name of the tunnel.
      type: str
    vpn_ip:
      description: Oracle's VPN address of the tunnel.
      type: str
    shared_secret:
      description: The pre-shared key.
      type: str
changed_fields:
  description: Dotted paths of the fields that differed, for example C(tunnels.1.phase_two_details.dh_group).
  returned: when an existing connection changed
  type: list
  elements: str
"""

import copy
import re

from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses
from ansible_collections.interconnect.oci_azure.plugins.module_utils.cloud_rules import (
    ASN_MAX, ASN_MIN, OCI_MAX_STATIC_ROUTES, OCI_SECRET_MAX, OCI_SECRET_PATTERN,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    KNOWN_AFTER_CREATE, differences, get_path, merge, run_ensure, set_path,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field, FieldTable
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_api import OCIModule
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_checks import (
    cidr_problems,
    inside_address_problems,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_errors import oci
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_resource import (
    OCI_FIELDS,
    OCIResource,
    build_model,
    resource_argument_spec,
)

MAX_STATIC_ROUTES = OCI_MAX_STATIC_ROUTES
SHARED_SECRET = re.compile(OCI_SECRET_PATTERN)

GROUP_CHOICES = ["GROUP2", "GROUP5", "GROUP14", "GROUP19", "GROUP20", "GROUP24"]


def container(option):
    return Field(option, spec=dict(type="dict"), write=False)


# A tunnel entry's fields: option path in the entry, path in the tunnel as the API reads it
# (IPSecConnectionTunnel), path in the tunnel create/update details. The API writes
# phaseOneConfig/dpdConfig/oracleInitiation but reads phaseOneDetails/dpdMode+dpdTimeoutInSec/
# oracleCanInitiate: comparing across that asymmetry is what makes other modules report a change
# on every run.
TUNNEL_FIELDS = FieldTable(
    Field("display_name", "display_name", "display_name", dict(type="str")),
    Field("routing", "routing", "routing", dict(type="str", choices=["BGP", "STATIC", "POLICY"])),
    Field("ike_version", "ike_version", "ike_version", dict(type="str", choices=["V1", "V2"])),
    container("bgp"),
    Field("bgp.oracle_interface_ip", "bgp_session_info.oracle_interface_ip",
          "bgp_session_config.oracle_interface_ip", dict(type="str")),
    Field("bgp.customer_interface_ip", "bgp_session_info.customer_interface_ip",
          "bgp_session_config.customer_interface_ip", dict(type="str")),
    # the API carries ASNs as strings
    Field("bgp.customer_bgp_asn", "bgp_session_info.customer_bgp_asn",
          "bgp_session_config.customer_bgp_asn", dict(type="int"), to_api=str),
    container("phase_one"),
    Field("phase_one.custom", "phase_one_details.is_custom_phase_one_config",
          "phase_one_config.is_custom_phase_one_config", dict(type="bool")),
    Field("phase_one.authentication_algorithm", "phase_one_details.custom_authentication_algorithm",
          "phase_one_config.authentication_algorithm",
          dict(type="str", choices=["SHA2_384", "SHA2_256", "SHA1_96"])),
    Field("phase_one.encryption_algorithm", "phase_one_details.custom_encryption_algorithm",
          "phase_one_config.encryption_algorithm",
          dict(type="str", choices=["AES_256_CBC", "AES_192_CBC", "AES_128_CBC"])),
    Field("phase_one.dh_group", "phase_one_details.custom_dh_group",
          "phase_one_config.diffie_helman_group", dict(type="str", choices=GROUP_CHOICES)),
    Field("phase_one.lifetime_in_seconds", "phase_one_details.lifetime",
          "phase_one_config.lifetime_in_seconds", dict(type="int")),
    container("phase_two"),
    Field("phase_two.custom", "phase_two_details.is_custom_phase_two_config",
          "phase_two_config.is_custom_phase_two_config", dict(type="bool")),
    Field("phase_two.authentication_algorithm", "phase_two_details.custom_authentication_algorithm",
          "phase_two_config.authentication_algorithm",
          dict(type="str", choices=["HMAC_SHA2_256_128", "HMAC_SHA1_128"])),
    Field("phase_two.encryption_algorithm", "phase_two_details.custom_encryption_algorithm",
          "phase_two_config.encryption_algorithm",
          dict(type="str", choices=["AES_256_GCM", "AES_192_GCM", "AES_128_GCM",
                                    "AES_256_CBC", "AES_192_CBC", "AES_128_CBC"])),
    Field("phase_two.pfs_enabled", "phase_two_details.is_pfs_enabled",
          "phase_two_config.is_pfs_enabled", dict(type="bool")),
    Field("phase_two.pfs_dh_group", "phase_two_details.dh_group", "phase_two_config.pfs_dh_group",
          dict(type="str", choices=GROUP_CHOICES)),
    Field("phase_two.lifetime_in_seconds", "phase_two_details.lifetime",
          "phase_two_config.lifetime_in_seconds", dict(type="int")),
    container("dpd"),
    Field("dpd.mode", "dpd_mode", "dpd_config.dpd_mode",
          dict(type="str", choices=["INITIATE_AND_RESPOND", "RESPOND_ONLY"])),
    Field("dpd.timeout_in_sec", "dpd_timeout_in_sec", "dpd_config.dpd_timeout_in_sec",
          dict(type="int")),
    Field("oracle_initiation", "oracle_can_initiate", "oracle_initiation",
          dict(type="str", choices=["INITIATOR_OR_RESPONDER", "RESPONDER_ONLY"])),
    Field("nat_translation", "nat_translation_enabled", "nat_translation_enabled",
          dict(type="str", choices=["ENABLED", "DISABLED", "AUTO"])),
    # set through its own endpoint (UpdateIPSecConnectionTunnelSharedSecretDetails), never with
    # the tunnel's other settings
    Field("shared_secret", "shared_secret", "shared_secret", dict(type="str"), secret=True,
          update=False),
)
# Options that make a phase proposal custom when given (lifetimes apply either way).
PHASE_CUSTOM_TRIGGERS = {
    "phase_one": ("authentication_algorithm", "encryption_algorithm", "dh_group"),
    "phase_two": ("authentication_algorithm", "encryption_algorithm"),
}
# What a custom proposal must name (OCI rejects a custom proposal missing one of them); a phase
# two with GCM encryption has no separate authentication algorithm.
PHASE_CUSTOM_REQUIRED = {
    "phase_one": ("authentication_algorithm", "encryption_algorithm", "dh_group"),
    "phase_two": ("encryption_algorithm",),
}
DPD_TIMEOUT_RANGE = (15, 172800)
SECRET_FIELD = "shared_secret"


def tunnel_desired(entry):
    """A tunnel entry of the ``tunnels`` option in the shape the API reads a tunnel."""
    entry = copy.deepcopy(entry or {})
    for phase, triggers in PHASE_CUSTOM_TRIGGERS.items():
        settings = entry.get(phase)
        if settings and settings.get("custom") is None:
            if any(settings.get(key) is not None for key in triggers):
                settings["custom"] = True
    return TUNNEL_FIELDS.desired(entry)


def tunnel_write(desired, current=None):
    """Create/update details (as a dict of write-shape fields) for a desired tunnel.

    With ``current`` (an update), every nested object that is sent is completed from the current
    tunnel, because the API replaces a nested object as a whole; the secret is left out (it has
    its own endpoint).
    """
    write = TUNNEL_FIELDS.write(desired, update=current is not None)
    if current is not None:
        for field in TUNNEL_FIELDS:
            if not field.write or not field.update or "." not in field.write:
                continue
            group = field.write.split(".")[0]
            if group in write and get_path(write, field.write) is None:
                value = get_path(current, field.read)
                if value is not None:
                    set_path(write, field.write, value)
    return write


def tunnel_details(write, update):
    """SDK model for a tunnel write dict (nested models follow the SDK's type map)."""
    return build_model("UpdateIPSecConnectionTunnelDetails" if update
                       else "CreateIPSecConnectionTunnelDetails", write)


def match_tunnels(entries, tunnels):
    """The API's tunnels reordered so that item i is the tunnel entry i of the option configures.

    A tunnel whose display name equals exactly one entry's display name goes to that entry; the
    rest follow in the API's order.
    """
    remaining = list(tunnels)
    ordered = [None] * max(len(entries), len(tunnels))
    for index, entry in enumerate(entries):
        name = (entry or {}).get("display_name")
        if not name:
            continue
        named = [t for t in remaining if t.get("display_name") == name]
        if len(named) == 1:
            ordered[index] = named[0]
            remaining.remove(named[0])
    for index in range(len(ordered)):
        if ordered[index] is None and remaining:
            ordered[index] = remaining.pop(0)
    return [t for t in ordered if t is not None]


def tunnel_problems(index, entry):
    label = "tunnels[%d]" % index
    problems = []
    entry = entry or {}
    bgp = entry.get("bgp") or {}
    routing = entry.get("routing")
    if routing == "BGP":
        for key in ("oracle_interface_ip", "customer_interface_ip", "customer_bgp_asn"):
            if bgp.get(key) is None:
                problems.append("%s: routing BGP needs bgp.%s" % (label, key))
    elif routing is not None and bgp.get("customer_bgp_asn") is not None:
        problems.append("%s: bgp.customer_bgp_asn is only used with routing BGP" % label)
    inside = []
    for key in ("oracle_interface_ip", "customer_interface_ip"):
        if bgp.get(key) is not None:
            found = inside_address_problems(bgp[key], "%s.bgp.%s" % (label, key))
            problems.extend(found)
            if not found:
                inside.append(addresses.parse_interface(bgp[key]))
    if len(inside) == 2:
        (oracle_ip, oracle_net), (customer_ip, customer_net) = inside
        if oracle_net != customer_net:
            problems.append("%s.bgp: oracle_interface_ip %s and customer_interface_ip %s must be in "
                            "the same /30 or /31" % (label, bgp["oracle_interface_ip"], bgp["customer_interface_ip"]))
        elif oracle_ip == customer_ip:
            problems.append("%s.bgp: oracle_interface_ip and customer_interface_ip must differ" % label)
    asn = bgp.get("customer_bgp_asn")
    if asn is not None and not ASN_MIN <= asn <= ASN_MAX:
        problems.append("%s.bgp.customer_bgp_asn %s is not a valid ASN (%d-%d)" % (label, asn, ASN_MIN, ASN_MAX))
    secret = entry.get(SECRET_FIELD)
    if secret is not None and not (SHARED_SECRET.match(secret) and len(secret) <= OCI_SECRET_MAX):
        # never echo the secret itself
        problems.append("%s.shared_secret must be 1-%d letters, digits and spaces (OCI rejects "
                        "other characters)" % (label, OCI_SECRET_MAX))
    for phase in ("phase_one", "phase_two"):
        settings = entry.get(phase) or {}
        triggered = any(settings.get(key) is not None for key in PHASE_CUSTOM_TRIGGERS[phase])
        if settings.get("custom") is False and triggered:
            problems.append("%s.%s: custom=false uses OCI's default proposals; remove the "
                            "algorithms or set custom=true" % (label, phase))
        if settings.get("custom") or (settings.get("custom") is None and triggered):
            required = list(PHASE_CUSTOM_REQUIRED[phase])
            if phase == "phase_two" and not (settings.get("encryption_algorithm") or "").endswith("_GCM"):
                required.append("authentication_algorithm")
            absent = [key for key in required if settings.get(key) is None]
            if absent:
                problems.append("%s.%s: a custom proposal needs %s" % (label, phase, ", ".join(absent)))
        lifetime = settings.get("lifetime_in_seconds")
        if lifetime is not None and lifetime <= 0:
            problems.append("%s.%s.lifetime_in_seconds must be positive" % (label, phase))
    phase_two = entry.get("phase_two") or {}
    if phase_two.get("pfs_enabled") is False and phase_two.get("pfs_dh_group"):
        problems.append("%s.phase_two: pfs_dh_group needs pfs_enabled=true" % label)
    encryption = phase_two.get("encryption_algorithm") or ""
    if encryption.endswith("_GCM") and phase_two.get("authentication_algorithm"):
        problems.append("%s.phase_two: GCM encryption has its own integrity; remove "
                        "authentication_algorithm" % label)
    dpd = entry.get("dpd") or {}
    timeout = dpd.get("timeout_in_sec")
    if timeout is not None and not DPD_TIMEOUT_RANGE[0] <= timeout <= DPD_TIMEOUT_RANGE[1]:
        problems.append("%s.dpd.timeout_in_sec must be between %d and %d seconds"
                        % ((label,) + DPD_TIMEOUT_RANGE))
    return problems


def tunnels_to_api(entries):
    return [tunnel_desired(entry) for entry in entries] or None


def tunnels_problems(entries, option):
    problems = []
    if len(entries) > 2:
        problems.append("%s: an IPSec connection has exactly 2 tunnels; got %d entries"
                        % (option, len(entries)))
    for index, entry in enumerate(entries):
        problems.extend(tunnel_problems(index, entry))
    return problems


def static_routes_problems(routes, option):
    problems = []
    if len(routes) > MAX_STATIC_ROUTES:
        problems.append("%s: at most %d prefixes, got %d" % (option, MAX_STATIC_ROUTES, len(routes)))
    for route in routes:
        problems.extend(cidr_problems(route, option))
    return problems


def both_tunnels_bgp(entries):
    return len(entries) == 2 and all((e or {}).get("routing") == "BGP" for e in entries)


#: CreateIPSecConnectionDetails / UpdateIPSecConnectionDetails; the tunnels are sub-resources,
#: created with the connection (tunnel_configuration) and updated through their own endpoints
FIELDS = OCI_FIELDS.extended(
    Field("drg_id", spec=dict(type="str"), immutable=True, required_to_create=True),
    Field("cpe_id", spec=dict(type="str"), immutable=True, required_to_create=True),
    Field("static_routes", spec=dict(type="list", elements="str"), unordered=True,
          validate=static_routes_problems),
    Field("cpe_local_identifier", spec=dict(type="str")),
    Field("cpe_local_identifier_type", spec=dict(type="str", choices=["IP_ADDRESS", "HOSTNAME"])),
    Field("tunnels", write=False, to_api=tunnels_to_api, validate=tunnels_problems,
          spec=dict(type="list", elements="dict", options=TUNNEL_FIELDS.argument_spec())),
)


class IPSecConnection(OCIResource):
    kind = "IPSec connection"
    ocid_type = "ipsecconnection"
    result_key = "ipsec_connection"
    fields = FIELDS
    get_method = "get_ip_sec_connection"
    create_method = "create_ip_sec_connection"
    update_method = "update_ip_sec_connection"
    delete_method = "delete_ip_sec_connection"
    create_model = "CreateIPSecConnectionDetails"
    update_model = "UpdateIPSecConnectionDetails"
    #: the tunnels' secrets, in the read shape of the connection with its tunnels
    secret_paths = tuple("tunnels.%d.%s" % (index, path) for index in (0, 1)
                         for path in TUNNEL_FIELDS.secret_paths)
    parent_option = "drg_id"

    def __init__(self, module, api):
        super(IPSecConnection, self).__init__(module, api)
        self.latest = None

    # -- input -------------------------------------------------------------------------------
    def entries(self):
        return self.params.get("tunnels") or []

    def validate(self):
        problems = super(IPSecConnection, self).validate()
        if self.params.get("cpe_local_identifier_type") and not self.params.get("cpe_local_identifier"):
            problems.append("cpe_local_identifier_type needs cpe_local_identifier")
        return problems

    def create_problems(self, desired):
        problems = super(IPSecConnection, self).create_problems(desired)
        if not self.params.get("static_routes") and not both_tunnels_bgp(self.entries()):
            problems.append("static_routes is required to create the IPSec connection %r unless "
                            "both tunnels use routing BGP" % self.name())
        return problems

    def wants_secrets(self):
        return bool(self.params.get("return_shared_secrets")) or any(
            (e or {}).get(SECRET_FIELD) is not None for e in self.entries())

    # -- reading -----------------------------------------------------------------------------
    def list_candidates(self):
        kwargs = {}
        if self.params.get("drg_id"):
            kwargs["drg_id"] = self.params["drg_id"]
        return self.api.list_all("list_ip_sec_connections", self.compartment_id(), **kwargs)

    def matches(self, model):
        if self.params.get("drg_id") and model.drg_id != self.params["drg_id"]:
            return False
        return model.display_name == self.params.get("display_name")

    def read_tunnels(self, connection_id):
        tunnels = [oci.util.to_dict(t) for t in
                   self.api.list_all("list_ip_sec_connection_tunnels", connection_id)]
        tunnels = match_tunnels(self.entries(), tunnels)
        if self.wants_secrets():
            for tunnel in tunnels:
                secret = self.api.call("get_ip_sec_connection_tunnel_shared_secret",
                                       connection_id, tunnel["id"])
                tunnel[SECRET_FIELD] = secret.shared_secret
        return tunnels

    def read(self, model):
        connection = oci.util.to_dict(model)
        connection["tunnels"] = self.read_tunnels(connection["id"])
        self.latest = connection
        return connection

    # -- comparing: per tunnel, matched by display name then order --------------------------
    def compare(self, desired, current):
        top = dict((k, v) for k, v in desired.items() if k != "tunnels")
        changed = differences(top, current, self.unordered_paths)
        have = current.get("tunnels") or []
        for index, want in enumerate(desired.get("tunnels") or []):
            tunnel = have[index] if index < len(have) else {}
            changed.extend("tunnels.%d.%s" % (index, path) for path in differences(want, tunnel))
        return changed

    def predict(self, current, desired):
        top = dict((k, v) for k, v in desired.items() if k != "tunnels")
        after = super(IPSecConnection, self).predict(current, top)
        tunnels = copy.deepcopy((current or {}).get("tunnels") or [])
        for index, want in enumerate(desired.get("tunnels") or []):
            if index < len(tunnels):
                tunnels[index] = merge(tunnels[index], want)
            else:
                # OCI assigns the headend's address, and generates a key the user did not give
                tunnels.append(merge({"id": KNOWN_AFTER_CREATE, "lifecycle_state": "AVAILABLE",
                                      "vpn_ip": KNOWN_AFTER_CREATE, SECRET_FIELD: KNOWN_AFTER_CREATE},
                                     want))
        after["tunnels"] = tunnels
        self.latest = after     # what return_shared_secrets reports in a dry run
        return after

    # -- writing -----------------------------------------------------------------------------
    def create_body(self, desired):
        body = super(IPSecConnection, self).create_body(desired)
        body.setdefault("static_routes", [])    # the API requires the list, empty with BGP
        tunnels = [tunnel_write(tunnel) for tunnel in desired.get("tunnels") or []]
        if tunnels:
            body["tunnel_configuration"] = tunnels
        return body

    def create(self, desired):
        created = super(IPSecConnection, self).create(desired)
        # settings the create did not apply (or a create without tunnel configuration) are
        # reconciled through the tunnel endpoints, exactly as for an existing connection
        changed = self.compare(desired, created)
        if not changed:
            return created
        return self.update(created, desired, changed)

    def update(self, current, desired, changed_paths):
        connection_id = current["id"]
        top_changed = [p for p in changed_paths if not p.startswith("tunnels.")]
        if top_changed:
            self.api.call(self.update_method, connection_id,
                          self.update_details(current, desired, top_changed))
        tunnels = current.get("tunnels") or []
        for index, want in enumerate(desired.get("tunnels") or []):
            if index >= len(tunnels):
                break
            prefix = "tunnels.%d." % index
            fields = [p[len(prefix):] for p in changed_paths if p.startswith(prefix)]
            if not fields:
                continue
            tunnel = tunnels[index]
            settings_changed = [f for f in fields if f != SECRET_FIELD]
            if settings_changed:
                self.tunnel_ready(connection_id, tunnel["id"])
                write = tunnel_write(dict((k, v) for k, v in want.items() if k != SECRET_FIELD),
                                     current=tunnel)
                self.api.call("update_ip_sec_connection_tunnel", connection_id, tunnel["id"],
                              tunnel_details(write, update=True))
            if SECRET_FIELD in fields:
                self.tunnel_ready(connection_id, tunnel["id"])
                self.api.call("update_ip_sec_connection_tunnel_shared_secret", connection_id,
                              tunnel["id"], oci.core.models.UpdateIPSecConnectionTunnelSharedSecretDetails(
                                  shared_secret=want[SECRET_FIELD]))
        return self.after_write(connection_id)

    def tunnel_ready(self, connection_id, tunnel_id):
        """A tunnel must be AVAILABLE before it accepts a change (bounded by wait_timeout)."""
        self.api.wait_for("get_ip_sec_connection_tunnel", (connection_id, tunnel_id),
                          states=("AVAILABLE",), what="tunnel %s" % tunnel_id)

    def after_write(self, resource_id):
        connection_id = resource_id
        if self.params.get("wait"):
            self.api.wait_for(self.get_method, connection_id, states=self.ready_states,
                              what=self.describe())
            for tunnel in self.api.list_all("list_ip_sec_connection_tunnels", connection_id):
                if tunnel.lifecycle_state != "AVAILABLE":
                    self.tunnel_ready(connection_id, tunnel.id)
        return self.fetch(connection_id)

    def wait_ready(self, resource):
        pending = resource.get("lifecycle_state") != "AVAILABLE" or any(
            t.get("lifecycle_state") != "AVAILABLE" for t in resource.get("tunnels") or [])
        if self.params.get("wait") and pending:
            return self.after_write(resource["id"])
        return resource

    def extra_results(self, result):
        if not self.params.get("return_shared_secrets") or self.params.get("state") != "present":
            return {}
        tunnels = (self.latest or {}).get("tunnels") or []
        return dict(shared_secrets=[
            dict(tunnel_id=t.get("id"), display_name=t.get("display_name"), vpn_ip=t.get("vpn_ip"),
                 shared_secret=t.get(SECRET_FIELD))
            for t in tunnels])


def argument_spec():
    return resource_argument_spec(
        FIELDS,
        return_shared_secrets=dict(type="bool", default=False, no_log=False),
        replace=dict(type="bool", default=False),
    )


def main():
    module = OCIModule(argument_spec=argument_spec(), required_one_of=[["id", "display_name"]])
    run_ensure(IPSecConnection(module, module.api), module.params["state"])


if __name__ == "__main__":
    main()
