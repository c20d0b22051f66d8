"""Conformance: a realistic build of both clouds through the SDKs, every response checked against the
SDKs' own models (tests/emulator/conformance.py) and the status codes each operation documents.

Azure responses are captured with azure-core's ``raw_response_hook`` on the network client (every
response, LRO polls included); OCI responses with a requests response hook on the oci client's
session, tagged with the SDK operation (``call_api``'s operation_name and response_type). One
summary line is printed: ``conformance: N responses checked, M violations``.
"""

import json
import re
import threading
from urllib.parse import urlsplit

import oci
import pytest
import requests
from conformance import azure_model, azure_statuses_for, check_azure_model, check_oci
from conftest import OciBuilder
from test_azure_support import GCM_POLICY, AzureBuilder, wait_for

M = oci.core.models
VNG_ASN = 65071
PSK = "conformance secret 1"

# ---------------------------------------------------------------------------------------- Azure
# (method, path regex) -> response model, per azure-mgmt-network 33.1 / network 2024-05-01.
NET = r"/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\.network"
AZURE_MODELS = [
    ("GET|PUT|PATCH", NET + r"/virtualnetworks/[^/]+", "VirtualNetwork"),
    ("GET", NET + r"/virtualnetworks", "[]VirtualNetwork"),
    ("GET|PUT", NET + r"/virtualnetworks/[^/]+/subnets/[^/]+", "Subnet"),
    ("GET", NET + r"/virtualnetworks/[^/]+/subnets", "[]Subnet"),
    ("GET|PUT|PATCH", NET + r"/publicipaddresses/[^/]+", "PublicIPAddress"),
    ("GET", NET + r"/publicipaddresses", "[]PublicIPAddress"),
    ("GET|PUT|PATCH", NET + r"/virtualnetworkgateways/[^/]+", "VirtualNetworkGateway"),
    ("GET", NET + r"/virtualnetworkgateways", "[]VirtualNetworkGateway"),
    ("GET", NET + r"/virtualnetworkgateways/[^/]+/connections", "[]VirtualNetworkGatewayConnectionListEntity"),
    ("GET|PUT|PATCH", NET + r"/localnetworkgateways/[^/]+", "LocalNetworkGateway"),
    ("GET", NET + r"/localnetworkgateways", "[]LocalNetworkGateway"),
    ("GET|PUT|PATCH", NET + r"/connections/[^/]+", "VirtualNetworkGatewayConnection"),
    ("GET", NET + r"/connections", "[]VirtualNetworkGatewayConnection"),
    ("GET|PUT", NET + r"/connections/[^/]+/sharedkey", "ConnectionSharedKey"),
    ("GET|PUT|PATCH", NET + r"/expressroutecircuits/[^/]+", "ExpressRouteCircuit"),
    ("GET", NET + r"/expressroutecircuits", "[]ExpressRouteCircuit"),
    ("GET|PUT", NET + r"/expressroutecircuits/[^/]+/peerings/[^/]+", "ExpressRouteCircuitPeering"),
    ("GET", NET + r"/expressroutecircuits/[^/]+/peerings", "[]ExpressRouteCircuitPeering"),
    ("GET", r"/subscriptions/[^/]+/providers/microsoft\.network/expressrouteserviceproviders",
     "[]ExpressRouteServiceProvider"),
]
# The result model of each POST action, read from the Location URL when it completes.
AZURE_ACTION_MODELS = [
    (r"/getbgppeerstatus$", "BgpPeerStatusListResult"),
    (r"/getlearnedroutes$", "GatewayRouteListResult"),
    (r"/getadvertisedroutes$", "GatewayRouteListResult"),
    (r"/arptables/[^/]+$", "ExpressRouteCircuitsArpTableListResult"),
    (r"/routetablessummary/[^/]+$", "ExpressRouteCircuitsRoutesTableSummaryListResult"),
    (r"/routetables/[^/]+$", "ExpressRouteCircuitsRoutesTableListResult"),
    (r"/sharedkey/reset$", "ConnectionResetSharedKey"),
    (r"/operationresults/", None),
]
# Success codes per operation come from azure-mgmt-network's generated code (conformance.
# azure_statuses_for: the spec's responses of that operation). For what the SDK has no operation for
# (Microsoft.Resources) the usual ARM codes per method apply: PUT 200/201, GET/PATCH 200, DELETE
# 200/202/204, POST 200/202, HEAD 204/404. Errors are the spec's "default" CloudError: any 4xx/5xx in
# ARM's error shape.
AZURE_SUCCESS = {"PUT": {200, 201}, "GET": {200}, "PATCH": {200}, "DELETE": {200, 202, 204}, "POST": {200, 202},
                 "HEAD": {204, 404}}
