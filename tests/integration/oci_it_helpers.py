"""Helpers shared by the OCI integration tests (test_oci_*.py)."""

NS = "interconnect.oci_azure."


def task(name, module, register=None, **args):
    """One task of ``interconnect.oci_azure.<module>`` named ``name``."""
    entry = {"name": name, NS + module: args}
    if register:
        entry["register"] = register
    return entry


def local_inventory(tmp_path):
    """Env that points ansible-playbook at a one-host inventory file.

    (ANSIBLE_INVENTORY="localhost," is read as a path list whose empty second item is the
    working directory, so every file of the repository is tried as an inventory source.)
    """
    inventory = tmp_path / "oci-inventory.ini"
    inventory.write_text("localhost ansible_connection=local\n")
    return {"ANSIBLE_INVENTORY": str(inventory)}
