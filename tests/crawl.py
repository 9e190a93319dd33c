"""Follow every link a reader can reach from the home page, and the machine-readable URLs."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

MACHINE_URLS = ["/sitemap.xml", "/feeds/articles/", "/feeds/articles/atom/", "/api/frameworks/"]
SKIP = ("/admin/", "/static/", "/markdownx/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "link"):
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def crawl(client, start: str = "/", limit: int = 400) -> dict[str, int]:
    """{url: status} for every same-site page reachable from `start` (at most `limit` pages)."""
    seen: dict[str, int] = {}
    queue = [start, *MACHINE_URLS]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            parts = urlsplit(urljoin(url, href))
            if parts.netloc not in ("", "testserver") or parts.path.startswith(SKIP):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen
