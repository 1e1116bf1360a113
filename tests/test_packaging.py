"""The wheel carries the built-in pack and reference data, so `pip install .` works from anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_wheel_ships_the_rule_packs(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    wheel = next(tmp_path.glob("cnr_lint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("cnr_lint/rules/cnr-sante/profile.yaml", "cnr_lint/rules/cnr-sante/rules.yaml",
                     "cnr_lint/rules/reference/regions.yaml", "cnr_lint/cli.py"):
        assert required in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "cnr-lint = cnr_lint.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_pre_commit_hook_declaration():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "cnr-lint")
    assert hook["entry"] == "cnr-lint" and hook["language"] == "python" and hook["require_serial"] is True
