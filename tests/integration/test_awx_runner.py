"""AWX / Automation Platform without AWX: the execution environment definition, the two custom
credential types and a job run the way AWX runs one (docs/awx.md).

- The credential types of docs/awx/ pass the checks AWX makes when one is saved, and docs/awx.md
  quotes them as they are.
- ``ansible-builder create`` turns meta/execution-environment.yml into a build context; the
  context's galaxy step and ansible-builder's dependency introspection then run here as the image
  build runs them (no container runtime needed). The collection as shipped introspects too.
- site.yml runs for vpn_single against the twin through ansible-runner's Python API, from a
  private data directory laid out as AWX lays it out: project/ (the checkout, the collection in
  its playbook-adjacent collections/), inventory/hosts (AWX's inventory script), env/extravars,
  env/envvars, env/cmdline and env/settings, with the credentials injected from docs/awx/ the way
  AWX renders a custom credential type (env vars, and file injectors written to env/ whose paths
  the env vars carry). No secret reaches the job's stdout, its job events or the plan and verify
  artifacts.
"""

import configparser
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import types

import pytest
import yaml
from jinja2 import StrictUndefined
from jinja2.exceptions import UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from oci_it_helpers import azure_network

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
EE_FILE = os.path.join(ROOT, "meta", "execution-environment.yml")
AWX_DOC = os.path.join(ROOT, "docs", "awx.md")
CREDENTIAL_TYPES = {
    "oci": os.path.join(ROOT, "docs", "awx", "credential_type_oci.yml"),
    "azure": os.path.join(ROOT, "docs", "awx", "credential_type_azure.yml"),
}
TWIN_INVENTORY = os.path.join(ROOT, "inventories", "twin")
HOST = "vpn_single"
VERIFY_TASK = "Verify the interconnect from both clouds"
# The job template's extra variable; the twin inventory says westeurope.
JOB_LOCATION = "northeurope"

# What AWX refuses in a credential type (awx/main/constants.py ENV_BLOCKLIST, awx/main/fields.py).
AWX_ENV_BLOCKLIST = frozenset((
    "VIRTUAL_ENV", "PATH", "PYTHONPATH", "JOB_ID", "INVENTORY_ID", "INVENTORY_SOURCE_ID",
    "INVENTORY_UPDATE_ID", "AD_HOC_COMMAND_ID", "REST_API_URL", "REST_API_TOKEN", "MAX_EVENT_RES",
    "CALLBACK_QUEUE", "CALLBACK_CONNECTION", "CACHE", "JOB_CALLBACK_DEBUG", "INVENTORY_HOSTVARS",
    "AWX_HOST", "PROJECT_REVISION", "SUPERVISOR_CONFIG_PATH"))
AWX_FIELD_KEYS = frozenset(("id", "label", "type", "format", "choices", "help_text", "multiline",
                            "secret", "ask_at_runtime", "default"))
IDENTIFIER = re.compile(r"^[a-zA-Z_]+[a-zA-Z0-9_]*$")
FILE_LABEL = re.compile(r"^template(\.[a-zA-Z_]+[a-zA-Z0-9_]*)?$")
# Files a collection user never needs (galaxy.yml build_ignore).
NOT_SHIPPED = ("meta/execution-environment.yml", "tests/integration", "tests/emulator", "molecule",
               "inventories/twin", "emulator", ".hypothesis", "requirements-dev.txt")


def _yaml(path):
    with open(path) as handle:
        return yaml.safe_load(handle)


def _read(path):
    with open(path) as handle:
        return handle.read()


def _pins():
    pins = {}
    for line in _read(os.path.join(ROOT, "constraints.txt")).splitlines():
        if line and not line.startswith("#"):
            name, dummy, version = line.partition("==")
            pins[name.lower()] = version
    return pins


def _requirement_names(path):
    return [line.split("#")[0].strip() for line in _read(path).splitlines()
            if line.split("#")[0].strip() and not line.startswith("-")]


