# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ARM resource ids: building them from names, reading names back, and comparing them as ARM
does (case-insensitively)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.six import string_types


def is_arm_id(value):
    return isinstance(value, string_types) and value.lower().startswith("/subscriptions/")


def _collect_ids(value, found):
    if isinstance(value, dict):
        for item in value.values():
            _collect_ids(item, found)
    elif isinstance(value, list):
        for item in value:
            _collect_ids(item, found)
    elif is_arm_id(value):
        found.setdefault(value.lower(), value)
    return found


def align_ids(desired, current):
    """``desired`` with each ARM resource id spelled as ``current`` spells it.

    ARM ids are case-insensitive (``resourceGroups`` vs ``resourcegroups``, a resource group
    named in another case): an id the user wrote that equals one in the current resource apart
    from case is the same id, so it takes the current spelling and compares equal.
    """
    known = _collect_ids(current, {})
    if not known:
        return desired

    def walk(value):
        if isinstance(value, dict):
            return dict((key, walk(item)) for key, item in value.items())
        if isinstance(value, list):
            return [walk(item) for item in value]
        if is_arm_id(value):
            return known.get(value.lower(), value)
        return value

    return walk(desired)


def lower_ids(value):
    """``value`` with every ARM id lower-cased, for comparing (ARM ids are case-insensitive)."""
    if isinstance(value, dict):
        return dict((key, lower_ids(item)) for key, item in value.items())
    if isinstance(value, list):
        return [lower_ids(item) for item in value]
    if is_arm_id(value):
        return value.lower()
    return value


def same_id(first, second):
    return bool(first) and bool(second) and first.lower().rstrip("/") == second.lower().rstrip("/")


def resource_id(subscription_id, resource_group, resource_type, name, provider="Microsoft.Network"):
    return "/subscriptions/%s/resourceGroups/%s/providers/%s/%s/%s" % (
        subscription_id, resource_group, provider, resource_type, name)


def id_name(arm_id):
    """Last segment of an ARM id (the resource's name)."""
    return arm_id.rstrip("/").split("/")[-1] if arm_id else arm_id


def parse_id(arm_id):
    """``{"subscription", "resource_group", "type", "name"}`` of a top-level ARM id."""
    parts = arm_id.strip("/").split("/")
    lower = [p.lower() for p in parts]
    found = {}
    if "subscriptions" in lower:
        found["subscription"] = parts[lower.index("subscriptions") + 1]
    if "resourcegroups" in lower:
        found["resource_group"] = parts[lower.index("resourcegroups") + 1]
    if "providers" in lower:
        index = lower.index("providers")
        if len(parts) > index + 3:
            found["type"] = parts[index + 2]
            found["name"] = parts[index + 3]
    return found


def reference(value, subscription_id, resource_group, resource_type):
    """An option that takes a name (same resource group) or a full ARM id -> ARM id."""
    if not value:
        return None
    if is_arm_id(value):
        return value
    return resource_id(subscription_id, resource_group, resource_type, value)
