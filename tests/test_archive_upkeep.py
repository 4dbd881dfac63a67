"""Archive upkeep on real SQLite files: `export --format csv`, `prune` and `backup`.

Prune is checked against what the archive held before it ran (which articles were old, which
stories they were in, which copies they were the original of), never against numbers copied from
the implementation; the cutoffs are chosen from the sample archive's own spread of times.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from helpers import run_cli
from newsdesk.config import Config
from newsdesk.durations import parse_older_than
from newsdesk.errors import UsageError
from newsdesk.retention import prune
from newsdesk.store import open_archive

POLLED_AT = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)  # the sample archive's clock
SEEN = "coalesce(published, fetched)"


# -- reading the archive behind the code's back ---------------------------------------------------

def _rows(db: Path, sql: str, params=()) -> list[tuple]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _dump(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def _state(db: Path, cutoff: str) -> dict:
    """What a prune at ``cutoff`` should do, read before it runs."""
    old = {r[0] for r in _rows(db, f"SELECT id FROM articles WHERE {SEEN} < ?", [cutoff])}
    members: dict[int, set[int]] = {}
    for aid, sid in _rows(db, "SELECT id, story_id FROM articles WHERE story_id IS NOT NULL"):
        members.setdefault(sid, set()).add(aid)
    copies = _rows(db, "SELECT id, copy_of FROM articles WHERE copy_of IS NOT NULL")
    split = {s for s, ids in members.items() if ids & old and ids - old}
    named = {e for a, e in _rows(db, "SELECT article_id, entity_id FROM article_entities")
             if a not in old}
    return {
        "old": old,
        "members": members,
        "gone": {s for s, ids in members.items() if ids <= old},
        "split": split,
        "renamed": {s for s in split if s in old},  # a story's id is its opening article's
        "unnamed": {r[0] for r in _rows(db, "SELECT id FROM entities")} - named,
        "orphaned_copies": {a for a, orig in copies if orig in old and a not in old},
        "figures": sum(r[0] in old for r in _rows(db, "SELECT article_id FROM figures")),
        "links": sum(r[0] in old for r in _rows(db, "SELECT article_id FROM article_entities")),
    }


def _split_cutoff(db: Path) -> str:
    """The earliest article time that, as a cutoff, deletes a whole story, splits a story whose
    opening article goes, and leaves a copy without its original: every repair prune makes."""
    for (cutoff,) in _rows(db, f"SELECT DISTINCT {SEEN} AS t FROM articles ORDER BY t"):
        s = _state(db, cutoff)
        if s["gone"] and s["orphaned_copies"] and any(i in s["old"] for i in s["split"]):
            return cutoff
    raise AssertionError("the sample archive has no cutoff that exercises every repair")


def _assert_whole(db: Path) -> None:
    """Every reference in the archive leads to something that exists, and each story agrees with
    its articles."""
    with open_archive(db) as archive:
        assert archive.integrity_ok()  # PRAGMA integrity_check and the FTS index vs. articles
        stories = archive.stories_since(None)
        articles = archive.articles_by_id(i for s in stories for i in s.article_ids)
    assert _rows(db, "PRAGMA foreign_key_check") == []
    ids = {r[0] for r in _rows(db, "SELECT id FROM articles")}
    assert not _rows(db, "SELECT 1 FROM articles a WHERE copy_of IS NOT NULL AND NOT EXISTS "
                         "(SELECT 1 FROM articles o WHERE o.id = a.copy_of AND o.copy_of IS NULL)")
    assert {r[0] for r in _rows(db, "SELECT article_id FROM figures")} <= ids
    assert {r[0] for r in _rows(db, "SELECT article_id FROM article_entities")} <= ids
    assert not _rows(db, "SELECT id FROM entities e WHERE NOT EXISTS "
                         "(SELECT 1 FROM article_entities ae WHERE ae.entity_id = e.id)")
    live = {s.id for s in stories}
    assert {r[0] for r in _rows(db, "SELECT story_id FROM articles WHERE story_id IS NOT NULL")} \
        == live
    for from_id, into_id in _rows(db, "SELECT from_id, into_id FROM story_merges"):
        chain = {from_id: into_id for from_id, into_id in _rows(
            db, "SELECT from_id, into_id FROM story_merges")}
        while into_id in chain:
            into_id = chain[into_id]
        assert into_id in live, f"merge {from_id} leads nowhere"
    counts = dict(_rows(db, "SELECT id, article_count FROM stories"))
    for story in stories:
        assert not set(story.merged_from) & live, f"story {story.id} claims a live story"
        own = set(story.article_ids)
        assert story.id in own and story.headline_article_id in own
        assert counts[story.id] == len(own)
        cited = {s.article_id for s in story.summary}
        if story.coverage:
            cited |= {c.article_id for c in (story.coverage.first, *story.coverage.followers) if c}
        cited |= {v.article_id for f in story.figures for v in f.sources}
        cited |= {v.article_id for d in story.disagreements for v in d.values}
        assert cited <= own, f"story {story.id} cites {cited - own}"
        times = [articles[i].published or articles[i].fetched for i in own]
        assert (story.first_seen, story.last_seen) == (min(times), max(times))
        assert set(story.sources) <= {articles[i].source for i in own}


def _title_word_only_in(db: Path, article_ids: set[int]) -> str:
    """A word of one of these articles' titles that full-text search finds in them alone."""
    with open_archive(db) as archive:
        for (title,) in _rows(db, f"SELECT title FROM articles WHERE id IN "
                                  f"({', '.join(map(str, article_ids))}) ORDER BY id"):
            for word in title.split():
                if word.isalpha() and len(word) > 4:
                    hits = {a.id for a in archive.search(word, limit=1000)}
                    if hits and hits <= article_ids:
                        return word
    raise AssertionError("no distinctive title word among these articles")


