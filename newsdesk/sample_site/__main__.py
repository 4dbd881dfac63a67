"""``python -m newsdesk.sample_site [--host 127.0.0.1] [--port 0]``: serve until Ctrl-C."""

from __future__ import annotations

import argparse
import sys

from newsdesk.sample_site.server import SampleSite


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsdesk.sample_site",
                                     description="Serve the newsdesk sample news site on loopback.")
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port, 0 for a free one (default)")
    args = parser.parse_args(argv)
    try:
        site = SampleSite(host=args.host, port=args.port)
        site.bind()
    except (ValueError, OSError) as exc:
        print(f"sample site: {exc}", file=sys.stderr)
        return 2
    print(site.base_url, flush=True)
    for url in site.feed_urls:
        print(f"  {url}", flush=True)
    try:
        site.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
