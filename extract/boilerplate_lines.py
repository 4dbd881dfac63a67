"""What one line of article text looks like: prose, a headline, a relative time, or a known kind of
page chrome (credit line, newsletter prompt, share bar, ...).

These are the single-line judgements the text rules (``boilerplate_text``) and the tree pruning
(``boilerplate_html``) share. They are written for news in general, in English: label words and
sentence shapes that CMSs print around articles, never one site's strings or class names. A line
that reads as reported speech (a quotation, or said/says/told) is ``protected``: the pattern rules
here never claim it, because quotes are the part of an article a reader least wants to lose.
Nothing here decides on its own; ``chrome_reason`` only names what a line would be if removed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
_BULLET = re.compile(r"^\s*(?:[-\u2022*\u00b7\u25aa\u2013]\s+)")
WORDS = re.compile(r"[^\W_]+(?:['\u2019.\-][^\W_]+)*")
ELLIPSIS_END = re.compile(r"(?:\u2026|\.\.\.)\s*[" + _QUOTES + r")\]]?\s*$")
SENTENCE_END = re.compile(r"[.!?:;][" + _QUOTES + r")\]]*\s*$")
PERIOD_END = re.compile(r"\.[" + _QUOTES + r")\]]*\s*$")

_UNITS = (r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?"
          r"|y|yrs?|years?)")
RELATIVE = r"(?:\d+|an?|one)\s*" + _UNITS + r"\s+ago"
TIME_LINE = re.compile(r"^\W*(?:(?:updated|posted|published|last updated)\s*:?\s*)?(?:" + RELATIVE
                       + r"|just now)\W*$", re.I)
TIME_AT_END = re.compile(r"\s*[\u00b7|\u2022\u2013\u2014-]?\s*(?:" + RELATIVE + r"|just now)\s*$", re.I)
CLOCK_LINE = re.compile(r"^\W*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|GMT|UTC)?\W*$", re.I)

_ATTRIBUTION = re.compile(r"\b(?:said|says|told|tells|asked|added|according to|declined to|did not "
                          r"(?:immediately )?(?:respond|reply|return)|wrote|argued|insisted)\b", re.I)
_QUOTATION = re.compile(r"[\u201c\u201d\"\u00ab\u00bb]|(?:^|\s)'[^']{8,}'")

_TEASER_HEADING_FULL = re.compile(
    r"^(?:(?:recent|latest)(?: (?:posts|articles|stories|news|headlines|updates|videos))?"
    r"(?: (?:from|on|in) .{1,40})?"
    r"|related(?: (?:articles?|stories|story|posts?|coverage|content|news|reading|links|topics|"
    r"videos|items))?(?: (?:from|on|in) .{1,40})?"
    r"|read more(?: (?:from|on|about|in) .{1,40}| stories| articles)?"
    r"|(?:read|watch|up) next|what to read next|further reading|keep reading|explore more"
    r"|more (?:from|on|in|about|by) .{1,40}|more (?:stories|news|articles|coverage|headlines|to read)"
    r"|(?:other|similar) (?:stories|articles|posts|news)"
    r"|trending(?: now| stories| topics| articles| news)?(?: (?:on|in|from|at) .{1,40})?"
    r"|popular(?: now| stories| articles| posts| today)?(?: (?:on|in|from|at) .{1,40})?"
    r"|most (?:read|popular|viewed|shared|commented|emailed|watched)(?: (?:stories|articles|today|"
    r"this week|now))?(?: (?:on|in|from|at) .{1,40})?|key (?:events|moments|updates)"
    r"|you (?:may|might|could|will) also (?:like|enjoy|be interested in)"
    r"|recommended(?: for you| stories| articles| reading)?|editors?'?s?'? picks?|top (?:stories|news)"
    r"|don'?t miss|also read|see also|also on .{1,40}|in case you missed it|around the web"
    r"|sponsored(?: content| stories| links)?|promoted(?: stories| content)?|from (?:our|the) partners"
    r"|elsewhere (?:on|in|at) .{1,40}|just in)\s*[:.\u2026>\u00bb\u203a]?\s*$", re.I)
AUTHOR_HEADING = re.compile(r"^(?:(?i:about (?:the )?(?:authors?|writers?|contributors?)|meet the "
                            r"authors?|written by .{2,40})|(?i:about) (?:[A-Z][\w'\u2019.-]+ ?){1,3})"
                            r"\s*:?\s*$")
NEWSLETTER_NAME = re.compile(r"\b(?:brief|briefing|newsletter|digest|daily|weekly|bulletin|roundup|"
                             r"dispatch|memo|edition|insider)\W*$", re.I)
_LINK_LINE = re.compile(
    r"^\s*(?:read more|read also|also read|more|see also|related(?: article| story| coverage| "
    r"content| link)?|recommended(?: reading)?|read next|up next|go deeper|further reading|"
    r"continue reading|read the full story|watch|listen|must read|don'?t miss|also see|explainer|"
    r"video|podcast)\s*[:\uff1a|\u00bb\u203a>\u2013\u2014-]\s*\S", re.I)
_CREDIT = re.compile(
    r"^\W*(?:(?:with )?additional )?(?:reporting|writing|editing|compiled|research|fact[- ]checking|"
    r"graphics|production|translation)\s+by\s+\S", re.I)
_CREDIT_OTHER = re.compile(
    r"^\W*(?:with assistance from|to contact the (?:reporters?|authors?|editors?)|contact the "
    r"(?:reporters?|authors?) (?:on|at)|our standards\s*:)"
    r"|\bcontributed (?:reporting|to this (?:report|story|article))\W*$", re.I)
_COPYRIGHT = re.compile(r"^\W*(?:\u00a9|\(c\)\s|copyright\s*(?:\u00a9|\(c\)|\d{4}))|"
                        r"\ball rights reserved\b", re.I)
_COOKIE_STRONG = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site) (?:and our (?:\d+ )?partners )?uses? cookies\b|"
    r"\bby continuing to (?:browse|use|visit)\b|\bwe and our (?:\d+ )?(?:partners|vendors)\b|"
    r"\b(?:accept|reject|allow|decline) (?:all(?: cookies)?|and close)\s*$|\bwe value your privacy\b|"
    r"\byour privacy choices\b", re.I)
_COOKIE_WEAK = re.compile(r"\bcookies?\b.*\b(?:you|your|we|our|us|accept|agree|ok|got it|manage|"
                          r"preferences|settings)\b|\b(?:accept|manage|cookie) (?:all|preferences|"
                          r"settings|cookies)\b", re.I)
_PROMO_STRONG = re.compile(
    r"\b(?:in|to|into) your inbox\b|\bdelivered (?:to you|to your inbox|by e-?mail|free)\b|"
    r"\barrives? (?:in your inbox|by e-?mail)\b|\balready (?:a|an) (?:subscriber|member)\b|"
    r"\bby (?:signing up|subscribing)\b|\benter your e-?mail\b|\byour e-?mail address\b|"
    r"\bsupport (?:our|independent|quality) journalism\b|\bbecome an? (?:member|subscriber|"
    r"supporter|patron)\b|^(?:enjoyed|enjoying|liked|like what you read)\b|"
    r"\b(?:sign up|subscribe)(?: now| today| for free| here)?[.!]?\s*$|"
    r"^(?:subscribe|sign up|sign in|log in|join now|join us|get access|start (?:your )?free trial|"
    r"try it free|unlock)\b|\bsubscribe to (?:the |our )?(?-i:[A-Z])\w*|"
    r"\bsubscribe to (?:the |our )?newsletter|\bsubscribers? only\b|\bsupport (?:my|our) work\b|"
    r"\b(?:get|receive) (?:it|this|them|us|the \w+|our \w+) (?:by|via|in your) e-?mail\b|"
    r"\bby e-?mail every (?:day|week|morning|weekday|\w+day)\b|\breceive new posts\b", re.I)
_PROMO_WEAK = re.compile(r"\b(?:sign up|subscribe|register)\b.{0,60}\b(?:newsletters?|inbox|e-?mail|"
                         r"updates|for free)\b|\bunlimited (?:digital )?access\b|\bnewsletter\b", re.I)
_PERSONAL = re.compile(r"\b(?:you|your|we|our|us|my)\b|^(?:get|join|sign|subscribe|register|try|start|"
                       r"download|follow|support|become)\b", re.I)
_SHARE_WORDS = frozenset(
    "share shares sharing this article story post page on via to with tweet facebook x twitter "
    "linkedin whatsapp reddit email e-mail mail print copy link url pin pinterest telegram bluesky "
    "threads mastodon flipboard save saved bookmark comments comment follow us gift listen and or "
    "the a your friends messenger sms like loading".split())
_SHARE_KEY = re.compile(r"\b(?:share|tweet|copy link|print|comments?|e-?mail|follow|like this)\b", re.I)
NETWORKS = frozenset("x twitter facebook linkedin reddit whatsapp pinterest telegram bluesky threads "
                     "mastodon flipboard email e-mail print pocket tumblr".split())
_COMMENTS = re.compile(r"^\W*(?:comments? (?:are |is )?(?:closed|disabled|off)|(?:leave|post|add|view|"
                       r"show|load|read) (?:a |the |all )?(?:\d+ )?comments?|join the (?:conversation|"
                       r"discussion)|\d+ comments?|comments?)\b", re.I)
_DISCLAIMER = re.compile(
    r"\b(?:opinions?|views?) expressed (?:here |in this \w+ )?(?:are|is) (?:those of |solely )?"
    r"(?:the author|the writer|their|his|her|my|solely)|"
    r"\b(?:is|are) (?:supported|funded|made possible) by (?:readers|members|donors|foundations|grants|"
    r"subscribers|our readers)\b|\b(?:funders|sponsors|donors|advertisers) (?:have|had) no (?:role|say|"
    r"influence|input|control)\b|\bspotted an? (?:error|mistake|typo)\b|\b(?:got|have) a (?:news )?"
    r"(?:tip|story)\?|\btips? (?:are )?welcome\b|^corrections?\s*:|\be-?mail the [\w ]{0,20}desk\b|"
    r"\bthis (?:article|story|post|piece) (?:was|is|has been) (?:originally |first )?(?:published|"
    r"produced|syndicated)\b|^the post .{3,200} appeared first on\b|\bquotes? (?:are )?delayed\b|"
    r"\bmarket data (?:is |are )?provided\b|\bdelayed (?:by )?(?:at least |a minimum of )?\d+ minutes\b|"
    r"^(?:tags|topics|filed under|categories|related topics|more about|keywords)\s*:|"
    r"^(?:advertisement|advertising|sponsored|ad|promoted|story continues below|article continues "
    r"(?:below|after (?:this )?(?:ad|advertisement))|continue reading below|scroll to continue|"
    r"skip to (?:main )?content|back to top)\W*$|\bappears? in print\b|\b(?:originally|first) "
    r"(?:appeared|published) (?:on|in|at)\b|\bcomments? (?:are|will be) (?:moderated|reviewed|"
    r"published after)\b|\brefresh (?:the page |this page )?for (?:the latest"
    r" )?updates\b", re.I)
_BYLINE = re.compile(r"^\W*by\s+(?-i:[A-Z])[\w.'\u2019-]+", re.I)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = re.compile(r"\b(?:\d{1,2}\s+" + _MONTH + r"(?:\s+\d{4})?|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|"
                   r"th)?(?:,?\s+\d{4})?|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\b|"
                   r"\b(?:published|updated|posted|last modified)\b", re.I)
READ_TIME = re.compile(r"\b\d+\s*(?:min(?:ute)?s?\.?)\s+(?:read|listen)\b", re.I)
_CAPTION = re.compile(r"^\W*(?:photo(?:graph)?s?|images?|illustrations?|pictures?|graphics?|videos?|"
                      r"credits?|photo credit|image credit|source)\s*(?:by)?\s*[:|]\s*\S", re.I)
_BIO = re.compile(
    r"^(?P<name>(?:[A-Z][\w'\u2019.-]+ ){0,3}[A-Z][\w'\u2019.-]+)\.? (?:(?:is|was) (?:a|an|the|"
    r"[A-Z][\w&.-]*(?:'s|\u2019s)?)\b.{0,60}?\b(?:reporter|correspondent|editor|writer|journalist|"
    r"columnist|contributor|producer|critic|blogger|freelancer|newsletter)|covers|writes about|"
    r"writes on|reports on|has (?:covered|written|reported))\b")
_CONTACT = re.compile(r"^(?:follow|contact|reach|email) (?:(?:him|her|them|me|the author) )?"
                      r"(?:on|at|via)\b|\bcan be reached at\b|^follow @", re.I)


# Cheap substring gates in front of the costly searches: a regex runs only when one of the words it
# needs is in the casefolded line (each tuple covers every alternative of its pattern).
_NEEDLES_ATTRIBUTION = ("said", "says", "told", "tells", "asked", "added", "according", "declined",
                        "did not", "wrote", "argued", "insisted")
_NEEDLES_COOKIE = ("cookie", "by continuing", "partners", "vendors", "accept", "reject", "allow",
                   "decline", "privacy", "manage", "preferences")
_NEEDLES_PROMO = ("inbox", "deliver", "arriv", "already", "signing", "subscri", "mail", "journalism",
                  "become a", "enjoy", "like", "sign", "log in", "join", "access", "trial", "unlock",
                  "support", "new posts", "regist", "newsletter", "free")
_NEEDLES_NOTICE = ("opinion", "view", "supported", "funded", "possible", "funder", "sponsor", "donor",
                   "advertis", "spotted", "tip", "desk", "this article", "this story", "this post",
                   "this piece", "quote", "market data", "delayed", "print", "originally", "first ",
                   "comment", "refresh", "tags", "topics", "filed under", "categor", "keywords",
                   "more about", "promoted", "continue", "scroll", "skip", "back to top",
                   "correction", "the post", "a story?")
_NEEDLES_CREDIT = ("with assistance", "to contact", "contact the", "our standards", "contributed")
_NEEDLES_COPYRIGHT = ("\u00a9", "copyright", "(c)", "rights reserved")


def _any_in(low: str, needles: tuple[str, ...]) -> bool:
    for needle in needles:
        if needle in low:
            return True
    return False


def strip_bullet(line: str) -> str:
    return _BULLET.sub("", line)


@lru_cache(maxsize=8192)
def word_count(line: str) -> int:
    """Whitespace-separated tokens, not counting bare punctuation ("\u2014", "|", "\u00b7")."""
    tokens = line.split()
    n = len(tokens)
    for t in tokens:
        if len(t) < 3 and not t.isalnum() and not any(c.isalnum() for c in t):
            n -= 1
    return n


_PUNCT_TO_SPACE = {i: " " for i in range(0x10000)
                   if unicodedata.category(chr(i)).startswith(("P", "S"))}


@lru_cache(maxsize=8192)
def normalize(line: str) -> str:
    """Casefolded words only: what two copies of one block have in common."""
    text = unicodedata.normalize("NFKC", line).casefold().translate(_PUNCT_TO_SPACE)
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def ends_sentence(line: str) -> bool:
    line = line.rstrip()
    tail = line[-8:]
    return bool(SENTENCE_END.search(tail)) and not ELLIPSIS_END.search(tail)


@lru_cache(maxsize=8192)
def protected(line: str) -> bool:
    """Reported speech: a quotation or an attribution verb, in a line that is a sentence."""
    line = strip_bullet(line)
    low = line.casefold()
    return bool(_any_in(low, _NEEDLES_ATTRIBUTION) and _ATTRIBUTION.search(line)
                or (ends_sentence(line) and _QUOTATION.search(line)))


@lru_cache(maxsize=8192)
def prose(line: str, min_words: int = 20) -> bool:
    """A real paragraph: long enough, ends like a sentence, not cut off."""
    return word_count(line) >= min_words and ends_sentence(line)


@lru_cache(maxsize=8192)
def headline_like(line: str) -> bool:
    """A title: a few words, no full stop at the end (a question or exclamation is allowed)."""
    line = strip_bullet(line).strip()
    n = word_count(line)
    return 2 <= n <= 28 and len(line) <= 220 and not PERIOD_END.search(line) \
        and not ELLIPSIS_END.search(line) and not line.endswith((":", ";", ","))


@lru_cache(maxsize=8192)
def is_time_line(line: str) -> bool:
    return bool(TIME_LINE.match(strip_bullet(line)))


@lru_cache(maxsize=8192)
def split_time_suffix(line: str) -> str | None:
    """The text before a trailing relative time ("Some headline 22 minutes ago"), or None."""
    match = TIME_AT_END.search(line, max(0, len(line) - 40))
    return line[:match.start()].strip() if match and match.start() > 0 else None


@lru_cache(maxsize=8192)
def time_suffixed_title(line: str) -> bool:
    """"Some headline 22 minutes ago" (a teaser with its time glued on)."""
    head = split_time_suffix(strip_bullet(line))
    return bool(head) and headline_like(head) and not is_time_line(line)


@lru_cache(maxsize=8192)
def teaser_heading(line: str) -> bool:
    line = strip_bullet(line).strip()
    return word_count(line) <= 8 and bool(_TEASER_HEADING_FULL.match(line))


@lru_cache(maxsize=8192)
def author_heading(line: str) -> bool:
    line = strip_bullet(line).strip()
    return word_count(line) <= 6 and bool(AUTHOR_HEADING.match(line))


@lru_cache(maxsize=8192)
def bio_line(line: str) -> bool:
    """"Jane Doe is a senior reporter covering chips." / "Jane covers gadgets." (not quotes)."""
    return word_count(line) <= 70 and not protected(line) and bool(_BIO.match(line) or
                                                                    _CONTACT.search(line))


@lru_cache(maxsize=8192)
def share_line(line: str) -> bool:
    if word_count(line) > 24:
        return False
    tokens = [t for t in re.findall(r"[a-z@-]+", line.casefold()) if not t.isdigit()]
    return bool(tokens) and bool(_SHARE_KEY.search(line)) and len(tokens) <= 24 \
        and all(t in _SHARE_WORDS for t in tokens)


@lru_cache(maxsize=8192)
def network_names(line: str) -> bool:
    """"Facebook", "Twitter LinkedIn": share buttons that lost their "Share" label."""
    tokens = re.findall(r"[a-z-]+", line.casefold())
    return 0 < len(tokens) <= 3 and all(t in NETWORKS for t in tokens)


@lru_cache(maxsize=8192)
def metadata_line(line: str) -> bool:
    """A byline, dateline or reading time: the lines between a headline and the article."""
    line = strip_bullet(line).strip()
    if ends_sentence(line) and not line.endswith(":") or word_count(line) > 16:
        return bool(READ_TIME.search(line)) and word_count(line) <= 12
    if _BYLINE.match(line) or READ_TIME.search(line) or _DATE.search(line):
        return True
    return bool(re.search(r"[\u00b7|\u2022\u2014]\s*$", line)) and word_count(line) <= 5


@lru_cache(maxsize=8192)
def chrome_reason(line: str) -> str | None:
    """Name the kind of page chrome ``line`` is, or None. Explicit labels (``Read more:``,
    ``Reporting by``, ``(c)``) win even over quotes; the softer patterns yield to ``protected``."""
    text = strip_bullet(line).strip()
    n = word_count(text)
    if not text:
        return None
    low = text.casefold()
    if n <= 30 and _LINK_LINE.match(text):
        return "'Read more' link line"
    if n <= 45 and (_CREDIT.match(text) and (not PERIOD_END.search(text) or ";" in text
                                             or re.search(r"\bediting by\b", text, re.I))
                    or _any_in(low, _NEEDLES_CREDIT) and _CREDIT_OTHER.search(text)):
        return "credit line"
    if n <= 25 and _any_in(low, _NEEDLES_COPYRIGHT) and _COPYRIGHT.search(text):
        return "copyright line"
    if protected(text):
        return None
    if n <= 130 and _any_in(low, _NEEDLES_COOKIE) and (
            _COOKIE_STRONG.search(text) or _COOKIE_WEAK.search(text) and n <= 60):
        return "cookie notice"
    if n <= 40 and _any_in(low, _NEEDLES_PROMO) and (
            _PROMO_STRONG.search(text) or _PROMO_WEAK.search(text) and _PERSONAL.search(text)):
        return "newsletter/subscribe prompt"
    if share_line(text) or n <= 12 and (_COMMENTS.match(text) and not ends_sentence(text) or re.match(
            r"^\W*comments? (?:are|is) (?:closed|disabled)", text, re.I)):
        return "share/comment bar"
    if n <= 40 and (_any_in(low, _NEEDLES_NOTICE) or low.strip(" .:|-") == "ad") \
            and _DISCLAIMER.search(text):
        return "house notice"
    if n <= 25 and _CAPTION.match(text):
        return "photo credit"
    if n <= 12 and "min" in low and READ_TIME.search(text):
        return "byline/dateline"
    return None


def clear_caches() -> None:
    """Forget cached line judgements (benchmarks time a cold worker with this)."""
    for fn in (word_count, normalize, ends_sentence, protected, prose, headline_like, is_time_line,
               time_suffixed_title, teaser_heading, author_heading, bio_line, share_line,
               network_names, metadata_line, chrome_reason):
        fn.cache_clear()
