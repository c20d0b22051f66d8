# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The OCI flavour of the shared ensure path of ``common.py``: :class:`OCIResource`, a resource found
by id or by compartment + parent + display_name (find, create under a retry token, update, delete,
wait), :data:`OCI_FIELDS` (the fields every OCI resource has, which a resource's field table
extends), :func:`resource_argument_spec`, :func:`build_model` and :func:`run_info` for the _info
modules.

Values returned to the user and compared with the user's input are plain dicts in the
``oci.util.to_dict`` shape: the API's read model with snake_case keys (as oracle.oci returns). A
field's write path is the keyword of the SDK's ``Create*Details``/``Update*Details`` model, so the
create and update details are built from the field table by :func:`build_model`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    KNOWN_AFTER_CREATE,
    CloudError,
    InputError,
    Resource,
    is_unknown,
    merge,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import Field, FieldTable
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_auth import resource_options
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_checks import (
    OCID_OPTIONS,
    ocid_problems,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_errors import CLOUD, oci
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_waits import (
    is_gone,
    to_dict,
)


def tags_problems(tags, option):
    """OCI's freeform tags map strings to strings (SDK model: ``dict(str, str)``)."""
    return ["%s.%s must be a string, not %r" % (option, key, value)
            for key, value in sorted((tags or {}).items()) if not isinstance(value, str)]


#: the fields every OCI resource has (SDK models: ``display_name``, ``freeform_tags``); a
#: resource's table extends these
OCI_FIELDS = FieldTable(
    Field("display_name", spec=dict(type="str", aliases=["name"])),
    Field("freeform_tags", spec=dict(type="dict"), validate=tags_problems),
)


def resource_argument_spec(fields, **options):
    """The argument spec of a module that manages one OCI resource: ``state``, ``id`` and
    ``compartment_id``, its field table's options, then the module's own ``options`` (those that
    steer the module without being part of the resource: ``replace``, ``wait_for``...)."""
    spec = resource_options()
    spec.update(fields.argument_spec())
    spec.update(options)
    return spec


LIST_TYPE = re.compile(r"^list\[(.+)\]$")


def build_model(type_name, value):
    """The SDK value of ``type_name`` (a name from a model's ``swagger_types``: a model of
    ``oci.core.models``, ``list[...]`` of one, or a plain type) for a write-shape ``value`` with
    snake_case keys. Nested models and lists of models follow the SDK's own type map, and an
    abstract model becomes the subtype its discriminator names (``get_subtype``), so the details
    are exactly what the SDK would build by hand; a key the model lacks is a bug, not ignored."""
    if value is None:
        return None
    match = LIST_TYPE.match(type_name)
    if match:
        return [build_model(match.group(1), item) for item in value]
    model_class = getattr(oci.core.models, type_name, None)
    if model_class is None or not isinstance(value, dict):
        return value
    if hasattr(model_class, "get_subtype"):
        try:
            model_class = getattr(oci.core.models, model_class.get_subtype(value))
        except KeyError:
            pass    # no discriminator given: the base model
    model = model_class()
    for key, item in value.items():
        if key not in model.swagger_types:
            raise ValueError("%s has no field %s" % (model_class.__name__, key))
        setattr(model, key, build_model(model.swagger_types[key], item))
    return model


class OCIResource(Resource):
    """An OCI resource found by id, or by compartment + parent + display_name.

    Subclasses set the SDK method names, ``fields`` (a table extending :data:`OCI_FIELDS`, whose
    write paths are the details models' keywords), ``create_model``/``update_model`` and implement
    ``list_candidates``; this class does find/create/update/delete/wait and builds the details.
    """

    kind = "resource"
    get_method = None
    create_method = None
    update_method = None
    delete_method = None
    #: the SDK models of the create and update details (names in ``oci.core.models``)
    create_model = None
    update_model = None
    #: whether the create details carry the compartment (a DRG's children do not: they live in
    #: their DRG's)
    create_in_compartment = True
    #: lifecycle states in which the resource is ready (None: no lifecycle state)
    ready_states = ("AVAILABLE",)
    failed_states = ()
    #: which option names the parent, for the retry token and messages
    parent_option = None
    #: the resource type in this resource's OCIDs (checks the ``id`` option)
    ocid_type = None

    def __init__(self, module, api):
        super(OCIResource, self).__init__(module)
        self.api = api

    # -- identity ----------------------------------------------------------------------------
    def name(self):
        return self.params.get("display_name") or self.params.get("id")

    def compartment_id(self):
        return self.params.get("compartment_id")

    def parent_id(self):
        return self.params.get(self.parent_option) if self.parent_option else None

    def validate(self):
        problems = []
        if not self.params.get("id") and not self.params.get("display_name"):
            problems.append("give display_name (or id) to identify the %s" % self.kind)
        if not self.params.get("id") and self.needs_compartment() and not self.compartment_id():
            problems.append("compartment_id is required to find the %s by display_name (or set "
                            "OCI_COMPARTMENT_ID)" % self.kind)
        return problems + super(OCIResource, self).validate()

    def needs_compartment(self):
        return True

    def option_problems(self):
        problems = super(OCIResource, self).option_problems()
        options = dict(OCID_OPTIONS, id=(self.ocid_type,) if self.ocid_type else None)
        for option, types in sorted(options.items()):
            if self.params.get(option) and not is_unknown(self.params[option]):
                problems.extend(ocid_problems(self.params[option], option, types))
        return problems

    def list_candidates(self):
        """Models that may be this resource (same compartment/parent); filtered by name here."""
        raise NotImplementedError

    def matches(self, model):
        return getattr(model, "display_name", None) == self.params.get("display_name")

    # -- reading -----------------------------------------------------------------------------
    def read(self, model):
        """The read shape of ``model`` (subclasses add related objects)."""
        return to_dict(model)

    def find_model(self):
        if is_unknown(self.params.get("id")) or is_unknown(self.parent_id()):
            return None     # its parent (or itself) is created by the same dry run: not there yet
        if self.params.get("id"):
            model = self.api.get_or_none(self.get_method, self.params["id"])
            if model is None or is_gone(model):
                if self.params.get("state") == "present":
                    raise CloudError("no %s with id %s" % (self.kind, self.params["id"]),
                                     cloud=CLOUD, hint="omit id to create it by display_name")
                return None
            return model
        try:
            candidates = self.list_candidates()
        except CloudError as exc:
            if exc.status == 404 and self.params.get("state") == "absent":
                return None     # the parent (DRG, connection) is gone, and its children with it
            raise
        found = [m for m in candidates if self.matches(m) and not is_gone(m)]
        if len(found) > 1:
            raise CloudError("%d %ss are named %r here: %s" % (
                len(found), self.kind, self.params.get("display_name"),
                ", ".join(m.id for m in found)), cloud=CLOUD,
                hint="give id to choose one, or rename the others")
        return found[0] if found else None

    def find(self):
        model = self.find_model()
        self.exists = model is not None
        return self.read(model) if model is not None else None

    def fetch(self, resource_id):
        return self.read(self.api.call(self.get_method, resource_id))

    # -- desired -----------------------------------------------------------------------------
    def create_problems(self, desired):
        return self.fields.create_problems(self.params, "the " + self.describe())

    def predict(self, current, desired):
        after = merge(current or {}, desired)
        if current is None:
            after.setdefault("id", KNOWN_AFTER_CREATE)
            if self.ready_states:
                after.setdefault("lifecycle_state", self.ready_states[0])
        return after

    # -- writing -----------------------------------------------------------------------------
    def create_body(self, desired):
        """The create details as a write-shape dict: the fields that have a write path, and the
        compartment."""
        body = self.fields.write(desired)
        if self.create_in_compartment:
            body["compartment_id"] = self.compartment_id()
        return body

    def update_body(self, current, desired, changed_paths):
        """The update details as a write-shape dict: the fields the API changes in place; the
        freeform tags merged into the current ones."""
        body = self.fields.write(desired, update=True)
        tags = self.merged_tags(current, desired)
        if tags is not None:
            body["freeform_tags"] = tags
        return body

    def create_details(self, desired):
        return build_model(self.create_model, self.create_body(desired))

    def update_details(self, current, desired, changed_paths):
        return build_model(self.update_model, self.update_body(current, desired, changed_paths))

    def token_identity(self):
        return (self.kind, self.compartment_id(), self.parent_id(), self.params.get("display_name"))

    def create(self, desired):
        details = self.create_details(desired)
        model = self.api.create(self.create_method, details, self.token_identity(),
                                get_method=self.get_method, matches=self.matches)
        return self.after_write(model.id)

    def update(self, current, desired, changed_paths):
        details = self.update_details(current, desired, changed_paths)
        if details is not None:
            self.api.call(self.update_method, current["id"], details)
        return self.after_write(current["id"])

    def after_write(self, resource_id):
        if self.params.get("wait") and self.ready_states:
            self.api.wait_for(self.get_method, resource_id, states=self.ready_states,
                              failed_states=self.failed_states, what=self.describe())
        return self.fetch(resource_id)

    def delete(self, current):
        self.api.delete(self.delete_method, current["id"])
        if self.params.get("wait"):
            self.api.wait_gone(self.get_method, current["id"], what=self.describe())

    def wait_ready(self, resource):
        state = resource.get("lifecycle_state")
        if self.params.get("wait") and self.ready_states and state not in self.ready_states:
            self.api.wait_for(self.get_method, resource["id"], states=self.ready_states,
                              failed_states=self.failed_states, what=self.describe())
            return self.fetch(resource["id"])
        return resource

    def describe(self):
        return "%s %r" % (self.kind, self.name())

    # -- helpers for update details -----------------------------------------------------------
    @staticmethod
    def merged_tags(current, desired):
        """Freeform tags to send: the current ones with the user's keys set (a PUT replaces the
        whole map, and keys the user did not list are left alone)."""
        if desired.get("freeform_tags") is None:
            return None
        tags = dict(current.get("freeform_tags") or {})
        tags.update(desired["freeform_tags"])
        return tags


def run_info(module, collect):
    """Run ``collect()`` for an _info module and exit with its result dict."""
    try:
        result = collect()
    except InputError as exc:
        module.fail_json(msg="Invalid input: " + "; ".join(exc.problems), errors=exc.problems)
    except CloudError as exc:
        module.fail_json(msg=exc.to_msg(), error=exc.to_dict())
    module.exit_json(changed=False, **result)
