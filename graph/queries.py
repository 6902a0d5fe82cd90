"""Named SPARQL queries: the ``queries/*.rq`` library, its parameters, and result formatting.

Each ``.rq`` file is a plain SPARQL 1.1 SELECT query that runs as it is in any
SPARQL client. Its header names it, describes it and lists its parameters::

    # name: partners
    # description: Partners of an organization, ...
    # param: org — an organization's name (...)

A parameter ``org`` appears in the query as exactly one inline data block
``VALUES ?_org { "Microsoft" }`` holding an example value; :func:`bind`
replaces that value with the caller's, written as an escaped string literal,
so a value can never change the shape of the query.

>>> from graph.records import Article, Entity, Fact
>>> from graph.rdf import article_graph
>>> from graph.store import open_store
>>> store = open_store("memory:")
>>> art = Article("Apple and IBM formed a partnership.", title="AIM")
>>> fact = Fact(Entity("Apple", "Organization"), "partnersWith",
...             Entity("IBM", "Organization"), evidence=art.text, end=35)
>>> store.replace_graph(article_graph(art, [fact]))
>>> result = run_named(store, "partners", org="apple")
>>> [(r["partner"], r["label"], r["articles"]) for r in result.records()]
[('https://w3id.org/alliances/entity/ibm', 'IBM', 1)]
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from .exceptions import QueryError
from .store import QueryResult, Store, default_prefixes

__all__ = [
    "FORMATS",
    "NamedQuery",
    "named_queries",
    "get_query",
    "bind",
    "sparql_string",
    "run_named",
    "format_result",
]

#: The output formats of :func:`format_result`.
FORMATS = ("table", "csv", "json")

_XSD = "http://www.w3.org/2001/XMLSchema#"
_HEADER_RE = re.compile(r"^#\s*(name|description|param)\s*:\s*(.*?)\s*$")
_PARAM_RE = re.compile(r"^(\w+)\s*(?:—|–|-|:)?\s*(.*)$")
#: One parameter's inline data block: ``VALUES ?_org { "example" }``.
_VALUES_RE = re.compile(r'VALUES\s+\?_(\w+)\s*\{\s*"(?:[^"\\\n\r]|\\.)*"\s*\}')
_IRI_RE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|urn:|mailto:)\S+$")
_LOCAL_NAME_RE = re.compile(r"^[A-Za-z0-9_](?:[\w.-]*[\w-])?$")
_ECHAR = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
          "\b": "\\b", "\f": "\\f"}


class NamedQuery(NamedTuple):
    """One query of the library: its name, what it answers, its parameters and its SPARQL text."""

    name: str
    description: str
    params: tuple[str, ...]
    text: str


def _parse(name: str, text: str) -> NamedQuery:
    """Read the header of one ``.rq`` file and check that its parameters have a VALUES block."""
    fields: dict[str, str] = {}
    params: list[str] = []
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER_RE.match(line)
        if match:
            key, value = match.groups()
            last = key
            if key == "param":
                param = _PARAM_RE.match(value)
                if not param:
                    raise QueryError(f"query file {name}.rq has a param line without a name: {line!r}")
                params.append(param.group(1))
            else:
                fields[key] = value
        elif last == "description" and line[1:].strip():
            fields["description"] += " " + line[1:].strip()
    if fields.get("name") != name:
        raise QueryError(f"query file {name}.rq has the header name {fields.get('name')!r}, "
                         f"not {name!r}")
    blocks = [m.group(1) for m in _VALUES_RE.finditer(text)]
    if sorted(blocks) != sorted(params):
        raise QueryError(f"query {name!r} declares the parameters {params} but has "
                         f"VALUES blocks for {blocks}; each parameter needs exactly one")
    return NamedQuery(name, fields.get("description", ""), tuple(params), text)


@lru_cache(maxsize=1)
def _library() -> tuple[NamedQuery, ...]:
    folder = files("graph") / "queries"
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".rq")),
                     key=lambda e: e.name)
    return tuple(_parse(e.name[:-3], e.read_text(encoding="utf-8")) for e in entries)


def named_queries() -> dict[str, NamedQuery]:
    """The query library, by name, in alphabetical order.

    >>> queries = named_queries()
    >>> queries["partners"].params
    ('org',)
    >>> queries["evidence"].params
    ('subject', 'predicate', 'object')
    """
    return {q.name: q for q in _library()}


def get_query(name: str) -> NamedQuery:
    """The named query *name*; an unknown name raises :class:`QueryError` listing the names.

    >>> get_query("frenemies").params
    ()
    >>> get_query("allies")
    Traceback (most recent call last):
    ...
    graph.exceptions.QueryError: unknown query 'allies'; the named queries are: article, bloc, entities, evidence, frenemies, leaders, moves, partners, reported, rivals, timeline
    """
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"unknown query {name!r}; the named queries are: {', '.join(queries)}")
    return queries[name]


def sparql_string(value: str) -> str:
    r"""*value* as a SPARQL double-quoted string literal that any engine reads back unchanged.

    Besides the usual escapes, a ``u`` or ``U`` right after an escaped
    backslash is written as a code point escape: some engines (rdflib among
    them) expand ``\uXXXX`` in the query text before parsing it, even after
    a backslash, which would otherwise turn ``\u0022`` into a closing quote.

    >>> print(sparql_string('O\'Reilly "x"'))
    "O'Reilly \"x\""
    >>> print(sparql_string(r"a\u0022"))
    "a\\\U000000750022"
    """
    if not isinstance(value, str):
        raise QueryError(f"parameter value {value!r} is a {type(value).__name__}, not a str")
    out = []
    after_backslash = False
    for char in value:
        if after_backslash and char in "uU":
            out.append(f"\\U{ord(char):08X}")
        else:
            out.append(_ECHAR.get(char, char))
        after_backslash = char == "\\"
    return '"' + "".join(out) + '"'


def bind(query: NamedQuery, params: Mapping[str, str]) -> str:
    r"""The text of *query* with each parameter's example value replaced by *params*' value.

    Every parameter is required; a missing or unknown one raises
    :class:`QueryError` naming it and the allowed ones.

    >>> text = bind(get_query("partners"), {"org": 'say "hi"'})
    >>> 'VALUES ?_org { "say \\"hi\\"" }' in text
    True
    >>> bind(get_query("partners"), {})
    Traceback (most recent call last):
    ...
    graph.exceptions.QueryError: query 'partners' needs the parameter 'org' (parameters: org)
    >>> bind(get_query("partners"), {"org": "IBM", "year": "2020"})
    Traceback (most recent call last):
    ...
    graph.exceptions.QueryError: query 'partners' has no parameter 'year' (parameters: org)
    """
    allowed = ", ".join(query.params) or "none"
    for key in params:
        if key not in query.params:
            raise QueryError(f"query {query.name!r} has no parameter {key!r} (parameters: {allowed})")
    for key in query.params:
        if key not in params:
            raise QueryError(f"query {query.name!r} needs the parameter {key!r} (parameters: {allowed})")
    literals = {key: sparql_string(value) for key, value in params.items()}
    # A function replacement, so backslashes in the literal are not read as group references.
    return _VALUES_RE.sub(lambda m: f"VALUES ?_{m.group(1)} {{ {literals[m.group(1)]} }}",
                          query.text)


def run_named(store: Store, name: str, **params: str) -> QueryResult:
    """Run the named query *name* on *store* with its parameters as keyword arguments.

    >>> from graph.store import open_store
    >>> run_named(open_store("memory:"), "rivals", org="Oracle").rows
    []
    """
    return store.query(bind(get_query(name), params))


# ---------------------------------------------------------------- formatting

def _shorten(value: str, prefixes: list[tuple[str, str]]) -> str:
    for prefix, namespace in prefixes:
        if value.startswith(namespace):
            local = value[len(namespace):]
            if _LOCAL_NAME_RE.match(local):
                return f"{prefix}:{local}"
    return value


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _table(result: QueryResult, max_width: int | None) -> str:
    # Longest namespace first, so ``ent:`` wins over a shorter enclosing base.
    prefixes = sorted(default_prefixes().items(), key=lambda item: -len(item[1]))
    cells = []
    for row in result.rows:
        line = []
        for value in row:
            text = _cell(value)
            if isinstance(value, str):
                text = " ".join(_shorten(text, prefixes).split())
            if max_width and len(text) > max_width:
                text = text[:max_width - 1] + "…"
            line.append(text)
        cells.append(line)
    widths = [max([len(v)] + [len(line[i]) for line in cells]) for i, v in enumerate(result.vars)]
    numeric = [bool(result.rows) and all(_is_number(row[i]) or row[i] is None for row in result.rows)
               for i in range(len(result.vars))]

    def render(line: list[str]) -> str:
        return "  ".join(text.rjust(w) if num else text.ljust(w)
                         for text, w, num in zip(line, widths, numeric)).rstrip()

    count = len(result.rows)
    lines = [render(list(result.vars)), render(["-" * w for w in widths])]
    lines += [render(line) for line in cells]
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: CRLF line ends, quoting as needed
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow(_cell(v) for v in row)
    return buffer.getvalue()


def _json_term(value: object) -> dict:
    if isinstance(value, bool):
        return {"type": "literal", "datatype": _XSD + "boolean", "value": _cell(value)}
    if isinstance(value, int):
        return {"type": "literal", "datatype": _XSD + "integer", "value": str(value)}
    if isinstance(value, float):
        if math.isfinite(value):
            return {"type": "literal", "datatype": _XSD + "decimal", "value": repr(value)}
        return {"type": "literal", "datatype": _XSD + "double",
                "value": "NaN" if math.isnan(value) else ("INF" if value > 0 else "-INF")}
    text = str(value)
    return {"type": "uri" if _IRI_RE.match(text) else "literal", "value": text}


def _json(result: QueryResult) -> str:
    bindings = [{var: _json_term(value) for var, value in zip(result.vars, row) if value is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=2) + "\n"


def format_result(result: QueryResult, fmt: str = "table", *, max_width: int | None = 60) -> str:
    r"""Format a query result as text: ``table``, ``csv`` or ``json``.

    * ``table``: aligned columns under a header, IRIs shortened with the known
      prefixes (``ent:microsoft``), numbers right-aligned, cells cut to
      *max_width* characters (``None``: no limit), then a row count.
    * ``csv``: RFC 4180 with a header row and full values.
    * ``json``: shaped like SPARQL 1.1 Query Results JSON. Rows hold plain
      values, so a string is typed ``uri`` when it looks like an absolute IRI.

    ASK results print ``true``/``false`` (``{"head": {}, "boolean": ...}`` in
    JSON); CONSTRUCT results print Turtle as a table, one triple a row as CSV,
    and JSON-LD as JSON.

    >>> r = QueryResult("SELECT", ("org", "n"),
    ...                 [("https://w3id.org/alliances/entity/ibm", 2), ("O'Reilly, Inc.", None)])
    >>> print(format_result(r), end="")
    org             n
    --------------  -
    ent:ibm         2
    O'Reilly, Inc.
    (2 rows)
    >>> format_result(r, "csv")
    'org,n\r\nhttps://w3id.org/alliances/entity/ibm,2\r\n"O\'Reilly, Inc.",\r\n'
    >>> import json
    >>> json.loads(format_result(r, "json"))["results"]["bindings"][0]["org"]
    {'type': 'uri', 'value': 'https://w3id.org/alliances/entity/ibm'}
    >>> format_result(QueryResult("ASK", boolean=True))
    'true\n'
    """
    if fmt not in FORMATS:
        raise QueryError(f"output format {fmt!r} is not one of {', '.join(FORMATS)}")
    if result.kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if result.kind != "SELECT":
        graph = result.graph
        for prefix, namespace in default_prefixes().items():
            graph.bind(prefix, namespace)
        if fmt == "json":
            return graph.serialize(format="json-ld")
        if fmt == "csv":
            rows = sorted((str(s), str(p), str(o)) for s, p, o in graph)
            return _csv(QueryResult("SELECT", ("subject", "predicate", "object"), rows))
        return graph.serialize(format="turtle")
    if fmt == "csv":
        return _csv(result)
    if fmt == "json":
        return _json(result)
    return _table(result, max_width)
