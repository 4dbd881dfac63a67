"""The archive under faults (reliability matrix rows 21, 23, 25, 26): real files, real processes.

Damaged or foreign files must be refused with a clear ArchiveError and left byte-identical; an
unwritable place is reported, not worked around; a writer busy past the timeout is a BusyError
after a real wait; a writer killed mid-feed or stopped by a full disk leaves nothing half-written.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import random
import select
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdesk.errors import ArchiveError, BusyError
from newsdesk.models import Article
from newsdesk.store import open_archive

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
FEED = "https://a.example/feed"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
       b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
       b"\x00\x00\x00\x00IEND\xaeB`\x82") * 4


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def art(n: int, **kw) -> Article:
    fields = {"url": f"https://example.com/a/{n}", "title": f"Title {n}", "source": "Example",
              "guid": f"guid-{n}", "text": "lorem ipsum dolor " * 40 + str(n), "fetched": NOW}
    fields.update(kw)
    return Article(**fields)


def make_archive(path: Path, n: int = 300) -> None:
    with open_archive(path) as a:
        feed, _ = a.add_feed(FEED, now=NOW)
        a.save_poll(feed, [art(i) for i in range(n)], etag="v1", last_modified="lm1",
                    body_hash="h1", polled_at=NOW, next_poll=NOW + timedelta(hours=1))


def siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


# -- damaged and foreign files --------------------------------------------------------------------

def _random_header(data: bytes) -> bytes:
    return random.Random(1).randbytes(100) + data[100:]


def _truncated_half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _garbage_page(data: bytes) -> bytes:
    page = int.from_bytes(data[16:18], "big")
    middle = (len(data) // page // 2) * page
    return data[:middle] + random.Random(2).randbytes(page) + data[middle + page:]


def _short(data: bytes) -> bytes:
    return data[:60]


@pytest.mark.parametrize("damage, message", [
    (_random_header, "not a newsdesk archive (file is not a database)"),
    (_short, "not a newsdesk archive (file is not a database)"),
    (_truncated_half, "is corrupt"),
    (_garbage_page, "is corrupt"),
], ids=["random-first-100-bytes", "shorter-than-a-header", "truncated-to-half", "garbage-page"])
def test_damaged_archive_is_refused_and_left_untouched(db_path, damage, message):
    make_archive(db_path)
    db_path.write_bytes(damage(db_path.read_bytes()))
    before, names = digest(db_path), siblings(db_path)
    with pytest.raises(ArchiveError, match=r"corrupt|not a newsdesk archive") as info:
        open_archive(db_path)
    assert message in str(info.value) and str(db_path) in str(info.value)
    assert info.value.exit_code == 74
    assert digest(db_path) == before
    assert siblings(db_path) == names      # nothing created, renamed or deleted


@pytest.mark.parametrize("content", [PNG, b"just some notes\n" * 20, b"\x00" * 4096],
                         ids=["png", "text", "zeros"])
def test_foreign_file_is_refused_and_left_untouched(tmp_path, content):
    path = tmp_path / "picture.db"
    path.write_bytes(content)
    with pytest.raises(ArchiveError, match=r"not a newsdesk archive \(file is not a database\)"):
        open_archive(path)
    assert path.read_bytes() == content
    assert siblings(path) == {"picture.db"}


def test_other_applications_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "places.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org/')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(ArchiveError, match="another application"):
        open_archive(path)
    assert digest(path) == before


def test_newer_schema_is_refused_and_left_untouched(db_path):
    make_archive(db_path, n=3)
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO schema_migrations VALUES (99, 'from the future', 'x')")
    conn.commit()
    conn.close()
    before = digest(db_path)
    with pytest.raises(ArchiveError, match="schema version 99 is newer"):
        open_archive(db_path)
    assert digest(db_path) == before


def test_empty_file_becomes_an_archive(db_path):
    db_path.write_bytes(b"")
    with open_archive(db_path) as a:
        assert a.count_articles() == 0


def test_directory_path_is_refused(tmp_path):
    with pytest.raises(ArchiveError, match="is a directory"):
        open_archive(tmp_path)


# -- permissions ----------------------------------------------------------------------------------

@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory another user can reach (pytest's tmp_path is private to its owner)."""
    base = Path(tempfile.mkdtemp(prefix="newsdesk-perm-"))
    base.chmod(0o755)
    try:
        yield base
    finally:
        for p in sorted(base.rglob("*"), reverse=True):
            if p.is_dir():
                p.chmod(0o755)
        subprocess.run(["rm", "-rf", str(base)], check=False)


