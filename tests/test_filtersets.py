"""The filter sidebars' FilterSet (guide/filtersets.py): copied cheaply for each request, its form
class built once per content version, and nothing of one request reaching another."""

from django.http import QueryDict

from articles.filters import ClaimFilter
from articles.models import Claim
from frameworks.filters import FrameworkFilter
from frameworks.models import Framework
from tests.factories import FrameworkFactory, TopicFactory


def _filter(query: str = "") -> FrameworkFilter:
    return FrameworkFilter(QueryDict(query), queryset=Framework.objects.public())


def test_the_form_class_is_built_once_per_content_version(db):
    TopicFactory(name="Speed", slug="speed")
    first = _filter()
    built = first.get_form_class()
    assert _filter().get_form_class() is built
    assert ("speed", "Speed") in list(first.form.fields["topic"].choices)

    TopicFactory(name="Typing", slug="typing")  # new content: a new form class offers it
    second = _filter()
    assert second.get_form_class() is not built
    assert ("typing", "Typing") in list(second.form.fields["topic"].choices)
    assert second.form.is_valid() is True


def test_each_request_has_its_own_filters(db):
    TopicFactory(name="Speed", slug="speed")
    FrameworkFactory(name="Flask", slug="flask")
    FrameworkFactory(name="Django", slug="django")
    one, other = _filter("q=fla"), _filter("q=dja")
    assert one.filters["q"] is not other.filters["q"]
    assert one.filters["q"].parent is one and other.filters["q"].parent is other
    one.filters["topic"].extra["choices"] = []  # what a request changes stays its own
    assert other.filters["topic"].extra["choices"] != []
    assert not hasattr(FrameworkFilter.base_filters["q"], "parent")  # the class's are untouched
    # A filter with a method calls it on its own request's filter set.
    assert [f.slug for f in one.qs] == ["flask"]
    assert [f.slug for f in other.qs] == ["django"]


def test_forms_of_one_class_share_its_fields_and_keep_their_own_data(db):
    TopicFactory(name="Speed", slug="speed")
    one, other = _filter("topic=nope"), _filter("topic=speed")
    assert one.form.fields["topic"] is other.form.fields["topic"]
    assert one.form.fields is not other.form.fields  # a form may still reorder its own
    assert one.form.is_valid() is False and "topic" in one.form.errors
    assert other.form.is_valid() is True and other.form.cleaned_data["topic"] == "speed"
    assert 'value="speed" selected' in str(other.form["topic"])
    assert "selected" not in str(one.form["topic"]).replace('value="" selected', "")


def test_model_choice_fields_are_each_forms_own(db):
    # Compiling a queryset changes its query for a moment: two threads must not share one.
    one, other = (ClaimFilter(QueryDict(""), queryset=Claim.objects.public()) for _ in range(2))
    assert one.form.fields["topic"] is not other.form.fields["topic"]
    assert one.form.fields["topic"].queryset is not other.form.fields["topic"].queryset
    assert one.form.fields["topic"].widget.choices.field is one.form.fields["topic"]
    assert one.form.fields["kind"] is other.form.fields["kind"]  # choices from the code: shared
