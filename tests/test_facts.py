"""`cnr-lint facts`: every figure, list and dated mention of the two real seeds, pinned, and the
same facts found at their true places in the format fixtures (BOM, cp1252, CRLF, CR, pdftotext).

Every (line, column) pinned here is also checked against the raw file, decoded independently of
cnr_lint.read: the text of the figure starts there (or its first piece, when the page layout cut it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REPO, invoke

HA = "fixtures/seeds/hautes-alpes.md"
BDR = "fixtures/seeds/bouches-du-rhone.txt"
FORMATS = "fixtures/formats"
PACA = "Provence-Alpes-Côte d'Azur"


def facts_json(*paths: str, exit_code: int = 0) -> dict[str, dict]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        result = invoke("facts", "--format", "json", *paths)
    assert result.exit_code == exit_code, result.output
    return {dossier["path"]: dossier for dossier in json.loads(result.stdout)}


def raw_lines(path: str) -> list[str]:
    """The file's lines as an editor shows them, decoded without cnr_lint."""
    data = (REPO / path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    return re.split(r"\r\n|\r|\n", text)


def figure(name, low, high, unit, line, column, text, *, bounds="[]", qualifier=None, as_of=None,
           scope="region", department=None) -> dict:
    """A figure as `facts --format json` prints it; as_of is (start, end) or None."""
    return {
        "name": name, "low": low, "high": high, "unit": unit, "bounds": bounds, "qualifier": qualifier,
        "as_of": {"start": as_of[0], "end": as_of[1]} if as_of else None, "scope": scope,
        **({"department": department} if scope == "department" else {}),
        "line": line, "column": column, "text": text,
    }


NOV_8_2023 = ("2023-11-08", "2023-11-08")
YEAR_2023 = ("2023-01-01", "2023-12-31")

SEED_FIGURES = {
    HA: [
        figure("region.participants", 665, 700, "participants", 15, 370, "près de 700 participants", qualifier="près de"),
        figure("region.meetings", 25, 25, "meetings", 17, 2, "25 réunions de concertation"),
        figure("region.projects.emerged", 41, 41, "projects", 19, 2, "41 projets ont émergé"),
        figure("region.projects.realised", 14, 14, "projects", 21, 93, "14 projets réalisés", as_of=NOV_8_2023),
        figure("region.projects.in_progress", 27, 27, "projects", 21, 164, "27 projets en cours", as_of=NOV_8_2023),
        figure("region.budget", 2_900_000, 3_000_000, "EUR", 21, 200, "Plus de 2,9 millions d'euros",
               bounds="[)", qualifier="plus de", as_of=YEAR_2023),
        figure("department.meetings", 5, 5, "meetings", 29, 24, "5 réunions se sont tenues",
               scope="department", department="Hautes-Alpes"),
        figure("region.departments", 6, 6, "departments", 70, 196, "six départements"),
    ],
    BDR: [
        figure("region.participants", 665, 700, "participants", 15, 369, "près de 700 participants", qualifier="près de"),
        figure("region.meetings", 25, 25, "meetings", 17, 1, "25 réunions de concertation"),
        figure("region.projects.emerged", 41, 41, "projects", 19, 1, "41 projets ont émergé"),
        figure("region.projects.realised", 11, 11, "projects", 21, 85, "11 projets réalisés", as_of=YEAR_2023),
        figure("region.projects.in_progress", 30, 30, "projects", 21, 156, "30 projets en cours", as_of=YEAR_2023),
        figure("region.budget", 2_900_000, 3_000_000, "EUR", 21, 192, "Plus de 2,9 millions d'euros",
               bounds="[)", qualifier="plus de", as_of=YEAR_2023),
        figure("department.meetings", 4, 4, "meetings", 27, 28, "4 réunions se sont tenues",
               scope="department", department="Bouches-du-Rhône"),
        figure("region.departments", 6, 6, "departments", 74, 196, "six départements"),
    ],
}

CHALLENGES = [
    "l'accès des citoyens à un médecin traitant ou une équipe traitante ;",
    "l'accès à une réponse d'urgence accessible ;",
    "la mobilisation des leviers locaux d'attractivité pour les métiers de la santé ;",
    "l'intégration de la prévention dans le quotidien de tous les français.",
]


def entries(*triples: tuple[str, str | None, int]) -> list[dict]:
    return [{"title": title, "status": status, "line": line} for title, status, line in triples]


SEED_LISTS = {
    HA: [
        {"name": "department.challenges", "stated": 4, "line": 29,
         "entries": entries(*((title, None, 31 + i) for i, title in enumerate(CHALLENGES)))},
        {"name": "department.projects", "stated": 4, "line": 36, "entries": entries(
            ("Développer une offre de santé pluridisciplinaire itinérante.", "in_progress", 38),
            ("Expérimenter le développement d'accompagnateur santé en Maison France Service.", "in_progress", 44),
            ("Créer une « Maison » en soins non programmés dentaires.", "in_progress", 52),
            ("Construire une réponse territoriale à la demande de soins non programmés en odontologie en "
             "étudiant l'apport d'une solution numérique.", "in_progress", 58),
        )},
    ],
    BDR: [
        {"name": "department.challenges", "stated": 4, "line": 27,
         "entries": entries(*((title, None, 29 + i) for i, title in enumerate(CHALLENGES)))},
        {"name": "department.projects", "stated": 6, "line": 34, "entries": entries(
            ("Arles : renforcer la permanence des soins ambulatoires en lien avec la maison médicale de garde.",
             "realised", 36),
            ("Arles : créer un dispositif de développement de l'attractivité des établissements.", "realised", 42),
            ("Étendre le dispositif de surveillance des cancers des Bouches-du-Rhône.", "in_progress", 48),
            ("Marseille : développer l'offre de médiation en santé.", "realised", 54),
            ("Marseille : créer un projet de médiation en santé scolaire.", "in_progress", 60),
            ("Aix-en-Provence : évaluer et accompagner le fonctionnement du centre de soins non programmés en "
             "lien avec les services d'urgence du centre hospitalier", "realised", 66),
        )},
    ],
}

# The dates that name a day: (text, date, weekday, line). Months, years and seasons are in the
# output too; their periods show in the as-of of the figures above.
SEED_DAYS = {
    HA: [("Lundi 3 octobre 2022", "2022-10-03", "lundi", 13), ("4 novembre", "2022-11-04", None, 15),
         ("8 novembre 2023", "2023-11-08", None, 21), ("14 novembre", "2023-11-14", None, 78)],
    BDR: [("Lundi 3 octobre 2022", "2022-10-03", "lundi", 13), ("4 novembre", "2022-11-04", None, 15),
          ("3 janvier 2023", "2023-01-03", None, 68), ("14 novembre", "2023-11-14", None, 82)],
}


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict]:
    return facts_json(HA, BDR)


