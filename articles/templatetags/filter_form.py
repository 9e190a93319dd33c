"""The filters beside the article list and the claims browser (templates/articles/_filter_form.html):
their choice lists (every source, every framework, every topic) written once per process,
content version and value, as the framework list's are."""

from django import template

from guide.widgets import remembered

register = template.Library()
register.filter("widget", remembered)
