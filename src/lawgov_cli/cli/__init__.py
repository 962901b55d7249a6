"""The command line: the declaration of every command (spec), the Typer CLI built from it, the fast
path, the commands' bodies and how a run ends. May import every layer."""
