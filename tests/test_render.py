"""graph.render: one offline, self-contained page; article text never becomes markup.

The tests marked slow open the pages in headless Chromium (see ``_browser.py``)
and check what a reader gets: everything drawn, filters, search, evidence on a
click, no request leaving the disk, and no article text ever run as script.
"""

from __future__ import annotations

import html
import json
import random
import re
from pathlib import Path

import _browser
import networkx as nx
import pytest

from graph.render import (
    BROWSER_LAYOUT_LIMIT,
    HOVER_LABEL_LIMIT,
    RELATION_COLORS,
    TYPE_STYLES,
    VIS_NETWORK_VERSION,
    render_html,
    write_html,
)
from graph.vocabulary import RELATIONS

browser, visit = _browser.browser, _browser.visit  # the fixtures opening pages in Chromium

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


def _csp(page: str) -> str:
    [csp] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    return html.unescape(csp)


def synthetic_graph(n: int, m: int, *, seed: int = 1) -> nx.MultiDiGraph:
    """*n* entities and *m* facts of every relation and certainty, dated 2010-2024."""
    rnd = random.Random(seed)
    types = ["Organization"] * 6 + ["Person", "Product", "Place"]
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"{E}n{i:05d}", label=f"Entity {i}", type=rnd.choice(types))
    H = nx.gnm_random_graph(n, m, seed=seed)
    for u, v in H.edges:
        relation = rnd.choice(list(RELATIONS))
        date = f"{rnd.randrange(2010, 2025)}-0{rnd.randrange(1, 10)}-1{rnd.randrange(0, 10)}"
        certainty = rnd.choice(["confirmed", "reported"])
        s, o = f"{E}n{u:05d}", f"{E}n{v:05d}"
        if RELATIONS[relation].symmetric and o < s:
            s, o = o, s
        G.add_edge(s, o, key=relation, relation=relation, symmetric=RELATIONS[relation].symmetric,
                   certainty=certainty, confidence=round(rnd.random(), 3), articles=1,
                   first_seen=date, last_seen=date,
                   evidence=[{"text": f"Entity {u} and Entity {v}.", "article": f"{A}{u}-{v}",
                              "title": f"Article {u}-{v}", "url": f"https://news.example/{u}-{v}",
                              "date": date, "certainty": certainty, "confidence": 0.5}])
    return G


def test_page_loads_nothing_from_outside(graph):
    page = render_html(graph)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    # and the browser is told to refuse any fetch
    csp = _csp(page)
    assert csp.startswith("default-src 'none'; script-src 'sha256-")
    assert "'self'" not in csp and "unsafe-inline' " not in csp.split("style-src")[0]


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



# -- options: layout, labels, focus, links, a shared vis-network ---------------------

def test_small_graphs_are_laid_out_in_the_page(graph):
    data = _graph_data(render_html(graph))
    assert data["options"]["physics"]["enabled"] is True
    assert all("x" not in n for n in data["nodes"])
    assert data["labels"] == "all" and data["detailScale"] is None


def test_precomputed_layout_switches_physics_off(graph):
    data = _graph_data(render_html(graph, layout="precomputed"))
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    with pytest.raises(ValueError, match="'springy'.*'precomputed'"):
        render_html(graph, layout="springy")


def test_big_graphs_get_positions_fewer_labels_and_plain_lines():
    G = synthetic_graph(HOVER_LABEL_LIMIT + 100, 2100)
    assert G.number_of_nodes() > BROWSER_LAYOUT_LIMIT
    data = _graph_data(render_html(G))
    assert data["options"]["physics"]["enabled"] is False and "x" in data["nodes"][0]
    assert data["labels"] == "hover"
    labelled = [n["id"] for n in data["nodes"] if n.get("label")]
    assert sorted(labelled) == data["labelled"] and len(labelled) == 20
    # the labelled ones are the largest
    smallest_labelled = min(n["size"] for n in data["nodes"] if n.get("label"))
    assert all(n["size"] <= smallest_labelled for n in data["nodes"] if not n.get("label"))
    # dashes and arrows wait for the reader to zoom in; the facts keep what they stand for
    assert data["detailScale"] > 0
    assert not any(e["dashes"] or e["arrows"] for e in data["edges"])
    assert {f["certainty"] for f in data["facts"].values()} == {"confirmed", "reported"}
    assert {f["symmetric"] for f in data["facts"].values()} == {True, False}


