#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: azure_connection
short_description: Create, update or delete an Azure IPsec or ExpressRoute gateway connection
version_added: 0.1.0
description:
  - B(IPsec) - a site-to-site connection from a VPN gateway to a local network gateway (one OCI
    tunnel), with the shared key, IKE version, BGP, a full custom IPsec/IKE policy, the APIPA
    address each gateway instance uses on this connection (C(gatewayCustomBgpIpAddresses)), DPD
    timeout, connection mode and policy-based traffic selectors.
  - B(ExpressRoute) - a connection from an ExpressRoute gateway to a circuit, with an optional
    authorization key and FastPath (C(expressRouteGatewayBypass)).
  - The shared key is compared without a write; when Azure does not return it with the
    connection it is read from the connection's C(sharedkey) endpoint. It never appears in the
    result or the diff.
  - Checks against the gateway before any write what Azure would reject - a custom IPsec policy
    on a Basic gateway, FastPath on a gateway SKU without it, a pinned APIPA address the gateway
    instance does not have, BGP on a gateway without BGP, IPsec on an ExpressRoute gateway.
extends_documentation_fragment:
  - interconnect.oci_azure.azure_auth
  - interconnect.oci_azure.attributes.AZURE
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
options:
  name:
    description: Name of the connection.
    type: str
    required: true
  resource_group:
    description: Resource group of the connection.
    type: str
    required: true
  location:
    description: Azure region; defaults to the resource group's. Cannot change.
    type: str
  connection_type:
    description: V(IPsec) (site-to-site VPN) or V(ExpressRoute). Cannot change.
    type: str
    default: IPsec
    choices: [IPsec, ExpressRoute]
  virtual_network_gateway:
    description: Name (same resource group) or id of the gateway. Required to create. Cannot change.
    type: str
  local_network_gateway:
    description: Name (same resource group) or id of the local network gateway (IPsec). Cannot change.
    type: str
  express_route_circuit:
    description: Name (same resource group) or id of the ExpressRoute circuit (ExpressRoute). Cannot change.
    type: str
  authorization_key:
    description: Authorization key of a circuit in another subscription (ExpressRoute).
    type: str
  express_route_gateway_bypass:
    description:
      - FastPath - traffic bypasses the gateway (ExpressRoute). Needs an V(UltraPerformance),
        V(ErGw3AZ) or V(ErGwScale) gateway.
    type: bool
  shared_key:
    description:
      - IPsec pre-shared key (up to 128 printable ASCII characters). OCI accepts only letters,
        digits and spaces, so use only those for an OCI tunnel.
    type: str
  connection_protocol:
    description: IKE version (IPsec). OCI <-> Azure uses V(IKEv2).
    type: str
    choices: [IKEv2, IKEv1]
  enable_bgp:
    description: Run BGP over this connection (IPsec; the gateway must have BGP on).
    type: bool
  use_policy_based_traffic_selectors:
    description: Use policy-based traffic selectors (IPsec).
    type: bool
  routing_weight:
    description: Routing weight of the connection (0-32000).
    type: int
  dpd_timeout_seconds:
    description: Dead peer detection timeout in seconds (9-3600; IPsec).
    type: int
  connection_mode:
    description: Whether the gateway initiates (V(InitiatorOnly)), only responds (V(ResponderOnly)) or both (V(Default)).
    type: str
    choices: [Default, ResponderOnly, InitiatorOnly]
  ipsec_policy:
    description:
      - A custom IPsec/IKE policy (IPsec); all eight fields are required together. Set it to
        V({}) to go back to Azure's default proposals. When not set, the policy is not managed.
      - Match OCI's phase one and two - Azure's defaults do not offer OCI's default PFS group 5.
      - With a GCM IPsec encryption, IPsec integrity must be the same GCM value.
    type: dict
    suboptions:
      sa_lifetime_seconds:
        description: Quick mode (child) SA lifetime in seconds (300-172799).
        type: int
      sa_data_size_kilobytes:
        description: Quick mode SA lifetime in kilobytes (0 for no limit, or 1024 and above).
        type: int
      ipsec_encryption:
        description: Phase two (IPsec) encryption.
        type: str
        choices: [None, DES, DES3, AES128, AES192, AES256, GCMAES128, GCMAES192, GCMAES256]
      ipsec_integrity:
        description: Phase two (IPsec) integrity.
        type: str
        choices: [MD5, SHA1, SHA256, GCMAES128, GCMAES192, GCMAES256]
      ike_encryption:
        description: Phase one (IKE) encryption.
        type: str
        choices: [DES, DES3, AES128, AES192, AES256, GCMAES256, GCMAES128]
      ike_integrity:
        description: Phase one (IKE) integrity.
        type: str
        choices: [MD5, SHA1, SHA256, SHA384, GCMAES256, GCMAES128]
      dh_group:
        description: Phase one Diffie-Hellman group (OCI GROUP14 is V(DHGroup14), GROUP19 V(ECP256), GROUP20 V(ECP384), GROUP24 V(DHGroup24)).
        type: str
        choices: [None, DHGroup1, DHGroup2, DHGroup14, DHGroup2048, ECP256, ECP384, DHGroup24]
      pfs_group:
        description: Phase two PFS group (OCI GROUP14 is V(PFS2048) or V(PFS14), GROUP19 V(ECP256), GROUP20 V(ECP384), GROUP24 V(PFS24)).
        type: str
        choices: [None, PFS1, PFS2, PFS2048, ECP256, ECP384, PFS24, PFS14, PFSMM]
  gateway_custom_bgp_ip_addresses:
    description:
      - Which of its custom APIPA addresses each gateway instance uses on this connection
        (IPsec with BGP). One entry per instance of an active-active gateway.
    type: list
    elements: dict
    suboptions:
      ip_configuration:
        description: The gateway's IP configuration - its name or full id.
        type: str
        required: true
      custom_bgp_ip_address:
        description: One of that instance's APIPA addresses (see the gateway's apipa_addresses).
        type: str
        required: true
  tags:
    description: Tags to set (merged with tags already there).
    type: dict
  state:
    description: Whether the connection should exist.
    type: str
    default: present
    choices: [present, absent]
  wait:
    description: Wait for creation, update or deletion to finish.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait before giving up (the operation continues in Azure).
    type: int
    default: 1800
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: BGP connection to OCI tunnel 1 from instance 1 of an active-active gateway
  interconnect.oci_azure.azure_connection:
    name: cn-oci-tunnel1
    resource_group: rg-interconnect
    virtual_network_gateway: vng-oci
    local_network_gateway: lng-oci-tunnel1
    shared_key: "{{ tunnel1_psk }}"
    connection_protocol: IKEv2
    enable_bgp: true
    ipsec_policy:
      sa_lifetime_seconds: 3600
      sa_data_size_kilobytes: 102400000
      ipsec_encryption: GCMAES256
      ipsec_integrity: GCMAES256
      ike_encryption: AES256
      ike_integrity: SHA384
      dh_group: ECP384
      pfs_group: ECP384
    gateway_custom_bgp_ip_addresses:
      - ip_configuration: ipconfig1
        custom_bgp_ip_address: 169.254.21.2
      - ip_configuration: ipconfig2
        custom_bgp_ip_address: 169.254.22.2
    dpd_timeout_seconds: 45

