from monitor.alerts.rules import alert_id, evaluate, matching
from monitor.catalog import Condition, Rule
from monitor.models import ActorHit, ArticleRef, Detection, KeywordHit, Mention

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
    assert matching([MEET, ARMS], frozenset({"goita", "putin"}), frozenset()) == [MEET]
    assert matching([MEET, ARMS], frozenset({"goita"}), frozenset({"drones"})) == [ARMS]
    assert matching([MEET, ARMS], frozenset({"macron"}), frozenset({"drones"})) == []


def test_alert_carries_article_ids_and_a_stable_id():
    """The alert follows the alert/1 contract and its id depends only on rule and article."""
    [alert] = evaluate(detection(actor("goita"), actor("putin")), [MEET], NOW)
    assert alert.rule == "meet" and alert.severity == "high" and alert.article == REF
    assert alert.actors == ("goita", "putin") and alert.id == alert_id("meet", "art-1")
    assert alert.to_dict()["schema"] == "alert/1"


def test_mentions_only_in_page_furniture_do_not_fire_rules():
    """An actor whose every mention is furniture (count 0) does not satisfy a condition."""
    assert evaluate(detection(actor("goita"), actor("putin", count=0)), [MEET], NOW) == []
