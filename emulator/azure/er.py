"""ARM: ExpressRoute circuits, their AzurePrivatePeering, and the ARP / route table actions.

The circuit's ``serviceProviderProvisioningState`` comes from the interconnect model (the provider,
here OCI FastConnect, provisions it). With Oracle as the provider, the private peering is created
from the provider side: when the model reports a ``providerPeering`` for a circuit that has none,
the peering is written into the store (``lastModifiedBy: ServiceProvider``) so GET shows it.
Shapes: ExpressRouteCircuitCreate.json, ExpressRouteCircuitPeeringGet.json,
ExpressRouteCircuitARPTableList.json (azure-rest-api-specs, network 2024-05-01).
"""

import datetime
import ipaddress
import uuid

from emulator import rules
from emulator.azure.arm import (
    NETWORK, arm_error, bad_request, invalid_format, new_etag, parse_prefix, view_envelope,
)
from emulator.azure.network import validate_asn
from emulator.core.http import Response
from emulator.core.store import public_view

SKU_TIERS = ("Standard", "Premium", "Basic", "Local")
SKU_FAMILIES = ("MeteredData", "UnlimitedData")
PEERING_TYPES = ("AzurePrivatePeering", "AzurePublicPeering", "MicrosoftPeering")
DEVICE_PATHS = ("primary", "secondary")
PEERING_PREFIX_LENGTH = 30


def canonical(value, allowed):
    """The canonical spelling of ``value`` among ``allowed``, matched case-insensitively, else None."""
    if not isinstance(value, str):
        return None
    return next((a for a in allowed if a.lower() == value.lower()), None)


def _now_iso():
    return datetime.datetime.now(datetime.timezone.utc).isoformat()


