"""Merging duplicate frameworks (e.g. "Plotly Dash" created by an import into "Dash")."""

from dataclasses import dataclass

from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.db import transaction
from django.db.models import F
from simple_history.utils import bulk_update_with_history

from articles.models import Claim, Source
from frameworks.models import Framework, FrameworkAlias, MajorRelease, name_key


@dataclass
class MergePlan:
    """What merging `duplicate` away moves: shown to the editor before they confirm."""

    pk: int
    name: str
    claims: int
    aliases: list[str]
    sources: list[str]


def plan_merge(duplicate: Framework) -> MergePlan:
    return MergePlan(
        pk=duplicate.pk,
        name=duplicate.name,
        claims=Claim.objects.filter(framework=duplicate).count(),
        aliases=[duplicate.name, *duplicate.aliases.values_list("name", flat=True)],
        sources=list(Source.objects.filter(affiliation=duplicate).values_list("name", flat=True)),
    )


@transaction.atomic
def merge_frameworks(duplicate: Framework, target: Framework, user=None) -> MergePlan:
    """Move everything from `duplicate` to `target` (claims, affiliations, names as aliases, major
    releases), delete it. The facts stay the target's.

    Its old URL keeps working: the slug resolves through the new alias and answers 301. With a
    `user`, every claim moved, the framework kept and the one deleted are in the admin's
    "Recent actions" under their name, as well as in the History.
    """
    if duplicate.pk == target.pk:
        raise ValueError("A framework cannot be merged into itself.")
    plan = plan_merge(duplicate)
    reason = f"Merged {duplicate.name} into {target.name}"
    claims = list(Claim.objects.filter(framework=duplicate).select_for_update())
    for claim in claims:
        claim.framework, claim.version = target, claim.version + 1
    bulk_update_with_history(
        claims,
        Claim,
        ["framework", "version"],
        default_user=user,
        default_change_reason=reason,
    )
    if user is not None:
        LogEntry.objects.log_actions(user.pk, claims, CHANGE, change_message=reason)
        moved = f"{reason}: its {plan.claims} claims and names moved here"
        LogEntry.objects.log_actions(user.pk, [target], CHANGE, change_message=moved)
        LogEntry.objects.log_actions(user.pk, [duplicate], DELETION, change_message=reason)
    Source.objects.filter(affiliation=duplicate).update(affiliation=target)
    old_names = [duplicate.name, duplicate.slug.replace("-", " ")]
    FrameworkAlias.objects.filter(framework=duplicate).update(framework=target)
    # Its major releases too, but for versions the framework kept already records.
    known = MajorRelease.objects.filter(framework=target).values("version")
    MajorRelease.objects.filter(framework=duplicate).exclude(version__in=known).update(framework=target)
    duplicate.delete()
    for name in dict.fromkeys(old_names):
        key = name_key(name)
        if key and key != target.key and not FrameworkAlias.objects.filter(key=key).exists():
            FrameworkAlias.objects.create(framework=target, name=name)
    Framework.objects.filter(pk=target.pk).update(version=F("version") + 1)
    return plan
