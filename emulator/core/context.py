"""The running twin's shared context, handed to every API module's ``register`` function."""

import threading
from dataclasses import dataclass, field

from emulator.core.store import Clock, Store
from emulator.physics.model import evaluate


@dataclass
class Twin:
    store: Store
    clock: Clock
    # Identities generated once per state dir (see emulator/core/credentials.py):
    #   oci: tenancy, user, fingerprint, compartment_id, region, public_key_pem
    #   azure: tenant_id, client_id, client_secret, subscription_id, location
    identity: dict
    base_url: str = ""                 # https://127.0.0.1:PORT once the server listens
    lock: threading.RLock = field(default_factory=threading.RLock)
    state_dir: str = ""
    stats: object = None               # emulator.core.stats.Stats, set by the server
    faults: object = None              # emulator.core.faults.FaultPlan, set by the server

    def model(self):
        """The derived tunnel/BGP/route/circuit state (see emulator/physics/model.py for its shape)."""
        return evaluate(self.store, self.clock.now(), self.identity)
