"""The pure core: what a report is, how it is read, checked and queried. Imports nothing of lawgov
outside itself but the leaf modules (version, system)."""