OPERATION_STATUSES = ("InProgress", "Succeeded", "Failed", "Canceled")


class AzureRecorder:
    """Every Azure response the network client receives, checked when the test ends."""

    def __init__(self):
        self.responses = []
        self.action_locations = {}
        self.lock = threading.Lock()

    def hook(self, pipeline_response):
        http = pipeline_response.http_response
        request = pipeline_response.http_request
        try:
            http.read()                  # LRO first answers are streamed: load the body (it is cached)
            body = http.text()
        except Exception:  # a body that is not text is a violation of its own
            body = None
        with self.lock:
            self.responses.append((request.method, request.url, http.status_code, dict(http.headers), body))
            location = http.headers.get("Location")
            if request.method == "POST" and location:
                self.action_locations[urlsplit(location).path.lower()] = urlsplit(request.url).path.lower()

    def check(self):
        violations = []
        for method, url, status, headers, body in list(self.responses):
            path = urlsplit(url).path.lower()
            where = "%s %s -> %s" % (method, urlsplit(url).path, status)
            data = json.loads(body) if body else None
            if status >= 400:
                check_arm_error(data, where, violations)
                continue
            if "/operations/" in path and "/locations/" in path:
                if status != 200 or not isinstance(data, dict) or data.get("status") not in OPERATION_STATUSES:
                    violations.append((where, "operation status body %r" % (data,)))
                continue
            if "/operationresults/" in path:
                if status not in (200, 202, 204):
                    violations.append((where, "undocumented status for an operation result"))
                action = self.action_locations.get(path)
                model = next((m for rx, m in AZURE_ACTION_MODELS if action and re.search(rx, action)), None)
                if status == 200 and model and data is not None:
                    check_azure_response(data, model, where, violations)
                continue
            documented = azure_statuses_for(method, path) or AZURE_SUCCESS.get(method, set())
            if status not in documented:
                violations.append((where, "status %d is not documented for this operation (%s)"
                                   % (status, sorted(documented))))
            model = next((m for verbs, rx, m in AZURE_MODELS
                          if method in verbs.split("|") and re.fullmatch(rx, path)), None)
            if model and data is not None:
                check_azure_response(data, model, where, violations)
        return violations


# Properties the spec marks x-ms-secret that ARM no longer returns: read through their own endpoint
# (a connection's sharedKey: GET .../sharedkey; virtualNetworkGateway.json, 2024-05-01).
SECRET_PROPERTIES = {"VirtualNetworkGatewayConnection": ("sharedKey",),
                     "VirtualNetworkGatewayConnectionListEntity": ("sharedKey",)}


def check_secrets(item, model, where, violations):
    for name in SECRET_PROPERTIES.get(model, ()):
        if name in ((item or {}).get("properties") or {}):
            violations.append(("%s properties.%s" % (where, name), "secret served (the spec says it is not returned)"))


def check_azure_response(data, model, where, violations):
    """A model, or ("[]Model") a page of them: {"value": [...], "nextLink"?} - 33.x pages are not models."""
    if not model.startswith("[]"):
        check_azure_model(data, azure_model(model), where, violations)
        check_secrets(data, model, where, violations)
        return
    for item in data.get("value") or []:
        check_secrets(item, model[2:], where, violations)
    extra = set(data) - {"value", "nextLink"}
    if extra or not isinstance(data.get("value"), list):
        violations.append((where, "not a page {value, nextLink}: extra %s" % sorted(extra)))
        return
    for i, item in enumerate(data["value"]):
        check_azure_model(item, azure_model(model[2:]), "%s value[%d]" % (where, i), violations)


