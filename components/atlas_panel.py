"""The atlas's result lists, legend and selection panel (Streamlit elements, no raw data HTML)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from clusters import Actor, Cluster, Dataset, LighthouseProject
from clusters.filters import COMPARE_LIMIT
from clusters.records.model import ActorStatus
from presentation.catalogue import t, text
from presentation.citations import cite
from presentation.formatters import figure_text
from presentation.project_section import project_section
from presentation.safe_text import plain
from presentation.tables import actor_table, area_labels, focus_labels, state_name, state_names
from presentation.views import link as page_link
from presentation.views import link_params

from .cluster_profile import cluster_profile
from .map_layers import ACTOR_TYPE_COLOURS, THEME_COLOURS

LIST_MAX_HEIGHT = 520


def cluster_list(
    clusters: Sequence[Cluster], data: Dataset, size_by: str, lang: str, on_pick: Callable[[str, str], None]
) -> None:
    """The clusters in text below the map: pills to select one, and a Markdown table of their seat,
    size figure and focus areas (light on the first paint, unlike the data grid)."""
    if not clusters:
        return
    # The pills show the selection the map or a link made, and only a new pick selects.
    ids = [c.id for c in clusters]
    selected = st.session_state.get("atlas_cluster")
    st.session_state.atlas_pick = selected if selected in ids else None
    st.pills(
        t("atlas.pick", lang),
        ids,
        format_func=lambda cluster_id: plain(data.clusters[cluster_id].short_name),  # labels are Markdown
        key="atlas_pick",
        on_change=lambda: on_pick("cluster", st.session_state.atlas_pick),
    )
    header = [t("col.name", lang), t("col.city", lang), t(f"col.{size_by}", lang), t("col.focus_areas", lang)]
    rows = [[c.name, c.seat.city, figure_text(c.figure(size_by), lang), focus_labels(c, data, lang)] for c in clusters]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(plain(cell, limit=None) for cell in row) + " |" for row in rows]
    with st.container(key="atlas_cluster_table"):
        st.markdown("\n".join(lines))


def list_height(rows: int) -> int:
    """Pixels for a result table beside the map: as tall as its rows, at most the map's height."""
    return min(LIST_MAX_HEIGHT, 38 + 35 * max(rows, 1))


def actors_table(actors: Sequence[Actor], data: Dataset, lang: str) -> pd.DataFrame:
    return actor_table(actors, lang, data=data)


def projects_table(projects: Sequence[LighthouseProject], data: Dataset, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col.entry", lang): [p.name for p in projects],
            t("col.themes", lang): [
                ", ".join(text(data.themes[x].label, lang) for x in data.project_themes(p)) for p in projects
            ],
            t("col.city", lang): [p.place.city for p in projects],
            t("col.lead", lang): [data.actors[p.lead].name if p.lead else "" for p in projects],
        }
    )


def _swatch(colour: str, label: str, ring: bool = False) -> str:
    fill = "transparent" if ring else colour
    return (
        f'<span style="display:inline-block;width:.8em;height:.8em;border-radius:50%;'
        f'border:2px solid {colour};background:{fill};margin:0 .3em 0 .8em"></span>{html.escape(label)}'
    )


def legend(data: Dataset, size_by: str, lang: str) -> None:
    """Size, colour and symbols explained; only catalogue texts and fixed colours reach HTML."""
    with st.expander(t("atlas.legend", lang), expanded=True):
        st.caption(t("atlas.legend_size", lang, figure=t(f"col.{size_by}", lang)))
        themes = "".join(_swatch(THEME_COLOURS[x], text(data.themes[x].label, lang)) for x in data.themes)
        st.markdown(f"{html.escape(t('atlas.legend_colour', lang))}{themes}", unsafe_allow_html=True)
        types = "".join(_swatch(colour, t(f"actor_type.{value}", lang)) for value, colour in ACTOR_TYPE_COLOURS.items())
        st.markdown(f"{html.escape(t('atlas.legend_actors', lang))}{types}", unsafe_allow_html=True)
        st.caption(t("atlas.legend_projects", lang))


def _panel_head(title: str, lang: str) -> bool:
    """The selection panel's heading with its "clear" button; True when the button was pressed."""
    head, close = st.columns([5, 1], vertical_alignment="center")
    head.header(plain(title))
    return close.button(t("atlas.close", lang), key="atlas_clear_selection")


def selected_cluster_panel(cluster: Cluster, data: Dataset, lang: str, compared: Sequence[str]) -> str | None:
    """Key figures with qualifiers and sources, focus areas, actors and projects of one cluster.
    Returns "clear" when the user clears the selection, "compare" when the cluster is added to or
    taken from the comparison, else None."""
    with st.container(border=True, key="atlas_selection"):
        cleared = _panel_head(cluster.name, lang)
        states = state_names(cluster, lang)
        st.caption(f"{plain(cluster.seat.city)} · {states}")
        is_compared = cluster.id in compared
        compare = st.button(
            t("atlas.compare_remove" if is_compared else "atlas.compare_add", lang),
            key="atlas_compare_toggle",
            icon=":material/remove:" if is_compared else ":material/add:",
            disabled=not is_compared and len(compared) >= COMPARE_LIMIT,
            help=t("atlas.compare_help", lang, n=COMPARE_LIMIT),
        )
        cluster_profile(cluster, data, lang, profile_link=True, actors=True)
        projects = data.projects_of(cluster.id)
        st.markdown(f"**{t('atlas.cluster_projects', lang, n=len(projects))}**")
        if projects:
            st.dataframe(projects_table(projects, data, lang), hide_index=True, width="stretch")
    return "clear" if cleared else "compare" if compare else None


