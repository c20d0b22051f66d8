"""ARM: resource groups (and the Microsoft.Resources reads of a group and of the provider), virtual
networks and subnets, public IP addresses."""

import functools
import ipaddress
import random
import re

from emulator import rules
from emulator.azure import resource
from emulator.azure.common import (
    NETWORK, RESOURCE_TYPES, arm_error, bad_request, child_not_found, find_child, invalid_format, new_etag,
    normalize_location, parse_prefix,
    validate_prefixes, view_envelope,
)
from emulator.core.http import Response
from emulator.core.store import public_view


RG_TYPE = "Microsoft.Resources/resourceGroups"
RG_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.()")
DEFAULT_IDLE_TIMEOUT = 4
IDLE_TIMEOUT_RANGE = (4, 30)


# --- who uses what (the in-use checks and read-only links) -------------------------------------
def gateway_ip_configurations(arm):
    """Every VNG ipConfiguration: (vng, ipConfiguration) pairs, for in-use checks and read-only links."""
    pairs = []
    for vng in arm.list_kind("virtualNetworkGateway"):
        for ipc in vng["properties"].get("ipConfigurations", []):
            pairs.append((vng, ipc))
    return pairs


def subnet_users(arm, subnet_id):
    key = subnet_id.lower()
    return [ipc["id"] for vng, ipc in gateway_ip_configurations(arm)
            if (ipc["properties"].get("subnet") or {}).get("id", "").lower() == key]


def public_ip_user(arm, pip_id):
    key = pip_id.lower()
    for vng, ipc in gateway_ip_configurations(arm):
        if (ipc["properties"].get("publicIPAddress") or {}).get("id", "").lower() == key:
            return ipc["id"]
    return None


def allocate_public_ip(arm):
    """A unique address from rules.AZURE_PUBLIC_IP_POOL, random like Azure's allocation."""
    pool = ipaddress.IPv4Network(rules.AZURE_PUBLIC_IP_POOL)
    used = {o["properties"].get("ipAddress") for o in arm.list_kind("publicIPAddress")}
    hosts = pool.num_addresses - 2
    if len(used) >= hosts:
        raise arm_error(400, "PublicIPCountLimitReached",
                        "Cannot allocate more public IP addresses from the twin's pool %s." % pool)
    while True:
        candidate = str(pool.network_address + random.randint(1, hosts))
        if candidate not in used:
            return candidate


# -- resource groups ---------------------------------------------------------------------------
def rg_view(obj):
    served = public_view(obj)
    out = {"id": served["id"], "name": served["name"], "type": RG_TYPE, "location": served["location"]}
    if "tags" in served:
        out["tags"] = served["tags"]
    out["properties"] = served["properties"]
    return out


def rg_put(arm, req, sub, rg):
    arm.begin(req, sub)
    body = arm.body(req)
    if not rg or len(rg) > 90 or rg.endswith(".") or set(rg) - RG_NAME_CHARS:
        raise bad_request("InvalidResourceGroup",  # unverified
                          "The provided resource group name '%s' has these invalid characters or length. "
                          "The name can be up to 90 characters: letters, digits, '-', '_', '.', '(', ')' "
                          "and must not end in a period." % rg)
    location = normalize_location(body.get("location"))
    if not location:
        raise bad_request("LocationRequired", "The location property is required for this definition.")
    key = arm.rg_key(rg)
    existing = arm.store.get("azure", "resourceGroup", key)
    if existing is not None and existing["properties"]["provisioningState"] == "Deleting":
        raise arm_error(409, "ResourceGroupBeingDeleted",
                        "The resource group '%s' is in deprovisioning state and cannot perform this "
                        "operation." % existing["name"])
    if existing is not None and existing["location"] != location:
        raise arm_error(409, "InvalidResourceGroupLocation",
                        "Invalid resource group location '%s'. The Resource group already exists in location "
                        "'%s'." % (location, existing["location"]))
    now = arm.now()
    obj = existing or {
        "id": "/subscriptions/%s/resourceGroups/%s" % (arm.subscription_id, rg), "name": rg,
        "location": location, "properties": {"provisioningState": "Succeeded"}, "_createdAt": now,
    }
    if isinstance(body.get("tags"), dict):
        obj["tags"] = body["tags"]
    elif existing is None:
        obj.pop("tags", None)
    obj["_updatedAt"] = now
    arm.store.put("azure", "resourceGroup", key, obj)
    return Response(200 if existing else 201, rg_view(obj))


