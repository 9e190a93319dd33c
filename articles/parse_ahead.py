"""The next files of a long import parsed in a second process while this one is written.

Writing an article waits for the database about as long as parsing one takes, and parsing is
pure (articles.parsing: text and the catalogue in, plain data out). So while the importer
writes file n, one worker process parses the files after it, and the import takes the time of
the slower of the two instead of their sum (on a machine with a core to spare).

The result is the same as parsing in the importer, by construction:
- the worker parses with the importer's catalogue; when the importer reloads its catalogue (after
  a failed file) and it differs, the worker starts again with the new one, and what it had
  parsed with the old one is parsed again;
- anything the worker could not do (a file the parser rejects or fails on, a worker that died)
  is parsed in the importer, which reports it exactly as it always has;
- a file whose text is already imported is not sent: the importer finds it unchanged without
  parsing it.

The worker is a fresh interpreter ("spawn"): it imports only articles.parsing, never Django,
and shares no connection with the importer.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from articles.parsing import ArticleError, Catalogue, ParsedArticle, decode, parse_article

# Below this many files a second interpreter costs more than it saves.
MIN_FILES = 16
# How many files the worker may be ahead of the importer: bounds the memory it holds.
WINDOW = 8

_catalogue: Catalogue | None = None  # the worker's


def _start(catalogue: Catalogue) -> None:
    global _catalogue
    _catalogue = catalogue


def _parse(text: str, path: str) -> ParsedArticle | None:
    """In the worker: the parsed article, or None for the importer to parse (and report) itself."""
    try:
        return parse_article(text, _catalogue, path=path)
    except Exception:  # the importer parses it again and reports what happened
        return None


class ParseAhead:
    """Parses the files an import is about to write. `submit()` each file's bytes a few files
    before the importer gets to it; `parser(key)` is what the importer then parses it with."""

    def __init__(self, importer, files: int):
        self.importer = importer
        self.enabled = files >= MIN_FILES
        self.pool: ProcessPoolExecutor | None = None
        self.catalogue: Catalogue | None = None
        self.pending: dict[object, Future] = {}

    def __enter__(self) -> ParseAhead:
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop(wait=True)

    def submit(self, key, path: str, data: bytes) -> None:
        """Start parsing `data` (the file `path`, known by `key`) if it is new text."""
        if not self.enabled:
            return
        try:
            text = decode(data)
        except ArticleError:
            return  # the importer reports it
        if self.importer.expect(text):
            return
        try:
            self.pending[key] = self._pool().submit(_parse, text, path)
        except BrokenProcessPool:
            self._give_up()

    def parser(self, key) -> Callable[[str, str], ParsedArticle] | None:
        """How the importer parses the file `key`: with the worker's result when it has one."""
        future = self.pending.pop(key, None)
        if future is None:
            return None

        def parse(text: str, path: str) -> ParsedArticle:
            if self.catalogue == self.importer.catalogue:
                try:
                    parsed = future.result()
                except CancelledError:
                    parsed = None
                except BrokenProcessPool:
                    self._give_up()
                    parsed = None
                if parsed is not None:
                    return parsed
            return self.importer.parse(text, path)

        return parse

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is not None and self.catalogue != self.importer.catalogue:
            self._stop()  # what it parsed with the old catalogue is parsed again
        if self.pool is None:
            self.catalogue = self.importer.catalogue
            self.pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start,
                initargs=(self.catalogue,),
            )
        return self.pool

    def _stop(self, *, wait: bool = False) -> None:
        if self.pool is not None:
            self.pending.clear()
            self.pool.shutdown(wait=wait, cancel_futures=True)
            self.pool = None

    def _give_up(self) -> None:
        """The worker died: the rest of the import parses in the importer."""
        self._stop()
        self.enabled = False
