"""Checks a captured response against the SDK's own model (used by test_conformance_*.py).

Azure: azure-mgmt-network 33.x models (TypeSpec ``rest_field``s; their annotations say which
attributes exist, which are required - not Optional - and which enum class a string belongs to).
OCI: ``oci.core.models`` (``swagger_types``/``attribute_map``; required attributes are the ones
whose getter documents ``**[Required]**``; enum lists are in the setters, which turn anything else
into UNKNOWN_ENUM_VALUE).

A violation is ``(where, message)``; ``where`` names the operation and the JSON path.
"""

import datetime
import enum
import functools
import re
import sys
import typing


# --------------------------------------------------------------------------------------- Azure
@functools.lru_cache(maxsize=None)
def azure_fields(cls):
    """{rest name: annotation} of an azure-mgmt-network model class."""
    import azure.mgmt.network.models as models
    cls.__new__(cls)                                  # the SDK computes _attr_to_rest_field here
    namespace = dict(vars(sys.modules[cls.__module__]))
    namespace["_models"] = models
    hints = typing.get_type_hints(cls, globalns=namespace)
    return {rf._rest_name: hints.get(attr) for attr, rf in cls._attr_to_rest_field.items()}


def _is_azure_model(tp):
    return isinstance(tp, type) and hasattr(tp, "_attr_to_rest_field") or (
        isinstance(tp, type) and tp.__module__.startswith("azure.mgmt.network.models") and
        not issubclass(tp, enum.Enum))


def _optional(tp):
    args = typing.get_args(tp)
    if typing.get_origin(tp) is typing.Union and type(None) in args:
        rest = tuple(a for a in args if a is not type(None))
        return True, rest[0] if len(rest) == 1 else typing.Union[rest]
    return False, tp


def check_azure(value, tp, where, out):
    """Append to ``out`` every way ``value`` departs from annotation ``tp``."""
    _, tp = _optional(tp)
    if value is None or tp is None or tp is typing.Any:
        return
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Union:
        enums = [a for a in args if isinstance(a, type) and issubclass(a, enum.Enum)]
        if enums:
            allowed = [m.value for m in enums[0]]
            if value not in allowed:
                out.append((where, "%r is not one of the SDK's %s values %s" % (value, enums[0].__name__, allowed)))
            return
        return
    if origin is typing.Literal:
        return
    if origin is list:
        if not isinstance(value, list):
            out.append((where, "expected a list, got %r" % (value,)))
            return
        for i, item in enumerate(value):
            check_azure(item, args[0], "%s[%d]" % (where, i), out)
        return
    if origin is dict:
        if not isinstance(value, dict):
            out.append((where, "expected an object, got %r" % (value,)))
            return
        for key, item in value.items():
            check_azure(item, args[1], "%s.%s" % (where, key), out)
        return
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        if value not in [m.value for m in tp]:
            out.append((where, "%r is not one of the SDK's %s values" % (value, tp.__name__)))
        return
    if tp is bool:
        if not isinstance(value, bool):
            out.append((where, "expected a boolean, got %r" % (value,)))
        return
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            out.append((where, "expected an integer, got %r" % (value,)))
        return
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            out.append((where, "expected a number, got %r" % (value,)))
        return
    if tp is str:
        if not isinstance(value, str):
            out.append((where, "expected a string, got %r" % (value,)))
        return
    if tp is datetime.datetime:
        try:
            datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            out.append((where, "%r is not an ISO 8601 date-time" % (value,)))
        return
    if isinstance(tp, type) and hasattr(tp, "_attr_to_rest_field") or _is_azure_model(tp):
        check_azure_model(value, tp, where, out)


def check_azure_model(value, cls, where, out):
    if not isinstance(value, dict):
        out.append((where, "expected a %s object, got %r" % (cls.__name__, value)))
        return
    fields = azure_fields(cls)
    for key, item in value.items():
        if key not in fields:
            out.append(("%s.%s" % (where, key), "attribute not defined by %s" % cls.__name__))
            continue
        check_azure(item, fields[key], "%s.%s" % (where, key), out)
    for key, tp in fields.items():
        if tp is not None and not _optional(tp)[0] and key not in value:
            out.append(("%s.%s" % (where, key), "required by %s but missing" % cls.__name__))


