"""The output layer: answers and reports into JSON, CSV, plain lines, terminal views, TOML and the
export formats. Imports the core only."""