def test_focus_is_selected_when_the_page_opens(graph):
    assert _graph_data(render_html(graph, focus=E + "vmware"))["focus"] == E + "vmware"
    graph.graph["focus"] = E + "azure"  # as graph.views.ego_view records it
    assert _graph_data(render_html(graph))["focus"] == E + "azure"
    with pytest.raises(ValueError, match="nowhere"):
        render_html(graph, focus=E + "nowhere")


@pytest.mark.parametrize("link", ["javascript:alert(1)", "https://evil.example/", "//evil.example/x",
                                  "data:text/html,x", "a b.html", ""])
def test_links_of_a_site_must_be_relative(graph, link):
    with pytest.raises(ValueError, match="relative link"):
        render_html(graph, entity_links={E + "vmware": link})
    with pytest.raises(ValueError, match="relative link"):
        render_html(graph, nav_links=[("Index", link)])


def test_page_of_a_site_shares_vis_network(graph):
    page = render_html(graph, vis_src="../assets/vis-network.min.js", nav_links=[("<Index>", "../index.html")],
                       entity_links={E + "vmware": "vmware.html", E + "nowhere": "x.html"})
    assert '<script src="../assets/vis-network.min.js"></script>' in page
    assert "new vis.Network(" in page and "@version" not in page  # page.js inlined, vis-network not
    assert '<a class="nav" href="../index.html">&lt;Index&gt;</a>' in page
    csp = _csp(page)
    assert csp.startswith("default-src 'none'; script-src 'self' file: 'sha256-")
    assert "unsafe-eval" not in csp and "http" not in csp
    assert _graph_data(page)["links"] == {E + "vmware": "vmware.html"}


def test_page_counts_say_entity_and_fact_in_the_singular():
    G = nx.MultiDiGraph()
    _add_fact(G, E + "a", "partnersWith", E + "b", [_evidence("A and B.", "1")])
    assert ">2 entities &middot; 1 fact<" in render_html(G)


# -- in a real browser ----------------------------------------------------------------

DRAWN = "() => [allianceGraph.drawnCounts(), allianceGraph.visibleCounts()]"


@pytest.mark.slow
def test_page_draws_every_entity_and_fact(graph, tmp_path, visit):
    seen = visit(write_html(graph, tmp_path / "page.html"))
    drawn, visible = seen.evaluate(DRAWN)
    assert drawn == {"nodes": 4, "edges": 3}
    assert visible == {"nodes": 4, "edges": 3, "totalNodes": 4, "totalEdges": 3}
    assert seen.evaluate("() => [allianceGraph.nodes.length, allianceGraph.edges.length]") == [4, 3]
    assert seen.page.inner_text("#counts") == "4 entities · 3 facts"
    # laid out, then still
    assert seen.evaluate("() => allianceGraph.network.physics.options.enabled") is False
    assert seen.page.locator("#network canvas").count() == 1
    seen.assert_clean()