- name: ExpressRoute gateway to the circuit, with FastPath
  interconnect.oci_azure.azure_connection:
    name: cn-er-oci
    resource_group: rg-interconnect
    connection_type: ExpressRoute
    virtual_network_gateway: ergw-oci
    express_route_circuit: er-oci
    express_route_gateway_bypass: true
"""

RETURN = r"""
connection:
  description: The connection (empty after deletion); C(shared_key) and C(authorization_key) are masked.
  returned: always
  type: dict
  sample:
    id: /subscriptions/0000/resourceGroups/rg-interconnect/providers/Microsoft.Network/connections/cn-oci-tunnel1
    name: cn-oci-tunnel1
    connection_type: IPsec
    connection_protocol: IKEv2
    enable_bgp: true
    shared_key: "********"
    virtual_network_gateway1: {id: /subscriptions/0000/.../virtualNetworkGateways/vng-oci}
    local_network_gateway2: {id: /subscriptions/0000/.../localNetworkGateways/lng-oci-tunnel1}
    connection_status: Connected
    tunnel_connection_status: []
    provisioning_state: Succeeded
changed_fields:
  description: ARM paths that differed (when the connection was updated).
  returned: changed
  type: list
  elements: str
"""

import copy

from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_checks import (
    FASTPATH_SKUS,
    NO_CUSTOM_IPSEC_POLICY_SKUS,
    SHARED_KEY_MAX,
    apipa_problem,
    between,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_ids import is_arm_id
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_resource import (
    resource_argument_spec,
    AZURE_FIELDS,
    AzureResource,
    Reference,
    azure_module,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    InputError,
    run_ensure,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field

#: option -> the connection type it applies to (only_for records it)
APPLIES_TO = {}


def only_for(connection_type, *fields):
    """These fields apply to ``connection_type`` connections only (connection_problems says so)."""
    for field in fields:
        APPLIES_TO[field.option] = connection_type
    return fields


def is_ipsec(params):
    return params.get("connection_type", "IPsec") == "IPsec"


def shared_key_problems(key, option):
    problems = []
    if not 1 <= len(key) <= SHARED_KEY_MAX:
        problems.append("%s must be 1 to %d characters" % (option, SHARED_KEY_MAX))
    if any(not 32 <= ord(char) <= 126 for char in key):
        problems.append("%s must be printable ASCII" % option)
    return problems


def data_size_problem(size, option):
    if size != 0 and size < 1024:
        return "%s must be 0 (no limit) or at least 1024" % option
    return None


def policy_body(policy):
    """ipsec_policy -> ipsecPolicies: one policy of the eight fields, or [] for Azure's defaults."""
    if policy_is_empty(policy):
        return []
    return [dict((field.read, policy[field.key]) for field in FIELDS.children("ipsec_policy"))]


