"""Azure Resource Manager subset (Microsoft.Resources resource groups, Microsoft.Network)."""


def register(router, twin):
    """Add the ARM routes (api tag ``azure``) to ``router``."""
    return None
