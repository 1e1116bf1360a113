#!/usr/bin/env python3
"""Benchmark cnr-lint on synthetic corpora of N dossiers, against floors measured in the same run.

    python bench/run.py [--sizes 1000 10000] [--repeat 3] [--keep DIR] [--python PATH]

For each size it writes two corpora of N synthetic dossiers (the two shapes of fixtures/seeds:
plain text .txt and Markdown .md, alternating), in groups of six sharing a campaign and a region,
about 2 % of them with one drifted regional figure: "pooled", whose projects are written from
small pools of sentences, and "distinct", whose dossiers share only their region's stock
paragraphs. For each it measures, each as the best wall time of --repeat runs in a fresh
subprocess:

    floor         a Python process reading every dossier and running one compiled regex over it
    import floor  python -c "import click, pydantic, yaml"
    cold          cnr-lint --format json --no-cache DIR
    warm          cnr-lint --format json DIR        (cache primed, nothing changed)
    single-file   cnr-lint --format json ONE_FILE   (the rest of DIR as context, warm)

`cnr-lint` is the script installed beside the Python (as pre-commit runs it), else `python -m cnr_lint`.

and prints seconds, ratios against the floors, the targets, and the peak memory (max RSS of the
largest single process of a run: workers are separate processes and are not summed).

Standard library only. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REGIONS_FILE = ROOT / "rules" / "reference" / "regions.yaml"
GENERATOR_VERSION = 3
SEED = 20231108
DRIFT_SHARE = 0.02
GROUP_SIZE = 6
CORPORA = ("pooled", "distinct")  # see plan()

# The targets of the issue, at 10,000 dossiers (about 50 MB) on a 2-core machine.
TARGET_COLD = 4.0  # cold <= 4 x floor
TARGET_WARM = 1.0  # warm <= 1 x floor
TARGET_SINGLE = 2.5  # single-file <= 2.5 x import floor
TARGET_LINEAR = 1.1  # t(big) <= 1.1 x (big / small) x t(small): 11x for 10,000 vs 1,000
TARGET_MEMORY_MB = 400.0
TARGET_SIZE = 10_000

FLOOR_REGEX = r"\d+(?:[ ,]\d+)*\s+projets"
FLOOR_SCRIPT = r"""
import os, re, sys
pattern = re.compile(%r)
count = 0
for root, folders, files in os.walk(sys.argv[1]):
    folders[:] = [f for f in folders if not f.startswith(".")]
    for name in files:
        if name.endswith((".md", ".txt")):
            with open(os.path.join(root, name), "rb") as stream:
                count += len(pattern.findall(stream.read().decode("utf-8")))