# -- the seeds -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [HA, BDR])
def test_seed_dossier(seeds, path):
    dossier = seeds[path]
    assert dossier["path"] == path
    assert dossier["region"] == PACA
    assert dossier["department"] == {HA: "Hautes-Alpes", BDR: "Bouches-du-Rhône"}[path]
    assert dossier["campaign"] == "1 an après 2023"
    assert dossier["published"] is None


@pytest.mark.parametrize("path", [HA, BDR])
def test_seed_figures_are_exactly_these(seeds, path):
    assert [f["name"] for f in seeds[path]["figures"]] == [f["name"] for f in SEED_FIGURES[path]]


@pytest.mark.parametrize(
    ("path", "expected"),
    [(path, f) for path, figures in SEED_FIGURES.items() for f in figures],
    ids=[f"{Path(path).stem}:{f['name']}" for path, figures in SEED_FIGURES.items() for f in figures],
)
def test_seed_figure(seeds, path, expected):
    found = [f for f in seeds[path]["figures"] if f["name"] == expected["name"]]
    assert found == [expected]


@pytest.mark.parametrize(
    ("path", "expected"),
    [(path, f) for path, figures in SEED_FIGURES.items() for f in figures],
    ids=[f"{Path(path).stem}:{f['name']}" for path, figures in SEED_FIGURES.items() for f in figures],
)
def test_seed_figure_position_is_where_the_raw_file_says(path, expected):
    line = raw_lines(path)[expected["line"] - 1]
    assert line[expected["column"] - 1:].startswith(expected["text"])


