"""The lexicon's and exonyms' tables are data typed by hand: a key written twice would silently
drop the first entry."""

from __future__ import annotations

import ast
import collections
from pathlib import Path

import pytest

import monitor.detect.exonyms
import monitor.detect.lexicon


@pytest.mark.parametrize("module", [monitor.detect.lexicon, monitor.detect.exonyms])
def test_no_table_writes_a_key_twice(module):
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    twice = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = collections.Counter(key.value for key in node.keys if isinstance(key, ast.Constant))
            twice.update({key: node.lineno for key, count in keys.items() if count > 1})
    assert twice == {}
