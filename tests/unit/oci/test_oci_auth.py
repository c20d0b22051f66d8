"""Authentication: config file + profile, API key options over the profile, security token,
instance and resource principals, and the endpoint/CA overrides."""

import oci
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_api
from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_auth
from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_retries
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError

from oci_unit_helpers import FakeModule

USER = "ocid1.user.oc1..aaaaaaaauser"
TENANCY = "ocid1.tenancy.oc1..aaaaaaaatenancy"
FINGERPRINT = ":".join(["ab"] * 16)


@pytest.fixture
def key_file(tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = tmp_path / "key.pem"
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    return str(path)


@pytest.fixture
def config_file(tmp_path, key_file):
    path = tmp_path / "config"
    path.write_text("[DEFAULT]\nuser=%s\nfingerprint=%s\ntenancy=%s\nregion=us-ashburn-1\nkey_file=%s\n"
                    "[OTHER]\nuser=%s\nfingerprint=%s\ntenancy=%s\nregion=eu-frankfurt-1\nkey_file=%s\n"
                    "security_token_file=%s\n"
                    % (USER, FINGERPRINT, TENANCY, key_file, USER, FINGERPRINT, TENANCY, key_file,
                       tmp_path / "token"))
    (tmp_path / "token").write_text("header.payload.signature\n")
    return str(path)


def params(**kw):
    base = dict((k, None) for k in oci_auth.oci_auth_argument_spec())
    base["auth_type"] = "api_key"
    base.update(kw)
    return base


def test_profile_from_the_config_file(config_file):
    config, signer = oci_auth.build_config(params(config_file=config_file, config_profile="OTHER"))
    assert signer is None and config["region"] == "eu-frankfurt-1" and config["user"] == USER


def test_options_override_the_profile(config_file):
    config, dummy = oci_auth.build_config(params(config_file=config_file, region="uk-london-1",
                                                 tenancy="ocid1.tenancy.oc1..other"))
    assert config["region"] == "uk-london-1" and config["tenancy"] == "ocid1.tenancy.oc1..other"
    assert config["user"] == USER


def test_options_alone_without_a_config_file(tmp_path, key_file):
    config, signer = oci_auth.build_config(params(
        config_file=None, user=USER, tenancy=TENANCY, fingerprint=FINGERPRINT, key_file=key_file,
        region="us-phoenix-1"))
    assert signer is None and config["key_file"] == key_file


def test_missing_named_config_file_is_an_auth_error(tmp_path):
    with pytest.raises(CloudError) as caught:
        oci_auth.build_config(params(config_file=str(tmp_path / "nope")))
    assert "not found" in caught.value.message and "OCI_CONFIG_FILE" in caught.value.hint


def test_incomplete_options_are_an_auth_error(tmp_path, monkeypatch):
    monkeypatch.setattr(oci.config, "DEFAULT_LOCATION", str(tmp_path / "absent"))
    with pytest.raises(CloudError) as caught:
        oci_auth.build_config(params(user=USER, region="us-ashburn-1"))
    assert [entry[1] for entry in caught.value.missing] == ["tenancy", "fingerprint", "key_file or key_content"]


def test_unknown_profile_is_an_auth_error(config_file):
    with pytest.raises(CloudError) as caught:
        oci_auth.build_config(params(config_file=config_file, config_profile="MISSING"))
    assert "MISSING" in caught.value.message


def test_security_token_uses_the_profile_token(config_file):
    config, signer = oci_auth.build_config(params(config_file=config_file, config_profile="OTHER",
                                                  auth_type="security_token"))
    assert isinstance(signer, oci.auth.signers.SecurityTokenSigner)
    assert config["region"] == "eu-frankfurt-1"


def test_security_token_without_token_file_says_how_to_get_one(config_file):
    with pytest.raises(CloudError) as caught:
        oci_auth.build_config(params(config_file=config_file, auth_type="security_token"))
    assert "oci session authenticate" in caught.value.hint


@pytest.mark.parametrize("auth_type, attribute", [
    ("instance_principal", "InstancePrincipalsSecurityTokenSigner"),
    ("resource_principal", "get_resource_principals_signer"),
])
def test_principals_take_region_and_tenancy_from_the_signer(monkeypatch, auth_type, attribute):
    class Signer:
        region = "ap-tokyo-1"
        tenancy_id = TENANCY

    monkeypatch.setattr(oci.auth.signers, attribute, Signer)
    config, signer = oci_auth.build_config(params(auth_type=auth_type))
    assert isinstance(signer, Signer) and config == {"region": "ap-tokyo-1", "tenancy": TENANCY}
    config, dummy = oci_auth.build_config(params(auth_type=auth_type, region="us-ashburn-1"))
    assert config["region"] == "us-ashburn-1"


def test_client_gets_endpoint_ca_bundle_and_keeps_proxies(config_file, tmp_path, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    ca = tmp_path / "ca.pem"
    ca.write_text("unused")
    module = FakeModule(params(config_file=config_file, service_endpoint="https://127.0.0.1:8443/",
                               ca_bundle=str(ca)))
    client = oci_api.OCIApi(module).client
    assert client.base_client.endpoint == "https://127.0.0.1:8443/20160918"
    session = client.base_client.session
    # REQUESTS_CA_BUNDLE must not win over ca_bundle, and the proxy must survive
    assert session.verify == str(ca) and session.trust_env is False
    assert session.proxies.get("https") == "http://proxy.example:3128"
    assert isinstance(client.retry_strategy, oci_retries.RetryAfterStrategy)


def test_argument_spec_marks_secrets_no_log():
    spec = oci_auth.oci_auth_argument_spec()
    assert spec["key_content"]["no_log"] is True and spec["pass_phrase"]["no_log"] is True
    assert spec["config_file"]["fallback"][1] == ["OCI_CONFIG_FILE"]
    assert spec["service_endpoint"]["fallback"][1] == ["OCI_SERVICE_ENDPOINT"]
    assert spec["ca_bundle"]["fallback"][1] == ["OCI_CA_BUNDLE"]
