"""How every integration harness runs ansible-playbook against the twin: one place for the
command and the environment (the collection from .collections, the repo's ansible.cfg, the
twin's endpoints and credentials, optionally the recording callback)."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CALLBACKS = os.path.join(HERE, "callback_plugins")
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")


def playbook_env(twin, records_file=None, **variables):
    """os.environ + the twin's env.sh + the collection's settings + ``variables`` (strings).

    ``records_file``: enable the record_results callback, which writes every task result there
    as JSON lines (what the tests read instead of parsing the output)."""
    env = dict(os.environ)
    env.update(twin.env)
    env.update({
        "ANSIBLE_CONFIG": os.path.join(ROOT, "ansible.cfg"),
        "ANSIBLE_COLLECTIONS_PATH": os.path.join(ROOT, ".collections"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_PIPELINING": "1",
    })
    if records_file is not None:
        env.update({
            "ANSIBLE_CALLBACK_PLUGINS": CALLBACKS,
            "ANSIBLE_CALLBACKS_ENABLED": "record_results",
            "RECORD_RESULTS_FILE": str(records_file),
        })
    env.update(dict((key, str(value)) for key, value in variables.items()))
    return env
