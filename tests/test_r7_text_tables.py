"""Tables drawn with spaces whose cells wrap over several lines, as `pdftotext -layout` leaves a
word processor's table: each row between blank lines, each cell centred in the row's height, so
that the title's tail and the status's tail interleave with a short cell on the middle line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cnr_lint.parse import parse_text
import test_other_hands

TITLE = ("CNR santé dans les Deux-Sèvres : 2 ans après\n\n"
         "En Nouvelle-Aquitaine, 40 réunions de concertation se sont tenues depuis 2022.\n\n\n"
         "DEUX-SÈVRES\n")


def dossier(text: str):
    return test_other_hands.dossier(text, "deux-sevres.txt")


def findings(text: str) -> list[tuple[str, int]]:
    return test_other_hands.findings(text, "deux-sevres.txt")


def rows(text: str) -> list[tuple[int, tuple[str, ...]]]:
    return [(block.line, block.cell_texts()) for block in parse_text(tuple(text.split("\n"))) if block.kind == "row"]


def projects(text: str):
    [found] = [entry_list for entry_list in dossier(text).lists if entry_list.name == "department.projects"]
    return found


# The lines as pdftotext -layout sets them: the columns of one row some characters from the
# next row's (and a cell's second line from its first: "prévus." under "En cours").
WRAPPED = """\
Le département a accueilli 6 réunions. Quatre projets concrets en sont issus.

                Projet                        Territoire                    Où en est-on ?


                                                               Réalisé : douze professionnels réunis sous
Maison de santé du bocage                  Bressuire
                                                               le même toit depuis mars 2024.


Assistants médicaux partagés entre         Cholet              En cours : six assistants recrutés sur les dix
cabinets                                                                   prévus.


Télé-expertise dermatologique                                            C'est fait : plus de 300 avis rendus
                                                      Niort
pour les médecins de la plaine                                           depuis l'ouverture.


Accueil des internes                                  Parthenay          En cours : travaux engagés.

Le conseil départemental a, pour sa part, consacré 420 000 euros aux logements des internes.
"""


def test_a_row_s_wrapped_cells_are_joined_and_its_columns_found_row_by_row() -> None:
    assert rows(WRAPPED)[1:] == [
        (6, ("Maison de santé du bocage", "Bressuire",
             "Réalisé : douze professionnels réunis sous le même toit depuis mars 2024.")),
        (11, ("Assistants médicaux partagés entre cabinets", "Cholet",
              "En cours : six assistants recrutés sur les dix prévus.")),
        (15, ("Télé-expertise dermatologique pour les médecins de la plaine", "Niort",
              "C'est fait : plus de 300 avis rendus depuis l'ouverture.")),
        (20, ("Accueil des internes", "Parthenay", "En cours : travaux engagés.")),
    ]
    assert rows(WRAPPED)[0] == (3, ("Projet", "Territoire", "Où en est-on ?"))


def test_justified_prose_under_a_table_is_no_row_of_it() -> None:
    # Two lines of prose with a wide gap fill the same columns: no row of several lines.
    prose = ("Un paragraphe de texte justifié    qui n'est pas un tableau et court sur toute la ligne,\n"
             "puis une seconde ligne justifiée    de la même façon, jusqu'au bout de la ligne.\n")
    text = WRAPPED.replace("Le conseil départemental", prose + "\nLe conseil départemental")
    assert rows(text)[:5] == rows(WRAPPED)


def test_each_row_is_an_entry_with_the_status_before_its_comment() -> None:
    listed = projects(TITLE + WRAPPED)
    assert [entry.title for entry in listed.entries] == [
        "Maison de santé du bocage", "Assistants médicaux partagés entre cabinets",
        "Télé-expertise dermatologique pour les médecins de la plaine", "Accueil des internes",
    ]
    assert [entry.status for entry in listed.entries] == ["realised", "in_progress", "realised", "in_progress"]
    assert findings(TITLE + WRAPPED) == []


def test_a_count_that_the_table_contradicts_is_found() -> None:
    text = TITLE + WRAPPED.replace("Quatre projets concrets", "Cinq projets concrets")
    assert ("CNR101", 7) in findings(text)


def test_a_description_in_the_status_column_is_a_status_not_understood() -> None:
    # As after a label ("Où en est-on : les travaux commencent…"): no warning, no count.
    text = TITLE + WRAPPED.replace("En cours : travaux engagés.", "Porté par la commune et ses bailleurs.")
    listed = projects(text)
    assert listed.entries[3].statuses == ("Porté par la commune et ses bailleurs.",)
    assert not listed.entries[3].understood
    assert findings(text) == []


def test_a_row_goes_on_over_a_page_break_and_a_title_starts_the_next_row() -> None:
    # A row of one line over a row of three, no blank line between: cut before the title.
    text = """\
                Projet                        Territoire                    Où en est-on ?


Médecins retraités en appui des         Laval
                                                               Réalisé : onze médecins volontaires
cabinets
\f                                                                     mobilisés.

Bus santé en milieu rural               Nord-Mayenne           En cours : appel à candidatures.
                                                                            Réalisé : la régulation libérale
Service d'accès aux soins               Tout le département
                                                                            fonctionne le samedi.
"""
    assert rows(text)[1:] == [
        (4, ("Médecins retraités en appui des cabinets", "Laval", "Réalisé : onze médecins volontaires mobilisés.")),
        (9, ("Bus santé en milieu rural", "Nord-Mayenne", "En cours : appel à candidatures.")),
        (10, ("Service d'accès aux soins", "Tout le département", "Réalisé : la régulation libérale fonctionne le samedi.")),
    ]


def test_an_empty_cell_is_told_by_where_the_cells_above_started() -> None:
    # The title ran into the territory (one space between them): the status still goes under
    # the status column, where the rows above started theirs.
    text = """\
                  Projet                          Territoire                       Où en est-on ?


