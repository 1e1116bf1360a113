"""Statuses read by their meaning: a short phrase is a status when its words all belong to the
profile's vocabulary and carry one value; gender, number, case and accents are folded away; a
status not understood is shown by `facts --unmatched`, never a CNR104 warning, and its list
derives no realised / in-progress count."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnr_lint import engine
from cnr_lint.checks.common import derived_figures
from cnr_lint.config import Config
from cnr_lint.pack import load_packs
from cnr_lint.pipeline import Context, dossier_from_bytes
from conftest import invoke

CONTEXT = Context(load_packs(()))
VOCABULARY = CONTEXT.profile.statuses

# Masculine singular, and how French writes its feminine: the test's own grammar, not the code's.
WORDS = {
    "réalisé": ("realised", "réalisée"),
    "livré": ("realised", "livrée"),
    "terminé": ("realised", "terminée"),
    "ouvert": ("realised", "ouverte"),
    "opérationnel": ("realised", "opérationnelle"),
    "effectif": ("realised", "effective"),
    "fait": ("realised", "faite"),
    "lancé": ("in_progress", "lancée"),
    "engagé": ("in_progress", "engagée"),
    "démarré": ("in_progress", "démarrée"),
}
BEFORE = ["", "projet ", "déjà ", "c'est ", "ce qui est ", "ce qui a été ", "action "]
AFTER = ["", " et opérationnel", " depuis mars 2024", " en 2023"]


def inflected(word: str, feminine: bool, plural: bool) -> str:
    written = WORDS[word][1] if feminine else word
    return written + ("s" if plural else "")


def cased(text: str, how: str) -> str:
    if how == "upper":
        return text.upper()
    if how == "upper, no accents":  # capitals are often typed without their accents
        return text.upper().translate(str.maketrans("ÉÈÊ", "EEE"))
    return text[0].upper() + text[1:] if how == "first" else text


def value(text: str) -> str | None:
    from cnr_lint.extract import _status_value

    return _status_value(text, CONTEXT.profile)


words = st.sampled_from(sorted(WORDS))
cases = st.sampled_from(["lower", "first", "upper", "upper, no accents"])


@settings(max_examples=200, deadline=None)
@given(words, st.booleans(), st.booleans(), st.sampled_from(BEFORE), st.sampled_from(AFTER), cases,
       st.sampled_from(["", "✅ ", "→ "]))
def test_an_inflected_status_word_with_neutral_words_around_it_means_its_value(word, feminine, plural, before, after,
                                                                               case, mark):
    meaning = WORDS[word][0]
    if meaning != "realised" and "opérationnel" in after:
        after = ""  # "lancé et opérationnel" says two things
    if mark == "✅ " and meaning != "realised":
        mark = ""
    phrase = cased(before + inflected(word, feminine, plural) + after, case)
    assert value(mark + phrase) == meaning, phrase


@settings(max_examples=100, deadline=None)
@given(words, st.booleans(), st.sampled_from(["en partie", "partiellement", "bientôt", "pas encore", "à moitié"]),
       st.booleans(), cases)
def test_a_word_that_makes_it_partial_future_or_negated_leaves_no_status(word, feminine, changing, first, case):
    written = inflected(word, feminine, False)
    phrase = cased(f"{changing} {written}" if first else f"{written} {changing}", case)
    assert value(phrase) is None, phrase


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([w for w in WORDS if WORDS[w][0] == "realised"]),
       st.sampled_from(["en cours", "en chantier", "lancé", "en construction"]), st.sampled_from([" et ", " – ", ", "]))
def test_words_of_two_values_give_no_status(done, under_way, joined):
    assert value(done + joined + under_way) is None
    assert value(under_way + joined + done) is None


@pytest.mark.parametrize(("phrase", "meaning"), [
    ("Livrées", "realised"),
    ("C'est fait !", "realised"),
    ("C’est fait", "realised"),  # the typographic apostrophe
    ("mise en œuvre effective", "realised"),
    ("MIS EN SERVICE", "realised"),
    ("mise en place effective", "realised"),
    ("En fonctionnement", "realised"),
    ("pleinement opérationnelles", "realised"),
    ("Effectif depuis mars 2024", "realised"),
    ("En chantier", "in_progress"),
    ("EN COURS D'INSTRUCTION", "in_progress"),
    ("en cours de mise en œuvre", "in_progress"),  # "mise en œuvre" is what is under way, not done
    ("en phase de test", "in_progress"),
    ("Déploiement en cours", "in_progress"),
    ("toujours en préparation", "in_progress"),
    ("À l'étude", "in_progress"),
    ("bien avancé", "in_progress"),
    ("🚧", "in_progress"),
])
def test_phrases_that_are_statuses(phrase, meaning):
    assert value(phrase) == meaning


@pytest.mark.parametrize("phrase", [
    "Livré – En construction",  # two values
    "Terminé en partie",
    "Ouverture prévue en 2025",  # future
    "Pas encore démarré",
    "Première tranche livrée",  # a part of it
    "Réalisé à 80 %",
    "Phase 2 lancée",
    "Abandonné",  # no value of the vocabulary
    "En attente de financement",
    "Ouvert à tous les habitants",  # a description, not a status
    "Le centre de Brest",
    "en cours de discussion avec les élus",
    "réalisé d'ici 2025",
    "",
])
def test_phrases_that_are_not_statuses(phrase):
    assert value(phrase) is None


TITLE = "# CNR santé dans le Finistère : 1 an après\n\n## Dans le Finistère\n\n"


def dossier(text: str):
    return dossier_from_bytes(text.encode("utf-8"), "finistere.md", CONTEXT)


def findings(text: str) -> list[tuple[str, int]]:
    found = engine.check([dossier(text)], {"finistere.md"}, CONTEXT, engine.select_rules(CONTEXT, Config()))
    return sorted((f.code, f.location.span.line) for f in found if f.code != "CNR002")  # CNR002: no regional figures


def projects(text: str):
    return next(lst for lst in dossier(text).lists if lst.name == "department.projects")


THREE = TITLE + "Trois projets concrets ont vu le jour.\n\n"


def test_statuses_in_the_officers_own_words_after_a_dash_are_read():
    text = THREE + ("1. **Un centre de santé à Brest** – Livrée\n2. **Un bus de dépistage** – En chantier\n"
                    "3. **Une maison de garde à Quimper** – C'est fait\n")
    assert [e.status for e in projects(text).entries] == ["realised", "in_progress", "realised"]
    assert findings(text) == []


def test_a_status_not_understood_is_no_warning_and_no_count():
    text = THREE + ("### Un centre de santé à Brest\n\nLIVRÉ EN PARTIE\n\n"
                    "### Un bus de dépistage\n\nEN CHANTIER\n\n### Une maison de garde à Quimper\n\nRÉALISÉ\n")
    entries = projects(text).entries
    assert [(e.statuses, e.status, e.understood) for e in entries] == [
        (("LIVRÉ EN PARTIE",), None, False), (("EN CHANTIER",), "in_progress", True), (("RÉALISÉ",), "realised", True)]
    assert findings(text) == []
    # one entry of three is not understood: the list's counts would be a guess
    assert derived_figures(dossier(text), "department.projects.realised") == ()
    assert derived_figures(dossier(text), "department.projects.in_progress") == ()
    understood = text.replace("LIVRÉ EN PARTIE", "LIVRÉ")
    assert [f.low for f in derived_figures(dossier(understood), "department.projects.realised")] == [2]


def test_no_status_while_the_others_state_theirs_is_cnr104():
    text = THREE + ("### Un centre de santé à Brest\n\nLivré.\n\n"
                    "### Un bus de dépistage\n\nIl passera dans vingt communes.\n\n### Une maison de garde\n\nEN COURS\n")
    assert findings(text) == [("CNR104", 11)]


def test_two_statuses_that_disagree_are_cnr104_and_the_same_one_twice_is_not():
    two = THREE + ("### Un centre de santé à Brest\n\nLIVRÉ\n\nEN CONSTRUCTION\n\n"
                   "### Un bus de dépistage\n\nEN CHANTIER\n\n### Une maison de garde\n\nRÉALISÉ\n")
    assert findings(two) == [("CNR104", 7)]
    assert derived_figures(dossier(two), "department.projects.realised") == ()  # which is it? a guess
    same = two.replace("EN CONSTRUCTION", "✅")
    assert [e.status for e in projects(same).entries] == ["realised", "in_progress", "realised"]
    assert findings(same) == []


def test_facts_unmatched_lists_each_status_not_understood_and_the_list_left_uncounted(tmp_path, monkeypatch):
    (tmp_path / "finistere.md").write_text(
        THREE + "- Un centre de santé à Brest — Statut : abandonné\n- Un bus de dépistage — Statut : en cours\n"
        "- Une maison de garde — Statut : réalisée\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("facts", "--unmatched", "finistere.md")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "finistere.md:5:1: department.projects: realised and in-progress counts not derived, 1 of 3 statuses not "
        "understood\n"
        "finistere.md:7:3: status not understood: abandonné (Un centre de santé à Brest)\n"
    )
    result = invoke("facts", "--unmatched", "--format", "json", "finistere.md")
    assert json.loads(result.stdout)[0]["unmatched"][1] == {
        "line": 7, "column": 3, "text": "status not understood: abandonné (Un centre de santé à Brest)"}


def test_an_officer_adds_a_word_in_yaml(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("profile:\n  name: mine\n  extends: cnr-sante\n  statuses:\n    realised:\n      words: [soldé]\n"
                    "    in_progress:\n      en: [gestation]\n", encoding="utf-8")
    profile = Context(load_packs((pack,))).compiled("mine")
    assert [profile.statuses.value(p) for p in ("Soldées", "EN GESTATION", "soldé en partie")] == [
        "realised", "in_progress", None]
    assert CONTEXT.profile.statuses.value("Soldées") is None  # the built-in profile is left as it was


def test_a_pack_listing_phrases_as_before_still_loads(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("profile:\n  name: mine\n  extends: cnr-sante\n  statuses:\n    realised: [\"PROJET SOLDÉ\"]\n",
                    encoding="utf-8")
    profile = Context(load_packs((pack,))).compiled("mine")
    assert profile.statuses.value("Projet soldé") == "realised"


def test_a_title_line_ending_with_two_statuses_that_disagree_is_cnr104():
    text = THREE + ("1. **Un centre de santé à Brest** – Livré – En travaux de finition\n"
                    "2. **Un bus de dépistage** – Ouvert – En construction\n3. **Une maison de garde** – En chantier\n")
    entries = projects(text).entries
    assert [(e.title, e.statuses) for e in entries][1] == ("Un bus de dépistage", ("Ouvert", "En construction"))
    # the first ends with words not understood: one status, shown by --unmatched, no warning
    assert [(e.status, e.understood) for e in entries] == [(None, False), (None, True), ("in_progress", True)]
    assert findings(text) == [("CNR104", 8)]


def test_a_label_asked_as_a_question_under_a_heading_gives_that_heading_its_status():
    text = THREE + ("### Un centre de santé à Brest\nIl ouvre le soir et le samedi.\n**Où en est-on ?** ✅ C'est fait\n\n"
                    "### Un bus de dépistage\nIl passera dans vingt communes.\n**Où en est-on ?** 🚧 En chantier\n\n"
                    "### Une maison de garde\nStatut : livrée\n")
    assert [(e.title, e.status) for e in projects(text).entries] == [
        ("Un centre de santé à Brest", "realised"), ("Un bus de dépistage", "in_progress"),
        ("Une maison de garde", "realised")]
    assert findings(text) == []


def test_counts_of_projects_stated_with_status_words():
    text = TITLE + ("Dix projets concrets, dont 4 mis en service et 6 en préparation. Sur les 12, 3 ont démarré. "
                    "Au total, 7 projets sont effectifs. Onze projets, parmi lesquels 8 achevés.\n")
    figures = {(f.name, f.low) for f in dossier(text).figures}
    assert {("department.projects.realised", 4), ("department.projects.in_progress", 6),
            ("department.projects.in_progress", 3), ("department.projects.realised", 7),
            ("department.projects.realised", 8)} <= figures


def test_a_status_in_the_last_column_of_a_list_item_split_by_bars():
    text = THREE + ("1. Un centre de santé | Brest | **Livré**\n2. Un bus de dépistage | Morlaix | **En chantier**\n"
                    "3. Une maison de garde | Quimper\n")
    assert [(e.title, e.status) for e in projects(text).entries] == [
        ("Un centre de santé | Brest", "realised"), ("Un bus de dépistage | Morlaix", "in_progress"),
        ("Une maison de garde | Quimper", None)]
    assert findings(text) == [("CNR104", 9)]  # the third states none: Quimper is a place


def test_a_mark_in_brackets_before_a_status_in_plain_text_is_no_dot_leader():
    text = ("CNR santé dans le Finistère : 1 an après\n\nDans le Finistère\n\nTrois projets concrets ont vu le jour :\n\n"
            "1) Un centre de santé à Brest\n   Il ouvre le soir.\n   [✔] Livré\n\n"
            "2) Un bus de dépistage\n   Il passera dans vingt communes.\n   [...] En chantier\n\n"
            "3) Une maison de garde\n   [...] En cours\n")
    found = dossier_from_bytes(text.encode("utf-8"), "finistere.txt", CONTEXT)
    entries = next(lst for lst in found.lists if lst.name == "department.projects").entries
    assert [e.status for e in entries] == ["realised", "in_progress", "in_progress"]


def test_a_paragraph_before_entries_carrying_their_own_statuses_introduces_them():
    text = ("CNR santé dans le Finistère : 1 an après\n\nDans le Finistère\n\nDeux projets concrets sont suivis.\n\n"
            "L'an dernier, un seul des deux projets fonctionnait : l'autre est désormais ouvert lui aussi.\n\n"
            "a) Brest : un centre de santé.\nLIVRÉ\n\nb) Morlaix : un bus de dépistage.\nOUVERT DEPUIS MAI 2024\n")
    found = dossier_from_bytes(text.encode("utf-8"), "finistere.txt", CONTEXT)
    entries = next(lst for lst in found.lists if lst.name == "department.projects").entries
    assert [(e.title, e.status) for e in entries] == [
        ("Brest : un centre de santé.", "realised"), ("Morlaix : un bus de dépistage.", "realised")]  # "a)" is a list marker


@pytest.mark.parametrize(("phrase", "meaning"), [
    ("Mis en service en juin 2023", "realised"),
    ("Réalisé depuis le 3 mars 2024", "realised"),
    ("Livré fin 2023", "realised"),
    ("En cours depuis 2023", "in_progress"),
    ("Terminé en partie en 2023", None),  # when it was written does not undo "en partie"
    ("Livré, sauf la phase 2, en 2024", None),
])
def test_a_status_and_when(phrase, meaning):
    assert value(phrase) == meaning


def test_projects_that_emerged_named_with_qui():
    text = ("# CNR santé dans le Finistère : 1 an après\n\nAu total, ce sont cinquante projets qui ont émergé des "
            "échanges. À ce jour, vingt d'entre eux sont réalisés et vingt-huit sont en cours.\n")
    figures = {(f.name, f.low) for f in dossier(text).figures}
    assert {("region.projects.emerged", 50), ("region.projects.realised", 20), ("region.projects.in_progress", 28)} <= figures


def test_a_paragraph_titled_in_bold_may_close_on_its_status():
    text = THREE + ("**Brest : un centre de santé.** Il ouvre le soir et le samedi. Le projet est réalisé.\n\n"
                    "**Morlaix : un bus de dépistage.** Il passe dans vingt communes. Le projet reste donc en cours.\n\n"
                    "**Quimper : une maison de garde.** Les locaux sont trouvés, l'ouverture viendra plus tard.\n")
    entries = projects(text).entries
    assert [(e.title, e.status, e.understood) for e in entries] == [
        ("Brest : un centre de santé.", "realised", True), ("Morlaix : un bus de dépistage.", "in_progress", True),
        # its closing sentence is not understood: shown by --unmatched, no warning, no count
        ("Quimper : une maison de garde.", None, False)]
    assert findings(text) == []