def choices(*values):
    return dict(type="str", choices=list(values))


# The gateway, the peer and the type are fixed at creation. The policy's eight fields are keys of
# the one ipsecPolicies entry (policy_body); the pinned BGP addresses need the gateway's id
# (Connection.pins).
FIELDS = AZURE_FIELDS.extended(
    Field("connection_type", read="properties.connectionType", immutable=True,
          spec=dict(type="str", default="IPsec", choices=["IPsec", "ExpressRoute"])),
    Reference("virtual_network_gateway", "properties.virtualNetworkGateway1", "virtualNetworkGateways",
              immutable=True, required_to_create=True),
    *only_for(
        "IPsec",
        Reference("local_network_gateway", "properties.localNetworkGateway2", "localNetworkGateways",
                  immutable=True, required_to_create=is_ipsec),
        Field("shared_key", read="properties.sharedKey", spec=dict(type="str"), secret=True,
              required_to_create=is_ipsec, validate=shared_key_problems),
        Field("connection_protocol", read="properties.connectionProtocol", spec=choices("IKEv2", "IKEv1")),
        Field("enable_bgp", read="properties.enableBgp", spec=dict(type="bool")),
        Field("use_policy_based_traffic_selectors", read="properties.usePolicyBasedTrafficSelectors",
              spec=dict(type="bool")),
        Field("dpd_timeout_seconds", read="properties.dpdTimeoutSeconds", spec=dict(type="int"),
              validate=between(9, 3600)),
        Field("connection_mode", read="properties.connectionMode",
              spec=choices("Default", "ResponderOnly", "InitiatorOnly")),
        Field("ipsec_policy", read="properties.ipsecPolicies", spec=dict(type="dict"), container=False,
              to_api=policy_body),
        Field("gateway_custom_bgp_ip_addresses", read="properties.gatewayCustomBgpIpAddresses",
              unordered=True, desired=False, spec=dict(type="list", elements="dict", options=dict(
                  ip_configuration=dict(type="str", required=True),
                  custom_bgp_ip_address=dict(type="str", required=True),
              ))),
    ),
    *only_for(
        "ExpressRoute",
        Reference("express_route_circuit", "properties.peer", "expressRouteCircuits", immutable=True,
                  required_to_create=lambda params: not is_ipsec(params)),
        Field("authorization_key", read="properties.authorizationKey", spec=dict(type="str"),
              secret=True),
        Field("express_route_gateway_bypass", read="properties.expressRouteGatewayBypass",
              spec=dict(type="bool")),
    ),
    Field("routing_weight", read="properties.routingWeight", spec=dict(type="int"),
          validate=between(0, 32000)),
    # the eight fields of ipsec_policy: keys of its one ipsecPolicies entry (read is that key)
    Field("ipsec_policy.sa_lifetime_seconds", read="saLifeTimeSeconds", spec=dict(type="int"),
          desired=False, validate=between(300, 172799)),
    Field("ipsec_policy.sa_data_size_kilobytes", read="saDataSizeKilobytes", spec=dict(type="int"),
          desired=False, validate=data_size_problem),
    Field("ipsec_policy.ipsec_encryption", read="ipsecEncryption", desired=False, spec=choices(
        "None", "DES", "DES3", "AES128", "AES192", "AES256", "GCMAES128", "GCMAES192", "GCMAES256")),
    Field("ipsec_policy.ipsec_integrity", read="ipsecIntegrity", desired=False, spec=choices(
        "MD5", "SHA1", "SHA256", "GCMAES128", "GCMAES192", "GCMAES256")),
    Field("ipsec_policy.ike_encryption", read="ikeEncryption", desired=False, spec=choices(
        "DES", "DES3", "AES128", "AES192", "AES256", "GCMAES256", "GCMAES128")),
    Field("ipsec_policy.ike_integrity", read="ikeIntegrity", desired=False, spec=choices(
        "MD5", "SHA1", "SHA256", "SHA384", "GCMAES256", "GCMAES128")),
    Field("ipsec_policy.dh_group", read="dhGroup", desired=False, spec=choices(
        "None", "DHGroup1", "DHGroup2", "DHGroup14", "DHGroup2048", "ECP256", "ECP384", "DHGroup24")),
    Field("ipsec_policy.pfs_group", read="pfsGroup", desired=False, spec=choices(
        "None", "PFS1", "PFS2", "PFS2048", "ECP256", "ECP384", "PFS24", "PFS14", "PFSMM")),
)


