"""PDF, Markdown and OpenDocument dossiers (round 11). From Bordeaux (Nouvelle-Aquitaine, PDFs
from LibreOffice): a box of key figures set at double spacing is one paragraph a line, not one
block a line, so a recall in brackets ("un an plus tôt, au 31 octobre 2024, 52 projets étaient
terminés") keeps the date and the campaign its sentence gives it, and a table without borders,
its rows spaced out and its headers centred, is read row by row. From Arras (Hauts-de-France,
Markdown): a heading naming a town whose name ends with a department's ("à Amiens Nord") opens
no part; a labelled status may carry a comment after a colon ("Ouvert au public : les premiers
patients…"); a numbered heading's number is no sentence of its title; the Fonds d'intervention
régional's money is another programme's. From Grenoble (Auvergne-Rhône-Alpes, OpenDocument): "ont
fait émerger 7 projets" states the list of projects below it, unless its sentence is the
region's ("Dans la région, 32 réunions ont fait émerger 62 projets"). From Nantes (Pays de la
Loire, Word): a table's column headed "Où en est-on ?" is its status column; another
programme's count before the table ("14 projets … retenus …, hors CNR") does not end the list."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.documents.pdf import _Line, _styled
from cnr_lint.extract import _heading_department
from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT, dossier, findings

PROFILE = CONTEXT.compiled(CONTEXT.pack.default)

BORDEAUX = Path(__file__).parent.parent / "fixtures" / "blind" / "nouvelle-aquitaine-bordeaux" / "dossiers"


def laid(text: str, baseline: float, right: float, left: float = 60.0, size: float = 11.0) -> _Line:
    """A PDF line of `text` whose characters spread evenly from `left` to `right`."""
    width = (right - left) / len(text)
    lefts = [left + i * width for i in range(len(text))]
    letters = sum(1 for char in text if char.isalnum())
    return _Line(list(text), lefts, [x + width for x in lefts], [baseline] * len(text), Counter({size: letters}),
                 0, 0, letters, baseline)


def blocks_of(lines: list[_Line]) -> list[bool]:
    """Whether each line opens a block."""
    return [styled.new_block for styled in _styled([(0, [(line, False) for line in lines], [])])]


def test_a_double_spaced_paragraph_is_one_block() -> None:
    # a box at double spacing (a 25-point step), its paragraphs 39 points apart, under body text
    # set at 12.6 whose line reaches the page's right edge
    lines = [
        laid("À retenir", 716, 108),
        laid("En Nouvelle-Aquitaine, 64 réunions de concertation ont réuni 2 210 participants dans les douze", 677, 526),
        laid("départements.", 653, 132),
        laid("104 projets ont émergé de ces échanges, pour un accompagnement de l'agence dans tous les", 614, 530),
        laid("Bilan au 31 octobre 2025, 71 projets sont terminés et 33 en cours (un an plus tôt, au 31 octobre 2024,", 575, 557),
        laid("52 projets étaient terminés).", 550, 198),
        laid("Lancé le lundi 3 octobre 2022, le CNR santé a mobilisé plus de 1 500 réunions dans toute la France, ce", 517, 566),
    ]
    # line 4 stops mid-sentence near the right edge at the step that opened it, but "Bilan"
    # would have fitted after it: the line ended its paragraph there, the text did not wrap
    assert blocks_of(lines) == [True, True, False, True, True, False, True]


def test_a_short_line_before_a_gap_ends_its_block() -> None:
    # a title line set in body type stops on a lower-case word but far from the right edge
    lines = [
        laid("Le premier paragraphe occupe toute la largeur de la page et se termine ici.", 700, 566),
        laid("Les projets du département", 670, 200),
        laid("réalisés en 2024 sont listés ci-dessous avec leur état.", 645, 400),
    ]
    assert blocks_of(lines) == [True, True, True]


def test_a_double_spaced_recall_of_last_year_keeps_its_date_and_campaign() -> None:
    path = BORDEAUX / "gironde-2025.pdf"
    found = dossier_from_bytes(path.read_bytes(), str(path), CONTEXT)
    realised = [(f.low, str(f.as_of.end) if f.as_of else None, f.campaign) for f in found.figures
                if f.name == "region.projects.realised"]
    assert realised == [(71, "2025-10-31", None), (52, "2024-10-31", "2 ans après 2024")]
    assert ("region.departments", 12) in [(f.name, f.low) for f in found.figures]


def test_the_bordeaux_2025_dossiers_compare_this_years_snapshot_not_last_years() -> None:
    paths = sorted(BORDEAUX.glob("*-2025.pdf"))
    dossiers = [dossier_from_bytes(path.read_bytes(), str(path), CONTEXT) for path in paths]
    selection = engine.select_rules(CONTEXT, Config())
    found = engine.check(dossiers, {str(path) for path in paths}, CONTEXT, selection)
    codes = sorted({(Path(f.location.path).name, f.code) for f in found})
    assert ("synthese-regionale-2025.pdf", "CNR203") in codes  # 69 terminés au 15 novembre after 71 au 31 octobre
    assert not [code for _, code in codes if code == "CNR102"]  # 71 + 33 = 104, not 71 + 35
    conflicts = [f for f in found if f.code == "CNR201"]
    assert [Path(f.location.path).name for f in conflicts] == ["landes-2025.pdf"]  # its 7,2 millions d'euros


# From Arras (Hauts-de-France, Markdown): numbered project headings, each with its
# "**Où en est-on ?**" line.
SOMME = ("# CNR santé dans la Somme : 2 ans après\n\n*Publié le jeudi 21 novembre 2024 par l'ARS Hauts-de-France.*\n\n"
         "## Le bilan régional\n\nTrente-deux réunions de concertation se sont tenues dans la région. "
         "Quarante-huit projets en sont sortis.\n\n"
         "L'ARS a engagé 3,6 millions d'euros pour accompagner ces projets.\n\n"
         "## Et dans la Somme ?\n\nDans la Somme, 5 réunions ont rassemblé 180 participants.\n\n"
         "Ces échanges ont fait naître quatre projets concrets. Au 31 octobre 2024, 3 sont réalisés et 1 en cours.\n\n"
         "### 1. Une maison médicale de garde à Abbeville\n\nElle accueille les patients le soir.\n\n"
         "**Où en est-on ?** C'est fait.\n\n"
         "### 2. Un centre de santé à Amiens Nord\n\nIl propose des consultations de pédiatrie.\n\n"
         "**Où en est-on ?** Ouvert au public : les premiers patients ont été reçus en mars 2024.\n\n"
         "### 3. Des internes en médecine générale à Péronne\n\nUn logement est proposé aux internes.\n\n"
         "**Où en est-on ?** Finalisé.\n\n"
         "### 4. Un transport à la demande vers les soins à Montdidier\n\nUn minibus conduit les patients.\n\n"
         "**Où en est-on ?** En cours.\n\n"
         "## Et la suite ?\n\nL'ARS continuera d'accompagner ces projets.\n")


def somme_projects(text: str) -> list[tuple[str, tuple[str, ...], str | None]]:
    (listed,) = [lst for lst in dossier(text, "somme-2024.md").lists if lst.name == "department.projects"]
    return [(entry.title, entry.statuses, entry.status) for entry in listed.entries]


def test_a_heading_naming_a_town_whose_name_ends_with_a_departments_is_an_entry() -> None:
    # "Amiens Nord" is a district of Amiens, not the Nord's part: the list goes on under it
    titles = [title for title, _, _ in somme_projects(SOMME)]
    assert titles[1] == "2. Un centre de santé à Amiens Nord" and len(titles) == 4
    assert [figure for figure in dossier(SOMME, "somme-2024.md").figures if figure.department == "Nord"] == []
    # a heading of the Nord's part still opens it
    assert _heading_department("Et dans le Nord ?", False, None, PROFILE, CONTEXT.reference, None, False) == "Nord"
    assert _heading_department("Focus Nord", False, None, PROFILE, CONTEXT.reference, None, False) == "Nord"


def test_a_labelled_status_with_a_comment_after_a_colon_is_the_entrys_status() -> None:
    projects = somme_projects(SOMME)
    assert projects[1][1:] == (("Ouvert au public",), "realised")
    assert findings(SOMME, "somme-2024.md") == []


def test_a_numbered_heading_without_its_status_line_has_no_status() -> None:
    # "4." is its outline number, not a sentence before a status "Un transport…"
    text = SOMME.replace("**Où en est-on ?** En cours.\n\n", "")
    assert somme_projects(text)[3] == ("4. Un transport à la demande vers les soins à Montdidier", (), None)
    assert findings(text, "somme-2024.md") == [("CNR104", 35)]


def test_the_regional_intervention_funds_money_is_another_programmes() -> None:
    text = SOMME.replace("pour accompagner ces projets.", "pour accompagner ces projets. Le Fonds d'intervention "
                         "régional (FIR) a par ailleurs mobilisé 12 M€ pour l'ensemble des actions de santé.")
    budgets = [(f.low, f.scope) for f in dossier(text, "somme-2024.md").figures if f.name.endswith("budget")]
    assert (3_600_000, "region") in budgets and (12_000_000, "region") not in budgets


# From Grenoble (Auvergne-Rhône-Alpes, OpenDocument): "Elles ont fait émerger 7 projets, dont 2
# réalisés et 5 en cours", then a table of the projects.
GRENOBLE = Path(__file__).parent.parent / "fixtures" / "blind" / "auvergne-rhone-alpes-grenoble" / "dossiers"


def test_the_projects_the_concertations_made_emerge_are_the_listed_ones() -> None:
    path = GRENOBLE / "isere-2023.odt"
    found = dossier_from_bytes(path.read_bytes(), str(path), CONTEXT)
    (listed,) = [lst for lst in found.lists if lst.name == "department.projects"]
    assert listed.stated == 7 and len(listed.entries) == 6
    assert [entry.status for entry in listed.entries].count(None) == 1  # the empty Avancement cell
    selection = engine.select_rules(CONTEXT, Config())
    codes = sorted(f.code for f in engine.check([found], {str(path)}, CONTEXT, selection))
    assert "CNR101" in codes and "CNR104" in codes


def test_the_regions_projects_stated_in_a_departments_part_are_no_list() -> None:
    text = SOMME.replace("180 participants.", "180 participants. Dans la région, 32 réunions ont fait émerger 48 projets.")
    stated = [lst.stated for lst in dossier(text, "somme-2024.md").lists if lst.name == "department.projects"]
    assert stated == [4]
    text = SOMME.replace("Ces échanges ont fait naître quatre projets concrets.", "Ces échanges ont fait émerger 4 projets.")
    assert [lst.stated for lst in dossier(text, "somme-2024.md").lists if lst.name == "department.projects"] == [4]


# From Nantes (Pays de la Loire, Word): a table of projects headed "Où en est-on ?", after a
# remark on another programme's projects.
NANTES = Path(__file__).parent.parent / "fixtures" / "blind" / "pays-de-la-loire-nantes" / "dossiers"


def test_a_status_column_headed_by_a_question_gives_the_entries_statuses() -> None:
    path = NANTES / "vendee-2024.docx"
    found = dossier_from_bytes(path.read_bytes(), str(path), CONTEXT)
    (listed,) = [lst for lst in found.lists if lst.name == "department.projects"]
    assert [entry.status for entry in listed.entries][:4] == ["realised", None, "realised", "in_progress"]
    assert listed.entries[1].statuses == ("Premiers contrats en cours de signature",)  # not understood, kept


def test_another_programmes_count_before_the_table_does_not_end_the_list() -> None:
    path = NANTES / "maine-et-loire-2025.docx"
    found = dossier_from_bytes(path.read_bytes(), str(path), CONTEXT)
    (listed,) = [lst for lst in found.lists if lst.name == "department.projects"]
    assert listed.stated == 7 and len(listed.entries) == 7
    assert [entry.title for entry in listed.entries if not entry.statuses] == ["Centre de santé intercommunal du Baugeois"]


def test_a_table_without_borders_its_rows_spaced_out_is_read_row_by_row() -> None:
    # LibreOffice's table with its borders off: headers centred over their columns (the first
    # one's too), rows 30 points apart, a long label set close to the figure after it
    words = [  # (baseline, left, right, word), as PDFium gives them in the Bordeaux synthesis
        (347, 88.4, 154.8, "Département"), (347, 189.3, 238.2, "Réunions"), (347, 244.8, 306.5, "Participants"),
        (347, 314.3, 350.4, "Projets"),
        (317, 58.8, 96.8, "Gironde"), (317, 188.1, 199.1, "10"), (317, 243.1, 260.7, "450"), (317, 311.6, 316.7, "8"),
        (287, 59.1, 77.7, "Huit"), (287, 81.2, 111.0, "autres"), (287, 114.8, 181.3, "départements"),
        (287, 187.7, 199.1, "35"), (287, 243.6, 266.8, "1170"), (287, 311.6, 322.8, "81"),
        (258, 58.4, 81.9, "Total"), (258, 187.9, 199.2, "64"), (258, 243.4, 248.4, "2"), (258, 252.5, 269.9, "210"),
        (258, 311.9, 329.1, "104"),
        (210, 57.4, 500.0, "(1) Sources : ARS Nouvelle-Aquitaine, tableau de suivi CNR santé."),
    ]
    page = [laid(word, baseline, right, left=left) for baseline, left, right, word in words]
    rows = [styled.text for styled in _styled([(0, [(line, False) for line in _on_lines(page)], [])])]
    assert rows == ["Département | Réunions | Participants | Projets", "Gironde | 10 | 450 | 8",
                    "Huit autres départements | 35 | 1170 | 81", "Total | 64 | 2 210 | 104",
                    "(1) Sources : ARS Nouvelle-Aquitaine, tableau de suivi CNR santé."]


def _on_lines(pieces: list[_Line]) -> list[_Line]:
    """The pieces laid out on one baseline joined into one line each, a space between pieces
    (PDFium gives a line's words with the gaps between them)."""
    lines: list[_Line] = []
    for piece in pieces:
        if lines and lines[-1].baseline == piece.baseline:
            line = lines[-1]
            right = line.rights[-1]
            line.chars.append(" ")
            line.lefts.append(right)
            line.rights.append(right)
            line.middles.append(line.middles[-1])
            line.chars += piece.chars
            line.lefts += piece.lefts
            line.rights += piece.rights
            line.middles += piece.middles
            line.sizes.update(piece.sizes)
            line.letters += piece.letters
        else:
            lines.append(piece)
    return lines


def test_the_bordeaux_synthesis_tables_give_department_figures_and_their_total() -> None:
    paths = sorted(BORDEAUX.glob("*.pdf"))
    dossiers = [dossier_from_bytes(path.read_bytes(), str(path), CONTEXT) for path in paths]
    synthesis = next(d for d in dossiers if d.path.endswith("synthese-regionale-2025.pdf"))
    assert ("department.participants", 180, "Landes") in [(f.name, f.low, f.department) for f in synthesis.figures]
    selection = engine.select_rules(CONTEXT, Config())
    found = {(Path(f.location.path).name, f.code) for f in engine.check(dossiers, {str(p) for p in paths}, CONTEXT, selection)}
    assert ("synthese-regionale-2024.pdf", "CNR108") in found  # its Total row's 57 meetings, the rows adding up to 58
    assert {("landes-2025.pdf", "CNR205"), ("synthese-regionale-2025.pdf", "CNR205"), ("gironde-2025.pdf", "CNR205")} <= found


def test_prose_with_a_wide_gap_here_and_there_is_no_table() -> None:
    words = [
        (700, 58.0, 140.0, "Les projets"), (700, 190.0, 560.0, "sont suivis par la délégation départementale."),
        (686, 58.0, 300.0, "Le comité de suivi se réunit chaque trimestre avec"), (686, 320.0, 560.0, "les porteurs de projets."),
        (672, 58.0, 90.0, "Il"), (672, 250.0, 560.0, "rend compte au conseil territorial de santé."),
    ]
    page = _on_lines([laid(word, baseline, right, left=left) for baseline, left, right, word in words])
    assert [styled.kind for styled in _styled([(0, [(line, False) for line in page], [])])] == ["paragraph"] * 3
