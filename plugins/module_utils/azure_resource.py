# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Azure flavour of the shared ensure path: :class:`AzureResource` (a resource driven by one
SDK operations group, its fields declared once in a :class:`fields.FieldTable`), the fields every
Azure resource shares (location, tags), :func:`azure_module` and :func:`run_info`."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_auth import (
    AzureClient,
    azure_auth_spec,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_errors import (
    AZURE_IMPORT_ERROR,
    HAS_AZURE,
    fail_cloud,
    input_error_exit,
    option_for_target,
    target_options,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_ids import (
    align_ids,
    lower_ids,
    reference,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_retries import refused_as_busy
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_shapes import (
    normalise_location,
    snake,
    snake_view,
    strip_read_only,
    string_tags,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_waits import (
    TRANSITIONAL_STATES,
    provisioning_state,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    CloudError,
    InputError,
    Resource,
    differences,
    mask_secrets,
    merge,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field, FieldTable


class Reference(Field):
    """An option that names another ARM resource, by name (same resource group) or full id; the
    body holds ``{"id": <ARM id>}`` (:meth:`AzureResource.api_params` makes the id)."""

    def __init__(self, option, read, resource_type, **kwargs):
        kwargs.setdefault("spec", dict(type="str"))
        # an empty name names nothing (as reference() says): no body
        super(Reference, self).__init__(option, read, to_api=lambda value: {"id": value} if value else None,
                                        **kwargs)
        self.resource_type = resource_type


#: the fields every top-level Azure resource has; a resource's table extends these
LOCATION = Field("location", spec=dict(type="str"), to_api=normalise_location, immutable=True)
TAGS = Field("tags", spec=dict(type="dict"), to_api=string_tags)
AZURE_FIELDS = FieldTable(LOCATION, TAGS)


def resource_argument_spec(fields, wait_timeout, **options):
    """The argument spec of a module that manages one Azure resource: its field table's options,
    the resource's ``name`` and ``resource_group``, ``state`` and the bounded wait, whose default
    (``wait_timeout``) is the resource's realistic build time. ``options`` adds the module's own;
    one set to None removes a default one (a peering has no name, a resource group no group)."""
    spec = dict(fields.argument_spec())
    spec.update(
        name=dict(type="str", required=True),
        resource_group=dict(type="str", required=True),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=wait_timeout),
    )
    for option, entry in options.items():
        if entry is None:
            spec.pop(option)
        else:
            spec[option] = entry
    return spec


def azure_module(argument_spec, **kwargs):
    """AnsibleModule with the Azure options added; fails cleanly when the SDK is missing."""
    spec = azure_auth_spec()
    spec.update(argument_spec)
    kwargs.setdefault("supports_check_mode", True)
    module = AnsibleModule(argument_spec=spec, **kwargs)
    if not HAS_AZURE:
        module.fail_json(msg=missing_required_lib("azure-identity and azure-mgmt-network"),
                         exception=AZURE_IMPORT_ERROR)
    if addresses.NETADDR_IMPORT_ERROR is not None:
        module.fail_json(msg=missing_required_lib("netaddr"), exception=str(addresses.NETADDR_IMPORT_ERROR))
    return module


class AzureResource(Resource):
    """A top-level Microsoft.Network resource driven by one SDK operations group.

    Subclasses set ``operations`` (the NetworkManagementClient attribute), ``resource_type``
    (ARM type segment), ``kind``, ``result_key``, and implement :meth:`wanted` (what the user
    set, in the REST read shape). Reads and writes go through the SDK; LROs through its pollers.
    """

    operations = None
    resource_type = None
    has_location = True
    #: ARM error target fragment -> module option, to name the offending option in errors (with
    #: a field table: only the fragments the table cannot derive)
    target_options = {}

    def __init__(self, module, azure=None):
        super(AzureResource, self).__init__(module)
        self.azure = azure or AzureClient(module)
        self.azure.target_options = self.error_targets()
        self.current = None

    def error_targets(self):
        """ARM error target fragment -> module option: from the field table, with
        ``target_options`` adding what the table cannot say."""
        if self.fields is None:
            return self.target_options
        return target_options(self.fields, self.target_options)

    def api_params(self):
        """The options with each :class:`Reference` made into an ARM id."""
        params = dict(self.params)
        for field in self.fields:
            if isinstance(field, Reference) and params.get(field.option):
                params[field.option] = self.ref(params[field.option], field.resource_type)
        return params

    @property
    def ops(self):
        return self.azure.operations(self.operations)

    @property
    def subscription_id(self):
        return self.azure.subscription_id

    def scope(self):
        """Positional arguments that name this resource in the SDK operations."""
        return (self.params["resource_group"], self.params["name"])

    def resource_id(self):
        return self.azure.resource_id(self.params["resource_group"], self.resource_type,
                                      self.params["name"])

    def ref(self, value, resource_type):
        return reference(value, self.subscription_id, self.params["resource_group"], resource_type)

    def wait_timeout(self):
        return self.params.get("wait_timeout")

    def option_for(self, path):
        if self.fields is not None:
            return super(AzureResource, self).option_for(path)
        # "properties.gatewayType" -> gateway_type; names that differ are in target_options
        option = option_for_target(path, self.target_options)
        if option is None:
            option = snake(path.split(".")[-1])
        return option if re.split(r"[.\[/]", option)[0] in self.params else path

    def describe(self):
        return "%s %r" % (self.kind, self.name())

    # -- Resource interface ---------------------------------------------------------------
    def find(self):
        self.current = self.azure.get(self.ops.get, *self.scope())
        return self.current

    def wanted(self):
        """What the user set, in the REST read shape (the field table's desired body)."""
        if self.fields is None:
            raise NotImplementedError
        return self.fields.desired(self.api_params())

    def desired(self):
        # ids in the server's spelling, so bodies and diffs show only real changes
        return align_ids(self.wanted(), self.current)

    def compare(self, desired, current):
        # ARM ids are case-insensitive, and one id may be spelled differently in two places of
        # the same resource (ipConfigurations[].id vs bgpPeeringAddresses[].ipconfigurationId)
        return differences(lower_ids(desired), lower_ids(current), self.unordered_paths)

    def create(self, desired):
        body = copy.deepcopy(desired)
        if self.has_location and not body.get("location"):
            body["location"] = self.azure.resource_group_location(self.params["resource_group"])
        return self.put(body, desired)

    def update(self, current, desired, changed_paths):
        # ARM refuses a write while another operation runs (AnotherOperationInProgress), e.g.
        # one a killed run started: wait it out whatever ``wait`` says (it is about our write).
        current = self.settle(current)
        return self.put(self.update_body(current, desired), desired)

    def update_body(self, current, desired):
        return strip_read_only(merge(current, desired))

    def put(self, body, desired):
        """PUT ``body``; ``desired`` (what the user set) decides whether a busy resource still
        needs the write once its running operation is over."""
        def send():
            return self.azure.lro(self.ops.begin_create_or_update, self.scope() + (body,),
                                  wait=self.params.get("wait", True), timeout=self.wait_timeout(),
                                  what="%s to be provisioned" % self.describe())

        busy, answer = refused_as_busy(send)
        if not busy:
            return answer
        # Busy, most often with this very write: azure-core retries a PUT answered 5xx, and when
        # the first attempt was applied the retry finds its operation running. Wait it out and
        # write again only if the resource is still not as asked.
        if self.wait_until_idle() is not None:
            settled = self.find()
            if settled is not None and not self.compare(desired, settled):
                return settled
        return send()

    def delete(self, current):
        def send():
            return self.azure.lro(self.ops.begin_delete, self.scope(), wait=self.params.get("wait", True),
                                  timeout=self.wait_timeout(), what="%s to be deleted" % self.describe())

        self.settle(current)
        # A retried DELETE whose first attempt was applied finds the resource Deleting.
        if refused_as_busy(send)[0] and self.wait_until_idle() is not None:
            send()

    def predict(self, current, desired):
        after = merge(current or {}, desired)
        after.setdefault("id", self.resource_id())
        after.setdefault("name", self.params.get("name"))
        if current is None:
            # as a create leaves it (the same shape a real run returns; nothing to await)
            after.setdefault("properties", {}).setdefault("provisioningState", "Succeeded")
        return after

    def wait_ready(self, resource):
        if self.params.get("wait", True):
            return self.settle(resource)
        return resource

    def settle(self, resource):
        """Wait out an operation already running on the resource (ours from an earlier
        ``wait: false`` task, or anyone's) before writing or reporting it ready."""
        if provisioning_state(resource) not in TRANSITIONAL_STATES:
            return resource
        settled = self.wait_until_idle()
        return settled if settled is not None else resource

    def wait_until_idle(self):
        """Read the resource until no operation runs on it (bounded by wait_timeout); None when
        it is gone."""
        settled = self.azure.wait_until(
            lambda: self.azure.get(self.ops.get, *self.scope()),
            lambda found: found is None or provisioning_state(found) not in TRANSITIONAL_STATES,
            self.wait_timeout(), "%s to finish its running operation" % self.describe())
        if settled is not None and provisioning_state(settled) == "Failed":
            self.module.warn("%s is in provisioningState Failed" % self.describe())
        return settled

    def present(self, resource):
        return snake_view(mask_secrets(resource or {}, self.secret_paths))


def run_info(module, read, what):
    """Run a read-only _info module: ``read(AzureClient(module), module.params)`` gives the
    result; bad input or a cloud error ends the module naming ``what``."""
    try:
        result = read(AzureClient(module), module.params)
    except InputError as exc:
        input_error_exit(module, exc)
    except CloudError as exc:
        fail_cloud(module, exc, what)
    module.exit_json(changed=False, **result)
