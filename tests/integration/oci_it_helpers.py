"""Helpers shared by the OCI integration tests (test_oci_*.py)."""

import contextlib
import time
import uuid

ER_API_VERSION = "2021-04-01"

NS = "interconnect.oci_azure."


def task(name, module, register=None, **args):
    """One task of ``interconnect.oci_azure.<module>`` named ``name``."""
    entry = {"name": name, NS + module: args}
    if register:
        entry["register"] = register
    return entry


def local_inventory(tmp_path):
    """Env that points ansible-playbook at a one-host inventory file.

    (ANSIBLE_INVENTORY="localhost," is read as a path list whose empty second item is the
    working directory, so every file of the repository is tried as an inventory source.)
    """
    inventory = tmp_path / "oci-inventory.ini"
    inventory.write_text("localhost ansible_connection=local\n")
    return {"ANSIBLE_INVENTORY": str(inventory)}


def playbook_runner(run_play, tmp_path):
    """run_play with the one-host inventory (each test module wraps it in a ``playbook`` fixture)."""
    env = local_inventory(tmp_path)

    def run(tasks, **kwargs):
        return run_play(tasks, env=env, **kwargs)

    return run


def azure_network(twin):
    from azure.identity import ClientSecretCredential
    from azure.mgmt.network import NetworkManagementClient
    azure, ca_bundle = twin.endpoints["azure"], twin.endpoints["ca_bundle"]
    credential = ClientSecretCredential(azure["tenant_id"], azure["client_id"], azure["client_secret"],
                                        authority=azure["authority"], disable_instance_discovery=True,
                                        connection_verify=ca_bundle)
    return NetworkManagementClient(credential, azure["subscription_id"], base_url=azure["resource_manager"],
                                   credential_scopes=[azure["resource_manager"] + "/.default"],
                                   connection_verify=ca_bundle, polling_interval=0.05)


@contextlib.contextmanager
def expressroute_circuit(twin):
    """An ExpressRoute circuit (1 Gbps, provider Oracle Cloud FastConnect), made with the Azure
    SDK; gives its service key and deletes it (and its resource group) afterwards."""
    from azure.core.rest import HttpRequest
    network = azure_network(twin)
    azure = twin.endpoints["azure"]
    group = "rg-oci-it-" + uuid.uuid4().hex[:6]
    group_url = "%s/subscriptions/%s/resourcegroups/%s" % (
        azure["resource_manager"].rstrip("/"), azure["subscription_id"], group)
    response = network._client.send_request(
        HttpRequest("PUT", group_url, json={"location": "eastus"}, params={"api-version": ER_API_VERSION}))
    assert response.status_code in (200, 201), response.text()
    circuit = network.express_route_circuits.begin_create_or_update(group, "er-to-oci", {
        "location": "eastus",
        "sku": {"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"},
        "properties": {"serviceProviderProperties": {"serviceProviderName": "Oracle Cloud FastConnect",
                                                     "peeringLocation": "Washington DC",
                                                     "bandwidthInMbps": 1000}}}).result()
    try:
        yield circuit.service_key
    finally:
        # Azure refuses to delete a circuit until the provider has deprovisioned it (Microsoft
        # Learn, expressroute-workflows): the tests delete their virtual circuit, then this waits.
        deadline = time.time() + 60
        while time.time() < deadline and network.express_route_circuits.get(
                group, "er-to-oci").service_provider_provisioning_state != "NotProvisioned":
            time.sleep(0.1)
        network.express_route_circuits.begin_delete(group, "er-to-oci").result()
        network._client.send_request(HttpRequest("DELETE", group_url, params={"api-version": ER_API_VERSION}))
