"""``python -m lawgov_cli`` and the ``lawgov`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from .fast import run

        code = run(sys.argv[1:])
        if code is None:  # not a fast-path command line: the full Typer CLI answers it
            from .app import app

            app(prog_name="lawgov")
    except KeyboardInterrupt:  # Ctrl-C while starting up: as quiet as at any other time
        raise SystemExit(130) from None
    raise SystemExit(code)


if __name__ == "__main__":
    main()
