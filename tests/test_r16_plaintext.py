"""Plain-text and campaign dossiers (round 16).

A plain-text export numbers its headings as an outline ("1. Le CNR santé en Nouvelle-Aquitaine",
"2. Dans les Landes", "2.1 Les chiffres clés", "3. Et maintenant ?"), each a line alone between
blank lines, and writes the department's key figures a line each, a part by its predicate
alone under the label of its noun ("Projets retenus : 9", "Réalisés : 6", "En cours : 3").
cnr-lint now reads those lines as headings (the department's part opens and ends there, not at
a list item), and those parts as the department's realised and in-progress projects. Around
them, what dossiers write and cnr-lint now understands:

- a scope word in brackets that hold a date says where that day happened ("(lundi 3 octobre
  2022 au niveau national)"), not whose the later figures of the sentence are;
- a sentence opening on its whole ("Sur les 7,2 M€, 3,8 M€ ont été engagés en 2024") and every
  part of a "dont" enumeration state parts, not the figure again;
- Markdown converters escape a number written by hand ("1\\. l'accès…"): an item all the same;
- a bold title and its aside in brackets ("**Action n° 3 – …** (porteur : Ville – CCAS)") is a
  title line, and the dash inside the aside no status separator;
- a status in square brackets ("[engagé]", "[⏳ en cours : ouverture en 2026]", wrapped over two
  PDF lines), and the bold line over items carrying theirs, which groups them;
- a PDF enumeration ends at its last item's full stop ("a ;", "b ;", "c."), not in the
  paragraph after it;
- the press kit's subtitle ("Dossier de presse – Haute-Corse (2B) – CNR santé : 1 an après")
  names the department and the campaign the title above it ("CNR santé en Corse") does not;
- "la seule réunion d'Ajaccio a réuni 140 personnes" is a single meeting's attendance;
- a summary listing its departments a line each ("Deux-Sèvres — 9 réunions, 8 projets (5
  réalisés, 3 en cours)") states each department's figures on its line, its "Total …" line no
  one's; rows of one dossier adding up to more than its own region's figure are CNR204;
- "63 % des projets sont réalisés, soit 79 sur 126" states the region's realised projects;
- "→ état : en cours → état : réalisé" gives a project two statuses;
- "15 réunions se sont tenues de novembre 2022 à mars 2023" counts over that period, of the
  campaign it ends in.
"""

from __future__ import annotations

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.parse import parse_text
from cnr_lint.pipeline import _understand
from cnr_lint.read import Source, StyledLine
from test_other_hands import CONTEXT
from test_r14_tables import codes as table_codes
from test_r14_tables import dossier


def codes(texts: dict[str, str]) -> list[tuple[str, str, int]]:
    return [found for found in table_codes(texts) if found[0] != "CNR002"]


def figures(read) -> set[tuple[str, float, str, str | None]]:
    return {(f.name, f.low, f.scope, f.department) for f in read.figures if f.compared}


# -- a plain-text export with outline-numbered headings ------------------------------------

LANDES = """CNR santé dans les Landes : 2 ans après
Dossier de presse
ARS Nouvelle-Aquitaine, délégation départementale des Landes
Mont-de-Marsan, mardi 19 novembre 2024

1. Le CNR santé en Nouvelle-Aquitaine

Lancé à l'automne 2022 (lundi 3 octobre 2022 au niveau national), le CNR santé s'est traduit en Nouvelle-Aquitaine, dans les 12 départements de la région et en deux cycles de concertation, par 142 réunions, soit 3 050 participants et 126 projets issus de la concertation.

2. Dans les Landes

2.1 Les chiffres clés

Réunions : 10
Participants : 260
Projets retenus : 9
Réalisés : 6
En cours : 3

2.2 Les défis retenus

Trois grands défis ont été retenus :
1. l'accès à un médecin traitant ;
2. les soins non programmés sur le littoral ;
3. la prévention.

2.3 Les projets

9 projets concrets sont suivis dans le département :

– Maison de santé (Morcenx) → état : réalisé
– Centre de soins non programmés (Dax) → état : réalisé
– Bus santé (Sabres) → état : en cours
– Logements des internes (Mont-de-Marsan) → état : réalisé
– Télé-expertise en EHPAD (Aire-sur-l'Adour) → état : réalisé
– Médiation en santé (Saint-Paul-lès-Dax) → état : en cours
– Infirmiers en pratique avancée (Tartas) → état : réalisé
– Renfort estival (Mimizan) → état : réalisé
– Prévention du diabète (Hagetmau) → état : en cours

3. Et maintenant ?

Le conseil territorial de santé fera le point en décembre 2024.
"""


