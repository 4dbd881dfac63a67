"""The bundled sample news site: served on loopback, valid feeds, pages that carry their labels."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from datetime import datetime, timezone
from html.parser import HTMLParser
from urllib.parse import urlsplit

import feedparser
import pytest

from newsdesk.sample_site import SampleSite, load_content

CONTENT = load_content()
START = datetime(2026, 11, 20, tzinfo=timezone.utc)
END = datetime(2026, 11, 29, tzinfo=timezone.utc)


def fetch(url: str, headers: dict[str, str] | None = None):
    assert urlsplit(url).hostname == "127.0.0.1", url
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:  # 304 and 404 arrive as HTTPError
        return err.code, err.headers, err.read()


class _Collect(HTMLParser):
    """Text of every <p>, plus every href/src and <link> element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.links: list[str] = []
        self.link_tags: list[dict] = []
        self._depth = 0
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.links += [v for k, v in attrs.items() if k in ("href", "src", "action") and v is not None]
        if tag == "link":
            self.link_tags.append(attrs)
        if tag == "p":
            self._depth += 1
            self._buf = []

    def handle_endtag(self, tag):
        if tag == "p" and self._depth:
            self._depth -= 1
            self.paragraphs.append("".join(self._buf))

    def handle_data(self, data):
        if self._depth:
            self._buf.append(data)


def parse_html(body: bytes) -> _Collect:
    collector = _Collect()
    collector.feed(body.decode("utf-8"))
    return collector


def feed_items(site, outlet):
    """(link, title, raw entry) for each item of an outlet's feed."""
    status, headers, body = fetch(site.url(outlet.feed_path))
    assert status == 200
    if outlet.feed_format == "jsonfeed":
        data = json.loads(body)
        return [(i["url"], i["title"], i) for i in data["items"]]
    parsed = feedparser.parse(body)
    return [(e.link, e.title, e) for e in parsed.entries]


# ---- labels --------------------------------------------------------------------------------


def test_counts_and_feed_format_split():
    assert len(CONTENT.outlets) == 8
    assert Counter(o.feed_format for o in CONTENT.outlets) == {"rss": 3, "atom": 3, "jsonfeed": 2}
    assert len({o.name for o in CONTENT.outlets}) == 8
    assert len(CONTENT.articles) >= 60
    assert len(CONTENT.events) >= 12
    unrelated = [a for a in CONTENT.articles if a.event is None]
    assert 10 <= len(unrelated) <= 15


def test_article_labels_are_consistent():
    ids = [a.id for a in CONTENT.articles]
    assert len(ids) == len(set(ids))
    assert len({a.path for a in CONTENT.articles}) == len(ids)
    events = {e.id for e in CONTENT.events}
    for a in CONTENT.articles:
        outlet = CONTENT.outlet(a.outlet)
        assert a.id == f"{a.outlet}/{a.slug}"
        assert re.fullmatch(r"[a-z0-9-]+", a.slug)
        assert START <= a.published < END, a.id
        assert a.author in {x.name for x in outlet.authors}, a.id
        assert a.event is None or a.event in events, a.id
        assert 250 <= a.word_count <= 700, (a.id, a.word_count)
        assert all(p == p.strip() and "\n" not in p and p for p in a.paragraphs), a.id


def test_every_event_has_three_to_six_outlets_over_at_most_three_days():
    for event in CONTENT.events:
        articles = CONTENT.by_event(event.id)
        outlets = {a.outlet for a in articles}
        assert 3 <= len(outlets) <= 6, event.id
        assert len(outlets) == len(articles), f"{event.id}: one article per outlet"
        days = {a.published.date() for a in articles}
        assert (max(days) - min(days)).days <= 2, event.id
        assert set(event.articles) == {a.id for a in articles}
        for other, _why in event.near_misses:
            assert other in {e.id for e in CONTENT.events}


def test_copies_point_to_a_wire_original_in_the_same_event():
    copies = [a for a in CONTENT.articles if a.copy_of]
    assert len({a.event for a in copies}) >= 3
    for copy in copies:
        original = CONTENT.article(copy.copy_of)
        assert original.outlet == "wire" and original.copy_of is None
        assert copy.event == original.event and copy.outlet != original.outlet
        kept = len(original.paragraphs) - copy.copy_edit["paragraphs_dropped"]
        intro = len(copy.paragraphs) - kept
        assert copy.paragraphs[intro:] == original.paragraphs[:kept], copy.id
        assert copy.copy_edit["intro_added"] == (intro > 0)
        assert copy.copy_edit["headline_changed"] == (copy.title != original.title)


