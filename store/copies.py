"""Queries behind near-copy detection, the per-host boilerplate memory, updates and read state.

The copy index and the boilerplate rules live in ``extract`` (pure); this module only reads and
writes what they need: recent signatures to rebuild the index at start, per-host block counts,
other titles of a host, and the copy links themselves. A whole copy group (original and copies)
is read or unread together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from newsdesk.models import Article, RemovedBlock

from .base import ArchiveBase, chunks
from .tags import write_tags
from .rows import article_to_row, from_text, removed_from_json, removed_to_json, to_text



@dataclass(frozen=True)
class CopyCandidate:
    """What the copy index needs of a stored article."""

    id: int
    published: datetime
    text: str
    content_hash: str
    signature: bytes
    copy_of: int | None


def record_block_sightings(db: Database, sightings: Sequence[tuple[str, str, str]],
                           seen_at: datetime) -> None:
    """Count one article's sighting of a block: (host, fingerprint, sample text) each."""
    for host, fingerprint, sample in sightings:
        db.execute(
            "INSERT INTO host_blocks (host, fingerprint, articles, sample, first_seen, last_seen) "
            "VALUES (?, ?, 1, ?, ?, ?) ON CONFLICT(host, fingerprint) DO UPDATE SET "
            "articles = articles + 1, last_seen = excluded.last_seen",
            [host, fingerprint, sample[:500], to_text(seen_at), to_text(seen_at)],
        )


def update_articles(db: Database, articles: Sequence[Article]) -> None:
    """Rewrite stored articles in place (a retitled or updated entry); ``id`` must be set.
    Read state and copy links of the stored row are kept."""
    for article in articles:
        row = article_to_row(article, feed_id=article.feed_id)
        keep = ("feed_id", "copy_of", "copy_kind")
        sets = ", ".join(f"{c} = :{c}" for c in row if c not in keep)
        db.execute(f"UPDATE articles SET {sets}, updated = :now WHERE id = :id",
                   {**row, "id": article.id, "now": to_text(article.fetched)})
        write_tags(db, article.id, article)


