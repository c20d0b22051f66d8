"""What the cloud twin holds, by kind and name, against what the interconnects' plans call for.

``live(env)`` lists the live resources the way a user sees them, through the clouds' APIs and the
real SDKs: OCI by compartment (whatever is not terminated or detached), Azure by resource group.
Names are kept with their repeats, so a duplicate shows as the same name twice.

``expected(plans)`` derives the same map from the plan.json each interconnect wrote (the names
every resource gets) and the twin inventory's naming of the demo networks (``rg-<name>``,
``vnet-<name>``, ``<prefix>-vcn``).

After any run that converged, ``live(env) == expected(plans)`` holds: nothing duplicated by a
retried or repeated create, nothing left over from a killed run, nothing missing.
"""

import collections
import json
import os

from twin_leftovers import GONE, use_twin_ca

OCI_KINDS = (("vcn", "list_vcns", {}), ("drg", "list_drgs", {}),
             ("drgAttachment", "list_drg_attachments", {"attachment_type": "VCN"}),
             ("cpe", "list_cpes", {}), ("ipsecConnection", "list_ip_sec_connections", {}),
             ("virtualCircuit", "list_virtual_circuits", {}))
AZURE_KINDS = (("virtualNetwork", "virtual_networks"), ("publicIPAddress", "public_ip_addresses"),
               ("virtualNetworkGateway", "virtual_network_gateways"),
               ("localNetworkGateway", "local_network_gateways"),
               ("connection", "virtual_network_gateway_connections"),
               ("expressRouteCircuit", "express_route_circuits"))
RESOURCE_GROUPS_API = "2021-04-01"


def _sorted(inventory):
    return dict((kind, sorted(names)) for kind, names in inventory.items() if names)


def live(env):
    import oci
    from azure.core.rest import HttpRequest
    from azure.identity import ClientSecretCredential
    from azure.mgmt.network import NetworkManagementClient

    found = collections.defaultdict(list)
    config = oci.config.from_file(env["OCI_CONFIG_FILE"], env.get("OCI_CONFIG_PROFILE", "DEFAULT"))
    client = oci.core.VirtualNetworkClient(config, service_endpoint=env["OCI_SERVICE_ENDPOINT"])
    use_twin_ca(client.base_client.session, env)
    for kind, method, filters in OCI_KINDS:
        items = oci.pagination.list_call_get_all_results(
            getattr(client, method), compartment_id=env["OCI_COMPARTMENT_ID"], **filters).data
        found["oci " + kind] += [item.display_name for item in items
                                 if getattr(item, "lifecycle_state", None) not in GONE]

    endpoint = env["AZURE_RESOURCE_MANAGER_ENDPOINT"].rstrip("/")
    credential = ClientSecretCredential(env["AZURE_TENANT_ID"], env["AZURE_CLIENT_ID"],
                                        env["AZURE_CLIENT_SECRET"], authority=env["AZURE_AUTHORITY_HOST"],
                                        disable_instance_discovery=True,
                                        connection_verify=env["AZURE_CA_BUNDLE"])
    network = NetworkManagementClient(credential, env["AZURE_SUBSCRIPTION_ID"], base_url=endpoint,
                                      credential_scopes=[endpoint + "/.default"],
                                      connection_verify=env["AZURE_CA_BUNDLE"])
    groups = []
    url = "%s/subscriptions/%s/resourcegroups?api-version=%s" % (
        endpoint, env["AZURE_SUBSCRIPTION_ID"], RESOURCE_GROUPS_API)
    while url:                                  # ARM pages with nextLink
        response = network.send_request(HttpRequest("GET", url))
        response.raise_for_status()
        page = response.json()
        groups += [group["name"] for group in page["value"]]
        url = page.get("nextLink")
    found["azure resourceGroup"] += groups
    for group in groups:
        for kind, operations in AZURE_KINDS:
            found["azure " + kind] += [item.name for item in getattr(network, operations).list(group)]
    return _sorted(found)


def expected(plans):
    """``plans``: {interconnect name: plan dict}; the map ``live`` must equal."""
    want = collections.defaultdict(list)
    for name, plan in plans.items():
        oci_plan, azure_plan = plan["oci"], plan["azure"]
        want["oci vcn"].append(plan["name_prefix"] + "-vcn")
        want["oci drg"].append(oci_plan["drg"]["name"])
        want["oci drgAttachment"].append(oci_plan["drg_attachment"]["name"])
        want["oci cpe"] += [cpe["name"] for cpe in oci_plan.get("cpes", [])]
        want["oci ipsecConnection"] += [conn["name"] for conn in oci_plan.get("ipsec_connections", [])]
        if oci_plan.get("virtual_circuit"):
            want["oci virtualCircuit"].append(oci_plan["virtual_circuit"]["name"])
        want["azure resourceGroup"].append("rg-" + name)
        want["azure virtualNetwork"].append("vnet-" + name)
        want["azure publicIPAddress"] += [pip["name"] for pip in azure_plan.get("public_ips", [])]
        want["azure virtualNetworkGateway"].append(azure_plan["virtual_network_gateway"]["name"])
        want["azure localNetworkGateway"] += [lng["name"] for lng in azure_plan.get("local_network_gateways", [])]
        want["azure connection"] += [conn["name"] for conn in azure_plan.get("connections", [])]
        if azure_plan.get("expressroute_circuit"):
            want["azure expressRouteCircuit"].append(azure_plan["expressroute_circuit"]["name"])
    return _sorted(want)


def plans_in(artifacts, hosts, names):
    """{interconnect name: plan} from ``artifacts/<host>/plan.json``; ``names`` maps host -> name."""
    plans = {}
    for host in hosts:
        with open(os.path.join(artifacts, host, "plan.json")) as handle:
            plans[names[host]] = json.load(handle)
    return plans


def difference(have, want):
    """The kinds whose names differ, as {kind: {"extra": [...], "missing": [...]}} (repeats count)."""
    diff = {}
    for kind in sorted(set(have) | set(want)):
        extra = collections.Counter(have.get(kind, [])) - collections.Counter(want.get(kind, []))
        missing = collections.Counter(want.get(kind, [])) - collections.Counter(have.get(kind, []))
        if extra or missing:
            diff[kind] = {"extra": sorted(extra.elements()), "missing": sorted(missing.elements())}
    return diff