def test_outline_numbered_lines_are_headings_and_open_the_departments_part() -> None:
    blocks = parse_text(tuple(LANDES.split("\n")))
    assert [(b.text, b.level) for b in blocks if b.kind == "heading"] == [
        ("Le CNR santé en Nouvelle-Aquitaine", 1), ("Dans les Landes", 1), ("Les chiffres clés", 2),
        ("Les défis retenus", 2), ("Les projets", 2), ("Et maintenant ?", 1)]
    # the challenges, numbered under the line that announces them, stay a list
    assert [b.text for b in blocks if b.kind == "item"][:3] == [
        "l'accès à un médecin traitant ;", "les soins non programmés sur le littoral ;", "la prévention."]
    read = dossier(LANDES, "landes-2024.txt")
    found = figures(read)
    assert {("department.meetings", 10, "department", "Landes"), ("department.participants", 260, "department", "Landes"),
            ("department.projects.realised", 6, "department", "Landes"),
            ("department.projects.in_progress", 3, "department", "Landes")} <= found
    # "(lundi 3 octobre 2022 au niveau national)" dates the launch; the figures after it are the region's
    assert {("region.meetings", 142, "region", None), ("region.participants", 3050, "region", None),
            ("region.departments", 12, "region", None)} <= found
    assert [(found.name, found.stated, len(found.entries)) for found in read.lists] == [
        ("department.challenges", 3, 3), ("department.projects", 9, 9)]
    assert codes({"landes-2024.txt": LANDES}) == []


def test_key_figure_parts_that_do_not_add_up_are_found_there() -> None:
    text = LANDES.replace("En cours : 3", "En cours : 4")
    assert codes({"landes-2024.txt": text}) == [("CNR102", "landes-2024.txt", 17)]  # "Réalisés : 6" + "En cours : 4"
    # a part by its predicate alone needs the label of its noun above it
    text = LANDES.replace("Projets retenus : 9\n", "")
    assert "department.projects.realised" not in {name for name, *_ in figures(dossier(text, "landes-2024.txt"))}


def test_the_key_figures_add_up_before_an_older_count_beside_them() -> None:
    # "Réalisés : 6" and "En cours : 3", both undated, are one snapshot; an older realised count,
    # dated, added to the undated 3, is none
    text = LANDES.replace("2.2 Les défis retenus", "Au 31 mars 2024, sept projets étaient déjà réalisés dans les Landes.\n\n"
                          "2.2 Les défis retenus")
    assert "CNR102" not in [code for code, _, _ in codes({"landes-2024.txt": text})]


def test_numbered_lines_without_an_outline_are_no_headings() -> None:
    # the outline's headings are headings; a numbered line alone, and a list whose items stand a
    # blank line apart, are not
    lines = ("1. Le CNR santé en Bretagne", "", "Texte.", "", "2. Dans le Finistère", "", "Les projets", "",
             "1. Un centre de santé", "", "Il ouvre en 2024.", "", "Les défis :", "", "1. Le médecin traitant", "",
             "2. La prévention", "")
    assert [b.text for b in parse_text(lines) if b.kind == "heading"] == ["Le CNR santé en Bretagne", "Dans le Finistère"]


# -- parts of a whole: "Sur les …", "dont a, b et c" ----------------------------------------

VAR = """# CNR santé dans le Var : 2 ans après

Toulon, mardi 19 novembre 2024

## Le CNR santé en Provence-Alpes-Côte d'Azur

L'ARS a engagé 7,2 M€ depuis 2023. Sur les 7,2 M€, 3,8 M€ ont été engagés en 2024.

L'ARS a engagé 5,1 M€ pour les projets, dont 1,8 M€ pour le littoral, 1,6 M€ pour le haut pays et 150 k€ pour une campagne régionale.
"""


def test_shares_of_a_sum_are_no_statement_of_the_sum() -> None:
    budgets = sorted(f.low for f in dossier(VAR, "var-2024.md").figures if f.name == "region.budget" and f.compared)
    assert budgets == [5_100_000, 7_200_000, 7_200_000]  # not the 3,8 M€ of 2024, nor the shares of the 5,1 M€


# -- Markdown: escaped numbers, bold titles with an aside, a press kit's subtitle ------------

