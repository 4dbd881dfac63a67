"""The search language, shared by `newsdesk search` and the app's search screen.

    moonshot kimi              both words (AND is implied)
    "open weights"             a phrase
    distill*                   a prefix
    openai OR anthropic        either; NOT and a leading "-" exclude: openai NOT microsoft, -microsoft
    (chips OR gpus) export     grouping
    entity:"Moonshot AI"  source:techcrunch  title:kimi  since:7d  until:2026-03-01  story:42

``parse_query`` turns what a user typed into a ``SearchQuery``: an FTS5 expression built only from
quoted strings and the operators above, plus the field filters. User text never reaches ``MATCH``
as syntax of its own, so ``NEAR(``, ``col:``, stray ``*`` or quotes cannot make an SQL error: an
unclosed quote runs to the end, unbalanced brackets are ignored, an operator with nothing on one
side is dropped. What cannot be searched at all (nothing but filters' bad values, only exclusions
inside brackets) is an ``InvalidQuery`` with a message saying why. Pure: ``now`` is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from newsdesk.durations import parse_since
from newsdesk.errors import UsageError

FIELDS = ("entity", "source", "title", "since", "until", "story")
MAX_TERMS = 64          # beyond this a query is a pasted article, not a search
_MAX_DEPTH = 16
_TOKEN = re.compile(r'\s+|[()]|"[^"]*(?:"\*?|$)|[^\s()"]+(?:"[^"]*(?:"\*?|$))?')
_FIELD = re.compile(r"^(-?)([A-Za-z]+):(.*)$", re.S)
_WORDISH = re.compile(r"[^\W_]")     # a letter or digit: what the index's tokenizer keeps
_DATE_ONLY = re.compile(r"^\d{4}-?\d{2}-?\d{2}$")


# The index stems words (porter, store migration 1): "regulation" is kept as "regul", so the prefix
# "regulat*" alone would miss it. A prefix that runs into a suffix the stemmer strips also matches
# the stem before that suffix. Stems shorter than 4 letters are not tried ("lower*" is not "low").
_STRIPPED = ("ation", "ator", "ative", "ate", "ement", "ment", "ence", "ance", "ism", "ity", "ize",
             "ise", "ive", "ous", "able", "ible", "ing")


def stem_alternatives(prefix: str) -> list[str]:
    """Stems the index may hold for words starting with ``prefix`` that the prefix does not
    begin: "regulat" -> ["regul"] (regulation, regulator), "innovat" -> ["innov"]."""
    word = prefix.lower()
    if not word.isalpha():
        return []
    return [word[:k] for k in range(4, len(word))
            if any(suffix.startswith(word[k:]) for suffix in _STRIPPED)]


class InvalidQuery(UsageError):
    """A query that cannot be searched; the message says why, for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"invalid query: {reason}")
        self.reason = reason


@dataclass(frozen=True)
class SearchQuery:
    match: str | None = None            # FTS5 expression of the words, phrases and operators
    exclude: str | None = None          # what to leave out when the words were all exclusions
    entities: tuple[str, ...] = ()      # entity: values (every one must be mentioned)
    sources: tuple[str, ...] = ()       # source: values (any one; outlet name or host)
    since: datetime | None = None
    until: datetime | None = None       # exclusive
    story: int | None = None

    @property
    def empty(self) -> bool:
        return not (self.match or self.exclude or self.entities or self.sources or self.since
                    or self.until or self.story is not None)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def parse_time(value: str, now: datetime, *, name: str, end: bool = False) -> datetime:
    """A time as `--since` reads it (``newsdesk.durations``: ``7d``, ``24h``, ``90m`` back from
    ``now``, or an ISO date or time, UTC unless given). A bare date as an end (``until:``) means
    the end of that day."""
    raw = value.strip()
    try:
        parsed = None if raw.lower() == "all" else parse_since(raw, now)
        if parsed is not None and end and _DATE_ONLY.match(raw):
            parsed += timedelta(days=1)     # through the end of that day
    except (UsageError, OverflowError):
        parsed = None
    if parsed is None:
        raise InvalidQuery(f"{name}:{value} is not a duration (7d, 24h) or a date (2026-03-01) "
                           "within range")
    return parsed


@dataclass
class _Filters:
    entities: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    since: datetime | None = None
    until: datetime | None = None
    story: int | None = None


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text) if t.strip()]


def _unquote(value: str) -> str:
    value = value.strip()
    if value.startswith('"'):
        value = value[1:-1] if len(value) > 1 and value.endswith('"') else value[1:]
    return value.strip()


