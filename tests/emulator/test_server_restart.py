"""The command-line contract: generated credentials, endpoints.json, env.sh, clean stop, and a
restart that keeps resources and identities."""

import hashlib
import ipaddress
import json
import os
import signal
import subprocess
import sys

import oci
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from conftest import REPO_ROOT

ENV_NAMES = [
    "OCI_CONFIG_FILE", "OCI_CONFIG_PROFILE", "OCI_REGION", "OCI_SERVICE_ENDPOINT", "OCI_CA_BUNDLE",
    "OCI_COMPARTMENT_ID", "OCI_TENANCY", "AZURE_CLIENT_ID", "AZURE_SECRET", "AZURE_CLIENT_SECRET", "AZURE_TENANT",
    "AZURE_TENANT_ID", "AZURE_SUBSCRIPTION_ID", "AZURE_AUTHORITY_HOST", "AZURE_RESOURCE_MANAGER_ENDPOINT",
    "AZURE_CA_BUNDLE", "INTERCONNECT_TWIN_ADMIN", "INTERCONNECT_TWIN_STATE_DIR", "INTERCONNECT_TWIN_ENDPOINTS",
]


def test_endpoints_json_has_exactly_the_contract_shape(twin):
    endpoints = twin.endpoints
    assert set(endpoints) == {"ca_bundle", "admin", "oci", "azure"}
    assert set(endpoints["oci"]) == {"endpoint", "config_file", "profile", "region", "tenancy", "compartment_id"}
    assert set(endpoints["azure"]) == {"resource_manager", "authority", "tenant_id", "client_id", "client_secret",
                                       "subscription_id"}
    base = "https://127.0.0.1:%d" % twin.port
    assert endpoints["oci"]["endpoint"] == endpoints["azure"]["resource_manager"] == endpoints["azure"]["authority"] \
        == base
    assert endpoints["admin"] == base + "/admin"
    assert endpoints["oci"]["profile"] == "DEFAULT" and endpoints["oci"]["region"] == "us-ashburn-1"
    assert endpoints["oci"]["tenancy"].startswith("ocid1.tenancy.oc1..")
    assert endpoints["oci"]["compartment_id"].startswith("ocid1.compartment.oc1..")
    assert os.path.isfile(endpoints["ca_bundle"]) and os.path.isfile(endpoints["oci"]["config_file"])


def test_oci_config_and_key_fingerprint(twin):
    config = twin.oci_config()
    oci.config.validate_config(config)
    with open(config["key_file"], "rb") as fh:
        key = serialization.load_pem_private_key(fh.read(), password=None)
    der = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    digest = hashlib.md5(der).hexdigest()
    assert config["fingerprint"] == ":".join(digest[i:i + 2] for i in range(0, 32, 2))
    assert config["tenancy"] == twin.endpoints["oci"]["tenancy"]
    assert oct(os.stat(config["key_file"]).st_mode & 0o777) == "0o600"


def test_server_certificate_names_and_ca(twin):
    with open(os.path.join(twin.state_dir, "server.pem"), "rb") as fh:
        cert = x509.load_pem_x509_certificate(fh.read())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("127.0.0.1")]
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]
    with open(twin.ca_bundle, "rb") as fh:
        ca = x509.load_pem_x509_certificate(fh.read())
    assert cert.issuer == ca.subject
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True


def test_env_sh_exports_every_variable(twin):
    env_file = os.path.join(twin.state_dir, "env.sh")
    script = 'set -e; . "%s"; for n in %s; do printf "%%s=%%s\\n" "$n" "$(printenv "$n")"; done' % (
        env_file, " ".join(ENV_NAMES))
    output = subprocess.run(["bash", "-c", script], check=True, capture_output=True, text=True,
                            env={"PATH": os.environ["PATH"]}).stdout
    values = dict(line.split("=", 1) for line in output.splitlines())
    endpoints, azure = twin.endpoints, twin.endpoints["azure"]
    assert all(values[name] for name in ENV_NAMES), values
    assert values["OCI_SERVICE_ENDPOINT"] == endpoints["oci"]["endpoint"]
    assert values["OCI_CA_BUNDLE"] == values["AZURE_CA_BUNDLE"] == endpoints["ca_bundle"]
    assert values["AZURE_SECRET"] == values["AZURE_CLIENT_SECRET"] == azure["client_secret"]
    assert values["AZURE_TENANT"] == values["AZURE_TENANT_ID"] == azure["tenant_id"]
    assert values["AZURE_RESOURCE_MANAGER_ENDPOINT"] == azure["resource_manager"]
    assert values["INTERCONNECT_TWIN_ADMIN"] == endpoints["admin"]
    assert values["INTERCONNECT_TWIN_ENDPOINTS"] == os.path.join(twin.state_dir, "endpoints.json")
    assert values["INTERCONNECT_TWIN_STATE_DIR"] == twin.state_dir


def test_restart_keeps_resources_identities_and_port(fresh_twin):
    build_client = fresh_twin.oci_network()
    details = oci.core.models.CreateDrgDetails(compartment_id=fresh_twin.compartment_id,
                                               display_name="survives-restart")
    drg = build_client.create_drg(details, opc_retry_token="token-across-restart").data
    before = dict(fresh_twin.endpoints)
    assert fresh_twin.stats()["total"] >= 1
    fresh_twin.restart()
    assert fresh_twin.endpoints == before                  # same port, same credentials
    # the client made before the restart still works (same port, same key)
    again = build_client.get_drg(drg.id).data
    assert (again.id, again.display_name) == (drg.id, "survives-restart")
    assert again.default_drg_route_tables.vcn == drg.default_drg_route_tables.vcn
    stats = fresh_twin.stats()
    assert stats["resources"]["oci"]["drg"] == 1
    assert stats["total"] == 1                             # counters start again at zero (the GET above)
    # a create whose answer was lost before the restart is replayed after it: OCI keeps retry
    # tokens for 24 hours, so the replay gets the same DRG instead of a second one
    replay = build_client.create_drg(details, opc_retry_token="token-across-restart").data
    assert replay.id == drg.id
    stats = fresh_twin.stats()
    assert stats["retry_token_replays"] == 1
    assert stats["resources"]["oci"]["drg"] == 1
    assert not [kind for kind in stats["resources"]["oci"] if kind.startswith("_")]


def test_sigterm_stops_cleanly_and_removes_endpoints(tmp_path):
    state_dir = str(tmp_path / "state")
    process = subprocess.Popen([sys.executable, "-m", "emulator", "serve", "--state-dir", state_dir, "--port", "0"],
                               cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = process.stdout.readline()
    assert "listening on https://127.0.0.1:" in line, line
    with open(os.path.join(state_dir, "endpoints.json")) as fh:
        port = int(json.load(fh)["oci"]["endpoint"].rsplit(":", 1)[1])
    assert port > 0
    process.send_signal(signal.SIGTERM)
    assert process.wait(15) == 0
    assert not os.path.exists(os.path.join(state_dir, "endpoints.json"))
    assert os.path.exists(os.path.join(state_dir, "state.json"))
    assert os.path.exists(os.path.join(state_dir, "credentials.json"))


def test_cli_rejects_bad_arguments(tmp_path):
    for args in (["--fault-rate", "2"], ["--time-scale", "-1"]):
        result = subprocess.run([sys.executable, "-m", "emulator", "serve", "--state-dir", str(tmp_path)] + args,
                                cwd=REPO_ROOT, capture_output=True, text=True, timeout=30)
        assert result.returncode != 0
    result = subprocess.run([sys.executable, "-m", "emulator"], cwd=REPO_ROOT, capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 2 and "serve" in result.stderr
