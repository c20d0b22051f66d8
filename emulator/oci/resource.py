"""The shape every OCI resource's routes share, once: create under an opc-retry-token, get, list
(compartment scope, query filters, paging, sort), update and delete, with if-match, etags and
the lifecycle states in which a change is refused or a delete is a no-op.

A kind says only what is its own: a subclass of ``OciResource`` names its store kind and paths
and overrides the hooks (``create``, ``scope``, ``apply_update``, ``check_removable``,
``check_in_use``, ``remove``, ``view``); its actions (``/actions/...``, sub-paths) are methods
listed by ``extra_routes``. ``emulator.oci.routes`` adds every route of every kind.
"""

from typing import Callable, NamedTuple, Optional

from emulator.core.http import Response
from emulator.core.store import public_view
from emulator.oci.common import body_of, check_tags, incorrect_state, update_common

TERMINAL_STATES = ("TERMINATING", "TERMINATED")


class Route(NamedTuple):
    method: str
    template: str                 # under API_PREFIX; ``{name}`` is a path parameter
    handler: Callable
    write: Optional[bool] = None  # None: by method, as the router decides


class OciResource:
    """List/get/update/delete (and create) of one OCI resource kind.

    The handlers take the route's path parameters as keywords (the router's contract); ``load``
    turns them into the stored object or a 404."""

    kind = None                    # store kind ("vcn", "drgAttachment", ...)
    collection = None              # path of the collection ("/vcns")
    id_param = None                # path parameter of one resource ("vcnId")
    creatable = True
    deletable = True
    list_filters = {}              # query parameter -> (dotted) field it must equal
    sortable = False               # sortBy/sortOrder as OCI's ListX takes them
    update_refused_states = ()     # states in which PUT answers 409 IncorrectState
    busy_message = "The resource is %s."
    deleted_states = TERMINAL_STATES   # a DELETE in these states is a no-op 204
    delete_duration = None         # rules.DURATIONS key of the default remove()

    def __init__(self, api):
        self.api = api

    # -- routes ----------------------------------------------------------------------------
    def item_path(self):
        return "%s/{%s}" % (self.collection, self.id_param)

    def routes(self):
        out = []
        if self.creatable:
            out.append(Route("POST", self.collection, self.handle_create))
        out += [Route("GET", self.collection, self.handle_list),
                Route("GET", self.item_path(), self.handle_get),
                Route("PUT", self.item_path(), self.handle_update)]
        if self.deletable:
            out.append(Route("DELETE", self.item_path(), self.handle_delete))
        return out + self.extra_routes()

    def extra_routes(self):
        """The kind's actions and sub-paths."""
        return []

    # -- hooks -----------------------------------------------------------------------------
    def load(self, **params):
        return self.api.load_or_404(self.kind, params[self.id_param])

    def view(self, obj):
        """The object as served; None serves its public view."""
        return None

    def views(self, items):
        """The list's items as served (before the query filters: they match what is served)."""
        return [public_view(obj) for obj in items]

    def respond(self, obj):
        return self.api.respond(obj, self.view(obj))

    def scope(self, req, **params):
        """The stored objects a list answers from: by default those of ``compartmentId``."""
        compartment = self.api.check_compartment(req.query.get("compartmentId"))
        return [obj for obj in self.api.all(self.kind) if obj["compartmentId"] == compartment]

    def create(self, body):
        """Validate ``body`` (an object, tags checked), store the new resource and return it."""
        raise NotImplementedError

    def apply_update(self, obj, body):
        """Change ``obj`` as ``body`` asks; every OCI update takes displayName and tags."""
        check_tags(body)
        update_common(obj, body)

    def check_removable(self, obj):
        """Refusals of a DELETE that hold in every state (before the no-op check)."""

    def check_in_use(self, obj):
        """Refusals of a DELETE of a live resource (what still uses it)."""

    def refuse_if_busy(self, obj):
        """409 IncorrectState while the resource is in a state that takes no change."""
        if obj.get("lifecycleState") in self.update_refused_states:
            raise incorrect_state(self.busy_message % obj["lifecycleState"])

    def remove(self, obj):
        self.api.transition(obj, "TERMINATING", "TERMINATED", self.delete_duration)
        self.api.save(self.kind, obj)

    # -- handlers --------------------------------------------------------------------------
    def handle_create(self, req, **params):
        def create():
            body = body_of(req)
            check_tags(body)
            return self.respond(self.create(body))
        return self.api.idempotent(req, create)

    def handle_get(self, req, **params):
        return self.respond(self.load(**params))

    def handle_list(self, req, **params):
        items = self.views(self.scope(req, **params))
        items = self.api.filter(items, req, **self.list_filters)
        return self.api.page(req, items, sortable=self.sortable)

    def handle_update(self, req, **params):
        obj = self.load(**params)
        self.api.check_if_match(req, obj)
        self.refuse_if_busy(obj)
        self.apply_update(obj, body_of(req))
        self.api.save(self.kind, obj)
        return self.respond(obj)

    def handle_delete(self, req, **params):
        obj = self.load(**params)
        self.api.check_if_match(req, obj)
        self.check_removable(obj)
        if obj.get("lifecycleState") in self.deleted_states:
            return Response(204)
        self.check_in_use(obj)
        self.remove(obj)
        return Response(204)

