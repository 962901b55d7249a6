"""The version, in a module of its own: the build reads it from here, and code that needs it
(the cache key, ``--version``) imports it without importing the package's other names."""

__version__ = "0.1.0"
