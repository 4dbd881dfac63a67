"""The vocabulary of page chrome: the regular expressions and word lists ``boilerplate_lines``
judges a line with.

Kept apart so the judgements read as logic and this file as data. Everything is general news
English: label words ("Read more:", "Reporting by"), CMS shapes ("3 hours ago", "Title | Site") and
sign-up or consent wording, never one site's strings. The ``NEEDLES_*`` tuples are cheap substring
gates: the costly search behind each runs only when one of its words is in the casefolded line, so
every tuple must cover every alternative of its pattern.
"""

from __future__ import annotations

import re

QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
BULLET = re.compile(r"^\s*(?:[-\u2022*\u00b7\u25aa\u2013]\s+)")
ELLIPSIS_END = re.compile(r"(?:\u2026|\.\.\.)\s*[" + QUOTES + r")\]]?\s*$")
SENTENCE_END = re.compile(r"[.!?:;][" + QUOTES + r")\]]*\s*$")
PERIOD_END = re.compile(r"\.[" + QUOTES + r")\]]*\s*$")

UNITS = (r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?"
          r"|y|yrs?|years?)")
RELATIVE = r"(?:\d+|an?|one)\s*" + UNITS + r"\s+ago"
TIME_LINE = re.compile(r"^\W*(?:(?:updated|posted|published|last updated)\s*:?\s*)?(?:" + RELATIVE
                       + r"|just now)\W*$", re.I)
TIME_AT_END = re.compile(r"\s*[\u00b7|\u2022\u2013\u2014-]?\s*(?:" + RELATIVE + r"|just now)\s*$", re.I)
CLOCK_LINE = re.compile(r"^\W*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|GMT|UTC)?\W*$", re.I)

ATTRIBUTION = re.compile(r"\b(?:said|says|told|tells|asked|added|according to|declined to|did not "
                          r"(?:immediately )?(?:respond|reply|return)|wrote|argued|insisted)\b", re.I)
QUOTATION = re.compile(r"[\u201c\u201d\"\u00ab\u00bb]|(?:^|\s)'[^']{8,}'")

TEASER_HEADING_FULL = re.compile(
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
LINK_LINE = re.compile(
    r"^\s*(?:read more|read also|also read|more|see also|related(?: article| story| coverage| "
    r"content| link)?|recommended(?: reading)?|read next|up next|go deeper|further reading|"
    r"continue reading|read the full story|watch|listen|must read|don'?t miss|also see|explainer|"
    r"video|podcast)\s*[:\uff1a|\u00bb\u203a>\u2013\u2014-]\s*\S", re.I)
CREDIT = re.compile(
    r"^\W*(?:(?:with )?additional )?(?:reporting|writing|editing|compiled|research|fact[- ]checking|"
    r"graphics|production|translation)\s+by\s+\S", re.I)
CREDIT_OTHER = re.compile(
    r"^\W*(?:with assistance from|to contact the (?:reporters?|authors?|editors?)|contact the "
    r"(?:reporters?|authors?) (?:on|at)|our standards\s*:)"
    r"|\bcontributed (?:reporting|to this (?:report|story|article))\W*$", re.I)
COPYRIGHT = re.compile(r"^\W*(?:\u00a9|\(c\)\s|copyright\s*(?:\u00a9|\(c\)|\d{4}))|"
                        r"\ball rights reserved\b", re.I)
COOKIE_STRONG = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site) (?:and our (?:\d+ )?partners )?uses? cookies\b|"
    r"\bby continuing to (?:browse|use|visit)\b|\bwe and our (?:\d+ )?(?:partners|vendors)\b|"
    r"\b(?:accept|reject|allow|decline) (?:all(?: cookies)?|and close)\s*$|\bwe value your privacy\b|"
    r"\byour privacy choices\b", re.I)
COOKIE_WEAK = re.compile(r"\bcookies?\b.*\b(?:you|your|we|our|us|accept|agree|ok|got it|manage|"
                          r"preferences|settings)\b|\b(?:accept|manage|cookie) (?:all|preferences|"
                          r"settings|cookies)\b", re.I)
