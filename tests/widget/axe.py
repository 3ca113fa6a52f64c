"""axe-core accessibility checks in a Playwright page, for the widget and the console tests.

axe-core comes from npm, pinned in package.json and package-lock.json at the repository root;
`scripts/bootstrap.sh` installs it into node_modules/ (`npm ci`). Missing, the checks fail with
a message saying so: they are never skipped.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The impacts that fail a page: axe's two highest of minor, moderate, serious and critical.
BLOCKING = ("serious", "critical")
# WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices (landmarks, headings, regions).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def read_axe(path: Path = AXE_JS) -> str:
    """axe.min.js as text; AssertionError saying how to install it when `path` is missing."""
    if not path.is_file():
        raise AssertionError(
            f"axe-core is not installed ({path} is missing). Run scripts/bootstrap.sh, or "
            "`npm ci` at the repository root (needs Node.js and npm: apt-get install npm)."
        )
    return path.read_text(encoding="utf-8")


@cache
def axe_source() -> str:
    """The installed axe.min.js, read once per test run."""
    return read_axe()


def violations(page: Page, include: str | None = None) -> list[dict]:
    """axe's violations on the page as it is now (or under the CSS selector `include`).

    Each is axe's result object: `id`, `impact`, `help`, `helpUrl` and `nodes` (each with
    `target`, a list of selectors, and `failureSummary`). Evaluated through the DevTools
    protocol, so the page's Content-Security-Policy does not block the injection.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    return page.evaluate(
        "async ([include, tags]) => (await axe.run(include ? {include: [include]} : document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations",
        [include, TAGS],
    )


def blocking(found: list[dict]) -> list[dict]:
    """The serious and critical ones among `found`."""
    return [v for v in found if v.get("impact") in BLOCKING]


def describe(found: list[dict]) -> str:
    """One paragraph per violation: id, impact, what it means, then each node and its fix."""
    lines: list[str] = []
    for v in found:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' > '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


def assert_no_blocking(page: Page, where: str, include: str | None = None) -> None:
    """Fail listing every serious or critical violation on the page, with ids and nodes."""
    found = blocking(violations(page, include))
    assert not found, f"{len(found)} serious or critical axe violations on {where}:\n" + describe(
        found
    )