class CopyQueries(ArchiveBase):
    def entry_states(self, feed_id: int, guids: Iterable[str],
                     urls: Iterable[str]) -> dict[str, tuple[int, str]]:
        """guid (of this feed) or url (of any feed) -> (article id, entry_hash) for known entries."""
        found: dict[str, tuple[int, str]] = {}
        guid_list, url_list = list(dict.fromkeys(guids)), list(dict.fromkeys(urls))
        for chunk, marks in chunks(guid_list):
            for r in self._read("SELECT id, guid, entry_hash FROM articles WHERE feed_id = ? AND "
                                f"guid IN ({marks})", [feed_id, *chunk]):
                found.setdefault(r["guid"], (r["id"], r["entry_hash"] or ""))
        for chunk, marks in chunks(url_list):
            for r in self._read("SELECT id, url, entry_hash FROM articles WHERE "
                                f"url IN ({marks})", chunk):
                found.setdefault(r["url"], (r["id"], r["entry_hash"] or ""))
        return found

    def ids_for_urls(self, urls: Iterable[str]) -> dict[str, int]:
        url_list, found = list(dict.fromkeys(urls)), {}
        for chunk, marks in chunks(url_list):
            for r in self._read(f"SELECT id, url FROM articles WHERE url IN "
                                f"({marks})", chunk):
                found[r["url"]] = r["id"]
        return found

    def originals_for_guids(self, guids: Iterable[str], exclude_feed: int | None) -> dict[str, int]:
        """guid -> earliest article with that guid in another feed (the same item syndicated)."""
        guid_list, found = list(dict.fromkeys(guids)), {}
        for chunk, marks in chunks(guid_list):
            for r in self._read(
                "SELECT guid, min(coalesce(copy_of, id)) AS id FROM articles WHERE guid IN "
                f"({marks}) AND feed_id IS NOT ? GROUP BY guid",
                [*chunk, exclude_feed],
            ):
                found[r["guid"]] = r["id"]
        return found

    def copy_candidates(self, since: datetime) -> list[CopyCandidate]:
        """Articles seen since ``since`` in arrival order, to rebuild the copy index at start."""
        rows = self._read(
            "SELECT id, coalesce(published, fetched) AS seen, text, content_hash, signature, "
            "copy_of FROM articles WHERE coalesce(published, fetched) >= ? ORDER BY seen, id",
            [to_text(since)],
        )
        return [CopyCandidate(r["id"], from_text(r["seen"]), r["text"] or "",
                              r["content_hash"] or "", bytes(r["signature"] or b""), r["copy_of"])
                for r in rows]

    def host_block_counts(self, host: str, fingerprints: Iterable[str]) -> dict[str, int]:
        prints, found = list(dict.fromkeys(fingerprints)), {}
        for chunk, marks in chunks(prints):
            for r in self._read("SELECT fingerprint, articles FROM host_blocks WHERE host = ? AND "
                                f"fingerprint IN ({marks})", [host, *chunk]):
                found[r["fingerprint"]] = int(r["articles"])
        return found

    def recent_titles(self, host: str, *, limit: int = 300) -> list[tuple[str, str]]:
        """(url, title) of the host's most recent articles: a line equal to one is a teaser."""
        rows = self._read("SELECT url, title FROM articles WHERE host = ? "
                          "ORDER BY coalesce(published, fetched) DESC LIMIT ?", [host, limit])
        return [(r["url"], r["title"]) for r in rows]

    def strip_host_block(self, host: str, block: str, reason: str,
                         rehash: Callable[[str], str], limit: int = 500) -> int:
        """Cut ``block`` from the host's stored articles that still carry it (it has just been
        recognised as the host's boilerplate). Returns how many articles changed."""
        changed = 0
        with self.write() as db:
            rows = list(db.query(
                "SELECT id, text, removed FROM articles WHERE host = ? AND instr(text, ?) > 0 "
                "ORDER BY id DESC LIMIT ?", [host, block, limit]))
            for r in rows:
                lines = r["text"].split("\n")
                kept = [line for line in lines if line.strip() != block]
                if len(kept) == len(lines) or not any(line.strip() for line in kept):
                    continue
                text = "\n".join(kept)
                removed = removed_from_json(r["removed"]) + (RemovedBlock(block, reason),)
                db.execute("UPDATE articles SET text = ?, content_hash = ?, removed = ? "
                           "WHERE id = ?", [text, rehash(text), removed_to_json(removed), r["id"]])
                changed += 1
        return changed

    def relink_copies(self, old_original: int, new_original: int, kind: str) -> None:
        """An earlier original turned up: the old original and its copies now point to it."""
        with self.write() as db:
            db.execute("UPDATE articles SET copy_of = ? WHERE copy_of = ?",
                       [new_original, old_original])
            db.execute("UPDATE articles SET copy_of = ?, copy_kind = ? WHERE id = ?",
                       [new_original, kind, old_original])

    def copies_of(self, article_id: int) -> list[Article]:
        from .rows import article_from_row
        rows = self._read("SELECT * FROM articles WHERE copy_of = ? ORDER BY "
                          "coalesce(published, fetched), id", [article_id])
        return [article_from_row(r) for r in rows]

    def mark_read(self, article_id: int, read: bool, now: datetime) -> int:
        """Mark an article and its whole copy group read (or unread). Returns rows changed."""
        with self.write() as db:
            rows = list(db.query("SELECT coalesce(copy_of, id) AS root FROM articles WHERE id = ?",
                                 [article_id]))
            if not rows:
                return 0
            root = rows[0]["root"]
            cursor = db.execute("UPDATE articles SET read_at = ? WHERE id = ? OR copy_of = ?",
                                [to_text(now) if read else None, root, root])
            return cursor.rowcount
