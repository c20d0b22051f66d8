"""ARM long-running operations as azure-core's stock poller sees them: Azure-AsyncOperation for PUT,
Location for DELETE and POST actions, Updating -> Succeeded, integer Retry-After, realistic durations,
409 AnotherOperationInProgress."""

import time

import pytest
from azure.core.exceptions import ResourceExistsError
from test_azure_support import AzureBuilder, arm_error, error_code

from emulator import rules

TIME_SCALE = 0.001          # the session twin's --time-scale (tests/emulator/conftest.py)
SLOW_TIME_SCALE = 0.05      # the slow_twin's


class ResponseLog:
    """``raw_response_hook`` that records (time, method, url, status, headers) of every response."""

    def __init__(self):
        self.entries = []

    def __call__(self, pipeline_response):
        response = pipeline_response.http_response
        self.entries.append((time.monotonic(), response.request.method, response.request.url,
                             response.status_code, dict(response.headers)))

    def matching(self, fragment):
        return [e for e in self.entries if fragment in e[2]]


@pytest.fixture(scope="module")
def env(twin):
    builder = AzureBuilder(twin, twin.azure_network())
    vnets = [builder.begin_vnet("vnet-lro-%d" % i, prefix="10.5%d.0.0/16" % i, gateway_subnet="10.5%d.255.0/27" % i)
             for i in range(2)]
    pips = [builder.begin_public_ip("pip-lro-%d" % i) for i in range(2)]
    return builder, [v.result() for v in vnets], [p.result() for p in pips]


def test_gateway_create_takes_its_realistic_duration_and_the_poller_honours_retry_after(env):
    builder, vnets, pips = env
    log = ResponseLog()
    started = time.monotonic()
    poller = builder.begin_gateway("vng-timed", vnets[0], pips[:1], raw_response_hook=log)
    initial = log.entries[0]
    assert initial[3] == 201
    assert "/operations/" in initial[4]["Azure-AsyncOperation"]
    assert "api-version=" in initial[4]["Azure-AsyncOperation"]
    assert int(initial[4]["Retry-After"]) >= 1
    assert poller.status() == "InProgress"
    gateway = poller.result()
    elapsed = time.monotonic() - started
    expected = rules.DURATIONS["azure.virtualNetworkGateway.create"] * TIME_SCALE
    assert gateway.properties.provisioning_state == "Succeeded"
    assert elapsed >= expected

    polls = log.matching("/operations/")
    statuses = [p[3] for p in polls]
    assert set(statuses) == {200}
    in_progress = [p for p in polls if "Retry-After" in p[4]]
    assert in_progress, "the operation was never seen in progress"
    for poll in in_progress:
        retry_after = poll[4]["Retry-After"]
        assert retry_after.isdigit() and int(retry_after) >= 1
    # after an InProgress answer the poller waited the Retry-After it was given before asking again
    for before, after in zip(polls, polls[1:]):
        if "Retry-After" in before[4]:
            assert after[0] - before[0] >= int(before[4]["Retry-After"]) - 0.05
    # a handful of polls for a 1.8 s operation, not one per 0.05 s polling_interval
    assert len(polls) <= 4
    # the final GET is the resource itself
    final_method, final_url = log.entries[-1][1], log.entries[-1][2]
    assert final_method == "GET" and final_url.split("?")[0].endswith("/virtualNetworkGateways/vng-timed")


def test_put_shows_updating_then_succeeded_and_writes_meanwhile_are_409(env):
    builder, vnets, pips = env
    vnet = vnets[1]
    net = builder.net
    poller = builder.begin_gateway("vng-busy", vnet, pips[1:], asn=65030)
    assert net.virtual_network_gateways.get(builder.rg, "vng-busy").properties.provisioning_state == "Updating"
    err = arm_error(builder.begin_gateway, "vng-busy", vnet, pips[1:], asn=65031)
    assert isinstance(err, ResourceExistsError)
    assert (err.status_code, error_code(err)) == (409, "AnotherOperationInProgress")
    assert "/operations/" in err.error.message
    err = arm_error(net.virtual_network_gateways.begin_delete, builder.rg, "vng-busy")
    assert (err.status_code, error_code(err)) == (409, "AnotherOperationInProgress")
    err = arm_error(net.virtual_network_gateways.begin_update_tags, builder.rg, "vng-busy", {"tags": {"a": "b"}})
    assert error_code(err) == "AnotherOperationInProgress"
    assert poller.result().properties.provisioning_state == "Succeeded"
    assert poller.result().properties.bgp_settings.asn == 65030

    # an update is an LRO too: 200 + Azure-AsyncOperation, Updating until done
    log = ResponseLog()
    update = builder.begin_gateway("vng-busy", vnet, pips[1:], asn=65032, raw_response_hook=log)
    assert log.entries[0][3] == 200 and "Azure-AsyncOperation" in log.entries[0][4]
    assert net.virtual_network_gateways.get(builder.rg, "vng-busy").properties.provisioning_state == "Updating"
    assert update.result().properties.bgp_settings.asn == 65032

    # delete: 202 + Location, Deleting while it runs, gone afterwards
    log = ResponseLog()
    deletion = net.virtual_network_gateways.begin_delete(builder.rg, "vng-busy", raw_response_hook=log)
    assert log.entries[0][3] == 202
    assert "/operationResults/" in log.entries[0][4]["Location"]
    assert int(log.entries[0][4]["Retry-After"]) >= 1
    assert net.virtual_network_gateways.get(builder.rg, "vng-busy").properties.provisioning_state == "Deleting"
    err = arm_error(builder.begin_gateway, "vng-busy", vnet, pips[1:])
    assert error_code(err) == "AnotherOperationInProgress"
    deletion.result()
    assert [g.name for g in net.virtual_network_gateways.list(builder.rg)] == ["vng-timed"]