print(count)
""" % FLOOR_REGEX
IMPORT_FLOOR_SCRIPT = "import click, pydantic, yaml"

# -- reference data --------------------------------------------------------------------------------


@dataclass
class Department:
    code: str
    name: str
    article: str

    def with_article(self) -> str:
        """ "les Hautes-Alpes", "le Var", "l'Ain", "Paris"."""
        if not self.article:
            return self.name
        return self.article + self.name if self.article.endswith("'") else f"{self.article} {self.name}"


@dataclass
class Region:
    name: str
    aliases: list[str]
    ars: str
    departments: list[Department] = field(default_factory=list)

    @property
    def short(self) -> str:
        """ "Paca", "ARA", "IDF"... as the seeds write "en région Paca"; else the name."""
        return self.aliases[0] if self.aliases and len(self.aliases[0]) <= 4 else self.name


CAPITALS = {
    "Provence-Alpes-Côte d'Azur": "Marseille", "Auvergne-Rhône-Alpes": "Lyon",
    "Bourgogne-Franche-Comté": "Dijon", "Centre-Val de Loire": "Orléans", "Grand Est": "Strasbourg",
    "Île-de-France": "Paris", "Nouvelle-Aquitaine": "Bordeaux", "Occitanie": "Montpellier",
}
NUMBER_WORDS = {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 7: "sept", 8: "huit", 9: "neuf",
                10: "dix", 11: "onze", 12: "douze", 13: "treize"}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def load_regions(path: Path = REGIONS_FILE) -> list[Region]:
    """The regions of rules/reference/regions.yaml (a regular file: read without a YAML library)."""
    regions: list[Region] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := re.match(r'\s*- name: "(.*)"\s*$', line):
            regions.append(Region(m.group(1), [], ""))
        elif m := re.match(r"\s*aliases: \[(.*)\]", line):
            regions[-1].aliases = re.findall(r'"([^"]*)"', m.group(1))
        elif m := re.match(r'\s*ars: "(.*)"', line):
            regions[-1].ars = m.group(1)
        elif m := re.match(r'\s*- \{code: "([^"]*)", name: "([^"]*)", article: "([^"]*)"[^}]*\}', line):
            regions[-1].departments.append(Department(*m.groups()))
    return regions


# -- text pools ------------------------------------------------------------------------------------

ACTIONS = [
    "renforcer la permanence des soins ambulatoires en lien avec la maison médicale de garde",
    "créer un dispositif de développement de l'attractivité des établissements",
    "développer l'offre de médiation en santé",
    "créer un projet de médiation en santé scolaire",
    "évaluer et accompagner le fonctionnement du centre de soins non programmés",
    "développer une offre de santé pluridisciplinaire itinérante",
    "expérimenter le développement d'accompagnateur santé en Maison France Service",
    "créer une « Maison » en soins non programmés dentaires",
    "déployer la télémédecine dans les établissements d'hébergement pour personnes âgées",
    "ouvrir un centre de santé de proximité",
    "structurer le parcours de soins en santé mentale des jeunes",
    "renforcer l'accès aux soins visuels en zone rurale",
    "former les aidants à la prévention des chutes",
    "mettre en place une plateforme d'orientation des patients sans médecin traitant",
    "soutenir l'installation des jeunes médecins en zone sous-dense",
    "développer les infirmiers en pratique avancée en soins primaires",
    "créer une équipe mobile de gériatrie",
    "améliorer la régulation des demandes de soins non programmés",
    "organiser le transport solidaire vers les lieux de soins",
    "promouvoir le dépistage organisé des cancers",
    "mettre en place des consultations avancées de spécialistes",
    "développer la vaccination en pharmacie et en cabinet infirmier",
    "créer un guichet unique pour l'installation des professionnels de santé",
    "accompagner les communautés professionnelles territoriales de santé",
    "renforcer la prévention en santé environnementale",
    "ouvrir une maison de santé pluriprofessionnelle universitaire",
    "étendre le dispositif de surveillance des cancers",
    "construire une réponse territoriale en odontologie avec une solution numérique",
]
PLACES = ["", "", "", "Secteur nord : ", "Secteur sud : ", "Zone rurale : ", "Quartiers prioritaires : ",
          "Bassin de vie : ", "Territoire de montagne : ", "Littoral : "]
SENTENCES = [
    "Ce projet associe les professionnels libéraux, l'hôpital de proximité et les collectivités du territoire.",
    "Une première phase d'expérimentation a été conduite avec les acteurs locaux avant une généralisation progressive.",
    "Le dispositif s'appuie sur une coordination renforcée entre la ville et l'hôpital, avec un comité de suivi trimestriel.",
    "L'objectif est de réduire les délais d'accès aux soins et d'éviter le recours aux urgences pour des motifs qui relèvent de la médecine de ville.",
    "Les usagers ont été associés à la définition des besoins lors des ateliers organisés par le conseil territorial de santé.",
    "Le financement est assuré par le fonds d'intervention régional, en complément des crédits de l'Assurance maladie.",
    "Une évaluation sera conduite à l'issue de la première année de fonctionnement afin d'ajuster l'organisation.",
    "Les horaires d'ouverture ont été élargis en soirée et le samedi matin pour répondre à la demande.",
    "Le projet mobilise une infirmière coordinatrice, un médecin référent et une secrétaire médicale à temps partiel.",
    "Plusieurs communes ont mis des locaux à disposition pour accueillir les permanences.",
    "Un partenariat a été signé avec la faculté de médecine pour accueillir des internes en stage.",
    "La démarche s'inscrit dans les priorités du projet régional de santé et du contrat local de santé.",
    "Les premiers retours des patients et des professionnels sont très positifs.",
    "Un outil numérique partagé permet de suivre les demandes et d'orienter chaque patient vers le bon professionnel.",
    "Les actions de sensibilisation sont menées dans les écoles, les entreprises et les centres sociaux.",
    "Ce réseau structurant permet à la fois de diminuer le temps d'attente, d'éviter le renoncement aux soins et de garantir une prise en charge d'urgence.",
    "Le centre est ouvert de 9h à 20h, du lundi au samedi, avec une permanence téléphonique le dimanche.",
    "Le comité de pilotage fait le point chaque trimestre sur l'avancement du projet.",
    "Le déploiement se poursuivra sur l'ensemble du département au cours de l'année prochaine.",
    "Ce bus itinérant en santé pluridisciplinaire intervient en milieu rural, au plus près des habitants.",
    "L'accompagnateur en santé facilite l'accès aux rendez-vous et aux déplacements pour les patients qui ont des difficultés pour accéder aux soins.",
    "Le projet a été validé par les partenaires institutionnels et associe l'Assurance maladie, la MSA et les collectivités.",
]
BULLETS = [
    "bénéficier d'un diagnostic avant le déplacement des patients en cabinet ;",
    "libérer du temps médical pour les consultations les plus complexes ;",
    "répondre aux demandes de soins non programmés ;",
    "orienter chaque patient vers le bon interlocuteur ;",
    "informer les familles des dispositifs existants.",
]
CHALLENGES = [
    "l'accès des citoyens à un médecin traitant ou une équipe traitante ;",
    "l'accès à une réponse d'urgence accessible ;",
    "la mobilisation des leviers locaux d'attractivité pour les métiers de la santé ;",
    "l'intégration de la prévention dans le quotidien de tous les français.",
    "la santé mentale des enfants et des adolescents ;",
    "le maintien à domicile des personnes âgées ;",
]
STATUSES = {"realised": ["PROJET RÉALISÉ", "PROJET RÉALISÉ", "RÉALISÉ"],
            "in_progress": ["EN COURS", "EN COURS", "PROJET EN COURS"]}

# The "distinct" corpus: each dossier's own part is written from these fragments, with its
# department's name and places, so that no two dossiers share a sentence of it (as dossiers
# written by different people); only the region's stock paragraphs repeat within a group.
# No fragment holds a figure word (projets, réunions, participants...): the findings stay the
# planted ones.
OPENINGS = ["Depuis {month} {year}", "Au printemps {year}", "Dès l'automne {year}", "À l'initiative des élus de {place}",
            "Avec le soutien de la préfecture", "En lien avec l'hôpital de {place}", "Sur le bassin de {place}",
            "Après un diagnostic partagé", "Pour la première fois dans {dept}", "À la demande des usagers",
            "Faute de médecins disponibles", "Au terme d'une large consultation", "Grâce à une convention signée en {year}",
            "Dans les communes autour de {place}", "À la suite du départ en retraite de {count} généralistes"]
SUBJECTS = ["la communauté professionnelle territoriale de santé", "le centre hospitalier de {place}",
            "une équipe de {count} infirmières", "la maison de santé de {place}", "le conseil départemental",
            "l'association des usagers de {place}", "un collectif de {count} pharmaciens", "la caisse primaire",
            "le groupement hospitalier de territoire", "le cabinet médical de {place}", "la mairie de {place}",
            "une sage-femme coordinatrice", "le dispositif d'appui à la coordination", "un interne en stage",
            "la plateforme territoriale d'appui"]
VERBS = ["organise", "coordonne", "prend en charge", "accompagne", "propose", "finance en partie", "anime",
         "met à disposition", "soutient", "assure", "déploie peu à peu", "expérimente", "pilote", "relaie", "prépare"]
OBJECTS = ["des consultations sans rendez-vous", "un accueil téléphonique du lundi au vendredi",
           "des permanences dans {count} communes", "le transport des patients isolés", "des ateliers de prévention",
           "un suivi des sorties d'hospitalisation", "des séances de dépistage", "la formation de {count} aidants",
           "une astreinte le samedi matin", "l'orientation vers le bon professionnel", "des visites à domicile",
           "un local rénové près de la gare de {place}", "une ligne dédiée aux soins urgents",
           "la télésurveillance des patients chroniques", "des actions auprès des collégiens"]
CLOSINGS = ["afin de réduire les délais d'attente", "pour les habitants les plus éloignés", "avec un bilan prévu en {year}",
            "au plus près des familles", "en complément de l'offre existante", "sans avance de frais",
            "selon un calendrier défini avec les partenaires", "pour désengorger les urgences de {place}",
            "avec des horaires élargis le soir", "dans le respect du parcours de soins", "jusqu'à la fin de l'année {year}",
            "sur l'ensemble du territoire de {place}", "pour une durée de {count} ans", "en lien avec les écoles",
            "dès que les locaux seront prêts"]
PLACE_ENDINGS = ["-sur-Mer", "-les-Bains", "-la-Forêt", "-le-Château", "-en-Val", "", "", "", "-Saint-Martin", "-du-Pont"]
PLACE_STEMS = ["Beaumont", "Villeneuve", "Saint-Rémy", "Montfort", "Château-Renard", "Belleville", "Fontaine",
               "Roche", "Mirande", "Clairvaux", "Valence", "Bourg", "Mont-Laurent", "Lavaur", "Sainte-Croix"]

QUOTE = ("« Le Conseil national de la refondation (CNR) est une nouvelle méthode partenariale lancée en septembre "
         "{launch} par le Président de la République pour bâtir des consensus sur une lecture commune de la situation "
         "du pays et des solutions concrètes autour de sujets essentiels pour le quotidien de nos concitoyens et "
         "l'avenir de la France ».")
LAUNCH = ("{launch_date}, le Ministre de la Santé et de la Prévention, a lancé le volet thématique « Santé » du "
          "Conseil national de la refondation pour répondre au défi de l'accès aux soins.")
REGION_LAUNCH = ("En région {region}, ce lancement s'est concrétisé dès le {first_day} novembre avec la première "
                 "concertation territoriale à {capital} réunissant élus, professionnels de santé et citoyens, en "
                 "présence du Ministre de la Santé et de la Prévention. Les préfetures, l'Assurance maladie et la MSA "
                 "ont largement contribué à la réussite de ces événements qui ont réuni près de {participants} "
                 "participants dans notre région.")
MEETINGS = "{meetings} réunions de concertation se sont ainsi tenues en région {region}."
EMERGED = "{emerged} projets ont émergé de ces débats."
BILAN_TXT = ("A {years} du lancement de la démarche, {as_of}, le premier bilan comptabilise {realised} projets "
             "réalisés dont certains s'étaleront sur plusieurs années, et {in_progress} projets en cours de "
             "déploiement. Plus de {budget} millions d'euros ont été engagés par l'{ars} en {year} pour accompagner "
             "ces projets. Le Conseil régional a salué cette démarche CNR et s'est engagé à la soutenir en proposant "
             "son appui pour déployer certains de ces projets.")
BILAN_MD = ("Plus {years_md} après le lancement du CNR, {as_of}, le premier bilan comptabilise {realised} projets "
            "réalisés dont certains s'étaleront sur plusieurs années, et {in_progress} projets en cours de "
            "déploiement. Plus de {budget} millions d'euros ont été engagés par l'{ars} en {year} pour accompagner "
            "ces projets.")
COUNCIL = ("Le Conseil régional a salué cette démarche CNR et s'est engagé à la soutenir en proposant son appui "
           "pour déployer certains de ces projets.")
DEPT_MEETINGS = ("Dans {dept}, {meetings} réunions se sont tenues pour trouver des solutions et relever de manière "
                 "urgente {challenges} grands défis identifiés :")
DEPT_PROJECTS = "Ces discussions ont permis de faire émerger {projects} projets concrets qui ont été soutenus par l'ARS en {year}."
NEXT = ("Le Conseil national de la refondation en santé va se poursuivre dans notre région. L'{ars} continuera de "
        "soutenir le déploiement des projets annoncés en première phase et organisera, dans les {departments} "
        "départements, de nouvelles réunions de concertations, avec l'appui des conseils territoriaux de santé.")
CTS_TITLE = "Qu'est-ce qu'un conseil territorial de santé ?"
CTS = ("Le conseil territorial de santé est une instance départementale de démocratie sanitaire qui associe "
       "l'ensemble des parties prenantes du secteur de la santé. Il est composé d'une cinquantaine de membres "
       "représentant les professionnels et offreurs des services de santé, les usagers, les collectivités "
       "territoriales, les représentants de l'État et des organismes de sécurité sociale ainsi que des "
       "personnalités qualifiées.")
THEMES = ("Si les quatre premiers thèmes socles qui avaient été identifiés en {launch} (cf page précédente) pourront "
          "continuer d'alimenter les débats, cette année, les réunions du CNR santé en région {short} feront un "
          "zoom particulier sur la question de la santé mentale et résonneront avec les priorités du nouveau projet "
          "régional de santé.")
CYCLE = ("Ce nouveau cycle de réunions débutera dès le {next_day} novembre dans {next_dept} et aboutira, comme "
         "l'année précédente, à une restitution au cours du premier trimestre {next_year}.")


# -- the corpus ------------------------------------------------------------------------------------


@dataclass
class Entry:
    title: str
    paragraphs: list[str]
    bullets: list[str]
    status: str  # "realised" or "in_progress"
    status_text: str


@dataclass
class Member:
    index: int  # global index of the dossier
    department: Department
    shape: str  # "txt" or "md"
    meetings: int
    challenges: list[str]
    entries: list[Entry]
    target_bytes: int
    drift: str | None = None  # None, "progress" or "meetings"
    drift_by: int = 0
    own: str = ""  # the distinct corpus: a paragraph of the dossier's own, under its part's heading


@dataclass
class Group:
    region: Region
    label_years: int  # "1 an après", "2 ans après", ...
    year: int  # the campaign's year (the as-of date's year)
    members: list[Member]
    as_of: str = ""
    launch: datetime.date = datetime.date(2022, 10, 3)
    first_day: int = 4
    participants: int = 700
    meetings: int = 25
    emerged: int = 41
    realised: int = 14
    budget: str = "2,9"
    next_day: int = 14


def group_keys(regions: list[Region]):
    """(region, years after, campaign year): distinct (campaign, region) keys, plausible ones first."""
    big = [r for r in regions if len(r.departments) >= GROUP_SIZE]
    combos = [(n, y) for n in (1, 2) for y in range(2020, 2031)]
    combos += [(n, y) for n in range(3, 6) for y in range(2020, 2031)]
    combos += [(n, y) for y in range(2031, 2100) for n in range(1, 6)]
    combos += [(n, y) for n in range(6, 40) for y in range(2020, 2100)]
    for index, (n, year) in enumerate(combos):
        for region in big:
            yield index, region, n, year


def _entry(rng: random.Random, used: set[str]) -> Entry:
    action = rng.choice([a for a in ACTIONS if a not in used] or ACTIONS)
    used.add(action)
    place = rng.choice(PLACES)
    title = (place + action if place else action[0].upper() + action[1:]) + "."
    paragraphs = [" ".join(rng.sample(SENTENCES, rng.randint(1, 3))) for _ in range(rng.choice((1, 1, 1, 2)))]
    bullets = rng.sample(BULLETS, rng.randint(2, 4)) if rng.random() < 0.2 else []
    if bullets:
        bullets = [b.rstrip(" ;.") + " ;" for b in bullets[:-1]] + [bullets[-1].rstrip(" ;.") + "."]
    status = "realised" if rng.random() < 0.35 else "in_progress"
    return Entry(title, paragraphs, bullets, status, rng.choice(STATUSES[status]))


def _places(rng: random.Random) -> list[str]:
    """A dossier's own place names ("Montfort-sur-Mer"): its sentences name them."""
    return [rng.choice(PLACE_STEMS) + rng.choice(PLACE_ENDINGS) for _ in range(4)]


