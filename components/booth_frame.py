"""The booth tour's page inside the Streamlit page: static/booth/tour.html with its versioned
assets, the language and the settings filled in. It runs in an iframe of its own, so the tour's
slides, fades and timers never cause a script run."""

from __future__ import annotations

import html
import json
from functools import cache

from presentation.booth_tour import settings_script
from presentation.catalogue import t

from .offline import BOOTH_CSS, BOOTH_HTML, BOOTH_JS, LEAFLET_CSS, LEAFLET_JS


@cache
def _template() -> str:
    return BOOTH_HTML.read_text(encoding="utf-8")


def tour_page(settings: dict, lang: str, document: bytes | None = None) -> str:
    """The tour's HTML; `document` (the tour's data) travels inline only when it could not be
    published as a file."""
    if document is not None:
        settings = {**settings, "document": json.loads(document)}
    fills = {
        "__LANG__": lang,
        "__TITLE__": html.escape(t("booth.frame_title", lang)),
        "__LOADING__": html.escape(t("booth.loading", lang)),
        "__LEAFLET_CSS__": LEAFLET_CSS,
        "__LEAFLET_JS__": LEAFLET_JS,
        "__TOUR_CSS__": BOOTH_CSS,
        "__TOUR_JS__": BOOTH_JS,
        "__SETTINGS__": settings_script(settings),
    }
    page = _template()
    for placeholder, value in fills.items():
        page = page.replace(placeholder, value)
    return page