SARTHE = """# **CNR santé : 1 an après**

## **Dossier de presse – Sarthe**

Le Mans, mercredi 8 novembre 2023

**Un an après, le CNR santé a réuni en Pays de la Loire près de mille deux cents participants. Quarante-quatre projets en sont issus.**

## 1\\. La concertation en Sarthe

Sept réunions se sont tenues en Sarthe. Les participants ont retenu quatre grands défis :

1\\. l'accès à un médecin traitant ;

2\\. les soins non programmés ;

3\\. l'attractivité du territoire ;

4\\. la prévention ;

5\\. la santé mentale.

## 2\\. Les actions engagées en Sarthe

Ces échanges ont permis de faire émerger 3 projets concrets. Au 31 octobre 2023, 1 est réalisé et 2 en cours.

**Action n° 1 – Ouvrir un centre de santé à Saint-Calais** (porteur : communauté de communes)

Un centre de santé avec des médecins salariés.

État d'avancement : en cours – recrutement de deux médecins.

**Action n° 2 – Développer la médiation en santé au Mans** (porteur : Ville du Mans – CCAS)

Des médiatrices accompagnent les habitants.

**Action n° 3 – Loger les internes à La Flèche** (porteur : communauté de communes du Pays fléchois)

Des logements meublés pour les internes.

État d'avancement : réalisé – six logements.
"""


def test_a_markdown_dossier_with_escaped_numbers_and_titled_actions() -> None:
    read = dossier(SARTHE, "sarthe-2023.md")
    assert read.department == "Sarthe"  # the subtitle's, not the Pays de la Loire figures' lead paragraph
    assert {("region.projects.emerged", 44, "region", None)} <= figures(read)
    challenges, projects = read.lists
    assert (challenges.stated, len(challenges.entries)) == (4, 5)
    assert [(entry.title[:12], entry.status) for entry in projects.entries] == [
        ("Action n° 1 ", "in_progress"), ("Action n° 2 ", None), ("Action n° 3 ", "realised")]
    assert codes({"sarthe-2023.md": SARTHE}) == [("CNR103", "sarthe-2023.md", 11), ("CNR104", "sarthe-2023.md", 33)]


def test_a_subtitle_names_the_campaign_the_title_does_not() -> None:
    text = ("CNR santé en Corse\n\nUn an de concertation : où en est-on ?\n\n"
            "Dossier de presse – Haute-Corse (2B) – CNR santé : 1 an après\n\n"
            "En 2B, 15 réunions se sont tenues de novembre 2022 à mars 2023.\n")
    read = dossier(text, "haute-corse.txt")
    assert (read.department, read.campaign) == ("Haute-Corse", "1 an après 2023")


def test_a_single_meetings_attendance_is_no_departments_figure() -> None:
    text = ("# CNR santé en Corse-du-Sud : 2 ans après\n\n## En Corse-du-Sud\n\n"
            "Depuis 2022, dix réunions se sont tenues dans le 2A ; 402 personnes y ont pris part. "
            "La seule réunion d'Ajaccio du jeudi 14 mars 2024 a réuni 140 personnes.\n")
    participants = [f.low for f in dossier(text, "2a.md").figures if f.name == "department.participants" and f.compared]
    assert participants == [402]


# -- PDF: an enumeration's end, statuses in square brackets ---------------------------------

def pdf(lines: list[str]) -> Source:
    styled = tuple(StyledLine(text, "heading" if i == 0 else "paragraph", 1 if i == 0 else 0, bold=i == 0, page=1,
                              new_block=i in (0, 1, 2, 3, 7))
                   for i, text in enumerate(lines))
    return Source("haute-corse-2024.pdf", tuple(line.text for line in styled), "utf-8", "pdf", styled=styled,
                  page_starts=(1,))


HAUTE_CORSE = [
    "CNR santé en Haute-Corse : 2 ans après",
    "En Haute-Corse, dix-sept réunions se sont tenues.",
    "Les participants ont retenu trois grands défis :",
    "1) l'accès à un médecin traitant ;",
    "2) les soins non programmés ;",
    "3) la prévention au plus près des habitants.",
    "Quatre projets concrets ont vu le jour en Haute-Corse :",
    "1) Bastia : renforcement de la maison médicale de garde les samedis et dimanches [mis en",
    "œuvre]",
    "2) Corte : antenne de soins non programmés [engagé]",
    "3) Castagniccia : bus santé itinérant [abouti]",
    "4) Balagne : télé-expertise en dermatologie [⏳ en cours : ouverture au printemps 2025]",
]


def test_a_pdf_enumeration_ends_at_its_full_stop_and_bracketed_statuses_are_read() -> None:
    read = _understand(pdf(HAUTE_CORSE), CONTEXT)
    challenges, projects = read.lists
    assert (challenges.stated, len(challenges.entries)) == (3, 3)
    assert projects.stated == 4
    assert [entry.status for entry in projects.entries] == ["realised", "in_progress", "realised", "in_progress"]
    selection = engine.select_rules(CONTEXT, Config())
    assert not [f.code for f in engine.check([read], {read.path}, CONTEXT, selection) if f.code != "CNR002"]


