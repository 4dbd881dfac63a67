"""Article templates for the policy outlet, the research blog, the European and the Asian outlets.

Boilerplate each one carries (the labels in outlets.json ``boilerplate_cases``):

* policy (Statute & Signal): a pull quote inside the body; teasers WITHOUT a heading inside the
  content column right after the last paragraph; a funding disclaimer; meta-tag metadata.
* gradient (Gradient Notes): the SAME author box at the end of every page; a "Recent Posts" list in
  which one teaser appears twice; a subscribe prompt; JSON-LD. Its JSON Feed carries this page.
* euro (Continental Digital): a long GDPR consent banner; a language switcher; a newsletter box
  inside the body; "More from Europe" sidebar teasers; European date format; meta-tag metadata.
* asia (The Pacific Circuit): a "READ MORE:" link line inside the body; unheaded teasers after the
  body; "Trending" and "Most read" lists that share a teaser; JSON-LD.
"""

from __future__ import annotations

from datetime import timedelta

from newsdesk.sample_site.render import (
    Page, Teaser, attr, document, esc, head, json_ld, meta_tags, paragraphs_html,
)

_CSS = {
    "policy": "body{font-family:Charter,serif;max-width:44rem;margin:auto}.pullquote{font-size:1.5em}",
    "gradient": "body{font-family:system-ui;max-width:40rem;margin:auto}.author-card{border-top:1px solid}",
    "euro": "body{font-family:Verdana,sans-serif}.consent{position:fixed;bottom:0;background:#eee}",
    "asia": "body{font-family:'Noto Sans',sans-serif}.read-more{font-weight:bold}",
}


def _teaser_div(t: Teaser, cls: str = "teaser") -> str:
    return (f'<div class="{cls}"><a href="{attr(t.url)}">{esc(t.title)}</a>'
            f'<p>{esc(t.snippet)}</p><span class="ago">{esc(t.ago)}</span></div>')


def policy(page: Page) -> str:
    a, o = page.article, page.outlet
    paras = paragraphs_html(a.paragraphs)
    quote = page.pull_quote()
    if quote:
        paras.insert(3, f'<blockquote class="pullquote"><p>&ldquo;{esc(quote)}&rdquo;</p></blockquote>')
    related = "\n".join(_teaser_div(t, "related-item") for t in page.picked(3, "policy"))
    contributor = ('<p class="contributor-note"><em>Opinions expressed are the author\'s own.</em></p>'
                   if a.event is None else "")
    body = f"""<header class="site-header"><a href="/policy/">Statute &amp; Signal</a>
<p class="tagline">{esc(o.tagline)}</p>
<nav><a href="/policy/#ai-policy">AI Policy</a> <a href="/policy/#trade">Trade &amp; Export Controls</a>
<a href="/policy/#courts">Courts</a> <a href="/policy/#europe">Europe</a> <a href="/policy/#newsletter">Newsletter</a></nav></header>
<main class="content">
<article class="post">
<h1 class="entry-title">{esc(a.display_title)}</h1>
<p class="entry-meta">{esc(a.author)} &mdash; {a.published:%B} {a.published.day}, {a.published:%Y}</p>
<div class="entry-content">
{chr(10).join(paras)}
{contributor}
<div class="related-posts">
{related}
</div>
<p class="disclosure"><em>Statute &amp; Signal is supported by readers and foundations. Funders have no role in editorial decisions.</em></p>
</div>
</article>
</main>
<footer><p>&copy; 2026 Statute &amp; Signal. Licensed for personal use.</p>
<p><a href="/policy/atom.xml">Atom feed</a> &middot; <a href="/policy/#contact">Contact</a></p></footer>"""
    return document(o.language, head(page, metadata=meta_tags(page), css=_CSS["policy"]), body)


def gradient(page: Page) -> str:
    a, o = page.article, page.outlet
    author = o.authors[0]
    recent = page.latest(4)
    pinned = recent[0]
    posts = "\n".join(f'<li><a href="{attr(t.url)}">{esc(t.title)}</a> <span class="ago">{esc(t.ago)}</span></li>'
                      for t in [pinned, *recent])
    body = f"""<header><a class="blog-title" href="/gradient/">Gradient Notes</a>
<p class="blog-tagline">{esc(o.tagline)}</p>
<nav><a href="/gradient/">Home</a> <a href="/gradient/#archive">Archive</a> <a href="/gradient/#about">About</a>
<a href="/gradient/feed.json">Feed</a></nav></header>
<main>
<article class="post">
<h1>{esc(a.display_title)}</h1>
<p class="post-date"><time datetime="{a.published:%Y-%m-%dT%H:%M:%SZ}">{a.published:%d %B %Y}</time> &middot; {max(1, round(a.word_count / 230))} min read</p>
<div class="post-content">
{chr(10).join(paragraphs_html(a.paragraphs))}
</div>
<div class="subscribe"><p>Enjoyed this? Gradient Notes arrives by email about once a week.</p>
<form action="#subscribe"><input type="email" placeholder="you@example.org"><button>Subscribe</button></form></div>
</article>
<section class="recent-posts"><h2>Recent Posts</h2><ul>
{posts}
</ul></section>
<div class="author-card"><h3>About {esc(author.name)}</h3><p>{esc(author.bio)}</p></div>
</main>
<footer><p>&copy; 2026 Tomasz Wierzbicki. Text licensed CC BY 4.0.</p></footer>"""
    return document(o.language, head(page, metadata=json_ld(page, "BlogPosting"), css=_CSS["gradient"]), body)


