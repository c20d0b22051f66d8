"""Deploy a plan's VPN resources on the twin through the real SDKs and read the twin's verdict.

The twin is a separate process reached over its APIs (docs/emulator.md); nothing of emulator/ is
imported. This is the cheap way to get the twin's opinion of a plan (a few seconds per plan,
against ~2 minutes for site.yml): the same resources the roles create, with the values the plan
dict holds, and the verdict read where a user reads it (OCI tunnel status, bgpSessionInfo and the
tunnel error's code).
"""

import ipaddress
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Twin:
    """``python -m emulator serve`` as a subprocess, with SDK clients for it."""

    def __init__(self, time_scale=0.001):
        self.state_dir = tempfile.mkdtemp(prefix="lab-twin-")
        self.time_scale = time_scale
        self.process = None
        self.endpoints = None

    def start(self):
        log = open(os.path.join(self.state_dir, "twin.log"), "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "emulator", "serve", "--state-dir", self.state_dir, "--time-scale",
             str(self.time_scale)], cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        path = os.path.join(self.state_dir, "endpoints.json")
        deadline = time.monotonic() + 30
        while not os.path.exists(path):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the twin did not start; see %s/twin.log" % self.state_dir)
            time.sleep(0.05)
        with open(path, encoding="utf-8") as fh:
            self.endpoints = json.load(fh)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None

    def oci(self):
        import oci
        config = oci.config.from_file(self.endpoints["oci"]["config_file"], "DEFAULT")
        client = oci.core.VirtualNetworkClient(config, service_endpoint=self.endpoints["oci"]["endpoint"],
                                               retry_strategy=oci.retry.NoneRetryStrategy())
        client.base_client.session.verify = self.endpoints["ca_bundle"]
        client.base_client.session.trust_env = False   # docs/emulator.md, REQUESTS_CA_BUNDLE note
        return client

    def azure(self):
        from azure.identity import ClientSecretCredential
        from azure.mgmt.network import NetworkManagementClient
        az = self.endpoints["azure"]
        credential = ClientSecretCredential(az["tenant_id"], az["client_id"], az["client_secret"],
                                            authority=az["authority"], disable_instance_discovery=True,
                                            connection_verify=self.endpoints["ca_bundle"])
        return NetworkManagementClient(credential, az["subscription_id"], base_url=az["resource_manager"],
                                       credential_scopes=[az["resource_manager"] + "/.default"],
                                       connection_verify=self.endpoints["ca_bundle"], polling_interval=0.05)


def _camel(policy):
    names = {"sa_life_time_seconds": "saLifeTimeSeconds", "sa_data_size_kilobytes": "saDataSizeKilobytes",
             "ipsec_encryption": "ipsecEncryption", "ipsec_integrity": "ipsecIntegrity",
             "ike_encryption": "ikeEncryption", "ike_integrity": "ikeIntegrity", "dh_group": "dhGroup",
             "pfs_group": "pfsGroup"}
    return {names[k]: v for k, v in policy.items()}


