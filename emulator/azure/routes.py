"""Every route of the twin's Azure side, registered on the server's router (``register(router, twin)``).

Entra ID (``auth.py``, which also authenticates the ARM routes) and the Azure Resource Manager
subset, api tag ``azure``. The pieces of emulator/azure/:
  - common.py    error shapes, ids, the served envelope, body checks several kinds share
  - arm.py       the per-twin ARM state: request checks, LROs, deletion sweep, paging
  - resource.py  the one list/get/put/delete/PATCH handler; each kind's rules are a ``Kind``
  - network.py   resource groups (+ Microsoft.Resources reads), virtual networks + subnets, public IPs
  - vpn.py       local and virtual network gateways (+ BGP actions), connections (+ shared key)
  - er.py        ExpressRoute circuits, private peering, ARP / route tables, ExpressRoute connections
"""

from emulator.azure import auth, er, network, vpn
from emulator.azure.arm import Arm


def register(router, twin):
    """Add the Entra and ARM routes to ``router``; returns the shared ``Arm`` state (handy for tests)."""
    auth.register(router, twin)
    arm = Arm(twin, actions={**vpn.ACTIONS, **er.ACTIONS})
    operations = "/subscriptions/{sub}/providers/Microsoft.Network/locations/{location}"
    router.add("azure", "GET", operations + "/operations/{op_id}", arm.operation_status, case_insensitive=True)
    router.add("azure", "GET", operations + "/operationResults/{op_id}", arm.operation_result,
               case_insensitive=True)
    network.register(router, arm)
    vpn.register(router, arm)
    er.register(router, arm)
    network.register_resources(router, arm)
    return arm
