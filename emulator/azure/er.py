"""ARM: ExpressRoute circuits, their AzurePrivatePeering, the ARP / route table actions, and the
rules of an ExpressRoute connection (a gateway connection whose peer is a circuit).

The circuit's ``serviceProviderProvisioningState`` comes from the interconnect model (the provider,
here OCI FastConnect, provisions it). With Oracle as the provider, the private peering is created
from the provider side: when the model reports a ``providerPeering`` for a circuit that has none,
the peering is written into the store (``lastModifiedBy: ServiceProvider``) so GET shows it.
Shapes: ExpressRouteCircuitCreate.json, ExpressRouteCircuitPeeringGet.json,
ExpressRouteCircuitARPTableList.json (azure-rest-api-specs, network 2024-05-01).
"""

import functools
import ipaddress
import uuid

from emulator import rules
from emulator.azure import resource
from emulator.azure.common import (
    NETWORK, bad_request, canonical, child_not_found, find_child, invalid_format, new_etag, parse_prefix,
    validate_asn, view_envelope,
)
from emulator.core.http import Response
from emulator.core.store import public_view


SKU_TIERS = ("Standard", "Premium", "Basic", "Local")
SKU_FAMILIES = ("MeteredData", "UnlimitedData")
PEERING_TYPES = ("AzurePrivatePeering", "AzurePublicPeering", "MicrosoftPeering")
DEVICE_PATHS = ("primary", "secondary")
PEERING_PREFIX_LENGTH = 30


def er_state(arm, circuit, model):
    return (model or {}).get("er_circuits", {}).get(circuit["id"].lower()) or {}


# -- provider-created peering ------------------------------------------------------------------------
def new_peering(arm, circuit, name, props, modified_by):
    return {
        "name": name, "id": "%s/peerings/%s" % (circuit["id"], name), "etag": new_etag(),
        "type": "%s/expressRouteCircuits/peerings" % NETWORK,
        "properties": {
            "peeringType": name, "azureASN": rules.AZURE_ER_AZURE_ASN, "peerASN": props["peerASN"],
            "primaryPeerAddressPrefix": props["primaryPeerAddressPrefix"],
            "secondaryPeerAddressPrefix": props["secondaryPeerAddressPrefix"],
            "primaryAzurePort": "", "secondaryAzurePort": "", "state": props.get("state", "Enabled"),
            "vlanId": props["vlanId"], "gatewayManagerEtag": "", "lastModifiedBy": modified_by,
            "provisioningState": "Succeeded", "connections": [], "peeredConnections": [],
        },
        "_createdAt": arm.now(),
    }


def remove_deprovisioned_peering(arm, circuit, model):
    """The provider's peering goes away when the provider has deprovisioned the circuit
    (model ``deprovisioned``; unverified, see rules.UNVERIFIED)."""
    if not er_state(arm, circuit, model).get("deprovisioned"):
        return circuit
    if not any(p["properties"].get("lastModifiedBy") == "ServiceProvider"
               for p in circuit["properties"].get("peerings", [])):
        return circuit
    with arm.twin.lock:
        fresh = arm.store.get("azure", "expressRouteCircuit", circuit["id"].lower())
        if fresh is None:
            return circuit
        fresh["properties"]["peerings"] = [p for p in fresh["properties"].get("peerings", [])
                                           if p["properties"].get("lastModifiedBy") != "ServiceProvider"]
        arm.store.put("azure", "expressRouteCircuit", fresh["id"].lower(), fresh)
        return fresh


