import json
import subprocess
import sys
from pathlib import Path

from monitor.html import visible_text_located

ROOT = Path(__file__).resolve().parents[1]
PAGE = (
    "<html><head><style>.x{}</style><script>var nom = 'Vladimir Poutine';</script></head><body>"
    "<nav><p>Suivez-nous sur Facebook</p></nav><article><h1>Bamako et Moscou</h1>"
    "<p>Le pr&eacute;sident <b>Assimi GO&Iuml;TA</b> a re&ccedil;u Vladimir Poutine pour la "
    "coop&eacute;ration militaire.</p></article></body></html>"
)


def test_visible_text_keeps_each_characters_place_in_the_page():
    """Entities decode, markup and scripts vanish, and every character maps back to its span in the page."""
    located = visible_text_located(PAGE)
    assert "var nom" not in located.text and "<" not in located.text
    start = located.text.index("GOÏTA")
    assert PAGE[slice(*located.span(start, start + 5))] == "GO&Iuml;TA"


def test_analyze_html_reports_offsets_into_the_file_as_read(tmp_path: Path):
    """On an HTML file every mention's offsets slice the file to the mention's text, entities included."""
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "monitor", "analyze", "--json", "--config", str(ROOT / "config"), str(page)],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    found = {hit["id"]: hit for hit in record["actors"] + record["keywords"]}
    assert {"assimi-goita", "vladimir-putin", "military-cooperation"} <= set(found)
    assert found["vladimir-putin"]["count"] == 1  # the name inside <script> is not text
    for hit in found.values():
        for mention in hit["mentions"]:
            assert PAGE[mention["start"]:mention["end"]] == mention["text"]
    assert found["assimi-goita"]["mentions"][0]["text"] == "Assimi GO&Iuml;TA"
