"""ExpressRoute side through ansible-playbook against the twin: the circuit (service key, provider
state, waiting for Provisioned), reading the private peering Oracle creates from the FastConnect
side (VLAN assigned by the provider, never written by the run), an ExpressRoute gateway with a
FastPath connection, the circuit info module with ARP and route tables, and teardown in the
documented order (the circuit only once the provider has deprovisioned it).

The OCI FastConnect virtual circuit is made with the oci SDK directly (the twin decides the
provider state from it)."""

import oci
from oci.core import models

AZ = "interconnect.oci_azure."
FAST = {"AZURE_POLLING_INTERVAL": "0.05"}
RG = "it-az-er"


def task(title, module, /, ignore_errors=False, **args):
    entry = {"name": title, AZ + module: args}
    if ignore_errors:
        entry["ignore_errors"] = True
    return entry


def circuit(**overrides):
    args = dict(name="er", resource_group=RG, peering_location="Washington DC", bandwidth_in_mbps=1000)
    args.update(overrides)
    return args


def ergw(**overrides):
    args = dict(name="ergw", resource_group=RG, virtual_network="vnet", gateway_type="ExpressRoute", sku="ErGw3AZ",
                ip_configurations=[{"name": "default"}])
    args.update(overrides)
    return args


def er_connection(**overrides):
    args = dict(name="cn-er", resource_group=RG, connection_type="ExpressRoute", virtual_network_gateway="ergw",
                express_route_circuit="er", express_route_gateway_bypass=True)
    args.update(overrides)
    return args


def oci_client(twin):
    env = twin.env
    config = oci.config.from_file(env["OCI_CONFIG_FILE"], env.get("OCI_CONFIG_PROFILE", "DEFAULT"))
    client = oci.core.VirtualNetworkClient(config, service_endpoint=env["OCI_SERVICE_ENDPOINT"],
                                           retry_strategy=oci.retry.NoneRetryStrategy())
    client.base_client.session.verify = env["OCI_CA_BUNDLE"]
    client.base_client.session.trust_env = False
    return client


def fastconnect(twin, service_key):
    """A PRIVATE virtual circuit to "Microsoft Azure" with the circuit's service key; no VLAN:
    the provider assigns it (OCI SDK CrossConnectMapping.vlan)."""
    client = oci_client(twin)
    compartment = twin.env["OCI_COMPARTMENT_ID"]
    drg = client.create_drg(models.CreateDrgDetails(compartment_id=compartment, display_name="drg-it-az-er")).data
    provider = next(s for s in oci.pagination.list_call_get_all_results(
        client.list_fast_connect_provider_services, compartment).data if s.provider_name == "Microsoft Azure")
    mappings = [models.CrossConnectMapping(oracle_bgp_peering_ip="192.168.100.1/30",
                                           customer_bgp_peering_ip="192.168.100.2/30"),
                models.CrossConnectMapping(oracle_bgp_peering_ip="192.168.100.5/30",
                                           customer_bgp_peering_ip="192.168.100.6/30")]
    vc = client.create_virtual_circuit(models.CreateVirtualCircuitDetails(
        compartment_id=compartment, type="PRIVATE", display_name="vc-it-az-er", gateway_id=drg.id,
        provider_service_id=provider.id, provider_service_key_name=service_key, bandwidth_shape_name="1 Gbps",
        cross_connect_mappings=mappings)).data
    return client, drg.id, vc.id


