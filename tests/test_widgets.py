"""The filter forms' widgets written in Python (guide/widgets.py) are byte for byte what Django's
own widget templates write, for every field of every filter form, bound to good, bad and hostile
values."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.http import QueryDict

from articles.filters import ArticleFilter, ClaimFilter
from frameworks.filters import FrameworkFilter
from frameworks.models import Framework
from guide.widgets import WidgetRenderer
from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory, SourceFactory, TopicFactory

QUERIES = [
    "",
    "q=dj&kind=micro&kind=resource&interface=asgi&has_orm=1&sort=pros&independent=yes",
    "kind=bogus&sort=zzz&topic=nope&source=nope&stance=pro&interface=<b>",
    'q="><script>alert(1)</script>&text=a&b\'c&year=1999&language=xx&point=12&article=a"b',
    "source=o-brien-s&topic=tom-s&framework=q-a&kind=con&status=verified&independent=on",
]


@pytest.fixture
def data(db):
    """Names with quotes, ampersands and markup, where escaping could differ."""
    topic = TopicFactory(name='Tom\'s "topic" & <more>', slug="tom-s")
    source = SourceFactory(name="O'Brien & Sons <blog>", slug="o-brien-s")
    framework = FrameworkFactory(name="Q&A 'framework'", slug="q-a")
    article = ArticleFactory(source=source, language="fr")
    ClaimFactory(framework=framework, article=article, topic=topic)


def rendered(filterset, renderer) -> list[str]:
    form = filterset.form
    form.renderer = renderer
    form.is_valid()
    html = []
    for field in form:
        html.append(str(field))
        html.append(field.as_hidden() if isinstance(field.field.widget, forms.HiddenInput) else "")
        if isinstance(field.field.widget, forms.CheckboxSelectMultiple):
            html += [box.tag() + str(box) for box in field]
    return html


@pytest.mark.parametrize("filterset_class", [FrameworkFilter, ArticleFilter, ClaimFilter])
@pytest.mark.parametrize("query", QUERIES)
def test_every_filter_widget_is_written_as_django_writes_it(data, filterset_class, query):
    def filterset():
        queryset = filterset_class._meta.model.objects.all()
        return filterset_class(QueryDict(query), queryset=queryset)

    assert rendered(filterset(), WidgetRenderer()) == rendered(filterset(), DjangoTemplates())


def test_the_filter_forms_use_it(data):
    form = FrameworkFilter(QueryDict(""), queryset=Framework.objects.all()).form
    assert isinstance(form.renderer, WidgetRenderer)


def test_a_widget_it_does_not_know_goes_through_its_template(data):
    field = forms.DateField(widget=forms.SelectDateWidget)
    form = type("DateForm", (forms.Form,), {"day": field})()
    form.renderer = WidgetRenderer()
    expected = form["day"].as_widget()
    form.renderer = DjangoTemplates()
    assert form["day"].as_widget() == expected
