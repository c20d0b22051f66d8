"""A missing OCI credential fails once, before any call: one message that names the missing
option by its environment variables and module option (the SDK would say only "missing" in a
dict of config keys)."""

import json

import oci
import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_auth, oci_errors
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CredentialError
from ansible_collections.interconnect.oci_azure.plugins.modules import oci_ipsec_connection_info

USER = "ocid1.user.oc1..aaaaaaaauser"
TENANCY = "ocid1.tenancy.oc1..aaaaaaaatenancy"
FINGERPRINT = ":".join(["ab"] * 16)
OCI_VARIABLES = [name for variables in oci_errors.AUTH_VARIABLES.values() for name in variables] + [
    "OCI_PASS_PHRASE", "OCI_SERVICE_ENDPOINT", "OCI_CA_BUNDLE", "OCI_COMPARTMENT_ID"]


@pytest.fixture
def no_oci_environment(monkeypatch, tmp_path):
    for name in OCI_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))         # no ~/.oci/config
    monkeypatch.setattr(oci.config, "DEFAULT_LOCATION", str(tmp_path / ".oci" / "config"))
    return tmp_path


def params(**given):
    base = dict((name, None) for name in oci_auth.oci_auth_argument_spec())
    base["auth_type"] = "api_key"
    base.update(given)
    return base


def test_nothing_set_names_the_config_file_and_the_api_key(no_oci_environment):
    with pytest.raises(CredentialError) as caught:
        oci_auth.build_config(params())
    text = caught.value.to_msg()
    assert text.startswith("OCI credentials: none found (no config file %s/.oci/config, no API key options); "
                           "no config file: set OCI_CONFIG_FILE (module option config_file). "
                           % no_oci_environment), text
    assert "OCI_USER, OCI_TENANCY, OCI_FINGERPRINT, OCI_KEY_FILE (or OCI_KEY_CONTENT) and OCI_REGION" in text
    assert "module_defaults for group/interconnect.oci_azure.oci" in text


def test_a_profile_without_its_file_names_the_file(no_oci_environment):
    # the twin's env.sh names the profile: with OCI_CONFIG_FILE gone, the default file is looked for
    with pytest.raises(CredentialError) as caught:
        oci_auth.build_config(params(config_profile="DEFAULT"))
    assert caught.value.to_msg().startswith(
        "OCI credentials: config file %s/.oci/config not found (profile DEFAULT). Create it (oci setup config) "
        "or point OCI_CONFIG_FILE (module option config_file) at it." % no_oci_environment)


def test_a_profile_missing_a_piece_names_the_piece_and_the_profile(no_oci_environment):
    key = no_oci_environment / "key.pem"
    key.write_text("not read before the call")
    config = no_oci_environment / "config"
    config.write_text("[DEFAULT]\nuser=%s\ntenancy=%s\nregion=us-ashburn-1\nkey_file=%s\n" % (USER, TENANCY, key))
    with pytest.raises(CredentialError) as caught:
        oci_auth.build_config(params(config_file=str(config)))
    assert caught.value.to_msg().startswith(
        "OCI credentials: profile DEFAULT of %s lacks them; no API key fingerprint: set OCI_FINGERPRINT "
        "(module option fingerprint)" % config)
    # the control: the option completes the profile
    built, signer = oci_auth.build_config(params(config_file=str(config), fingerprint=FINGERPRINT))
    assert built["fingerprint"] == FINGERPRINT and signer is None


def test_options_without_a_file_name_each_missing_piece(no_oci_environment):
    with pytest.raises(CredentialError) as caught:
        oci_auth.build_config(params(user=USER, tenancy=TENANCY, region="us-ashburn-1"))
    assert caught.value.missing == [
        ("API key fingerprint", "fingerprint", ["OCI_FINGERPRINT"]),
        ("API private key", "key_file or key_content", ["OCI_KEY_FILE", "OCI_KEY_CONTENT"])]
    # key content stands for the file
    built, dummy = oci_auth.build_config(params(user=USER, tenancy=TENANCY, region="us-ashburn-1",
                                                fingerprint=FINGERPRINT, key_content="PEM"))
    assert built["key_content"] == "PEM"


def test_a_module_without_credentials_fails_once_before_any_call(no_oci_environment, monkeypatch, capsys):
    monkeypatch.setenv("OCI_CONFIG_PROFILE", "DEFAULT")
    clients = []
    monkeypatch.setattr(oci.core, "VirtualNetworkClient", lambda *args, **kwargs: clients.append(args))
    with patch_module_args({"compartment_id": "ocid1.compartment.oc1..aaaaaaaacomp"}):
        with pytest.raises(SystemExit):
            oci_ipsec_connection_info.main()
    result = json.loads(capsys.readouterr().out)
    assert result["failed"] and clients == []
    assert result["msg"].startswith("OCI credentials: config file "), result["msg"]
    assert json.dumps(result).count("not found (profile DEFAULT)") == 1, result
    assert result["error"] == {"cloud": "OCI", "code": "CredentialMissing", "missing": []}
