"""One exception hierarchy for the whole package.

Every error a user can cause is an :class:`AlliancesError`; its message names
the bad value and what is allowed, so the CLI can print it as one line.
"""

from __future__ import annotations

__all__ = [
    "AlliancesError",
    "InputError",
    "ExtractionError",
    "StoreError",
    "QueryError",
    "ValidationError",
]


class AlliancesError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(AlliancesError):
    """An input file or text cannot be read as an article (empty, binary, not UTF-8, too big)."""


class ExtractionError(AlliancesError):
    """The extractor cannot run (model missing, unknown extractor name)."""


class StoreError(AlliancesError):
    """The store cannot be opened or written (bad location, locked, unknown backend)."""


class QueryError(AlliancesError):
    """A SPARQL query is malformed, unknown by name, or misses a parameter."""


class ValidationError(AlliancesError):
    """A graph does not conform to the SHACL shapes of the ontology."""
