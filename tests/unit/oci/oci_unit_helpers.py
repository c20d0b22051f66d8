"""Helpers for the OCI unit tests: a scripted fake VirtualNetworkClient and fake modules."""

import oci

WRITE_PREFIXES = ("create_", "update_", "delete_", "remove_", "add_", "change_")


def response(data, status=200, headers=None):
    return oci.response.Response(status, headers or {}, data, None)


def service_error(status, code, message="boom", headers=None):
    headers = dict(headers or {})
    headers.setdefault("opc-request-id", "REQ-%s-%s" % (status, code))
    return oci.exceptions.ServiceError(status, code, headers, message)


class FakeClient:
    """Answers ``client.<method>(...)`` from ``handlers[method]`` (a callable or a list of
    results consumed in order; an exception instance in the list is raised). Records calls."""

    def __init__(self, **handlers):
        self.handlers = handlers
        self.calls = []

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)

        def method(*args, **kwargs):
            self.calls.append((name, args, kwargs))
            if name not in self.handlers:
                raise AssertionError("unexpected call %s%r" % (name, args))
            handler = self.handlers[name]
            if isinstance(handler, list):
                if not handler:
                    raise AssertionError("no more scripted results for %s" % name)
                result = handler.pop(0)
            else:
                result = handler(*args, **kwargs)
            if isinstance(result, BaseException):
                raise result
            return result if isinstance(result, oci.response.Response) else response(result)

        return method

    def names(self):
        return [c[0] for c in self.calls]

    def writes(self):
        return [c[0] for c in self.calls if c[0].startswith(WRITE_PREFIXES)]


class FakeModule:
    def __init__(self, params=None, check_mode=False):
        self.params = dict(wait=True, wait_timeout=30, state="present")
        self.params.update(params or {})
        self.check_mode = check_mode
