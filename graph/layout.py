"""Node positions for graphs too big to lay out in the browser.

vis-network lays a graph out with a physics simulation in the page; past a
few hundred nodes that takes from seconds to minutes before anything can be
read (a 5,000-node, 20,000-edge graph: one to two and a half minutes in
headless Chromium, see ``bench/render.py --layout physics``).
:func:`force_layout` computes the positions once, in Python, in a second or
two, so such a page opens with its physics switched off.

It is a force-directed layout of the simple undirected graph, done per
connected component, the components then packed in rows, largest first:

- components of more than :data:`MESH_LIMIT` nodes start from a PivotMDS
  embedding (graph distances from a few pivot nodes, projected to 2-D), then
  settle under ForceAtlas2-like forces (degree-weighted repulsion, linear
  attraction, gravity) whose all-pairs repulsion is computed on a grid by FFT
  convolution (a particle-mesh method, O(n + g² log g) per step instead of
  O(n²));
- smaller components get Fruchterman-Reingold forces with exact all-pairs
  repulsion, all of them in one vectorised pass.

networkx's own ``spring_layout`` takes about 45 s on such a graph and
``forceatlas2_layout`` several minutes.

>>> import networkx as nx
>>> pos = force_layout(nx.path_graph(3), scale=100.0)
>>> sorted(pos), all(len(xy) == 2 for xy in pos.values())
([0, 1, 2], True)
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

__all__ = ["force_layout", "MESH_LIMIT"]

#: Components with more nodes than this get the grid (particle-mesh) repulsion.
MESH_LIMIT = 150

_PIVOTS = 40
_GRID = 160


def force_layout(
    G: nx.Graph,
    *,
    scale: float = 60.0,
    iterations: int = 150,
    seed: int = 7,
) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node of *G*, as ``{node: (x, y)}``.

    Edge direction, multiplicity and self-loops are ignored. *scale* is the
    typical (median) distance from a node to its nearest neighbour, in the
    unit of the coordinates (vis-network pixels, for the page); components
    are packed *scale* apart. The same graph and *seed* give the same
    positions.

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> pos = force_layout(G, scale=50.0)
    >>> import math
    >>> round(math.dist(pos["x"], pos["y"]))
    50
    """
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 1:
        raise ValueError(f"iterations={iterations!r}; use a whole number >= 1")
    if not scale > 0:
        raise ValueError(f"scale={scale!r}; use a number > 0")
    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in G.edges() if u != v}
    edges = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    adjacency = coo_matrix(
        (np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n)
    ).tocsr()
    adjacency = adjacency + adjacency.T
    _, component_of = connected_components(adjacency, directed=False)
    rng = np.random.default_rng(seed)

    # Members of each component, largest first (ties: first node first), for a stable packing.
    order = np.lexsort((np.arange(n), component_of))
    bounds = np.flatnonzero(np.diff(component_of[order])) + 1
    components = sorted(np.split(order, bounds), key=lambda c: (-len(c), int(c.min())))

    pos = np.zeros((n, 2))
    small = []
    for members in components:
        if len(members) > MESH_LIMIT:
            pos[members] = _mesh_layout(adjacency, members, rng, iterations)
        else:
            small.append(members)
    if small:
        _exact_layout(pos, adjacency, small, rng, iterations)

    for members in components:
        xy = pos[members]
        if len(members) > 1:
            # the same density everywhere: a node's nearest neighbour is typically *scale* away
            nearest, _ = cKDTree(xy).query(xy, k=2)
            xy = (xy - xy.mean(axis=0)) * (scale / max(float(np.median(nearest[:, 1])), 1e-9))
        else:
            xy = np.zeros((1, 2))
        pos[members] = xy
    _pack(pos, components, gap=scale)
    return {node: (round(float(pos[i, 0]), 1), round(float(pos[i, 1]), 1)) for i, node in enumerate(nodes)}


def _pivot_mds(adjacency, members, rng):
    """PivotMDS (Brandes & Pich 2006): classical MDS of the distances to a few pivots."""
    import numpy as np
    from scipy.sparse.csgraph import shortest_path

    sub = adjacency[members][:, members]
    m = len(members)
    pivots = min(_PIVOTS, m)
    distances = np.empty((pivots, m))
    nearest = np.full(m, np.inf)
    pivot = int(rng.integers(m))
    for row in range(pivots):
        distances[row] = shortest_path(sub, method="D", unweighted=True, indices=pivot)
        nearest = np.minimum(nearest, distances[row])
        pivot = int(np.argmax(nearest))  # the next pivot: farthest from those chosen
    squared = (distances**2).T
    centred = -0.5 * (squared - squared.mean(axis=0) - squared.mean(axis=1)[:, None] + squared.mean())
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    xy = u[:, :2] * s[:2]
    if xy.shape[1] < 2:
        xy = np.hstack([xy, np.zeros((m, 2 - xy.shape[1]))])
    return xy


