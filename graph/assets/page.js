/* The page's own code: draws the graph with vis-network and fills the side panel.
 *
 * Everything shown here came from news articles, so text only ever reaches the
 * DOM through textContent, and links are made only for http(s) URLs; nothing is
 * parsed as HTML. The data is read from the JSON script element #graph-data.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var container = document.getElementById("network");
  var details = document.getElementById("details");
  var status = document.getElementById("status");

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  // Lay out once, then freeze: a moving graph of a few thousand nodes is unusable.
  network.on("stabilizationProgress", function (p) {
    status.textContent = "Laying out\u2026 " + Math.round((100 * p.iterations) / p.total) + "%";
  });
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    status.textContent = "";
  });

  var incident = {};
  data.edges.forEach(function (edge) {
    (incident[edge.from] = incident[edge.from] || []).push(edge.id);
    if (edge.to !== edge.from) {
      (incident[edge.to] = incident[edge.to] || []).push(edge.id);
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

  function labelOf(nodeId) {
    var node = data.entities[nodeId];
    return node ? node.label : String(nodeId);
  }

  function percent(value) {
    return typeof value === "number" ? value.toFixed(2) : "?";
  }

  function clear() {
    while (details.firstChild) details.removeChild(details.firstChild);
  }

  function hint() {
    clear();
    details.appendChild(el("p", "hint", "Click an entity or a fact to see its evidence."));
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
    var card = el("section", "fact");
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
      network.selectEdges([edgeId]);
      showEdge(edgeId);
    });
    head.appendChild(button);
    card.appendChild(head);

    var meta = [fact.certainty, "confidence " + percent(fact.confidence)];
    meta.push(fact.articles + (fact.articles === 1 ? " article" : " articles"));
    if (fact.first_seen) {
      meta.push(fact.first_seen === fact.last_seen || !fact.last_seen
        ? fact.first_seen : fact.first_seen + " \u2013 " + fact.last_seen);
    }
    card.appendChild(el("p", "meta " + fact.certainty, meta.join(" \u00b7 ")));
    var list = el("ul", "evidence-list");
    fact.evidence.forEach(function (ev) { list.appendChild(evidenceItem(ev)); });
    card.appendChild(list);
    return card;
  }

  function showEdge(edgeId) {
    clear();
    details.appendChild(factCard(edgeId));
  }

  function showNode(nodeId) {
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
    var ids = incident[nodeId] || [];
    details.appendChild(el("p", "count", ids.length + (ids.length === 1 ? " fact" : " facts")));
    ids.forEach(function (edgeId) { details.appendChild(factCard(edgeId)); });
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else hint();
  });

  document.getElementById("fit").addEventListener("click", function () {
    network.fit({ animation: false });
  });

  hint();
  // Lets a test (or a curious reader) see that the script ran to the end.
  document.documentElement.setAttribute("data-graph-ready", nodes.length + " " + edges.length);
  window.allianceGraph = { network: network, showNode: showNode, showEdge: showEdge };
})();
