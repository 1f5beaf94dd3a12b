"""The URL is the state of every view: the one module that reads and writes `st.query_params`.

Why not widgets bound with `bind="query-params"` (Streamlit 1.55+): a bound widget writes its
*formatted* option into the URL — the translated label ("Diagnostik" on a German page) instead of
the id (`diagnostics`) — so a link would change with the language; it writes repeated parameters
where the README documents comma lists (`?focus=a,b`); and it drops an unknown value silently,
where the visitor should be told. So pages read the URL once per session into their widgets'
keys (`seed_once`), and write the view back with `show_in_url`.

The views themselves are pure objects (`presentation.views`: `parse(params)` and `to_params()`):
a list parameter given twice counts with all its values (`?focus=a&focus=b` is `a,b`), a
single-valued one with its first. Values from the URL reach the page only through `literal()`: a
link cannot put a heading, a link or an image on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import streamlit as st

from presentation.catalogue import DEFAULT_LANGUAGE, LANGUAGES, normalise_language, t
from presentation.safe_text import literal

_SEEDED = "_url_seeded_{page}"
_WRITTEN = "_url_written_{page}"
_PAGE = "_url_page"
_LANGUAGE = "ui_language"


def url_params() -> dict[str, list[str]]:
    """Every URL parameter with all its values, for the pages' view objects (`presentation.views`)."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _first_values() -> dict[str, str]:
    return {name: values[0] for name, values in url_params().items() if values}


def seed_once(page: str, read_url: Callable[[], Mapping[str, object]]) -> None:
    """On a page's first run in this session, put the view the URL asks for into the session
    state (the widgets' keys), so that a shared link reopens the view; later runs keep what the
    visitor chose. A link from another page that asks for a different view (the atlas's "compare"
    opening /benchmark?clusters=…) is followed too; the page's plain navigation entry, which
    carries no view, keeps the visitor's choices."""
    flag = _SEEDED.format(page=page)
    asked = {name: value for name, value in _first_values().items() if name != "lang"}
    followed_link = asked and asked != st.session_state.get(_WRITTEN.format(page=page))
    if flag not in st.session_state or followed_link:
        st.session_state.update(read_url())
        st.session_state[flag] = True
    st.session_state[_PAGE] = page


def show_in_url(params: Mapping[str, str]) -> None:
    """Make the URL show exactly this view (plus the language), touching only what changed."""
    wanted = {key: value for key, value in params.items() if value}
    if _PAGE in st.session_state:  # what this page wrote is no link to follow on its next run
        st.session_state[_WRITTEN.format(page=st.session_state[_PAGE])] = dict(wanted)
    if current_language() != DEFAULT_LANGUAGE:
        wanted["lang"] = current_language()
    for key in list(st.query_params):
        if key not in wanted:
            del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def current_language() -> str:
    """The UI language lives in the URL (`?lang=de`) so that a shared link keeps it. Streamlit
    drops query parameters when the navigation switches pages, so the session remembers the
    choice and puts it back into the URL."""
    asked = _first_values().get("lang")
    if asked in LANGUAGES:
        st.session_state[_LANGUAGE] = asked
        return asked
    remembered = normalise_language(st.session_state.get(_LANGUAGE))
    if remembered != DEFAULT_LANGUAGE:
        st.query_params["lang"] = remembered
    return remembered


def language_switch() -> str:
    """The sidebar's language control: the URL decides, the control shows it and changes it."""
    lang = current_language()
    st.session_state["language"] = lang
    labels = {"en": "English", "de": "Deutsch"}
    st.sidebar.segmented_control(
        t("sidebar.language", lang),
        LANGUAGES,
        format_func=labels.__getitem__,
        key="language",
        required=True,
        on_change=_language_chosen,
    )
    return lang


def _language_chosen() -> None:
    st.session_state[_LANGUAGE] = st.session_state["language"]
    st.query_params["lang"] = st.session_state["language"]


def unknown_notice(notices: Iterable[str], lang: str, quiet: bool = False) -> None:
    """'Ignored unknown value(s) in the link — …' with each value as a code span; `quiet` shows
    it as a caption (the booth screen) instead of an info box."""
    notices = list(notices)
    if not notices:
        return
    message = t("atlas.notice_unknown", lang, items="; ".join(literal(notice, limit=60) for notice in notices[:8]))
    (st.caption if quiet else st.info)(message)
