"""A loopback site for the poll benchmark: many feeds over many ports, pages of realistic size.

Run as a separate process (``python benchmarks/bench_site.py FEEDS ITEMS HOSTS``) so its CPU is not
counted in the poller's process; prints one line of JSON with the feed URLs' base ports when ready.
Each "host" is a port on 127.0.0.1, so the poller's per-host limit of 2 behaves as with real sites.
Pages are ~100 KB like real news pages (the median of 181 real pages in perf-notes is 115 KB):
navigation, inline scripts and JSON-LD, an article of 8-14 paragraphs, teasers, footer.
"""

from __future__ import annotations

import json
import random
import sys
import threading
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = ("model lab chips training inference regulators investors startup benchmark parameters "
         "open weights release agency lawsuit funding round valuation data center power grid "
         "researchers safety evaluation deployment enterprise customers revenue quarter growth "
         "analysts policy export rules cloud capacity contract partnership acquisition talent "
         "engineers accuracy latency tokens context window reasoning agents robotics hardware").split()
NAMES = ["OpenAI", "Anthropic", "Nvidia", "Mistral AI", "DeepSeek", "Google DeepMind", "Meta",
         "Microsoft", "the European Commission", "the FTC", "Alibaba", "xAI"]
VARIANTS = 200


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 26))
    words.insert(rng.randint(0, 5), rng.choice(NAMES))
    if rng.random() < 0.4:
        words.insert(rng.randint(3, 10), f"{rng.randint(2, 900)} million")
    return " ".join(words).capitalize() + "."


def _menu(rng: random.Random, items: int) -> str:
    """A nested navigation menu: real pages carry hundreds of elements of it."""
    entries = []
    for i in range(items):
        sub = "".join(f'<li class="menu-item menu-item-{i}-{j}"><a class="menu-link" '
                      f'href="/section/{rng.choice(WORDS)}/{j}" data-track="nav-{i}-{j}">'
                      f'<span class="label">{rng.choice(WORDS).title()}</span></a></li>'
                      for j in range(6))
        entries.append(f'<li class="menu-item has-children"><a href="/s/{i}"><span>'
                       f'{rng.choice(WORDS).title()}</span></a><ul class="sub-menu">{sub}</ul></li>')
    return '<ul class="menu">' + "".join(entries) + "</ul>"


def _card(rng: random.Random) -> str:
    return (f'<div class="card teaser"><div class="card-media"><a href="/x/{rng.randint(0, 10**6)}">'
            f'<img src="/img/{rng.randint(0, 10**6)}.jpg" alt="" loading="lazy" width="300" '
            f'height="200"></a></div><div class="card-body"><span class="kicker">'
            f'{rng.choice(WORDS).title()}</span><h3 class="card-title"><a href="/x/'
            f'{rng.randint(0, 10**6)}.html">{_sentence(rng)[:70]}</a></h3><p class="dek">'
            f'{_sentence(rng)[:90]}…</p><div class="meta"><time>{rng.randint(2, 59)} minutes ago'
            f'</time><span class="comments">{rng.randint(0, 300)}</span></div></div></div>')


def _paragraph(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(3, 6)):
        sentence = _sentence(rng)
        if rng.random() < 0.3:
            words = sentence.split(" ")
            k = rng.randint(1, len(words) - 2)
            words[k] = f'<a href="/topic/{words[k].lower()}">{words[k]}</a>'
            sentence = " ".join(words)
        if rng.random() < 0.15:
            sentence = f"<em>{sentence}</em>"
        parts.append(sentence)
    return "<p>" + " ".join(parts) + "</p>"


def make_page(variant: int) -> str:
    """A page shaped like a real news page: ~100 KB and ~2,500 elements, most of them not article."""
    rng = random.Random(variant)
    paragraphs = "\n".join(_paragraph(rng) for _ in range(rng.randint(8, 14)))
    cards = "\n".join(_card(rng) for _ in range(46))
    script = "var cfg = " + json.dumps({f"k{i}": _sentence(rng) for i in range(60)}) + ";"
    css = "".join(f".c{i}{{margin:{i}px;padding:{i % 7}px;color:#{i:06x}}}" for i in range(600))
    share = "".join(f'<li><a class="share-{n}" href="#" aria-label="Share on {n}"><svg viewBox="0 0 '
                    f'24 24"><path d="M{n}"/></svg></a></li>' for n in ("x", "fb", "li", "mail", "copy"))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{title}}</title>
<style>{css}</style><script>{script}</script>
<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", "headline": "{title}"})}</script>
</head><body class="single post"><div id="page" class="site"><header class="site-header"><div
class="container"><nav class="primary">{_menu(rng, 14)}</nav></div></header>
<div class="ticker">{"".join(f"<span>{w.upper()} {rng.randint(1, 999)}</span>" for w in WORDS[:30])}</div>
<main class="content"><div class="row"><div class="col-main"><article class="post">
<header><h1 class="entry-title">{{title}}</h1><div class="byline"><span class="author">By Staff
Writer</span><time>2 hours ago</time></div><ul class="share">{share}</ul></header>
<div class="entry-content">{paragraphs}</div><footer><ul class="share">{share}</ul></footer>
</article><section class="related"><h2>Related</h2>{cards[: len(cards) // 2]}</section></div>
<aside class="col-side"><h3>Recent Posts</h3>{cards[len(cards) // 2:]}</aside></div></main>
<section class="newsletter">Subscribe to our newsletter for daily AI news.</section>
<footer class="site-footer"><p>© 2026 Bench Media. All rights reserved.</p>{_menu(rng, 10)}</footer>
</div></body></html>"""


PAGES = [make_page(v) for v in range(VARIANTS)]
START = datetime(2026, 11, 27, tzinfo=timezone.utc)


def page_for(feed: int, item: int) -> str:
    title = f"Bench story {feed}-{item}: {NAMES[(feed + item) % len(NAMES)]} update"
    return PAGES[(feed * 31 + item) % VARIANTS].replace("{title}", title)


def feed_for(feed: int, items: int, port: int) -> str:
    base = f"http://127.0.0.1:{port}"
    entries = []
    for item in range(items):
        when = format_datetime(START + timedelta(minutes=feed * items + item))
        entries.append(f"<item><title>Bench story {feed}-{item}: {NAMES[(feed + item) % len(NAMES)]} "
                       f"update</title><link>{base}/a/{feed}/{item}.html</link><guid>b-{feed}-{item}"
                       f"</guid><pubDate>{when}</pubDate><description>Summary of story {feed}-{item}"
                       "</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench feed '
            f"{feed}</title><link>{base}/</link>{''.join(entries)}</channel></rss>")


def main() -> None:
    feeds, items, hosts = (int(a) for a in sys.argv[1:4])

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            port = self.server.server_address[1]
            parts = self.path.strip("/").split("/")
            if parts[0] == "feed":
                body, ctype = feed_for(int(parts[1].split(".")[0]), items, port), "application/rss+xml"
            elif parts[0] == "a":
                body, ctype = page_for(int(parts[1]), int(parts[2].split(".")[0])), "text/html"
            else:
                self.send_error(404)
                return
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", f"{ctype}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Handler) for _ in range(hosts)]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ports = [s.server_address[1] for s in servers]
    urls = [f"http://127.0.0.1:{ports[f % hosts]}/feed/{f}.xml" for f in range(feeds)]
    print(json.dumps({"feeds": urls, "page_bytes": sum(map(len, PAGES)) // VARIANTS}), flush=True)
    sys.stdin.read()  # serve until the benchmark closes our stdin


if __name__ == "__main__":
    main()