# -- prune ---------------------------------------------------------------------------------------

def test_prune_removes_old_articles_and_keeps_every_story_whole(archive_copy):
    cutoff = _split_cutoff(archive_copy)
    before = _state(archive_copy, cutoff)
    word = _title_word_only_in(archive_copy, before["old"])
    with open_archive(archive_copy) as archive:
        assert archive.search(word)  # the word is indexed before the prune
        counts = prune(archive, Config(), datetime.fromisoformat(cutoff), POLLED_AT)
        assert archive.search(word) == []
    assert counts.articles == len(before["old"])
    assert counts.figures == before["figures"] and counts.entity_links == before["links"]
    assert counts.stories_deleted == len(before["gone"])
    assert counts.stories_rebuilt == len(before["split"])
    assert counts.stories_renamed == len(before["renamed"]) and before["renamed"]
    assert counts.entities == len(before["unnamed"]) and before["unnamed"]
    assert counts.copies_repointed == len(before["orphaned_copies"])
    assert not _rows(archive_copy, f"SELECT 1 FROM entities WHERE id IN "
                                   f"({', '.join(map(str, before['unnamed']))})")

    left = {r[0] for r in _rows(archive_copy, "SELECT id FROM articles")}
    assert left.isdisjoint(before["old"]) and left
    assert not _rows(archive_copy, f"SELECT 1 FROM articles WHERE {SEEN} < ?", [cutoff])
    stories = {r[0] for r in _rows(archive_copy, "SELECT id FROM stories")}
    assert stories.isdisjoint(before["gone"])
    for old_id in before["split"]:  # each split story lives on with exactly its newer articles
        rest = before["members"][old_id] - before["old"]
        story_id = _rows(archive_copy, "SELECT story_id FROM articles WHERE id = ?",
                         [min(rest)])[0][0]
        assert {r[0] for r in _rows(archive_copy, "SELECT id FROM articles WHERE story_id = ?",
                                    [story_id])} == rest
        with open_archive(archive_copy) as archive:
            assert archive.get_story(old_id).id == story_id  # the id a user saw still leads there
    for copy in before["orphaned_copies"]:  # still a copy group, now rooted in a survivor
        assert copy in left
    _assert_whole(archive_copy)