def _own_sentence(rng: random.Random, department: Department, places: list[str], year: int) -> str:
    """A sentence of a dossier's own part, from the fragments above: about 50,000 combinations,
    with the dossier's places, counts and dates in them."""
    values = dict(place=rng.choice(places), dept=department.with_article(), year=rng.randint(year - 3, year),
                  month=rng.choice(MONTHS), count=rng.randint(2, 12))
    words = [rng.choice(pool).format(**values) for pool in (OPENINGS, SUBJECTS, VERBS, OBJECTS, CLOSINGS)]
    return f"{words[0]}, {' '.join(words[1:])}."


def _distinct_entry(rng: random.Random, department: Department, places: list[str], year: int) -> Entry:
    """A project of its dossier's own: a title naming one of its places, one or two paragraphs of
    its own sentences, sometimes a bullet list; statuses as in the pooled corpus."""
    action = rng.choice(ACTIONS)
    title = f"{action[0].upper()}{action[1:]} à {rng.choice(places)}."
    paragraphs = [" ".join(_own_sentence(rng, department, places, year) for _ in range(rng.randint(1, 3)))
                  for _ in range(rng.choice((1, 1, 1, 2)))]
    bullets = []
    if rng.random() < 0.2:
        bullets = [rng.choice(OBJECTS).format(place=rng.choice(places), count=rng.randint(2, 12)) + " ;"
                   for _ in range(rng.randint(1, 3))]
        bullets.append(rng.choice(CLOSINGS).format(place=rng.choice(places), year=year, count=rng.randint(2, 9)) + ".")
    status = "realised" if rng.random() < 0.35 else "in_progress"
    return Entry(title, paragraphs, bullets, status, rng.choice(STATUSES[status]))


