"""How lawgov reads its on/off environment variables (LAWGOV_DEBUG, LAWGOV_NO_CACHE,
FORCE_COLOR): one rule for all, used by every layer."""

from __future__ import annotations

from collections.abc import Mapping


def env_flag(env: Mapping[str, str], name: str) -> bool:
    """An on/off environment variable: on when set and not empty, 0, false or no."""
    return env.get(name, "").strip().lower() not in ("", "0", "false", "no")