def test_a_later_prune_drops_the_old_ids_of_the_stories_it_deletes(archive_copy):
    first = _split_cutoff(archive_copy)
    with open_archive(archive_copy) as archive:
        prune(archive, Config(), datetime.fromisoformat(first), POLLED_AT)
    renamed = dict(_rows(archive_copy, "SELECT from_id, into_id FROM story_merges"))
    assert renamed  # the split stories whose opening article went answer to their old ids
    # a cutoff just past the last article of a renamed story deletes that story entirely
    story = min(renamed.values())
    (last,), = _rows(archive_copy, f"SELECT max({SEEN}) FROM articles WHERE story_id = ?", [story])
    later = (datetime.fromisoformat(last) + timedelta(seconds=1)).isoformat()
    with open_archive(archive_copy) as archive:
        prune(archive, Config(), datetime.fromisoformat(later), POLLED_AT)
        assert archive.get_story(story) is None
        assert all(archive.get_story(old) is None for old, new in renamed.items() if new == story)
    assert story not in {r[0] for r in _rows(archive_copy, "SELECT into_id FROM story_merges")}
    _assert_whole(archive_copy)


KESTREL = [
    ("Kestrel Robotics raises $40 million",
     "Kestrel Robotics raised $40 million in a Series B round led by Northwind Ventures to build "
     "warehouse robots, the Boston company said on Tuesday. Kestrel Robotics will use the money "
     "to double its engineering team and open a factory in Ohio next year, chief executive Dana "
     "Reyes said."),
    ("Kestrel Robotics raises $40m in Series B",
     "Boston warehouse robot maker Kestrel Robotics said Tuesday it had raised $40 million in a "
     "Series B round led by Northwind Ventures. Chief executive Dana Reyes said Kestrel Robotics "
     "would double its engineering team and open an Ohio factory next year."),
]
TRAM = ("Lisbon approves riverside tram line",
        "The city council of Lisbon approved a new tram line along the river on Friday, with trams "
        "expected to run by 2029, the mayor said after a long debate about costs and noise.")


@pytest.mark.parametrize("survivor_grows", [False, True])
def test_an_id_reused_after_a_prune_is_a_new_story_not_a_merged_one(tmp_path, survivor_grows):
    """SQLite gives a pruned top article's id to the next article. When the pruned article had
    opened a story, the survivor lists that id in ``merged_from``; once a new, unrelated article
    opens a story under it, the survivor must let go of it (whether or not the survivor is in the
    same batch, whose stories are built from ``merged_from`` read before it)."""
    from newsdesk.models import Article
    from newsdesk.storydesk import update_stories

    now = POLLED_AT

    def article(n, title, text, hours_ago):
        when = now - timedelta(hours=hours_ago)
        return Article(url=f"https://outlet{n}.example/{n}", title=title, source=f"Outlet {n}",
                       published=when, fetched=when, text=text)

    db = tmp_path / "a.db"
    with open_archive(db) as archive:
        archive.save_articles([article(1, *KESTREL[0], hours_ago=20)])
        archive.save_articles([article(2, *KESTREL[1], hours_ago=30)])  # higher id, but older
        update_stories(archive, Config(), now)
        (opened,) = archive.stories_since(None)
        assert (opened.id, opened.article_ids) == (2, (1, 2))  # the older article opened it
        counts = prune(archive, Config(), now - timedelta(days=1), now)
        assert (counts.articles, counts.stories_renamed) == (1, 1)
        assert archive.get_story(2).id == 1 and archive.get_story(1).merged_from == (2,)
        new = [article(3, *TRAM, hours_ago=0)]
        if survivor_grows:  # a follow-up joins the survivor in the same batch
            new.append(article(4, KESTREL[0][0] + " to hire", KESTREL[0][1], hours_ago=1))
        assert archive.save_articles(new)[0] == 2  # the pruned id, reused
        update_stories(archive, Config(), now)
        reused = archive.get_story(2)
        assert (reused.id, reused.article_ids, reused.headline) == (2, (2,), TRAM[0])
        survivor = archive.get_story(1)
        assert 2 not in survivor.merged_from
        assert survivor.article_ids == ((1, 3) if survivor_grows else (1,))
    assert _rows(db, "SELECT * FROM story_merges") == []
    _assert_whole(db)


