import json
import sys
import time
from collections import deque
from pathlib import Path

from django.core.checks import Tags
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.http import Http404

from articles.importing import DEFAULT_MAX_BYTES, FileReport, Importer, wait_for_the_disk
from articles.parse_ahead import WINDOW, ParseAhead
from frameworks.lookup import framework_for_slug
from guide.caching import flush_pending, one_invalidation

EXTENSIONS = {".md", ".markdown", ".mdx", ".txt"}
INVALIDATE_EVERY_SECONDS = 5


def find_files(paths: list[str]) -> list[tuple[str, Path | None, str]]:
    """(display path, file to read or None, error) for every article the paths name.

    Directories are walked recursively (sorted, so runs are repeatable) for the article
    extensions; a file named explicitly is taken whatever its extension. A symlink that leads
    out of the directory it was found in is refused, and directory loops are walked once.
    """
    found: list[tuple[str, Path | None, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_file():
            found.append((given, path, ""))
            continue
        root = path.resolve()
        seen_dirs: set[Path] = set()
        stack = [path]
        files = []
        while stack:
            directory = stack.pop()
            real = directory.resolve()
            if real in seen_dirs:
                continue
            seen_dirs.add(real)
            for entry in sorted(directory.iterdir(), key=lambda p: p.name):
                if entry.name.startswith("."):
                    continue
                target = entry.resolve()
                if entry.is_symlink() and not target.is_relative_to(root):
                    if entry.is_dir() or entry.suffix.lower() in EXTENSIONS:
                        files.append((str(entry), None, f"{entry}: symlink leads outside {given}; refused"))
                    continue
                if entry.is_dir():
                    stack.append(entry)
                elif entry.is_file() and entry.suffix.lower() in EXTENSIONS:
                    files.append((str(entry), entry, ""))
        found.extend(sorted(files, key=lambda f: f[0]))
    return found


class Command(BaseCommand):
    help = "Import markdown articles: their metadata, the frameworks they cover and their claims."
    # The checks of what an import uses: the models it writes, their database and the cache it
    # invalidates. Not the URL and admin checks, which import every view and admin module (a
    # quarter of the command's start-up, most of an unchanged re-import's time); `manage.py
    # check` runs them all, as a deploy does.
    requires_system_checks = [Tags.models, Tags.database, Tags.caches]

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or directories.")
        parser.add_argument("--source", default="", help="Who published these articles.")
        parser.add_argument(
            "--affiliated-with",
            metavar="SLUG",
            help="Mark the --source as affiliated with this framework (a vendor's own blog).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Parse and report; write nothing.")
        parser.add_argument("--format", choices=["text", "json"], default="text", dest="output")
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=DEFAULT_MAX_BYTES,
            help=f"Refuse files larger than this (default {DEFAULT_MAX_BYTES:,}).",
        )

    def handle(self, *args, paths, source, affiliated_with, dry_run, output, max_bytes, **options):
        if max_bytes <= 0:
            raise CommandError("--max-bytes must be a positive number of bytes", returncode=2)
        missing = [p for p in paths if not Path(p).exists()]
        if missing:
            raise CommandError(f"no such file or directory: {', '.join(missing)}", returncode=2)
        if affiliated_with and not source:
            raise CommandError("--affiliated-with needs --source (the source it describes)", returncode=2)
        try:
            importer = self.importer(source, affiliated_with, dry_run=dry_run, max_bytes=max_bytes)
        except DatabaseError as exc:
            # Before any file is read: an empty database (never migrated) or one not answering.
            raise CommandError(
                f"could not read the frameworks and topics from the database ({exc}); "
                "is it running, and has `manage.py migrate` been run?"
            ) from exc
        files = find_files(paths)
        show_progress = output == "text" and sys.stderr.isatty() and len(files) > 20
        reports: list[FileReport] = []
        with one_invalidation():
            self.import_all(importer, files, reports, output, max_bytes, show_progress)
        if show_progress:
            sys.stderr.write("\n")
        if not dry_run:
            # Nothing is reported written before it would survive a crash of the database.
            try:
                wait_for_the_disk()
            except DatabaseError as exc:
                raise CommandError(
                    f"the database did not confirm that the last files imported are on its disk ({exc}); "
                    "import the folder again: what is already there is left unchanged"
                ) from exc

        totals = {
            status: sum(1 for r in reports if r.status == status)
            for status in ("created", "updated", "unchanged", "failed")
        }
        if output == "json":
            self.stdout.write(
                json.dumps(
                    {"dry_run": dry_run, "totals": totals, "files": [r.as_dict() for r in reports]},
                    indent=2,
                )
            )
        else:
            prefix = "Dry run: nothing written. " if dry_run else ""
            self.stdout.write(
                prefix
                + ", ".join(f"{count} {status}" for status, count in totals.items())
                + f" ({len(reports)} files)."
            )
        if totals["failed"]:
            sys.exit(1)

    @staticmethod
    def importer(source: str, affiliated_with: str | None, **options) -> Importer:
        framework = None
        if affiliated_with:
            try:
                framework, _ = framework_for_slug(affiliated_with)
            except Http404:
                raise CommandError(
                    f"--affiliated-with: no framework {affiliated_with!r}", returncode=2
                ) from None
        return Importer(source=source, affiliated_with=framework, **options)

    def import_all(self, importer, files, reports, output, max_bytes, show_progress) -> None:
        """Readers see new content every few seconds during a long run, not after every file:
        each invalidation makes every page render afresh."""
        last_flush = time.monotonic()
        with ParseAhead(importer, len(files)) as ahead:
            for index, display, data in self.read_ahead(files, max_bytes, ahead):
                if show_progress:
                    sys.stderr.write(f"\r[{index + 1}/{len(files)}] {display[-60:]:<60}")
                started = time.perf_counter()
                if isinstance(data, FileReport):
                    reports.append(data)
                else:
                    reports.append(importer.import_bytes(display, data, parse=ahead.parser(index)))
                reports[-1].seconds = round(time.perf_counter() - started, 4)
                if output == "text":
                    self.print_file(reports[-1])
                if time.monotonic() - last_flush > INVALIDATE_EVERY_SECONDS:
                    flush_pending()
                    last_flush = time.monotonic()

    def read_ahead(self, files, max_bytes: int, ahead: ParseAhead):
        """(index, display path, bytes or the report of why they cannot be read) for each file,
        read WINDOW files before its turn and handed to `ahead` to parse meanwhile."""
        coming = deque()
        for index, (display, path, error) in enumerate(files):
            data = FileReport(path=display, error=error) if error else self.read_one(display, path, max_bytes)
            if isinstance(data, bytes):
                ahead.submit(index, display, data)
            coming.append((index, display, data))
            if len(coming) > WINDOW:
                yield coming.popleft()
        yield from coming

    @staticmethod
    def read_one(display: str, path: Path, max_bytes: int) -> bytes | FileReport:
        """The file's bytes, or the report of why it cannot be read."""
        try:
            size = path.stat().st_size
            if size > max_bytes:
                return FileReport(
                    path=display,
                    error=f"{display}: file is {size:,} bytes; the limit is {max_bytes:,} (--max-bytes)",
                )
            with path.open("rb") as handle:
                return handle.read(max_bytes + 1)
        except OSError as exc:
            return FileReport(path=display, error=f"{display}: cannot read: {exc.strerror or exc}")

    def print_file(self, report: FileReport) -> None:
        if report.status == "failed":
            self.stderr.write(self.style.ERROR(f"FAILED {report.error}"))
            return
        counts = (
            f"claims +{report.claims_created} ~{report.claims_updated} "
            f"={report.claims_unchanged} -{report.claims_withdrawn}"
        )
        line = f"{report.status:<9} {report.path} -> {report.slug} ({counts})"
        if report.frameworks_created:
            line += f"; new frameworks for review: {', '.join(report.frameworks_created)}"
        self.stdout.write(line)
        for warning in report.warnings:
            self.stdout.write(f"    warning: {warning}")
        for conflict in report.conflicts:
            self.stdout.write(self.style.WARNING(f"    kept editor's version: {conflict}"))