def test_the_two_reference_positions():
    assert raw_lines(HA)[20][92:].startswith("14 projets réalisés")
    assert raw_lines(BDR)[20][84:].startswith("11 projets réalisés")


@pytest.mark.parametrize("path", [HA, BDR])
def test_seed_lists(seeds, path):
    assert seeds[path]["lists"] == SEED_LISTS[path]


def test_seed_project_statuses(seeds):
    def statuses(path):
        return [e["status"] for e in seeds[path]["lists"][1]["entries"]]

    assert statuses(BDR) == ["realised", "realised", "in_progress", "realised", "in_progress", "realised"]
    assert statuses(BDR).count("realised") == 4 and statuses(BDR).count("in_progress") == 2
    assert statuses(HA) == ["in_progress"] * 4


@pytest.mark.parametrize("path", [HA, BDR])
def test_seed_entry_lines_hold_their_titles(path):
    lines = raw_lines(path)
    for lst in SEED_LISTS[path]:
        for entry in lst["entries"]:
            assert entry["title"][:20] in lines[entry["line"] - 1]


@pytest.mark.parametrize("path", [HA, BDR])
def test_seed_days(seeds, path):
    days = [(d["text"], d["date"], d["weekday"], d["line"]) for d in seeds[path]["dates"] if d["date"]]
    assert days == SEED_DAYS[path]
    for text, _, _, line in days:
        assert text in raw_lines(path)[line - 1]


@pytest.mark.parametrize("path", [HA, BDR])
def test_seed_periods_named_in_figures_are_in_the_dates(seeds, path):
    texts = [d["text"] for d in seeds[path]["dates"]]
    assert {HA: "8 novembre 2023", BDR: "l'année 2023"}[path] in texts
    assert "premier trimestre 2024" in texts
    assert all(d["date"] is None and d["weekday"] is None for d in seeds[path]["dates"] if "2024" == d["text"])


def test_table_format_shows_names_values_and_places(run_cli):
    result = run_cli("facts", HA, BDR)
    assert result.exit_code == 0
    out = result.stdout
    assert out.index(HA) < out.index(BDR)
    assert "region: Provence-Alpes-Côte d'Azur · department: Hautes-Alpes · campaign: 1 an après 2023" in out
    for figure_name in ("region.participants", "region.meetings", "region.projects.emerged", "region.projects.realised",
                        "region.projects.in_progress", "region.budget", "department.meetings", "region.departments"):
        assert figure_name in out
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith(("region.", "department."))}
    assert "[665, 700]" in rows["region.participants"]
    assert "[2 900 000, 3 000 000)" in rows["region.budget"]
    assert re.search(r"\b14\b.*\b21:93\b.*14 projets réalisés", out)
    assert re.search(r"\b11\b.*\b21:85\b.*11 projets réalisés", out)
    assert "department.projects: 6 stated at line 34, 6 listed" in out
    assert "department.projects: 4 stated at line 36, 4 listed" in out
    assert "department.challenges: 4 stated at line 29, 4 listed" in out
    assert re.search(r"13\s+Lundi 3 octobre 2022\s+2022-10-03\s+lundi", out)


# -- the format fixtures ---------------------------------------------------------------------------

