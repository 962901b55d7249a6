"""``python -m lawgov_cli`` and the ``lawgov`` console script."""

from __future__ import annotations


def main() -> None:
    from .cli import app

    app(prog_name="lawgov")


if __name__ == "__main__":
    main()
