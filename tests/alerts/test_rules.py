import pytest

from monitor.alerts.rules import alert_id, evaluate, matching
from monitor.catalog import Actor, Condition, Keyword, Near, Rule, Watchlist, parse_catalog
from monitor.detect.agents import detection_of
from monitor.detect.pipeline import Detector
from monitor.errors import ConfigError
from monitor.models import ActorHit, Article, ArticleRef, Detection, KeywordHit, Mention

NOW = "2026-11-23T08:00:00.000Z"
REF = ArticleRef(id="art-1", url="https://x.org/a", title="Goïta au Kremlin", feed_id="demo", fetched_at=NOW)


def actor(id_: str, count: int = 1) -> ActorHit:
    return ActorHit(id=id_, name=id_, type="person", count=count, mentions=(Mention(start=0, end=1, text="x"),))


def detection(*actors: ActorHit, keywords: tuple[str, ...] = ()) -> Detection:
    return Detection(article_id="art-1", actors=actors, article=REF,
                     keywords=tuple(KeywordHit(id=k, count=1) for k in keywords))


MEET = Rule(id="meet", actors=Condition(all=("goita", "putin")), severity="high")
ARMS = Rule(id="arms", keywords=Condition(any=("drones",)), actors=Condition(none=("macron",)))


def test_all_any_and_none_conditions_combine():
    """A rule fires only when every stated condition holds."""
    assert matching([MEET, ARMS], detection(actor("goita"), actor("putin"))) == [MEET]
    assert matching([MEET, ARMS], detection(actor("goita"), keywords=("drones",))) == [ARMS]
    assert matching([MEET, ARMS], detection(actor("macron"), keywords=("drones",))) == []


def test_alert_carries_article_ids_and_a_stable_id():
    """The alert follows the alert/1 contract and its id depends only on rule and article."""
    [alert] = evaluate(detection(actor("goita"), actor("putin")), [MEET], NOW)
    assert alert.rule == "meet" and alert.severity == "high" and alert.article == REF
    assert alert.actors == ("goita", "putin") and alert.id == alert_id("meet", "art-1")
    assert alert.to_dict()["schema"] == "alert/1"


def test_mentions_only_in_page_furniture_do_not_fire_rules():
    """An actor whose every mention is furniture (count 0) does not satisfy a condition."""
    assert evaluate(detection(actor("goita"), actor("putin", count=0)), [MEET], NOW) == []


# --- near, title_only, min_count, on what the detector finds in real sentences ----------------
WATCH = Watchlist(
    actors=(Actor(id="kidal", name="Kidal", type="place"), Actor(id="goita", name="Assimi Goïta", type="person")),
    keywords=(Keyword(id="drones", terms=("drone",)), Keyword(id="attack", terms=("attaque", "frappe"))),
)
DETECTOR = Detector(WATCH)


def detected(title: str, text: str) -> Detection:
    """A detection as the stream makes it: the document is the title, a blank line, the text."""
    article = Article(id="a1", url="https://x.org/a1", feed_id="demo", title=title, text=text, fetched_at=NOW)
    return detection_of(DETECTOR, article)


def fires(rule: Rule, found: Detection) -> bool:
    return matching([rule], found) == [rule]


def test_near_asks_for_two_mentions_within_so_many_words():
    """near: a drone and a strike with at most 5 words between them fires; 11 words apart does not."""
    rule = Rule(id="r", keywords=Condition(near=Near(ids=("drones", "attack"), words=5)))
    close = detected("Sahel", "Des drones ont mené une frappe près de la ville, selon l’armée.")
    far = detected("Sahel", "Des drones survolent la région depuis des semaines, et les habitants ont fini par "
                            "redouter une frappe.")
    assert fires(rule, close) and not fires(rule, far)
    assert not fires(rule, detected("Sahel", "Des drones survolent la région."))  # one of the two missing


def test_near_counts_words_across_lines_and_ignores_furniture():
    """Words are counted across a line break (three between, not four); a mention in "Lire
    aussi" is not near anything."""
    rule = Rule(id="r", keywords=Condition(near=Near(ids=("drones", "attack"), words=3)))
    assert fires(rule, detected("Sahel", "Les drones\nont mené une attaque."))
    assert not fires(rule, detected("Sahel", "Les drones\nont mené hier une attaque."))
    assert not fires(rule, detected("Sahel", "Les drones ont survolé Gao ce matin au lever du jour.\n\n"
                                             "Lire aussi : Nouvelle attaque près de Gao"))


def test_title_only_counts_mentions_in_the_title():
    """title_only: a keyword only in the body does not count; in the title it does."""
    rule = Rule(id="r", keywords=Condition(any=("drones",), title_only=True))
    assert fires(rule, detected("Des drones au-dessus de Kidal", "La population s’inquiète."))
    assert not fires(rule, detected("La population s’inquiète", "Des drones au-dessus de Kidal."))
    none_in_title = Rule(id="n", actors=Condition(any=("kidal",)), keywords=Condition(none=("drones",), title_only=True))
    assert fires(none_in_title, detected("Kidal sous tension", "Des drones ont été vus."))


def test_min_count_asks_for_that_many_mentions():
    """min_count: 2 fires on two mentions of the keyword (any form), not on one."""
    rule = Rule(id="r", keywords=Condition(any=("drones",), min_count=2))
    assert fires(rule, detected("Sahel", "Un drone est tombé. Les drones se multiplient."))
    assert not fires(rule, detected("Sahel", "Un drone est tombé près de Kidal."))


def test_near_ids_must_be_in_the_watchlist():
    """An unknown id in near is a config error naming the rule and the field."""
    with pytest.raises(ConfigError, match=r"keywords.near: unknown keyword 'drone'"):
        parse_catalog({
            "feeds.yaml": "feeds: []\n",
            "watchlist.yaml": "keywords:\n  - {id: drones, terms: [drone]}\n  - {id: attack, terms: [attaque]}\n",
            "rules.yaml": "rules:\n  - id: r\n    keywords: {near: {ids: [drone, attack], words: 5}}\n",
        })
