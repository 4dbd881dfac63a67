"""Take the teeth out of a feed's DOCTYPE before feedparser sees it.

feedparser strips DOCTYPEs with line-anchored regexes, so the single-line form
``<!DOCTYPE rss [<!ENTITY a "&b;&b;">...]>`` reaches expat intact: a billion-laughs document then
costs whatever the local expat's amplification guard allows (old system expats have none), and a
``SYSTEM``/``PUBLIC`` identifier relies on the parser's external-entity flag staying off. Here every
DOCTYPE and ENTITY declaration in the prolog is removed whatever its layout; only entities whose
value is plain text or one character reference (which cannot expand) are put back, one a line, in
a DOCTYPE with no external identifier. Nothing here resolves, fetches or expands anything.
"""

from __future__ import annotations

import re

_WIDE_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
)
_WIDE_PATTERNS = (
    (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00!", "utf-16-be"), (b"<\x00!\x00", "utf-16-le"),
)
# One token of the prolog: whitespace, a PI, a comment, a DOCTYPE/ENTITY opener, or anything else.
_PROLOG_TOKEN = re.compile(
    rb"\s+|<\?.*?\?>|<!--.*?-->|<!(?P<decl>DOCTYPE|ENTITY)(?=[\s\[>])|<|.", re.S | re.I
)
# Inside a declaration: quoted literals and comments are opaque; brackets nest; '>' may end it.
_DECL_TOKEN = re.compile(rb"\"[^\"]*\"|'[^']*'|<!--.*?-->|[\[\]>]", re.S)
_DOCTYPE_NAME = re.compile(rb"<!DOCTYPE\s+([A-Za-z_][\w.:-]*)", re.I)
_SAFE_ENTITY = re.compile(
    rb"<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:\"([^\"&%<]*|&#x?[0-9A-Fa-f]+;)\"|'([^'&%<]*|&#x?[0-9A-Fa-f]+;)')\s*>"
)
_ENCODING_DECL = re.compile(r"""^(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""", re.I)
_WIDE_DECLARATION = re.compile(r"<!(?:DOCTYPE|ENTITY)", re.I)
_MAX_ENTITIES = 200
_MAX_ENTITY_VALUE = 1000


def _wide_codec(body: bytes) -> str | None:
    for prefix, codec in _WIDE_BOMS + _WIDE_PATTERNS:
        if body.startswith(prefix):
            return codec
    return None


def _declaration_end(data: bytes, start: int) -> int:
    """Index just past the '>' closing the declaration that opens at ``start`` (or len(data))."""
    depth = 0
    for match in _DECL_TOKEN.finditer(data, start):
        token = match.group(0)
        if token == b"[":
            depth += 1
        elif token == b"]":
            depth = max(0, depth - 1)
        elif token == b">" and depth == 0:
            return match.end()
    return len(data)


def _strip_declarations(data: bytes) -> bytes:
    kept: list[bytes] = []
    entities: list[tuple[bytes, bytes]] = []
    root = b"feed"
    changed = False
    pos = 0
    if data.startswith(b"\xef\xbb\xbf"):
        kept.append(data[:3])
        pos = 3
    while pos < len(data):
        match = _PROLOG_TOKEN.match(data, pos)
        if match is None:
            break
        if match.group("decl"):
            end = _declaration_end(data, match.end())
            declaration = data[match.start():end]
            if match.group("decl").upper() == b"DOCTYPE":
                name = _DOCTYPE_NAME.match(declaration)
                root = name.group(1) if name else root
            for found in _SAFE_ENTITY.finditer(declaration):
                value = found.group(2) if found.group(2) is not None else found.group(3)
                if len(entities) < _MAX_ENTITIES and len(value) <= _MAX_ENTITY_VALUE:
                    entities.append((found.group(1), value.replace(b"\n", b" ")))
            changed = True
            pos = end
            continue
        token = match.group(0)
        if not (token.isspace() or token.startswith((b"<?", b"<!--"))):
            break                                   # the root element (or junk): prolog over
        kept.append(token)
        pos = match.end()
    if not changed:
        return data
    doctype = b""
    if entities:
        lines = b"\n".join(b'<!ENTITY %s "%s">' % pair for pair in entities)
        doctype = b"<!DOCTYPE " + root + b" [\n" + lines + b"\n]>\n"
    return b"".join(kept) + doctype + data[pos:]


def harden_xml(body: bytes, headers: dict[str, str]) -> tuple[bytes, dict[str, str]]:
    """``body`` with its prolog declarations defused; headers adjusted if the body was transcoded.

    UTF-16/32 bodies that carry a DOCTYPE are transcoded to UTF-8 first (their declaration and
    the Content-Type charset are rewritten to match); bodies without one are returned untouched.
    """
    codec = _wide_codec(body)
    if codec is None:
        return _strip_declarations(body), headers
    text = body.decode(codec, errors="replace").lstrip("\ufeff")
    if not _WIDE_DECLARATION.search(text):
        return body, headers
    text = _ENCODING_DECL.sub(r"\1\2utf-8\2", text, count=1)
    fixed = dict(headers)
    content_type = fixed.get("content-type", "application/xml")
    fixed["content-type"] = content_type.split(";")[0].strip() + "; charset=utf-8"
    return _strip_declarations(text.encode("utf-8")), fixed
