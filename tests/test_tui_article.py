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
