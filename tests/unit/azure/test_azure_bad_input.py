"""Bad input the Azure modules refuse before any write (the bad-input catalogue's unit side): a
subnet outside the VNet, an ExpressRoute bandwidth no provider circuit has, a wait_timeout that
is not positive, and changes Azure cannot make in place named by their module option."""

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import InputError, ensure
from ansible_collections.interconnect.oci_azure.plugins.modules import (
    azure_expressroute_circuit as circuit_module,
    azure_public_ip as pip_module,
    azure_virtual_network as vnet_module,
)


def refused(resource, *fragments):
    with pytest.raises(InputError) as info:
        ensure(resource, "present")
    text = "; ".join(info.value.problems)
    for fragment in fragments:
        assert fragment in text, text
    return text


def test_a_subnet_outside_the_address_space_is_refused(make, cloud):
    vnet = make(vnet_module.VirtualNetwork, vnet_module.ARGUMENT_SPEC, name="vnet",
                resource_group="rg", address_prefixes=["10.40.0.0/16"],
                subnets=[{"name": "GatewaySubnet", "address_prefix": "10.99.255.0/27"}])
    refused(vnet, "subnets[GatewaySubnet].address_prefix 10.99.255.0/27 is outside address_prefixes")
    assert cloud.writes == []
    inside = make(vnet_module.VirtualNetwork, vnet_module.ARGUMENT_SPEC, name="vnet",
                  resource_group="rg", address_prefixes=["10.40.0.0/16", "10.99.0.0/16"],
                  subnets=[{"name": "GatewaySubnet", "address_prefix": "10.99.255.0/27"}])
    assert inside.validate() == []


@pytest.mark.parametrize("mbps, ok", [(1000, True), (50, True), (10000, True), (3000, False),
                                      (0, False)])
def test_expressroute_bandwidths(make, mbps, ok):
    circuit = make(circuit_module.ExpressRouteCircuit, circuit_module.ARGUMENT_SPEC, name="er",
                   resource_group="rg", peering_location="Amsterdam2", bandwidth_in_mbps=mbps)
    problems = circuit.validate()
    assert (problems == []) is ok, problems
    if not ok:
        assert problems[0].startswith("bandwidth_in_mbps %d is not" % mbps)


def test_a_wait_timeout_that_is_not_positive_is_refused(make, cloud):
    pip = make(pip_module.PublicIp, pip_module.ARGUMENT_SPEC, name="pip", resource_group="rg",
               wait_timeout=-1)
    refused(pip, "wait_timeout: -1")
    assert cloud.writes == []


def test_an_immutable_change_names_the_option(make, cloud):
    ensure(make(pip_module.PublicIp, pip_module.ARGUMENT_SPEC, name="pip", resource_group="rg",
                location="westeurope", ip_version="IPv4"), "present")
    cloud.writes.clear()
    text = refused(make(pip_module.PublicIp, pip_module.ARGUMENT_SPEC, name="pip",
                        resource_group="rg", ip_version="IPv6"),
                   "properties.publicIPAddressVersion cannot be changed in place (option ip_version;",
                   "delete it (state=absent)")
    assert "replace=true" not in text      # the module has no replace option
    assert cloud.writes == []
