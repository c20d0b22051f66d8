"""Entra ID (Azure AD) subset: OpenID discovery, client-credentials tokens, bearer checks for ARM."""


def register(router, twin):
    """Add the Entra routes (api tag ``entra``) to ``router``."""
    return None


def authenticate(req, twin):
    """Check the bearer token of an ARM request; raise ApiError 401 as ARM does."""
    return None
