"""Adopting an estate that exists: site.yml on a hub DRG with the VCN already attached and an
existing active-active VPN gateway (portal-style IP configuration names, no APIPA addresses),
against the twin, the way a network team would run it.

1. without the opt-ins, the preflight fails before any write naming the two variables that let
   the run change what was brought (the gateway's APIPA addresses, ECMP on the user's table);
2. with them, the interconnect deploys and verifies, adopting the attachment as it is;
3. a second run changes nothing and writes nothing;
4. teardown removes what the run made and nothing that was brought.

A second test runs greenfield-style hosts into that estate: each fails in the preflight, with zero
writes, naming the variable to change (the gateway the VNet already has, the DRG the VCN is
attached to, a VNet without GatewaySubnet); verifying one of them writes nothing either.
"""

import json
import os
import subprocess

import pytest
import yaml

from ansible_env import ANSIBLE_PLAYBOOK, ROOT, playbook_env
from oci_it_helpers import playbook_runner

NS = "interconnect.oci_azure."
FAST = {"AZURE_POLLING_INTERVAL": "0.05"}
RG = "rg-estate"
INVENTORY = os.path.join(ROOT, "inventories", "twin")


def task(title, module, register=None, **args):
    entry = {"name": title, NS + module: args}
    if register:
        entry["register"] = register
    return entry


def estate_tasks():
    """The user's estate, as it was before the collection: a hub VCN attached to a hub DRG, a VNet
    with its GatewaySubnet and an active-active BGP gateway made the portal's way."""
    return [
        task("vcn", "oci_vcn", register="vcn", display_name="estate-vcn", cidr_blocks=["10.70.0.0/16"]),
        task("free vcn", "oci_vcn", register="free", display_name="estate-free-vcn", cidr_blocks=["10.71.0.0/16"]),
        task("drg", "oci_drg", register="drg", display_name="estate-hub-drg"),
        task("attachment", "oci_drg_attachment", display_name="estate-vcn-attachment",
             drg_id="{{ drg.drg.id }}", vcn_id="{{ vcn.vcn.id }}"),
        task("rg", "azure_resource_group", name=RG, location="westeurope"),
        task("vnet", "azure_virtual_network", name="vnet-estate", resource_group=RG, location="westeurope",
             address_prefixes=["10.170.0.0/16"],
             subnets=[{"name": "GatewaySubnet", "address_prefix": "10.170.255.0/27"},
                      {"name": "workload", "address_prefix": "10.170.1.0/24"}]),
        task("bare vnet", "azure_virtual_network", name="vnet-bare", resource_group=RG, location="westeurope",
             address_prefixes=["10.172.0.0/16"], subnets=[{"name": "workload", "address_prefix": "10.172.1.0/24"}]),
        task("pip a", "azure_public_ip", name="estate-pip-a", resource_group=RG, location="westeurope",
             zones=["1", "2", "3"]),
        task("pip b", "azure_public_ip", name="estate-pip-b", resource_group=RG, location="westeurope",
             zones=["1", "2", "3"]),
        task("gateway", "azure_virtual_network_gateway", name="estate-vng", resource_group=RG, location="westeurope",
             virtual_network="vnet-estate", sku="VpnGw2AZ", generation="Generation2", active_active=True,
             enable_bgp=True, bgp_settings={"asn": 65515},
             ip_configurations=[{"name": "default", "public_ip": "estate-pip-a"},
                                {"name": "activeActive", "public_ip": "estate-pip-b"}]),
    ]


def estate_reads():
    """What was brought, read again (no write)."""
    return [
        task("drg", "oci_drg", register="drg", display_name="estate-hub-drg"),
        task("vcn", "oci_vcn", register="vcn", display_name="estate-vcn"),
        task("attachments", "oci_drg_attachment_info", drg_id="{{ drg.drg.id }}", attachment_type="ALL"),
        task("ipsec", "oci_ipsec_connection_info", drg_id="{{ drg.drg.id }}"),
        task("gateway", "azure_virtual_network_gateway_info", name="estate-vng", resource_group=RG,
             include=["connections", "local_network_gateways"]),
        task("vnet", "azure_virtual_network_info", name="vnet-estate", resource_group=RG),
        task("pip a", "azure_public_ip", name="estate-pip-a", resource_group=RG),
    ]


