"""The twin's HTTP core: request/response types, router, server, store, faults, stats, admin."""
