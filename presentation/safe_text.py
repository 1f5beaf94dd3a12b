"""Text from outside (a URL, an upload, a data file) shown as text, never as Markdown.

Streamlit renders the body of `st.write`, `st.markdown`, `st.caption`, `st.info`, `st.error` …
as Markdown (with GFM autolinks, colour directives, emoji short codes and maths). A value
such as `x\\n\\n# Session expired\\n\\n![](http://evil.example/pixel.png)` would become a
heading and an image fetched from another host. `plain()` makes any value inert: every
ASCII punctuation character is backslash-escaped (CommonMark shows it literally), line breaks
and control characters become one space (no new block can start), and overlong values are cut.
Escapes do not stop GFM's autolinks (Streamlit finds `http://…`, `www.…` and e-mail addresses in
the text after escapes are resolved), so an invisible zero-width space breaks those patterns.
`literal()` shows a value from a link as a code span: what the visitor typed, visibly verbatim.
Both drop bidi controls and zero-width characters first: a right-to-left override in a link would
otherwise reverse the app's own sentence around it.
"""

from __future__ import annotations

import re
import string

from clusters.records.text import neutralised

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_BREAKS = re.compile(r"[\s\x00-\x1f\x7f\u2028\u2029]+")
_AUTOLINK_STARTS = re.compile(r"(://|www\.|@)", re.IGNORECASE)
_ZERO_WIDTH_SPACE = "\u200b"
DEFAULT_LIMIT = 120


def plain(value: object, limit: int | None = DEFAULT_LIMIT) -> str:
    """`value` as Markdown that shows exactly its characters (one line, at most `limit` of them;
    `limit=None` for the long texts of the data files)."""
    flat = _BREAKS.sub(" ", neutralised(str(value))).strip()
    flat = _cut(flat, limit)
    flat = _AUTOLINK_STARTS.sub(lambda match: match.group(1)[:-1] + _ZERO_WIDTH_SPACE + match.group(1)[-1], flat)
    return _PUNCTUATION.sub(r"\\\1", flat)


def literal(value: object, limit: int | None = DEFAULT_LIMIT) -> str:
    """`value` as an inline code span: no Markdown, link or directive inside is interpreted."""
    flat = _cut(_BREAKS.sub(" ", neutralised(str(value))).strip(), limit)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    return f"{fence} {flat} {fence}"


def _cut(flat: str, limit: int | None) -> str:
    if limit is not None and len(flat) > limit:
        return flat[: limit - 1].rstrip() + "…"
    return flat


def plain_list(values, separator: str = "; ", limit: int | None = DEFAULT_LIMIT) -> str:
    return separator.join(plain(value, limit) for value in values)