def _entry_bytes(entry: Entry) -> int:
    return len((entry.title + "".join(entry.paragraphs) + "".join(entry.bullets) + entry.status_text).encode()) + 40


def plan(size: int, seed: int = SEED, corpus: str = "pooled") -> list[Group]:
    """Every dossier of a corpus of `size`, as data: deterministic for a seed. The "pooled"
    corpus draws the projects' sentences from small pools; the "distinct" one writes each
    dossier's own part from fragments (`_own_sentence`), so that its dossiers share only
    their region's stock paragraphs (the same figures, groups and drift)."""
    rng = random.Random(seed)
    regions = load_regions()
    groups: list[Group] = []
    index = 0
    for combo, region, n, year in group_keys(regions):
        if index >= size:
            break
        count = min(GROUP_SIZE, size - index)
        offset = (combo * 5) % len(region.departments)
        chosen = [region.departments[(offset + k) % len(region.departments)] for k in range(count)]
        members = []
        for department in chosen:
            challenge_count = rng.choice((4, 4, 4, 4, 3, 5))
            challenges = CHALLENGES[:4] if challenge_count == 4 and rng.random() < 0.7 else rng.sample(CHALLENGES, challenge_count)
            member = Member(index, department, "txt" if index % 2 == 0 else "md", rng.randint(2, 6), challenges, [],
                            int(rng.gauss(4650, 350)))
            used: set[str] = set()
            # The fixed text is about 3.3 KB; projects fill the rest, 3 to 9 of them.
            budget = member.target_bytes - 3300
            if corpus == "distinct":
                places = _places(rng)
                member.own = " ".join(_own_sentence(rng, department, places, year) for _ in range(2))
                budget -= len(member.own.encode())
            while len(member.entries) < 3 or (budget > 0 and len(member.entries) < 9):
                entry = _entry(rng, used) if corpus == "pooled" else _distinct_entry(rng, department, places, year)
                member.entries.append(entry)
                budget -= _entry_bytes(entry)
            members.append(member)
            index += 1
        group = Group(region, n, year, members)
        group.launch = datetime.date(year - n, 10, rng.randint(1, 28))
        group.first_day = rng.randint(2, 28)
        group.next_day = rng.randint(2, 28)
        group.participants = rng.randrange(300, 1600, 50)
        group.meetings = sum(m.meetings for m in members) + rng.randint(0, 10)
        group.emerged = sum(len(m.entries) for m in members) + rng.randint(0, 12)
        most_realised = max(sum(e.status == "realised" for e in m.entries) for m in members)
        group.realised = rng.randint(max(most_realised, group.emerged // 4), group.emerged * 2 // 3)
        group.budget = f"{rng.randint(1, 9)},{rng.randint(0, 9)}"
        if rng.random() < 0.25:
            group.as_of = f"sur l'année {year}"
        else:
            group.as_of = f"au {rng.randint(2, 28)} {rng.choice(MONTHS[8:])} {year}"
        groups.append(group)
    # About 2 % of the dossiers drift, at most one per group, in groups where the others agree.
    candidates = [g for g in groups if len(g.members) >= 3]
    drifted = min(len(candidates), round(size * DRIFT_SHARE))
    for group in rng.sample(candidates, drifted):
        member = rng.choice(group.members)
        in_progress = group.emerged - group.realised
        if rng.random() < 0.7 and in_progress >= 2:
            member.drift, member.drift_by = "progress", rng.randint(1, min(3, in_progress - 1))
        else:
            member.drift, member.drift_by = "meetings", rng.randint(1, 4)
    return groups


def expected_findings(groups: list[Group]) -> Counter:
    """What cnr-lint should report: CNR201 on each drifted figure of each drifted dossier, nothing else."""
    found: Counter = Counter()
    for group in groups:
        for member in group.members:
            if member.drift == "progress":
                found["CNR201"] += 2  # realised and in progress
            elif member.drift == "meetings":
                found["CNR201"] += 1
    return found


def _slug(text: str) -> str:
    table = str.maketrans("àâäéèêëîïôöûüùçÎÉÈ'’ ", "aaaeeeeiioouuucIEE---")
    return re.sub(r"[^a-z0-9-]+", "", text.translate(table).lower()).strip("-")


def file_name(member: Member) -> str:
    return f"{member.index:05d}-{_slug(member.department.name)}.{member.shape}"


def _digits(value: int) -> str:
    """French digit grouping: "1 550", "700"."""
    return f"{value:,}".replace(",", " ")


def render(group: Group, member: Member) -> str:
    region, dept = group.region, member.department
    realised, in_progress, meetings = group.realised, group.emerged - group.realised, group.meetings
    if member.drift == "progress":
        realised, in_progress = realised + member.drift_by, in_progress - member.drift_by
    elif member.drift == "meetings":
        meetings += member.drift_by
    launch = group.launch
    launch_date = f"{WEEKDAYS[launch.weekday()].capitalize()} {launch.day} {MONTHS[launch.month - 1]} {launch.year}"
    n = group.label_years
    label = f"{n} an{'s' if n > 1 else ''}"
    others = [m.department for m in group.members if m is not member] or [dept]
    values = dict(
        launch=launch.year, launch_date=launch_date, region=region.name, first_day=group.first_day,
        capital=CAPITALS.get(region.name, region.name), participants=_digits(group.participants), meetings=meetings,
        emerged=group.emerged, years=label, years_md="d'un an" if n == 1 else f"de {n} ans",
        as_of=group.as_of, realised=realised, in_progress=in_progress, budget=group.budget, ars=region.ars,
        year=group.year, departments=NUMBER_WORDS[len(region.departments)], short=region.short,
        next_day=group.next_day, next_dept=others[0].with_article(), next_year=group.year + 1,
    )
    dept_meetings = DEPT_MEETINGS.format(dept=dept.with_article(), meetings=member.meetings,
                                         challenges=NUMBER_WORDS[len(member.challenges)])
    dept_projects = DEPT_PROJECTS.format(projects=len(member.entries), year=group.year)
    challenges = [f"{k}. {c}" for k, c in enumerate(member.challenges, 1)]
    own = [member.own] if member.own else []
    # The title's line breaks, as the seeds have them.
    prefix = "dans" if dept.article else "à"
    article = dept.article
    if member.shape == "txt":
        head = f"CNR santé {prefix} {article}\n{dept.name} :\n{label} après." if article and not article.endswith("'") \
            else f"CNR santé {prefix}\n{dept.with_article()} :\n{label} après."
        parts = ["\n\nDOSSIER DE PRESSE", head + "\n\n", QUOTE.format(**values), LAUNCH.format(**values),
                 REGION_LAUNCH.format(**values), MEETINGS.format(**values), EMERGED.format(**values),
                 BILAN_TXT.format(**values) + "\n\n", f"Dans {dept.with_article()}", *own, dept_meetings,
                 "\n".join(challenges), dept_projects]
        for entry in member.entries:
            parts.append(entry.title)
            parts.extend(entry.paragraphs)
            if entry.bullets:
                parts.append("\n".join("- " + b for b in entry.bullets))
            parts.append(entry.status_text)
        parts += ["Et maintenant ?", NEXT.format(**values), CTS_TITLE, CTS, THEMES.format(**values),
                  CYCLE.format(**values), ""]
        return "\n\n".join(parts)
    head = f"**CNR santé {prefix} {article}  \n{dept.name} : {label}  \naprès.**" if article and not article.endswith("'") \
        else f"**CNR santé {prefix}  \n{dept.with_article()} : {label}  \naprès.**"
    parts = ["\n\n# DOSSIER DE PRESSE", head + "\n\n", f"*{QUOTE.format(**values)}*", f"*{LAUNCH.format(**values)}*",
             f"*{REGION_LAUNCH.format(**values)}*", f"*{MEETINGS.format(**values)}*", f"*{EMERGED.format(**values)}*",
             f"**{BILAN_MD.format(**values)}**", f"**{COUNCIL}**\n\n", f"## Dans {dept.with_article()}",
             *own, dept_meetings, "\n".join(challenges), dept_projects]
    for entry in member.entries:
        parts.append(f"### **{entry.title}**")
        parts.extend(entry.paragraphs)
        if entry.bullets:
            parts.append("\n".join("- " + b for b in entry.bullets))
        parts.append(f"**{entry.status_text}**")
    parts += ["## ***Et maintenant ?***", NEXT.format(**values), f"### ***{CTS_TITLE}***", f"*{CTS}*",
              THEMES.format(**values), CYCLE.format(**values), ""]
    return "\n\n".join(parts)


MANIFEST = ".bench-manifest.json"


def write_corpus(folder: Path, size: int, seed: int, corpus: str = "pooled") -> tuple[list[Group], dict]:
    """The corpus in `folder` (one flat folder: the corpus of a named file is its folder)."""
    groups = plan(size, seed, corpus)
    manifest = {"generator": GENERATOR_VERSION, "size": size, "seed": seed, "corpus": corpus}
    marker = folder / MANIFEST
    if marker.exists():
        try:
            previous = json.loads(marker.read_text(encoding="utf-8"))
        except ValueError:
            previous = None
        if previous and {k: previous.get(k) for k in manifest} == manifest:
            return groups, dict(previous, reused=True)  # kept from an earlier run: same files, same mtimes
        shutil.rmtree(folder)  # ours (it has our manifest), but stale
    elif folder.exists() and any(folder.iterdir()):
        sys.exit(f"bench: {folder} exists, is not empty and was not written by bench/run.py; choose another --keep")
    folder.mkdir(parents=True, exist_ok=True)
    # An empty configuration: cnr-lint's root (and so its cache and single-file corpus) is this folder,
    # whatever configuration a parent folder may hold.
    (folder / ".cnr-lint.yaml").write_text("# bench/run.py: default configuration\n", encoding="utf-8")
    total = 0
    shape_count: Counter = Counter()
    for group in groups:
        for member in group.members:
            data = render(group, member).encode("utf-8")
            (folder / file_name(member)).write_bytes(data)
            total += len(data)
            shape_count[member.shape] += 1
    drifted = [file_name(m) for g in groups for m in g.members if m.drift]
    manifest.update(bytes=total, shapes=dict(shape_count), groups=len(groups), drifted=drifted,
                    expected=dict(expected_findings(groups)))
    marker.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return groups, manifest


# -- measuring -------------------------------------------------------------------------------------


# A fresh, small process runs each measured command and reports its wall time and peak RSS.
# Measuring from this process would be wrong on Linux: a child's ru_maxrss starts from the RSS
# high-water mark of the process it was forked from (the kernel keeps it across exec), and this
# process holds the plan of 10,000 dossiers. The wrapper's own mark (about 10 MB) is the least a
# measurement can show.
WRAPPER = r"""
import json, os, subprocess, sys, time
result, stdout, stderr, cwd = sys.argv[1:5]
argv = sys.argv[5:]
with open(stdout, "wb") as out, open(stderr, "wb") as err:
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err)
    if hasattr(os, "wait4"):
        # rusage of the child and of the children it waited for (multiprocessing workers):
        # ru_maxrss is the largest single process, not a sum.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    else:
        code = process.wait()
        seconds = time.perf_counter() - start
        rss = None
with open(result, "w") as stream:
    json.dump({"seconds": seconds, "rss": rss, "code": code}, stream)
"""


@dataclass
class Run:
    seconds: float
    max_rss_mb: float | None
    returncode: int


def run_once(argv: list[str], cwd: Path, stdout: Path | None, stderr: Path) -> Run:
    """Wall time and peak RSS (MB) of one command, from a fresh wrapper process."""
    # Without PYTHONDONTWRITEBYTECODE: cnr-lint runs from its cached bytecode, as `pip install`
    # leaves it, rather than compiling its modules again in every run (an editable install would).
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHONPROFILE", "PYTHONTRACEMALLOC", "PYTHONDONTWRITEBYTECODE"))}
    env["NO_COLOR"] = "1"
    result = stderr.with_suffix(".result.json")
    wrapper = [sys.executable, "-c", WRAPPER, str(result), str(stdout or os.devnull), str(stderr), str(cwd), *argv]
    done = subprocess.run(wrapper, env=env)
    try:
        data = json.loads(result.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        sys.exit(f"bench: the measuring wrapper failed (exit {done.returncode}) for {' '.join(argv)}")
    return Run(data["seconds"], data["rss"], data["code"])


@dataclass
class Measure:
    name: str
    argv: list[str]
    ok_codes: tuple[int, ...] = (0,)
    stdout: Path | None = None
    runs: list[Run] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float | None:
        values = [r.max_rss_mb for r in self.runs if r.max_rss_mb is not None]
        return max(values) if values else None


def measure(measure_: Measure, cwd: Path, work: Path) -> Run:
    stderr = work / f"{measure_.name.replace(' ', '-')}.stderr"
    run = run_once(measure_.argv, cwd, measure_.stdout, stderr)
    if run.returncode not in measure_.ok_codes:
        sys.stderr.write(stderr.read_text(encoding="utf-8", errors="replace")[-4000:])
        sys.exit(f"bench: {measure_.name} exited {run.returncode}: {' '.join(measure_.argv)} (cwd {cwd})")
    measure_.runs.append(run)
    return run


def _json_findings(path: Path) -> list[dict]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["findings"]
    except (OSError, ValueError, KeyError) as error:
        stderr = path.with_suffix(".stderr")
        if stderr.exists():
            sys.stderr.write(stderr.read_text(encoding="utf-8", errors="replace")[-4000:])
        sys.exit(f"bench: cannot read cnr-lint's JSON output {path}: {error}")


def launcher(python: str) -> list[str]:
    """The `cnr-lint` script installed beside the Python, as pre-commit and users run it; else -m."""
    script = Path(python).parent / ("cnr-lint.exe" if os.name == "nt" else "cnr-lint")
    return [str(script)] if script.is_file() else [python, "-m", "cnr_lint"]


def bench_size(size: int, kind: str, args, work: Path) -> dict:
    corpus = work / (f"n{size}" if kind == "pooled" else f"n{size}-{kind}")
    started = time.perf_counter()
    groups, manifest = write_corpus(corpus, size, args.seed, kind)
    written = time.perf_counter() - started
    out = work / (f"out-{size}" if kind == "pooled" else f"out-{size}-{kind}")
    out.mkdir(exist_ok=True)
    py = args.python
    single = manifest["drifted"][0] if manifest["drifted"] else file_name(groups[0].members[0])
    lint = launcher(py) + ["--format", "json"] + (["--jobs", str(args.jobs)] if args.jobs else [])
    lint_codes = (0, 1)
    measures = {
        "floor": Measure("floor", [py, "-c", FLOOR_SCRIPT, str(corpus)]),
        "import floor": Measure("import floor", [py, "-c", IMPORT_FLOOR_SCRIPT]),
        "cold": Measure("cold", lint + ["--no-cache", "."], lint_codes, out / "cold.json"),
        "warm": Measure("warm", lint + ["."], lint_codes, out / "warm.json"),
        "single-file": Measure("single-file", lint + [single], lint_codes, out / "single-file.json"),
    }
    mb = manifest["bytes"] / 1e6
    print(f"\n== {size:,} dossiers, {kind} corpus: {mb:.1f} MB ({manifest['bytes'] / size / 1000:.1f} KB each), "
          f"{manifest['shapes'].get('txt', 0)} .txt + {manifest['shapes'].get('md', 0)} .md, "
          f"{manifest['groups']} groups, {len(manifest['drifted'])} drifted; in {corpus} "
          f"({'reused' if manifest.get('reused') else f'written in {written:.1f} s'}) ==", flush=True)
    # Prime the cache (cnr-lint's root is the corpus folder: its .cnr-lint.yaml).
    shutil.rmtree(corpus / ".cnr_lint_cache", ignore_errors=True)
    prime = Measure("prime", measures["warm"].argv, lint_codes, out / "prime.json")
    measure(prime, corpus, out)
    cache_files = sorted(p.name for p in (corpus / ".cnr_lint_cache").glob("*.index"))
    # Round robin, so that a burst of load from other processes spreads over every measurement.
    for repeat in range(args.repeat):
        for m in measures.values():
            measure(m, corpus, out)
        line = "  ".join(f"{m.name} {m.runs[-1].seconds:.2f}s" for m in measures.values())
        print(f"   run {repeat + 1}/{args.repeat}: {line}", flush=True)
    if sorted(p.name for p in (corpus / ".cnr_lint_cache").glob("*.index")) != cache_files:
        print("   warning: cnr-lint's cache key (its version or the rule packs' digest) changed during the runs: "
              "someone edited the package; some warm runs re-extracted everything", flush=True)
    # Are the findings the planted ones?
    expected = manifest["expected"]
    checks = []
    for name in ("cold", "warm"):
        got = Counter(f["rule"] for f in _json_findings(measures[name].stdout))
        checks.append((name, dict(got), dict(got) == expected))
    got_single = _json_findings(measures["single-file"].stdout)
    single_expected = sum(2 if m.drift == "progress" else 1 for g in groups for m in g.members
                          if m.drift and file_name(m) == single)
    single_ok = len(got_single) == single_expected and all(f["path"] == single for f in got_single)
    return {"size": size, "corpus": kind, "mb": mb, "measures": measures, "expected": expected, "checks": checks,
            "single": (single, len(got_single), single_expected, single_ok), "prime": prime}


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(result: dict) -> bool:
    m = result["measures"]
    size = result["size"]
    floor, import_floor = m["floor"].best, m["import floor"].best
    rows = [
        ("floor", m["floor"], None, None, None),
        ("import floor", m["import floor"], None, None, None),
        ("cold (--no-cache)", m["cold"], "floor", floor, TARGET_COLD),
        ("warm (cache, unchanged)", m["warm"], "floor", floor, TARGET_WARM),
        ("single-file (warm)", m["single-file"], "import floor", import_floor, TARGET_SINGLE),
    ]
    binding = size >= TARGET_SIZE
    print(f"\n{size:,} dossiers, {result['corpus']} corpus ({result['mb']:.1f} MB); best of {len(m['floor'].runs)}; "
          f"targets bind at {TARGET_SIZE:,} dossiers{'' if binding else ' (shown here for information)'}")
    header = f"{'measurement':<26}{'best s':>9}{'runs s':>22}{'max RSS MB':>12}   {'ratio':<24}{'target':>11}  verdict"
    print(header)
    print("-" * len(header))
    all_ok = True
    for label, measure_, versus, base, target in rows:
        runs = " ".join(f"{r.seconds:.2f}" for r in measure_.runs)
        rss = f"{measure_.peak_mb:.0f}" if measure_.peak_mb is not None else "n/a"
        if target is None:
            print(f"{label:<26}{measure_.best:>9.3f}{runs:>22}{rss:>12}")
            continue
        ratio = measure_.best / base
        ok = ratio <= target
        all_ok &= ok or not binding
        print(f"{label:<26}{measure_.best:>9.3f}{runs:>22}{rss:>12}   {f'{ratio:.2f} x {versus}':<24}"
              f"{f'<= {target:g} x':>11}  {_verdict(ok)}")
    peaks = [x.peak_mb for x in (m["cold"], m["warm"], m["single-file"], result["prime"]) if x.peak_mb is not None]
    if peaks:
        peak = max(peaks)
        ok = peak <= TARGET_MEMORY_MB
        all_ok &= ok or not binding
        print(f"{'peak memory (cnr-lint)':<26}{'':>9}{'':>22}{peak:>12.0f}   {'largest single process':<24}"
              f"{f'<= {TARGET_MEMORY_MB:g} MB':>11}  {_verdict(ok)}")
    for name, got, ok in result["checks"]:
        print(f"findings ({name}): {got or '{}'} ; planted {result['expected'] or '{}'} -> {'OK' if ok else 'MISMATCH'}")
        all_ok &= ok
    single, got, expected, ok = result["single"]
    print(f"findings (single-file {single}): {got} ; planted {expected} -> {'OK' if ok else 'MISMATCH'}")
    all_ok &= ok
    return all_ok


BURN = "import time\nt = time.perf_counter() + %r\nx = 0\nwhile time.perf_counter() < t:\n    x += 1\nprint(x)"


def effective_cores(seconds: float = 0.4) -> float | None:
    """How many cores this run really gets now: work done by two busy processes at once, over one's.

    On a machine shared with other jobs, a 2-core box may give cnr-lint's workers one core's worth:
    the cold time then cannot benefit from --jobs, while the floors (one process) barely notice.
    """
    script = BURN % seconds
    try:
        alone = int(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True).stdout)
        pair = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) for _ in range(2)]
        together = sum(int(p.communicate()[0]) for p in pair)
    except (OSError, ValueError):
        return None
    return together / alone if alone else None