def check_arm_error(data, where, violations):
    """ARM's ErrorResponse: {"error": {"code", "message", "target"?, "details"?}}; target a string or absent."""
    error = (data or {}).get("error") if isinstance(data, dict) else None
    if not isinstance(error, dict) or not isinstance(error.get("code"), str) or \
            not isinstance(error.get("message"), str):
        violations.append((where, "not ARM's error shape: %r" % (data,)))
        return
    if "target" in error and not isinstance(error["target"], str):
        violations.append((where + " error.target", "must be a string or absent, got %r" % (error["target"],)))
    extra = set(error) - {"code", "message", "target", "details", "additionalInfo"}
    if extra:
        violations.append((where, "error attributes not in ARM's shape: %s" % sorted(extra)))


# ------------------------------------------------------------------------------------------ OCI
# Success statuses the OCI API reference documents: GET/PUT/create 200, DELETE 204, remove* actions
# that answer no body 204 (RemoveDrgRouteRules...), other actions 200 (RemoveImportDrgRouteDistribution
# answers the table). Errors documented for every operation (API Errors page): these.
OCI_DOCUMENTED_ERRORS = {400, 401, 404, 405, 409, 412, 429, 500, 503}


def oci_success(operation, method, response_type):
    if method == "DELETE" or (operation.startswith("remove_") and response_type is None):
        return {204}
    return {200}


class OciRecorder:
    def __init__(self, client):
        self.responses = []
        self.context = threading.local()
        original = client.base_client.call_api

        def call_api(*args, **kwargs):
            self.context.call = (kwargs.get("operation_name"), kwargs.get("response_type"))
            try:
                return original(*args, **kwargs)
            finally:
                self.context.call = None
        client.base_client.call_api = call_api
        client.base_client.session.hooks["response"].append(self.hook)

    def hook(self, response, *args, **kwargs):
        operation, response_type = getattr(self.context, "call", None) or (None, None)
        self.responses.append((operation, response_type, response.request.method, response.url,
                               response.status_code, response.headers.get("content-type", ""), response.content))

    def check(self):
        violations = []
        for operation, response_type, method, url, status, content_type, content in self.responses:
            where = "%s (%s %s -> %s)" % (operation, method, urlsplit(url).path, status)
            if status >= 400:
                if status not in OCI_DOCUMENTED_ERRORS:
                    violations.append((where, "undocumented error status"))
                data = json.loads(content or b"{}")
                if set(data) - {"code", "message"} or not isinstance(data.get("code"), str):
                    violations.append((where, "not OCI's error shape: %r" % (data,)))
                continue
            if operation is None:
                continue
            if status not in oci_success(operation, method, response_type):
                violations.append((where, "status %d is not documented for this operation" % status))
            if response_type and response_type != "stream" and content:
                check_oci(json.loads(content), response_type, where, violations)
        return violations


# ------------------------------------------------------------------------------------------ build
pytestmark = pytest.mark.usefixtures("fast_polls")


