# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Field tables: each resource names each of its fields once.

A :class:`Field` says where one module option lives in the cloud's API: its dotted option path
(``bgp_settings.asn``), its path in the API's read shape (``properties.bgpSettings.asn``), its path
in the write shape when that differs (OCI's create/update details), and what the engine must know
about it (immutable, secret, unordered list, required to create, how to validate and normalise
it). A :class:`FieldTable` derives from those declarations everything the ensure path needs:

* the argument spec fragment (children nested under their container's ``options``; a secret is
  ``no_log``);
* the desired body (what the user set, in the read shape), and write bodies for creates/updates;
* the immutable, secret and unordered paths, and the option behind a read path for messages;
* input problems (validators) and create problems (options a create needs), which
  :func:`common.ensure` runs before any write, in check mode as in a real run.

The idea is community.docker's option tables and cisco's resource-module argspecs: one source of
truth per resource, so that a field cannot be named in the spec and forgotten in the body.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible.module_utils.six import string_types

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import (
    get_path, is_unknown, set_path, split_path,
)


def as_problems(found):
    """A validator's answer as a list: validators may return a list, a string or None."""
    if not found:
        return []
    if isinstance(found, string_types):
        return [found]
    return [problem for problem in found if problem]


class Field(object):
    """One option of a resource, and where the API keeps it.

    option              dotted option path; a child of a ``dict`` option is named
                        ``parent.child`` and its spec lands in the parent's ``options``
    read                dotted path in the API's read shape (default: the option path)
    write               dotted path in the write shape (default: the read path); False for a
                        field that is not written with the resource's body (a sub-resource)
    spec                the argument spec entry (``type``, ``default``, ``choices``...)
    to_api              turns the option's value into the API's read-shape value
    validate            ``validate(value, option)`` -> list of problems (or a string, or None)
    immutable           the API cannot change it in place
    update              sent on an update (False: create-only, the API ignores or refuses it)
    secret              masked in results and diffs, ``no_log`` in the spec
    unordered           a list whose order does not matter
    required_to_create  a create needs it: True, or ``required_to_create(params)`` -> bool for a
                        requirement that depends on other options (a connection's type)
    container           a ``dict`` option whose value is made of its children (default: a
                        ``dict`` option that has children in the table)
    """

    def __init__(self, option, read=None, write=None, spec=None, to_api=None, validate=None,
                 immutable=False, update=True, secret=False, unordered=False,
                 required_to_create=False, container=None, desired=True):
        self.option = option
        self.read = read if read is not None else option
        self.write = self.read if write is None else (write or None)
        self.spec = dict(spec or {})
        if secret:
            self.spec["no_log"] = True
        self.to_api = to_api
        self.validate = validate
        self.immutable = immutable
        self.update = update and not immutable
        self.secret = secret
        self.unordered = unordered
        self.required_to_create = required_to_create
        self.container = container
        #: False for options that steer the module but are not part of the resource's body
        self.desired_field = desired

    def but(self, **changes):
        """A copy of this field with some attributes changed (a shared field that one resource
        needs to create, say)."""
        field = copy.copy(self)
        field.spec = copy.deepcopy(self.spec)
        for name, value in changes.items():
            if not hasattr(field, name):
                raise TypeError("Field has no attribute %s" % name)
            setattr(field, name, value)
        return field

    @property
    def parent(self):
        parts = split_path(self.option)
        return ".".join(parts[:-1]) if len(parts) > 1 else None

    @property
    def key(self):
        return split_path(self.option)[-1]

    def __repr__(self):
        return "Field(%r -> %r)" % (self.option, self.read)


class FieldTable(object):
    """The fields of one resource; see the module docstring."""

    def __init__(self, *fields, **options):
        self.fields = []
        self.by_option = {}
        for field in fields:
            self.add(field)
        #: groups of options of which a create needs at least one
        self.create_requires_one_of = [tuple(group) for group in
                                       options.pop("create_requires_one_of", ())]
        if options:
            raise TypeError("unknown FieldTable options: %s" % ", ".join(sorted(options)))

    def add(self, field):
        if field.option in self.by_option:
            raise ValueError("field %s is declared twice" % field.option)
        parent = field.parent
        if parent is not None and parent not in self.by_option:
            raise ValueError("field %s comes before its container %s" % (field.option, parent))
        self.fields.append(field)
        self.by_option[field.option] = field

    def extended(self, *fields, **options):
        """A new table with these fields added after this table's (shared fields + own ones);
        ``replacing`` lists fields that take the place of this table's field of the same option
        (``OCI_FIELDS["display_name"].but(required_to_create=True)``)."""
        replacing = dict((field.option, field) for field in options.pop("replacing", ()))
        unknown = sorted(set(replacing) - set(self.by_option))
        if unknown:
            raise ValueError("no field %s to replace" % ", ".join(unknown))
        table = FieldTable(*[replacing.get(field.option, field) for field in self.fields],
                           create_requires_one_of=self.create_requires_one_of
                           + [tuple(group) for group in options.pop("create_requires_one_of", ())])
        for field in fields:
            table.add(field)
        if options:
            raise TypeError("unknown FieldTable options: %s" % ", ".join(sorted(options)))
        return table

    def __iter__(self):
        return iter(self.fields)

    def __getitem__(self, option):
        return self.by_option[option]

    def children(self, option):
        return [field for field in self.fields if field.parent == option]

    def is_container(self, field):
        if field.container is not None:
            return field.container
        return field.spec.get("type") == "dict" and bool(self.children(field.option))

    # -- argument spec ---------------------------------------------------------------------
    def _spec_of(self, field):
        spec = copy.deepcopy(field.spec)
        children = self.children(field.option)
        if children:
            options = spec.setdefault("options", {})
            for child in children:
                options[child.key] = self._spec_of(child)
        return spec

    def argument_spec(self):
        """``{option: spec}`` for the top-level options, children nested under ``options``."""
        return dict((field.option, self._spec_of(field)) for field in self.fields
                    if field.parent is None)

    # -- values ----------------------------------------------------------------------------
    @staticmethod
    def value(params, option):
        """The value the user gave for a dotted option (None when not given)."""
        return get_path(params, option)

    def desired(self, params):
        """What the user set, in the API's read shape; unset options (None) are left out."""
        desired = {}
        for field in self.fields:
            if not field.desired_field or self.is_container(field):
                continue
            value = self.value(params, field.option)
            if value is None:
                continue
            if field.to_api is not None:
                value = field.to_api(value)
                if value is None:
                    continue
            set_path(desired, field.read, copy.deepcopy(value))
        return desired

    def write(self, desired, update=False):
        """The write-shape body for a ``desired`` read-shape dict; with ``update``, only the
        fields the API changes in place."""
        body = {}
        for field in self.fields:
            if not field.desired_field or self.is_container(field) or field.write is None:
                continue
            if update and not field.update:
                continue
            value = get_path(desired, field.read)
            if value is not None:
                set_path(body, field.write, copy.deepcopy(value))
        return body

    # -- paths -----------------------------------------------------------------------------
    def _paths(self, flag):
        return tuple(field.read for field in self.fields if getattr(field, flag))

    @property
    def immutable_paths(self):
        return self._paths("immutable")

    @property
    def secret_paths(self):
        return self._paths("secret")

    @property
    def unordered_paths(self):
        return self._paths("unordered")

    def option_for(self, read_path):
        """The option behind a read path (or behind its nearest declared parent), or None."""
        best = None
        for field in self.fields:
            if read_path == field.read or read_path.startswith(field.read + "."):
                if best is None or len(field.read) > len(best.read):
                    best = field
        return best.option if best is not None else None

    # -- problems --------------------------------------------------------------------------
    def problems(self, params):
        """What each set option's validator finds wrong, before any call (a value known only
        after a create, in a dry run, is not judged)."""
        found = []
        for field in self.fields:
            if field.validate is None:
                continue
            value = self.value(params, field.option)
            if value is None or is_unknown(value):
                continue
            found.extend(as_problems(field.validate(value, field.option)))
        return found

    def given(self, params, option):
        """Whether the user gave ``option`` a value (an empty list, string or dict is none)."""
        return self.value(params, option) not in (None, [], "", {})

    def missing_to_create(self, params):
        """The options a create needs (``required_to_create``) that the user did not give."""
        def required(field):
            rule = field.required_to_create
            return rule(params) if callable(rule) else bool(rule)

        return [field.option for field in self.fields
                if required(field) and not self.given(params, field.option)]

    def create_problems(self, params, what):
        """Options a create of ``what`` needs and the user did not give."""
        missing = self.missing_to_create(params)
        found = []
        if missing:
            found.append("%s %s required to create %s" % (
                " and ".join(missing), "is" if len(missing) == 1 else "are", what))
        for group in self.create_requires_one_of:
            if not any(self.given(params, option) for option in group):
                found.append("%s is required to create %s" % (" or ".join(group), what))
        return found