def test_prune_leaves_untouched_stories_and_read_state_alone(archive_copy):
    cutoff = _split_cutoff(archive_copy)
    before = _state(archive_copy, cutoff)
    untouched = set(before["members"]) - before["gone"] - before["split"]
    rows_before = {r[0]: r for r in _rows(archive_copy, "SELECT * FROM stories")}
    updated_before = dict(_rows(archive_copy, "SELECT id, updated FROM stories"))
    with open_archive(archive_copy) as archive:
        prune(archive, Config(), datetime.fromisoformat(cutoff), POLLED_AT + timedelta(days=1))
    rows_after = {r[0]: r for r in _rows(archive_copy, "SELECT * FROM stories")}
    assert all(rows_after[i] == rows_before[i] for i in untouched)
    # removing old articles is not news: rebuilt stories keep their last-changed time
    for old_id in before["split"]:
        rest = before["members"][old_id] - before["old"]
        (story_id,) = _rows(archive_copy, "SELECT story_id FROM articles WHERE id = ?",
                            [min(rest)])[0]
        assert dict(_rows(archive_copy, "SELECT id, updated FROM stories"))[story_id] \
            == updated_before[old_id]


def test_a_crash_mid_prune_leaves_the_archive_as_it_was(archive_copy):
    cutoff = _split_cutoff(archive_copy)
    dump = _dump(archive_copy)
    # The story rebuild is the last step of the prune's one transaction: stop there and kill -9.
    script = (
        "import sys, time\n"
        "from datetime import datetime\n"
        "import newsdesk.retention as r\n"
        "from newsdesk.config import Config\n"
        "from newsdesk.store import open_archive\n"
        "def stop(*a, **k):\n"
        "    print('paused', flush=True); time.sleep(3600)\n"
        "r.build_story = stop\n"
        "with open_archive(sys.argv[1]) as a:\n"
        "    r.prune(a, Config(), datetime.fromisoformat(sys.argv[2]), "
        "datetime.fromisoformat(sys.argv[3]))\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(archive_copy), cutoff,
                             POLLED_AT.isoformat()], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "paused"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert _dump(archive_copy) == dump
    _assert_whole(archive_copy)
    with open_archive(archive_copy) as archive:  # and the next prune runs to the end
        assert prune(archive, Config(), datetime.fromisoformat(cutoff), POLLED_AT).articles > 0
    _assert_whole(archive_copy)


OLD_LINES = [
    {"url": f"https://old.example/robots-{i}", "source": f"Old Outlet {i}",
     "title": f"Harborline Robotics recalls its warehouse arm ({i})",
     "text": "Harborline Robotics recalls its warehouse arm after a gripper fault injured two "
             f"workers in Rotterdam. The company said 1,200 units are affected. Report {i}.",
     "published": f"2020-01-1{i}T09:00:00Z"}
    for i in range(3)
]


def _import_old(db: Path) -> None:
    """Old articles, plus an old article carrying a recent sample article's text: it becomes that
    article's original (the earliest copy), so pruning it leaves a copy without its original."""
    (title, text), = _rows(db, f"SELECT title, text FROM articles WHERE copy_of IS NULL "
                                f"ORDER BY {SEEN} DESC LIMIT 1")
    lines = OLD_LINES + [{"url": "https://old.example/syndicated", "title": title, "text": text,
                          "published": "2020-02-01T09:00:00Z", "source": "Old Syndicator"}]
    result = run_cli("import", "-", db=db, input="".join(json.dumps(x) + "\n" for x in lines))
    assert result.returncode == 0, result.stderr


