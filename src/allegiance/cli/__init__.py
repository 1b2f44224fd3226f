"""The command line: a thin Typer + Rich face over the library functions.

Commands live in modules by theme (coding, data, analysis, serving); each registers on ``app``.
Errors a user can fix become one line on stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import sys

# Importing the command modules registers their commands on ``app``.
from allegiance.cli import analysis as _analysis  # noqa: E402,F401
from allegiance.cli import coding as _coding  # noqa: E402,F401
from allegiance.cli import data as _data  # noqa: E402,F401
from allegiance.cli import demo as _demo  # noqa: E402,F401
from allegiance.cli import serving as _serving  # noqa: E402,F401
from allegiance.cli.common import app, fail


def main() -> None:
    """Console entry point."""
    from allegiance.cli.common import USER_ERRORS

    try:
        app(standalone_mode=False)
    except SystemExit:
        raise
    except USER_ERRORS as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        print("allegiance: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # click's usage errors and the like
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(1)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(1)
        raise


__all__ = ["app", "main"]
