"""The lab: rehearse an interconnect plan with real protocol stacks (issue 16, docs/lab.md).

strongSwan (charon with kernel-libipsec on a TUN device) plays each IPSec endpoint and FRR bgpd
each BGP speaker, in Linux network namespaces joined by veth pairs. Everything is derived from
the plan dict the collection's planner builds; nothing here talks to a cloud or to the twin.

The planner is imported the way the collection's tests import it (through ``.collections``);
the twin (``emulator/``) is never imported.
"""

import os
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS = os.path.join(REPO_ROOT, ".collections")
_LINK = os.path.join(COLLECTIONS, "ansible_collections", "interconnect", "oci_azure")

if not os.path.lexists(_LINK):
    os.makedirs(os.path.dirname(_LINK), exist_ok=True)
    os.symlink(os.path.join("..", "..", ".."), _LINK)
if COLLECTIONS not in sys.path:
    sys.path.insert(0, COLLECTIONS)