def build_azure_and_oci(twin, azure_recorder, oci_client):
    """Both clouds as the scenarios build them: a BGP VPN with an IPsec policy, FastConnect <->
    ExpressRoute with FastPath; every read the collection makes; then the teardown."""
    net = twin.azure_network(raw_response_hook=azure_recorder.hook)
    az = AzureBuilder(twin, net)
    ocib = OciBuilder(twin, oci_client)
    vnet_vpn = az.begin_vnet("vnet-vpn", prefix="10.71.0.0/16", gateway_subnet="10.71.255.0/27")
    vnet_er = az.begin_vnet("vnet-er", prefix="10.72.0.0/16", gateway_subnet="10.72.255.0/27")
    vnet_vpn, vnet_er = vnet_vpn.result(), vnet_er.result()
    pip = az.public_ip("pip-vpn")
    vpn_gw = az.begin_gateway("vng-vpn", vnet_vpn, [pip], asn=VNG_ASN, custom=[["169.254.21.2"]])
    er_gw = az.begin_gateway("vng-er", vnet_er, [None], gateway_type="ExpressRoute", sku="ErGw3AZ",
                             enable_bgp=False)
    circuit = az.circuit("er-fc", bandwidth=1000)

    drg = ocib.drg(name="drg-conformance")
    vcn = ocib.vcn(cidr="10.70.0.0/16", name="vcn-conformance")
    attachment = ocib.attach_vcn(drg.id, vcn.id)
    cpe = ocib.cpe(ip_address=pip.properties.ip_address, name="cpe-vng")
    phase_two = M.PhaseTwoConfigDetails(is_custom_phase_two_config=True, encryption_algorithm="AES_256_GCM",
                                        is_pfs_enabled=True, pfs_dh_group="GROUP14")
    ipsec = ocib.ipsec(drg_id=drg.id, cpe_id=cpe.id, static_routes=(), name="ipsec-vpn", tunnels=[
        ocib.bgp_tunnel("169.254.21.1/30", "169.254.21.2/30", asn=str(VNG_ASN), secret=PSK,
                        phase_two_config=phase_two),
        ocib.bgp_tunnel("169.254.21.5/30", "169.254.21.6/30", asn=str(VNG_ASN), secret=PSK,
                        phase_two_config=phase_two)])
    tunnels = ocib.tunnels(ipsec.id)
    tunnel = next(t for t in tunnels if t.bgp_session_info.oracle_interface_ip.startswith("169.254.21.1"))
    provider = ocib.provider("Microsoft Azure")
    vc = ocib.client.create_virtual_circuit(M.CreateVirtualCircuitDetails(
        compartment_id=ocib.compartment_id, type="PRIVATE", gateway_id=drg.id, bandwidth_shape_name="1 Gbps",
        provider_service_id=provider.id, provider_service_key_name=circuit.properties.service_key,
        display_name="vc-er", cross_connect_mappings=[
            M.CrossConnectMapping(oracle_bgp_peering_ip="192.168.70.1/30", customer_bgp_peering_ip="192.168.70.2/30"),
            M.CrossConnectMapping(oracle_bgp_peering_ip="192.168.70.5/30",
                                  customer_bgp_peering_ip="192.168.70.6/30")])).data

    lng = az.local_gateway("lng-vpn", tunnel.vpn_ip, asn=31898, peer="169.254.21.1")
    vpn_gw, er_gw = vpn_gw.result(), er_gw.result()
    policy = dict(GCM_POLICY, pfsGroup="PFS2048")
    az.connection("conn-vpn", vpn_gw, lng, shared_key=PSK, policy=policy)

    # Azure reads: everything the collection's modules and verification read
    conns = net.virtual_network_gateway_connections
    conns.get(az.rg, "conn-vpn")
    list(conns.list(az.rg))
    conns.get_shared_key(az.rg, "conn-vpn")
    conns.begin_set_shared_key(az.rg, "conn-vpn", {"value": PSK}).result()
    conns.begin_reset_shared_key(az.rg, "conn-vpn", {"keyLength": 24}).result()
    conns.begin_set_shared_key(az.rg, "conn-vpn", {"value": PSK}).result()
    list(net.virtual_network_gateways.list_connections(az.rg, "vng-vpn"))
    list(net.virtual_network_gateways.list(az.rg))
    list(net.local_network_gateways.list(az.rg))
    list(net.public_ip_addresses.list(az.rg))
    list(net.virtual_networks.list(az.rg))
    list(net.subnets.list(az.rg, "vnet-vpn"))
    net.subnets.get(az.rg, "vnet-vpn", "GatewaySubnet")
    list(net.virtual_networks.list_all())
    list(net.public_ip_addresses.list_all())
    tags = {"tags": {"suite": "conformance"}}
    conns.begin_update_tags(az.rg, "conn-vpn", tags).result()
    net.virtual_network_gateways.begin_update_tags(az.rg, "vng-vpn", tags).result()
    net.local_network_gateways.update_tags(az.rg, "lng-vpn", tags)
    net.virtual_networks.update_tags(az.rg, "vnet-vpn", tags)
    net.public_ip_addresses.update_tags(az.rg, "pip-vpn", tags)
    net.express_route_circuits.update_tags(az.rg, "er-fc", tags)
    wait_for(lambda: conns.get(az.rg, "conn-vpn").properties.connection_status, lambda s: s == "Connected",
             "VPN connection")
    gateways = net.virtual_network_gateways
    gateways.begin_get_bgp_peer_status(az.rg, "vng-vpn").result()
    gateways.begin_get_learned_routes(az.rg, "vng-vpn").result()
    gateways.begin_get_advertised_routes(az.rg, "vng-vpn", peer="169.254.21.1").result()
    list(net.express_route_service_providers.list())

    # FastConnect <-> ExpressRoute
    circuits = net.express_route_circuits
    wait_for(lambda: circuits.get(az.rg, "er-fc").properties.service_provider_provisioning_state,
             lambda s: s == "Provisioned", "ER provider state")
    list(circuits.list(az.rg))
    list(circuits.list_all())
    list(net.express_route_circuit_peerings.list(az.rg, "er-fc"))
    net.express_route_circuit_peerings.get(az.rg, "er-fc", "AzurePrivatePeering")
    circuits.begin_list_arp_table(az.rg, "er-fc", "AzurePrivatePeering", "primary").result()
    circuits.begin_list_routes_table(az.rg, "er-fc", "AzurePrivatePeering", "primary").result()
    circuits.begin_list_routes_table_summary(az.rg, "er-fc", "AzurePrivatePeering", "secondary").result()
    conns.begin_create_or_update(az.rg, "conn-er", {"location": az.location, "properties": {
        "connectionType": "ExpressRoute", "virtualNetworkGateway1": {"id": er_gw.id}, "peer": {"id": circuit.id},
        "expressRouteGatewayBypass": True}}).result()
    list(net.virtual_network_gateways.list_connections(az.rg, "vng-er"))
    net.express_route_circuit_peerings.get(az.rg, "er-fc", "AzurePrivatePeering")

    # errors clients meet: a missing resource, a missing child, an invalid body, an in-use delete
    for call in (lambda: conns.get(az.rg, "missing"),
                 lambda: net.subnets.get(az.rg, "vnet-vpn", "missing"),
                 lambda: net.local_network_gateways.begin_delete(az.rg, "lng-vpn").result(),
                 lambda: conns.begin_create_or_update(az.rg, "bad", {"location": az.location,
                                                                     "properties": {}}).result()):
        with pytest.raises(Exception):
            call()

    # OCI reads the collection makes, and the calls oracle.oci makes
    client = ocib.client
    client.get_drg(drg.id)
    client.get_drg_redundancy_status(drg.id)
    client.get_upgrade_status(drg.id)
    client.upgrade_drg(drg.id)
    client.get_cpe_device_config_content(cpe.id)
    oci.pagination.list_call_get_all_results(client.list_drgs, ocib.compartment_id)
    oci.pagination.list_call_get_all_results(client.list_drg_attachments, ocib.compartment_id,
                                             attachment_type="ALL")
    client.get_all_drg_attachments(drg.id)
    tables = oci.pagination.list_call_get_all_results(client.list_drg_route_tables, drg_id=drg.id).data
    for table in tables:
        oci.pagination.list_call_get_all_results(client.list_drg_route_rules, table.id)
    oci.pagination.list_call_get_all_results(client.list_drg_route_distributions, drg_id=drg.id)
    dist = client.create_drg_route_distribution(M.CreateDrgRouteDistributionDetails(
        drg_id=drg.id, distribution_type="IMPORT", display_name="import-ipsec")).data
    statements = client.add_drg_route_distribution_statements(dist.id, M.AddDrgRouteDistributionStatementsDetails(
        statements=[M.AddDrgRouteDistributionStatementDetails(
            action="ACCEPT", priority=10, match_criteria=[M.DrgAttachmentTypeDrgRouteDistributionMatchCriteria(
                attachment_type="IPSEC_TUNNEL")])])).data
    client.update_drg_route_distribution_statements(dist.id, M.UpdateDrgRouteDistributionStatementsDetails(
        statements=[M.UpdateDrgRouteDistributionStatementDetails(id=statements[0].id, priority=20)]))
    oci.pagination.list_call_get_all_results(client.list_drg_route_distribution_statements, dist.id)
    client.update_drg_route_distribution(dist.id, M.UpdateDrgRouteDistributionDetails(display_name="import-2"))
    client.remove_drg_route_distribution_statements(dist.id, M.RemoveDrgRouteDistributionStatementsDetails(
        statement_ids=[statements[0].id]))
    custom_table = client.create_drg_route_table(M.CreateDrgRouteTableDetails(
        drg_id=drg.id, import_drg_route_distribution_id=dist.id)).data
    client.remove_import_drg_route_distribution(custom_table.id)
    client.delete_drg_route_table(custom_table.id)
    client.delete_drg_route_distribution(dist.id)
    rule = client.add_drg_route_rules(tables[0].id, M.AddDrgRouteRulesDetails(route_rules=[
        M.AddDrgRouteRuleDetails(destination="10.99.0.0/16", destination_type="CIDR_BLOCK",
                                 next_hop_drg_attachment_id=attachment.id)])).data[0]
    client.update_drg_route_rules(tables[0].id, M.UpdateDrgRouteRulesDetails(route_rules=[
        M.UpdateDrgRouteRuleDetails(id=rule.id, destination="10.98.0.0/16")]))
    client.remove_drg_route_rules(tables[0].id, M.RemoveDrgRouteRulesDetails(route_rule_ids=[rule.id]))
    shapes = oci.pagination.list_call_get_all_results(client.list_cpe_device_shapes).data
    client.get_cpe_device_shape(shapes[0].id)
    client.get_cpe(cpe.id)
    client.get_ip_sec_connection(ipsec.id)
    client.get_ipsec_cpe_device_config_content(ipsec.id)
    client.get_ip_sec_connection_device_config(ipsec.id)
    client.get_ip_sec_connection_device_status(ipsec.id)
    for t in tunnels:
        client.get_ip_sec_connection_tunnel(ipsec.id, t.id)
        client.get_ip_sec_connection_tunnel_shared_secret(ipsec.id, t.id)
        oci.pagination.list_call_get_all_results(client.list_ip_sec_connection_tunnel_routes, ipsec.id, t.id)
        client.get_tunnel_cpe_device_config(ipsec.id, t.id)
        client.get_tunnel_cpe_device_config_content(ipsec.id, t.id)
        oci.pagination.list_call_get_all_results(client.list_ip_sec_connection_tunnel_security_associations,
                                                 ipsec.id, t.id)
    client.get_allowed_ike_ip_sec_parameters()
    client.get_virtual_circuit(vc.id)
    oci.pagination.list_call_get_all_results(client.list_virtual_circuit_associated_tunnels, vc.id)
    oci.pagination.list_call_get_all_results(client.list_virtual_circuits, ocib.compartment_id)
    oci.pagination.list_call_get_all_results(client.list_fast_connect_provider_services, ocib.compartment_id)
    client.get_fast_connect_provider_service_key(provider.id, circuit.properties.service_key)
    oci.pagination.list_call_get_all_results(client.list_fast_connect_provider_virtual_circuit_bandwidth_shapes,
                                             provider.id)
    with pytest.raises(oci.exceptions.ServiceError):
        client.get_drg("ocid1.drg.oc1.iad.aaaaaaaamissing")

    # teardown in the field-facts order
    conns.begin_delete(az.rg, "conn-er").result()
    client.delete_virtual_circuit(vc.id)
    conns.begin_delete(az.rg, "conn-vpn").result()
    client.delete_ip_sec_connection(ipsec.id)
    net.local_network_gateways.begin_delete(az.rg, "lng-vpn").result()
    return az, drg


