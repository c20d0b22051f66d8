"""OCI network modules through ansible-playbook against the twin: oci_vcn, oci_drg,
oci_drg_attachment, oci_drg_route_table (default and named tables) and oci_cpe.

Each step asserts the twin's write counter: check mode writes nothing, a converged second run
writes nothing, delete-again writes nothing.
"""

import uuid

import pytest

from oci_it_helpers import playbook_runner, task


def network_tasks(prefix, tags=None, ecmp=True, attachment_name="hub-attachment"):
    tags = tags or {"suite": "oci-it"}
    return [
        task("vcn", "oci_vcn", "vcn", display_name=prefix + "-vcn", cidr_blocks=["10.40.0.0/16"],
             dns_label="hub", freeform_tags=tags),
        task("drg", "oci_drg", "drg", display_name=prefix + "-drg", freeform_tags=tags),
        task("cpe", "oci_cpe", "cpe", display_name=prefix + "-cpe", ip_address="20.81.10.4",
             freeform_tags=tags),
        task("attachment", "oci_drg_attachment", "attachment", drg_id="{{ drg.drg.id }}",
             vcn_id="{{ vcn.vcn.id }}", display_name=attachment_name),
        task("default table", "oci_drg_route_table", "default_table", drg_id="{{ drg.drg.id }}",
             default_for="ipsec_tunnel", is_ecmp_enabled=ecmp),
        task("named table", "oci_drg_route_table", "named_table", drg_id="{{ drg.drg.id }}",
             display_name="vpn-routes", is_ecmp_enabled=not ecmp,
             import_drg_route_distribution_id="{{ default_table.drg_route_table.import_drg_route_distribution_id }}"),
    ]


def delete_tasks(prefix, drg_id, vcn_id):
    return [
        task("named table", "oci_drg_route_table", drg_id=drg_id, display_name="vpn-routes",
             state="absent"),
        task("attachment", "oci_drg_attachment", drg_id=drg_id, vcn_id=vcn_id, state="absent"),
        task("cpe", "oci_cpe", "cpe", display_name=prefix + "-cpe", state="absent"),
        task("drg", "oci_drg", "drg", display_name=prefix + "-drg", state="absent"),
        task("vcn", "oci_vcn", "vcn", display_name=prefix + "-vcn", state="absent"),
    ]


@pytest.fixture
def prefix():
    return "it-net-" + uuid.uuid4().hex[:6]


@pytest.fixture
def playbook(run_play, tmp_path):
    return playbook_runner(run_play, tmp_path)


def test_network_modules_lifecycle(twin, playbook, prefix):
    # -- check mode: predicts the creates, writes nothing ---------------------------------------
    before = twin.writes()
    independent = network_tasks(prefix)[:3]
    play = playbook(independent, check=True, diff=True)
    assert play.rc == 0, play.stdout
    assert twin.writes() == before
    assert play.changed == 3
    assert play.task("vcn")["vcn"]["cidr_blocks"] == ["10.40.0.0/16"]
    assert play.task("drg")["drg"]["display_name"] == prefix + "-drg"
    assert play.task("cpe")["diff"]["after"]["ip_address"] == "20.81.10.4"

    # -- create ---------------------------------------------------------------------------------
    play = playbook(network_tasks(prefix))
    assert play.rc == 0, play.stdout
    assert play.changed == 6
    vcn, drg = play.task("vcn")["vcn"], play.task("drg")["drg"]
    assert vcn["lifecycle_state"] == "AVAILABLE" and vcn["dns_label"] == "hub"
    assert drg["lifecycle_state"] == "AVAILABLE" and drg["default_drg_route_tables"]["ipsec_tunnel"]
    attachment = play.task("attachment")["drg_attachment"]
    assert attachment["lifecycle_state"] == "ATTACHED" and attachment["network_details"]["id"] == vcn["id"]
    default_table = play.task("default table")["drg_route_table"]
    assert default_table["id"] == drg["default_drg_route_tables"]["ipsec_tunnel"]
    assert default_table["is_ecmp_enabled"] is True
    named = play.task("named table")["drg_route_table"]
    assert named["display_name"] == "vpn-routes" and named["is_ecmp_enabled"] is False
    assert named["import_drg_route_distribution_id"] == default_table["import_drg_route_distribution_id"]
    assert play.task("cpe")["cpe"]["ip_address"] == "20.81.10.4"

    # -- one play that must not write: a second run (no change); an attribute the API cannot
    # change (fails, naming it); check mode on existing resources (predicts the updates) -------
    changed_tags = {"suite": "oci-it", "owner": "network-team"}
    updates = network_tasks(prefix, tags=changed_tags, ecmp=False, attachment_name="renamed")
    immutable = task("cpe ip change", "oci_cpe", display_name=prefix + "-cpe", ip_address="20.81.10.99")
    immutable["ignore_errors"] = True
    predictions = [dict(updates[1], name="check drg", check_mode=True, diff=True),
                   dict(updates[4], name="check default table", check_mode=True, diff=True)]
    before = twin.writes()
    play = playbook(network_tasks(prefix) + [immutable] + predictions)
    assert [r["task"] for r in play.failed] == ["cpe ip change"], play.stdout
    assert twin.writes() == before
    assert play.changed == 2                                   # the two predictions
    assert "ip_address cannot be changed in place" in play.task("cpe ip change")["msg"]
    assert play.task("check drg")["drg"]["freeform_tags"] == changed_tags
    assert play.task("check default table")["changed_fields"] == ["is_ecmp_enabled"]
    assert play.task("check default table")["drg_route_table"]["is_ecmp_enabled"] is False
    assert play.task("check default table")["diff"]["before"]["is_ecmp_enabled"] is True

    # -- update in place -----------------------------------------------------------------------
    play = playbook(updates, diff=True)
    assert play.rc == 0, play.stdout
    assert play.changed == 6
    assert play.task("drg")["drg"]["id"] == drg["id"]                       # same DRG, updated
    assert play.task("drg")["drg"]["freeform_tags"] == changed_tags
    assert play.task("vcn")["changed_fields"] == ["freeform_tags.owner"]
    assert play.task("attachment")["drg_attachment"]["display_name"] == "renamed"
    assert play.task("default table")["drg_route_table"]["is_ecmp_enabled"] is False
    assert play.task("named table")["drg_route_table"]["is_ecmp_enabled"] is True

    # -- delete, then delete again (the parents are gone by then: still no error, no write) ---
    play = playbook(delete_tasks(prefix, drg["id"], vcn["id"]), diff=True)
    assert play.rc == 0, play.stdout
    assert play.changed == 5
    assert play.task("drg")["diff"]["before"]["id"] == drg["id"]
    before = twin.writes()
    play = playbook(delete_tasks(prefix, drg["id"], vcn["id"]))
    assert play.rc == 0, play.stdout
    assert play.changed == 0 and twin.writes() == before
    for name in ("cpe", "drg", "vcn"):
        assert play.task(name)[name] == {}

    # -- re-create after the delete: OCI still knows the first create's opc-retry-token and
    # answers the same request with the deleted DRG; the module notices and makes a new one ---
    play = playbook([network_tasks(prefix)[1]])
    assert play.rc == 0, play.stdout
    recreated = play.task("drg")["drg"]
    assert play.changed == 1 and recreated["id"] != drg["id"] and recreated["lifecycle_state"] == "AVAILABLE"