def policy_is_empty(policy):
    return policy is not None and all(policy.get(field.key) is None
                                      for field in FIELDS.children("ipsec_policy"))


def connection_problems(params):
    """What Azure would reject in these options, before any call (pure; unit-tested): the table's
    validators and the rules between options."""
    problems = []
    ipsec = is_ipsec(params)
    for option, connection_type in APPLIES_TO.items():
        if connection_type != params.get("connection_type", "IPsec") and params.get(option) is not None:
            problems.append("%s does not apply to a%s connection" % (
                option, "n IPsec" if ipsec else "n ExpressRoute"))
    problems.extend(FIELDS.problems(params))
    policy = params.get("ipsec_policy")
    if policy is not None and not policy_is_empty(policy):
        missing = [field.key for field in FIELDS.children("ipsec_policy") if policy.get(field.key) is None]
        if missing:
            problems.append("ipsec_policy needs all eight fields; missing %s (or set ipsec_policy: {} "
                            "for Azure's defaults)" % ", ".join(missing))
        encryption, integrity = policy.get("ipsec_encryption"), policy.get("ipsec_integrity")
        if encryption and integrity and (encryption.startswith("GCM") or integrity.startswith("GCM")) \
                and encryption != integrity:
            problems.append("ipsec_policy: with GCM, ipsec_encryption and ipsec_integrity must be the "
                            "same GCM value (got %s and %s)" % (encryption, integrity))
        ike_encryption, ike_integrity = policy.get("ike_encryption"), policy.get("ike_integrity")
        if ike_integrity and ike_integrity.startswith("GCM") and ike_encryption != ike_integrity:
            problems.append("ipsec_policy: a GCM ike_integrity needs the same GCM ike_encryption "
                            "(got %s and %s)" % (ike_encryption, ike_integrity))
    pins = params.get("gateway_custom_bgp_ip_addresses")
    if pins:
        configs = [p["ip_configuration"].rstrip("/").split("/")[-1].lower() for p in pins]
        if len(set(configs)) != len(configs):
            problems.append("gateway_custom_bgp_ip_addresses: one entry per gateway IP configuration")
        for pin in pins:
            problem = apipa_problem(pin["custom_bgp_ip_address"],
                                    "gateway_custom_bgp_ip_addresses[%s].custom_bgp_ip_address"
                                    % pin["ip_configuration"])
            if problem:
                problems.append(problem)
        if params.get("enable_bgp") is not True:
            problems.append("gateway_custom_bgp_ip_addresses are BGP addresses: set enable_bgp: true")
    return problems


