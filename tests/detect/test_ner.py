"""New names from spaCy's French model (the extra ``ner``): real model, real seed articles,
sentences written here, the CLI, and the agent through Faust's test context."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import faust
import orjson
import pytest

from monitor import metrics, topics
from monitor.catalog import load_watchlist
from monitor.cli import main
from monitor.detect.ner import (INSTALL, MAX_CANDIDATES, Discoverer, NerUnavailable, discovery_of, merge, name_of,
                                register)
from monitor.detect.pipeline import Detector
from monitor.models import Article, Candidate
from monitor.settings import Settings
from support import seed_paths, seed_text

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-23T08:00:00.000Z"


@pytest.fixture(scope="session")
def discoverer(detector) -> Discoverer:
    found = Discoverer(detector)
    found.load()  # seconds, once for the whole session: every Discoverer shares the loaded model
    return found


def names(candidates) -> dict[str, int]:
    return {c.name: c.count for c in candidates}


def known_actors(detector: Detector, candidates) -> list[str]:
    """Candidates that the detector, reading the name alone, finds to be a watchlist actor: one
    mention spans the whole name, or a watchlist person is in a person's name."""
    return [c.name for c in candidates for hit in detector.detect(c.name).actors
            if any(m.end - m.start == len(c.name) for m in hit.mentions) or c.type == hit.type == "person"]


# --- names cut out of entities (pure) ---------------------------------------------------------
@pytest.mark.parametrize("entity, kind, expected", [
    ("Président Donald Trump", "person", ("Donald Trump", "person")),
    ("Général de Division Abdoulaye Maïga", "person", ("Abdoulaye Maïga", "person")),
    ("Capitaine Ibrahim Traoré", "organization", ("Ibrahim Traoré", "person")),  # a title: a person, whatever the tag
    ("Alassane Souleymane\n\nLire", "person", ("Alassane Souleymane", "person")),
    ("Aloussény SANOU", "person", ("Aloussény Sanou", "person")),
    ("l’ONU", "organization", ("ONU", "organization")),
    ("la Banque mondiale", "organization", ("Banque mondiale", "organization")),
    ("Président de la Transition", "person", None),
    ("Vice-premier ministre de la", "person", None),
    ("ministre de la Défense", "organization", None),
    ("Président malien", "person", None),
    ("O.D.", "organization", None),
])
def test_an_entity_is_cut_down_to_a_name_or_dropped(entity, kind, expected):
    """Titles and articles go, a line break ends the name, a role or a fragment is no name."""
    text = f"« {entity} »"
    found = name_of(text, 2, 2 + len(entity), kind)
    assert (found[:2] if found else None) == expected
    if found:
        start, end = found[2]
        assert text[start:end].replace("SANOU", "Sanou") == found[0]


def test_merge_sums_counts_of_names_that_fold_alike():
    """The heuristic's and the model's counts add up per name; the first spelling and type win."""
    heuristic = (Candidate(name="Aloussény Sanou", type="person", count=2),)
    model = (Candidate(name="Alousseny SANOU", type="person", count=1),
             Candidate(name="BCEAO", type="organization", count=4))
    assert merge(heuristic, model) == (Candidate(name="BCEAO", type="organization", count=4),
                                       Candidate(name="Aloussény Sanou", type="person", count=3))


# --- the model ----------------------------------------------------------------------------------
def test_new_people_and_organisations_are_counted(discoverer):
    """A person named twice in full and once by surname counts 3; organisations come typed."""
    text = ("Le ministre russe des Affaires étrangères, Sergueï Lavrov, a reçu à Moscou son homologue. "
            "Lavrov a salué la coopération. Sergueï Lavrov s'est ensuite rendu à Niamey.\n\n"
            "Selon Amadou Koné, directeur de la Banque centrale des États de l'Afrique de l'Ouest (BCEAO), "
            "la croissance ralentit. Koné a ajouté que la BCEAO agira avec la Banque mondiale.")
    found = discoverer.discover(text)
    assert names(found) == {"Sergueï Lavrov": 3, "Amadou Koné": 2, "BCEAO": 2, "Banque mondiale": 1,
                            "Banque centrale des États de l'Afrique de l'Ouest": 1}
    types = {c.name: c.type for c in found}
    assert types["Sergueï Lavrov"] == "person" and types["BCEAO"] == "organization"


