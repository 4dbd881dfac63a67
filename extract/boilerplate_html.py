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
from newsdesk.extract.boilerplate_tree import BLOCK, Tree, fast_text, leaf_texts, rescue, text_of
from newsdesk.models import RemovedBlock

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LABELS = _HEADINGS | {"p", "div", "span", "strong", "b", "header", "legend", "figcaption", "dt"}
_CARDS = {"li", "div", "article", "section", "aside", "figure", "header", "footer", "dl", "dd"}
_BOXES = {"div", "ul", "ol", "section", "aside", "p", "nav", "footer", "header", "span"}
_CTA = re.compile(r"^\W*(?:subscribe|sign up|sign me up|join|join now|register|get (?:the )?newsletter|"
                  r"subscribe now|sign up now|(?:sign up|subscribe) (?:for free|today|here)|start (?:your )?"
                  r"free trial|try (?:it )?(?:for )?free|get access)\W*$", re.I)
_SHARE_HINT = re.compile(r"share|tweet|copy link|print|comment|e-?mail|follow|like this", re.I)


class _Pruner:
    def __init__(self, body, url: str | None) -> None:
        try:
            host = urlsplit(url).netloc.lower() if url else ""
        except ValueError:               # a malformed page URL: judge links as with no URL
            host = ""
        self.t = Tree(body, host)
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
                    any(c.tag in BLOCK for c in el if isinstance(c.tag, str)):
                continue
            text = fast_text(el)
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
                leaves = leaf_texts(el)
                if any(bl.is_time_line(x) for x in leaves) or bl.split_time_suffix(text) \
                        or any(bl.ELLIPSIS_END.search(x) for x in leaves):
                    self.cut(el, "byline" if _author_link(links[0]) else
                             "teaser card (headline link with a time or a cut-off line)")
                    continue
            if len(links) == 1 and not any(c.tag in BLOCK for c in el if isinstance(c.tag, str)) \
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


def _author_link(a) -> bool:
    href = (a.get("href") or "").lower()
    return a.get("rel") == "author" or any(
        part in href for part in ("/author/", "/authors/", "/user/", "/writer/", "/staff/", "/people/"))


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


def prune_tree(root, url: str | None = None) -> list[RemovedBlock]:
    """Cut widgets, teaser cards, sign-up boxes and share bars out of ``root`` (in place)."""
    body = root.find(".//body") if root.tag != "body" else root
    if body is None:
        return []
    rescue(body)
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