def rg_get(arm, req, sub, rg):
    arm.begin(req, sub)
    obj = arm.store.get("azure", "resourceGroup", arm.rg_key(rg))
    if obj is None:
        raise arm_error(404, "ResourceGroupNotFound", "Resource group '%s' could not be found." % rg)
    return Response(200, rg_view(obj))


def rg_head(arm, req, sub, rg):
    arm.begin(req, sub)
    exists = arm.store.get("azure", "resourceGroup", arm.rg_key(rg)) is not None
    return Response(204 if exists else 404, None)


def rg_patch(arm, req, sub, rg):
    arm.begin(req, sub)
    body = arm.body(req)
    obj = arm.get_rg(rg)
    if isinstance(body.get("tags"), dict):
        obj["tags"] = body["tags"]
    obj["_updatedAt"] = arm.now()
    arm.store.put("azure", "resourceGroup", arm.rg_key(rg), obj)
    return Response(200, rg_view(obj))


def rg_delete(arm, req, sub, rg):
    arm.begin(req, sub)
    key = arm.rg_key(rg)
    obj = arm.store.get("azure", "resourceGroup", key)
    if obj is None:
        raise arm_error(404, "ResourceGroupNotFound", "Resource group '%s' could not be found." % rg)
    if obj["properties"]["provisioningState"] == "Deleting":
        op = arm.store.get("azure", "asyncOperation", obj.get("_operationId", ""))
        return Response(202, None, rg_delete_headers(arm, op) if op else {"Retry-After": "1"})
    # ARM deletes everything in the group; the group goes when the slowest member is gone.
    members = []
    for kind in ("connection", "virtualNetworkGateway", "localNetworkGateway", "expressRouteCircuit",
                 "publicIPAddress", "virtualNetwork"):
        members += [(kind, o) for o in arm.list_kind(kind, rg)]
    done_at = max([arm.done_at(kind, "delete") for kind, _ in members] + [arm.done_at("default", "delete")])
    op = arm.new_operation(req, "global", done_at, "delete", ["resourceGroup", key], name="DeleteResourceGroup")
    for kind, member in members:
        member["properties"]["provisioningState"] = "Deleting"
        member["_deleteAt"] = done_at
        member["_operationId"] = op["name"]
        member["_lastOperation"] = "DeleteResourceGroup"
        member.pop("_pending", None)
        arm.store.put("azure", kind, member["id"].lower(), member)
        arm.schedule_deletion(kind, member["id"].lower(), done_at)
    obj["properties"]["provisioningState"] = "Deleting"
    obj["_operationId"] = op["name"]
    arm.store.put("azure", "resourceGroup", key, obj)
    arm.schedule_deletion("resourceGroup", key, done_at)
    return Response(202, None, rg_delete_headers(arm, op))


def rg_delete_headers(arm, op):
    url = "%s/subscriptions/%s/operationresults/%s?api-version=%s" % (
        arm.twin.base_url, arm.subscription_id, op["name"], op["_apiVersion"])
    return {"Location": url, "Retry-After": arm.retry_after(op["_doneAt"])}


def rg_operation_result(arm, req, sub, op_id):
    arm.begin(req, sub)
    op = arm.store.get("azure", "asyncOperation", op_id)
    if op is None:
        raise arm_error(404, "NotFound", "The operation '%s' could not be found." % op_id)
    if arm.now() < op["_doneAt"]:
        return Response(202, None, rg_delete_headers(arm, op))
    return Response(200, None)


