"""OCI modules under the twin's injected faults: throttling with Retry-After, 5xx, connection
resets and writes that commit and then answer 500. The modules retry (bounded), the stable
opc-retry-token turns a repeated create into a replay instead of a duplicate, and a run after
the faults finds everything converged."""

import uuid

from oci_it_helpers import local_inventory, task


def test_creates_survive_faults_without_duplicates(twin, run_play, tmp_path):
    env = local_inventory(tmp_path)
    prefix = "it-flt-" + uuid.uuid4().hex[:6]
    tasks = [
        task("drg", "oci_drg", "drg", display_name=prefix + "-drg"),
        task("cpe", "oci_cpe", "cpe", display_name=prefix + "-cpe", ip_address="20.81.10.30"),
        task("vcn", "oci_vcn", "vcn", display_name=prefix + "-vcn", cidr_blocks=["10.50.0.0/16"]),
    ]
    before = twin.stats()
    twin.admin("POST", "faults", {"rate": 0.15, "seed": 7,
                                  "kinds": ["throttle", "server_error", "connection_reset",
                                            "applied_then_failed"]})
    try:
        play = run_play(tasks, env=env)
    finally:
        twin.reset_faults()
    after = twin.stats()
    assert play.rc == 0, play.stdout
    assert play.changed == 3
    injected = sum(after["faults"].values()) - sum(before["faults"].values())
    assert injected > 0, "the seed injected no fault; the test proves nothing"

    # converged: one of each (a duplicate would make the lookup by name fail), no write
    writes = twin.writes()
    play = run_play(tasks, env=env)
    assert play.rc == 0, play.stdout
    assert play.changed == 0 and twin.writes() == writes


class _Module:
    """Just enough of AnsibleModule for OCIApi, configured from the twin's environment."""

    def __init__(self, env):
        from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_auth
        self.params = dict((name, None) for name in oci_auth.oci_auth_argument_spec())
        self.params.update(auth_type="api_key", config_file=env["OCI_CONFIG_FILE"],
                           config_profile=env["OCI_CONFIG_PROFILE"], region=env["OCI_REGION"],
                           service_endpoint=env["OCI_SERVICE_ENDPOINT"], ca_bundle=env["OCI_CA_BUNDLE"],
                           wait=True, wait_timeout=30)


def fast_api(twin, **retry):
    """OCIApi on the twin with a quick backoff (Retry-After still applies)."""
    from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_api
    from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_retries
    api = oci_api.OCIApi(_Module(twin.env))
    api.client.retry_strategy = api.retry_strategy = oci_retries.RetryAfterStrategy(base_seconds=0.01, **retry)
    return api


def test_lost_create_responses_never_duplicate_and_throttles_honour_retry_after(twin):
    import oci
    from ansible_collections.interconnect.oci_azure.plugins.module_utils.common import CloudError

    api = fast_api(twin)
    compartment = twin.env["OCI_COMPARTMENT_ID"]
    name = "it-token-" + uuid.uuid4().hex[:6]
    details = oci.core.models.CreateDrgDetails(compartment_id=compartment, display_name=name)
    identity = ("DRG", compartment, None, name)

    # every write commits and then answers 500: the create is retried with the same token
    replays = twin.stats()["retry_token_replays"]
    twin.admin("POST", "faults", {"rate": 1.0, "kinds": ["applied_then_failed"]})
    try:
        try:
            api.create("create_drg", details, identity, get_method="get_drg")
            raise AssertionError("the create cannot succeed while every write fails")
        except CloudError as exc:
            assert exc.status == 500 and exc.request_id
    finally:
        twin.reset_faults()
    assert len(api.retry_strategy.sleeps) == api.retry_strategy.max_attempts - 1   # bounded
    assert twin.stats()["retry_token_replays"] - replays == api.retry_strategy.max_attempts - 1

    # the next run's create with the same identity gets the DRG the lost create made
    made = api.create("create_drg", details, identity, get_method="get_drg")
    named = [d for d in api.list_all("list_drgs", compartment) if d.display_name == name]
    assert [d.id for d in named] == [made.id]
    api.delete("delete_drg", made.id)

    # throttled: every retry waits at least the twin's Retry-After (1 s), attempts are bounded
    api = fast_api(twin, max_attempts=3)
    twin.admin("POST", "faults", {"rate": 1.0, "kinds": ["throttle"]})
    try:
        try:
            api.list_all("list_drgs", compartment)
            raise AssertionError("every request is throttled")
        except CloudError as exc:
            assert exc.status == 429 and "fewer forks" in exc.hint
    finally:
        twin.reset_faults()
    assert len(api.retry_strategy.sleeps) == 2 and min(api.retry_strategy.sleeps) >= 1.0
