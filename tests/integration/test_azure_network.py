"""Azure resource group, virtual network and public IP modules through ansible-playbook against
the twin: create, idempotent second run with zero writes, check mode, update, delete twice."""

AZ = "interconnect.oci_azure."
# The twin answers LROs with a short Retry-After; this only shortens our own state polls.
FAST = {"AZURE_POLLING_INTERVAL": "0.05"}


def task(title, module, /, ignore_errors=False, **args):
    entry = {"name": title, AZ + module: args}
    if ignore_errors:
        entry["ignore_errors"] = True
    return entry


def foundation(rg, prefixes, subnets, zones=("1", "2", "3"), state="present"):
    return [
        task("rg", "azure_resource_group", name=rg, location="East US", tags={"owner": "it", "n": 1}),
        task("vnet", "azure_virtual_network", name="vnet", resource_group=rg,
             address_prefixes=prefixes, subnets=subnets),
        task("pip", "azure_public_ip", name="pip", resource_group=rg, zones=list(zones)),
    ]


def test_foundation_lifecycle(twin, run_play):
    rg = "it-az-network"
    subnets = [{"name": "GatewaySubnet", "address_prefix": "10.40.255.0/27"},
               {"name": "workload", "address_prefix": "10.40.1.0/24"}]
    tasks = foundation(rg, ["10.40.0.0/16"], subnets)

    created = run_play(tasks, env=FAST, expect_rc=0)
    assert created.changed == 3
    group = created.task("rg")["resource_group"]
    assert group["location"] == "eastus" and group["tags"] == {"owner": "it", "n": "1"}
    vnet = created.task("vnet")["virtual_network"]
    assert vnet["address_space"]["address_prefixes"] == ["10.40.0.0/16"]
    assert sorted(s["name"] for s in vnet["subnets"]) == ["GatewaySubnet", "workload"]
    assert "properties" not in vnet and vnet["provisioning_state"] == "Succeeded"
    pip = created.task("pip")["public_ip"]
    assert pip["ip_address"] and pip["sku"]["name"] == "Standard"
    assert sorted(pip["zones"]) == ["1", "2", "3"]

    # second run (lists in another order, location spelled differently): no change, no write
    before = twin.writes()
    again = run_play(foundation(rg, ["10.40.0.0/16"], list(reversed(subnets)), zones=("3", "2", "1")),
                     env=FAST, expect_rc=0)
    assert again.changed == 0
    assert twin.writes() == before

    # check mode predicts the change and writes nothing; a change Azure cannot make in place is
    # refused before any write, naming the field
    grown = foundation(rg, ["10.40.0.0/16", "10.41.0.0/16"],
                       subnets + [{"name": "extra", "address_prefix": "10.41.0.0/24"}])[1]
    checked = run_play([grown, task("zones", "azure_public_ip", ignore_errors=True, name="pip", resource_group=rg,
                                    zones=["1"])], env=FAST, check=True, diff=True)
    assert checked.task("vnet")["changed"] is True
    predicted = checked.task("vnet")["virtual_network"]
    assert predicted["address_space"]["address_prefixes"] == ["10.40.0.0/16", "10.41.0.0/16"]
    assert "zones cannot be changed in place" in checked.task("zones")["msg"]
    assert twin.writes() == before

    # the real update keeps subnets that are not listed unless purge_subnets is set
    updated = run_play([grown,
                        task("only new", "azure_virtual_network", name="vnet", resource_group=rg,
                             subnets=[{"name": "extra2", "address_prefix": "10.41.1.0/24"}]),
                        task("purge", "azure_virtual_network", name="vnet", resource_group=rg,
                             purge_subnets=True, subnets=subnets)], env=FAST, expect_rc=0)
    assert updated.changed == 3
    names = sorted(s["name"] for s in updated.task("only new")["virtual_network"]["subnets"])
    assert names == ["GatewaySubnet", "extra", "extra2", "workload"]
    assert sorted(s["name"] for s in updated.task("purge")["virtual_network"]["subnets"]) == [
        "GatewaySubnet", "workload"]

    # delete, then delete again
    gone = [task("pip", "azure_public_ip", name="pip", resource_group=rg, state="absent"),
            task("vnet", "azure_virtual_network", name="vnet", resource_group=rg, state="absent"),
            task("rg", "azure_resource_group", name=rg, state="absent")]
    deleted = run_play(gone, env=FAST, expect_rc=0)
    assert deleted.changed == 3
    assert deleted.task("rg")["resource_group"] == {}
    before = twin.writes()
    assert run_play(gone[1:], env=FAST, expect_rc=0).changed == 0
    assert twin.writes() == before


