# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""When an Azure request is tried again.

azure-core's retry policy retries throttles (429), server errors (5xx) and connection errors
with exponential back-off and honours ``Retry-After``; :func:`retry_settings` sets it from the
``api_retries`` option. ARM's refusal of a write while another operation runs on the resource is
not retried by azure-core: :func:`refused_as_busy` tells it apart, so that the resource waits the
operation out and writes again only when still needed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError

# azure-core's own default: a run makes hundreds of calls, so a burst of 429/5xx must not fail it.
API_RETRIES_DEFAULT = 10
# ARM's answer to a write on a resource another operation is changing.
BUSY_CODES = ("AnotherOperationInProgress",)


def retry_settings(params):
    """azure-core pipeline keyword arguments for the ``api_retries`` option."""
    retries = API_RETRIES_DEFAULT if params.get("api_retries") is None else params["api_retries"]
    return dict(
        # azure-core also caps connection, read and status retries (3 each by default),
        # under the total: api_retries bounds them all.
        retry_total=retries, retry_connect=retries, retry_read=retries, retry_status=retries,
        retry_backoff_factor=0.8,
        retry_backoff_max=60,
    )


def refused_as_busy(send):
    """Run ``send``: (True, None) when ARM refused it because an operation runs on the resource,
    else (False, its answer)."""
    try:
        return False, send()
    except CloudError as error:
        if error.code not in BUSY_CODES:
            raise
        return True, None
