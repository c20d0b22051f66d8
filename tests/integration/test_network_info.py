"""The read-only modules a run uses to look before it writes: azure_virtual_network_info (a VNet,
its GatewaySubnet and the gateways deployed to it) and oci_drg_attachment_info (the DRG a VCN is
attached to), through ansible-playbook against the twin. They never write."""

import pytest

from oci_it_helpers import playbook_runner

NS = "interconnect.oci_azure."
FAST = {"AZURE_POLLING_INTERVAL": "0.05"}
RG = "it-net-info"


def task(title, module, /, **args):
    return {"name": title, NS + module: args}


@pytest.fixture
def playbook(run_play, tmp_path):
    return playbook_runner(run_play, tmp_path)


def test_a_vnet_lists_the_gateways_in_its_gateway_subnet(twin, run_play):
    build = [
        task("rg", "azure_resource_group", name=RG, location="eastus"),
        task("vnet", "azure_virtual_network", name="vnet", resource_group=RG, address_prefixes=["10.61.0.0/16"],
             subnets=[{"name": "GatewaySubnet", "address_prefix": "10.61.255.0/27"},
                      {"name": "app", "address_prefix": "10.61.1.0/24"}]),
        task("bare", "azure_virtual_network", name="bare", resource_group=RG, address_prefixes=["10.62.0.0/16"]),
        task("pip", "azure_public_ip", name="pip1", resource_group=RG, zones=["1", "2", "3"]),
        task("gateway", "azure_virtual_network_gateway", name="hub-vng", resource_group=RG, virtual_network="vnet",
             sku="VpnGw2AZ", generation="Generation2", active_active=False, enable_bgp=True,
             bgp_settings={"asn": 65020}, ip_configurations=[{"name": "default", "public_ip": "pip1"}]),
    ]
    assert run_play(build, env=FAST, expect_rc=0).changed == 5

    before = twin.writes()
    read = run_play([
        task("hub", "azure_virtual_network_info", name="vnet", resource_group=RG),
        task("bare", "azure_virtual_network_info", name="bare", resource_group=RG),
        task("missing", "azure_virtual_network_info", name="nothing-here", resource_group=RG),
    ], env=FAST, expect_rc=0)
    assert twin.writes() == before and read.changed == 0

    hub = read.task("hub")
    assert hub["exists"] is True and hub["gateway_subnet"]["address_prefix"] == "10.61.255.0/27"
    assert [g["name"] for g in hub["virtual_network_gateways"]] == ["hub-vng"]
    gateway = hub["virtual_network_gateways"][0]
    assert gateway["gateway_type"] == "Vpn" and gateway["resource_group"] == RG
    assert gateway["bgp_settings"]["asn"] == 65020
    assert read.task("bare")["gateway_subnet"] == {} and read.task("bare")["virtual_network_gateways"] == []
    missing = read.task("missing")
    assert missing["exists"] is False and missing["virtual_network"] == {}


def test_a_vcn_shows_the_drg_it_is_attached_to(twin, playbook):
    build = [
        dict(task("vcn", "oci_vcn", display_name="info-vcn", cidr_blocks=["10.63.0.0/16"]), register="vcn"),
        dict(task("free", "oci_vcn", display_name="info-free", cidr_blocks=["10.64.0.0/16"]), register="free"),
        dict(task("drg", "oci_drg", display_name="info-drg"), register="drg"),
        task("attach", "oci_drg_attachment", display_name="info-attachment", drg_id="{{ drg.drg.id }}",
             vcn_id="{{ vcn.vcn.id }}"),
        task("by vcn", "oci_drg_attachment_info", vcn_id="{{ vcn.vcn.id }}"),
        task("by free vcn", "oci_drg_attachment_info", vcn_id="{{ free.vcn.id }}"),
        task("by drg, all types", "oci_drg_attachment_info", drg_id="{{ drg.drg.id }}", attachment_type="ALL"),
    ]
    before = twin.writes()
    played = playbook(build, expect_rc=0)
    assert twin.writes() - before == 4      # the two VCNs, the DRG, the attachment: the reads wrote nothing
    listed = played.task("by vcn")["drg_attachments"]
    assert len(listed) == 1 and listed[0]["display_name"] == "info-attachment"
    assert listed[0]["drg_id"] == played.task("drg")["drg"]["id"]
    assert listed[0]["network_details"]["id"] == played.task("vcn")["vcn"]["id"]
    assert listed[0]["drg_route_table_id"]
    assert played.task("by free vcn")["drg_attachments"] == []
    assert [a["display_name"] for a in played.task("by drg, all types")["drg_attachments"]] == ["info-attachment"]
