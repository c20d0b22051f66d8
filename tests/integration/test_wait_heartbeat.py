"""The heartbeat of long waits (await_provisioning): against a slow twin, whose gateway build
lasts several heartbeat intervals, the wait prints a line per interval with the gateway's state
and the time elapsed - in ansible-playbook output (through the azure_gateway role's wait entry
point) and in ansible-runner's stdout and job events (as AWX shows a job) - then returns the
built gateway. A dry run does not wait for a gateway it did not create; a wait that runs out
fails naming the last state.

The twin here runs at TIME_SCALE: its gateway build (1800 s realistic, emulator/rules.py) lasts
BUILD wall-clock seconds, and the heartbeat interval is INTERVAL seconds of wall-clock time (the
option's unit), so one build spans BUILD / INTERVAL intervals.
"""

import os
import re
import shutil
import sys
import tempfile

import pytest
import yaml

from ansible_env import playbook_env
from twin_process import Twin

AZ = "interconnect.oci_azure."
GATEWAY_REALISTIC = 1800                  # emulator/rules.py azure.virtualNetworkGateway.create
BUILD = 12.0                              # wall-clock seconds of one gateway build here
TIME_SCALE = BUILD / GATEWAY_REALISTIC
INTERVAL = 2.0
# A line is late by at most the read that makes it (one info-module run; more on a busy machine).
LATE = 3.0
FAST = {"AZURE_POLLING_INTERVAL": "0.05"}
# The wait's reads back off to the interval the Azure modules use (AZURE_POLLING_INTERVAL), here
# shorter than the heartbeat: lines come per heartbeat, not per read.
POLL = {"AZURE_POLLING_INTERVAL": "1"}
LINE = re.compile(r"^\[(?P<host>[^\]]+)\] virtual network gateway '(?P<name>[^']+)' (?P<state>\w+), "
                  r"(?:(?P<elapsed>[0-9hms]+) elapsed \(timeout (?P<timeout>[0-9hms]+)\)|ready after (?P<ready>[0-9hms]+))$",
                  re.M)


@pytest.fixture(scope="module")
def twin():
    """A twin slow enough that a gateway build spans several heartbeats (overrides the session twin)."""
    state_dir = tempfile.mkdtemp(prefix="twin-heartbeat-")
    instance = Twin(state_dir, time_scale=TIME_SCALE)
    instance.start()
    yield instance
    instance.stop()
    shutil.rmtree(state_dir, ignore_errors=True)


def seconds(text):
    """'1m05s' -> 65."""
    total = 0
    for number, unit in re.findall(r"(\d+)([hms])", text):
        total += int(number) * {"h": 3600, "m": 60, "s": 1}[unit]
    return total


def task(title, module, **args):
    return {"name": title, AZ + module: args}


def network(group):
    return [
        task("rg", "azure_resource_group", name=group, location="westeurope"),
        task("vnet", "azure_virtual_network", name="vnet", resource_group=group, address_prefixes=["10.70.0.0/16"],
             subnets=[{"name": "GatewaySubnet", "address_prefix": "10.70.255.0/27"}]),
        task("pip", "azure_public_ip", name="pip-hb", resource_group=group),
    ]


def start_gateway(group):
    return dict(task("start gateway", "azure_virtual_network_gateway", name="vng-hb", resource_group=group,
                     virtual_network="vnet", sku="VpnGw2AZ", generation="Generation2", active_active=False,
                     ip_configurations=[{"name": "ipconfig1", "public_ip": "pip-hb"}], wait=False),
                register="started")


