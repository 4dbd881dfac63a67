"""One measuring pass over a parsed page, and the text helpers the tree pruning shares.

``Tree`` counts words, link words and prose paragraphs under every element of ``<body>`` once
(children before parents), so the pruning rules can ask "does this box hold any prose?" or "is
this a headline link?" without walking the tree again. ``rescue`` keeps two kinds of article text
that trafilatura would drop on its own. Nothing here removes anything.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsdesk.extract import boilerplate_lines as bl

SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head"}
BLOCK = {"p", "div", "li", "ul", "ol", "section", "article", "aside", "header", "footer", "figure",
          "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "dl", "dd",
          "dt", "nav", "main", "form", "details", "pre", "figcaption", "center"}
_ARTICLE_PATH = re.compile(r"(?:[a-z0-9]+[-_]){2,}[a-z0-9]+|/\d{4}/\d{1,2}/|\d{5,}", re.I)


class Tree:
    """Words, link words and prose paragraphs under every element of ``<body>``, measured once."""

    def __init__(self, body, host: str) -> None:
        self.host = host
        self.words: dict = {}
        self.link_words: dict = {}
        self.prose: dict = {}
        self.h1: set = set()
        self._measure(body)

    def _measure(self, body) -> None:
        words, links, prose, h1 = self.words, self.link_words, self.prose, self.h1
        block, skip, ends = BLOCK, SKIP, bl.ends_sentence
        for el in reversed(list(body.iter())):     # children before their parents
            tag = el.tag
            if tag.__class__ is not str or tag in skip:
                words[el] = links[el] = prose[el] = 0
                continue
            text = el.text
            n, ln, pr, block_kid, has_h1 = len(text.split()) if text else 0, 0, 0, False, tag == "h1"
            for c in el:
                tail = c.tail
                n += words[c] + (len(tail.split()) if tail else 0)
                ln += links[c]
                pr += prose[c]
                if c.tag in block:
                    block_kid = True
                if c in h1:
                    has_h1 = True
            if tag == "a":
                ln = n
            if n >= 20 and tag in block and not block_kid and ln < n / 2 \
                    and ends(el.text_content()[-12:]):
                pr += 1
            words[el], links[el], prose[el] = n, ln, pr
            if has_h1:
                h1.add(el)

    def prose_outside(self, parent, inner) -> int:
        return self.prose.get(parent, 0) - self.prose.get(inner, 0)

    def headline_links(self, el) -> list:
        """Links that stand alone (not inside a sentence) with a headline's worth of words."""
        found = []
        for a in el.iter("a"):
            words = self.words.get(a, 0)
            if words < 3 or words > 30:
                continue
            before = (a.getprevious().tail if a.getprevious() is not None else a.getparent().text) or ""
            after = a.tail or ""
            if before.strip().rstrip(":|\u00bb\u203a>\u2013\u2014-").strip() == "" \
                    and len(after.split()) <= 4:
                found.append(a)
        return found

    def same_site_article(self, a) -> bool:
        href = a.get("href") or ""
        try:
            parts = urlsplit(href)
        except ValueError:               # "http://[bad/x" (Invalid IPv6 URL): no article of ours
            return False
        if parts.netloc and self.host and parts.netloc.lower() != self.host:
            return False
        return bool(_ARTICLE_PATH.search(parts.path or ""))


def text_of(el) -> str:
    """The element's text, whitespace collapsed (a space at every tag: "<li>A</li><li>B</li>" must
    not read "AB")."""
    return " ".join(" ".join(el.itertext()).split())


def fast_text(el) -> str:
    """Like ``text_of`` but gathered by lxml in C: adjacent tags run together, fine for a label."""
    return " ".join(el.text_content().split())


def leaf_texts(el) -> list[str]:
    """Texts of the smallest text-bearing pieces (for "is one of them a time / a cut-off line")."""
    out = []
    for node in el.iter():
        if isinstance(node.tag, str) and node.tag not in SKIP and node.text and node.text.strip():
            out.append(node.text.strip())
        if node is not el and node.tail and node.tail.strip():
            out.append(node.tail.strip())
    return out


def rescue(body) -> None:
    """Keep two kinds of article text that trafilatura drops on its own.

    A live blog's entry time (a ``<time>`` that is a whole block) is discarded with every
    ``<time>``; when a page has two or more such clock-only stamps (a live blog, not one
    article's publication time) they become ``<span>``. A list item or table cell reading just "Google", "Mail" or
    "PDF" matches trafilatura's share-button filter; when its siblings show it is a real list (not
    all of them match), a zero-width space defeats the filter (``clean_text`` removes it later).
    """
    try:
        from trafilatura.utils import RE_FILTER   # an internal: without it, skip that rescue
    except ImportError:
        RE_FILTER = None

    stamps = []
    for el in body.iter("time"):
        parent = el.getparent()
        text = text_of(el)
        if parent is not None and bl.CLOCK_LINE.match(text) and text_of(parent) == text:
            stamps.append(el)
    if len(stamps) >= 2:
        for el in stamps:
            el.tag = "span"
    if RE_FILTER is None:
        return
    for el in body.iter("li", "td", "th", "dd"):
        raw = el.text_content()
        if len(raw) > 40:
            continue
        text = raw.strip()
        parent = el.getparent()
        if not text or not RE_FILTER.match(text) or parent is None:
            continue
        if any(RE_FILTER.match(text_of(s)) is None for s in parent if s is not el and text_of(s)) \
                or (parent.tag == "tr" and len(parent) > 1):
            leaf = next((n for n in el.iter() if n.text and n.text.strip()), None)
            if leaf is not None:
                leaf.text = leaf.text.rstrip() + "\u200b"
