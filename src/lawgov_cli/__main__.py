"""``python -m lawgov_cli`` and the ``lawgov`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from .cli.fast import run
        from .system.os_text import decode_args

        args = decode_args(sys.argv[1:])  # UTF-8 whatever the locale says: read once, here
        if args[:1] == ["__complete"]:  # a shell's TAB (completion.py): answered, exit 0
            from .cli.completion import main as complete

            raise SystemExit(complete(args[1:]))
        code = run(args)
        if code is None:  # not a fast-path command line: the full Typer CLI answers it
            from .cli.app import app

            app(args=args, prog_name="lawgov")
    except KeyboardInterrupt:  # Ctrl-C while starting up: as quiet as at any other time
        raise SystemExit(130) from None
    raise SystemExit(code)


if __name__ == "__main__":
    main()
