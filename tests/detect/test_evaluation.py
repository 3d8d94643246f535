"""The labelled sets of ``python -m evaluation`` load, and their annotations fit their texts."""

from __future__ import annotations

import pytest
from support import SEEDS

from evaluation.score import SETS, all_actors, load_set, parse_markup, quotation_spans, score
from monitor.detect.pipeline import Detector


def test_markup_gives_offsets_into_the_clean_text():
    """[surface|id] and {surface|id} are removed and become spans of the text left."""
    text, actors, keywords = parse_markup("Le ministre [Sadio Camara|sadio-camara] évoque les {drones|drones}.")
    assert text == "Le ministre Sadio Camara évoque les drones."
    assert [(text[s:e], i) for s, e, i in actors] == [("Sadio Camara", "sadio-camara")]
    assert [(text[s:e], i) for s, e, i in keywords] == [("drones", "drones")]


def test_scare_quotes_are_not_quotations():
    """Only quotations of three words or more are gold: « sponsors étatiques » is left out."""
    text = "Il dénonce des « sponsors étatiques » et ajoute : « nous resterons fermes »."
    assert [text[s:e] for s, e in quotation_spans(text)] == ["nous resterons fermes"]


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_set_loads_with_known_ids(name):
    """Each set's annotations name watchlist ids and, for seeds, fall inside the unchanged file."""
    watchlist, items = load_set(name, SEEDS)
    actors = {a.id for a in watchlist.actors}
    keywords = {k.id for k in watchlist.keywords}
    assert items
    for item in items:
        assert {i for _, _, i in item.actors} <= actors
        assert {i for _, _, i in item.keywords} <= keywords
        assert {i for _, _, i in item.quotes} <= actors | {None}


def test_scores_count_right_found_and_gold():
    """On the development set the tallies are consistent (right <= found, right <= gold)."""
    watchlist, items = load_set("dev", SEEDS)
    for tally in score(Detector(watchlist), items).values():
        assert 0 <= tally.right <= min(tally.found, tally.gold)


# Sets still below a target, each with the figures it must not fall below (the first scores
# of blind sets are in the commits that added them). fresh21's watchlist lists "gold" only in
# English and its annotator marked the French « or » (19 of its 21 keyword misses); keyword
# terms are matched in the languages the watchlist gives, not translated.
BELOW_TARGET: dict[str, dict[str, float]] = {
    "fresh21": {"keywords recall": 0.80},
    "fresh36": {"speakers": 0.73},
    # its annotator marks « Communauté économique … (CEDEAO) » as one mention: the acronym found
    # inside it counts as a wrong one (25 of fresh48's first 33)
    "fresh48": {"actors precision": 0.92},
    "fresh61": {"actors precision": 0.90, "actors recall": 0.92},
    "fresh62": {"actors recall": 0.94},
    "fresh77": {"actors recall": 0.94},
    "fresh79": {"actors recall": 0.93},
    "fresh87": {"actors recall": 0.94},
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_set_stays_above_the_quality_floor(name):
    """The targets of the detection issue hold on every labelled set, so a change that trades
    one set's errors for another's fails here: actors (all types together) and keywords at
    precision and recall 0.95 and 0.90, quote speakers right for 3 in 4. A set listed in
    BELOW_TARGET must keep at least its recorded figures there."""
    watchlist, items = load_set(name, SEEDS)
    tallies = score(Detector(watchlist), items)
    floors = {"actors precision": 0.95, "actors recall": 0.95, "keywords precision": 0.90,
              "keywords recall": 0.90, "speakers": 0.75, **BELOW_TARGET.get(name, {})}
    actors = all_actors(tallies)
    assert actors.precision >= floors["actors precision"] and actors.recall >= floors["actors recall"], (
        f"actors {actors.right}/{actors.found}/{actors.gold}")
    keywords = tallies["keywords"]
    assert (keywords.right / keywords.found >= floors["keywords precision"]
            and keywords.right / keywords.gold >= floors["keywords recall"]), (
        f"keywords {keywords.right}/{keywords.found}/{keywords.gold}")
    speakers = tallies["quote speakers"]
    assert speakers.right / speakers.gold >= floors["speakers"], f"speakers {speakers.right}/{speakers.gold}"
