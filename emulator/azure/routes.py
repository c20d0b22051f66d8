"""Every route of the twin's Azure side, registered on the server's router (``register(router, twin)``).

Entra ID (``emulator/azure/auth.py``, which also authenticates the ARM routes) and the Azure
Resource Manager subset, api tag ``azure``. The pieces:
  - emulator/azure/arm.py      ids, errors, api-version, paging, LROs, deletion sweep
  - emulator/azure/network.py  resource groups, virtual networks + subnets, public IPs, local gateways
  - emulator/azure/vpn.py      virtual network gateways (+ BGP actions), connections (+ shared key)
  - emulator/azure/er.py       ExpressRoute circuits, private peering, ARP / route tables
and here, from Microsoft.Resources (resources.json, stable 2021-04-01): the resources of a group
(Resources_ListByResourceGroup) and the Microsoft.Network provider (Providers_Get).
"""

import re

from emulator import rules
from emulator.azure import auth, er, network, vpn
from emulator.azure.arm import NETWORK, RESOURCE_TYPES, Arm, arm_error, bad_request
from emulator.core.http import Response

# Display names of the locations the twin serves (Providers_Get lists display names).
LOCATION_DISPLAY_NAMES = {"eastus": "East US", "eastus2": "East US 2", "westus": "West US", "westus2": "West US 2",
                          "westeurope": "West Europe", "northeurope": "North Europe", "uksouth": "UK South",
                          "japaneast": "Japan East"}
# The api-versions the twin's provider answers for (any date-shaped version is accepted; these are
# the stable network versions the SDKs in use send).
PROVIDER_API_VERSIONS = ["2026-03-01", "2024-05-01", "2023-09-01", "2023-05-01", "2022-07-01"]
FILTER_TERM = re.compile(r"^\s*(resourceType|name)\s+eq\s+'([^']*)'\s*$", re.IGNORECASE)


def register(router, twin):
    """Add the ARM routes to ``router``; returns the shared ``Arm`` state (handy for tests)."""
    auth.register(router, twin)
    arm = Arm(twin)
    operations = "/subscriptions/{sub}/providers/Microsoft.Network/locations/{location}"
    router.add("azure", "GET", operations + "/operations/{op_id}", arm.operation_status, case_insensitive=True)
    router.add("azure", "GET", operations + "/operationResults/{op_id}", arm.operation_result,
               case_insensitive=True)
    network.register(router, arm)
    vpn.register(router, arm)
    er.register(router, arm)

    def resource_entry(obj):
        """GenericResourceExpanded without $expand: id, name, type, location, and tags/sku when set."""
        entry = {"id": obj["id"], "name": obj["name"], "type": obj["type"], "location": obj["location"]}
        for key in ("tags", "sku"):
            if obj.get(key):
                entry[key] = obj[key]
        return entry

    def parse_filter(text):
        """``$filter``: terms ``resourceType eq '...'`` / ``name eq '...'`` joined by ``and``."""
        terms = []
        for part in re.split(r"\s+and\s+", text, flags=re.IGNORECASE) if text else []:
            found = FILTER_TERM.match(part)
            if not found:
                raise bad_request("InvalidFilterInQueryString",  # unverified: the code ARM answers is not documented
                                  "The $filter '%s' is not supported; use resourceType eq '...' and/or name eq '...'."
                                  % text)
            terms.append((found.group(1).lower(), found.group(2).lower()))
        return terms

    def resources_by_group(req, sub, rg):
        arm.begin(req, sub)
        arm.get_rg(rg)
        terms = parse_filter(req.query.get("$filter"))
        items = []
        for kind in RESOURCE_TYPES:
            for obj in arm.list_kind(kind, rg):
                entry = resource_entry(obj)
                if all(entry["type" if field == "resourcetype" else "name"].lower() == value for field, value in terms):
                    items.append(entry)
        top = req.query.get("$top")
        if top not in (None, ""):
            if not top.isdigit():
                raise bad_request("InvalidTopInQueryString", "$top must be a positive integer.")  # unverified
            items = sorted(items, key=lambda item: item["id"].lower())[:int(top)]
        return Response(200, arm.page(req, items))

    def provider_get(req, sub, namespace):
        arm.begin(req, sub)
        if namespace.lower() != NETWORK.lower():
            raise arm_error(404, "ProviderNotFound",  # unverified: the twin serves Microsoft.Network only
                            "The resource provider namespace '%s' is not served by this twin." % namespace)
        locations = sorted({rules.AZURE_LOCATION} | {o["location"] for kind in RESOURCE_TYPES
                                                     for o in arm.list_kind(kind)})
        names = [LOCATION_DISPLAY_NAMES.get(loc, loc) for loc in locations]
        types = sorted(set(RESOURCE_TYPES.values()) | {"expressRouteCircuits/peerings", "locations",
                                                      "locations/operations", "locations/operationResults"})
        return Response(200, {
            "id": "/subscriptions/%s/providers/%s" % (arm.subscription_id, NETWORK),
            "namespace": NETWORK, "registrationState": "Registered", "registrationPolicy": "RegistrationRequired",
            "resourceTypes": [{"resourceType": t, "locations": [] if t.startswith("locations") else names,
                               "apiVersions": list(PROVIDER_API_VERSIONS)} for t in types],
        })

    router.add("azure", "GET", "/subscriptions/{sub}/resourcegroups/{rg}/resources", resources_by_group,
               case_insensitive=True)
    router.add("azure", "GET", "/subscriptions/{sub}/providers/{namespace}", provider_get, case_insensitive=True)
    return arm
