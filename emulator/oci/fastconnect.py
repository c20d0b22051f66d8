"""OCI FastConnect subset: provider services (catalogue from rules.py), provider service keys
(for "Microsoft Azure": an ExpressRoute circuit's service key), bandwidth shapes and PRIVATE
virtual circuits to a provider.

A virtual circuit's lifecycleState/providerState/bgpSessionState come from the model
(PENDING_PROVIDER until a matching ExpressRoute circuit exists, then VERIFYING, PROVISIONING,
PROVISIONED); the OCI side owns TERMINATING/TERMINATED.

With "Microsoft Azure" as provider the provider assigns the VLAN (SDK ``CrossConnectMapping.vlan``:
"specified by ... the provider if the customer is connecting via provider"): a VLAN the client sends
is ignored and replaced by the twin's assignment, one VLAN per circuit on both links (unverified:
ignore rather than refuse, see ``rules.UNVERIFIED``), served once the provider has matched the
circuit. Deleting a virtual circuit the provider had provisioned starts the provider's
deprovisioning of the ExpressRoute circuit (``_deprovisionStartedAt`` on the circuit; the model
turns it into Deprovisioning, then NotProvisioned).
"""

import ipaddress

from emulator import rules
from emulator.core.store import public_view
from emulator.oci.common import (
    check_display_name, check_enum, incorrect_state, invalid, missing, not_found, region_key, stable_ocid,
)
from emulator.oci.drg import detach_all, live_drg, new_attachment
from emulator.oci.resource import OciResource, Route

AZURE_PROVIDER_NAME = "Microsoft Azure"
AZURE_CUSTOMER_ASN = 12076                  # Microsoft's ASN on ExpressRoute private peering
OCI_OWNED_STATES = ("TERMINATING", "TERMINATED")
SHAPE_NAMES = [s["name"] for s in rules.OCI_BANDWIDTH_SHAPES]
MAPPING_KEYS = ("oracleBgpPeeringIp", "customerBgpPeeringIp", "vlan", "bgpMd5AuthKey",
                "crossConnectOrCrossConnectGroupId", "oracleBgpPeeringIpv6", "customerBgpPeeringIpv6")


def provider_services():
    out = []
    for entry in rules.OCI_FASTCONNECT_PROVIDERS:
        service = dict(entry)
        service["id"] = stable_ocid("providerservice", entry["providerName"] + "/" + entry["providerServiceName"])
        out.append(service)
    return out


def shape_for_mbps(mbps):
    for shape in rules.OCI_BANDWIDTH_SHAPES:
        if shape["bandwidthInMbps"] == mbps:
            return shape["name"]
    return None


def check_peering_pair(mapping, field):
    """Cross-connect mapping BGP addresses: CIDR notation, /30 or /31, same block, distinct."""
    oracle_ip, customer_ip = mapping.get("oracleBgpPeeringIp"), mapping.get("customerBgpPeeringIp")
    if oracle_ip is None and customer_ip is None:
        return
    if oracle_ip is None or customer_ip is None:
        raise invalid(field, "oracleBgpPeeringIp and customerBgpPeeringIp must be given together.")
    try:
        oracle, customer = ipaddress.IPv4Interface(oracle_ip), ipaddress.IPv4Interface(customer_ip)
    except (ValueError, TypeError):
        raise invalid(field, "BGP peering addresses must be IPv4 addresses with a prefix (e.g. 10.0.0.2/30).")
    if "/" not in oracle_ip or "/" not in customer_ip or oracle.network.prefixlen not in (30, 31):
        raise invalid(field, "BGP peering addresses must be a /30 or /31.")
    if oracle.network != customer.network or oracle.ip == customer.ip:
        raise invalid(field, "oracleBgpPeeringIp and customerBgpPeeringIp must be distinct addresses of one block.")
    vlan = mapping.get("vlan")
    if vlan is not None and (not isinstance(vlan, int) or not 100 <= vlan <= 16000):
        raise invalid(field + ".vlan", "must be between 100 and 16000.")


def service_or_404(service_id):
    service = next((s for s in provider_services() if s["id"] == service_id), None)
    if service is None:
        raise not_found("FastConnect provider service %s" % service_id)
    return service


