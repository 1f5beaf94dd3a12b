"""How a figure's source is cited: the document's publisher, short title and date, and the
section it stands in. The document key (`001_….txt`) identifies a file for the people who keep
the data; readers get the citation. The UI formats dates by language (presentation.citations);
exports and the command line use this plain form with ISO dates."""

from __future__ import annotations

from collections.abc import Mapping

from .model import Source, SourceRef

UPLOAD_PREFIX = "upload:"
"""A visitor's own figures cite `upload:<file name>` with the row as the section."""


def upload_ref(filename: str, row: int) -> SourceRef:
    return SourceRef(file=f"{UPLOAD_PREFIX}{filename}", section=str(row))


def uploaded_file(ref: SourceRef) -> str | None:
    return ref.file.removeprefix(UPLOAD_PREFIX) if ref.file.startswith(UPLOAD_PREFIX) else None


def source_date_text(source: Source) -> str:
    """ISO date, the year alone where the page gives only that, `n.d.` for an undated page."""
    if source.date is None:
        return "n.d."
    return str(source.date.year) if source.date_is_year else source.date.isoformat()


def document_citation(source: Source, date_text: str | None = None) -> str:
    """`Life Science Nord: Clusterstrategie 2024, 2019-02-01`; a web page adds its address."""
    date_text = date_text or source_date_text(source)
    address = f", {source.url}" if source.url else ""
    return f"{source.cited_publisher}: {source.cited_title}, {date_text}{address}"


def citation_text(ref: SourceRef, sources: Mapping[str, Source]) -> str:
    """Plain citation for exports: `Life Science Nord: Clusterstrategie 2024, 2019-02-01 — Anlagen`."""
    upload = uploaded_file(ref)
    if upload is not None:
        return f"upload {upload}, row {ref.section}"
    source = sources.get(ref.file)
    if source is None:
        return f"{ref.file} — {ref.section}"
    return f"{document_citation(source)} — {ref.section}"
