"""graph.site and ``alliances render --focus/--site``: linked offline pages.

The store is filled from hand-made facts (no extractor), so these tests need
no spaCy model. The ones marked slow walk through a site in headless Chromium
(see ``_browser.py``), following its relative links from disk.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import _browser
import networkx as nx
import pytest

from graph.cli import main
from graph.rdf import article_graph
from graph.records import Article, Entity, Fact
from graph.site import write_site
from graph.store import open_store

browser, visit = _browser.browser, _browser.visit  # the fixtures opening pages in Chromium

E = "https://w3id.org/alliances/entity/"
ORGS = ["Microsoft", "VMware", "Dell", "Intel", "Oracle", "Sun Microsystems"]


def _facts():
    ms, vm, dell, intel, oracle, sun = (Entity(name, "Organization") for name in ORGS)
    nadella = Entity("Satya Nadella", "Person")
    return [
        ("Microsoft and VMware partner. Microsoft rivals VMware.", "2024-03-01", [
            Fact(ms, "partnersWith", vm, confidence=0.9, evidence="Microsoft and VMware partner."),
            Fact(ms, "rivalOf", vm, certainty="reported", confidence=0.6, evidence="Microsoft rivals VMware."),
        ]),
        ("Dell partners with VMware and Intel. Microsoft is led by Satya Nadella.", "2023-05-02", [
            Fact(dell, "partnersWith", vm, confidence=0.8, evidence="Dell partners with VMware and Intel."),
            Fact(dell, "partnersWith", intel, confidence=0.8, evidence="Dell partners with VMware and Intel."),
            Fact(ms, "ledBy", nadella, confidence=0.9, evidence="Microsoft is led by Satya Nadella."),
        ]),
        ("Oracle partners with Sun Microsystems.", "2009-04-20", [
            Fact(oracle, "partnersWith", sun, confidence=0.9, evidence="Oracle partners with Sun Microsystems."),
        ]),
    ]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("site") / "store"
    with open_store(str(path)) as s:
        for i, (text, date, facts) in enumerate(_facts()):
            s.replace_graph(article_graph(
                Article(text, title=f"Article {i}", url=f"https://news.example/{i}", date=date), facts))
    return path


@pytest.fixture(scope="module")
def projected(store) -> nx.MultiDiGraph:
    from graph.network import project

    with open_store(str(store)) as s:
        return project(s)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _graph_data(path: Path) -> dict:
    page = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)[1])


def _hrefs(path: Path) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]*)"', path.read_text(encoding="utf-8"))


# -- write_site ------------------------------------------------------------------------

def test_site_has_an_index_the_graph_and_a_page_per_organization_and_bloc(projected, tmp_path):
    site = write_site(projected, tmp_path / "site")
    root = tmp_path / "site"
    names = sorted(p.relative_to(root).as_posix() for p in site.pages)
    assert site.index == root / "index.html" and site.organizations == 6
    assert {f"org/{n}.html" for n in ["microsoft", "vmware", "dell", "intel", "oracle", "sun-microsystems"]} \
        <= set(names)
    assert {"index.html", "graph.html"} <= set(names)
    assert len([n for n in names if n.startswith("bloc/")]) == site.blocs >= 2
    # one shared copy of vis-network, with its licence; no page inlines it
    assert (root / "assets" / "vis-network.min.js").stat().st_size > 600_000
    assert (root / "assets" / "vis-network.LICENSE.txt").is_file()
    assert all(p.stat().st_size < 200_000 for p in site.pages)


def test_every_link_of_the_site_leads_to_a_file_in_it(projected, tmp_path):
    site = write_site(projected, tmp_path / "site")
    for page in site.pages:
        links = _hrefs(page)
        if page.name != "index.html":
            links += list(_graph_data(page)["links"].values())
        for link in links:
            if link.startswith("https://news.example/"):
                continue  # evidence links to the articles
            assert not re.match(r"^[a-z]+:|^//|^/", link), (page, link)
            assert (page.parent / link).resolve().is_file(), (page, link)


def test_organization_page_is_its_neighbourhood(projected, tmp_path):
    write_site(projected, tmp_path / "site", depth=1)
    data = _graph_data(tmp_path / "site" / "org" / "vmware.html")
    labels = {e["label"] for e in data["entities"].values()}
    assert labels == {"VMware", "Microsoft", "Dell"}
    assert data["focus"] == E + "vmware"
    assert data["links"][E + "dell"] == "../org/dell.html"
    page = (tmp_path / "site" / "org" / "vmware.html").read_text(encoding="utf-8")
    assert '<script src="../assets/vis-network.min.js"></script>' in page
    assert "<title>VMware: 1 step around</title>" in page
    assert 'href="../index.html"' in page and 'href="../bloc/' in page  # index and its bloc


def test_index_lists_organizations_and_blocs_with_counts(projected, tmp_path):
    site = write_site(projected, tmp_path / "site", title="<Tech> alliances")
    index = site.index.read_text(encoding="utf-8")
    assert "<title>&lt;Tech&gt; alliances</title>" in index
    assert "<script" not in index
    assert re.search(r'<a href="org/vmware.html">VMware</a></td><td class="num">3</td>', index)
    assert "7 entities &middot; 6 facts" in index
    assert re.search(r'<a href="bloc/\d-oracle-sun-microsystems.html">Oracle / Sun Microsystems</a> '
                     r'<span class="count">&middot; 2 members</span>', index)


def test_same_names_get_distinct_files(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node(E + "apple", label="Apple", type="Organization")
    G.add_node(E + "apple-records", label="Apple", type="Organization")
    G.add_node(E + "x", label="Ünïcode & Co", type="Organization")
    site = write_site(G, tmp_path / "site")
    assert sorted(p.name for p in site.pages if p.parent.name == "org") == \
        ["apple-2.html", "apple.html", "unicode-co.html"]


# -- the command line ------------------------------------------------------------------

def test_render_focus_writes_the_neighbourhood(capsys, store, tmp_path):
    page = tmp_path / "ms.html"
    code, out, err = run(capsys, "--store", store, "render", "--focus", "microsoft", "--depth", "2", "-o", page)
    assert code == 0, err
    assert out == f"wrote {page} (Microsoft and 2 steps around: 4 entities, 4 facts)\n"
    data = _graph_data(page)
    assert data["focus"] == E + "microsoft"
    # Intel is three steps away: Microsoft - VMware - Dell - Intel
    assert {e["label"] for e in data["entities"].values()} == {"Microsoft", "VMware", "Dell", "Satya Nadella"}
    assert "<title>Microsoft: 2 steps around</title>" in page.read_text(encoding="utf-8")


def test_render_focus_on_an_unknown_name_suggests_close_ones(capsys, store, tmp_path):
    code, out, err = run(capsys, "--store", store, "render", "--focus", "Micrsoft", "-o", tmp_path / "x.html")
    assert code == 2 and out == ""
    assert err == "alliances: error: no entity named 'Micrsoft'; close matches: 'Microsoft'\n"
    assert not (tmp_path / "x.html").exists()


def test_render_site(capsys, store, tmp_path):
    code, out, err = run(capsys, "--store", store, "render", "--site", tmp_path / "site", "--title", "Sample")
    assert code == 0, err
    assert out.startswith(f"wrote {tmp_path / 'site' / 'index.html'} and ")
    assert "6 organizations" in out
    assert "<title>Sample</title>" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("argv, message", [
    (["--site", "s", "--focus", "Dell"], "give one of them"),
    (["--focus", "Dell", "--depth", "-1"], "depth=-1"),
])
def test_render_refuses_contradictory_options(capsys, store, tmp_path, argv, message):
    code, _, err = run(capsys, "--store", store, "render", *argv)
    assert code == 2 and message in err


# -- in a real browser ------------------------------------------------------------------

@pytest.mark.slow
def test_site_works_from_disk_by_its_relative_links(projected, tmp_path, visit):
    write_site(projected, tmp_path / "site")
    seen = visit(tmp_path / "site" / "index.html", ready=False)
    page = seen.page
    assert page.evaluate("() => document.scripts.length") == 0

    page.click('table a[href="org/vmware.html"]')
    page.wait_for_function("() => window.__allianceReady > 0")
    assert page.url.endswith("/site/org/vmware.html")
    assert page.evaluate("() => allianceGraph.drawnCounts()") == {"nodes": 3, "edges": 3}
    assert page.evaluate("() => allianceGraph.network.getSelectedNodes()") == [E + "vmware"]
    assert page.inner_text("#details h2") == "VMware"

    # an organization on the page leads to its own page
    page.mouse.click(*seen.node_position(E + "dell"))
    page.click("#details a.page-link")
    page.wait_for_function("() => window.__allianceReady > 0")
    assert page.url.endswith("/site/org/dell.html")
    assert page.evaluate("() => allianceGraph.data.focus") == E + "dell"

    page.click("header a.nav >> text=Its bloc")
    page.wait_for_function("() => window.__allianceReady > 0")
    assert "/site/bloc/" in page.url
    page.click("header a.nav >> text=All organizations and blocs")
    page.click("text=the whole graph")
    page.wait_for_function("() => window.__allianceReady > 0")
    assert page.evaluate("() => allianceGraph.drawnCounts()") == {"nodes": 7, "edges": 6}
    # every page loaded the one shared vis-network file, from disk
    scripts = [url for url in seen.requests if url.endswith("vis-network.min.js")]
    assert scripts and all(url.endswith("/site/assets/vis-network.min.js") for url in scripts)
    seen.assert_clean()
