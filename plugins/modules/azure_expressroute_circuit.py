#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: azure_expressroute_circuit
short_description: Create, update or delete an ExpressRoute circuit (for Oracle Cloud FastConnect)
version_added: 0.1.0
description:
  - Ensures an ExpressRoute circuit through a connectivity provider - by default
    C(Oracle Cloud FastConnect), for the OCI FastConnect <-> ExpressRoute interconnect - and
    returns its service key (give it to the OCI FastConnect virtual circuit) and the provider's
    provisioning state.
  - With O(wait_for_provider_state=Provisioned) the task waits, up to O(wait_timeout), until the
    provider side is provisioned (for Oracle - once the FastConnect virtual circuit with this
    service key exists).
  - Before creating a circuit it lists Azure's C(expressRouteServiceProviders) (SDK
    C(express_route_service_providers.list())) and refuses, before any write and in check mode
    too, a peering location or bandwidth the provider does not offer, naming the offered ones.
  - Bandwidth can only grow in place; the provider and peering location cannot change, and the
    SKU family cannot go from V(UnlimitedData) back to V(MeteredData). An V(Local) circuit needs
    V(UnlimitedData) (Microsoft Learn, ExpressRoute FAQ, ExpressRoute Local).
  - Delete in this order - the ExpressRoute gateway connection, the FastConnect virtual
    circuit, the private peering, then the circuit (otherwise the circuit can end up Failed).
extends_documentation_fragment:
  - interconnect.oci_azure.azure_auth
  - interconnect.oci_azure.attributes.AZURE
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.ACTIONGROUPS
options:
  name:
    description: Name of the circuit.
    type: str
    required: true
  resource_group:
    description: Resource group.
    type: str
    required: true
  location:
    description: Azure region; defaults to the resource group's. Cannot change.
    type: str
  service_provider_name:
    description: Connectivity provider; V(Oracle Cloud FastConnect) when creating without it. Cannot change.
    type: str
  peering_location:
    description:
      - Provider peering location, for example V(Washington DC). Required to create. Cannot change.
      - Must be one of the provider's C(peeringLocations) in C(expressRouteServiceProviders); for
        Oracle it must also be paired with the OCI region (the planner checks that).
    type: str
  bandwidth_in_mbps:
    description:
      - Circuit bandwidth in Mbps; must equal the FastConnect virtual circuit's (1, 2, 5 or
        10 Gbps - V(1000), V(2000), V(5000), V(10000)). Required to create. Can only increase.
      - Provider circuits come in 50, 100, 200, 500, 1000, 2000, 5000 and 10000 Mbps; other values
        fail before any call.
    type: int
  sku_tier:
    description: SKU tier; V(Standard) when creating without it. V(Local) requires O(sku_family=UnlimitedData).
    type: str
    choices: [Local, Standard, Premium]
  sku_family:
    description: SKU family (billing); V(MeteredData) when creating without it.
    type: str
    choices: [MeteredData, UnlimitedData]
  allow_classic_operations:
    description: Allow classic (ASM) operations on the circuit.
    type: bool
  wait_for_provider_state:
    description:
      - Wait until the provider provisioning state is this value (the provider side is done
        out of band, so this reads the circuit until it changes).
    type: str
    choices: [Provisioned]
  tags:
    description: Tags to set (merged with tags already there).
    type: dict
  state:
    description: Whether the circuit should exist.
    type: str
    default: present
    choices: [present, absent]
  wait:
    description: Wait for creation, update or deletion to finish.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait (for the operation, and for O(wait_for_provider_state)).
    type: int
    default: 1800
author:
  - interconnect.oci_azure maintainers (@interconnect)
"""

EXAMPLES = r"""
- name: ExpressRoute circuit for OCI FastConnect
  interconnect.oci_azure.azure_expressroute_circuit:
    name: er-oci
    resource_group: rg-interconnect
    peering_location: Washington DC
    bandwidth_in_mbps: 1000
    sku_tier: Standard
    sku_family: MeteredData
  register: er

- name: Use the service key on the OCI side
  ansible.builtin.debug:
    msg: "{{ er.service_key }}"

- name: After the FastConnect virtual circuit is created, wait for the provider
  interconnect.oci_azure.azure_expressroute_circuit:
    name: er-oci
    resource_group: rg-interconnect
    wait_for_provider_state: Provisioned
    wait_timeout: 1800
"""

RETURN = r"""
expressroute_circuit:
  description: The circuit (empty after deletion).
  returned: always
  type: dict
  sample:
    id: /subscriptions/0000/resourceGroups/rg-interconnect/providers/Microsoft.Network/expressRouteCircuits/er-oci
    name: er-oci
    sku: {name: Standard_MeteredData, tier: Standard, family: MeteredData}
    service_key: 7f3c2a4e-0000-0000-0000-9d1e5b2c4a10
    service_provider_properties:
      service_provider_name: Oracle Cloud FastConnect
      peering_location: Washington DC
      bandwidth_in_mbps: 1000
    service_provider_provisioning_state: NotProvisioned
    peerings: []
    provisioning_state: Succeeded
