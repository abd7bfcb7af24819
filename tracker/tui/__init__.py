"""The terminal app (Textual): meetings, people, countries, timeline."""

from pathlib import Path

# Every style is in a file here, named by the CSS_PATH of the screen showing it (the
# meetings view's by the app's, which reads it at start).
STYLES = Path(__file__).parent / "styles"