def gateway_fit_problems(params, gateway, pins):
    """What Azure would reject about this connection on ``gateway`` (REST read shape)."""
    problems = []
    properties = gateway.get("properties") or {}
    sku = (properties.get("sku") or {}).get("name")
    gateway_type = properties.get("gatewayType")
    name = gateway.get("name")
    ipsec = params.get("connection_type", "IPsec") == "IPsec"
    if ipsec and gateway_type == "ExpressRoute":
        problems.append("gateway %s is an ExpressRoute gateway; an IPsec connection needs a Vpn "
                        "gateway" % name)
    if not ipsec and gateway_type == "Vpn":
        problems.append("gateway %s is a VPN gateway; an ExpressRoute connection needs an "
                        "ExpressRoute gateway" % name)
    policy = params.get("ipsec_policy")
    if policy and not policy_is_empty(policy) and sku in NO_CUSTOM_IPSEC_POLICY_SKUS:
        problems.append("ipsec_policy: gateway %s has SKU %s, which does not support custom IPsec "
                        "policies" % (name, sku))
    if params.get("express_route_gateway_bypass") and sku not in FASTPATH_SKUS:
        problems.append("express_route_gateway_bypass (FastPath) needs a %s gateway; %s is %s"
                        % (", ".join(FASTPATH_SKUS), name, sku))
    elif params.get("express_route_gateway_bypass") and sku == "ErGwScale":
        # cloud_rules.AZURE_FASTPATH_MIN_SCALE_UNITS (Microsoft Learn, scalable ExpressRoute gateway)
        low = (((properties.get("autoScaleConfiguration") or {}).get("bounds") or {}).get("min")) or 0
        if low < R.AZURE_FASTPATH_MIN_SCALE_UNITS:
            problems.append("express_route_gateway_bypass (FastPath) on ErGwScale gateway %s needs at "
                            "least %d scale units; its minimum is %s (set scale_units.min on the gateway)"
                            % (name, R.AZURE_FASTPATH_MIN_SCALE_UNITS, low or "unset"))
    if params.get("enable_bgp") and ipsec and properties.get("enableBgp") is False:
        problems.append("enable_bgp: gateway %s does not run BGP (set enable_bgp on the gateway)"
                        % name)
    addresses = {}
    for entry in (properties.get("bgpSettings") or {}).get("bgpPeeringAddresses") or []:
        addresses[(entry.get("ipconfigurationId") or "").lower()] = entry.get("customBgpIpAddresses") or []
    for pin in pins or []:
        config_id = pin["ipConfigurationId"].lower()
        config_name = config_id.split("/")[-1]
        if config_id not in addresses:
            problems.append("gateway_custom_bgp_ip_addresses: gateway %s has no IP configuration %s"
                            % (name, config_name))
        elif pin["customBgpIpAddress"] not in addresses[config_id]:
            have = ", ".join(addresses[config_id]) or "none"
            problems.append("gateway_custom_bgp_ip_addresses: %s is not one of the APIPA addresses of "
                            "gateway %s's %s (%s)" % (pin["customBgpIpAddress"], name, config_name, have))
    return problems


