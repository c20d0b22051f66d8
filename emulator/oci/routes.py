"""Every route of the OCI Core API, registered on the server's router (``register(router, twin)``)."""

from emulator.oci import network


def register(router, twin):
    network.register(router, twin)
