"""The twin's Azure side: Entra ID tokens and bearer checks (``auth``), the ARM machinery (``arm``)
and one module per family of Microsoft.Network resources. ``emulator.azure.routes.register`` adds
every route."""
