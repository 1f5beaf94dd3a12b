"""Benchmark baseline: a bare Streamlit page with one st_folium map and one marker, its Leaflet
served locally the same way as the atlas (components.offline)."""

import folium
from streamlit_folium import st_folium

# The benchmark copies this file into a folder beside a link to static/ and runs it with the
# project root on PYTHONPATH, so the same offline asset module is used.
from components.offline import OfflineMap

fmap = OfflineMap(location=[51.16, 10.45], zoom_start=6)
fmap._id = "baseline"
folium.CircleMarker([51.16, 10.45], radius=8, tooltip="baseline").add_to(fmap)
st_folium(fmap, key="baseline_map", height=600, use_container_width=True, returned_objects=[])