def test_watchlist_actors_are_known_however_written(discoverer):
    """GOÏTA, GOITA, Goïta, Poutine, Sadio CAMARA: all on the watchlist, none a candidate."""
    text = ("Le Président Assimi GOÏTA a reçu Vladimir Poutine. GOITA et Poutine ont parlé de Rosatom. "
            "Le Général Goïta a salué les FAMa et Sadio CAMARA. Abdoulaye DIOP était présent.")
    assert discoverer.discover(text) == ()


def test_a_watchlist_place_inside_an_organisation_does_not_hide_it(discoverer):
    """"Mali" is watched (a place) and "ONU" is not watched here: both organisations are new."""
    text = "Le Ministère des Affaires étrangères du Mali a convoqué l'ambassadeur. Le Conseil de sécurité de l’ONU se réunira."
    assert names(discoverer.discover(text)) == {"Ministère des Affaires étrangères du Mali": 1,
                                                "Conseil de sécurité de l’ONU": 1}


def test_roles_are_not_names(discoverer):
    """Titles that the model tags as persons or organisations are not new names."""
    text = "Le Président de la Transition a reçu le ministre de la Défense et le Président malien."
    assert discoverer.discover(text) == ()


def test_seed_articles_give_new_names_and_no_watchlist_actor(discoverer, detector):
    """On the real articles: the ministers that the watchlist lacks, never one it has."""
    first = discoverer.discover(seed_text("000"))
    assert {"Alousséni Sanou", "Boubacar Diane"} <= set(names(first))
    second = discoverer.discover(seed_text("001"))
    assert names(second)["Serguei Lavrov"] == 2 and "Alexandre Novak" in names(second)
    for path in seed_paths():
        found = discoverer.discover(path.read_text(encoding="utf-8"))
        assert found and known_actors(detector, found) == [], path.name
        assert all(c.type in ("person", "organization") and c.count >= 1 for c in found)


def test_names_in_page_furniture_are_left_out(discoverer):
    """A teaser under "Articles similaires" adds no name, as with the heuristic."""
    text = "Le sommet s’est tenu hier à Bamako.\n\nArticles similaires\nLe ministre Moussa Konaté en visite à Paris"
    assert discoverer.discover(text) == ()


def test_huge_input_is_read_only_up_to_the_bound(detector, discoverer):
    """2 MB of text: the model reads its first max_chars (spaCy would refuse a million), at most
    max_candidates names come back, and a name past the bound is never seen."""
    firsts = "Amadou Bakary Fatoumata Ousmane Mariam Seydou Kadiatou Idrissa Aminata Souleymane".split()
    lasts = "Traoré Coulibaly Diarra Keïta Sangaré Touré Konaté Sidibé Doumbia Cissé".split()
    lines = [f"Hier, {f} {s} a rencontré des habitants de Ségou pour parler des récoltes." for f in firsts for s in lasts]
    text = "\n".join(lines * 300)
    text += "\nPour finir, Zébulon Kowalczyk a pris la parole."
    assert len(text) > 2_000_000
    started = time.perf_counter()
    found = discoverer.discover(text)
    assert time.perf_counter() - started < 30  # a few seconds on a busy machine; all of it would not run
    assert len(found) == MAX_CANDIDATES and "Zébulon Kowalczyk" not in names(found)
    small = Discoverer(detector, max_candidates=5, max_entities=3)
    assert sum(c.count for c in small.discover(text)) <= 3


def test_a_missing_model_is_one_line_naming_the_extra(detector):
    """Checking or loading a model that is not installed says how to install it, in one line."""
    missing = Discoverer(detector, model="xx_no_such_model")
    for step in (missing.check, missing.load, lambda: missing.discover("Sergueï Lavrov est venu.")):
        with pytest.raises(NerUnavailable) as caught:
            step()
        message = str(caught.value)
        assert message.startswith("ner: ") and INSTALL in message and "xx_no_such_model" in message
        assert "\n" not in message


# --- the command line ---------------------------------------------------------------------------
def test_analyze_ner_merges_model_names_with_the_heuristic(tmp_path: Path, capsys, discoverer):
    """`analyze --ner --json`: the candidates are the heuristic's and the model's, counts summed."""
    article = tmp_path / "article.txt"
    article.write_text("Le ministre de l’Économie, Aloussény SANOU, a reçu Amadou Koné, directeur de la BCEAO. "
                       "Koné a rencontré Aloussény Sanou hier.", encoding="utf-8")
    paths = [str(article), str(seed_paths()[1])]
    assert main(["analyze", "--ner", "--json", "--config", str(ROOT / "config"), *paths]) == 0
    records = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["path"] for r in records] == paths
    detector = Detector(load_watchlist(ROOT / "config" / "watchlist.yaml"))
    ner = Discoverer(detector)
    for record, path in zip(records, paths):
        text = Path(path).read_text(encoding="utf-8")
        heuristic, model = detector.detect(text).candidates, ner.discover(text)
        assert heuristic and model
        assert record["candidates"] == [c.to_dict() for c in merge(heuristic, model)]
    mine = names(Candidate(**c) for c in records[0]["candidates"])
    text = article.read_text(encoding="utf-8")
    heuristic, model = names(detector.detect(text).candidates), names(ner.discover(text))
    assert heuristic["Amadou Koné"] >= 1 and model["Amadou Koné"] >= 1  # both found him: counts added
    assert mine["Amadou Koné"] == heuristic["Amadou Koné"] + model["Amadou Koné"]
    assert "BCEAO" in mine and not any("Sanou" in name for name in mine)  # Alousséni Sanou is watched


