"""The terminal app (Textual): meetings, people, countries, timeline."""

from pathlib import Path

# Every style is in a file here, the one that the CSS_PATH of the screen showing it names.
STYLES = Path(__file__).parent / "styles"
