import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from articles.models import Claim, ClaimKind, ClaimStatus, SourceKind
from frameworks.models import Framework, FrameworkAlias
from tests.factories import AliasFactory, ArticleFactory, ClaimFactory, FrameworkFactory, SourceFactory


def test_slugs_are_unique(db):
    FrameworkFactory(slug="same")
    with pytest.raises(IntegrityError):
        FrameworkFactory(slug="same")


def test_names_are_unique_ignoring_case_and_punctuation(db):
    Framework.objects.create(name="Plotly Dash", slug="plotly-dash")
    with pytest.raises(IntegrityError):
        Framework.objects.create(name="plotly-dash", slug="other")


def test_aliases_resolve_to_exactly_one_framework(db):
    dash = FrameworkFactory(name="Dash", slug="dash")
    AliasFactory(framework=dash, name="Plotly Dash")
    for spelling in ("Plotly Dash", "plotly-dash", "PLOTLY DASH", "Dash", "dash"):
        assert list(Framework.objects.named(spelling)) == [dash]
    with pytest.raises(IntegrityError):
        AliasFactory(framework=FrameworkFactory(), name="plotly dash")


def test_alias_may_not_be_another_frameworks_name(db):
    FrameworkFactory(name="Flask", slug="flask")
    alias = FrameworkAlias(framework=FrameworkFactory(), name="flask")
    with pytest.raises(ValidationError):
        alias.full_clean()


def test_framework_name_may_not_be_an_alias_of_another(db):
    AliasFactory(framework=FrameworkFactory(name="Reflex", slug="reflex"), name="Pynecone")
    framework = Framework(name="Pynecone", slug="pynecone")
    with pytest.raises(ValidationError):
        framework.full_clean()


def test_description_is_rendered_and_sanitised_on_save(db):
    framework = FrameworkFactory(description="**Bold** <script>alert(1)</script>")
    assert "<strong>Bold</strong>" in framework.description_html
    assert "script" not in framework.description_html


def test_public_claims_hide_rejected_withdrawn_and_draft(db):
    visible = ClaimFactory()
    ClaimFactory(status=ClaimStatus.REJECTED)
    ClaimFactory(withdrawn=True)
    ClaimFactory(article=ArticleFactory(draft=True))
    assert list(Claim.objects.public()) == [visible]


def test_vendor_claims(db):
    reflex, django = FrameworkFactory(name="Reflex"), FrameworkFactory(name="Django")
    vendor = ArticleFactory(source=SourceFactory(affiliation=reflex, kind=SourceKind.COMPANY_BLOG))
    own_pro = ClaimFactory(article=vendor, framework=reflex, kind=ClaimKind.PRO)
    own_con = ClaimFactory(article=vendor, framework=reflex, kind=ClaimKind.CON)
    rival_con = ClaimFactory(article=vendor, framework=django, kind=ClaimKind.CON)
    rival_pro = ClaimFactory(article=vendor, framework=django, kind=ClaimKind.PRO)
    independent = ClaimFactory(framework=django, kind=ClaimKind.CON)
    # Every claim of an affiliated source is a vendor claim, whichever way it points.
    assert set(Claim.objects.vendor()) == {own_pro, own_con, rival_con, rival_pro}
    assert set(Claim.objects.independent()) == {independent}
    assert [c.is_vendor for c in (own_pro, own_con, rival_con, rival_pro, independent)] == [
        True, True, True, True, False,
    ]  # fmt: skip
    assert own_con.vendor_label == "Reflex's own blog"
    assert independent.vendor_label == ""


def test_every_model_has_str_and_absolute_url(db):
    claim = ClaimFactory()
    alias = AliasFactory()
    for obj in (claim, claim.article, claim.article.source, claim.framework, alias):
        assert str(obj)
        assert obj.get_absolute_url().startswith("/")


def test_names_in_any_script_get_url_slugs(db):
    from frameworks.models import Framework

    assert Framework.objects.create(name="框架").slug == "kuangjia"
    assert Framework.objects.create(name="Фреймворк").slug == "freymvork"
    rocket, mark = Framework.objects.create(name="🚀🔥"), Framework.objects.create(name="‽¿¡")
    assert rocket.slug.startswith("framework-") and mark.slug.startswith("framework-")
    assert rocket.key != mark.key  # names of symbols alone are not all the same name
    for framework in Framework.objects.all():
        assert framework.get_absolute_url()  # reverse() accepts every slug


def test_the_slug_migration_gives_old_unicode_slugs_url_slugs(db):
    import importlib

    from django.apps import apps

    from frameworks.models import Framework

    migration = importlib.import_module("frameworks.migrations.0004_ascii_slugs")
    old = Framework.objects.create(name="框架")
    Framework.objects.filter(pk=old.pk).update(slug="框架")
    Framework.objects.create(name="Kuang Jia", slug="kuangjia")
    migration.ascii_slugs(apps, None)
    old.refresh_from_db()
    assert old.slug == "kuangjia-2"
