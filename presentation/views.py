"""Every page's view as a pure object: `parse(params, dataset)` reads it from URL parameters,
`to_params()` writes the parameters that reproduce it, and `link(page, **params)` builds every link
of the app. No Streamlit here: `components/url_state.py` is the only module that touches
`st.query_params`, and hands the pages' parsers `{name: [values…]}`.

Parameters hold ids, never translated labels, so a link reads the same in every language. Lists
are comma-separated (`?focus=a,b`); a parameter given twice counts with all its values
(`?focus=a&focus=b` is `a,b`), a single-valued one with its first. Unknown values are dropped with a
notice (`name:value`), never an exception; notices are not part of a view's identity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from clusters import FIGURE_FIELDS, Dataset
from clusters.filters import ACTOR_TYPES, COMPANY_KINDS, COMPARE_LIMIT, SIZE_FIGURES, AtlasFilter
from clusters.metrics import INDICATORS, REGION_MEASURES
from clusters.records.numbers import NumberError, parse_number

from .catalogue import DEFAULT_LANGUAGE

Params = Mapping[str, str | list[str]]

PAGE_PATHS = {
    "atlas": "/",
    "benchmark": "/benchmark",
    "lighthouses": "/lighthouses",
    "profile": "/profile",
    "booth": "/booth",
    "data": "/data",
    "clusters": "/clusters",
}
MAX_QUERY_CHARS = 100
HIGHER_EDUCATION_LAYER = "higher-education"
"""`?layer=higher-education`: the atlas shows all sites of the higher-education register too."""


def link_params(lang: str = DEFAULT_LANGUAGE, **params: str | Iterable[str] | None) -> dict[str, str]:
    """The query parameters of a link: empty values and the default language left out, lists
    joined with commas (what `st.page_link(query_params=…)` takes)."""
    joined = {name: value if isinstance(value, str) else ",".join(value or ()) for name, value in params.items()}
    values = _given(joined)
    if lang != DEFAULT_LANGUAGE:
        values["lang"] = lang
    return values


def link(page: str, lang: str = DEFAULT_LANGUAGE, **params: str | Iterable[str] | None) -> str:
    """`/profile?cluster=bio-m&lang=de`: every link of the app comes from here."""
    query = urlencode(link_params(lang, **params), safe=",")
    return PAGE_PATHS[page] + (f"?{query}" if query else "")


def values_of(params: Params, name: str) -> list[str]:
    """All values of a parameter, comma lists split, blanks dropped, each once, in order."""
    raw = params.get(name)
    if raw is None:
        return []
    given = raw if isinstance(raw, list) else [raw]
    return list(dict.fromkeys(part.strip() for value in given for part in value.split(",") if part.strip()))


def first_of(params: Params, name: str) -> str | None:
    raw = params.get(name)
    if isinstance(raw, list):
        return raw[0] if raw else None
    return raw


def _given(params: Mapping[str, str]) -> dict[str, str]:
    return {name: value for name, value in params.items() if value}


class _Notices(list):
    def known(self, params: Params, name: str, valid: Iterable[str], normalise=lambda v: v) -> tuple[str, ...]:
        """The known values of a list parameter; the unknown ones become one notice."""
        valid = set(valid)
        chosen, unknown = [], []
        for value in values_of(params, name):
            value = normalise(value)
            (chosen if value in valid else unknown).append(value)
        if unknown:
            self.append(f"{name}:{','.join(unknown)}")
        return tuple(dict.fromkeys(chosen))

    def one(self, params: Params, name: str, valid: Iterable[str], default: str | None) -> str | None:
        chosen = self.known(params, name, valid)
        return chosen[0] if chosen else default


def _state_code(value: str) -> str:
    return value.upper().removeprefix("DE-")


@dataclass(frozen=True)
class AtlasView:
    """The atlas: the filter, at most one selected cluster, actor or project, the size figure, and
    up to COMPARE_LIMIT clusters set aside for the benchmark."""

    filter: AtlasFilter = field(default_factory=AtlasFilter)
    cluster: str | None = None
    size: str = "actors"
    notices: tuple[str, ...] = field(default=(), compare=False)
    actor: str | None = None
    project: str | None = None
    compare: tuple[str, ...] = ()

    @classmethod
    def parse(cls, params: Params, dataset: Dataset) -> AtlasView:
        notices = _Notices()
        states = {a.place.state for a in dataset.actors.values()} | {
            s for c in dataset.clusters.values() for s in c.state_codes
        }
        view_filter = AtlasFilter(
            focus=notices.known(params, "focus", dataset.focus_areas),
            types=notices.known(params, "type", ACTOR_TYPES),
            states=notices.known(params, "state", states, normalise=_state_code),
            themes=notices.known(params, "theme", dataset.themes),
            query=" ".join(values_of(params, "q"))[:MAX_QUERY_CHARS],
            kinds=notices.known(params, "kind", COMPANY_KINDS),
            higher_education=notices.one(params, "layer", (HIGHER_EDUCATION_LAYER,), None) is not None,
        )
        cluster = notices.one(params, "cluster", dataset.clusters, None)
        actor = notices.one(params, "actor", dataset.actors, None)
        project = notices.one(params, "project", dataset.projects, None)
        size = notices.one(params, "size", SIZE_FIGURES, "actors")
        compare = notices.known(params, "compare", dataset.clusters)
        if len(compare) > COMPARE_LIMIT:
            notices.append(f"compare:{','.join(compare[COMPARE_LIMIT:])}")
        # One selection at a time: a cluster before an actor before a project.
        return cls(
            view_filter,
            cluster,
            size,
            tuple(notices),
            actor=actor if not cluster else None,
            project=project if not (cluster or actor) else None,
            compare=compare[:COMPARE_LIMIT],
        )

    def to_params(self) -> dict[str, str]:
        """Only what differs from the default view."""
        f = self.filter
        params = {
            "focus": ",".join(f.focus),
            "type": ",".join(f.types),
            "state": ",".join(f.states),
            "theme": ",".join(f.themes),
            "q": f.query,
            "kind": ",".join(f.kinds),
            "layer": HIGHER_EDUCATION_LAYER if f.higher_education else "",
            "cluster": self.cluster or "",
            "actor": self.actor or "",
            "project": self.project or "",
            "size": "" if self.size == "actors" else self.size,
            "compare": ",".join(self.compare),
        }
        return _given(params)


MEASURES: tuple[str, ...] = (*FIGURE_FIELDS, *INDICATORS, *REGION_MEASURES)
"""What the benchmark compares: the key figures, the indicators derived from them, and the region's
size with the figures per 100,000 inhabitants."""


@dataclass(frozen=True)
class BenchmarkView:
    """/benchmark: the clusters side by side, the figure to rank by, the scatter's axes and the
    cluster whose peers are shown (the first cluster when none is asked for)."""

    clusters: tuple[str, ...] = ()
    figure: str = "actors"
    x: str = "actors"
    y: str = "management_staff"
    peer: str | None = None
    notices: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def parse(cls, params: Params, dataset: Dataset, measures: Iterable[str] = MEASURES) -> BenchmarkView:
        notices = _Notices()
        measures = tuple(measures)
        return cls(
            clusters=notices.known(params, "clusters", dataset.clusters),
            figure=notices.one(params, "figure", measures, "actors"),
            x=notices.one(params, "x", measures, "actors"),
            y=notices.one(params, "y", measures, "management_staff"),
            peer=notices.one(params, "peer", dataset.clusters, None),
            notices=tuple(notices),
        )

    def to_params(self) -> dict[str, str]:
        defaults = BenchmarkView()
        params = {
            "clusters": ",".join(self.clusters),
            "figure": "" if self.figure == defaults.figure else self.figure,
            "x": "" if self.x == defaults.x else self.x,
            "y": "" if self.y == defaults.y else self.y,
            "peer": self.peer or "",
        }
        return _given(params)


@dataclass(frozen=True)
class LighthousesView:
    """/lighthouses: the themes shown (all when none) and the project opened."""

    themes: tuple[str, ...] = ()
    project: str | None = None
    notices: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def parse(cls, params: Params, dataset: Dataset) -> LighthousesView:
        notices = _Notices()
        return cls(
            themes=notices.known(params, "theme", dataset.themes),
            project=notices.one(params, "project", dataset.projects, None),
            notices=tuple(notices),
        )

    def to_params(self) -> dict[str, str]:
        return _given({"theme": ",".join(self.themes), "project": self.project or ""})


@dataclass(frozen=True)
class ProfileView:
    """/profile?cluster=<id>; an unknown id is kept as `asked` so the page can say which."""

    cluster: str | None = None
    asked: str | None = field(default=None, compare=False)

    @classmethod
    def parse(cls, params: Params, dataset: Dataset) -> ProfileView:
        asked = first_of(params, "cluster")
        return cls(asked if asked in dataset.clusters else None, asked)

    def to_params(self) -> dict[str, str]:
        return {"cluster": self.cluster} if self.cluster else {}


@dataclass(frozen=True)
class ClustersView:
    """/clusters?q=: the table's search."""

    query: str = ""

    @classmethod
    def parse(cls, params: Params, dataset: Dataset | None = None) -> ClustersView:
        return cls((first_of(params, "q") or "")[:MAX_QUERY_CHARS])

    def to_params(self) -> dict[str, str]:
        return {"q": self.query} if self.query else {}


