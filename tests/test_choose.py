"""Choose by need: the ranking (pure), the evidence it reads, and the page a reader uses."""

import json
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from articles.models import ClaimKind
from frameworks import choose
from frameworks.choose import BY_SLUG, Candidate, Need, rank
from frameworks.models import CAPABILITIES, FrameworkKind
from tests.factories import ArticleFactory, ClaimFactory, FrameworkFactory, SourceFactory, TopicFactory
from tests.query_budget import assert_query_budget

CHOOSE = reverse("frameworks:choose")
TOPICS = Path(settings.BASE_DIR) / "fixtures" / "topics.json"
ASYNC = Need("async", "Async", facts=("native_async",), topics=("async-concurrency",))
FAST = Need("fast", "Fast", topics=("performance",))


def candidate(id, name, kind="micro", **facts):
    return Candidate(id, name.lower(), name, kind, facts)


def ranking(candidates, evidence, needs):
    return rank(
        candidates,
        evidence,
        needs,
        fact_labels={"native_async": "Native async"},
        topic_names={"async-concurrency": "Async", "performance": "Performance"},
        framework_url=lambda c: f"/frameworks/{c.slug}/",
        topic_url=lambda c, slug: f"/claims/?framework={c.slug}&topic={slug}",
    )


def names(ranked):
    return [entry.candidate.name for entry in ranked]


def in_favour(entry):
    return [reason for reason in entry.reasons if reason.score > 0]


def test_facts_count_yes_partial_and_no_and_unknown_counts_nothing():
    frameworks = [
        candidate(1, "Yes", native_async="yes"),
        candidate(2, "Partial", native_async="partial"),
        candidate(3, "No", native_async="no"),
        candidate(4, "Unknown", native_async="unknown"),
    ]
    ranked = ranking(frameworks, {}, [ASYNC])
    assert names(ranked) == ["Yes", "Partial"]  # nothing in favour of the others
    assert [entry.score for entry in ranked] == [choose.FACT_YES, choose.FACT_PARTIAL]
    assert (
        in_favour(ranked[0])[0].text == "Native async: yes"
        and in_favour(ranked[0])[0].url == "/frameworks/yes/"
    )


def test_a_known_gap_counts_against_evidence_in_favour():
    frameworks = [candidate(1, "Gap", native_async="no"), candidate(2, "Quiet", native_async="unknown")]
    evidence = {1: {"async-concurrency": (3, 0)}, 2: {"async-concurrency": (1, 0)}}
    ranked = ranking(frameworks, evidence, [ASYNC])
    # Gap: 3 sources for (+3), known not to have it (-2) = 1; Quiet: +1, and fewer sources.
    assert [(entry.candidate.name, entry.score) for entry in ranked] == [("Gap", 1), ("Quiet", 1)]
    assert [(reason.text, reason.score) for reason in ranked[0].reasons] == [
        ("Native async: no", -choose.FACT_NO),
        ("Async: 3 independent sources for, 0 against", 3),
    ]
    assert ranked[0].by_need() == [("Async", ranked[0].reasons)]


def test_one_topic_counts_at_most_its_cap_either_way():
    frameworks = [candidate(1, "Loud"), candidate(2, "Steady")]
    evidence = {
        1: {"performance": (40, 0)},
        2: {"performance": (3, 0), "async-concurrency": (2, 0)},
    }
    ranked = ranking(frameworks, evidence, [FAST, ASYNC])
    assert [(entry.candidate.name, entry.score) for entry in ranked] == [
        ("Steady", 5),
        ("Loud", choose.TOPIC_CAP),
    ]
    assert in_favour(ranked[1])[0].text == "Performance: 40 independent sources for, 0 against"
    assert in_favour(ranked[1])[0].url == "/claims/?framework=loud&topic=performance"


def test_more_against_than_for_leaves_a_framework_out():
    evidence = {1: {"performance": (1, 4)}}
    assert ranking([candidate(1, "Slow")], evidence, [FAST]) == []


def test_a_kind_built_for_the_need_counts_as_a_fact():
    need = Need("api", "API", kinds=("async_api",))
    ranked = ranking([candidate(1, "Api", kind="async_api"), candidate(2, "Micro")], {}, [need])
    assert names(ranked) == ["Api"] and in_favour(ranked[0])[0].text == "Kind: Async API framework"


