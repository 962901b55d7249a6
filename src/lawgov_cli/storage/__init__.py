"""Files on disk: writing a file whole or not at all, and the command line's cache of loaded
reports. Imports the core only."""