# (name, low, high, bounds, qualifier, as_of, line, column, text): scope and department follow the name.
FORMAT_FIGURES = {
    "utf8-bom.md": [
        ("region.meetings", 25, 25, "[]", None, None, 1, 1, "25 réunions de concertation"),
        ("region.projects.emerged", 41, 41, "[]", None, None, 1, 85, "41 projets ont émergé"),
        ("department.meetings", 3, 3, "[]", None, None, 9, 14, "3 réunions se sont tenues"),
    ],
    "cp1252-crlf.txt": [
        ("region.participants", 665, 700, "[]", "près de", None, 10, 29, "près de 700 participants"),
        ("region.meetings", 25, 25, "[]", None, None, 10, 56, "25 réunions de concertation"),
        ("department.meetings", 4, 4, "[]", None, None, 14, 19, "4 réunions se sont tenues"),
    ],
    "lone-cr.md": [
        ("region.projects.realised", 14, 14, "[]", None, NOV_8_2023, 5, 51, "14 projets réalisés"),
        ("region.projects.in_progress", 27, 27, "[]", None, NOV_8_2023, 5, 74, "27 projets en cours"),
        ("department.meetings", 5, 5, "[]", None, None, 9, 27, "5 réunions se sont tenues"),
    ],
    "pdftotext.txt": [
        # line 12 has a double space before the figure; line 16 starts with a form feed (column 1)
        ("region.participants", 665, 700, "[]", "près de", None, 12, 68, "près de 700 participants"),
        ("region.projects.emerged", 41, 41, "[]", None, None, 16, 2, "41 projets ont émergé"),
        # "réa-" / "lisés" joined back; the figure starts where "14" is
        ("region.projects.realised", 14, 14, "[]", None, NOV_8_2023, 16, 89, "14 projets réalisés"),
        ("region.projects.in_progress", 27, 27, "[]", None, NOV_8_2023, 17, 10, "27 projets en cours"),
        ("region.budget", 2_900_000, 3_000_000, "[)", "plus de", YEAR_2023, 18, 13, "Plus de 2,9 millions d'euros"),
        # "se sont" ends page 2, "tenues" starts page 3, the footer and page number between them
        ("department.meetings", 3, 3, "[]", None, None, 22, 35, "3 réunions se sont tenues"),
    ],
    "front-matter.md": [
        ("region.projects.realised", 24, 24, "[]", None, ("2024-10-31", "2024-10-31"), 11, 43, "24 projets réalisés"),
        ("region.projects.in_progress", 17, 17, "[]", None, ("2024-10-31", "2024-10-31"), 11, 66, "17 projets en cours"),
        ("department.meetings", 6, 6, "[]", None, ("2024-01-01", "2024-12-31"), 15, 19, "6 réunions se sont tenues"),
    ],
    "status-suffix.txt": [
        ("region.meetings", 32, 32, "[]", None, None, 9, 22, "32 réunions de concertation"),
        ("region.projects.emerged", 57, 57, "[]", None, None, 9, 68, "57 projets ont émergé"),
        ("department.meetings", 7, 7, "[]", None, None, 13, 17, "7 réunions se sont tenues"),
        ("region.departments", 13, 13, "[]", None, None, 23, 35, "treize départements"),
    ],
    "bold-titles.md": [
        ("region.meetings", 32, 32, "[]", None, None, 5, 22, "32 réunions de concertation"),
        ("region.projects.emerged", 57, 57, "[]", None, None, 5, 68, "57 projets ont émergé"),
        ("department.meetings", 4, 4, "[]", None, None, 9, 15, "4 réunions se sont tenues"),
    ],
}

FORMAT_DOSSIERS = {  # region, department, campaign, published
    "utf8-bom.md": (PACA, "Var", "1 an après 2023", None),
    "cp1252-crlf.txt": (PACA, "Vaucluse", "1 an après 2023", None),
    "lone-cr.md": (PACA, "Alpes-Maritimes", "1 an après 2023", None),
    "pdftotext.txt": (PACA, "Alpes-de-Haute-Provence", "1 an après 2023", None),
    # the title says "dans le Var : 1 an après"; the front matter wins
    "front-matter.md": (PACA, "Vaucluse", "2 ans après 2024", "2024-11-20"),
    "status-suffix.txt": ("Occitanie", "Hérault", "1 an après 2023", None),
    "bold-titles.md": ("Occitanie", "Gard", "1 an après 2023", None),
}