def materialise_provider_peering(arm, circuit, model):
    """Write the provider's peering into the store when the model reports one the circuit lacks
    (and drop it once the provider has deprovisioned the circuit)."""
    circuit = remove_deprovisioned_peering(arm, circuit, model)
    provider = er_state(arm, circuit, model).get("providerPeering")
    if not provider:
        return circuit
    kind = provider.get("peeringType", "AzurePrivatePeering")
    if any(p["properties"].get("peeringType") == kind for p in circuit["properties"].get("peerings", [])):
        return circuit
    with arm.twin.lock:
        fresh = arm.store.get("azure", "expressRouteCircuit", circuit["id"].lower())
        if fresh is None or fresh["properties"].get("provisioningState") == "Deleting":
            return circuit
        if any(p["properties"].get("peeringType") == kind for p in fresh["properties"].get("peerings", [])):
            return fresh
        fresh["properties"].setdefault("peerings", []).append(
            new_peering(arm, fresh, kind, dict(provider, peeringType=kind), "ServiceProvider"))
        fresh["_updatedAt"] = arm.now()
        arm.store.put("azure", "expressRouteCircuit", fresh["id"].lower(), fresh)
        return fresh


def circuit_connections(arm, circuit_id):
    key = circuit_id.lower()
    return [c for c in arm.list_kind("connection")
            if (c["properties"].get("peer") or {}).get("id", "").lower() == key]


# -- views ------------------------------------------------------------------------------------------
def peering_view(arm, circuit, peering):
    served = public_view(peering)
    served["properties"]["provisioningState"] = arm.child_state(peering)
    # ``connections`` are Global Reach circuit connections (ExpressRouteCircuitConnection), not
    # the gateway connections using the peering; the twin serves no Global Reach.
    served["properties"]["connections"] = []
    return served


def circuit_view(arm, obj, model=None):
    served = view_envelope(obj)
    # ExpressRouteCircuitPropertiesFormat has no resourceGuid (expressRouteCircuit.json, 2024-05-01)
    served["properties"].pop("resourceGuid", None)
    served["properties"]["serviceProviderProvisioningState"] = \
        er_state(arm, obj, model).get("serviceProviderProvisioningState") or \
        obj["properties"].get("serviceProviderProvisioningState", "NotProvisioned")
    served["properties"]["peerings"] = [peering_view(arm, obj, p) for p in obj["properties"].get("peerings", [])]
    return served


def load_circuit(arm, rg, name):
    """The circuit (with any provider-created peering materialised) and the model it was read with."""
    circuit = arm.require("expressRouteCircuit", rg, name)
    model = arm.model()
    return materialise_provider_peering(arm, circuit, model), model


