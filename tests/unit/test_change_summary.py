"""The change summary callback: what each module result says, per interconnect, in the words a
network engineer reviews a change in (create / update field old -> new / delete / unchanged)."""

from ansible_collections.interconnect.oci_azure.plugins.callback import change_summary as C


def result(changed=True, before=None, after=None, fields=None, name="lng-1", **extra):
    out = {"changed": changed, "invocation": {"module_args": {"name": name}}}
    if before is not None or after is not None:
        out["diff"] = {"before": before, "after": after}
    if fields is not None:
        out["changed_fields"] = fields
    out.update(extra)
    return out


def test_each_kind_of_change_in_its_words():
    lng = "azure_local_network_gateway"
    assert C.entry(lng, result(before={}, after={"properties": {}})) == ("create", lng + " lng-1", "")
    assert C.entry(lng, result(before={"a": 1}, after={})) == ("delete", lng + " lng-1", "")
    assert C.entry(lng, result(changed=False)) == ("unchanged", lng + " lng-1", "")
    update = C.entry(lng, result(before={"properties": {"bgpSettings": {"asn": 31898}}},
                                 after={"properties": {"bgpSettings": {"asn": 31899}}},
                                 fields=["properties.bgpSettings.asn"]))
    assert update == ("update", lng + " lng-1", "properties.bgpSettings.asn 31898 -> 31899")
    assert C.entry(lng, result(skipped=True)) is None


def test_a_no_log_task_is_listed_with_its_changes_hidden():
    assert C.entry("oci_ipsec_connection", {"censored": "the output has been hidden", "changed": True}) == \
        ("changed", "oci_ipsec_connection", C.HIDDEN)


def test_loop_results_count_one_each_and_the_summary_totals_them():
    loop = {"results": [result(before={}, after={"x": 1}, name="a"), result(changed=False, name="b"),
                        {"skipped": True}]}
    entries = [C.entry("oci_cpe", r) for r in C.results_of(loop)]
    lines = C.render("vpn_single", [e for e in entries if e], check_mode=True)
    assert lines[0] == "vpn_single: what a run would change (dry run)"
    assert lines[1].split() == ["create", "oci_cpe", "a"]
    assert lines[-1] == "  1 create, 1 unchanged"
    assert C.render("h", [], False)[-1] == "  nothing ran"
