"""The Jinja2 environment's filters write what Django's do (guide/jinja2.py)."""

from datetime import date

import pytest
from django.template import defaultfilters
from hypothesis import given
from hypothesis import strategies as st

from guide import jinja2


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Short",
        "x" * 90,
        "x" * 91,
        "A title long enough that it has to be cut somewhere before its end, or it would wrap",
        "Cafe\u0301 au lait, written with a combining accent, which NFC makes one character" + "!" * 20,
        "e\u0301" * 95,  # 190 code points, 95 characters
    ],
)
def test_truncatechars_writes_what_django_writes(text):
    assert jinja2.truncatechars(text, 90) == defaultfilters.truncatechars(text, 90)


@given(st.text(max_size=200), st.integers(min_value=1, max_value=120))
def test_truncatechars_agrees_with_django_on_any_text(text, length):
    assert jinja2.truncatechars(text, length) == defaultfilters.truncatechars(text, length)


@given(
    st.text(alphabet=st.characters(max_codepoint=127), max_size=200), st.integers(min_value=0, max_value=120)
)
def test_truncatechars_agrees_with_django_on_ascii_text(text, length):
    assert jinja2.truncatechars(text, length) == defaultfilters.truncatechars(text, length)


def test_slugify_and_dates_write_what_django_writes():
    for value in ("Yes", "No", "Partial", "Unknown", "Yes (plugin)"):
        assert jinja2.slugify(value.lower()) == defaultfilters.slugify(value.lower())
    day = date(2024, 3, 5)
    assert jinja2.iso_date(day) == defaultfilters.date(day, "Y-m-d")
    assert jinja2.day_month_year(day) == defaultfilters.date(day, "j M Y")