class _Parser:
    """Recursive descent over the tokens; FTS5's precedence: NOT binds tighter than AND, AND than
    OR. A node is (positive FTS5 text or None, [excluded FTS5 texts])."""

    def __init__(self, tokens: list[str], now: datetime) -> None:
        self.tokens, self.pos, self.now = tokens, 0, now
        self.filters = _Filters()
        self.count = 0
        self.depth = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        self.pos += 1
        return self.tokens[self.pos - 1]

    def parse(self) -> tuple[str | None, list[str]]:
        node = self.or_expr()
        while self.peek() is not None:      # a ")" with no "(": ignore it and go on
            self.take()
            more = self.or_expr()
            node = self.join_and(node, more)
        return node

    def or_expr(self) -> tuple[str | None, list[str]]:
        parts = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.and_expr())
        parts = [p for p in parts if p[0] or p[1]]
        if len(parts) <= 1:
            return parts[0] if parts else (None, [])
        if any(p[1] and not p[0] for p in parts):
            raise InvalidQuery("OR needs words on both sides, not only exclusions")
        return "(" + " OR ".join(f"({self.close(p)})" for p in parts) + ")", []

    def and_expr(self) -> tuple[str | None, list[str]]:
        node: tuple[str | None, list[str]] = (None, [])
        while (tok := self.peek()) is not None and tok not in ("OR", ")"):
            if tok == "AND":
                self.take()
                continue
            node = self.join_and(node, self.not_expr())
        return node

    def not_expr(self) -> tuple[str | None, list[str]]:
        node = self.primary()
        while self.peek() == "NOT":
            self.take()
            if self.peek() in (None, "OR", ")", "AND", "NOT"):
                break                       # "openai NOT": nothing to exclude
            node = (node[0], node[1] + [self.close(self.primary())])
        return node

    def primary(self) -> tuple[str | None, list[str]]:
        tok = self.take()
        if tok == "NOT":                    # a leading NOT: an exclusion with nothing before it
            if self.peek() in (None, "OR", ")", "AND", "NOT"):
                return None, []
            return None, [self.close(self.primary())]
        if tok == "(":
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                raise InvalidQuery(f"more than {_MAX_DEPTH} nested brackets")
            node = self.or_expr()
            if self.peek() == ")":
                self.take()
            self.depth -= 1
            if node[1] and not node[0]:
                raise InvalidQuery("a bracket holds only exclusions; put words before NOT")
            return node
        if tok == ")":
            return None, []
        return self.term(tok)

    def term(self, tok: str) -> tuple[str | None, list[str]]:
        negate = tok.startswith("-") and len(tok) > 1 and not tok[1].isdigit()
        if negate:
            tok = tok[1:]
        field_match = _FIELD.match(tok)
        if field_match and field_match.group(2).lower() in FIELDS:
            name, value = field_match.group(2).lower(), _unquote(field_match.group(3))
            if name != "title":
                if negate:
                    raise InvalidQuery(f"-{name}: cannot be excluded; leave it out instead")
                self.add_filter(name, value)
                return None, []
            expr = self.words(value, prefix=value.endswith("*"))
            expr = f"title : {expr}" if expr else None
        else:
            expr = self.words(tok, prefix=tok.endswith("*"))
        if expr is None:
            return None, []
        return (None, [expr]) if negate else (expr, [])

    def words(self, tok: str, *, prefix: bool) -> str | None:
        text = _unquote(tok.rstrip("*")) if prefix else _unquote(tok)
        if not _WORDISH.search(text):       # punctuation alone: nothing the index holds
            return None
        self.count += 1
        if self.count > MAX_TERMS:
            raise InvalidQuery(f"more than {MAX_TERMS} terms")
        if not prefix:
            return _quote(text)
        stems = stem_alternatives(text)
        if not stems:
            return _quote(text) + "*"
        return "(" + " OR ".join([_quote(text) + "*", *map(_quote, stems)]) + ")"

    def add_filter(self, name: str, value: str) -> None:
        if not value:
            raise InvalidQuery(f"{name}: needs a value, e.g. {name}:{_EXAMPLES[name]}")
        f = self.filters
        if name == "entity":
            f.entities.append(value)
        elif name == "source":
            f.sources.append(value)
        elif name == "since":
            f.since = parse_time(value, self.now, name=name)
        elif name == "until":
            f.until = parse_time(value, self.now, name=name, end=True)
        elif name == "story":
            if not value.isdigit() or int(value) >= 1 << 63:
                raise InvalidQuery(f"story:{value} is not a story number")
            f.story = int(value)

    def close(self, node: tuple[str | None, list[str]]) -> str:
        """A node as one FTS5 expression (its exclusions applied)."""
        positive, excluded = node
        if positive is None:
            raise InvalidQuery("NOT needs words before it, e.g. openai NOT microsoft")
        for ex in excluded:
            positive = f"({positive} NOT {ex})"
        return positive

    @staticmethod
    def join_and(a: tuple[str | None, list[str]],
                 b: tuple[str | None, list[str]]) -> tuple[str | None, list[str]]:
        if a[0] and b[0]:
            return f"{a[0]} AND {b[0]}", a[1] + b[1]
        return a[0] or b[0], a[1] + b[1]


_EXAMPLES = {"entity": '"Moonshot AI"', "source": "techcrunch", "since": "7d",
             "until": "2026-03-01", "story": "42", "title": "kimi"}


def parse_query(text: str, now: datetime) -> SearchQuery:
    """What the user typed as a ``SearchQuery``; ``InvalidQuery`` when nothing can be searched."""
    parser = _Parser(_tokens(text or ""), now)
    positive, excluded = parser.parse()
    f = parser.filters
    if positive is None and not excluded and parser.tokens and all(
            t in ("AND", "OR", "NOT") for t in parser.tokens):
        positive = " AND ".join(_quote(t) for t in parser.tokens)   # "OR" alone: the word
    exclude = None
    if excluded and positive:
        positive = parser.close((positive, excluded))
    elif excluded:
        exclude = " OR ".join(excluded)
    query = SearchQuery(match=positive, exclude=exclude, entities=tuple(f.entities),
                        sources=tuple(f.sources), since=f.since, until=f.until, story=f.story)
    if exclude and not (query.entities or query.sources or query.since or query.until
                        or query.story is not None):
        raise InvalidQuery("NOT needs words before it, e.g. openai NOT microsoft")
    if query.since and query.until and query.since >= query.until:
        raise InvalidQuery("since: is not before until:")
    return query