def test_prune_older_than_365d_on_the_command_line(archive_copy, site):
    _import_old(archive_copy)
    cutoff = (datetime.now(timezone.utc) - timedelta(days=365)).isoformat()
    before = _state(archive_copy, cutoff)
    assert len(before["old"]) == len(OLD_LINES) + 1 and before["orphaned_copies"]
    result = run_cli("prune", "--older-than", "365d", "--json", db=archive_copy)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["dry_run"] is False and report["articles"] == len(before["old"])
    assert report["stories_deleted"] == len(before["gone"])
    assert report["stories_rebuilt"] == len(before["split"])
    assert report["stories_renamed"] == len(before["renamed"])
    assert report["entities"] == len(before["unnamed"])
    assert report["copies_repointed"] == len(before["orphaned_copies"])
    assert report["figures"] == before["figures"] and report["entity_links"] == before["links"]
    assert not _rows(archive_copy, "SELECT 1 FROM articles WHERE url LIKE 'https://old.example/%'")
    for copy in before["orphaned_copies"]:
        assert _rows(archive_copy, "SELECT copy_of FROM articles WHERE id = ?", [copy]) == [(None,)]
    _assert_whole(archive_copy)
    # the archive goes on: a poll and an import land and are placed in stories
    polled = run_cli("poll", "--feed", site.feed_urls[0], db=archive_copy)
    assert polled.returncode == 0, polled.stderr
    _import_old(archive_copy)
    assert not _rows(archive_copy, "SELECT 1 FROM articles WHERE story_id IS NULL")
    listed = run_cli("stories", "--since", "all", "--json", db=archive_copy)
    assert listed.returncode == 0 and json.loads(listed.stdout)
    _assert_whole(archive_copy)


def test_prune_dry_run_changes_nothing_and_reports_what_a_run_would(archive_copy):
    _import_old(archive_copy)
    dump = _dump(archive_copy)
    dry = run_cli("prune", "--older-than", "52w", "--dry-run", "--json", db=archive_copy)
    assert dry.returncode == 0, dry.stderr
    assert _dump(archive_copy) == dump
    real = run_cli("prune", "--older-than", "52w", "--json", db=archive_copy)
    dry_report, real_report = json.loads(dry.stdout), json.loads(real.stdout)
    assert dry_report.pop("dry_run") is True and real_report.pop("dry_run") is False
    dry_report.pop("cutoff"), real_report.pop("cutoff")  # a second or so apart
    assert dry_report == real_report and real_report["articles"] > 0
    text = run_cli("prune", "--older-than", "52w", "--dry-run", db=archive_copy)
    assert text.returncode == 0 and text.stdout.startswith("would remove 0 articles")


@pytest.mark.parametrize("value", ["0d", "0w", "-5d", "soon", "all", "", "6m", "6M", "12h",
                                   "86400s", "99999999d", "9999999999999999999999w"])
def test_prune_refuses_a_cutoff_that_is_not_in_the_past(archive_copy, value):
    dump = _dump(archive_copy)
    result = run_cli("prune", "--older-than", value, db=archive_copy)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert _dump(archive_copy) == dump


def test_prune_refuses_a_future_date_and_needs_a_cutoff(archive_copy):
    tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).date().isoformat()
    assert run_cli("prune", "--older-than", tomorrow, db=archive_copy).returncode == 2
    assert run_cli("prune", db=archive_copy).returncode == 2


