"""ARM: resource groups, virtual networks and subnets, public IP addresses, local network gateways."""

import ipaddress
import random

from emulator import rules
from emulator.azure.arm import (
    NETWORK, arm_error, bad_request, invalid_format, normalize_location, new_etag, parse_ipv4, parse_prefix,
    view_envelope,
)
from emulator.core.http import Response
from emulator.core.store import public_view

RG_TYPE = "Microsoft.Resources/resourceGroups"
RG_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.()")
DEFAULT_IDLE_TIMEOUT = 4
IDLE_TIMEOUT_RANGE = (4, 30)
PEER_WEIGHT_RANGE = (0, 100)
ASN_MAX = 4294967295


# --- shared validation (used by the gateway and circuit modules too) ------------------------------
def validate_asn(asn, target):
    """A BGP ASN Azure accepts: 1..4294967294 and none of rules.AZURE_RESERVED_ASNS."""
    if isinstance(asn, bool) or not isinstance(asn, int) or not 1 <= asn <= ASN_MAX:
        raise bad_request("InvalidAsn",  # unverified
                          "The ASN %r is not valid. It must be an integer from 1 to 4294967294." % (asn,),
                          target=target)
    if asn in rules.AZURE_RESERVED_ASNS:
        raise bad_request("AsnReserved",  # unverified
                          "ASN %d is reserved by Azure and cannot be used. Reserved ASNs: 8074, 8075, 12076, "
                          "65515, 65517-65520, 23456, 64496-64511, 65535-65551, 4294967295." % asn,
                          target=target)


def validate_peer_weight(weight, target):
    if isinstance(weight, bool) or not isinstance(weight, int) or \
            not PEER_WEIGHT_RANGE[0] <= weight <= PEER_WEIGHT_RANGE[1]:
        raise bad_request("InvalidPeerWeight",  # unverified
                          "peerWeight must be an integer from %d to %d." % PEER_WEIGHT_RANGE, target=target)
    return weight


def validate_prefixes(prefixes, target):
    """Canonical IPv4 CIDRs; returns the parsed networks."""
    if not isinstance(prefixes, list):
        raise invalid_format("Cannot parse the request.", "InvalidJsonPropertyType",
                             "%s must be an array of address prefixes." % target, target=target)
    parsed = []
    for prefix in prefixes:
        network = parse_prefix(prefix)
        if network is None:
            raise bad_request("InvalidAddressPrefixFormat",  # unverified
                              "Address prefix %s does not have a valid format. Use a CIDR such as 10.0.0.0/16 "
                              "with the host bits set to zero." % (prefix,), target=target)
        parsed.append(network)
    return parsed


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