_CONSENT = """<div class="consent" role="dialog"><h2>We value your privacy</h2>
<p>We and our 143 partners store and access information on a device, such as cookies, and process
personal data, such as unique identifiers and standard information sent by a device, for personalised
advertising and content, advertising and content measurement, audience research and services development.</p>
<p>With your permission we and our partners may use precise geolocation data. You may change your
preferences at any time by returning to this site or visiting our privacy policy.</p>
<p><button>Accept all</button> <button>Reject all</button> <a href="/euro/#consent">Customise</a></p></div>"""


def euro(page: Page) -> str:
    a, o = page.article, page.outlet
    paras = paragraphs_html(a.paragraphs)
    paras.insert(3, """<aside class="newsletter-box"><p><strong>The Continental Brief</strong></p>
<p>Europe's tech policy news, every Tuesday and Friday. Sign up for free.</p>
<p><a href="/euro/#newsletter">Subscribe to the newsletter</a></p></aside>""")
    cet = a.published + timedelta(hours=1)
    more = "\n".join(f'<li>{_teaser_div(t)}</li>' for t in page.latest(5))
    body = f"""{_CONSENT}
<div class="langs"><a href="/euro/" hreflang="en">EN</a> | <a href="/euro/#de" hreflang="de">DE</a> |
<a href="/euro/#fr" hreflang="fr">FR</a> | <a href="/euro/#es" hreflang="es">ES</a></div>
<header><a class="logo" href="/euro/">Continental Digital</a>
<nav><a href="/euro/#policy">Policy</a> <a href="/euro/#startups">Start-ups</a> <a href="/euro/#infrastructure">Infrastructure</a>
<a href="/euro/#reviews">Reviews</a> <a href="/euro/#events">Events</a></nav></header>
<div class="columns">
<article>
<h1>{esc(a.display_title)}</h1>
<p class="meta">{esc(a.author)} | {cet:%d.%m.%Y, %H:%M} CET</p>
<div class="text">
{chr(10).join(paras)}
</div>
<p class="tags">Tags: Europe, Technology</p>
</article>
<aside class="sidebar"><h3>More from Europe</h3><ul>
{more}
</ul></aside>
</div>
<footer><p>&copy; Continental Digital SRL, Brussels, 2026. Imprint &middot; Privacy &middot; Cookie settings</p></footer>"""
    return document(o.language, head(page, metadata=meta_tags(page), css=_CSS["euro"]), body)


def asia(page: Page) -> str:
    a, o = page.article, page.outlet
    paras = paragraphs_html(a.paragraphs)
    linked = page.picked(1, "readmore")[0]
    paras.insert(3, f'<p class="read-more">READ MORE: <a href="{attr(linked.url)}">{esc(linked.title)}</a></p>')
    below = "\n".join(_teaser_div(t) for t in page.picked(3, "below"))
    trending = page.picked(4, "trending")
    most_read = [trending[0], *page.latest(3)]
    li = lambda t: f'<li><a href="{attr(t.url)}">{esc(t.title)}</a> <span class="ago">{esc(t.ago)}</span></li>'
    body = f"""<header><a class="logo" href="/asia/">The Pacific Circuit</a>
<nav><a href="/asia/#china">China</a> <a href="/asia/#japan">Japan</a> <a href="/asia/#korea">Korea</a>
<a href="/asia/#india">India</a> <a href="/asia/#southeast-asia">Southeast Asia</a> <a href="/asia/#markets">Markets</a></nav></header>
<div class="page">
<article>
<h1>{esc(a.display_title)}</h1>
<p class="dateline">{esc(a.author)} &middot; Published {a.published:%d %b %Y} &middot; {a.published:%H:%M} UTC</p>
<div class="body">
{chr(10).join(paras)}
</div>
<div class="below-article">
{below}
</div>
</article>
<aside><section><h3>Trending</h3><ol>
{chr(10).join(li(t) for t in trending)}
</ol></section>
<section><h3>Most read</h3><ol>
{chr(10).join(li(t) for t in most_read)}
</ol></section></aside>
</div>
<footer><p>&copy; 2026 The Pacific Circuit Pte Ltd, Singapore. All rights reserved.</p></footer>"""
    return document(o.language, head(page, metadata=json_ld(page), css=_CSS["asia"]), body)


SKINS = {"policy": policy, "gradient": gradient, "euro": euro, "asia": asia}
