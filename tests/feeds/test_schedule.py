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


def test_start_spread_grows_with_feed_count_but_stays_within_one_interval():
    """Many feeds start over a longer window (no herd), yet each is first polled within its interval."""
    assert schedule.start_spread(10) == schedule.START_SPREAD
    assert schedule.start_spread(10_000) == 10_000 / schedule.START_RATE
    spread = schedule.start_spread(10_000)
    dues = [schedule.initial(f"feed-{i}", "u", 0.0, 300.0, spread).next_due for i in range(10_000)]
    assert max(dues) < 200 and max(dues) > 190
    per_second = [0] * 200
    for due in dues:
        per_second[int(due)] += 1
    assert max(per_second) < 2 * schedule.START_RATE
    short = [schedule.initial(f"feed-{i}", "u", 0.0, 10.0, spread).next_due for i in range(1000)]
    assert max(short) < 10


def polls(state, configured, times, new_counts, seed=3):
    rng = random.Random(seed)
    for now, new in zip(times, new_counts):
        state = schedule.succeeded(state, configured, now, rng, new_entries=new)
    return state


def test_ttl_and_http_freshness_stretch_the_interval_never_shorten_it():
    """<ttl>, max-age and Expires lengthen the interval, never shorten it, and 24 h caps them."""
    for changes, expected in [({"ttl": 3600.0}, 3600), ({"fresh_for": 1800.0}, 1800), ({"ttl": 600.0, "fresh_for": 1200.0}, 1200),
                              ({"ttl": 5.0}, 300), ({"fresh_for": 0.0}, 300), ({"ttl": 7 * 86400.0}, 86400)]:
        assert schedule.interval(300, schedule.FeedState(url="u", **changes)) == expected, changes


def test_jitter_never_polls_before_the_publisher_allows():
    """Jitter spreads polls around the interval, but never before the freshness the publisher announced."""
    rng = random.Random(4)
    dues = [schedule.succeeded(schedule.initial("f", "u", 0), 300, 0, rng, fresh_for=1800.0).next_due for _ in range(200)]
    assert 1800 <= min(dues) and max(dues) <= 1800 * (1 + schedule.JITTER)
    plain = [schedule.succeeded(schedule.initial("f", "u", 0), 300, 0, rng).next_due for _ in range(200)]
    assert min(plain) < 300 < max(plain)


def test_interval_never_faster_than_configured_nor_outside_bounds():
    """A busy feed is never polled faster than configured, and nothing goes below 10 s or above 24 h."""
    busy = polls(schedule.initial("f", "u", 0), 60, range(0, 6000, 60), [50] * 100)
    assert schedule.interval(60, busy) == 60
    assert schedule.interval(1, schedule.FeedState(url="u")) == schedule.MIN_INTERVAL
    assert schedule.interval(60, schedule.FeedState(url="u", ttl=10 * 86400.0)) == schedule.MAX_INTERVAL


def test_pace_stretches_the_configured_interval_only_so_far():
    """A feed that publishes once a day is polled less often, but at most PACE_STRETCH times its interval."""
    quiet = schedule.FeedState(url="u", gap=86400.0)
    assert schedule.interval(300, quiet) == 300 * schedule.PACE_STRETCH


def test_interval_adapts_to_how_often_the_feed_publishes():
    """A feed publishing one entry every 40 min is polled about every 20 min; when it speeds up, polling follows."""
    times = range(300, 300 + 40 * 2400, 2400)
    slow = polls(schedule.initial("f", "u", 0), 300, times, [1] * 40)
    assert 1150 < schedule.interval(300, slow) < 1250
    fast = polls(slow, 300, range(times[-1] + 300, times[-1] + 300 * 31, 300), [1] * 30)
    assert schedule.interval(300, fast) == 300


def test_first_poll_backlog_does_not_count_as_pace():
    """The entries found on a first poll say nothing about pace: the gap starts from the second poll."""
    first = schedule.succeeded(schedule.initial("f", "u", 0), 300, 1000, random.Random(5), new_entries=40)
    assert first.gap is None and first.last_new == 1000
    second = schedule.succeeded(first, 300, 1000 + 3600, random.Random(5), new_entries=2)
    assert second.gap == 1800


def test_retry_after_is_never_undercut_by_jitter_and_is_capped():
    """A 429's Retry-After is waited in full whatever the jitter, but never beyond the backoff cap."""
    rng = random.Random(6)
    for _ in range(100):
        assert schedule.failed(schedule.initial("f", "u", 0), 60, 0, rng, retry_after=900).next_due >= 900
    assert schedule.failed(schedule.initial("f", "u", 0), 60, 0, rng, retry_after=10 * 86400).next_due == schedule.BACKOFF_CAP


def test_only_a_change_beyond_the_next_due_time_is_worth_saving():
    """A 304 that only moves the next poll is not saved; a new ETag, a failure or new entries are."""
    rng = random.Random(2)
    polled = schedule.succeeded(schedule.initial("f", "u", 0), 300, 0, rng, etag='"a"')
    again = schedule.succeeded(polled, 300, 300, rng, etag='"a"')
    assert not schedule.durable(polled, again)
    assert schedule.durable(again, schedule.succeeded(again, 300, 600, rng, etag='"b"'))
    assert schedule.durable(again, schedule.failed(again, 300, 600, rng))
    assert schedule.durable(again, schedule.succeeded(again, 300, 600, rng, etag='"a"', known_ids=frozenset({"x"})))


def test_a_saved_state_keeps_its_wall_clock_times_on_another_workers_clock():
    """Times survive the move between monotonic clocks; a feed already due waits at most the spread."""
    state = schedule.FeedState(url="u", next_due=1_000.0 + 3_600, last_new=1_000.0 - 60, polled=True)
    wall = schedule.to_wall(state, now=1_000.0, wall_now=1.7e9)
    assert wall.next_due == 1.7e9 + 3_600 and wall.last_new == 1.7e9 - 60
    back = schedule.from_wall(wall, now=50.0, wall_now=1.7e9, feed_id="f", spread=5.0)
    assert back.next_due == 50.0 + 3_600 and back.last_new == 50.0 - 60
    overdue = schedule.from_wall(wall, now=50.0, wall_now=1.7e9 + 86_400, feed_id="f", spread=5.0)
    assert 50.0 <= overdue.next_due < 55.0
    stopped = schedule.from_wall(schedule.to_wall(schedule.failed(state, 300, 0, random.Random(), permanent=True),
                                                  1_000.0, 1.7e9), 50.0, 1.7e9, "f", 5.0)
    assert stopped.state == "stopped" and stopped.next_due == float("inf")
