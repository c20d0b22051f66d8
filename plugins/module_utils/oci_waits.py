# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bounded waits on OCI, and when a resource counts as gone.

:class:`Waits` gives :class:`oci_api.OCIApi` its waits, all through ``oci.wait_until`` (its poll
interval doubles up to ``wait_max_interval``; ``wait_timeout`` bounds it): a resource reaching a
lifecycle state, a condition over several resources, a resource disappearing. A resource in a
TERMINATING/TERMINATED (attachments: DETACHING/DETACHED) state counts as absent (:func:`is_gone`).
Values are read in the ``oci.util.to_dict`` shape (:func:`to_dict`).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_errors import (
    CLOUD,
    HAS_OCI,
    oci,
    to_cloud_error,
)

# A resource in one of these states counts as absent (attachments detach instead of terminate).
GONE_STATES = ("TERMINATING", "TERMINATED", "DETACHING", "DETACHED")
# oci.wait_until doubles its poll interval from 1 s up to this ceiling (wait_max_interval).
DEFAULT_WAIT_MAX_INTERVAL = 10.0


class Waits(object):
    """Waits for :class:`oci_api.OCIApi` (reads ``self.client`` and ``self.params``)."""

    def wait_max_interval(self):
        """Ceiling of oci.wait_until's doubling poll interval (wait_max_interval, else 10 s)."""
        value = self.params.get("wait_max_interval")
        return DEFAULT_WAIT_MAX_INTERVAL if value is None else max(0.1, float(value))

    def wait_for(self, get_method, resource_id, states=None, evaluate=None, failed_states=(),
                 timeout=None, gone_ok=False, what=None):
        """Poll ``get_method(resource_id)`` with oci.wait_until until ``lifecycle_state`` is in
        ``states`` (or ``evaluate(model)`` is true); None when ``gone_ok`` and it disappears.

        Fails early on ``failed_states`` and after ``timeout`` seconds (wait_timeout).
        """
        timeout = self.params.get("wait_timeout") if timeout is None else timeout
        states = tuple(states or ())
        args = resource_id if isinstance(resource_id, tuple) else (resource_id,)
        method = getattr(self.client, get_method)

        def fetch(*ignored):
            return method(*args)

        def done(response):
            data = response.data
            state = getattr(data, "lifecycle_state", None)
            if state in failed_states:
                return True
            if evaluate is not None:
                return evaluate(data)
            return state in states

        try:
            response = fetch()
            response = oci.wait_until(
                self.client, response, evaluate_response=done, max_wait_seconds=timeout,
                max_interval_seconds=self.wait_max_interval(), succeed_on_not_found=gone_ok,
                fetch_func=lambda response=None: fetch())
        except Exception as exc:
            if gone_ok and getattr(exc, "status", None) == 404:
                return None
            error = to_cloud_error(exc)
            if HAS_OCI and isinstance(exc, oci.exceptions.MaximumWaitTimeExceeded):
                error.message = "timed out after %ss waiting for %s to be %s" % (
                    timeout, what or resource_id, " / ".join(states) or "ready")
            raise error
        if response is oci.waiter.WAIT_RESOURCE_NOT_FOUND:
            return None
        data = response.data
        if getattr(data, "lifecycle_state", None) in failed_states:
            raise CloudError("%s reached %s" % (what or resource_id, data.lifecycle_state),
                             cloud=CLOUD, hint="inspect it in the console or with the _info module; "
                                               "delete it and create it again")
        return data

    def poll(self, fetch, done, timeout=None, on_timeout=None):
        """Call ``fetch()`` through oci.wait_until until ``done(data)``; the last data.

        For conditions over several resources (all tunnels of a connection UP, a circuit
        PROVISIONED with BGP UP). After ``timeout`` seconds (wait_timeout), raises the CloudError
        that ``on_timeout(last_data)`` returns.
        """
        timeout = self.params.get("wait_timeout") if timeout is None else timeout
        last = {}

        def fetch_response(response=None):
            last["data"] = fetch()
            return _Polled(last["data"])

        try:
            response = oci.wait_until(self.client, fetch_response(), max_wait_seconds=timeout,
                                      evaluate_response=lambda r: done(r.data),
                                      max_interval_seconds=self.wait_max_interval(),
                                      fetch_func=fetch_response)
        except Exception as exc:
            if HAS_OCI and isinstance(exc, oci.exceptions.MaximumWaitTimeExceeded) and on_timeout:
                raise on_timeout(last.get("data"))
            raise to_cloud_error(exc)
        return response.data

    def wait_gone(self, get_method, resource_id, what=None):
        return self.wait_for(get_method, resource_id, states=("TERMINATED", "DETACHED"),
                             gone_ok=True, what=what)


class _Polled(object):
    """The part of an oci Response that oci.wait_until looks at when given a fetch_func."""

    def __init__(self, data):
        self.data = data


def to_dict(model):
    """The read shape of an SDK model (snake_case dict); None stays None."""
    if model is None:
        return None
    return oci.util.to_dict(model)


def is_gone(model):
    return getattr(model, "lifecycle_state", None) in GONE_STATES
