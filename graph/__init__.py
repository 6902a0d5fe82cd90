"""Alliance knowledge graph: tech news → alliance facts → RDF → SPARQL, networkx and pages."""

__version__ = "0.1.0"