class Connection(AzureResource):
    kind = "connection"
    result_key = "connection"
    operations = "virtual_network_gateway_connections"
    resource_type = "connections"
    fields = FIELDS

    def validate(self):
        problems = connection_problems(self.params)
        key = self.params.get("shared_key")
        if key and not problems and not all(char.isalnum() or char == " " for char in key):
            self.module.warn("shared_key has characters other than letters, digits and spaces; "
                             "OCI rejects such shared secrets")
        return problems

    def is_ipsec(self):
        return is_ipsec(self.params)

    def gateway_id(self):
        return self.ref(self.params.get("virtual_network_gateway"), "virtualNetworkGateways")

    def pins(self):
        pins = self.params.get("gateway_custom_bgp_ip_addresses")
        if pins is None:
            return None
        gateway = self.gateway_id()
        result = []
        for pin in pins:
            config = pin["ip_configuration"]
            if not is_arm_id(config):
                if not gateway:
                    raise InputError(["gateway_custom_bgp_ip_addresses[%s]: give the IP configuration's "
                                      "full id, or set virtual_network_gateway" % config])
                config = "%s/ipConfigurations/%s" % (gateway, config)
            result.append({"ipConfigurationId": config,
                           "customBgpIpAddress": pin["custom_bgp_ip_address"]})
        return result

    def wanted(self):
        wanted = super(Connection, self).wanted()
        pins = self.pins()
        if pins is not None:
            wanted.setdefault("properties", {})["gatewayCustomBgpIpAddresses"] = pins
        return wanted

    def find(self):
        current = super(Connection, self).find()
        if current is not None and self.is_ipsec() and self.params.get("shared_key") is not None:
            self.fill_shared_key(current)
        return current

    def fill_shared_key(self, current):
        """Put the current key into ``current`` when GET leaves it out (a read, not a write)."""
        properties = current.setdefault("properties", {})
        if properties.get("sharedKey") is None:
            found = self.azure.get(self.ops.get_shared_key, *self.scope())
            if found and found.get("value") is not None:
                properties["sharedKey"] = found["value"]
        return current

    def desired(self):
        desired = super(Connection, self).desired()
        problems = self.gateway_problems(desired)
        if problems:
            raise InputError(problems)
        return desired

    def gateway_problems(self, desired):
        gateway_id = self.gateway_id() or ((((self.current or {}).get("properties") or {})
                                           .get("virtualNetworkGateway1") or {}).get("id"))
        if not gateway_id:
            return []
        parts = gateway_id.strip("/").split("/")
        gateway = self.azure.get(self.azure.operations("virtual_network_gateways").get,
                                 parts[3], parts[-1])
        if gateway is None:
            if self.module.check_mode:
                self.module.warn("gateway %s does not exist (yet); not checked" % parts[-1])
                return []
            return ["virtual_network_gateway %s does not exist" % gateway_id]
        pins = (desired.get("properties") or {}).get("gatewayCustomBgpIpAddresses")
        return gateway_fit_problems(self.params, gateway, pins)

    def update(self, current, desired, changed_paths):
        # whatever ``wait`` says: ARM refuses a write while another operation runs
        current = self.settle(current)
        if self.is_ipsec() and changed_paths == ["properties.sharedKey"]:
            # only the key: the sharedkey endpoint changes it without re-sending the connection
            self.azure.lro(self.ops.begin_set_shared_key,
                           self.scope() + ({"value": self.params["shared_key"]},),
                           wait=self.params["wait"], timeout=self.wait_timeout(),
                           what="the shared key of %s to be set" % self.describe())
            after = copy.deepcopy(current)
            after.setdefault("properties", {})["sharedKey"] = self.params["shared_key"]
            return after
        if self.is_ipsec():
            # a PUT without the key could reset it: carry the current one over
            self.fill_shared_key(current)
        return self.put(self.update_body(current, desired), desired)


ARGUMENT_SPEC = resource_argument_spec(
    FIELDS, wait_timeout=1800)


def main():
    module = azure_module(
        argument_spec=ARGUMENT_SPEC,
        mutually_exclusive=[("local_network_gateway", "express_route_circuit")],
    )
    run_ensure(Connection(module), module.params["state"])


if __name__ == "__main__":
    main()
