"""Baselines: today's findings recorded, so that only new ones fail the next runs.

A finding is matched by rule, file and what it is about (the figure or entry, its text),
not by line number: editing elsewhere in a dossier, or moving a sentence, keeps it matched.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from cnr_lint import __version__
from cnr_lint.models import Finding
from cnr_lint.read import MAX_FILE_BYTES
from cnr_lint.yamlfile import ConfigError, read_text_file


def _key(finding: Finding) -> tuple[str, str, str]:
    return finding.code, finding.location.path.replace("\\", "/"), finding.fingerprint or finding.message


def write(path: str, findings: list[Finding]) -> None:
    """Record the findings in `path`, atomically (ConfigError when it cannot be written)."""
    from cnr_lint.atomic import write_output

    entries = [{"rule": code, "path": file, "key": key} for code, file, key in sorted(_key(f) for f in findings)]
    document = {"tool": "cnr-lint", "version": __version__, "findings": entries}
    write_output(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n", "baseline")


def read(path: Path) -> Counter:
    text = read_text_file(path, MAX_FILE_BYTES, "a baseline")
    try:
        document = json.loads(text)
        return Counter((e["rule"], e["path"], e["key"]) for e in document["findings"])
    except RecursionError:
        raise ConfigError(str(path), None, "is not a cnr-lint baseline (nested too deeply)") from None
    except (ValueError, KeyError, TypeError) as error:
        raise ConfigError(str(path), None, f"is not a cnr-lint baseline ({error})") from None


def new_findings(findings: list[Finding], known: Counter) -> list[Finding]:
    """The findings the baseline does not account for (each baseline entry absorbs one finding)."""
    remaining = Counter(known)
    fresh = []
    for finding in findings:
        key = _key(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            fresh.append(finding)
    return fresh
