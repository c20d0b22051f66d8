"""Every OCI module's documentation matches its argument spec, and every EXAMPLES task uses only
options the module accepts, with valid choices and combinations."""

import importlib

import pytest
import yaml
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.interconnect.oci_azure.plugins.module_utils import oci_auth

MODULES = ["oci_vcn", "oci_drg", "oci_drg_attachment", "oci_drg_route_table", "oci_cpe",
           "oci_ipsec_connection", "oci_ipsec_connection_info", "oci_virtual_circuit",
           "oci_virtual_circuit_info"]
FQCN = "interconnect.oci_azure."


class Captured(Exception):
    pass


def module_spec(name, monkeypatch):
    """(argument_spec, validator kwargs) the module's main() builds."""
    module = importlib.import_module("ansible_collections.interconnect.oci_azure.plugins.modules." + name)
    seen = {}

    class Capture:
        def __init__(self, argument_spec, wait=True, **kwargs):
            seen["spec"] = oci_auth.oci_argument_spec(argument_spec, wait)
            seen["kwargs"] = kwargs
            raise Captured()

    monkeypatch.setattr(module, "OCIModule", Capture)
    with pytest.raises(Captured):
        module.main()
    return module, seen["spec"], seen["kwargs"]


@pytest.mark.parametrize("name", MODULES)
def test_examples_use_valid_options(name, monkeypatch):
    module, spec, kwargs = module_spec(name, monkeypatch)
    rules = dict((k, v) for k, v in kwargs.items()
                 if k in ("mutually_exclusive", "required_together", "required_one_of", "required_if"))
    validator = ArgumentSpecValidator(spec, **rules)
    examples = yaml.safe_load(module.EXAMPLES)
    used = [t for t in examples if FQCN + name in t]
    assert used, "%s has no example of itself" % name
    for example in used:
        result = validator.validate(dict(example[FQCN + name]))
        assert not result.error_messages, "%s example %r: %s" % (name, example.get("name"), result.error_messages)


@pytest.mark.parametrize("name", MODULES)
def test_documented_options_match_the_spec(name, monkeypatch):
    module, spec, dummy = module_spec(name, monkeypatch)
    doc = yaml.safe_load(module.DOCUMENTATION)
    for fragment in doc["extends_documentation_fragment"]:
        if fragment.startswith(FQCN):      # ours carry options; ansible.builtin ones only attributes
            name, dummy, variable = fragment[len(FQCN):].partition(".")
            source = importlib.import_module("ansible_collections.interconnect.oci_azure.plugins.doc_fragments."
                                             + name)
            text = getattr(source.ModuleDocFragment, variable.upper() or "DOCUMENTATION")
            # as ansible's add_fragments: the module's own keys of an option win over the fragment's
            for option, settings in (yaml.safe_load(text).get("options") or {}).items():
                doc["options"][option] = dict(settings, **doc["options"].get(option, {}))
    assert set(doc["options"]) == set(spec)
    for option, settings in spec.items():
        documented = doc["options"][option]
        assert documented.get("type", "str") == settings.get("type", "str"), option
        assert documented.get("default") == settings.get("default"), option
        assert documented.get("choices") == settings.get("choices"), option


DOC = "docs/modules-oci.md"


def untemplated(args, spec):
    """``args`` without Jinja values whose option is not a string (they convert at run time)."""
    out = {}
    for key, value in args.items():
        option = spec.get(key) or next((s for s in spec.values() if key in s.get("aliases", [])), {})
        if isinstance(value, str) and "{{" in value and option.get("type", "str") not in ("str", "path", "raw"):
            continue
        if isinstance(value, dict) and option.get("options"):
            value = untemplated(value, option["options"])
        elif isinstance(value, list) and option.get("options"):
            value = [untemplated(item, option["options"]) if isinstance(item, dict) else item for item in value]
        out[key] = value
    return out


def doc_tasks():
    import os
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    text = open(os.path.join(root, DOC)).read()
    tasks = []
    for block in text.split("```yaml")[1:]:
        loaded = yaml.safe_load(block.split("```", 1)[0])
        for item in loaded:
            tasks.extend(item.get("tasks", [item]))
    return tasks


def test_documentation_playbooks_use_valid_options(monkeypatch):
    checked = 0
    for entry in doc_tasks():
        for key, args in entry.items():
            if not key.startswith(FQCN + "oci_"):
                continue
            dummy, spec, kwargs = module_spec(key[len(FQCN):], monkeypatch)
            rules = dict((k, v) for k, v in kwargs.items()
                         if k in ("mutually_exclusive", "required_together", "required_one_of", "required_if"))
            result = ArgumentSpecValidator(spec, **rules).validate(untemplated(args, spec))
            assert not result.error_messages, "%s %r: %s" % (key, entry.get("name"), result.error_messages)
            checked += 1
    assert checked >= 15
