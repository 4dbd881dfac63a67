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


def make_page(variant: int) -> str:
    rng = random.Random(variant)
    paragraphs = "\n".join(
        "<p>" + " ".join(_sentence(rng) for _ in range(rng.randint(3, 6))) + "</p>"
        for _ in range(rng.randint(8, 14))
    )
    teasers = "\n".join(
        f'<li><a href="/x/{rng.randint(0, 10**6)}.html">{_sentence(rng)[:70]}</a>'
        f"<p>{_sentence(rng)[:90]}…</p><span>{rng.randint(2, 59)} minutes ago</span></li>"
        for _ in range(12)
    )
    nav = "".join(f'<li><a href="/section/{w}">{w.title()}</a></li>' for w in WORDS[:40])
    script = "var cfg = " + json.dumps({f"k{i}": _sentence(rng) for i in range(180)}) + ";"
    css = "".join(f".c{i}{{margin:{i}px;padding:{i % 7}px;color:#{i:06x}}}" for i in range(1100))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{title}}</title>
<style>{css}</style><script>{script}</script>
<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", "headline": "{title}"})}</script>
</head><body><header><nav><ul>{nav}</ul></nav><div class="share">Share on X · Copy link</div></header>
<main><article><h1>{{title}}</h1><div class="byline">By Staff Writer</div>{paragraphs}</article>
<aside><h3>Recent Posts</h3><ul>{teasers}</ul></aside></main>
<section class="newsletter">Subscribe to our newsletter for daily AI news.</section>
<footer><p>© 2026 Bench Media. All rights reserved.</p><ul>{nav}</ul></footer></body></html>"""


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
