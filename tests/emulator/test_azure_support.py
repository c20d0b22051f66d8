"""Helpers for the Azure tests: build ARM resources through azure-mgmt-network, catch ARM errors.

(A support module, named test_azure_* so it sits with the Azure tests; it holds no tests.)
"""

import time
import uuid

import pytest
from azure.core.exceptions import HttpResponseError

VNG_API_TYPE = "Microsoft.Network/virtualNetworkGateways"


POLL_DELAY_CAP_SECONDS = 0.02


def cap_poll_delay(monkeypatch, seconds=POLL_DELAY_CAP_SECONDS):
    """Make azure-core's LRO poller wait at most ``seconds`` between polls.

    The twin answers with ARM's integer ``Retry-After`` (at least 1 s), which the poller honours;
    tests that are not about LRO timing cap it so the suite stays fast. test_azure_lro.py checks
    the headers and the stock poller's behaviour without this cap.
    """
    from azure.core.polling.base_polling import LROBasePolling

    original = LROBasePolling._extract_delay
    monkeypatch.setattr(LROBasePolling, "_extract_delay", lambda self: min(original(self), seconds))


def arm_error(call, *args, **kwargs):
    """Run ``call`` (a begin_* call, with ``.result()`` if it returns a poller) and return its ARM error."""
    with pytest.raises(HttpResponseError) as info:
        result = call(*args, **kwargs)
        if hasattr(result, "result"):
            result.result()
    return info.value


def error_code(err):
    return err.error.code if err.error is not None else None


