"""report: one formatter per output format, all fed the same sorted findings."""
