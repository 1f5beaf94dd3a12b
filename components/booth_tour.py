"""The booth tour as plain data and pure functions: which slides, in which order, when to pause,
when to resume. No Streamlit here, so the all-day behaviour is tested directly."""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from urllib.parse import urlsplit

import segno

from clusters import Dataset

DEFAULT_DWELL = 12.0
DEFAULT_IDLE = 60.0
MIN_DWELL, MAX_DWELL = 1.0, 600.0
MAX_QR_BASE = 200  # characters: a public profile address, not a payload; keeps the QR code scannable


@dataclass(frozen=True)
class Slide:
    kind: str  # "overview", "cluster" or "theme"
    ref: str | None = None


@dataclass(frozen=True)
class BoothConfig:
    dwell: float = DEFAULT_DWELL
    idle: float = DEFAULT_IDLE
    clusters: tuple[str, ...] = ()
    theme: str | None = None
    qr_base: str | None = None
    notices: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class TourState:
    index: int = 0
    paused: bool = False
    last_input: float = 0.0


def _number(value: str | None, default: float, name: str, notices: list[str]) -> float:
    if value in (None, ""):
        return default
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):  # NaN slips through min/max and would spin or freeze the tour
        notices.append(f"{name}:{value}")
        return default
    return min(max(number, MIN_DWELL), MAX_DWELL)


def _qr_base(value: str, allowed_hosts: frozenset[str]) -> str | None:
    """A base address for the QR codes: http(s), a host, no user info, short; and, where the
    booth names its hosts (CLUSTER_ATLAS_QR_HOSTS), one of those."""
    if len(value) > MAX_QR_BASE:
        return None
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme not in ("https", "http") or not host or parts.username or parts.password:
        return None
    if parts.query or parts.fragment:
        return None
    if allowed_hosts and host.lower() not in allowed_hosts:
        return None
    return value


def parse_booth(
    params: Mapping[str, str], dataset: Dataset, qr_default: str | None = None, qr_hosts: str | None = None
) -> BoothConfig:
    """?dwell=, ?idle=, ?clusters=a,b (subset and order), ?theme=, ?qr_base=; bad values are
    dropped with a notice. `qr_hosts` (comma-separated) limits the hosts a QR code may point to."""
    notices: list[str] = []
    dwell = _number(params.get("dwell"), DEFAULT_DWELL, "dwell", notices)
    idle = _number(params.get("idle"), DEFAULT_IDLE, "idle", notices)
    wanted = [c for c in (params.get("clusters") or "").split(",") if c]
    clusters = tuple(dict.fromkeys(c for c in wanted if c in dataset.clusters))
    notices += [f"clusters:{c}" for c in wanted if c not in dataset.clusters]
    theme = params.get("theme") or None
    if theme and theme not in dataset.themes:
        notices.append(f"theme:{theme}")
        theme = None
    qr_base = (params.get("qr_base") or qr_default or "").rstrip("/") or None
    allowed = frozenset(host.strip().lower() for host in (qr_hosts or "").split(",") if host.strip())
    if qr_base and _qr_base(qr_base, allowed) is None:
        notices.append(f"qr_base:{qr_base}")
        qr_base = None
    return BoothConfig(dwell, idle, clusters, theme, qr_base, tuple(notices))


def build_slides(dataset: Dataset, config: BoothConfig) -> tuple[Slide, ...]:
    """Overview -> each cluster in turn -> lighthouse projects by theme (themes with projects)."""
    clusters = config.clusters or tuple(dataset.clusters)
    themes = [config.theme] if config.theme else list(dataset.themes)
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


def profile_url(config: BoothConfig, cluster_id: str, lang: str) -> str | None:
    if not config.qr_base:
        return None
    return f"{config.qr_base}/profile?cluster={cluster_id}&lang={lang}"


@lru_cache(maxsize=256)
def qr_png(url: str, scale: int = 6) -> bytes | None:
    """A QR code made offline (segno), as PNG bytes; None when the address does not fit in one."""
    buffer = io.BytesIO()
    try:
        segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    except segno.DataOverflowError:
        return None
    return buffer.getvalue()