MAX_QR_BASE = 200  # characters: a public profile address, not a payload; keeps the QR code scannable


def allowed_qr_base(value: str, allowed_hosts: frozenset[str]) -> str | None:
    """A base address for the QR codes: http(s), a host the operator named, no user info, short,
    and no control character or space anywhere (`…org%0A.evil.test`). With no host named, none:
    a QR code sends a stranger's phone somewhere, so only the operator chooses where."""
    if len(value) > MAX_QR_BASE or not allowed_hosts or re.search(r"[\x00-\x20\x7f-\x9f]", value):
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
    if host.lower() not in allowed_hosts:
        return None
    return value


def qr_hosts_of(qr_default: str | None, qr_hosts: str | None) -> frozenset[str]:
    """The hosts a QR code may point to: CLUSTER_ATLAS_QR_HOSTS, and the host of the operator's
    own base address (CLUSTER_ATLAS_QR_BASE)."""
    hosts = {host.strip().lower() for host in (qr_hosts or "").split(",") if host.strip()}
    try:
        own = urlsplit(qr_default or "").hostname
    except ValueError:
        own = None
    return frozenset(hosts | ({own.lower()} if own else set()))


DEFAULT_DWELL = 12.0
DEFAULT_IDLE = 60.0
MIN_DWELL, MAX_DWELL = 1.0, 600.0


