"""A misspelled interconnect_* variable fails site.yml at the plan, naming the closest valid
variable, with zero writes to the twin: set on a host, on a group and as an extra variable. The
twin inventory's own hosts, whose variables come from group_vars and host_vars files, pass the
same check (no false alarm from the real hostvars)."""

import json
import os
import subprocess
import uuid

import yaml

from ansible_env import ANSIBLE_PLAYBOOK, ROOT, playbook_env

TWIN_INVENTORY = os.path.join(ROOT, "inventories", "twin")
PLAN_FAILED = "Report why the plan was rejected (nothing was written to either cloud)"
HOST = {
    "interconnect_scenario": "vpn_single",
    "interconnect_vcn_cidrs": ["10.70.0.0/16"],
    "interconnect_vnet_cidrs": ["10.170.0.0/16"],
    "interconnect_azure_gateway_subnet_cidr": "10.170.255.0/27",
}


def _run(twin, workdir, args):
    records = os.path.join(str(workdir), "records-%s.jsonl" % uuid.uuid4().hex[:8])
    env = playbook_env(twin, records, ANSIBLE_FORKS=4,
                       INTERCONNECT_ARTIFACTS_DIR=os.path.join(str(workdir), "artifacts"))
    proc = subprocess.run([ANSIBLE_PLAYBOOK] + list(args) + ["site.yml"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False, timeout=600)
    found = []
    if os.path.exists(records):
        with open(records) as handle:
            found = [json.loads(line) for line in handle if line.strip()]
    return proc.returncode, proc.stdout + proc.stderr, found


def _message(result):
    parts = []
    for key in ("msg", "errors"):
        value = result.get(key)
        if isinstance(value, list):
            parts.extend(str(v) for v in value)
        elif value:
            parts.append(str(value))
    return "\n".join(parts)


def test_a_misspelled_variable_fails_at_the_plan_with_the_closest_name_and_no_write(twin, tmp_path):
    overlay = tmp_path / "typos.yml"
    overlay.write_text(yaml.safe_dump({"all": {"children": {
        "interconnects": {"hosts": {
            "typo-host": dict(HOST, interconnect_name="typo-host", interconnect_azur_asn=65010),
            "typo-group": dict(HOST, interconnect_name="typo-group", interconnect_vcn_cidrs=["10.71.0.0/16"],
                               interconnect_vnet_cidrs=["10.171.0.0/16"],
                               interconnect_azure_gateway_subnet_cidr="10.171.255.0/27"),
        }},
        "typos": {"hosts": {"typo-host": None, "typo-group": None},
                  "children": {"typo_group_vars": {"hosts": {"typo-group": None},
                                                   "vars": {"interconnect_gateway_skuu": "VpnGw2AZ"}}}},
    }}}))
    before = twin.writes()
    rc, output, records = _run(twin, tmp_path, [
        "-i", TWIN_INVENTORY, "-i", str(overlay), "--limit", "typos",
        "-e", json.dumps({"interconnect_verify_retrys": 3})])
    assert rc != 0, output[-3000:]
    assert twin.writes() == before, "the twin was written to:\n" + output[-3000:]
    expected = {
        "typo-host": ["interconnect_azur_asn", "did you mean interconnect_azure_asn"],
        "typo-group": ["interconnect_gateway_skuu", "did you mean interconnect_gateway_sku"],
    }
    for host, names in expected.items():
        failed = [r for r in records if r["host"] == host and r["status"] == "failed"]
        assert failed, "%s did not fail:\n%s" % (host, output[-3000:])
        last = failed[-1]
        assert last["task"].endswith(PLAN_FAILED), (host, last["task"])
        message = _message(last["result"])
        for name in names + ["interconnect_verify_retrys", "did you mean interconnect_verify_retries"]:
            assert name in message, (host, name, message)
        # nothing cloud-facing ran for the host
        assert not [r for r in records if r["host"] == host
                    and r["action"].startswith("interconnect.oci_azure.")
                    and not r["action"].endswith("interconnect_plan")], host


def test_the_twin_inventorys_hosts_pass_the_check(twin, tmp_path):
    before = twin.writes()
    rc, output, records = _run(twin, tmp_path, ["-i", TWIN_INVENTORY, "--tags", "plan"])
    assert rc == 0, output[-3000:]
    planned = set(r["host"] for r in records if r["action"].endswith("interconnect_plan")
                  and r["status"] == "ok")
    with open(os.path.join(TWIN_INVENTORY, "hosts.yml")) as handle:
        hosts = set(yaml.safe_load(handle)["all"]["children"]["interconnects"]["hosts"])
    assert planned == hosts
    assert twin.writes() == before
