"""The networkx projection as one self-contained, offline HTML page.

:func:`render_html` takes the graph described in ``docs/network-format.md`` and
returns a single page that draws it with vis-network: nodes coloured and shaped
by entity type and sized by degree (or any score you pass, such as PageRank),
edges coloured by relation, dashed when only reported, with arrows only on
directed relations; hovering shows a plain-text tooltip, clicking an entity or a
fact lists its evidence sentences with their articles in a side panel.

The page loads nothing: vis-network (vendored in ``graph/assets/``) and the
page script are inlined, and a Content-Security-Policy forbids every fetch.
pyvis assembles the vis-network node and edge options; its own HTML template is
not used, because it pulls vis-network, Bootstrap and tom-select from CDNs.

Everything that came from an article (labels, sentences, titles, URLs) is data:
it is embedded as JSON with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and
the page script puts it in the DOM with ``textContent`` only.

===============  =========  ==========
entity type      shape      colour
===============  =========  ==========
Organization     square     ``#4e79a7``
Person           dot        ``#f28e2b``
Product          diamond    ``#59a14f``
Place            triangle   ``#b07aa1``
===============  =========  ==========

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("https://example.org/e/ibm", label="IBM", type="Organization")
>>> G.add_node("https://example.org/e/apple", label="Apple", type="Organization")
>>> _ = G.add_edge("https://example.org/e/apple", "https://example.org/e/ibm", key="partnersWith",
...                relation="partnersWith", symmetric=True, certainty="confirmed",
...                confidence=0.75, articles=2, first_seen="2014-07-15", last_seen="2015-01-10",
...                evidence=[{"text": "Apple and IBM team up.", "article": "https://example.org/a/1",
...                           "title": "Deal", "url": "https://news.example/1",
...                           "date": "2014-07-15", "certainty": "confirmed", "confidence": 0.5}])
>>> page = render_html(G, title="Apple & IBM")
>>> page.startswith("<!DOCTYPE html>"), "<title>Apple &amp; IBM</title>" in page
(True, True)
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from . import __version__
from .exceptions import AlliancesError
from .vocabulary import ENTITY_TYPES, RELATIONS

__all__ = [
    "render_html",
    "write_html",
    "TYPE_STYLES",
    "RELATION_COLORS",
    "VIS_NETWORK_VERSION",
]

#: vis-network shape and colour of each entity type. Every shape draws its label
#: below and honours ``size``, so the size encoding works for all types.
TYPE_STYLES: dict[str, dict[str, str]] = {
    "Organization": {"shape": "square", "color": "#4e79a7"},
    "Person": {"shape": "dot", "color": "#f28e2b"},
    "Product": {"shape": "diamond", "color": "#59a14f"},
    "Place": {"shape": "triangle", "color": "#b07aa1"},
}
_UNKNOWN_TYPE_STYLE = {"shape": "dot", "color": "#9d9d9d"}

#: Line colour of each relation.
RELATION_COLORS: dict[str, str] = {
    "partnersWith": "#2e9e44",
    "rivalOf": "#d62728",
    "ledBy": "#1f77b4",
    "formerlyAt": "#8c8c8c",
    "worksAt": "#17becf",
    "locatedIn": "#bcbd22",
    "acquired": "#9467bd",
    "investedIn": "#e7a614",
    "subsidiaryOf": "#8c564b",
    "productOf": "#e377c2",
}
_UNKNOWN_RELATION_COLOR = "#555555"

#: The vendored vis-network release (``graph/assets/vis-network.min.js``).
VIS_NETWORK_VERSION = "10.1.5"

_MIN_SIZE, _MAX_SIZE = 8.0, 28.0
_MAX_LABEL = 40  # longer names are cut on the canvas; the panel shows them whole
_MAX_TOOLTIP_EVIDENCE = 280

# Inside <script>, "</script" or "<!--" would end or confuse the element, and
# U+2028/2029 break older JavaScript parsers; all of them can only occur inside
# JSON strings, where the \\u escapes mean the same characters.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def render_html(
    G: nx.MultiDiGraph,
    *,
    title: str = "Alliance graph",
    sizes: Mapping[str, float] | None = None,
) -> str:
    """Return one self-contained HTML page that draws *G*.

    *G* follows ``docs/network-format.md``. Node size follows *sizes* (a score
    per node IRI, such as PageRank; nodes it lacks get the smallest size) or,
    without it, the node's degree. The page needs no network access.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("https://example.org/e/x", label="<b>X</b>", type="Person")
    >>> page = render_html(G, sizes={"https://example.org/e/x": 0.4})
    >>> "<b>X</b>" in page, "\\\\u003cb\\\\u003eX" in page
    (False, True)
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    data = _page_data(G, sizes=sizes)
    graph_json = json.dumps(
        data, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str
    ).translate(_SCRIPT_ESCAPES)
    vis_js, page_js = _asset_text("vis-network.min.js"), _asset_text("page.js")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(vis_js)} {_csp_hash(page_js)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    present_types = {n["type"] for n in data["entities"].values()}
    present_relations = {f["relation"] for f in data["facts"].values()}
    env = Environment(
        loader=FileSystemLoader(str(_assets_dir())),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    return env.get_template("page.html.j2").render(
        title=str(title),
        csp=csp,
        generator_version=__version__,
        vis_version=VIS_NETWORK_VERSION,
        node_count=len(data["nodes"]),
        edge_count=len(data["edges"]),
        legend_types=[
            {"name": name, **style}
            for name, style in data["types"].items()
            if name in present_types
        ],
        legend_relations=[
            {"name": name, **rel}
            for name, rel in data["relations"].items()
            if name in present_relations
        ],
        size_basis="score given" if sizes is not None else "number of facts",
        graph_json=graph_json,
        vis_js=vis_js,
        page_js=page_js,
    )


def write_html(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    title: str = "Alliance graph",
    sizes: Mapping[str, float] | None = None,
) -> Path:
    """Write :func:`render_html` of *G* to *path* (UTF-8) and return the path.

    Missing parent folders are created.
    """
    path = Path(path)
    page = render_html(G, title=title, sizes=sizes)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    except OSError as err:
        raise AlliancesError(f"cannot write the page to {str(path)!r}: {err.strerror or err}") from err
    return path


# --- the data embedded in the page -------------------------------------------------


def _page_data(G: nx.MultiDiGraph, *, sizes: Mapping[str, float] | None) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON-able data.

    ``nodes``/``edges``/``options`` go to vis-network as they are; ``entities``
    and ``facts`` (keyed by node and edge id) feed the side panel; ``types`` and
    ``relations`` are the legend.
    """
    from pyvis.network import Network

    # directed=True also spares pyvis's quadratic duplicate-edge check; arrows are
    # set per edge below.
    net = Network(directed=True)
    node_size = _node_sizes(G, sizes)
    entities: dict[str, dict[str, str]] = {}
    for node, attrs in G.nodes(data=True):
        node_id = str(node)
        label = str(attrs.get("label") or _local_name(node_id))
        entity_type = str(attrs.get("type") or "Entity")
        style = TYPE_STYLES.get(entity_type, _UNKNOWN_TYPE_STYLE)
        degree = G.degree(node)
        net.add_node(
            node_id,
            label=_shorten(label, _MAX_LABEL),
            shape=style["shape"],
            color=style["color"],
            size=node_size[node],
            title=f"{label}\n{entity_type} · {degree} {'fact' if degree == 1 else 'facts'}",
        )
        entities[node_id] = {"label": label, "type": entity_type}

    facts: dict[str, dict[str, Any]] = {}
    bends = _parallel_bends(G)
    for index, (u, v, key, attrs) in enumerate(G.edges(keys=True, data=True)):
        edge_id = f"e{index}"
        relation = str(attrs.get("relation") or key)
        known = RELATIONS.get(relation)
        symmetric = bool(attrs.get("symmetric", known.symmetric if known else False))
        fact = _fact(attrs, relation)
        color = RELATION_COLORS.get(relation, _UNKNOWN_RELATION_COLOR)
        options: dict[str, Any] = {
            "id": edge_id,
            # the relation's colour even when selected; selection shows by width instead
            "color": {"color": color, "highlight": color, "hover": color, "opacity": 0.9},
            "dashes": fact["certainty"] != "confirmed",
            "arrows": "" if symmetric else "to",
            "width": 1.0 + 0.5 * min(max(fact["articles"], 1), 5),
            "title": _edge_tooltip(entities[str(u)]["label"], relation, entities[str(v)]["label"],
                                   symmetric, fact),
        }
        if (u, v, key) in bends:
            options["smooth"] = bends[(u, v, key)]
        net.add_edge(str(u), str(v), **options)
        facts[edge_id] = fact

    n_nodes, n_edges = len(net.nodes), len(net.edges)
    options = {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "color": "#222222", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "smooth": {"enabled": True, "type": "continuous", "roundness": 0.5},
            "arrows": {"to": {"scaleFactor": 0.6}},
            "selectionWidth": 2,
            "hoverWidth": 1,
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110,
                                 "springConstant": 0.06, "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": 1000 if n_nodes <= 500 else 400,
                              "updateInterval": 25, "fit": True},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": n_edges > 2000,
            "hideEdgesOnZoom": n_edges > 2000,
            "navigationButtons": False,
            "keyboard": False,
        },
        # Same graph, same picture; Kamada-Kawai seeding gets slow past a few hundred nodes.
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 300},
    }
    types = {name: dict(TYPE_STYLES[name]) for name in ENTITY_TYPES}
    relations = {
        name: {"label": rel.label or name, "color": RELATION_COLORS.get(name, _UNKNOWN_RELATION_COLOR),
               "symmetric": rel.symmetric}
        for name, rel in RELATIONS.items()
    }
    for entity in entities.values():  # outside the contract, still drawn and explained
        types.setdefault(entity["type"], dict(_UNKNOWN_TYPE_STYLE))
    for fact in facts.values():
        relations.setdefault(fact["relation"], {"label": fact["relation"],
                                                "color": _UNKNOWN_RELATION_COLOR, "symmetric": False})
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": options,
        "entities": entities,
        "facts": facts,
        "types": types,
        "relations": relations,
    }


def _node_sizes(G: nx.MultiDiGraph, sizes: Mapping[str, float] | None) -> dict[Any, float]:
    """Pixel size per node: the square root of the score, spread over [8, 28]."""
    if sizes is None:
        score = {node: float(degree) for node, degree in G.degree()}
    else:
        score = {}
        for node in G.nodes:
            value = sizes.get(node, None)
            if value is None:
                continue
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = math.nan
            if not math.isfinite(number):
                raise ValueError(f"sizes[{node!r}] is {value!r}; sizes must be finite numbers")
            score[node] = number
        low = min(score.values(), default=0.0)
        score = {node: score.get(node, low) for node in G.nodes}
    low, high = min(score.values(), default=0.0), max(score.values(), default=0.0)
    if high <= low:
        return {node: round((_MIN_SIZE + _MAX_SIZE) / 2, 2) for node in score}
    return {
        node: round(_MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * math.sqrt((value - low) / (high - low)), 2)
        for node, value in score.items()
    }


def _parallel_bends(G: nx.MultiDiGraph) -> dict[tuple, dict[str, Any]]:
    """Curves that keep parallel facts between the same two entities apart.

    The first fact of a pair stays straight; the next ones bend alternately to
    either side, further each time. The side is taken relative to one fixed
    direction of the pair, so facts pointing opposite ways do not overlap.
    """
    pairs: dict[frozenset, list[tuple]] = defaultdict(list)
    for u, v, key in G.edges(keys=True):
        if u != v:
            pairs[frozenset((str(u), str(v)))].append((u, v, key))
    bends = {}
    for group in pairs.values():
        for rank, (u, v, key) in enumerate(group[1:], start=1):
            clockwise = rank % 2 == 1
            if str(u) > str(v):
                clockwise = not clockwise
            bends[(u, v, key)] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": round(0.2 * ((rank + 1) // 2), 2),
            }
    return bends


def _fact(attrs: Mapping[str, Any], relation: str) -> dict[str, Any]:
    """The side-panel record of one edge, cleaned: numbers finite, URLs web-only."""
    evidence = [_evidence(item) for item in attrs.get("evidence") or () if isinstance(item, Mapping)]
    articles = attrs.get("articles")
    if not isinstance(articles, int) or isinstance(articles, bool):
        articles = len({e["article"] for e in evidence if e["article"]}) or len(evidence)
    return {
        "relation": relation,
        "certainty": str(attrs.get("certainty") or "reported"),
        "confidence": _number(attrs.get("confidence")),
        "articles": articles,
        "first_seen": _text(attrs.get("first_seen")),
        "last_seen": _text(attrs.get("last_seen")),
        "evidence": evidence,
    }


def _evidence(item: Mapping[str, Any]) -> dict[str, Any]:
    url = _text(item.get("url"))
    if url is not None and not url.lower().startswith(("http://", "https://")):
        url = None  # javascript:, data: and the like never become links
    return {
        "text": _text(item.get("text")),
        "article": _text(item.get("article")),
        "title": _text(item.get("title")),
        "url": url,
        "date": _text(item.get("date")),
        "certainty": _text(item.get("certainty")),
        "confidence": _number(item.get("confidence")),
    }


def _edge_tooltip(subject: str, relation: str, obj: str, symmetric: bool, fact: Mapping[str, Any]) -> str:
    """Plain text: vis-network puts a string title in the DOM with innerText."""
    rel = RELATIONS.get(relation)
    arrow = "—" if symmetric else "→"
    lines = [
        f"{_shorten(subject, 60)} {arrow} {rel.label if rel else relation} {arrow} {_shorten(obj, 60)}",
        f"{fact['certainty']} · confidence {_format_confidence(fact['confidence'])}"
        f" · {fact['articles']} {'article' if fact['articles'] == 1 else 'articles'}",
    ]
    first = next((e["text"] for e in fact["evidence"] if e["text"]), None)
    if first:
        lines.append(f"“{_shorten(first, _MAX_TOOLTIP_EVIDENCE)}”")
    return "\n".join(lines)


def _format_confidence(value: float | None) -> str:
    return "?" if value is None else f"{value:.2f}"


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri


# --- the vendored assets -----------------------------------------------------------


def _assets_dir() -> Path:
    return Path(str(resources.files(__package__).joinpath("assets")))


@lru_cache(maxsize=None)
def _asset_text(name: str) -> str:
    text = (_assets_dir() / name).read_text(encoding="utf-8")
    lowered = text.lower()
    if "</script" in lowered or "<!--" in lowered:
        # Inlined as is, this would end the <script> element early.
        raise AlliancesError(f"asset {name!r} contains '</script' or '<!--' and cannot be inlined")
    return text


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
