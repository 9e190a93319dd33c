"""WCAG 2.2 AA contrast for the whole palette, light and dark: every text colour on every
background of its scheme, including pairs the sample data does not happen to show (a pro count
on a strongly-against cell). The browser audit (tests/browser/test_audit.py) checks real pages."""

import re

import pytest
from coloraide import Color
from django.conf import settings

CSS = settings.BASE_DIR / "static" / "css" / "site.css"
TEXT = ["--text", "--muted", "--accent", "--pro", "--con", "--warn", "--vendor", "--feature"]
BACKGROUNDS = [
    "--bg", "--surface", "--surface-2", "--accent-soft", "--pro-soft", "--pro-strong", "--con-soft",
    "--con-strong", "--mixed-soft", "--warn-soft", "--vendor-soft", "--mark",
]  # fmt: skip
AA_NORMAL_TEXT = 4.5


def palettes() -> dict[str, dict[str, str]]:
    """{"light": {name: colour}, "dark": {...}}: the dark :root block overrides the light one."""
    css = CSS.read_text()
    light_block = re.search(r"^:root \{(.*?)^\}", css, re.S | re.M).group(1)
    dark_block = re.search(r"prefers-color-scheme: dark\) \{\s*:root \{(.*?)\}", css, re.S).group(1)

    def declarations(block):
        return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", block))

    light = declarations(light_block)
    dark = {**light, **declarations(dark_block)}
    return {"light": resolve(light), "dark": resolve(dark)}


def resolve(values: dict[str, str]) -> dict[str, str]:
    resolved = {}
    for name, value in values.items():
        while (alias := re.fullmatch(r"var\((--[\w-]+)\)", value.strip())) is not None:
            value = values[alias.group(1)]
        resolved[name] = value.strip()
    return resolved


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_colour_reads_on_every_background(scheme):
    palette = palettes()[scheme]
    failures = [
        f"{fg} {palette[fg]} on {bg} {palette[bg]}: {ratio:.2f}:1"
        for fg in TEXT
        for bg in BACKGROUNDS
        if (ratio := Color(palette[fg]).contrast(palette[bg], method="wcag21")) < AA_NORMAL_TEXT
    ]
    assert failures == []


def test_the_palette_is_read_from_the_stylesheet():
    palette = palettes()
    assert palette["light"]["--pro"] != palette["dark"]["--pro"]
    assert set(TEXT + BACKGROUNDS) <= set(palette["light"])