@pytest.fixture(scope="module")
def estate(twin, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("estate")
    inventory = tmp / "local.ini"
    inventory.write_text("localhost ansible_connection=local\n")
    return {"tmp": tmp, "env": dict(FAST, ANSIBLE_INVENTORY=str(inventory))}


@pytest.fixture
def playbook(run_play, tmp_path):
    return playbook_runner(run_play, tmp_path)


def site(twin, tmp, playbook_name, hosts, tag=None):
    """ansible-playbook on the twin inventory plus ``hosts`` (an overlay), limited to them."""
    overlay = tmp / ("overlay-%d.yml" % len(list(tmp.iterdir())))
    overlay.write_text(yaml.safe_dump({"all": {"children": {"interconnects": {"hosts": hosts}}}}))
    records = tmp / ("records-%d.jsonl" % len(list(tmp.iterdir())))
    env = playbook_env(twin, records, INTERCONNECT_ARTIFACTS_DIR=str(tmp / "artifacts"), **FAST)
    cmd = [ANSIBLE_PLAYBOOK, "-i", INVENTORY, "-i", str(overlay), "--limit", ",".join(hosts), playbook_name]
    if tag:
        cmd += ["--tags", tag]
    before = twin.writes()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=1200)
    found = [json.loads(line) for line in records.read_text().splitlines() if line] if records.exists() else []
    return proc, found, twin.writes() - before


def failed_messages(records, host):
    return [r["result"].get("msg", "") for r in records if r["status"] == "failed" and r["host"] == host]


def changed(records, host):
    return [r["task"] for r in records if r["host"] == host and r["result"].get("changed")]


def test_an_interconnect_adopts_a_hub_drg_and_an_existing_gateway(twin, playbook, tmp_path):
    built = playbook(estate_tasks(), expect_rc=0)
    drg_id = built.task("drg")["drg"]["id"]
    vcn_id = built.task("vcn")["vcn"]["id"]
    host = {
        "interconnect_scenario": "vpn_bgp_active_active", "interconnect_name": "estate",
        "interconnect_create_networks": False, "interconnect_vcn_id": vcn_id,
        "interconnect_vcn_cidrs": ["10.70.0.0/16"], "interconnect_vnet_cidrs": ["10.170.0.0/16"],
        "interconnect_azure_resource_group": RG, "interconnect_azure_vnet_name": "vnet-estate",
        "interconnect_drg_id": drg_id, "interconnect_azure_gateway_name": "estate-vng",
        "interconnect_apipa_pool": "169.254.21.192/27",
    }

    # 1. the run would change what was brought: the preflight refuses, naming both opt-ins
    proc, records, writes = site(twin, tmp_path, "site.yml", {"estate_hub": host})
    messages = failed_messages(records, "estate_hub")
    assert proc.returncode != 0 and len(messages) == 1, proc.stdout[-4000:]
    assert messages[0].startswith("preflight: 2 problem(s), nothing was written"), messages
    assert "interconnect_azure_gateway_add_apipa" in messages[0] and "interconnect_existing_drg_ecmp" in messages[0]
    assert writes == 0
    report = json.loads((tmp_path / "artifacts" / "estate_hub" / "preflight.json").read_text())
    assert report["ok"] is False and report["adopt"]["drg_attachment"]["display_name"] == "estate-vcn-attachment"

    # 2. with the opt-ins it deploys and verifies, on the brought DRG and gateway
    host.update(interconnect_azure_gateway_add_apipa=True, interconnect_existing_drg_ecmp=True)
    proc, records, writes = site(twin, tmp_path, "site.yml", {"estate_hub": host})
    assert proc.returncode == 0, proc.stdout[-6000:]
    verify = json.loads((tmp_path / "artifacts" / "estate_hub" / "verify.json").read_text())
    assert verify["ok"] is True, verify.get("failures")
    read = playbook(estate_reads(), expect_rc=0)
    assert read.task("drg")["drg"]["id"] == drg_id          # the same DRG, still named as the user named it
    attachments = read.task("attachments")["drg_attachments"]
    vcn_attachments = [a for a in attachments if a["network_details"]["type"] == "VCN"]
    assert [a["display_name"] for a in vcn_attachments] == ["estate-vcn-attachment"]
    assert sorted(c["display_name"] for c in read.task("ipsec")["ipsec_connections"]) == \
        ["estate-ipsec-1", "estate-ipsec-2"]
    gateway = read.task("gateway")
    assert [c["name"] for c in gateway["virtual_network_gateway"]["ip_configurations"]] == ["default", "activeActive"]
    assert len(gateway["connections"]) == 4
    peerings = gateway["virtual_network_gateway"]["bgp_settings"]["bgp_peering_addresses"]
    assert all(p["custom_bgp_ip_addresses"] for p in peerings)         # the opt-in added them

    # 3. a second run changes nothing and writes nothing
    proc, records, writes = site(twin, tmp_path, "site.yml", {"estate_hub": host})
    assert proc.returncode == 0, proc.stdout[-6000:]
    assert changed(records, "estate_hub") == [] and writes == 0, changed(records, "estate_hub")

    # 4. teardown removes what the run made, nothing that was brought
    proc, records, writes = site(twin, tmp_path, "playbooks/teardown.yml", {"estate_hub": host})
    assert proc.returncode == 0, proc.stdout[-6000:]
    after = playbook(estate_reads(), expect_rc=0)
    assert after.task("drg")["drg"]["id"] == drg_id and after.task("vcn")["vcn"]["id"] == vcn_id
    assert [a["display_name"] for a in after.task("attachments")["drg_attachments"]] == ["estate-vcn-attachment"]
    assert after.task("ipsec")["ipsec_connections"] == []
    assert after.task("gateway")["exists"] is True and after.task("gateway")["connections"] == []
    assert after.task("gateway")["local_network_gateways"] == []
    assert after.task("pip a")["public_ip"]["ip_address"]
    assert [g["name"] for g in after.task("vnet")["virtual_network_gateways"]] == ["estate-vng"]


