import sys
from pathlib import Path

# tests share small helpers (tests/support.py) without being a package
sys.path.insert(0, str(Path(__file__).parent))
