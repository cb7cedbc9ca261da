"""`jupyter nerdup ...`: the command line for organisers and operators.

`main(argv)` runs one command and returns its exit code: 0 on success, 1 for an unexpected
failure, 2 for invalid input, 3 for something not found, 4 for a refused permission and 5
for a conflict. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..core.errors import NerdUpError
from .base import exit_code


def main(argv: Sequence[str] | None = None) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from .app import NerdUpApp

    app = NerdUpApp()
    try:
        app.initialize(list(sys.argv[1:] if argv is None else argv))
        app.start()
    except NerdUpError as err:
        print(f"jupyter nerdup: error: {err.message}", file=sys.stderr)
        for field, problem in list(err.fields.items())[1:]:
            print(f"  {field}: {problem}", file=sys.stderr)
        return exit_code(err)
    except SystemExit as stop:  # --help, --version, and traitlets' own usage errors
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BrokenPipeError:  # the output went to `head` or similar, which has quit
        return 0
    except KeyboardInterrupt:
        print("jupyter nerdup: interrupted", file=sys.stderr)
        return 130
    except SQLAlchemyError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        print(f"jupyter nerdup: database error: {first}", file=sys.stderr)
        return 1
    except Exception as err:
        print(f"jupyter nerdup: unexpected error: {type(err).__name__}: {err}", file=sys.stderr)
        return 1
    return 0
