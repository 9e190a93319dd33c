"""The evidence chart's markup, written in Python (frameworks/charts.py svg), is what the template
it replaced printed, for any tallies: the reference below is that template."""

from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st

from frameworks import charts
from frameworks.consensus import Tally

REFERENCE = """\
<div class="chart-scroll"{% if chart.columns|length > 1 %} tabindex="0" role="region" aria-label="Evidence chart (scrolls sideways)"{% endif %}>
<svg class="chart{% if chart.columns|length > 1 %} chart-wide{% endif %}" viewBox="0 0 {{ chart.width }} {{ chart.height }}" width="{{ chart.width }}" height="{{ chart.height }}" aria-hidden="true" focusable="false">
  <defs>
    <pattern id="hatch-pro" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="bar-pro" width="2" height="5"></rect></pattern>
    <pattern id="hatch-con" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="bar-con" width="2" height="5"></rect></pattern>
  </defs>
  {% for name, anchor, y in chart.names %}<text class="chart-label" x="{{ chart.label_x }}" y="{{ y|floatformat:1 }}" text-anchor="end">{{ name|truncatechars:24 }}</text>{% endfor %}
  {% for column in chart.columns %}
  {% if chart.columns|length > 1 %}<text class="chart-head" x="{{ column.axis|floatformat:1 }}" y="14" text-anchor="middle">{{ column.title|truncatechars:16 }}</text>{% endif %}
  <line class="chart-axis" x1="{{ column.axis|floatformat:1 }}" x2="{{ column.axis|floatformat:1 }}" y1="{% if chart.columns|length > 1 %}20{% else %}0{% endif %}" y2="{{ chart.height }}"></line>
  {% if column.pro_independent %}<path class="bar-pro" d="{{ column.pro_independent }}"></path>{% endif %}
  {% if column.pro_vendor %}<path class="bar-vendor" fill="url(#hatch-pro)" d="{{ column.pro_vendor }}"></path>{% endif %}
  {% if column.con_independent %}<path class="bar-con" d="{{ column.con_independent }}"></path>{% endif %}
  {% if column.con_vendor %}<path class="bar-vendor" fill="url(#hatch-con)" d="{{ column.con_vendor }}"></path>{% endif %}
  {% if numbers %}{% for row in column.rows %}{% if row.cons.total %}<text class="chart-number" x="{{ row.con_x|floatformat:1 }}" y="{{ row.y|floatformat:1 }}" text-anchor="end">{{ row.cons.independent }}{% if row.cons.vendor %}+{{ row.cons.vendor }}{% endif %}</text>{% endif %}{% if row.pros.total %}<text class="chart-number" x="{{ row.pro_x|floatformat:1 }}" y="{{ row.y|floatformat:1 }}">{{ row.pros.independent }}{% if row.pros.vendor %}+{{ row.pros.vendor }}{% endif %}</text>{% endif %}{% endfor %}{% endif %}
  {% endfor %}
</svg>
</div>
<p class="chart-legend"><span class="key key-con" aria-hidden="true"></span> against · <span class="key key-pro" aria-hidden="true"></span> for · <span class="key key-vendor" aria-hidden="true"></span> vendors' own sources (hatched) · counts are distinct sources{% if numbers %}, independent+vendor{% endif %}</p>"""

tallies = st.builds(Tally, st.integers(0, 40), st.integers(0, 12))
names = st.text(alphabet=st.sampled_from("Aé&<>\"' xyzDjango·̀"), min_size=0, max_size=30)


@settings(max_examples=150, deadline=None)
@given(
    topics=st.lists(names, min_size=0, max_size=14),
    titles=st.lists(names, min_size=1, max_size=6),
    data=st.data(),
    numbers=st.booleans(),
    half=st.sampled_from([charts.HALF, 48, 37]),
)
def test_the_chart_prints_what_its_template_printed(topics, titles, data, numbers, half):
    columns = [(title, [(data.draw(tallies), data.draw(tallies)) for _ in topics]) for title in titles]
    chart = charts.diverging([(name, f"#{name}") for name in topics], columns, half=half)
    expected = engines["django"].from_string(REFERENCE).render({"chart": chart, "numbers": numbers})
    assert charts.svg(chart, numbers=numbers) == expected


def test_halves_round_up_as_the_template_did():
    # 37 px over at least 4 sources: one source is 9.25 px, so its count is written at x=221.25,
    # which floatformat rounded half up from the decimal ("221.3") and "%.1f" halves to even.
    chart = charts.diverging([("Speed", "")], [("A", [(Tally(1, 0), Tally(0, 0))])], half=37)
    expected = engines["django"].from_string(REFERENCE).render({"chart": chart, "numbers": True})
    assert 'x="221.3"' in expected
    assert charts.svg(chart, numbers=True) == expected
