"""A folder of linked offline pages: an index, the whole graph, each organization, each bloc.

:func:`write_site` writes::

    DIR/index.html                  organizations and blocs, with counts, linked
    DIR/graph.html                  the whole graph
    DIR/org/<name>.html             one per organization: its ego view (graph.views.ego_view)
    DIR/bloc/<n>-<name>.html        one per alliance bloc (graph.analysis.alliance_blocs)
    DIR/assets/vis-network.min.js   vis-network, once for all pages (and its licence)

Every link is relative, so the folder can be zipped, mailed or archived and
opened from disk; no page makes a network request. The graph pages are those
of :func:`graph.render.render_html`, loading the shared vis-network by a
relative ``src``; in their side panel an organization offers a link to its own
page, and their header links back to the index (and, for an organization, to
its bloc). The index has no script at all.

>>> import networkx as nx, tempfile
>>> G = nx.MultiDiGraph()
>>> for iri, label in [("e:ibm", "IBM"), ("e:apple", "Apple")]:
...     G.add_node(iri, label=label, type="Organization")
>>> _ = G.add_edge("e:apple", "e:ibm", key="partnersWith", relation="partnersWith", confidence=0.9)
>>> with tempfile.TemporaryDirectory() as folder:
...     site = write_site(G, folder)
...     sorted(p.relative_to(folder).as_posix() for p in site.pages)
['bloc/1-apple-ibm.html', 'graph.html', 'index.html', 'org/apple.html', 'org/ibm.html']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import NamedTuple

import networkx as nx

from .exceptions import AlliancesError, QueryError

__all__ = ["write_site", "Site"]

_MAX_SLUG = 60


class Site(NamedTuple):
    """What :func:`write_site` wrote."""

    index: Path
    pages: list[Path]
    organizations: int
    blocs: int


def write_site(
    G: nx.MultiDiGraph,
    directory: str | Path,
    *,
    title: str = "Alliance graph",
    sizes: Mapping[Hashable, float] | None = None,
    depth: int = 1,
) -> Site:
    """Write the pages of *G* into *directory* (created if missing); return what was written.

    Each organization's page shows it and every entity within *depth* facts.
    Blocs are the communities of partnerships found by
    :func:`graph.analysis.alliance_blocs`; a bloc's page shows its members and
    all facts among them. *sizes* (such as PageRank over the whole graph)
    sizes the nodes of every page alike. Files already in *directory* are
    overwritten when they have the same name, and otherwise left alone.
    """
    from .analysis import alliance_blocs
    from .network import organizations
    from .render import copy_vis_network, render_index, write_html
    from .views import bloc_view, ego_view

    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise QueryError(f"depth={depth!r} is not a whole number >= 0")
    root = Path(directory)
    orgs = organizations(G)
    org_file = _unique_names(orgs, lambda n: _slug(_label(G, n)))
    blocs, _ = alliance_blocs(G)
    bloc_file = [f"{i}-{_slug(b['name'])}" for i, b in enumerate(blocs, start=1)]
    bloc_of = {member: i for i, bloc in enumerate(blocs) for member in bloc["ids"]}
    copy_vis_network(root / "assets")

    def org_links(prefix: str) -> dict:
        return {n: f"{prefix}org/{org_file[n]}.html" for n in orgs}

    to_index = ("All organizations and blocs", "../index.html")
    pages = [write_html(G, root / "graph.html", title=title, sizes=sizes, entity_links=org_links(""),
                        nav_links=[("All organizations and blocs", "index.html")],
                        vis_src="assets/vis-network.min.js")]
    steps = f"{depth} step" if depth == 1 else f"{depth} steps"
    for node in orgs:
        nav = [to_index]
        if node in bloc_of:
            i = bloc_of[node]
            nav.append((f"Its bloc: {blocs[i]['name']}", f"../bloc/{bloc_file[i]}.html"))
        pages.append(write_html(
            ego_view(G, node, depth=depth), root / "org" / f"{org_file[node]}.html",
            title=f"{_label(G, node)}: {steps} around", sizes=sizes, entity_links=org_links("../"),
            nav_links=nav, vis_src="../assets/vis-network.min.js",
        ))
    for bloc, name in zip(blocs, bloc_file):
        pages.append(write_html(
            bloc_view(G, bloc["ids"]), root / "bloc" / f"{name}.html",
            title=f"Bloc: {bloc['name']}", sizes=sizes, entity_links=org_links("../"),
            nav_links=[to_index], vis_src="../assets/vis-network.min.js",
        ))

    index = render_index(
        title=title,
        entities=G.number_of_nodes(),
        facts=G.number_of_edges(),
        graph_link="graph.html",
        depth=depth,
        organizations=[
            {
                "name": _label(G, n),
                "href": f"org/{org_file[n]}.html",
                "facts": G.degree(n),
                "bloc": None if n not in bloc_of else {
                    "name": blocs[bloc_of[n]]["name"], "href": f"bloc/{bloc_file[bloc_of[n]]}.html"},
            }
            for n in orgs
        ],
        blocs=[
            {"name": b["name"], "href": f"bloc/{name}.html", "size": b["size"], "members": b["members"]}
            for b, name in zip(blocs, bloc_file)
        ],
    )
    index_path = root / "index.html"
    try:
        index_path.write_text(index, encoding="utf-8")
    except OSError as err:
        raise AlliancesError(f"cannot write the site index to {str(index_path)!r}: {err.strerror or err}") from err
    pages.append(index_path)
    return Site(index=index_path, pages=pages, organizations=len(orgs), blocs=len(blocs))


def _label(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label") or node)


def _slug(text: str) -> str:
    """A file name from a name: ASCII letters and digits joined by dashes.

    >>> _slug("Hewlett-Packard / Compaq (HP)"), _slug("Société Générale"), _slug("株式会社")
    ('hewlett-packard-compaq-hp', 'societe-generale', 'entity')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_MAX_SLUG].rstrip("-") or "entity"


def _unique_names(nodes, name) -> dict:
    """A distinct file name per node: the name, then name-2, name-3… for the next ones."""
    taken: set[str] = set()
    result = {}
    for node in nodes:
        base = candidate = name(node)
        counter = 1
        while candidate in taken:
            counter += 1
            candidate = f"{base}-{counter}"
        taken.add(candidate)
        result[node] = candidate
    return result
