"""Detection quality on labelled French text: ``python -m evaluation`` (``make eval``).

Two sets, each a watchlist and labelled texts under ``evaluation/data``:

- ``dev``: the real articles of ../shared/seeds annotated by offsets (their text stays there),
  plus sentences written for the set. Tuned on.
- ``heldout``: sentences written for the set with a watchlist spelled differently from the
  text (Putin / Poutine, Belousov / Belooussov), written before the rules. Its misses were
  read while the rules were built, so it is no longer blind.
- ``fresh``: a second set of the same kind, written after the rules and scored once: the
  honest figure. Do not tune on it; write a new one when it has been read.

Scores are per mention: a found mention is right when it overlaps a gold mention of the same
id (each gold mention pairs with one found mention at most). Mentions in page furniture are
neither gold nor counted. A quote speaker is right when a found quotation overlaps the gold
one and names the same speaker (or none when none is due); a missed quotation is wrong.
"""
