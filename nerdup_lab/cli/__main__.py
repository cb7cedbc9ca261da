"""`python -m nerdup_lab.cli ...`, the same as `jupyter nerdup ...`."""

import sys

from . import main

sys.exit(main())