@pytest.fixture(scope="module")
def recorded(twin):
    azure_recorder = AzureRecorder()
    oci_client = twin.oci_network()
    oci_recorder = OciRecorder(oci_client)
    az, drg = build_azure_and_oci(twin, azure_recorder, oci_client)
    return {"azure": azure_recorder, "oci": oci_recorder, "twin": twin, "az": az, "drg": drg}


def test_every_response_conforms_to_the_sdk_models(recorded):
    violations = recorded["azure"].check() + recorded["oci"].check()
    checked = len(recorded["azure"].responses) + len(recorded["oci"].responses)
    print("\nconformance: %d responses checked, %d violations" % (checked, len(violations)))
    assert checked > 150
    assert violations == [], "\n".join("%s: %s" % v for v in violations[:60])


def test_the_checker_catches_what_it_is_for():
    """The checks are not vacuous: an unknown attribute, a missing required one, an enum outside the
    SDK's list, an OCI value that becomes UNKNOWN_ENUM_VALUE and a null error target are all caught."""
    found = []
    check_azure_model({"name": "c", "properties": {"connectionType": "IPsec", "virtualNetworkGateway1": {"id": "x"},
                                                   "connectionStatus": "Sleeping", "bogus": 1}},
                      azure_model("VirtualNetworkGatewayConnection"), "conn", found)
    messages = ["%s: %s" % f for f in found]
    assert any("bogus" in m and "not defined" in m for m in messages)
    assert any("virtualNetworkGateway1.properties" in m and "required" in m for m in messages)
    assert any("Sleeping" in m for m in messages)
    found = []
    check_oci({"id": "t", "status": "SIDEWAYS", "freeformTags": {}}, "IPSecConnectionTunnel", "tunnel", found)
    messages = ["%s: %s" % f for f in found]
    assert any("UNKNOWN_ENUM_VALUE" in m for m in messages)
    assert any("freeformTags" in m and "not defined" in m for m in messages)
    assert any("compartmentId" in m and "required" in m for m in messages)
    found = []
    check_arm_error({"error": {"code": "X", "message": "m", "target": None}}, "err", found)
    assert found
    connection = "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/connections/c"
    assert azure_statuses_for("POST", connection + "/sharedkey/reset") == {200, 202}
    assert azure_statuses_for("PUT", connection) == {200, 201}
    assert azure_statuses_for("GET", connection + "/sharedkey") == {200}