service_key:
  description: The circuit's service key (what the OCI FastConnect virtual circuit needs).
  returned: when the circuit exists
  type: str
service_provider_provisioning_state:
  description: C(NotProvisioned), C(Provisioning), C(Provisioned) or C(Deprovisioning).
  returned: when the circuit exists
  type: str
"""

from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_resource import (
    resource_argument_spec,
    AZURE_FIELDS,
    AzureResource,
    azure_module,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_shapes import to_rest
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import KNOWN_AFTER_CREATE, run_ensure
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field


DEFAULT_PROVIDER = R.AZURE_ER_PROVIDER
DEFAULT_TIER = "Standard"
DEFAULT_FAMILY = "MeteredData"
# Bandwidths of ExpressRoute circuits through a connectivity provider (ExpressRoute FAQ); the
# FastConnect pairing uses 1000, 2000, 5000 or 10000 of them.
PROVIDER_BANDWIDTHS_MBPS = (50, 100, 200, 500, 1000, 2000, 5000, 10000)


def bandwidth_problem(bandwidth, option):
    if bandwidth not in PROVIDER_BANDWIDTHS_MBPS:
        return "%s %s is not a bandwidth ExpressRoute provider circuits offer (%s)" % (
            option, bandwidth, ", ".join(str(b) for b in PROVIDER_BANDWIDTHS_MBPS))
    return None


PROVIDER = "properties.serviceProviderProperties."
# The provider and the peering location are fixed at creation; the bandwidth only grows and the
# SKU family only goes to UnlimitedData (circuit_change_problems).
FIELDS = AZURE_FIELDS.extended(
    Field("service_provider_name", read=PROVIDER + "serviceProviderName", spec=dict(type="str"),
          immutable=True),
    Field("peering_location", read=PROVIDER + "peeringLocation", spec=dict(type="str"),
          immutable=True, required_to_create=True),
    Field("bandwidth_in_mbps", read=PROVIDER + "bandwidthInMbps", spec=dict(type="int"),
          required_to_create=True, validate=bandwidth_problem),
    # one SKU object made of both options and the circuit's current SKU: ExpressRouteCircuit.sku
    Field("sku_tier", read="sku.tier", desired=False,
          spec=dict(type="str", choices=["Local", "Standard", "Premium"])),
    Field("sku_family", read="sku.family", desired=False,
          spec=dict(type="str", choices=["MeteredData", "UnlimitedData"])),
    Field("allow_classic_operations", read="properties.allowClassicOperations",
          spec=dict(type="bool")),
)


def provider_state(circuit):
    return ((circuit or {}).get("properties") or {}).get("serviceProviderProvisioningState")


def circuit_change_problems(current, desired):
    """Changes Azure refuses on an existing circuit (pure; unit-tested)."""
    problems = []
    have = (current.get("properties") or {}).get("serviceProviderProperties") or {}
    want = (desired.get("properties") or {}).get("serviceProviderProperties") or {}
    if want.get("bandwidthInMbps") and have.get("bandwidthInMbps") \
            and want["bandwidthInMbps"] < have["bandwidthInMbps"]:
        problems.append("bandwidth_in_mbps cannot decrease in place (properties.serviceProviderProperties."
                        "bandwidthInMbps is %s); re-create the circuit for less" % have["bandwidthInMbps"])
    have_family = (current.get("sku") or {}).get("family")
    want_family = (desired.get("sku") or {}).get("family")
    if have_family == "UnlimitedData" and want_family == "MeteredData":
        problems.append("sku_family cannot go from UnlimitedData back to MeteredData (sku.family)")
    return problems


def provider_offer_problems(providers, name, location, bandwidth):
    """What the provider does not offer, from Azure's expressRouteServiceProviders list (REST
    shape: properties.peeringLocations, properties.bandwidthsOffered[].valueInMbps) (pure)."""
    found = None
    for provider in providers or []:
        if (provider.get("name") or "").lower() == (name or "").lower():
            found = provider
    if found is None:
        return ["service_provider_name %r is not among the ExpressRoute providers Azure lists "
                "(expressRouteServiceProviders: %s)"
                % (name, ", ".join(sorted(p.get("name") or "?" for p in providers or [])) or "none")]
    props = found.get("properties") or found
    problems = []
    locations = list(props.get("peeringLocations") or [])
    if location and location.lower() not in [loc.lower() for loc in locations]:
        problems.append("peering_location %r is not offered by %s; it offers %s (Azure "
                        "expressRouteServiceProviders)" % (location, found.get("name"),
                                                           ", ".join(locations) or "none"))
    offered = [b.get("valueInMbps") for b in props.get("bandwidthsOffered") or []]
    if bandwidth and bandwidth not in offered:
        problems.append("bandwidth_in_mbps %s is not offered by %s; it offers %s Mbps (Azure "
                        "expressRouteServiceProviders)" % (bandwidth, found.get("name"),
                                                           ", ".join(str(b) for b in offered) or "none"))
    return problems


class ExpressRouteCircuit(AzureResource):
    kind = "ExpressRoute circuit"
    result_key = "expressroute_circuit"
    operations = "express_route_circuits"
    resource_type = "expressRouteCircuits"
    fields = FIELDS
    # an ARM error on the whole SKU object names both options it is made of
    target_options = {"sku": "sku_tier/sku_family", "family": "sku_family", "tier": "sku_tier"}

    def predict(self, current, desired):
        after = super(ExpressRouteCircuit, self).predict(current, desired)
        if current is None:
            # Azure issues the service key (the FastConnect provider's key) at create time
            properties = after.setdefault("properties", {})
            properties.setdefault("serviceKey", KNOWN_AFTER_CREATE)
            properties.setdefault("serviceProviderProvisioningState", "NotProvisioned")
        return after

    def sku(self):
        """The SKU object the options ask for (each unset part from the current SKU, then
        Azure's default), or None when neither is set."""
        params = self.params
        if not (params.get("sku_tier") or params.get("sku_family")):
            return None
        have = (self.current or {}).get("sku") or {}
        tier = params.get("sku_tier") or have.get("tier") or DEFAULT_TIER
        family = params.get("sku_family") or have.get("family") or DEFAULT_FAMILY
        return {"name": "%s_%s" % (tier, family), "tier": tier, "family": family}

    def wanted(self):
        wanted = super(ExpressRouteCircuit, self).wanted()
        sku = self.sku()
        if sku is not None:
            wanted["sku"] = sku
        return wanted

    def change_problems(self, current, desired, changed_paths):
        # checked by the engine before an update, in check mode too
        return circuit_change_problems(current, desired)

    def create_problems(self, desired):
        """What stops a create, before any write and in check mode too (the engine asks)."""
        missing = self.fields.missing_to_create(self.params)
        if missing:
            # this module's wording since 0.1.0 ("a, b required to create")
            return ["%s required to create %s" % (", ".join(missing), self.describe())]
        provider = (desired.get("properties") or {}).get("serviceProviderProperties") or {}
        problems = []
        sku = desired.get("sku") or {}
        if sku.get("tier") == "Local" and sku.get("family") != R.ER_LOCAL_REQUIRES_FAMILY:
            problems.append("sku_tier Local requires sku_family %s (ExpressRoute Local is offered "
                            "with unlimited data only)" % R.ER_LOCAL_REQUIRES_FAMILY)
        providers = self.azure.call(
            lambda: [to_rest(p) for p in self.azure.operations("express_route_service_providers").list()])
        problems.extend(provider_offer_problems(
            providers, provider.get("serviceProviderName") or DEFAULT_PROVIDER,
            provider.get("peeringLocation"), provider.get("bandwidthInMbps")))
        return problems

    def create(self, desired):
        provider = desired.setdefault("properties", {}).setdefault("serviceProviderProperties", {})
        provider.setdefault("serviceProviderName", DEFAULT_PROVIDER)
        desired.setdefault("sku", {"name": "%s_%s" % (DEFAULT_TIER, DEFAULT_FAMILY),
                                   "tier": DEFAULT_TIER, "family": DEFAULT_FAMILY})
        return self.wait_provider(super(ExpressRouteCircuit, self).create(desired))

    def update(self, current, desired, changed_paths):
        return self.wait_provider(super(ExpressRouteCircuit, self).update(current, desired, changed_paths))

    def wait_ready(self, resource):
        return self.wait_provider(super(ExpressRouteCircuit, self).wait_ready(resource))

    def wait_provider(self, circuit):
        wanted = self.params.get("wait_for_provider_state")
        if not wanted or provider_state(circuit) == wanted:
            return circuit
        return self.azure.wait_until(
            lambda: self.azure.get(self.ops.get, *self.scope()),
            lambda found: found is None or provider_state(found) == wanted,
            self.wait_timeout(),
            "the provider state of %s to become %s" % (self.describe(), wanted),
            describe=provider_state)

    def extra_results(self, result):
        circuit = result.get(self.result_key) or {}
        if not circuit:
            return {}
        return {"service_key": circuit.get("service_key"),
                "service_provider_provisioning_state": circuit.get("service_provider_provisioning_state")}


ARGUMENT_SPEC = resource_argument_spec(
    FIELDS, wait_timeout=1800,
    wait_for_provider_state=dict(type="str", choices=["Provisioned"]))


def main():
    module = azure_module(
        argument_spec=ARGUMENT_SPEC,
    )
    run_ensure(ExpressRouteCircuit(module), module.params["state"])


if __name__ == "__main__":
    main()