def rg_list(arm, req, sub):
    arm.begin(req, sub)
    groups = [rg_view(o) for o in arm.store.list("azure", "resourceGroup")]
    return Response(200, arm.page(req, groups))


# -- virtual networks and subnets ------------------------------------------------------------------
def subnet_view(arm, vnet, subnet):
    served = public_view(subnet)
    served["properties"]["provisioningState"] = arm.child_state(subnet)
    users = subnet_users(arm, subnet["id"])
    if users:
        served["properties"]["ipConfigurations"] = [{"id": u} for u in users]
    return served


def vnet_view(arm, obj, model=None):
    served = view_envelope(obj)
    served["properties"]["subnets"] = [subnet_view(arm, obj, s) for s in obj["properties"].get("subnets", [])]
    return served


def build_subnet(vnet_id, name, body_props, existing=None):
    prefix = body_props.get("addressPrefix")
    prefixes = body_props.get("addressPrefixes")
    if prefix is None and prefixes:
        prefix = prefixes[0] if isinstance(prefixes, list) and len(prefixes) == 1 else None
    if prefix is None:
        raise invalid_format("Cannot parse the request.", "MissingJsonProperty",
                             "Subnet %s must have properties.addressPrefix." % name,
                             target="properties.addressPrefix")
    validate_prefixes([prefix], "properties.addressPrefix")
    subnet = {
        "name": name, "id": "%s/subnets/%s" % (vnet_id, name), "etag": new_etag(),
        "type": "%s/virtualNetworks/subnets" % NETWORK,
        "properties": {
            "addressPrefix": prefix, "provisioningState": "Succeeded",
            "privateEndpointNetworkPolicies": body_props.get("privateEndpointNetworkPolicies", "Disabled"),
            "privateLinkServiceNetworkPolicies": body_props.get("privateLinkServiceNetworkPolicies", "Enabled"),
        },
    }
    return subnet


def check_subnets_fit(vnet_name, space, subnets):
    """Subnets inside the address space and not overlapping each other (the Netcfg* errors)."""
    networks = []
    for subnet in subnets:
        network = parse_prefix(subnet["properties"]["addressPrefix"])
        if not any(network.subnet_of(s) for s in space):
            raise bad_request("NetcfgSubnetRangeOutsideVnet",
                              "Subnet '%s' is not valid because its IP address range is outside the IP address "
                              "range of virtual network '%s'." % (subnet["name"], vnet_name))
        for other_name, other in networks:
            if network.overlaps(other):
                raise bad_request("NetcfgSubnetRangesOverlap",
                                  "Subnet '%s' is not valid because its IP address range overlaps with that of "
                                  "an existing subnet '%s' in virtual network '%s'."
                                  % (subnet["name"], other_name, vnet_name))
        networks.append((subnet["name"], network))


def in_use_subnet_error(subnet, users):
    return bad_request("InUseSubnetCannotBeDeleted",
                       "Subnet %s is in use by %s and cannot be deleted. In order to delete the subnet, delete "
                       "all the resources within the subnet. See aka.ms/deletesubnet."
                       % (subnet["name"], users[0]))