Maison médicale de garde                    La Flèche          Réalisé : ouverte le samedi et
                                                                   le dimanche.


                                                                   En cours : tournées en préparation avec
Dépistage des cancers en bus itinérant Perche
                                                                   l'Assurance maladie.
"""
    assert rows(text)[2] == (8, ("Dépistage des cancers en bus itinérant Perche", "",
                                 "En cours : tournées en préparation avec l'Assurance maladie."))


def test_rows_of_one_line_each_are_read_as_before() -> None:
    # No blank line parts them: the one-line-a-row reader's table, a title's tail under it.
    text = """\
      Intitulé du projet                 Secteur            Où en est-on ?

      Centre de santé municipal          Fougères           Projet réalisé
      Médiation en santé dans les        Rennes             En cours
      quartiers prioritaires
      Cabinet éphémère                   Redon              Projet réalisé

Le conseil départemental a, pour sa part, consacré 420 000 euros aux logements des internes.
"""
    assert [cells for _, cells in rows(text)] == [
        ("Intitulé du projet", "Secteur", "Où en est-on ?"),
        ("Centre de santé municipal", "Fougères", "Projet réalisé"),
        ("Médiation en santé dans les quartiers prioritaires", "Rennes", "En cours"),
        ("Cabinet éphémère", "Redon", "Projet réalisé"),
    ]


def test_an_undated_in_progress_count_after_a_dated_realised_one_is_that_snapshot() -> None:
    text = ("CNR santé dans les Deux-Sèvres : 2 ans après\n\nLe bilan régional\n"
            "29                           projets réalisés au 31 octobre 2024\n\n\n"
            "17                           projets en cours de déploiement\n")
    found = {f.name: f for f in dossier(text).figures}
    assert found["region.projects.in_progress"].as_of == found["region.projects.realised"].as_of is not None


HTML = """<html><body>
<h1>CNR santé dans les Deux-Sèvres : 2 ans après</h1>
<p>En Nouvelle-Aquitaine, 40 réunions de concertation se sont tenues depuis 2022.</p>
<h2>DEUX-SÈVRES</h2>
<p>Le département a accueilli 6 réunions. Au total, 5 projets concrets sont nés de ces échanges.</p>
<table border="0" width="100%" cellpadding="14">
<tr><th>Projet</th><th>Territoire</th><th>Où en est-on ?</th></tr>
<tr><td valign="middle">Maison de santé pluriprofessionnelle du bocage</td><td valign="middle">Bressuire</td>
<td valign="middle">Réalisé : douze professionnels réunis sous le même toit depuis mars 2024.</td></tr>
<tr><td valign="middle">Bus de dépistage</td><td valign="middle">Tout le département</td>
<td valign="middle">En cours : le véhicule sera livré au printemps 2025, après un appel d'offres.</td></tr>
<tr><td valign="middle">Télé-expertise dermatologique pour les médecins de la plaine</td><td valign="middle">Niort</td>
<td valign="middle">Réalisé.</td></tr>
<tr><td valign="middle">Accueil des internes</td><td valign="middle">Parthenay</td>
<td valign="middle">En cours : la commune et les bailleurs sociaux du territoire rénovent deux logements.</td></tr>
</table>
<p>Le conseil départemental a, pour sa part, consacré 420 000 euros au bus de dépistage.</p>
</body></html>
"""


def test_a_word_processor_table_through_pdftotext_layout(tmp_path: Path) -> None:
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        print("skipped: LibreOffice (soffice) or Poppler (pdftotext) is not installed")
        pytest.skip("LibreOffice (soffice) or Poppler (pdftotext) is not installed")
    (tmp_path / "deux-sevres.html").write_text(HTML, encoding="utf-8")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--infilter=HTML (StarWriter)",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(tmp_path / "deux-sevres.html")],
        check=True, capture_output=True, timeout=180,
    )
    subprocess.run([pdftotext, "-layout", str(tmp_path / "pdf" / "deux-sevres.pdf"), str(tmp_path / "deux-sevres.txt")],
                   check=True, timeout=60)
    text = (tmp_path / "deux-sevres.txt").read_text(encoding="utf-8")
    listed = projects(text)
    assert [entry.title for entry in listed.entries] == [
        "Maison de santé pluriprofessionnelle du bocage", "Bus de dépistage",
        "Télé-expertise dermatologique pour les médecins de la plaine", "Accueil des internes",
    ]
    assert [entry.status for entry in listed.entries] == ["realised", "in_progress", "realised", "in_progress"]
    assert [code for code, _ in findings(text)] == ["CNR101"]  # 5 stated, 4 in the table


def test_a_table_one_cell_a_paragraph_has_no_entry_for_its_header() -> None:
    # Plain pdftotext sets a table's cells one a paragraph, the header's too.
    text = TITLE + ("Le département a accueilli 6 réunions. Trois projets concrets en sont issus.\n"
                    "Projet (porteur)\n\nAvancement\n\n"
                    "Centre de santé de Bressuire (commune)\n\nRéalisé\n\n"
                    "Bus de dépistage (CPAM des Deux-Sèvres)\n\nEn cours\n\n"
                    "Accueil des internes à Niort (CH de Niort)\n\nRéalisé\n")
    listed = projects(text)
    assert [entry.title for entry in listed.entries] == [
        "Centre de santé de Bressuire (commune)", "Bus de dépistage (CPAM des Deux-Sèvres)", "Accueil des internes à Niort (CH de Niort)",
    ]
    assert [entry.status for entry in listed.entries] == ["realised", "in_progress", "realised"]
    assert findings(text) == []
