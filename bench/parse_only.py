"""Time decode + parse_article over files, with the importer's own catalogue and no writes.

Run by bench/run.py with the import benchmark's environment: the catalogue is read from that
database exactly as Importer reads it, then the clock runs over reading, decoding and parsing
every file. Prints JSON: {"seconds", "files", "claims", "failed", "by_extension"}.

    python bench/parse_only.py DIR
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from articles.importing import Importer  # noqa: E402
from articles.management.commands.import_articles import find_files  # noqa: E402
from articles.parsing import ArticleError, decode, parse_article  # noqa: E402


def main() -> None:
    catalogue = Importer(dry_run=True).catalogue
    files = [path for _display, path, error in find_files(sys.argv[1:]) if path is not None and not error]
    claims = failed = frameworks = 0
    started = time.perf_counter()
    for path in files:
        try:
            parsed = parse_article(decode(path.read_bytes()), catalogue)
        except ArticleError:
            failed += 1
            continue
        claims += len(parsed.claims)
        frameworks += len(parsed.frameworks)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "files": len(files),
                "claims": claims,
                "frameworks": frameworks,
                "failed": failed,
            }
        )
    )


if __name__ == "__main__":
    main()
