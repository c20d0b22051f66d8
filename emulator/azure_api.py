"""Azure Resource Manager subset: resource groups and the Microsoft.Network resources of the interconnect.

``register(router, twin)`` adds every ARM route (api tag ``azure``; the server authenticates them
with ``emulator.azure_auth.authenticate``). The pieces:
  - emulator/azure_arm.py      ids, errors, api-version, paging, LROs, deletion sweep
  - emulator/azure_network.py  resource groups, virtual networks + subnets, public IPs, local gateways
  - emulator/azure_vpn.py      virtual network gateways (+ BGP actions), connections (+ shared key)
  - emulator/azure_er.py       ExpressRoute circuits, private peering, ARP / route tables
"""

from emulator import azure_er, azure_network, azure_vpn
from emulator.azure_arm import Arm


def register(router, twin):
    """Add the ARM routes to ``router``; returns the shared ``Arm`` state (handy for tests)."""
    arm = Arm(twin)
    operations = "/subscriptions/{sub}/providers/Microsoft.Network/locations/{location}"
    router.add("azure", "GET", operations + "/operations/{op_id}", arm.operation_status, case_insensitive=True)
    router.add("azure", "GET", operations + "/operationResults/{op_id}", arm.operation_result,
               case_insensitive=True)
    azure_network.register(router, arm)
    azure_vpn.register(router, arm)
    azure_er.register(router, arm)
    return arm
