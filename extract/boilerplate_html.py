"""Prune page chrome from the parsed lxml tree before trafilatura reads it.

trafilatura drops most navigation, but a widget set inside the content column comes through as
article text, and in text alone a teaser card is only a guess. In the tree it is plain to see: a
box whose one standalone link is a headline, next to "3 hours ago" or a first line cut off with
"...". This module finds such boxes by structure and wording, never by class names, so it works the
same on a site that names its teaser ``c-x7f2``:

* widgets under a heading such as "Related" or "Most read" (and author boxes under "About ..."),
* teaser cards (a headline link plus a relative time or a cut-off snippet), link lines, and runs of
  sibling cards that link to other articles of the same site,
* newsletter and subscription boxes (a sign-up form or button), share bars.

One measuring pass counts words, link words and prose paragraphs under every element; a container
is grown from an anchor (a heading, a sign-up button) only while it takes in no paragraph of prose,
so the article body is never inside what is cut. The tree is changed in place and each cut is
returned as a RemovedBlock. It will not parse HTML (the caller parses once and hands trafilatura
the same tree) and it will not touch anything outside ``<body>``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsdesk.extract import boilerplate_lines as bl
from newsdesk.models import RemovedBlock

_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head"}
_BLOCK = {"p", "div", "li", "ul", "ol", "section", "article", "aside", "header", "footer", "figure",
          "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "dl", "dd",
          "dt", "nav", "main", "form", "details", "pre", "figcaption", "center"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LABELS = _HEADINGS | {"p", "div", "span", "strong", "b", "header", "legend", "figcaption", "dt"}
_CARDS = {"li", "div", "article", "section", "aside", "figure", "header", "footer", "dl", "dd"}
_BOXES = {"div", "ul", "ol", "section", "aside", "p", "nav", "footer", "header", "span"}
_CTA = re.compile(r"^\W*(?:subscribe|sign up|sign me up|join|join now|register|get (?:the )?newsletter|"
                  r"subscribe now|sign up now|(?:sign up|subscribe) (?:for free|today|here)|start (?:your )?"
                  r"free trial|try (?:it )?(?:for )?free|get access)\W*$", re.I)
_SHARE_HINT = re.compile(r"share|tweet|copy link|print|comment|e-?mail|follow|like this", re.I)
_ARTICLE_PATH = re.compile(r"(?:[a-z0-9]+[-_]){2,}[a-z0-9]+|/\d{4}/\d{1,2}/|\d{5,}", re.I)


class _Tree:
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
        block, skip, ends = _BLOCK, _SKIP, bl.ends_sentence
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
        parts = urlsplit(href)
        if parts.netloc and self.host and parts.netloc.lower() != self.host:
            return False
        return bool(_ARTICLE_PATH.search(parts.path or ""))


def _count(text: str | None) -> int:
    return len(text.split()) if text else 0


def text_of(el) -> str:
    """The element's text, whitespace collapsed (a space at every tag: "<li>A</li><li>B</li>" must
    not read "AB")."""
    return " ".join(" ".join(el.itertext()).split())


def _fast_text(el) -> str:
    """Like ``text_of`` but gathered by lxml in C: adjacent tags run together, fine for a label."""
    return " ".join(el.text_content().split())


def _leaf_texts(el) -> list[str]:
    """Texts of the smallest text-bearing pieces (for "is one of them a time / a cut-off line")."""
    out = []
    for node in el.iter():
        if isinstance(node.tag, str) and node.tag not in _SKIP and node.text and node.text.strip():
            out.append(node.text.strip())
        if node is not el and node.tail and node.tail.strip():
            out.append(node.tail.strip())
    return out


class _Pruner:
    def __init__(self, body, url: str | None) -> None:
        host = (urlsplit(url).netloc.lower() if url else "")
        self.t = _Tree(body, host)
        self.body = body
        self.cuts: dict = {}             # element -> reason, in the order found

    def cut(self, el, reason: str) -> None:
        if el in self.t.h1 or el is self.body or self.t.prose.get(el, 0) > 1 or self.is_cut(el):
            return
        self.cuts[el] = reason

    def is_cut(self, el) -> bool:
        return el in self.cuts or any(a in self.cuts for a in el.iterancestors())

    def grow(self, el, limit: int = 400):
        """The largest box around ``el`` that takes in no prose paragraph and no headline."""
        box = el
        while True:
            parent = box.getparent()
            if parent is None or parent is self.body or parent.tag in ("body", "html"):
                return box
            if self.t.prose_outside(parent, box) > 0 or parent in self.t.h1 \
                    or self.t.words.get(parent, 0) > limit:
                return box
            box = parent

    def headings(self) -> None:
        for el in self.body.iter(*_LABELS):
            words = self.t.words.get(el, 0)
            if not 1 <= words <= 8 or el in self.t.h1:
                continue
            parent = el.getparent()
            if parent is not None and parent.tag == "a":   # a teaser's title, or a menu label
                continue
            if el.tag not in _HEADINGS and el.get("role") != "heading" and \
                    any(c.tag in _BLOCK for c in el if isinstance(c.tag, str)):
                continue
            text = _fast_text(el)
            if bl.teaser_heading(text):
                self._widget(el, f"teaser list (heading '{text.rstrip(':')}')")
            elif bl.author_heading(text):
                self._author_box(el)

    def _widget(self, heading, reason: str) -> None:
        box = self.grow(heading)
        if box is not heading and self.t.words.get(box, 0) > self.t.words.get(heading, 0):
            self.cut(box, reason)
            return
        taken = []   # the heading sits among article paragraphs: take the cards that follow it
        for sib in heading.itersiblings():
            if not isinstance(sib.tag, str) or sib.tag in _HEADINGS or self.t.prose.get(sib, 0):
                break
            if not self.t.headline_links(sib) and not bl.is_time_line(text_of(sib)):
                break
            taken.append(sib)
        if taken:
            for el in [heading, *taken]:
                self.cut(el, reason)

    def _author_box(self, heading) -> None:
        parent = heading.getparent()
        if parent is not None and parent is not self.body and self.t.prose.get(parent, 0) <= 1 \
                and self.t.words.get(parent, 0) <= 130 and len(parent) <= 4:
            self.cut(self.grow(parent, 130), "author box")
            return
        nxt = heading.getnext()
        if nxt is not None and self.t.words.get(nxt, 0) <= 90 and not bl.protected(text_of(nxt)):
            self.cut(heading, "author box")
            self.cut(nxt, "author box")

    def sign_up_boxes(self) -> None:
        anchors = [el for el in self.body.iter("form") if any(
            "mail" in (i.get("type", "") + i.get("name", "") + i.get("placeholder", "")).lower()
            for i in el.iter("input"))]
        anchors += [el for el in self.body.iter("a", "button")
                    if self.t.words.get(el, 0) <= 6 and _CTA.match(el.text_content())]
        for anchor in anchors:
            box = self.grow(anchor, 120)
            text = text_of(box)
            if anchor.tag == "form" or bl.chrome_reason(text) == "newsletter/subscribe prompt":
                self.cut(box, "newsletter/subscribe box")

    def cards_and_bars(self) -> None:
        words_of, links_of = self.t.words, self.t.link_words
        for el in self.body.iter(*(_CARDS | _BOXES)):
            words = words_of.get(el, 0)
            if not words or words > 60:
                continue
            link_words = links_of.get(el, 0)
            if words <= 24 and el.tag in _BOXES and (link_words or el.find(".//button") is not None) \
                    and _SHARE_HINT.search(el.text_content()) and bl.share_line(text_of(el)):
                self.cut(el, "share bar")
                continue
            if link_words < 3 or el in self.t.h1 or self.is_cut(el):
                continue
            links = self.t.headline_links(el)
            if not links:
                continue
            text = text_of(el)
            if el.tag in _CARDS and len(links) == 1 and self.t.prose.get(el, 0) <= 1:
                leaves = _leaf_texts(el)
                if any(bl.is_time_line(x) for x in leaves) or bl.split_time_suffix(text) \
                        or any(bl.ELLIPSIS_END.search(x) for x in leaves):
                    self.cut(el, "teaser card (headline link with a time or a cut-off line)")
                    continue
            if len(links) == 1 and not any(c.tag in _BLOCK for c in el if isinstance(c.tag, str)) \
                    and self.t.link_words[el] >= 0.7 * words and words >= 4 \
                    and (self.t.same_site_article(links[0]) or bl.chrome_reason(text)):
                self.cut(el, "link line to another article")

    def sibling_cards(self) -> None:
        """Two or more sibling boxes built alike, each one headline link to this site."""
        for parent in self.body.iter(*(_CARDS | {"ul", "ol", "main", "body"})):
            groups: dict[tuple, list] = {}
            for child in parent:
                if isinstance(child.tag, str) and child.tag in _CARDS \
                        and self.t.link_words.get(child, 0) >= 3:
                    sig = (child.tag, child.get("class", ""),
                           tuple(c.tag for c in child if isinstance(c.tag, str)))
                    groups.setdefault(sig, []).append(child)
            for items in groups.values():
                if len(items) >= 2 and all(self._card_like(c) for c in items):
                    for c in items:
                        self.cut(c, "teaser cards (sibling links to other articles)")

    def _card_like(self, el) -> bool:
        words = self.t.words.get(el, 0)
        links = self.t.headline_links(el)
        return 0 < words <= 60 and len(links) == 1 and self.t.prose.get(el, 0) == 0 \
            and self.t.words[links[0]] >= 0.3 * words and self.t.same_site_article(links[0])


def _drop(el) -> None:
    """Remove ``el`` but keep its tail text, which belongs to the parent."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _rescue(body) -> None:
    """Keep two kinds of article text that trafilatura drops on its own.

    A live blog's entry time (a ``<time>`` that is a whole block) is discarded with every
    ``<time>``; it becomes a ``<span>``. A list item or table cell reading just "Google", "Mail" or
    "PDF" matches trafilatura's share-button filter; when its siblings show it is a real list (not
    all of them match), a zero-width space defeats the filter (``clean_text`` removes it later).
    """
    from trafilatura.utils import RE_FILTER

    for el in list(body.iter("time")):
        parent = el.getparent()
        text = text_of(el)
        if parent is not None and bl.CLOCK_LINE.match(text) and text_of(parent) == text:
            el.tag = "span"
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


def prune_tree(root, url: str | None = None) -> list[RemovedBlock]:
    """Cut widgets, teaser cards, sign-up boxes and share bars out of ``root`` (in place)."""
    body = root.find(".//body") if root.tag != "body" else root
    if body is None:
        return []
    _rescue(body)
    pruner = _Pruner(body, url)
    pruner.headings()
    pruner.sign_up_boxes()
    pruner.cards_and_bars()
    pruner.sibling_cards()
    removed = []
    for el, reason in pruner.cuts.items():
        if any(a in pruner.cuts for a in el.iterancestors()):
            continue                      # inside a larger cut found later
        text = text_of(el)
        _drop(el)
        if text:
            removed.append(RemovedBlock(text, reason))
    return removed
