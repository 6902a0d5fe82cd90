"""Opening pages in headless Chromium for the browser tests of test_render.py and test_site.py.

Debian's ``chromium`` at :data:`CHROMIUM`, driven by Playwright's Python API
(``playwright install`` is never needed: the browser is the system one). Tests
using the ``browser`` fixture skip when either is missing.

A :class:`Visit` records what the page did: console errors, uncaught
exceptions, every request (only ``file:`` and ``data:`` URLs are allowed) and
every dialog (``alert`` and the like, which no page should ever open).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
READY_TIMEOUT_MS = 60_000


@dataclass
class Visit:
    """A page opened in the browser and everything it did."""

    page: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:"))]

    def evaluate(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def assert_clean(self) -> None:
        """No console error, no exception, no request leaving the disk, no dialog."""
        assert not self.errors, f"errors in the page: {self.errors}"
        assert not self.outside_requests, f"requests leaving the disk: {self.outside_requests}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"

    def node_position(self, node_id: str) -> tuple[float, float]:
        """Where *node_id* is drawn, in page coordinates (for a real mouse click)."""
        return self._to_page("allianceGraph.network.getPositions([id])[id]", node_id)

    def edge_midpoint(self, edge_id: str) -> tuple[float, float]:
        """The middle of an edge as drawn (straight or curved), in page coordinates."""
        # vis-network has no public call for a point on an edge; its edge type has getPoint.
        return self._to_page("allianceGraph.network.body.edges[id].edgeType.getPoint(0.5)", edge_id)

    def _to_page(self, canvas_point: str, item_id: str) -> tuple[float, float]:
        x, y = self.evaluate(
            f"""(id) => {{
                const canvasPoint = {canvas_point};
                const dom = allianceGraph.network.canvasToDOM(canvasPoint);
                const box = document.getElementById("network").getBoundingClientRect();
                return [box.left + dom.x, box.top + dom.y];
            }}""",
            item_id,
        )
        return x, y


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (Debian package 'chromium')")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def visit(browser):
    """``visit(path)`` opens a page from disk, waits until it is drawn, and returns a :class:`Visit`."""
    contexts = []

    def open_page(path: Path, *, ready: bool = True) -> Visit:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)
        page.on("console", lambda m: seen.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda exc: seen.errors.append(f"uncaught: {exc}"))
        page.on("request", lambda request: seen.requests.append(request.url))

        def on_dialog(dialog):
            seen.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(Path(path).resolve().as_uri())
        if ready:
            # A function, not a string: the pages' CSP forbids eval, which a string would need.
            page.wait_for_function("() => window.__allianceReady > 0", timeout=READY_TIMEOUT_MS)
        return seen

    yield open_page
    for context in contexts:
        context.close()
