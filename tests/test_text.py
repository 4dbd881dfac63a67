"""clean_text and blank_controls: the invisible and direction-changing characters a feed can send
never reach the archive or the screen, and everything else is kept as it was."""

from __future__ import annotations

import pytest

from newsdesk.text import blank_controls, clean_text

INVISIBLE = {
    "\u061c": "Arabic letter mark",
    "\u180e": "Mongolian vowel separator",
    "\u200e": "left-to-right mark",
    "\u202e": "right-to-left override",
    "\u2067": "right-to-left isolate",
    "\u206a": "inhibit symmetric swapping",
    "\ufff9": "interlinear annotation anchor",
    "\ufffa": "interlinear annotation separator",
    "\ufffb": "interlinear annotation terminator",
    "\ufeff": "byte-order mark",
}


@pytest.mark.parametrize("char", sorted(INVISIBLE), ids=lambda c: INVISIBLE[c])
def test_invisible_and_bidi_characters_are_stripped(char):
    assert clean_text(f"pay{char}load") == "payload"
    assert clean_text(f"pay{char}load", single_line=True) == "payload"
    assert blank_controls(f"pay{char}load") == "pay load"  # offsets kept


def test_line_and_paragraph_separators_become_line_breaks():
    assert clean_text("one\u2028two\u2029three") == "one\ntwo\n\nthree"
    assert clean_text("one\u2028two\u2029three", single_line=True) == "one two three"
    assert blank_controls("a\u2028b\u2029c") == "a b c"


def test_ordinary_text_is_kept_as_it_was():
    text = "Ünïcödé — “quotes”, 中文, עברית, العربية, emoji 🚀, [markup] & <html>"
    assert clean_text(text) == text
    assert clean_text("  a  \r\n\r\n\r\n  b \u00a0 c ") == "a\n\nb c"
    assert clean_text("\x1b]0;PWN\x07title \x1b[31mred\x9b2J") == "title red"
