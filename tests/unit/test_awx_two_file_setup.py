"""docs/awx.md's separate inventory repository works as written: its site.yml imports the
collection's playbook (syntax-checked with the example inventory, the collection found as a project
sync installs it), its collections/requirements.yml names this collection, and its table of
credentials says the option and environment variable names the modules really read."""

import os
import re
import shutil
import subprocess
import sys

import yaml

from ansible_collections.interconnect.oci_azure.plugins.module_utils.azure_auth import azure_auth_spec
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_auth import oci_auth_argument_spec

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
AWX_DOC = os.path.join(ROOT, "docs", "awx.md")
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
REQUIREMENT_TYPES = ("galaxy", "git", "url", "file", "dir", "subdirs")


def _doc():
    with open(AWX_DOC) as handle:
        return handle.read()


def _section(title):
    text = _doc()
    start = text.index("## %s\n" % title)
    end = text.find("\n## ", start + 1)
    return text[start:end if end >= 0 else None]


def _yaml_blocks(text):
    return [yaml.safe_load(block) for block in re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)]


def _two_files():
    blocks = _yaml_blocks(_section("A separate inventory repository: two files"))
    playbooks = [block for block in blocks if isinstance(block, list)]
    requirements = [block for block in blocks if isinstance(block, dict) and "collections" in block]
    assert len(playbooks) == 1 and len(requirements) == 1, blocks
    return playbooks[0], requirements[0]


def _galaxy():
    with open(os.path.join(ROOT, "galaxy.yml")) as handle:
        return yaml.safe_load(handle)


def test_the_playbook_imports_the_collections_site_and_passes_a_syntax_check(tmp_path):
    playbook, dummy = _two_files()
    assert [play.get("ansible.builtin.import_playbook") for play in playbook] == ["interconnect.oci_azure.site"]
    repo = tmp_path / "network-interconnects"
    repo.mkdir()
    (repo / "site.yml").write_text(yaml.safe_dump(playbook, sort_keys=False))
    # the doc's inventory is a copy of inventories/example
    shutil.copytree(os.path.join(ROOT, "inventories", "example"), str(repo / "inventories" / "prod"))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".collections"), ANSIBLE_NOCOLOR="1")
    env.pop("ANSIBLE_CONFIG", None)   # the inventory repository has no ansible.cfg of its own
    checked = subprocess.run([ANSIBLE_PLAYBOOK, "--syntax-check", "-i", "inventories/prod/hosts.yml", "site.yml"],
                             cwd=str(repo), env=env, capture_output=True, text=True, timeout=120, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # the control: an import of a playbook the collection does not have fails the same check
    (repo / "wrong.yml").write_text(yaml.safe_dump(
        [{"ansible.builtin.import_playbook": "interconnect.oci_azure.no_such_playbook"}]))
    wrong = subprocess.run([ANSIBLE_PLAYBOOK, "--syntax-check", "-i", "inventories/prod/hosts.yml", "wrong.yml"],
                           cwd=str(repo), env=env, capture_output=True, text=True, timeout=120, check=False)
    assert wrong.returncode != 0, wrong.stdout


def test_requirements_name_this_collection():
    dummy, requirements = _two_files()
    galaxy = _galaxy()
    entries = requirements["collections"]
    assert len(entries) == 1, entries
    entry = entries[0]
    assert entry.get("type", "galaxy") in REQUIREMENT_TYPES, entry
    if entry.get("type") == "git":
        # the repository that galaxy.yml names, whose root is the collection root
        assert entry["name"] == galaxy["repository"] + ".git", entry
    else:
        assert entry["name"] == "%s.%s" % (galaxy["namespace"], galaxy["name"]), entry


def test_the_credentials_table_names_the_modules_own_options_and_variables():
    section = _section("A separate inventory repository: two files")
    pairs = re.findall(r"`([a-z_]+)`: `([A-Z_]+)`(?: \(or `([A-Z_]+)`\))?", section)
    specs = {"OCI": oci_auth_argument_spec(), "Azure": azure_auth_spec()}
    assert len(pairs) >= 15, pairs
    for option, variable, other in pairs:
        spec = specs["OCI" if variable.startswith("OCI_") else "Azure"]
        assert option in spec, (option, variable)
        fallback = spec[option].get("fallback")
        assert fallback, (option, variable)
        for name in filter(None, (variable, other)):
            assert name in fallback[1], (option, name, fallback[1])
