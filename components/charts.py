"""Altair charts for the benchmark (Altair ships with Streamlit and needs no network).

Each builder takes a tidy DataFrame and returns a chart; bounds are drawn as bounds: a lower
bound (`>`) is a pale bar with an arrow at its end, an upper bound (`<`) a pale bar with an
arrow pointing back, never a solid bar as if exact.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from presentation.catalogue import t

BOUND_MARKS = {">": "▶", "<": "◀", "~": "≈", "": ""}
SOURCE_LINE_CHARS = 100
SOURCE_LINES = 8


def titled(title: str, source_line: str, lang: str = "en") -> alt.Title:
    """A chart title with its sources underneath, inside the chart: a screenshot keeps them. No line
    is wider than the chart (Vega narrows the plot to fit a wide title), and a long list ends after
    `SOURCE_LINES` lines with how many sources are left out."""
    lines, line = [], ""
    parts = source_line.split("; ")
    for index, part in enumerate(parts):
        candidate = f"{line}; {part}" if line else part
        if line and len(candidate) > SOURCE_LINE_CHARS:
            lines.append(line + ";")
            candidate = part
        pieces = textwrap.wrap(candidate, SOURCE_LINE_CHARS, break_long_words=True, break_on_hyphens=False) or [""]
        lines.extend(pieces[:-1])
        line = pieces[-1]
        if len(lines) >= SOURCE_LINES:
            rest = len(parts) - index - 1
            lines = lines[:SOURCE_LINES]
            if rest:
                lines.append(t("chart.more_sources", lang, n=rest))
            return alt.Title(title, subtitle=lines, anchor="start", subtitleColor="#4a4a4a")
    lines.append(line)
    return alt.Title(title, subtitle=lines, anchor="start", subtitleColor="#4a4a4a")


def bar_chart(frame: pd.DataFrame, title: str | alt.Title, axis_title: str, lang: str) -> alt.Chart:
    """frame: name, value, qualifier, label, counts, yours. Bars of the same kind stand together,
    largest first, so that like is read beside like."""
    frame = frame.assign(mark=frame["qualifier"].map(BOUND_MARKS), exact=frame["qualifier"].isin(["", "~"]))
    frame = frame.sort_values(["counts", "value"], ascending=[True, False], kind="stable")
    base = alt.Chart(frame, title=title).encode(
        y=alt.Y("name:N", sort=list(frame["name"]), title=None),
        x=alt.X("value:Q", title=axis_title),
        tooltip=[alt.Tooltip("name:N", title=t("col.name", lang)), alt.Tooltip("label:N", title=axis_title)],
    )
    bars = base.mark_bar().encode(
        opacity=alt.condition("datum.exact", alt.value(0.9), alt.value(0.35)),
        color=alt.condition("datum.yours", alt.value("#D55E00"), alt.value("#0b6e4f")),
    )
    marks = base.mark_text(align="left", dx=4, fontSize=14).encode(text="mark:N")
    labels = base.mark_text(align="left", dx=18, color="#333").encode(text="label:N")
    return (bars + marks + labels).properties(height=alt.Step(28))


def scatter_chart(frame: pd.DataFrame, title: str | alt.Title, x_title: str, y_title: str, lang: str) -> alt.Chart:
    """frame: name, x, y, x_label, y_label, yours. Median lines split the plane into quadrants."""
    points = (
        alt.Chart(frame, title=title)
        .mark_point(size=90, filled=True)
        .encode(
            x=alt.X("x:Q", title=x_title),
            y=alt.Y("y:Q", title=y_title),
            color=alt.condition("datum.yours", alt.value("#D55E00"), alt.value("#0b6e4f")),
            tooltip=[
                alt.Tooltip("name:N", title=t("col.name", lang)),
                alt.Tooltip("x_label:N", title=x_title),
                alt.Tooltip("y_label:N", title=y_title),
            ],
        )
    )
    names = points.mark_text(align="left", dx=7, dy=-6, fontSize=11).encode(text="name:N")
    layers = [points, names]
    if len(frame):
        medians = pd.DataFrame({"x": [frame["x"].median()], "y": [frame["y"].median()]})
        # Titled like the points' axes: an untitled channel would add its column name to the axis title.
        rule = alt.Chart(medians).mark_rule(strokeDash=[4, 4], color="#888")
        layers += [rule.encode(x=alt.X("x:Q", title=x_title)), rule.encode(y=alt.Y("y:Q", title=y_title))]
    return alt.layer(*layers).properties(height=380)


def focus_matrix(frame: pd.DataFrame, title: str | alt.Title, lang: str) -> alt.Chart:
    """frame: cluster, area, shared_by (how many selected clusters have the area)."""
    return (
        alt.Chart(frame, title=title)
        .mark_rect(stroke="#fff")
        .encode(
            x=alt.X(
                "cluster:N", title=None, axis=alt.Axis(labelAngle=-40, orient="top", labelLimit=160, labelOverlap=False)
            ),
            y=alt.Y(
                "area:N",
                title=None,
                sort=alt.EncodingSortField("shared_by", order="descending"),
                axis=alt.Axis(labelLimit=260),
            ),
            color=alt.Color("shared_by:Q", title=t("chart.shared_by", lang), scale=alt.Scale(scheme="greens")),
            tooltip=[
                alt.Tooltip("cluster:N", title=t("col.name", lang)),
                alt.Tooltip("area:N", title=t("col.focus_area", lang)),
                alt.Tooltip("shared_by:Q", title=t("chart.shared_by", lang)),
            ],
        )
        .properties(height=alt.Step(22), width=alt.Step(70))
    )


def profile_chart(frame: pd.DataFrame, title: str | alt.Title, axis_title: str, lang: str) -> alt.Chart:
    """Parallel coordinates: frame: cluster, figure, share (of the largest value), label."""
    return (
        alt.Chart(frame, title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X("figure:N", title=None, sort=None, axis=alt.Axis(labelAngle=0, labelLimit=140)),
            y=alt.Y("share:Q", title=axis_title, scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("cluster:N", title=t("col.name", lang)),
            tooltip=[
                alt.Tooltip("cluster:N", title=t("col.name", lang)),
                alt.Tooltip("figure:N", title=t("col.figure", lang)),
                alt.Tooltip("label:N", title=t("col.value", lang)),
            ],
        )
        .properties(height=340)
    )
