"""`cnr-lint server`, spoken to over stdio by a real LSP client, in a workspace of real dossiers."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from lsprotocol import types

from lsp_client import Session, uri

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "fixtures" / "seeds"
BDR, HA = "bouches-du-rhone.txt", "hautes-alpes.md"


@pytest.fixture
def seeds(tmp_path) -> Path:
    workspace = tmp_path / "dossiers"
    workspace.mkdir()
    for name in (BDR, HA):
        shutil.copy(SEEDS / name, workspace / name)
    return workspace


def _codes(diagnostics) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def test_the_seeds_conflict_is_published_edited_away_unsaved_and_hovered(seeds):
    async def scenario():
        session = Session(seeds)
        await session.start()
        bdr = seeds / BDR
        text = bdr.read_text(encoding="utf-8")
        session.open(bdr, language="plaintext")
        published = await session.diagnostics(bdr, lambda batch: bool(batch))
        assert _codes(published) == ["CNR201", "CNR201"]
        related = [info.location.uri for d in published for info in d.related_information or ()]
        assert related and set(related) == {uri(seeds / HA)}
        realised = next(d for d in published if "11 projets réalisés" in d.message)
        assert realised.range.start.line == 20  # line 21, 0-based

        line = text.splitlines()[20]
        column = line.index("11 projets réalisés") + 3
        hover = await session.client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri(bdr)), types.Position(20, column))
        )
        assert hover is not None
        assert "region.projects.realised" in hover.contents.value
        assert "= 11 projects" in hover.contents.value
        assert f"{HA}:21: 14" in hover.contents.value and "(differs)" in hover.contents.value

        actions = await session.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri(bdr)),
                range=realised.range,
                context=types.CodeActionContext(diagnostics=[realised]),
            )
        )
        (disable,) = actions
        (edit,) = disable.edit.changes[uri(bdr)]
        assert edit.new_text == "<!-- cnr-lint: disable-next-line CNR201 -->\n"
        assert edit.range.start == types.Position(20, 0)

        edited = text.replace("11 projets réalisés", "14 projets réalisés").replace("30 projets en cours", "27 projets en cours")
        session.replace_all(bdr, edited)
        assert await session.diagnostics(bdr, lambda batch: batch == []) == []
        assert bdr.read_text(encoding="utf-8") == text  # linted from the buffer, never saved
        return await session.stop()

    assert asyncio.run(scenario()) == 0


def test_a_change_republishes_the_other_open_dossier_of_the_group(seeds):
    async def scenario():
        session = Session(seeds)
        await session.start()
        bdr, ha = seeds / BDR, seeds / HA
        session.open(ha)
        assert _codes(await session.diagnostics(ha, bool)) == ["CNR201", "CNR201"]
        session.open(bdr, language="plaintext")
        await session.diagnostics(bdr, bool)
        text = bdr.read_text(encoding="utf-8")
        session.replace_all(bdr, text.replace("11 projets réalisés", "14 projets réalisés").replace("30 projets en cours", "27 projets en cours"))
        # Hautes-Alpes was not touched, but its conflict is gone with the other buffer's.
        assert await session.diagnostics(ha, lambda batch: batch == []) == []
        return await session.stop()

    assert asyncio.run(scenario()) == 0


# -- bad input never stops the server ------------------------------------------------------------


def test_what_is_not_a_dossier_of_the_workspace_is_left_alone(seeds, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text("# Ailleurs\n\n41 projets ont émergé.\n", encoding="utf-8")
    script = seeds / "notes.py"
    script.write_text("print('41 projets réalisés')\n", encoding="utf-8")

    async def scenario():
        session = Session(seeds)
        await session.start()
        session.open(outside)
        session.open(script, language="python")
        session.open(seeds / HA)
        assert _codes(await session.diagnostics(seeds / HA, bool)) == ["CNR201", "CNR201"]
        assert uri(outside) not in session.published and uri(script) not in session.published
        hover = await session.client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri(outside)), types.Position(2, 1))
        )
        assert hover is None
        return await session.stop()

    assert asyncio.run(scenario()) == 0


def test_a_20_mb_buffer_is_said_too_large_and_the_server_goes_on(seeds):
    async def scenario():
        session = Session(seeds)
        await session.start()
        huge = seeds / "enorme.md"
        paragraph = "Dans le Var, 4 réunions se sont tenues et 41 projets ont émergé de ces débats.\n\n"
        huge.write_text("", encoding="utf-8")
        session.open(huge, text=paragraph * (20_000_000 // len(paragraph)))
        (note,) = await session.diagnostics(huge, bool)
        assert note.severity == types.DiagnosticSeverity.Information and "too large" in note.message
        session.open(seeds / HA)
        assert _codes(await session.diagnostics(seeds / HA, bool)) == ["CNR201", "CNR201"]
        return await session.stop()

    assert asyncio.run(scenario()) == 0


def test_a_broken_configuration_is_a_diagnostic_on_its_file_and_the_built_in_rules_serve(seeds):
    config = seeds / ".cnr-lint.yaml"
    config.write_text("select: [CNR2]\nignor: [CNR201]\n", encoding="utf-8")

    async def scenario():
        session = Session(seeds)
        await session.start()
        session.open(seeds / HA)
        (problem,) = await session.diagnostics(config, bool)
        assert problem.range.start.line == 1 and "unknown key 'ignor'" in problem.message
        assert 'did you mean "ignore"' in problem.message
        assert _codes(await session.diagnostics(seeds / HA, bool)) == ["CNR201", "CNR201"]
        # Mended and saved: the error goes, and the configuration now applies.
        config.write_text("select: [CNR2]\nignore: [CNR201]\n", encoding="utf-8")
        session.client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri(config))))
        assert await session.diagnostics(config, lambda batch: batch == []) == []
        assert await session.diagnostics(seeds / HA, lambda batch: batch == []) == []
        return await session.stop()

    assert asyncio.run(scenario()) == 0


def test_a_broken_rule_pack_of_the_workspace_is_a_diagnostic_on_the_pack(seeds):
    (seeds / "packs").mkdir()
    pack = seeds / "packs" / "mine.yaml"
    pack.write_text("rules:\n  - code: XYZ901\n    name: my-rule\n    severity: eror\n", encoding="utf-8")
    (seeds / ".cnr-lint.yaml").write_text("rules: [packs/mine.yaml]\n", encoding="utf-8")

    async def scenario():
        session = Session(seeds)
        await session.start()
        session.open(seeds / HA)
        (problem,) = await session.diagnostics(pack, bool)
        assert problem.severity == types.DiagnosticSeverity.Error and problem.range.start.line >= 1
        assert _codes(await session.diagnostics(seeds / HA, bool)) == ["CNR201", "CNR201"]
        return await session.stop()

    assert asyncio.run(scenario()) == 0


def test_a_pdf_or_word_document_an_editor_opens_is_not_linted_as_text(seeds):
    pdf = REPO / "fixtures" / "documents" / "seeds" / "hautes-alpes.pdf"
    if not pdf.is_file():
        pytest.skip(f"no PDF seed at {pdf}")
    shutil.copy(pdf, seeds / "hautes-alpes.pdf")

    async def scenario():
        session = Session(seeds)
        await session.start()
        session.open(seeds / "hautes-alpes.pdf", text=pdf.read_bytes().decode("latin-1"), language="pdf")
        session.open(seeds / BDR, language="plaintext")
        # The PDF is still corpus context (read from disk): Bouches-du-Rhône conflicts with it too.
        published = await session.diagnostics(seeds / BDR, bool)
        related = {info.location.uri for d in published for info in d.related_information or ()}
        assert related == {uri(seeds / HA), uri(seeds / "hautes-alpes.pdf")}
        assert uri(seeds / "hautes-alpes.pdf") not in session.published
        return await session.stop()

    assert asyncio.run(scenario()) == 0


def test_a_fix_is_a_quick_fix_and_applying_it_clears_the_finding(tmp_path):
    workspace = tmp_path / "campaign"
    shutil.copytree(REPO / "fixtures" / "campaign" / "dossiers", workspace)
    dossier = workspace / "alpes-maritimes-2023.md"

    async def scenario():
        session = Session(workspace)
        await session.start()
        session.open(dossier)
        published = await session.diagnostics(dossier, lambda batch: any(d.code == "CNR105" for d in batch))
        weekday = next(d for d in published if d.code == "CNR105")
        actions = await session.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri(dossier)),
                range=weekday.range,
                context=types.CodeActionContext(diagnostics=[weekday]),
            )
        )
        fix = next(action for action in actions if action.title.startswith("Fix:"))
        assert fix.is_preferred  # a safe fix: another dossier confirms the date
        (edit,) = fix.edit.changes[uri(dossier)]
        lines = dossier.read_text(encoding="utf-8").split("\n")
        line = lines[edit.range.start.line]
        assert line[edit.range.start.character:edit.range.end.character] == "Mardi" and edit.new_text == "Lundi"
        lines[edit.range.start.line] = line[:edit.range.start.character] + edit.new_text + line[edit.range.end.character:]
        session.replace_all(dossier, "\n".join(lines))
        after = await session.diagnostics(dossier, lambda batch: not any(d.code == "CNR105" for d in batch))
        assert sorted(str(d.code) for d in after) == sorted(str(d.code) for d in published if d.code != "CNR105")
        return await session.stop()

    assert asyncio.run(scenario()) == 0