def test_errors_name_code_message_and_field(twin, run_play):
    rg = "it-az-network-errors"
    played = run_play([
        # invalid input, found before any call
        task("bad prefix", "azure_virtual_network", ignore_errors=True, name="v", resource_group=rg,
             address_prefixes=["10.0.0.1/16"]),
        # the resource group does not exist: ARM's code, and a hint that says what to do
        task("no rg", "azure_public_ip", ignore_errors=True, name="p", resource_group="it-az-no-such-rg"),
        # a wrong client secret: Entra's AADSTS code
        task("bad secret", "azure_resource_group", ignore_errors=True, name=rg, location="eastus",
             secret="not-the-secret"),
        task("rg", "azure_resource_group", name=rg, location="eastus"),
        # an error only Azure knows (subnets that overlap each other), with code, message,
        # the offending field and the request id
        task("outside", "azure_virtual_network", ignore_errors=True, name="v", resource_group=rg,
             address_prefixes=["10.50.0.0/16"],
             subnets=[{"name": "GatewaySubnet", "address_prefix": "10.50.255.0/27"},
                      {"name": "workload", "address_prefix": "10.50.255.0/24"}]),
        # ARM names the offending field (target); the message names the module option too
        task("ipv6 peer", "azure_local_network_gateway", ignore_errors=True, name="l", resource_group=rg,
             gateway_ip_address="129.146.1.1", bgp_settings={"asn": 31898, "bgp_peering_address": "2001:db8::1"}),
        task("rg gone", "azure_resource_group", name=rg, state="absent"),
    ], env=FAST)
    assert [r["task"] for r in played.failed] == ["bad prefix", "no rg", "bad secret", "outside", "ipv6 peer"]

    assert "address_prefixes '10.0.0.1/16' is not a valid CIDR prefix" in played.task("bad prefix")["msg"]

    no_rg = played.task("no rg")
    assert no_rg["error"]["code"] == "ResourceGroupNotFound" and no_rg["error"]["status"] == 404
    assert "azure_resource_group" in no_rg["msg"] and no_rg["error"]["field"] == "resource_group"

    secret = played.task("bad secret")
    assert secret["error"]["code"].startswith("AADSTS")
    assert "client_id, secret" in secret["msg"]
    assert "not-the-secret" not in played.stdout

    error = played.task("outside")["error"]
    assert error["code"] and error["message"] and error["request_id"] and error["status"] == 400
    assert error["cloud"] == "Azure" and "virtual network 'v'" in error["resource"]
    assert error["code"] == "NetcfgSubnetRangesOverlap"
    assert error["code"] in played.task("outside")["msg"] and error["request_id"] in played.task("outside")["msg"]

    peer = played.task("ipv6 peer")
    assert peer["error"]["field"] == ("properties.bgpSettings.bgpPeeringAddress "
                                      "(module option bgp_settings.bgp_peering_address)")
    assert peer["error"]["code"] and "field properties.bgpSettings.bgpPeeringAddress" in peer["msg"]


def test_throttling_and_server_errors_are_retried(twin, run_play):
    """429 (with Retry-After), 500/503 and "applied, then 500" are retried by azure-core's retry
    policy; ARM PUTs are idempotent, so a retried write that had been applied changes nothing."""
    rg = "it-az-network-faults"
    tasks = [task("rg", "azure_resource_group", name=rg, location="eastus"),
             task("pip", "azure_public_ip", name="pip", resource_group=rg),
             task("pip again", "azure_public_ip", name="pip", resource_group=rg),
             task("rg gone", "azure_resource_group", name=rg, state="absent")]
    before = dict(twin.stats()["faults"])
    twin.admin("POST", "faults", {"rate": 0.1, "seed": 11,
                                  "kinds": ["throttle", "server_error", "applied_then_failed"]})
    try:
        played = run_play(tasks, env=FAST)
    finally:
        twin.reset_faults()
    injected = dict((kind, count - before.get(kind, 0)) for kind, count in twin.stats()["faults"].items())
    assert played.rc == 0, played.stdout
    assert sum(injected.values()) > 0, injected
    assert played.task("pip")["changed"] is True and played.task("pip again")["changed"] is False
    assert played.task("rg gone")["changed"] is True