def test_disputed_figures_differ_between_outlets_and_appear_in_the_text():
    disputed_events = [e for e in CONTENT.events if e.disputed]
    assert len(disputed_events) >= 3
    for event in disputed_events:
        for figure in event.disputed:
            values = defaultdict(set)
            for a in CONTENT.by_event(event.id):
                for f in a.figures_disputed:
                    if f.figure == figure.figure:
                        values[f.value].add(a.id)
                        assert f.value in a.text, a.id
            assert len(values) >= 2, (event.id, figure.figure)


def test_entities_are_registered_and_appear_in_the_article():
    registry = {e.name: e for e in CONTENT.entities}
    types = Counter(e.type for e in CONTENT.entities)
    assert {"lab", "company", "model", "person", "place", "agency"} <= set(types)
    for a in CONTENT.articles:
        text = a.display_title + "\n" + a.text
        assert a.entities, a.id
        for name in a.entities:
            entity = registry[name]
            assert any(alias in text for alias in (entity.name, *entity.aliases)), (a.id, name)
    named = {n for a in CONTENT.articles for n in a.entities}
    for real in ("OpenAI", "Anthropic", "Google DeepMind", "Nvidia", "DeepSeek", "Moonshot AI",
                 "EU AI Office", "UK AI Security Institute", "US Commerce Department", "GPT-5",
                 "Claude Opus 4", "Kimi K2", "Qwen3", "DeepSeek-R1", "Sam Altman", "Jensen Huang"):
        assert real in named, real


# ---- server --------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "10.0.0.1", "8.8.8.8", "example.com", "::"])
def test_non_loopback_host_is_refused(host):
    with pytest.raises(ValueError):
        SampleSite(host=host)


def test_addresses(site):
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", site.base_url)
    assert site.feed_urls == [site.base_url + o.feed_path for o in CONTENT.outlets]
    assert len(site.homepage_urls) == 8


def test_every_feed_parses_with_the_right_item_count(site):
    for outlet in CONTENT.outlets:
        status, headers, body = fetch(site.url(outlet.feed_path))
        assert status == 200
        expected = len(CONTENT.by_outlet(outlet.slug))
        if outlet.feed_format == "jsonfeed":
            assert headers["Content-Type"] == "application/feed+json; charset=utf-8"
            data = json.loads(body)
            assert data["version"] == "https://jsonfeed.org/version/1.1"
            assert data["feed_url"] == site.url(outlet.feed_path)
            assert len(data["items"]) == expected
            for item in data["items"]:
                assert item["id"] and item["title"] and item["authors"][0]["name"]
                assert item.get("content_html") or item.get("content_text")
                datetime.fromisoformat(item["date_published"].replace("Z", "+00:00"))
            continue
        parsed = feedparser.parse(body)
        assert not parsed.bozo, (outlet.slug, parsed.get("bozo_exception"))
        assert parsed.version == ("rss20" if outlet.feed_format == "rss" else "atom10")
        assert headers["Content-Type"].endswith("; charset=utf-8")
        assert len(parsed.entries) == expected
        for entry in parsed.entries:
            assert entry.id and entry.title and entry.author and entry.published_parsed


def test_feed_items_match_their_labels(site):
    for outlet in CONTENT.outlets:
        by_path = {a.path: a for a in CONTENT.by_outlet(outlet.slug)}
        for link, title, raw in feed_items(site, outlet):
            article = by_path[urlsplit(link).path]
            assert title == article.title
            summary = raw["summary"] if outlet.feed_format == "jsonfeed" else raw.summary
            assert summary == article.paragraphs[0]


def test_every_item_link_serves_its_ground_truth_paragraphs(site):
    seen = 0
    for outlet in CONTENT.outlets:
        by_path = {a.path: a for a in CONTENT.articles}
        for link, _title, _raw in feed_items(site, outlet):
            assert link.startswith(site.base_url + "/"), link
            status, headers, body = fetch(link)
            assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8", link
            page = parse_html(body)
            article = by_path[urlsplit(link).path]
            for paragraph in article.paragraphs:
                assert paragraph in page.paragraphs, (link, paragraph[:60])
            seen += 1
    assert seen == len(CONTENT.articles)


def test_pages_and_feeds_link_only_to_the_site_itself(site):
    pages = [*site.homepage_urls, site.url("/"), *(site.url(a.path) for a in CONTENT.articles)]
    for url in pages:
        page = parse_html(fetch(url)[2])
        for link in page.links:
            assert link.startswith(("/", "#")) or link.startswith(site.base_url + "/"), (url, link)
    for url in site.feed_urls:
        body = fetch(url)[2].decode()
        # Feed-level and item links are absolute; pages carried in full keep their relative links.
        for link in re.findall(r'(?:<link>|"url": "|"home_page_url": "|"feed_url": ")([^"<]+)', body):
            assert link.startswith(site.base_url + "/"), (url, link)
        for link in re.findall(r'(?:href|src)=\\?"([^"\\]*)', body):
            assert link.startswith(("/", "#")) or link.startswith(site.base_url + "/"), (url, link)


