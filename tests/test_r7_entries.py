"""Projects written as a title, its status line and a paragraph describing it: the description is
no entry of its own, in Markdown as in a PDF. And the places around such a list: a heading or a
bold line over what follows it, the region's figures recalled in a department's part, a title
giving the department with its number, a summary table's rows read as lines."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cnr_lint.parse import parse_styled
from cnr_lint.read import StyledLine
from test_other_hands import dossier, figures, findings

TITLE = "# CNR santé dans le Val-de-Marne : 2 ans après\n\n"
REGIONAL = ("En Île-de-France, 40 réunions de concertation ont réuni 2 500 participants et fait émerger "
            "62 projets.\n\n")
PART = ("## Dans le Val-de-Marne\n\n"
        "Dans le Val-de-Marne, 5 réunions se sont tenues.\n\n")


def project(title: str, *statuses: str, description: str = "Le projet avance avec les communes du secteur.") -> str:
    lines = [f"**{title}**\n\n", *(f"Statut : {status}\n\n" for status in statuses), f"{description}\n\n"]
    return "".join(lines)


def entries(text: str, path: str = "dossier.md") -> list[tuple[str, tuple[str, ...]]]:
    (projects,) = [lst for lst in dossier(text, path).lists if lst.name == "department.projects"]
    return [(entry.title, entry.statuses) for entry in projects.entries]


FOUR = (TITLE + REGIONAL + PART + "Quatre projets concrets en sont issus : trois sont réalisés et un est en cours.\n\n"
        + project("Créteil : un centre de soins non programmés", "RÉALISÉ",
                  description="Ouvert en janvier 2024, il reçoit 60 patients par jour.")
        + project("Vitry-sur-Seine : une équipe mobile gériatrique", "RÉALISÉ",
                  description="L'équipe intervient au domicile des personnes âgées.")
        + project("Villejuif : loger les internes", "RÉALISÉ",
                  description="Vingt logements sont proposés aux internes en stage.")
        + project("Orly : une maison sport-santé", "EN COURS",
                  description="Les travaux s'achèvent ; l'ouverture est attendue en 2025."))


def test_the_paragraph_under_a_status_line_describes_the_project_above_it() -> None:
    assert entries(FOUR) == [
        ("Créteil : un centre de soins non programmés", ("RÉALISÉ",)),
        ("Vitry-sur-Seine : une équipe mobile gériatrique", ("RÉALISÉ",)),
        ("Villejuif : loger les internes", ("RÉALISÉ",)),
        ("Orly : une maison sport-santé", ("EN COURS",)),
    ]
    assert findings(FOUR) == []


def test_the_paragraph_under_a_bold_title_ending_with_its_status_describes_it() -> None:
    text = (TITLE + REGIONAL + PART + "Trois projets concrets en sont issus.\n\n"
            "**Créteil : un centre de soins — RÉALISÉ**\n\nOuvert en 2024, il reçoit 60 patients par jour.\n\n"
            "**Vitry-sur-Seine : une équipe mobile — RÉALISÉ**\n\nElle intervient au domicile des personnes âgées.\n\n"
            "**Orly : une maison sport-santé — EN COURS**\n\nLes travaux s'achèvent.\n\n")
    assert [statuses for _, statuses in entries(text)] == [("RÉALISÉ",), ("RÉALISÉ",), ("EN COURS",)]
    assert findings(text) == []


def test_a_note_before_the_first_project_is_no_project() -> None:
    note = "Le Département finance de son côté 12 logements pour les soignants.\n\n"
    text = FOUR.replace("**Créteil", note + "**Créteil", 1)
    assert len(entries(text)) == 4
    assert findings(text) == []


def test_a_project_without_its_status_line_is_the_one_reported() -> None:
    text = FOUR.replace("Statut : EN COURS\n\n", "", 1)
    assert entries(text)[-1] == ("Orly : une maison sport-santé", ())
    assert [code for code, _ in findings(text)] == ["CNR104"]


def test_a_title_after_a_colon_is_a_title_when_its_siblings_are_written_so() -> None:
    # "Villejuif : loger les internes", its status line missing: beside "Créteil : un centre…"
    # and the others, whose statuses are on lines of their own, the words after the colon are
    # its title's, not a status not understood.
    text = FOUR.replace("Statut : RÉALISÉ\n\nVingt", "Vingt", 1)
    assert ("Villejuif : loger les internes", ()) in entries(text)
    assert [code for code, _ in findings(text)] == ["CNR104"]


def test_two_status_lines_under_one_project_disagree() -> None:
    text = FOUR.replace("Statut : EN COURS\n\n", "Statut : EN COURS\n\nStatut : RÉALISÉ\n\n", 1)
    assert entries(text)[-1] == ("Orly : une maison sport-santé", ("EN COURS", "RÉALISÉ"))
    assert "CNR104" in [code for code, _ in findings(text)]


def test_a_project_without_status_is_reported_once_not_again_as_a_count_conflict() -> None:
    # "trois sont réalisés", two listed as realised and one without status: it may be the third
    # (CNR104 says it has none). A list where a project states no status gives no realised count
    # at all, so "quatre sont réalisés" is CNR104's too, not a CNR205 it may explain.
    text = FOUR.replace("Statut : RÉALISÉ\n\nVingt", "Vingt", 1)
    assert [code for code, _ in findings(text)] == ["CNR104"]
    more = text.replace("trois sont réalisés et un est en cours", "quatre sont réalisés")
    assert [code for code, _ in findings(more)] == ["CNR104"]


def test_in_plain_text_the_block_after_a_status_line_is_the_next_title() -> None:
    # No markup: titles are told from descriptions by coming after a status line.
    text = ("CNR santé dans le Val-de-Marne : 2 ans après\n\n" + REGIONAL.strip() + "\n\n"
            "Dans le Val-de-Marne, 5 réunions se sont tenues. Trois projets concrets en sont issus.\n\n"
            "Créteil : un centre de soins non programmés\nStatut : réalisé\n\n"
            "Vitry-sur-Seine : une équipe mobile gériatrique\nStatut : réalisé\n\n"
            "Orly : une maison sport-santé\nStatut : en cours\n")
    assert [statuses for _, statuses in entries(text, "val-de-marne.txt")] == [("réalisé",), ("réalisé",), ("en cours",)]


def test_a_heading_that_reads_as_a_status_after_the_projects_heads_what_follows() -> None:
    # "À venir" is a status word; after projects that state their own, it heads the agenda.
    text = FOUR + "### À venir\n\n- Jeudi 28 novembre 2024 : visite du centre de Créteil.\n- Janvier 2025 : concertation.\n"
    assert len(entries(text)) == 4
    assert findings(text) == []


def test_a_bold_line_over_items_after_the_projects_is_no_project() -> None:
    text = FOUR + "**À retenir**\n\n- Mardi 26 novembre 2024 : visite de la maison sport-santé.\n- Début 2025 : bilan.\n"
    assert len(entries(text)) == 4
    assert findings(text) == []


def test_the_regions_figures_recalled_in_a_departments_part_are_the_regions() -> None:
    text = FOUR + "Rappel – en Île-de-France, le CNR santé, ce sont 40 réunions de concertation et 2 500 participants.\n"
    found = figures(text)
    assert ("region.meetings", 40, None) in found and ("department.meetings", 5, "Val-de-Marne") in found
    assert not any(name == "department.meetings" and value == 40 for name, value, _ in found)
    assert findings(text) == []


def test_a_title_may_give_the_department_with_its_number() -> None:
    text = "# CNR santé – Paris (75) : 2 ans après\n\n" + REGIONAL + "À Paris, 6 réunions se sont tenues.\n"
    assert dossier(text).department == "Paris"


def test_a_summary_tables_rows_read_as_lines_open_no_department_part() -> None:
    # A PDF's table whose cells the reader did not tell apart: each row a line of its own.
    text = ("# CNR santé – Île-de-France : 2 ans après\n\n" + REGIONAL + "## Les départements\n\n"
            "Département Réunions Projets\n\nParis (75) 6 9\n\nEssonne (91) 4 7\n\nVal-d'Oise (95) 3 7\n\n"
            "## Trois ans de CNR santé\n\nRappel : 40 réunions de concertation depuis 2022.\n")
    found = dossier(text)
    assert found.department is None
    assert ("region.meetings", 40, None) in figures(text)


def test_a_status_line_at_the_foot_of_a_page_and_another_at_the_head_of_the_next_are_kept() -> None:
    # Two projects' status lines in the margins of a page break: the same words, but one at the
    # foot and one at the head; a running footer repeats at the foot of the pages.
    lines = (
        StyledLine("Pontoise : une maison médicale de garde", bold=True, page=1, new_block=True),
        StyledLine("STATUT : EN COURS", bold=True, page=1, new_block=True, margin=True),
        StyledLine("ARS – dossier de presse", page=1, new_block=True, margin=True),
        StyledLine("Villiers-le-Bel : prévenir l'obésité des enfants", bold=True, page=2, new_block=True, margin=True),
        StyledLine("STATUT : EN COURS", bold=True, page=2, new_block=True, margin=True),
        StyledLine("Un programme se prépare avec les écoles.", page=2, new_block=True),
        StyledLine("ARS – dossier de presse", page=2, new_block=True, margin=True),
    )
    assert [block.text for block in parse_styled(lines)] == [
        "Pontoise : une maison médicale de garde", "STATUT : EN COURS",
        "Villiers-le-Bel : prévenir l'obésité des enfants", "STATUT : EN COURS",
        "Un programme se prépare avec les écoles.",
    ]


# -- the same list in a PDF made by LibreOffice ---------------------------------------------------

_HTML_PROJECT = "<p><b>{title}</b></p><p><b>STATUT : {status}</b></p><p>{description}</p>"
_PROJECTS = [
    ("Créteil : un centre de soins non programmés", "RÉALISÉ", "Ouvert en janvier 2024, il reçoit 60 patients par jour."),
    ("Vitry-sur-Seine : une équipe mobile gériatrique", "RÉALISÉ", "L'équipe intervient au domicile des personnes âgées."),
    ("Villejuif : loger les internes", "RÉALISÉ", "Vingt logements sont proposés aux internes en stage."),
    ("Orly : une maison sport-santé", "EN COURS", "Les travaux s'achèvent ; l'ouverture est attendue en 2025."),
    ("Ivry-sur-Seine : aller vers la vaccination", "EN COURS", "Des séances sont organisées dans les centres sociaux."),
]


@pytest.fixture(scope="module")
def pdf_dossier(tmp_path_factory) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF dossier cannot be made")
    folder = tmp_path_factory.mktemp("pdf")
    projects = "".join(_HTML_PROJECT.format(title=t, status=s, description=d) for t, s, d in _PROJECTS)
    html = (
        "<html><head><meta charset='utf-8'></head><body>"
        "<h1>CNR santé – Val-de-Marne (94) : 2 ans après</h1>"
        "<p>En Île-de-France, 40 réunions de concertation ont réuni 2 500 participants et fait émerger 62 projets.</p>"
        "<h2>Val-de-Marne (94) : ce qui a été décidé, ce qui a été fait</h2>"
        "<p>Dans le Val-de-Marne, 5 réunions se sont tenues entre novembre 2022 et mars 2023.</p>"
        "<p>Cinq projets concrets en sont issus : trois sont réalisés et deux sont en cours.</p>"
        f"{projects}"
        "<h3>À venir</h3><ul><li>Jeudi 28 novembre 2024 : visite du centre de Créteil.</li></ul>"
        "<p>Rappel – en Île-de-France, le CNR santé, ce sont 40 réunions de concertation et 2 500 participants.</p>"
        "</body></html>"
    )
    source = folder / "val-de-marne.html"
    source.write_text(html, encoding="utf-8")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{folder / 'lo'}", "--headless", "--infilter=HTML (StarWriter)",
         "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return folder / "val-de-marne.pdf"


def test_a_pdfs_projects_are_their_bold_titles_with_their_status_lines(pdf_dossier: Path) -> None:
    text = pdf_dossier.read_bytes()
    from cnr_lint.pipeline import dossier_from_bytes
    from test_other_hands import CONTEXT

    found = dossier_from_bytes(text, "val-de-marne.pdf", CONTEXT)
    assert found.department == "Val-de-Marne"
    (projects,) = [lst for lst in found.lists if lst.name == "department.projects"]
    assert projects.stated == 5
    assert [(entry.title, entry.status) for entry in projects.entries] == [
        (title, "realised" if status == "RÉALISÉ" else "in_progress") for title, status, _ in _PROJECTS
    ]
    assert ("region.meetings", 40.0) in [(f.name, f.low) for f in found.figures if f.span.line > 10]
