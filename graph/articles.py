"""Reading articles: plain text, JSON, HTML pages, JSON Lines archives, folders and standard input.

Every reader yields :class:`~graph.records.Article` records; bad input gets an
:class:`~graph.exceptions.InputError` naming the file (and line) and the reason
(empty, binary, not UTF-8, too large, malformed JSON, no main text), so a
batch can report it and go on.

- ``.txt``: the text; a short first line without closing punctuation is the title.
- ``.json``: an object with ``text`` and optional ``title``, ``url``, ``date``, ``source``.
- ``.html``/``.htm``: main text, title, date, URL and site name, through trafilatura.
- ``.jsonl``: one such JSON object per line, streamed: a line is read only
  when it is needed, and a line over the size limit is skipped without
  being held in memory.
- ``-``: standard input, read as JSON Lines if it starts with ``{``, as HTML
  if it starts with ``<``, else as one text article.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = p.write_text("Apple Teams Up With IBM\\n\\nApple and IBM formed a partnership.")
>>> read_article(p).title
'Apple Teams Up With IBM'
>>> q = p.with_name("archive.jsonl")
>>> _ = q.write_text('{"text": "Apple and IBM formed a partnership.", "url": "https://example.com/a"}\\n{"txt": 1}\\n')
>>> [(source, getattr(item, "url", None) or str(item)) for source, item in iter_articles([q])]  # doctest: +ELLIPSIS
[('.../archive.jsonl:1', 'https://example.com/a'), ('.../archive.jsonl:2', ".../archive.jsonl:2: the JSON object has no non-empty 'text' field")]
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .exceptions import InputError
from .records import Article

__all__ = [
    "MAX_BYTES",
    "MAX_HTML_BYTES",
    "SUFFIXES",
    "STDIN",
    "read_article",
    "read_html",
    "read_jsonl",
    "read_stream",
    "find_article_files",
    "iter_articles",
    "count_articles",
]

#: Articles larger than this are refused (a news article is a few kB); in a
#: JSON Lines file the limit holds for each line.
MAX_BYTES = 2_000_000
#: HTML pages carry markup, scripts and styles besides the text.
MAX_HTML_BYTES = 10_000_000
#: File kinds read as articles when a folder is searched.
SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")
#: The path that means standard input.
STDIN = "-"

_HTML = (".html", ".htm")
_SNIFF = 8192


def _check_bytes(name: str, data: bytes) -> None:
    if not data.strip():
        raise InputError(f"{name}: empty file, no text to extract from")
    if b"\x00" in data[:_SNIFF]:
        raise InputError(f"{name}: binary file (NUL bytes), expected UTF-8 text")


def _decode(name: str, data: bytes) -> str:
    _check_bytes(name, data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it with e.g. 'iconv -t UTF-8'"
        ) from None
    controls = sum(1 for ch in text[:_SNIFF] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), _SNIFF):
        raise InputError(f"{name}: binary file (control characters), expected UTF-8 text")
    return text


def _title_of(text: str) -> str | None:
    """The first line, when it reads like a headline (short, no closing period)."""
    first = text.strip().split("\n", 1)[0].strip()
    if 0 < len(first) <= 200 and not first.endswith((".", "!", "?", '"')):
        return first
    return None


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size} bytes is over the limit of {max_bytes} bytes per article")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_article(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Article:
    """Read one article file: ``.txt``, ``.json`` with a ``text`` field, or ``.html``.

    JSON may carry ``title``, ``url``, ``date`` and ``source``; a ``text_file``
    field names a text file beside it (the gold files of the corpus). HTML
    pages may be up to :data:`MAX_HTML_BYTES` (or five times *max_bytes*).
    A ``.jsonl`` file holds many articles: read it with :func:`read_jsonl`.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        raise InputError(f"{path}: a JSON Lines file holds many articles; read it with read_jsonl")
    if suffix in _HTML:
        limit = MAX_HTML_BYTES if max_bytes == MAX_BYTES else 5 * max_bytes
        return read_html(_read_bytes(path, limit), name=str(path))
    text = _decode(str(path), _read_bytes(path, max_bytes))
    if suffix != ".json":
        return Article(text, title=_title_of(text), path=str(path))
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: malformed JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(obj, dict) and obj.get("text") is None and obj.get("text_file"):
        text = read_article(path.parent / obj["text_file"], max_bytes=max_bytes).text
        return _with_meta(Article(text, title=_title_of(text), path=str(path)), obj)
    return _from_object(obj, str(path))


