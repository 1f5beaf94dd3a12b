"""Write the synthetic test dataset in tests/data/synthetic/ (run from the project root:
`python -m tests.data.make_synthetic`, so that the project's packages import).

Page tests run on it so that a correction of the shipped, sourced data never breaks a UI test. Every
figure, name and date here is invented; cities and district codes are real because the loader
geocodes cities with the BKG municipality table and regions are drawn from real districts. The
focus-area and theme vocabularies are copied from clusters/data: they are the app's categories,
not data figures, and their source references are pointed at a synthetic source.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "clusters" / "data"
OUT = Path(__file__).resolve().parent / "synthetic"

SYNTHETIC = "Synthetic test source — not real data"
STRATEGY = "S01_synthetic_strategy.txt"
REPORT = "S02_synthetic_report.txt"
NEWS = "S03_synthetic_news.txt"
REGISTER = "734349_HochschulFachbereich_WS2021.xlsx"  # the loader's fixed names of the two listings
INSTITUTES = "institute-pages"
COMPANIES = "company-pages"
WEB = "web-synthetic-epsilon"


def text(en: str, de: str | None = None) -> dict:
    return {"en": en, "de": de or en}


def ref(file: str = STRATEGY, section: str = "Teil A") -> dict:
    return {"file": file, "section": section}


def fig(value, qualifier: str = "", file: str = STRATEGY, **extra) -> dict:
    # The quote says what the figure holds, in the German way the number reader expects.
    words = {">": "mehr als ", "<": "knapp ", "~": "rund "}.get(qualifier, "")
    number = str(value).replace(".", ",") if isinstance(value, float) else str(value)
    figure = {"value": value, "source": ref(file), "quote": f"synthetische Angabe {words}{number}"}
    if qualifier:
        figure["qualifier"] = qualifier
    return {**figure, **extra}


SOURCES = [
    {
        "file": STRATEGY,
        "title": f"{SYNTHETIC}: Teststrategie 2022",
        "short_title": f"{SYNTHETIC}: Teststrategie",
        "publisher": "Testverband Nord",
        "date": "2022-06-01",
        "kind": text("Cluster strategy", "Clusterstrategie"),
        "origin": "cluster",
        "takes": text("Synthetic cluster figures for tests.", "Synthetische Kennzahlen für Tests."),
    },
    {
        "file": REPORT,
        "title": f"{SYNTHETIC}: Testbericht",
        "publisher": "Testamt Süd",
        "date": "2024-03-15",
        "kind": text("Committee report", "Berichtsvorlage"),
        "origin": "government",
        "takes": text("Synthetic themes and projects for tests.", "Synthetische Themen und Projekte für Tests."),
    },
    {
        "file": NEWS,
        "title": f"{SYNTHETIC}: Testmeldung",
        "publisher": "Testportal",
        "date": "2018-11-20",
        "kind": text("News item", "Meldung"),
        "origin": "third-party",
        "takes": text("A synthetic news item.", "Eine synthetische Meldung."),
    },
    {
        "file": REGISTER,
        "title": f"{SYNTHETIC}: Testverzeichnis der Hochschulen",
        "short_title": "Testverzeichnis",
        "publisher": "Testamt für Statistik (Destatis-Attrappe)",
        "date": "2021-10-01",
        "listing": True,
        "kind": text("Official register", "Amtliches Verzeichnis"),
        "origin": "government",
        "takes": text("Synthetic register of universities.", "Synthetisches Hochschulverzeichnis."),
        "licence": "Synthetic test data",
    },
    {
        "file": INSTITUTES,
        "title": f"{SYNTHETIC}: Testliste der Institute",
        "short_title": "Testliste der Institute",
        "publisher": "Cluster-Atlas-Tests",
        "date": "2023-05-05",
        "listing": True,
        "kind": text("Compiled list", "Zusammengestellte Liste"),
        "origin": "third-party",
        "takes": text("Synthetic list of research institutes.", "Synthetische Institutsliste."),
        "licence": "Synthetic test data",
    },
    {
        "file": COMPANIES,
        "title": f"{SYNTHETIC}: Testliste der Unternehmen",
        "short_title": "Testliste der Unternehmen",
        "publisher": "Cluster-Atlas-Tests",
        "date": "2023-05-05",
        "listing": True,
        "kind": text("Compiled list", "Zusammengestellte Liste"),
        "origin": "third-party",
        "takes": text("Synthetic list of companies.", "Synthetische Unternehmensliste."),
        "licence": "Synthetic test data",
    },
    {
        "file": WEB,
        "title": f"{SYNTHETIC}: Über Epsilon",
        "publisher": "Epsilon Pharma Testforum e. V.",
        "date": "2023-01-01",
        "date_is_year": True,
        "url": "https://epsilon.example.org/ueber-uns",
        "kind": text("Web page", "Webseite"),
        "origin": "cluster",
        "takes": text(
            "A synthetic web page with a newer member count.", "Eine synthetische Webseite mit neuerer Mitgliederzahl."
        ),
    },
]

STAFF_LABEL = text("Cluster management staff (FTE)", "Personal im Clustermanagement (VZÄ)")
CLUSTERS = [
    {
        "id": "alpha-bio",
        "name": "Alpha Bio Testcluster",
        "short_name": "Alpha",
        "seat": {"city": "München", "state": "BY"},
        "states": ["BY"],
        "founded": fig(2001, note=text("Founded as a synthetic association.", "Als synthetischer Verein gegründet.")),
        "management_staff": fig(9),
        "actors": fig(300, ">", counts="members"),
        "smes": fig(120, ">", counts="members"),
        "large_companies": fig(14, counts="members"),
        "research_institutions": fig(30, "~", counts="members"),
        "kind": "biotech",
        "status": {"value": "active", "year": 2022, "source": ref(), "quote": "synthetisch: Alpha arbeitet 2022"},
        "focus": [{"area": "biotechnology", "wording": "Biotechnologie"}, {"area": "pharma", "wording": "Pharma"}],
        "region": text("Synthetic region around Munich.", "Synthetische Region um München."),
    },
    {
        "id": "beta-health",
        "name": "Beta Health Testnetz",
        "short_name": "Beta",
        "seat": {"city": "Hamburg", "state": "HH"},
        "states": ["HH", "SH"],
        "founded": fig(2010),
        "management_staff": fig(
            6.5, unit="FTE", year=2020, note=text("Full-time equivalents.", "Vollzeitäquivalente.")
        ),
        "actors": fig(180, "~", counts="members"),
        "smes": fig(90, "<", counts="members"),
        "kind": "medtech",
        "status": {"value": "active", "year": 2022, "source": ref(), "quote": "synthetisch: Beta arbeitet 2022"},
        "focus": [
            {"area": "medtech", "wording": "Medizintechnik"},
            {"area": "digital-health", "wording": "Digitale Gesundheit"},
        ],
        "region": text("Synthetic region in the north.", "Synthetische Region im Norden."),
        "context": [
            text(
                "Synthetic monitoring note: the test strategy defines indicators without values.",
                "Synthetischer Monitoring-Hinweis: die Teststrategie nennt Indikatoren ohne Werte.",
            )
        ],
        "more_figures": [
            {
                "key": "management_fte",
                "label": STAFF_LABEL,
                "value": 4,
                "unit": "FTE",
                "year": 2015,
                "source": ref(),
                "quote": "synthetisch 4",
            },
            {
                "key": "management_fte",
                "label": STAFF_LABEL,
                "value": 6.5,
                "unit": "FTE",
                "year": 2020,
                "source": ref(),
                "quote": "synthetisch 6,5",
            },
            {
                "key": "jobs",
                "label": text("Jobs", "Arbeitsplätze"),
                "value": 12000,
                "qualifier": "~",
                "unit": "jobs",
                "source": ref(),
                "quote": "rund 12.000 synthetische Arbeitsplätze",
            },
        ],
    },
    {
        "id": "gamma-med",
        "name": "Gamma MedTech Testverbund",
        "short_name": "Gamma",
        "seat": {"city": "Dresden", "state": "SN"},
        "states": ["SN"],
        "founded": fig(2008, file=NEWS),
        "management_staff": fig(4, file=NEWS),
        # Counts companies in its region, not members: compared with nothing of the others.
        "actors": fig(90, "<", file=NEWS, counts="companies_in_region"),
        "kind": "medtech",
        "focus": [{"area": "medtech", "wording": "Medizintechnik"}],
        "region": text("Synthetic region: the state of Saxony.", "Synthetische Region: der Freistaat Sachsen."),
    },
    {
        "id": "delta-life",
        "name": "Delta Life Testregion",
        "short_name": "Delta",
        "seat": {"city": "Köln", "state": "NW"},
        "states": ["NW"],
        "founded": fig(1999, event="renamed"),
        "smes": fig(40, counts="companies_in_region"),
        "kind": "life_sciences",
        "status": {
            "value": "part_of",
            "part_of": "alpha-bio",
            "source": ref(WEB, "Geschichte"),
            "quote": "synthetisch: Delta ist Teil von Alpha",
        },
        "region_figures": [
            {
                "key": "companies_state",
                "label": text("Life-science companies in the state", "Life-Science-Unternehmen im Land"),
                "value": 600,
                "qualifier": ">",
                "unit": "companies",
                "source": ref(),
                "quote": "mehr als 600 synthetische Unternehmen im Land",
            }
        ],
        "focus": [{"area": "biotechnology", "wording": "Life Sciences"}],
        "region": text(
            "Synthetic region on the Rhine; its actors are not given.",
            "Synthetische Region am Rhein; ihre Akteure sind nicht angegeben.",
        ),
    },
    {
        "id": "epsilon-pharma",
        "name": "Epsilon Pharma Testforum",
        "short_name": "Epsilon",
        "seat": {"city": "Stuttgart", "state": "BW"},
        "states": ["BW"],
        "founded": fig(2005),
        "management_staff": fig(11),
        "actors": fig(410, file=WEB, year=2023, counts="members"),
        "smes": fig(200, ">", counts="members"),
        "history": {"actors": [fig(350, "~", year=2019, counts="members")]},
        "kind": "pharma",
        "awards": [
            {
                "programme": "leading-edge-cluster",
                "year": 2012,
                "source": ref(WEB, "Geschichte"),
                "quote": "synthetischer Spitzencluster 2012",
            }
        ],
        "focus": [{"area": "pharma", "wording": "Pharma"}, {"area": "medtech", "wording": "Medizintechnik"}],
        "region": text("Synthetic region around Stuttgart.", "Synthetische Region um Stuttgart."),
    },
]

REGIONS = [
    {"cluster": "alpha-bio", "districts": ["09162", "09184", "09178"]},
    {"cluster": "beta-health", "states": ["HH", "SH"]},
    {"cluster": "gamma-med", "states": ["SN"]},
    {"cluster": "delta-life", "districts": ["05315", "05314"]},
    {"cluster": "epsilon-pharma", "districts": ["08111", "08115", "08116"]},
]

INITIATIVES = [
    {
        "id": "omega-initiative",
        "name": "Omega Testinitiative",
        "organisation": "Omega Test GmbH",
        "place": {"city": "Essen", "state": "NW"},
        "themes": ["digital-health", "medtech"],
        "description": text(
            "A synthetic regional initiative that owns projects.",
            "Eine synthetische regionale Initiative mit eigenen Projekten.",
        ),
        "more_figures": [
            {
                "key": "project_staff",
                "label": text("Project staff", "Projektpersonal"),
                "value": 1,
                "unit": "FTE",
                "year": 2024,
                "source": ref(REPORT),
                "quote": "eine synthetische Stelle",
            }
        ],
        "source": ref(REPORT),
    },
]

# Named actors: every stored relation, one actor with two relations, two hostile names.
# (id, name, type, city, state, links, initiatives, focus areas, same_as)
ACTORS = [
    (
        "alpha-management",
        "Alpha Clustermanagement GmbH",
        "network",
        "München",
        "BY",
        "alpha-bio:cluster_management",
        "",
        "biotechnology",
        "",
    ),
    ("alpha-pharma-ag", "Alphapharm Test AG", "company", "München", "BY", "alpha-bio:member", "", "pharma", ""),
    (
        "alpha-biolab",
        "Biolab Alpha GmbH",
        "company",
        "Garching b. München",
        "BY",
        "alpha-bio:member",
        "",
        "biotechnology",
        "",
    ),
    (
        "alpha-ministry",
        "Testministerium Bayern",
        "public_body",
        "München",
        "BY",
        "alpha-bio:funder;epsilon-pharma:funder",
        "",
        "",
        "",
    ),
    (
        "alpha-holding",
        "Alpha Holding Test eG",
        "company",
        "Freising",
        "BY",
        "alpha-bio:shareholder;alpha-bio:funder",
        "",
        "",
        "",
    ),
    (
        "alpha-uni",
        "Testuniversität München",
        "university",
        "München",
        "BY",
        "alpha-bio:member",
        "",
        "biotechnology",
        "test-uni-muenchen",
    ),
    (
        "beta-management",
        "Beta Netzwerkagentur GmbH",
        "network",
        "Hamburg",
        "HH",
        "beta-health:cluster_management",
        "",
        "medtech",
        "",
    ),
    ("beta-medtech", "Nordmed Test GmbH", "company", "Kiel", "SH", "beta-health:member", "", "medtech", ""),
    ("beta-clinic", "Testklinik Lübeck", "hospital", "Lübeck", "SH", "beta-health:member", "", "medtech", ""),
    (
        "beta-partner",
        "Hanse Testpartner e. V.",
        "network",
        "Hamburg",
        "HH",
        "beta-health:partner;gamma-med:partner",
        "",
        "",
        "",
    ),
    (
        "hostile-script",
        "<script>alert('x')</script> Test GmbH",
        "company",
        "Hamburg",
        "HH",
        "beta-health:member",
        "",
        "digital-health",
        "",
    ),
    (
        "gamma-management",
        "Gamma Verbund e. V.",
        "network",
        "Dresden",
        "SN",
        "gamma-med:cluster_management",
        "",
        "medtech",
        "",
    ),
    ("gamma-devices", "Elbe Testgeräte GmbH", "company", "Leipzig", "SN", "gamma-med:member", "", "medtech", ""),
    ("gamma-state", "Sächsisches Testministerium", "public_body", "Dresden", "SN", "gamma-med:funder", "", "", ""),
    (
        "hostile-markdown",
        "**Fett** [Link](javascript:alert(1)) Test AG",
        "company",
        "Chemnitz",
        "SN",
        "gamma-med:member",
        "",
        "medtech",
        "",
    ),
    (
        "delta-management",
        "Delta Testagentur GmbH",
        "network",
        "Köln",
        "NW",
        "delta-life:cluster_management",
        "",
        "biotechnology",
        "",
    ),
    ("delta-city", "Stadt Köln Testamt", "public_body", "Köln", "NW", "delta-life:shareholder", "", "", ""),
    (
        "epsilon-management",
        "Epsilon Forum GmbH",
        "network",
        "Stuttgart",
        "BW",
        "epsilon-pharma:cluster_management",
        "",
        "pharma",
        "",
    ),
    (
        "epsilon-company",
        "Neckar Testpharma GmbH",
        "company",
        "Esslingen am Neckar",
        "BW",
        "epsilon-pharma:member",
        "",
        "pharma",
        "",
    ),
    (
        "epsilon-institute",
        "Testinstitut Stuttgart",
        "research_institute",
        "Stuttgart",
        "BW",
        "epsilon-pharma:member",
        "",
        "medtech",
        "test-institut-stuttgart",
    ),
    ("omega-lead", "Omega Test GmbH", "company", "Essen", "NW", "", "omega-initiative", "digital-health", ""),
    ("omega-clinic", "Testklinikum Essen", "hospital", "Essen", "NW", "", "omega-initiative", "digital-health", ""),
]

# Listed actors (register-like): (name, type, sponsor, city, state, ags, lat, lon)
REGISTER = [
    ("Testuniversität München", "university", "public", "München", "BY", "09162000", 48.15080, 11.58040),
    (
        "Testuniversität München (Klinikum)",
        "university_hospital",
        "public",
        "München",
        "BY",
        "09162000",
        48.13640,
        11.56660,
    ),
    ("Technische Testuniversität München", "university", "public", "München", "BY", "09162000", 48.14890, 11.56790),
    (
        "Technische Testuniversität München (Klinikum)",
        "university_hospital",
        "public",
        "München",
        "BY",
        "09162000",
        48.13700,
        11.59900,
    ),
    (
        "Testhochschule München",
        "university_of_applied_sciences",
        "public",
        "München",
        "BY",
        "09162000",
        48.15400,
        11.55400,
    ),
    (
        "Private Testhochschule Garching",
        "university_of_applied_sciences",
        "private",
        "Garching b. München",
        "BY",
        "09184119",
        48.24900,
        11.65100,
    ),
    ("Testuniversität Hamburg", "university", "public", "Hamburg", "HH", "02000000", 53.56660, 9.98470),
    (
        "Testuniversität Hamburg (Klinikum)",
        "university_hospital",
        "public",
        "Hamburg",
        "HH",
        "02000000",
        53.58970,
        9.97500,
    ),
    (
        "Testhochschule Hamburg",
        "university_of_applied_sciences",
        "public",
        "Hamburg",
        "HH",
        "02000000",
        53.55700,
        10.02200,
    ),
    ("Testuniversität Kiel", "university", "public", "Kiel", "SH", "01002000", 54.34600, 10.11300),
    ("Testuniversität Kiel (Klinikum)", "university_hospital", "public", "Kiel", "SH", "01002000", 54.32700, 10.14000),
    ("Testuniversität Lübeck", "university", "public", "Lübeck", "SH", "01003000", 53.83400, 10.70400),
    (
        "Testfachhochschule Kiel",
        "university_of_applied_sciences",
        "public",
        "Kiel",
        "SH",
        "01002000",
        54.33400,
        10.18400,
    ),
    ("Technische Testuniversität Dresden", "university", "public", "Dresden", "SN", "14612000", 51.02800, 13.72600),
    (
        "Technische Testuniversität Dresden (Klinikum)",
        "university_hospital",
        "public",
        "Dresden",
        "SN",
        "14612000",
        51.05600,
        13.78000,
    ),
    ("Testuniversität Leipzig", "university", "public", "Leipzig", "SN", "14713000", 51.33900, 12.37800),
    (
        "Testhochschule Zittau",
        "university_of_applied_sciences",
        "public",
        "Zittau",
        "SN",
        "14626610",
        50.89600,
        14.80700,
    ),
    (
        "Kirchliche Testhochschule Dresden",
        "university_of_applied_sciences",
        "church",
        "Dresden",
        "SN",
        "14612000",
        51.04000,
        13.74000,
    ),
    ("Testuniversität Köln", "university", "public", "Köln", "NW", "05315000", 50.92800, 6.92900),
    ("Testuniversität Köln (Klinikum)", "university_hospital", "public", "Köln", "NW", "05315000", 50.92400, 6.91800),
    ("Testuniversität Bonn", "university", "public", "Bonn", "NW", "05314000", 50.73400, 7.10300),
    ("Testhochschule Köln", "university_of_applied_sciences", "public", "Köln", "NW", "05315000", 50.93500, 6.99100),
    ("Testuniversität Stuttgart", "university", "public", "Stuttgart", "BW", "08111000", 48.78200, 9.17300),
    (
        "Testhochschule Esslingen",
        "university_of_applied_sciences",
        "public",
        "Esslingen am Neckar",
        "BW",
        "08116019",
        48.74500,
        9.32200,
    ),
    ("Testuniversität Hohenheim", "university", "public", "Stuttgart", "BW", "08111000", 48.71200, 9.21300),
    ("Testhochschule Essen", "university_of_applied_sciences", "public", "Essen", "NW", "05113000", 51.46300, 7.00600),
]

# (id, name, city, state)
# id, name, kind, city, state, status (reason, successor), postcode and its GeoNames point, page year
COMPANY_ROWS = [
    ("test-biotech-muenchen", "Testbiotech München GmbH", "biotech", "München", "BY", None, None, 2024),
    ("test-cro-planegg", "Test-CRO Planegg", "cro_cdmo", "Planegg", "BY", None, ("82152", 48.1067, 11.4248), 2023),
    ("test-medtech-hamburg", "Testmedizintechnik Hamburg AG", "medtech", "Hamburg", "HH", None, None, 2022),
    ("test-pharma-dresden", "Testpharma Dresden", "pharma", "Dresden", "SN", None, None, 2021),
    ("test-diagnostik-koeln", "Testdiagnostik Köln", "diagnostics", "Köln", "NW", None, None, 2020),
    (
        "alte-testpharma-muenchen",
        "Alte Testpharma München AG",
        "pharma",
        "München",
        "BY",
        ("acquired", "Testbiotech München GmbH"),
        None,
        2019,
    ),
]

INSTITUTES_ROWS = [
    ("test-institut-muenchen", "Testinstitut für Biochemie München", "München", "BY"),
    ("test-institut-hamburg", "Testinstitut für Infektionen Hamburg", "Hamburg", "HH"),
    ("test-institut-dresden", "Testinstitut für Zellbiologie Dresden", "Dresden", "SN"),
    ("test-institut-koeln", "Testinstitut für Alternsforschung Köln", "Köln", "NW"),
    ("test-institut-stuttgart", "Testinstitut Stuttgart", "Stuttgart", "BW"),
]

# (id, name, lead, partners, city, state, focus areas, clusters, initiative, status, start, end)
PROJECTS = [
    (
        "alpha-biobank",
        "Alpha Testbiobank",
        "alpha-pharma-ag",
        ["alpha-biolab"],
        "München",
        "BY",
        ["biotechnology"],
        ["alpha-bio"],
        None,
        "laufend",
        "2021",
        None,
    ),
    (
        "beta-telemed",
        "Beta Telemedizin-Test",
        "beta-medtech",
        ["beta-clinic"],
        "Kiel",
        "SH",
        ["digital-health", "medtech"],
        ["beta-health"],
        None,
        None,
        "2019",
        "2023",
    ),
    (
        "beta-hygiene",
        "Beta Hygiene-Testlabor",
        "beta-clinic",
        [],
        "Lübeck",
        "SH",
        ["infection-hygiene"],
        ["beta-health"],
        None,
        None,
        None,
        None,
    ),
    (
        "gamma-implant",
        "Gamma Implantat-Test",
        "gamma-devices",
        ["beta-partner"],
        "Leipzig",
        "SN",
        ["medtech"],
        ["gamma-med", "beta-health"],
        None,
        None,
        None,
        None,
    ),
    (
        "omega-data",
        "Omega Gesundheitsdaten-Test",
        "omega-lead",
        ["omega-clinic"],
        "Essen",
        "NW",
        ["digital-health"],
        [],
        "omega-initiative",
        None,
        None,
        None,
    ),
    (
        "epsilon-pharma-lab",
        "Epsilon Pharmalabor-Test",
        "epsilon-company",
        [],
        "Esslingen am Neckar",
        "BW",
        ["pharma"],
        ["epsilon-pharma"],
        None,
        "geplant",
        None,
        None,
    ),
]


README = """# Synthetic test data — not real data

