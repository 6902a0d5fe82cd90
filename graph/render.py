"""The networkx projection as one self-contained, offline HTML page.

:func:`render_html` takes the graph described in ``docs/network-format.md`` and
returns a single page that draws it with vis-network: nodes coloured and shaped
by entity type and sized by degree (or any score you pass, such as PageRank),
edges coloured by relation, dashed when only reported, with arrows only on
directed relations; hovering shows a plain-text tooltip, clicking an entity or a
fact lists its evidence sentences with their articles in a side panel. A search
box finds an entity by name; filters by relation, certainty, minimum confidence
and article date hide facts (entities stay unless the reader asks to hide those
left without a visible fact), and the header counts what is shown.

The page loads nothing: vis-network (vendored in ``graph/assets/``) and the
page script are inlined, and a Content-Security-Policy forbids every fetch.
A page of a site (:mod:`graph.site`) may instead load vis-network from one
shared file next to it, by a relative ``src``; its policy then allows scripts
from its own folder (``'self'``) and nothing from the network.

Small graphs are laid out in the page by vis-network's physics, stopped once
stable; graphs of more than :data:`BROWSER_LAYOUT_LIMIT` entities get their
positions from :func:`graph.layout.force_layout` and no physics, so a page of
5,000 entities and 20,000 facts is usable within seconds (``bench/render.py``).
Past :data:`HOVER_LABEL_LIMIT` entities only the largest ones carry a label on
the canvas; the others show theirs on hover and when selected.

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
import re
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
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
    "render_index",
    "copy_vis_network",
    "TYPE_STYLES",
    "RELATION_COLORS",
    "VIS_NETWORK_VERSION",
    "LAYOUTS",
    "BROWSER_LAYOUT_LIMIT",
    "HOVER_LABEL_LIMIT",
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

#: How a page gets its positions: ``"auto"`` (by size), ``"physics"`` (vis-network
#: simulates in the page, then stops) or ``"precomputed"`` (graph.layout, physics off).
LAYOUTS = ("auto", "physics", "precomputed")
#: Above this many entities, ``layout="auto"`` computes positions in Python.
BROWSER_LAYOUT_LIMIT = 300
#: Above this many entities, labels are drawn only for the largest ones, on hover and on selection.
HOVER_LABEL_LIMIT = 500
_ALWAYS_LABELLED = 20
#: Above this many facts, lines are straight and fainter, and dashes and arrows are
#: drawn only from a zoom of _DETAIL_SCALE on: drawing them all takes the browser
#: five times as long, on every frame, and they cannot be told apart from afar.
_STRAIGHT_EDGE_LIMIT = 2000
_DETAIL_SCALE = 0.45

_MIN_SIZE, _MAX_SIZE = 8.0, 28.0
_MAX_LABEL = 40  # longer names are cut on the canvas; the panel shows them whole
_MAX_TOOLTIP_EVIDENCE = 280
# px between a node and its nearest neighbour in precomputed layouts: room for a label,
# or closer where most labels show only on hover, so that the whole graph is seen bigger
_SPACING, _SPACING_UNLABELLED = 70.0, 40.0

# Inside <script>, "</script" or "<!--" would end or confuse the element, and
# U+2028/2029 break older JavaScript parsers; all of them can only occur inside
# JSON strings, where the \\u escapes mean the same characters.
_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)
# A link the page may follow inside a site: relative, no scheme, no "//host".
_RELATIVE_LINK = re.compile(r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!//)[^\\\s]+$")


def render_html(
    G: nx.MultiDiGraph,
    *,
    title: str = "Alliance graph",
    sizes: Mapping[Hashable, float] | None = None,
    layout: str = "auto",
    focus: Hashable | None = None,
    entity_links: Mapping[Hashable, str] | None = None,
    nav_links: Sequence[tuple[str, str]] = (),
    vis_src: str | None = None,
) -> str:
    """Return one self-contained HTML page that draws *G*.

    *G* follows ``docs/network-format.md``. Node size follows *sizes* (a score
    per node IRI, such as PageRank; nodes it lacks get the smallest size) or,
    without it, the node's degree. *layout* is one of :data:`LAYOUTS`.
    *focus* names a node the page selects and shows in its side panel when it
    opens (default: ``G.graph["focus"]``, set by :func:`graph.views.ego_view`).

    For pages of a site (:mod:`graph.site`): *entity_links* maps nodes to the
    relative URL of their own page (offered in the side panel), *nav_links*
    are ``(text, relative URL)`` pairs shown in the header, and *vis_src* is
    the relative URL of a shared copy of vis-network (see
    :func:`copy_vis_network`) loaded instead of inlining it. Links must be
    relative. The page needs no network access.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("https://example.org/e/x", label="<b>X</b>", type="Person")
    >>> page = render_html(G, sizes={"https://example.org/e/x": 0.4})
    >>> "<b>X</b>" in page, "\\\\u003cb\\\\u003eX" in page
    (False, True)
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout={layout!r}; use one of {list(LAYOUTS)}")
    if focus is None:
        focus = G.graph.get("focus")
    if focus is not None and focus not in G:
        raise ValueError(f"focus={focus!r} is not a node of the graph")
    nav_links = [(str(text), link) for text, link in nav_links]
    for name, link in [("vis_src", vis_src), *(("nav_links", link) for _, link in nav_links),
                       *((f"entity_links[{n!r}]", v) for n, v in (entity_links or {}).items())]:
        if link is not None and not (isinstance(link, str) and _RELATIVE_LINK.match(link)):
            raise ValueError(f"{name}={link!r} is not a relative link such as 'org/ibm.html'")

    data = _page_data(G, sizes=sizes, layout=layout)
    data["focus"] = None if focus is None else str(focus)
    data["links"] = {str(n): link for n, link in (entity_links or {}).items() if n in G}
    graph_json = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=str)
    for raw, escaped in _SCRIPT_ESCAPES:
        graph_json = graph_json.replace(raw, escaped)
    page_js = _asset_text("page.js")
    if vis_src is None:
        vis_js, script_sources = _asset_text("vis-network.min.js"), _csp_hash(_asset_text("vis-network.min.js"))
    else:
        # Chromium counts every file: URL as 'self' for a page opened from disk; the
        # file: source says the same to browsers that give such pages an opaque origin.
        vis_js, script_sources = None, "'self' file:"
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {script_sources} {_csp_hash(page_js)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    present_types = {n["type"] for n in data["entities"].values()}
    present_relations = {f["relation"] for f in data["facts"].values()}
    return _template("page.html.j2").render(
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
        certainties=[c for c in ("confirmed", "reported")
                     if any(f["certainty"] == c for f in data["facts"].values())],
        size_basis="centrality score" if sizes is not None else "number of facts",
        hover_labels=data["labels"] == "hover",
        detail_on_zoom=data["detailScale"] is not None,
        nav_links=nav_links,
        graph_json=graph_json,
        vis_js=vis_js,
        vis_src=vis_src,
        page_js=page_js,
    )


def write_html(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    title: str = "Alliance graph",
    sizes: Mapping[Hashable, float] | None = None,
    layout: str = "auto",
    focus: Hashable | None = None,
    entity_links: Mapping[Hashable, str] | None = None,
    nav_links: Sequence[tuple[str, str]] = (),
    vis_src: str | None = None,
) -> Path:
    """Write :func:`render_html` of *G* to *path* (UTF-8) and return the path.

    Missing parent folders are created.
    """
    path = Path(path)
    page = render_html(G, title=title, sizes=sizes, layout=layout, focus=focus,
                       entity_links=entity_links, nav_links=nav_links, vis_src=vis_src)
    _write_text(path, page, what="the page")
    return path


def render_index(
    *,
    title: str,
    entities: int,
    facts: int,
    organizations: Sequence[Mapping[str, Any]],
    blocs: Sequence[Mapping[str, Any]],
    graph_link: str,
    depth: int,
) -> str:
    """The index page of a site: plain HTML, no script, every link relative.

    *organizations* are dicts with ``name``, ``href``, ``facts`` and ``bloc``
    (None, or a dict with ``name`` and ``href``); *blocs* have ``name``,
    ``href``, ``size`` and ``members`` (names); *graph_link* leads to the
    page of the whole graph; *depth* is that of the organizations' pages.

    >>> page = render_index(title="T", entities=2, facts=1, graph_link="graph.html", depth=1,
    ...                     organizations=[{"name": "<IBM>", "href": "org/ibm.html", "facts": 1, "bloc": None}],
    ...                     blocs=[])
    >>> '<a href="org/ibm.html">&lt;IBM&gt;</a>' in page, "<script" in page
    (True, False)
    """
    links = [graph_link, *(o["href"] for o in organizations), *(b["href"] for b in blocs),
             *(o["bloc"]["href"] for o in organizations if o.get("bloc"))]
    for link in links:
        if not (isinstance(link, str) and _RELATIVE_LINK.match(link)):
            raise ValueError(f"{link!r} is not a relative link such as 'org/ibm.html'")
    return _template("site-index.html.j2").render(
        title=str(title), entities=entities, facts=facts, organizations=organizations, blocs=blocs,
        graph_link=graph_link, steps=f"{depth} step" if depth == 1 else f"{depth} steps",
        generator_version=__version__,
    )


def copy_vis_network(directory: str | Path) -> Path:
    """Copy the vendored vis-network (and its licence) into *directory*; return the script's path.

    For sites, whose pages share this one copy (``vis_src`` of :func:`render_html`).
    """
    import shutil

    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name in ("vis-network.min.js", "vis-network.LICENSE.txt"):
            shutil.copyfile(_assets_dir() / name, directory / name)
    except OSError as err:
        raise AlliancesError(f"cannot copy vis-network to {str(directory)!r}: {err.strerror or err}") from err
    return directory / "vis-network.min.js"


def _write_text(path: Path, text: str, *, what: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise AlliancesError(f"cannot write {what} to {str(path)!r}: {err.strerror or err}") from err


# --- the data embedded in the page -------------------------------------------------


def _page_data(G: nx.MultiDiGraph, *, sizes: Mapping[Hashable, float] | None, layout: str) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON-able data.

    ``nodes``/``edges``/``options`` go to vis-network as they are; ``entities``
    and ``facts`` (keyed by node and edge id) feed the side panel, the search
    and the filters; ``types`` and ``relations`` are the legend; ``labels`` is
    ``"all"`` or ``"hover"`` (only the ``labelled`` nodes keep theirs).
    """
    # pyvis's Node and Edge assemble the vis-network options; its Network is not
    # used, as its add_edge looks both ends up in a list (minutes at 20,000 edges).
    from pyvis.edge import Edge
    from pyvis.node import Node

    n_nodes, n_edges = G.number_of_nodes(), G.number_of_edges()
    precomputed = layout == "precomputed" or (layout == "auto" and n_nodes > BROWSER_LAYOUT_LIMIT)
    hover_labels = n_nodes > HOVER_LABEL_LIMIT
    positions = {}
    if precomputed:
        from .layout import force_layout

        positions = force_layout(G, scale=_SPACING_UNLABELLED if hover_labels else _SPACING)
    straight = n_edges > _STRAIGHT_EDGE_LIMIT
    node_size = _node_sizes(G, sizes)
    labelled = set(sorted(G.nodes, key=lambda n: (-node_size[n], str(n)))[:_ALWAYS_LABELLED]) if hover_labels else set()

    nodes: list[dict[str, Any]] = []
    entities: dict[str, dict[str, str]] = {}
    for node, attrs in G.nodes(data=True):
        node_id = str(node)
        label = str(attrs.get("label") or _local_name(node_id))
        entity_type = str(attrs.get("type") or "Entity")
        style = TYPE_STYLES.get(entity_type, _UNKNOWN_TYPE_STYLE)
        degree = G.degree(node)
        options: dict[str, Any] = {
            "color": style["color"],
            "size": node_size[node],
            "title": f"{label}\n{entity_type} · {degree} {'fact' if degree == 1 else 'facts'}",
        }
        if node in positions:
            options["x"], options["y"] = positions[node]
        shown = _shorten(label, _MAX_LABEL) if not hover_labels or node in labelled else ""
        nodes.append(Node(node_id, style["shape"], label=shown, **options).options)
        if not shown:
            del nodes[-1]["label"]  # page.js draws it on hover and selection
        entities[node_id] = {"label": label, "type": entity_type}

    edges: list[dict[str, Any]] = []
    facts: dict[str, dict[str, Any]] = {}
    bends = _parallel_bends(G)
    for index, (u, v, key, attrs) in enumerate(G.edges(keys=True, data=True)):
        edge_id = f"e{index}"
        relation = str(attrs.get("relation") or key)
        known = RELATIONS.get(relation)
        symmetric = bool(attrs.get("symmetric", known.symmetric if known else False))
        fact = _fact(attrs, relation)
        fact["symmetric"] = symmetric
        color = RELATION_COLORS.get(relation, _UNKNOWN_RELATION_COLOR)
        options = {
            "id": edge_id,
            # the relation's colour even when selected; selection shows by width instead
            "color": {"color": color, "highlight": color, "hover": color, "opacity": 0.6 if straight else 0.9},
            # Big graphs start plain; page.js adds dashes and arrows once zoomed in enough to see them.
            "dashes": fact["certainty"] != "confirmed" and not straight,
            "arrows": "" if symmetric or straight else "to",
            "width": 1.0 + 0.5 * min(max(fact["articles"], 1), 5),
            "title": _edge_tooltip(entities[str(u)]["label"], relation, entities[str(v)]["label"],
                                   symmetric, fact),
        }
        if (u, v, key) in bends:
            options["smooth"] = bends[(u, v, key)]
        edges.append(Edge(str(u), str(v), directed=True, **options).options)
        facts[edge_id] = fact

    options = {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 16, "color": "#222222", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "smooth": False if straight else {"enabled": True, "type": "continuous", "roundness": 0.5},
            "arrows": {"to": {"scaleFactor": 0.6}},
            "selectionWidth": 2,
            "hoverWidth": 1,
        },
        "physics": {
            "enabled": not precomputed,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110,
                                 "springConstant": 0.06, "avoidOverlap": 0.3},
            # Bounded, then physics is switched off (page.js): the picture holds still.
            "stabilization": {"enabled": True, "iterations": 1000 if n_nodes <= 500 else 400,
                              "updateInterval": 25, "fit": True},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": n_edges > _STRAIGHT_EDGE_LIMIT,
            "hideEdgesOnZoom": n_edges > _STRAIGHT_EDGE_LIMIT,
            "navigationButtons": False,
            "keyboard": False,
        },
        # Same graph, same picture; Kamada-Kawai seeding gets slow past a few hundred nodes.
        "layout": {"randomSeed": 7, "improvedLayout": not precomputed and n_nodes <= BROWSER_LAYOUT_LIMIT},
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
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "entities": entities,
        "facts": facts,
        "types": types,
        "relations": relations,
        "labels": "hover" if hover_labels else "all",
        # zoom (vis-network scale) from which dashes and arrows are drawn; null: always
        "detailScale": _DETAIL_SCALE if straight else None,
        "labelled": sorted(str(n) for n in labelled),
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
def _template(name: str):
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(_assets_dir())),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    return env.get_template(name)


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