def assert_heartbeat(output, host, build_seconds):
    """One line per INTERVAL while the gateway builds, each with its state and elapsed time, then
    the ready line. Returns the waiting lines."""
    lines = [m.groupdict() for m in LINE.finditer(output) if m.group("host") == host]
    print("\n".join(m.group(0) for m in LINE.finditer(output)))     # shown when the test fails
    waiting = [line for line in lines if line["elapsed"]]
    ready = [line for line in lines if line["ready"]]
    assert len(ready) == 1 and ready[0]["state"] == "Succeeded", lines
    assert lines[-1] is ready[0], lines
    assert {line["state"] for line in waiting} == {"Updating"}, waiting
    assert {line["name"] for line in lines} == {"vng-hb"}, lines
    elapsed = [seconds(line["elapsed"]) for line in waiting] + [seconds(ready[0]["ready"])]
    # the first line at once, then one per interval until the gateway is ready: never a gap of
    # more than an interval (plus the read that makes the line), never a burst
    assert elapsed[0] <= LATE, elapsed
    gaps = [later - earlier for earlier, later in zip(elapsed, elapsed[1:-1])]
    assert gaps and all(1 <= gap <= INTERVAL + LATE for gap in gaps), elapsed
    assert elapsed[-1] - elapsed[-2] <= INTERVAL + LATE, elapsed
    # the build lasted several intervals and every one of them had its line
    assert len(waiting) >= int(build_seconds // (INTERVAL + LATE)), (build_seconds, elapsed)
    assert len(waiting) >= 3, elapsed
    return waiting


def test_gateway_wait_prints_a_heartbeat_in_ansible_playbook(twin, run_play):
    group = "rg-heartbeat"
    run_play(network(group), env=FAST, expect_rc=0)

    # a dry run does not wait for the gateway it did not create, and writes nothing
    before = twin.writes()
    dry = run_play([start_gateway(group), task("await", "await_provisioning", kind="azure_virtual_network_gateway",
                                               name="vng-hb", resource_group=group, interval=INTERVAL)],
                   check=True, env=FAST, expect_rc=0)
    assert dry.task("await")["awaited"] is False and "not awaited in check mode" in dry.task("await")["msg"]
    assert "[localhost] virtual network gateway 'vng-hb' not found: not awaited in check mode" in dry.stdout
    assert twin.writes() == before

    # start the gateway, let a short wait run out, then wait through the role as site.yml does
    plan = {"module_args": {"virtual_network_gateway": {"args": {"name": "vng-hb"}}}}
    built = run_play([
        start_gateway(group),
        dict(task("too short", "await_provisioning", kind="azure_virtual_network_gateway", name="vng-hb",
                  resource_group=group, timeout=1, interval=INTERVAL, label="too-short"), ignore_errors=True),
        {"name": "remember", "ansible.builtin.set_fact": {"azure_gateway_vng": "{{ started }}"}},
        {"name": "wait", "ansible.builtin.include_role": {"name": AZ + "azure_gateway", "tasks_from": "wait"}},
        task("read", "azure_virtual_network_gateway_info", name="vng-hb", resource_group=group, include=[]),
        {"name": "state after the wait", "ansible.builtin.debug": {"var": "azure_gateway_vng"}},
    ], vars={"interconnect_plan": plan, "interconnect_azure_resource_group": group,
             "interconnect_azure_vnet_name": "vnet", "interconnect_azure_location": "westeurope",
             "interconnect_gateway_wait_timeout": 600, "interconnect_wait_heartbeat": INTERVAL},
        env=POLL, expect_rc=0)
    assert built.task("start gateway")["virtual_network_gateway"]["provisioning_state"] == "Updating"
    short = built.task("too short")
    assert [r["task"] for r in built.failed] == ["too short"], built.failed
    assert re.match(r"timed out after 1s waiting for the virtual network gateway vng-hb: vng-hb is Updating$",
                    short["msg"]), short["msg"]

    awaited = built.task(AZ + "azure_gateway : Wait for the virtual network gateway (a line per heartbeat)")
    waiting = assert_heartbeat(built.stdout, "localhost", awaited["elapsed"])
    assert awaited["awaited"] is True and awaited["heartbeats"] == len(waiting), awaited
    assert awaited["states"] == {"vng-hb": "Succeeded"}
    assert awaited["virtual_network_gateway"]["provisioning_state"] == "Succeeded"
    assert all(line["timeout"] == "10m00s" for line in waiting), waiting
    # each line was a fresh read (and the last read found it ready); reads came at most about
    # one a second (POLL), however long they took
    assert len(waiting) + 1 <= awaited["polls"] <= awaited["elapsed"] + 2, awaited
    # the role keeps the gateway's state for what follows
    assert built.task("state after the wait")["azure_gateway_vng"]["virtual_network_gateway"][
        "provisioning_state"] == "Succeeded"
    assert built.task("read")["virtual_network_gateway"]["provisioning_state"] == "Succeeded"


def test_gateway_wait_prints_a_heartbeat_in_ansible_runner(twin, tmp_path, monkeypatch):
    """As AWX runs a job: the lines are in the job's stdout and are job events of their own."""
    import ansible_runner

    group = "rg-heartbeat-runner"
    private_data_dir = tmp_path / "job"
    for sub in ("project", "inventory", "env"):
        (private_data_dir / sub).mkdir(parents=True)
    play = [{"name": "heartbeat", "hosts": "heartbeat", "gather_facts": False,
             "tasks": network(group) + [
                 start_gateway(group),
                 task("Wait for the gateway", "await_provisioning", kind="azure_virtual_network_gateway",
                      name="vng-hb", resource_group=group, interval=INTERVAL, timeout=600)]}]
    (private_data_dir / "project" / "heartbeat.yml").write_text(yaml.safe_dump(play, sort_keys=False))
    (private_data_dir / "inventory" / "hosts").write_text(
        "heartbeat ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable)
    envvars = dict((key, value) for key, value in playbook_env(twin, **POLL).items()
                   if key.startswith(("ANSIBLE_", "OCI_", "AZURE_")) or key in ("REQUESTS_CA_BUNDLE",))
    (private_data_dir / "env" / "envvars").write_text(yaml.safe_dump(envvars))
    (private_data_dir / "env" / "settings").write_text(yaml.safe_dump(
        {"job_timeout": 300, "suppress_ansible_output": True, "suppress_output_file": False}))

    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    result = ansible_runner.run(private_data_dir=str(private_data_dir), playbook="heartbeat.yml", ident="1",
                                process_isolation=False, envvars=None)
    stdout = (private_data_dir / "artifacts" / "1" / "stdout").read_text()
    assert (result.status, result.rc) == ("successful", 0), stdout[-4000:]
    events = list(result.events)
    awaited = [e["event_data"]["res"] for e in events
               if e["event"] == "runner_on_ok" and e["event_data"].get("task") == "Wait for the gateway"]
    assert len(awaited) == 1 and awaited[0]["awaited"] is True, awaited
    waiting = assert_heartbeat(stdout, "heartbeat", awaited[0]["elapsed"])
    # each line is an event of its own (AWX streams events, not the stdout file)
    lines = [e["stdout"].strip() for e in events if LINE.search(e.get("stdout", "").strip())]
    assert len(lines) == len(waiting) + 1, lines
    assert awaited[0]["heartbeats"] == len(waiting), awaited[0]
    assert os.path.isfile(str(private_data_dir / "artifacts" / "1" / "stdout"))
