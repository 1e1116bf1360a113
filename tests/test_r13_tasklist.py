"""Task lists (round 13). Projects written as Markdown task-list items ("- [x] Town — project :
what was done", "- [ ] Town — project : where it stands"), or as Word and PDF print such lists
("☑", "☒", "☐", "[x]" as text): the box is a status mark of its own, ticked realised, empty in
progress (the profile's marks say so), beside the status the words after it may state; a
ticked box whose words say "in progress" is an entry with two statuses that disagree (CNR104).
And a summary table's last row naming the region of the departments above it is its total
(CNR108)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cnr_lint import engine
from cnr_lint.config import Config
from cnr_lint.pipeline import dossier_from_bytes
from test_other_hands import CONTEXT

HEAD = (
    "# CNR santé dans la Manche : 2 ans après\n\n*Dossier de presse — ARS Normandie — mardi 26 novembre 2024*\n\n"
    "## La Manche\n\nDans la Manche, 6 réunions ont rassemblé 150 participants.\n\n"
)


def dossier(text: str, name: str = "manche-2024.md"):
    return dossier_from_bytes(text.encode(), name, CONTEXT)


def projects(text: str, name: str = "manche-2024.md"):
    read = dossier(text, name)
    return next(entries for entries in read.lists if entries.name == "department.projects")


def codes(text: str, name: str = "manche-2024.md") -> list[tuple[str, int]]:
    read = dossier(text, name)
    selection = engine.select_rules(CONTEXT, Config())
    return sorted((f.code, f.location.span.line) for f in engine.check([read], {name}, CONTEXT, selection))


TASKS = HEAD + (
    "Ces échanges ont fait émerger **4 projets concrets** : 2 sont réalisés et 2 en cours.\n\n"
    "- [x] Cherbourg — centre de soins non programmés : accueille ses patients depuis mars\n"
    "- [X] Granville — bus dentaire : réalisé\n"
    "- [ ] Coutances — équipe mobile de psychiatrie : recrutements lancés au printemps, à confirmer\n"
    "- [ ] Avranches — maison de santé : en cours\n"
)


def test_the_box_of_a_task_list_item_is_its_status() -> None:
    listed = projects(TASKS)
    assert [entry.status for entry in listed.entries] == ["realised", "realised", "in_progress", "in_progress"]
    assert listed.entries[1].title == "Granville — bus dentaire"  # the box and the status are no part of the title
    assert codes(TASKS) == []


def test_star_bullets_and_numbered_task_items_are_read_the_same() -> None:
    for marker in ("*", "1."):
        text = TASKS.replace("- [", marker + " [")
        assert [entry.status for entry in projects(text).entries] == ["realised", "realised", "in_progress", "in_progress"]


def test_a_ticked_box_whose_words_say_in_progress_has_two_statuses() -> None:
    text = TASKS.replace("[X] Granville — bus dentaire : réalisé", "[x] Granville — bus dentaire : en cours")
    assert projects(text).entries[1].status is None
    assert ("CNR104", 12) in codes(text)


def test_an_item_without_a_box_or_status_among_boxed_items_has_none() -> None:
    text = TASKS.replace("- [ ] Avranches — maison de santé : en cours", "- Avranches — maison de santé")
    assert projects(text).entries[3].statuses == ()
    assert ("CNR104", 14) in codes(text)


def test_an_empty_box_whose_words_say_realised_has_two_statuses() -> None:
    text = TASKS.replace("[ ] Avranches — maison de santé : en cours", "[ ] Avranches — maison de santé : livrée")
    assert projects(text).entries[3].status is None


def test_a_box_status_the_vocabulary_does_not_read_is_not_understood() -> None:
    text = TASKS.replace("[ ] Avranches — maison de santé : en cours", "[ ] Avranches — maison de santé — ABANDONNÉ")
    entry = projects(text).entries[3]
    assert entry.status is None and not entry.understood  # no CNR104: `facts --unmatched` lists it
    assert codes(text) == []


def test_printed_boxes_of_an_export_are_read_as_the_markdown_boxes() -> None:
    text = (TASKS.replace("- [x] ", "☑ ").replace("- [X] ", "☒ ").replace("- [ ] ", "☐ ")).replace("\n☑", "\n\n☑")
    text = text.replace("\n☒", "\n\n☒").replace("\n☐", "\n\n☐")
    assert [entry.status for entry in projects(text, "manche-2024.txt").entries] == [
        "realised", "realised", "in_progress", "in_progress"]


def test_a_bracket_that_is_no_box_gives_no_status() -> None:
    text = TASKS.replace("[x] Cherbourg", "[1] Cherbourg").replace("[X] Granville", "[a] Granville")
    assert [entry.status for entry in projects(text).entries][:2] == [None, "realised"]


@settings(max_examples=60, deadline=None)
@given(cross=st.sampled_from(["x", "X", " "]), title=st.from_regex(r"[A-Z][a-zé]{2,12}( [a-zé]{2,10}){0,3}", fullmatch=True))
def test_any_title_after_a_box_takes_the_box_status(cross: str, title: str) -> None:
    text = HEAD + (
        "Ces échanges ont fait émerger **2 projets concrets**.\n\n"
        f"- [{cross}] {title}\n- [x] Saint-Lô — maison de santé\n"
    )
    entry = projects(text).entries[0]
    assert entry.title == title
    assert entry.statuses == ("☐",) if cross == " " else entry.statuses == ("☑",)


SUMMARY = (
    "# CNR santé en Normandie : 2 ans après\n\n*Dossier de presse — ARS Normandie — mardi 26 novembre 2024*\n\n"
    "| Département | Réunions | Participants |\n|---|---|---|\n"
    "| Calvados | 9 | 280 |\n| Manche | 7 | 204 |\n| Orne | 5 | 137 |\n| **Normandie** | **21** | **612** |\n"
)


def test_a_last_row_naming_the_region_of_the_rows_is_the_tables_total() -> None:
    assert codes(SUMMARY, "normandie-2024.md") == [("CNR108", 10)]  # 280 + 204 + 137 = 621
    assert codes(SUMMARY.replace("612", "621"), "normandie-2024.md") == []


def test_a_row_naming_another_region_is_no_total() -> None:
    assert codes(SUMMARY.replace("**Normandie**", "**Bretagne**"), "normandie-2024.md") == []


def test_a_task_list_in_plain_text_is_read_as_in_markdown() -> None:
    text = TASKS.replace("# ", "").replace("## ", "").replace("**", "")
    assert [entry.status for entry in projects(text, "manche-2024.txt").entries] == [
        "realised", "realised", "in_progress", "in_progress"]