# -- circuits ---------------------------------------------------------------------------------------
def build_circuit(put):
    """expressRouteCircuit PUT rules (resource.put runs the prelude)."""
    rid, existing, obj, body, props = put.rid, put.existing, put.obj, put.body, put.props
    provider = props.get("serviceProviderProperties")
    if props.get("expressRoutePort") is not None:
        raise bad_request("UnsupportedExpressRouteDirect",
                          "The twin serves provider circuits only (serviceProviderProperties), not "
                          "ExpressRoute Direct ports.")
    if not isinstance(provider, dict):
        raise invalid_format("Cannot parse the request.", "MissingJsonProperty",
                             "Required property serviceProviderProperties is missing.",
                             target="properties.serviceProviderProperties")
    for field in ("serviceProviderName", "peeringLocation", "bandwidthInMbps"):
        if not provider.get(field):
            raise invalid_format("Cannot parse the request.", "MissingJsonProperty",
                                 "Required property serviceProviderProperties.%s is missing." % field,
                                 target="properties.serviceProviderProperties.%s" % field)
    bandwidth = provider["bandwidthInMbps"]
    if bandwidth not in rules.AZURE_ER_BANDWIDTHS_MBPS:
        raise bad_request("InvalidCircuitBandwidth",  # unverified
                          "Bandwidth %s Mbps is not offered; use one of %s."
                          % (bandwidth, ", ".join(str(b) for b in rules.AZURE_ER_BANDWIDTHS_MBPS)),
                          target="properties.serviceProviderProperties.bandwidthInMbps")
    check_service_provider(provider)
    sku = body.get("sku")
    if not isinstance(sku, dict):
        raise invalid_format("Cannot parse the request.", "MissingJsonProperty",
                             "Required property sku is missing.", target="sku")
    # ARM matches enum-like strings case-insensitively and serves them canonically (the SDK's
    # enums are CaseInsensitiveEnumMeta; "standard"/"metereddata" is accepted).
    tier, family = canonical(sku.get("tier"), SKU_TIERS), canonical(sku.get("family"), SKU_FAMILIES)
    if tier is None or family is None or \
            str(sku.get("name", "%s_%s" % (tier, family))).lower() != ("%s_%s" % (tier, family)).lower():
        raise bad_request("InvalidExpressRouteCircuitSku",  # unverified
                          "ExpressRoute circuit SKU name '%s' / tier '%s' / family '%s' is not valid: tier is one "
                          "of %s, family one of %s and name is tier_family."
                          % (sku.get("name"), tier, family, ", ".join(SKU_TIERS), ", ".join(SKU_FAMILIES)),
                          target="sku")
    if tier == "Local" and family != rules.AZURE_ER_LOCAL_FAMILY:
        # Microsoft Learn, ExpressRoute Local: Local comes with the unlimited data plan only.
        raise bad_request("InvalidExpressRouteCircuitSku",  # unverified
                          "ExpressRoute Local circuits need sku family %s (Local_%s); got family '%s'."
                          % (rules.AZURE_ER_LOCAL_FAMILY, rules.AZURE_ER_LOCAL_FAMILY, family), target="sku")
    if existing is not None:
        old = existing["properties"]["serviceProviderProperties"]
        for field in ("serviceProviderName", "peeringLocation"):
            if old[field] != provider[field]:
                raise bad_request("ExpressRouteCircuitPropertyCannotBeChanged",  # unverified
                                  "The %s of circuit %s cannot be changed." % (field, rid))
        if bandwidth < old["bandwidthInMbps"]:
            raise bad_request("CircuitBandwidthDecreaseNotAllowed",  # unverified
                              "The bandwidth of circuit %s cannot be decreased (from %d to %d Mbps)."
                              % (rid, old["bandwidthInMbps"], bandwidth))
    obj["sku"] = {"name": "%s_%s" % (tier, family), "tier": tier, "family": family}
    old_props = (existing or {}).get("properties", {})
    obj["properties"].update({
        "serviceProviderProperties": {"serviceProviderName": provider["serviceProviderName"],
                                      "peeringLocation": provider["peeringLocation"],
                                      "bandwidthInMbps": bandwidth},
        "serviceKey": old_props.get("serviceKey") or str(uuid.uuid4()),
        "serviceProviderProvisioningState": old_props.get("serviceProviderProvisioningState", "NotProvisioned"),
        "circuitProvisioningState": "Enabled",
        "allowClassicOperations": bool(props.get("allowClassicOperations", False)),
        "globalReachEnabled": bool(props.get("globalReachEnabled", False)),
        "gatewayManagerEtag": "",
        "authorizations": [],
        # Peerings are managed through the peerings API (and by the provider); an update keeps them.
        "peerings": old_props.get("peerings", []),
    })


def check_circuit_delete(arm, obj):
    # Microsoft Learn, expressroute-workflows: "A circuit can't be deleted when the
    # ServiceProviderProvisioningState is Provisioning or Provisioned. The provider must
    # deprovision the circuit first." (Deprovisioning is refused too: the twin waits for
    # NotProvisioned.) Its peerings go with it; the client need not delete them first.
    state = er_state(arm, obj, arm.model()).get("serviceProviderProvisioningState") or \
        obj["properties"].get("serviceProviderProvisioningState", "NotProvisioned")
    if state in ("Provisioning", "Provisioned", "Deprovisioning"):
        raise bad_request("ExpressRouteCircuitCannotBeDeletedWhileProvisioned",  # unverified (code)
                          "ExpressRoute circuit %s cannot be deleted while its serviceProviderProvisioningState "
                          "is %s: the service provider must deprovision the circuit first (delete the FastConnect "
                          "virtual circuit and wait for NotProvisioned)." % (obj["id"], state))
    users = [c["id"] for c in circuit_connections(arm, obj["id"])]
    if users:
        raise bad_request("InUseExpressRouteCircuitCannotBeDeleted",  # unverified
                          "ExpressRoute circuit %s cannot be deleted while connections use it: %s. Delete the "
                          "gateway connections first." % (obj["id"], ", ".join(users)))