def check_mappings(mappings):
    if mappings is None:
        return None
    if not isinstance(mappings, list):
        raise invalid("crossConnectMappings", "must be a list.")
    out = []
    for index, mapping in enumerate(mappings):
        field = "crossConnectMappings[%d]" % index
        if not isinstance(mapping, dict):
            raise invalid(field, "must be an object.")
        check_peering_pair(mapping, field)
        out.append({key: mapping.get(key) for key in MAPPING_KEYS})
    return out


def requested_service(body, circuit_type):
    """The provider service a new circuit names, able to carry it, with its key when it needs one."""
    service_id = body.get("providerServiceId")
    if not service_id:
        raise missing("providerServiceId")
    service = service_or_404(service_id)
    if circuit_type not in service["supportedVirtualCircuitTypes"]:
        raise invalid("type", "%s does not support %s virtual circuits." % (service["providerName"], circuit_type))
    if service["providerServiceKeyManagement"] == "CUSTOMER_MANAGED" and not body.get("providerServiceKeyName"):
        raise missing("providerServiceKeyName")
    return service


class FastConnectCatalogue:
    """Provider services (rules.OCI_FASTCONNECT_PROVIDERS), their keys and the bandwidth shapes."""

    def __init__(self, api):
        self.api = api

    def routes(self):
        service = "/fastConnectProviderServices/{providerServiceId}"
        return [Route("GET", "/fastConnectProviderServices", self.list_services),
                Route("GET", service, self.get_service),
                Route("GET", service + "/providerServiceKeys/{providerServiceKeyName}", self.get_service_key),
                Route("GET", service + "/virtualCircuitBandwidthShapes", self.list_service_shapes),
                Route("GET", "/virtualCircuitBandwidthShapes", self.list_shapes)]

    def list_services(self, req):
        self.api.check_compartment(req.query.get("compartmentId"))
        return self.api.page(req, [dict(s) for s in provider_services()])

    def get_service(self, req, providerServiceId):
        return dict(service_or_404(providerServiceId))

    def get_service_key(self, req, providerServiceId, providerServiceKeyName):
        service = service_or_404(providerServiceId)
        if service["providerName"] == AZURE_PROVIDER_NAME:
            for circuit in self.api.store.list("azure", "expressRouteCircuit"):
                props = circuit.get("properties") or {}
                if (props.get("serviceKey") or "").lower() == providerServiceKeyName.lower():
                    provider = props.get("serviceProviderProperties") or {}
                    return {"name": providerServiceKeyName,
                            "bandwidthShapeName": shape_for_mbps(provider.get("bandwidthInMbps")),
                            "peeringLocation": provider.get("peeringLocation")}
        raise not_found("Provider service key %s" % providerServiceKeyName)

    def list_shapes(self, req):
        self.api.check_compartment(req.query.get("compartmentId"))
        return self.api.page(req, [dict(s) for s in rules.OCI_BANDWIDTH_SHAPES])

    def list_service_shapes(self, req, providerServiceId):
        service_or_404(providerServiceId)
        return self.api.page(req, [dict(s) for s in rules.OCI_BANDWIDTH_SHAPES])


