"""Fixtures shared by the test modules."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extractor():
    """The rule extractor, its spaCy model loaded once for the whole session.

    :func:`graph.extract.get_extractor` caches the instance, so the CLI and
    :func:`graph.ingest.ingest_paths` reuse this one.
    """
    from graph.extract import get_extractor

    return get_extractor("rules")
