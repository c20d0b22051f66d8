"""Transport-neutral request/response types, errors and the router used by every API module."""

import json
import re
import uuid
from dataclasses import dataclass, field


class Headers(dict):
    """Case-insensitive header map (keys stored lower-case)."""

    def __init__(self, items=()):
        super().__init__()
        for key, value in dict(items).items():
            self[key] = value

    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)

    def __getitem__(self, key):
        return super().__getitem__(key.lower())

    def get(self, key, default=None):
        return super().get(key.lower(), default)

    def __contains__(self, key):
        return super().__contains__(key.lower())


@dataclass
class Request:
    method: str
    path: str                      # without the query string, percent-decoded
    query: dict                    # name -> last value (str)
    headers: Headers
    body: bytes = b""
    raw_target: str = ""           # the request-target as sent (path + query), for signatures
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex.upper())

    def json(self):
        if not self.body:
            return {}
        try:
            return json.loads(self.body.decode("utf-8"))
        except ValueError as exc:
            raise ApiError(400, "InvalidParameter", "Request body is not valid JSON: %s" % exc)


@dataclass
class Response:
    status: int = 200
    body: object = None            # dict/list -> JSON; bytes/str sent as is; None -> empty
    headers: dict = field(default_factory=dict)


class ApiError(Exception):
    """An error in the calling cloud's shape. ``cloud`` is set by the dispatcher from the route."""

    def __init__(self, status, code, message, target=None, headers=None, details=None, body=None):
        super().__init__(message)
        self.body = body               # full error body override (e.g. Entra's OAuth error JSON)
        self.status = status
        self.code = code
        self.message = message
        self.target = target
        self.headers = headers or {}
        self.details = details or []


class Router:
    """Routes ``(method, path template)`` to handlers; ``{name}`` matches one path segment.

    Each route is tagged with the API it belongs to (``oci``, ``azure``, ``entra``, ``admin``) so
    the server can authenticate, count and shape errors per API.
    """

    def __init__(self):
        self._routes = []

    def add(self, api, method, template, handler, write=None, case_insensitive=False):
        """Route ``method template`` to ``handler(req, **params)``.

        The handler returns a ``Response`` (or a dict/list, served as 200 JSON) or raises
        ``ApiError``. The server authenticates by ``api``, runs write handlers under
        ``twin.lock``, counts ``write`` routes in the stats and shapes errors per ``api``.
        """
        pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template.rstrip("/"))
        flags = re.IGNORECASE if case_insensitive else 0
        is_write = method in ("POST", "PUT", "PATCH", "DELETE") if write is None else write
        self._routes.append((api, method, re.compile("^" + pattern + "/?$", flags), handler, is_write, template))

    def match(self, method, path):
        """Return ``(api, handler, params, is_write)``, or raise ApiError 404/405."""
        return self.resolve(method, path)[:4]

    def resolve(self, method, path):
        """Return ``(api, handler, params, is_write, template)``, or raise ApiError 404/405."""
        allowed = False
        for api, route_method, regex, handler, is_write, template in self._routes:
            found = regex.match(path)
            if not found:
                continue
            if route_method == method:
                return api, handler, found.groupdict(), is_write, template
            allowed = True
        if allowed:
            raise ApiError(405, "MethodNotAllowed", "Method %s is not allowed on %s" % (method, path))
        raise ApiError(404, "NotFound", "No API at %s" % path)
