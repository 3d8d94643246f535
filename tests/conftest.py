import sys
from pathlib import Path

# tests share small helpers (tests/support.py) without being a package
sys.path.insert(0, str(Path(__file__).parent))


def pytest_sessionstart(session) -> None:
    # the suite reads real articles and the feedparser corpus from ../shared: without them, one
    # line saying where they were looked for, instead of a score of failures deep in fixtures
    from support import CORPUS, SEEDS

    missing = [str(path) for path in (SEEDS, CORPUS) if not path.is_dir()]
    if missing:
        import pytest

        pytest.exit(f"tests need {' and '.join(missing)}: put shared/ beside the checkout or set MONITOR_SHARED",
                    returncode=2)
