"""Article templates for the wire, the big tech daily, the markets outlet and the tabloid.

Boilerplate each one carries (the labels in outlets.json ``boilerplate_cases``):

* wire (Meridian Wire): "Latest" teasers in a sidebar (easy); a "Reporting by ...; Editing by ..."
  credit line and a trust-principles line inside the article body; topic list; meta-tag metadata.
* techdaily (The Daily Stack): cookie banner; share bars above and below; a figure with a caption;
  a "Read more:" link line and a newsletter box INSIDE the body; a "Trending" sidebar with relative
  times; an author bio box; JSON-LD metadata.
* ledger (Capital Ledger): ticker strip; a pull quote and a subscribe prompt inside the body;
  "More from Markets" teasers; JSON-LD metadata. Its RSS carries this whole page.
* buzz (ByteBuzz): cookie line; share bar and comment count; teaser cards WITHOUT a heading
  interleaved between body paragraphs; "You may also like" teasers; meta-tag metadata.
"""

from __future__ import annotations

from newsdesk.sample_site.render import (
    Page, Teaser, attr, document, esc, head, json_ld, meta_tags, paragraphs_html,
)

_CSS = {
    "wire": "body{font-family:Georgia,serif;margin:0}main{display:flex;gap:2rem}.sidebar{width:18rem}",
    "techdaily": "body{font-family:Helvetica,sans-serif}.newsletter{border:2px solid #222;padding:1rem}",
    "ledger": "body{font-family:'Times New Roman',serif}.ticker{background:#111;color:#fc0}",
    "buzz": "body{font-family:Arial,sans-serif}.inline-teaser{border-top:3px solid #e00}",
}


def _share(prefix: str, url: str) -> str:
    return (f'<div class="{prefix}share"><span>Share this article</span> '
            f'<a class="share-x" href="#share-x" data-url="{attr(url)}">Share on X</a> '
            f'<a class="share-fb" href="#share-facebook">Share on Facebook</a> '
            f'<a class="share-li" href="#share-linkedin">Share on LinkedIn</a> '
            f'<button class="copy-link" data-url="{attr(url)}">Copy link</button></div>')


def _teaser_li(t: Teaser, *, with_snippet: bool = True) -> str:
    snip = f'<p class="teaser-dek">{esc(t.snippet)}</p>' if with_snippet else ""
    return (f'<li class="teaser"><a href="{attr(t.url)}">{esc(t.title)}</a>{snip}'
            f'<span class="ago">{esc(t.ago)}</span></li>')


def _long_date(page: Page) -> str:
    p = page.article.published
    return f"{p:%B} {p.day}, {p:%Y} {p:%I:%M %p}".replace(" 0", " ") + " UTC"


def wire(page: Page) -> str:
    a, o = page.article, page.outlet
    latest = "\n".join(_teaser_li(t, with_snippet=False) for t in page.latest(6))
    body = f"""<div class="topbar"><a href="/wire/">Meridian Wire</a> <span>{esc(o.tagline)}</span></div>
<header class="masthead"><nav><a href="/wire/#world">World</a> <a href="/wire/#business">Business</a>
<a href="/wire/#markets">Markets</a> <a href="/wire/#technology">Technology</a> <a href="/wire/#legal">Legal</a>
<a href="/wire/#breakingviews">Breakingviews</a></nav></header>
<main>
<article class="story">
<p class="section-label"><a href="/wire/#technology">Technology</a></p>
<h1>{esc(a.display_title)}</h1>
<div class="byline">By <span class="author">{esc(a.author)}</span>
<time datetime="{a.published:%Y-%m-%dT%H:%M:%SZ}">{esc(_long_date(page))}</time></div>
<div class="article-body">
{chr(10).join(paragraphs_html(a.paragraphs))}
<p class="credit">Reporting by {esc(a.author)}; Editing by {esc(page.editor())}</p>
<p class="trust">Our Standards: <a href="/wire/#trust">The Meridian Wire Trust Principles.</a></p>
</div>
<ul class="topics"><li>Technology</li><li>Artificial Intelligence</li><li>Business</li></ul>
</article>
<aside class="sidebar"><h2>Latest from Meridian</h2><ul>
{latest}
</ul></aside>
</main>
<footer><p>All quotes delayed a minimum of 15 minutes.</p>
<p>&copy; 2026 Meridian Wire. All rights reserved.</p>
<nav><a href="/wire/#about">About Meridian</a> <a href="/wire/#careers">Careers</a>
<a href="/wire/#privacy">Privacy</a> <a href="/wire/#terms">Terms of Use</a></nav></footer>"""
    return document(o.language, head(page, metadata=meta_tags(page), css=_CSS["wire"]), body, "wire")


