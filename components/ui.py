"""Streamlit glue shared by every page: the cached dataset, the language, the sidebar."""

from __future__ import annotations

import base64
import os
from functools import lru_cache

import streamlit as st

from clusters import Dataset, DataValidationError, load_dataset
from clusters.dataset import DATA_DIR, FILES
from clusters.filters import AtlasFilter, Selection, apply_filter
from presentation.catalogue import t

from .generated import in_use, prune_generated
from .map_layers import actor_table, atlas_map_args
from .offline import publish_static

DATA_DIR_VARIABLE = "CLUSTER_ATLAS_DATA"


def dataset() -> Dataset:
    """The validated dataset, loaded once per server process, data folder and state of its files;
    raises `DataValidationError` when the files are broken.

    `CLUSTER_ATLAS_DATA` may point at another data folder: the tests use it for hostile names
    and broken files, the benchmark for synthetic actors. Without it the app shows the shipped,
    sourced data."""
    loaded = _dataset_at(*data_key())
    if isinstance(loaded, DataValidationError):
        # A new exception each time: raising the cached one would grow its traceback on every
        # page view, across sessions.
        raise DataValidationError(loaded.issues)
    return loaded


def data_folder() -> str:
    return os.environ.get(DATA_DIR_VARIABLE) or str(DATA_DIR)


def data_key() -> tuple[str, tuple]:
    """The data folder and the state of its files: the key of the dataset and of everything
    derived from it, so that an edited file brings new results without any cache being cleared."""
    folder = data_folder()
    return folder, _files_fingerprint(folder)


def _files_fingerprint(folder: str) -> tuple:
    """Size, mtime and inode of each data file, from os.stat only: asked on every page view, so
    it must not read the files. An edited or replaced file changes it; so does one that appears."""
    state = []
    for name in sorted(FILES.values()):
        try:
            info = os.stat(os.path.join(folder, name))
        except OSError as exc:
            state.append((name, type(exc).__name__))
        else:
            state.append((name, info.st_size, info.st_mtime_ns, info.st_ino))
    return tuple(state)


# Failures are returned, not raised: st.cache_resource does not keep exceptions, and a broken
# (perhaps large) file would otherwise be parsed again on every page view of every session.
@st.cache_resource(show_spinner=False, max_entries=16)
def _dataset_at(folder: str, fingerprint: tuple) -> Dataset | DataValidationError:
    try:
        data = load_dataset(folder)  # immutable records: safe to share between sessions
    except DataValidationError as exc:
        # Without its traceback: that would keep the parsed file alive in the load's frames.
        return DataValidationError(exc.issues)
    return data


_SHOWN_ISSUES = 200  # a file broken on every row would otherwise send megabytes on every view


def dataset_or_stop(lang: str) -> Dataset:
    """The dataset, or a clear message (and a stopped page) when the data files are broken."""
    try:
        return dataset()
    except DataValidationError as exc:
        st.error(t("data.error", lang))
        lines = [str(issue) for issue in exc.issues[:_SHOWN_ISSUES]]
        if len(exc.issues) > _SHOWN_ISSUES:
            lines.append(t("data.error_more", lang, n=len(exc.issues) - _SHOWN_ISSUES))
        st.code("\n".join(lines), language=None)
        st.stop()


def filtered(view_filter: AtlasFilter) -> Selection:
    return _filtered_at(data_key(), view_filter)


# Every derived cache is keyed by `data_key()`: the folder (tests and the benchmark switch it within
# a process) and its files' state. Results of older data are no longer asked for and age out.
@st.cache_resource(show_spinner=False, max_entries=256)
def _filtered_at(key: tuple, view_filter: AtlasFilter) -> Selection:
    return apply_filter(dataset(), view_filter)


# Runs at start and whenever the data changes (a new key): the moments when the files of other
# datasets may have become garbage.
@st.cache_resource(show_spinner=False, max_entries=4)
def _actors_url(key: tuple) -> str | None:
    url = publish_static("actors", actor_table(dataset()))
    if url:
        prune_generated({url.rsplit("/", 1)[1]})
    return url


@st.cache_resource(show_spinner=False, max_entries=4)
def _booth_document_at(key: tuple) -> bytes:
    from presentation.booth_tour import document_bytes, tour_document

    return document_bytes(tour_document(dataset()))


def booth_document() -> tuple[str | None, bytes]:
    """The booth tour's data file: its URL (written again when another process pruned it; None
    when the folder cannot be written) and its bytes, for sending inline then."""
    content = _booth_document_at(data_key())
    return in_use(publish_static("booth", content)), content


def atlas_map(
    view_filter: AtlasFilter, size_by: str, lang: str, online_tiles: bool, selected: str | None = None
) -> dict:
    """st_folium's map arguments for a view, made new on every run: st_folium adds the layers to
    the map it is given and renames their ids, so neither can be handed to it twice. Making them
    costs little next to st_folium's own rendering; the filtered selection and the actor file
    are cached."""
    return atlas_map_args(
        dataset(),
        filtered(view_filter),
        size_by,
        lang,
        online_tiles,
        actors_url=in_use(_actors_url(data_key())),
        selected=selected,
    )


def profile_pdf_bytes(cluster_id: str, lang: str) -> bytes:
    """The one-page PDF, made once per cluster and language rather than on every rerun."""
    return _profile_pdf_at(data_key(), cluster_id, lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def _profile_pdf_at(key: tuple, cluster_id: str, lang: str) -> bytes:
    from presentation.pdf import profile_pdf

    data = dataset()
    return profile_pdf(data, data.clusters[cluster_id], lang)


def project_pdf_bytes(project_id: str, lang: str) -> bytes:
    """A project's one-page Steckbrief, made once per project and language."""
    return _project_pdf_at(data_key(), project_id, lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def _project_pdf_at(key: tuple, project_id: str, lang: str) -> bytes:
    from presentation.pdf import project_pdf

    data = dataset()
    return project_pdf(data, data.projects[project_id], lang)


def dataset_exports() -> dict[str, bytes | str]:
    """Every download of the /data page, made once per dataset instead of on every rerun."""
    return _exports_at(data_key())


@st.cache_resource(show_spinner=False, max_entries=4)
def _exports_at(key: tuple) -> dict[str, bytes | str]:
    from clusters.readers.exports import KINDS, csv_bundle, export, frame_for, to_xlsx, with_sources_sheet

    data = dataset()
    files: dict[str, bytes | str] = {
        f"{kind}.{fmt}": export(data, kind, fmt) for kind in KINDS for fmt in ("csv", "geojson", "json")
    }
    files["all.xlsx"] = to_xlsx(
        with_sources_sheet({kind: frame_for(data, kind, with_sources=True) for kind in KINDS}, data.sources)
    )
    files["all-csv.zip"] = csv_bundle(data)
    return files


@lru_cache(maxsize=512)
def inline_png(png: bytes) -> str:
    """PNG bytes as a data URL for `st.image`. Bytes given to `st.image` become media files that
    the browser fetches after the run; a rerun in between (a filter click, a booth slide change)
    can drop them and the picture 404s. An inline picture has nothing to fetch. Cached: the
    pictures come from cached drawings, and a rerun should not encode them again."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
