"""A small watchlist and a detector built from it, shared by the detection tests."""

from __future__ import annotations

import pytest

from monitor.catalog import Actor, Keyword, Watchlist
from monitor.detect.pipeline import Detector

WATCHLIST = Watchlist(
    actors=(
        Actor(id="assimi-goita", name="Assimi Goïta", type="person"),
        Actor(id="vladimir-putin", name="Vladimir Putin", type="person", aliases=("Poutine",)),
        Actor(id="sadio-camara", name="Sadio Camara", type="person"),
        Actor(id="abdoulaye-diop", name="Abdoulaye Diop", type="person"),
        Actor(id="abdoulaye-maiga", name="Abdoulaye Maïga", type="person"),
        Actor(id="choguel-maiga", name="Choguel Kokalla Maïga", type="person"),
        Actor(id="macky-sall", name="Macky Sall", type="person"),
        Actor(id="rosatom", name="Rosatom", type="organization"),
        Actor(id="aes", name="Alliance des États du Sahel", type="organization", aliases=("AES",)),
        Actor(id="fama", name="Forces armées maliennes", type="organization", aliases=("FAMa",)),
        Actor(id="russia", name="Russie", type="place", aliases=("Fédération de Russie",)),
        Actor(id="mali", name="Mali", type="place"),
    ),
    keywords=(
        Keyword(id="military-cooperation", name="Coopération militaire", terms=("coopération militaire",)),
        Keyword(id="drones", terms=("drone",)),
        Keyword(id="agreements", terms=("accord", "accord de coopération")),
        Keyword(id="weapons", terms=("arme",)),
        Keyword(id="port", terms=("port",)),
    ),
)


@pytest.fixture(scope="session")
def watchlist() -> Watchlist:
    return WATCHLIST


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector(WATCHLIST)
