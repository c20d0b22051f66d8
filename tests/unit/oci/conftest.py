"""Fixtures for the OCI unit tests (helpers live in oci_unit_helpers.py)."""

import json

import oci
import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_api


@pytest.fixture
def no_sleep(monkeypatch):
    """oci.wait_until without real sleeping: a fake clock that advances by each sleep."""
    clock = {"now": 1000.0, "slept": []}

    class FakeTime:
        @staticmethod
        def time():
            return clock["now"]

        @staticmethod
        def sleep(seconds):
            clock["slept"].append(seconds)
            clock["now"] += seconds

    monkeypatch.setattr(oci.waiter, "time", FakeTime)
    return clock


@pytest.fixture
def run_module(monkeypatch, capsys):
    """Run a module's main() against a FakeClient; returns (result dict, client)."""

    def run(module, args, client, check_mode=False):
        real_api = oci_api.OCIApi
        monkeypatch.setattr(oci_api, "OCIApi",
                            lambda ansible_module: real_api(ansible_module, client=client))
        args = dict(args)
        if check_mode:
            args["_ansible_check_mode"] = True
        with patch_module_args(args):
            with pytest.raises(SystemExit):
                module.main()
        out = capsys.readouterr().out
        return json.loads(out), client

    return run
