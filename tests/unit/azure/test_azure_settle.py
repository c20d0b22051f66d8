"""A write never lands on a resource that is still busy with another operation (a killed run's
``wait: false`` PUT, or anyone's): ARM would refuse it with AnotherOperationInProgress. Updates
and deletes wait for the running operation first, bounded by ``wait_timeout``."""

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils import azure_common
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import ensure
from ansible_collections.interconnect.oci_azure.plugins.modules import azure_local_network_gateway as lng_module


def lng(make, **given):
    args = dict(name="lng", resource_group="rg", gateway_ip_address="129.146.1.1",
                address_prefixes=["10.0.0.0/16"])
    args.update(given)
    return make(lng_module.LocalNetworkGateway, lng_module.ARGUMENT_SPEC, **args)


@pytest.fixture
def busy(cloud, monkeypatch):
    """The gateway exists and its running operation ends after ``gets`` more reads; records, in
    order, each read's provisioning state and each write."""
    monkeypatch.setattr(azure_common.time, "sleep", lambda seconds: None)
    ops = cloud.ops("local_network_gateways")
    events = []
    real_get = ops.get
    state = {"busy_reads": 0}

    def get(*scope):
        found = real_get(*scope)
        if state["busy_reads"] > 0:
            state["busy_reads"] -= 1
            found["properties"]["provisioningState"] = "Updating"
        events.append(("GET", found["properties"]["provisioningState"]))
        return found

    real_put, real_delete = ops.begin_create_or_update, ops.begin_delete

    def put(*args, **kwargs):
        events.append(("PUT", None))
        return real_put(*args, **kwargs)

    def delete(*args, **kwargs):
        events.append(("DELETE", None))
        return real_delete(*args, **kwargs)

    ops.get, ops.begin_create_or_update, ops.begin_delete = get, put, delete

    def make_busy(gets):
        state["busy_reads"] = gets
        del events[:]
        del cloud.writes[:]
        return events

    return make_busy


def writes_after_settled(events):
    """Every write came after a read that saw the resource settled."""
    first_write = next(index for index, event in enumerate(events) if event[0] != "GET")
    return events[first_write - 1] == ("GET", "Succeeded") and \
        all(state == "Updating" for kind, state in events[:first_write - 1])


@pytest.mark.parametrize("wait", [True, False])
def test_an_update_waits_for_the_running_operation_whatever_wait_says(make, cloud, busy, wait):
    ensure(lng(make), "present")
    events = busy(3)
    result = ensure(lng(make, address_prefixes=["10.9.0.0/16"], wait=wait), "present")
    assert result["changed"] is True
    assert [event for event in events if event[0] == "GET"].count(("GET", "Updating")) == 3
    assert writes_after_settled(events), events
    assert len(cloud.writes) == 1


def test_a_delete_waits_for_the_running_operation(make, cloud, busy):
    ensure(lng(make), "present")
    events = busy(2)
    assert ensure(lng(make), "absent")["changed"] is True
    assert writes_after_settled(events), events
    assert [write[1] for write in cloud.writes] == ["DELETE"]


def test_a_settled_resource_is_written_at_once(make, cloud, busy):
    ensure(lng(make), "present")
    events = busy(0)
    ensure(lng(make, address_prefixes=["10.9.0.0/16"]), "present")
    assert events[:2] == [("GET", "Succeeded"), ("PUT", None)]


def test_an_operation_that_outlasts_wait_timeout_fails_without_writing(make, cloud, busy, monkeypatch):
    ensure(lng(make), "present")
    clock = {"now": 1000.0}
    monkeypatch.setattr(azure_common.time, "time", lambda: clock["now"])
    monkeypatch.setattr(azure_common.time, "sleep", lambda seconds: clock.update(now=clock["now"] + seconds))
    busy(10 ** 6)
    with pytest.raises(azure_common.CloudError) as raised:
        ensure(lng(make, address_prefixes=["10.9.0.0/16"], wait_timeout=30), "present")
    assert "to finish its running operation" in str(raised.value)
    assert cloud.writes == []
