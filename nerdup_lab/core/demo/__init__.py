"""The demo community that `jupyter nerdup demo` (and `make lab` on an empty database) seeds."""

from .community import GROUPS, PEOPLE
from .seed import seed

__all__ = ["GROUPS", "PEOPLE", "seed"]