def techdaily(page: Page) -> str:
    a, o = page.article, page.outlet
    paras = paragraphs_html(a.paragraphs)
    related = page.picked(1, "read-more")[0]
    paras.insert(2, f'<p class="read-more"><strong>Read more:</strong> <a href="{attr(related.url)}">'
                    f"{esc(related.title)}</a></p>")
    paras.insert(5, """<div class="newsletter"><h3>Get The Daily Stack in your inbox</h3>
<p>The day's biggest technology stories, explained. Every weekday morning.</p>
<form action="#subscribe"><input type="email" placeholder="Your email address"><button>Sign up</button></form>
<p class="fineprint">By signing up you agree to our Terms and Privacy Notice.</p></div>""")
    trending = "\n".join(_teaser_li(t) for t in page.picked(5, "trending"))
    body = f"""<div class="cookie-banner"><p>We use cookies to improve your experience and to show you
relevant advertising. <button>Accept all</button> <a href="/techdaily/#cookies">Manage preferences</a></p></div>
<header><a class="logo" href="/techdaily/">The Daily Stack</a>
<nav><a href="/techdaily/#ai">AI</a> <a href="/techdaily/#gadgets">Gadgets</a> <a href="/techdaily/#science">Science</a>
<a href="/techdaily/#policy">Policy</a> <a href="/techdaily/#reviews">Reviews</a> <a class="cta" href="/techdaily/#subscribe">Subscribe</a></nav></header>
<div class="layout">
<article>
<p class="kicker">{"AI" if a.event else "Tech"}</p>
<h1>{esc(a.display_title)}</h1>
<p class="byline">By <a rel="author" href="/techdaily/#staff">{esc(a.author)}</a> | <time datetime="{a.published:%Y-%m-%dT%H:%M:%SZ}">{a.published:%b} {a.published.day}, {a.published:%Y}</time></p>
{_share("top-", page.url)}
<figure><img src="/static/placeholder.svg" alt="" width="1200" height="675">
<figcaption>Illustration: The Daily Stack; source images via the companies</figcaption></figure>
<div class="article-body">
{chr(10).join(paras)}
</div>
{_share("bottom-", page.url)}
<div class="author-box"><h4>About the author</h4><p><strong>{esc(a.author)}</strong>. {esc(o.bio(a.author))}</p></div>
</article>
<aside class="rail"><h3>Trending</h3><ol>
{trending}
</ol><div class="ad-slot">Advertisement</div></aside>
</div>
<footer><p>&copy; 2026 The Daily Stack Media. All rights reserved.</p>
<nav><a href="/techdaily/#about">About</a> <a href="/techdaily/#ethics">Ethics policy</a>
<a href="/techdaily/#privacy">Privacy</a> <a href="/techdaily/atom.xml">RSS</a></nav></footer>"""
    return document(o.language, head(page, metadata=json_ld(page), css=_CSS["techdaily"]), body)


_TICKER = ("NVDA 181.42 \u25b21.2%", "MSFT 512.08 \u25bc0.3%", "ORCL 231.77 \u25b22.7%",
           "META 689.30 \u25b20.8%", "GOOGL 284.15 \u25b20.4%", "AMD 214.60 \u25bc2.4%",
           "S&P 500 6,812.4 \u25b20.5%", "10Y 4.12%")


