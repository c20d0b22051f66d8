#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation of the interconnect_verify action plugin (plugins/action/interconnect_verify.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: interconnect_verify
short_description: Verify an OCI <-> Azure interconnect from both clouds against its plan
version_added: 0.1.0
description:
  - Runs on the controller (action plugin). Reads both clouds through the collection's info
    modules, compares what they report with the plan's expectations and retries, bounded, until
    everything passes or only configuration problems remain (waiting does not fix those).
  - VPN scenarios - every tunnel the plan uses is UP on OCI and Connected on Azure (the gateway
    instance that should carry it); every planned BGP session is established on both sides and
    no unplanned one is; Azure learns each VCN prefix and OCI each VNet prefix over the planned
    number of paths (ECMP); ECMP is on in the route table of the VCN attachment when the plan has
    it (a packet entering the DRG is routed by the table of the attachment it enters on - OCI
    docs, Managing DRGs - so ECMP on the IPSec tunnels' table alone fails); static scenarios have
    the primary/backup prefixes in place on both sides.
  - VPN - a "phase-two rekey" row per tunnel in use, computed from both clouds' configuration as
    read (the OCI tunnel's phase one and two details, the Azure connection's IPsec policies,
    none meaning Azure's default policy) with the planner's negotiation model. In IKEv2 the first
    child SA needs no DH exchange, so a PFS mismatch lets the tunnel come up and fail at the first
    rekey; this row fails at once, with the reason and the fix.
  - Values the plan fixes are compared and a difference fails with the observed value next to
    the expected one - the Azure gateway's BGP ASN, each OCI tunnel's BGP inside addresses and
    customer ASN, each local network gateway's BGP peer, ASN and gateway IP (the tunnel's Oracle
    VPN IP); a declared prefix that established sessions do not carry shows what they carry.
  - FastConnect - the virtual circuit PROVISIONED with its provider ACTIVE and BGP UP and its BGP
    addresses as planned, the ExpressRoute provider state Provisioned, the private peering the
    provider created with the plan's /30s and peer ASN, one VLAN (the provider's) on both links and
    the peering, ARP entries and the VCN prefixes in the route tables of both links, the
    connection Connected with FastPath. A peering that differs fails with its fix; verification
    never writes it.
  - Prints a short table, writes C(verify.json) (checks, failures, observations) and
    C(verify.txt) (the table) to O(artifacts_dir), and fails naming each failing tunnel or
    session with the cloud's reason (OCI's tunnel error; against the cloud twin also the twin's
    reason for Azure connections and circuits) and the likely fix.
  - Each attempt is one info-module run per cloud for a VPN (the DRG's IPSec connections in one
    list; the gateway with its connections, BGP peers, learned routes and, on the first attempt,
    the local network gateways), three for FastConnect; the ECMP of the VCN attachment's DRG
    route table is read once.
  - Never writes to either cloud - the modules it runs are info modules or run in check mode.
    C(module_defaults) for the groups C(interconnect.oci_azure.oci) and
    C(interconnect.oci_azure.azure) apply to them.