def _revision(python: str) -> str:
    """The git commit of the cnr_lint that runs, and whether its tree has local changes."""
    where = subprocess.run([python, "-c", "import cnr_lint, os; print(os.path.dirname(cnr_lint.__file__))"],
                           capture_output=True, text=True).stdout.strip()
    try:
        head = subprocess.run(["git", "-C", where, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", where, "status", "--porcelain", "--untracked-files=no", "--", "."],
                               capture_output=True, text=True)
    except OSError:
        return ""
    if head.returncode:
        return ""
    return f", commit {head.stdout.strip()}{' + local changes' if dirty.stdout.strip() else ''}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default: 1000 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measurement; the best counts (default: 3)")
    parser.add_argument("--keep", type=Path, help="write the corpora here and keep them (reused when unchanged)")
    parser.add_argument("--python", default=sys.executable, help="the Python that runs cnr-lint (default: this one)")
    parser.add_argument("--jobs", type=int, help="pass --jobs N to cnr-lint (default: cnr-lint's own, the core count)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"generator seed (default: {SEED})")
    parser.add_argument("--corpora", nargs="+", choices=CORPORA, default=list(CORPORA),
                        help="which corpora (default: both): pooled sentences, or dossiers sharing only their "
                             "region's stock paragraphs")
    args = parser.parse_args(argv)
    if args.repeat < 1 or any(s < 1 for s in args.sizes):
        parser.error("--repeat and --sizes must be positive")
    sizes = sorted(set(args.sizes))

    # From a neutral folder, as the measurements run (a source checkout in the working folder would
    # otherwise be importable here and not there).
    version = subprocess.run([args.python, "-c", "import cnr_lint, sys; print(cnr_lint.__version__, sys.version.split()[0])"],
                             capture_output=True, text=True, cwd=tempfile.gettempdir())
    if version.returncode:
        sys.exit(f"bench: {args.python} cannot import cnr_lint:\n{version.stderr}")
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    print(f"cnr-lint {version.stdout.split()[0]} on Python {version.stdout.split()[1]} ({args.python}){_revision(args.python)}")
    print(f"os.cpu_count() = {os.cpu_count()}; usable cores = {affinity}; "
          f"load average = {' '.join(f'{x:.2f}' for x in os.getloadavg()) if hasattr(os, 'getloadavg') else 'n/a'}")
    cores = effective_cores()
    print(f"effective cores now (two busy processes vs one): {cores:.2f}" if cores else "effective cores: n/a")
    print(f"floor regex: {FLOOR_REGEX!r}; peak memory = max RSS of the largest single process of a run "
          f"(cnr-lint's workers are separate processes, not summed)")

    temporary = None
    if args.keep:
        work = args.keep.resolve()
        work.mkdir(parents=True, exist_ok=True)
    else:
        temporary = tempfile.mkdtemp(prefix="cnr-lint-bench-")
        work = Path(temporary)
    for parent in (work, *work.parents):
        if (parent / ".git").exists():
            print(f"warning: {work} is inside the git repository {parent}: a named file's corpus is the whole "
                  f"repository, not the bench folder; use a --keep outside any repository", file=sys.stderr)
            break
    results = []
    try:
        for size in sizes:
            for kind in args.corpora:
                results.append(bench_size(size, kind, args, work))
        all_ok = True
        for result in results:
            all_ok &= report(result)
        for kind in args.corpora if len(sizes) >= 2 else ():
            small, big = [r for r in results if r["corpus"] == kind and r["size"] in (sizes[0], sizes[-1])]
            scale = big["size"] / small["size"]
            target = TARGET_LINEAR * scale
            print(f"\nlinearity t({big['size']:,}) / t({small['size']:,}), {kind} corpus, {scale:g}x the dossiers "
                  f"(target <= {target:g} x, cold):")
            for name in ("floor", "import floor", "cold", "warm", "single-file"):
                ratio = big["measures"][name].best / small["measures"][name].best
                if name == "cold":
                    ok = ratio <= target
                    all_ok &= ok or big["size"] < TARGET_SIZE
                    print(f"  {name:<14}{ratio:>7.2f} x   {_verdict(ok)}")
                else:
                    print(f"  {name:<14}{ratio:>7.2f} x   (information)")
        if hasattr(os, "getloadavg"):
            print(f"\nload average at the end = {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        cores = effective_cores()
        if cores:
            print(f"effective cores at the end: {cores:.2f}")
        binding = any(r["size"] >= TARGET_SIZE for r in results)
        verdict = "PASS" if all_ok else "FAIL"
        if not binding:
            verdict += f" (findings only: no size of {TARGET_SIZE:,} or more, so no target was checked)"
        print(f"\noverall: {verdict}")
        return 0 if all_ok else 1
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
        else:
            print(f"corpora kept in {work}")


if __name__ == "__main__":
    sys.exit(main())
