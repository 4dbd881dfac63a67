"""Make untrusted text safe to store and show: no control, escape or bidi characters.

Every string that comes from a feed or a page passes through ``clean_text`` before it is stored.
Textual and Rich strip only a handful of control characters, so this is where ESC, OSC, CSI, C1 and
bidi overrides die. Markup brackets are left alone: rendering them literally is the display's job.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# C0 except tab and newline, DEL, C1 (which covers 8-bit CSI \x9b), bidi marks (LRM, RLM, the Arabic
# letter mark U+061C), embeddings/overrides/isolates, zero-width joiners used for spoofing, the
# Mongolian vowel separator (invisible), the deprecated format characters U+206A-206F, the
# interlinear annotation marks U+FFF9-FFFB, BOM, lone surrogates, and the line and paragraph
# separators U+2028/2029 (a terminal does not break on them; ``clean_text`` makes them a line
# break and a paragraph break first).
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
_LINE_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n\n"})
# An escape sequence's payload is gone with its ESC byte, but "]0;PWN" would stay as junk: drop the
# whole OSC/CSI sequence first.
_ESCAPE_SEQ = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b\[[0-9;?]*[ -/]*[@-~]|\x9b[0-9;?]*[ -/]*[@-~]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def clean_text(value: str | None, *, single_line: bool = False) -> str:
    """Strip escape sequences and control/bidi characters; normalise whitespace."""
    if not value:
        return ""
    value = value.replace("\r\n", "\n").translate(_LINE_BREAKS)
    value = _ESCAPE_SEQ.sub("", value)
    value = _CONTROL.sub("", value)
    if single_line:
        return _SPACES.sub(" ", value.replace("\n", " ")).strip()
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def blank_controls(value: str) -> str:
    """Each control, escape or bidi character replaced by a space: for text whose character
    offsets matter (a snippet with the spans of its matched words)."""
    return _CONTROL.sub(" ", value)


class _TextCollector(HTMLParser):
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
              "section", "article", "ul", "ol", "table", "pre", "figure", "header", "footer"}
    _SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str | None) -> str:
    """Plain text of an HTML fragment (a feed summary): tags dropped, entities decoded, cleaned."""
    if not markup:
        return ""
    if "<" not in markup:
        return clean_text(html.unescape(markup))
    collector = _TextCollector()
    try:
        collector.feed(markup)
        collector.close()
    except Exception:  # HTMLParser is lenient; a failure here must not lose the entry
        return clean_text(re.sub(r"<[^>]*>", " ", markup))
    return clean_text("".join(collector.parts))
