# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin of the same name (plugins/action/interconnect_plan.py),
# on the controller; this file holds the documentation.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: interconnect_plan
short_description: Plan an OCI <-> Azure interconnect (addresses, crypto, names) before any write
version_added: 0.1.0
description:
  - Turns the intent for one interconnect into the full plan the scenario roles build from
    deterministic resource names, every OCI tunnel with its Oracle and customer inside addresses,
    the APIPA address of each Azure VPN gateway instance and the one each Azure connection pins,
    local network gateways with their BGP settings, static routes for primary and backup, ECMP
    settings, IKE/IPsec parameters in both clouds' vocabularies, FastConnect cross-connect
    mappings and ExpressRoute peering prefixes.
  - Validates the intent first and reports every problem at once, each naming the input field
    (overlapping CIDRs, APIPA outside 169.254.21.0-169.254.22.255, reserved or equal ASNs, bad
    /30 or /31 inside pairs, SKU versus scenario, bandwidth, VLAN, shared keys either cloud would
    reject, too many static routes for OCI, crypto parameters the two clouds cannot agree on).
  - Runs on the controller and never contacts either cloud. The plan is deterministic for a given
    intent and never contains a shared key, only references to where each key comes from.
  - The rules and their sources are in the collection's C(docs/planning.md).
author:
  - interconnect.oci_azure maintainers (@interconnect)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
  - interconnect.oci_azure.attributes.CONTROLLER
attributes:
  check_mode:
    support: full
    details: The plan is computed the same way; O(output_dir) is written in check mode too.