def test_parse_older_than_reads_durations_and_dates():
    now = datetime(2026, 11, 28, 12, tzinfo=timezone.utc)
    assert parse_older_than("365d", now) == now - timedelta(days=365)
    assert parse_older_than("52w", now) == now - timedelta(weeks=52)
    assert parse_older_than("6mo", now) == parse_older_than("180d", now)
    assert parse_older_than("1Y", now) == parse_older_than("365d", now)
    assert parse_older_than("1d", now) == now - timedelta(days=1)
    assert parse_older_than("2026-01-01", now) == datetime(2026, 1, 1, tzinfo=timezone.utc)
    for bad in ("0d", "-1d", "2026-11-29", "yesterday", "6m", "6M", "48h", "99999999d",
                "2026-11-28", "2026-11-27T12:00:01Z"):  # the last two: less than a day ago
        with pytest.raises(UsageError):
            parse_older_than(bad, now)


def test_older_than_in_minutes_is_refused_with_the_days_it_likely_meant(archive_copy):
    """`6m` is six minutes to a duration parser: a prune of the whole archive for a user who
    meant six months."""
    dump = _dump(archive_copy)
    result = run_cli("prune", "--older-than", "6m", db=archive_copy)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "minutes" in result.stderr and "180d" in result.stderr
    assert _dump(archive_copy) == dump


def test_prune_of_a_missing_archive_exits_74_and_leaves_no_lock_file(tmp_path):
    db = tmp_path / "missing.db"
    result = run_cli("prune", "--older-than", "365d", db=db)
    assert result.returncode == 74 and result.stderr.count("\n") == 1, result.stderr
    assert sorted(tmp_path.iterdir()) == []


def test_prune_exits_75_while_a_poll_holds_the_lock(archive_copy):
    _import_old(archive_copy)
    dump = _dump(archive_copy)
    fd = os.open(archive_copy.with_name(archive_copy.name + ".lock"), os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        result = run_cli("prune", "--older-than", "365d", db=archive_copy)
    finally:
        os.close(fd)
    assert result.returncode == 75 and result.stderr.count("\n") == 1 and result.stdout == ""
    assert _dump(archive_copy) == dump


# -- backup --------------------------------------------------------------------------------------

def _counts(db: Path) -> dict[str, int]:
    return {t: _rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in (
        "feeds", "articles", "stories", "story_merges", "entities", "article_entities", "figures")}


def test_backup_copies_the_archive_while_another_process_writes(archive_copy, tmp_path):
    target = tmp_path / "backups" / "newsdesk-backup.db"
    target.parent.mkdir()
    expected = _counts(archive_copy)
    open_archive(archive_copy).close()  # in WAL mode, as every archive newsdesk has opened
    writer = sqlite3.connect(archive_copy, isolation_level=None)
    try:  # another process mid-write: the backup takes the last committed state, without waiting
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM figures")
        result = run_cli("backup", str(target), db=archive_copy)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout and result.stdout.count("\n") == 1
    assert _counts(target) == expected
    with open_archive(target, create=False) as copy:
        assert copy.integrity_ok()
        (first, title), = _rows(target, "SELECT id, title FROM articles ORDER BY id LIMIT 1")
        word = max((w for w in title.split() if w.isalpha()), key=len)
        assert first in {a.id for a in copy.search(word, limit=1000)}  # the index came along
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temp file left


def test_backup_is_one_self_contained_file(archive_copy, tmp_path):
    """The copy is in rollback-journal mode: it needs no -wal or -shm beside it, so copying the
    one file is a whole backup, and reading it creates nothing (a WAL file would get a -shm even
    from a read-only connection, and could not be opened at all from read-only media)."""
    target = tmp_path / "backups" / "b.db"
    target.parent.mkdir()
    open_archive(archive_copy).close()  # the archive itself is in WAL mode
    assert run_cli("backup", str(target), db=archive_copy).returncode == 0
    assert target.read_bytes()[18:20] == b"\x01\x01"  # file format versions: legacy, not WAL
    con = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == \
            _counts(archive_copy)["articles"]
        assert sorted(p.name for p in target.parent.iterdir()) == ["b.db"]
    finally:
        con.close()
    with open_archive(target, create=False) as copy:  # newsdesk opens it as an archive (in WAL)
        assert copy.integrity_ok()


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal", ".lock"])
def test_backup_refuses_the_archive_s_own_files(archive_copy, suffix):
    own = Path(f"{archive_copy}{suffix}")
    own.write_bytes(b"")
    result = run_cli("backup", str(own), "--force", db=archive_copy)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert own.read_bytes() == b""


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600])
def test_backup_keeps_the_mode_of_the_file_it_replaces(archive_copy, tmp_path, mode):
    target = tmp_path / "b.db"
    target.write_bytes(b"the previous backup")
    target.chmod(mode)
    assert run_cli("backup", str(target), "--force", db=archive_copy).returncode == 0
    assert target.stat().st_mode & 0o7777 == mode


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_a_new_backup_gets_the_mode_the_umask_gives(archive_copy, tmp_path, umask):
    target = tmp_path / "b.db"
    old = os.umask(umask)  # inherited by the newsdesk process
    try:
        assert run_cli("backup", str(target), db=archive_copy).returncode == 0
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o7777 == 0o666 & ~umask