PROMO_STRONG = re.compile(
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
PROMO_WEAK = re.compile(r"\b(?:sign up|subscribe|register)\b.{0,60}\b(?:newsletters?|inbox|e-?mail|"
                         r"updates|for free)\b|\bunlimited (?:digital )?access\b|\bnewsletter\b", re.I)
PERSONAL = re.compile(r"\b(?:you|your|we|our|us|my)\b|^(?:get|join|sign|subscribe|register|try|start|"
                       r"download|follow|support|become)\b", re.I)
SHARE_WORDS = frozenset(
    "share shares sharing this article story post page on via to with tweet facebook x twitter "
    "linkedin whatsapp reddit email e-mail mail print copy link url pin pinterest telegram bluesky "
    "threads mastodon flipboard save saved bookmark comments comment follow us gift listen and or "
    "the a your friends messenger sms like loading".split())
SHARE_KEY = re.compile(r"\b(?:shares?|tweet|copy link|print|comments?|e-?mail|follow|like this)\b",
                       re.I)
NETWORKS = frozenset("x twitter facebook linkedin reddit whatsapp pinterest telegram bluesky threads "
                     "mastodon flipboard email e-mail print pocket tumblr".split())
COMMENTS = re.compile(r"^\W*(?:comments? (?:are |is )?(?:closed|disabled|off)|(?:leave|post|add|view|"
                       r"show|load|read) (?:a |the |all )?(?:\d+ )?comments?|join the (?:conversation|"
                       r"discussion)|\d+ comments?|comments?)\b", re.I)
DISCLAIMER = re.compile(
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
BYLINE = re.compile(r"^\W*by\s+(?-i:[A-Z])[\w.'\u2019-]+", re.I)
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
DATE = re.compile(r"\b(?:\d{1,2}\s+" + MONTH + r"(?:\s+\d{4})?|" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|"
                   r"th)?(?:,?\s+\d{4})?|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\b|"
                   r"\b(?:published|updated|posted|last modified)\b", re.I)
READ_TIME = re.compile(r"\b\d+\s*(?:min(?:ute)?s?\.?)\s+(?:read|listen)\b", re.I)
CAPTION = re.compile(r"^\W*(?:photo(?:graph)?s?|images?|illustrations?|pictures?|graphics?|videos?|"
                      r"credits?|photo credit|image credit|source)\s*(?:by)?\s*[:|]\s*\S", re.I)
BIO = re.compile(
    r"^(?P<name>(?:[A-Z][\w'\u2019.-]+ ){0,3}[A-Z][\w'\u2019.-]+)\.? (?:(?:is|was) (?:a|an|the|"
    r"[A-Z][\w&.-]*(?:'s|\u2019s)?)\b.{0,60}?\b(?:reporter|correspondent|editor|writer|journalist|"
    r"columnist|contributor|producer|critic|blogger|freelancer|newsletter)|covers|writes about|"
    r"writes on|reports on|has (?:covered|written|reported))\b")
CONTACT = re.compile(r"^(?:follow|contact|reach|email) (?:(?:him|her|them|me|the author) )?"
                      r"(?:on|at|via)\b|\bcan be reached at\b|^follow @", re.I)


# Cheap substring gates in front of the costly searches: a regex runs only when one of the words it
# needs is in the casefolded line (each tuple covers every alternative of its pattern).
NEEDLES_ATTRIBUTION = ("said", "says", "told", "tells", "asked", "added", "according", "declined",
                        "did not", "wrote", "argued", "insisted")
NEEDLES_COOKIE = ("cookie", "by continuing", "partners", "vendors", "accept", "reject", "allow",
                   "decline", "privacy", "manage", "preferences")
NEEDLES_PROMO = ("inbox", "deliver", "arriv", "already", "signing", "subscri", "mail", "journalism",
                  "become a", "enjoy", "like", "sign", "log in", "join", "access", "trial", "unlock",
                  "support", "new posts", "regist", "newsletter", "free")
NEEDLES_NOTICE = ("opinion", "view", "supported", "funded", "possible", "funder", "sponsor", "donor",
                   "advertis", "spotted", "tip", "desk", "this article", "this story", "this post",
                   "this piece", "quote", "market data", "delayed", "print", "originally", "first ",
                   "comment", "refresh", "tags", "topics", "filed under", "categor", "keywords",
                   "more about", "promoted", "continue", "scroll", "skip", "back to top",
                   "correction", "the post", "a story?")
NEEDLES_CREDIT = ("with assistance", "to contact", "contact the", "our standards", "contributed")
NEEDLES_COPYRIGHT = ("\u00a9", "copyright", "(c)", "rights reserved")
