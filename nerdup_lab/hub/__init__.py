"""The nerdup hub: the same REST API as the server extension, run as a JupyterHub service.

`jupyter nerdup hub` starts it. It owns the database, authenticates every request with
JupyterHub (`HubAuth`), and streams activity to the single-user servers' extensions.
"""
