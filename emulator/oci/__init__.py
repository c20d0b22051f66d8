"""The twin's OCI Core API (20160918): request signatures, the shared resource machinery and one
module per family of resources. ``emulator.oci.routes.register`` adds every route."""