def _git_visible_files():
    """The files a checkout of the repository has (tracked and new, not ignored)."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                         cwd=ROOT, capture_output=True, check=True).stdout.decode()
    return sorted(path for path in out.split("\0") if path and os.path.isfile(os.path.join(ROOT, path)))


def _files_under(root):
    found = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            found.add(os.path.relpath(os.path.join(folder, name), root))
    return found


def _clean_env(home, **extra):
    """The environment of a fresh build container: no ANSIBLE_* from the caller, an empty home."""
    env = dict((key, value) for key, value in os.environ.items() if not key.startswith("ANSIBLE_"))
    env.update(HOME=str(home), PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
    env.update(extra)
    return env


def _galaxy_install(requirements, cwd, dest, home):
    """The Containerfile's galaxy step: ansible-galaxy collection install -r requirements.yml."""
    proc = subprocess.run(
        [os.path.join(BIN, "ansible-galaxy"), "collection", "install", "-r", requirements,
         "--collections-path", str(dest)],
        cwd=str(cwd), env=_clean_env(home, ANSIBLE_COLLECTIONS_PATH=str(dest),
                                     ANSIBLE_GALAXY_DISABLE_GPG_VERIFY="1"),
        capture_output=True, text=True, check=False, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    installed = os.path.join(str(dest), "ansible_collections", "interconnect", "oci_azure")
    assert os.path.isfile(os.path.join(installed, "MANIFEST.json")), proc.stdout
    return installed


def _introspect(script, collections_path):
    """ansible-builder's introspection of the installed collections (the builder stage's step)."""
    proc = subprocess.run([sys.executable, script, "introspect", str(collections_path)],
                          capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return yaml.safe_load(proc.stdout)


# -- AWX's handling of a custom credential type -------------------------------------------------
def validate_credential_type(credential_type):
    """The checks AWX makes when a custom credential type is saved: the input schema, allowed
    environment variables, file injector labels, and injector templates that use only defined
    fields (rendered with StrictUndefined, every field set to a placeholder)."""
    assert credential_type["kind"] in ("cloud", "net"), credential_type["kind"]
    inputs = credential_type["inputs"]
    assert set(inputs) <= {"fields", "required"}, inputs.keys()
    ids = [field["id"] for field in inputs["fields"]]
    assert len(ids) == len(set(ids)) and "tower" not in ids, ids
    for field in inputs["fields"]:
        assert set(field) <= AWX_FIELD_KEYS and "label" in field, field
        assert IDENTIFIER.match(field["id"]) and field.get("type", "string") in ("string", "boolean"), field
    assert set(inputs.get("required", [])) <= set(ids), inputs["required"]

    injectors = credential_type["injectors"]
    assert set(injectors) <= {"file", "env", "extra_vars"}, injectors.keys()
    labels = list(injectors.get("file", {}))
    assert all(FILE_LABEL.match(label) for label in labels), labels
    assert "template" not in labels or len(labels) == 1, "multi-file syntax needed for several files"
    for name in injectors.get("env", {}):
        assert IDENTIFIER.match(name), name
        assert not name.startswith("ANSIBLE_") and name not in AWX_ENV_BLOCKLIST, \
            "AWX refuses %s in a credential type" % name

    filenames = types.SimpleNamespace(**dict((label.split(".", 1)[1], "EXAMPLE_FILENAME")
                                             for label in labels if "." in label))
    namespace = dict((field_id, "EXAMPLE") for field_id in ids)
    namespace["tower"] = types.SimpleNamespace(filename="EXAMPLE_FILENAME" if "template" in labels else filenames)
    strict = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    for kind in ("file", "env"):
        for key, template in injectors.get(kind, {}).items():
            strict.from_string(template).render(**namespace)


def inject_credential(credential_type, inputs, private_data_dir):
    """AWX's CredentialType.inject_credential for a custom type: each file injector is rendered
    into a new private file under env/ and its path offered as ``tower.filename.<label>``; then
    the env injectors are rendered. Empty inputs are left out of the namespace, as AWX does, so
    they render as empty strings. (AWX passes the in-container path, /runner/env/...; without a
    container it is the same file here.)"""
    fields = [field["id"] for field in credential_type["inputs"]["fields"]]
    unknown = set(inputs) - set(fields)
    assert not unknown, "inputs the credential type does not define: %s" % unknown
    missing = [name for name in credential_type["inputs"].get("required", []) if not inputs.get(name)]
    assert not missing, "required inputs missing: %s" % missing

    sandbox = ImmutableSandboxedEnvironment()
    namespace = dict((name, value) for name, value in inputs.items() if value)
    tower = types.SimpleNamespace()
    namespace["tower"] = tower
    env_dir = os.path.join(str(private_data_dir), "env")
    for label, template in credential_type["injectors"].get("file", {}).items():
        handle, path = tempfile.mkstemp(dir=env_dir)
        with os.fdopen(handle, "w") as out:
            out.write(sandbox.from_string(template).render(**namespace))
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        if "." in label:
            if not hasattr(tower, "filename"):
                tower.filename = types.SimpleNamespace()
            setattr(tower.filename, label.split(".", 1)[1], path)
        else:
            tower.filename = path
    return dict((name, sandbox.from_string(template).render(**namespace))
                for name, template in credential_type["injectors"].get("env", {}).items())


# -- credential inputs: what an AWX admin would type in for the twin -----------------------------
def oci_credential_inputs(twin_env):
    config = configparser.ConfigParser()
    config.read(twin_env["OCI_CONFIG_FILE"])
    profile = config[twin_env.get("OCI_CONFIG_PROFILE") or "DEFAULT"]
    return {
        "user": profile["user"],
        "tenancy": profile["tenancy"],
        "fingerprint": profile["fingerprint"],
        "private_key": _read(profile["key_file"]),
        "passphrase": "",
        "region": profile["region"],
        "compartment": twin_env["OCI_COMPARTMENT_ID"],
        "service_endpoint": twin_env["OCI_SERVICE_ENDPOINT"],
        "ca_certificate": _read(twin_env["OCI_CA_BUNDLE"]),
    }


def azure_credential_inputs(twin_env):
    return {
        "subscription_id": twin_env["AZURE_SUBSCRIPTION_ID"],
        "client_id": twin_env["AZURE_CLIENT_ID"],
        "secret": twin_env["AZURE_SECRET"],
        "tenant": twin_env["AZURE_TENANT"],
        "authority_host": twin_env["AZURE_AUTHORITY_HOST"],
        "resource_manager_endpoint": twin_env["AZURE_RESOURCE_MANAGER_ENDPOINT"],
        "ca_certificate": _read(twin_env["AZURE_CA_BUNDLE"]),
    }


# -- tests ----------------------------------------------------------------------------------------
def test_credential_types_are_valid_awx_types_and_documented_as_they_are():
    quoted = [yaml.safe_load(block) for block in
              re.findall(r"^```yaml\n(.*?)^```", _read(AWX_DOC), re.S | re.M)]
    for name, path in sorted(CREDENTIAL_TYPES.items()):
        credential_type = _yaml(path)
        validate_credential_type(credential_type)
        # docs/awx.md shows both parts exactly, ready to paste
        assert credential_type["inputs"] in quoted, "docs/awx.md does not quote the %s inputs" % name
        assert credential_type["injectors"] in quoted, "docs/awx.md does not quote the %s injectors" % name
    # every secret the modules read has a field marked secret
    oci = _yaml(CREDENTIAL_TYPES["oci"])
    azure = _yaml(CREDENTIAL_TYPES["azure"])
    assert {f["id"] for f in oci["inputs"]["fields"] if f.get("secret")} == {"private_key", "passphrase"}
    assert {f["id"] for f in azure["inputs"]["fields"] if f.get("secret")} == {"secret"}
    # and a broken template is caught by the same check
    broken = dict(oci, injectors={"env": {"OCI_USER": "{{ usr }}"}})
    with pytest.raises(UndefinedError, match="usr"):
        validate_credential_type(broken)


def test_ansible_builder_creates_the_build_context(tmp_path):
    context = tmp_path / "context"
    proc = subprocess.run([os.path.join(BIN, "ansible-builder"), "create", "-f", EE_FILE,
                           "-c", str(context), "--output-filename", "Containerfile"],
                          cwd=str(tmp_path), capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    containerfile = _read(str(context / "Containerfile"))
    build = context / "_build"
    definition = _yaml(EE_FILE)
    assert definition["version"] == 3

    # base image, interpreter and the ansible-core / ansible-runner pins of constraints.txt
    pins = _pins()
    assert 'ARG EE_BASE_IMAGE="%s"' % definition["images"]["base_image"]["name"] in containerfile
    assert 'ARG PYCMD="/usr/bin/python3.11"' in containerfile
    assert 'ARG ANSIBLE_INSTALL_REFS="ansible-core==%s ansible-runner==%s"' % (
        pins["ansible-core"], pins["ansible-runner"]) in containerfile
    # the Python and system requirements, and constraints.txt for every pip install
    assert _read(str(build / "requirements.txt")) == _read(os.path.join(ROOT, "requirements.txt"))
    assert _read(str(build / "bindep.txt")) == _read(os.path.join(ROOT, "bindep.txt"))
    assert _read(str(build / "constraints" / "constraints.txt")) == _read(os.path.join(ROOT, "constraints.txt"))
    assert "ARG PIP_CONSTRAINT=/output/constraints.txt" in containerfile
    assert "COPY _build/constraints/constraints.txt /tmp/src/upper-constraints.txt" in containerfile
    assert "RUN /output/scripts/assemble" in containerfile and "/output/scripts/check_ansible" in containerfile

    # the galaxy stage installs the collection from the context, with everything it runs
    home = tmp_path / "home"
    home.mkdir()
    installed = _galaxy_install("requirements.yml", build, tmp_path / "ee-collections", home)
    manifest = json.loads(_read(os.path.join(installed, "MANIFEST.json")))["collection_info"]
    galaxy = _yaml(os.path.join(ROOT, "galaxy.yml"))
    assert (manifest["namespace"], manifest["name"], manifest["version"]) == (
        galaxy["namespace"], galaxy["name"], galaxy["version"])
    runtime = set(path for path in _git_visible_files()
                  if path.split("/")[0] in ("plugins", "roles", "playbooks") or path == "meta/runtime.yml")
    missing = sorted(runtime - _files_under(installed))
    assert not missing, "the EE would lack %s (meta/execution-environment.yml additional_build_files)" % missing

    # the builder stage's introspection finds the collection's Python and system requirements
    introspect = str(build / "scripts" / "introspect.py")
    found = _introspect(introspect, tmp_path / "ee-collections")
    for name in _requirement_names(os.path.join(ROOT, "requirements.txt")):
        assert "%s  # from collection interconnect.oci_azure" % name in found["python"], found
    assert any(line.startswith("git ") for line in found["system"]), found

    # the collection as shipped (install from source honours build_ignore like a build) carries
    # no test-only content and introspects as well: a shipped meta/execution-environment.yml
    # would make every EE build that installs it look for ../requirements.txt
    shipped_requirements = tmp_path / "shipped.yml"
    shipped_requirements.write_text(yaml.safe_dump({"collections": [{"name": ROOT, "type": "dir"}]}))
    shipped = _galaxy_install(str(shipped_requirements), tmp_path, tmp_path / "shipped-collections", home)
    present = [path for path in NOT_SHIPPED if os.path.exists(os.path.join(shipped, path))]
    assert not present, "shipped but test-only or repository-only: %s" % present
    found = _introspect(introspect, tmp_path / "shipped-collections")
    assert "oci  # from collection interconnect.oci_azure" in found["python"], found


def _inventory_script(path):
    """inventory/hosts as AWX writes it: an executable script printing the inventory's JSON
    (groups with their variables, host variables with AWX's towervars), here the twin inventory
    as an SCM inventory source would have imported it."""
    hosts = _yaml(os.path.join(TWIN_INVENTORY, "hosts.yml"))["all"]["children"]["interconnects"]["hosts"]
    hostvars = {}
    for number, host in enumerate(sorted(hosts), start=1):
        variables = _yaml(os.path.join(TWIN_INVENTORY, "host_vars", host + ".yml"))
        variables.update(remote_tower_enabled="true", remote_tower_id=number)
        hostvars[host] = variables
    data = {
        "all": {"children": ["ungrouped", "interconnects"]},
        "interconnects": {"hosts": sorted(hosts),
                          "vars": _yaml(os.path.join(TWIN_INVENTORY, "group_vars", "interconnects.yml"))},
        "_meta": {"hostvars": hostvars},
    }
    with open(path, "w") as out:
        out.write("#! /usr/bin/env python3\n# -*- coding: utf-8 -*-\nprint(%r)\n" % json.dumps(data))
    os.chmod(path, 0o700)


def _checkout(project):
    """project/: what AWX's project update checks out, and the collection in the playbook-adjacent
    collections/ directory (the project is the collection)."""
    for path in _git_visible_files():
        target = os.path.join(project, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, path), target)
    link = os.path.join(project, "collections", "ansible_collections", "interconnect", "oci_azure")
    os.makedirs(os.path.dirname(link))
    os.symlink(os.path.join("..", "..", ".."), link)


def _write(path, content):
    with open(path, "w") as out:
        out.write(content)
    os.chmod(path, 0o600)


def _pre_shared_keys(twin, prefix):
    """The keys on the OCI tunnels of the interconnect named ``prefix`` (the run took them from
    OCI and set them on the Azure connection)."""
    import oci
    from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_auth import use_ca_bundle
    env = twin.env
    config = oci.config.from_file(env["OCI_CONFIG_FILE"], env.get("OCI_CONFIG_PROFILE", "DEFAULT"))
    client = oci.core.VirtualNetworkClient(config, service_endpoint=env["OCI_SERVICE_ENDPOINT"])
    use_ca_bundle(client.base_client.session, env["OCI_CA_BUNDLE"], env["OCI_SERVICE_ENDPOINT"])
    keys = []
    connections = oci.pagination.list_call_get_all_results(
        client.list_ip_sec_connections, compartment_id=env["OCI_COMPARTMENT_ID"]).data
    for connection in connections:
        if not connection.display_name.startswith(prefix + "-"):
            continue
        for tunnel in client.list_ip_sec_connection_tunnels(connection.id).data:
            keys.append(client.get_ip_sec_connection_tunnel_shared_secret(connection.id, tunnel.id).data.shared_secret)
    return keys


def _leaks(secrets, paths):
    """(path, secret name) for every secret found in the files."""
    found = []
    for path in paths:
        with open(path, errors="replace") as handle:
            text = handle.read()
        # JSON files escape newlines; compare both forms of multi-line values
        for name, value in secrets.items():
            if value and (value in text or json.dumps(value)[1:-1] in text):
                found.append((path, name))
    return found


def test_site_runs_through_ansible_runner_as_awx_runs_it(twin, tmp_path, monkeypatch):
    import ansible_runner

    private_data_dir = tmp_path / "awx_job_1"
    for sub in ("project", "inventory", "env", "cp"):
        (private_data_dir / sub).mkdir(parents=True)
    project = str(private_data_dir / "project")
    _checkout(project)
    _inventory_script(str(private_data_dir / "inventory" / "hosts"))

    # the job's environment, as AWX's RunJob.build_env makes it (CONTAINER_ROOT, /runner, is the
    # private data directory here) plus an "Extra Environment Variables" setting ...
    project_cfg = configparser.ConfigParser()
    project_cfg.read(os.path.join(project, "ansible.cfg"))
    project_collections = project_cfg.get("defaults", "collections_path", fallback=None)
    artifacts = tmp_path / "interconnect-artifacts"
    envvars = {
        "JOB_ID": "1",
        "INVENTORY_ID": "1",
        "PROJECT_REVISION": subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                           text=True, check=True).stdout.strip(),
        "AWX_HOST": "https://awx.example.invalid",
        "AWX_PRIVATE_DATA_DIR": str(private_data_dir),
        "MAX_EVENT_RES": "700000",
        "ANSIBLE_RETRY_FILES_ENABLED": "False",
        "ANSIBLE_SSH_CONTROL_PATH_DIR": str(private_data_dir / "cp"),
        "ANSIBLE_COLLECTIONS_PATH": os.pathsep.join(
            [str(private_data_dir / "requirements_collections")]
            + ([project_collections] if project_collections else [])
            + ["~/.ansible/collections", "/usr/share/ansible/collections"]),
        "ANSIBLE_ROLES_PATH": os.pathsep.join([str(private_data_dir / "requirements_roles"),
                                               "~/.ansible/roles", "/usr/share/ansible/roles"]),
        "INTERCONNECT_ARTIFACTS_DIR": str(artifacts),
    }
    # ... and the two credentials attached to the job template
    injected = {}
    for name, inputs in (("oci", oci_credential_inputs(twin.env)), ("azure", azure_credential_inputs(twin.env))):
        injected.update(inject_credential(_yaml(CREDENTIAL_TYPES[name]), inputs, private_data_dir))
    assert os.path.isfile(injected["OCI_KEY_FILE"]) and injected["OCI_KEY_FILE"].startswith(str(private_data_dir / "env"))
    assert stat.S_IMODE(os.stat(injected["OCI_KEY_FILE"]).st_mode) == 0o600
    assert injected["OCI_PASS_PHRASE"] == "" and os.path.isfile(injected["AZURE_CA_BUNDLE"])
    envvars.update(injected)
    _write(str(private_data_dir / "env" / "envvars"), yaml.safe_dump(envvars))
    # the job template's extra variables and AWX's meta variables
    _write(str(private_data_dir / "env" / "extravars"), yaml.safe_dump({
        "interconnect_azure_location": JOB_LOCATION,
        "awx_job_id": 1, "awx_job_template_name": "interconnect site", "awx_user_name": "admin",
        "tower_job_id": 1, "tower_job_template_name": "interconnect site"}))
    # AWX's command line: user, forks and the job template's limit
    _write(str(private_data_dir / "env" / "cmdline"), "-u root --forks=5 -l %s" % HOST)
    # AWX streams the events through a callback and keeps no output file; this run keeps the files
    # (stdout, job_events/) to search them
    _write(str(private_data_dir / "env" / "settings"), json.dumps(
        {"job_timeout": 600, "suppress_ansible_output": True, "suppress_output_file": False}))

    # Only what the job is given: nothing of the twin's env.sh, no ANSIBLE_* of the caller, the home
    # directory of the EE (/runner), and the repository venv's ansible-playbook first on PATH.
    for key in list(os.environ):
        if key.startswith(("OCI_", "AZURE_", "ANSIBLE_", "INTERCONNECT_")) or key == "REQUESTS_CA_BUNDLE":
            monkeypatch.delenv(key)
    monkeypatch.setenv("HOME", str(private_data_dir))
    monkeypatch.setenv("PATH", BIN + os.pathsep + os.environ.get("PATH", ""))
    assert shutil.which("ansible-playbook") == os.path.join(BIN, "ansible-playbook")

    writes = twin.writes()
    result = ansible_runner.run(private_data_dir=str(private_data_dir), playbook="site.yml",
                                ident="1", process_isolation=False, suppress_env_files=True)
    job_dir = private_data_dir / "artifacts" / "1"
    stdout = _read(str(job_dir / "stdout"))
    assert (result.status, result.rc) == ("successful", 0), stdout[-6000:]
    assert twin.writes() > writes

    events = list(result.events)
    hosts = set(e["event_data"]["host"] for e in events if e.get("event_data", {}).get("host"))
    assert hosts == {HOST}, hosts                                    # the limit held
    verified = [e for e in events if e["event"] == "runner_on_ok" and e["event_data"].get("task") == VERIFY_TASK]
    assert [e["event_data"]["host"] for e in verified] == [HOST], [e["event"] for e in events][-20:]
    # the collection's roles came from the checkout (project/collections/ansible_collections/...)
    assert verified[0]["event_data"]["task_path"].startswith(project), verified[0]["event_data"]["task_path"]
    stats = [e for e in events if e["event"] == "playbook_on_stats"][-1]["event_data"]
    assert not stats["failures"] and not stats["dark"] and HOST in stats["ok"], stats

    with open(str(artifacts / HOST / "verify.json")) as handle:
        report = json.load(handle)
    assert report["ok"] and report["failed"] == 0 and report["passed"] > 0, report
    # the extra variable reached the run: the VNet is where the job template put it
    vnet = azure_network(twin).virtual_networks.get("rg-single", "vnet-single")
    assert vnet.location == JOB_LOCATION

    # No secret in the job's stdout, its job events or the plan and verify artifacts.
    private_key = oci_credential_inputs(twin.env)["private_key"]
    key_lines = [line for line in private_key.splitlines() if line and not line.startswith("-----")]
    secrets = {"azure client secret": twin.env["AZURE_SECRET"], "OCI private key": private_key}
    secrets.update(("OCI private key line %d" % number, line) for number, line in enumerate(key_lines))
    psks = _pre_shared_keys(twin, "single")
    assert psks and all(psks), psks
    secrets.update(("pre-shared key %d" % number, key) for number, key in enumerate(psks))
    searched = [str(job_dir / "stdout")]
    searched += [os.path.join(str(job_dir / "job_events"), name) for name in os.listdir(str(job_dir / "job_events"))]
    searched += [os.path.join(folder, name) for folder, dummy, files in os.walk(str(artifacts)) for name in files]
    assert len(searched) > 50, searched
    assert _leaks(secrets, searched) == []
    # the search does find them where they are meant to be: the job's inputs under env/
    inputs = [os.path.join(str(private_data_dir / "env"), name) for name in os.listdir(str(private_data_dir / "env"))]
    found = set(name for dummy, name in _leaks(secrets, inputs))
    assert {"azure client secret", "OCI private key"} <= found, found
