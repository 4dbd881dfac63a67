"""Page -> clean article: decoding, trafilatura extraction, the fallback to feed content.

Later issues add boilerplate removal, near-copies, entities and figures here. The network is not
this package's business: the pipeline downloads pages with the same polite fetcher as feeds (so one
per-host limit covers both) and hands extract a decoded ``str``.
"""
