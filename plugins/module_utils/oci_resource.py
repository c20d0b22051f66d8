# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The OCI flavour of the shared ensure path of ``common.py``: :class:`OCIResource`, a resource found
by id or by compartment + parent + display_name (find, create under a retry token, update, delete,
wait), and :func:`run_info` for the _info modules.

Values returned to the user and compared with the user's input are plain dicts in the
``oci.util.to_dict`` shape: the API's read model with snake_case keys (as oracle.oci returns).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    CloudError,
    InputError,
    Resource,
    merge,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_checks import (
    OCID_OPTIONS,
    ocid_problems,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_errors import CLOUD
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_waits import (
    is_gone,
    to_dict,
)


class OCIResource(Resource):
    """An OCI resource found by id, or by compartment + parent + display_name.

    Subclasses set the SDK method names and implement ``list_candidates``, ``desired``,
    ``create_details`` and ``update_details``; this class does find/create/update/delete/wait.
    """

    kind = "resource"
    get_method = None
    create_method = None
    update_method = None
    delete_method = None
    #: lifecycle states in which the resource is ready (None: no lifecycle state)
    ready_states = ("AVAILABLE",)
    failed_states = ()
    #: which option names the parent, for the retry token and messages
    parent_option = None
    #: the resource type in this resource's OCIDs (checks the ``id`` option)
    ocid_type = None
    #: read-shape paths whose option has another name, for messages
    path_options = {}

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
        tags = self.params.get("freeform_tags")
        if tags:
            for key, value in tags.items():
                if not isinstance(value, str):
                    problems.append("freeform_tags.%s must be a string, not %r" % (key, value))
        return problems

    def needs_compartment(self):
        return True

    def option_problems(self):
        problems = super(OCIResource, self).option_problems()
        options = dict(OCID_OPTIONS, id=(self.ocid_type,) if self.ocid_type else None)
        for option, types in sorted(options.items()):
            if self.params.get(option):
                problems.extend(ocid_problems(self.params[option], option, types))
        return problems

    def option_for(self, path):
        return self.path_options.get(path, path)

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

    def require_for_create(self, options):
        """Options a create needs; InputError (before any write) when missing and absent."""
        if getattr(self, "exists", True):
            return
        missing = [option for option in options if self.params.get(option) in (None, [], "")]
        if missing:
            raise InputError(["%s is required to create the %s %r" % (
                " and ".join(missing), self.kind, self.name())])

    def fetch(self, resource_id):
        return self.read(self.api.call(self.get_method, resource_id))

    # -- desired -----------------------------------------------------------------------------
    def common_desired(self):
        desired = {}
        if self.params.get("display_name") is not None:
            desired["display_name"] = self.params["display_name"]
        if self.params.get("freeform_tags") is not None:
            desired["freeform_tags"] = self.params["freeform_tags"]
        return desired

    def predict(self, current, desired):
        after = merge(current or {}, desired)
        if current is None:
            after.setdefault("id", None)
            if self.ready_states:
                after.setdefault("lifecycle_state", self.ready_states[0])
        return after

    # -- writing -----------------------------------------------------------------------------
    def create_details(self, desired):
        raise NotImplementedError

    def update_details(self, current, desired, changed_paths):
        raise NotImplementedError

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
    except CloudError as exc:
        module.fail_json(msg=exc.to_msg(), error=exc.to_dict())
    module.exit_json(changed=False, **result)
