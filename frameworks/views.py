import csv

from django.db.models import Count
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.models import Article, Claim, ClaimStatus, vendor_q
from frameworks import choose, comparison, consensus, framework_page
from frameworks.filters import FrameworkFilter
from frameworks.lookup import framework_for_slug
from frameworks.models import Framework, FrameworkKind
from guide import structured_data
from guide.caching import for_this_content, many_for_this_content, rows_for_this_content

PAGE_SIZE = 50  # a guide's worth of frameworks on one page


def _flag(request, name: str) -> bool:
    return request.GET.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def home(request):
    return render(request, "frameworks/home.html", for_this_content("home", _home_summary))


def _home_summary() -> dict:
    """What the home page shows: a handful of aggregates over everything, so remembered until
    the content changes rather than counted on every visit."""
    frameworks = Framework.objects.public()
    kinds = dict(frameworks.values_list("kind").annotate(n=Count("pk")).order_by())
    popular_slugs = {slug for trio in comparison.POPULAR_COMPARISONS for slug in trio}
    names = dict(frameworks.filter(slug__in=popular_slugs).values_list("slug", "name"))
    return {
        "framework_count": sum(n for kind, n in kinds.items() if kind != FrameworkKind.RESOURCE),
        "kinds": [(value, label, kinds[value]) for value, label in FrameworkKind.choices if kinds.get(value)],
        "article_count": Article.objects.published().count(),
        **_evidence_totals(),
        "latest_articles": list(Article.objects.published().with_related().without_text()[:6]),
        "popular": comparison.popular_with_names(names),
        "contested": comparison.most_contested(),
    }


def _evidence_totals() -> dict:
    """Claims and the sources behind them, independent first (resources never count)."""
    claims = Claim.objects.public().about_frameworks()
    totals = claims.aggregate(
        claim_count=Count("pk"),
        vendor_claim_count=Count("pk", filter=vendor_q()),
        source_count=Count("article__source", distinct=True),
        vendor_source_count=Count("article__source", distinct=True, filter=vendor_q()),
    )
    totals["independent_claim_count"] = totals["claim_count"] - totals["vendor_claim_count"]
    totals["independent_source_count"] = totals["source_count"] - totals["vendor_source_count"]
    return totals


def framework_list(request):
    filterset = FrameworkFilter(request.GET, queryset=Framework.objects.public(), request=request)
    # Each row is remembered with its counts and its JSON-LD entry: they (and the rest of each
    # framework) are read only for a row not remembered yet, so the page reads only ids.
    page = filterset.page(request.GET.get("page"), PAGE_SIZE, ids=True)
    independent = filterset.independent_only
    shown = list_rows(request, page.object_list, independent=independent)
    return render(
        request,
        "frameworks/list.html",
        {
            "filterset": filterset,
            "page": page,
            "rows": [row for row, _entity in shown],
            "json_ld_frameworks": [entity for _row, entity in shown],
            "page_clamped": request.GET.get("page") not in (None, "", str(page.number)),
            "independent": independent,
            "compare_min": comparison.MIN_ITEMS,
            "compare_max": comparison.MAX_ITEMS,
        },
    )


def list_rows(request, ids: list[int], *, independent: bool) -> list[tuple[str, str]]:
    """The list's row for each framework, with its counts, and its JSON-LD entity
    (structured_data.entity_json), rendered once per content change: a row shows only the
    framework and its counts, so every filter, sort and page that lists it reuses it, and a
    page of the list is a single cache read for its rows (the counts of every framework, one
    more, only when a row has to be rendered). A framework deleted since the page read its ids
    is left out."""

    def render_missing(pks: list[int]) -> dict[int, tuple[str, str]]:
        counts = consensus.remembered_counts(independent=independent)
        rows = {}
        for pk, framework in Framework.objects.in_bulk(pks).items():
            framework.counts = counts.get(pk, consensus.NO_COUNTS)
            context = {"framework": framework, "independent": independent}
            row = mark_safe(render_to_string("frameworks/_row.html", context).strip())
            entity = structured_data.framework_item(framework, request.build_absolute_uri)
            rows[pk] = (row, structured_data.entity_json(entity))
        return rows

    name = f"listed-framework:{independent:d}:{structured_data.origin(request)}"
    return list(rows_for_this_content(name, ids, render_missing).values())


def framework_detail(request, slug):
    if request.user.is_staff:  # editors preview a framework before they accept it
        framework, is_alias = framework_for_slug(slug, Framework.objects.with_related())
    else:
        # Remembered for readers (a miss is a 404, never remembered).
        frameworks = Framework.objects.with_related().public()
        framework, is_alias = for_this_content(
            f"framework-for-slug:{slug}", lambda: framework_for_slug(slug, frameworks)
        )
    if is_alias:
        return redirect(framework, permanent=True)
    independent = _flag(request, "independent")
    verified = request.GET.get("status") == ClaimStatus.VERIFIED
    today = timezone.localdate()  # claims turn stale by the day
    # Ranking reads every claim about the framework, and the page shows a few of them: what it
    # shows below its title is rendered once per content change and day, and read back in one go.
    shown = for_this_content(
        f"framework-page:{framework.pk}:{independent:d}:{verified:d}:{today}:{structured_data.origin(request)}",
        lambda: _framework_shown(request, framework, independent=independent, verified=verified, today=today),
    )
    return render(request, "frameworks/detail.html", {"framework": framework, "shown": shown})


