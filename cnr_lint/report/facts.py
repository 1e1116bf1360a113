"""`cnr-lint facts`: what cnr-lint understood of each dossier, as JSON or as tables."""

from __future__ import annotations

import json

from cnr_lint.models import Dossier, Figure
from cnr_lint.report import page_field, printable


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 6)


def figure_json(figure: Figure) -> dict:
    return {
        "name": figure.name,
        "low": _number(figure.low),
        "high": _number(figure.high),
        "unit": figure.unit,
        "bounds": figure.bounds,
        "qualifier": figure.qualifier,
        "as_of": (
            {"start": figure.as_of.start.isoformat(), "end": figure.as_of.end.isoformat()} if figure.as_of else None
        ),
        "scope": figure.scope,
        **({"department": figure.department} if figure.scope == "department" else {}),
        **({"campaign": figure.campaign} if figure.campaign else {}),
        **page_field(figure.span),
        "line": figure.span.line,
        "column": figure.span.column,
        "text": figure.text,
    }


def dossier_json(dossier: Dossier) -> dict:
    unreadable = [note.message for note in dossier.notes if note.code == "unreadable"]
    return {
        **({"error": unreadable[0]} if unreadable else {}),
        "path": printable(dossier.path),
        "region": dossier.region,
        "department": dossier.department,
        "campaign": dossier.campaign,
        "published": dossier.published,
        "figures": [figure_json(f) for f in dossier.figures],
        "lists": [
            {
                "name": lst.name,
                "stated": lst.stated,
                **page_field(lst.span),
                "line": lst.span.line,
                # null: the layout left the entries ambiguous, so none were taken.
                "entries": [
                    {"title": e.title, "status": e.status, **page_field(e.span), "line": e.span.line} for e in lst.entries
                ]
                if lst.understood else None,
            }
            for lst in dossier.lists
        ],
        "dates": [
            {"text": d.text, "date": d.period.start.isoformat() if d.is_day else None,
             "weekday": d.weekday, **page_field(d.span), "line": d.span.line}
            for d in dossier.dates
        ],
    }


def render_json(dossiers: list[Dossier]) -> str:
    return json.dumps([dossier_json(d) for d in dossiers], ensure_ascii=False, indent=2) + "\n"


def _interval(figure: Figure) -> str:
    low, high = _number(figure.low), _number(figure.high)
    if low == high and figure.bounds == "[]":
        return f"{low:,}".replace(",", " ")
    shown_high = "∞" if high is None else f"{high:,}".replace(",", " ")
    return f"{figure.bounds[0]}{low:,}, {shown_high}{figure.bounds[1]}".replace(",", " ").replace("  ", ", ", 1)


def _not_compared(figure) -> str:
    """Why a figure is compared with nothing, after its name: "[programme]", "[campaign 1 an après 2023]"."""
    if figure.scope not in ("region", "department"):
        return f" [{figure.scope}]"
    return f" [campaign {figure.campaign}]" if figure.campaign is not None else ""


def render_table(dossiers: list[Dossier]) -> str:
    from tabulate import tabulate

    out = []
    for dossier in dossiers:
        if not dossier.readable:
            continue  # said once, on stderr
        out.append(f"{dossier.path}")
        out.append(
            f"  region: {dossier.region or '?'} · department: {dossier.department or '?'} · "
            f"campaign: {dossier.campaign or '?'}" + (f" · published: {dossier.published}" if dossier.published else "")
        )
        if dossier.figures:
            rows = [
                (
                    f.name + (f" ({f.department})" if f.department and f.department != dossier.department else "")
                    + _not_compared(f),
                    _interval(f),
                    f.unit,
                    f.as_of_text or (f"{f.as_of.start}..{f.as_of.end}" if f.as_of else ""),
                    f"{f.span.place}:{f.span.column}",
                    f.text,
                )
                for f in dossier.figures
            ]
            out.append(tabulate(rows, headers=("figure", "value", "unit", "as of", "at", "text"), tablefmt="simple"))
        for lst in dossier.lists:
            out.append("")
            listed = f"{len(lst.entries)} listed" if lst.understood else "entries not told apart"
            out.append(f"  {lst.name}: {lst.stated} stated at line {lst.span.place}, {listed}")
            if lst.entries:
                rows = [(e.span.place, e.status or " / ".join(e.statuses) or "-", e.title[:70]) for e in lst.entries]
                out.append(tabulate(rows, headers=("line", "status", "title"), tablefmt="simple"))
        if dossier.dates:
            out.append("")
            rows = [(d.span.place, d.text, f"{d.period.start}" if d.is_day else f"{d.period.start}..{d.period.end}", d.weekday or "")
                    for d in dossier.dates]
            out.append(tabulate(rows, headers=("line", "date", "means", "weekday"), tablefmt="simple"))
        if not dossier.figures and not dossier.lists:
            out.append("  no figure recognised")
        out.append("")
    return "\n".join(out)


def render_unmatched(found) -> str:
    """`path:line:column: sentence`, one line per sentence extraction passed over."""
    return "".join(
        f"{printable(path)}:{u.span.line}:{u.span.column}: {u.text}\n" for path, sentences in found for u in sentences
    )


def render_unmatched_json(found) -> str:
    return json.dumps(
        [
            {"path": printable(path), "unmatched": [{"line": u.span.line, "column": u.span.column, "text": u.text}
                                                    for u in sentences]}
            for path, sentences in found
        ],
        ensure_ascii=False, indent=2,
    ) + "\n"
