"""OCI CPEs (which have no lifecycle state: a delete removes them at once) and the CPE device
shape catalogue with its configuration template."""

import ipaddress

from emulator import rules
from emulator.oci.common import (
    CLOUD, GONE_STATES, check_display_name, conflict, incorrect_state, invalid, not_found, require,
    stable_ocid,
)
from emulator.oci.resource import OciResource, Route


def cpe_shapes():
    return [{"id": stable_ocid("cpedeviceshape", s["vendor"] + s["platformSoftwareVersion"]),
             "cpeDeviceInfo": dict(s)} for s in rules.OCI_CPE_DEVICE_SHAPES]


def check_cpe_address(address, is_private):
    try:
        parsed = ipaddress.IPv4Address(address)
    except ValueError:
        raise invalid("ipAddress", "%r is not an IPv4 address." % address)
    # Only RFC 1918, loopback and multicast addresses are refused for a public CPE; documentation
    # ranges (203.0.113.0/24 ...) are accepted: rules.UNVERIFIED["oci.cpe.privateAddressRefused"].
    if not is_private and (parsed.is_loopback or parsed.is_multicast or any(
            parsed in ipaddress.IPv4Network(block) for block in rules.OCI_CPE_REFUSED_BLOCKS)):
        raise invalid("ipAddress", "a public CPE must have a public IP address (set isPrivate for "
                                   "FastConnect transport).")
    return address


class Cpes(OciResource):
    kind = "cpe"
    collection = "/cpes"
    id_param = "cpeId"
    deleted_states = ()            # no lifecycle: a DELETE always removes

    def create(self, body):
        compartment = self.api.check_compartment(body.get("compartmentId"))
        address = check_cpe_address(require(body, "ipAddress"), body.get("isPrivate"))
        shape = body.get("cpeDeviceShapeId")
        if shape is not None and shape not in {s["id"] for s in cpe_shapes()}:
            raise invalid("cpeDeviceShapeId", "unknown CPE device shape %s." % shape)
        cpe = self.api.new_resource("cpe", {
            "compartmentId": compartment, "ipAddress": address,
            "displayName": check_display_name(body.get("displayName")) or "cpe-%s" % address,
            "cpeDeviceShapeId": shape, "isPrivate": bool(body.get("isPrivate", False)),
            "freeformTags": body.get("freeformTags") or {},
            "definedTags": body.get("definedTags") or {},
        })
        return self.api.save("cpe", cpe)

    def apply_update(self, cpe, body):
        super().apply_update(cpe, body)
        if body.get("cpeDeviceShapeId"):
            if body["cpeDeviceShapeId"] not in {s["id"] for s in cpe_shapes()}:
                raise invalid("cpeDeviceShapeId", "unknown CPE device shape.")
            cpe["cpeDeviceShapeId"] = body["cpeDeviceShapeId"]

    def check_in_use(self, cpe):
        for conn in self.api.all("ipsecConnection"):
            if conn["cpeId"] == cpe["id"] and conn["lifecycleState"] not in GONE_STATES:
                if conn["lifecycleState"] == "TERMINATING":
                    raise incorrect_state("The IPSec connection %s using this CPE is terminating." % conn["id"])
                raise conflict("The CPE %s is used by IPSec connection %s." % (cpe["id"], conn["id"]))

    def remove(self, cpe):
        self.api.store.delete(CLOUD, "cpe", cpe["id"])     # CPEs have no lifecycle state in OCI


class CpeDeviceShapes:
    """The CPE device shape catalogue (rules.OCI_CPE_DEVICE_SHAPES): list and get."""

    def __init__(self, api):
        self.api = api

    def routes(self):
        return [Route("GET", "/cpeDeviceShapes", self.list_shapes),
                Route("GET", "/cpeDeviceShapes/{cpeDeviceShapeId}", self.get_shape)]

    def list_shapes(self, req):
        return self.api.page(req, cpe_shapes())

    def get_shape(self, req, cpeDeviceShapeId):
        """GetCpeDeviceShape: CpeDeviceShapeDetail - the shape, the questions its template asks
        (answered with tunnelDeviceConfig) and the template itself."""
        shape = next((s for s in cpe_shapes() if s["id"] == cpeDeviceShapeId), None)
        if shape is None:
            raise not_found("CPE device shape %s" % cpeDeviceShapeId)
        return {"cpeDeviceShapeId": shape["id"], "cpeDeviceInfo": shape["cpeDeviceInfo"],
                "parameters": [dict(q) for q in rules.OCI_CPE_DEVICE_QUESTIONS],
                "template": "# %s %s\n" % (shape["cpeDeviceInfo"]["vendor"],
                                           shape["cpeDeviceInfo"]["platformSoftwareVersion"])
                + "".join("%s = ${%s}\n" % (q["key"], q["key"]) for q in rules.OCI_CPE_DEVICE_QUESTIONS)}


RESOURCES = (Cpes, CpeDeviceShapes)
