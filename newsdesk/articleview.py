"""Plain-text and JSON views of one article for `newsdesk article ID [--why] [--json]`."""

from __future__ import annotations

import json
from collections.abc import Sequence

from newsdesk.records import export_record
from newsdesk.models import Article


def render_article(article: Article, copies: Sequence[Article], original: Article | None, *,
                   why: bool, as_json: bool) -> str:
    if as_json:
        record = export_record(article)
        record["also_at"] = [{"id": c.id, "source": c.source, "url": c.url} for c in copies]
        if why:
            record["removed"] = [{"text": b.text, "reason": b.reason} for b in article.removed]
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    when = article.published.strftime("%Y-%m-%d %H:%M UTC") if article.published else "undated"
    lines = [article.title, f"{article.source} · {article.author or 'no byline'} · {when}",
             article.url]
    if original is not None:
        lines.append(f"copy ({article.copy_kind}) of #{original.id}: {original.source} — "
                     f"{original.title}")
    if copies:
        lines.append("also at: " + ", ".join(f"{c.source} (#{c.id})" for c in copies))
    if article.extraction != "ok":
        lines.append(f"text from the feed ({article.extraction_error or article.extraction})")
    if article.entities:
        lines.append("entities: " + ", ".join(
            f"{e.canonical} ({e.type}{'' if e.known else ', discovered'})"
            for e in article.entities))
    for f in article.figures:
        owner = f" — {f.entity}" if f.entity else ""
        flags = f"  [{', '.join(f.flags)}]" if f.flags else ""
        lines.append(f"figure: {f.text}{owner}{flags}")
    lines += ["", article.text or article.feed_summary or "(no text)"]
    if why:
        lines += ["", f"-- cut as boilerplate: {len(article.removed)} blocks --"]
        for block in article.removed:
            lines.append(f"[{block.reason}] {block.text}")
    return "\n".join(lines) + "\n"