def build_vnet(put):
    """virtualNetwork PUT rules (resource.put runs the prelude)."""
    arm, name, rid, existing, obj, props = put.arm, put.name, put.rid, put.existing, put.obj, put.props
    prefixes = (props.get("addressSpace") or {}).get("addressPrefixes")
    if not prefixes:
        raise invalid_format("Cannot parse the request.", "MissingJsonProperty",
                             "Virtual network %s must have properties.addressSpace.addressPrefixes." % name,
                             target="properties.addressSpace.addressPrefixes")
    space = validate_prefixes(prefixes, "properties.addressSpace.addressPrefixes")
    old_subnets = {s["name"].lower(): s for s in (existing or {}).get("properties", {}).get("subnets", [])}
    subnets, seen = [], set()
    for item in props.get("subnets") or []:
        sub_name = (item or {}).get("name")
        if not sub_name or sub_name.lower() in seen:
            raise bad_request("InvalidRequestFormat", "Each subnet needs a unique name.", target="subnets")
        seen.add(sub_name.lower())
        old = old_subnets.get(sub_name.lower())
        subnet = build_subnet(rid if old is None else existing["id"], old["name"] if old else sub_name,
                              item.get("properties") or {})
        check_prefix_change(arm, old, subnet)
        subnets.append(subnet)
    for key, old in old_subnets.items():
        if key not in seen:
            users = subnet_users(arm, old["id"])
            if users:
                raise in_use_subnet_error(old, users)
    check_subnets_fit(name, space, subnets)
    obj["properties"].update({
        "addressSpace": {"addressPrefixes": list(prefixes)},
        "subnets": subnets,
        "virtualNetworkPeerings": [],
        "enableDdosProtection": bool(props.get("enableDdosProtection", False)),
    })
    if isinstance(props.get("dhcpOptions"), dict):
        obj["properties"]["dhcpOptions"] = props["dhcpOptions"]
    done_at = arm.done_at("virtualNetwork", "create" if existing is None else "update")
    for subnet in subnets:
        subnet["properties"]["provisioningState"] = "Updating"
        subnet["_succeedAt"] = done_at
        arm.track_child("virtualNetwork", obj["id"].lower(), "subnets", subnet)


def check_prefix_change(arm, old, subnet):
    """A subnet in use keeps its address prefix (by a VNet PUT or a subnet PUT alike)."""
    if old is not None and old["properties"]["addressPrefix"] != subnet["properties"]["addressPrefix"]:
        users = subnet_users(arm, old["id"])
        if users:
            raise bad_request("InUseSubnetCannotBeUpdated",  # unverified
                              "Subnet %s is in use by %s and its address prefix cannot be changed."
                              % (old["name"], users[0]))


def check_vnet_delete(arm, obj):
    for subnet in obj["properties"].get("subnets", []):
        users = subnet_users(arm, subnet["id"])
        if users:
            raise in_use_subnet_error(subnet, users)


def find_subnet(vnet, subnet_name):
    return find_child(vnet, "subnets", subnet_name)


def subnet_not_found(vnet, subnet_name):
    return child_not_found(vnet, "subnets", subnet_name)


def subnet_get(arm, req, sub, rg, name, subnet_name):
    arm.begin(req, sub)
    vnet = arm.require("virtualNetwork", rg, name)
    subnet = find_subnet(vnet, subnet_name)
    if subnet is None:
        raise subnet_not_found(vnet, subnet_name)
    return Response(200, subnet_view(arm, vnet, subnet))


def subnet_put(arm, req, sub, rg, name, subnet_name):
    arm.begin(req, sub)
    body = arm.body(req)
    vnet = arm.require("virtualNetwork", rg, name)
    arm.check_not_busy(vnet)
    old = find_subnet(vnet, subnet_name)
    if old is not None:
        arm.check_not_busy(dict(old, properties=dict(old["properties"],
                                                     provisioningState=arm.child_state(old))))
    subnet = build_subnet(vnet["id"], old["name"] if old else subnet_name, body.get("properties") or {})
    check_prefix_change(arm, old, subnet)
    siblings = [s for s in vnet["properties"].get("subnets", []) if s["name"].lower() != subnet_name.lower()]
    space = [parse_prefix(p) for p in vnet["properties"]["addressSpace"]["addressPrefixes"]]
    check_subnets_fit(vnet["name"], space, siblings + [subnet])
    return arm.begin_child_put(req, "virtualNetwork", vnet, "subnets", subnet, old is None,
                               functools.partial(subnet_view, arm), "PutSubnetOperation", duration_kind="subnet")


def subnet_delete(arm, req, sub, rg, name, subnet_name):
    arm.begin(req, sub)
    vnet = arm.require("virtualNetwork", rg, name)
    subnet = find_subnet(vnet, subnet_name)
    if subnet is None:
        return Response(204, None)
    arm.check_not_busy(vnet)
    users = subnet_users(arm, subnet["id"])
    if users:
        raise in_use_subnet_error(subnet, users)
    return arm.begin_delete(req, "virtualNetwork", vnet, "DeleteSubnetOperation", child_list="subnets",
                            child=subnet)


