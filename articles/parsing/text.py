"""Text-level helpers: strict decoding, name keys, slugs, and the limits on what one article may hold."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from anyascii import anyascii

MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_TITLE_LENGTH = 300
MAX_SLUG_LENGTH = 200
MAX_CLAIM_TITLE = 200
MAX_NAME_LENGTH = 100
# What one article may hold. Real articles have a few hundred lines and claims; the limits keep
# what a hostile file costs to import, and any page to show, bounded.
MAX_LINES = 20_000
MAX_CLAIMS = 1_000
MAX_CLAIM_TEXT = 2_000
MAX_LINE_CHARS = 10_000


class ArticleError(ValueError):
    """Bad input: the message names what is wrong (and the line when it is known)."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


_NOT_ALNUM = re.compile(r"[\W_]")  # \w is str.isalnum() and "_"


@functools.lru_cache(maxsize=4096)  # asked of the same heading or phrase many times over
def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name ("Plotly Dash" == "plotly-dash").

    A name with no letter or digit at all ("🚀🔥") keys as its own symbols, so two such names
    never match each other by both being empty."""
    decomposed = unicodedata.normalize("NFKD", name).casefold()
    key = _NOT_ALNUM.sub("", decomposed)
    return key or "".join(ch for ch in decomposed if not ch.isspace() and unicodedata.category(ch)[0] != "M")


def slugify(value: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """An ASCII slug for URLs, other scripts transliterated ("框架" -> "kuangjia"); emoji and
    other symbols are left out. Empty when nothing is left: see `stable_slug`."""
    value = "".join(ch for ch in unicodedata.normalize("NFKC", value) if unicodedata.category(ch)[0] != "S")
    value = anyascii(value).lower()
    value = re.sub(r"[^a-z0-9\s_-]", "", value)
    value = re.sub(r"[-\s_]+", "-", value).strip("-")
    if len(value) > max_length:
        value = value[:max_length].rsplit("-", 1)[0] or value[:max_length]
    return value


def stable_slug(value: str, prefix: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """`slugify(value)`, or `prefix-<digest of value>` for a value with nothing to transliterate."""
    return slugify(value, max_length) or f"{prefix}-{hashlib.sha256(value.encode()).hexdigest()[:10]}"


# Control characters no text file holds: below 32, except tab, newline, \v, \f and \r.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def decode(data: bytes) -> str:
    """Strict decoding with errors that say where the problem is."""
    if not data.strip():
        raise ArticleError("the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"invalid UTF-16 at byte offset {exc.start}") from exc
    else:
        nul = data.find(b"\x00")
        if nul != -1:
            raise ArticleError(f"binary file: NUL byte at offset {nul}; expected UTF-8 text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"invalid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x}); "
                "save the file as UTF-8"
            ) from exc
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise ArticleError("binary file: NUL character in the text")
    controls = len(_CONTROL.findall(text, 0, 4096))
    if controls > 8:
        raise ArticleError("binary file: control characters where text was expected")
    if not text.strip():
        raise ArticleError("the file is empty")
    return text
