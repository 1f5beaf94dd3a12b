"""Text from outside reaches Streamlit's Markdown inert (issue 10)."""

import re

import pytest

from presentation.safe_text import literal, plain

HOSTILE = [
    "x\n\n# Session expired\n\n[Log in again](http://evil.example/login)",
    "![](http://evil.example/pixel.png)",
    "<img src=x onerror=alert(1)>",
    ":red[alarm] :material/warning: $x^2$ **bold** _it_ `code`",
    "see www.evil.example or mail me@evil.example",
    "a\u2028b\r\nc\x00d",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_plain_leaves_no_markdown_syntax(value):
    shown = plain(value, limit=None)
    assert "\n" not in shown and "\r" not in shown and "\x00" not in shown and "\u2028" not in shown
    # Every ASCII punctuation character is escaped, so CommonMark shows it as itself.
    unescaped = re.sub(r"\\[!-/:-@\[-`{-~]", "", shown)
    assert not re.search(r"[!-/:-@\[-`{-~]", unescaped), shown
    # GFM autolinks are found after escapes are resolved: their patterns must be broken.
    resolved = re.sub(r"\\(.)", r"\1", shown)
    assert not re.search(r"https?://|www\.|\w@\w", resolved), resolved


def test_plain_keeps_the_visible_characters():
    resolved = re.sub(r"\\(.)", r"\1", plain("Bio^M — München & Co. (e. V.)")).replace("\u200b", "")
    assert resolved == "Bio^M — München & Co. (e. V.)"


def test_plain_cuts_long_values():
    assert len(re.sub(r"\\(.)", r"\1", plain("a" * 500, limit=60))) == 60


@pytest.mark.parametrize("value", [*HOSTILE, "a ``` b ` c"])
def test_literal_is_one_code_span(value):
    shown = literal(value)
    fence = re.match(r"`+", shown).group(0)
    inner = shown[len(fence) : -len(fence)]
    assert shown.endswith(fence) and fence not in inner and "\n" not in inner