def azure_model(name):
    import azure.mgmt.network.models as models
    return getattr(models, name)


# ----------------------------------------------------------------------------------------- OCI
@functools.lru_cache(maxsize=None)
def oci_required(cls):
    """The attributes whose getter documents **[Required]**."""
    out = set()
    for attr in cls().swagger_types:
        doc = getattr(cls, attr).__doc__ or ""
        if "**[Required]**" in doc:
            out.add(attr)
    return frozenset(out)


def _oci_class(name):
    import oci.core.models
    return getattr(oci.core.models, name, None)


def check_oci(value, type_name, where, out):
    """Append to ``out`` every way ``value`` departs from the oci SDK type ``type_name``."""
    if value is None or type_name in (None, "object", "stream"):
        return
    found = re.match(r"^list\[(.+)\]$", type_name)
    if found:
        if not isinstance(value, list):
            out.append((where, "expected a list, got %r" % (value,)))
            return
        for i, item in enumerate(value):
            check_oci(item, found.group(1), "%s[%d]" % (where, i), out)
        return
    found = re.match(r"^dict\(str, (.+)\)$", type_name)
    if found:
        if not isinstance(value, dict):
            out.append((where, "expected an object, got %r" % (value,)))
            return
        for key, item in value.items():
            check_oci(item, found.group(1), "%s.%s" % (where, key), out)
        return
    simple = {"str": str, "int": int, "bool": bool, "float": (int, float), "datetime": str, "date": str}
    if type_name in simple:
        if not isinstance(value, simple[type_name]) or (type_name == "int" and isinstance(value, bool)):
            out.append((where, "expected %s, got %r" % (type_name, value)))
        return
    cls = _oci_class(type_name)
    if cls is None:
        out.append((where, "the SDK has no model %s" % type_name))
        return
    if not isinstance(value, dict):
        out.append((where, "expected a %s object, got %r" % (type_name, value)))
        return
    if hasattr(cls, "get_subtype"):
        sub = _oci_class(cls.get_subtype(value))
        if sub is not None:
            cls = sub
    instance = cls()
    keys = {json_key: attr for attr, json_key in instance.attribute_map.items()}
    for key, item in value.items():
        attr = keys.get(key)
        if attr is None:
            out.append(("%s.%s" % (where, key), "attribute not defined by %s" % cls.__name__))
            continue
        kind = instance.swagger_types[attr]
        if kind in ("str", "list[str]") and item is not None:
            setattr(instance, attr, item)           # the setter maps unknown enum values
            served = getattr(instance, attr)
            if served == "UNKNOWN_ENUM_VALUE" or (isinstance(served, list) and "UNKNOWN_ENUM_VALUE" in served):
                out.append(("%s.%s" % (where, key), "%r becomes UNKNOWN_ENUM_VALUE in %s" % (item, cls.__name__)))
                continue
        check_oci(item, kind, "%s.%s" % (where, key), out)
    for attr in oci_required(cls):
        if value.get(instance.attribute_map[attr]) is None:
            out.append(("%s.%s" % (where, instance.attribute_map[attr]), "required by %s but missing" % cls.__name__))


# ------------------------------------------------------------------------- operations not served
# The SDK operations of the subset the twin plays: OCI VirtualNetworkClient calls under these paths,
# azure-mgmt-network operation groups of these resources.
OCI_SUBSET_PATHS = ("/vcns", "/drgs", "/drgAttachments", "/drgRouteTables", "/drgRouteDistributions", "/cpes",
                    "/cpeDeviceShapes", "/ipsecConnections", "/ipsecAlgorithms", "/virtualCircuits",
                    "/fastConnectProviderServices", "/virtualCircuitBandwidthShapes")
AZURE_SUBSET_GROUPS = ("virtual_networks", "subnets", "public_ip_addresses", "virtual_network_gateways",
                       "local_network_gateways", "virtual_network_gateway_connections", "express_route_circuits",
                       "express_route_circuit_peerings", "express_route_service_providers")


