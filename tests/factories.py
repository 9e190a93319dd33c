import factory

from articles.models import Article, Claim, ClaimKind, Source
from frameworks.models import Framework, FrameworkAlias, FrameworkKind, MajorRelease, Topic


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    name = factory.Sequence(lambda n: f"Framework {n}")
    slug = factory.Sequence(lambda n: f"framework-{n}")
    kind = FrameworkKind.MICRO
    tagline = "A framework for tests"


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameworkAlias

    framework = factory.SubFactory(FrameworkFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class MajorReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MajorRelease

    framework = factory.SubFactory(FrameworkFactory)
    version = factory.Sequence(lambda n: f"{n + 1}.0")
    released = factory.Faker("date_between", start_date="-3y", end_date="today")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    keywords = "speed, fast"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
    slug = factory.Sequence(lambda n: f"source-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    source = factory.SubFactory(SourceFactory)
    published = factory.Faker("date_between", start_date="-3y", end_date="today")
    authors = factory.LazyFunction(lambda: ["A. Writer"])
    body = "Some **markdown**."


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    framework = factory.SubFactory(FrameworkFactory)
    article = factory.SubFactory(ArticleFactory)
    kind = ClaimKind.PRO
    title = factory.Sequence(lambda n: f"Claim {n}")
    text = "It is good at this."
    key = factory.Sequence(lambda n: f"key-{n}")
    line = factory.Sequence(lambda n: n + 1)