def subnet_list(arm, req, sub, rg, name):
    arm.begin(req, sub)
    vnet = arm.require("virtualNetwork", rg, name)
    return Response(200, arm.page(req, [subnet_view(arm, vnet, s) for s in vnet["properties"].get("subnets", [])]))


# -- public IP addresses --------------------------------------------------------------------------
def pip_view(arm, obj, model=None):
    served = view_envelope(obj)
    user = public_ip_user(arm, obj["id"])
    if user:
        served["properties"]["ipConfiguration"] = {"id": user}
    return served


def build_pip(put):
    """publicIPAddress PUT rules (resource.put runs the prelude)."""
    arm, rid, existing, obj, body, props = put.arm, put.rid, put.existing, put.obj, put.body, put.props
    sku = body.get("sku") or (existing or {}).get("sku") or {"name": "Standard"}
    sku_name = sku.get("name", "Standard")
    if sku_name not in ("Basic", "Standard"):
        raise bad_request("InvalidPublicIpSku",  # unverified
                          "Public IP SKU '%s' is not valid; use Basic or Standard." % sku_name, target="sku.name")
    tier = sku.get("tier", "Regional")
    if tier not in ("Regional", "Global"):
        raise bad_request("InvalidPublicIpSku",  # unverified
                          "Public IP SKU tier '%s' is not valid; use Regional or Global." % tier,
                          target="sku.tier")
    method = props.get("publicIPAllocationMethod") or ("Static" if sku_name == "Standard" else "Dynamic")
    if method not in ("Static", "Dynamic"):
        raise bad_request("InvalidPublicIPAllocationMethod",  # unverified
                          "publicIPAllocationMethod must be Static or Dynamic.",
                          target="properties.publicIPAllocationMethod")
    if sku_name == "Standard" and method != "Static":
        raise bad_request("StandardSkuPublicIPAddressesMustBeStatic",  # unverified
                          "Standard sku publicIp %s must have AllocationMethod set to Static." % rid)
    version = props.get("publicIPAddressVersion", "IPv4")
    if version != "IPv4":
        raise bad_request("UnsupportedPublicIPAddressVersion",
                          "The twin serves IPv4 public IP addresses only.",
                          target="properties.publicIPAddressVersion")
    idle = props.get("idleTimeoutInMinutes", DEFAULT_IDLE_TIMEOUT)
    if not isinstance(idle, int) or not IDLE_TIMEOUT_RANGE[0] <= idle <= IDLE_TIMEOUT_RANGE[1]:
        raise bad_request("PublicIPIdleTimeoutIsOutOfRange",  # unverified
                          "Idle timeout %r is out of range: it must be between 4 and 30 minutes." % (idle,))
    zones = body.get("zones")
    if zones is not None:
        if not isinstance(zones, list) or any(z not in ("1", "2", "3") for z in zones):
            raise bad_request("InvalidZones", "zones must be a list of \"1\", \"2\" or \"3\".", target="zones")
        if sku_name == "Basic" and zones:
            raise bad_request("ZonesNotAllowedForBasicSkuPublicIP",  # unverified
                              "Basic SKU public IP addresses cannot be zonal.", target="zones")
    if existing is not None and public_ip_user(arm, rid) and existing.get("sku", {}).get("name") != sku_name:
        raise bad_request("PublicIPAddressInUseCannotUpdate",
                          "Public IP address %s is in use by %s and its SKU cannot be changed."
                          % (rid, public_ip_user(arm, rid)))
    obj["sku"] = {"name": sku_name, "tier": tier}
    if zones is not None:
        obj["zones"] = list(zones)
    elif existing is not None and "zones" in existing:
        obj["zones"] = existing["zones"]
    address = (existing or {}).get("properties", {}).get("ipAddress")
    if address is None and method == "Static":
        address = allocate_public_ip(arm)
    obj["properties"].update({
        "publicIPAllocationMethod": method, "publicIPAddressVersion": version,
        "idleTimeoutInMinutes": idle, "ipTags": props.get("ipTags") or [],
    })
    if address is not None:
        obj["properties"]["ipAddress"] = address
    if isinstance(props.get("dnsSettings"), dict):
        obj["properties"]["dnsSettings"] = props["dnsSettings"]