def _wait(read, accept, what, timeout=30.0):
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if accept(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError("twin: %s still %r after %ss" % (what, value, timeout))
        time.sleep(0.05)


def deploy_vpn(twin, plan, tag, psk="lab secret 42"):
    """Create the plan's OCI and Azure VPN resources; returns {tunnel key: (ipsec id, tunnel id)}."""
    import oci
    models = oci.core.models
    client = twin.oci()
    net = twin.azure()
    compartment = twin.endpoints["oci"]["compartment_id"]
    sub = twin.endpoints["azure"]["subscription_id"]
    rg = "rg-" + tag
    location = "westeurope"
    net._client.send_request(_rg_request(twin, sub, rg, location)).read()

    vnet_prefixes = plan["azure"]["virtual_network"]["address_prefixes"]
    first = ipaddress.ip_network(vnet_prefixes[0])
    gateway_subnet = str(list(first.subnets(new_prefix=27))[-1])
    vnet = net.virtual_networks.begin_create_or_update(rg, "vnet-" + tag, {
        "location": location, "properties": {"addressSpace": {"addressPrefixes": vnet_prefixes},
                                             "subnets": [{"name": "GatewaySubnet",
                                                          "properties": {"addressPrefix": gateway_subnet}}]}}).result()
    pips = {}
    for pip in plan["azure"]["public_ips"]:
        pips[pip["name"]] = net.public_ip_addresses.begin_create_or_update(rg, pip["name"], {
            "location": location, "sku": {"name": pip["sku"]},
            "properties": {"publicIPAllocationMethod": pip["allocation_method"]}}).result()
    vng = plan["azure"]["virtual_network_gateway"]
    gateway_id = "/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Network/virtualNetworkGateways/%s" % (
        sub, rg, vng["name"])
    configs, peering = [], []
    for ipc in vng["ip_configurations"]:
        configs.append({"name": ipc["name"], "properties": {
            "subnet": {"id": vnet.id + "/subnets/GatewaySubnet"},
            "publicIPAddress": {"id": pips[ipc["public_ip"]].id}}})
        peering.append({"ipconfigurationId": gateway_id + "/ipConfigurations/" + ipc["name"],
                        "customBgpIpAddresses": list(ipc.get("custom_bgp_ip_addresses") or [])})
    bgp = {"asn": vng["bgp_settings"]["asn"], "bgpPeeringAddresses": peering} if vng["enable_bgp"] else None
    body = {"location": location, "properties": {
        "gatewayType": "Vpn", "vpnType": "RouteBased", "sku": {"name": vng["sku"], "tier": vng["sku"]},
        "activeActive": vng["active_active"], "enableBgp": vng["enable_bgp"], "ipConfigurations": configs}}
    if bgp:
        body["properties"]["bgpSettings"] = bgp
    gateway_poller = net.virtual_network_gateways.begin_create_or_update(rg, vng["name"], body)

    # OCI: DRG, VCN attached, one CPE per gateway instance, the IPSec connections as planned
    drg = client.create_drg(models.CreateDrgDetails(compartment_id=compartment, display_name=tag)).data
    _wait(lambda: client.get_drg(drg.id).data.lifecycle_state, lambda s: s == "AVAILABLE", "drg")
    vcn = client.create_vcn(models.CreateVcnDetails(compartment_id=compartment, display_name=tag,
                                                    cidr_blocks=plan["oci"]["drg_attachment"]["vcn_cidrs"])).data
    _wait(lambda: client.get_vcn(vcn.id).data.lifecycle_state, lambda s: s == "AVAILABLE", "vcn")
    attachment = client.create_drg_attachment(models.CreateDrgAttachmentDetails(
        drg_id=drg.id, network_details=models.VcnDrgAttachmentNetworkCreateDetails(id=vcn.id))).data
    _wait(lambda: client.get_drg_attachment(attachment.id).data.lifecycle_state, lambda s: s == "ATTACHED",
          "attachment")
    pip_by_instance = {ipc["instance"]: pips[ipc["public_ip"]] for ipc in vng["ip_configurations"]}
    cpes = {}
    for cpe in plan["oci"]["cpes"]:
        cpes[cpe["name"]] = client.create_cpe(models.CreateCpeDetails(
            compartment_id=compartment, display_name=cpe["name"],
            ip_address=pip_by_instance[cpe["vng_instance"]].ip_address)).data
    crypto = plan["crypto"]["oci"]
    tunnels_by_key = {t["key"]: t for t in plan["tunnels"]}
    ids = {}
    for conn in plan["oci"]["ipsec_connections"]:
        configs = []
        for key in conn["tunnels"]:
            tunnel = tunnels_by_key[key]
            p1 = crypto["phase_one_config"] or {}
            p2 = crypto["phase_two_config"] or {}
            details = {"display_name": tunnel["name"], "routing": tunnel["routing"], "ike_version": "V2",
                       "shared_secret": psk, "oracle_initiation": crypto.get("oracle_initiation")}
            if tunnel["bgp_session_config"]:
                session = tunnel["bgp_session_config"]
                details["bgp_session_config"] = models.CreateIPSecTunnelBgpSessionDetails(
                    oracle_interface_ip=session["oracle_interface_ip"],
                    customer_interface_ip=session["customer_interface_ip"],
                    customer_bgp_asn=session["customer_bgp_asn"])
            if p1.get("is_custom_phase_one_config"):
                details["phase_one_config"] = models.PhaseOneConfigDetails(**p1)
            if p2.get("is_custom_phase_two_config") or "is_pfs_enabled" in p2:
                details["phase_two_config"] = models.PhaseTwoConfigDetails(**p2)
            configs.append(models.CreateIPSecConnectionTunnelDetails(**details))
        try:
            created = client.create_ip_sec_connection(models.CreateIPSecConnectionDetails(
                compartment_id=compartment, drg_id=drg.id, cpe_id=cpes[conn["cpe"]].id, display_name=conn["name"],
                static_routes=conn["static_routes"], tunnel_configuration=configs)).data
        except oci.exceptions.ServiceError as err:
            # OCI's API refuses the design before anything comes up: that is the twin's verdict
            for key in conn["tunnels"]:
                ids[key] = ("API_%s_%s: %s" % (err.status, err.code, err.message), None)
            continue
        _wait(lambda: client.get_ip_sec_connection(created.id).data.lifecycle_state, lambda s: s == "AVAILABLE",
              "ipsec connection")
        listed = client.list_ip_sec_connection_tunnels(created.id).data
        for key, tunnel in zip(conn["tunnels"], sorted(listed, key=lambda t: t.display_name or "")):
            ids[key] = (created.id, tunnel)
    gateway = gateway_poller.result()

    lngs = {}
    for lng in plan["azure"]["local_network_gateways"]:
        if ids[lng["tunnel"]][1] is None:
            continue
        props = {"gatewayIpAddress": ids[lng["tunnel"]][1].vpn_ip,
                 "localNetworkAddressSpace": {"addressPrefixes": lng["address_prefixes"]}}
        if lng["bgp_settings"]:
            props["bgpSettings"] = {"asn": lng["bgp_settings"]["asn"],
                                    "bgpPeeringAddress": lng["bgp_settings"]["bgp_peering_address"],
                                    "peerWeight": lng["bgp_settings"].get("peer_weight", 0)}
        lngs[lng["name"]] = net.local_network_gateways.begin_create_or_update(
            rg, lng["name"], {"location": location, "properties": props}).result()
    for conn in plan["azure"]["connections"]:
        if conn["local_network_gateway"] not in lngs:
            continue
        props = {"connectionType": "IPsec", "virtualNetworkGateway1": {"id": gateway.id},
                 "localNetworkGateway2": {"id": lngs[conn["local_network_gateway"]].id},
                 "connectionProtocol": conn["connection_protocol"], "sharedKey": psk, "enableBgp": conn["enable_bgp"],
                 "ipsecPolicies": [_camel(p) for p in conn["ipsec_policies"]],
                 "gatewayCustomBgpIpAddresses": [
                     {"ipConfigurationId": gateway_id + "/ipConfigurations/" + pin["ip_configuration"],
                      "customBgpIpAddress": pin["custom_bgp_ip_address"]}
                     for pin in conn["gateway_custom_bgp_ip_addresses"]]}
        net.virtual_network_gateway_connections.begin_create_or_update(
            rg, conn["name"], {"location": location, "properties": props}).result()
    return {key: (ipsec_id, tunnel.id if tunnel is not None else None) for key, (ipsec_id, tunnel) in ids.items()}


def _rg_request(twin, sub, rg, location):
    from azure.core.rest import HttpRequest
    url = "%s/subscriptions/%s/resourcegroups/%s" % (twin.endpoints["azure"]["resource_manager"].rstrip("/"), sub, rg)
    return HttpRequest("PUT", url, json={"location": location}, params={"api-version": "2021-04-01"})


def verdicts(twin, plan, ids, settle=None):
    """{tunnel key: twin reason code or None} for the tunnels in use, after the first rekey.

    The twin decides a rekey at up + lifetime x time scale; wait for that (and a margin)."""
    client = twin.oci()
    lifetimes = [plan["crypto"]["oci"]["phase_two_config"].get("lifetime_in_seconds") or 3600, 27000]
    for conn in plan["azure"]["connections"]:
        for policy in conn["ipsec_policies"]:
            lifetimes.append(policy["sa_life_time_seconds"])
    time.sleep(settle if settle is not None else min(lifetimes) * twin.time_scale + 1.5)
    out = {}
    for tunnel in plan["tunnels"]:
        if not tunnel["in_use"]:
            continue
        ipsec_id, tunnel_id = ids[tunnel["key"]]
        if tunnel_id is None:
            out[tunnel["key"]] = ipsec_id    # refused at creation (deploy_vpn)
            continue
        data = client.get_ip_sec_connection_tunnel(ipsec_id, tunnel_id).data
        up = data.status == "UP" and (tunnel["routing"] != "BGP" or data.bgp_session_info.bgp_state == "UP")
        code = None
        if not up:
            import oci
            try:
                code = client.get_ip_sec_connection_tunnel_error(ipsec_id, tunnel_id).data.error_code
            except oci.exceptions.ServiceError as err:
                code = "NO_REASON_%s" % err.status
        out[tunnel["key"]] = code
    return out