def test_the_cloud_metadata_document_and_microsoft_resources(recorded):
    twin, az = recorded["twin"], recorded["az"]
    session = requests.Session()
    session.verify, session.trust_env = twin.ca_bundle, False
    base = twin.endpoints["azure"]["resource_manager"].rstrip("/")
    old = session.get(base + "/metadata/endpoints", params={"api-version": "2015-01-01"}).json()
    assert old["authentication"]["loginEndpoint"] == twin.endpoints["azure"]["authority"].rstrip("/") + "/"
    assert {"galleryEndpoint", "graphEndpoint", "portalEndpoint"} <= set(old)
    new = session.get(base + "/metadata/endpoints", params={"api-version": "2022-09-01"}).json()
    assert isinstance(new, list) and new[0]["resourceManager"] == base + "/"
    assert new[0]["authentication"]["audiences"]
    listed = twin.arm("GET", "/subscriptions/{subscription}/resourceGroups/%s/resources" % az.rg)
    assert listed.status_code == 200
    types = {item["type"] for item in _all_pages(twin, listed)}
    assert {"Microsoft.Network/virtualNetworks", "Microsoft.Network/virtualNetworkGateways",
            "Microsoft.Network/expressRouteCircuits"} <= types
    filtered = twin.arm("GET", "/subscriptions/{subscription}/resourceGroups/%s/resources?api-version=2021-04-01"
                        "&$filter=resourceType eq 'Microsoft.Network/publicIPAddresses'" % az.rg)
    assert [item["name"] for item in filtered.json()["value"]] == ["pip-vpn"]
    provider = twin.arm("GET", "/subscriptions/{subscription}/providers/Microsoft.Network").json()
    assert provider["namespace"] == "Microsoft.Network" and provider["registrationState"] == "Registered"
    assert "connections" in {t["resourceType"] for t in provider["resourceTypes"]}


def _all_pages(twin, response):
    items, body = [], response.json()
    while True:
        items += body["value"]
        if not body.get("nextLink"):
            return items
        base = twin.endpoints["azure"]["resource_manager"].rstrip("/")
        body = twin.arm("GET", body["nextLink"].split(base, 1)[1]).json()


def test_docs_list_every_sdk_operation_of_the_subset_that_is_not_served():
    import os
    from conformance import unserved_operations
    docs = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "emulator.md")
    text = open(docs, encoding="utf-8").read()
    section = text.split("### SDK operations of the subset that are not served", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`([a-z_0-9.]+)`", section.split("OCI (`VirtualNetworkClient`):", 1)[1]))
    wanted = {op.split(" ", 1)[1] for op in unserved_operations()}
    assert wanted - listed == set(), "served nowhere but not listed"
    assert listed - wanted - {"conformance.py", "unserved_operations", "test_conformance_clouds.py"} == set(), \
        "listed but served now"