def test_location_answers_202_until_done_then_204(slow_twin):
    """On the slow twin (time scale 0.05) a public IP delete runs long enough to watch it."""
    builder = AzureBuilder(slow_twin, slow_twin.azure_network())
    builder.public_ip("pip-loc")
    response = slow_twin.arm("DELETE", builder.rid("publicIPAddresses", "pip-loc").replace(
        builder.sub, "{subscription}"), api_version="2024-05-01")
    assert response.status_code == 202
    base = slow_twin.endpoints["azure"]["resource_manager"]
    location = response.headers["Location"][len(base):]
    async_url = response.headers["Azure-AsyncOperation"][len(base):]
    first = slow_twin.arm("GET", location)
    assert first.status_code == 202 and int(first.headers["Retry-After"]) >= 1
    assert slow_twin.arm("GET", async_url).json()["status"] == "InProgress"
    time.sleep(rules.DURATIONS["azure.default.delete"] * SLOW_TIME_SCALE + 0.05)
    assert slow_twin.arm("GET", location).status_code == 204
    done = slow_twin.arm("GET", async_url).json()
    assert done["status"] == "Succeeded" and done["endTime"] and "Retry-After" not in done
    assert list(builder.net.public_ip_addresses.list(builder.rg)) == []


def test_post_actions_answer_202_with_location_and_the_result_at_the_end(env):
    builder, _, _ = env
    log = ResponseLog()
    poller = builder.net.virtual_network_gateways.begin_get_bgp_peer_status(builder.rg, "vng-timed",
                                                                             raw_response_hook=log)
    assert log.entries[0][1] == "POST" and log.entries[0][3] == 202
    assert "Location" in log.entries[0][4] and int(log.entries[0][4]["Retry-After"]) >= 1
    result = poller.result()
    assert result.value == []                                  # no connections: no BGP peers
    final = log.entries[-1]
    assert "/operationResults/" in final[2] and final[3] == 200
    routes = builder.net.virtual_network_gateways.begin_get_learned_routes(builder.rg, "vng-timed").result()
    assert routes.value is not None


def test_resources_still_provisioning_cannot_be_used_or_changed(slow_twin):
    """On the slow twin a VNet takes 0.5 s and a public IP 0.25 s to provision."""
    builder = AzureBuilder(slow_twin, slow_twin.azure_network())
    vnet_poller = builder.begin_vnet("vnet-young", prefix="10.6.0.0/16", gateway_subnet="10.6.255.0/27")
    err = arm_error(builder.net.subnets.begin_create_or_update, builder.rg, "vnet-young", "apps",
                    {"properties": {"addressPrefix": "10.6.1.0/24"}})
    assert (err.status_code, error_code(err)) == (409, "AnotherOperationInProgress")
    pip_poller = builder.begin_public_ip("pip-young")
    err = arm_error(builder.begin_gateway, "vng-young", builder.rid("virtualNetworks", "vnet-young"),
                    [builder.rid("publicIPAddresses", "pip-young")])
    assert (err.status_code, error_code(err)) == (400, "ReferencedResourceNotProvisioned")
    assert "Updating" in err.error.message
    vnet_poller.result()
    pip_poller.result()
    subnet = builder.net.subnets.begin_create_or_update(builder.rg, "vnet-young", "apps",
                                                        {"properties": {"addressPrefix": "10.6.1.0/24"}})
    assert builder.net.subnets.get(builder.rg, "vnet-young", "apps").properties.provisioning_state == "Updating"
    assert subnet.result().properties.provisioning_state == "Succeeded"
