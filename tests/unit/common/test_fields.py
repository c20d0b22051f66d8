"""Field tables: one declaration per field gives the spec, the bodies, the paths and the checks;
and the ensure path uses them the same way in check mode as in a real run."""

import pytest
from hypothesis import given, strategies as st

from ansible_collections.interconnect.oci_azure.plugins.module_utils import common
from ansible_collections.interconnect.oci_azure.plugins.module_utils.fields import (
    Field, FieldTable, as_problems,
)


def positive(value, option):
    return None if value > 0 else "%s must be positive, not %s" % (option, value)


TABLE = FieldTable(
    Field("name", spec=dict(type="str", required=True), desired=False),
    Field("location", spec=dict(type="str"), to_api=lambda v: v.replace(" ", "").lower(),
          immutable=True),
    Field("gateway_ip_address", read="properties.gatewayIpAddress", write="gateway_ip",
          spec=dict(type="str")),
    Field("fqdn", read="properties.fqdn", spec=dict(type="str")),
    Field("prefixes", read="properties.space.prefixes", spec=dict(type="list", elements="str"),
          unordered=True, required_to_create=True),
    Field("bgp", read="properties.bgpSettings", spec=dict(type="dict")),
    Field("bgp.asn", read="properties.bgpSettings.asn", spec=dict(type="int"), to_api=str,
          validate=positive),
    Field("bgp.weight", read="properties.bgpSettings.peerWeight", spec=dict(type="int"),
          update=False),
    Field("key", read="properties.sharedKey", spec=dict(type="str"), secret=True),
    create_requires_one_of=[("gateway_ip_address", "fqdn")],
)


def test_the_argument_spec_nests_children_and_hides_secrets():
    spec = TABLE.argument_spec()
    assert set(spec) == {"name", "location", "gateway_ip_address", "fqdn", "prefixes", "bgp", "key"}
    assert spec["bgp"] == {"type": "dict", "options": {"asn": {"type": "int"},
                                                       "weight": {"type": "int"}}}
    assert spec["key"] == {"type": "str", "no_log": True}
    assert spec["name"]["required"] is True
    # the table's own specs are not changed by building the argument spec
    assert "options" not in TABLE["bgp"].spec


def test_desired_is_what_the_user_set_in_the_read_shape():
    params = {"name": "lng", "location": "East US", "gateway_ip_address": "192.0.2.1",
              "fqdn": None, "prefixes": ["10.0.0.0/16"], "bgp": {"asn": 65000, "weight": None},
              "key": "s3cret"}
    assert TABLE.desired(params) == {
        "location": "eastus",
        "properties": {"gatewayIpAddress": "192.0.2.1", "space": {"prefixes": ["10.0.0.0/16"]},
                       "bgpSettings": {"asn": "65000"}, "sharedKey": "s3cret"}}


def test_an_unset_container_gives_no_empty_object():
    assert TABLE.desired({"bgp": None, "location": None}) == {}
    assert TABLE.desired({"bgp": {"asn": None, "weight": None}}) == {}


def test_desired_copies_values_so_the_params_stay_untouched():
    params = {"prefixes": ["10.0.0.0/16"]}
    TABLE.desired(params)["properties"]["space"]["prefixes"].append("x")
    assert params["prefixes"] == ["10.0.0.0/16"]


def test_write_bodies_follow_the_write_paths_and_updates_leave_create_only_fields_out():
    desired = TABLE.desired({"location": "westeurope", "gateway_ip_address": "192.0.2.1",
                             "bgp": {"asn": 1, "weight": 5}})
    assert TABLE.write(desired) == {"location": "westeurope", "gateway_ip": "192.0.2.1",
                                    "properties": {"bgpSettings": {"asn": "1", "peerWeight": 5}}}
    assert TABLE.write(desired, update=True) == {"gateway_ip": "192.0.2.1",
                                                 "properties": {"bgpSettings": {"asn": "1"}}}


def test_paths_come_from_the_flags():
    assert TABLE.immutable_paths == ("location",)
    assert TABLE.secret_paths == ("properties.sharedKey",)
    assert TABLE.unordered_paths == ("properties.space.prefixes",)


