"""Detection quality on labelled French text: ``python -m evaluation`` (``make eval``).

Sets, each a watchlist and labelled texts under ``evaluation/data``:

- ``dev``: the real articles of ../shared/seeds annotated by offsets (their text stays there),
  plus sentences written for the set. Tuned on.
- ``heldout``: sentences written for the set with a watchlist spelled differently from the
  text (Putin / Poutine, Belousov / Belooussov), written before the rules. Its misses were
  read while the rules were built, so it is no longer blind.
- ``fresh``, ``fresh2`` ... ``fresh90``: sets of the same kind (24 texts each from fresh2 on),
  each written by someone who had not read the detector, and scored once before any change
  made from its errors: that first score is the honest figure, recorded in the commit that
  added the set. Once its errors have been read it is tuned on, like ``dev``; a new one is
  written for the next honest figure.

Every set must stay above the issue's targets (tests/detect/test_evaluation.py), so a change
cannot trade one set's errors for another's unnoticed.

Scores are per mention: a found mention is right when it overlaps a gold mention of the same
id (each gold mention pairs with one found mention at most). Mentions in page furniture are
neither gold nor counted. A quote speaker is right when a found quotation overlaps the gold
one and names the same speaker (or none when none is due); a missed quotation is wrong.
"""