class VirtualCircuits(OciResource):
    kind = "virtualCircuit"
    collection = "/virtualCircuits"
    id_param = "virtualCircuitId"
    list_filters = {"displayName": "displayName", "lifecycleState": "lifecycleState"}
    sortable = True
    update_refused_states = OCI_OWNED_STATES
    busy_message = "The virtual circuit is %s."
    deleted_states = OCI_OWNED_STATES

    def extra_routes(self):
        return [Route("GET", self.item_path() + "/associatedTunnels", self.associated_tunnels)]

    # -- the provider's side ---------------------------------------------------------------
    def assigned_vlan(self, vc_id=None):
        """The VLAN the Azure provider gives a circuit: its existing one, else the lowest free one."""
        used = set()
        for other in self.api.all("virtualCircuit"):
            if other["lifecycleState"] in OCI_OWNED_STATES or other.get("providerName") != AZURE_PROVIDER_NAME:
                continue
            vlans = {m.get("vlan") for m in other.get("crossConnectMappings") or [] if m.get("vlan") is not None}
            if other["id"] == vc_id and vlans:
                return sorted(vlans)[0]
            used |= vlans
        low, high = rules.OCI_AZURE_PROVIDER_VLAN_RANGE
        for vlan in range(low, high + 1):
            if vlan not in used:
                return vlan
        raise incorrect_state("The provider has no free VLAN left.")

    def provider_assigns_vlan(self, mappings, vc_id=None):
        """Replace the client's VLANs with the provider's assignment (same VLAN on both links)."""
        if not mappings:
            return mappings
        vlan = self.assigned_vlan(vc_id)
        return [dict(m, vlan=vlan) for m in mappings]

    def record_provisioning(self, vc):
        if self.api.twin.stats is not None:
            # The provider's verify + provision run on the model's clock, from when both
            # the circuit and the ExpressRoute circuit exist (model_fastconnect._timeline).
            realistic = (rules.DURATIONS["oci.virtualCircuit.verify"]
                         + rules.DURATIONS["oci.virtualCircuit.provision"])
            self.api.twin.stats.record_operation("oci", "virtualCircuit", "provision", vc["id"], vc["displayName"],
                                                 vc["_createdAt"], self.api.clock.after(realistic), realistic)

    def start_deprovisioning(self, vc):
        """The provider deprovisions the ER circuit it had provisioned for ``vc`` (model: Deprovisioning)."""
        api = self.api
        state = ((api.model() or {}).get("virtual_circuits") or {}).get(vc["id"]) or {}
        if state.get("lifecycleState") not in ("PROVISIONING", "PROVISIONED") or not state.get("erCircuitId"):
            return
        circuit = api.store.get("azure", "expressRouteCircuit", state["erCircuitId"])
        if circuit is None:
            return
        circuit["_deprovisionStartedAt"] = api.now()
        api.store.put("azure", "expressRouteCircuit", state["erCircuitId"], circuit)

    # -- views -----------------------------------------------------------------------------
    def circuit_view(self, vc, model):
        view = public_view(vc)
        state = ((model or {}).get("virtual_circuits") or {}).get(vc["id"]) or {}
        if vc["lifecycleState"] not in OCI_OWNED_STATES:
            for key in ("lifecycleState", "providerState", "bgpSessionState"):
                if state.get(key):
                    view[key] = state[key]
        else:
            view["bgpSessionState"] = "DOWN"
        if vc.get("providerName") == AZURE_PROVIDER_NAME:
            # The provider's VLAN shows once it has matched the circuit (model "vlan").
            for mapping in view.get("crossConnectMappings") or []:
                mapping["vlan"] = state.get("vlan")
        return view

    def view(self, vc):
        return self.circuit_view(vc, self.api.model())

    def views(self, items):
        model = self.api.model()
        return [self.circuit_view(vc, model) for vc in items]

    # -- create, update, delete ------------------------------------------------------------
    def create(self, body):
        api = self.api
        compartment = api.check_compartment(body.get("compartmentId"))
        circuit_type = body.get("type")
        if not circuit_type:
            raise missing("type")
        check_enum(circuit_type, ("PRIVATE", "PUBLIC"), "type")
        if circuit_type != "PRIVATE":
            raise invalid("type", "the twin implements PRIVATE virtual circuits only.")
        drg = live_drg(api, body.get("gatewayId"), "gatewayId")
        service = requested_service(body, circuit_type)
        shape = body.get("bandwidthShapeName")
        if not shape:
            raise missing("bandwidthShapeName")
        check_enum(shape, SHAPE_NAMES, "bandwidthShapeName")
        mappings = check_mappings(body.get("crossConnectMappings")) or []
        is_azure = service["providerName"] == AZURE_PROVIDER_NAME
        if is_azure:
            mappings = self.provider_assigns_vlan(mappings)
        customer_asn = body.get("customerBgpAsn") or body.get("customerAsn")
        if customer_asn is None and is_azure:
            customer_asn = AZURE_CUSTOMER_ASN
        vc = api.new_resource("virtualcircuit", {
            "compartmentId": compartment, "type": circuit_type,
            "displayName": check_display_name(body.get("displayName")) or "virtual-circuit",
            "providerServiceId": service["id"], "providerName": service["providerName"],
            "providerServiceName": service["providerServiceName"],
            "providerServiceKeyName": body.get("providerServiceKeyName"), "gatewayId": drg["id"],
            "bandwidthShapeName": shape, "crossConnectMappings": mappings,
            "customerBgpAsn": customer_asn, "customerAsn": customer_asn,
            "oracleBgpAsn": rules.ORACLE_BGP_ASN,
            "bgpManagement": service["privatePeeringBgpManagement"],
            "serviceType": service["type"], "region": region_key(),
            "routingPolicy": body.get("routingPolicy") or [],
            "bgpAdminState": body.get("bgpAdminState") or "ENABLED",
            "isBfdEnabled": bool(body.get("isBfdEnabled", False)),
            "ipMtu": check_enum(body.get("ipMtu"), ("MTU_1500", "MTU_9000"), "ipMtu") or "MTU_1500",
            "trafficMode": "NORMAL", "publicPrefixes": None, "referenceComment": None,
            "lifecycleState": "PENDING_PROVIDER", "providerState": "INACTIVE", "bgpSessionState": "DOWN",
            "freeformTags": body.get("freeformTags") or {}, "definedTags": body.get("definedTags") or {},
        })
        api.save("virtualCircuit", vc)
        self.record_provisioning(vc)
        attachment = new_attachment(api, drg, {"type": "VIRTUAL_CIRCUIT", "id": vc["id"]},
                                    drg["defaultDrgRouteTables"]["virtualCircuit"], vc["displayName"])
        api.save("drgAttachment", attachment)
        return vc

    def apply_update(self, vc, body):
        super().apply_update(vc, body)
        if body.get("bandwidthShapeName") is not None:
            vc["bandwidthShapeName"] = check_enum(body["bandwidthShapeName"], SHAPE_NAMES, "bandwidthShapeName")
        if body.get("crossConnectMappings") is not None:
            vc["crossConnectMappings"] = check_mappings(body["crossConnectMappings"])
            if vc.get("providerName") == AZURE_PROVIDER_NAME:
                vc["crossConnectMappings"] = self.provider_assigns_vlan(vc["crossConnectMappings"], vc["id"])
        for key in ("customerBgpAsn", "customerAsn"):
            if body.get(key) is not None:
                vc["customerBgpAsn"] = vc["customerAsn"] = body[key]
        if body.get("providerServiceKeyName") is not None:
            vc["providerServiceKeyName"] = body["providerServiceKeyName"]
        if body.get("providerState") is not None:
            vc["providerState"] = check_enum(body["providerState"], ("ACTIVE", "INACTIVE"), "providerState")
        if body.get("gatewayId") is not None and body["gatewayId"] != vc["gatewayId"]:
            raise invalid("gatewayId", "moving a virtual circuit to another DRG is not supported by the twin.")
        for key in ("bgpAdminState", "isBfdEnabled", "referenceComment", "routingPolicy"):
            if body.get(key) is not None:
                vc[key] = body[key]
        if body.get("ipMtu") is not None:
            vc["ipMtu"] = check_enum(body["ipMtu"], ("MTU_1500", "MTU_9000"), "ipMtu")

    def remove(self, vc):
        self.start_deprovisioning(vc)
        self.api.transition(vc, "TERMINATING", "TERMINATED", "oci.virtualCircuit.delete")
        vc["providerState"] = "INACTIVE"
        self.api.save("virtualCircuit", vc)
        detach_all(self.api, lambda attachment: attachment["networkDetails"].get("id") == vc["id"])

    def associated_tunnels(self, req, virtualCircuitId):
        """ListVirtualCircuitAssociatedTunnels: the IPSec tunnels carried over this circuit (IPSec over
        FastConnect). Tunnels here run over the internet (transportType INTERNET), so none is
        associated; the list pages like every OCI list (SDK VirtualCircuitAssociatedTunnelDetails)."""
        self.load(virtualCircuitId=virtualCircuitId)
        items = [{"tunnelType": "IPSEC", "tunnelId": t["id"], "ipsecConnectionId": t.get("_ipsecConnectionId")}
                 for t in self.api.all("ipsecTunnel")
                 if virtualCircuitId in (t.get("associatedVirtualCircuits") or [])
                 and t.get("lifecycleState") not in ("TERMINATED",)]
        return self.api.page(req, items)


RESOURCES = (FastConnectCatalogue, VirtualCircuits)
