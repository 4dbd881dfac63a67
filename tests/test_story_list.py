"""The story list's query: orders, filters, read state, light rows; on the polled sample site."""

from __future__ import annotations

from datetime import datetime, timezone

from newsdesk.store import open_archive

NOW = datetime(2026, 11, 28, 13, 0, tzinfo=timezone.utc)


def test_pages_in_each_order_match_the_full_stories(sample_archive):
    with open_archive(sample_archive) as archive:
        full = archive.stories_since()
        lines = archive.story_lines(limit=1000)
        assert [s.id for s in lines] == [s.id for s in full]          # newest activity first
        assert archive.story_line_count() == len(full)
        by_id = {s.id: s for s in full}
        for line in lines:
            story = by_id[line.id]
            assert line.headline == story.headline
            assert line.articles == len(story.article_ids)
            assert line.sources == len(story.sources)
            assert list(line.top_entities) == [e.canonical for e in story.entities][:3]
            assert line.disputed == bool(story.disagreements)
        sizes = [s.articles for s in archive.story_lines(order="size", limit=1000)]
        assert sizes == sorted(sizes, reverse=True) and sizes[0] >= 4
        firsts = [s.first_seen for s in archive.story_lines(order="first", limit=1000)]
        assert firsts == sorted(firsts, reverse=True)
        page = archive.story_lines(limit=5, offset=5)
        assert [s.id for s in page] == [s.id for s in lines[5:10]]


def test_filters_by_entity_and_outlet_and_unread(archive_copy):
    with open_archive(archive_copy) as archive:
        meta = archive.story_lines(entity="Meta", limit=1000)
        assert meta and all(any(e.canonical == "Meta" for e in archive.get_story(s.id).entities)
                            for s in meta)
        assert archive.story_lines(entity="No Such Entity") == []
        wire = archive.story_lines(source="Meridian Wire", limit=1000)
        assert wire and all("Meridian Wire" in archive.get_story(s.id).sources for s in wire)
        total = archive.story_line_count()
        assert archive.story_line_count(unread_only=True) == total     # nothing opened yet
        first = archive.story_lines(limit=1)[0]
        assert not first.read and not first.updated
        archive.mark_story_read(first.id, NOW)
        again = archive.story_lines(limit=1)[0]
        assert again.read and not again.updated
        assert archive.story_line_count(unread_only=True) == total - 1


def test_a_time_window_keeps_stories_active_since(sample_archive):
    from datetime import timedelta

    with open_archive(sample_archive) as archive:
        lines = archive.story_lines(limit=1000)
        cut = lines[len(lines) // 2].last_seen
        recent = archive.story_lines(limit=1000, since=cut)
        assert recent and all(s.last_seen >= cut for s in recent)
        assert len(recent) == archive.story_line_count(since=cut) < len(lines)
        assert archive.story_lines(since=cut + timedelta(days=3650)) == []


def test_a_category_keeps_stories_with_an_article_from_such_a_feed(archive_copy):
    with open_archive(archive_copy) as archive:
        feed = archive.list_feeds()[0]
        archive.db.execute("UPDATE feeds SET category = 'policy' WHERE id = ?", [feed.id])
        ids = [a.id for a in archive.list_articles() if a.feed_id == feed.id]
        expected = set(archive.stories_for_articles(ids).values())
        got = {s.id for s in archive.story_lines(category="policy", limit=1000)}
        assert got == expected and got
        assert archive.story_line_count(category="policy") == len(got)
        assert archive.story_lines(category="sports") == []


def test_watched_entities_match_without_regard_to_case_everywhere(sample_archive):
    """The app's stars (``stories_naming``), its watchlist filter (``story_lines(entity=...)``)
    and the digest's watched stories (``entities_named``) pick the same stories for a name in any
    case: a watchlist entry "anthropic" stars what `digest --watch anthropic` lists."""
    with open_archive(sample_archive) as archive:
        ids = [s.id for s in archive.story_lines(limit=1000)]
        exact = archive.stories_naming(["Anthropic"], ids)
        assert exact
        for name in ("anthropic", "ANTHROPIC"):
            assert archive.stories_naming([name], ids) == exact
            assert set(archive.entities_named([name], ids)) == exact
            assert {s.id for s in archive.story_lines(entity=name, limit=1000)} == exact
            assert {s.id for s in archive.story_lines(entity=[name, "No Such"], limit=1000)} \
                == exact
        assert archive.story_line_count(entity="anthropic") == len(exact)
