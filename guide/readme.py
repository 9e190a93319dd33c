"""Pages drawn from the README, so the site and the README can never say different things."""

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from guide.markdown import render_markdown

README = Path(settings.BASE_DIR) / "README.md"
EVIDENCE_SECTION = "How to read the evidence"


@lru_cache(maxsize=4)
def section(title: str) -> str:
    """The README's `## title` section as sanitised HTML, its heading left out ("" if absent)."""
    try:
        lines = README.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    heading = f"## {title}"
    if heading not in lines:
        return ""
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return render_markdown("\n".join(lines[start:end]))


def how_to_read_the_evidence(request):
    body = section(EVIDENCE_SECTION)
    if not body:
        raise Http404("The README has no section on reading the evidence.")
    return render(request, "evidence.html", {"title": EVIDENCE_SECTION, "body": body})