def test_option_for_names_the_nearest_declared_field():
    assert TABLE.option_for("properties.bgpSettings.asn") == "bgp.asn"
    assert TABLE.option_for("properties.bgpSettings.bgpPeeringAddresses.0") == "bgp"
    assert TABLE.option_for("properties.gatewayIpAddress") == "gateway_ip_address"
    assert TABLE.option_for("properties.somethingElse") is None


def test_validators_run_on_set_values_only_and_any_answer_becomes_a_list():
    assert TABLE.problems({"bgp": {"asn": -1}}) == ["bgp.asn must be positive, not -1"]
    assert TABLE.problems({"bgp": {"asn": 5}}) == []
    assert TABLE.problems({"bgp": None}) == []
    assert as_problems(None) == [] and as_problems("x") == ["x"] and as_problems(["a", None]) == ["a"]


def test_create_problems_name_every_missing_option():
    assert TABLE.create_problems({"prefixes": []}, "lng 'a'") == [
        "prefixes is required to create lng 'a'",
        "gateway_ip_address or fqdn is required to create lng 'a'"]
    assert TABLE.create_problems({"prefixes": ["10.0.0.0/8"], "fqdn": "vpn.example.com"}, "x") == []


def test_a_requirement_may_depend_on_other_options():
    table = FieldTable(
        Field("kind", spec=dict(type="str")),
        Field("peer", spec=dict(type="str"), required_to_create=True),
        Field("key", spec=dict(type="str"),
              required_to_create=lambda params: params.get("kind") == "IPsec"),
    )
    assert table.missing_to_create({"kind": "IPsec"}) == ["peer", "key"]
    assert table.missing_to_create({"kind": "ExpressRoute"}) == ["peer"]
    assert table.missing_to_create({"kind": "IPsec", "peer": "p", "key": "k"}) == []
    assert table.create_problems({"kind": "IPsec", "peer": ""}, "c") == [
        "peer and key are required to create c"]


def test_a_table_refuses_a_field_twice_or_a_child_before_its_container():
    with pytest.raises(ValueError):
        FieldTable(Field("a"), Field("a"))
    with pytest.raises(ValueError):
        FieldTable(Field("a.b"), Field("a", spec=dict(type="dict")))
    with pytest.raises(TypeError):
        FieldTable(Field("a"), create_requires=[("a",)])


def test_extended_tables_compose_shared_fields_with_the_resources_own():
    shared = FieldTable(Field("display_name", spec=dict(type="str")),
                        create_requires_one_of=[("display_name", "id")])
    table = shared.extended(Field("ip_address", spec=dict(type="str"), immutable=True))
    assert [f.option for f in table] == ["display_name", "ip_address"]
    assert [f.option for f in shared] == ["display_name"]
    assert table.create_requires_one_of == [("display_name", "id")]
    with pytest.raises(ValueError):
        shared.extended(Field("display_name"))


def test_a_shared_field_can_be_replaced_by_a_variant_in_place():
    shared = FieldTable(Field("display_name", spec=dict(type="str")), Field("tags", spec=dict(type="dict")))
    table = shared.extended(Field("drg_id", spec=dict(type="str")),
                            replacing=[shared["display_name"].but(required_to_create=True)])
    assert [f.option for f in table] == ["display_name", "tags", "drg_id"]
    assert table.missing_to_create({"drg_id": "d"}) == ["display_name"]
    assert shared.missing_to_create({}) == []         # the shared table is untouched
    with pytest.raises(ValueError):
        shared.extended(replacing=[Field("nothing")])
    with pytest.raises(TypeError):
        shared["tags"].but(colour="red")


def test_a_sub_resource_field_is_desired_but_never_written():
    table = FieldTable(Field("name", spec=dict(type="str")),
                       Field("tunnels", spec=dict(type="list"), write=False))
    desired = table.desired({"name": "vpn", "tunnels": [{"a": 1}]})
    assert desired == {"name": "vpn", "tunnels": [{"a": 1}]}
    assert table.write(desired) == {"name": "vpn"}


@given(st.dictionaries(st.sampled_from(["gateway_ip_address", "fqdn", "location"]),
                       st.one_of(st.none(), st.text(alphabet="abc .", min_size=1, max_size=8))),
       st.one_of(st.none(), st.integers(min_value=1, max_value=4294967295)))
