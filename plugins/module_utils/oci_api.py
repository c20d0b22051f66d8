# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How the OCI modules reach OCI: :class:`OCIModule` (AnsibleModule with the shared options) and
:class:`OCIApi`, one ``oci.core.VirtualNetworkClient`` built from the authentication options
with the bounded retry strategy, plus the calls every module makes (errors as CloudError, 404 as
None or gone, paginated lists, creates under a stable retry token) and the waits of
:class:`oci_waits.Waits`."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.interconnect.oci_azure.plugins.module_utils import addresses
from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_auth import (
    build_config,
    oci_argument_spec,
    use_ca_bundle,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_errors import (
    CLOUD,
    HAS_OCI,
    OCI_IMPORT_ERROR,
    oci,
    to_cloud_error,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_retries import (
    API_RETRIES_DEFAULT,
    RETRY_TOKEN_GENERATIONS,
    STALE_TOKEN_CODES,
    RetryAfterStrategy,
    retry_token,
)
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_waits import (
    Waits,
    is_gone,
)


class OCIModule(AnsibleModule):
    """AnsibleModule with the OCI options and a lazily built :class:`OCIApi`."""

    def __init__(self, argument_spec, wait=True, **kwargs):
        kwargs.setdefault("supports_check_mode", True)
        super(OCIModule, self).__init__(argument_spec=oci_argument_spec(argument_spec, wait),
                                        **kwargs)
        if not HAS_OCI:
            self.fail_json(msg=missing_required_lib("oci"), exception=OCI_IMPORT_ERROR)
        if addresses.NETADDR_IMPORT_ERROR is not None:
            self.fail_json(msg=missing_required_lib("netaddr"), exception=str(addresses.NETADDR_IMPORT_ERROR))
        self._api = None

    @property
    def api(self):
        if self._api is None:
            try:
                self._api = OCIApi(self)
            except CloudError as exc:
                self.fail_json(msg=exc.to_msg(), error=exc.to_dict())
        return self._api


class OCIApi(Waits):
    """One VirtualNetworkClient and the helpers every OCI module uses."""

    def __init__(self, module, client=None):
        self.module = module
        self.params = module.params
        retries = self.params.get("api_retries")
        self.retry_strategy = RetryAfterStrategy(
            max_attempts=(API_RETRIES_DEFAULT if retries is None else retries) + 1)
        self.client = client or self._make_client()

    def _make_client(self):
        config, signer = build_config(self.params)
        kwargs = dict(retry_strategy=self.retry_strategy,
                      # one short-lived process per task: bounded retries protect the service;
                      # a process-wide circuit breaker would only turn retryable errors into
                      # CircuitBreakerError
                      circuit_breaker_strategy=oci.circuit_breaker.NoCircuitBreakerStrategy(),
                      timeout=(10, 120))
        if signer is not None:
            kwargs["signer"] = signer
        if self.params.get("service_endpoint"):
            kwargs["service_endpoint"] = self.params["service_endpoint"].rstrip("/")
        try:
            client = oci.core.VirtualNetworkClient(config, **kwargs)
        except Exception as exc:
            raise to_cloud_error(exc)
        if self.params.get("ca_bundle"):
            use_ca_bundle(client.base_client.session, self.params["ca_bundle"], client.base_client.endpoint)
        return client

    # -- calls -------------------------------------------------------------------------------
    def call(self, method, *args, **kwargs):
        """``client.<method>(...)``; the response data; errors as CloudError."""
        try:
            return getattr(self.client, method)(*args, **kwargs).data
        except Exception as exc:
            raise to_cloud_error(exc)

    def get_or_none(self, method, *args, **kwargs):
        """Like :meth:`call`, but None for 404."""
        try:
            return getattr(self.client, method)(*args, **kwargs).data
        except Exception as exc:
            if getattr(exc, "status", None) == 404:
                return None
            raise to_cloud_error(exc)

    def list_all(self, method, *args, **kwargs):
        """Every item of a paginated list call (the SDK follows opc-next-page).

        The SDK's pagination wraps each page call in its own DEFAULT_RETRY_STRATEGY (8 attempts,
        no Retry-After) around the client's strategy, which would multiply the attempts; errors
        leave the page call as CloudError, which that outer strategy does not retry, so the
        client's bounded, Retry-After-honouring strategy is the only one that applies.
        """
        operation = getattr(self.client, method)

        def page(*page_args, **page_kwargs):
            try:
                return operation(*page_args, **page_kwargs)
            except Exception as exc:
                raise to_cloud_error(exc)

        try:
            return oci.pagination.list_call_get_all_results(page, *args, **kwargs).data
        except Exception as exc:
            raise to_cloud_error(exc)

    def delete(self, method, *args, **kwargs):
        """Delete; True if the resource existed (404 means it is already gone)."""
        try:
            getattr(self.client, method)(*args, **kwargs)
            return True
        except Exception as exc:
            if getattr(exc, "status", None) == 404:
                return False
            raise to_cloud_error(exc)

    # -- create with a stable retry token -----------------------------------------------------
    def create(self, method, details, token_identity, get_method=None, matches=None):
        """Create with a stable opc-retry-token derived from ``token_identity``; the new model.

        ``token_identity`` is ``(kind, compartment_id, parent_id, display_name)``. A token that
        OCI still remembers from an earlier, finished create (it keeps them 24 hours) is answered
        with that create's response, for a resource that may be gone or renamed since, or with
        409 InvalidatedRetryToken when the request differs; then the next token generation is
        tried. The answer is checked with ``get_method`` (its current state, not the replayed
        one), and ``matches(model)`` must hold.
        """
        for generation in range(RETRY_TOKEN_GENERATIONS):
            token = retry_token(*token_identity, generation=generation)
            try:
                model = self.call(method, details, opc_retry_token=token)
            except CloudError as exc:
                if exc.code in STALE_TOKEN_CODES:
                    continue
                raise
            if get_method is not None:
                model = self.get_or_none(get_method, model.id)
            if model is None or is_gone(model):
                continue
            if matches is None or matches(model):
                return model
        raise CloudError("every retry token for this create names a resource that is gone",
                         cloud=CLOUD, hint="rename the resource or run again in 24 hours")
