"""junit: JUnit XML for CI test reports, one test case per linted file, a failure per finding (DESIGN §7).

Only findings at or above `--fail-on` are `<failure>`s, so that the report agrees with the exit
code: the others (info notes, by default) are printed in the test case's `<system-out>`, as
pytest reports what a passing test wrote, and the file's test case passes. `failures` counts
the failing test cases, as JUnit readers expect `tests - failures` to be the passing ones; the
number of findings of every severity is the `findings` property. A finding located in a file
of the corpus that was not linted itself (a cross-dossier finding that touches a linted file)
gets a test case of its own, so no finding is lost.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from cnr_lint.models import Finding, Severity
from cnr_lint.pack import Rule
from cnr_lint.report import printable

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", printable(text))


def failure_text(finding: Finding) -> str:
    span = finding.location.span
    lines = [f"{printable(finding.location.path)}:{span.place}:{span.column}: {finding.code} [{finding.severity.value}] {finding.message}"]
    for place in finding.related:
        lines.append(f"    {printable(place.path)}:{place.span.place}:{place.span.column}: {place.message}".rstrip(": "))
    return "\n".join(lines)


def render(findings: list[Finding], files: list[str], rules: tuple[Rule, ...], fail_on: Severity) -> str:
    by_file: dict[str, list[Finding]] = {path: [] for path in files}
    for finding in findings:
        by_file.setdefault(finding.location.path, []).append(finding)

    def fails(finding: Finding) -> bool:
        return finding.severity.rank >= fail_on.rank

    failing = sum(1 for found in by_file.values() if any(fails(f) for f in found))
    counts = {"tests": str(len(by_file)), "failures": str(failing), "errors": "0", "skipped": "0"}

    suites = ET.Element("testsuites", {"name": "cnr-lint", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "cnr-lint", **counts})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "findings", "value": str(len(findings))})
    ET.SubElement(properties, "property", {"name": "rules", "value": ",".join(r.code for r in rules)})
    for path, found in by_file.items():
        case = ET.SubElement(suite, "testcase", {"classname": "cnr-lint", "name": _xml(path)})
        for finding in filter(fails, found):
            failure = ET.SubElement(case, "failure", {"type": finding.code, "message": _xml(finding.message)})
            failure.text = _xml(failure_text(finding))
        passing = [failure_text(f) for f in found if not fails(f)]
        if passing:
            ET.SubElement(case, "system-out").text = _xml("\n".join(passing))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
