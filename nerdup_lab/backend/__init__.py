"""The one async interface the handlers talk to, whatever hosts the data.

`LocalBackend` runs the core on a database in this process (embedded mode and the hub
service); `HubBackend` forwards each call to the nerdup hub service (JupyterHub mode).
"""

from .base import Backend, Caller

__all__ = ["Backend", "Caller"]
