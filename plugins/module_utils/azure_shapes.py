# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shapes Azure data takes in this collection.

Resources are handled in ARM's REST read shape (camelCase, ``properties`` wrapper) from the
moment they are read (``Model.as_dict()`` of azure-mgmt-network 33.x gives exactly that) until
they are returned, when :func:`snake_view` turns them into the collection's return convention:
snake_case keys with every ``properties`` wrapper flattened into its parent.

Request bodies are plain REST-shaped dicts, which the SDK sends verbatim (33.x models reject
unknown constructor arguments, and a dict keeps read, compare and write in one shape).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from ansible.module_utils.six import string_types


def snake(name):
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return name.lower()


OPAQUE_KEYS = ("tags",)   # user data: keys are returned as they are


def snake_view(value):
    """ARM read shape -> the collection's return convention.

    Keys become snake_case (``peerASN`` -> ``peer_asn``, ``publicIPAddress`` ->
    ``public_ip_address``) and every ``properties`` wrapper is merged into its parent, as the
    azure SDKs' ``as_dict()`` of earlier major versions did and azure.azcollection returns.
    """
    if isinstance(value, list):
        return [snake_view(item) for item in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for key, item in value.items():
        if key == "properties" and isinstance(item, dict):
            continue
        result[snake(key)] = copy.deepcopy(item) if key in OPAQUE_KEYS else snake_view(item)
    properties = value.get("properties")
    if isinstance(properties, dict):
        for key, item in snake_view(properties).items():
            result.setdefault(key, item)
    return result


def to_rest(value):
    """SDK result -> plain REST-shaped data (33.x models are mappings over the REST JSON)."""
    if value is None:
        return None
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if isinstance(value, list):
        return [to_rest(item) for item in value]
    if isinstance(value, dict):
        return dict((k, to_rest(v)) for k, v in value.items())
    return value


def strip_read_only(body, keys=("etag", "provisioningState", "resourceGuid", "connectionStatus",
                                "tunnelConnectionStatus", "ingressBytesTransferred",
                                "egressBytesTransferred")):
    """A GET body made into a PUT body: drop what only the service sets."""
    if isinstance(body, dict):
        return dict((k, strip_read_only(v, keys)) for k, v in body.items() if k not in keys)
    if isinstance(body, list):
        return [strip_read_only(item, keys) for item in body]
    return body


def normalise_location(location):
    """ARM returns locations as ``eastus``; users write ``East US`` too."""
    return location.replace(" ", "").lower() if location else location


def string_tags(tags):
    """ARM tag values are strings; YAML may give numbers or booleans."""
    if tags is None:
        return None
    return dict((key, "%s" % value if not isinstance(value, string_types) else value)
                for key, value in tags.items())
