"""Reading articles from files: plain text, or JSON with ``text`` and optional metadata.

Bad input gets an :class:`~graph.exceptions.InputError` naming the file and
the reason (empty, binary, not UTF-8, too large, malformed JSON), so a batch
can report it and go on.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = p.write_text("Apple Teams Up With IBM\\n\\nApple and IBM formed a partnership.")
>>> read_article(p).title
'Apple Teams Up With IBM'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from .exceptions import InputError
from .records import Article

__all__ = ["MAX_BYTES", "SUFFIXES", "read_article", "find_article_files", "iter_articles"]

#: Articles larger than this are refused (a news article is a few kB).
MAX_BYTES = 2_000_000
#: File kinds read as articles.
SUFFIXES = (".txt", ".json")


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise InputError(f"{path}: empty file, no text to extract from")
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it with e.g. 'iconv -t UTF-8'"
        ) from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 8192):
        raise InputError(f"{path}: binary file (control characters), expected UTF-8 text")
    return text


def _title_of(text: str) -> str | None:
    """The first line, when it reads like a headline (short, no closing period)."""
    first = text.strip().split("\n", 1)[0].strip()
    if 0 < len(first) <= 200 and not first.endswith((".", "!", "?", '"')):
        return first
    return None


def read_article(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Article:
    """Read one article file (``.txt``, or ``.json`` with a ``text`` field).

    JSON may carry ``title``, ``url``, ``date`` and ``source``; a ``text_file``
    field names a text file beside it (the gold files of the corpus).
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size} bytes is over the limit of {max_bytes} bytes per article")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    text = _decode(path, data)
    if path.suffix.lower() != ".json":
        return Article(text, title=_title_of(text), path=str(path))
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: malformed JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(obj, dict):
        raise InputError(f"{path}: expected a JSON object with a 'text' field")
    body = obj.get("text")
    if body is None and obj.get("text_file"):
        return _with_meta(read_article(path.parent / obj["text_file"], max_bytes=max_bytes), obj, path)
    if not isinstance(body, str) or not body.strip():
        raise InputError(f"{path}: the JSON object has no non-empty 'text' field")
    return _with_meta(Article(body, title=_title_of(body), path=str(path)), obj, path)


def _with_meta(article: Article, obj: dict, path: Path) -> Article:
    def field(name):
        value = obj.get(name)
        return str(value) if value not in (None, "") else None

    return Article(article.text, title=field("title") or article.title, url=field("url"),
                   date=field("date"), source=field("source"), path=str(path))


def find_article_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and article files found recursively in folders named, sorted per folder."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                              and not f.name.startswith(".")))
        else:
            out.append(p)
    return out


def iter_articles(paths: Iterable[str | Path]) -> Iterator[tuple[Path, Article | InputError]]:
    """Each file with its article, or with the :class:`InputError` that explains why it was skipped."""
    for path in find_article_files(paths):
        if not path.exists():
            yield path, InputError(f"{path}: no such file or folder")
            continue
        try:
            yield path, read_article(path)
        except InputError as exc:
            yield path, exc
