"""Freshness: when a claim may no longer be true, and why.

A claim is possibly stale when its framework had a major release after the article was published
(the release may have changed what the claim is about), or when the article is more than three
years old. The mark names the reason: "written before Django 5.0, Dec 2023".

The releases a claim's article missed are found in SQL, on the claims a page loads anyway
(`missed_releases()`, as annotations: the first one and how many), so marking costs a page no
query at all, however many claims and frameworks it shows; `stale_reason()` words the mark.
`stale_q()` is the same rule as a filter (the admin's "possibly stale", the coverage dashboard).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from frameworks.models import MajorRelease

STALE_AFTER_YEARS = 3


@dataclass(frozen=True)
class Release:
    framework: str  # the framework's name, as the mark shows it
    version: str
    released: date

    @property
    def label(self) -> str:
        return f"{self.framework} {self.version}"


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def stale_reason(
    first_missed: Release | None, missed: int, published: date | None, today: date
) -> str | None:
    """Why a claim from an article published on `published` may be out of date, or None.

    `first_missed` is the first major release of its framework after the article (up to today),
    `missed` how many there were. A release is the better reason (it names what changed), so it
    comes first. An undated article is never marked: nothing says how old it is."""
    if published is None:
        return None
    if first_missed is not None:
        reason = f"written before {first_missed.label}, {first_missed.released:%b %Y}"
        if missed > 1:
            reason += f" ({missed - 1} more major release{'s' if missed > 2 else ''} since)"
        return reason
    if published < years_before(today, STALE_AFTER_YEARS):
        return f"more than three years old ({published:%b %Y})"
    return None


def _released_since(today: date, prefix: str):
    """Major releases of a claim's framework after its article was published, up to today."""
    return MajorRelease.objects.filter(
        framework=OuterRef(f"{prefix}framework"),
        released__gt=OuterRef(f"{prefix}article__published"),
        released__lte=today,
    )


def missed_releases(today: date, prefix: str = "") -> dict:
    """Annotations for a claims query: the first major release its article missed
    (`missed_version`, `missed_released`) and how many it missed (`missed_count`)."""
    since = _released_since(today, prefix)
    first = since.order_by("released", "pk")
    return {
        "missed_version": Subquery(first.values("version")[:1]),
        "missed_released": Subquery(first.values("released")[:1]),
        "missed_count": Subquery(since.order_by().values("framework").annotate(n=Count("pk")).values("n")),
    }


def reason_for(framework_name: str, row, published: date | None, today: date) -> str | None:
    """stale_reason() for a claim annotated by missed_releases() (a model or a dict of values)."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name, None)
    released = get("missed_released")
    first = Release(framework_name, get("missed_version"), released) if released else None
    return stale_reason(first, get("missed_count") or 0, published, today)


def stale_q(today: date, prefix: str = "") -> Q:
    """The same rule as a filter on claims (`prefix` for claims reached through a relation)."""
    old = Q(**{f"{prefix}article__published__lt": years_before(today, STALE_AFTER_YEARS)})
    return old | Q(Exists(_released_since(today, prefix)))