def selected_actor_panel(actor: Actor, data: Dataset, lang: str) -> bool:
    """Who an actor is, where, how the sources link it to clusters and which regions it lies in.
    Returns True when the user clears the selection."""
    with st.container(border=True, key="atlas_selection"):
        cleared = _panel_head(actor.name, lang)
        kind = f" · {t(f'kind.{actor.kind.value}', lang)}" if actor.kind else ""
        postcode = f"{actor.postcode} " if actor.postcode else ""
        st.caption(
            f"{t(f'actor_type.{actor.type.value}', lang)}{kind} · {postcode}{plain(actor.place.city)} · "
            f"{state_name(actor.place.state, lang)}"
        )
        links = [
            f"[{plain(data.clusters[link.cluster].name)}]({page_link('profile', lang, cluster=link.cluster)})"
            f" ({t(f'relation.{link.relation.value}', lang)})"
            for link in actor.links
        ]
        st.markdown(f"**{t('atlas.actor_clusters', lang)}:** {'; '.join(links) or t('atlas.actor_no_cluster', lang)}")
        regions = data.clusters_with_actor_in_region(actor)
        if regions:
            names = ", ".join(plain(data.clusters[c].name) for c in regions)
            st.markdown(f"**{t('atlas.actor_regions', lang)}:** {names}")
        if actor.focus_areas:
            st.markdown(f"**{t('atlas.focus_areas', lang)}:** {plain(area_labels(actor.focus_areas, data, lang))}")
        if actor.website:
            st.markdown(f"**{t('atlas.website', lang)}:** {plain(actor.website)}")
        actor_provenance(actor, data, lang)
    return cleared


def actor_provenance(actor: Actor, data: Dataset, lang: str) -> None:
    """What the page naming the actor says, in its own words, with its year and address; whether the
    actor still exists; how precisely it is placed; else the source document."""
    if actor.status is ActorStatus.HISTORICAL:
        reason = t(f"status_reason.{actor.status_reason.value}", lang)
        successor = f" · {t('actor.successor', lang, name=plain(actor.successor))}" if actor.successor else ""
        st.warning(f"{t('status.historical', lang)} ({reason}){successor}")
    if actor.page is not None:
        st.markdown(f"> {plain(actor.quote, limit=None)}")
        # Parentheses would end a Markdown link early: an address from a member list is not trusted.
        url = actor.page.url.replace("(", "%28").replace(")", "%29")
        title = plain(actor.page.title or actor.page.url)
        publisher = f" — {plain(actor.page.publisher)}" if actor.page.publisher else ""
        page = f"[{title}]({url}){publisher}, {actor.as_of}"
        st.caption(t("actor.page", lang, page=page))
    else:
        st.caption(f"{t('col.source', lang)}: {plain(cite(actor.source, data, lang), limit=None)}")
    where = t(f"precision.{actor.place.precision}", lang)
    as_of = f"{t('actor.as_of', lang, year=actor.as_of)} · " if actor.as_of is not None else ""
    st.caption(as_of + where)


def selected_project_panel(project: LighthouseProject, data: Dataset, lang: str) -> bool:
    """A lighthouse project's short profile and the link to its full Steckbrief. Returns True when
    the user clears the selection."""
    section = project_section(project, data, lang)
    with st.container(border=True, key="atlas_selection"):
        cleared = _panel_head(project.name, lang)
        st.caption(f"{t('atlas.project', lang)} · {plain(section.place)} · {plain(section.themes)}")
        st.markdown(plain(section.summary, limit=None))
        if section.lead:
            st.markdown(f"**{t('fact.lead', lang)}:** {plain(section.lead, limit=300)}")
        if section.since:
            st.markdown(f"**{t('fact.start', lang)}:** {t('lh.since', lang, year=section.since)}")
        if project.clusters:
            links = ", ".join(
                f"[{plain(data.clusters[c].name)}]({page_link('profile', lang, cluster=c)})" for c in project.clusters
            )
            st.markdown(f"**{t('col.clusters', lang)}:** {links}")
        st.markdown(f"[{t('atlas.project_link', lang)}]({section.link})")
        st.caption(t("lh.count_facts", lang, n=len(section.facts)))
    return cleared


def compare_bar(compared: Sequence[str], data: Dataset, lang: str) -> bool:
    """The clusters set aside for the benchmark and the link that opens it with them; True when
    the user empties the list."""
    if not compared:
        return False
    with st.container(border=True, key="atlas_compare"):
        names = ", ".join(plain(data.clusters[c].short_name) for c in compared)
        st.markdown(f"**{t('atlas.compare_list', lang, n=len(compared), limit=COMPARE_LIMIT)}:** {names}")
        go, clear = st.columns(2)
        with go:
            st.page_link(
                "pages/benchmark.py",
                label=t("atlas.compare_go", lang, n=len(compared)),
                icon=":material/leaderboard:",
                query_params=link_params(lang, clusters=compared),
            )
        return clear.button(t("atlas.compare_clear", lang), key="atlas_compare_clear")
