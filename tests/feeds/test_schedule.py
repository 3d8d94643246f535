import random

from monitor.feeds import schedule


def test_first_polls_are_spread_and_stable():
    """Start-up spreads feeds over a few seconds, the same way at every start."""
    dues = [schedule.initial(f"feed-{i}", "u", 100.0).next_due for i in range(200)]
    assert all(100.0 <= d < 100.0 + schedule.START_SPREAD for d in dues)
    assert len({round(d, 3) for d in dues}) > 150
    assert schedule.initial("feed-1", "u", 0).next_due == schedule.initial("feed-1", "u", 0).next_due


def test_backoff_grows_caps_and_never_stops_except_for_gone():
    """Failures back off exponentially up to the cap; only 410 stops a feed."""
    rng = random.Random(1)
    state = schedule.initial("f", "u", 0)
    delays = []
    for _ in range(12):
        state = schedule.failed(state, 300, 0, rng)
        delays.append(state.next_due)
    assert state.state == "backoff" and delays[1] > delays[0]
    assert max(delays) <= schedule.BACKOFF_CAP * (1 + schedule.JITTER)
    gone = schedule.failed(state, 300, 0, rng, permanent=True)
    assert gone.state == "stopped" and gone.next_due == float("inf")


def test_retry_after_is_honoured_and_success_resets():
    """Retry-After lengthens the wait; a success clears the failures."""
    rng = random.Random(2)
    state = schedule.failed(schedule.initial("f", "u", 0), 60, 0, rng, retry_after=3600)
    assert state.next_due >= 3600 * (1 - schedule.JITTER)
    ok = schedule.succeeded(state, 60, 10, rng, etag='"v2"')
    assert ok.state == "ok" and ok.failures == 0 and ok.polled and ok.etag == '"v2"'
    assert 10 + 60 * 0.9 <= ok.next_due <= 10 + 60 * 1.1


def test_backfill_window_filters_only_old_dated_entries():
    """Old entries are held back on a first poll; undated ones pass."""
    assert schedule.too_old(0.0, 100_000.0, 86_400)
    assert not schedule.too_old(50_000.0, 100_000.0, 86_400)
    assert not schedule.too_old(None, 100_000.0, 86_400)
