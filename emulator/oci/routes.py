"""Every route of the OCI Core API, registered on the server's router (``register(router, twin)``):
each family module lists the classes that serve it (``RESOURCES``); one instance of each, sharing
the twin's ``LoggedOciApi``, gives its routes."""

from emulator.oci import cpe, drg, drg_routing, fastconnect, ipsec, vcn
from emulator.oci.api import LoggedOciApi
from emulator.oci.common import API_PREFIX, CLOUD

FAMILIES = (vcn, drg, drg_routing, cpe, ipsec, fastconnect)


def register(router, twin):
    api = LoggedOciApi(twin)
    for family in FAMILIES:
        for served in family.RESOURCES:
            for route in served(api).routes():
                router.add(CLOUD, route.method, API_PREFIX + route.template, route.handler, write=route.write)
