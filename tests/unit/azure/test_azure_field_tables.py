"""The Azure modules' field tables: the shared range validator, and every name a table gives to
an ARM error target or a read path is an option the module really has."""

import re

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_checks import between
from ansible_collections.interconnect.oci_azure.plugins.modules import (
    azure_connection,
    azure_expressroute_circuit,
    azure_expressroute_peering,
    azure_local_network_gateway,
    azure_public_ip,
    azure_resource_group,
    azure_virtual_network,
    azure_virtual_network_gateway,
)

# module -> its resource class; a module joins this list when its fields are a table
TABLED = [
    (azure_connection, azure_connection.Connection),
    (azure_expressroute_circuit, azure_expressroute_circuit.ExpressRouteCircuit),
    (azure_expressroute_peering, azure_expressroute_peering.Peering),
    (azure_local_network_gateway, azure_local_network_gateway.LocalNetworkGateway),
    (azure_public_ip, azure_public_ip.PublicIp),
    (azure_resource_group, azure_resource_group.ResourceGroup),
    (azure_virtual_network, azure_virtual_network.VirtualNetwork),
    (azure_virtual_network_gateway, azure_virtual_network_gateway.VirtualNetworkGateway),
]


def test_between_names_the_option_and_its_bounds_and_takes_both_ends():
    check = between(0, 100)
    assert check(0, "bgp_settings.peer_weight") is None
    assert check(100, "bgp_settings.peer_weight") is None
    assert check(101, "bgp_settings.peer_weight") == "bgp_settings.peer_weight must be between 0 and 100"
    assert check(-1, "w") == "w must be between 0 and 100"


def spec_has(spec, option):
    """Whether the dotted/indexed ``option`` (``a.b``, ``a[].b``, ``a/b``) is in ``spec``."""
    for alternative in option.split("/"):
        parts = [part for part in re.split(r"[.\[\]]+", alternative) if part]
        level = spec
        for part in parts:
            if part not in level:
                return False
            level = level[part].get("options") or {}
    return True


@pytest.mark.parametrize("module,resource_class", TABLED, ids=lambda item: getattr(item, "__name__", ""))
def test_every_error_target_and_field_names_a_real_option(module, resource_class):
    resource = resource_class.__new__(resource_class)
    for fragment, option in resource.error_targets().items():
        assert spec_has(module.ARGUMENT_SPEC, option), (fragment, option)
    for field in resource_class.fields:
        assert spec_has(module.ARGUMENT_SPEC, field.option), field