# -- expressRouteServiceProviders (REST spec expressRouteCircuit.json, ExpressRouteServiceProviders_List) --
def provider_view(arm, entry):
    return {"name": entry["name"], "type": "Microsoft.Network/expressRouteServiceProviders",
            "id": "/subscriptions/%s/providers/Microsoft.Network/expressRouteServiceProviders/%s"
                  % (arm.subscription_id, entry["name"].replace(" ", "")),
            "location": "", "properties": {"peeringLocations": list(entry["peeringLocations"]),
                                           "bandwidthsOffered": [dict(b) for b in entry["bandwidthsOffered"]],
                                           "provisioningState": "Succeeded"}}


def service_providers(arm, req, sub):
    arm.begin(req, sub)
    return Response(200, arm.page(req, [provider_view(arm, p) for p in rules.AZURE_ER_SERVICE_PROVIDERS]))


def check_service_provider(provider):
    """The circuit's provider must offer its peering location and bandwidth (the catalogue above)."""
    name = provider["serviceProviderName"]
    entry = next((p for p in rules.AZURE_ER_SERVICE_PROVIDERS if p["name"].lower() == str(name).lower()), None)
    if entry is None:
        raise bad_request("InvalidServiceProviderName",  # unverified
                          "Service provider '%s' is not an ExpressRoute connectivity provider; see GET "
                          "expressRouteServiceProviders (e.g. %s)." % (name, rules.AZURE_ER_PROVIDER_ORACLE),
                          target="properties.serviceProviderProperties.serviceProviderName")
    location = provider["peeringLocation"]
    if str(location).lower() not in [l.lower() for l in entry["peeringLocations"]]:
        raise bad_request("ServiceProviderNotAvailableAtPeeringLocation",  # unverified
                          "Service provider '%s' is not available at peering location '%s'; it offers: %s."
                          % (entry["name"], location, ", ".join(entry["peeringLocations"])),
                          target="properties.serviceProviderProperties.peeringLocation")
    offered = [b["valueInMbps"] for b in entry["bandwidthsOffered"]]
    if provider["bandwidthInMbps"] not in offered:
        raise bad_request("BandwidthNotOfferedByServiceProvider",  # unverified
                          "Service provider '%s' does not offer %s Mbps; it offers: %s."
                          % (entry["name"], provider["bandwidthInMbps"], ", ".join(str(b) for b in offered)),
                          target="properties.serviceProviderProperties.bandwidthInMbps")


# -- peerings --------------------------------------------------------------------------------------
def find_peering(circuit, peering_name):
    return find_child(circuit, "peerings", peering_name)


def peering_not_found(circuit, peering_name):
    return child_not_found(circuit, "peerings", peering_name)


def peering_get(arm, req, sub, rg, name, peering_name):
    arm.begin(req, sub)
    circuit, _ = load_circuit(arm, rg, name)
    peering = find_peering(circuit, peering_name)
    if peering is None:
        raise peering_not_found(circuit, peering_name)
    return Response(200, peering_view(arm, circuit, peering))


def peering_list(arm, req, sub, rg, name):
    arm.begin(req, sub)
    circuit, _ = load_circuit(arm, rg, name)
    return Response(200, arm.page(req, [peering_view(arm, circuit, p)
                                        for p in circuit["properties"].get("peerings", [])]))


