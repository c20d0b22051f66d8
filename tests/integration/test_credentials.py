"""site.yml with one cloud's credential missing fails once, before any write to either cloud,
with the one message that names the variable to set (never the SDK's credential chain)."""

import json
import os
import subprocess

import pytest

from ansible_env import ANSIBLE_PLAYBOOK, ROOT, playbook_env

INVENTORY = os.path.join(ROOT, "inventories", "twin")


def _site_run(twin, tmp_path, host, remove, **extra):
    records = tmp_path / ("records-%s.jsonl" % host)
    env = playbook_env(twin, records, INTERCONNECT_ARTIFACTS_DIR=str(tmp_path / "artifacts"), **extra)
    for name in remove:
        env.pop(name, None)
    before = twin.writes()
    proc = subprocess.run([ANSIBLE_PLAYBOOK, "-i", INVENTORY, "--limit", host, "site.yml"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False, timeout=600)
    found = [json.loads(line) for line in records.read_text().splitlines() if line] if records.exists() else []
    return proc.returncode, proc.stdout, proc.stderr, found, twin.writes() - before


@pytest.mark.parametrize("host, remove, extra, task, message", [
    ("vpn_single", ["AZURE_SECRET", "AZURE_CLIENT_SECRET"], {}, "Check the Azure credentials (one read, no write)",
     "Azure credentials: no client secret: set AZURE_SECRET or AZURE_CLIENT_SECRET (module option secret)"),
    # the twin's env.sh names the profile; without OCI_CONFIG_FILE the default file is looked for
    ("vpn_static_active_passive", ["OCI_CONFIG_FILE"], {"HOME": "{tmp}"},
     "Check the OCI credentials (one read, no write)", "OCI credentials: config file {tmp}/.oci/config not found"),
], ids=["azure", "oci"])
def test_a_missing_credential_fails_once_before_any_write(twin, tmp_path, host, remove, extra, task, message):
    extra = dict((key, value.format(tmp=tmp_path)) for key, value in extra.items())
    message = message.format(tmp=tmp_path)
    rc, output, errors, records, writes = _site_run(twin, tmp_path, host, remove, **extra)
    failed = [r for r in records if r["status"] == "failed"]
    assert rc != 0 and len(failed) == 1 and failed[0]["task"].endswith(" : " + task), output[-4000:]
    assert failed[0]["result"]["msg"].startswith(message), failed[0]["result"]["msg"]
    assert writes == 0, output[-4000:]
    # said once in the task's result and its display (ansible-core's own "[ERROR]: Task failed"
    # line repeats every failed task's msg), and nothing of the SDKs' own chains
    cloud = message.split()[0]
    assert json.dumps(failed[0]["result"]).count("%s credentials:" % cloud) == 1, failed[0]["result"]
    shown = "\n".join(line for line in output.splitlines() if not line.startswith("[ERROR]: Task failed"))
    assert shown.count("%s credentials:" % cloud) == 1, output[-4000:]
    for text in (output, errors):
        assert "Attempted credentials" not in text and "DefaultAzureCredential" not in text


def test_the_check_passes_with_both_credentials_and_writes_nothing(twin, tmp_path):
    # the control: the same checks with the twin's full environment, as the first build stage alone
    records = tmp_path / "records.jsonl"
    env = playbook_env(twin, records, INTERCONNECT_ARTIFACTS_DIR=str(tmp_path / "artifacts"))
    before = twin.writes()
    proc = subprocess.run([ANSIBLE_PLAYBOOK, "-i", INVENTORY, "--limit", "vpn_single", "--tags", "preflight",
                           "site.yml"], cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=600)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    tasks = [json.loads(line)["task"] for line in records.read_text().splitlines() if line]
    for task in ("Check the Azure credentials (one read, no write)", "Check the OCI credentials (one read, no write)"):
        assert [name for name in tasks if name.endswith(" : " + task)], tasks
    assert twin.writes() == before