def test_backup_refuses_an_existing_file_unless_forced(archive_copy, tmp_path):
    target = tmp_path / "old-backup.db"
    target.write_bytes(b"yesterday's backup")
    refused = run_cli("backup", str(target), db=archive_copy)
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert refused.stderr.count("\n") == 1 and target.read_bytes() == b"yesterday's backup"
    forced = run_cli("backup", str(target), "--force", db=archive_copy)
    assert forced.returncode == 0, forced.stderr
    assert _counts(target) == _counts(archive_copy)
    itself = run_cli("backup", str(archive_copy), "--force", db=archive_copy)
    assert itself.returncode == 2 and _counts(archive_copy) == _counts(target)


def test_backup_to_an_unwritable_place_exits_74_with_one_line(archive_copy, tmp_path):
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    for target in (tmp_path / "missing" / "b.db", a_file / "b.db"):
        result = run_cli("backup", str(target), db=archive_copy)
        assert result.returncode == 74 and result.stderr.count("\n") == 1, result.stderr
        assert str(target) in result.stderr


def test_a_backup_that_fails_midway_leaves_the_old_backup_intact(archive_copy, tmp_path):
    target = tmp_path / "b.db"
    target.write_bytes(b"the previous backup")
    size = archive_copy.stat().st_size
    script = ("import resource, signal, sys\n"
              "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
              f"resource.setrlimit(resource.RLIMIT_FSIZE, ({size // 3}, {size // 3}))\n"
              "from newsdesk.cli import main\n"
              "sys.argv = ['newsdesk', 'backup', '--force', sys.argv[1]]\n"
              "main()\n")
    result = subprocess.run([sys.executable, "-c", script, str(target)], capture_output=True,
                            text=True, env={**os.environ, "NEWSDESK_DB": str(archive_copy)},
                            timeout=120)
    assert result.returncode == 74 and result.stderr.count("\n") == 1, result.stderr
    assert f"cannot write {target}:" in result.stderr and ".tmp" not in result.stderr  # FILE named
    assert target.read_bytes() == b"the previous backup"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".b.db")) == []


# -- export --------------------------------------------------------------------------------------

HOSTILE = '=HYPERLINK("http://x","y")'


def _import_hostile(db: Path) -> None:
    lines = [
        {"url": "https://example.org/hostile", "title": HOSTILE, "author": "@admin",
         "source": "+Wire", "published": "2026-11-27T08:00:00Z",
         "text": "-1 + 2 is what the cell would compute.\nSecond line, with a comma and \"quotes\"."},
        {"url": "https://example.org/plain", "title": "Anthropic and OpenAI, side by side",
         "published": "2026-11-27T09:00:00Z",
         "text": "Anthropic raised $13 million, OpenAI said. Meta cut 600 jobs."},
    ]
    result = run_cli("import", "-", db=db, input="".join(json.dumps(x) + "\n" for x in lines))
    assert result.returncode == 0, result.stderr


