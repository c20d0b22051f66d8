"""The planner and the modules read one table of cloud rules (module_utils/cloud_rules.py): no
second copy of a SKU list, an ASN range or the APIPA range in plan/, modules/, action/, filter/."""

import ast
import os

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils import azure_checks
from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import constants as C
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import profiles as P
from ansible_collections.interconnect.oci_azure.plugins.modules import azure_connection
from ansible_collections.interconnect.oci_azure.plugins.modules import azure_expressroute_circuit
from ansible_collections.interconnect.oci_azure.plugins.modules import azure_virtual_network_gateway

PLUGINS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))), "plugins")
SKUS = set(R.AZURE_VPN_SKUS) | set(R.AZURE_ER_GATEWAY_SKUS)
RESERVED = set()
for _first, _last, _why in R.AZURE_RESERVED_ASN_RANGES:
    RESERVED.update((_first, _last))


def _sources():
    for folder in ("module_utils", "modules", "action", "filter"):
        for root, dirs, files in os.walk(os.path.join(PLUGINS, folder)):
            for name in files:
                if name.endswith(".py") and name != "cloud_rules.py":
                    yield os.path.join(root, name)


def _copies(path):
    """Collection literals in ``path`` that repeat a table of cloud_rules."""
    with open(path) as handle:
        tree = ast.parse(handle.read(), path)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            continue
        values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        strings = [v for v in values if isinstance(v, str)]
        numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
        if len([v for v in strings if v in SKUS]) >= 2:
            found.append("line %d: SKU list %s" % (node.lineno, strings))
        if len([v for v in numbers if v in RESERVED]) >= 2:
            found.append("line %d: reserved ASNs %s" % (node.lineno, numbers))
        if R.APIPA_FIRST in strings or R.APIPA_LAST in strings:
            found.append("line %d: APIPA range" % node.lineno)
        tuples = [e for e in node.elts if isinstance(e, ast.Tuple)]
        if len(tuples) >= 2 and all(len(t.elts) == 3 for t in tuples) and any(
                isinstance(x, ast.Constant) and x.value in ("aes256-cbc", "aes256-gcm")
                for t in tuples for x in t.elts):
            found.append("line %d: proposal tuples" % node.lineno)
    return found


@pytest.mark.parametrize("path", sorted(_sources()), ids=lambda p: os.path.relpath(p, PLUGINS))
def test_no_second_copy_of_a_cloud_rule(path):
    assert _copies(path) == []


def test_the_copy_finder_finds_a_copy(tmp_path):
    copy = tmp_path / "copy.py"
    copy.write_text('SKUS = ("VpnGw1AZ", "VpnGw2AZ")\nASNS = [65515, 12076]\nAPIPA = ("169.254.21.0", "x")\n'
                    'Q = (("aes256-gcm", "gcm", None), ("aes256-cbc", "sha1", None))\n')
    assert len(_copies(str(copy))) == 4


def test_planner_and_modules_hold_the_same_objects():
    assert C.AZURE_VPN_SKUS is R.AZURE_VPN_SKUS is azure_checks.VPN_SKUS
    assert C.AZURE_ER_GATEWAY_SKUS is R.AZURE_ER_GATEWAY_SKUS is azure_checks.ER_SKUS
    assert C.AZURE_FASTPATH_SKUS is R.AZURE_FASTPATH_SKUS is azure_checks.FASTPATH_SKUS
    assert azure_connection.FASTPATH_SKUS is R.AZURE_FASTPATH_SKUS
    assert azure_virtual_network_gateway.VPN_SKUS is R.AZURE_VPN_SKUS
    assert azure_virtual_network_gateway.SKU_GENERATIONS is R.AZURE_VPN_SKU_GENERATIONS
    assert C.AZURE_RESERVED_ASN_RANGES is R.AZURE_RESERVED_ASN_RANGES
    assert azure_checks.RESERVED_ASN_RANGES == tuple((a, b) for a, b, _w in R.AZURE_RESERVED_ASN_RANGES)
    assert (C.APIPA_FIRST, C.APIPA_LAST) == azure_checks.APIPA_RANGE == (R.APIPA_FIRST, R.APIPA_LAST)
    assert C.OCI_MAX_STATIC_ROUTES is R.OCI_MAX_STATIC_ROUTES
    assert azure_checks.SHARED_KEY_MAX == C.AZURE_SECRET_MAX == R.AZURE_SECRET_MAX
    assert P.OCI_DH_GROUPS is R.OCI_DH_GROUPS and P.AZURE_PFS_GROUPS is R.AZURE_PFS_GROUPS
    assert azure_expressroute_circuit.DEFAULT_PROVIDER == R.AZURE_ER_PROVIDER


def test_every_unverified_rule_is_listed_with_a_reason():
    with open(R.__file__) as handle:
        text = handle.read()
    assert text.count("# unverified") >= 1
    for name, why in R.UNVERIFIED.items():
        assert hasattr(R, name), name
        assert len(why) > 20, name
