"""URL rules for everything a feed supplies: canonical form, allowed schemes, allowed targets.

A feed on the internet must not make newsdesk probe the user's network, so a feed-supplied link to a
loopback, private, link-local or otherwise non-public address is fetched only when the feed itself
is on that same host, or the host is in the configured allowlist. Feeds the user adds are trusted:
the user chose them.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

SAFE_SCHEMES = frozenset({"http", "https"})

# Query parameters that only track the reader; dropping them makes copies of one link compare equal.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "_hs")
_TRACKING_NAMES = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mkt_tok", "ref_src", "cmpid",
    "ocid", "sr_share", "wt.mc_id", "_ga", "spm", "s_cid", "ncid", "cid_source",
})


def is_http_url(url: str | None) -> bool:
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.hostname)


def canonical_url(url: str, base: str | None = None) -> str:
    """Absolute http(s) URL without fragment or tracking parameters; "" if not http(s)."""
    url = (url or "").strip()
    if not url:
        return ""
    if base:
        try:
            url = urljoin(base, url)
        except ValueError:
            return ""
    if not is_http_url(url):
        return ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    netloc = host if ":" not in host else f"[{host}]"
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc = f"{netloc}:{port}"
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING_NAMES
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def host_port(url: str) -> str:
    """host:port with the scheme's default port filled in, for per-host limits and allowlists."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        return ""
    return f"{(parts.hostname or '').lower()}:{port}"


def is_public_address(address: str) -> bool:
    """True for a globally routable IP; False for loopback, private, link-local, reserved..."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def private_target_allowed(url: str, feed_url: str | None, allowlist: tuple[str, ...]) -> bool:
    """May a feed-supplied ``url`` that resolves to a non-public address be fetched?

    Yes when the feed itself is on that very host (and port), or the host (or host:port) is listed.
    """
    target = host_port(url)
    host = host_of(url)
    if feed_url and target and target == host_port(feed_url):
        return True
    return host in allowlist or target in allowlist


def source_name(url: str) -> str:
    """An outlet name from a URL when the feed gives none: the host without ``www.``."""
    host = host_of(url)
    return host[4:] if host.startswith("www.") else host