Generated by `tests/data/make_synthetic.py`; edit that script and run it again rather than these files.
Every cluster, actor, project, figure and date here is invented so that page tests (AppTest and browser)
never depend on the shipped, sourced data in `clusters/data/`: correcting a real figure must not break a
UI test. Every source title starts with "Synthetic test source — not real data".

Real are only what the loader needs to place things: city names (geocoded with the BKG municipality
table), district codes (AGS) of the regions, and the focus-area and theme vocabularies, copied from
`clusters/data/` because they are the app's categories, not data figures (their source references point
at a synthetic source here).

What it covers: five clusters with every qualifier (exact, `>`, `<`, `~`, unknown), one staff figure in
FTE, a founding year with a note, a figure given for two years, named actors with every stored relation
(one with two) and two hostile names, register-like listed actors and institutes in the regions, and six
projects across the themes.
"""


SYNTHETIC_PAGE = {
    "url": "https://example.org/synthetic-projects",
    "title": "Synthetic project page",
    "publisher": "Testverband Nord",
}


def project_facts(name: str, status: str | None, start: str | None, end: str | None) -> list[dict]:
    """Quoted facts as the shipped profiles hold them: what it is (from the synthetic report), then a
    start, an end and a status where the project has them, and a synthetic funding figure."""
    facts = [
        {
            "kind": "what",
            "text": text(f"Synthetic project {name}.", f"Synthetisches Projekt {name}."),
            "year": 2023,
            "quote": f"synthetisches Projekt {name}",
            "source": ref(REPORT, "Projekte"),
        },
        {
            "kind": "funding",
            "text": text("Funded with 1.5 million euros.", "Mit 1,5 Millionen Euro gefördert."),
            "number": 1.5,
            "unit": "m EUR",
            "year": 2023,
            "quote": "synthetische Förderung von 1,5 Millionen Euro",
            "page": SYNTHETIC_PAGE,
        },
    ]
    for kind, year in (("start", start), ("end", end)):
        if year:
            facts.append(
                {
                    "kind": kind,
                    "text": text(f"{kind.title()} {year}.", f"{'Beginn' if kind == 'start' else 'Ende'} {year}."),
                    "number": int(year),
                    "unit": "year",
                    "year": 2023,
                    "quote": f"synthetisch {kind} {year}",
                    "page": SYNTHETIC_PAGE,
                }
            )
    facts.append(
        {
            "kind": "status",
            "text": text(f"Status: {status or 'not given'}.", f"Stand: {status or 'nicht angegeben'}."),
            "quote": f"synthetischer Stand {status or '-'}",
            "page": SYNTHETIC_PAGE,
        }
    )
    return facts


def slug(name: str) -> str:
    plain = name.lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


class _Dumper(yaml.SafeDumper):
    """Digit strings with a leading 0 (district codes) are written in quotes, as the loader requires."""


_Dumper.add_representer(
    str,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style='"' if value[:1] == "0" and value.isdigit() else None
    ),
)


def dump(name: str, records: list, header: str) -> None:
    body = yaml.dump(records, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    (OUT / name).write_text(header + body, encoding="utf-8")


def write_csv(name: str, header: tuple, rows: list) -> None:
    with (OUT / name).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def vocabulary(name: str) -> list:
    records = yaml.safe_load((SHIPPED / name).read_text(encoding="utf-8"))
    for record in records:
        if "source" in record:
            record["source"] = ref(REPORT, "Themen")
    return records


def cited_files(record) -> set[str]:
    """Every source file a record cites, at any depth (figures, history, awards)."""
    if isinstance(record, dict):
        own = {record["source"]["file"]} if isinstance(record.get("source"), dict) else set()
        return own.union(*(cited_files(value) for value in record.values()))
    if isinstance(record, list):
        return set().union(*(cited_files(value) for value in record))
    return set()


INSTITUTE_PAGES = [(iid, name, None, city, state, None, None, 2023) for iid, name, city, state in INSTITUTES_ROWS]


def page_actor_row(aid, name, kind, city, state, history, postcode, year) -> dict:
    """A row of companies.csv or institutes.csv: the synthetic page that names the actor and its place."""
    reason, successor = history or ("", "")
    code, lat, lon = postcode or ("", "", "")
    return {
        "id": aid,
        "name": name,
        "type": "company" if kind else "research_institute",
        "city": city,
        "state": state,
        "ags": "",
        "lat": lat,
        "lon": lon,
        "precision": "postcode" if postcode else "",
        "kind": kind or "",
        "postcode": code,
        "status": "historical" if history else "active",
        "status_reason": reason,
        "successor": successor,
        "as_of": year,
        "url": f"https://example.org/{aid}",
        "page_title": f"{SYNTHETIC}: {name}",
        "publisher": "Cluster-Atlas-Tests",
        "quote": f"{name} hat seinen Sitz in {city} (synthetisch).",
    }


def main() -> None:
    from clusters.readers.datafiles import ACTOR_COLUMNS, PAGE_ACTOR_COLUMNS, REGISTER_COLUMNS

    OUT.mkdir(exist_ok=True)
    note = "# SYNTHETIC TEST DATA, generated by tests/data/make_synthetic.py: not real, do not cite.\n"
    dump("sources.yaml", SOURCES, note)
    dump("focus_areas.yaml", vocabulary("focus_areas.yaml"), note + "# Vocabulary copied from clusters/data.\n")
    dump("themes.yaml", vocabulary("themes.yaml"), note + "# Vocabulary copied from clusters/data.\n")
    clusters = []
    for cluster in CLUSTERS:
        files = sorted(cited_files(cluster) or {STRATEGY})
        clusters.append({**cluster, "sources": files, "focus_source": ref(files[0], "Schwerpunkte")})
    dump("clusters.yaml", clusters, note)
    dump("initiatives.yaml", INITIATIVES, note)
    regions = [
        {
            **region,
            "basis": text("Synthetic region.", "Synthetische Region."),
            "seed": {**ref(), "quote": "synthetische Regionsangabe"},
        }
        for region in REGIONS
    ]
    dump("regions.yaml", regions, note)
    projects = [
        {
            "id": pid,
            "name": name,
            "lead": lead,
            "partners": partners,
            "place": {"city": city, "state": state},
            "focus_areas": areas,
            "clusters": clusters_,
            "initiative": initiative,
            "facts": project_facts(name, status, start, end),
        }
        for pid, name, lead, partners, city, state, areas, clusters_, initiative, status, start, end in PROJECTS
    ]
    dump("lighthouses.yaml", projects, note)
    assert ACTOR_COLUMNS[:13] == (
        "id",
        "name",
        "type",
        "city",
        "state",
        "ags",
        "clusters",
        "initiatives",
        "focus_areas",
        "source",
        "section",
        "note",
        "same_as",
    )
    write_csv(
        "actors.csv",
        ACTOR_COLUMNS,
        [
            (
                aid,
                name,
                kind,
                city,
                state,
                "",
                links,
                initiatives,
                areas,
                STRATEGY,
                "Akteure",
                "Synthetic actor.",
                same_as,
            )
            for aid, name, kind, city, state, links, initiatives, areas, same_as in ACTORS
        ],
    )
    register_rows = []
    institutions: dict[str, int] = {}
    for i, (name, kind, sponsor, city, state, ags, lat, lon) in enumerate(REGISTER):
        short = name.replace("Testuniversität", "TU").replace("Testhochschule", "TH")
        rid = "test-uni-muenchen" if name == "Testuniversität München" else slug(name)
        # As in the register: a university and its hospital share the institution's first five digits.
        institution = institutions.setdefault(name.removesuffix(" (Klinikum)"), len(institutions))
        key = f"9{institution:04d}{990 if kind == 'university_hospital' else i:03d}"
        register_rows.append((rid, name, short, kind, sponsor, city, state, ags, f"{lat:.5f}", f"{lon:.5f}", key))
    write_csv("register_actors.csv", REGISTER_COLUMNS, register_rows)
    for name, rows in (("institutes.csv", INSTITUTE_PAGES), ("companies.csv", COMPANY_ROWS)):
        records = [page_actor_row(*row) for row in rows]
        write_csv(name, PAGE_ACTOR_COLUMNS, [[record[column] for column in PAGE_ACTOR_COLUMNS] for record in records])
    (OUT / "README.md").write_text(README, encoding="utf-8")


if __name__ == "__main__":
    main()
