"""Pages, JSON, feeds and the sitemap go out gzipped to clients that ask, cached or not."""

import gzip

import pytest

GZIP = {"accept-encoding": "gzip, deflate, br"}
TEXT_URLS = [
    "/",
    "/frameworks/",
    "/frameworks/django/",
    "/compare/?frameworks=django,flask",
    "/claims/",
    "/api/frameworks/",
    "/api/frameworks/django/",
    "/feeds/articles/",
    "/feeds/articles/atom/",
    "/sitemap.xml",
]


@pytest.mark.parametrize("url", TEXT_URLS)
def test_text_responses_are_gzipped_for_clients_that_accept_it(client, sample_site, url):
    plain = client.get(url)
    packed = client.get(url, headers=GZIP)
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert int(packed["Content-Length"]) == len(packed.content)


def test_compression_pays_on_a_big_page(client, sample_site):
    plain = client.get("/compare/?frameworks=django,flask,fastapi")
    packed = client.get("/compare/?frameworks=django,flask,fastapi", headers=GZIP)
    assert len(packed.content) * 4 < len(plain.content)


def test_each_compressed_response_is_padded_differently(client, sample_site):
    """GZipMiddleware's BREACH mitigation: random bytes in the gzip header, so a page's
    compressed length does not reveal what it contains."""
    sizes = {len(client.get("/frameworks/", headers=GZIP).content) for _ in range(8)}
    assert len(sizes) > 1


def test_cached_pages_are_compressed_per_client_and_revalidate(client, sample_site, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get("/frameworks/", headers=GZIP)  # rendered, cached uncompressed
    cached_plain = client.get("/frameworks/")
    cached_packed = client.get("/frameworks/", headers=GZIP)
    assert first["Content-Encoding"] == cached_packed["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in cached_plain
    assert gzip.decompress(cached_packed.content) == cached_plain.content == gzip.decompress(first.content)
    # One representation-independent weak validator: a 304 whichever encoding the copy had.
    assert first["ETag"].startswith('W/"') and first["ETag"] == cached_plain["ETag"]
    not_modified = client.get("/frameworks/", headers={**GZIP, "if-none-match": cached_plain["ETag"]})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"]
