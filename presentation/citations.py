"""Citations as readers see them, in the UI language: publisher, short title, month and year,
section. One format for tables, cards, charts and the PDF."""

from __future__ import annotations

from collections.abc import Iterable

from babel.dates import format_date as babel_format_date

from clusters import Dataset
from clusters.records.citation import document_citation, uploaded_file
from clusters.records.model import Source, SourceRef

from .catalogue import normalise_language, t
from .formatters import format_date


def _month(source: Source, lang: str) -> str:
    if source.date is None:
        return t("cite.undated", lang)
    if source.date_is_year:
        return str(source.date.year)
    return babel_format_date(
        source.date, format="MMM y", locale="de_DE" if normalise_language(lang) == "de" else "en_GB"
    )


def source_date(source: Source, lang: str) -> str:
    """The source's date as the sources page lists it: full date, year, or "undated"."""
    if source.date is None:
        return t("cite.undated", lang)
    return str(source.date.year) if source.date_is_year else format_date(source.date, lang)


def cite_document(source: Source, lang: str) -> str:
    """`Life Science Nord: Clusterstrategie 2024, Feb 2019`."""
    return document_citation(source, _month(source, lang))


def cite(ref: SourceRef, data: Dataset, lang: str) -> str:
    """`Life Science Nord: Clusterstrategie 2024, Feb 2019 — Anlagen` (a visitor's upload: its file and row)."""
    upload = uploaded_file(ref)
    if upload is not None:
        return t("cite.upload", lang, file=upload, row=ref.section)
    source = data.sources.get(ref.file)
    if source is None:
        return ref.section
    return f"{cite_document(source, lang)} — {ref.section}"


def source_line(files: Iterable[str], data: Dataset, lang: str) -> str:
    """`Sources: …; …` under a table or chart, so a screenshot keeps its provenance."""
    documents = [cite_document(data.sources[f], lang) for f in dict.fromkeys(files) if f in data.sources]
    uploads = [f for f in dict.fromkeys(files) if f not in data.sources]
    parts = documents + ([t("cite.your_upload", lang)] if uploads else [])
    return t("cite.sources", lang, sources="; ".join(parts)) if parts else ""