options:
  plan:
    description: The plan returned by M(interconnect.oci_azure.interconnect_plan).
    type: dict
    required: true
  compartment_id:
    description: OCI compartment of the interconnect (default the E(OCI_COMPARTMENT_ID) environment variable).
    type: str
  drg_id:
    description: OCID of the interconnect's DRG when known (saves looking it up by the plan's name).
    type: str
  adopt:
    description:
      - What the inventory brought, as M(interconnect.oci_azure.interconnect_preflight) returns it
        (its C(adopt)) - the VCN attachment that was there before the run (ECMP is read on its
        route table) and a brought gateway's own IP configuration names (its instances' tunnels
        are found by them).
    type: dict
    default: {}
  resource_group:
    description: Azure resource group of the interconnect.
    type: str
    required: true
  retries:
    description: Attempts before reporting failure.
    type: int
    default: 40
  delay:
    description: Seconds between attempts.
    type: float
    default: 15
  stable_attempts:
    description:
      - Stop retrying when the same failures, each explained by a cloud reason that waiting does
        not change (a key or proposal mismatch, not a resource still provisioning), were seen in
        this many attempts in a row.
    type: int
    default: 3
  artifacts_dir:
    description:
      - Directory for C(verify.json), C(verify.txt) and C(topology-verify.md) (created when
        missing).
      - C(topology-verify.md) is the plan's Mermaid diagram with the results drawn on it, each
        node and tunnel or link edge styled pass, fail or not reported yet, the tunnel and link
        edges with their BGP state and routes received.
    type: path
  name:
    description: Name of the interconnect in the table and the files (default the inventory host name).
    type: str
  oci:
    description: OCI authentication options passed to the OCI info modules (see M(interconnect.oci_azure.oci_drg)).
    type: dict
    default: {}
  azure:
    description: Azure authentication options passed to the Azure info modules.
    type: dict
    default: {}
  twin_admin:
    description:
      - Admin URL of the cloud twin, to add its reasons where the cloud APIs give none (default
        the E(INTERCONNECT_TWIN_ADMIN) environment variable its C(env.sh) sets; unset against the
        real clouds).
    type: str
  fail_on_error:
    description: Fail the task when a check fails (otherwise report only).
    type: bool
    default: true
  quiet:
    description: Do not print the table (it is still returned and written).
    type: bool
    default: false
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
  - interconnect.oci_azure.attributes.CONTROLLER
attributes:
  check_mode:
    support: full
    details: It only reads; check mode changes nothing (verify.json is written in check mode too).
notes:
  - The checks and their fixes are listed in docs/troubleshooting.md.
seealso:
  - module: interconnect.oci_azure.interconnect_plan
  - module: interconnect.oci_azure.azure_virtual_network_gateway_info
  - module: interconnect.oci_azure.azure_expressroute_circuit_info
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: Plan the interconnect
  interconnect.oci_azure.interconnect_plan:
    scenario: vpn_bgp_active_active
    name_prefix: lab
    vcn_cidrs: [10.10.0.0/16]
    vnet_cidrs: [10.20.0.0/16]
  register: plan

- name: Verify it from both clouds
  interconnect.oci_azure.interconnect_verify:
    plan: "{{ plan.plan }}"
    resource_group: rg-lab
    artifacts_dir: artifacts/lab
    retries: 20
    delay: 30
"""

RETURN = r"""
ok:
  description: Whether every check passed.
  returned: always
  type: bool
passed:
  description: Number of checks that passed.
  returned: always
  type: int
failed_checks:
  description: Number of checks that failed.
  returned: always
  type: int
attempts:
  description: Number of attempts made.
  returned: always
  type: int
table:
  description:
    - The verification table, one line per check and a verdict (also printed, and written to
      C(verify.txt)).
  returned: when verification passed, or with O(quiet=true) or O(fail_on_error=false)
  type: list
  elements: str
  sample:
    - "SIDE   OBJECT             CHECK    EXPECTED  OBSERVED  RESULT"
    - "oci    lab-ipsec-1-t1     tunnel   UP        UP        ok"
    - "PASS: 12 checks passed, 0 failed"
failures:
  description: One line per failing check - what, the reason and the likely fix.
  returned: always
  type: list
  elements: str
  sample:
    - >-
      oci lab-ipsec-1-t1 tunnel: expected UP, observed DOWN. Reason: PHASE2_PFS_MISMATCH: IPsec
      phase two PFS groups do not intersect: OCI proposes PFS GROUP5, Azure accepts ... Fix: Set
      the OCI tunnel's phase-two PFS group to GROUP2, GROUP14 or GROUP24 ...
read_errors:
  description: Reads that failed in the last attempt (the checks they feed report "not reported").
  returned: always
  type: list
  elements: str
verify_file:
  description: Path of the verify.json written.
  returned: when O(artifacts_dir) is set
  type: str
"""
