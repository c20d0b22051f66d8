# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pre-shared keys: the three policies and the rules both clouds apply to a key.

* ``from_oci`` (default): OCI generates each tunnel's key when the IPSec connection is created;
  the OCI module reads it back and the Azure connection uses it. Nothing secret is in the
  inventory and a re-run changes nothing (the key lives in OCI).
* ``given``: the user supplies the keys (Vault); one for every tunnel in use, or a single one.
* ``generated``: keys derived from a secret seed the user keeps in Vault (``secret_seed``):
  HMAC-SHA256(seed, interconnect/tunnel name). Re-runs give the same keys, so nothing rotates by
  accident; changing the seed rotates every key. Keys are never derived from public input alone:
  without the seed nobody can compute them. :func:`new_secret_seed` makes a seed with the
  ``secrets`` module for the user to store.

The plan itself holds only references to keys, never a key; keys are produced only when the
caller asks (the action plugin's ``include_secrets``) and then under no_log.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import hmac
import re
import secrets
import string

from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import constants as C

_OCI_SECRET = re.compile(C.OCI_SECRET_PATTERN)
_PRINTABLE_ASCII = set(chr(c) for c in range(0x20, 0x7F))


def secret_problems(value, field):
    """Why OCI or Azure would reject a shared key (never quoting the key)."""
    problems = []
    if not isinstance(value, str) or value == "":
        return ["%s: must be a non-empty string" % field]
    if value.strip() != value:
        problems.append("%s: starts or ends with a space (keys are compared byte for byte; "
                        "leading/trailing spaces are easily lost)" % field)
    if not _OCI_SECRET.match(value):
        problems.append("%s: OCI accepts only letters, digits and spaces in a shared secret"
                        % field)
    if any(ch not in _PRINTABLE_ASCII for ch in value):
        problems.append("%s: Azure accepts only printable ASCII in a shared key" % field)
    if len(value) > C.AZURE_SECRET_MAX:
        problems.append("%s: %d characters; Azure accepts at most %d"
                        % (field, len(value), C.AZURE_SECRET_MAX))
    return problems


def derive(seed, label):
    """A 64-character key (hex digits: valid for both clouds) for one tunnel."""
    return hmac.new(seed.encode("utf-8"), label.encode("utf-8"), hashlib.sha256).hexdigest()


def new_secret_seed():
    """A fresh random seed for the ``generated`` policy (letters and digits, 48 characters)."""
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for dummy in range(48))


def reference(policy, tunnel, index):
    """How the plan refers to a tunnel's key (never the key itself)."""
    ref = {"policy": policy, "ipsec_connection": tunnel["ipsec_connection"],
           "tunnel": tunnel["tunnel_number"]}
    if policy == "given":
        ref["index"] = index
    else:
        ref["label"] = tunnel["name"]
    return ref


def keys_for(plan, params):
    """Tunnel key -> shared key, for the tunnels in use (``given`` and ``generated`` only)."""
    policy = params.get("shared_secret_policy") or "from_oci"
    out = {}
    if policy == "from_oci":
        return out
    given = params.get("shared_secrets") or []
    for tunnel in plan["tunnels"]:
        ref = tunnel["shared_secret"]
        if not tunnel["in_use"]:
            continue
        if policy == "given":
            out[tunnel["key"]] = given[0] if len(given) == 1 else given[ref["index"]]
        else:
            out[tunnel["key"]] = derive(params["secret_seed"], ref["label"])
    return out
