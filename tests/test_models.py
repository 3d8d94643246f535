import orjson
import pytest

from monitor.errors import MessageError
from monitor.models import Article, DeadLetter, Entry, article_id, canonical_url, decode


def test_canonical_url_drops_tracking_fragment_and_case():
    """Scheme and host case, fragments, default ports and tracking parameters do not change the id."""
    a = "HTTPS://WWW.Example.org:443/politique/article-1?id=7&utm_source=x&fbclid=abc#comments"
    b = "https://www.example.org/politique/article-1?id=7"
    assert canonical_url(a) == b
    assert article_id(a) == article_id(b)
    assert article_id(b) != article_id("https://www.example.org/politique/article-2?id=7")


def test_wire_json_has_schema_and_round_trips():
    """An article serialises with its schema version and decodes back to an equal record."""
    article = Article(id="a1", url="https://x.org/1", feed_id="f", title="T", fetched_at="2026-01-01T00:00:00Z")
    payload = orjson.loads(article.to_json())
    assert payload["schema"] == "article/1"
    assert set(payload) == {"schema", "id", "url", "feed_id", "title", "summary", "text", "language", "published", "fetched_at"}
    assert decode(Article, article.to_json(), "monitor.articles") == article


@pytest.mark.parametrize("raw", [b"not json", b"{}", b'{"schema": "article/1", "id": 5}', b"\xff\xfe", None])
def test_bad_messages_raise_one_line_message_errors(raw):
    """Malformed bytes become a MessageError naming the topic, never another exception."""
    with pytest.raises(MessageError) as caught:
        decode(Entry, raw, "monitor.entries")
    assert str(caught.value).startswith("message: monitor.entries")
    assert "\n" not in str(caught.value)


def test_dead_letter_keeps_undecodable_events_as_text():
    """A dead letter carries the event as JSON when it parses and as text when it does not."""
    as_json = DeadLetter.of("monitor.articles", ValueError("boom"), b'{"a": 1}', b"k")
    as_text = DeadLetter.of("monitor.articles", ValueError("boom"), b"\xffgarbage", None)
    assert as_json.event == {"a": 1} and as_json.key == "k" and as_json.error == "boom"
    assert isinstance(as_text.event, str) and "garbage" in as_text.event
    assert orjson.loads(as_text.to_json())["schema"] == "dead-letter/1"
