"""The real pipeline against the sample site on loopback, into real SQLite files."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsdesk.config import Config, ExtractConfig, PollConfig
from newsdesk.pipeline import run_poll
from newsdesk.sample_site import load_content
from newsdesk.store import open_archive

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
CONFIG = Config(poll=PollConfig(connect_timeout=2, read_timeout=2, deadline=5))


@pytest.fixture(scope="module")
def polled(site, tmp_path_factory):
    """One full poll of the sample site, shared by the read-only assertions below."""
    db = tmp_path_factory.mktemp("polled") / "a.db"
    with open_archive(db) as archive:
        for url in site.feed_urls:
            archive.add_feed(url, now=NOW)
        report = run_poll(archive, CONFIG, now=NOW)
        articles = archive.list_articles()
        feeds = archive.list_feeds()
    return db, report, articles, feeds


def test_every_sample_article_lands_with_its_page_text(polled):
    _, report, articles, feeds = polled
    content = load_content()
    assert not report.failed
    assert len(articles) == len(content.articles)
    assert all(f.status == "ok" and f.last_success == NOW for f in feeds)
    extracted = 0
    for truth in content.articles:
        stored = next((a for a in articles if a.url.endswith(truth.slug + ".html")), None)
        assert stored is not None, truth.slug
        if stored.extraction == "ok":
            extracted += 1
            # the article's own paragraphs survive extraction (boilerplate removal comes later)
            assert truth.paragraphs[0][:60] in stored.text
            assert truth.paragraphs[-1][:60] in stored.text
    assert extracted >= 0.9 * len(content.articles)


def test_stored_text_has_no_control_or_bidi_characters(polled):
    _, _, articles, _ = polled
    bad = {chr(c) for c in list(range(0, 9)) + list(range(11, 32)) + list(range(0x7F, 0xA0))}
    bad |= {"\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069"}
    for a in articles:
        for value in (a.title, a.text, a.feed_summary, a.source, a.author or ""):
            assert not (set(value) & bad), (a.url, value[:80])


def test_second_poll_is_conditional_and_adds_nothing(site, polled, tmp_path):
    db, *_ = polled
    later = NOW + timedelta(hours=2)
    with open_archive(db) as archive:
        before = archive.count_articles()
        pages_before = sum(site.requests(p) for p in _page_paths(archive))
        report = run_poll(archive, CONFIG, now=later)
        assert report.new_articles == 0
        assert all(f.not_modified for f in report.feeds)
        assert archive.count_articles() == before
        assert sum(site.requests(p) for p in _page_paths(archive)) == pages_before


def _page_paths(archive):
    from urllib.parse import urlsplit
    return [urlsplit(a.url).path for a in archive.list_articles()]


def test_not_due_feeds_are_not_polled(site, polled):
    db, *_ = polled
    with open_archive(db) as archive:
        report = run_poll(archive, CONFIG, now=NOW + timedelta(minutes=5))
    assert report.feeds == ()


class _Handler(BaseHTTPRequestHandler):
    """A feed whose item links point at a private address and at a page that 500s."""

    hits: dict[str, int] = {}
    private_port = 0

    def log_message(self, *args):
        pass

    def do_GET(self):
        _Handler.hits[self.path] = _Handler.hits.get(self.path, 0) + 1
        if self.path == "/feed.xml":
            body = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Edge</title>
<item><title>Private link</title><link>http://127.0.0.2:{_Handler.private_port}/secret</link>
<guid>a</guid><description>Summary kept when the page is refused.</description></item>
<item><title>Broken page</title><link>/broken</link><guid>b</guid>
<description>The feed's own words.</description></item>
<item><title>Script link</title><link>javascript:alert(1)</link><guid>c</guid></item>
<item><title>Deep page</title><link>/deep</link><guid>d</guid><description>Deep.</description></item>
<item><title>Huge table</title><link>/huge-table</link><guid>e</guid>
<description>Table.</description></item>
</channel></rss>""".encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
        elif self.path == "/deep":  # reliability row 27: pathological pages
            body = b"<html><body>" + b"<div>" * 100_000 + b"deep text" + b"</div>" * 100_000
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
        elif self.path == "/huge-table":
            row = b'<tr><td colspan="9007199254740991">cell</td></tr>'
            body = b"<html><body><table>" + row * 200_000 + b"</table></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
        elif self.path == "/broken":
            body = b"oops"
            self.send_response(500)
        else:
            body = b"not here"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def edge_server():
    # A second server on 127.0.0.2 stands for the user's private network: it must get no request.
    servers = [ThreadingHTTPServer((host, 0), _Handler) for host in ("127.0.0.1", "127.0.0.2")]
    _Handler.private_port = servers[1].server_address[1]
    _Handler.hits = {}
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{servers[0].server_address[1]}"
    for server in servers:
        server.shutdown()


def test_refused_and_failed_pages_fall_back_to_feed_text(edge_server, site, db_path):
    config = Config(poll=CONFIG.poll, extract=ExtractConfig(timeout=5))
    with open_archive(db_path) as archive:
        report = run_poll(archive, config, now=NOW,
                          feed_urls=[edge_server + "/feed.xml", site.feed_urls[0],
                                     "http://127.0.0.1:9/refused.xml"])
        articles = {a.title: a for a in archive.list_articles()}
        feeds = {f.url: f for f in archive.list_feeds()}
    # the feed on a closed port failed; the others went on
    assert [f.feed_url for f in report.failed] == ["http://127.0.0.1:9/refused.xml"]
    assert feeds["http://127.0.0.1:9/refused.xml"].consecutive_errors == 1
    assert feeds[site.feed_urls[0]].status == "ok"
    private = articles["Private link"]
    assert private.extraction == "feed" and "refused" in private.text
    assert "non-public address" in private.extraction_error
    broken = articles["Broken page"]
    assert broken.extraction == "feed" and broken.text == "The feed's own words."
    assert "500" in (broken.extraction_error or "")
    assert "Script link" not in articles  # a javascript: link is never stored as an article URL
    # pathological pages end in a worker's time or memory limit, or in an empty extraction;
    # either way the feed's own text is kept and the poll finished
    deep, huge = articles["Deep page"], articles["Huge table"]
    assert deep.extraction == "feed" and deep.text == "Deep."
    assert huge.extraction == "feed" and huge.text == "Table."
    assert huge.extraction_error.startswith("extraction failed: ")
    assert "longer than 5 s" in huge.extraction_error or "memory" in huge.extraction_error
    assert "/secret" not in _Handler.hits  # the private address was never contacted


def test_articles_are_stored_with_their_entities_and_figures(polled):
    db, _, articles, _ = polled
    with open_archive(db) as archive:
        tagged = archive.with_tags(articles)
    extracted = [a for a in tagged if a.extraction == "ok"]
    # a review of a fictional gadget brand may name nothing the knowledge file or the cues know
    assert sum(bool(a.entities) for a in extracted) >= 0.9 * len(extracted)
    wire = next(a for a in tagged if "Nvidia flags $4.2 billion charge" in a.title)
    assert {"Nvidia", "Jensen Huang"} <= {e.canonical for e in wire.entities}
    charge = next(f for f in wire.figures if f.value == 4.2e9)
    assert charge.currency == "USD" and charge.entity == "Nvidia"