def validate_peer_prefix(prefix, field):
    network = parse_prefix(prefix)
    if network is None or network.prefixlen != PEERING_PREFIX_LENGTH:
        raise bad_request("InvalidPeeringAddressPrefix",  # unverified
                          "%s '%s' must be an IPv4 /30 subnet." % (field, prefix), target="properties." + field)
    return network


def peering_put(arm, req, sub, rg, name, peering_name):
    arm.begin(req, sub)
    body = arm.body(req)
    circuit = arm.require("expressRouteCircuit", rg, name)
    model = arm.model()
    circuit = materialise_provider_peering(arm, circuit, model)
    arm.check_not_busy(circuit)
    canonical = next((t for t in PEERING_TYPES if t.lower() == peering_name.lower()), None)
    props = body.get("properties") or {}
    if canonical is None or props.get("peeringType", canonical) != canonical:
        raise bad_request("InvalidPeeringName",  # unverified
                          "The peering name must equal its peeringType (AzurePrivatePeering, "
                          "AzurePublicPeering or MicrosoftPeering); got name '%s', peeringType '%s'."
                          % (peering_name, props.get("peeringType")))
    if canonical != "AzurePrivatePeering":
        raise bad_request("UnsupportedPeeringType",
                          "The twin serves AzurePrivatePeering only; %s is not supported." % canonical)
    state = er_state(arm, circuit, model).get("serviceProviderProvisioningState") or \
        circuit["properties"].get("serviceProviderProvisioningState")
    if state != "Provisioned":
        raise bad_request("ExpressRouteCircuitNotProvisioned",  # unverified
                          "Peering cannot be configured on circuit %s: its serviceProviderProvisioningState is "
                          "%s, not Provisioned." % (circuit["id"], state))
    old = find_peering(circuit, canonical)
    if old is not None:
        arm.check_not_busy(dict(old, properties=dict(old["properties"],
                                                     provisioningState=arm.child_state(old))))
    asn = props.get("peerASN")
    validate_asn(asn, "properties.peerASN")
    primary = validate_peer_prefix(props.get("primaryPeerAddressPrefix"), "primaryPeerAddressPrefix")
    secondary = validate_peer_prefix(props.get("secondaryPeerAddressPrefix"), "secondaryPeerAddressPrefix")
    if primary.overlaps(secondary):
        raise bad_request("PeeringAddressPrefixesOverlap",  # unverified
                          "primaryPeerAddressPrefix %s and secondaryPeerAddressPrefix %s must not overlap."
                          % (primary, secondary))
    vlan = props.get("vlanId")
    if isinstance(vlan, bool) or not isinstance(vlan, int) or \
            not rules.AZURE_VLAN_RANGE[0] <= vlan <= rules.AZURE_VLAN_RANGE[1]:
        raise bad_request("InvalidVlanId",  # unverified
                          "vlanId must be an integer from %d to %d." % rules.AZURE_VLAN_RANGE,
                          target="properties.vlanId")
    peer_state = props.get("state", "Enabled")
    if peer_state not in ("Enabled", "Disabled"):
        raise bad_request("InvalidPeeringState", "state must be Enabled or Disabled.",  # unverified
                          target="properties.state")
    peering = new_peering(arm, circuit, canonical, {
        "peerASN": asn, "primaryPeerAddressPrefix": str(primary), "secondaryPeerAddressPrefix": str(secondary),
        "vlanId": vlan, "state": peer_state}, "Customer")
    if props.get("sharedKey"):
        peering["properties"]["sharedKey"] = props["sharedKey"]
    if old is not None:
        peering["_createdAt"] = old.get("_createdAt", arm.now())
    return arm.begin_child_put(req, "expressRouteCircuit", circuit, "peerings", peering, old is None,
                               functools.partial(peering_view, arm), "PutExpressRouteCircuitPeeringOperation",
                               duration_kind="peering")


