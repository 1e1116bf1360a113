"""cnr-lint: find figures that contradict each other in ARS "CNR santé" press dossiers.

The stable Python API (see `cnr_lint.api`): `lint`, `facts`, `Workspace`, `LintResult`,
`Config`, `ConfigError`, and the data they return: `Dossier`, `Figure`, `EntryList`, `Entry`,
`Finding`, `Location`, `Span`, `Severity`. They are imported on first use, so that the command
line starts without what it does not need.
"""

__version__ = "0.1.0"

_EXPORTS = {
    "lint": "cnr_lint.api",
    "facts": "cnr_lint.api",
    "Workspace": "cnr_lint.api",
    "LintResult": "cnr_lint.api",
    "Config": "cnr_lint.config",
    "ConfigError": "cnr_lint.yamlfile",
    "Dossier": "cnr_lint.models",
    "Figure": "cnr_lint.models",
    "EntryList": "cnr_lint.models",
    "Entry": "cnr_lint.models",
    "Finding": "cnr_lint.models",
    "Location": "cnr_lint.models",
    "Span": "cnr_lint.models",
    "Severity": "cnr_lint.models",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'cnr_lint' has no attribute {name!r}")