class AzureBuilder:
    """Creates resources in one resource group of the twin, through the network SDK."""

    def __init__(self, twin, network, resource_group=None, location="eastus"):
        self.twin = twin
        self.net = network
        self.location = location
        self.rg = resource_group or "rg-%s" % uuid.uuid4().hex[:8]
        twin.ensure_resource_group(self.rg, location)
        self.sub = twin.endpoints["azure"]["subscription_id"]

    def rid(self, resource_type, name):
        return "/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Network/%s/%s" % (
            self.sub, self.rg, resource_type, name)

    def ipconfig_id(self, gateway, name):
        return "%s/ipConfigurations/%s" % (self.rid("virtualNetworkGateways", gateway), name)

    # -- begin_* (pollers) and waited variants -------------------------------------------------------
    def begin_vnet(self, name, prefix="10.1.0.0/16", gateway_subnet="10.1.255.0/27", subnets=()):
        subnet_list = [{"name": n, "properties": {"addressPrefix": p}} for n, p in subnets]
        if gateway_subnet:
            subnet_list.append({"name": "GatewaySubnet", "properties": {"addressPrefix": gateway_subnet}})
        return self.net.virtual_networks.begin_create_or_update(self.rg, name, {
            "location": self.location,
            "properties": {"addressSpace": {"addressPrefixes": [prefix]}, "subnets": subnet_list}})

    def vnet(self, name, **kwargs):
        return self.begin_vnet(name, **kwargs).result()

    def begin_public_ip(self, name, sku="Standard", method=None, zones=None):
        body = {"location": self.location, "sku": {"name": sku}, "properties": {}}
        if method:
            body["properties"]["publicIPAllocationMethod"] = method
        if zones:
            body["zones"] = zones
        return self.net.public_ip_addresses.begin_create_or_update(self.rg, name, body)

    def public_ip(self, name, **kwargs):
        return self.begin_public_ip(name, **kwargs).result()

    def gateway_body(self, name, vnet, pips, active_active=False, enable_bgp=True, asn=65010, custom=None,
                     sku="VpnGw2AZ", gateway_type="Vpn"):
        subnet_id = "%s/subnets/GatewaySubnet" % (vnet if isinstance(vnet, str) else vnet.id)
        configs, peering = [], []
        for index, pip in enumerate(pips):
            config_name = "ipconfig%d" % (index + 1)
            ipc = {"name": config_name, "properties": {"subnet": {"id": subnet_id}}}
            if pip is not None:
                ipc["properties"]["publicIPAddress"] = {"id": pip if isinstance(pip, str) else pip.id}
            configs.append(ipc)
            if custom is not None:
                peering.append({"ipconfigurationId": self.ipconfig_id(name, config_name),
                                "customBgpIpAddresses": list(custom[index])})
        bgp = {"asn": asn}
        if peering:
            bgp["bgpPeeringAddresses"] = peering
        return {"location": self.location, "properties": {
            "gatewayType": gateway_type, "vpnType": "RouteBased", "sku": {"name": sku, "tier": sku},
            "activeActive": active_active, "enableBgp": enable_bgp, "ipConfigurations": configs,
            "bgpSettings": bgp}}

    def begin_gateway(self, name, vnet, pips, raw_response_hook=None, **kwargs):
        extra = {"raw_response_hook": raw_response_hook} if raw_response_hook else {}
        return self.net.virtual_network_gateways.begin_create_or_update(
            self.rg, name, self.gateway_body(name, vnet, pips, **kwargs), **extra)

    def gateway(self, name, vnet, pips, **kwargs):
        return self.begin_gateway(name, vnet, pips, **kwargs).result()

    def begin_local_gateway(self, name, address, prefixes=(), asn=None, peer=None):
        props = {"gatewayIpAddress": address, "localNetworkAddressSpace": {"addressPrefixes": list(prefixes)}}
        if asn is not None:
            props["bgpSettings"] = {"asn": asn, "bgpPeeringAddress": peer, "peerWeight": 0}
        return self.net.local_network_gateways.begin_create_or_update(
            self.rg, name, {"location": self.location, "properties": props})

    def local_gateway(self, name, address, **kwargs):
        return self.begin_local_gateway(name, address, **kwargs).result()

    def connection_body(self, gateway, local_gateway, shared_key="secret 123", enable_bgp=True, pinned=None,
                        policy=None, **extra):
        props = {"connectionType": "IPsec", "virtualNetworkGateway1": {"id": gateway.id},
                 "localNetworkGateway2": {"id": local_gateway.id}, "connectionProtocol": "IKEv2",
                 "sharedKey": shared_key, "enableBgp": enable_bgp}
        if pinned:
            props["gatewayCustomBgpIpAddresses"] = [{"ipConfigurationId": c, "customBgpIpAddress": a}
                                                    for c, a in pinned]
        if policy:
            props["ipsecPolicies"] = [policy]
        props.update(extra)
        return {"location": self.location, "properties": props}

    def begin_connection(self, name, gateway, local_gateway, **kwargs):
        return self.net.virtual_network_gateway_connections.begin_create_or_update(
            self.rg, name, self.connection_body(gateway, local_gateway, **kwargs))

    def connection(self, name, gateway, local_gateway, **kwargs):
        return self.begin_connection(name, gateway, local_gateway, **kwargs).result()

    def begin_circuit(self, name, bandwidth=1000, provider="Oracle Cloud FastConnect", location="Washington DC"):
        return self.net.express_route_circuits.begin_create_or_update(self.rg, name, {
            "location": self.location,
            "sku": {"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"},
            "properties": {"serviceProviderProperties": {"serviceProviderName": provider,
                                                         "peeringLocation": location,
                                                         "bandwidthInMbps": bandwidth}}})

    def circuit(self, name, **kwargs):
        return self.begin_circuit(name, **kwargs).result()


GCM_POLICY = {"saLifeTimeSeconds": 27000, "saDataSizeKilobytes": 102400000, "ipsecEncryption": "GCMAES256",
              "ipsecIntegrity": "GCMAES256", "ikeEncryption": "AES256", "ikeIntegrity": "SHA384",
              "dhGroup": "DHGroup14", "pfsGroup": "PFS2048"}


def wait_for(read, accept, what, timeout=20.0):
    """Poll ``read()`` until ``accept(value)``; return the value (fail with the last one seen)."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if accept(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError("%s: still %r after %ss" % (what, value, timeout))
        time.sleep(0.05)
