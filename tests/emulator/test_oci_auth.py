"""OCI request signing: the twin accepts only requests signed with its own key by the oci SDK."""

import email.utils
import json
import time

import oci
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def _raw_session(twin):
    session = requests.Session()
    session.verify = twin.ca_bundle
    session.trust_env = False
    return session


def _url(twin, path):
    return twin.endpoints["oci"]["endpoint"] + "/20160918" + path


def _signer(config):
    return oci.signer.Signer(config["tenancy"], config["user"], config["fingerprint"], config["key_file"])


def test_signed_sdk_request_is_accepted(twin):
    client = twin.oci_network()
    response = client.list_drgs(twin.compartment_id)
    assert response.status == 200 and response.headers["opc-request-id"]


def test_wrong_key_is_401_not_authenticated(twin, tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_file = tmp_path / "other.pem"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    config = dict(twin.oci_config(), key_file=str(key_file))
    with pytest.raises(oci.exceptions.ServiceError) as info:
        twin.oci_network(config=config).list_drgs(twin.compartment_id)
    assert (info.value.status, info.value.code) == (401, "NotAuthenticated")
    assert info.value.request_id


def test_unknown_fingerprint_or_user_is_401(twin):
    for field, value in (("fingerprint", "00:" * 15 + "00"), ("user", "ocid1.user.oc1..aaaaaaaaintruder")):
        config = dict(twin.oci_config(), **{field: value})
        with pytest.raises(oci.exceptions.ServiceError) as info:
            twin.oci_network(config=config).list_vcns(twin.compartment_id)
        assert (info.value.status, info.value.code) == (401, "NotAuthenticated")


def test_missing_signature_is_401(twin):
    response = _raw_session(twin).get(_url(twin, "/drgs"), params={"compartmentId": twin.compartment_id})
    assert response.status_code == 401
    assert response.json()["code"] == "NotAuthenticated"
    assert response.headers["opc-request-id"]


def test_tampered_body_is_401(twin):
    config = twin.oci_config()
    body = json.dumps({"compartmentId": twin.compartment_id, "displayName": "signed"})
    request = requests.Request("POST", _url(twin, "/drgs"), data=body,
                               headers={"content-type": "application/json"}).prepare()
    _signer(config)(request)
    request.body = body.replace("signed", "forged").encode()       # same length, different digest
    response = _raw_session(twin).send(request)
    assert response.status_code == 401 and response.json()["code"] == "NotAuthenticated"
    assert "x-content-sha256" in response.json()["message"]

    # untouched, the same signing path is accepted (the test above is not failing for another reason)
    request = requests.Request("POST", _url(twin, "/drgs"), data=body,
                               headers={"content-type": "application/json"}).prepare()
    _signer(config)(request)
    assert _raw_session(twin).send(request).status_code == 200


def test_tampered_path_and_stale_date_are_401(twin):
    config = twin.oci_config()
    request = requests.Request("GET", _url(twin, "/drgs?compartmentId=%s" % twin.compartment_id)).prepare()
    _signer(config)(request)
    request.url = request.url.replace("/drgs", "/vcns")             # signature covers (request-target)
    assert _raw_session(twin).send(request).status_code == 401

    stale = email.utils.formatdate(time.time() - 3600, usegmt=True)
    request = requests.Request("GET", _url(twin, "/drgs?compartmentId=%s" % twin.compartment_id),
                               headers={"date": stale}).prepare()
    _signer(config)(request)
    response = _raw_session(twin).send(request)
    assert response.status_code == 401 and "date" in response.json()["message"]


def test_admin_needs_no_signature(twin):
    assert twin.admin("GET", "health")["status"] == "ok"