def test_homepages_advertise_their_feed_and_list_every_article(site):
    for outlet in CONTENT.outlets:
        status, headers, body = fetch(site.url(outlet.home_path))
        assert status == 200
        page = parse_html(body)
        alternates = [t for t in page.link_tags if t.get("rel") == "alternate"]
        assert [t["href"] for t in alternates] == [site.url(outlet.feed_path)]
        assert alternates[0]["type"].startswith("application/")
        for article in CONTENT.by_outlet(outlet.slug):
            assert article.path in page.links
    article = CONTENT.articles[0]
    page = parse_html(fetch(site.url(article.path))[2])
    assert any(t.get("rel") == "alternate" for t in page.link_tags)


def test_full_page_feeds_carry_teasers_and_the_rest(site):
    for slug in ("ledger", "gradient"):
        outlet = CONTENT.outlet(slug)
        assert outlet.full_page_in_feed
        for _link, _title, raw in feed_items(site, outlet):
            html = raw["content_html"] if slug == "gradient" else raw.content[0].value
            assert "<footer>" in html and " ago<" in html
            assert ("\u2026" in html) if slug == "ledger" else ("Recent Posts" in html)


def test_hostile_title_reaches_only_the_json_feed(site):
    hostile = [a for a in CONTENT.articles if "\x1b" in a.title]
    assert len(hostile) == 1 and hostile[0].event is None
    outlet = CONTENT.outlet(hostile[0].outlet)
    assert outlet.feed_format == "jsonfeed"
    titles = [t for _l, t, _r in feed_items(site, outlet)]
    assert hostile[0].title in titles and "[bold]" in hostile[0].title
    page = fetch(site.url(hostile[0].path))[2]
    assert b"\x1b" not in page and b"\x07" not in page and b"[bold]Orbit X2[/]" in page
    for url in site.feed_urls:
        if not url.endswith(".json"):
            assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", fetch(url)[2])


def test_hard_boilerplate_cases_are_present(site):
    def page(slug):
        return fetch(site.url(CONTENT.by_outlet(slug)[0].path))[2].decode()

    body = page("techdaily").split('<div class="article-body">')[1].split("</div>\n<div class=\"bottom-")[0]
    assert "Read more:" in body and "Get The Daily Stack in your inbox" in body
    assert re.search(r'<div class="article-text">(?:(?!</article>).)*class="inline-teaser"', page("buzz"), re.S)
    assert re.search(r'<div class="entry-content">(?:(?!</article>).)*class="related-item"', page("policy"), re.S)
    assert page("policy").count("pullquote") >= 1 and page("wire").count("Reporting by") == 1
    recent = page("gradient").split("Recent Posts")[1].split("</ul>")[0]
    assert len(re.findall(r'<a href="([^"]+)"', recent)) > len(set(re.findall(r'<a href="([^"]+)"', recent)))
    boxes = {fetch(site.url(a.path))[2].decode().split('<div class="author-card">')[1].split("</div>")[0]
             for a in CONTENT.by_outlet("gradient")}
    assert len(boxes) == 1
    assert re.search(r'\d+ (minutes?|hours?|days?) ago', page("techdaily"))


def test_etag_and_last_modified_give_304(site):
    for url in site.feed_urls:
        status, headers, body = fetch(url)
        etag, modified = headers["ETag"], headers["Last-Modified"]
        assert status == 200 and etag and modified
        status, headers, body = fetch(url, {"If-None-Match": etag})
        assert status == 304 and body == b"" and headers["ETag"] == etag
        assert fetch(url, {"If-None-Match": '"stale"'})[0] == 200
        assert fetch(url, {"If-Modified-Since": modified})[0] == 304


def test_request_counter_and_errors(site, capfd):
    path = CONTENT.articles[5].path
    before = site.requests(path)
    fetch(site.url(path))
    fetch(site.url(path) + "?utm_source=x")
    assert site.requests(path) == before + 2
    assert site.requests(site.url(path)) == before + 2
    assert fetch(site.url("/nope/feed.xml"))[0] == 404
    assert site.requests("/nope/feed.xml") == 1
    assert fetch(site.url("/robots.txt"))[0] == 200
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_module_runs_as_a_script():
    proc = subprocess.Popen([sys.executable, "-m", "newsdesk.sample_site", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base)
        assert fetch(base + "/wire/feed.xml")[0] == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_sample_site_imports_only_the_stdlib():
    code = ("import sys, newsdesk.sample_site as s; s.load_content(); "
            "bad = [m for m in ('httpx', 'textual', 'rich', 'feedparser', 'trafilatura') if m in sys.modules]; "
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_addresses_outlive_the_server():
    with SampleSite() as running:
        base = running.base_url
    assert running.base_url == base and running.feed_urls[0].startswith(base)
    with pytest.raises(RuntimeError):
        SampleSite().base_url