def _export_bytes(db: Path, *args: str) -> bytes:
    """stdout as bytes: text mode would turn the CSV's CRLF line ends into LF."""
    env = {**os.environ, "NEWSDESK_DB": str(db), "NEWSDESK_CONFIG": str(db.parent / "none.toml")}
    return subprocess.run([sys.executable, "-m", "newsdesk", "export", *args], env=env,
                          capture_output=True, check=True, timeout=120).stdout


def test_export_csv_has_the_jsonl_rows_and_defuses_formulas(archive_copy, tmp_path):
    _import_hostile(archive_copy)
    records = [json.loads(line) for line in _export_bytes(archive_copy).splitlines()]
    raw = _export_bytes(archive_copy, "--format", "csv")
    assert raw.startswith(b"id,url,title,source,author,published,fetched,story_id,copy_of,"
                          b"entities,figures,text\r\n")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert [int(r["id"]) for r in rows] == [r["id"] for r in records]
    for row, record in zip(rows, records, strict=True):
        for field in ("url", "published", "fetched"):
            assert row[field] == (record[field] or "")
        for field in ("story_id", "copy_of"):
            assert row[field] == ("" if record[field] is None else str(record[field]))
        for field in ("title", "source", "author", "text"):
            value = record[field] or ""
            assert row[field] == ("'" + value if value[:1] in ("=", "+", "-", "@") else value)
        assert row["entities"] == "; ".join(dict.fromkeys(e["canonical"]
                                                          for e in record["entities"]))
        assert row["figures"] == "; ".join(
            f"{f['text']} ({f['entity']})" if f["entity"] else f["text"]
            for f in record["figures"])
    hostile = next(r for r in rows if r["url"] == "https://example.org/hostile")
    assert hostile["title"] == "'" + HOSTILE and hostile["author"] == "'@admin"
    assert hostile["source"] == "'+Wire" and hostile["text"].startswith("'-1 + 2")
    assert "\n" in hostile["text"] and '"quotes"' in hostile["text"]  # RFC 4180 round trip
    assert any(r["entities"] and r["figures"] for r in rows)
    out = tmp_path / "articles.csv"
    written = run_cli("export", "--format", "csv", "-o", str(out), db=archive_copy)
    assert written.returncode == 0 and written.stdout == ""
    assert out.read_bytes() == raw


def test_export_csv_to_an_unwritable_place_exits_74(archive_copy, tmp_path):
    result = run_cli("export", "--format", "csv", "-o", str(tmp_path / "no" / "x.csv"),
                     db=archive_copy)
    assert result.returncode == 74 and result.stderr.count("\n") == 1


def test_stories_json_lists_each_exported_article_s_story(archive_copy):
    stories = json.loads(run_cli("stories", "--since", "all", "--json", db=archive_copy).stdout)
    exported = [json.loads(x) for x in run_cli("export", db=archive_copy).stdout.splitlines()]
    by_story: dict[int, set[int]] = {}
    for record in exported:
        by_story.setdefault(record["story_id"], set()).add(record["id"])
    assert {s["id"]: {a["id"] for a in s["articles"]} for s in stories} == by_story


def test_export_pages_walk_every_article_once_in_list_order(archive_copy):
    from newsdesk.models import Article

    with open_archive(archive_copy) as archive:
        archive.save_articles([Article(url="https://example.org/timeless", title="No time at all",
                                       source="Wire", text="An article with no dates.")])
        expected = [a.id for a in archive.list_articles()]
        paged = [a.id for page in archive.article_pages(size=7) for a in page]
        assert paged == expected and len(paged) == archive.count_articles()
        cutoff = archive.get_article(expected[len(expected) // 2]).published
        since = [a.id for a in archive.list_articles(since=cutoff)]
        assert [a.id for page in archive.article_pages(since=cutoff, size=5)
                for a in page] == since