def _from_object(obj, name: str) -> Article:
    if not isinstance(obj, dict):
        raise InputError(f"{name}: expected a JSON object with a 'text' field, not {type(obj).__name__}")
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(f"{name}: the JSON object has no non-empty 'text' field")
    return _with_meta(Article(body, title=_title_of(body), path=name), obj)


def _with_meta(article: Article, obj: dict) -> Article:
    def field(name):
        value = obj.get(name)
        return str(value) if value not in (None, "") else None

    return Article(article.text, title=field("title") or article.title, url=field("url"),
                   date=field("date"), source=field("source"), path=article.path)


def read_html(data: bytes | str, *, name: str = "<html>", url: str | None = None) -> Article:
    """The main text of an HTML page, with its title, date, URL and site name (trafilatura).

    Navigation, footers and comments are left out; the page's own encoding
    declaration is honoured. A page without main text is an :class:`InputError`.

    >>> page = ("<html><head><title>Apple and IBM team up</title>"
    ...         '<link rel="canonical" href="https://example.com/apple-ibm"></head><body>'
    ...         "<nav>Home</nav><article><p>Apple and IBM formed a partnership to sell iPhones "
    ...         "to businesses, the companies said on Tuesday in a joint statement.</p></article></body></html>")
    >>> article = read_html(page)
    >>> article.title, article.url
    ('Apple and IBM team up', 'https://example.com/apple-ibm')
    >>> article.text.startswith("Apple and IBM formed a partnership")
    True
    """
    import logging

    import trafilatura

    if isinstance(data, bytes):
        _check_bytes(name, data)
    elif not data.strip():
        raise InputError(f"{name}: empty file, no text to extract from")
    # trafilatura logs each page it cannot parse; the reason is reported here instead
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken markup
        raise InputError(f"{name}: cannot parse the HTML ({type(exc).__name__}: {exc})") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(f"{name}: no main text found in the HTML page")

    def meta(key):
        value = getattr(doc, key, None)
        return str(value).strip() if value else None

    return Article(text, title=meta("title") or _title_of(text), url=meta("url") or url,
                   date=meta("date"), source=meta("sitename"), path=name)


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes | int]:
    """Lines of *stream*; a line longer than *limit* bytes is drained and given as its length."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
                size += len(line)
            yield size
        else:
            yield line


def read_jsonl(source: str | Path | BinaryIO, *, name: str | None = None,
               max_bytes: int = MAX_BYTES) -> Iterator[tuple[str, Article | InputError]]:
    """Stream the articles of a JSON Lines file (or binary stream), one per line.

    Yields ``("NAME:LINE", article)`` or ``("NAME:LINE", InputError)`` for a bad
    line (malformed JSON, not UTF-8, no ``text``, over *max_bytes*); blank lines
    are passed over. Only one line is in memory at a time.
    """
    if isinstance(source, (str, Path)):
        name = name or str(source)
        try:
            stream = open(source, "rb")
        except OSError as exc:
            yield name, InputError(f"{name}: cannot read ({exc.strerror or exc})")
            return
        with stream:
            yield from read_jsonl(stream, name=name, max_bytes=max_bytes)
        return
    name = name or getattr(source, "name", "<stream>")
    stream = source if hasattr(source, "peek") else io.BufferedReader(source)
    head = stream.peek(_SNIFF)[:_SNIFF]
    if b"\x00" in head:
        yield name, InputError(f"{name}: binary file (NUL bytes), expected UTF-8 JSON Lines")
        return
    seen = False
    for lineno, line in enumerate(_lines(stream, max_bytes), 1):
        where = f"{name}:{lineno}"
        if isinstance(line, int):
            seen = True
            yield where, InputError(f"{where}: {line} bytes is over the limit of {max_bytes} bytes per article")
            continue
        if not line.strip():
            continue
        seen = True
        try:
            text = line.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield where, InputError(f"{where}: not UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1})")
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield where, InputError(f"{where}: malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            yield where, _from_object(obj, where)
        except InputError as exc:
            yield where, exc
    if not seen:
        yield name, InputError(f"{name}: empty file, no articles to extract from")


class _Prefixed(io.RawIOBase):
    """A stream that gives *head* first, then the rest of *stream* (to sniff a pipe)."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head, self._stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read_stream(stream: BinaryIO, *, name: str = "<stdin>",
                max_bytes: int = MAX_BYTES) -> Iterator[tuple[str, Article | InputError]]:
    """Articles from a byte stream such as standard input, its kind told by its first byte.

    ``{`` starts JSON Lines (streamed), ``<`` an HTML page, anything else one text article.
    """
    head = stream.read(_SNIFF) or b""
    first = head.lstrip()[:1]
    if first == b"{":
        yield from read_jsonl(io.BufferedReader(_Prefixed(head, stream)), name=name, max_bytes=max_bytes)
        return
    limit = MAX_HTML_BYTES if first == b"<" else max_bytes
    data = head + (stream.read(limit + 1 - len(head)) if len(head) <= limit else b"")
    try:
        if len(data) > limit:
            raise InputError(f"{name}: over the limit of {limit} bytes per article")
        if first == b"<":
            yield name, read_html(data, name=name)
        else:
            text = _decode(name, data)
            yield name, Article(text, title=_title_of(text), path=name)
    except InputError as exc:
        yield name, exc


