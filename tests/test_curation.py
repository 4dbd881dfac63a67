"""Copies, updates and the per-host boilerplate memory through the real pipeline and archive."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from helpers import run_cli
from newsdesk.config import Config, PollConfig
from newsdesk.pipeline import run_poll
from newsdesk.sample_site import SampleSite, load_content
from newsdesk.store import open_archive

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
CONFIG = Config(poll=PollConfig(connect_timeout=2, read_timeout=2, deadline=5))


class MutableSite:
    """Feeds and pages held in dicts the test edits between polls."""

    def __init__(self) -> None:
        self.feeds: dict[str, str] = {}
        self.pages: dict[str, str] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path in site.feeds:
                    body, ctype = site.feeds[self.path], "application/rss+xml"
                elif self.path in site.pages:
                    body, ctype = site.pages[self.path], "text/html"
                else:
                    self.send_error(404)
                    return
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", f"{ctype}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def rss(self, path: str, items: list[tuple[str, str, str, datetime]]) -> str:
        """items: (guid, title, page path, published)."""
        body = "".join(
            f"<item><guid>{g}</guid><title>{t}</title><link>{self.base}{p}</link>"
            f"<pubDate>{format_datetime(d)}</pubDate><description>{t}</description></item>"
            for g, t, p, d in items)
        self.feeds[path] = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{path}' \
                           f"</title>{body}</channel></rss>"
        return self.base + path


def page(title: str, paragraphs: list[str], tail: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
            f"{tail}</article></body></html>")


PARAS = [
    f"Paragraph {i} of the report says the lab trained model number {i} on {i * 7} thousand "
    f"chips over {i + 3} weeks, a detail the company confirmed to reporters on Tuesday."
    for i in range(1, 8)
]


@pytest.fixture
def mutable():
    site = MutableSite()
    yield site
    site.server.shutdown()


def test_retitled_entry_updates_the_stored_article(mutable, db_path):
    mutable.pages["/a.html"] = page("First title", PARAS)
    url = mutable.rss("/feed.xml", [("guid-a-0001-long-enough", "First title", "/a.html", NOW)])
    with open_archive(db_path) as archive:
        run_poll(archive, CONFIG, now=NOW, feed_urls=[url])
        [first] = archive.list_articles()
        mutable.pages["/a.html"] = page("Second title", PARAS + ["An added paragraph with news."])
        mutable.rss("/feed.xml", [("guid-a-0001-long-enough", "Second title", "/a.html", NOW)])
        report = run_poll(archive, CONFIG, now=NOW + timedelta(hours=2), feed_urls=[url])
        [second] = archive.list_articles()
    assert report.new_articles == 0
    assert second.id == first.id and second.title == "Second title"
    assert "An added paragraph with news." in second.text


def test_same_guid_in_two_feeds_is_one_article(mutable, db_path):
    mutable.pages["/w.html"] = page("Wire story", PARAS)
    mutable.pages["/w2.html"] = page("Wire story", PARAS[:3])
    guid = "urn:wire:2026:1128:chips-story"
    one = mutable.rss("/one.xml", [(guid, "Wire story", "/w.html", NOW)])
    two = mutable.rss("/two.xml", [(guid, "Wire story", "/w2.html", NOW + timedelta(hours=1))])
    with open_archive(db_path) as archive:
        run_poll(archive, CONFIG, now=NOW, feed_urls=[one])
        run_poll(archive, CONFIG, now=NOW + timedelta(hours=2), feed_urls=[two])
        articles = {a.url: a for a in archive.list_articles()}
    original, copy = articles[mutable.base + "/w.html"], articles[mutable.base + "/w2.html"]
    assert original.copy_of is None
    assert copy.copy_of == original.id and copy.copy_kind == "guid"


def test_marking_one_read_marks_its_copies(mutable, db_path):
    mutable.pages["/o.html"] = page("Original", PARAS)
    mutable.pages["/c.html"] = page("Copy", ["A new intro line from the second outlet."] + PARAS)
    one = mutable.rss("/o.xml", [("o-guid-0000000001", "Original", "/o.html", NOW)])
    two = mutable.rss("/c.xml", [("c-guid-0000000002", "Copy", "/c.html", NOW + timedelta(hours=1))])
    with open_archive(db_path) as archive:
        run_poll(archive, CONFIG, now=NOW, feed_urls=[one, two])
        articles = {a.title: a for a in archive.list_articles()}
        assert articles["Copy"].copy_of == articles["Original"].id
        archive.mark_read(articles["Copy"].id, True, NOW)
        assert all(a.read for a in archive.list_articles())
        archive.mark_read(articles["Original"].id, False, NOW)
        assert not any(a.read for a in archive.list_articles())


def test_a_block_a_host_repeats_is_cut_from_all_its_articles(mutable, db_path):
    # prose no single-page rule can tell from article text: only its repetition gives it away
    box = ("Analysts at the firm have tracked the market for accelerator chips since 2019 and "
           "publish quarterly estimates of supply and demand across the big cloud providers.")
    items = []
    subjects = [("Anthropic", "safety", "Tuesday"), ("Mistral", "pricing", "Monday"),
                ("Nvidia", "export", "Friday"), ("DeepSeek", "training", "Sunday")]
    for i, (who, what, day) in enumerate(subjects):
        paras = [f"{who} opened its {what} review on {day}, the first such review this season.",
                 f"People familiar with the {what} plans said {who} had briefed investors early.",
                 f"The {what} decision at {who} drew criticism from rivals within hours of {day}."]
        mutable.pages[f"/s{i}.html"] = page(f"{who} {what} story", paras + [box])
        items.append((f"s-guid-000000000{i}", f"{who} {what} story", f"/s{i}.html",
                      NOW - timedelta(hours=i)))
    url = mutable.rss("/s.xml", items[:2])
    with open_archive(db_path) as archive:
        run_poll(archive, CONFIG, now=NOW, feed_urls=[url])
        assert all(box in a.text for a in archive.list_articles())  # seen twice: not yet chrome
        mutable.rss("/s.xml", items)
        run_poll(archive, CONFIG, now=NOW + timedelta(hours=2), feed_urls=[url])
        articles = archive.list_articles()
    assert len(articles) == 4
    for a in articles:
        assert box not in a.text, a.title
        assert any(b.text == box for b in a.removed)
        assert a.text.startswith(a.title.split()[0] + " opened its")
        assert len(a.text.split("\n")) == 3


def test_sample_site_wire_copies_link_to_the_wire_original(db_path):
    content = load_content()
    with SampleSite() as site, open_archive(db_path) as archive:
        for url in site.feed_urls:
            archive.add_feed(url, now=NOW)
        run_poll(archive, CONFIG, now=NOW)
        stored = {a.url.rsplit("/", 1)[-1].removesuffix(".html"): a
                  for a in archive.list_articles()}
    assert len(stored) == len(content.articles)     # every labelled article is checked below
    by_id = {a.id: a for a in stored.values()}
    labeled = {a.slug: a.copy_of for a in content.articles}
    truth_slug = {a.id: a.slug for a in content.articles}
    for slug, article in stored.items():
        truth = labeled[slug]
        if truth is None:
            assert article.copy_of is None, (slug, by_id[article.copy_of].title)
        else:
            assert article.copy_of is not None, slug
            assert by_id[article.copy_of].url.endswith(truth_slug[truth] + ".html")


def test_article_why_shows_what_was_cut(mutable, db_path):
    mutable.pages["/y.html"] = page("Why page", PARAS, tail=(
        "<h3>Recent Posts</h3><ul><li><a href='/p1'>Another story about chips</a></li>"
        "<li><a href='/p2'>A third story about clouds</a></li></ul>"))
    url = mutable.rss("/y.xml", [("y-guid-000000000001", "Why page", "/y.html", NOW)])
    with open_archive(db_path) as archive:
        run_poll(archive, CONFIG, now=NOW, feed_urls=[url])
        [article] = archive.list_articles()
    shown = run_cli("article", str(article.id), "--why", db=db_path)
    assert shown.returncode == 0, shown.stderr
    assert "cut as boilerplate" in shown.stdout
    as_json = json.loads(run_cli("article", str(article.id), "--json", "--why", db=db_path).stdout)
    assert as_json["id"] == article.id and "removed" in as_json
    assert run_cli("article", "999999", db=db_path).returncode == 65


def test_feed_content_fallback_is_cleaned_like_a_page(mutable, db_path):
    teasers = "".join(f"<li><a href='/t{i}'>Another headline number {i} about chips</a>"
                      f"<p>The first line of that other story was cut off here…</p>"
                      f"<span>{i + 2} hours ago</span></li>" for i in range(4))
    content = ("".join(f"<p>{p}</p>" for p in PARAS[:4]) +
               f"<h3>Recent Posts</h3><ul>{teasers}</ul><p>© 2026 Example Media. All rights "
               "reserved.</p>")
    mutable.feeds["/full.xml"] = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
        'content/"><channel><title>Full</title><item><title>Full content</title>'
        f"<link>{mutable.base}/missing.html</link><guid>full-guid-00000001</guid>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded></item></channel></rss>")
    with open_archive(db_path) as archive:
        run_poll(archive, CONFIG, now=NOW, feed_urls=[mutable.base + "/full.xml"])
        [article] = archive.list_articles()
    assert article.extraction == "feed"
    assert article.text.split("\n") == PARAS[:4]
    assert {b.text for b in article.removed} >= {"Recent Posts"}
