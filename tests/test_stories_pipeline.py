"""Stories end to end: the sample site polled on loopback into a real archive, clustered by the
pipeline, read back through `newsdesk stories`, `export` and `recluster`."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone
from itertools import combinations

import pytest

from newsdesk.config import Config, PollConfig, StoriesConfig
from newsdesk.pipeline import run_poll
from newsdesk.sample_site import SampleSite, load_content
from newsdesk.store import open_archive
from newsdesk.storydesk import recluster, update_stories

from helpers import run_cli

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
CONFIG = Config(poll=PollConfig(connect_timeout=2, read_timeout=2, deadline=5))


@pytest.fixture(scope="module")
def polled(tmp_path_factory):
    db = tmp_path_factory.mktemp("stories") / "a.db"
    with SampleSite() as site, open_archive(db) as archive:
        for url in site.feed_urls:
            archive.add_feed(url, now=NOW)
        report = run_poll(archive, CONFIG, now=NOW)
    return db, report


def _copy_of(db, tmp_path):
    """A copy of the polled archive that a test may change."""
    copy = tmp_path / "copy.db"
    with open_archive(db) as archive:
        archive.db.execute("VACUUM INTO ?", [str(copy)])
    return copy


def _labels(archive) -> dict[int, str]:
    """article id -> its labelled event (an unrelated article is its own event)."""
    by_path = {a.path: a for a in load_content().articles}
    out = {}
    for article in archive.list_articles():
        sample = next(s for p, s in by_path.items() if article.url.endswith(p))
        out[article.id] = sample.event or f"alone:{sample.id}"
    return out


def test_every_article_lands_in_a_story_and_events_group_together(polled):
    db, report = polled
    assert report.stories_error is None and report.stories_changed > 0
    with open_archive(db) as archive:
        labels = _labels(archive)
        story_of = archive.story_assignments()
    assert set(story_of) == set(labels)                 # nothing left unassigned
    same_story = {(a, b) for a, b in combinations(sorted(labels), 2) if story_of[a] == story_of[b]}
    same_event = {(a, b) for a, b in combinations(sorted(labels), 2) if labels[a] == labels[b]}
    precision = len(same_story & same_event) / len(same_story)
    recall = len(same_story & same_event) / len(same_event)
    # measured: see benchmarks/cluster_bench.py; the floor keeps a regression visible
    assert precision >= 0.9 and recall >= 0.7, (precision, recall)


def test_stories_json_follows_the_contract_and_shows_a_disagreement(polled):
    db, _ = polled
    result = run_cli("stories", "--since", "all", "--json", db=db)
    assert result.returncode == 0, result.stderr
    stories = json.loads(result.stdout)
    assert stories and all({"id", "headline", "first_seen", "last_seen", "articles", "sources",
                            "summary", "entities", "figures", "disagreements"} <= set(s)
                           for s in stories)
    last_seen = [s["last_seen"] for s in stories]
    assert last_seen == sorted(last_seen, reverse=True)  # newest activity first
    big = max(stories, key=lambda s: len(s["articles"]))
    ids = {a["id"] for a in big["articles"]}
    assert 2 <= len(big["summary"]) <= 5
    assert all(s["article_id"] in ids for s in big["summary"])  # every sentence cites its article
    assert len(big["sources"]) >= 2
    disputes = [d for s in stories for d in s["disagreements"]]
    assert disputes, "the sample site's disputed figures should show as disagreements"
    assert all(len({v["source"] for v in d["values"]}) >= 2 for d in disputes)


def test_export_carries_each_article_s_story(polled):
    db, _ = polled
    result = run_cli("export", db=db)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    with open_archive(db) as archive:
        story_of = archive.story_assignments()
    assert records and all(r["story_id"] == story_of[r["id"]] for r in records)


def test_recluster_with_the_same_thresholds_changes_nothing_and_a_new_one_reports_moves(
        polled, tmp_path):
    with open_archive(_copy_of(polled[0], tmp_path)) as archive:
        before = archive.story_assignments()
        report, moved = recluster(archive, CONFIG, NOW)
        assert moved == 0 and archive.story_assignments() == before
        assert report.articles == len(before)
        strict = replace(CONFIG, stories=replace(StoriesConfig(), join_threshold=0.99,
                                                 merge_threshold=0.999))
        _, moved = recluster(archive, strict, NOW)
        assert moved > 0
        assert len(set(archive.story_assignments().values())) > len(set(before.values()))


def test_articles_a_crash_left_unassigned_are_placed_by_the_next_run(polled, tmp_path):
    with open_archive(_copy_of(polled[0], tmp_path)) as archive:
        before = archive.story_assignments()
        archive.clear_stories()                          # as if the clustering batch was lost
        assert archive.story_assignments() == {}
        update = update_stories(archive, CONFIG, NOW)
        assert update.articles == len(before)
        assert archive.story_assignments() == before     # same order, same stories


def test_a_clustering_failure_keeps_the_poll_and_is_reported(tmp_path, monkeypatch):
    import newsdesk.storydesk as storydesk

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(storydesk.StoryDesk, "place", broken)
    db = tmp_path / "a.db"
    with SampleSite() as site, open_archive(db) as archive:
        archive.add_feed(site.feed_urls[0], now=NOW)
        report = run_poll(archive, CONFIG, now=NOW)
        assert report.new_articles > 0
        assert report.stories_error and "boom" in report.stories_error
        assert archive.count_articles() == report.new_articles
    monkeypatch.undo()
    with open_archive(db) as archive:                   # the next run places them
        assert update_stories(archive, CONFIG, NOW).articles == report.new_articles


def test_stories_text_names_each_disagreement_cleanly(polled):
    db, _ = polled
    result = run_cli("stories", "--since", "all", db=db)
    assert result.returncode == 0, result.stderr
    lines = [ln for ln in result.stdout.splitlines() if "outlets disagree on" in ln.lower()]
    assert lines, "the sample site's disputed figures should show in the text listing"
    assert not any(" :" in ln.split(": ")[0] + ":" for ln in lines)   # no empty unit slot
