"""graph.render: one offline, self-contained page; article text never becomes markup."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from graph.render import RELATION_COLORS, TYPE_STYLES, VIS_NETWORK_VERSION, render_html, write_html
from graph.vocabulary import RELATIONS

E = "https://w3id.org/alliances/entity/"
A = "https://w3id.org/alliances/article/"

SCRIPT_CLOSE = "</script><script>alert(1)</script>"
IMG_ONERROR = "<img src=x onerror=alert(1)>"
ASSETS = Path(__file__).resolve().parents[1] / "graph" / "assets"


def _evidence(text, article, *, certainty="confirmed", confidence=0.8, url=None, title=None):
    return {
        "text": text,
        "article": A + article,
        "title": title if title is not None else f"Article {article}",
        "url": url if url is not None else f"https://news.example/{article}",
        "date": "2024-03-01",
        "certainty": certainty,
        "confidence": confidence,
    }


def _add_fact(G, subject, relation, obj, evidence):
    symmetric = RELATIONS[relation].symmetric
    if symmetric and obj < subject:  # the contract: symmetric facts once, smaller IRI first
        subject, obj = obj, subject
    certainty = "confirmed" if any(e["certainty"] == "confirmed" for e in evidence) else "reported"
    G.add_edge(
        subject, obj, key=relation,
        relation=relation, symmetric=symmetric, certainty=certainty,
        confidence=0.8, articles=len({e["article"] for e in evidence}),
        first_seen="2024-03-01", last_seen="2024-03-01", evidence=evidence,
    )


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    """An org, a person, a product: partnersWith confirmed, rivalOf reported, ledBy."""
    G = nx.MultiDiGraph()
    G.add_node(E + "microsoft", label="Microsoft", type="Organization")
    G.add_node(E + "vmware", label="VMware", type="Organization")
    G.add_node(E + "satya-nadella", label="Satya Nadella", type="Person")
    G.add_node(E + "azure", label="Azure", type="Product")
    _add_fact(G, E + "microsoft", "partnersWith", E + "vmware",
              [_evidence("Microsoft and VMware announced a partnership.", "1")])
    _add_fact(G, E + "microsoft", "rivalOf", E + "vmware",
              [_evidence("Microsoft is said to compete with VMware.", "2", certainty="reported")])
    _add_fact(G, E + "microsoft", "ledBy", E + "satya-nadella",
              [_evidence("Microsoft, led by Satya Nadella, ...", "1")])
    return G


@pytest.fixture
def hostile(graph) -> nx.MultiDiGraph:
    """The same graph plus entities and articles whose text is markup or script."""
    graph.add_node(E + "evil-1", label=SCRIPT_CLOSE, type="Organization")
    graph.add_node(E + "evil-2", label=IMG_ONERROR, type="Person")
    _add_fact(graph, E + "evil-1", "ledBy", E + "evil-2", [
        _evidence(f"{SCRIPT_CLOSE} leads {IMG_ONERROR}", "3",
                  title=f"{IMG_ONERROR} & co", url="javascript:alert(1)"),
        _evidence("\u2028line separator\u2029", "4", url='https://news.example/4"><script>alert(1)</script>'),
    ])
    return graph


def _graph_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert match, "no graph-data JSON element"
    return json.loads(match.group(1))


def _edge(data: dict, relation: str) -> dict:
    [edge_id] = [i for i, fact in data["facts"].items() if fact["relation"] == relation]
    return next(e for e in data["edges"] if e["id"] == edge_id)


def test_page_loads_nothing_from_outside(graph):
    page = render_html(graph)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    # and the browser is told to refuse any fetch
    [csp] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert html.unescape(csp).startswith("default-src 'none'; script-src 'sha256-")


def test_vis_network_is_inlined(graph):
    page = render_html(graph)
    vis = (ASSETS / "vis-network.min.js").read_text(encoding="utf-8")
    assert f"@version {VIS_NETWORK_VERSION}" in vis
    assert f"<script>{vis}</script>" in page
    assert "new vis.Network(" in page


def test_counts_match_the_graph(graph):
    data = _graph_data(render_html(graph))
    assert len(data["nodes"]) == graph.number_of_nodes() == 4
    assert len(data["edges"]) == graph.number_of_edges() == 3
    assert {n["id"] for n in data["nodes"]} == set(graph.nodes)
    assert len(data["facts"]) == 3


def test_reported_facts_are_dashed(graph):
    data = _graph_data(render_html(graph))
    assert _edge(data, "rivalOf")["dashes"] is True
    assert _edge(data, "partnersWith")["dashes"] is False
    assert _edge(data, "ledBy")["dashes"] is False


def test_arrows_only_on_directed_relations(graph):
    data = _graph_data(render_html(graph))
    assert "to" not in _edge(data, "partnersWith")["arrows"]
    assert "to" not in _edge(data, "rivalOf")["arrows"]
    assert _edge(data, "ledBy")["arrows"] == "to"
    assert _edge(data, "ledBy")["from"] == E + "microsoft"


def test_parallel_facts_bend_apart(graph):
    data = _graph_data(render_html(graph))
    partners, rival = _edge(data, "partnersWith"), _edge(data, "rivalOf")
    assert partners.get("smooth") != rival.get("smooth")


def test_styles_follow_type_and_relation(graph):
    data = _graph_data(render_html(graph))
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id[E + "satya-nadella"]["shape"] == TYPE_STYLES["Person"]["shape"]
    assert by_id[E + "azure"]["color"] == TYPE_STYLES["Product"]["color"]
    assert _edge(data, "ledBy")["color"]["color"] == RELATION_COLORS["ledBy"]
    # degree decides size when no sizes are given: Microsoft has three facts, Azure none
    assert by_id[E + "microsoft"]["size"] > by_id[E + "vmware"]["size"] > by_id[E + "azure"]["size"]


def test_sizes_override_degree(graph):
    sizes = {E + "azure": 0.9, E + "microsoft": 0.1}
    by_id = {n["id"]: n for n in _graph_data(render_html(graph, sizes=sizes))["nodes"]}
    assert by_id[E + "azure"]["size"] > by_id[E + "microsoft"]["size"]
    assert by_id[E + "vmware"]["size"] == by_id[E + "microsoft"]["size"]  # absent: the smallest


def test_non_finite_size_is_refused(graph):
    with pytest.raises(ValueError, match="azure"):
        render_html(graph, sizes={E + "azure": float("nan")})


def test_edge_tooltip_is_plain_text_with_evidence(graph):
    title = _edge(_graph_data(render_html(graph)), "rivalOf")["title"]
    assert title.splitlines() == [
        "Microsoft — rival of — VMware",
        "reported · confidence 0.80 · 1 article",
        "“Microsoft is said to compete with VMware.”",
    ]


def test_legend_lists_every_relation_and_type_present(graph):
    page = render_html(graph)
    legend = page[page.index('<details class="legend"'):page.index("</details>")]
    for relation in ("partnersWith", "rivalOf", "ledBy"):
        assert f'data-relation="{relation}"' in legend
        assert RELATIONS[relation].label in legend
    assert 'data-relation="acquired"' not in legend
    for entity_type in ("Organization", "Person", "Product"):
        assert f'data-type="{entity_type}"' in legend
    assert 'data-type="Place"' not in legend


def test_hostile_text_is_never_markup(hostile):
    page = render_html(hostile, title=IMG_ONERROR)
    for raw in (SCRIPT_CLOSE, IMG_ONERROR, "alert(1)</script>", "<img", "\u2028", "\u2029"):
        assert raw not in page
    assert page.count("</script>") == 3 == len(re.findall(r"<script\b", page))
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in page
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in page
    data = _graph_data(page)  # the JSON still reads back to the original text
    labels = {e["label"] for e in data["entities"].values()}
    assert {SCRIPT_CLOSE, IMG_ONERROR} <= labels
    [fact] = [f for f in data["facts"].values() if f["evidence"][0]["article"] == A + "3"]
    assert fact["evidence"][0]["url"] is None  # javascript: is no link
    assert fact["evidence"][1]["text"] == "\u2028line separator\u2029"


def test_page_script_never_parses_markup():
    script = (ASSETS / "page.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


def test_empty_graph_renders():
    data = _graph_data(render_html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == []


def test_write_html(graph, tmp_path):
    path = write_html(graph, tmp_path / "out" / "page.html", title="T")
    assert path.read_text(encoding="utf-8") == render_html(graph, title="T")


def test_rendering_is_deterministic(graph):
    assert render_html(graph) == render_html(graph)


CHROMIUM = "/usr/bin/chromium"


@pytest.mark.slow
def test_page_runs_in_a_browser(hostile, tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    # A payload that leaves a mark if any article text ever runs as script.
    hostile.add_node(E + "evil-3", type="Organization",
                     label="<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','1')\">")
    page = write_html(hostile, tmp_path / "page.html")
    try:
        done = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
             "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("chromium did not finish within 120 s")
    dom = done.stdout
    assert "<canvas" in dom, done.stderr[-2000:]
    n, m = hostile.number_of_nodes(), hostile.number_of_edges()
    assert f'data-graph-ready="{n} {m}"' in dom  # the page script ran to its end
    assert 'data-pwned="1"' not in dom
    assert "<img src=" not in dom and "alert(1)</script>" not in dom
    # console messages reach stderr with --enable-logging; none may be a script error or a CSP refusal
    assert "Uncaught" not in done.stderr and "Content Security Policy" not in done.stderr