def test_greenfield_hosts_in_the_estate_fail_in_the_preflight_naming_the_variable(twin, playbook, tmp_path):
    built = playbook(estate_tasks(), expect_rc=0)     # as the first test left it, or anew
    base = {"interconnect_create_networks": False, "interconnect_azure_resource_group": RG,
            "interconnect_vnet_cidrs": ["10.170.0.0/16"], "interconnect_azure_vnet_name": "vnet-estate"}
    hosts = {
        # the VNet already has a VPN gateway: give its name
        "estate_new_gateway": dict(base, interconnect_scenario="vpn_single", interconnect_name="estate-a",
                                   interconnect_vcn_id=built.task("free vcn")["vcn"]["id"],
                                   interconnect_vcn_cidrs=["10.71.0.0/16"]),
        # the VCN is attached to the hub DRG: give that DRG
        "estate_new_drg": dict(base, interconnect_scenario="vpn_single", interconnect_name="estate-b",
                               interconnect_vcn_id=built.task("vcn")["vcn"]["id"],
                               interconnect_vcn_cidrs=["10.70.0.0/16"], interconnect_azure_gateway_name="estate-vng"),
        # a VNet without GatewaySubnet, and CIDRs that are not the VCN's
        "estate_bare_vnet": dict(base, interconnect_scenario="vpn_single", interconnect_name="estate-c",
                                 interconnect_vcn_id=built.task("free vcn")["vcn"]["id"],
                                 interconnect_vcn_cidrs=["10.99.0.0/16"], interconnect_azure_vnet_name="vnet-bare",
                                 interconnect_vnet_cidrs=["10.172.0.0/16"]),
    }
    proc, records, writes = site(twin, tmp_path, "site.yml", hosts)
    assert proc.returncode != 0, proc.stdout[-4000:]
    assert writes == 0, (twin.stats()["writes_by_route"], [(r["host"], r["task"]) for r in records if r["result"].get("changed")])
    wanted = {
        "estate_new_gateway": ["interconnect_azure_gateway_name: VNet vnet-estate already has the Vpn gateway estate-vng"],
        "estate_new_drg": ["interconnect_drg_id: the VCN is already attached to DRG ocid1.drg"],
        "estate_bare_vnet": ["interconnect_vcn_cidrs: declared 10.99.0.0/16",
                             "interconnect_azure_vnet_name: VNet vnet-bare has no subnet named GatewaySubnet"],
    }
    for host, fragments in wanted.items():
        messages = failed_messages(records, host)
        assert len(messages) == 1 and "nothing was written" in messages[0], (host, messages)
        for fragment in fragments:
            assert fragment in messages[0], (host, fragment, messages[0])

    # verification of an interconnect that was never built reports it, and writes nothing either
    # (its reads in check mode stay reads: the DRG it looks up by name is not created)
    proc, records, writes = site(twin, tmp_path, "playbooks/verify.yml",
                                 {"estate_new_gateway": hosts["estate_new_gateway"]})
    assert proc.returncode != 0 and writes == 0, (writes, proc.stdout[-3000:])
