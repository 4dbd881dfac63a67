"""Boilerplate removal: what a site prints around its articles, cut from the article text.

trafilatura drops most page chrome, but a "Recent Posts" or "Related" widget rendered inside the
content column, a newsletter box between paragraphs, a wire's credit line or a teaser listed twice
come through as article text; feeds that carry the whole page carry all of it. Three layers, each
recording why it cut a block (``RemovedBlock.reason``, for ``newsdesk article ID --why``):

* ``prune_tree`` (boilerplate_html, measuring in boilerplate_tree): on the parsed page, before
  trafilatura: widgets under teaser headings, teaser cards, link lines, sign-up boxes, share
  bars, found by structure and wording.
* ``clean_paragraphs`` (boilerplate_text, line judgements in boilerplate_lines, vocabulary in
  boilerplate_patterns): on lines of text, after trafilatura or for a feed's ``content_html``
  flattened to text: teaser shapes, repeats and pull quotes, credit, copyright, cookie,
  newsletter and share lines, bylines, author bios, page header and footer.
* ``apply_host_memory`` (boilerplate_host): across one host's articles, with counts the pipeline
  keeps in the archive (``fingerprints_of`` says what to count, ``block_fingerprint`` how).

``extract_page`` runs the first two in the worker; the pipeline calls the others. The guard rails
that hold in every layer: a quote stays, long prose is never cut by a short-line rule, and of two
copies of a sentence the one inside the longer paragraph is the article. Rules are written for news
in general (English label words, CMS shapes), never for one site's strings or class names.

Pipeline use, per article of host H (``counts`` = distinct articles per (H, fingerprint)):

    lines = page.text.split("\\n")                # or html_to_text(content_html) lines, after
    lines, _ = clean_paragraphs(lines, title)     # clean_paragraphs (already done by extract_page)
    seen = {fp: counts[H, fp] for fp in fingerprints_of(lines)}     # other articles only
    lines, cut = apply_host_memory(lines, seen, other_titles_of_H, config.boilerplate)
    for fp in fingerprints_of(page_lines_before_host_memory): counts[H, fp] += 1
"""

from __future__ import annotations

from newsdesk.extract.boilerplate_host import apply_host_memory, block_fingerprint, fingerprints_of
from newsdesk.extract.boilerplate_html import prune_tree
from newsdesk.extract.boilerplate_text import clean_paragraphs

__all__ = ["apply_host_memory", "block_fingerprint", "clean_paragraphs", "fingerprints_of",
           "prune_tree"]
