"""The shared ensure path: comparison, masking, check mode, immutables and the result shape."""

import pytest
from hypothesis import given, strategies as st

from ansible_collections.interconnect.oci_azure.plugins.module_utils import common


class FakeModule:
    def __init__(self, params, check_mode=False):
        self.params = params
        self.check_mode = check_mode


class Memory(common.Resource):
    """A resource kept in a dict; records every write so tests can count them."""

    kind = "widget"
    secret_paths = ("secret", "tunnels.*.sharedSecret")
    immutable_paths = ("region",)
    unordered_paths = ("prefixes",)

    def __init__(self, module, store):
        super().__init__(module)
        self.store = store
        self.writes = []

    def find(self):
        return self.store.get("obj")

    def desired(self):
        return {k: v for k, v in self.params.items() if k not in ("name", "replace")}

    def create(self, desired):
        self.writes.append("create")
        self.store["obj"] = dict(desired, id="w1", serverDefault=7)
        return self.store["obj"]

    def update(self, current, desired, changed_paths):
        self.writes.append("update")
        self.store["obj"] = common.merge(current, desired)
        return self.store["obj"]

    def delete(self, current):
        self.writes.append("delete")
        self.store.pop("obj")


def run(params, store, check=False, state="present"):
    res = Memory(FakeModule(dict(params, name="w"), check), store)
    return common.ensure(res, state), res


def test_create_then_second_run_makes_no_write():
    store = {}
    result, res = run({"size": 2, "prefixes": ["a", "b"]}, store)
    assert result["changed"] and res.writes == ["create"]
    result, res = run({"size": 2, "prefixes": ["b", "a"]}, store)
    assert result["changed"] is False and res.writes == []


def test_check_mode_predicts_without_writing():
    store = {"obj": {"id": "w1", "size": 1}}
    result, res = run({"size": 3}, store, check=True)
    assert result["changed"] and res.writes == []
    assert result["resource"]["size"] == 3 and store["obj"]["size"] == 1
    assert result["diff"]["before"]["size"] == 1 and result["diff"]["after"]["size"] == 3


def test_unset_fields_and_server_defaults_are_ignored():
    store = {"obj": {"id": "w1", "size": 1, "serverDefault": 9}}
    result, res = run({"size": 1, "color": None}, store)
    assert result["changed"] is False


def test_number_and_numeric_string_compare_equal_but_bool_does_not():
    assert common.differences({"asn": 65515}, {"asn": "65515"}) == []
    assert common.differences({"on": True}, {"on": 1}) == ["on"]


def test_list_items_compare_on_desired_keys_only():
    current = {"tunnels": [{"name": "t1", "status": "UP"}, {"name": "t2", "status": "DOWN"}]}
    assert common.differences({"tunnels": [{"name": "t1"}, {"name": "t2"}]}, current) == []
    assert common.differences({"tunnels": [{"name": "t2"}, {"name": "t1"}]}, current) == ["tunnels"]


def test_secret_is_masked_in_diff_and_result_and_change_is_flagged():
    store = {"obj": {"id": "w1", "secret": "old secret"}}
    result, res = run({"secret": "new secret"}, store)
    text = repr(result)
    assert "old secret" not in text and "new secret" not in text
    assert result["diff"]["after"]["secret"] == common.MASK + " (changed)"
    assert res.writes == ["update"]


def test_masks_secrets_inside_lists():
    masked = common.mask_secrets({"tunnels": [{"sharedSecret": "x"}, {"sharedSecret": None}]},
                                 ["tunnels.*.sharedSecret"])
    assert masked == {"tunnels": [{"sharedSecret": common.MASK}, {"sharedSecret": None}]}


def test_immutable_change_fails_naming_the_field_without_writing():
    store = {"obj": {"id": "w1", "region": "east"}}
    with pytest.raises(common.InputError) as err:
        run({"region": "west"}, store)
    assert "region" in str(err.value)
    assert store["obj"]["region"] == "east"


def test_immutable_change_replaces_when_opted_in():
    store = {"obj": {"id": "w1", "region": "east"}}
    res = Memory(FakeModule({"name": "w", "region": "west", "replace": True}), store)
    result = common.ensure(res, "present")
    assert res.writes == ["delete", "create"] and result["changed"]


def test_absent_deletes_once_then_reports_no_change():
    store = {"obj": {"id": "w1"}}
    result, res = run({}, store, state="absent")
    assert result["changed"] and res.writes == ["delete"]
    result, res = run({}, store, state="absent")
    assert result["changed"] is False and res.writes == []


