"""The interconnect physics: pure functions of the store (tunnels, BGP, routes, FastConnect)."""
