"""Optimistic locking for admin change forms.

Each versioned model has a `version` counter. The change form carries the version it was
opened with; saving checks it against the database under a row lock (the admin wraps the
change view in a transaction) and refuses the save if someone else saved in between. The
form is shown again with the editor's input and a message, so nothing is lost. Bulk actions
and the importer bump the counter too, so a form opened before them is refused as well.
"""

from django import forms
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from guide.caching import content_changed

CONFLICT_MESSAGE = (
    "Someone else saved this %(name)s while you were editing it (you started from version "
    "%(yours)s; it is now version %(current)s). Your changes are still in the form below: "
    "open the current version in another tab, compare, and save again."
)


class VersionedForm(forms.ModelForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reverting = False  # set when the form restores a version from history

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            current = self._current_version(lock=False)
            self.fields["expected_version"].initial = current if self.reverting else self.instance.version

    def _current_version(self, lock: bool) -> int | None:
        queryset = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if lock:
            queryset = queryset.select_for_update()
        return queryset.values_list("version", flat=True).first()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            submitted = cleaned.get("expected_version")
            current = self._current_version(lock=True)
            if submitted is None or current != submitted:
                raise ValidationError(
                    CONFLICT_MESSAGE,
                    code="stale",
                    params={
                        "name": self.instance._meta.verbose_name,
                        "yours": submitted if submitted is not None else "?",
                        "current": current,
                    },
                )
        return cleaned


class VersionedAdminMixin:
    """Use with a ModelAdmin whose model has a `version` field."""

    form = VersionedForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if getattr(request, "_reverting_history", False):
            form = type(form.__name__, (form,), {"reverting": True})
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(name, dict(options)) for name, options in super().get_fieldsets(request, obj)]
        if obj is not None:
            first = fieldsets[0][1]
            first["fields"] = [*first["fields"], "expected_version"]
        return fieldsets

    def save_model(self, request, obj, form, change):
        if change:
            obj.version = (form.cleaned_data.get("expected_version") or obj.version) + 1
        super().save_model(request, obj, form, change)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request._reverting_history = True
        return super().history_form_view(request, object_id, version_id, extra_context)


def bulk_change(request, queryset, reason: str, *, derive=None, **changes) -> int:
    """Apply `changes` to every selected object, as an editor's bulk action.

    Each object's version goes up (forms opened before are refused), the change is recorded in
    its history and in the admin's "Recent actions" under the editor's name, and cached pages are
    invalidated. `derive(objects)`, given, updates what follows from the change on the changed
    objects and returns the names of the fields it set.
    """
    model = queryset.model
    fields = [*changes, "version"]
    if any(field.name == "updated_at" for field in model._meta.fields):
        fields.append("updated_at")
    with transaction.atomic():
        objects = list(model._default_manager.filter(pk__in=queryset.values("pk")).select_for_update())
        now = timezone.now()
        for obj in objects:
            for name, value in changes.items():
                setattr(obj, name, value)
            obj.version += 1
            obj.updated_at = now
        if derive is not None:
            fields += derive(objects)
        bulk_update_with_history(
            objects, model, fields, default_user=request.user, default_change_reason=reason
        )
        LogEntry.objects.log_actions(request.user.pk, objects, CHANGE, change_message=reason)
    content_changed()
    return len(objects)
