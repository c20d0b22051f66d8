"""The example playbooks of docs/modules-oci.md run against the twin as they are written.

Each fenced block that starts with ``# docs-example: NAME`` is one playbook. Its play-level
``module_defaults`` and ``vars`` are kept (the harness writes the play itself, so the tasks go in
a block that carries the module_defaults).
"""

import os

import pytest
import yaml

from oci_it_helpers import expressroute_circuit, playbook_runner

DOC = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                   "docs", "modules-oci.md")


@pytest.fixture
def playbook(run_play, tmp_path):
    return playbook_runner(run_play, tmp_path)


@pytest.fixture
def er_circuit(twin):
    with expressroute_circuit(twin) as service_key:
        yield service_key


def examples():
    found, block = {}, None
    with open(DOC) as handle:
        for line in handle:
            if line.startswith("```yaml"):
                block = []
            elif line.startswith("```") and block is not None:
                text = "".join(block)
                if text.startswith("# docs-example: "):
                    found[text.split("\n", 1)[0][len("# docs-example: "):].strip()] = yaml.safe_load(text)
                block = None
            elif block is not None:
                block.append(line)
    return found


def run_example(playbook, name, extra_vars=None):
    play, = examples()[name]
    tasks = [{"name": play["name"], "block": play["tasks"],
              "module_defaults": play.get("module_defaults", {})}]
    return playbook(tasks, vars=dict(play.get("vars", {}), **(extra_vars or {})))


def test_the_documented_vpn_example_runs_and_tears_down(playbook):
    play = run_example(playbook, "vpn")
    assert play.rc == 0, play.stdout
    assert play.task("IPSec connection, both tunnels BGP, PFS group matching Azure's defaults")
    vpn_ips = play.task("The Oracle VPN IPs for the Azure local network gateways")["msg"]
    assert len(vpn_ips) == 2 and all(vpn_ips)
    play = run_example(playbook, "vpn-teardown")
    assert play.rc == 0, play.stdout
    assert play.changed == 5


def test_the_documented_fastconnect_example_runs(playbook, er_circuit):
    play = run_example(playbook, "fastconnect", {"er_service_key": er_circuit})
    assert play.rc == 0, play.stdout
    assert "PROVISIONED, BGP UP, provider ACTIVE" in play.task("Show it")["msg"]
    # the circuit the fixture deletes afterwards must first be deprovisioned by the provider
    play = run_example(playbook, "fastconnect-teardown")
    assert play.rc == 0 and play.changed == 2, play.stdout
