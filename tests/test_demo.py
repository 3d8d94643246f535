import urllib.request
from pathlib import Path

from monitor.catalog import load_catalog
from monitor.demo import ARTICLES, DemoFeed
from monitor.feeds.parse import parse_feed

ROOT = Path(__file__).resolve().parents[1]


def test_demo_feed_serves_a_growing_valid_feed_and_replaces_only_the_feeds():
    """The demo's loopback feed parses as RSS, starts with two articles, and the demo catalog keeps the watchlist and rules."""
    feed = DemoFeed(every=3600).start()
    with urllib.request.urlopen(feed.url, timeout=5) as response:
        parsed = parse_feed(response.read(), base_url=feed.url)
    assert [e.title for e in parsed.entries] == [title for title, _ in ARTICLES[:2]]
    base = load_catalog(ROOT / "config")
    demo = feed.catalog(base)
    assert [f.url for f in demo.feeds] == [feed.url]
    assert demo.watchlist == base.watchlist and demo.rules == base.rules