def _framework_shown(request, framework, *, independent: bool, verified: bool, today) -> dict:
    """The framework page's evidence, rendered: its body, its JSON-LD, and the count of
    independent sources its description quotes."""
    page = framework_page.build(framework, independent=independent, verified=verified, today=today)
    context = {
        "framework": framework,
        "independent": independent,
        "verified": verified,
        "toggles": _claim_toggles(framework.get_absolute_url(), independent, verified),
        "page": page,
        "compare_with": comparison.often_covered_with(framework),
    }
    return {
        "body": mark_safe(render_to_string("frameworks/_detail_body.html", context, request)),
        "head": structured_data.json_ld_block(
            structured_data.framework_page(framework, page.shown, request.build_absolute_uri)
        ),
        "independent_sources": page.evidence.sources.independent,
    }


def _claim_toggles(path: str, independent: bool, verified: bool) -> dict:
    """The framework page's two switches, each keeping the other: {name: URL with it flipped}."""

    def url(independent: bool, verified: bool) -> str:
        query = "&".join(
            part for part, on in (("independent=1", independent), ("status=verified", verified)) if on
        )
        return f"{path}?{query}" if query else path

    return {"independent": url(not independent, verified), "verified": url(independent, not verified)}


def compare(request):
    selection = comparison.select_frameworks(request.GET.getlist("frameworks"))
    independent = _flag(request, "independent")
    result = comparison.compare(selection, independent=independent)
    # Strongest points per cell: fewer as columns narrow, so the page stays small.
    per_cell = 2 if len(selection.chosen) <= 3 else 1
    export = request.GET.get("format", "").strip().lower()
    if export == "json":
        return _compare_json(request, selection, result)
    if export == "csv":
        return _compare_csv(selection, result)
    return render(
        request,
        "frameworks/compare.html",
        {
            "selection": selection,
            "comparison": result,
            "independent": independent,
            "permalink": _compare_url(selection.slugs, independent) if selection.ready else None,
            "canonical": comparison.canonical_path(selection.slugs) if selection.ready else None,
            "toggle_url": _compare_url(selection.slugs, not independent),
            # (framework, URL of this comparison without it) for the per-column "remove" links
            "columns": [
                (c, _compare_url([s for s in selection.slugs if s != c.slug], independent))
                for c in selection.chosen
            ],
            "rows": matrix_rows(result, per_cell=per_cell),
            "min_items": comparison.MIN_ITEMS,
            "max_items": comparison.MAX_ITEMS,
            "popular": comparison.popular_with_names(dict(selection.catalogue)),
        },
    )


def choose_by_need(request):
    needs = choose.parse_needs(request.GET.getlist("need"))
    topic_names = {topic.slug: topic.name for topic in consensus.topics().values()}
    ranked = choose.shortlist(needs, topic_names)
    return render(
        request,
        "frameworks/choose.html",
        {
            "needs": needs,
            "choices": [(need, need in needs) for need in choose.NEEDS],
            "ranked": ranked,
            "permalink": choose.permalink(needs),
            "compare_url": choose.compare_url(ranked),
            "compared": min(len(ranked), choose.COMPARED),
            "method": choose.method(topic_names),
            "weights": choose.WEIGHTS,
        },
    )


def matrix_rows(result, *, per_cell: int) -> list[tuple]:
    """The matrix's rows, each with its cells' markup: a cell shows one framework's evidence on
    one topic, so it is rendered once per content change and reused by every comparison that
    includes the framework (one cache read for the page's cells)."""

    def name(row, cell) -> str:
        return f"compare-cell:{cell.framework_slug}:{row.slug}:{result.independent:d}:{per_cell}"

    cells = {name(row, cell): cell for row in result.shown_rows for cell in row.cells}

    def render_missing(names: list[str]) -> dict[str, str]:
        return {
            key: mark_safe(
                render_to_string("frameworks/_cell.html", {"cell": cells[key], "per_cell": per_cell}).strip()
            )
            for key in names
        }

    rendered = many_for_this_content(list(cells), render_missing)
    return [(row, [rendered[name(row, cell)] for cell in row.cells]) for row in result.shown_rows]


def _compare_url(slugs, independent: bool) -> str:
    url = reverse("frameworks:compare") + "?frameworks=" + ",".join(slugs)
    return url + "&independent=1" if independent else url


def _problems(selection) -> list[str]:
    problems = [f"Unknown framework: {u.name}" for u in selection.unknown]
    if selection.too_many:
        problems.append(f"At most {comparison.MAX_ITEMS} frameworks at a time.")
    elif len(selection.chosen) < comparison.MIN_ITEMS:
        problems.append(f"Pick at least {comparison.MIN_ITEMS} frameworks.")
    return problems


def _compare_json(request, selection, result):
    data = comparison.as_json(result, request.build_absolute_uri)
    if not selection.ready:
        data["errors"] = _problems(selection)
        return JsonResponse(data, status=400)
    return JsonResponse(data)


def _compare_csv(selection, result):
    if not selection.ready:
        return HttpResponse("\n".join(_problems(selection)) + "\n", status=400, content_type="text/plain")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = "-vs-".join(selection.slugs) + ("-independent" if result.independent else "")
    response["Content-Disposition"] = f'attachment; filename="compare-{name}.csv"'
    csv.writer(response).writerows(comparison.as_csv_rows(result))
    return response
