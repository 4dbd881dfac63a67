"""`newsdesk digest` on real archives (the sample site polled at 2026-11-28 12:00 UTC): what each
format holds, the order and filters, determinism, cron behaviour, and hostile feed text."""

from __future__ import annotations

import html
import json
import os
import re
import resource
import subprocess
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import NEWSDESK, run_cli

from newsdesk.config import Config
from newsdesk.models import Article
from newsdesk.store import open_archive

SINCE = "2026-11-20T00:00:00Z"           # the whole sample archive
SINCE_AT = datetime(2026, 11, 20, tzinfo=UTC)
FORMATS = ("md", "html", "json", "txt")


def digest(db: Path, *args: str, env: dict | None = None):
    return run_cli("digest", *args, db=db, env=env)


def ok(db: Path, *args: str, env: dict | None = None) -> str:
    result = digest(db, *args, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def as_json(db: Path, *args: str, env: dict | None = None) -> dict:
    return json.loads(ok(db, "--format", "json", *args, env=env))


def plain(out: str, fmt: str) -> str:
    """What a reader sees: Markdown escapes and HTML entities undone (an approximation good
    enough to find a field's text)."""
    if fmt == "md":
        return re.sub(r"\\(.)", r"\1", out)
    if fmt == "html":
        return html.unescape(re.sub(r"<[^>]+>", "", out))
    return out


def archive_stories(db: Path, since: datetime = SINCE_AT):
    with open_archive(db) as archive:
        return archive.stories_since(since)


def outlets(story) -> int:
    return len(set(story.sources))


# -- content of each format ------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_each_story_shows_outlets_summary_figures_and_disagreements(archive_copy, fmt):
    out = plain(ok(archive_copy, "--since", SINCE, "--format", fmt), fmt)
    stories = archive_stories(archive_copy)
    assert len(stories) > 10
    for story in stories:
        assert story.headline in out
        for source in story.sources:
            assert source in out
        for s in story.summary:
            assert s.sentence in out
        if story.figures:
            most = max(story.figures, key=lambda f: len({s.source for s in f.sources}))
            assert most.text in out
        for d in story.disagreements:
            assert d.subject in out and all(v.text in out for v in d.values)
    assert any(s.disagreements for s in stories)
    assert "Feeds to check" in out


def test_json_follows_the_stories_contract_plus_watched(archive_copy):
    doc = as_json(archive_copy, "--since", SINCE)
    assert set(doc) >= {"since", "stories", "feeds"}
    assert doc["since"] == "2026-11-20T00:00:00+00:00"
    contract = as_json_stories(archive_copy)
    by_id = {s["id"]: s for s in contract}
    assert {s["id"] for s in doc["stories"]} == set(by_id)
    for story in doc["stories"]:
        assert story["watched"] == []
        assert {k: v for k, v in story.items() if k != "watched"} == by_id[story["id"]]


def as_json_stories(db: Path) -> list[dict]:
    result = run_cli("stories", "--json", "--since", SINCE, db=db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# -- choice and order --------------------------------------------------------------------------

def _order_key(story: dict):
    return (-len(set(story["sources"])), -datetime.fromisoformat(story["last_seen"]).timestamp(),
            story["id"])


def test_order_is_outlets_then_latest_activity_then_id(archive_copy):
    stories = as_json(archive_copy, "--since", SINCE)["stories"]
    keys = [_order_key(s) for s in stories]
    assert keys == sorted(keys)


def test_min_sources_leaves_out_stories_with_fewer_outlets(archive_copy):
    everything = archive_stories(archive_copy)
    for n in (1, 3, 5):
        got = {s["id"] for s in as_json(archive_copy, "--since", SINCE, "--min-sources", str(n))
               ["stories"]}
        assert got == {s.id for s in everything if outlets(s) >= n}
    assert any(outlets(s) == 1 for s in everything) and any(outlets(s) >= 5 for s in everything)
    assert digest(archive_copy, "--min-sources", "0").returncode == 2


def test_watch_puts_the_stories_naming_an_entity_first(archive_copy, tmp_path):
    plain_order = as_json(archive_copy, "--since", SINCE)["stories"]
    ids = [s["id"] for s in plain_order]
    with open_archive(archive_copy) as archive:  # the app's own query for its watchlist stars
        # an entity of a late story, so watching it changes the order
        entity, naming = next(
            (e["canonical"], found) for s in reversed(plain_order) for e in s["entities"]
            if 0 < len(found := archive.stories_naming([e["canonical"]], ids)) < len(ids)
            and found != set(ids[:len(found)]))

    watched = as_json(archive_copy, "--since", SINCE, "--watch", entity.lower())["stories"]
    head, tail = watched[:len(naming)], watched[len(naming):]
    assert {s["id"] for s in head} == naming
    assert all(s["watched"] == [entity] for s in head) and all(not s["watched"] for s in tail)
    assert [s["id"] for s in tail] == [s["id"] for s in plain_order if s["id"] not in naming]
    assert [_order_key(s) for s in head] == sorted(_order_key(s) for s in head)

    # without --watch, the config's [app] watchlist is the default
    config = tmp_path / "config.toml"
    config.write_text(f'[app]\nwatchlist = ["{entity}"]\n', encoding="utf-8")
    from_config = as_json(archive_copy, "--since", SINCE, env={"NEWSDESK_CONFIG": str(config)})
    assert [s["id"] for s in from_config["stories"]] == [s["id"] for s in watched]
    md = ok(archive_copy, "--since", SINCE, "--watch", entity)
    first_story = md.split("\n## ")[1]
    assert "★" in first_story and "Watched" in first_story


def _blocks(out: str, label: str) -> dict[str, list[str]]:
    """headline -> the lines under it, for each story block (first line: ``label`` headline)."""
    found = {}
    for block in out.split("\n\n"):
        first, *rest = block.strip("\n").split("\n")
        match = re.match(label + r" (.*)", first)
        if match:
            found[match.group(1)] = rest
    return found


def test_stories_text_is_worded_as_the_digest_text(archive_copy):
    """`newsdesk stories` prints each story with the digest's own plain-text block, so a
    disagreement or a figure reads the same in both, whichever one the user looks at."""
    listed = run_cli("stories", "--since", SINCE, db=archive_copy)
    assert listed.returncode == 0, listed.stderr
    by_id = _blocks(listed.stdout, r"\[\d+\]")
    in_digest = _blocks(ok(archive_copy, "--since", SINCE, "--format", "txt"), r"\d+\.")
    stories = archive_stories(archive_copy)
    assert len(by_id) == len(in_digest) == len(stories) > 10
    assert by_id == in_digest
    assert any("! Outlets disagree on" in line for rest in by_id.values() for line in rest)
    first = listed.stdout.splitlines()[0]
    assert first == f"[{stories[0].id}] {stories[0].headline}"  # newest activity first, by id


def test_an_empty_window_is_a_valid_digest_that_says_so(archive_copy):
    doc = as_json(archive_copy, "--since", "2030-01-01")
    assert doc["stories"] == [] and doc["since"].startswith("2030-01-01")
    for fmt in ("md", "html", "txt"):
        assert "No stories since 2030-01-01" in ok(archive_copy, "--since", "2030-01-01",
                                                    "--format", fmt)


def test_json_since_is_utc_whatever_offset_was_given(archive_copy):
    doc = as_json(archive_copy, "--since", "2026-11-20T02:00:00+02:00")
    assert doc["since"] == "2026-11-20T00:00:00+00:00"
    assert [s["id"] for s in doc["stories"]] == [
        s["id"] for s in as_json(archive_copy, "--since", SINCE)["stories"]]


@pytest.mark.parametrize("since", ["99999999d", "999999999999999999999h",
                                   "0001-01-01T00:00:00+01:00"])
def test_a_window_beyond_the_calendar_is_a_usage_error(archive_copy, since):
    result = digest(archive_copy, "--since", since)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr


# -- determinism and cron ----------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_archive_and_window_give_the_same_bytes(archive_copy, tmp_path, fmt):
    first = ok(archive_copy, "--since", SINCE, "--format", fmt, "--watch", "Anthropic")
    second = ok(archive_copy, "--since", SINCE, "--format", fmt, "--watch", "Anthropic")
    assert first == second and len(first) > 1000
    target = tmp_path / f"digest.{fmt}"
    result = digest(archive_copy, "--since", SINCE, "--format", fmt, "--watch", "Anthropic",
                    "-o", str(target))
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    assert target.read_text(encoding="utf-8") == first


def test_a_missing_archive_exits_74_without_creating_one(tmp_path):
    db = tmp_path / "none.db"
    result = digest(db)
    assert result.returncode == 74
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert not db.exists()


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_failed_write_exits_74_and_keeps_the_old_file(archive_copy, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "digest.html"
    target.write_text("yesterday's digest", encoding="utf-8")

    # the file system refuses the bytes (file size limit): works as root, unlike chmod
    limit = 40_000
    assert len(ok(archive_copy, "--since", SINCE, "--format", "html").encode()) > limit
    env = {**os.environ, "NEWSDESK_DB": str(archive_copy),
           "NEWSDESK_CONFIG": str(tmp_path / "none.toml")}
    full = subprocess.run(
        [*NEWSDESK, "digest", "--since", SINCE, "--format", "html", "-o", str(target)],
        check=False, capture_output=True, text=True, env=env, timeout=120,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
    assert full.returncode == 74, full.stderr
    assert full.stdout == "" and full.stderr.count("\n") == 1 and str(target) in full.stderr
    assert target.read_text(encoding="utf-8") == "yesterday's digest"
    assert _leftovers(out) == []

    # the target is a directory: nothing replaces it
    folder = out / "taken"
    folder.mkdir()
    taken = digest(archive_copy, "--since", SINCE, "-o", str(folder))
    assert taken.returncode == 74 and taken.stdout == "" and taken.stderr.count("\n") == 1
    assert folder.is_dir() and _leftovers(out) == []


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_a_rewritten_digest_keeps_its_file_mode(archive_copy, tmp_path, mode):
    """A 0644 digest.html that a web server reads must not turn 0600 (mkstemp's mode)."""
    target = tmp_path / "digest.html"
    target.write_text("yesterday's digest", encoding="utf-8")
    target.chmod(mode)
    assert ok(archive_copy, "--since", SINCE, "--format", "html", "-o", str(target)) == ""
    assert target.stat().st_mode & 0o7777 == mode and "newsdesk" in target.read_text("utf-8")


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_a_new_digest_file_gets_the_mode_the_umask_gives(tmp_path, umask):
    from newsdesk.output import write_atomic

    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "digest.md", "# digest\n")
    finally:
        os.umask(old)
    assert (tmp_path / "digest.md").stat().st_mode & 0o7777 == 0o666 & ~umask
    assert _leftovers(tmp_path) == []


def test_a_read_only_folder_exits_74_and_keeps_the_old_file(archive_copy, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    out = tmp_path / "ro"
    out.mkdir()
    target = out / "digest.md"
    target.write_text("old", encoding="utf-8")
    out.chmod(0o555)
    try:
        result = digest(archive_copy, "--since", SINCE, "-o", str(target))
    finally:
        out.chmod(0o755)
    assert result.returncode == 74 and result.stdout == "" and result.stderr.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "old"


# -- feeds that failed or went quiet ------------------------------------------------------------

def test_failing_gone_and_quiet_feeds_are_listed(archive_copy):
    polled = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)   # 8 days after the sample poll
    later = polled + timedelta(hours=1)
    with open_archive(archive_copy) as archive:
        feeds = archive.list_feeds()[:5]
        failing, gone, quiet, stale, busy = feeds
        archive.record_failure(failing, error="HTTP 500 <b>oops</b>", polled_at=polled,
                               next_poll=later)
        archive.record_failure(gone, error="HTTP 410", polled_at=polled, next_poll=later,
                               gone=True)
        # answered in the window, newest article 8 days old: quiet
        archive.record_not_modified(quiet, polled_at=polled, next_poll=later)
        # answered only before the window: not news in this digest
        archive.record_not_modified(stale, polled_at=polled - timedelta(days=3), next_poll=later)
        # answered in the window with an article a day old: healthy
        fresh = Article(url=busy.url.rsplit("/", 1)[0] + "/fresh-item.html", title="Fresh",
                        source="Fresh", published=polled - timedelta(days=1),
                        fetched=polled - timedelta(days=1), text="A fresh item.")
        archive.save_poll(busy, [fresh], etag=None, last_modified=None, body_hash=None,
                          polled_at=polled, next_poll=later)

    doc = as_json(archive_copy, "--since", "2026-12-06")
    assert doc["stories"] == [] or all(s["last_seen"] >= "2026-12-06" for s in doc["stories"])
    listed = [(f["url"], f["problem"]) for f in doc["feeds"]]
    assert listed == [(failing.url, "error"), (gone.url, "gone"), (quiet.url, "quiet")]
    assert doc["feeds"][0]["last_error"] == "HTTP 500 <b>oops</b>"
    assert doc["feeds"][2]["newest_article"] == "2026-11-28T12:00:00+00:00"

    for fmt in ("md", "html", "txt"):
        out = plain(ok(archive_copy, "--since", "2026-12-06", "--format", fmt), fmt)
        section = out[out.index("Feeds to check"):]
        for feed in (failing, gone, quiet):
            assert (feed.title or feed.url) in section
        assert (stale.title or stale.url) not in section and (busy.title or busy.url) not in section
        assert "HTTP 500 <b>oops</b>" in section
    raw_html = ok(archive_copy, "--since", "2026-12-06", "--format", "html")
    assert "<b>oops</b>" not in raw_html


# -- hostile feed text ---------------------------------------------------------------------------

HOSTILE_SINCE = "2026-11-28T00:00:00Z"   # the hostile story and one sample story with links
HOSTILE_TITLE = ('[click](javascript:alert(1)) <script>alert(2)</script> ![x](http://evil.example/x.png)'
                 ' "onmouseover="alert(3) **bold** `code` # www.evil.example \x1b[31mred\u202e'
                 ' log in at evil.com/login')
HOSTILE_SOURCE = '<img src=x onerror=alert(4)> [src](javascript:alert(5)) Example.com'
HOSTILE_SENTENCES = [
    ("Kestrel Robotics said the [offer](javascript:alert(6)) was worth <iframe src=http://evil> "
     "more than it admitted."),
    "Its rival wrote <a href=\"javascript:alert(7)\">here</a> and # heading and | table | cells.",
    "1. The third sentence starts like a list and mentions http://evil.example/go as a bare link.",
]


@pytest.fixture
def hostile_archive(archive_copy):
    """The sample archive plus a story whose every field is an attack (a javascript: link, HTML,
    Markdown, terminal escapes), stored through the real store and clustered by the pipeline."""
    from newsdesk.storydesk import update_stories

    now = datetime(2026, 11, 28, 12, 30, tzinfo=UTC)
    article = Article(url="javascript:alert(document.cookie)//x", title=HOSTILE_TITLE,
                      source=HOSTILE_SOURCE, published=now, fetched=now,
                      text=" ".join(HOSTILE_SENTENCES))
    with open_archive(archive_copy) as archive:
        archive.save_articles([article])
        update_stories(archive, Config(), now)
        assert any(s.headline == HOSTILE_TITLE for s in archive.stories_since(now))
    return archive_copy


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _check_live_html(markup: str) -> str:
    """No script, no event handler, no remote resource, links only to http(s); the page's text."""
    parser = _Tags()
    parser.feed(markup)
    for tag, attrs in parser.tags:
        assert tag not in {"script", "iframe", "img", "object", "embed", "link", "form", "base"}
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs
        if "href" in attrs:
            assert re.match(r"https?://", attrs["href"] or ""), attrs
    return "".join(parser.text)


def test_html_escapes_every_field_and_links_only_http(hostile_archive):
    out = ok(hostile_archive, "--since", HOSTILE_SINCE, "--format", "html")
    assert out.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in out
    assert "<script" not in out and '"onmouseover=' not in out
    assert "javascript:" not in re.sub(r">[^<]*<", "><", out)     # never inside a tag
    assert "\x1b" not in out and "\u202e" not in out
    assert "<style" not in out and "url(" not in out
    page = _check_live_html(out)
    cleaned_title = HOSTILE_TITLE.replace("\x1b[31m", "").replace("\u202e", "")
    assert cleaned_title in page
    assert HOSTILE_SOURCE in page


def test_markdown_escapes_feed_text_so_it_renders_as_written(hostile_archive):
    from markdown_it import MarkdownIt

    out = ok(hostile_archive, "--since", HOSTILE_SINCE, "--format", "md")
    for attack in ("](javascript:", "<script", "![x](", "<img", "**bold**"):
        assert not re.search(r"(?<!\\)" + re.escape(attack), out), attack   # only escaped
    assert "\x1b" not in out and "\u202e" not in out
    assert "evil\\.com/login" in out and "Example\\.com" in out   # bare domains: no autolink
    # rendered by a CommonMark engine with raw HTML allowed, by the GFM-like preset that turns
    # bare URLs into links, and with linkify's fuzzy links (bare domains such as evil.com, which
    # needs linkify-it-py, installed with textual): none finds markup or a link in the feed's text
    fuzzy = MarkdownIt("commonmark", {"linkify": True}).enable("linkify")
    for md in (MarkdownIt("commonmark"), MarkdownIt("gfm-like"), fuzzy):
        rendered = md.render(out)
        page = html.unescape(_check_live_html(rendered))
        assert HOSTILE_TITLE.replace("\x1b[31m", "").replace("\u202e", "") in page
        assert HOSTILE_SOURCE in page
        assert "<strong>bold</strong>" not in rendered and "<code>code</code>" not in rendered
        hrefs = re.findall(r'href="([^"]*)"', rendered)
        assert hrefs and all(h.startswith("http://127.0.0.1") for h in hrefs), hrefs


def test_text_and_json_carry_hostile_text_as_text_without_controls(hostile_archive):
    txt = ok(hostile_archive, "--since", HOSTILE_SINCE, "--format", "txt")
    assert "\x1b" not in txt and "\u202e" not in txt and "[click](javascript:alert(1))" in txt
    doc = as_json(hostile_archive, "--since", HOSTILE_SINCE)
    story = next(s for s in doc["stories"] if s["headline"].startswith("[click]"))
    assert "\x1b" not in story["headline"] and "\u202e" not in story["headline"]
    assert story["sources"] == [HOSTILE_SOURCE]