def register(router, arm):
    twin = arm.twin
    net = "/subscriptions/{sub}/resourcegroups/{rg}/providers/Microsoft.Network"

    def route(method, template, handler, write=None):
        router.add("azure", method, template, handler, write=write, case_insensitive=True)

    def er_state(circuit, model):
        return (model or {}).get("er_circuits", {}).get(circuit["id"].lower()) or {}

    # -- provider-created peering ------------------------------------------------------------------------
    def new_peering(circuit, name, props, modified_by):
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

    def remove_deprovisioned_peering(circuit, model):
        """The provider's peering goes away when the provider has deprovisioned the circuit
        (model ``deprovisioned``; unverified, see rules.UNVERIFIED)."""
        if not er_state(circuit, model).get("deprovisioned"):
            return circuit
        if not any(p["properties"].get("lastModifiedBy") == "ServiceProvider"
                   for p in circuit["properties"].get("peerings", [])):
            return circuit
        with twin.lock:
            fresh = twin.store.get("azure", "expressRouteCircuit", circuit["id"].lower())
            if fresh is None:
                return circuit
            fresh["properties"]["peerings"] = [p for p in fresh["properties"].get("peerings", [])
                                               if p["properties"].get("lastModifiedBy") != "ServiceProvider"]
            twin.store.put("azure", "expressRouteCircuit", fresh["id"].lower(), fresh)
            return fresh

    def materialise_provider_peering(circuit, model):
        """Write the provider's peering into the store when the model reports one the circuit lacks
        (and drop it once the provider has deprovisioned the circuit)."""
        circuit = remove_deprovisioned_peering(circuit, model)
        provider = er_state(circuit, model).get("providerPeering")
        if not provider:
            return circuit
        kind = provider.get("peeringType", "AzurePrivatePeering")
        if any(p["properties"].get("peeringType") == kind for p in circuit["properties"].get("peerings", [])):
            return circuit
        with twin.lock:
            fresh = twin.store.get("azure", "expressRouteCircuit", circuit["id"].lower())
            if fresh is None or fresh["properties"].get("provisioningState") == "Deleting":
                return circuit
            if any(p["properties"].get("peeringType") == kind for p in fresh["properties"].get("peerings", [])):
                return fresh
            fresh["properties"].setdefault("peerings", []).append(
                new_peering(fresh, kind, dict(provider, peeringType=kind), "ServiceProvider"))
            fresh["_updatedAt"] = arm.now()
            twin.store.put("azure", "expressRouteCircuit", fresh["id"].lower(), fresh)
            return fresh

    def circuit_connections(circuit_id):
        key = circuit_id.lower()
        return [c for c in arm.list_kind("connection")
                if (c["properties"].get("peer") or {}).get("id", "").lower() == key]

    # -- views ------------------------------------------------------------------------------------------
    def peering_view(circuit, peering):
        served = public_view(peering)
        served["properties"]["provisioningState"] = arm.child_state(peering)
        # ``connections`` are Global Reach circuit connections (ExpressRouteCircuitConnection), not
        # the gateway connections using the peering; the twin serves no Global Reach.
        served["properties"]["connections"] = []
        return served

    def circuit_view(obj, model=None):
        served = view_envelope(obj)
        # ExpressRouteCircuitPropertiesFormat has no resourceGuid (expressRouteCircuit.json, 2024-05-01)
        served["properties"].pop("resourceGuid", None)
        served["properties"]["serviceProviderProvisioningState"] = \
            er_state(obj, model).get("serviceProviderProvisioningState") or \
            obj["properties"].get("serviceProviderProvisioningState", "NotProvisioned")
        served["properties"]["peerings"] = [peering_view(obj, p) for p in obj["properties"].get("peerings", [])]
        return served

    def load_circuit(rg, name):
        """The circuit (with any provider-created peering materialised) and the model it was read with."""
        circuit = arm.require("expressRouteCircuit", rg, name)
        model = arm.model()
        return materialise_provider_peering(circuit, model), model

    # -- circuits ---------------------------------------------------------------------------------------
    def circuit_put(req, sub, rg, name):
        arm.begin(req, sub)
        body = arm.body(req)
        rg_obj = arm.get_rg(rg)
        rid = arm.resource_id(rg_obj, "expressRouteCircuit", name)
        existing = arm.get("expressRouteCircuit", rid)
        arm.check_if_match(req, existing)
        if existing is not None:
            arm.check_not_busy(existing)
            obj = arm.updated_envelope(existing, body)
        else:
            obj = arm.new_resource("expressRouteCircuit", rg_obj, name, body)
        props = body.get("properties") or {}
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
        model = arm.model()
        return arm.begin_put(req, "expressRouteCircuit", obj, existing is None,
                             lambda o: circuit_view(o, model), "PutExpressRouteCircuitOperation")

    def circuit_get(req, sub, rg, name):
        arm.begin(req, sub)
        circuit, model = load_circuit(rg, name)
        return Response(200, circuit_view(circuit, model))

    def circuit_lists(rg=None):
        model = arm.model()
        return [circuit_view(materialise_provider_peering(c, model), model)
                for c in arm.list_kind("expressRouteCircuit", rg)]

    def circuit_list(req, sub, rg):
        arm.begin(req, sub)
        arm.get_rg(rg)
        return Response(200, arm.page(req, circuit_lists(rg)))

    def circuit_list_all(req, sub):
        arm.begin(req, sub)
        return Response(200, arm.page(req, circuit_lists()))

    def circuit_delete(req, sub, rg, name):
        arm.begin(req, sub)
        rg_obj = arm.get_rg(rg)
        obj = arm.get("expressRouteCircuit", arm.resource_id(rg_obj, "expressRouteCircuit", name))
        if obj is None:
            return Response(204, None)
        # Microsoft Learn, expressroute-workflows: "A circuit can't be deleted when the
        # ServiceProviderProvisioningState is Provisioning or Provisioned. The provider must
        # deprovision the circuit first." (Deprovisioning is refused too: the twin waits for
        # NotProvisioned.) Its peerings go with it; the client need not delete them first.
        state = er_state(obj, arm.model()).get("serviceProviderProvisioningState") or \
            obj["properties"].get("serviceProviderProvisioningState", "NotProvisioned")
        if state in ("Provisioning", "Provisioned", "Deprovisioning"):
            raise bad_request("ExpressRouteCircuitCannotBeDeletedWhileProvisioned",  # unverified (code)
                              "ExpressRoute circuit %s cannot be deleted while its serviceProviderProvisioningState "
                              "is %s: the service provider must deprovision the circuit first (delete the FastConnect "
                              "virtual circuit and wait for NotProvisioned)." % (obj["id"], state))
        users = [c["id"] for c in circuit_connections(obj["id"])]
        if users:
            raise bad_request("InUseExpressRouteCircuitCannotBeDeleted",  # unverified
                              "ExpressRoute circuit %s cannot be deleted while connections use it: %s. Delete the "
                              "gateway connections first." % (obj["id"], ", ".join(users)))
        return arm.begin_delete(req, "expressRouteCircuit", obj, "DeleteExpressRouteCircuitOperation")

    # -- expressRouteServiceProviders (REST spec expressRouteCircuit.json, ExpressRouteServiceProviders_List) --
    def provider_view(entry):
        return {"name": entry["name"], "type": "Microsoft.Network/expressRouteServiceProviders",
                "id": "/subscriptions/%s/providers/Microsoft.Network/expressRouteServiceProviders/%s"
                      % (arm.subscription_id, entry["name"].replace(" ", "")),
                "location": "", "properties": {"peeringLocations": list(entry["peeringLocations"]),
                                               "bandwidthsOffered": [dict(b) for b in entry["bandwidthsOffered"]],
                                               "provisioningState": "Succeeded"}}

    def service_providers(req, sub):
        arm.begin(req, sub)
        return Response(200, arm.page(req, [provider_view(p) for p in rules.AZURE_ER_SERVICE_PROVIDERS]))

    route("GET", "/subscriptions/{sub}/providers/Microsoft.Network/expressRouteServiceProviders", service_providers)

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

    circuit_path = net + "/expressRouteCircuits/{name}"
    route("PUT", circuit_path, circuit_put)
    route("GET", circuit_path, circuit_get)
    route("DELETE", circuit_path, circuit_delete)
    route("PATCH", circuit_path, arm.tags_patch("expressRouteCircuit", lambda o: circuit_view(o, arm.model())))
    route("GET", net + "/expressRouteCircuits", circuit_list)
    route("GET", "/subscriptions/{sub}/providers/Microsoft.Network/expressRouteCircuits", circuit_list_all)

    # -- peerings --------------------------------------------------------------------------------------
    def find_peering(circuit, peering_name):
        for peering in circuit["properties"].get("peerings", []):
            if peering["name"].lower() == peering_name.lower():
                return peering
        return None

    def peering_not_found(circuit, peering_name):
        return arm_error(404, "NotFound", "Resource %s/peerings/%s not found." % (circuit["id"], peering_name))

    def peering_get(req, sub, rg, name, peering_name):
        arm.begin(req, sub)
        circuit, _ = load_circuit(rg, name)
        peering = find_peering(circuit, peering_name)
        if peering is None:
            raise peering_not_found(circuit, peering_name)
        return Response(200, peering_view(circuit, peering))

    def peering_list(req, sub, rg, name):
        arm.begin(req, sub)
        circuit, _ = load_circuit(rg, name)
        return Response(200, arm.page(req, [peering_view(circuit, p)
                                            for p in circuit["properties"].get("peerings", [])]))

    def validate_peer_prefix(prefix, field):
        network = parse_prefix(prefix)
        if network is None or network.prefixlen != PEERING_PREFIX_LENGTH:
            raise bad_request("InvalidPeeringAddressPrefix",  # unverified
                              "%s '%s' must be an IPv4 /30 subnet." % (field, prefix), target="properties." + field)
        return network

    def peering_put(req, sub, rg, name, peering_name):
        arm.begin(req, sub)
        body = arm.body(req)
        circuit = arm.require("expressRouteCircuit", rg, name)
        model = arm.model()
        circuit = materialise_provider_peering(circuit, model)
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
        state = er_state(circuit, model).get("serviceProviderProvisioningState") or \
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
        peering = new_peering(circuit, canonical, {
            "peerASN": asn, "primaryPeerAddressPrefix": str(primary), "secondaryPeerAddressPrefix": str(secondary),
            "vlanId": vlan, "state": peer_state}, "Customer")
        if props.get("sharedKey"):
            peering["properties"]["sharedKey"] = props["sharedKey"]
        if old is not None:
            peering["_createdAt"] = old.get("_createdAt", arm.now())
        return arm.begin_child_put(req, "expressRouteCircuit", circuit, "peerings", peering, old is None,
                                   peering_view, "PutExpressRouteCircuitPeeringOperation", duration_kind="peering")

    def peering_delete(req, sub, rg, name, peering_name):
        arm.begin(req, sub)
        circuit = arm.require("expressRouteCircuit", rg, name)
        peering = find_peering(circuit, peering_name)
        if peering is None:
            return Response(204, None)
        arm.check_not_busy(circuit)
        users = [c["id"] for c in circuit_connections(circuit["id"])]
        if users and peering["properties"].get("peeringType") == "AzurePrivatePeering":
            raise bad_request("InUsePeeringCannotBeDeleted",  # unverified
                              "Peering %s cannot be deleted while connections use it: %s."
                              % (peering["id"], ", ".join(users)))
        return arm.begin_delete(req, "expressRouteCircuit", circuit, "DeleteExpressRouteCircuitPeeringOperation",
                                child_list="peerings", child=peering)

    peering_path = circuit_path + "/peerings/{peering_name}"
    route("PUT", peering_path, peering_put)
    route("GET", peering_path, peering_get)
    route("DELETE", peering_path, peering_delete)
    route("GET", circuit_path + "/peerings", peering_list)

    # -- ARP and route tables (POST LROs; results from the model) ---------------------------------------
    def link_prefix(args):
        return args.get("primaryPeerAddressPrefix" if args["devicePath"] == "primary"
                        else "secondaryPeerAddressPrefix")

    def arp_table(args):
        entry = er_state({"id": args["circuit"]}, arm.model())
        return {"value": (entry.get("arp") or {}).get(args["devicePath"], [])}

    def route_table(args):
        entry = er_state({"id": args["circuit"]}, arm.model())
        return {"value": (entry.get("routes") or {}).get(args["devicePath"], [])}

    def route_table_summary(args):
        """One row per BGP neighbour: Oracle's address (the first usable of the link's /30)."""
        entry = er_state({"id": args["circuit"]}, arm.model())
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

    arm.actions.update({"arpTable": arp_table, "routeTable": route_table, "routeTableSummary": route_table_summary})

    def circuit_action(action, operation_name):
        def handler(req, sub, rg, name, peering_name, device_path):
            arm.begin(req, sub)
            circuit, _ = load_circuit(rg, name)
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
        return handler

    route("POST", peering_path + "/arpTables/{device_path}", circuit_action("arpTable", "ListArpTableOperation"),
          write=False)
    route("POST", peering_path + "/routeTables/{device_path}",
          circuit_action("routeTable", "ListRoutesTableOperation"), write=False)
    route("POST", peering_path + "/routeTablesSummary/{device_path}",
          circuit_action("routeTableSummary", "ListRoutesTableSummaryOperation"), write=False)


def _elapsed(seconds):
    seconds = int(max(0, seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return "%dd%02dh" % (days, hours)
    return "%02d:%02d:%02d" % (hours, minutes, secs)
