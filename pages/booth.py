"""/booth: a kiosk tour for trade-fair screens. Overview -> each active cluster -> lighthouse
projects by theme, advancing by itself every ?dwell= seconds (default 12). The tour runs in the
browser (static/booth/tour.js) from a data file this page publishes, so slides change with a fade
and a flight of the map, never with a script run. A touch opens a chooser; after ?idle= seconds
(default 60) without input the tour starts again from the overview. ?lang=auto alternates English
and German from loop to loop."""

from components.shell import ensure_shell

ensure_shell()

import os

import streamlit as st

from components.booth_frame import tour_page
from components.offline import BOOTH_PAGE_CSS
from components.ui import booth_document, dataset
from components.url_state import current_language, unknown_notice, url_params
from presentation.booth_tour import build_slides, tour_settings
from presentation.catalogue import t
from presentation.views import BoothView

lang = current_language()
data = dataset()
config = BoothView.parse(
    url_params(),
    data,
    qr_default=os.environ.get("CLUSTER_ATLAS_QR_BASE"),
    qr_hosts=os.environ.get("CLUSTER_ATLAS_QR_HOSTS"),
)
slides = build_slides(data, config)
data_url, document = booth_document()

st.html(BOOTH_PAGE_CSS)  # the tour fills the screen: no sidebar, header, toolbar or padding
unknown_notice(config.notices, lang, quiet=True)
with st.container(key="booth_tour"):
    st.iframe(
        tour_page(tour_settings(slides, config, data_url, lang), lang, None if data_url else document),
        height=600,
        alt=t("booth.frame_title", lang),
    )
