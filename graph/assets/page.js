/* The page's own code: draws the graph with vis-network, finds entities, filters
 * facts, and fills the side panel.
 *
 * Everything shown here came from news articles, so text only ever reaches the
 * DOM through textContent, and links are made only for http(s) URLs (evidence)
 * or for the relative links graph.render checked (pages of a site); nothing is
 * parsed as HTML. The data is read from the JSON script element #graph-data.
 *
 * For tests and benchmarks: window.allianceGraph exposes the network, its
 * DataSets and the panel functions; window.__allianceReady is the time
 * (performance.now(), ms) at which the graph was first drawn laid out and still.
 */
(function () {
  "use strict";

  var timings = { script: performance.now() };
  window.__allianceTimings = timings;

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var container = document.getElementById("network");
  var details = document.getElementById("details");
  var status = document.getElementById("status");
  var counts = document.getElementById("counts");
  var MAX_LABEL = 40;
  var MAX_CARDS = 200;
  var BASE_FONT = data.options.nodes.font.size;

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  timings.network = performance.now();
  var physics = data.options.physics.enabled;

  // --- ready: laid out, still, drawn --------------------------------------------------

  var laidOut = !physics;
  function markReady() {
    if (window.__allianceReady) return;
    window.__allianceReady = performance.now();
    timings.ready = window.__allianceReady;
    document.documentElement.setAttribute("data-ready", "1");
    viewChanged();
  }
  // Lay out once, then freeze: a moving graph of a few thousand nodes is unusable.
  network.on("stabilizationProgress", function (p) {
    status.textContent = "Laying out\u2026 " + Math.round((100 * p.iterations) / p.total) + "%";
  });
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    status.textContent = "";
    laidOut = true;
    network.redraw();
  });

  // --- what is connected to what ------------------------------------------------------

  var incident = {};
  var neighbours = {};
  data.edges.forEach(function (edge) {
    (incident[edge.from] = incident[edge.from] || []).push(edge.id);
    if (edge.to !== edge.from) {
      (incident[edge.to] = incident[edge.to] || []).push(edge.id);
      (neighbours[edge.from] = neighbours[edge.from] || {})[edge.to] = true;
      (neighbours[edge.to] = neighbours[edge.to] || {})[edge.from] = true;
    }
  });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function isWebUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url);
  }

  function isRelativeLink(url) {
    return typeof url === "string" && url.length > 0 && !/^[a-z][a-z0-9+.\-]*:/i.test(url) && url.indexOf("//") !== 0;
  }

  function labelOf(nodeId) {
    var node = data.entities[nodeId];
    return node ? node.label : String(nodeId);
  }

  function shortLabel(nodeId) {
    var label = labelOf(nodeId);
    return label.length <= MAX_LABEL ? label : label.slice(0, MAX_LABEL - 1).replace(/\s+$/, "") + "\u2026";
  }

  function percent(value) {
    return typeof value === "number" ? value.toFixed(2) : "?";
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  // --- filters -----------------------------------------------------------------------

  var ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
  var edgeInfo = data.edges.map(function (edge) {
    var fact = data.facts[edge.id];
    var dates = [];
    fact.evidence.forEach(function (ev) {
      if (typeof ev.date === "string" && ISO_DATE.test(ev.date)) dates.push(ev.date.slice(0, 10));
    });
    return {
      id: edge.id, from: edge.from, to: edge.to, relation: fact.relation, certainty: fact.certainty,
      confidence: typeof fact.confidence === "number" ? fact.confidence : 0, dates: dates
    };
  });
  var edgeShown = {};
  var nodeShown = {};
  data.edges.forEach(function (edge) { edgeShown[edge.id] = true; });
  data.nodes.forEach(function (node) { nodeShown[node.id] = true; });

  var controls = {
    relations: Array.prototype.slice.call(document.querySelectorAll('input[name="relation"]')),
    certainties: Array.prototype.slice.call(document.querySelectorAll('input[name="certainty"]')),
    confidence: document.getElementById("min-confidence"),
    confidenceValue: document.getElementById("min-confidence-value"),
    from: document.getElementById("date-from"),
    to: document.getElementById("date-to"),
    dateHint: document.getElementById("date-hint"),
    hideIsolated: document.getElementById("hide-isolated"),
    reset: document.getElementById("reset")
  };

  (function datesBounds() {
    var all = [];
    edgeInfo.forEach(function (info) { all.push.apply(all, info.dates); });
    if (!all.length) {
      controls.from.disabled = controls.to.disabled = true;
      controls.dateHint.textContent = "No article here is dated.";
      return;
    }
    all.sort();
    [controls.from, controls.to].forEach(function (input) {
      input.min = all[0];
      input.max = all[all.length - 1];
    });
  })();

  function checkedValues(inputs, all) {
    var values = {};
    inputs.forEach(function (input) { if (all || input.checked) values[input.value] = true; });
    return values;
  }

  function currentFilter() {
    return {
      relations: checkedValues(controls.relations),
      certainties: checkedValues(controls.certainties),
      minConfidence: parseFloat(controls.confidence.value) || 0,
      from: controls.from.value || null,
      to: controls.to.value || null,
      hideIsolated: controls.hideIsolated.checked
    };
  }

  // Values without a box (none, as the page lists every relation and certainty present) always pass.
  var boxed = { relation: checkedValues(controls.relations, true), certainty: checkedValues(controls.certainties, true) };

  function factPasses(info, filter) {
    if (boxed.relation[info.relation] && !filter.relations[info.relation]) return false;
    if (boxed.certainty[info.certainty] && !filter.certainties[info.certainty]) return false;
    // a tolerance, so that a fact of 0.8 passes the slider's 0.8 (0.05 steps add up inexactly)
    if (info.confidence < filter.minConfidence - 1e-9) return false;
    if (filter.from || filter.to) {
      return info.dates.some(function (d) {
        return (!filter.from || d >= filter.from) && (!filter.to || d <= filter.to);
      });
    }
    return true;
  }

  function applyFilters() {
    var filter = currentFilter();
    controls.confidenceValue.textContent = filter.minConfidence.toFixed(2);
    var degree = {};
    var edgeChanges = [];
    edgeInfo.forEach(function (info) {
      var show = factPasses(info, filter);
      if (show) {
        degree[info.from] = true;
        degree[info.to] = true;
      }
      if (show !== edgeShown[info.id]) {
        edgeShown[info.id] = show;
        edgeChanges.push({ id: info.id, hidden: !show });
      }
    });
    var nodeChanges = [];
    data.nodes.forEach(function (node) {
      // Entities stay unless the reader asks otherwise; the page's own subject always does.
      var show = !filter.hideIsolated || degree[node.id] === true || node.id === data.focus;
      if (show !== nodeShown[node.id]) {
        nodeShown[node.id] = show;
        nodeChanges.push({ id: node.id, hidden: !show });
      }
    });
    if (edgeChanges.length) edges.update(edgeChanges);
    if (nodeChanges.length) nodes.update(nodeChanges);
    updateCounts();
    refreshPanel();
  }

  function visibleCounts() {
    var n = 0, m = 0, id;
    for (id in nodeShown) if (nodeShown[id]) n++;
    for (id in edgeShown) if (edgeShown[id]) m++;
    return { nodes: n, edges: m, totalNodes: data.nodes.length, totalEdges: data.edges.length };
  }

  // What vis-network itself is drawing (its visible indices), to check the above against.
  function drawnCounts() {
    return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
  }

  function updateCounts() {
    var c = visibleCounts();
    if (c.nodes === c.totalNodes && c.edges === c.totalEdges) {
      counts.textContent = plural(c.totalNodes, "entity", "entities") + " \u00b7 " + plural(c.totalEdges, "fact", "facts");
    } else {
      counts.textContent = "showing " + c.nodes + " of " + plural(c.totalNodes, "entity", "entities") +
        " \u00b7 " + c.edges + " of " + plural(c.totalEdges, "fact", "facts");
    }
  }

  controls.relations.concat(controls.certainties, [controls.hideIsolated, controls.from, controls.to])
    .forEach(function (input) { input.addEventListener("change", applyFilters); });
  // Dragging the slider: live on small graphs; on big ones (where a filter costs a
  // redraw of thousands of lines) once the hand rests, and at the latest on release.
  var pending = null;
  controls.confidence.addEventListener("input", function () {
    controls.confidenceValue.textContent = (parseFloat(controls.confidence.value) || 0).toFixed(2);
    if (data.edges.length <= 2000) return applyFilters();
    clearTimeout(pending);
    pending = setTimeout(applyFilters, 250);
  });
  controls.confidence.addEventListener("change", function () {
    clearTimeout(pending);
    applyFilters();
  });
  controls.reset.addEventListener("click", function () {
    controls.relations.concat(controls.certainties).forEach(function (input) { input.checked = true; });
    controls.confidence.value = "0";
    controls.from.value = controls.to.value = "";
    controls.hideIsolated.checked = false;
    applyFilters();
  });

  // --- dashes and arrows of big graphs: only when zoomed in enough to see them ----------
  // Updating thousands of lines at once stalls the page for a second or more, so
  // only those near the view get them, more as the reader pans, all go on zooming out.

  var detailed = false;
  var detailedEdges = {};

  function plainStyle(id) {
    return { id: id, dashes: false, arrows: "" };
  }

  function detailStyle(id) {
    var fact = data.facts[id];
    return { id: id, dashes: fact.certainty !== "confirmed", arrows: fact.symmetric ? "" : "to" };
  }

  function updateDetail() {
    var scale = network.getScale();
    // a margin either side, so that zooming about the threshold does not flip back and forth
    var want = detailed ? scale >= data.detailScale * 0.8 : scale >= data.detailScale;
    var changes = [];
    if (!want) {
      if (detailed) Object.keys(detailedEdges).forEach(function (id) { changes.push(plainStyle(id)); });
      detailedEdges = {};
    } else {
      var box = container.getBoundingClientRect();
      var low = network.DOMtoCanvas({ x: -box.width / 4, y: -box.height / 4 });
      var high = network.DOMtoCanvas({ x: 1.25 * box.width, y: 1.25 * box.height });
      var positions = network.getPositions();
      var near = function (id) {
        var p = positions[id];
        return p && p.x >= low.x && p.x <= high.x && p.y >= low.y && p.y <= high.y;
      };
      edgeInfo.forEach(function (info) {
        var fact = data.facts[info.id];
        if (detailedEdges[info.id] || (fact.symmetric && fact.certainty === "confirmed")) return;
        if (near(info.from) || near(info.to)) {
          detailedEdges[info.id] = true;
          changes.push(detailStyle(info.id));
        }
      });
    }
    detailed = want;
    if (changes.length) edges.update(changes);
  }

  // --- labels of big graphs: the largest always, the others on hover and selection ------

  var hoverLabels = data.labels === "hover";
  var alwaysLabelled = {};
  data.labelled.forEach(function (id) { alwaysLabelled[id] = true; });
  if (data.focus) alwaysLabelled[data.focus] = true;
  var extraLabels = { hover: {}, selection: {} };
  var labelledNow = {};
  Object.keys(alwaysLabelled).forEach(function (id) { labelledNow[id] = true; });

  function fontSize() {
    // Big graphs are seen from far away: keep names readable at any zoom.
    return Math.min(1000, Math.max(BASE_FONT, BASE_FONT / network.getScale()));
  }

  function updateLabels() {
    if (!hoverLabels) return;
    var want = {};
    Object.keys(alwaysLabelled).forEach(function (id) { want[id] = true; });
    Object.keys(extraLabels.hover).forEach(function (id) { want[id] = true; });
    Object.keys(extraLabels.selection).forEach(function (id) { want[id] = true; });
    var size = fontSize();
    var changes = [];
    Object.keys(labelledNow).forEach(function (id) {
      if (!want[id]) changes.push({ id: id, label: "", font: { size: BASE_FONT } });
    });
    Object.keys(want).forEach(function (id) {
      if (data.entities[id]) changes.push({ id: id, label: shortLabel(id), font: { size: size } });
    });
    labelledNow = want;
    if (changes.length) nodes.update(changes);
  }

  if (hoverLabels) {
    network.on("hoverNode", function (params) {
      extraLabels.hover = {};
      extraLabels.hover[params.node] = true;
      updateLabels();
    });
    network.on("blurNode", function () {
      extraLabels.hover = {};
      updateLabels();
    });
  }

  // Smaller graphs label every entity: names grow as the view zooms out, so that they
  // stay about 12 px high on screen, up to a limit where they would cover one another.
  var fontShown = BASE_FONT;
  function updateFont() {
    var size = Math.round(Math.min(BASE_FONT * 1.6, Math.max(BASE_FONT, 12 / network.getScale())));
    if (size === fontShown) return;
    fontShown = size;
    network.setOptions({ nodes: { font: { size: size } } });
  }

  function viewChanged() {
    if (data.detailScale !== null) updateDetail();
    if (hoverLabels) updateLabels();
    else updateFont();
  }
  network.on("zoom", viewChanged);
  network.on("animationFinished", viewChanged);
  if (data.detailScale !== null) network.on("dragEnd", updateDetail);

  function labelAround(nodeId) {
    extraLabels.selection = {};
    if (nodeId !== null && nodeId !== undefined) {
      extraLabels.selection[nodeId] = true;
      Object.keys(neighbours[nodeId] || {}).slice(0, 60).forEach(function (id) { extraLabels.selection[id] = true; });
    }
    updateLabels();
  }

  // --- the side panel -----------------------------------------------------------------

  var shown = null; // what the panel shows: { node: id } or { edge: id }

  function clear() {
    while (details.firstChild) details.removeChild(details.firstChild);
  }

  function hint() {
    shown = null;
    clear();
    details.appendChild(el("p", "hint", "Click an entity or a fact to see its evidence, or find an entity by name."));
  }

  function evidenceItem(ev) {
    var item = el("li", "evidence");
    item.appendChild(el("blockquote", null, ev.text || "(no sentence recorded)"));
    var source = el("div", "source");
    var name = ev.title || ev.url || "article";
    if (isWebUrl(ev.url)) {
      var link = el("a", null, name);
      link.href = ev.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer nofollow";
      source.appendChild(link);
    } else {
      source.appendChild(el("span", null, name));
    }
    var meta = [];
    if (ev.date) meta.push(ev.date);
    if (ev.certainty) meta.push(ev.certainty);
    if (typeof ev.confidence === "number") meta.push("confidence " + percent(ev.confidence));
    if (meta.length) source.appendChild(el("span", "meta", " \u00b7 " + meta.join(" \u00b7 ")));
    item.appendChild(source);
    return item;
  }

  function factCard(edgeId) {
    var edge = edges.get(edgeId);
    var fact = data.facts[edgeId];
    var relation = data.relations[fact.relation] || { label: fact.relation, color: "#555" };
    var card = el("section", "fact" + (edgeShown[edgeId] ? "" : " filtered"));
    card.setAttribute("data-edge", edgeId);
    var head = el("h3");
    var swatch = el("span", "swatch");
    swatch.style.backgroundColor = relation.color;
    head.appendChild(swatch);
    var button = el("button", "fact-link");
    button.type = "button";
    button.appendChild(el("span", "entity", labelOf(edge.from)));
    button.appendChild(el("span", "relation", " " + relation.label + " "));
    button.appendChild(el("span", "entity", labelOf(edge.to)));
    button.addEventListener("click", function () {
      if (edgeShown[edgeId]) network.selectEdges([edgeId]);
      showEdge(edgeId);
    });
    head.appendChild(button);
    card.appendChild(head);

    var meta = [fact.certainty, "confidence " + percent(fact.confidence)];
    meta.push(plural(fact.articles, "article", "articles"));
    if (fact.first_seen) {
      meta.push(fact.first_seen === fact.last_seen || !fact.last_seen
        ? fact.first_seen : fact.first_seen + " \u2013 " + fact.last_seen);
    }
    if (!edgeShown[edgeId]) meta.push("hidden by the filters");
    card.appendChild(el("p", "meta " + fact.certainty, meta.join(" \u00b7 ")));
    var list = el("ul", "evidence-list");
    fact.evidence.forEach(function (ev) { list.appendChild(evidenceItem(ev)); });
    card.appendChild(list);
    return card;
  }

  function showEdge(edgeId) {
    shown = { edge: edgeId };
    clear();
    details.appendChild(factCard(edgeId));
  }

  function showNode(nodeId, all) {
    shown = { node: nodeId, all: !!all };
    clear();
    var entity = data.entities[nodeId];
    var type = data.types[entity.type] || { color: "#999" };
    var head = el("h2");
    var swatch = el("span", "swatch");
    swatch.style.backgroundColor = type.color;
    head.appendChild(swatch);
    head.appendChild(el("span", null, entity.label));
    details.appendChild(head);
    details.appendChild(el("p", "meta", entity.type));
    details.appendChild(el("p", "iri", nodeId));
    var page = data.links[nodeId];
    if (isRelativeLink(page) && nodeId !== data.focus) {
      var link = el("a", "page-link", "Open the page of " + entity.label);
      link.href = page;
      details.appendChild(el("p")).appendChild(link);
    }
    var ids = incident[nodeId] || [];
    var visible = ids.filter(function (id) { return edgeShown[id]; }).length;
    details.appendChild(el("p", "count", plural(ids.length, "fact", "facts") +
      (visible < ids.length ? " (" + visible + " shown by the filters)" : "")));
    // the facts still on the canvas first
    var ordered = ids.filter(function (id) { return edgeShown[id]; })
      .concat(ids.filter(function (id) { return !edgeShown[id]; }));
    var limit = all ? ordered.length : Math.min(ordered.length, MAX_CARDS);
    for (var i = 0; i < limit; i++) details.appendChild(factCard(ordered[i]));
    if (limit < ordered.length) {
      var more = el("button", "more", "Show all " + ordered.length + " facts");
      more.type = "button";
      more.addEventListener("click", function () { showNode(nodeId, true); });
      details.appendChild(more);
    }
  }

  function refreshPanel() {
    if (!shown) return;
    if (shown.node !== undefined) showNode(shown.node, shown.all);
    else showEdge(shown.edge);
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      showNode(params.nodes[0]);
      labelAround(params.nodes[0]);
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
      labelAround(null);
    } else {
      hint();
      labelAround(null);
    }
  });

  // --- finding an entity --------------------------------------------------------------

  var search = document.getElementById("search");
  var results = document.getElementById("search-results");
  var MAX_RESULTS = 12;
  var index = Object.keys(data.entities).map(function (id) {
    return { id: id, label: data.entities[id].label, key: data.entities[id].label.toLowerCase() };
  }).sort(function (a, b) { return a.key < b.key ? -1 : a.key > b.key ? 1 : 0; });
  var found = [];
  var active = -1;

  // Names starting with the text first, then with a word starting with it, then containing it.
  function matches(text) {
    var q = String(text).trim().toLowerCase();
    if (!q) return [];
    var starts = [], words = [], inside = [];
    index.forEach(function (entry) {
      var at = entry.key.indexOf(q);
      if (at === 0) starts.push(entry);
      else if (at > 0 && /[^a-z0-9]/.test(entry.key.charAt(at - 1))) words.push(entry);
      else if (at > 0) inside.push(entry);
    });
    return starts.concat(words, inside).slice(0, MAX_RESULTS).map(function (entry) { return entry.id; });
  }

  function closeResults() {
    results.hidden = true;
    search.setAttribute("aria-expanded", "false");
    search.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(i) {
    var items = results.children;
    for (var j = 0; j < items.length; j++) items[j].setAttribute("aria-selected", j === i ? "true" : "false");
    active = i;
    if (i >= 0 && items[i]) {
      search.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({ block: "nearest" });
    }
  }

  function listResults() {
    found = matches(search.value);
    while (results.firstChild) results.removeChild(results.firstChild);
    if (!search.value.trim()) {
      closeResults();
      return;
    }
    found.forEach(function (id, i) {
      var item = el("li");
      item.id = "search-option-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("data-id", id);
      item.appendChild(el("span", "label", labelOf(id)));
      item.appendChild(el("span", "type", data.entities[id].type));
      item.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the box until the choice is made
        choose(id);
      });
      results.appendChild(item);
    });
    if (!found.length) results.appendChild(el("li", "none", "No entity has this in its name."));
    results.hidden = false;
    search.setAttribute("aria-expanded", "true");
    highlight(found.length ? 0 : -1);
  }

  function choose(id) {
    search.value = labelOf(id);
    closeResults();
    focusEntity(id);
  }

  function focusEntity(id) {
    if (!data.entities[id]) return;
    if (nodeShown[id]) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
      status.textContent = "";
    } else {
      network.unselectAll();
      status.textContent = labelOf(id) + " is hidden by the filters; \u201cShow everything\u201d brings it back.";
    }
    showNode(id);
    labelAround(id);
  }

  search.addEventListener("input", listResults);
  search.addEventListener("focus", function () { if (search.value.trim()) listResults(); });
  search.addEventListener("blur", closeResults);
  search.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (results.hidden) listResults();
      if (found.length) {
        var step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + found.length) % found.length);
      }
      event.preventDefault();
    } else if (event.key === "Enter") {
      if (results.hidden) listResults();
      if (found.length) choose(found[Math.max(active, 0)]);
      event.preventDefault();
    } else if (event.key === "Escape") {
      closeResults();
    }
  });
  document.addEventListener("keydown", function (event) {
    var tag = event.target && event.target.tagName;
    if (event.key === "/" && tag !== "INPUT" && tag !== "TEXTAREA" && tag !== "SELECT") {
      search.focus();
      event.preventDefault();
    }
  });

  document.getElementById("fit").addEventListener("click", function () {
    network.fit({ animation: false });
    viewChanged();
  });

  // --- start ------------------------------------------------------------------------

  // vis-network draws on the next animation frame, so everything above is set up by then.
  network.on("afterDrawing", function () {
    if (laidOut) markReady();
  });
  if (!physics) network.fit({ animation: false });
  applyFilters(); // a browser may have restored the boxes' state from an earlier visit
  if (data.focus && data.entities[data.focus]) {
    network.selectNodes([data.focus]);
    showNode(data.focus);
  } else {
    hint();
  }
  // Lets a test (or a curious reader) see that the script ran to the end.
  document.documentElement.setAttribute("data-graph-ready", nodes.length + " " + edges.length);
  window.allianceGraph = {
    network: network, nodes: nodes, edges: edges, data: data,
    showNode: showNode, showEdge: showEdge, focusEntity: focusEntity, matches: matches,
    applyFilters: applyFilters, visibleCounts: visibleCounts, drawnCounts: drawnCounts
  };
  window.allianceNetwork = network;
})();
