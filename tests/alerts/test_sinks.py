import io
from pathlib import Path

import orjson
import pytest

from monitor.alerts.sinks import Console, JsonLines, deliver_with_retry
from monitor.errors import SinkError
from monitor.models import Alert, ArticleRef

ALERT = Alert(id="a1", rule="meet", severity="high", created_at="2026-11-23T08:00:00.000Z",
              article=ArticleRef(id="x", url="https://x.org/a", title="Goïta au Kremlin", feed_id="demo"),
              actors=("assimi-goita",))


async def test_file_sink_appends_the_alert_exactly_as_on_the_topic(tmp_path: Path):
    """Each alert is one line holding the same JSON object the kafka sink publishes."""
    sink = JsonLines("archive", tmp_path / "sub" / "alerts.jsonl")
    await sink.deliver(ALERT)
    await sink.deliver(ALERT)
    await sink.close()
    lines = (tmp_path / "sub" / "alerts.jsonl").read_bytes().splitlines()
    assert [orjson.loads(line) for line in lines] == [orjson.loads(ALERT.to_json())] * 2


async def test_file_sink_failure_is_a_sink_error_naming_the_sink(tmp_path: Path):
    """An unwritable path raises SinkError with the sink id, after the retries."""
    (tmp_path / "blocker").write_text("a file where a directory should be")
    sink = JsonLines("archive", tmp_path / "blocker" / "alerts.jsonl")
    with pytest.raises(SinkError, match=r"^sink: archive: cannot append"):
        await deliver_with_retry(sink, ALERT, attempts=2, delay=0.01)


async def test_console_prints_one_readable_line():
    """The console sink writes one line with severity, rule, title and URL."""
    out = io.StringIO()
    await Console("screen", out).deliver(ALERT)
    line = out.getvalue()
    assert line.count("\n") == 1 and "[high] meet: Goïta au Kremlin" in line and "https://x.org/a" in line
