"""The twin's single HTTPS server: OCI, ARM, Entra and admin routes on one port.

Per request: route (``httpcore.Router``), authenticate by the route's api tag, maybe inject a
fault, run the handler (writes under ``twin.lock``), render the result or the error in the
calling cloud's shape, count it.
"""

import importlib
import json
import logging
import socket
import ssl
import struct
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from emulator.core.http import ApiError, Headers, Request, Response, Router

log = logging.getLogger("emulator.core.server")

# Modules that contribute routes, each with ``register(router, twin)``.
API_MODULES = ("emulator.oci.routes", "emulator.azure.routes", "emulator.core.admin")

IDLE_KEEPALIVE_SECONDS = 120
TLS_HANDSHAKE_SECONDS = 10


def api_for_path(path):
    """The api whose error shape an unrouted path gets."""
    if path.startswith("/20160918"):
        return "oci"
    if path.lower().startswith("/subscriptions"):
        return "azure"
    if path.startswith("/admin"):
        return "admin"
    return "entra"


def build_router(twin):
    router = Router()
    for name in API_MODULES:
        importlib.import_module(name).register(router, twin)
    return router


def _authenticator(api):
    if api == "oci":
        from emulator.oci import auth as oci_auth
        return oci_auth.authenticate
    if api == "azure":
        from emulator.azure import auth as azure_auth
        return azure_auth.authenticate
    return None


def render_error(api, err, request_id):
    """The error response for ``api`` in that cloud's shape."""
    headers = dict(err.headers)
    if err.body is not None:
        body = err.body
    elif api == "oci":
        body = {"code": err.code, "message": err.message}
    elif api == "azure":
        # ARM's ErrorResponse: ``target`` is a string when there is one and absent otherwise, never null
        error = {"code": err.code, "message": err.message}
        if err.target is not None:
            error["target"] = str(err.target)
        error["details"] = err.details
        body = {"error": error}
    elif api == "entra":
        body = {"error": err.code, "error_description": err.message}
    else:
        body = {"error": err.code, "message": err.message}
    return Response(err.status, body, headers)


def _as_response(result):
    if isinstance(result, Response):
        return result
    return Response(200, result)


class TwinRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "interconnect-twin"
    sys_version = ""
    timeout = IDLE_KEEPALIVE_SECONDS

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))

    def _read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _dispatch(self):
        server = self.server
        twin = server.twin
        split = urlsplit(self.path)
        path = unquote(split.path)
        query = {k: v[-1] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        req = Request(method=self.command, path=path, query=query, headers=Headers(self.headers.items()),
                      body=self._read_body(), raw_target=self.path)
        api, template, is_write, fault = api_for_path(path), None, False, None
        try:
            api, handler, params, is_write, template = server.router.resolve(self.command, path)
            authenticate = _authenticator(api)
            if authenticate is not None:
                authenticate(req, twin)
            fault, fault_status = twin.faults.draw(api, is_write)
            if fault:
                twin.stats.record_fault(fault)
            if fault == "connection_reset":
                self._reset()
                twin.stats.record(api, self.command, template, None, is_write)
                return
            if fault == "throttle":
                raise ApiError(429, "TooManyRequests", "Too many requests for the tenancy (injected fault)",
                               headers={"Retry-After": "1"})
            if fault == "server_error":
                code = "InternalServerError" if fault_status == 500 else "ServiceUnavailable"
                raise ApiError(fault_status, code, "The service failed (injected fault)")
            if is_write:
                with twin.lock:
                    response = _as_response(handler(req, **params))
            else:
                response = _as_response(handler(req, **params))
            if fault == "applied_then_failed" and response.status < 400:
                raise ApiError(500, "InternalServerError",
                               "The service failed after applying the request (injected fault)")
        except ApiError as err:
            response = render_error(api, err, req.request_id)
        except Exception:  # a bug in a handler: answer 500 in the cloud's shape, keep serving
            log.error("handler error for %s %s\n%s", self.command, path, traceback.format_exc())
            response = render_error(api, ApiError(500, "InternalServerError", "Internal error in the twin"),
                                    req.request_id)
        self._send(api, req, response)
        twin.stats.record(api, self.command, template, response.status, is_write)

    def _send(self, api, req, response):
        body = response.body
        headers = {k.lower(): (k, v) for k, v in (response.headers or {}).items()}
        if body is None:
            payload = b""
        elif isinstance(body, bytes):
            payload = body
        elif isinstance(body, str):
            payload = body.encode("utf-8")
        else:
            payload = json.dumps(body).encode("utf-8")
            headers.setdefault("content-type", ("Content-Type", "application/json"))
        if api == "oci":
            headers.setdefault("opc-request-id", ("opc-request-id", req.request_id))
        elif api == "azure":
            headers.setdefault("x-ms-request-id", ("x-ms-request-id", req.request_id.lower()))
            headers.setdefault("x-ms-correlation-request-id",
                               ("x-ms-correlation-request-id",
                                req.headers.get("x-ms-client-request-id", req.request_id.lower())))
        self.send_response(response.status)
        for name, value in headers.values():
            if name.lower() != "content-length":
                self.send_header(name, str(value))
        self.send_header("Content-Length", str(len(payload)))
        # Headers and body in one write: two small segments would meet the client's delayed ACK
        # (Nagle) and cost ~40 ms per request.
        self._headers_buffer.append(b"\r\n")
        if payload and self.command != "HEAD":
            self._headers_buffer.append(payload)
        self.flush_headers()

    def _reset(self):
        """Drop the connection without a response (TCP RST), as a failing load balancer does."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _dispatch


class TwinServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, address, twin, ssl_context, verbose=False):
        self.twin = twin
        self.ssl_context = ssl_context
        self.verbose = verbose
        self.router = build_router(twin)
        super().__init__(address, TwinRequestHandler)

    def finish_request(self, request, client_address):
        # The TLS handshake runs here, in the connection's own thread, not in the accept loop.
        request.settimeout(TLS_HANDSHAKE_SECONDS)
        request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            tls = self.ssl_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        try:
            tls.settimeout(IDLE_KEEPALIVE_SECONDS)
            self.RequestHandlerClass(tls, client_address, self)
        except (ConnectionError, ssl.SSLError, socket.timeout):
            pass
        finally:
            try:
                tls.close()
            except OSError:
                pass

    def handle_error(self, request, client_address):
        log.debug("connection error from %s\n%s", client_address, traceback.format_exc())


def make_ssl_context(identity):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(identity["tls"]["cert_file"], identity["tls"]["key_file"])
    return context


def create_server(twin, host="127.0.0.1", port=0, verbose=False):
    """Bind and listen (not serving yet); the bound port is ``server.server_address[1]``."""
    return TwinServer((host, port), twin, make_ssl_context(twin.identity), verbose=verbose)


def serve_in_thread(server):
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                              name="twin-accept", daemon=True)
    thread.start()
    return thread
