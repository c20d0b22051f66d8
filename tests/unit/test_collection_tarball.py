"""`make build` (ansible-galaxy collection build) packs what users need and none of a clone's
local state: the twin's keys, client secret and state (.twin/), run artifacts, the venv, caches,
logs and local keys.

The tracked files are copied to a temporary directory, the state that `make venv`, `make twin`,
`make demo`, the lab, Molecule, ansible-lint, ansible-builder and the tests leave in a clone is
planted there, and the built tarball is listed.
"""

import os
import shutil
import subprocess
import sys
import tarfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ANSIBLE_GALAXY = os.path.join(os.path.dirname(sys.executable), "ansible-galaxy")

# path -> content: what a clone holds after setup, demos, twin runs, labs and tests
LOCAL_STATE = {
    # make twin: python -m emulator serve --state-dir .twin
    ".twin/state.json": '{"resources": {}}',
    ".twin/key.pem": "-----BEGIN PRIVATE KEY-----\nfake\n-----END PRIVATE KEY-----\n",
    ".twin/ca.pem": "-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n",
    ".twin/env.sh": "export AZURE_SECRET=fake-client-secret\n",
    ".twin/oci_config": "[DEFAULT]\nkey_file=.twin/key.pem\n",
    ".twin/twin.log": "served\n",
    # make demo, site.yml, make lab: artifacts/<host>/
    "artifacts/h1/plan.json": "{}",
    "artifacts/h1/verify.json": "{}",
    "artifacts/h1/lab.json": "{}",
    # make venv and the tests' conftest
    ".venv/bin/python": "",
    ".venv/.installed": "",
    # ansible-lint and ansible-core's project-local cache, Molecule's and ansible-test's output
    ".ansible/collections/ansible_collections/x/y/galaxy.yml": "",
    ".ansible/roles/r/tasks/main.yml": "",
    ".cache/molecule/oci_azure/vpn_single/twin/state.json": "{}",
    "tests/output/junit/sanity.xml": "",
    "build/interconnect-oci_azure-0.0.1.tar.gz": "",
    # ansible-builder create (docs/awx.md) writes its build context here
    "context/Containerfile": "FROM scratch\n",
    "context/_build/requirements.txt": "oci\n",
    # test and tool caches
    ".hypothesis/examples/ab/cd": "",
    ".pytest_cache/v/cache/lastfailed": "{}",
    ".mypy_cache/3.11/x.json": "{}",
    ".ruff_cache/CACHEDIR.TAG": "",
    "plugins/module_utils/__pycache__/common.cpython-311.pyc": "",
    # logs and local keys, secrets and vault passwords anywhere in the tree
    "ansible.log": "log\n",
    "inventories/example/twin.log": "log\n",
    "oci_api_key.pem": "-----BEGIN PRIVATE KEY-----\nfake\n-----END PRIVATE KEY-----\n",
    "inventories/example/group_vars/oci_api_key.pem": "fake\n",
    "inventories/example/azure.key": "fake\n",
    ".env": "AZURE_SECRET=fake\n",
    "env.sh": "export AZURE_SECRET=fake\n",
    ".vault_pass": "fake\n",
    # a state directory of the twin started somewhere below the root
    "inventories/example/.twin/state.json": "{}",
}

# what the collection is for: modules and their utilities, roles, playbooks, user docs, metadata
SHIPPED_TREES = ("plugins/", "roles/", "playbooks/", "meta/runtime.yml", "docs/awx/", "README.md",
                 "site.yml", "requirements.txt", "bindep.txt", "changelogs/changelog.yaml")


def tracked_files():
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    # a file another change deleted but did not commit yet is not in the tree to build
    return [path for path in listed.decode().split("\0") if path and os.path.isfile(os.path.join(ROOT, path))]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(names in the tarball, tracked files) of a clone full of local state."""
    clone = tmp_path_factory.mktemp("clone")
    files = tracked_files()
    for path in files:
        target = clone / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(os.path.join(ROOT, path), target)
    for path, content in LOCAL_STATE.items():
        target = clone / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
    # make venv's link to the collection: a directory symlink back to the root
    link = clone / ".collections" / "ansible_collections" / "interconnect" / "oci_azure"
    link.parent.mkdir(parents=True)
    os.symlink(os.path.join("..", "..", ".."), link)
    output = tmp_path_factory.mktemp("build")
    subprocess.run([ANSIBLE_GALAXY, "collection", "build", "--output-path", str(output), str(clone)],
                   check=True, capture_output=True, text=True, timeout=120,
                   env=dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg")))
    tarballs = list(output.glob("interconnect-oci_azure-*.tar.gz"))
    assert len(tarballs) == 1, tarballs
    with tarfile.open(tarballs[0]) as tarball:
        names = set(member.name for member in tarball.getmembers())
    return names, files


def test_no_local_state_in_the_tarball(built):
    names, dummy = built
    packed = sorted(path for path in LOCAL_STATE if path in names)
    assert packed == [], packed
    local_dirs = (".twin", "artifacts", ".venv", ".collections", ".ansible", ".cache", "build", "context",
                  ".hypothesis", ".pytest_cache", ".mypy_cache", ".ruff_cache", "tests/output")
    leaked_dirs = sorted(name for name in names
                         if any(name == top or name.startswith(top + "/") for top in local_dirs))
    assert leaked_dirs == [], leaked_dirs
    assert not [name for name in names if "/.twin" in "/" + name], names


def test_what_users_need_is_in_the_tarball(built):
    names, files = built
    needed = [path for path in files if path.startswith(SHIPPED_TREES) and not path.endswith(".pyc")]
    # the control: the trees are there to be shipped
    assert any(path.startswith("plugins/modules/") for path in needed)
    assert any(path.startswith("roles/interconnect/") for path in needed)
    assert "playbooks/site.yml" in needed and "docs/awx/credential_type_azure.yml" in needed
    missing = sorted(path for path in needed if path not in names)
    assert missing == [], missing
    user_docs = [path for path in files if path.startswith("docs/") and not path.startswith("docs/dev/")]
    assert sorted(set(user_docs) - names) == []
    assert {"MANIFEST.json", "FILES.json"} <= names
