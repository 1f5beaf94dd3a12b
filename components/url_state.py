"""Reading the URL the same way on every page, and telling the visitor what in it was ignored.

A parameter given twice (`?cluster=a&cluster=b`) counts with its first value everywhere, as on
the atlas. Values from the URL reach the page only through `literal()`: a link cannot put a
heading, a link or an image on the page."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from .i18n import t
from .safe_text import literal


def first_value(name: str) -> str | None:
    values = st.query_params.get_all(name)
    return values[0] if values else None


def first_values() -> dict[str, str]:
    """Every URL parameter with its first value."""
    return {name: st.query_params.get_all(name)[0] for name in st.query_params}


def unknown_notice(notices: Iterable[str], lang: str, quiet: bool = False) -> None:
    """'Ignored unknown value(s) in the link — …' with each value as plain text; `quiet` shows it
    as a caption (the booth screen) instead of an info box."""
    notices = list(notices)
    if not notices:
        return
    message = t("atlas.notice_unknown", lang, items="; ".join(literal(notice, limit=60) for notice in notices[:8]))
    (st.caption if quiet else st.info)(message)
