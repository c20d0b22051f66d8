# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters that give roles small pieces of the interconnect plan.

Each filter is documented in plugins/filter/<name>.yml (``ansible-doc -t filter
interconnect.oci_azure.<name>``). The logic is the planner's (plugins/module_utils/plan).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import addressing as A
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import crypto as CR
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import module_args as MA


def cidr_halves(value):
    """The two halves of a CIDR, or of each CIDR of a list (flattened, in order)."""
    items = value if isinstance(value, (list, tuple)) else [value]
    out = []
    for item in items:
        try:
            net = A.parse_network(item)
            out.extend(str(half) for half in A.cidr_halves(net))
        except (A.AddressError, ImportError) as exc:
            raise AnsibleFilterError("cidr_halves: %s" % exc)
    return out


def tunnel_inside_pair(value, shared_customer_ip=None):
    """Oracle and customer inside addresses of a tunnel.

    A /30 block gives Oracle the first usable address and the customer (Azure APIPA) the second.
    A /31 needs ``shared_customer_ip`` or is read as customer = first address, Oracle = second,
    which is how the planner lets a /31 reach the same APIPA as a /30 (seed design)."""
    try:
        net = A.parse_network(value, strict=False).cidr
        if net.prefixlen == 30:
            if shared_customer_ip is not None:
                raise AnsibleFilterError("tunnel_inside_pair: shared_customer_ip applies to a /31 "
                                         "only")
            oracle, customer = A.inside_pair_30(net)
        elif net.prefixlen == 31:
            customer_ip = shared_customer_ip if shared_customer_ip is not None else str(net[0])
            if not A.within(A.parse_address(str(customer_ip)), net):
                raise AnsibleFilterError("tunnel_inside_pair: %s is not in %s"
                                         % (customer_ip, net))
            oracle, customer = A.inside_pair_31_sharing(customer_ip)
        else:
            raise AnsibleFilterError("tunnel_inside_pair: %s is a /%d; OCI inside tunnel "
                                     "addresses are /30 or /31" % (net, net.prefixlen))
    except (A.AddressError, ImportError) as exc:
        raise AnsibleFilterError("tunnel_inside_pair: %s" % exc)
    return {"oracle_ip": oracle, "customer_ip": customer, "prefix_length": net.prefixlen,
            "oracle_address": oracle.split("/")[0], "customer_address": customer.split("/")[0],
            "network": str(net)}


def _phases(value, name):
    if not isinstance(value, dict):
        raise AnsibleFilterError("%s: expects a dict with phase_one_config and phase_two_config "
                                 "(the shape of plan.crypto.oci)" % name)
    return value.get("phase_one_config"), value.get("phase_two_config")


def oci_to_azure_ipsec_policy(value):
    """The Azure ipsec_policy (eight fields) equivalent to OCI phase one/two configs."""
    phase_one, phase_two = _phases(value, "oci_to_azure_ipsec_policy")
    try:
        return CR.oci_to_azure_policy(phase_one, phase_two, field="oci")
    except CR.CryptoError as exc:
        raise AnsibleFilterError("oci_to_azure_ipsec_policy: %s" % exc)


def azure_to_oci_ipsec_params(value):
    """OCI phase_one_config and phase_two_config equivalent to an Azure ipsec_policy."""
    if not isinstance(value, dict):
        raise AnsibleFilterError("azure_to_oci_ipsec_params: expects an Azure ipsec policy dict")
    try:
        phase_one, phase_two = CR.azure_policy_to_oci(value, field="azure_ipsec_policy")
    except CR.CryptoError as exc:
        raise AnsibleFilterError("azure_to_oci_ipsec_params: %s" % exc)
    return {"phase_one_config": phase_one, "phase_two_config": phase_two}


def ipsec_mismatches(oci, azure_policy=None):
    """Every IKE/IPsec parameter on which the two sides cannot agree (messages with a fix).

    ``azure_policy``: the connection's policy dict, or None / an empty list for Azure's
    default policy; a one-element list (ARM's ipsecPolicies) is accepted too."""
    phase_one, phase_two = _phases(oci, "ipsec_mismatches")
    if isinstance(azure_policy, list):
        if len(azure_policy) > 1:
            raise AnsibleFilterError("ipsec_mismatches: Azure connections carry at most one "
                                     "ipsec policy")
        azure_policy = azure_policy[0] if azure_policy else None
    mismatches = CR.compare(phase_one, phase_two, azure_policy is None, azure_policy,
                            prefix="crypto")
    return [m["message"] for m in mismatches]


def plan_ref_key(value):
    """A stable string key for a plan reference ({"ref": {...}} or its inner dict)."""
    inner = value.get("ref", value) if isinstance(value, dict) else None
    if not isinstance(inner, dict) or "cloud" not in inner or "kind" not in inner:
        raise AnsibleFilterError("plan_ref_key: %r is not a plan reference" % (value,))
    return MA.ref_key(inner)


def resolve_plan_refs(value, known, strict=True):
    """Replace every plan reference in ``value`` by ``known[plan_ref_key(ref)]``.

    With ``strict`` (default) an unknown reference fails naming it; otherwise it is kept."""
    if not isinstance(known, dict):
        raise AnsibleFilterError("resolve_plan_refs: known values must be a dict keyed by "
                                 "plan_ref_key")

    def walk(item):
        if isinstance(item, dict):
            if set(item) == {"ref"} and isinstance(item["ref"], dict):
                key = plan_ref_key(item)
                if key in known:
                    return known[key]
                if strict:
                    raise AnsibleFilterError("resolve_plan_refs: no value for %s" % key)
                return item
            return dict((k, walk(v)) for k, v in item.items())
        if isinstance(item, list):
            return [walk(v) for v in item]
        return item

    return walk(value)


def fill_module_args(call, secrets=None, overrides=None):
    """The args of one call of the plan's ``module_args``, with its pre-shared keys filled from
    ``secrets`` (tunnel key -> key) and ``interconnect_tunnel_overrides`` applied."""
    if not isinstance(call, dict) or "args" not in call:
        raise AnsibleFilterError("fill_module_args: %r is not a call of the plan's module_args" % (call,))
    try:
        return MA.fill(call, secrets or {}, overrides or {})
    except MA.ModuleArgsError as exc:
        raise AnsibleFilterError("fill_module_args: %s (%s)" % (exc, call["module"]))


class FilterModule(object):

    def filters(self):
        return {
            "cidr_halves": cidr_halves,
            "tunnel_inside_pair": tunnel_inside_pair,
            "oci_to_azure_ipsec_policy": oci_to_azure_ipsec_policy,
            "azure_to_oci_ipsec_params": azure_to_oci_ipsec_params,
            "ipsec_mismatches": ipsec_mismatches,
            "plan_ref_key": plan_ref_key,
            "resolve_plan_refs": resolve_plan_refs,
            "fill_module_args": fill_module_args,
        }
