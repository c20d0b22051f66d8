"""A write never lands on a resource that is still busy with another operation (a killed run's
``wait: false`` PUT, or anyone's): ARM would refuse it with AnotherOperationInProgress. Updates
and deletes wait for the running operation first, bounded by ``wait_timeout``."""

import pytest

from ansible_collections.interconnect.oci_azure.plugins.module_utils import azure_waits
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError, ensure
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
    monkeypatch.setattr(azure_waits.time, "sleep", lambda seconds: None)
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
    monkeypatch.setattr(azure_waits.time, "time", lambda: clock["now"])
    monkeypatch.setattr(azure_waits.time, "sleep", lambda seconds: clock.update(now=clock["now"] + seconds))
    busy(10 ** 6)
    with pytest.raises(CloudError) as raised:
        ensure(lng(make, address_prefixes=["10.9.0.0/16"], wait_timeout=30), "present")
    assert "to finish its running operation" in str(raised.value)
    assert cloud.writes == []


# --- a write answered AnotherOperationInProgress ----------------------------------------------

def busy_error():
    return CloudError("Another operation on this or dependent resource is in progress.",
                      cloud="Azure", code="AnotherOperationInProgress", status=409)


@pytest.fixture
def applied_then_busy(cloud, monkeypatch):
    """The first PUT/DELETE is applied (the resource turns Updating/Deleting for ``busy_reads``
    reads, then the change is done) but answered AnotherOperationInProgress, as azure-core's retry
    of a PUT or DELETE whose first answer was a 500 is. ``stored``: what the operation leaves."""
    monkeypatch.setattr(azure_waits.time, "sleep", lambda seconds: None)
    ops = cloud.ops("local_network_gateways")
    real_get, real_put, real_delete = ops.get, ops.begin_create_or_update, ops.begin_delete
    state = {"busy_reads": 0, "gone_after": False, "armed": False, "calls": []}

    def get(*scope):
        if state["busy_reads"] > 0:
            state["busy_reads"] -= 1
            found = real_get(*scope) if scope in ops.store else {"properties": {}}
            found["properties"]["provisioningState"] = "Deleting" if state["gone_after"] else "Updating"
            return found
        if state["gone_after"]:
            ops.store.pop(scope, None)
        return real_get(*scope)

    def put(*args, **kwargs):
        state["calls"].append("PUT")
        result = real_put(*args, **kwargs)
        if state["armed"]:
            state["armed"] = False
            state["busy_reads"] = 2
            raise busy_error()
        return result

    def delete(*scope, **kwargs):
        state["calls"].append("DELETE")
        if state["armed"]:
            state.update(armed=False, busy_reads=2, gone_after=True)
            raise busy_error()
        return real_delete(*scope, **kwargs)

    ops.get, ops.begin_create_or_update, ops.begin_delete = get, put, delete
    return state


@pytest.mark.parametrize("wait", [True, False])
def test_a_create_applied_before_its_busy_answer_is_not_written_again(make, applied_then_busy, wait):
    applied_then_busy["armed"] = True
    result = ensure(lng(make, wait=wait), "present")
    assert result["changed"] is True
    assert result["local_network_gateway"]["provisioning_state"] == "Succeeded"
    assert applied_then_busy["calls"] == ["PUT"]


def test_a_resource_busy_with_another_change_is_written_once_that_is_over(make, cloud, monkeypatch):
    monkeypatch.setattr(azure_waits.time, "sleep", lambda seconds: None)
    ensure(lng(make), "present")
    ops = cloud.ops("local_network_gateways")
    real_get, real_put = ops.get, ops.begin_create_or_update
    calls, busy = [], {"reads": 0}

    def get(*scope):
        found = real_get(*scope)
        if busy["reads"] > 0:
            busy["reads"] -= 1
            found["properties"]["provisioningState"] = "Updating"
        return found

    def put(*args, **kwargs):
        calls.append(args[-1]["properties"]["localNetworkAddressSpace"]["addressPrefixes"])
        if len(calls) == 1:
            # someone else's change starts between our read and our write, and leaves 10.7/16
            stored = ops.store[("rg", "lng")]
            stored["properties"]["localNetworkAddressSpace"] = {"addressPrefixes": ["10.7.0.0/16"]}
            busy["reads"] = 2
            raise busy_error()
        return real_put(*args, **kwargs)

    ops.get, ops.begin_create_or_update = get, put
    ensure(lng(make, address_prefixes=["10.9.0.0/16"]), "present")
    assert calls == [["10.9.0.0/16"], ["10.9.0.0/16"]]
    assert ops.store[("rg", "lng")]["properties"]["localNetworkAddressSpace"]["addressPrefixes"] == ["10.9.0.0/16"]


def test_a_delete_applied_before_its_busy_answer_is_not_sent_again(make, cloud, applied_then_busy):
    ensure(lng(make), "present")
    applied_then_busy["armed"] = True
    del applied_then_busy["calls"][:]
    assert ensure(lng(make), "absent")["changed"] is True
    assert applied_then_busy["calls"] == ["DELETE"]
    assert ("rg", "lng") not in cloud.ops("local_network_gateways").store


def test_other_errors_are_not_taken_for_busy(make, cloud, monkeypatch):
    ops = cloud.ops("local_network_gateways")

    def refused(*args, **kwargs):
        raise CloudError("bad", cloud="Azure", code="InvalidRequestFormat", status=400)

    ops.begin_create_or_update = refused
    with pytest.raises(CloudError) as raised:
        ensure(lng(make), "present")
    assert raised.value.code == "InvalidRequestFormat"
