"""The one ARM handler of every top-level Microsoft.Network resource: list, get, put, delete and
the tag-only PATCH, with what each kind does differently given as a ``Kind``.

A PUT runs the same prelude for every kind (api-version and subscription, the JSON body, the
resource group, ``If-Match``, 409 while an operation runs, the envelope: location, tags, etag,
resourceGuid) and then the kind's ``build`` rules on a ``Put``; ``Arm.begin_put`` stores the
result as ``Updating`` and answers 201/200 with ``Azure-AsyncOperation``. A DELETE of a missing
resource answers 204; otherwise the kind's ``check_delete`` runs before ``Arm.begin_delete``.
"""

import functools
from dataclasses import dataclass
from typing import Callable, Optional

from emulator.azure.common import NETWORK, RESOURCE_TYPES, new_etag, view_envelope
from emulator.core.http import Response

RG_PATH = "/subscriptions/{sub}/resourcegroups/{rg}"
NETWORK_PATH = RG_PATH + "/providers/" + NETWORK
SUBSCRIPTION_NETWORK_PATH = "/subscriptions/{sub}/providers/" + NETWORK


def route(router, method, template, handler, write=None):
    """An ARM route: api tag ``azure``, matched case-insensitively as ARM does."""
    router.add("azure", method, template, handler, write=write, case_insensitive=True)


def served_envelope(arm, obj, model):
    """The default view: the stored resource with private keys stripped, in ARM key order."""
    return view_envelope(obj)


def unchanged(arm, obj, model):
    return obj


def no_delete_check(arm, obj):
    return None


@dataclass
class Put:
    """One PUT as a kind's ``build`` sees it: the envelope is made, ``obj["properties"]`` holds only
    ``resourceGuid``; ``build`` validates ``props`` and fills in the rest of ``obj``."""
    arm: object
    req: object
    name: str                  # as in the path
    rid: str                   # the id from the path (an update keeps the stored id's spelling)
    rg_obj: dict
    body: dict
    existing: Optional[dict]   # the stored resource on an update, else None
    obj: dict

    @property
    def props(self):
        return self.body.get("properties") or {}


@dataclass
class Kind:
    kind: str                                   # store kind (common.RESOURCE_TYPES key)
    build: Callable                             # build(put): validate, fill put.obj
    put_operation: str                          # ARM operation names (the operation log, 409 texts)
    delete_operation: str
    view: Callable = served_envelope            # view(arm, obj, model) -> served body
    load: Callable = unchanged                  # load(arm, obj, model) -> obj to serve (GET, list)
    check_delete: Callable = no_delete_check    # check_delete(arm, obj): raise to refuse
    subscription_list: bool = False             # also listed under /subscriptions/{sub}/providers
    model_reads: tuple = ()                     # verbs whose view reads the model: get, list, put, patch

    @property
    def segment(self):
        return RESOURCE_TYPES[self.kind]

    def model_for(self, arm, verb):
        return arm.model() if verb in self.model_reads else None


def put(kind, arm, req, sub, rg, name):
    arm.begin(req, sub)
    body = arm.body(req)
    rg_obj = arm.get_rg(rg)
    rid = arm.resource_id(rg_obj, kind.kind, name)
    existing = arm.get(kind.kind, rid)
    arm.check_if_match(req, existing)
    if existing is not None:
        arm.check_not_busy(existing)
        obj = arm.updated_envelope(existing, body)
    else:
        obj = arm.new_resource(kind.kind, rg_obj, name, body)
    kind.build(Put(arm=arm, req=req, name=name, rid=rid, rg_obj=rg_obj, body=body, existing=existing, obj=obj))
    model = kind.model_for(arm, "put")
    return arm.begin_put(req, kind.kind, obj, existing is None, lambda o: kind.view(arm, o, model),
                         kind.put_operation)


def get(kind, arm, req, sub, rg, name):
    arm.begin(req, sub)
    obj = arm.require(kind.kind, rg, name)
    model = kind.model_for(arm, "get")
    return Response(200, kind.view(arm, kind.load(arm, obj, model), model))


def served_list(kind, arm, rg=None):
    model = kind.model_for(arm, "list")
    return [kind.view(arm, kind.load(arm, o, model), model) for o in arm.list_kind(kind.kind, rg)]


def list_by_group(kind, arm, req, sub, rg):
    arm.begin(req, sub)
    arm.get_rg(rg)
    return Response(200, arm.page(req, served_list(kind, arm, rg)))


def list_by_subscription(kind, arm, req, sub):
    arm.begin(req, sub)
    return Response(200, arm.page(req, served_list(kind, arm)))


def delete(kind, arm, req, sub, rg, name):
    arm.begin(req, sub)
    rg_obj = arm.get_rg(rg)
    obj = arm.get(kind.kind, arm.resource_id(rg_obj, kind.kind, name))
    if obj is None:
        return Response(204, None)
    kind.check_delete(arm, obj)
    return arm.begin_delete(req, kind.kind, obj, kind.delete_operation)


def patch_tags(kind, arm, req, sub, rg, name):
    """Update tags (the only field a Microsoft.Network PATCH changes here); no LRO."""
    arm.begin(req, sub)
    body = arm.body(req)
    obj = arm.require(kind.kind, rg, name)
    arm.check_not_busy(obj)
    if isinstance(body.get("tags"), dict):
        obj["tags"] = body["tags"]
    obj["etag"] = new_etag()
    obj["_updatedAt"] = arm.now()
    arm.store.put("azure", kind.kind, obj["id"].lower(), obj)
    return Response(200, kind.view(arm, obj, kind.model_for(arm, "patch")))


def resource_path(kind):
    return "%s/%s/{name}" % (NETWORK_PATH, kind.segment)


def register_kind(router, arm, kind):
    """The routes of one kind: PUT, GET, DELETE, PATCH on the resource and its lists."""
    path = resource_path(kind)
    for method, handler in (("PUT", put), ("GET", get), ("DELETE", delete), ("PATCH", patch_tags)):
        route(router, method, path, functools.partial(handler, kind, arm))
    route(router, "GET", "%s/%s" % (NETWORK_PATH, kind.segment), functools.partial(list_by_group, kind, arm))
    if kind.subscription_list:
        route(router, "GET", "%s/%s" % (SUBSCRIPTION_NETWORK_PATH, kind.segment),
              functools.partial(list_by_subscription, kind, arm))
