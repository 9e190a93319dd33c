"""Shared data and helpers for the reader-side article, search, feed and API tests."""

import datetime

from articles.models import ClaimKind, ClaimStatus
from tests.factories import (
    AliasFactory,
    ArticleFactory,
    ClaimFactory,
    FrameworkFactory,
    SourceFactory,
    TopicFactory,
)


def populate(articles: int, start: int = 0):
    """`articles` published articles with claims, plus a draft, a rejected and a withdrawn claim.

    Names are unique per call so it can run twice to grow the data.
    """
    topics = TopicFactory.create_batch(2)
    frameworks = [
        FrameworkFactory(name=f"Speedy {start + i}", slug=f"speedy-{start + i}", tagline="A speed framework")
        for i in range(3)
    ]
    AliasFactory(framework=frameworks[0], name=f"Quick {start}")
    vendor = SourceFactory(
        name=f"Vendor blog {start}", slug=f"vendor-blog-{start}", affiliation=frameworks[0]
    )
    independent = SourceFactory(name=f"Independent {start}", slug=f"independent-{start}")
    made = []
    for index in range(articles):
        article = ArticleFactory(
            title=f"Framework speed report {start + index}",
            slug=f"report-{start + index}",
            source=vendor if index % 2 else independent,
            published=datetime.date(2024, 1, 1) + datetime.timedelta(days=start + index),
            description="A framework speed report.",
            tags=["speed", "tests"],
        )
        for position, framework in enumerate(frameworks):
            ClaimFactory(
                article=article,
                framework=framework,
                topic=topics[index % 2],
                kind=ClaimKind.CON if position == 2 else ClaimKind.PRO,
                title=f"Speed claim {start + index}-{position}",
                text="It has good speed for a framework.",
                status=ClaimStatus.VERIFIED if position == 1 else ClaimStatus.IMPORTED,
                position=position,
                line=10 + position,
            )
        made.append(article)
    ClaimFactory(
        article=made[0], framework=frameworks[0], title="Rejected speed claim", status=ClaimStatus.REJECTED
    )
    ClaimFactory(article=made[0], framework=frameworks[0], title="Withdrawn speed claim", withdrawn=True)
    draft = ArticleFactory(title="Draft speed report", slug=f"draft-{start}", source=independent, draft=True)
    ClaimFactory(article=draft, framework=frameworks[0], title="Draft speed claim")
    return {
        "articles": made,
        "draft": draft,
        "frameworks": frameworks,
        "vendor": vendor,
        "independent": independent,
        "topics": topics,
    }
