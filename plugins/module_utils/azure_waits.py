# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bounded waits on Azure.

A long-running operation (LRO) of ours is awaited through the SDK's poller, which honours
``Retry-After`` and Azure-AsyncOperation; ``wait_timeout`` bounds it and a timeout names what was
awaited and its last state. A state no operation of ours owns (a gateway another task built
without waiting, an ExpressRoute provider state) is read until it is reached, backing off up to
``polling_interval``. :class:`Waits` gives these to :class:`azure_auth.AzureClient`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_errors import (
    AzureError,
    cloud_error,
    timeout_error,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_shapes import to_rest
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError

try:
    from azure.core.polling import LROPoller, NoPolling
    from azure.mgmt.core.polling.arm_polling import ARMPolling
except ImportError:
    pass   # azure_errors.HAS_AZURE is False: azure_module() fails before any wait

TRANSITIONAL_STATES = ("Updating", "Creating", "Deleting", "Accepted", "Provisioning")


def provisioning_state(resource):
    return ((resource or {}).get("properties") or {}).get("provisioningState")


def json_or_none(pipeline_response):
    response = pipeline_response.http_response
    try:
        text = response.text()
    except Exception:   # pylint: disable=broad-except
        return None
    if not text:
        return None
    try:
        return response.json()
    except ValueError:
        return None


class Waits(object):
    """Waiting for the client: needs ``call``, ``target_options``, ``polling_interval`` and
    ``endpoint`` from the class it is mixed into."""

    def lro(self, begin, args, wait=True, timeout=None, what="the operation", **kwargs):
        """Start an LRO with its SDK poller; wait (bounded) when asked. Returns REST data."""
        kwargs["polling"] = True if wait else False
        poller = self.call(begin, *args, **kwargs)
        return self.finish(poller, wait, timeout, what)

    def lros(self, requests, timeout=None, return_errors=False):
        """Start several LROs, then wait for all of them, bounded by ``timeout`` in all.

        ``requests``: (begin, args, kwargs, what) tuples. The SDK's pollers poll in threads of
        their own, so N read actions (BGP peer status, learned and advertised routes, ARP and
        route tables) take as long as the slowest of them, not their sum. Returns REST data in
        the same order; with ``return_errors`` a request that failed gives its CloudError
        instead of failing the others.
        """
        def attempt(function, *args):
            try:
                return function(*args)
            except CloudError as error:
                if not return_errors:
                    raise
                return error

        started = [(attempt(lambda: self.call(begin, *args, polling=True, **kwargs)), what)
                   for begin, args, kwargs, what in requests]
        deadline = None if timeout is None else time.time() + timeout
        results = []
        for poller, what in started:
            if isinstance(poller, CloudError):
                results.append(poller)
                continue
            left = None if deadline is None else max(0.0, deadline - time.time())
            results.append(attempt(self.finish, poller, True, left, what))
        return results

    def finish(self, poller, wait, timeout, what):
        try:
            if wait:
                poller.wait(timeout)
                if not poller.done():
                    raise timeout_error(what, timeout, poller.status())
            return to_rest(poller.result())
        except (AzureError, ValueError) as exc:
            raise cloud_error(exc, self.target_options)

    def finish_accepted(self, client, pipeline_response, wait, timeout, what):
        """A raw request answered 202 (Location or Azure-AsyncOperation header): await it
        through the SDK's ARMPolling."""
        polling = ARMPolling(self.polling_interval,
                             path_format_arguments={"endpoint": self.endpoint}) if wait else NoPolling()
        poller = LROPoller(client, pipeline_response, json_or_none, polling)
        return self.finish(poller, wait, timeout, what)

    # -- waiting on a state no operation of ours owns -------------------------------------
    def wait_until(self, fetch, done, timeout, what, describe=provisioning_state):
        """GET until ``done(resource)``; for states another process (or the other cloud)
        drives, where there is no operation to poll. Bounded by ``timeout`` seconds."""
        deadline = time.time() + (timeout or 0)
        # Back off from 1 s up to polling_interval: a state that is about to settle is seen at
        # once, a 30-minute gateway build costs a GET every polling_interval.
        delay = min(1.0, self.polling_interval)
        while True:
            resource = fetch()
            if done(resource):
                return resource
            remaining = deadline - time.time()
            if remaining <= 0:
                raise timeout_error(what, timeout, describe(resource) if resource else "absent")
            time.sleep(max(0.01, min(delay, remaining)))
            delay = min(delay * 2, self.polling_interval)
