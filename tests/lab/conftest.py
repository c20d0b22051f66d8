"""The lab tests: real strongSwan and FRR in network namespaces (docs/lab.md).

They need root, network namespaces, veth, TUN and the Debian packages `.ci/run` installs; where
namespaces cannot be made the tests that need them skip and say why.
"""

import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
for path in (ROOT, os.path.join(ROOT, "tests", "lab")):
    if path not in sys.path:
        sys.path.insert(0, path)

# importing lab puts .collections on sys.path
import lab  # noqa: E402,F401  pylint: disable=unused-import
from lab import stack  # noqa: E402


@pytest.fixture(scope="session")
def lab_host():
    """Skip (with the reason) where the lab cannot run: not root, no namespaces, no packages."""
    try:
        stack.check_environment()
    except stack.PackagesMissing as exc:
        # CI installs them (.ci/run): a missing package is a broken setup, not a reason to skip
        pytest.fail("lab packages missing: %s" % exc)
    except stack.LabUnavailable as exc:
        pytest.skip("lab unavailable here: %s" % exc)
    return True
