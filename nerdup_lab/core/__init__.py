"""The domain of nerdup-lab: entities, rules, permissions, progress and snapshot storage.

Nothing in this package imports tornado or jupyter_server, so every rule can be tested
without a server.
"""
