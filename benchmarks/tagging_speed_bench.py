"""Tagging speed: what entity and figure tagging add to the cost of extracting an article.

    python benchmarks/tagging_speed_bench.py [--articles 1000] [--runs 3]

Serves the sample site on 127.0.0.1 (``SampleSite``), fetches its 64 article pages, and varies them
into ``--articles`` distinct pages: variant k of a page has its paragraphs' contents shuffled and
the digits in their text shifted by k, so no two extracted texts are alike (no cache helps) while
size, markup and prose stay real. Then, per run:

* extraction: ``trafilatura.extract(html, url=url, include_comments=False, include_tables=True)``
  (bare trafilatura with the pipeline's options) over every page;
* tagging: ``tag_entities(text, title, knowledge)`` + ``tag_figures(text, entities)`` over the text
  extraction gave (knowledge loaded once, before timing, as a worker would).

Prints articles/s for each, the median of ``--runs`` runs, and the ratio tagging / extraction
(target: tagging adds at most 20% to extraction).

Sample-site pages are small (~7 KB; real news pages median ~115 KB, perf-notes), so extraction is
cheaper on them than in production. A second pass puts the same varied articles into the poll
benchmark's ~100 KB page chrome and measures again (``--no-real-size`` skips it).
"""

from __future__ import annotations

import argparse
import html as html_lib
import random
import re
import statistics
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET_RATIO = 0.20
_P = re.compile(r"(<p\b[^>]*>)(.*?)(</p>)", re.DOTALL)
_TEXT = re.compile(r"(>|^)([^<]+)")


def _shift_digits(fragment: str, k: int) -> str:
    """Shift every digit outside tags by k (mod 10): 24,000 -> 46,222 for k=2."""
    def text(m: re.Match) -> str:
        return m.group(1) + re.sub(r"\d", lambda d: str((int(d.group()) + k) % 10), m.group(2))
    return _TEXT.sub(text, fragment)


def _plain(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def vary(html: str, k: int, paragraphs: frozenset[str]) -> str:
    """Variant k of a page: the article's paragraphs shuffled among their places and their digits
    shifted by k; the page's chrome is left alone, so extraction meets the same structure."""
    if k == 0:
        return html
    bodies = [m.group(2) for m in _P.finditer(html) if _plain(m.group(2)) in paragraphs]
    random.Random(k).shuffle(bodies)
    it = iter(bodies)

    def swap(m: re.Match) -> str:
        if _plain(m.group(2)) not in paragraphs:
            return m.group(0)
        return m.group(1) + _shift_digits(next(it), k % 10 or 1) + m.group(3)

    return _P.sub(swap, html)


def fetch_pages() -> list[tuple[str, str, str, frozenset[str]]]:
    from newsdesk.sample_site import SampleSite, load_content

    content = load_content()
    pages = []
    with SampleSite(host="127.0.0.1", port=0) as site:
        for article in content.articles:
            url = site.url(article.path)
            with urllib.request.urlopen(url, timeout=10) as response:
                pages.append((response.read().decode("utf-8"), url, article.display_title,
                              frozenset(" ".join(p.split()) for p in article.paragraphs)))
    return pages


def build(n: int) -> list[tuple[str, str, str]]:
    pages = fetch_pages()
    docs = []
    for i in range(n):
        html, url, title, paragraphs = pages[i % len(pages)]
        k = i // len(pages)
        docs.append((vary(html, k, paragraphs), f"{url}?v={k}", title))
    return docs


_ENTRY = re.compile(r'(<div class="entry-content">).*?(</div>)', re.DOTALL)


def real_size(docs: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The same articles inside the poll benchmark's ~100 KB page chrome (navigation, inline CSS and
    scripts, 46 teasers: benchmarks/bench_site.py), the size of real news pages."""
    import bench_site

    out = []
    for i, (html, url, title) in enumerate(docs):
        article = html[html.find("<article"):html.rfind("</article>")]
        body = "".join(m.group(0) for m in _P.finditer(article))
        shell = bench_site.PAGES[i % bench_site.VARIANTS].replace("{title}", html_lib.escape(title))
        page = _ENTRY.sub(lambda m, body=body: m.group(1) + body + m.group(2), shell, count=1)
        out.append((page, url, title))
    return out


def measure(docs, runs: int, knowledge, label: str) -> float:
    import trafilatura

    from newsdesk.extract.entities import tag_entities
    from newsdesk.extract.figures import tag_figures

    sizes = sorted(len(html) for html, _, _ in docs)
    texts = [(trafilatura.extract(html, url=url, include_comments=False, include_tables=True) or "",
              title) for html, url, title in docs]
    words = sorted(len(t.split()) for t, _ in texts)
    print(f"\n{label}: {len(docs)} pages, median {sizes[len(sizes) // 2] / 1000:.1f} KB, median "
          f"extracted text {words[len(words) // 2]} words, "
          f"{len({t for t, _ in texts})} distinct texts")
    for text, title in texts[:20]:                                   # warm up regexes and caches
        tag_figures(text, tag_entities(text, title, knowledge=knowledge))

    extract_s, tag_s, ent_s = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        for html, url, _title in docs:
            trafilatura.extract(html, url=url, include_comments=False, include_tables=True)
        extract_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        ent_time = 0.0
        for text, title in texts:
            t0 = time.perf_counter()
            tags = tag_entities(text, title, knowledge=knowledge)
            ent_time += time.perf_counter() - t0
            tag_figures(text, tags)
        tag_s.append(time.perf_counter() - start)
        ent_s.append(ent_time)

    n = len(docs)
    ext, tag, ent = (statistics.median(x) for x in (extract_s, tag_s, ent_s))
    print(f"{'':<34}{'articles/s':>12}{'ms/article':>12}   runs (s)")
    print(f"{'trafilatura.extract':<34}{n / ext:>12.0f}{ext / n * 1000:>12.3f}   "
          + " ".join(f"{x:.2f}" for x in extract_s))
    print(f"{'tag_entities + tag_figures':<34}{n / tag:>12.0f}{tag / n * 1000:>12.3f}   "
          + " ".join(f"{x:.2f}" for x in tag_s))
    print(f"{'  of which tag_entities':<34}{n / ent:>12.0f}{ent / n * 1000:>12.3f}")
    print(f"{'  of which tag_figures':<34}{n / (tag - ent):>12.0f}{(tag - ent) / n * 1000:>12.3f}")
    ratio = tag / ext
    print(f"tagging adds {ratio:.1%} to extraction (target <= {TARGET_RATIO:.0%}): "
          f"{'met' if ratio <= TARGET_RATIO else 'NOT MET'}")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-real-size", action="store_true",
                        help="skip the second pass with the articles in ~100 KB pages")
    args = parser.parse_args()

    from newsdesk.extract.entities import load_knowledge

    docs = build(args.articles)
    start = time.perf_counter()
    knowledge = load_knowledge()
    print(f"load_knowledge: {(time.perf_counter() - start) * 1000:.0f} ms "
          "(once per worker, not counted)")
    measure(docs, args.runs, knowledge, "Sample-site pages as served")
    if not args.no_real_size:
        measure(real_size(docs), args.runs, knowledge,
                "The same articles in ~100 KB page chrome (bench_site.py)")


if __name__ == "__main__":
    main()
