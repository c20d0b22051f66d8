#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_ipsec_connection_info
short_description: Report OCI IPSec connections with their tunnels' state, routes and errors
version_added: 0.1.0
description:
  - Reads IPSec connections and, per tunnel, Oracle's VPN IP, the tunnel status, the IKE (phase
    one) and ESP (phase two) negotiation details, the BGP session state, the routes Oracle
    advertises and receives on the tunnel, and the tunnel's error (code, description and
    solution) when OCI reports one.
  - Selects one connection by O(id), or the connections of O(compartment_id) filtered by
    O(drg_id), O(cpe_id) and O(display_name).
  - With O(wait_for), polls until every selected connection meets the conditions (for example
    all tunnels UP with BGP established), so a playbook can verify the interconnect.
  - A tunnel UP is not yet proof that it stays up - in IKEv2 its first child SA is made without a
    DH exchange, so a PFS mismatch shows only at the first phase-two rekey.
    M(interconnect.oci_azure.interconnect_verify) therefore also judges the rekey from the
    configured values in C(phase_one_details) and C(phase_two_details) (C(custom_*), C(lifetime),
    C(is_pfs_enabled) and C(dh_group), the PFS group) against the Azure connection's policy.
options:
  id:
    description: OCID of the IPSec connection.
    type: str
  compartment_id:
    description:
      - OCID of the compartment to list connections in (E(OCI_COMPARTMENT_ID)). Required unless
        O(id) is given.
    type: str
  display_name:
    description: Only the connection with this name.
    type: str
    aliases: [name]
  drg_id:
    description: Only connections of this DRG.
    type: str
  cpe_id:
    description: Only connections to this CPE.
    type: str
  include_routes:
    description: Read each tunnel's advertised and received routes (two more calls per tunnel).
    type: bool
    default: true
  wait_for:
    description:
      - Conditions to wait for on every selected connection when O(wait=true), within
        O(wait_timeout) seconds.
      - V(tunnels_up) waits until the tunnels are UP; V(bgp_up) until the BGP sessions of the BGP
        tunnels are UP.
      - O(tunnels) limits the conditions to some tunnels (for a connection with one tunnel in use).
    type: list
    elements: str
    choices: [tunnels_up, bgp_up]
    default: []
  tunnels:
    description:
      - Positions (1 or 2, in the API's order) or display names of the tunnels O(wait_for)
        applies to; all tunnels when not set.
    type: list
    elements: str
extends_documentation_fragment:
  - interconnect.oci_azure.oci_auth
  - interconnect.oci_azure.oci_wait
  - interconnect.oci_azure.attributes.OCI_INFO
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: Wait until both tunnels of the VPN to Azure are up with BGP established
  interconnect.oci_azure.oci_ipsec_connection_info:
    id: "{{ vpn.ipsec_connection.id }}"
    wait_for: [tunnels_up, bgp_up]
    wait_timeout: 900
  register: vpn_state

- name: Show why a tunnel is down
  ansible.builtin.debug:
    msg: "{{ item.display_name }} {{ item.status }} {{ item.error.error_description | default('') }}"
  loop: "{{ vpn_state.ipsec_connections[0].tunnels }}"
"""

RETURN = r"""
ipsec_connections:
  description:
    - The selected connections as the API reads them (snake_case keys), each with its C(tunnels).
  returned: always
  type: list
  elements: dict
  contains:
    tunnels:
      description:
        - The tunnels as the API reads them (C(vpn_ip), C(status), C(phase_one_details) and
          C(phase_two_details) with the negotiated algorithms and C(is_ike_established) /
          C(is_esp_established), C(bgp_session_info) with C(bgp_state)), plus C(routes_advertised)
          (Oracle to the CPE), C(routes_received) (from the CPE) and C(error).
      type: list
      elements: dict
  sample:
    - id: ocid1.ipsecconnection.oc1.iad.aaaaaaaaexample
      display_name: to-azure
      lifecycle_state: AVAILABLE
      tunnels:
        - id: ocid1.ipsectunnel.oc1.iad.aaaaaaaaexample1
          display_name: to-azure-1
          vpn_ip: 129.146.12.1
          status: UP
          phase_one_details:
            is_ike_established: true
            negotiated_encryption_algorithm: AES_256_CBC
            negotiated_authentication_algorithm: SHA2_384
            negotiated_dh_group: GROUP20
          phase_two_details:
            is_esp_established: true
            negotiated_encryption_algorithm: AES_256_GCM
            negotiated_dh_group: GROUP14
          bgp_session_info:
            bgp_state: UP
            oracle_interface_ip: 169.254.21.1/30
            customer_interface_ip: 169.254.21.2/30
          routes_advertised:
            - prefix: 10.10.0.0/16
              advertiser: ORACLE
              as_path: [31898]
              is_best_path: true
          routes_received:
            - prefix: 10.20.0.0/16
              advertiser: CUSTOMER
              as_path: [65010]
              is_best_path: true
          error: null
"""

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_api import OCIModule
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_auth import selector_options
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_errors import CLOUD, oci
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_resource import run_info
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_waits import is_gone


def selected(tunnels, selectors):
    """Tunnels named by position (1-based, as strings) or display name; all without selectors."""
    if not selectors:
        return list(tunnels)
    chosen = []
    for index, tunnel in enumerate(tunnels):
        if str(index + 1) in selectors or tunnel.get("display_name") in selectors:
            chosen.append(tunnel)
    return chosen


def unmet(connection, conditions, selectors):
    """Human-readable conditions that ``connection`` does not meet yet."""
    missing = []
    for tunnel in selected(connection.get("tunnels") or [], selectors):
        name = tunnel.get("display_name") or tunnel.get("id")
        if "tunnels_up" in conditions and tunnel.get("status") != "UP":
            missing.append("tunnel %s is %s" % (name, tunnel.get("status")))
        if "bgp_up" in conditions and tunnel.get("routing") == "BGP":
            state = (tunnel.get("bgp_session_info") or {}).get("bgp_state")
            if state != "UP":
                missing.append("BGP of tunnel %s is %s" % (name, state))
    return missing


class IPSecConnectionInfo(object):
    def __init__(self, module):
        self.module = module
        self.params = module.params
        self.api = module.api

    def connections(self):
        if self.params.get("id"):
            model = self.api.get_or_none("get_ip_sec_connection", self.params["id"])
            models = [model] if model is not None and not is_gone(model) else []
        else:
            if not self.params.get("compartment_id"):
                raise CloudError("compartment_id (or OCI_COMPARTMENT_ID) is required without id",
                                 cloud=CLOUD)
            filters = dict((k, self.params[k]) for k in ("drg_id", "cpe_id") if self.params.get(k))
            models = [m for m in self.api.list_all("list_ip_sec_connections",
                                                   self.params["compartment_id"], **filters)
                      if not is_gone(m)]
            if self.params.get("display_name"):
                models = [m for m in models if m.display_name == self.params["display_name"]]
        return [self.describe(m) for m in models]

    def describe(self, model):
        connection = oci.util.to_dict(model)
        tunnels = []
        for tunnel_model in self.api.list_all("list_ip_sec_connection_tunnels", model.id):
            tunnel = oci.util.to_dict(tunnel_model)
            if self.params.get("include_routes"):
                for key, advertiser in (("routes_advertised", "ORACLE"), ("routes_received", "CUSTOMER")):
                    tunnel[key] = [oci.util.to_dict(r) for r in self.api.list_all(
                        "list_ip_sec_connection_tunnel_routes", model.id, tunnel_model.id,
                        advertiser=advertiser)]
            error = self.api.get_or_none("get_ip_sec_connection_tunnel_error", model.id, tunnel_model.id)
            tunnel["error"] = oci.util.to_dict(error) if error is not None else None
            tunnels.append(tunnel)
        connection["tunnels"] = tunnels
        return connection

    def collect(self):
        conditions = self.params.get("wait_for") or []
        selectors = [str(s) for s in self.params.get("tunnels") or []]
        connections = self.connections()
        if not conditions or not self.params.get("wait"):
            return dict(ipsec_connections=connections)
        if not connections:
            raise CloudError("no IPSec connection matches, so none can meet %s" % ", ".join(conditions),
                             cloud=CLOUD, hint="check id, compartment_id and the filters")

        def pending(current):
            found = []
            for connection in current:
                found.extend("%s: %s" % (connection.get("display_name"), item)
                             for item in unmet(connection, conditions, selectors))
            return found

        def timed_out(current):
            errors = ["%s: %s" % (t.get("display_name"), t["error"].get("error_description"))
                      for c in current or [] for t in selected(c.get("tunnels") or [], selectors)
                      if t.get("error")]
            return CloudError("timed out after %ss waiting for %s; still %s%s" % (
                self.params["wait_timeout"], ", ".join(conditions), "; ".join(pending(current or [])),
                (". Tunnel errors: " + "; ".join(errors)) if errors else ""),
                cloud=CLOUD, hint="compare both sides' settings (secret, IKE version, proposals, "
                                  "BGP addresses and ASNs) or raise wait_timeout")

        if not pending(connections):
            return dict(ipsec_connections=connections)
        connections = self.api.poll(self.connections, lambda current: not pending(current),
                                    on_timeout=timed_out)
        return dict(ipsec_connections=connections)


def main():
    module = OCIModule(
        argument_spec=selector_options(
            drg_id=dict(type="str"),
            cpe_id=dict(type="str"),
            include_routes=dict(type="bool", default=True),
            wait_for=dict(type="list", elements="str", choices=["tunnels_up", "bgp_up"], default=[]),
            tunnels=dict(type="list", elements="str"),
        ),
    )
    run_info(module, IPSecConnectionInfo(module).collect)


if __name__ == "__main__":
    main()