options:
  scenario:
    description:
      - The interconnect design (plugins/module_utils/plan/designs.py, docs/scenarios/).
      - V(vpn_single) Single site-to-site VPN with BGP.
      - V(vpn_static_active_passive) Static-routing VPN, active-passive gateway, primary and backup.
      - V(vpn_static_active_active) Static-routing VPN, active-active gateway, primary and backup per instance.
      - V(vpn_bgp_active_passive) BGP VPN, active-passive gateway, both OCI tunnels (ECMP).
      - V(vpn_bgp_active_active) BGP VPN, active-active gateway, four tunnels (ECMP).
      - V(fastconnect_expressroute) FastConnect <-> ExpressRoute direct interconnect with FastPath.
    type: str
    required: true
    choices:
      - vpn_single
      - vpn_static_active_passive
      - vpn_static_active_active
      - vpn_bgp_active_passive
      - vpn_bgp_active_active
      - fastconnect_expressroute
  name_prefix:
    description:
      - Prefix of every resource name, for example V(lab) gives V(lab-drg), V(lab-vng),
        V(lab-ipsec-1), V(lab-lng-1-t1).
      - 1-40 letters, digits and hyphens, starting with a letter and ending with a letter or digit.
    type: str
    required: true
  vcn_cidrs:
    description: CIDRs of the OCI VCN (advertised to or routed from Azure).
    type: list
    elements: str
    required: true
  vnet_cidrs:
    description: CIDRs of the Azure VNet (advertised to or routed from OCI).
    type: list
    elements: str
    required: true
  azure_gateway_subnet_cidr:
    description:
      - The C(GatewaySubnet) prefix when the run creates the VNet; it must lie inside O(vnet_cidrs).
      - Checked only; the plan does not use it otherwise.
    type: str
  azure_asn:
    description:
      - ASN of the Azure VPN gateway. OCI tunnels get it as the customer BGP ASN.
      - 65515 is Azure's default; any other value must not be one Azure reserves.
    type: int
    default: 65515
  oracle_asn:
    description:
      - Oracle's BGP ASN. 31898 in the commercial realm; other realms differ.
    type: int
    default: 31898
  apipa_pool:
    description:
      - Pool the BGP tunnels' inside /30s are carved from. The customer address of each tunnel
        is the Azure gateway's custom APIPA BGP address, so the pool must lie in
        169.254.21.0-169.254.22.255.
    type: str
    default: 169.254.21.0/24
  tunnel_inside_addresses:
    description:
      - Explicit inside addresses for the BGP tunnels in use, in plan order (instance 1 tunnel 1,
        tunnel 2, then instance 2). Replaces allocation from O(apipa_pool) for those tunnels.
      - For V(vpn_bgp_active_passive) both entries must share the customer address (one /30 and
        the /31 that holds the same address).
    type: list
    elements: dict
    suboptions:
      oracle_ip:
        description: Oracle's inside address with prefix length, for example V(169.254.21.1/30).
        type: str
        required: true
      customer_ip:
        description: The customer (Azure APIPA) inside address with prefix length.
        type: str
        required: true
  gateway_sku:
    description:
      - SKU of the Azure VPN gateway. V(Basic) cannot run BGP, be active-active or use a custom
        IPsec policy. The non-AZ VpnGw1-5 SKUs are being retired by Azure.
    type: str
    default: VpnGw1AZ
    choices: [Basic, VpnGw1, VpnGw2, VpnGw3, VpnGw4, VpnGw5, VpnGw1AZ, VpnGw2AZ, VpnGw3AZ,
              VpnGw4AZ, VpnGw5AZ]
  fastconnect_subnets:
    description:
      - The two /30s of the FastConnect/ExpressRoute links (primary, secondary). In each, Oracle
        takes the first usable address and Azure the second.
    type: list
    elements: str
  fastconnect_pool:
    description:
      - Pool the two /30s are carved from when O(fastconnect_subnets) is not given; blocks that
        overlap the VCN or VNet CIDRs are skipped.
    type: str
    default: 192.168.255.0/24
  vlan:
    description:
      - Not planned. With Microsoft Azure as the FastConnect provider the provider assigns the VLAN
        of both links and configures the Azure private peering itself (OCI SDK
        C(CrossConnectMapping.vlan); Microsoft Learn, configure-azure-oci-networking), so the plan
        carries no VLAN and verification checks that both links share the provider's one.
      - Setting it fails planning, naming the option and why (it was 1-4094 with default 100 before).
    type: int
  bandwidth_gbps:
    description: Bandwidth of the virtual circuit and of the ExpressRoute circuit (they must match).
    type: int
    default: 1
    choices: [1, 2, 5, 10]
  peering_location:
    description:
      - ExpressRoute peering location paired with the OCI region (for example V(Washington DC)).
        Required for V(fastconnect_expressroute).
      - Checked against the pairs Oracle lists on its "Access to Microsoft Azure" page
        (C(cloud_rules.ORACLE_AZURE_INTERCONNECT), with its date) when I(oci_region) is given;
        otherwise the plan warns that it was not checked.
    type: str
  oci_region:
    description:
      - OCI region of the DRG (for example V(us-ashburn-1)); with V(fastconnect_expressroute) the
        peering location must be one Oracle pairs with it.
    type: str
  expressroute_peering_locations:
    description:
      - Pairs Oracle added after the collection's table, OCI region -> list of ExpressRoute peering
        locations; they are accepted in addition to the table's.
    type: dict
  expressroute_sku_tier:
    description:
      - SKU tier of the ExpressRoute circuit.
      - C(Local) requires I(expressroute_sku_family=UnlimitedData) (Azure offers ExpressRoute Local
        with the unlimited data plan only).
    type: str
    default: Standard
    choices: [Standard, Premium, Local]
  expressroute_sku_family:
    description: SKU family of the ExpressRoute circuit.
    type: str
    default: MeteredData
    choices: [MeteredData, UnlimitedData]
  expressroute_gateway_sku:
    description:
      - SKU of the ExpressRoute gateway. FastPath needs V(UltraPerformance), V(ErGw3AZ), or
        V(ErGwScale) with at least 10 scale units (C(cloud_rules.AZURE_FASTPATH_SKUS)).
    type: str
    default: ErGw3AZ
    choices: [Standard, HighPerformance, UltraPerformance, ErGw1AZ, ErGw2AZ, ErGw3AZ, ErGwScale]
  fastpath:
    description: Enable FastPath (C(expressRouteGatewayBypass)) on the ExpressRoute connection.
    type: bool
    default: true
  expressroute_gateway_min_scale_units:
    description:
      - Minimum scale units of an V(ErGwScale) gateway (1-40); required with it. FastPath needs at
        least 10. Refused for other SKUs.
    type: int
  expressroute_gateway_max_scale_units:
    description: Maximum scale units of an V(ErGwScale) gateway; defaults to the minimum.
    type: int
  crypto_profile:
    description:
      - IKE/IPsec profile for both sides (docs/planning.md, "Crypto", lists each rule and its source).
      - V(default) gives the Azure connections a custom IPsec/IKE policy that mirrors OCI's custom
        phase one and two, AES-256-CBC / SHA-384 / group 14 for IKE and AES-256-GCM with PFS group 14
        for IPsec, lifetimes mirrored; it needs a non-Basic SKU.
      - V(strong) sets a custom policy on both sides, AES-256 / SHA-384 / group 20 (ECP384) for
        IKE and AES-256-GCM with PFS group 20 for IPsec; it needs a non-Basic SKU.
      - V(azure-default) keeps Azure's default policy and sets OCI's phase one and two to tuples both
        of Azure's default lists hold, AES-256-CBC / SHA-256 / group 2 and AES-256-GCM with PFS off.
      - V(azure-default-compatible) is the old name of V(azure-default); it used to plan GCM with PFS
        group 14 against Azure's default policy, which fails at OCI's first phase-two rekey.
      - With Azure's default policy the planner refuses an OCI phase two that is not a tuple of both
        of Azure's default quick-mode lists, and says why and what to change.
    type: str
    default: default
    choices: [azure-default, azure-default-compatible, default, strong]
  crypto:
    description:
      - Explicit parameters replacing the profile's for one or both sides. A side not given is
        derived from the side given when the other cloud can express it; then both sides are
        checked against each other and every mismatch is reported with a fix.
    type: dict
    suboptions:
      oci_phase_one:
        description: OCI IKE (phase one) parameters.
        type: dict
        suboptions:
          encryption_algorithm:
            description: Phase one encryption.
            type: str
            choices: [AES_128_CBC, AES_192_CBC, AES_256_CBC]
          authentication_algorithm:
            description: Phase one authentication.
            type: str
            choices: [SHA1_96, SHA2_256, SHA2_384]
          diffie_helman_group:
            description: Diffie-Hellman group (OCI's spelling).
            type: str
            choices: [GROUP14, GROUP19, GROUP2, GROUP20, GROUP24, GROUP5]
          lifetime_in_seconds:
            description: IKE SA lifetime; 28800 when not given.
            type: int
      oci_phase_two:
        description: OCI IPsec (phase two) parameters.
        type: dict
        suboptions:
          encryption_algorithm:
            description: Phase two encryption.
            type: str
            choices: [AES_128_CBC, AES_128_GCM, AES_192_CBC, AES_192_GCM, AES_256_CBC, AES_256_GCM]
          authentication_algorithm:
            description: Phase two authentication; omit with GCM, required with CBC.
            type: str
            choices: [HMAC_SHA1_128, HMAC_SHA2_256_128]
          is_pfs_enabled:
            description: Whether PFS is used.
            type: bool
            default: true
          pfs_dh_group:
            description: PFS group.
            type: str
            choices: [GROUP14, GROUP19, GROUP2, GROUP20, GROUP24, GROUP5]
          lifetime_in_seconds:
            description: IPsec SA lifetime; 3600 when not given.
            type: int
      azure_ipsec_policy:
        description: The Azure connections' custom IPsec policy (the eight ARM fields).
        type: dict
        suboptions:
          sa_life_time_seconds:
            description: IPsec SA lifetime in seconds (300 or more); 3600 when not given.
            type: int
          sa_data_size_kilobytes:
            description: IPsec SA payload size in KB (1024 or more); 102400000 when not given.
            type: int
          ipsec_encryption:
            description: IPsec encryption.
            type: str
            choices: [AES128, AES192, AES256, DES, DES3, GCMAES128, GCMAES192, GCMAES256, None]
          ipsec_integrity:
            description: IPsec integrity; with GCM the same GCM value as the encryption.
            type: str
            choices: [GCMAES128, GCMAES192, GCMAES256, MD5, SHA1, SHA256]
          ike_encryption:
            description: IKE encryption.
            type: str
            choices: [AES128, AES192, AES256, DES, DES3, GCMAES128, GCMAES256]
          ike_integrity:
            description: IKE integrity.
            type: str
            choices: [GCMAES128, GCMAES256, MD5, SHA1, SHA256, SHA384]
          dh_group:
            description: IKE Diffie-Hellman group (Azure's spelling).
            type: str
            choices: [DHGroup1, DHGroup14, DHGroup2, DHGroup2048, DHGroup24, ECP256, ECP384, None]
          pfs_group:
            description: PFS group (Azure's spelling).
            type: str
            choices: [ECP256, ECP384, None, PFS1, PFS14, PFS2, PFS2048, PFS24, PFSMM]
      oci_use_defaults:
        description: Use OCI's default proposals for both phases (for checking a design).
        type: bool
        default: false
      azure_use_default_policy:
        description: Use Azure's default policy (no custom ipsecPolicies on the connections).
        type: bool
        default: false
  drg_id:
    description:
      - OCID of an existing DRG to use instead of creating one (bring your own, for example a hub
        DRG). The run never modifies or deletes it; the VCN's attachment to it is adopted as it is
        when it exists. Planned as C(oci.drg.existing_id).
    type: str
  azure_gateway_name:
    description:
      - Name of an existing virtual network gateway in the interconnect's resource group to use
        instead of creating one - a VPN gateway for the VPN scenarios, an ExpressRoute gateway
        for V(fastconnect_expressroute). The plan names it everywhere (the connections use it),
        marks it C(existing) and plans no public IPs (the gateway's own are read from it). The
        run checks it fits the design and never deletes it.
    type: str
  shared_secret_policy:
    description:
      - Where the tunnels' pre-shared keys come from.
      - V(from_oci) OCI generates each key; the OCI module reads it back for the Azure connection.
        Nothing secret in the inventory and re-runs change nothing.
      - V(given) from O(shared_secrets) (keep them in Vault).
      - V(generated) derived from O(secret_seed) with HMAC-SHA256 over each tunnel's name, so
        re-runs keep the keys and changing the seed rotates them all.
    type: str
    default: from_oci
    choices: [from_oci, given, generated]
  shared_secrets:
    description:
      - Keys for V(given), one per tunnel in use in plan order, or a single one for all.
      - OCI accepts only letters, digits and spaces; Azure at most 128 printable ASCII characters.
    type: list
    elements: str
  secret_seed:
    description: Secret seed (at least 16 characters, from Vault) for V(generated).
    type: str
  output_dir:
    description:
      - Directory to write C(plan.json), C(plan.txt) and C(topology.md) to (created if missing).
        The plan holds no key. Nothing is written when the plan fails.
      - C(topology.md) is a Mermaid diagram of the planned topology, which GitHub and GitLab draw,
        with both clouds' building blocks, every tunnel or FastConnect link with its addresses and
        ASNs, values assigned at creation time as "known after create".
    type: path
  format:
    description: V(table) also prints the plan as readable tables on the controller.
    type: str
    default: json
    choices: [json, table]
  include_secrets:
    description:
      - Also return RV(shared_secrets) (the keys of the tunnels in use for V(given) and
        V(generated)). The whole task result is then censored in output (no_log); a registered
        variable still holds the keys.
    type: bool
    default: false
  check_variables:
    description:
      - Also fail when the host defines an C(interconnect_*) variable that no role of the
        collection and no planner option reads (a misspelling such as C(interconnect_azur_asn)
        would otherwise be ignored), naming it and the closest valid name.
      - The host's own variables are checked (inventory, host_vars and group_vars, extra vars),
        not role defaults or task variables. The valid names are the C(interconnect_*) options of
        the roles' argument specs and defaults and the planner options as
        C(interconnect_<option>); facts the collection's tasks set while they run are tolerated.
      - The roles' plan task sets it; nothing is written when it fails.
    type: bool
    default: false
notes:
  - "The plan references values the clouds assign at creation time (public IP addresses, OCI
    tunnel VPN addresses, OCI-generated keys, the ExpressRoute service key) as a dict with one key
    C(ref) holding C(cloud), C(kind), C(name) (or C(ipsec_connection) and C(tunnel)) and
    C(attribute)."
seealso:
  - name: Planning rules
    description: Each rule of the plan and its source (docs/planning.md in the collection).
    link: https://github.com/interconnect/oci_azure/blob/main/docs/planning.md
"""

EXAMPLES = r"""
- name: Plan the BGP active-passive interconnect (two tunnels, one APIPA address)
  interconnect.oci_azure.interconnect_plan:
    scenario: vpn_bgp_active_passive
    name_prefix: lab
    vcn_cidrs: [10.0.0.0/16]
    vnet_cidrs: [10.1.0.0/16]
    format: table
    output_dir: "{{ playbook_dir }}/artifacts/lab"
  register: lab_plan

- name: Show what Azure pins on each connection
  ansible.builtin.debug:
    msg: "{{ lab_plan.plan.azure.connections | map(attribute='gateway_custom_bgp_ip_addresses') }}"

- name: Plan four BGP tunnels with a strong custom IPsec policy on both sides
  interconnect.oci_azure.interconnect_plan:
    scenario: vpn_bgp_active_active
    name_prefix: prod
    vcn_cidrs: [10.10.0.0/16]
    vnet_cidrs: [10.20.0.0/16, 10.21.0.0/16]
    azure_asn: 65010
    apipa_pool: 169.254.21.0/28
    crypto_profile: strong

- name: Plan FastConnect <-> ExpressRoute with given /30s
  interconnect.oci_azure.interconnect_plan:
    scenario: fastconnect_expressroute
    name_prefix: fc
    vcn_cidrs: [10.0.0.0/16]
    vnet_cidrs: [10.1.0.0/16]
    fastconnect_subnets: [192.168.100.0/30, 192.168.100.4/30]
    bandwidth_gbps: 2
    peering_location: Washington DC
    oci_region: us-ashburn-1

- name: Keys derived from a seed kept in Vault; the result is censored, the variable is not
  interconnect.oci_azure.interconnect_plan:
    scenario: vpn_static_active_passive
    name_prefix: branch
    vcn_cidrs: [10.0.0.0/16]
    vnet_cidrs: [10.1.0.0/16]
    shared_secret_policy: generated
    secret_seed: "{{ vault_interconnect_seed }}"
    include_secrets: true
  register: branch_keys
"""

RETURN = r"""
plan:
  description:
    - The plan (see docs/planning.md for every key). Top-level keys C(schema_version),
      C(name_prefix), C(scenario), C(design), C(routing), C(intent), C(asn), C(oci), C(azure),
      C(tunnels), C(crypto), C(shared_secrets), C(ecmp), C(routing_detail), C(fastconnect),
      C(address_blocks), C(expect), C(module_args) (each building block as the call of the
      module that builds it, in that module's options; keys as references), C(warnings).
  returned: success
  type: dict
  sample:
    scenario: vpn_bgp_active_passive
    tunnels:
      - key: 1-t1
        name: lab-ipsec-1-t1
        ipsec_connection: lab-ipsec-1
        tunnel_number: 1
        in_use: true
        routing: BGP
        inside: {oracle_ip: 169.254.21.1/30, customer_ip: 169.254.21.2/30, prefix_length: 30}
        azure_apipa: 169.254.21.2
        local_network_gateway: lab-lng-1-t1
        azure_connection: lab-conn-1-t1
      - key: 1-t2
        inside: {oracle_ip: 169.254.21.3/31, customer_ip: 169.254.21.2/31, prefix_length: 31}
        azure_apipa: 169.254.21.2
table:
  description: The plan as readable text tables.
  returned: success
  type: str
plan_file:
  description: Path of the plan.json written to O(output_dir).
  returned: when O(output_dir) is set and the plan succeeded
  type: str
topology_file:
  description: Path of the topology.md (Mermaid diagram of the plan) written to O(output_dir).
  returned: when O(output_dir) is set and the plan succeeded
  type: str
errors:
  description: Every problem of the intent, each starting with the input field it is about.
  returned: failure
  type: list
  elements: str
  sample:
    - "vnet_cidrs[0]: 10.0.0.0/16 overlaps vcn_cidrs[0] 10.0.0.0/20"
    - "oracle_asn: 65517 is reserved (Azure private); Azure rejects it as a peer ASN"
shared_secrets:
  description: Tunnel key -> pre-shared key, for the tunnels in use (no_log result).
  returned: when O(include_secrets=true) and the policy is V(given) or V(generated)
  type: dict
"""
