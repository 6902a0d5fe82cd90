"""graph.articles: every input kind, streamed, and every bad input reported by name (and line) with its reason."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest

from graph.articles import (
    MAX_BYTES,
    count_articles,
    find_article_files,
    iter_articles,
    read_article,
    read_html,
    read_jsonl,
    read_stream,
)
from graph.exceptions import InputError
from graph.records import Article

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "data" / "articles"

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Apple and IBM team up | Example News</title>
<link rel="canonical" href="https://news.example.com/2014/07/apple-ibm">
<meta property="og:title" content="Apple and IBM team up">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2014-07-15T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/tech">Tech</a> | Subscribe to our newsletter</nav>
<article>
<h1>Apple and IBM team up</h1>
<p>Apple and IBM formed a partnership to sell iPhones and iPads to businesses, the two companies
said on Tuesday, ending a rivalry that goes back to the early days of the personal computer.</p>
<p>IBM will sell the devices to its corporate clients and build more than a hundred business apps
for them, while Apple will provide support through its AppleCare service.</p>
</article>
<footer>Copyright 2014 Example News. All rights reserved.</footer>
</body></html>
"""


def items(paths, **kw):
    """(source, article or error message) pairs."""
    return [(s, a if isinstance(a, Article) else str(a)) for s, a in iter_articles(paths, **kw)]


# -- text and JSON ----------------------------------------------------------------

def test_text_file_title_from_its_first_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Apple Teams Up With IBM\n\nApple and IBM formed a partnership.", encoding="utf-8")
    article = read_article(path)
    assert article.title == "Apple Teams Up With IBM"
    assert article.path == str(path)


def test_json_file_metadata(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": "Apple and IBM formed a partnership.", "title": "AIM",
                                "url": "https://example.com/a", "date": "2014-07-15", "source": "Ex"}))
    article = read_article(path)
    assert (article.title, article.url, article.date, article.source) == (
        "AIM", "https://example.com/a", "2014-07-15", "Ex")


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("controls.txt", bytes(range(1, 9)) * 20, "binary"),
    ("latin1.txt", b"caf\xe9 au lait", "not UTF-8"),
    ("bad.json", b'{"text": "x",', "malformed JSON"),
    ("list.json", b'["text"]', "expected a JSON object"),
    ("notext.json", b'{"title": "x"}', "no non-empty 'text'"),
])
def test_bad_files_are_refused_by_name_with_the_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_article(path)
    assert str(path) in str(err.value) and reason in str(err.value)


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="over the limit of 100 bytes"):
        read_article(path, max_bytes=100)


# -- HTML ---------------------------------------------------------------------------

def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = read_article(path)
    assert article.title == "Apple and IBM team up"
    assert article.url == "https://news.example.com/2014/07/apple-ibm"
    assert article.date == "2014-07-15"
    assert article.source == "Example News"
    assert "Apple and IBM formed a partnership" in article.text
    assert "AppleCare" in article.text
    for boilerplate in ("Subscribe to our newsletter", "All rights reserved"):
        assert boilerplate not in article.text


def test_html_in_its_declared_encoding(tmp_path):
    path = tmp_path / "latin1.htm"
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("Tuesday", "Tuesday in Zürich")
    path.write_bytes(page.encode("iso-8859-1"))
    assert "Zürich" in read_article(path).text


@pytest.mark.parametrize("page", ["<html><body><script>start()</script></body></html>", "<html>"])
def test_html_without_main_text_is_refused(page):
    with pytest.raises(InputError, match="page.html: no main text"):
        read_html(page, name="page.html")


def test_binary_html_is_refused(tmp_path):
    path = tmp_path / "x.html"
    path.write_bytes(b"\x00\x01\x02<html>")
    with pytest.raises(InputError, match="binary"):
        read_article(path)


# -- JSON Lines -----------------------------------------------------------------------

def test_jsonl_lines_each_an_article_or_a_numbered_error(tmp_path):
    path = tmp_path / "archive.jsonl"
    lines = [
        json.dumps({"text": "Apple and IBM formed a partnership.", "url": "https://example.com/1"}),
        "",
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "Oracle acquired Sun Microsystems.", "title": "Oracle and Sun",
                    "date": "2010-01-27", "source": "Ex"}),
    ]
    path.write_bytes("\n".join(lines).encode() + b"\n" + b'{"text": "caf\xe9"}\n')
    got = items([path])
    assert [s for s, _ in got] == [f"{path}:{n}" for n in (1, 3, 4, 5, 6, 7)]
    assert got[0][1].url == "https://example.com/1"
    assert "malformed JSON" in got[1][1] and f"{path}:3" in got[1][1]
    assert "no non-empty 'text'" in got[2][1]
    assert "expected a JSON object" in got[3][1]
    assert got[4][1].title == "Oracle and Sun" and got[4][1].date == "2010-01-27"
    assert "not UTF-8" in got[5][1] and f"{path}:7" in got[5][1]