def register(router, arm):
    twin = arm.twin
    add = router.add
    rg_path = "/subscriptions/{sub}/resourcegroups/{rg}"
    net = rg_path + "/providers/Microsoft.Network"

    def route(method, template, handler, write=None):
        add("azure", method, template, handler, write=write, case_insensitive=True)

    # -- resource groups ---------------------------------------------------------------------------
    def rg_view(obj):
        served = public_view(obj)
        out = {"id": served["id"], "name": served["name"], "type": RG_TYPE, "location": served["location"]}
        if "tags" in served:
            out["tags"] = served["tags"]
        out["properties"] = served["properties"]
        return out

    def rg_put(req, sub, rg):
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
        existing = twin.store.get("azure", "resourceGroup", key)
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
        twin.store.put("azure", "resourceGroup", key, obj)
        return Response(200 if existing else 201, rg_view(obj))

    def rg_get(req, sub, rg):
        arm.begin(req, sub)
        obj = twin.store.get("azure", "resourceGroup", arm.rg_key(rg))
        if obj is None:
            raise arm_error(404, "ResourceGroupNotFound", "Resource group '%s' could not be found." % rg)
        return Response(200, rg_view(obj))

    def rg_head(req, sub, rg):
        arm.begin(req, sub)
        exists = twin.store.get("azure", "resourceGroup", arm.rg_key(rg)) is not None
        return Response(204 if exists else 404, None)

    def rg_patch(req, sub, rg):
        arm.begin(req, sub)
        body = arm.body(req)
        obj = arm.get_rg(rg)
        if isinstance(body.get("tags"), dict):
            obj["tags"] = body["tags"]
        obj["_updatedAt"] = arm.now()
        twin.store.put("azure", "resourceGroup", arm.rg_key(rg), obj)
        return Response(200, rg_view(obj))

    def rg_delete(req, sub, rg):
        arm.begin(req, sub)
        key = arm.rg_key(rg)
        obj = twin.store.get("azure", "resourceGroup", key)
        if obj is None:
            raise arm_error(404, "ResourceGroupNotFound", "Resource group '%s' could not be found." % rg)
        if obj["properties"]["provisioningState"] == "Deleting":
            op = twin.store.get("azure", "asyncOperation", obj.get("_operationId", ""))
            return Response(202, None, rg_delete_headers(op) if op else {"Retry-After": "1"})
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
            twin.store.put("azure", kind, member["id"].lower(), member)
            arm.schedule_deletion(kind, member["id"].lower(), done_at)
        obj["properties"]["provisioningState"] = "Deleting"
        obj["_operationId"] = op["name"]
        twin.store.put("azure", "resourceGroup", key, obj)
        arm.schedule_deletion("resourceGroup", key, done_at)
        return Response(202, None, rg_delete_headers(op))

    def rg_delete_headers(op):
        url = "%s/subscriptions/%s/operationresults/%s?api-version=%s" % (
            twin.base_url, arm.subscription_id, op["name"], op["_apiVersion"])
        return {"Location": url, "Retry-After": arm.retry_after(op["_doneAt"])}

    def rg_operation_result(req, sub, op_id):
        arm.begin(req, sub)
        op = twin.store.get("azure", "asyncOperation", op_id)
        if op is None:
            raise arm_error(404, "NotFound", "The operation '%s' could not be found." % op_id)
        if arm.now() < op["_doneAt"]:
            return Response(202, None, rg_delete_headers(op))
        return Response(200, None)

    def rg_list(req, sub):
        arm.begin(req, sub)
        groups = [rg_view(o) for o in twin.store.list("azure", "resourceGroup")]
        return Response(200, arm.page(req, groups))

    route("PUT", rg_path, rg_put)
    route("GET", rg_path, rg_get)
    route("HEAD", rg_path, rg_head)
    route("PATCH", rg_path, rg_patch)
    route("DELETE", rg_path, rg_delete)
    route("GET", "/subscriptions/{sub}/resourcegroups", rg_list)
    route("GET", "/subscriptions/{sub}/operationresults/{op_id}", rg_operation_result)

    # -- generic tag update (PATCH) for every network resource -----------------------------------
    def tags_patch(kind, view):
        def handler(req, sub, rg, name):
            arm.begin(req, sub)
            body = arm.body(req)
            obj = arm.require(kind, rg, name)
            arm.check_not_busy(obj)
            if isinstance(body.get("tags"), dict):
                obj["tags"] = body["tags"]
            obj["etag"] = new_etag()
            obj["_updatedAt"] = arm.now()
            twin.store.put("azure", kind, obj["id"].lower(), obj)
            return Response(200, view(obj))
        return handler

    def list_handlers(kind, type_segment, view, subscription_wide=False):
        """List by resource group (and by subscription where the API has it), paged."""
        def by_rg(req, sub, rg):
            arm.begin(req, sub)
            arm.get_rg(rg)
            return Response(200, arm.page(req, [view(o) for o in arm.list_kind(kind, rg)]))

        def by_sub(req, sub):
            arm.begin(req, sub)
            return Response(200, arm.page(req, [view(o) for o in arm.list_kind(kind)]))
        route("GET", net + "/" + type_segment, by_rg)
        if subscription_wide:
            route("GET", "/subscriptions/{sub}/providers/Microsoft.Network/" + type_segment, by_sub)

    def get_handler(kind, view):
        def handler(req, sub, rg, name):
            arm.begin(req, sub)
            return Response(200, view(arm.require(kind, rg, name)))
        return handler

    arm.tags_patch = tags_patch
    arm.list_handlers = list_handlers
    arm.get_handler = get_handler

    # -- virtual networks and subnets ------------------------------------------------------------------
    def subnet_view(vnet, subnet):
        served = public_view(subnet)
        served["properties"]["provisioningState"] = arm.child_state(subnet)
        users = subnet_users(arm, subnet["id"])
        if users:
            served["properties"]["ipConfigurations"] = [{"id": u} for u in users]
        return served

    def vnet_view(obj):
        served = view_envelope(obj)
        served["properties"]["subnets"] = [subnet_view(obj, s) for s in obj["properties"].get("subnets", [])]
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

    def vnet_put(req, sub, rg, name):
        arm.begin(req, sub)
        body = arm.body(req)
        rg_obj = arm.get_rg(rg)
        rid = arm.resource_id(rg_obj, "virtualNetwork", name)
        existing = arm.get("virtualNetwork", rid)
        arm.check_if_match(req, existing)
        if existing is not None:
            arm.check_not_busy(existing)
            obj = arm.updated_envelope(existing, body)
        else:
            obj = arm.new_resource("virtualNetwork", rg_obj, name, body)
        props = body.get("properties") or {}
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
            if old is not None and old["properties"]["addressPrefix"] != subnet["properties"]["addressPrefix"]:
                users = subnet_users(arm, old["id"])
                if users:
                    raise bad_request("InUseSubnetCannotBeUpdated",  # unverified
                                      "Subnet %s is in use by %s and its address prefix cannot be changed."
                                      % (old["name"], users[0]))
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
        return arm.begin_put(req, "virtualNetwork", obj, existing is None, vnet_view, "PutVirtualNetworkOperation")

    def vnet_delete(req, sub, rg, name):
        arm.begin(req, sub)
        rg_obj = arm.get_rg(rg)
        obj = arm.get("virtualNetwork", arm.resource_id(rg_obj, "virtualNetwork", name))
        if obj is None:
            return Response(204, None)
        for subnet in obj["properties"].get("subnets", []):
            users = subnet_users(arm, subnet["id"])
            if users:
                raise in_use_subnet_error(subnet, users)
        return arm.begin_delete(req, "virtualNetwork", obj, "DeleteVirtualNetworkOperation")

    vnet_path = net + "/virtualNetworks/{name}"
    route("PUT", vnet_path, vnet_put)
    route("GET", vnet_path, get_handler("virtualNetwork", vnet_view))
    route("DELETE", vnet_path, vnet_delete)
    route("PATCH", vnet_path, tags_patch("virtualNetwork", vnet_view))
    list_handlers("virtualNetwork", "virtualNetworks", vnet_view, subscription_wide=True)

    def find_subnet(vnet, subnet_name):
        for subnet in vnet["properties"].get("subnets", []):
            if subnet["name"].lower() == subnet_name.lower():
                return subnet
        return None

    def subnet_not_found(vnet, subnet_name):
        return arm_error(404, "NotFound", "Resource %s/subnets/%s not found." % (vnet["id"], subnet_name))

    def subnet_get(req, sub, rg, name, subnet_name):
        arm.begin(req, sub)
        vnet = arm.require("virtualNetwork", rg, name)
        subnet = find_subnet(vnet, subnet_name)
        if subnet is None:
            raise subnet_not_found(vnet, subnet_name)
        return Response(200, subnet_view(vnet, subnet))

    def subnet_put(req, sub, rg, name, subnet_name):
        arm.begin(req, sub)
        body = arm.body(req)
        vnet = arm.require("virtualNetwork", rg, name)
        arm.check_not_busy(vnet)
        old = find_subnet(vnet, subnet_name)
        if old is not None:
            arm.check_not_busy(dict(old, properties=dict(old["properties"],
                                                         provisioningState=arm.child_state(old))))
        subnet = build_subnet(vnet["id"], old["name"] if old else subnet_name, body.get("properties") or {})
        if old is not None and old["properties"]["addressPrefix"] != subnet["properties"]["addressPrefix"]:
            users = subnet_users(arm, old["id"])
            if users:
                raise bad_request("InUseSubnetCannotBeUpdated",  # unverified
                                  "Subnet %s is in use by %s and its address prefix cannot be changed."
                                  % (old["name"], users[0]))
        siblings = [s for s in vnet["properties"].get("subnets", []) if s["name"].lower() != subnet_name.lower()]
        space = [parse_prefix(p) for p in vnet["properties"]["addressSpace"]["addressPrefixes"]]
        check_subnets_fit(vnet["name"], space, siblings + [subnet])
        return arm.begin_child_put(req, "virtualNetwork", vnet, "subnets", subnet, old is None,
                                   subnet_view, "PutSubnetOperation", duration_kind="subnet")

    def subnet_delete(req, sub, rg, name, subnet_name):
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

    def subnet_list(req, sub, rg, name):
        arm.begin(req, sub)
        vnet = arm.require("virtualNetwork", rg, name)
        return Response(200, arm.page(req, [subnet_view(vnet, s) for s in vnet["properties"].get("subnets", [])]))

    route("PUT", vnet_path + "/subnets/{subnet_name}", subnet_put)
    route("GET", vnet_path + "/subnets/{subnet_name}", subnet_get)
    route("DELETE", vnet_path + "/subnets/{subnet_name}", subnet_delete)
    route("GET", vnet_path + "/subnets", subnet_list)

    # -- public IP addresses --------------------------------------------------------------------------
    def pip_view(obj):
        served = view_envelope(obj)
        user = public_ip_user(arm, obj["id"])
        if user:
            served["properties"]["ipConfiguration"] = {"id": user}
        return served

    def pip_put(req, sub, rg, name):
        arm.begin(req, sub)
        body = arm.body(req)
        rg_obj = arm.get_rg(rg)
        rid = arm.resource_id(rg_obj, "publicIPAddress", name)
        existing = arm.get("publicIPAddress", rid)
        arm.check_if_match(req, existing)
        if existing is not None:
            arm.check_not_busy(existing)
            obj = arm.updated_envelope(existing, body)
        else:
            obj = arm.new_resource("publicIPAddress", rg_obj, name, body)
        props = body.get("properties") or {}
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
        return arm.begin_put(req, "publicIPAddress", obj, existing is None, pip_view,
                             "PutPublicIpAddressOperation")

    def pip_delete(req, sub, rg, name):
        arm.begin(req, sub)
        rg_obj = arm.get_rg(rg)
        obj = arm.get("publicIPAddress", arm.resource_id(rg_obj, "publicIPAddress", name))
        if obj is None:
            return Response(204, None)
        user = public_ip_user(arm, obj["id"])
        if user:
            raise bad_request("PublicIPAddressCannotBeDeleted",
                              "Public IP address %s can not be deleted since it is still allocated to resource %s. "
                              "In order to delete the public IP, disassociate/detach the Public IP address from "
                              "the resource. To learn how to do this, see aka.ms/deletepublicip."
                              % (obj["id"], user))
        return arm.begin_delete(req, "publicIPAddress", obj, "DeletePublicIpAddressOperation")

    pip_path = net + "/publicIPAddresses/{name}"
    route("PUT", pip_path, pip_put)
    route("GET", pip_path, get_handler("publicIPAddress", pip_view))
    route("DELETE", pip_path, pip_delete)
    route("PATCH", pip_path, tags_patch("publicIPAddress", pip_view))
    list_handlers("publicIPAddress", "publicIPAddresses", pip_view, subscription_wide=True)

    # -- local network gateways -----------------------------------------------------------------------
    def connections_using(field, rid):
        key = rid.lower()
        return [c["id"] for c in arm.list_kind("connection")
                if (c["properties"].get(field) or {}).get("id", "").lower() == key]

    arm.connections_using = connections_using

    def lng_view(obj):
        return view_envelope(obj)

    def lng_put(req, sub, rg, name):
        arm.begin(req, sub)
        body = arm.body(req)
        rg_obj = arm.get_rg(rg)
        rid = arm.resource_id(rg_obj, "localNetworkGateway", name)
        existing = arm.get("localNetworkGateway", rid)
        arm.check_if_match(req, existing)
        if existing is not None:
            arm.check_not_busy(existing)
            obj = arm.updated_envelope(existing, body)
        else:
            obj = arm.new_resource("localNetworkGateway", rg_obj, name, body)
        props = body.get("properties") or {}
        address, fqdn = props.get("gatewayIpAddress"), props.get("fqdn")
        if not address and not fqdn:
            raise bad_request("LocalNetworkGatewayMustHaveIpAddressOrFqdn",  # unverified
                              "Local network gateway %s must have gatewayIpAddress or fqdn." % rid)
        if address and parse_ipv4(address) is None:
            raise bad_request("InvalidLocalNetworkGatewayIpAddress",  # unverified
                              "gatewayIpAddress '%s' is not a valid IPv4 address." % address,
                              target="properties.gatewayIpAddress")
        space = (props.get("localNetworkAddressSpace") or {}).get("addressPrefixes") or []
        validate_prefixes(space, "properties.localNetworkAddressSpace.addressPrefixes")
        obj["properties"]["localNetworkAddressSpace"] = {"addressPrefixes": list(space)}
        if address:
            obj["properties"]["gatewayIpAddress"] = address
        if fqdn:
            obj["properties"]["fqdn"] = fqdn
        bgp = props.get("bgpSettings")
        if bgp:
            asn = bgp.get("asn")
            validate_asn(asn, "properties.bgpSettings.asn")
            peer = bgp.get("bgpPeeringAddress")
            if parse_ipv4(peer) is None:
                raise bad_request("InvalidBgpPeeringAddress",  # unverified
                                  "bgpPeeringAddress '%s' is not a valid IPv4 address." % (peer,),
                                  target="properties.bgpSettings.bgpPeeringAddress")
            weight = validate_peer_weight(bgp.get("peerWeight", 0), "properties.bgpSettings.peerWeight")
            obj["properties"]["bgpSettings"] = {"asn": asn, "bgpPeeringAddress": peer, "peerWeight": weight}
        return arm.begin_put(req, "localNetworkGateway", obj, existing is None, lng_view,
                             "PutLocalNetworkGatewayOperation")

    def lng_delete(req, sub, rg, name):
        arm.begin(req, sub)
        rg_obj = arm.get_rg(rg)
        obj = arm.get("localNetworkGateway", arm.resource_id(rg_obj, "localNetworkGateway", name))
        if obj is None:
            return Response(204, None)
        users = connections_using("localNetworkGateway2", obj["id"])
        if users:
            raise bad_request("InUseLocalNetworkGatewayCannotBeDeleted",  # unverified
                              "Local network gateway %s cannot be deleted because it is in use by connection(s) %s. "
                              "Delete the connections first." % (obj["id"], ", ".join(users)))
        return arm.begin_delete(req, "localNetworkGateway", obj, "DeleteLocalNetworkGatewayOperation")

    lng_path = net + "/localNetworkGateways/{name}"
    route("PUT", lng_path, lng_put)
    route("GET", lng_path, get_handler("localNetworkGateway", lng_view))
    route("DELETE", lng_path, lng_delete)
    route("PATCH", lng_path, tags_patch("localNetworkGateway", lng_view))
    list_handlers("localNetworkGateway", "localNetworkGateways", lng_view)