@pytest.mark.slow
def test_filters_hide_facts_and_entities_only_when_asked(graph, tmp_path, visit):
    seen = visit(write_html(graph, tmp_path / "page.html"))
    page = seen.page

    page.uncheck('input[name="relation"][value="rivalOf"]')
    assert seen.evaluate(DRAWN)[0] == {"nodes": 4, "edges": 2}  # Azure, with no fact, stays
    hidden = seen.evaluate("() => allianceGraph.edges.get({filter: e => e.hidden}).map(e => e.id)")
    assert [seen.evaluate(f"() => allianceGraph.data.facts['{i}'].relation") for i in hidden] == ["rivalOf"]
    assert page.inner_text("#counts") == "showing 4 of 4 entities · 2 of 3 facts"

    page.uncheck('input[name="certainty"][value="confirmed"]')
    assert seen.evaluate(DRAWN)[0] == {"nodes": 4, "edges": 0}
    page.check("#hide-isolated")
    assert seen.evaluate(DRAWN)[0] == {"nodes": 0, "edges": 0}
    assert page.inner_text("#counts") == "showing 0 of 4 entities · 0 of 3 facts"

    page.click("#reset")
    assert seen.evaluate(DRAWN)[0] == {"nodes": 4, "edges": 3}
    page.check("#hide-isolated")
    assert seen.evaluate(DRAWN)[0] == {"nodes": 3, "edges": 3}  # only Azure had no fact

    page.fill("#min-confidence", "0.85")  # every fact has 0.8
    assert seen.evaluate(DRAWN)[0] == {"nodes": 0, "edges": 0}
    page.fill("#min-confidence", "0.8")
    assert seen.evaluate(DRAWN)[0] == {"nodes": 3, "edges": 3}

    page.fill("#date-from", "2024-03-02")  # every article is of 2024-03-01
    assert seen.evaluate(DRAWN)[0] == {"nodes": 0, "edges": 0}
    page.fill("#date-from", "2024-03-01")
    page.fill("#date-to", "2024-03-01")
    assert seen.evaluate(DRAWN)[0] == {"nodes": 3, "edges": 3}
    seen.assert_clean()


@pytest.mark.slow
def test_click_on_a_fact_shows_its_evidence(graph, tmp_path, visit):
    seen = visit(write_html(graph, tmp_path / "page.html"))
    [led_by] = seen.evaluate("() => Object.keys(allianceGraph.data.facts)"
                             ".filter(id => allianceGraph.data.facts[id].relation === 'ledBy')")
    seen.page.mouse.click(*seen.edge_midpoint(led_by))
    assert seen.evaluate("() => allianceGraph.network.getSelectedEdges()") == [led_by]
    panel = seen.page.locator("#details")
    assert panel.locator("blockquote").inner_text() == "Microsoft, led by Satya Nadella, ..."
    link = panel.locator(".source a")
    assert link.inner_text() == "Article 1"
    assert link.get_attribute("href") == "https://news.example/1"
    assert link.get_attribute("rel") == "noopener noreferrer nofollow"
    meta = panel.locator(".source .meta").inner_text()
    assert "2024-03-01" in meta and "confirmed" in meta and "confidence 0.80" in meta
    seen.assert_clean()


@pytest.mark.slow
def test_click_on_an_entity_lists_its_facts(graph, tmp_path, visit):
    seen = visit(write_html(graph, tmp_path / "page.html"))
    seen.page.mouse.click(*seen.node_position(E + "vmware"))
    panel = seen.page.locator("#details")
    assert panel.locator("h2").inner_text() == "VMware"
    assert panel.locator(".count").inner_text() == "2 facts"
    quotes = panel.locator("blockquote").all_inner_texts()
    assert quotes == ["Microsoft and VMware announced a partnership.", "Microsoft is said to compete with VMware."]
    assert "reported" in panel.locator(".fact").nth(1).locator(".meta").first.inner_text()
    # an empty spot clears the panel
    seen.page.mouse.click(20, 60)
    assert "Click an entity" in panel.inner_text()
    seen.assert_clean()


@pytest.mark.slow
def test_search_finds_and_focuses_an_entity(graph, tmp_path, visit):
    seen = visit(write_html(graph, tmp_path / "page.html"))
    page = seen.page
    page.click("#search")
    page.keyboard.type("NADEL")  # any case, any part of the name
    options = page.locator("#search-results li")
    assert options.count() == 1
    assert options.locator(".label").inner_text() == "Satya Nadella"
    assert options.locator(".type").inner_text() == "Person"
    page.keyboard.press("Enter")
    assert page.locator("#search-results").is_hidden()
    assert seen.evaluate("() => allianceGraph.network.getSelectedNodes()") == [E + "satya-nadella"]
    assert page.locator("#details h2").inner_text() == "Satya Nadella"
    # names starting with the text come first; a click picks one
    page.fill("#search", "m")
    assert page.locator("#search-results li .label").all_inner_texts()[0] == "Microsoft"
    page.fill("#search", "zzz")
    assert page.locator("#search-results li").inner_text() == "No entity has this in its name."
    page.fill("#search", "vm")
    page.locator("#search-results li").first.click()
    assert seen.evaluate("() => allianceGraph.network.getSelectedNodes()") == [E + "vmware"]
    seen.assert_clean()


