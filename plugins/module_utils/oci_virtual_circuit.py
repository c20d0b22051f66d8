# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""FastConnect virtual circuits, shared by the oci_virtual_circuit module and its _info module:
the ``wait_for`` conditions a circuit can be awaited on, what it still lacks for them, and the
bounded wait that fails early when the circuit is FAILED."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_errors import (
    CLOUD,
    oci,
)

VC_WAIT_CONDITIONS = ["pending_provider", "provisioned", "bgp_up"]
VC_PAST_CREATE_STATES = ("PENDING_PROVIDER", "VERIFYING", "PROVISIONING", "PROVISIONED")
VC_FAILED_STATES = ("FAILED",)


def virtual_circuit_unmet(circuit, conditions):
    """What ``circuit`` (read shape) still lacks for the ``wait_for`` conditions.

    pending_provider: OCI accepted the circuit (PENDING_PROVIDER or later, where oracle.oci
    stops waiting); provisioned: lifecycle_state PROVISIONED; bgp_up: bgp_session_state UP.
    """
    state = circuit.get("lifecycle_state")
    unmet = []
    if "pending_provider" in conditions and state not in VC_PAST_CREATE_STATES:
        unmet.append("lifecycle_state is %s, not yet PENDING_PROVIDER or later" % state)
    if "provisioned" in conditions and state != "PROVISIONED":
        unmet.append("lifecycle_state is %s, not PROVISIONED (provider_state %s)"
                     % (state, circuit.get("provider_state")))
    if "bgp_up" in conditions and circuit.get("bgp_session_state") != "UP":
        unmet.append("bgp_session_state is %s, not UP" % circuit.get("bgp_session_state"))
    return unmet


def wait_for_virtual_circuit(api, circuit_id, conditions, what):
    """Poll the circuit until it meets ``conditions``; fails early when it is FAILED."""

    def fetch():
        return oci.util.to_dict(api.call("get_virtual_circuit", circuit_id))

    def done(circuit):
        if circuit.get("lifecycle_state") in VC_FAILED_STATES:
            raise CloudError("%s is %s" % (what, circuit["lifecycle_state"]), cloud=CLOUD,
                             hint="check the provider side (for Azure, the ExpressRoute circuit's "
                                  "service key, bandwidth and private peering)")
        return not virtual_circuit_unmet(circuit, conditions)

    def timed_out(circuit):
        return CloudError("timed out after %ss waiting for %s to be %s: %s" % (
            api.params.get("wait_timeout"), what, ", ".join(conditions),
            "; ".join(virtual_circuit_unmet(circuit or {}, conditions))), cloud=CLOUD,
            hint="for Azure, the ExpressRoute circuit must exist with this service key and "
                 "bandwidth, and its private peering must match the cross-connect mappings and "
                 "VLAN; or raise wait_timeout")

    return api.poll(fetch, done, on_timeout=timed_out)