@contextmanager
def unprivileged(*owned: Path) -> Iterator[None]:
    """Run the block as a user that file modes apply to.

    root ignores chmod, so as root the effective uid/gid drop to ``nobody`` for the block (the
    paths in ``owned`` are given to nobody first, as a normal user would own them).
    """
    if os.geteuid() != 0:
        yield
        return
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("running as root with no 'nobody' user: root ignores chmod, cannot test")
    for p in owned:
        os.chown(p, nobody.pw_uid, nobody.pw_gid)
    try:
        os.setegid(nobody.pw_gid)
        os.seteuid(nobody.pw_uid)
    except PermissionError:
        os.setegid(0)
        pytest.skip("running as root without CAP_SETUID: root ignores chmod, cannot test")
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def _skip_if_still_writable(directory: Path) -> None:
    if os.access(directory, os.W_OK, effective_ids=True):
        pytest.skip(f"{directory} stays writable for this user (CAP_DAC_OVERRIDE?)")


def test_read_only_directory_with_an_archive(shared_dir):
    data = shared_dir / "data"
    data.mkdir()
    path = data / "archive.db"
    make_archive(path, n=5)
    before = digest(path)
    data.chmod(0o555)
    with unprivileged(data, path):
        _skip_if_still_writable(data)
        with pytest.raises(ArchiveError) as info:
            open_archive(path)
    message = str(info.value)
    assert str(path) in message and "not writable" in message and "-wal" in message
    assert "\n" not in message
    assert digest(path) == before and siblings(path) == {"archive.db"}


def test_read_only_directory_new_archive(shared_dir):
    data = shared_dir / "data"
    data.mkdir()
    data.chmod(0o555)
    with unprivileged(data):
        _skip_if_still_writable(data)
        with pytest.raises(ArchiveError, match=r"directory .* is not writable"):
            open_archive(data / "archive.db")
    assert list(data.iterdir()) == []


def test_read_only_file(shared_dir):
    path = shared_dir / "archive.db"
    make_archive(path, n=5)
    path.chmod(0o444)
    with unprivileged(path):
        if os.access(path, os.W_OK, effective_ids=True):
            pytest.skip("the file stays writable for this user")
        with pytest.raises(ArchiveError, match="file is not writable"):
            open_archive(path)


# -- contention -----------------------------------------------------------------------------------

HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE feeds SET title = 'holder'") if sys.argv[3] == "1" else None
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("ROLLBACK")
""")


@contextmanager
def write_lock_held(path: Path, seconds: float, touch: bool = True) -> Iterator[subprocess.Popen]:
    """Another process holds BEGIN IMMEDIATE on ``path`` for ``seconds``."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(seconds),
                             "1" if touch else "0"], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        proc.kill()
        proc.wait()


def test_writer_busy_past_timeout_is_busy_error(db_path):
    make_archive(db_path, n=3)
    with open_archive(db_path, busy_timeout_ms=300) as a, write_lock_held(db_path, 30):
        assert a.count_articles() == 3          # WAL: reading is not blocked by the writer
        start = time.monotonic()
        with pytest.raises(BusyError, match="database busy") as info:
            a.save_poll(a.get_feed(FEED), [art(1000)], etag="v2", last_modified=None,
                        body_hash=None, polled_at=NOW, next_poll=NOW)
        waited = time.monotonic() - start
        assert info.value.exit_code == 75 and str(db_path) in str(info.value)
        assert waited >= 0.25                   # BEGIN IMMEDIATE honoured busy_timeout
        assert not a.db.conn.in_transaction
        assert a.count_articles() == 3 and a.get_feed(FEED).etag == "v1"


