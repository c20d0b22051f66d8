"""The action plugin and the filters run through ansible-playbook on localhost."""

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PLAYBOOK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "playbooks", "plan.yml")
SECRET = "Playbook Key 4711"


def ansible_playbook():
    candidate = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    return candidate if os.path.exists(candidate) else "ansible-playbook"


def test_plan_playbook(tmp_path):
    config = tmp_path / "ansible.cfg"
    config.write_text("[defaults]\n")  # not the repository's ansible.cfg (twin inventory)
    env = dict(os.environ,
               ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".collections"),
               ANSIBLE_CONFIG=str(config),
               ANSIBLE_NOCOLOR="1",
               ANSIBLE_PYTHON_INTERPRETER=sys.executable,
               ANSIBLE_LOCALHOST_WARNING="0",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="0")
    cmd = [ansible_playbook(), "-i", "localhost,", "-vvv", PLAYBOOK,
           "-e", json.dumps({"out_dir": str(tmp_path), "secret": SECRET})]
    proc = subprocess.run(cmd, cwd=str(tmp_path), env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-4000:]
    assert "failed=0" in output and "ignored=1" in output
    # the table was printed by the plugin
    assert "custom APIPA BGP addresses" in output and "169.254.21.3/31" in output
    # the key appears nowhere in the output (-vvv), nor in the files written
    assert SECRET not in output
    for name in ("plan.json", "plan.txt", "topology.md"):
        with open(os.path.join(str(tmp_path), "secrets", name)) as handle:
            assert SECRET not in handle.read()
    with open(os.path.join(str(tmp_path), "ok", "plan.json")) as handle:
        plan = json.load(handle)
    assert plan["scenario"] == "vpn_bgp_active_passive"
    # the diagram of the plan written next to it
    with open(os.path.join(str(tmp_path), "ok", "topology.md")) as handle:
        assert "```mermaid\nflowchart LR\n" in handle.read()
    assert not os.path.exists(os.path.join(str(tmp_path), "bad"))
