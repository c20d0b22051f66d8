# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cloud-neutral logic shared by every module: the one "ensure" path.

A module describes its resource with a :class:`Resource` subclass (how to find it, what the user
asked for in the API's read shape, how to create, update and delete it); :func:`ensure` does the
rest the same way for every resource of both clouds:

* compare only the fields the user set, normalised to the API's read shape;
* refuse changes to fields the API cannot change in place, naming them;
* predict in check mode without writing;
* produce a before/after diff with secrets masked;
* report ``changed`` honestly, so a second run reports no change and makes no write call.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json

MASK = "********"


class CloudError(Exception):
    """An error from a cloud API, carrying what a user needs to act on it."""

    def __init__(self, message, cloud=None, resource=None, field=None, code=None, status=None,
                 request_id=None, hint=None):
        super(CloudError, self).__init__(message)
        self.message = message
        self.cloud = cloud
        self.resource = resource
        self.field = field
        self.code = code
        self.status = status
        self.request_id = request_id
        self.hint = hint

    def to_msg(self):
        parts = []
        if self.cloud or self.resource:
            parts.append("%s %s" % (self.cloud or "", self.resource or ""))
        if self.field:
            parts.append("field %s" % self.field)
        head = ": ".join(p.strip() for p in parts if p.strip())
        detail = self.message
        if self.code:
            detail = "%s (%s%s)" % (detail, self.code, ", HTTP %s" % self.status if self.status else "")
        if self.request_id:
            detail += " [request id %s]" % self.request_id
        text = "%s: %s" % (head, detail) if head else detail
        if self.hint:
            text += ". What to do: %s" % self.hint
        return text

    def to_dict(self):
        return dict(cloud=self.cloud, resource=self.resource, field=self.field, code=self.code,
                    status=self.status, request_id=self.request_id, message=self.message,
                    hint=self.hint)


class CredentialError(CloudError):
    """A cloud's credential is missing or incomplete, found before the first call.

    ``missing`` lists ``(what, option, variables)``: the message names each missing piece by the
    environment variables and the module option that set it. It is not about the resource the
    task manages, and the result states it once (the SDKs' credential chains are never quoted).
    """

    CODE = "CredentialMissing"

    def __init__(self, cloud, missing, hint=None, problem=None):
        self.missing = [(what, option, list(variables)) for what, option, variables in missing]
        wanted = ["no %s: set %s (module option %s)" % (what, " or ".join(variables), option)
                  for what, option, variables in self.missing]
        message = "; ".join(([problem] if problem else []) + wanted)
        super(CredentialError, self).__init__(message, cloud=cloud, code=self.CODE, hint=hint)

    def to_msg(self):
        text = "%s credentials: %s" % (self.cloud, self.message)
        if self.hint:
            text += ". %s" % self.hint
        return text

    def to_dict(self):
        # the message is the task's msg: the result does not repeat it
        return dict(cloud=self.cloud, code=self.code,
                    missing=[dict(what=what, option=option, variables=variables)
                             for what, option, variables in self.missing])


# --- paths -------------------------------------------------------------------------------------

def split_path(path):
    return [p for p in path.split(".") if p]


def get_path(obj, path, default=None):
    """Value at dotted ``path`` (``a.b.c``); ``default`` when any step is missing."""
    for part in split_path(path):
        if isinstance(obj, dict) and part in obj:
            obj = obj[part]
        elif isinstance(obj, list) and part.isdigit() and int(part) < len(obj):
            obj = obj[int(part)]
        else:
            return default
    return obj


def set_path(obj, path, value):
    """Set dotted ``path`` in the dict ``obj``, creating the dicts on the way."""
    parts = split_path(path)
    for part in parts[:-1]:
        if not isinstance(obj.get(part), dict):
            obj[part] = {}
        obj = obj[part]
    obj[parts[-1]] = value


def _mask_in(obj, parts, marker):
    if not parts:
        return
    head, rest = parts[0], parts[1:]
    if head == "*":
        items = obj if isinstance(obj, list) else []
        for item in items:
            _mask_in(item, rest, marker)
        return
    if isinstance(obj, dict) and head in obj:
        if rest:
            _mask_in(obj[head], rest, marker)
        elif obj[head] is not None:
            obj[head] = marker
    elif isinstance(obj, list) and head.isdigit() and int(head) < len(obj):
        if rest:
            _mask_in(obj[int(head)], rest, marker)
        elif obj[int(head)] is not None:
            obj[int(head)] = marker


def mask_secrets(obj, secret_paths, marker=MASK):
    """Deep copy of ``obj`` with each secret path replaced by ``marker``; ``*`` matches list items."""
    masked = copy.deepcopy(obj)
    for path in secret_paths:
        _mask_in(masked, split_path(path), marker)
    return masked


# --- comparison --------------------------------------------------------------------------------

def prune_none(value):
    """Drop keys whose value is None, recursively: None means "the user did not set it"."""
    if isinstance(value, dict):
        return dict((k, prune_none(v)) for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return [prune_none(v) for v in value]
    return value


# A value that exists only once a resource check mode did not create is created: an id, an
# address, a key. In a dry run the roles pass it on; the modules show it as it is, never look up,
# validate or compare it, and a real run refuses it.
KNOWN_AFTER_CREATE = "(known after create)"


def is_unknown(value):
    """Whether ``value`` is, or holds somewhere, a value known only after a create."""
    if isinstance(value, dict):
        return any(is_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(is_unknown(v) for v in value)
    return value == KNOWN_AFTER_CREATE


def unknown_paths(value, path=""):
    """Dotted paths (list items by index) of the values known only after a create."""
    if isinstance(value, dict):
        found = []
        for key in sorted(value):
            found.extend(unknown_paths(value[key], "%s.%s" % (path, key) if path else key))
        return found
    if isinstance(value, list):
        found = []
        for index, item in enumerate(value):
            found.extend(unknown_paths(item, "%s.%d" % (path, index)))
        return found
    return [path] if value == KNOWN_AFTER_CREATE else []


def prune_unknown(value):
    """``value`` without the values known only after a create (nothing to compare them with)."""
    if isinstance(value, dict):
        return dict((k, prune_unknown(v)) for k, v in value.items() if v != KNOWN_AFTER_CREATE)
    if isinstance(value, list):
        return [prune_unknown(v) for v in value if v != KNOWN_AFTER_CREATE]
    return value


def _canonical(value):
    return json.dumps(value, sort_keys=True, default=str)


def _scalar_equal(want, have):
    if isinstance(want, bool) or isinstance(have, bool):
        return want is have or (want == have and type(want) is type(have))
    if isinstance(want, (int, float)) and not isinstance(have, (int, float)):
        return str(want) == str(have)
    if isinstance(have, (int, float)) and not isinstance(want, (int, float)):
        return str(want) == str(have)
    return want == have


def differences(desired, current, unordered=(), path=""):
    """Dotted paths where ``desired`` differs from ``current``, considering only what is desired.

    ``desired`` holds only the fields the user set, in the API's read shape. Keys absent from it
    (or None) are ignored, so server-side defaults and read-only fields never cause a change.
    Lists are compared as a whole at their path: in order, or as multisets for paths listed in
    ``unordered``; list items that are dicts are compared on their desired keys only.
    """
    if isinstance(desired, dict):
        found = []
        have = current if isinstance(current, dict) else {}
        for key in sorted(desired):
            want = desired[key]
            if want is None:
                continue
            sub = "%s.%s" % (path, key) if path else key
            found.extend(differences(want, have.get(key), unordered, sub))
        return found
    if isinstance(desired, list):
        have = current if isinstance(current, list) else []
        if len(desired) != len(have):
            return [path]
        if path in unordered:
            remaining = list(have)
            for want in desired:
                match = None
                for index, candidate in enumerate(remaining):
                    if not differences(want, candidate, unordered, path):
                        match = index
                        break
                if match is None:
                    return [path]
                remaining.pop(match)
            return []
        for want, candidate in zip(desired, have):
            if differences(want, candidate, unordered, path):
                return [path]
        return []
    return [] if _scalar_equal(desired, current) else [path]


def merge(base, overlay):
    """``base`` updated recursively with the non-None values of ``overlay`` (lists replaced)."""
    result = copy.deepcopy(base) if isinstance(base, dict) else {}
    for key, value in (overlay or {}).items():
        if value is None:
            continue
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def _touches(changed, paths):
    hits = []
    for path in paths:
        for item in changed:
            if item == path or item.startswith(path + ".") or path.startswith(item + "."):
                hits.append(path)
                break
    return hits


# --- the ensure path ---------------------------------------------------------------------------

class Resource(object):
    """What a module knows about one resource. Subclasses implement the cloud calls.

    ``find`` and ``current`` values are dicts in the API's read shape. ``desired`` returns only
    what the user set, in that same shape, so :func:`differences` can compare them directly.
    """

    #: human name used in messages, e.g. "DRG" or "virtual network gateway"
    kind = "resource"
    #: the resource's fields (a :class:`fields.FieldTable`): when set, the paths below, the
    #: input checks, the desired body, the create problems and the option names in messages come
    #: from it; a subclass overrides only what is special
    fields = None
    #: key under which the resource is returned
    result_key = "resource"

    # A subclass may still set these as plain class attributes (they shadow the properties).
    @property
    def secret_paths(self):
        """Dotted paths (read shape) that hold secrets: masked in diffs and results."""
        return self.fields.secret_paths if self.fields is not None else ()

    @property
    def immutable_paths(self):
        """Dotted paths the API cannot change in place."""
        return self.fields.immutable_paths if self.fields is not None else ()

    @property
    def unordered_paths(self):
        """Dotted paths of lists whose order does not matter."""
        return self.fields.unordered_paths if self.fields is not None else ()

    def __init__(self, module):
        self.module = module
        self.params = module.params

    # -- to implement -----------------------------------------------------------------------
    def name(self):
        """How to call this resource in messages (display name, or id)."""
        return self.params.get("name") or self.params.get("display_name") or self.params.get("id")

    def validate(self):
        """Problems with the input that must stop the run before any call; list of strings
        (the field table's validators; subclasses extend it, calling super)."""
        return self.fields.problems(self.params) if self.fields is not None else []

    def option_problems(self):
        """Problems with the options modules share, checked with :meth:`validate`; subclasses
        extend it (call super) for their cloud's shared options."""
        timeout = self.params.get("wait_timeout")
        if timeout is not None and timeout <= 0:
            # a create would be sent and then given up on at once
            return ["wait_timeout: %s; give a positive number of seconds (or wait: false)"
                    % timeout]
        return []

    def option_for(self, path):
        """The module option behind a dotted read-shape path, for messages (the path when no
        field declares it)."""
        option = self.fields.option_for(path) if self.fields is not None else None
        return option if option is not None else path

    def find(self):
        raise NotImplementedError

    def desired(self):
        """What the user set, in the API's read shape (the field table's desired body)."""
        if self.fields is None:
            raise NotImplementedError
        return self.fields.desired(self.params)

    def describe(self):
        return "%s %r" % (self.kind, self.name())

    def create_problems(self, desired):
        """Why a create would be refused (options required to create, values a new resource may
        not have); list of strings. :func:`ensure` calls it before every create, in check mode
        too, so that check mode never predicts a create the real run refuses. ``desired`` is
        :meth:`desired` without unset values."""
        if self.fields is None:
            return []
        return self.fields.create_problems(self.params, self.describe())

    def change_problems(self, current, desired, changed_paths):
        """Why an update of ``current`` would be refused, for checks that need the cloud's state
        (a value the resource's current state rules out); list of strings. :func:`ensure` calls
        it before every update, in check mode too."""
        return []

    def create(self, desired):
        raise NotImplementedError

    def update(self, current, desired, changed_paths):
        raise NotImplementedError

    def delete(self, current):
        raise NotImplementedError

    # -- optional hooks ---------------------------------------------------------------------
    def predict(self, current, desired):
        """The resource as it would look after the change (check mode and diffs)."""
        return merge(current or {}, desired)

    def wait_ready(self, resource):
        """Wait (when asked) for a resource that needed no change to be ready; return it."""
        return resource

    def present(self, resource):
        """What the module returns for the resource (secrets are masked afterwards)."""
        return resource

    def replace_allowed(self):
        return bool(self.params.get("replace"))

    def compare(self, desired, current):
        """Dotted paths where ``current`` differs from ``desired``; override for finer paths
        (e.g. per list item) than :func:`differences` gives for whole lists."""
        return differences(desired, current, self.unordered_paths)

    def extra_results(self, result):
        """Extra keys for the module result after the change, e.g. a secret the user explicitly
        asked to get back (never part of the diff); the module documents them as sensitive."""
        return {}


def ensure(resource, state="present"):
    """Bring ``resource`` to ``state``; returns the module result dict (does not exit)."""
    module = resource.module
    unknown = unknown_paths(dict((k, v) for k, v in module.params.items() if not k.startswith("_")))
    if unknown and not module.check_mode:
        raise InputError(["%s: %s is known only after a create that a dry run did not make; a "
                          "real run cannot send it" % (", ".join(unknown), KNOWN_AFTER_CREATE)])
    problems = resource.option_problems() + resource.validate()
    if problems:
        raise InputError(problems)

    current = resource.find()
    result = dict(changed=False)

    if state == "absent":
        if current is None:
            result[resource.result_key] = {}
            return result
        result["changed"] = True
        if not module.check_mode:
            resource.delete(current)
        result["diff"] = dict(before=mask_secrets(current, resource.secret_paths), after={})
        result[resource.result_key] = {}
        return result

    desired = prune_none(resource.desired())
    if current is None:
        # the same requirements in check mode as in a real create, before any write
        problems = resource.create_problems(desired)
        if problems:
            raise InputError(problems)
        result["changed"] = True
        after = resource.predict(None, desired) if module.check_mode else resource.create(desired)
        result["diff"] = dict(before={}, after=mask_secrets(after, resource.secret_paths))
        result[resource.result_key] = mask_secrets(resource.present(after), resource.secret_paths)
        return result

    # a value known only after a create cannot be compared: the dry run says nothing about it
    changed_paths = resource.compare(prune_unknown(desired), current)
    if not changed_paths:
        current = resource.wait_ready(current)
        result[resource.result_key] = mask_secrets(resource.present(current), resource.secret_paths)
        return result

    problems = resource.change_problems(current, desired, changed_paths)
    if problems:
        raise InputError(problems)
    frozen = _touches(changed_paths, resource.immutable_paths)
    result["changed"] = True
    result["changed_fields"] = changed_paths
    if frozen and not resource.replace_allowed():
        options = [resource.option_for(path) for path in frozen]
        named = [option for option, path in zip(options, frozen) if option != path]
        how = ("set replace=true to delete and re-create it" if "replace" in module.params
               else "delete it (state=absent) and create it again")
        raise InputError([
            "%s %r: %s cannot be changed in place (%sthe cloud API does not allow it); "
            "%s, or keep the current value" % (
                resource.kind, resource.name(), ", ".join(frozen),
                "option %s; " % ", ".join(named) if named else "", how)
        ])
    if module.check_mode:
        after = resource.predict(current, desired)
    elif frozen:
        resource.delete(current)
        after = resource.create(desired)
    else:
        after = resource.update(current, desired, changed_paths)
    before_masked = mask_secrets(current, resource.secret_paths)
    after_masked = mask_secrets(after, resource.secret_paths)
    for path in _touches(changed_paths, resource.secret_paths):
        # both sides show the mask; say that the hidden value changes
        _mask_in(after_masked, split_path(path), MASK + " (changed)")
    result["diff"] = dict(before=before_masked, after=after_masked)
    result[resource.result_key] = mask_secrets(resource.present(after), resource.secret_paths)
    return result


class InputError(Exception):
    """Invalid input, found before any write; carries every problem at once."""

    def __init__(self, problems):
        super(InputError, self).__init__("; ".join(problems))
        self.problems = list(problems)


def run_ensure(resource, state):
    """Run :func:`ensure` and exit the module, turning errors into messages that say what to do."""
    module = resource.module
    try:
        result = ensure(resource, state)
        result.update(resource.extra_results(result))
    except InputError as exc:
        module.fail_json(msg="Invalid input: " + "; ".join(exc.problems), errors=exc.problems)
    except CloudError as exc:
        if not exc.resource:
            exc.resource = "%s %r" % (resource.kind, resource.name())
        module.fail_json(msg=exc.to_msg(), error=exc.to_dict())
    module.exit_json(**result)