FORMAT_LISTS = {  # name, stated, line, [(title, status, line)]
    "utf8-bom.md": [("department.projects", 2, 9, [
        ("Toulon : ouvrir un centre de soins non programmés.", "realised", 11),
        ("Draguignan : former des ambassadeurs de la prévention.", "in_progress", 17)])],
    "cp1252-crlf.txt": [("department.projects", 2, 14, [
        ("Avignon : créer une équipe mobile de médiation en santé.", "realised", 16),
        ("Carpentras : développer la télé-expertise — une œuvre commune des soignants.", "in_progress", 22)])],
    "lone-cr.md": [("department.challenges", 4, 9, [
        ("l'accès à un médecin traitant ;", None, 11), ("l'accès à une réponse d'urgence ;", None, 12),
        ("l'attractivité des métiers de la santé ;", None, 13), ("la prévention au quotidien.", None, 14)])],
    "pdftotext.txt": [
        ("department.challenges", 4, 26, [
            ("l'accès à un médecin traitant ;", None, 27), ("l'accès à une réponse d'urgence ;", None, 28),
            ("l'attractivité des métiers de la santé ;", None, 29), ("la prévention au quotidien.", None, 30)]),
        ("department.projects", 2, 32, [
            ("Digne-les-Bains : ouvrir un centre de soins non programmés.", "realised", 34),
            ("Manosque : déployer un bus de prévention itinérant.", "in_progress", 38)]),
    ],
    "front-matter.md": [],
    "status-suffix.txt": [("department.projects", 3, 13, [
        ("Montpellier : ouvrir une maison de santé universitaire", "realised", 15),
        ("Béziers : recruter des assistants médicaux", "in_progress", 17),
        ("Sète : organiser un dépistage itinérant du diabète", "in_progress", 19)])],
    "bold-titles.md": [("department.projects", 2, 9, [
        ("Nîmes : créer un centre de santé pluriprofessionnel.", "realised", 11),
        ("Alès : déployer la téléconsultation en pharmacie.", "in_progress", 17)])],
}

# Figures the page layout cut: each piece of the text at its own (line, column).
SPLIT_FIGURES = {
    ("pdftotext.txt", 16): [(16, 89, "14 projets réa-"), (17, 1, "lisés")],
    ("pdftotext.txt", 22): [(22, 35, "3 réunions se sont"), (26, 2, "tenues")],  # 26: after "\f"
}


def _format_path(name: str) -> str:
    return f"{FORMATS}/{name}"


@pytest.fixture(scope="module")
def formats() -> dict[str, dict]:
    return facts_json(*(_format_path(name) for name in FORMAT_FIGURES))


def _figure_of(row: tuple, department: str) -> dict:
    name, low, high, bounds, qualifier, as_of, line, column, text = row
    scope = "department" if name.startswith("department.") else "region"
    unit = {"region.participants": "participants", "region.meetings": "meetings", "department.meetings": "meetings",
            "region.budget": "EUR", "region.departments": "departments"}.get(name, "projects")
    return figure(name, low, high, unit, line, column, text, bounds=bounds, qualifier=qualifier, as_of=as_of,
                  scope=scope, department=department if scope == "department" else None)


@pytest.mark.parametrize("name", list(FORMAT_FIGURES))
def test_format_fixture_dossier(formats, name):
    dossier = formats[_format_path(name)]
    assert (dossier["region"], dossier["department"], dossier["campaign"], dossier["published"]) == FORMAT_DOSSIERS[name]


@pytest.mark.parametrize("name", list(FORMAT_FIGURES))
def test_format_fixture_figures(formats, name):
    department = FORMAT_DOSSIERS[name][1]
    assert formats[_format_path(name)]["figures"] == [_figure_of(row, department) for row in FORMAT_FIGURES[name]]


@pytest.mark.parametrize("name", list(FORMAT_FIGURES))
def test_format_fixture_positions_are_where_the_raw_file_says(name):
    lines = raw_lines(_format_path(name))
    for row in FORMAT_FIGURES[name]:
        line, column, text = row[6:]
        for piece_line, piece_column, piece in SPLIT_FIGURES.get((name, line), [(line, column, text)]):
            assert lines[piece_line - 1][piece_column - 1:].startswith(piece), (line, column, text)


