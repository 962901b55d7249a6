"""Output formats. ``plain`` and ``csvout`` use the standard library only; ``terminal`` is the one
module that imports Rich, and is imported only when drawing for a terminal."""
