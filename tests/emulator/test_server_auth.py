"""Routing, authentication and error shapes per API on the one HTTPS port: OCI routes need an
OCI signature, ARM routes a bearer token, Entra and admin routes nothing; errors come back in
the calling cloud's shape with its request-id header."""

import requests
from azure.core.rest import HttpRequest


def _session(twin):
    session = requests.Session()
    session.verify = twin.ca_bundle
    session.trust_env = False
    return session


def test_oci_errors_have_oci_shape_and_request_id(twin):
    base = twin.endpoints["oci"]["endpoint"]
    response = _session(twin).get(base + "/20160918/vcns", params={"compartmentId": twin.compartment_id})
    assert response.status_code == 401
    assert set(response.json()) == {"code", "message"} and response.json()["code"] == "NotAuthenticated"
    assert response.headers["opc-request-id"]
    unknown = _session(twin).get(base + "/20160918/noSuchThing")
    assert unknown.status_code == 404 and set(unknown.json()) == {"code", "message"}
    assert unknown.headers["opc-request-id"]


def test_arm_without_token_is_401_in_arm_shape(twin):
    url = "%s/subscriptions/%s/resourcegroups?api-version=2021-04-01" % (
        twin.endpoints["azure"]["resource_manager"], twin.endpoints["azure"]["subscription_id"])
    response = _session(twin).get(url)
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] and error["message"]
    assert response.headers["x-ms-request-id"]
    assert "opc-request-id" not in response.headers


def test_entra_discovery_needs_no_authentication(twin):
    azure = twin.endpoints["azure"]
    response = _session(twin).get("%s/%s/v2.0/.well-known/openid-configuration" % (azure["authority"],
                                                                                    azure["tenant_id"]))
    assert response.status_code == 200
    assert response.json()["token_endpoint"].startswith(azure["authority"])


def test_arm_throttle_fault_has_arm_shape_and_entra_is_spared(fresh_twin):
    network = fresh_twin.azure_network()
    fresh_twin.set_faults(1.0, kinds=["throttle"], seed=1)
    url = "%s/subscriptions/%s/resourcegroups" % (fresh_twin.endpoints["azure"]["resource_manager"],
                                                  fresh_twin.endpoints["azure"]["subscription_id"])
    # the token request (Entra) goes through although every cloud API request is throttled
    response = network._client.send_request(HttpRequest("GET", url, params={"api-version": "2021-04-01"}),
                                            retry_total=0)
    response.read()
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "TooManyRequests"
    assert response.headers["Retry-After"] == "1" and response.headers["x-ms-request-id"]
    assert fresh_twin.stats()["faults"] == {"throttle": 1}
