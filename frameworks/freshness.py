"""Freshness: when a claim may no longer be true, and why.

A claim is possibly stale when its framework had a major release after the article was published
(the release may have changed what the claim is about), or when the article is more than three
years old. The mark names the reason: "written before Django 5.0, Dec 2023".

Every framework's major releases are a few rows, remembered until the content changes
(`major_releases()`): a page finds the releases each claim's article missed in Python (`reason()`),
so marking costs it no query and its claims query no subquery, however many claims it shows;
`stale_reason()` words the mark. `stale_q()` is the same rule as a filter (the admin's "possibly
stale", the coverage dashboard).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q

from frameworks.models import MajorRelease
from guide.caching import for_this_content

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


def _read_major_releases() -> dict[int, list[Release]]:
    by_framework = defaultdict(list)
    rows = MajorRelease.objects.order_by("released", "pk").values_list(
        "framework_id", "framework__name", "version", "released"
    )
    for framework_id, name, version, released in rows:
        by_framework[framework_id].append(Release(name, version, released))
    return dict(by_framework)


def major_releases() -> dict[int, list[Release]]:
    """Every framework's major releases, oldest first, by framework id."""
    return for_this_content("major-releases", _read_major_releases)


def reason(releases: Sequence[Release], published: date | None, today: date) -> str | None:
    """stale_reason() for a claim on a framework with these `releases`, from an article
    published on `published`."""
    if published is None:
        return None
    missed = [release for release in releases if published < release.released <= today]
    return stale_reason(missed[0] if missed else None, len(missed), published, today)


def stale_q(today: date, prefix: str = "") -> Q:
    """The same rule as a filter on claims (`prefix` for claims reached through a relation)."""
    old = Q(**{f"{prefix}article__published__lt": years_before(today, STALE_AFTER_YEARS)})
    return old | Q(Exists(_released_since(today, prefix)))