@pytest.mark.slow
def test_hostile_names_and_sentences_never_run(hostile, tmp_path, visit):
    # A payload that leaves a mark if any article text ever runs as script.
    hostile.add_node(E + "evil-3", type="Organization",
                     label="<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','1')\">")
    seen = visit(write_html(hostile, tmp_path / "page.html", title=IMG_ONERROR))
    page = seen.page
    assert page.title() == IMG_ONERROR
    # hover over the probe (its tooltip), find it, click it, and its fact
    page.mouse.move(*seen.node_position(E + "evil-2"))
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().startswith(IMG_ONERROR)
    page.fill("#search", "<img")
    assert IMG_ONERROR in page.locator("#search-results").inner_text()
    page.locator("#search-results li", has_text=IMG_ONERROR).click()
    assert page.locator("#details h2").inner_text() == IMG_ONERROR
    page.locator("#details .fact-link").first.click()
    assert SCRIPT_CLOSE in page.locator("#details").inner_text()
    page.mouse.click(*seen.node_position(E + "evil-3"))
    page.wait_for_timeout(200)

    assert seen.dialogs == []
    assert page.evaluate("() => document.documentElement.getAttribute('data-pwned')") is None
    assert page.evaluate("() => document.querySelectorAll('img, #details script').length") == 0
    # the javascript: URL is no link; the quoted one is only text
    assert page.locator("#details a[href^='javascript']").count() == 0
    seen.assert_clean()


@pytest.mark.slow
def test_big_graph_opens_drawn_and_still(tmp_path, visit):
    G = synthetic_graph(1000, 4000)
    seen = visit(write_html(G, tmp_path / "big.html"))
    drawn, _ = seen.evaluate(DRAWN)
    assert drawn == {"nodes": 1000, "edges": 4000}
    # dashes and arrows appear on the lines in view once zoomed in, and go when zoomed out
    styled = """() => { const g = allianceGraph;
        return g.edges.get({filter: e => e.dashes || e.arrows}).map(e => [g.data.facts[e.id], e.dashes, e.arrows]); }"""
    assert seen.evaluate(styled) == []
    seen.page.mouse.move(*seen.node_position(E + "n00007"))
    for _ in range(40):  # zoom in about that node, one notch at a time
        if seen.evaluate("() => allianceGraph.network.getScale() >= allianceGraph.data.detailScale"):
            break
        seen.page.mouse.wheel(0, -100)
        seen.page.wait_for_timeout(20)
    seen.page.wait_for_function(f"() => ({styled})().length > 0")
    lines = seen.evaluate(styled)
    assert all(dashes == (fact["certainty"] == "reported") for fact, dashes, _ in lines)
    assert all((arrows == "to") == (not fact["symmetric"]) for fact, _, arrows in lines)
    seen.page.click("#fit")
    assert seen.evaluate(styled) == []
    # hovering shows a name; the filters work at this size too
    target = E + "n00007"
    seen.page.mouse.move(*seen.node_position(target))
    seen.page.wait_for_function("(id) => !!allianceGraph.nodes.get(id).label", arg=target)
    seen.page.uncheck('input[name="relation"][value="partnersWith"]')
    partners = sum(1 for *_, r in G.edges(data="relation") if r == "partnersWith")
    assert seen.evaluate(DRAWN)[0] == {"nodes": 1000, "edges": 4000 - partners}
    seen.assert_clean()
