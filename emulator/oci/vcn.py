"""OCI VCNs: create, get, list, update (name and tags), delete (refused while a DRG attachment holds it).

Objects are stored in the shape the ``oci`` SDK deserialises (camelCase), plus private keys."""

import time

from emulator.oci.common import (
    check_cidr, check_display_name, conflict, invalid, missing, regional_ocid,
)
from emulator.oci.drg import LIVE_ATTACHMENT_STATES
from emulator.oci.resource import OciResource


def check_dns_label(dns_label):
    if dns_label is not None and (not dns_label.isalnum() or not dns_label[:1].isalpha()
                                  or len(dns_label) > 15):
        raise invalid("dnsLabel", "must start with a letter, be alphanumeric and at most 15 characters.")
    return dns_label


class Vcns(OciResource):
    kind = "vcn"
    collection = "/vcns"
    id_param = "vcnId"
    list_filters = {"displayName": "displayName", "lifecycleState": "lifecycleState"}
    sortable = True
    delete_duration = "oci.vcn.delete"

    def create(self, body):
        compartment = self.api.check_compartment(body.get("compartmentId"))
        blocks = body.get("cidrBlocks") or ([body["cidrBlock"]] if body.get("cidrBlock") else [])
        if not blocks:
            raise missing("cidrBlock")
        blocks = [check_cidr(b, "cidrBlocks") for b in blocks]
        dns_label = check_dns_label(body.get("dnsLabel"))
        vcn = self.api.new_resource("vcn", {
            "compartmentId": compartment,
            "cidrBlock": blocks[0],
            "cidrBlocks": blocks,
            "ipv6CidrBlocks": [],
            "displayName": check_display_name(body.get("displayName")) or time.strftime("vcn%Y%m%d%H%M%S"),
            "dnsLabel": dns_label,
            "vcnDomainName": ("%s.oraclevcn.com" % dns_label) if dns_label else None,
            "defaultRouteTableId": regional_ocid("routetable"),
            "defaultSecurityListId": regional_ocid("securitylist"),
            "defaultDhcpOptionsId": regional_ocid("dhcpoptions"),
            "freeformTags": body.get("freeformTags") or {},
            "definedTags": body.get("definedTags") or {},
        })
        self.api.transition(vcn, "PROVISIONING", "AVAILABLE", "oci.vcn.create")
        return self.api.save("vcn", vcn)

    def check_in_use(self, vcn):
        for att in self.api.all("drgAttachment"):
            if att.get("vcnId") == vcn["id"] and att["lifecycleState"] in LIVE_ATTACHMENT_STATES:
                raise conflict("The VCN %s is attached to DRG %s; detach it first." % (vcn["id"], att["drgId"]))


RESOURCES = (Vcns,)
