"""The article screen: highlights of entities and figures, boilerplate on request, the browser
opened for http/https links only; hostile text shown literally."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from newsdesk.models import Article, EntityTag, Figure, RemovedBlock
from newsdesk.tui import article_screen
from newsdesk.tui.app import NewsdeskApp
from newsdesk.tui.article_screen import ArticleScreen, highlighted

ARTICLE = Article(
    url="https://example.org/a", title="[@click=app.quit]Kestrel[/] raises", source="Wire",
    text="Kestrel Evals raised $13.5 million.\nInvestors include [b]Northlight.",
    entities=(EntityTag("Kestrel Evals", "company", "Kestrel Evals"),),
    figures=(Figure(text="$13.5 million", value=13.5e6, kind="money"),),
    removed=(RemovedBlock("Recent Posts: [red]x[/red]", "teaser list"),))


def test_entities_and_figures_are_styled_spans_of_the_literal_text():
    text = highlighted(ARTICLE)
    assert "[b]Northlight" in text.plain                     # literal, not markup
    styled = {text.plain[s.start:s.end]: str(s.style) for s in text.spans}
    assert styled["Kestrel Evals"] == "bold" and styled["$13.5 million"] == "underline"


def test_open_link_only_for_http_and_cuts_on_request(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(article_screen.webbrowser, "open", opened.append)
    from newsdesk.store import open_archive
    db = tmp_path / "a.db"
    open_archive(db).close()

    async def main(article):
        app = NewsdeskApp(db_path=db, background_polls=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            app.open_article(article)
            await pilot.pause()
            assert isinstance(app.screen, ArticleScreen)
            await pilot.press("o")
            await pilot.press("b")
            await pilot.pause()
            cuts = str(app.screen.query_one("#cuts").render())
            assert "Recent Posts: [red]x[/red]" in cuts and "teaser list" in cuts
            await pilot.click("#title")
            await pilot.pause()
            assert app.is_running

    asyncio.run(main(ARTICLE))
    assert opened == ["https://example.org/a"]
    asyncio.run(main(replace(ARTICLE, url="javascript:alert(1)")))
    assert opened == ["https://example.org/a"]               # nothing more


def test_opening_an_article_marks_it_and_its_copies_read_and_m_undoes_it(archive_copy):
    from newsdesk.store import open_archive
    from newsdesk.tui.app import StoryScreen

    with open_archive(archive_copy) as archive:
        copy = next(a for a in archive.list_articles(limit=500) if a.copy_of)
        original = archive.get_article(copy.copy_of)
        story_id = archive.stories_for_articles([original.id])[original.id]
        assert not original.read and not copy.read

    async def main():
        app = NewsdeskApp(db_path=archive_copy, background_polls=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.open_story(story_id)
            await app.workers.wait_for_complete()
            await pilot.pause()
            story = app.screen
            assert isinstance(story, StoryScreen)
            table = story.query_one("#articles")
            assert str(table.get_cell(str(original.id), table.ordered_columns[0].key)) == "●"
            table.focus()
            table.move_cursor(row=table.get_row_index(str(original.id)))
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, ArticleScreen)
            with open_archive(archive_copy) as archive:   # the copy group, as the store keeps it
                assert archive.get_article(original.id).read
                assert archive.get_article(copy.id).read
            await pilot.press("m")
            await app.workers.wait_for_complete()
            await pilot.pause()
            with open_archive(archive_copy) as archive:
                assert not archive.get_article(original.id).read
            await pilot.press("m", "escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen is story
            assert str(table.get_cell(str(original.id), table.ordered_columns[0].key)) == " "

    asyncio.run(main())
