"""axe-core (vendored, tests/browser/vendor/axe-core) run in a page: its violations."""

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"


def violations(page) -> list[str]:
    """Each violation as `rule: first offending element`, for a readable failure."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # by evaluation: the page's CSP stays
    result = page.evaluate(
        "axe.run(document, {resultTypes: ['violations'], "
        "runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [f"{v['id']}: {v['nodes'][0]['target']} ({v['help']})" for v in result["violations"]]
