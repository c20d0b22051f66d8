"""What a cloud twin still holds of the resources the collection's runs create.

Used by test_scenarios.py and by the Molecule scenarios' destroy step
(``python tests/integration/twin_leftovers.py STATE_DIR/env.sh`` prints the leftovers as JSON and
exits 1 when there are any).

OCI resources are listed through the OCI API, as a user would see them: whatever is not
TERMINATED counts (listing also lets the twin drop the deletions it has finished). Azure
resources are taken from the twin's store counts, less its internal operation records.
Service-created children (tunnels, default DRG route tables and distributions) are not counted:
they go with their parents.
"""

import json
import os
import shlex
import ssl
import sys
import urllib.request

OCI_LISTS = (("vcn", "list_vcns"), ("drg", "list_drgs"), ("drgAttachment", "list_drg_attachments"),
             ("cpe", "list_cpes"), ("ipsecConnection", "list_ip_sec_connections"),
             ("virtualCircuit", "list_virtual_circuits"))
GONE = ("TERMINATED", "DETACHED")
AZURE_INTERNAL_KINDS = ("asyncOperation",)


def read_env_sh(path):
    env = {}
    with open(path) as handle:
        for line in handle:
            if line.startswith("export "):
                key, dummy, value = line[len("export "):].strip().partition("=")
                env[key] = shlex.split(value)[0] if value else ""
    return env


def use_twin_ca(session, env):
    """Trust the twin's CA on an oci SDK session (the collection's own helper does it)."""
    from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_auth import use_ca_bundle
    use_ca_bundle(session, env["OCI_CA_BUNDLE"], env["OCI_SERVICE_ENDPOINT"])


def leftovers(env):
    import oci

    config = oci.config.from_file(env["OCI_CONFIG_FILE"], env.get("OCI_CONFIG_PROFILE", "DEFAULT"))
    client = oci.core.VirtualNetworkClient(config, service_endpoint=env["OCI_SERVICE_ENDPOINT"])
    use_twin_ca(client.base_client.session, env)
    left = {}
    for kind, method in OCI_LISTS:
        items = oci.pagination.list_call_get_all_results(
            getattr(client, method), compartment_id=env["OCI_COMPARTMENT_ID"]).data
        names = sorted(getattr(item, "display_name", None) or item.id for item in items
                       if getattr(item, "lifecycle_state", None) not in GONE)
        if names:
            left["oci " + kind] = names
    context = ssl.create_default_context(cafile=env["OCI_CA_BUNDLE"])
    with urllib.request.urlopen(env["INTERCONNECT_TWIN_ADMIN"] + "/stats", context=context) as resp:
        counts = json.load(resp)["resources"]
    for kind, number in (counts.get("azure") or {}).items():
        if kind not in AZURE_INTERNAL_KINDS:
            left["azure " + kind] = number
    return left


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.path.insert(0, os.path.join(root, ".collections"))
    left = leftovers(read_env_sh(argv[1]))
    print(json.dumps(left))
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
