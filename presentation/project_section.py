"""One lighthouse project's Steckbrief as the reader sees it, in the UI language: the page's cards
and detail view, the atlas panel and the one-page PDF all show this section. Everything in it is
one of the project's quoted facts, or a name the dataset holds (place, clusters, themes)."""

from __future__ import annotations

from dataclasses import dataclass

from clusters import Dataset
from clusters.records.model import SIZE_FACTS, FactKind, LighthouseProject, ProjectFact

from .catalogue import t, text
from .citations import cite
from .tables import state_name
from .views import link


@dataclass(frozen=True)
class FactLine:
    kind: str
    """The fact's kind as a label: "Funding", "Start" …"""
    text: str
    year: str
    """The page's year, or "undated"."""
    quote: str
    citation: str
    """Publisher: title, year (a page) or the source document and section."""
    url: str | None


@dataclass(frozen=True)
class ProjectSection:
    title: str
    place: str
    owners: str
    """The clusters or initiative it belongs to."""
    lead: str | None
    since: str | None
    until: str | None
    status: str | None
    size: str | None
    """One size fact for the card: funding, staff, partners or size, with its year."""
    themes: str
    summary: str
    facts: tuple[FactLine, ...]
    offers: tuple[str, ...]
    """What an outside partner can do, and the points of contact the pages state."""
    website: str | None
    sources: tuple[str, ...]
    link: str


def _year(fact: ProjectFact, lang: str) -> str:
    return str(fact.year) if fact.year is not None else t("cite.undated", lang)


def fact_citation(fact: ProjectFact, data: Dataset, lang: str) -> str:
    if fact.page is not None:
        who = ": ".join(part for part in (fact.page.publisher, fact.page.title) if part)
        return f"{who or fact.page.url}, {_year(fact, lang)}"
    return cite(fact.source, data, lang)


def _first_text(
    project: LighthouseProject, kinds: tuple[FactKind, ...], lang: str, with_year: bool = False
) -> str | None:
    for fact in project.facts_of(*kinds):
        shown = text(fact.text, lang)
        return f"{shown} ({_year(fact, lang)})" if with_year else shown
    return None


def owners_text(project: LighthouseProject, data: Dataset) -> str:
    names = [data.clusters[c].name for c in project.clusters if c in data.clusters]
    if project.initiative and project.initiative in data.initiatives:
        names.append(data.initiatives[project.initiative].name)
    return ", ".join(names)


def project_section(project: LighthouseProject, data: Dataset, lang: str) -> ProjectSection:
    lead_actor = data.actors.get(project.lead or "")
    lead = lead_actor.name if lead_actor else _first_text(project, (FactKind.LEAD,), lang)
    lines = tuple(
        FactLine(
            kind=t(f"fact.{fact.kind.value}", lang),
            text=text(fact.text, lang),
            year=_year(fact, lang),
            quote=fact.quote,
            citation=fact_citation(fact, data, lang),
            url=fact.page.url if fact.page is not None else None,
        )
        for fact in project.facts
    )
    return ProjectSection(
        title=project.name,
        place=f"{project.place.city} · {state_name(project.place.state, lang)}",
        owners=owners_text(project, data),
        lead=lead,
        since=None if project.start_year is None else str(project.start_year),
        until=None if project.end_year is None else str(project.end_year),
        status=_first_text(project, (FactKind.STATUS,), lang, with_year=True),
        size=_first_text(project, SIZE_FACTS, lang, with_year=True),
        themes=", ".join(text(data.themes[x].label, lang) for x in data.project_themes(project)),
        summary=text(project.summary, lang),
        facts=lines,
        offers=tuple(text(f.text, lang) for f in project.facts_of(FactKind.OFFER, FactKind.CONTACT)),
        website=project.website,
        sources=tuple(dict.fromkeys(line.citation for line in lines)),
        link=link("lighthouses", lang, project=project.id),
    )