def test_desired_then_write_round_trips_every_set_option(params, asn):
    params = dict(params, bgp={"asn": asn, "weight": None})
    desired = TABLE.desired(params)
    body = TABLE.write(desired)
    for field in TABLE:
        if TABLE.is_container(field) or not field.desired_field:
            continue
        given_value = TABLE.value(params, field.option)
        sent = common.get_path(body, field.write)
        if given_value is None:
            assert sent is None
        else:
            assert sent == (field.to_api(given_value) if field.to_api else given_value)


# --- the ensure path with a field table --------------------------------------------------------

class FakeModule:
    def __init__(self, params, check_mode=False):
        self.params = params
        self.check_mode = check_mode


class Gateway(common.Resource):
    """A resource kept in a dict, described only by its field table."""

    kind = "gateway"
    fields = TABLE

    def __init__(self, module, store):
        super().__init__(module)
        self.store = store
        self.writes = []

    def find(self):
        return self.store.get("obj")

    def change_problems(self, current, desired, changed_paths):
        if current.get("locked") and changed_paths:
            return ["%s is locked: %s cannot change" % (self.describe(), ", ".join(changed_paths))]
        return []

    def create(self, desired):
        self.writes.append("create")
        self.store["obj"] = dict(desired, id="g1")
        return self.store["obj"]

    def update(self, current, desired, changed_paths):
        self.writes.append("update")
        self.store["obj"] = common.merge(current, desired)
        return self.store["obj"]

    def delete(self, current):
        self.writes.append("delete")
        self.store.pop("obj")


def ensure(params, store, check=False):
    resource = Gateway(FakeModule(dict({"name": "gw"}, **params), check), store)
    return common.ensure(resource), resource


@pytest.mark.parametrize("check", [True, False])
def test_a_create_missing_a_required_option_fails_alike_in_check_mode_and_without(check):
    with pytest.raises(common.InputError) as error:
        ensure({"prefixes": ["10.0.0.0/16"]}, {}, check=check)
    assert error.value.problems == ["gateway_ip_address or fqdn is required to create gateway 'gw'"]


@pytest.mark.parametrize("check", [True, False])
def test_a_bad_value_fails_before_any_read_or_write(check):
    store = {}
    with pytest.raises(common.InputError) as error:
        ensure({"bgp": {"asn": 0}, "fqdn": "a", "prefixes": ["p"]}, store, check=check)
    assert error.value.problems == ["bgp.asn must be positive, not 0"]
    assert store == {}


@pytest.mark.parametrize("check", [True, False])
def test_change_problems_run_before_an_update_in_check_mode_too(check):
    store = {"obj": {"id": "g1", "locked": True, "properties": {"fqdn": "a"}}}
    with pytest.raises(common.InputError) as error:
        ensure({"fqdn": "b"}, store, check=check)
    assert error.value.problems == ["gateway 'gw' is locked: properties.fqdn cannot change"]
    assert store["obj"]["properties"]["fqdn"] == "a"


def test_the_table_drives_create_masking_ordering_and_immutables():
    store = {}
    params = {"fqdn": "vpn.example.com", "prefixes": ["10.1.0.0/16", "10.0.0.0/16"],
              "key": "s3cret", "location": "West Europe"}
    result, resource = ensure(params, store)
    assert resource.writes == ["create"]
    assert result["resource"]["properties"]["sharedKey"] == common.MASK
    assert store["obj"]["properties"]["sharedKey"] == "s3cret"
    # a second run with the prefixes in another order makes no write
    result, resource = ensure(dict(params, prefixes=["10.0.0.0/16", "10.1.0.0/16"]), store)
    assert result["changed"] is False and resource.writes == []
    # an immutable field is refused by its option name
    with pytest.raises(common.InputError) as error:
        ensure(dict(params, location="North Europe"), store)
    assert "location cannot be changed in place" in error.value.problems[0]


def test_option_for_falls_back_to_the_path_without_a_table():
    class Bare(common.Resource):
        pass

    assert Bare(FakeModule({})).option_for("properties.x") == "properties.x"
    assert Gateway(FakeModule({}), {}).option_for("properties.bgpSettings.asn") == "bgp.asn"
