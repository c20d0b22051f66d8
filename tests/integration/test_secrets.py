"""No secret reaches an output: pre-shared keys, the Azure client secret and the OCI private key
(and its pass phrase) never appear in what a run prints at -vvvv with --diff, in the ansible
log, in what callbacks receive (the results an AWX job stores), in the artifacts (plan.json,
plan.txt, verify.json, verify.txt), in the plan printed by --tags plan, or in any file a run
leaves in the temporary directories it uses.

On a twin of its own, the single-VPN scenario: the smallest that takes every secret path (a
tunnel in use whose key the inventory gives, an unused tunnel whose key OCI generates and the
role reads back, the Azure connection's key, both clouds' key-change endpoints, BGP). The
redundant scenarios run the same tasks and modules for more tunnels: more calls, no other path.

1. site.yml builds it with the key given (-vvvv --diff);
2. site.yml again with one key changed, so both clouds' update paths and diffs run (and the
   task banner shows the task arguments);
3. playbooks/verify.yml;
4. site.yml --tags plan with seed-generated keys, next to a host whose given keys the planner
   rejects (the failure path prints the planner's messages);
5. a module-level play in check mode with --diff: the OCI key given as content with a pass
   phrase, the Azure client secret as a module option (the environment holds wrong values, so
   success proves the options were used), tunnel and connection keys changed, the planner
   returning keys without no_log on the task, verification with the credentials passed through
   the action to the info modules, and a refused key.

Every output is then searched for every secret: the exact value, its first 12 characters, its
base64 forms and, for PEM keys, each body line; also for bearer tokens and request signatures.
Controls keep the test honest: the keys are random and long, the clouds hold exactly the keys
given (read back through the SDKs), verification passed, and the same search finds the secrets
in the run's inputs (the overlay inventory, the play), where they are supposed to be.
"""

import base64
import contextlib
import hashlib
import hmac
import json
import os
import re
import resource
import secrets
import shutil
import string
import subprocess
import tempfile
import time

import pytest
import yaml

from ansible_env import ANSIBLE_PLAYBOOK, ROOT, playbook_env
INVENTORY = os.path.join(ROOT, "inventories", "twin")
HOST = "vpn_single"
# an overlay-only host whose given keys the planner must refuse without quoting them
REFUSED_HOST = "secrets_refused_plan"
PARTIAL = 12           # a leak of this many leading characters counts
MIN_PEM_LINE = 16      # shorter PEM lines (the tail of the body) are too short to be telling
ALPHANUMERIC = string.ascii_letters + string.digits
# credentials derived from the secrets that must not be printed either
PATTERNS = (
    ("a bearer token", re.compile(r"Bearer\s+[A-Za-z0-9._~+/-]{20,}")),
    ("an OCI request signature", re.compile(r'signature="[A-Za-z0-9+/=]{20,}"')),
)


def new_key(length=32):
    """A random key OCI and Azure both accept (letters and digits)."""
    return "".join(secrets.choice(ALPHANUMERIC) for dummy in range(length))


# --- what to look for, and where -------------------------------------------------------------

class SecretSet:
    """Every secret of the test, each as the strings that would show it leaked."""

    def __init__(self):
        self.values = {}       # name -> value
        self.needles = []      # (name, form, string)

    def add(self, name, value):
        assert isinstance(value, str) and len(value) >= 16, "secret %s is too short to test" % name
        assert len(set(value)) >= 8, "secret %s is not random enough to test" % name
        self.values[name] = value
        raw = value.encode()
        self.needles.append((name, "exact", value))
        self.needles.append((name, "first %d characters" % PARTIAL, value[:PARTIAL]))
        self.needles.append((name, "base64", base64.b64encode(raw).decode().rstrip("=")))
        self.needles.append((name, "base64url", base64.urlsafe_b64encode(raw).decode().rstrip("=")))

    def add_pem(self, name, pem):
        body = [line.strip() for line in pem.strip().splitlines() if not line.startswith("-----")
                and ":" not in line]
        lines = [line for line in body if len(line) >= MIN_PEM_LINE]
        assert len(lines) >= 10, "%s does not look like a PEM private key" % name
        self.values[name] = pem
        for number, line in enumerate(lines, 1):
            self.needles.append((name, "PEM body line %d" % number, line))