def test_jsonl_line_over_the_limit_is_skipped_and_the_next_read(tmp_path):
    path = tmp_path / "a.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"text": "x" * 5000}) + "\n")
        f.write(json.dumps({"text": "IBM and Apple."}) + "\n")
    got = items([path], max_bytes=1000)
    assert "over the limit of 1000 bytes" in got[0][1] and got[0][0].endswith(":1")
    assert got[1][1].text == "IBM and Apple."


def test_binary_and_empty_jsonl_files(tmp_path):
    binary, empty = tmp_path / "b.jsonl", tmp_path / "e.jsonl"
    binary.write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 100)  # a gzip file by another name
    empty.write_bytes(b"\n\n")
    got = items([binary, empty])
    assert len(got) == 2
    assert "binary" in got[0][1] and "empty" in got[1][1]


def test_jsonl_streams_a_large_file_in_bounded_memory(tmp_path):
    """20 MB of articles are read with far less than 20 MB held at any time."""
    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": "Apple and IBM formed a partnership. " * 50}) + "\n"
    n = 20_000_000 // len(line)
    with open(path, "w", encoding="utf-8") as f:
        for _ in range(n):
            f.write(line)
    tracemalloc.start()
    try:
        count = sum(1 for _, a in read_jsonl(path) if isinstance(a, Article))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == n
    assert peak < 2_000_000, f"peak {peak} bytes while streaming {path.stat().st_size} bytes"


def test_a_huge_line_is_not_held_in_memory(tmp_path):
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as f:
        f.write(b'{"text": "' + b"x" * (8 * MAX_BYTES) + b'"}\n{"text": "Apple and IBM."}\n')
    tracemalloc.start()
    try:
        got = items([path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "over the limit" in got[0][1] and got[1][1].text == "Apple and IBM."
    assert peak < 3 * MAX_BYTES


# -- folders, standard input, counting ---------------------------------------------------

def test_folders_are_walked_recursively_in_a_stable_order(tmp_path):
    for rel in ("b/z.txt", "b/a.json", "a.html", "c/d/e.jsonl", ".hidden/x.txt", "b/.x.txt", "notes.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    found = [str(p.relative_to(tmp_path)) for p in find_article_files([tmp_path])]
    assert found == ["a.html", "b/a.json", "b/z.txt", "c/d/e.jsonl"]


def test_a_missing_path_is_reported(tmp_path):
    (source, error), = items([tmp_path / "nope.txt"])
    assert "no such file or folder" in error and source == str(tmp_path / "nope.txt")


@pytest.mark.parametrize("data, kind", [
    (b'{"text": "Apple and IBM formed a partnership."}\n{"text": "Oracle acquired Sun."}\n', "jsonl"),
    (PAGE.encode(), "html"),
    (b"Apple Teams Up With IBM\n\nApple and IBM formed a partnership.", "text"),
])
def test_standard_input_kind_from_its_first_byte(data, kind):
    got = items(["-"], stdin=io.BytesIO(data))
    assert all(isinstance(a, Article) for _, a in got), got
    if kind == "jsonl":
        assert [s for s, _ in got] == ["<stdin>:1", "<stdin>:2"]
        assert got[1][1].text == "Oracle acquired Sun."
    elif kind == "html":
        assert got[0][1].url == "https://news.example.com/2014/07/apple-ibm"
    else:
        assert got == [("<stdin>", got[0][1])] and got[0][1].title == "Apple Teams Up With IBM"


def test_standard_input_bad_text():
    (source, error), = list(read_stream(io.BytesIO(b"caf\xe9")))
    assert source == "<stdin>" and isinstance(error, InputError) and "not UTF-8" in str(error)


def test_count_articles_counts_jsonl_lines(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}', encoding="utf-8")
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    assert count_articles([tmp_path]) == 4
    assert count_articles([tmp_path, "-"]) is None


def test_sample_articles_all_read():
    got = items([SAMPLE_DIR])
    assert len(got) == 11 and all(isinstance(a, Article) for _, a in got)
