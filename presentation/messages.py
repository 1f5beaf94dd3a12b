"""Messages in words: the upload's in the reader's language, the command line's in English.

`clusters.upload` reports problems as codes with plain values; `upload_message_text` turns them
into text for `st.error`/`st.warning`, which render Markdown. Every value from the file (cell
contents, file, column and focus-area names) goes through `plain()`, so a cell such as
`![x](http://evil/)` or `# Expired` is shown as written instead of becoming an image or a heading.

The commands that keep the data (`clusters.keeping`) return codes and plain values as well: a
refusal is an `EditError(code, **params)`, a review holds rows, problems and notes with codes.
`CLI_TEXTS` is the command line's one catalogue of English texts and `cli_text` words a key of it;
a text that counts something holds its plural forms (`one`, `other`) for the value `n` or, without
`n`, for the length of its one list value. A refusal of the table reader (`UploadMessage`) keeps
its code: the UI's English text (`upload.<code>`) says it, unless `read.<code>` here says it for a
member list (where the UI's text speaks of clusters, the template or uploading).
"""

from __future__ import annotations

import re

from babel.numbers import format_decimal

from clusters.readers.tables import UploadMessage

from .catalogue import normalise_language, t
from .safe_text import plain, plain_list

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