def _walk(folder: Path) -> Iterator[Path]:
    """Article files under *folder*, depth first, each folder's entries in name order; hidden ones left out."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(Path(entry.path))
        elif entry.is_file() and os.path.splitext(entry.name)[1].lower() in SUFFIXES:
            yield Path(entry.path)


def find_article_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and article files found recursively in folders named, lazily, in a stable order.

    ``-`` (standard input) is passed through as ``Path("-")``.
    """
    for p in map(Path, paths):
        yield from (_walk(p) if p.is_dir() else (p,))


def iter_articles(paths: Iterable[str | Path], *, max_bytes: int = MAX_BYTES,
                  stdin: BinaryIO | None = None) -> Iterator[tuple[str, Article | InputError]]:
    """Each input with its article, or with the :class:`InputError` that explains why it is skipped.

    The input is named by its path, ``PATH:LINE`` for a line of a JSON Lines
    file, or ``<stdin>`` for standard input (``-``). Everything is streamed:
    folders are walked and files read only as the articles are consumed.
    """
    for path in find_article_files(paths):
        source = str(path)
        if source == STDIN:
            yield from read_stream(stdin or sys.stdin.buffer, max_bytes=max_bytes)
        elif not path.exists():
            yield source, InputError(f"{path}: no such file or folder")
        elif path.suffix.lower() == ".jsonl":
            yield from read_jsonl(path, max_bytes=max_bytes)
        else:
            try:
                yield source, read_article(path, max_bytes=max_bytes)
            except InputError as exc:
                yield source, exc


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """How many inputs :func:`iter_articles` will give (lines of JSON Lines counted), for a progress bar.

    ``None`` when standard input is among *paths*. Reads JSON Lines files
    once in 1 MB blocks, without keeping them.
    """
    total = 0
    for path in find_article_files(paths):
        if str(path) == STDIN:
            return None
        if path.suffix.lower() != ".jsonl":
            total += 1
            continue
        try:
            with open(path, "rb") as f:
                last = b"\n"
                for block in iter(lambda: f.read(1 << 20), b""):
                    total += block.count(b"\n")
                    last = block[-1:]
                total += last != b"\n"
        except OSError:
            total += 1
    return total