def test_ties_go_to_more_sources_then_to_the_name_whatever_its_case():
    frameworks = [candidate(1, "beta"), candidate(2, "Alpha"), candidate(3, "Gamma")]
    evidence = {
        1: {"performance": (2, 0)},
        2: {"performance": (2, 0)},
        3: {"performance": (3, 1)},
    }
    assert names(ranking(frameworks, evidence, [FAST])) == ["Gamma", "Alpha", "beta"]


def test_the_shortlist_is_short():
    frameworks = [candidate(i, f"F{i:02}", native_async="yes") for i in range(20)]
    assert len(ranking(frameworks, {}, [ASYNC])) == choose.SHORTLIST


def test_needs_are_read_in_their_own_order_and_unknown_ones_ignored():
    asked = choose.parse_needs(["performance,json-api", "nonsense", "async"])
    assert [need.slug for need in asked] == ["json-api", "async", "performance"]
    assert choose.permalink(asked) == f"{CHOOSE}?need=json-api&need=async&need=performance"
    assert choose.permalink([]) == CHOOSE


def test_every_need_reads_facts_kinds_and_topics_that_exist():
    capabilities = {name for name, _ in CAPABILITIES}
    kinds = set(FrameworkKind.values)
    topics = {entry["fields"]["slug"] for entry in json.loads(TOPICS.read_text())}
    for need in choose.NEEDS:
        assert set(need.facts) <= capabilities and set(need.kinds) <= kinds, need
        assert set(need.topics) <= topics and (need.facts or need.kinds or need.topics), need


# ------------------------------------------------------------------------------------------
# The evidence it reads, and the page


def async_world():
    """Three frameworks: one with native async, one that independent sources praise for it,
    one only its vendor praises."""
    topic = TopicFactory(slug="async-concurrency", name="Async & concurrency")
    native = FrameworkFactory(name="Quickly", slug="quickly", native_async=True)
    praised = FrameworkFactory(name="Praised", slug="praised", native_async=None)
    boasted = FrameworkFactory(name="Boasted", slug="boasted", native_async=None)
    FrameworkFactory(name="Index", slug="index", kind=FrameworkKind.RESOURCE, native_async=True)
    for _ in range(2):
        ClaimFactory(framework=praised, topic=topic, kind=ClaimKind.PRO, article=ArticleFactory())
    vendor = SourceFactory(affiliation=boasted)
    for _ in range(3):
        ClaimFactory(
            framework=boasted, topic=topic, kind=ClaimKind.PRO, article=ArticleFactory(source=vendor)
        )
    return native, praised, boasted


def test_vendors_never_count_and_resources_are_never_candidates(client, db):
    async_world()
    response = client.get(CHOOSE, {"need": "async"})
    ranked = response.context["ranked"]
    # Praised: 2 independent sources for (+2); Quickly: native async (+2) from no source; the
    # tie goes to the one sources wrote about. Boasted's vendor praise counts nothing.
    assert names(ranked) == ["Praised", "Quickly"]
    assert in_favour(ranked[0])[0].text == "Async & concurrency: 2 independent sources for, 0 against"


def test_the_page_links_the_shortlist_the_comparison_and_the_evidence(client, db):
    async_world()
    html = client.get(CHOOSE, {"need": ["async"]}).content.decode()
    assert 'href="/compare/?frameworks=praised,quickly"' in html
    assert f'href="{CHOOSE}?need=async" rel="bookmark"' in html
    assert 'href="/claims/?framework=praised&amp;topic=async-concurrency&amp;independent=1"' in html
    assert 'href="/frameworks/quickly/#facts-title"' in html
    assert '<input type="checkbox" name="need" value="async" id="need-async" checked>' in html
    # The method is written from the needs themselves.
    assert "How the ranking works" in html and BY_SLUG["full-stack"].label in html


def test_nothing_ticked_and_nothing_fitting_say_so(client, db):
    async_world()
    assert "Tick at least one need" in client.get(CHOOSE).content.decode()
    html = client.get(CHOOSE, {"need": "ml-demo"}).content.decode()
    assert "No framework fits yet" in html


def test_choose_has_a_fixed_query_budget_cold_and_warm(client, db):
    async_world()

    def grow():
        topic = TopicFactory(slug="performance", name="Performance")
        for index in range(30):
            framework = FrameworkFactory(native_async=bool(index % 2))
            ClaimFactory(framework=framework, topic=topic, kind=ClaimKind.PRO)

    urls = [CHOOSE, f"{CHOOSE}?need=async&need=performance", f"{CHOOSE}?need=full-stack"]
    # Cold: the topics, the candidates and the evidence, one query each; warm, all remembered.
    assert_query_budget(client, urls, grow, cold=3, warm=0)
