"""The booth tour as plain data and pure functions: which slides, in which order, when to pause,
when to resume, and the QR codes. No Streamlit here, so the all-day behaviour is tested directly;
the tour's parameters are the page's view (`presentation.views.BoothView`)."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from functools import lru_cache

import segno

from clusters import Dataset
from presentation.views import BoothView


@dataclass(frozen=True)
class Slide:
    kind: str  # "overview", "cluster" or "theme"
    ref: str | None = None


@dataclass(frozen=True)
class TourState:
    index: int = 0
    paused: bool = False
    last_input: float = 0.0


def build_slides(dataset: Dataset, view: BoothView) -> tuple[Slide, ...]:
    """Overview -> each cluster in turn -> lighthouse projects by theme (themes with projects)."""
    clusters = view.clusters or tuple(dataset.clusters)
    themes = [view.theme] if view.theme else list(dataset.themes)
    with_projects = [t for t in themes if any(t in dataset.project_themes(p) for p in dataset.projects.values())]
    return (Slide("overview"), *(Slide("cluster", c) for c in clusters), *(Slide("theme", t) for t in with_projects))


def advance(state: TourState, slide_count: int) -> TourState:
    return state if state.paused else replace(state, index=(state.index + 1) % slide_count)


def pause(state: TourState, now: float) -> TourState:
    return replace(state, paused=True, last_input=now)


def touch(state: TourState, now: float) -> TourState:
    """Any input while paused keeps the visitor's view open."""
    return replace(state, last_input=now)


def resume_if_idle(state: TourState, now: float, idle: float) -> TourState:
    """After `idle` seconds without input the tour starts again from the overview."""
    if state.paused and now - state.last_input >= idle:
        return TourState(index=0, paused=False, last_input=now)
    return state


def resume(now: float) -> TourState:
    return TourState(index=0, paused=False, last_input=now)


@lru_cache(maxsize=256)
def qr_png(url: str, scale: int = 6) -> bytes | None:
    """A QR code made offline (segno), as PNG bytes; None when the address does not fit in one."""
    buffer = io.BytesIO()
    try:
        segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    except segno.DataOverflowError:
        return None
    return buffer.getvalue()