def test_expressroute_side(twin, run_play):
    setup = run_play([
        task("rg", "azure_resource_group", name=RG, location="eastus"),
        task("vnet", "azure_virtual_network", name="vnet", resource_group=RG, address_prefixes=["10.70.0.0/16"],
             subnets=[{"name": "GatewaySubnet", "address_prefix": "10.70.255.0/27"}]),
        task("circuit", "azure_expressroute_circuit", **circuit()),
        task("ergw", "azure_virtual_network_gateway", **ergw()),
        # a bandwidth no provider circuit has is refused before any call, naming the option
        task("bad bandwidth", "azure_expressroute_circuit", ignore_errors=True,
             **circuit(name="er-bad", bandwidth_in_mbps=3000)),
        # nothing provisions the provider side yet: a bounded wait gives up with a clear error
        task("provider wait", "azure_expressroute_circuit", ignore_errors=True,
             **circuit(wait_for_provider_state="Provisioned", wait_timeout=1)),
    ], env=FAST)
    assert [r["task"] for r in setup.failed] == ["bad bandwidth", "provider wait"]
    created = setup.task("circuit")
    assert created["changed"] is True
    service_key = created["service_key"]
    assert service_key and created["service_provider_provisioning_state"] == "NotProvisioned"
    er = created["expressroute_circuit"]
    assert er["service_provider_properties"] == {"service_provider_name": "Oracle Cloud FastConnect",
                                                 "peering_location": "Washington DC", "bandwidth_in_mbps": 1000}
    assert er["sku"] == {"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"}
    assert setup.task("ergw")["virtual_network_gateway"]["sku"]["name"] == "ErGw3AZ"
    assert "bandwidth_in_mbps 3000 is not a bandwidth" in setup.task("bad bandwidth")["msg"]
    waited = setup.task("provider wait")
    assert waited["error"]["code"] == "Timeout" and "NotProvisioned" in waited["msg"]

    # second run: nothing to change, nothing written; check mode predicts without writing
    before = twin.writes()
    again = run_play([task("circuit", "azure_expressroute_circuit", **circuit()),
                      task("ergw", "azure_virtual_network_gateway", **ergw())], env=FAST, expect_rc=0)
    assert again.changed == 0
    checked = run_play([task("grow", "azure_expressroute_circuit", **circuit(bandwidth_in_mbps=2000)),
                        task("shrink", "azure_expressroute_circuit", ignore_errors=True,
                             **circuit(bandwidth_in_mbps=500))], env=FAST, check=True)
    assert checked.task("grow")["changed"] is True
    assert checked.task("grow")["expressroute_circuit"]["service_provider_properties"]["bandwidth_in_mbps"] == 2000
    assert "bandwidth_in_mbps cannot decrease" in checked.task("shrink")["msg"]
    assert twin.writes() == before

    # OCI side: the FastConnect virtual circuit with the service key provisions the provider side,
    # and Oracle creates the private peering from it (VLAN, /30s, peer ASN): read, not written
    client, drg_id, vc_id = fastconnect(twin, service_key)
    before = twin.writes()
    linked = run_play([
        task("provider", "azure_expressroute_circuit",
             **circuit(wait_for_provider_state="Provisioned", wait_timeout=120)),
        task("peering", "azure_expressroute_circuit_info", name="er", resource_group=RG, include=["peerings"]),
        task("connection", "azure_connection", **er_connection()),
        task("connection again", "azure_connection", **er_connection()),
    ], env=FAST, expect_rc=0)
    assert linked.task("provider")["service_provider_provisioning_state"] == "Provisioned"
    assert linked.task("provider")["changed"] is False
    peerings = linked.task("peering")["peerings"]
    assert [p["name"] for p in peerings] == ["AzurePrivatePeering"]
    peering = peerings[0]
    vlans = [m.vlan for m in client.get_virtual_circuit(vc_id).data.cross_connect_mappings]
    # one VLAN, the provider's, on both links and on the peering
    assert vlans[0] is not None and vlans == [vlans[0]] * 2 and peering["vlan_id"] == vlans[0]
    assert (peering["peer_asn"], peering["primary_peer_address_prefix"],
            peering["secondary_peer_address_prefix"]) == (31898, "192.168.100.0/30", "192.168.100.4/30")
    connection = linked.task("connection")["connection"]
    assert linked.task("connection")["changed"] is True
    assert connection["express_route_gateway_bypass"] is True and connection["peer"]["id"].endswith("/er")
    assert linked.task("connection again")["changed"] is False
    assert twin.writes() == before + 1

    # info: circuit, peerings, ARP and route tables of both links
    info = run_play([task("info", "azure_expressroute_circuit_info", name="er", resource_group=RG)],
                    env=FAST, expect_rc=0).task("info")
    assert info["exists"] is True and info["service_key"] == service_key
    assert [p["name"] for p in info["peerings"]] == ["AzurePrivatePeering"]
    private = info["peerings"][0]
    assert set(private["arp_tables"]) == {"primary", "secondary"} == set(private["route_tables"])
    assert info["table_errors"] == []
    assert any(entry["ip_address"] == "192.168.100.1" for entry in private["arp_tables"]["primary"])
    assert any(entry["ip_address"] == "192.168.100.5" for entry in private["arp_tables"]["secondary"])
    assert twin.writes() == before + 1

    # a circuit the provider still provisions cannot be deleted (Microsoft Learn, expressroute-workflows)
    refused = run_play([task("early", "azure_expressroute_circuit", name="er", resource_group=RG, state="absent",
                             ignore_errors=True)], env=FAST)
    assert [r["task"] for r in refused.failed] == ["early"]
    assert "Provisioned" in refused.task("early")["msg"]

    # teardown in order: connection, FastConnect virtual circuit, wait for NotProvisioned, circuit;
    # the provider's peering is never deleted by the client (it goes with the deprovisioning)
    removed = run_play([task("connection", "azure_connection", name="cn-er", resource_group=RG, state="absent")],
                       env=FAST, expect_rc=0)
    assert removed.changed == 1
    client.delete_virtual_circuit(vc_id)
    waited = run_play([{"name": "deprovisioned", AZ + "azure_expressroute_circuit_info": {
        "name": "er", "resource_group": RG, "include": []},
        "register": "er_now", "retries": 600, "delay": 0.1,
        "until": "er_now.service_provider_provisioning_state == 'NotProvisioned'"}], env=FAST, expect_rc=0)
    assert waited.task("deprovisioned")["service_provider_provisioning_state"] == "NotProvisioned"
    teardown = [
        task("ergw", "azure_virtual_network_gateway", name="ergw", resource_group=RG, state="absent"),
        task("circuit", "azure_expressroute_circuit", name="er", resource_group=RG, state="absent"),
    ]
    assert run_play(teardown, env=FAST, expect_rc=0).changed == 2
    before = twin.writes()
    again = run_play(teardown + [task("connection", "azure_connection", name="cn-er", resource_group=RG,
                                      state="absent")], env=FAST, expect_rc=0)
    assert again.changed == 0
    assert twin.writes() == before
    run_play([task("rg", "azure_resource_group", name=RG, state="absent")], env=FAST, expect_rc=0)
    client.delete_drg(drg_id)
