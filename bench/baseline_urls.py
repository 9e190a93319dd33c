"""The site's URLs plus /bench/baseline/: the cheapest possible Django view, for ratios."""

from django.http import HttpResponse
from django.urls import path

from guide.urls import urlpatterns as site_urlpatterns


def baseline(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/baseline/", baseline, name="bench-baseline"), *site_urlpatterns]