def scan(documents, secret_set):
    """(where, line number, secret name, form) for each needle or credential pattern found in
    ``documents`` ((label, text) pairs); one form per secret and line, the plainest."""
    hits = []
    for label, text in documents:
        seen = set()
        for name, form, needle in secret_set.needles:
            if needle not in text:
                continue
            for number, line in enumerate(text.splitlines(), 1):
                if needle in line and (number, name) not in seen:
                    seen.add((number, name))
                    hits.append((label, number, name, form))
        for what, pattern in PATTERNS:
            if not pattern.search(text):
                continue
            for number, line in enumerate(text.splitlines(), 1):
                if pattern.search(line):
                    hits.append((label, number, what, "pattern"))
    return hits


def describe(hits):
    return "\n".join("%s:%d: %s (%s)" % hit for hit in hits)


def read_text(path):
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8", "replace")


def tree(label, directory):
    """(label/relative path, text) for every file under ``directory``."""
    found = []
    for base, dirs, files in os.walk(directory):
        for name in sorted(files):
            path = os.path.join(base, name)
            if os.path.isfile(path):
                found.append(("%s/%s" % (label, os.path.relpath(path, directory)), read_text(path)))
    return found


def test_scanner_names_the_file_line_and_form():
    """The search itself can fail: a planted key, a prefix, a base64 form, a PEM line, a bearer
    token are each reported with their place; clean text is not."""
    found = SecretSet()
    key = new_key()
    found.add("key", key)
    pem = "-----BEGIN PRIVATE KEY-----\n%s\n-----END PRIVATE KEY-----\n" % "\n".join(
        new_key(64) for dummy in range(12))
    found.add_pem("pem", pem)
    documents = [
        ("clean.txt", "nothing here\n" + new_key() + "\n"),
        ("exact.txt", "a\nshared_key: %s\n" % key),
        ("prefix.txt", "x\ny\nkey starts %s...\n" % key[:PARTIAL]),
        ("b64.txt", base64.b64encode(key.encode()).decode()),
        ("pem.txt", json.dumps({"key_content": pem})),
        ("token.txt", "Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOi\n"),
    ]
    hits = describe(scan(documents, found)).splitlines()
    assert not [hit for hit in hits if hit.startswith("clean.txt")], hits
    assert "exact.txt:2: key (exact)" in hits
    assert "prefix.txt:3: key (first 12 characters)" in hits
    assert "b64.txt:1: key (base64)" in hits
    assert "pem.txt:1: pem (PEM body line 1)" in hits
    assert "token.txt:1: a bearer token (pattern)" in hits


# --- the runs ----------------------------------------------------------------------------------