def peering_delete(arm, req, sub, rg, name, peering_name):
    arm.begin(req, sub)
    circuit = arm.require("expressRouteCircuit", rg, name)
    peering = find_peering(circuit, peering_name)
    if peering is None:
        return Response(204, None)
    arm.check_not_busy(circuit)
    users = [c["id"] for c in circuit_connections(arm, circuit["id"])]
    if users and peering["properties"].get("peeringType") == "AzurePrivatePeering":
        raise bad_request("InUsePeeringCannotBeDeleted",  # unverified
                          "Peering %s cannot be deleted while connections use it: %s."
                          % (peering["id"], ", ".join(users)))
    return arm.begin_delete(req, "expressRouteCircuit", circuit, "DeleteExpressRouteCircuitPeeringOperation",
                            child_list="peerings", child=peering)


# -- ARP and route tables (POST LROs; results from the model) ---------------------------------------
def link_prefix(args):
    return args.get("primaryPeerAddressPrefix" if args["devicePath"] == "primary"
                    else "secondaryPeerAddressPrefix")


def arp_table(arm, args):
    entry = er_state(arm, {"id": args["circuit"]}, arm.model())
    return {"value": (entry.get("arp") or {}).get(args["devicePath"], [])}


def route_table(arm, args):
    entry = er_state(arm, {"id": args["circuit"]}, arm.model())
    return {"value": (entry.get("routes") or {}).get(args["devicePath"], [])}


def route_table_summary(arm, args):
    """One row per BGP neighbour: Oracle's address (the first usable of the link's /30)."""
    entry = er_state(arm, {"id": args["circuit"]}, arm.model())
    prefix = link_prefix(args)
    if not prefix:
        return {"value": []}
    neighbor = str(ipaddress.IPv4Network(prefix).network_address + 1)
    routes = (entry.get("routes") or {}).get(args["devicePath"], [])
    up = entry.get("bgpState") == "UP"
    row = {"neighbor": neighbor, "v": 4, "as": args.get("peerASN"),
           "upDown": _elapsed(arm.now() - args.get("createdAt", arm.now())) if up else "never",
           "statePfxRcd": str(len(routes)) if up else "Idle"}
    return {"value": [row]}


def circuit_action(action, operation_name, arm, req, sub, rg, name, peering_name, device_path):
    """An ARP / route table action on a peering: 202 + Location; the table comes from the model."""
    arm.begin(req, sub)
    circuit, _ = load_circuit(arm, rg, name)
    peering = find_peering(circuit, peering_name)
    if peering is None:
        raise peering_not_found(circuit, peering_name)
    if device_path.lower() not in DEVICE_PATHS:
        raise bad_request("InvalidDevicePath",  # unverified
                          "devicePath must be primary or secondary; got '%s'." % device_path)
    p = peering["properties"]
    args = {"circuit": circuit["id"].lower(), "devicePath": device_path.lower(),
            "primaryPeerAddressPrefix": p.get("primaryPeerAddressPrefix"),
            "secondaryPeerAddressPrefix": p.get("secondaryPeerAddressPrefix"),
            "peerASN": p.get("peerASN"), "createdAt": peering.get("_createdAt", arm.now())}
    return arm.begin_action(req, circuit["location"], action, args, operation_name)


# -- ExpressRoute connections: the rules of a connection whose peer is a circuit ---------------------
def circuit_provider_state(arm, circuit, model):
    entry = (model or {}).get("er_circuits", {}).get(circuit["id"].lower()) or {}
    return entry.get("serviceProviderProvisioningState") or \
        circuit["properties"].get("serviceProviderProvisioningState", "NotProvisioned")


