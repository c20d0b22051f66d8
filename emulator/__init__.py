"""Cloud twin: a local HTTPS emulator of the OCI Core and Azure Microsoft.Network APIs.

It never imports the collection; its rules come from the clouds' documented behaviour.
"""

__version__ = "0.1.0"
