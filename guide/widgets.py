"""Filter forms' widgets written out in Python, byte for byte what Django's templates write.

A filter sidebar is a dozen fields and a hundred options (every topic, every source), and
Django renders each option through three templates: on the framework list that was a third of
the page's time. The common widgets (text inputs, checkboxes, selects and checkbox lists) are
written here with the same markup, whitespace and escaping as Django's own templates in
django/forms/templates; any other widget still goes through its template.
tests/test_widgets.py renders every filter form both ways and compares.

A widget whose values are picked, not typed, writes the same for everyone who set it alike:
`remembered` writes it once per process, content version and value.
"""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.widgets import ChoiceWidget
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape

from guide.caching import in_this_process

WIDGETS = "django/forms/widgets/"
# Widgets whose template only includes input.html (a trailing newline each).
INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in ("input", "text", "search", "number", "email", "url", "tel", "password", "hidden", "checkbox")
}
OPTIONS = {f"{WIDGETS}checkbox_option.html", f"{WIDGETS}radio_option.html"}
MULTIPLE = {f"{WIDGETS}checkbox_select.html", f"{WIDGETS}radio.html"}
SELECT, SELECT_OPTION = f"{WIDGETS}select.html", f"{WIDGETS}select_option.html"


def _text(value) -> str:
    """{{ value }} in a template: localised, escaped unless already safe."""
    return conditional_escape(localize(value))


def _format(value) -> str:
    """{{ value|stringformat:'s' }}: always escaped."""
    return escape(f"{value}" if not isinstance(value, tuple) else str(value))


def attrs(widget: dict) -> str:
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_format(value)}"'
        for name, value in widget["attrs"].items()
        if value is not False
    )


def input_tag(widget: dict) -> str:
    value = f' value="{_format(widget["value"])}"' if widget["value"] is not None else ""
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{attrs(widget)}>\n'


def input_option(widget: dict) -> str:
    if not widget.get("wrap_label"):
        return input_tag(widget) + "\n"
    label_for = f' for="{_text(widget["attrs"]["id"])}"' if widget["attrs"].get("id") else ""
    return f"<label{label_for}>{input_tag(widget)} {_text(widget['label'])}</label>\n"


def select_option(widget: dict) -> str:
    return f'<option value="{_format(widget["value"])}"{attrs(widget)}>{_text(widget["label"])}</option>\n'


def select(widget: dict) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{attrs(widget)}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        parts += [f"\n  {select_option(option)}" for option in options]
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def multiple_input(widget: dict) -> str:
    id_, css = widget["attrs"].get("id"), widget["attrs"].get("class")
    parts = ["<div", f' id="{_text(id_)}"' if id_ else "", f' class="{_text(css)}"' if css else "", ">"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_text(group)}</label>")
        parts += [f"<div>\n    {input_option(option)}\n</div>" for option in options]
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n\n")
    return "".join(parts)


def _options(widget: dict):
    return (option for _group, options, _index in widget["optgroups"] for option in options)


class WidgetRenderer(DjangoTemplates):
    """Django's template renderer, with the common widgets written in Python."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if widget is not None:
            if template_name in INPUTS:
                return input_tag(widget).strip()
            if template_name in OPTIONS:
                return input_option(widget).strip()
            if template_name == SELECT and all(o["template_name"] == SELECT_OPTION for o in _options(widget)):
                return select(widget).strip()
            if template_name in MULTIPLE and all(o["template_name"] in OPTIONS for o in _options(widget)):
                return multiple_input(widget).strip()
        return super().render(template_name, context, request)


class FilterForm(forms.Form):
    """The form every FilterSet builds (its Meta.form): widgets through WidgetRenderer."""

    default_renderer = WidgetRenderer


# Widgets whose values are picked, not typed: a few values each.
PICKED = (forms.CheckboxInput, ChoiceWidget)
# A value longer than this (nobody picks it from a list) is not worth remembering.
MAX_REMEMBERED_VALUE = 200


def remembered(bound) -> str:
    """The field's widget, as {{ bound }} writes it. A checkbox or a list of choices (every
    topic, every source, every framework) writes the same for everyone who set it alike, until
    the content changes the choices: it is written once per process and content version for
    each value it is set to, and its choices are not read again. Text a reader typed is written
    each time."""
    value = repr(bound.data)
    if not isinstance(bound.field.widget, PICKED) or len(value) > MAX_REMEMBERED_VALUE:
        return str(bound)
    form = type(bound.form)
    state = f"{bound.html_name}:{bound.form.is_bound}:{bool(bound.errors)}:{value}"
    name = f"widget:{form.__module__}.{form.__qualname__}:{state}"
    return in_this_process(name, lambda: str(bound))