def test_writer_waits_for_a_short_hold_and_succeeds(db_path):
    make_archive(db_path, n=3)
    with open_archive(db_path, busy_timeout_ms=10_000) as a, write_lock_held(db_path, 0.6):
        start = time.monotonic()
        ids = a.save_articles([art(1000)])
        waited = time.monotonic() - start
    assert len(ids) == 1 and waited >= 0.3


def test_open_is_busy_error_when_a_new_file_is_locked(db_path):
    db_path.write_bytes(b"")
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("CREATE TABLE placeholder (x)")
    try:
        with pytest.raises(BusyError):
            open_archive(db_path, busy_timeout_ms=200)
    finally:
        conn.execute("ROLLBACK")
        conn.close()


# -- crash and disk full (subprocesses) -----------------------------------------------------------

CRASHER = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta, timezone
    from newsdesk.models import Article
    from newsdesk.store import open_archive
    now = datetime(2026, 11, 28, 11, tzinfo=timezone.utc)
    with open_archive(sys.argv[1]) as a:
        feed = a.get_feed("FEED_URL")
        new = [Article(url=f"https://example.com/new/{n}", title=f"crashword {n}", source="S",
                       text="crashword body") for n in range(6)]
        a.save_poll(feed, new, etag="v2", last_modified="lm2", body_hash="h2", polled_at=now,
                    next_poll=now + timedelta(hours=1))
    print("finished")
""").replace("FEED_URL", FEED)


def _wait_for_line(proc: subprocess.Popen, expected: str, timeout: float) -> None:
    assert proc.stderr is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], 0.2)
        if ready:
            line = proc.stderr.readline()
            if line.strip() == expected:
                return
            if not line:
                break
    raise AssertionError(f"no {expected!r} from the child (exit {proc.poll()})")


def test_kill_9_mid_feed_leaves_nothing_of_it(db_path):
    make_archive(db_path, n=20)
    env = {**os.environ, "NEWSDESK_TEST_PAUSE_AFTER_INSERTS": "3"}
    proc = subprocess.Popen([sys.executable, "-c", CRASHER, str(db_path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_line(proc, "paused", timeout=30)
        with open_archive(db_path) as reader:            # the paused writer's rows are invisible
            assert reader.count_articles() == 20
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
        proc.wait()
    with open_archive(db_path, busy_timeout_ms=1000) as a:
        assert a.integrity_ok()
        assert a.count_articles() == 20
        assert a.search("crashword") == []
        feed = a.get_feed(FEED)
        assert (feed.etag, feed.last_modified, feed.body_hash) == ("v1", "lm1", "h1")
        match = a.db.conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'lorem'").fetchone()[0]
        like = a.db.conn.execute(
            "SELECT count(*) FROM articles WHERE text LIKE '%lorem%'").fetchone()[0]
        assert match == like == 20
        # The lock died with the writer: the next poll writes at once.
        a.save_poll(feed, [art(500)], etag="v3", last_modified=None, body_hash=None,
                    polled_at=NOW, next_poll=NOW)
        assert a.count_articles() == 21


DISK_FILLER = textwrap.dedent("""
    import resource, signal, sys
    from pathlib import Path
    from newsdesk.errors import NewsdeskError
    from newsdesk.models import Article
    from newsdesk.store import open_archive
    path = Path(sys.argv[1])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)    # a write past the limit fails with EFBIG
    archive = open_archive(path)
    limit = path.stat().st_size + 64 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    big = [Article(url=f"https://big.example/{n}", title="big", source="S",
                   text="bigword " * 3000 + str(n)) for n in range(150)]
    try:
        archive.save_articles(big)
    except NewsdeskError as exc:
        print(exc, file=sys.stderr)
        sys.exit(exc.exit_code)
    print("no error", file=sys.stderr)
""")


def test_disk_full_rolls_back_and_exits_74(db_path):
    make_archive(db_path, n=10)
    proc = subprocess.run([sys.executable, "-c", DISK_FILLER, str(db_path)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 74, proc.stderr
    message = proc.stderr.strip()
    assert str(db_path) in message and "\n" not in message
    with open_archive(db_path) as a:
        assert a.integrity_ok()
        assert a.count_articles() == 10
        assert a.search("bigword") == []
