"""ansible-doc renders the plugin and the filters, and the documented options are the spec."""

import json
import os
import subprocess
import sys

import yaml

from ansible_collections.interconnect.oci_azure.plugins.filter.plan_filters import FilterModule
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import spec as S
from ansible_collections.interconnect.oci_azure.plugins.modules import interconnect_plan

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
FILTERS = sorted(FilterModule().filters())


def ansible_doc(*args):
    exe = os.path.join(os.path.dirname(sys.executable), "ansible-doc")
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".collections"),
               ANSIBLE_NOCOLOR="1")
    proc = subprocess.run([exe if os.path.exists(exe) else "ansible-doc"] + list(args),
                          env=env, capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "[ERROR]" not in proc.stderr and "[WARNING]" not in proc.stderr, proc.stderr
    return proc.stdout


def test_ansible_doc_renders_the_module_with_examples():
    text = ansible_doc("interconnect.oci_azure.interconnect_plan")
    assert "Plan an OCI <-> Azure interconnect" in text or "interconnect_plan" in text
    assert "EXAMPLES" in text and "vpn_bgp_active_passive" in text
    assert "RETURN VALUES" in text


def test_ansible_doc_renders_every_filter():
    docs = json.loads(ansible_doc("-t", "filter", "--json",
                                  *["interconnect.oci_azure.%s" % f for f in FILTERS]))
    assert sorted(docs) == ["interconnect.oci_azure.%s" % f for f in FILTERS]
    for name, doc in docs.items():
        assert doc["doc"]["short_description"], name
        assert doc["examples"].strip(), name
        assert doc["return"]["_value"]["description"], name


def _compare(doc_options, spec, path):
    assert sorted(doc_options) == sorted(spec), path
    for name, entry in spec.items():
        doc = doc_options[name]
        where = "%s.%s" % (path, name)
        assert doc.get("type", "str") == entry.get("type", "str"), where
        assert doc.get("required", False) == entry.get("required", False), where
        assert doc.get("default") == entry.get("default"), where
        assert doc.get("elements") == entry.get("elements"), where
        if entry.get("choices") is not None:
            assert sorted(map(str, doc.get("choices") or [])) == sorted(map(str, entry["choices"])), where
        else:
            assert "choices" not in doc, where
        if entry.get("options"):
            _compare(doc["suboptions"], entry["options"], where)
        else:
            assert "suboptions" not in doc, where
        assert doc.get("description"), where


def test_documented_options_are_the_argument_spec():
    doc = yaml.safe_load(interconnect_plan.DOCUMENTATION)
    _compare(doc["options"], S.ARGUMENT_SPEC, "options")
    yaml.safe_load(interconnect_plan.EXAMPLES)
    yaml.safe_load(interconnect_plan.RETURN)


def test_every_example_is_a_valid_intent():
    from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan.model import (
        build_plan)
    tasks = yaml.safe_load(interconnect_plan.EXAMPLES)
    planned = 0
    for task in tasks:
        args = task.get("interconnect.oci_azure.interconnect_plan")
        if args is None:
            continue
        intent = dict((k, v) for k, v in args.items() if k not in S.ACTION_SPEC)
        if "{{" in str(intent.get("secret_seed", "")):
            intent["secret_seed"] = "a seed kept in Vault"  # stands for the Vault variable
        assert "{{" not in json.dumps(intent), task["name"]
        plan = build_plan(intent)
        # a static design always draws the overlap warning (its backup carries the full CIDRs)
        warnings = [w for w in plan["warnings"] if "overlap the primary's halves" not in w]
        assert warnings == [], (task["name"], plan["warnings"])
        planned += 1
    assert planned == 4