@pytest.mark.parametrize("name", list(FORMAT_FIGURES))
def test_format_fixture_lists(formats, name):
    found = [
        (lst["name"], lst["stated"], lst["line"], [(e["title"], e["status"], e["line"]) for e in lst["entries"]])
        for lst in formats[_format_path(name)]["lists"]
    ]
    assert found == FORMAT_LISTS[name]


def test_weekdays_are_read_whatever_the_encoding(formats):
    def weekdays(name):
        return [(d["text"], d["date"], d["weekday"], d["line"])
                for d in formats[_format_path(name)]["dates"] if d["weekday"]]

    assert weekdays("cp1252-crlf.txt") == [("Lundi 3 octobre 2022", "2022-10-03", "lundi", 8)]
    assert weekdays("utf8-bom.md") == [("Lundi 3 octobre 2022", "2022-10-03", "lundi", 5)]
    assert weekdays("pdftotext.txt") == [("Lundi 3 octobre 2022", "2022-10-03", "lundi", 9)]
    assert weekdays("status-suffix.txt") == [("Mercredi 15 novembre 2023", "2023-11-15", "mercredi", 7)]


def test_page_furniture_never_shows_in_the_facts(formats):
    dossier = formats[_format_path("pdftotext.txt")]
    shown = json.dumps(dossier, ensure_ascii=False)
    assert "Dossier de presse" not in shown
    assert not re.search(r"\b[123]/3\b", shown)
    assert "\f" not in shown and "\r" not in shown


def test_no_carriage_return_reaches_the_facts(formats):
    for name in ("cp1252-crlf.txt", "lone-cr.md"):
        assert "\r" not in json.dumps(formats[_format_path(name)], ensure_ascii=False)


def test_unreadable_files_are_named_on_stderr_and_the_others_still_shown(run_cli):
    paths = [_format_path(n) for n in ("binary.txt", "utf8-bom.md", "undecodable.txt", "empty.txt")]
    for output_format in ("json", "table"):
        result = run_cli("facts", "--format", output_format, *paths)
        # an unreadable file fails the command as it fails `check` (CNR001), said once, on stderr
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        errors = result.stderr.splitlines()
        assert errors == [
            f"cnr-lint: error: {FORMATS}/binary.txt: the file is binary (contains NUL bytes)",
            f"cnr-lint: error: {FORMATS}/undecodable.txt: the file is neither UTF-8 nor cp1252 (byte 0x81)",
        ]
        assert "25 réunions de concertation" in result.stdout
        assert "contains NUL bytes" not in result.stdout or output_format == "json"  # JSON's "error" field
        for path in paths if output_format == "json" else paths[1::2]:
            assert path in result.stdout
    dossiers = facts_json(*paths, exit_code=1)
    assert [d["path"] for d in dossiers.values()] == paths
    assert dossiers[paths[1]]["figures"][0]["text"] == "25 réunions de concertation"
    for path in (paths[0], paths[2], paths[3]):
        assert dossiers[path]["figures"] == [] and dossiers[path]["lists"] == [] and dossiers[path]["dates"] == []
    assert dossiers[paths[0]]["error"] == "the file is binary (contains NUL bytes)"
    assert "error" not in dossiers[paths[1]] and "error" not in dossiers[paths[3]]


def test_empty_file_has_no_figure(run_cli):
    result = run_cli("facts", _format_path("empty.txt"))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "no figure recognised" in result.stdout


def test_table_format_of_a_format_fixture(run_cli):
    result = run_cli("facts", _format_path("pdftotext.txt"))
    assert result.exit_code == 0
    out = result.stdout
    assert "department: Alpes-de-Haute-Provence" in out
    assert re.search(r"region\.projects\.realised\s+14\s.*16:89\s+14 projets réalisés", out)
    assert re.search(r"department\.meetings\s+3\s.*22:35\s+3 réunions se sont tenues", out)
    assert "department.projects: 2 stated at line 32, 2 listed" in out
