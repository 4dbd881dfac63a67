"""newsdesk.feeds: fetch feeds politely and safely, parse them into FeedEntry records, OPML, discovery.

Modules (import the one you need; nothing is imported here so ``import newsdesk.feeds`` stays cheap):

    http        Fetcher: bounded, polite async HTTP (deadline, byte cap, redirect and address checks)
    parse       parse_feed: bytes -> ParsedFeed (RSS, Atom, RDF via feedparser; JSON Feed via json)
    discover    find_feed_links, discover_feed: from a site's URL to its feed
    politeness  next_poll_after_success / _failure, parse_retry_after
    opml        read_opml, write_opml
    curated     load_curated: the default AI-industry feed list
    body, entries, jsonfeed, xmlsafe: helpers of the above

This package never imports extract, stories, store or tui.
"""
