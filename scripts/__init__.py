"""Build scripts for the derived data in config/ (a package so tests can import them)."""