def test_a_bold_line_over_items_with_their_statuses_groups_them() -> None:
    text = ("# CNR santé en Charente-Maritime : 3 ans après\n\n## En Charente-Maritime\n\n"
            "Trois projets concrets sont suivis dans le département.\n\n"
            "**Sur les îles**\n- Cabinet éphémère à Saint-Martin-de-Ré [✅ réalisé]\n"
            "- Poste médical à Saint-Pierre-d'Oléron [✅ réalisé]\n\n"
            "**Sur le continent**\n- Maison de santé de Marennes [⏳ en cours : ouverture en 2026]\n")
    (projects,) = dossier(text, "cm-2025.md").lists
    assert [(entry.title, entry.status) for entry in projects.entries] == [
        ("Cabinet éphémère à Saint-Martin-de-Ré", "realised"), ("Poste médical à Saint-Pierre-d'Oléron", "realised"),
        ("Maison de santé de Marennes", "in_progress")]


# -- a summary a line per department -------------------------------------------------------

SUMMARY = """CNR santé en Nouvelle-Aquitaine : 2 ans après
Synthèse régionale
Bordeaux, vendredi 22 novembre 2024

1. Le CNR santé en Nouvelle-Aquitaine

Le CNR santé s'est traduit en Nouvelle-Aquitaine, en deux cycles de concertation, par 30 réunions. 63 % des projets sont réalisés, soit 19 sur 30, les autres sont en cours au 30 septembre 2024.

2. Les chiffres par département

Situation au 30 septembre 2024 :

Landes — 10 réunions, 9 projets (6 réalisés, 3 en cours)
Gironde — 21 réunions, 18 projets (11 réalisés, 7 en cours)
Total des 2 départements — 31 réunions, 27 projets (17 réalisés, 10 en cours)
"""


def test_a_summary_line_per_department_states_each_departments_figures() -> None:
    read = dossier(SUMMARY, "synthese-2024.txt")
    found = figures(read)
    assert {("department.meetings", 10, "department", "Landes"), ("department.projects.realised", 6, "department", "Landes"),
            ("department.projects.in_progress", 3, "department", "Landes"),
            ("department.meetings", 21, "department", "Gironde"),
            ("department.projects.realised", 11, "department", "Gironde"),
            ("region.projects.realised", 19, "region", None)} <= found
    # the Total line's figures are the departments' together, compared with nothing
    assert not [f for f in found if f[1] in (17, 10) and f[0].startswith("region.")]
    # 10 + 21 réunions are more than the region's 30 of the same dossier
    assert codes({"synthese-2024.txt": SUMMARY}) == [("CNR204", "synthese-2024.txt", 7)]
    # and the Landes dossier's "Réunions : 10" agrees with its line; 11 would not
    found = codes({"synthese-2024.txt": SUMMARY, "landes-2024.txt": LANDES.replace("Réunions : 10", "Réunions : 11")})
    assert [row for row in found if row[0] == "CNR205"] == [("CNR205", "landes-2024.txt", 14), ("CNR205", "synthese-2024.txt", 13)]


def test_two_status_labels_on_one_title_line_are_two_statuses() -> None:
    text = LANDES.replace("Bus santé (Sabres) → état : en cours", "Bus santé (Sabres) → état : en cours → état : réalisé")
    projects = dossier(text, "landes-2024.txt").lists[1]
    assert [(entry.title, entry.statuses) for entry in projects.entries][2] == ("Bus santé (Sabres)", ("en cours", "réalisé"))
    assert codes({"landes-2024.txt": text}) == [("CNR104", "landes-2024.txt", 33)]


def test_meetings_counted_from_one_month_to_another_are_the_campaigns() -> None:
    text = ("# CNR santé en Haute-Corse : 1 an après\n\n*Bastia, le lundi 13 novembre 2023*\n\n"
            "## L'île en quelques chiffres\n\n"
            "Neuf réunions de concertation ont rassemblé près de 450 personnes dans les deux départements de l'île.\n\n"
            "## En Haute-Corse\n\n"
            "En 2B, 15 réunions se sont tenues de novembre 2022 à mars 2023, à Bastia, Corte et Calvi.\n")
    read = dossier(text, "haute-corse-2023.md")
    meetings = [(f.name, f.low, f.as_of_text) for f in read.figures if f.name.endswith(".meetings") and f.compared]
    assert meetings == [("region.meetings", 9, None), ("department.meetings", 15, "de novembre 2022 à mars 2023")]
    assert ("CNR106", "haute-corse-2023.md", 11) in codes({"haute-corse-2023.md": text})
