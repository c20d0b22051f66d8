"""wait_max_interval: the ceiling of oci.wait_until's doubling poll interval (10 s unless set)."""

import oci

from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_api
from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_auth

from oci_unit_helpers import FakeClient, FakeModule


def provisioning_then_available(polls):
    states = ["PROVISIONING"] * polls + ["AVAILABLE"]
    return [oci.core.models.Drg(id="ocid1.drg.oc1..a", lifecycle_state=s) for s in states]


def test_default_ceiling_is_ten_seconds(no_sleep):
    client = FakeClient(get_drg=provisioning_then_available(6))
    oci_api.OCIApi(FakeModule({}), client=client).wait_for("get_drg", "ocid1.drg.oc1..a", states=("AVAILABLE",))
    assert no_sleep["slept"] == [1, 2, 4, 8, 10, 10]


def test_a_lower_ceiling_polls_sooner(no_sleep):
    client = FakeClient(get_drg=provisioning_then_available(4))
    api = oci_api.OCIApi(FakeModule({"wait_max_interval": 1.5}), client=client)
    api.wait_for("get_drg", "ocid1.drg.oc1..a", states=("AVAILABLE",))
    assert no_sleep["slept"] == [1, 1.5, 1.5, 1.5]


def test_the_option_is_in_every_waiting_module_spec():
    spec = oci_auth.oci_argument_spec({}, wait=True)
    assert spec["wait_max_interval"]["type"] == "float"
    assert spec["wait_max_interval"]["fallback"][1] == ["OCI_WAIT_MAX_INTERVAL"]
    assert "wait_max_interval" not in oci_auth.oci_argument_spec({}, wait=False)
