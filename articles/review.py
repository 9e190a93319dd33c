"""An editor's review of one claim: the passage it came from, and the next claim to review."""

from dataclasses import dataclass

from django.db.models import Q

from articles.models import Claim

PASSAGE_CONTEXT = 6  # lines shown on either side of the claim's own line
# An article may hold one enormous line (minified HTML, a pasted blob): show its start only.
MAX_LINE_CHARS = 2000


@dataclass(frozen=True)
class PassageLine:
    number: int
    text: str
    is_claim: bool  # the line the claim was read from
    cut: bool  # longer than shown


def passage(original: str, line: int | None, context: int = PASSAGE_CONTEXT) -> list[PassageLine]:
    """The lines of the original file around `line` (1-based), numbered as the importer counts
    them; empty when the claim has no line or the text no longer reaches it."""
    if not line or not original:
        return []
    lines = original.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if line > len(lines):
        return []
    first, last = max(1, line - context), min(len(lines), line + context)
    return [
        PassageLine(
            number=number,
            text=lines[number - 1][:MAX_LINE_CHARS],
            is_claim=number == line,
            cut=len(lines[number - 1]) > MAX_LINE_CHARS,
        )
        for number in range(first, last + 1)
    ]


# The review queue's order: the claims of one article together, as the article makes them.
QUEUE_ORDER = ("article_id", "position", "pk")


def next_to_review(queue, after: Claim | None = None) -> Claim | None:
    """The first claim awaiting review in `queue` after `after` (in QUEUE_ORDER), wrapping round
    to the start; never `after` itself."""
    waiting = queue.awaiting_review().order_by(*QUEUE_ORDER)
    if after is None:
        return waiting.first()
    waiting = waiting.exclude(pk=after.pk)
    later = (
        Q(article_id__gt=after.article_id)
        | Q(article_id=after.article_id, position__gt=after.position)
        | Q(article_id=after.article_id, position=after.position, pk__gt=after.pk)
    )
    return waiting.filter(later).first() or waiting.first()
