"""A whole group as one portable file, and back: `export_group` and `import_group`.

The archive is a zip file:

- ``manifest.json``: format name and version, the exporting release and schema revision,
  the group, and the number of records per table;
- ``tables/<table>.json``: the group's rows of every table that belongs to a group (found
  by following foreign keys from ``groups``), plus the ``users`` rows they refer to;
- ``blobs/<hash>``: every snapshot blob the group's snapshots need, stored byte for byte.

Import creates a new group: record ids are renumbered (foreign keys and ids inside
activity subjects follow), everything else, snapshots included, comes back equal.
"""

from .export import export_group
from .format import ARCHIVE_FORMAT, ARCHIVE_VERSION
from .restore import import_group

__all__ = ["ARCHIVE_FORMAT", "ARCHIVE_VERSION", "export_group", "import_group"]