def test_analyze_ner_without_spacy_exits_2_in_one_line(tmp_path: Path):
    """With spaCy not importable, `analyze --ner` prints one line naming the extra, and nothing else."""
    article = tmp_path / "a.txt"
    article.write_text("Sergueï Lavrov est venu.", encoding="utf-8")
    code = ("import sys; sys.modules['spacy'] = None\n"  # as if spaCy were not installed
            "from monitor.cli import main\n"
            f"raise SystemExit(main(['analyze', '--ner', '--json', '--config', {str(ROOT / 'config')!r}, {str(article)!r}]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == f"ner: spaCy is not installed; {INSTALL} installs spaCy and fr_core_news_md"


# --- the stream ---------------------------------------------------------------------------------
def app_with(settings: Settings, discoverer: Discoverer) -> faust.App:
    app = faust.App("ner-test", broker="kafka://127.0.0.1:9", store="memory://", autodiscover=False,
                    key_serializer="raw", value_serializer="raw")  # nothing listens there
    register(app, topics.declare(app, 1, 1), discoverer, settings)
    return app


def counter(metric, **labels) -> float:
    return (metric.labels(**labels) if labels else metric)._value.get()


def test_discovery_record_names_the_model_and_the_article(discoverer):
    """The monitor.candidates record: schema candidates/1, the article id, its names, the model."""
    article = Article(id="a1", url="https://x.org/a", feed_id="f", title="Sergueï Lavrov à Bamako",
                      text="Sergueï Lavrov a rencontré Amadou Koné, directeur de la BCEAO.", fetched_at=NOW)
    record = orjson.loads(discovery_of(discoverer, article).to_json())
    assert record["schema"] == "candidates/1" and record["article_id"] == "a1"
    assert record["model"] == "fr_core_news_md"
    assert {c["name"]: c["count"] for c in record["candidates"]}["Sergueï Lavrov"] == 2


async def test_agent_counts_names_and_dead_letters_poison(discoverer, tmp_path: Path):
    """The discover agent: a malformed message is dead-lettered, the next article's names are counted."""
    app = app_with(Settings.load({"MONITOR_NER": "true"}, data_dir=tmp_path), discoverer)
    article = Article(id="a2", url="https://x.org/b", feed_id="f", title="Visite",
                      text="Amadou Koné, directeur de la BCEAO, a reçu Sergueï Lavrov.", fetched_at=NOW)
    people, organisations = counter(metrics.candidates, type="person"), counter(metrics.candidates, type="organization")
    letters = counter(metrics.dead_letters, topic="monitor.articles")
    async with app.agents["discover"].test_context() as agent:
        await agent.put(b"\x00not json", key=b"bad")
        await agent.put(article.to_json(), key=b"a2")  # returns once the agent took it, not when done
        deadline = time.monotonic() + 30
        while counter(metrics.candidates, type="organization") == organisations and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
    await app.producer.stop()  # it tried to reach the broker that is not there
    assert counter(metrics.dead_letters, topic="monitor.articles") - letters == 1
    assert counter(metrics.candidates, type="person") - people == 2  # Amadou Koné, Sergueï Lavrov
    assert counter(metrics.candidates, type="organization") - organisations == 1  # BCEAO


def test_the_agent_exists_only_when_ner_is_on(detector, discoverer, tmp_path: Path):
    """MONITOR_NER is off by default; on with a model that is not installed, the start fails in one line."""
    assert Settings.load({}).ner is False
    assert "discover" not in app_with(Settings.load({}, data_dir=tmp_path), discoverer).agents
    with pytest.raises(NerUnavailable, match="xx_no_such_model"):
        app_with(Settings.load({"MONITOR_NER": "on"}), Discoverer(detector, model="xx_no_such_model"))