class Lab:
    """A twin of the test's own and a runner for the collection's playbooks on the twin
    inventory, which keeps every output of every run."""

    def __init__(self, twin, base):
        self.twin = twin
        self.base = base
        self.artifacts = os.path.join(base, "artifacts")
        # the temporary directories the runs use: the controller's, the modules' and TMPDIR
        self.temp_dirs = dict((name, os.path.join(base, name))
                              for name in ("local-tmp", "remote-tmp", "tmpdir"))
        for path in [self.artifacts] + list(self.temp_dirs.values()):
            os.makedirs(path)
        self.outputs = []      # (label, text)
        self.inputs = []       # (label, text): where the secrets are supposed to be
        self.count = 0
        self.timings = []      # (label, wall seconds, CPU seconds of the run's processes)

    @contextlib.contextmanager
    def timed(self, label):
        # CPU time of the children as well: the machine is shared, wall time alone says little
        before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.time()
        yield
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.timings.append((label, time.time() - started, after.ru_utime + after.ru_stime
                             - before.ru_utime - before.ru_stime))

    def env(self, label):
        return playbook_env(self.twin, os.path.join(self.base, "%s.records.jsonl" % label), **{
            "ANSIBLE_LOG_PATH": os.path.join(self.base, "%s.ansible.log" % label),
            "ANSIBLE_LOCAL_TEMP": self.temp_dirs["local-tmp"],
            "ANSIBLE_REMOTE_TMP": self.temp_dirs["remote-tmp"],
            "TMPDIR": self.temp_dirs["tmpdir"],
            "INTERCONNECT_ARTIFACTS_DIR": self.artifacts,
        })

    def collect(self, label, output):
        """A run's printed output, log, callback records and the artifacts as they are now."""
        self.outputs.append(("%s: output" % label, output))
        for suffix in ("records.jsonl", "ansible.log"):
            path = os.path.join(self.base, "%s.%s" % (label, suffix))
            if os.path.exists(path):
                self.outputs.append(("%s: %s" % (label, suffix), read_text(path)))
        self.outputs.extend(tree("%s: artifacts" % label, self.artifacts))

    def collect_temp_dirs(self):
        for name, path in self.temp_dirs.items():
            self.outputs.extend(tree("left in %s" % name, path))

    def playbook(self, label, playbook, limit, overlay=None, tags=None, skip_tags=None,
                 extra_env=None):
        self.count += 1
        label = "%d-%s" % (self.count, label)
        env = self.env(label)
        env.update(extra_env or {})
        cmd = [ANSIBLE_PLAYBOOK,
               "-i", INVENTORY, playbook, "--limit", ",".join(limit), "--diff", "-vvvv"]
        if overlay is not None:
            path = os.path.join(self.base, "%s.overlay.yml" % label)
            text = yaml.safe_dump({"all": {"children": {"interconnects": {"hosts": overlay}}}})
            with open(path, "w") as handle:
                handle.write(text)
            self.inputs.append(("%s: overlay inventory" % label, text))
            cmd[3:3] = ["-i", path]
        if tags:
            cmd += ["--tags", tags]
        if skip_tags:
            cmd += ["--skip-tags", skip_tags]
        with self.timed(label):
            proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                                  check=False, timeout=600)
        output = proc.stdout + proc.stderr
        self.collect(label, output)
        return proc.returncode, output


@pytest.fixture(scope="module")
def lab(twin, tmp_path_factory):
    state_dir = tempfile.mkdtemp(prefix="twin-secrets-")
    own = type(twin)(state_dir)
    own.start()
    yield Lab(own, str(tmp_path_factory.mktemp("secrets")))
    own.stop()
    shutil.rmtree(state_dir, ignore_errors=True)


# --- reading the clouds -----------------------------------------------------------------------

def oci_client(env):
    import oci
    from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_auth import use_ca_bundle

    config = oci.config.from_file(env["OCI_CONFIG_FILE"], env.get("OCI_CONFIG_PROFILE", "DEFAULT"))
    client = oci.core.VirtualNetworkClient(config, service_endpoint=env["OCI_SERVICE_ENDPOINT"])
    use_ca_bundle(client.base_client.session, env["OCI_CA_BUNDLE"], env["OCI_SERVICE_ENDPOINT"])
    return client, config


def oci_tunnel_secrets(env):
    """{(connection name, tunnel name): shared secret} of every IPSec connection in OCI."""
    import oci

    client, dummy = oci_client(env)
    found = {}
    for conn in oci.pagination.list_call_get_all_results(
            client.list_ip_sec_connections, compartment_id=env["OCI_COMPARTMENT_ID"]).data:
        if conn.lifecycle_state == "TERMINATED":
            continue
        for tunnel in client.list_ip_sec_connection_tunnels(conn.id).data:
            secret = client.get_ip_sec_connection_tunnel_shared_secret(conn.id, tunnel.id).data
            found[(conn.display_name, tunnel.display_name)] = secret.shared_secret
    return found


def azure_shared_key(twin, resource_group, name):
    from azure.identity import ClientSecretCredential
    from azure.mgmt.network import NetworkManagementClient

    azure, ca_bundle = twin.endpoints["azure"], twin.endpoints["ca_bundle"]
    credential = ClientSecretCredential(azure["tenant_id"], azure["client_id"], azure["client_secret"],
                                        authority=azure["authority"], disable_instance_discovery=True,
                                        connection_verify=ca_bundle)
    network = NetworkManagementClient(credential, azure["subscription_id"],
                                      base_url=azure["resource_manager"],
                                      credential_scopes=[azure["resource_manager"] + "/.default"],
                                      connection_verify=ca_bundle)
    return network.virtual_network_gateway_connections.get_shared_key(resource_group, name).value