def build_er_connection(arm, rid, props, p, vng):
    circuit = arm.required_reference(props, "peer", "expressRouteCircuit", rid)
    if circuit_provider_state(arm, circuit, arm.model()) != "Provisioned":
        raise bad_request("ExpressRouteCircuitNotProvisioned",  # unverified
                          "ExpressRoute circuit %s is not provisioned by its service provider "
                          "(serviceProviderProvisioningState %s)."
                          % (circuit["id"], circuit_provider_state(arm, circuit, arm.model())))
    private = [pe for pe in circuit["properties"].get("peerings", [])
               if pe["properties"].get("peeringType") == "AzurePrivatePeering"
               and pe["properties"].get("provisioningState") != "Deleting"]
    if not private:
        raise bad_request("ExpressRouteCircuitPrivatePeeringNotConfigured",  # unverified
                          "ExpressRoute circuit %s has no AzurePrivatePeering to connect a gateway to."
                          % circuit["id"])
    bypass = bool(props.get("expressRouteGatewayBypass", False))
    sku_name = vng["properties"]["sku"]["name"]
    scale_min = ((vng["properties"].get("autoScaleConfiguration") or {}).get("bounds") or {}).get("min") or 0
    if bypass and (sku_name not in rules.AZURE_FASTPATH_SKUS or
                   (sku_name == "ErGwScale" and scale_min < rules.AZURE_FASTPATH_MIN_SCALE_UNITS)):
        raise bad_request("ExpressRouteGatewayBypassNotSupportedOnGatewaySku",  # unverified
                          "FastPath (expressRouteGatewayBypass) needs an UltraPerformance or ErGw3AZ gateway, or "
                          "ErGwScale with at least %d scale units (autoScaleConfiguration.bounds.min); %s is %s%s."
                          % (rules.AZURE_FASTPATH_MIN_SCALE_UNITS, vng["id"], sku_name,
                             " with min %s scale units" % scale_min if sku_name == "ErGwScale" else ""))
    p.update({"peer": {"id": circuit["id"]}, "expressRouteGatewayBypass": bypass, "enableBgp": False,
              "enablePrivateLinkFastPath": bool(props.get("enablePrivateLinkFastPath", False)) and bypass})
    if props.get("authorizationKey"):
        p["authorizationKey"] = props["authorizationKey"]


def _elapsed(seconds):
    seconds = int(max(0, seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return "%dd%02dh" % (days, hours)
    return "%02d:%02d:%02d" % (hours, minutes, secs)


# Operation results of the table actions, by the name the operation record keeps (see Arm.actions).
ACTIONS = {"arpTable": arp_table, "routeTable": route_table, "routeTableSummary": route_table_summary}

# Every read (and the PUT and PATCH answers) serves the provider's state from the model; GET and
# list first write a provider-created peering into the store.
EXPRESS_ROUTE_CIRCUIT = resource.Kind(
    "expressRouteCircuit", build_circuit, "PutExpressRouteCircuitOperation", "DeleteExpressRouteCircuitOperation",
    view=circuit_view, load=materialise_provider_peering, check_delete=check_circuit_delete,
    subscription_list=True, model_reads=("get", "list", "put", "patch"))


def register(router, arm):
    def add(method, template, handler, write=None):
        resource.route(router, method, template, functools.partial(handler, arm), write=write)

    add("GET", resource.SUBSCRIPTION_NETWORK_PATH + "/expressRouteServiceProviders", service_providers)
    resource.register_kind(router, arm, EXPRESS_ROUTE_CIRCUIT)
    circuit_path = resource.resource_path(EXPRESS_ROUTE_CIRCUIT)
    peering_path = circuit_path + "/peerings/{peering_name}"
    add("PUT", peering_path, peering_put)
    add("GET", peering_path, peering_get)
    add("DELETE", peering_path, peering_delete)
    add("GET", circuit_path + "/peerings", peering_list)
    for segment, action, operation_name in (("arpTables", "arpTable", "ListArpTableOperation"),
                                            ("routeTables", "routeTable", "ListRoutesTableOperation"),
                                            ("routeTablesSummary", "routeTableSummary",
                                             "ListRoutesTableSummaryOperation")):
        resource.route(router, "POST", "%s/%s/{device_path}" % (peering_path, segment),
                       functools.partial(circuit_action, action, operation_name, arm), write=False)