def _seconds(params: Params, name: str, default: float, notices: list[str]) -> float:
    """A number of seconds read with the project's number reader (`12`, `2.5`), kept within bounds;
    anything else (`NaN`, `inf`, words) gives a notice and the default."""
    value = first_of(params, name)
    if value in (None, ""):
        return default
    try:
        number = float(parse_number(value.strip(), lang="en"))
    except NumberError:
        notices.append(f"{name}:{value}")
        return default
    return round(min(max(number, MIN_DWELL), MAX_DWELL), 3)  # a millisecond is as fine as a tour is timed


def _seconds_text(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class BoothView:
    """/booth: seconds per slide and before the tour resumes, the clusters (subset and order), a
    theme, the base address of the QR codes (checked by the page against the operator's hosts), and
    whether the tour alternates English and German from loop to loop (`?lang=auto`, for an
    international hall; the other pages read `lang` themselves)."""

    dwell: float = DEFAULT_DWELL
    idle: float = DEFAULT_IDLE
    clusters: tuple[str, ...] = ()
    theme: str | None = None
    qr_base: str | None = None
    alternate: bool = False
    notices: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def parse(
        cls, params: Params, dataset: Dataset, qr_default: str | None = None, qr_hosts: str | None = None
    ) -> BoothView:
        """`qr_default` is the operator's base address (CLUSTER_ATLAS_QR_BASE), `qr_hosts` the
        comma-separated hosts a QR code may point to (CLUSTER_ATLAS_QR_HOSTS)."""
        notices = _Notices()
        dwell = _seconds(params, "dwell", DEFAULT_DWELL, notices)
        idle = _seconds(params, "idle", DEFAULT_IDLE, notices)
        clusters = notices.known(params, "clusters", dataset.clusters)
        theme = notices.one(params, "theme", dataset.themes, None)
        qr_base = (first_of(params, "qr_base") or qr_default or "").rstrip("/") or None
        allowed = qr_hosts_of(qr_default, qr_hosts)
        if qr_base and allowed_qr_base(qr_base, allowed) is None:
            notices.append(f"qr_base:{qr_base}")
            qr_base = None
        alternate = first_of(params, "lang") == "auto"
        return cls(dwell, idle, clusters, theme, qr_base, alternate, tuple(notices))

    def profile_url(self, cluster_id: str, lang: str) -> str | None:
        """The public profile a cluster slide's QR code opens; none without a base address."""
        return f"{self.qr_base}{link('profile', lang, cluster=cluster_id)}" if self.qr_base else None

    def to_params(self) -> dict[str, str]:
        params = {
            "dwell": "" if self.dwell == DEFAULT_DWELL else _seconds_text(self.dwell),
            "idle": "" if self.idle == DEFAULT_IDLE else _seconds_text(self.idle),
            "clusters": ",".join(self.clusters),
            "theme": self.theme or "",
            "qr_base": self.qr_base or "",
            "lang": "auto" if self.alternate else "",
        }
        return _given(params)