def _router():
    from emulator.core.context import Twin
    from emulator.core.server import build_router
    from emulator.core.store import Clock, Store
    clock = Clock(0.001)
    identity = {"oci": {"tenancy": "ocid1.tenancy.oc1..x", "compartment_id": "ocid1.compartment.oc1..x",
                        "user": "u", "fingerprint": "f", "region": "us-ashburn-1"},
                "azure": {"tenant_id": "t", "client_id": "c", "client_secret": "s", "subscription_id": "sub",
                          "location": "eastus"}}
    return build_router(Twin(store=Store(clock=clock), clock=clock, identity=identity, base_url="https://x"))


def _served(router, method, path):
    from emulator.core.http import ApiError
    try:
        router.resolve(method, path)
        return True
    except ApiError:
        return False


def unserved_operations():
    """["oci <operation>", "azure <group>.<operation>"] of the subset's SDK operations the twin does not route."""
    import inspect
    import oci
    import azure.mgmt.network.operations._operations as azure_ops
    router = _router()
    out = []
    src = inspect.getsource(oci.core.VirtualNetworkClient)
    for found in re.finditer(r"\n    def ([a-z_0-9]+)\(self.*?(?=\n    def |\Z)", src, re.S):
        name, body = found.group(1), found.group(0)
        path = re.search(r'resource_path = "([^"]+)"', body)
        method = re.search(r'method = "([^"]+)"', body)
        if not path or not method or not path.group(1).startswith(OCI_SUBSET_PATHS):
            continue
        concrete = "/20160918" + re.sub(r"\{[^}]+\}", "x", path.group(1))
        if not _served(router, method.group(1), concrete):
            out.append("oci %s" % name)
    src = inspect.getsource(azure_ops)
    for found in re.finditer(r"\ndef build_([a-z_0-9]+)_request\(.*?(?=\ndef |\nclass |\Z)", src, re.S):
        name, body = found.group(1), found.group(0)
        group = next((g for g in sorted(AZURE_SUBSET_GROUPS, key=len, reverse=True) if name.startswith(g + "_")),
                     None)
        url = re.search(r'_url = "([^"]+)"', body)
        method = re.search(r'method="([A-Z]+)"', body)
        if group is None or not url or not method:
            continue
        concrete = re.sub(r"\{subscriptionId\}", "sub", url.group(1))
        concrete = re.sub(r"\{[^}]+\}", "x", concrete)
        if not _served(router, method.group(1), concrete):
            out.append("azure %s.%s" % (group, name[len(group) + 1:]))
    return sorted(out)


@functools.lru_cache(maxsize=None)
def azure_documented_statuses():
    """[(method, path regex, {statuses})] for every azure-mgmt-network operation: the success codes
    its generated code accepts (``if response.status_code not in [...]``, the REST spec's responses
    for that operation); anything else it raises as an error."""
    import inspect
    import azure.mgmt.network.operations._operations as azure_ops
    src = inspect.getsource(azure_ops)
    builds = {}
    for found in re.finditer(r"\ndef (build_[a-z_0-9]+_request)\(.*?(?=\ndef |\nclass |\Z)", src, re.S):
        url = re.search(r'_url = "([^"]+)"', found.group(0))
        method = re.search(r'method="([A-Z]+)"', found.group(0))
        if url and method:
            builds[found.group(1)] = (method.group(1), url.group(1))
    table = []
    for found in re.finditer(r"\n    (?:async )?def ([a-z_0-9]+)\(\s*self.*?(?=\n    def |\n    async def |\nclass |\Z)",
                             src, re.S):
        body = found.group(0)
        build = re.search(r"(build_[a-z_0-9]+_request)\(", body)
        statuses = re.search(r"response\.status_code not in \[([0-9, ]+)\]", body)
        if not build or not statuses or build.group(1) not in builds:
            continue
        method, url = builds[build.group(1)]
        pattern = re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(url)) + "$", re.IGNORECASE)
        table.append((method, pattern, frozenset(int(s) for s in statuses.group(1).split(","))))
    return table


def azure_statuses_for(method, path):
    """The documented success codes of the operation ``method path``, or None when none matches."""
    for verb, pattern, statuses in azure_documented_statuses():
        if verb == method and pattern.match(path):
            return statuses
    return None
