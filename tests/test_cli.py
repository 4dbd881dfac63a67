"""The real `newsdesk` command in subprocesses: cron behaviour, the lock, crashes, bad archives."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from helpers import NEWSDESK, run_cli
from newsdesk.sample_site import load_content
from newsdesk.store import open_archive


def test_poll_without_terminal_prints_nothing_on_success(site, db_path):
    result = run_cli("poll", "--feed", site.feed_urls[0], db=db_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    with open_archive(db_path) as archive:
        assert archive.count_articles() > 0


def test_poll_reports_each_failing_feed_on_stderr_and_strict_exits_1(site, db_path):
    dead = "http://127.0.0.1:9/feed.xml"
    result = run_cli("poll", "--feed", site.feed_urls[0], "--feed", dead, db=db_path)
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1 and dead in result.stderr
    strict = run_cli("poll", "--strict", "--feed", dead, "--feed", site.feed_urls[1], db=db_path)
    assert strict.returncode == 1


def test_poll_exits_75_only_when_no_feed_could_be_reached(site, db_path):
    dead = "http://127.0.0.1:9/feed.xml"                  # nothing listens: connection refused
    unreachable = run_cli("poll", "--feed", dead, "--feed", "http://127.0.0.1:9/other.xml",
                          db=db_path)
    assert unreachable.returncode == 75
    # a server that answers, even with an error, is not "temporarily unavailable"
    answered = run_cli("poll", "--feed", dead, "--feed", site.base_url + "/no-such-feed.xml",
                       db=db_path)
    assert answered.returncode == 0 and answered.stderr.count("\n") == 2


def test_poll_json_report(site, db_path):
    result = run_cli("poll", "--json", "--feed", site.feed_urls[2], db=db_path)
    report = json.loads(result.stdout)
    assert report["feeds"] == 1 and report["new_articles"] > 0 and report["failed"] == []


def test_second_poll_exits_at_once_while_the_lock_is_held(site, db_path):
    lock_file = db_path.with_name(db_path.name + ".lock")
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        before = site.requests("/" + site.feed_urls[0].split("/", 3)[3])
        started = time.monotonic()
        quiet = run_cli("poll", "--feed", site.feed_urls[0], db=db_path)
        assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
        strict = run_cli("poll", "--strict", "--feed", site.feed_urls[0], db=db_path)
        assert strict.returncode == 75 and strict.stderr.count("\n") == 1
        assert time.monotonic() - started < 10
        assert site.requests("/" + site.feed_urls[0].split("/", 3)[3]) == before
    finally:
        os.close(fd)


@pytest.mark.parametrize("damage", ["random-header", "truncated", "png", "text"])
def test_bad_archive_exits_74_and_is_left_untouched(site, tmp_path, damage):
    db = tmp_path / "a.db"
    with open_archive(db) as archive:
        archive.add_feed(site.feed_urls[0], now=_now())
    data = db.read_bytes()
    if damage == "random-header":
        db.write_bytes(os.urandom(100) + data[100:])
    elif damage == "truncated":
        db.write_bytes(data[: len(data) // 2])
    elif damage == "png":
        db.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    else:
        db.write_text("these are my notes, not a database\n")
    before = db.read_bytes()
    for args in (("poll",), ("feeds", "list"), ("export",)):
        result = run_cli(*args, db=db)
        assert result.returncode == 74, (args, result.stderr)
        assert result.stderr.startswith("newsdesk: ") and result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_unwritable_folder_exits_74_with_a_clear_message():
    """As root permissions are not enforced, so the command runs as `nobody` when we are root."""
    import pwd
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="newsdesk-ro-"))
    try:
        base.chmod(0o755)
        folder = base / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        user = None
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("nobody").pw_uid
            except KeyError:
                pytest.skip("running as root without a `nobody` user to drop to")
        env = {**os.environ, "NEWSDESK_DB": str(folder / "a.db"),
               "NEWSDESK_CONFIG": str(base / "none.toml"), "HOME": str(base)}
        try:
            result = subprocess.run([*NEWSDESK, "feeds", "list"], capture_output=True, text=True,
                                    env=env, user=user, cwd=base, timeout=60)
        except PermissionError:
            pytest.skip("the Python interpreter is not executable by `nobody`")
        if result.returncode != 0 and "No module named" in result.stderr:
            pytest.skip("the virtual environment is not readable by `nobody`")
        assert result.returncode == 74, result.stderr
        assert result.stderr.startswith("newsdesk: ") and str(folder) in result.stderr
        assert "Traceback" not in result.stderr
        assert list(folder.iterdir()) == []
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _now():
    from datetime import datetime, timezone
    return datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)


def test_kill_9_mid_batch_leaves_a_consistent_archive_that_polls_next_time(site, db_path):
    first, second = site.feed_urls[0], site.feed_urls[1]
    assert run_cli("poll", "--feed", first, db=db_path).returncode == 0
    with open_archive(db_path) as archive:
        committed = archive.count_articles()
        committed_ids = {a.id for a in archive.list_articles()}
    env = {**os.environ, "NEWSDESK_DB": str(db_path), "NEWSDESK_TEST_PAUSE_AFTER_INSERTS": "3",
           "NEWSDESK_CONFIG": str(db_path.parent / "none.toml")}  # never the user's own config
    proc = subprocess.Popen([*NEWSDESK, "poll", "--feed", second], env=env,
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        line = proc.stderr.readline()  # the hook prints "paused" inside the open transaction
        assert "paused" in line
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    with open_archive(db_path) as archive:
        assert archive.integrity_ok()
        assert archive.count_articles() == committed
        assert {a.id for a in archive.list_articles()} == committed_ids
        killed_feed = archive.get_feed(second)
        assert killed_feed.etag is None and killed_feed.last_success is None
    # the search index holds exactly the committed rows: every committed title is found by a
    # phrase query, and no row of the killed batch is
    raw = sqlite3.connect(db_path)
    indexed = {r[0] for r in raw.execute("SELECT rowid FROM articles_fts")}
    titles = raw.execute("SELECT id, title FROM articles").fetchall()
    for article_id, title in titles:
        phrase = '"' + title.replace('"', '""') + '"'
        hits = {r[0] for r in raw.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (f"title:{phrase}",))}
        assert article_id in hits
    raw.close()
    assert indexed == committed_ids
    # the lock died with the process, and the next poll does the whole feed
    again = run_cli("poll", "--feed", second, db=db_path)
    assert again.returncode == 0, again.stderr
    expected = sum(1 for a in load_content().articles
                   if site.feed_urls.index(second) == _outlet_index(site, a.outlet))
    with open_archive(db_path) as archive:
        assert archive.count_articles() == committed + expected
        assert archive.get_feed(second).last_success is not None


def _outlet_index(site, outlet_slug):
    for i, url in enumerate(site.feed_urls):
        if f"/{outlet_slug}/" in url:
            return i
    return -1


def test_import_reports_bad_lines_and_keeps_good_ones(db_path):
    lines = [
        json.dumps({"url": "http://127.0.0.1/a?utm_source=x", "title": "Good one",
                    "text": "Body of the first article.", "source": "Wire"}),
        "{not json",
        json.dumps({"url": "javascript:alert(1)", "text": "x"}),
        json.dumps({"url": "https://example.org/b", "title": "Needs a body"}),
        json.dumps({"url": "https://example.org/c", "title": "From html",
                    "html": "<html><body><article><h1>From html</h1><p>" + "Lead sentence here. " * 30
                            + "</p><p>" + "Second paragraph here. " * 20 + "</p></article></body></html>",
                    "published": "2026-11-20T08:00:00Z", "author": "Ann \x1b[2JLee"}),
    ]
    result = run_cli("import", "-", db=db_path, input="\n".join(lines) + "\n")
    assert result.returncode == 65
    assert result.stderr.splitlines() == [
        "newsdesk: line 2: not valid JSON (Expecting property name enclosed in double quotes)",
        "newsdesk: line 3: url missing or not http(s)",
        "newsdesk: line 4: needs html or text",
    ]
    exported = [json.loads(line) for line in run_cli("export", db=db_path).stdout.splitlines()]
    by_url = {e["url"]: e for e in exported}
    assert set(by_url) == {"http://127.0.0.1/a", "https://example.org/c"}
    assert by_url["http://127.0.0.1/a"]["text"] == "Body of the first article."
    assert by_url["https://example.org/c"]["text"].startswith("Lead sentence here.")
    assert by_url["https://example.org/c"]["author"] == "Ann Lee"
    assert by_url["https://example.org/c"]["published"] == "2026-11-20T08:00:00+00:00"
    for record in exported:
        assert set(record) >= {"id", "url", "title", "source", "author", "published", "fetched",
                               "text", "copy_of", "story_id", "entities", "figures"}
    again = run_cli("import", "-", db=db_path, input=lines[0] + "\n")
    assert again.returncode == 0
    assert len(run_cli("export", db=db_path).stdout.splitlines()) == 2


def test_import_waits_for_a_running_poll_instead_of_clustering_beside_it(db_path):
    from newsdesk.lock import PollLock
    from newsdesk.paths import lock_path

    line = json.dumps({"url": "https://example.org/w", "title": "Waited",
                       "text": "Body of an article that waited for the poll."})
    with open_archive(db_path):
        pass
    env = {**os.environ, "NEWSDESK_DB": str(db_path),
           "NEWSDESK_CONFIG": str(db_path.parent / "none.toml")}
    with PollLock(lock_path(db_path)) as held:
        assert held.acquire()
        importing = subprocess.Popen([*NEWSDESK, "import", "-"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=env, cwd=db_path.parent)
        importing.stdin.write(line + "\n")
        importing.stdin.close()
        # Long enough for an import that ignored the lock to have finished (it takes ~3 s):
        # while the lock is held, nothing may land.
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and importing.poll() is None:
            with open_archive(db_path) as archive:
                assert archive.count_articles() == 0
            time.sleep(0.25)
        assert importing.poll() is None              # still waiting for the lock
    assert importing.wait(timeout=60) == 0, importing.stderr.read()
    with open_archive(db_path) as archive:
        assert archive.count_articles() == 1


def test_feeds_add_discovers_list_remove_and_opml_round_trip(site, db_path, tmp_path):
    homepage = site.homepage_urls[0]
    added = run_cli("feeds", "add", homepage, "--category", "press", db=db_path)
    assert added.returncode == 0, added.stderr
    listed = json.loads(run_cli("feeds", "list", "--json", db=db_path).stdout)
    assert [f["url"] for f in listed] == [site.feed_urls[0]]
    assert listed[0]["category"] == "press" and listed[0]["title"]
    assert run_cli("feeds", "add", site.feed_urls[1], db=db_path).returncode == 0
    opml = tmp_path / "out.opml"
    assert run_cli("feeds", "export", "-o", str(opml), db=db_path).returncode == 0
    other = tmp_path / "other.db"
    imported = run_cli("feeds", "import", str(opml), db=other)
    assert imported.returncode == 0 and imported.stdout.startswith("2 feeds added")
    assert {f["url"] for f in json.loads(run_cli("feeds", "list", "--json", db=other).stdout)} == \
        set(site.feed_urls[:2])
    assert run_cli("feeds", "remove", site.feed_urls[1], db=db_path).returncode == 0
    assert run_cli("feeds", "remove", site.feed_urls[1], db=db_path).returncode == 1
    not_feed = run_cli("feeds", "add", "http://127.0.0.1:9/", db=db_path)
    assert not_feed.returncode != 0 and "Traceback" not in not_feed.stderr


def test_feeds_add_defaults_adds_the_curated_list_without_polling(db_path):
    result = run_cli("feeds", "add", "--defaults", db=db_path)
    assert result.returncode == 0
    listed = json.loads(run_cli("feeds", "list", "--json", db=db_path).stdout)
    assert 25 <= len(listed) <= 40
    assert all(f["last_polled"] is None and f["category"] for f in listed)


def test_bare_command_without_terminal_says_so_and_exits_2(db_path):
    result = run_cli(db=db_path)
    assert result.returncode == 2 and "terminal" in result.stderr


def test_demo_no_app_polls_the_sample_site(tmp_path):
    result = run_cli("demo", "--no-app", db=tmp_path / "unused.db", timeout=300)
    assert result.returncode == 0, result.stderr
    assert "0 feeds failed" in result.stdout
    assert f"{len(load_content().articles)} new articles" in result.stdout
    assert not (tmp_path / "unused.db").exists()  # the demo never touches the user's archive


@pytest.mark.parametrize("text,needle", [
    ("[poll\ninterval_minutes = ", "not valid TOML"),
    ("[poll]\nintervals = 5\n", "unknown key poll.intervals"),
    ("[poll]\nper_host = -1\n", "poll.per_host"),
    ("[colors]\n", "unknown section"),
])
def test_bad_config_exits_78_with_the_reason(db_path, text, needle):
    config = db_path.parent / "config.toml"
    config.write_text(text)
    result = run_cli("poll", db=db_path, env={"NEWSDESK_CONFIG": str(config)})
    assert result.returncode == 78 and needle in result.stderr
    assert result.stderr.count("\n") == 1


def test_config_file_settings_reach_the_poller(site, db_path):
    config = db_path.parent / "config.toml"
    config.write_text("[poll]\nfetch_pages = false\n")
    result = run_cli("poll", "--feed", site.feed_urls[0], db=db_path,
                     env={"NEWSDESK_CONFIG": str(config)})
    assert result.returncode == 0, result.stderr
    with open_archive(db_path) as archive:
        articles = archive.list_articles()
    assert articles and all(a.extraction != "ok" for a in articles)  # pages were not fetched


def test_usage_errors_exit_2(db_path):
    assert run_cli("export", "--since", "yesterday-ish", db=db_path).returncode == 2
    assert run_cli("poll", "--no-such-flag", db=db_path).returncode == 2


def test_demo_without_terminal_says_so_before_polling(db_path):
    result = run_cli("demo", db=db_path)
    assert result.returncode == 2 and "--no-app" in result.stderr


def test_poll_refuses_a_non_http_feed_url(db_path):
    result = run_cli("poll", "--feed", "file:///etc/passwd", db=db_path)
    assert result.returncode == 2 and "not an http(s) URL" in result.stderr
    assert not db_path.exists()


def test_a_bad_knowledge_file_is_a_config_error_before_polling(site, db_path):
    bad = db_path.parent / "mine.toml"
    bad.write_text('entity = [ { name = "Acme" } ]\n')  # no type
    config = db_path.parent / "config.toml"
    config.write_text(f'[entities]\nextra_files = ["{bad}"]\n')
    path = "/" + site.feed_urls[0].split("/", 3)[3]
    before = site.requests(path)
    result = run_cli("poll", "--feed", site.feed_urls[0], db=db_path,
                     env={"NEWSDESK_CONFIG": str(config)})
    assert result.returncode == 78 and "mine.toml" in result.stderr
    assert site.requests(path) == before