def check_pip_delete(arm, obj):
    user = public_ip_user(arm, obj["id"])
    if user:
        raise bad_request("PublicIPAddressCannotBeDeleted",
                          "Public IP address %s can not be deleted since it is still allocated to resource %s. "
                          "In order to delete the public IP, disassociate/detach the Public IP address from "
                          "the resource. To learn how to do this, see aka.ms/deletepublicip."
                          % (obj["id"], user))


# -- Microsoft.Resources: the resources of a group, the Microsoft.Network provider ----------------
# (resources.json, stable 2021-04-01: Resources_ListByResourceGroup, Providers_Get)
# Display names of the locations the twin serves (Providers_Get lists display names).
LOCATION_DISPLAY_NAMES = {"eastus": "East US", "eastus2": "East US 2", "westus": "West US", "westus2": "West US 2",
                          "westeurope": "West Europe", "northeurope": "North Europe", "uksouth": "UK South",
                          "japaneast": "Japan East"}
# The api-versions the twin's provider answers for (any date-shaped version is accepted; these are
# the stable network versions the SDKs in use send).
PROVIDER_API_VERSIONS = ["2026-03-01", "2024-05-01", "2023-09-01", "2023-05-01", "2022-07-01"]
FILTER_TERM = re.compile(r"^\s*(resourceType|name)\s+eq\s+'([^']*)'\s*$", re.IGNORECASE)


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


def resources_by_group(arm, req, sub, rg):
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


def provider_get(arm, req, sub, namespace):
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


VIRTUAL_NETWORK = resource.Kind(
    "virtualNetwork", build_vnet, "PutVirtualNetworkOperation", "DeleteVirtualNetworkOperation",
    view=vnet_view, check_delete=check_vnet_delete, subscription_list=True)


PUBLIC_IP_ADDRESS = resource.Kind(
    "publicIPAddress", build_pip, "PutPublicIpAddressOperation", "DeletePublicIpAddressOperation",
    view=pip_view, check_delete=check_pip_delete, subscription_list=True)


def register(router, arm):
    def add(method, template, handler):
        resource.route(router, method, template, functools.partial(handler, arm))

    rg_path = resource.RG_PATH
    add("PUT", rg_path, rg_put)
    add("GET", rg_path, rg_get)
    add("HEAD", rg_path, rg_head)
    add("PATCH", rg_path, rg_patch)
    add("DELETE", rg_path, rg_delete)
    add("GET", "/subscriptions/{sub}/resourcegroups", rg_list)
    add("GET", "/subscriptions/{sub}/operationresults/{op_id}", rg_operation_result)
    resource.register_kind(router, arm, VIRTUAL_NETWORK)
    subnet_path = resource.resource_path(VIRTUAL_NETWORK) + "/subnets/{subnet_name}"
    add("PUT", subnet_path, subnet_put)
    add("GET", subnet_path, subnet_get)
    add("DELETE", subnet_path, subnet_delete)
    add("GET", resource.resource_path(VIRTUAL_NETWORK) + "/subnets", subnet_list)
    resource.register_kind(router, arm, PUBLIC_IP_ADDRESS)


def register_resources(router, arm):
    """Microsoft.Resources reads that span every kind (registered after the Network routes)."""
    resource.route(router, "GET", resource.RG_PATH + "/resources", functools.partial(resources_by_group, arm))
    resource.route(router, "GET", "/subscriptions/{sub}/providers/{namespace}", functools.partial(provider_get, arm))
