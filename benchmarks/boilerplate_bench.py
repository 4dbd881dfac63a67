"""Boilerplate benchmark: newsdesk vs trafilatura alone on the labeled set, and what it costs.

    python benchmarks/boilerplate_bench.py [--runs 3]

The labeled set and the metric live in tests/fixtures/boilerplate/boilerplate_labeled.py: every
sample-site article page (served on 127.0.0.1), the full-page feed items of the outlets whose
feeds carry them, and the hand-written hard pages. Per source it prints lines kept (boilerplate
left in) and lines lost (article paragraphs missing) for:

* trafilatura alone: ``trafilatura.extract(html)`` with its defaults (for feed items, on the
  ``content_html``);
* newsdesk in-page: ``extract_page`` (feed items: ``html_to_text`` then ``clean_paragraphs``);
* + host memory: in-page, then ``apply_host_memory`` with each host's items in order and a dict
  for the archive's counts, as the pipeline will run it;
* host memory alone: trafilatura's lines through host memory only (what the second layer catches
  by itself).

Then a sweep of ``host_min_articles``, and the time per page, trafilatura with the pipeline's
options vs ``extract_page``, on the sample pages and on the poll benchmark's ~100 KB pages.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "boilerplate"))

import boilerplate_labeled as labeled

from newsdesk.config import BoilerplateConfig


def _host_memory(pages, outputs, config=None):
    out = {}
    for kind in ("page", "feed"):
        subset = [p for p in pages if p.kind == kind]
        done = labeled.with_host_memory(subset, {p.url: outputs[p.url + kind] for p in subset},
                                        config)
        out.update({url + kind: lines for url, lines in done.items()})
    return out


def _totals(pages, outputs):
    rows = defaultdict(lambda: [0, 0, 0])
    for page in pages:
        result = labeled.score(page, outputs[page.url + page.kind])
        row = rows[page.source]
        row[0] += 1
        row[1] += len(result.kept)
        row[2] += len(result.lost)
    return rows


def _timing(docs: list[tuple[str, str, str]], runs: int) -> tuple[float, float]:
    """ms per page, bare trafilatura (the pipeline's options) vs extract_page: the fastest of
    RUNS interleaved passes (other processes on the machine only ever add time)."""
    import trafilatura

    from newsdesk.extract import boilerplate_lines
    from newsdesk.extract.page import extract_page

    bare, ours = [], []
    for _ in range(runs):
        start = time.perf_counter()
        for html, url, _title in docs:
            trafilatura.extract(html, url=url, include_comments=False, include_tables=True)
        bare.append((time.perf_counter() - start) / len(docs) * 1000)
        boilerplate_lines.clear_caches()     # a worker meets each page once
        start = time.perf_counter()
        for html, url, title in docs:
            extract_page(html, url, title)
        ours.append((time.perf_counter() - start) / len(docs) * 1000)
    return min(bare), min(ours)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    pages = labeled.labeled_set()
    key = [p.url + p.kind for p in pages]
    traf = dict(zip(key, (labeled.trafilatura_lines(p) for p in pages)))
    ours = dict(zip(key, (labeled.newsdesk_lines(p) for p in pages)))
    columns = {
        "trafilatura": _totals(pages, traf),
        "newsdesk in-page": _totals(pages, ours),
        "+ host memory": _totals(pages, _host_memory(pages, ours)),
        "host memory alone": _totals(pages, _host_memory(pages, traf)),
    }
    names = list(columns)
    print(f"{'source':<24}{'pages':>6}" + "".join(f"{n:>20}" for n in names))
    print(f"{'':<30}" + "".join(f"{'kept / lost':>20}" for _ in names))
    sums = {n: [0, 0] for n in names}
    for source in dict.fromkeys(p.source for p in pages):
        count = columns[names[0]][source][0]
        cells = []
        for n in names:
            _, kept, lost = columns[n][source]
            sums[n][0] += kept
            sums[n][1] += lost
            cells.append(f"{kept:>13} / {lost:<4}")
        print(f"{source:<24}{count:>6}" + "".join(cells))
    print(f"{'total':<24}{len(pages):>6}" + "".join(f"{k:>13} / {v:<4}" for k, v in sums.values()))

    print("\nhost_min_articles sweep (kept / lost, whole set):")
    for n in (2, 3, 4, 5):
        config = BoilerplateConfig(host_min_articles=n)
        alone = _totals(pages, _host_memory(pages, traf, config))
        full = _totals(pages, _host_memory(pages, ours, config))
        a = [sum(r[i] for r in alone.values()) for i in (1, 2)]
        f = [sum(r[i] for r in full.values()) for i in (1, 2)]
        print(f"  {n}: host memory alone {a[0]:>4} / {a[1]:<3}  in-page + host memory {f[0]:>3} / {f[1]}")

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_site  # the poll benchmark's ~100 KB pages: menus, scripts, teaser cards

    sets = {
        "sample pages (~8 KB)": [(p.html, p.url, p.title) for p in pages
                                 if p.source.startswith("sample ") and p.kind == "page"],
        "bench_site pages (~100 KB)": [(bench_site.make_page(v), f"http://bench.example/a/{v}",
                                        "A headline") for v in range(40)],
    }
    print(f"\ntime per page (fastest of {args.runs} passes):")
    for name, docs in sets.items():
        bare_ms, ours_ms = _timing(docs, args.runs)
        print(f"  {name:<28} trafilatura {bare_ms:5.1f} ms   extract_page {ours_ms:5.1f} ms   "
              f"added {ours_ms - bare_ms:4.1f} ms   x{ours_ms / bare_ms:.2f}")


if __name__ == "__main__":
    main()
