"""cnr-lint: find figures that contradict each other in ARS "CNR santé" press dossiers."""

__version__ = "0.1.0"
