"""``python -m lawgov_cli`` and the ``lawgov`` console script."""

from __future__ import annotations


def main() -> None:
    try:
        from .cli import app
    except KeyboardInterrupt:  # Ctrl-C while starting up: as quiet as at any other time
        raise SystemExit(130) from None
    app(prog_name="lawgov")


if __name__ == "__main__":
    main()