def given_keys_by_tunnel(plan, keys):
    """{tunnel key: given key} following the plan's references (index into the given list)."""
    out = {}
    for tunnel in plan["tunnels"]:
        ref = tunnel["shared_secret"] or {}
        if tunnel["in_use"] and ref.get("policy") == "given":
            out[tunnel["key"]] = keys[ref["index"]]
    return out


def encrypted_copy(pem, pass_phrase):
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(pem.encode(), password=None)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.BestAvailableEncryption(pass_phrase.encode())).decode()


def unrelated_key():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


# --- the test ------------------------------------------------------------------------------------

def test_no_secret_reaches_any_output(lab, run_play):
    started = time.time()
    twin = lab.twin
    found = SecretSet()
    keys = [new_key()]
    found.add("given key", keys[0])

    # 1. build with the keys given
    overlay = {HOST: {"interconnect_shared_secret_policy": "given",
                      "interconnect_shared_secrets": keys}}
    # (verification runs once, in step 3: it is the same role either way, and slow to repeat)
    rc, output = lab.playbook("build", "site.yml", [HOST], overlay, skip_tags="verify")
    assert rc == 0, output[-6000:]

    # 2. one key changed: OCI's shared-secret endpoint and Azure's sharedkey endpoint run
    changed = [new_key()]
    found.add("changed key", changed[0])
    overlay[HOST]["interconnect_shared_secrets"] = changed
    rc, output = lab.playbook("change-key", "site.yml", [HOST], overlay, skip_tags="verify",
                              extra_env={"ANSIBLE_DISPLAY_ARGS_TO_STDOUT": "1"})
    assert rc == 0, output[-6000:]
    recap = re.search(r"^%s\s*:\s*ok=\d+\s+changed=(\d+)" % HOST, output, re.M)
    assert recap and int(recap.group(1)) >= 2, "the key change changed nothing:\n" + output[-3000:]

    # 3. verification on its own
    rc, output = lab.playbook("verify", "playbooks/verify.yml", [HOST], overlay)
    assert rc == 0, output[-6000:]
    with open(os.path.join(lab.artifacts, HOST, "verify.json")) as handle:
        report = json.load(handle)
    with open(os.path.join(lab.artifacts, HOST, "plan.json")) as handle:
        plan = json.load(handle)

    # control: the keys reached both clouds (the twin's tunnels come up only when both sides
    # hold the same key, so verification passing says the same once more)
    assert report["ok"] and report["passed"] > 0 and report["failed"] == 0, report
    expected = given_keys_by_tunnel(plan, changed)
    assert sorted(expected.values()) == sorted(changed), (expected, plan["shared_secrets"])
    in_oci = oci_tunnel_secrets(twin.env)
    tunnels = dict((t["name"], t) for t in plan["tunnels"])
    for (connection, name), secret in sorted(in_oci.items()):
        tunnel = tunnels.get(name)
        assert tunnel and tunnel["ipsec_connection"] == connection, (connection, name)
        if tunnel["key"] in expected:
            assert secret == expected[tunnel["key"]], "OCI tunnel %s does not hold the given key" % name
        else:
            # an unused tunnel keeps the key OCI generated; the role reads it back, so it is
            # a secret of the run as well
            assert secret not in changed
            found.add("OCI-generated key of unused tunnel %s" % name, secret)
    assert len(in_oci) == 2, sorted(in_oci)
    group = "rg-" + plan["name_prefix"]
    for connection in plan["azure"]["connections"]:
        assert azure_shared_key(twin, group, connection["name"]) == expected[connection["tunnel"]], \
            connection["name"]

    # 4. the plan tag: generated keys for the host, refused given keys for another
    seed = new_key(48)
    found.add("secret seed", seed)
    refused = ["Zq%s-!" % new_key(30), "Zr%s%s" % (new_key(20), "x" * 140)]
    for number, key in enumerate(refused, 1):
        found.add("refused key %d" % number, key)
    plan_overlay = {
        HOST: {"interconnect_shared_secret_policy": "generated", "interconnect_secret_seed": seed},
        REFUSED_HOST: {"interconnect_scenario": "vpn_bgp_active_passive",
                       "interconnect_name": "refused",
                       "interconnect_vcn_cidrs": ["10.91.0.0/16"],
                       "interconnect_vnet_cidrs": ["10.191.0.0/16"],
                       "interconnect_shared_secret_policy": "given",
                       "interconnect_shared_secrets": refused}}
    rc, output = lab.playbook("plan-tag", "site.yml", [HOST, REFUSED_HOST], plan_overlay,
                              tags="plan")
    assert rc != 0, output[-4000:]
    assert re.search(r"shared_secrets\[0\]: OCI accepts only letters", output), output[-4000:]
    assert re.search(r"shared_secrets\[1\]: \d+ characters; Azure accepts at most", output), \
        output[-4000:]
    with open(os.path.join(lab.artifacts, HOST, "plan.json")) as handle:
        generated_plan = json.load(handle)
    derived = 0
    for tunnel in generated_plan["tunnels"]:
        ref = tunnel["shared_secret"] or {}
        if tunnel["in_use"] and ref.get("policy") == "generated":
            derived += 1
            found.add("key generated for %s" % tunnel["name"], hmac.new(
                seed.encode(), ref["label"].encode(), hashlib.sha256).hexdigest())
    assert derived == 1, generated_plan["shared_secrets"]

    # 5. the modules with secrets as options, in check mode with --diff
    with open(twin.env["OCI_CONFIG_FILE"]) as handle:
        oci_config = dict(line.strip().split("=", 1) for line in handle if "=" in line)
    with open(oci_config["key_file"]) as handle:
        private_key = handle.read()
    found.add_pem("the OCI API private key", private_key)
    pass_phrase = new_key(24)
    found.add("the OCI key pass phrase", pass_phrase)
    encrypted_key = encrypted_copy(private_key, pass_phrase)
    found.add_pem("the OCI API private key, encrypted", encrypted_key)
    client_secret = twin.env["AZURE_SECRET"]
    found.add("the Azure client secret", client_secret)
    # The environment points at a config whose key is not the twin's and holds a wrong Azure
    # secret: the tasks succeed only with the key content, pass phrase and client secret given
    # as options.
    wrong_key = os.path.join(lab.base, "unrelated.pem")
    with open(wrong_key, "w") as handle:
        handle.write(unrelated_key())
    wrong_config = os.path.join(lab.base, "oci-config-unrelated-key")
    with open(wrong_config, "w") as handle:
        settings = "".join("%s=%s\n" % (k, v) for k, v in oci_config.items() if k != "key_file")
        handle.write("[DEFAULT]\n%skey_file=%s\n" % (settings, wrong_key))
    play_env = lab.env("6-module-play")
    del play_env["RECORD_RESULTS_FILE"]          # run_play records the results itself
    play_env.update({"OCI_CONFIG_FILE": wrong_config, "AZURE_SECRET": "wrong" + new_key(),
                     "AZURE_CLIENT_SECRET": "wrong" + new_key()})
    connection = plan["oci"]["ipsec_connections"][0]
    by_key = dict((t["key"], t) for t in plan["tunnels"])
    first, second = [by_key[key]["name"] for key in connection["tunnels"]]
    azure_connection = plan["azure"]["connections"][0]["name"]
    oci_auth = {"key_content": "{{ oci_key }}", "pass_phrase": "{{ oci_pass_phrase }}"}
    azure_auth = {"client_secret": "{{ azure_client_secret }}"}
    tasks = [
        {"name": "OCI tunnel key change, key content with pass phrase",
         "interconnect.oci_azure.oci_ipsec_connection": dict(oci_auth, **{
             "display_name": connection["name"],
             "tunnels": [{"display_name": first, "shared_secret": "{{ oci_tunnel_key }}"},
                         {"display_name": second}]})},
        {"name": "Azure connection key change, client secret as an option",
         "interconnect.oci_azure.azure_connection": dict(azure_auth, **{
             "name": azure_connection, "resource_group": group, "connection_type": "IPsec",
             "shared_key": "{{ azure_connection_key }}"})},
        {"name": "Azure gateway and connections read",
         "interconnect.oci_azure.azure_virtual_network_gateway_info": dict(azure_auth, **{
             "name": plan["azure"]["virtual_network_gateway"]["name"], "resource_group": group})},
        {"name": "Plan returning generated keys (no no_log on the task)",
         "interconnect.oci_azure.interconnect_plan": {
             "scenario": "vpn_bgp_active_active", "name_prefix": "module-play",
             "vcn_cidrs": ["10.92.0.0/16"], "vnet_cidrs": ["10.192.0.0/16"],
             "shared_secret_policy": "generated", "secret_seed": "{{ plan_seed }}",
             "include_secrets": True, "format": "table",
             "output_dir": os.path.join(lab.artifacts, "module-play")}},
        {"name": "Verify with the credentials as options of the action",
         "interconnect.oci_azure.interconnect_verify": {
             "plan": plan, "resource_group": group, "retries": 3, "delay": 1,
             "artifacts_dir": os.path.join(lab.artifacts, "module-play-verify"),
             "oci": oci_auth, "azure": azure_auth}},
        {"name": "A refused key fails naming the field",
         "interconnect.oci_azure.oci_ipsec_connection": dict(oci_auth, **{
             "display_name": connection["name"],
             "tunnels": [{"display_name": first, "shared_secret": "{{ refused_key }}"}]}),
         "ignore_errors": True},
    ]
    play_vars = {"oci_key": encrypted_key, "oci_pass_phrase": pass_phrase,
                 "azure_client_secret": client_secret, "oci_tunnel_key": new_key(),
                 "azure_connection_key": new_key(), "plan_seed": new_key(40),
                 "refused_key": refused[0]}
    for name in ("oci_tunnel_key", "azure_connection_key", "plan_seed"):
        found.add("module play %s" % name, play_vars[name])
    with lab.timed("6-module-play"):
        result = run_play(tasks, vars=play_vars, check=True, diff=True, verbosity=4, env=play_env)
    lab.collect("6-module-play", result.stdout)
    lab.outputs.append(("6-module-play: records", json.dumps(result.records, indent=1, default=str)))
    lab.inputs.append(("6-module-play: the play's variables", json.dumps(play_vars)))
    lab.inputs.append(("the twin's OCI key file", private_key))
    lab.collect_temp_dirs()

    # controls: each task used its secret (and no task wrote: check mode)
    assert result.rc == 0, result.stdout[-6000:]
    oci_change = result.task("OCI tunnel key change, key content with pass phrase")
    assert oci_change["changed"] and oci_change["changed_fields"] == ["tunnels.0.shared_secret"], \
        oci_change
    azure_change = result.task("Azure connection key change, client secret as an option")
    assert azure_change["changed"] and azure_change["changed_fields"] == ["properties.sharedKey"], \
        azure_change
    assert result.task("Azure gateway and connections read").get("failed") is not True
    verified = result.task("Verify with the credentials as options of the action")
    assert verified["ok"] and verified["passed"] > 0, verified
    refusal = [r for r in result.records if r["task"] == "A refused key fails naming the field"]
    assert [r["status"] for r in refusal] == ["failed"], refusal
    assert "tunnels[0].shared_secret must be" in refusal[0]["result"]["msg"], refusal
    assert oci_tunnel_secrets(twin.env) == in_oci, "check mode changed a key"
    with open(os.path.join(lab.artifacts, "module-play", "plan.json")) as handle:
        module_plan = json.load(handle)
    for tunnel in module_plan["tunnels"]:
        if tunnel["in_use"]:
            found.add("key generated for %s" % tunnel["name"], hmac.new(
                play_vars["plan_seed"].encode(), tunnel["shared_secret"]["label"].encode(),
                hashlib.sha256).hexdigest())

    # control: the same search finds every secret the runs were given in their inputs (the
    # keys OCI generated and those derived from a seed are never in an input)
    in_inputs = set(hit[2] for hit in scan(lab.inputs, found))
    given = set(name for name in found.values
                if not name.startswith(("OCI-generated key", "key generated for")))
    assert given <= in_inputs, sorted(given - in_inputs)

    hits = scan(lab.outputs, found)
    print("\nsecrets test: %.0f s wall; runs (wall/CPU s): %s; searched %d outputs (%.1f MB) for "
          "%d secrets in %d forms" % (
              time.time() - started, ", ".join("%s %.0f/%.0f" % item for item in lab.timings),
              len(lab.outputs), sum(len(text) for dummy, text in lab.outputs) / 1e6,
              len(found.values), len(found.needles)))
    assert not hits, "secrets in the outputs:\n" + describe(hits[:200])
    # and the diff says that the hidden value changes
    assert oci_change["diff"]["after"]["tunnels"][0]["shared_secret"] == "******** (changed)"
