"""What lawgov reads from the system it runs on: its own installation, the on/off environment
variables, and text the operating system hands over as bytes (arguments, file names). Leaf
modules: every layer may import them; they import nothing of lawgov."""