def test_validation_problems_stop_before_any_call():
    class Invalid(Memory):
        def validate(self):
            return ["size: must be positive", "color: unknown"]

        def find(self):
            raise AssertionError("must not be called")

    with pytest.raises(common.InputError) as err:
        common.ensure(Invalid(FakeModule({"name": "w"}), {}), "present")
    assert err.value.problems == ["size: must be positive", "color: unknown"]


def test_cloud_error_message_names_everything_a_user_needs():
    err = common.CloudError("Gateway busy", cloud="Azure", resource="connection 'c1'",
                            field="properties.sharedKey", code="AnotherOperationInProgress",
                            status=409, request_id="abc", hint="wait and re-run")
    msg = err.to_msg()
    for piece in ("Azure", "connection 'c1'", "properties.sharedKey", "AnotherOperationInProgress",
                  "409", "abc", "wait and re-run"):
        assert piece in msg


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=10)


@given(st.dictionaries(st.text(max_size=3), json_values, max_size=4))
def test_a_resource_never_differs_from_itself_merged_with_its_own_desired(desired):
    desired = common.prune_none(desired)
    assert common.differences(desired, common.merge({}, desired)) == []


@given(st.dictionaries(st.text(min_size=1, max_size=3), json_values, max_size=4),
       st.dictionaries(st.text(min_size=1, max_size=3), json_values, max_size=4))
def test_merge_then_compare_is_clean(current, desired):
    desired = common.prune_none(desired)
    assert common.differences(desired, common.merge(current, desired)) == []


class NeedsSize(Memory):
    """A widget that cannot be created without ``size`` (but can be managed without it)."""

    def create_problems(self, desired):
        return [] if desired.get("size") else ["size is required to create widget 'w'"]


def run_needs_size(params, store, check=False):
    res = NeedsSize(FakeModule(dict(params, name="w"), check), store)
    return common.ensure(res, "present"), res


@pytest.mark.parametrize("check", [False, True])
def test_create_requirements_are_checked_in_check_mode_too(check):
    # before: check mode predicted a create (changed) that the real run then refused
    store = {}
    with pytest.raises(common.InputError) as err:
        run_needs_size({"color": "red"}, store, check=check)
    assert err.value.problems == ["size is required to create widget 'w'"]
    assert store == {}


def test_create_requirements_do_not_apply_to_an_existing_resource():
    store = {"obj": {"id": "w1", "color": "blue"}}
    result, res = run_needs_size({"color": "red"}, store, check=True)
    assert result["changed"] and res.writes == []
    result, res = run_needs_size({"color": "red"}, store)
    assert res.writes == ["update"]
    result, res = run_needs_size({"size": 2}, {}, check=True)
    assert result["changed"] and result["resource"]["size"] == 2


# -- values known only after a create (dry runs) -------------------------------------------------
UNKNOWN = common.KNOWN_AFTER_CREATE


def test_a_value_known_after_create_is_refused_outside_check_mode_before_any_call():
    with pytest.raises(common.InputError) as err:
        run({"size": 2, "parent": {"id": UNKNOWN}}, {})
    assert err.value.problems[0].startswith("parent.id: (known after create) is known only after a create")


def test_check_mode_predicts_a_create_showing_the_unknown_value():
    result, res = run({"size": 2, "peer_ip": UNKNOWN}, {}, check=True)
    assert result["changed"] and res.writes == []
    assert result["diff"]["after"]["peer_ip"] == UNKNOWN


def test_an_unknown_value_is_not_compared_with_what_exists():
    store = {"obj": {"id": "w1", "size": 2, "peer_ip": "192.0.2.1"}}
    result, res = run({"size": 2, "peer_ip": UNKNOWN}, store, check=True)
    assert result["changed"] is False and res.writes == []
    result, res = run({"size": 3, "peer_ip": UNKNOWN}, store, check=True)
    assert result["changed_fields"] == ["size"]


@pytest.mark.parametrize("value, paths", [
    ({"a": UNKNOWN, "b": [1, {"c": UNKNOWN}]}, ["a", "b.1.c"]),
    ({"a": "known", "b": []}, []),
])
def test_unknown_paths_and_pruning(value, paths):
    assert common.unknown_paths(value) == paths
    assert common.is_unknown(value) is bool(paths)
    assert not common.is_unknown(common.prune_unknown(value))
