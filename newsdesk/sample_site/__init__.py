"""A fictional multi-outlet news site, served on loopback, for the offline demo and for tests.

``newsdesk demo`` serves it and polls it through the real pipeline; later stages use its labels
(``content.py`` documents the schema) as ground truth for boilerplate removal, near-copy detection,
entity and figure tagging and story clustering. Stdlib only: this package is part of the core.

    from newsdesk.sample_site import SampleSite, load_content
    with SampleSite(host="127.0.0.1", port=0) as site:
        site.base_url, site.feed_urls, site.homepage_urls, site.requests("/wire/feed.xml")
"""

from newsdesk.sample_site.content import (
    Author, DisputedFigure, Entity, Event, Outlet, SampleArticle, SampleContent, load_content,
)
from newsdesk.sample_site.server import SampleSite, loopback_host

__all__ = [
    "Author", "DisputedFigure", "Entity", "Event", "Outlet", "SampleArticle", "SampleContent",
    "SampleSite", "load_content", "loopback_host",
]
