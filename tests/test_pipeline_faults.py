"""Fault rows that span fetch, parse and store: what the archive holds after each kind of failure."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from faultserver import FaultServer, fault_server, gzip_bomb  # noqa: F401 - fixture
from newsdesk.config import Config, ExtractConfig, PollConfig
from newsdesk.pipeline import run_poll
from newsdesk.store import open_archive

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
CONFIG = Config(
    poll=PollConfig(connect_timeout=1, read_timeout=1, deadline=3, max_bytes=1024 * 1024),
    extract=ExtractConfig(timeout=5),
)


def poll(archive, *urls, now=NOW, config=CONFIG):
    return run_poll(archive, config, now=now, feed_urls=list(urls) if urls else ())


@pytest.mark.parametrize("ra,low,high", [
    ("120", timedelta(minutes=60), timedelta(minutes=70)),        # clamped up to the interval
    ("httpdate", timedelta(minutes=110), timedelta(minutes=130)),  # 2 h ahead
    ("999999999", timedelta(hours=24), timedelta(hours=24, minutes=1)),  # clamped to 24 h
    ("garbage", timedelta(minutes=60), timedelta(minutes=70)),    # normal backoff
])
def test_retry_after_sets_next_poll_and_the_next_run_makes_no_request(fault_server, db_path, ra,
                                                                      low, high):
    url = fault_server.url(f"/429?ra={ra}")
    with open_archive(db_path) as archive:
        report = poll(archive, url)
        assert report.failed and "429" in report.failed[0].error
        feed = archive.get_feed(url)
        # an HTTP date is relative to the real clock, not to NOW
        base = datetime.now(timezone.utc) if ra == "httpdate" else NOW
        assert base + low <= feed.next_poll <= base + high
        assert feed.consecutive_errors == 1 and feed.status == "error"
        before = fault_server.count("/429")
        assert poll(archive, now=NOW + timedelta(minutes=30)).feeds == ()
        assert fault_server.count("/429") == before


def test_validators_are_sent_verbatim_and_304_writes_nothing(fault_server, db_path):
    url = fault_server.url("/etag")
    with open_archive(db_path) as archive:
        first = poll(archive, url)
        assert first.new_articles == 2
        feed = archive.get_feed(url)
        assert feed.etag == 'W/"abc"' and feed.last_modified
        second = poll(archive, url, now=NOW + timedelta(hours=2))
        assert second.feeds[0].not_modified and second.new_articles == 0
        assert archive.get_feed(url).etag == 'W/"abc"'
        assert archive.count_articles() == 2


def test_server_ignoring_validators_causes_no_duplicates(fault_server, db_path):
    url = fault_server.url("/etag-ignored")
    with open_archive(db_path) as archive:
        poll(archive, url)
        count = archive.count_articles()
        report = poll(archive, url, now=NOW + timedelta(hours=2))
        assert report.feeds[0].not_modified  # identical body: no work
        assert archive.count_articles() == count


@pytest.mark.parametrize("path,kind", [
    ("/hang", "timeout"), ("/drip", "deadline"), ("/endless", "larger"), ("/gz-bomb", "larger"),
    ("/gz2", "encoding"), ("/short", ""), ("/loop", "redirect"), ("/to-file", "file"),
    ("/html", "not a feed"), ("/empty", ""), ("/notjson", "not a feed"), ("/500", "500"),
])
def test_a_failing_feed_keeps_its_validators_and_does_not_stop_the_poll(fault_server, db_path,
                                                                       path, kind):
    good, bad = fault_server.url("/rss?n=3"), fault_server.url(path)
    gzip_bomb()  # built once per process: building it inside the request could outlast the timeout
    with open_archive(db_path) as archive:
        report = poll(archive, good, bad)
        failed = {f.feed_url: f.error for f in report.failed}
        assert list(failed) == [bad]
        assert kind.lower() in failed[bad].lower()
        assert archive.get_feed(good).status == "ok"
        broken = archive.get_feed(bad)
        assert broken.status == "error" and broken.etag is None and broken.article_count == 0
        assert broken.next_poll > NOW


def test_repeated_failures_back_off_but_the_feed_stays(fault_server, db_path):
    url = fault_server.url("/500")
    now = NOW
    with open_archive(db_path) as archive:
        gaps = []
        for _ in range(4):
            poll(archive, url, now=now)
            feed = archive.get_feed(url)
            gaps.append(feed.next_poll - now)
            now = feed.next_poll
        assert gaps == sorted(gaps) and gaps[-1] >= 4 * gaps[0] * 0.9
        assert feed.consecutive_errors == 4 and archive.get_feed(url) is not None


def test_gone_feed_is_marked_and_not_polled_again(fault_server, db_path):
    url = fault_server.url("/410")
    with open_archive(db_path) as archive:
        poll(archive, url)
        assert archive.get_feed(url).status == "gone"
        assert poll(archive, now=NOW + timedelta(days=30)).feeds == ()


def test_permanent_redirect_moves_the_feed_after_it_parses(fault_server, db_path):
    old = fault_server.url("/moved-permanently")
    with open_archive(db_path) as archive:
        report = poll(archive, old)
        assert report.new_articles > 0
        assert archive.get_feed(old) is None
        assert archive.get_feed(fault_server.url("/rss")) is not None


def test_hostile_feed_content_is_stored_safely(fault_server, db_path, tmp_path):
    target = tmp_path / "canary"
    url = fault_server.url(f"/hostile-links?target={target}")
    with open_archive(db_path) as archive:
        poll(archive, url)
        articles = archive.list_articles()
    assert articles and all(a.url.startswith("http://127.0.0.") for a in articles)
    private = [a for a in articles if a.url.startswith("http://127.0.0.2")]
    assert len(private) == 1 and private[0].extraction != "ok"
    assert "non-public" in private[0].extraction_error
    assert not target.exists()
    assert fault_server.count("/page/ok") == 1


def test_billion_laughs_and_xxe_leave_no_trace(db_path, tmp_path):
    canary = tmp_path / "canary.txt"
    canary.write_text("CANARY-SECRET-7731")
    server = FaultServer(canary_path=canary).start()
    try:
        with open_archive(db_path) as archive:
            poll(archive, server.url("/billion-laughs"), server.url("/xxe"),
                 server.url("/xxe?form=public"))
            stored = " ".join(a.title + a.text + a.feed_summary for a in archive.list_articles())
        assert "CANARY-SECRET" not in stored and "lollol" not in stored
        assert server.count("/dtd") == 0
    finally:
        server.stop()
