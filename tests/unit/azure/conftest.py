"""Fakes for the Azure unit tests: a module with validated parameters, and an ARM client whose
operations keep resources in memory (REST read shape) and count the writes."""

import copy

import pytest
from azure.core.exceptions import ResourceNotFoundError
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.interconnect.oci_azure.plugins.module_utils import azure_auth
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError

SUB = "00000000-0000-0000-0000-000000000001"


class FakeModule:
    def __init__(self, params, check_mode=False):
        self.params = params
        self.check_mode = check_mode
        self.warnings = []

    def warn(self, text):
        self.warnings.append(text)


def params_for(module_spec, check_mode=False, **given):
    """Parameters as Ansible would hand them to the module (defaults, suboptions, aliases)."""
    spec = azure_auth.azure_auth_spec()
    spec.update(module_spec)
    given.setdefault("subscription_id", SUB)
    result = ArgumentSpecValidator(spec).validate(given)
    assert not result.error_messages, result.error_messages
    return FakeModule(result.validated_parameters, check_mode)


class FakePoller:
    def __init__(self, result, finished=True):
        self._result = result
        self._finished = finished

    def wait(self, timeout=None):
        return None

    def done(self):
        return self._finished

    def status(self):
        return "Succeeded" if self._finished else "InProgress"

    def result(self, timeout=None):
        return self._result


class FakeOperations:
    """One SDK operations group over a dict store keyed by the scope tuple."""

    def __init__(self, cloud, name):
        self.cloud = cloud
        self.name = name
        self.store = {}
        self.shared_keys = {}
        self.serve_shared_key = True
        self.conflict_once = None     # body the "provider" creates just before our first PUT

    def get(self, *scope):
        found = self.store.get(scope)
        if found is None:
            raise ResourceNotFoundError("not found")
        served = copy.deepcopy(found)
        if self.name == "virtual_network_gateway_connections":
            if self.serve_shared_key:
                served["properties"]["sharedKey"] = self.shared_keys.get(scope)
            else:
                served["properties"].pop("sharedKey", None)
        return served

    def begin_create_or_update(self, *args, **kwargs):
        scope, body = tuple(args[:-1]), copy.deepcopy(args[-1])
        self.cloud.writes.append((self.name, "PUT", scope, body))
        if self.conflict_once is not None:
            self.store[scope] = self.conflict_once
            self.conflict_once = None
            error = CloudError("conflict", cloud="Azure", code="Conflict", status=409)
            raise error
        stored = copy.deepcopy(body)
        stored.setdefault("id", "/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Network/x/%s"
                          % (SUB, scope[0], "/".join(scope[1:])))
        stored.setdefault("properties", {})["provisioningState"] = "Succeeded"
        if "sharedKey" in stored["properties"]:
            self.shared_keys[scope] = stored["properties"].pop("sharedKey")
        self.store[scope] = stored
        return FakePoller(self.get(*scope))

    def begin_delete(self, *scope, **kwargs):
        self.cloud.writes.append((self.name, "DELETE", scope, None))
        self.store.pop(scope, None)
        return FakePoller(None)

    def get_shared_key(self, *scope):
        self.cloud.reads.append((self.name, "sharedkey", scope))
        if scope not in self.store:
            raise ResourceNotFoundError("not found")
        return {"value": self.shared_keys.get(scope)}

    def begin_set_shared_key(self, *args, **kwargs):
        scope, body = tuple(args[:-1]), args[-1]
        self.cloud.writes.append((self.name, "sharedkey", scope, body))
        self.shared_keys[scope] = body["value"]
        return FakePoller(body)

    def list_connections(self, *scope):
        connections = self.cloud.ops("virtual_network_gateway_connections")
        found = []
        for key, value in connections.store.items():
            gateway = ((value.get("properties") or {}).get("virtualNetworkGateway1") or {}).get("id", "")
            if gateway.lower().endswith("/virtualnetworkgateways/%s" % scope[1].lower()):
                found.append(dict(value, name=key[1]))
        return found


class FakeCloud:
    def __init__(self):
        self.groups = {}
        self.writes = []
        self.reads = []

    def ops(self, name):
        if name not in self.groups:
            self.groups[name] = FakeOperations(self, name)
        return self.groups[name]


class FakeAzureClient(azure_auth.AzureClient):
    def __init__(self, module, cloud, target_options=None):
        super().__init__(module, target_options)
        self.cloud = cloud

    def operations(self, name):
        return self.cloud.ops(name)

    def resource_group_location(self, name):
        return "eastus"


@pytest.fixture
def cloud():
    return FakeCloud()


@pytest.fixture
def make(cloud):
    """``make(ResourceClass, spec, check_mode=False, **params)`` -> resource on the fake cloud."""

    def build(resource_class, spec, check_mode=False, **given):
        module = params_for(spec, check_mode=check_mode, **given)
        return resource_class(module, FakeAzureClient(module, cloud))

    return build
