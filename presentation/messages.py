"""Upload messages in the reader's language.

`clusters.upload` reports problems as codes with plain values; this turns them into text for
`st.error`/`st.warning`, which render Markdown. Every value from the file (cell contents, file,
column and focus-area names) goes through `plain()`, so a cell such as `![x](http://evil/)` or
`# Expired` is shown as written instead of becoming an image or a heading.
"""

from __future__ import annotations

import re

from babel.numbers import format_decimal

from clusters.readers.tables import UploadMessage
from components.safe_text import plain, plain_list
from presentation.catalogue import normalise_language, t

# Row numbers, years and the "write 1250" hint are shown as a spreadsheet shows them: "1.001" for a
# row would read as one row in English and "1,250" is the very form the hint wants to avoid.
_VERBATIM = frozenset({"first_row", "first_year", "last_year", "line", "grouped"})


def upload_message_text(message: UploadMessage, lang: str) -> str:
    lang = normalise_language(lang)
    values = {name: _value_text(name, value, lang) for name, value in message.params.items()}
    body = t(f"upload.{message.code}", lang, **values)
    if message.row is None:
        return body
    if message.column:
        return t("upload.at_cell", lang, row=message.row, column=plain(message.column), message=body)
    return t("upload.at_row", lang, row=message.row, message=body)


def _value_text(name: str, value: object, lang: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float, list, tuple)):
        return plain(value)
    if isinstance(value, (list, tuple)):
        return plain_list(value, ", ")
    if name in _VERBATIM:
        return str(int(value))
    # Three decimals: the German reading of "1,234" is 1.234, and rounding it would misquote it.
    text = format_decimal(value, format="#,##0.###", locale=lang)
    if name == "decimal" and re.search(r"[.,]\d{3}$", text):
        text += "0"  # "1.234" is read as 1234; the hint must itself be unambiguous
    return text