def ledger(page: Page) -> str:
    a, o = page.article, page.outlet
    paras = paragraphs_html(a.paragraphs)
    quote = page.pull_quote()
    if quote:
        paras.insert(3, f'<aside class="pull-quote"><blockquote>&ldquo;{esc(quote)}&rdquo;</blockquote></aside>')
    paras.insert(min(6, len(paras)), """<div class="paywall-prompt"><p><strong>Subscribe to Capital Ledger</strong>
for unlimited access to markets coverage, data and analysis.</p><p><a href="/ledger/#subscribe">Subscribe now</a>
Already a subscriber? <a href="/ledger/#signin">Sign in</a></p></div>""")
    more = "\n".join(_teaser_li(t) for t in page.latest(4))
    ticker = " | ".join(esc(t) for t in _TICKER)
    body = f"""<div class="ticker">{ticker}</div>
<header><a class="logo" href="/ledger/">Capital Ledger</a> <span>{esc(o.tagline)}</span>
<nav><a href="/ledger/#markets">Markets</a> <a href="/ledger/#deals">Deals</a> <a href="/ledger/#tech">Tech</a>
<a href="/ledger/#opinion">Opinion</a></nav></header>
<main><article>
<h1>{esc(a.display_title)}</h1>
<div class="byline"><span class="author">{esc(a.author)}</span> &middot;
<time datetime="{a.published:%Y-%m-%dT%H:%M:%SZ}">{a.published:%d %b %Y, %H:%M} GMT</time></div>
<div class="story-body">
{chr(10).join(paras)}
</div>
<p class="corrections">Spotted an error? Email the markets desk.</p>
</article>
<section class="more-from"><h2>More from Markets</h2><ul>
{more}
</ul></section></main>
<footer><p>&copy; Capital Ledger Publishing 2026. Market data provided for information only.</p></footer>"""
    return document(o.language, head(page, metadata=json_ld(page), css=_CSS["ledger"]), body)


def _buzz_card(t: Teaser) -> str:
    return (f'<div class="inline-teaser"><a href="{attr(t.url)}"><img src="/static/placeholder.svg" alt="">'
            f'<span class="teaser-title">{esc(t.title)}</span></a><p>{esc(t.snippet)}</p>'
            f'<span class="ago">{esc(t.ago)}</span></div>')


def buzz(page: Page) -> str:
    a, o = page.article, page.outlet
    paras = paragraphs_html(a.paragraphs)
    cards = page.picked(5, "buzz")
    paras.insert(2, _buzz_card(cards[0]))
    paras.insert(6, _buzz_card(cards[1]))
    also = "\n".join(_teaser_li(t) for t in cards[2:5])
    comments = 12 + (len(a.paragraphs) * 7) % 90
    body = f"""<p class="cookie-line">ByteBuzz uses cookies. By continuing to browse you agree to our use of cookies. <button>OK</button></p>
<header><a class="logo" href="/buzz/">ByteBuzz</a>
<nav><a href="/buzz/#news">News</a> <a href="/buzz/#gadgets">Gadgets</a> <a href="/buzz/#gaming">Gaming</a>
<a href="/buzz/#money">Money</a> <a href="/buzz/#weird">Weird Web</a></nav>
<p class="hot">HOT TOPICS: <a href="/buzz/#ai">AI</a> <a href="/buzz/#musk">Musk</a> <a href="/buzz/#deals">Black Friday deals</a></p></header>
<article>
<h1>{esc(a.display_title)}</h1>
<p class="byline">By {esc(a.author)} | Published {a.published.day} {a.published:%b %Y, %H:%M} GMT</p>
{_share("", page.url)}
<p class="comment-count"><a href="#comments">{comments} comments</a></p>
<div class="article-text">
{chr(10).join(paras)}
</div>
{_share("end-", page.url)}
<div class="author-strip"><p>{esc(o.bio(a.author))}</p></div>
</article>
<section class="also"><h3>You may also like</h3><ul>
{also}
</ul></section>
<section id="comments"><h3>Comments</h3><p>Comments are closed for this article.</p></section>
<footer><p>&copy; 2026 ByteBuzz Ltd. Got a story? Tips welcome.</p></footer>"""
    return document(o.language, head(page, metadata=meta_tags(page), css=_CSS["buzz"]), body)


SKINS = {"wire": wire, "techdaily": techdaily, "ledger": ledger, "buzz": buzz}