def _mesh_layout(adjacency, members, rng, iterations):
    """ForceAtlas2-like forces on one component, the repulsion computed on a grid by FFT.

    Forces: repulsion between every two nodes of ``mass_i * mass_j / d`` (mass:
    degree + 1, so hubs push harder and leaves gather round them), attraction
    ``d`` along every edge, and a pull of ``mass_i`` towards the centre.
    """
    import numpy as np

    m = len(members)
    sub = adjacency[members][:, members].tocoo()
    keep = sub.row < sub.col
    u, v = sub.row[keep], sub.col[keep]
    mass = np.bincount(np.concatenate([u, v]), minlength=m) + 1.0

    xy = _pivot_mds(adjacency, members, rng)
    xy -= xy.mean(axis=0)
    xy /= max(float(np.hypot(*(xy[u] - xy[v]).T).mean()), 1e-9)
    xy += rng.normal(0.0, 0.05, xy.shape)  # pulls apart nodes PivotMDS put on one spot
    # Start at the size where attraction and repulsion balance (virial theorem:
    # sum of d over edges, times the scale squared, equals the sum of
    # mass_i * mass_j over pairs); started smaller, the drawing spends its steps
    # inflating and leaves a crust of leaves on its rim.
    attraction = float((np.hypot(*(xy[u] - xy[v]).T) ** 2).sum())
    repulsion = float((mass.sum() ** 2 - (mass**2).sum()) / 2)
    xy *= np.sqrt(repulsion / max(attraction, 1e-9))

    # The repulsion kernel (d / |d|², zero at the origin) on a grid twice the
    # size of the drawing, so the FFT's wrap-around never folds forces back.
    grid = int(min(_GRID, max(32, 2 * np.sqrt(m))))
    size = 2 * grid
    offsets = np.arange(size, dtype=float)
    offsets = np.where(offsets < grid, offsets, offsets - size)
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = dx**2 + dy**2
    r2[0, 0] = 1.0
    kernel_x, kernel_y = np.fft.rfft2(dx / r2), np.fft.rfft2(dy / r2)

    start = float(np.ptp(xy, axis=0).max()) / 20
    for step in range(iterations):
        low = xy.min(axis=0)
        cell_size = max(float(np.ptp(xy, axis=0).max()) / (grid - 1), 1e-9)
        cells = np.clip(((xy - low) / cell_size).astype(np.int64), 0, grid - 1)
        flat = cells[:, 0] * size + cells[:, 1]
        density = np.fft.rfft2(np.bincount(flat, weights=mass, minlength=size * size).reshape(size, size))
        force = np.empty((m, 2))
        force[:, 0] = np.fft.irfft2(density * kernel_x, s=(size, size)).ravel()[flat]
        force[:, 1] = np.fft.irfft2(density * kernel_y, s=(size, size)).ravel()[flat]
        force *= mass[:, None] / cell_size
        _add_springs(force, xy, u, v, power=1)
        force -= xy / np.maximum(np.hypot(*xy.T), 1e-9)[:, None] * mass[:, None]
        temperature = start * (1 - step / iterations) ** 2 + 0.01
        _move(xy, force, temperature)
    return xy


def _exact_layout(pos, adjacency, components, rng, iterations):
    """Fruchterman-Reingold with exact repulsion, within each small component."""
    import numpy as np

    members = np.concatenate(components)
    xy = rng.normal(0.0, 1.0, (len(members), 2))
    # every pair of nodes of the same component, once
    first, second = [], []
    offset = 0
    for component in components:
        a, b = np.triu_indices(len(component), k=1)
        first.append(a + offset)
        second.append(b + offset)
        offset += len(component)
    pi, pj = np.concatenate(first), np.concatenate(second)
    sub = adjacency[members][:, members].tocoo()
    keep = sub.row < sub.col
    u, v = sub.row[keep], sub.col[keep]
    for step in range(iterations):
        force = np.zeros_like(xy)
        delta = xy[pi] - xy[pj]
        d2 = np.maximum((delta**2).sum(axis=1), 1e-6)
        push = delta / d2[:, None]
        for axis in range(2):
            force[:, axis] += np.bincount(pi, weights=push[:, axis], minlength=len(xy))
            force[:, axis] -= np.bincount(pj, weights=push[:, axis], minlength=len(xy))
        _add_springs(force, xy, u, v, power=2)
        temperature = 1.0 * (1 - step / iterations) ** 2 + 0.01
        _move(xy, force, temperature)
    pos[members] = xy


def _add_springs(force, xy, u, v, *, power):
    """Attraction ``d ** power`` along every edge: 1 as in ForceAtlas2, 2 as in Fruchterman-Reingold."""
    import numpy as np

    delta = xy[v] - xy[u]
    pull = delta if power == 1 else delta * np.hypot(*delta.T)[:, None] ** (power - 1)
    for axis in range(2):
        force[:, axis] += np.bincount(u, weights=pull[:, axis], minlength=len(xy))
        force[:, axis] -= np.bincount(v, weights=pull[:, axis], minlength=len(xy))


def _move(xy, force, temperature):
    import numpy as np

    length = np.maximum(np.hypot(*force.T), 1e-12)[:, None]
    xy += force / length * np.minimum(length, temperature)


def _pack(pos, components, *, gap):
    """Shelf packing: components in rows, largest first, rows about as wide as the whole is tall."""
    import numpy as np

    boxes = []
    for members in components:
        xy = pos[members]
        low, high = xy.min(axis=0), xy.max(axis=0)
        boxes.append((members, low, high - low + gap))
    area = sum(float(size[0] * size[1]) for _, _, size in boxes)
    width = max(float(np.sqrt(area)), max(float(size[0]) for _, _, size in boxes))
    x = y = row_height = 0.0
    for members, low, size in boxes:
        if x > 0 and x + size[0] > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        pos[members] += np.array([x, y]) - low
        x += float(size[0])
        row_height = max(row_height, float(size[1]))
    pos -= (pos.min(axis=0) + pos.max(axis=0)) / 2
