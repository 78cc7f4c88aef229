"""Accessibility checks in a real Chromium: axe-core (installed from npm into tests/browser/axe/ by
``make install-test``, never served by the app) plus the project's own checks that axe leaves out.

``overtredingen(page)`` returns what is wrong on the page in the browser; ``verslag`` turns that into a
message that names the page, the rule, the element and how to fix it.
"""

import functools
import json
import os
from pathlib import Path

import pytest

AXE_JS = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0/2.1 A and AA, plus axe's best practices (landmarks, headings, ...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# What fails a test; moderate and minor findings are printed, not failed.
ERNSTIG = {"serious", "critical"}


@functools.cache
def axe_bron() -> str:
    if not AXE_JS.exists():
        melding = f"axe-core is not installed ({AXE_JS}); run `make install-test`"
        if os.environ.get("GVE_REQUIRE_ALL_TESTS") == "1":
            pytest.fail(melding)
        pytest.skip(melding)
    return AXE_JS.read_text(encoding="utf-8")


# Checks of our own, run in the page next to axe, reported in axe's shape. They cover what the
# bar (WCAG 2.1 AA) asks and axe does not test:
#  - gve-svg-figuur: an inline SVG (a matplotlib figure or a map) is either an image with a name
#    (role="img" + aria-label/aria-labelledby; axe then checks the name) or hidden from assistive
#    technology because the same information is in text next to it (aria-hidden="true");
#    otherwise a screen reader reads out every tick label and path.
#  - gve-fout-gekoppeld: a form control marked invalid (Bootstrap's is-invalid, or aria-invalid)
#    says so (aria-invalid="true") and points with aria-describedby, its own or its fieldset's,
#    at the element holding its message (class invalid-feedback).
#  - gve-foutmelding-los: every error message (class invalid-feedback) is pointed at by an
#    aria-describedby, so it is read with its field.
EIGEN_CONTROLES = """() => {
  const uit = [];
  const naam = (e) => e.id ? "#" + e.id : e.tagName.toLowerCase() + (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\\s+/).join(".") : "");
  const meld = (id, help, elementen) => {
    if (elementen.length) {
      uit.push({id, impact: "serious", help, helpUrl: "",
        nodes: elementen.map((e) => ({target: naam(e), html: e.outerHTML.slice(0, 200), summary: help}))});
    }
  };
  const ids = (e) => (e && e.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean);
  const svgs = [...document.querySelectorAll("svg")].filter((s) => !s.parentElement.closest("svg"));
  meld("gve-svg-figuur",
    'An inline SVG needs role="img" with an accessible name, or aria-hidden="true" when the same information is in text next to it',
    svgs.filter((s) => s.getAttribute("aria-hidden") !== "true" && s.getAttribute("role") !== "img"));
  const velden = [...document.querySelectorAll(
    "input.is-invalid, select.is-invalid, textarea.is-invalid, input[aria-invalid=true], select[aria-invalid=true], textarea[aria-invalid=true]")];
  meld("gve-fout-gekoppeld",
    'A field with an error needs aria-invalid="true" and aria-describedby (on itself or on its fieldset) naming the element with its error message',
    velden.filter((v) => {
      if (v.getAttribute("aria-invalid") !== "true") return true;
      const verwijzingen = [...ids(v), ...ids(v.closest("fieldset[aria-describedby]"))];
      return !verwijzingen.some((id) => {
        const el = document.getElementById(id);
        return el && el.classList.contains("invalid-feedback") && el.textContent.trim();
      });
    }));
  const genoemd = new Set([...document.querySelectorAll("[aria-describedby]")].flatMap(ids));
  meld("gve-foutmelding-los",
    "An error message (class invalid-feedback) must be named by the aria-describedby of its field or fieldset",
    [...document.querySelectorAll(".invalid-feedback")].filter((m) => m.textContent.trim() && !genoemd.has(m.id)));
  return uit;
}"""

AXE_UITVOEREN = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html.slice(0, 200), summary: n.failureSummary}))}));
}"""


def overtredingen(page) -> list[dict]:
    """Every axe violation and failed own check on the page as it is now in the browser."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, so the app's CSP (script only from 'self') holds.
        page.evaluate(axe_bron())
    return page.evaluate(AXE_UITVOEREN, AXE_TAGS) + page.evaluate(EIGEN_CONTROLES)


def ernstige(gevonden: list[dict]) -> list[dict]:
    return [v for v in gevonden if v["impact"] in ERNSTIG]


def verslag(per_pagina: dict[str, list[dict]]) -> str:
    """A readable list: per page each violation with its rule, impact, elements and help."""
    regels = []
    for pagina, gevonden in per_pagina.items():
        for v in gevonden:
            regels.append(f"{pagina}: [{v['impact']}] {v['id']} — {v['help']} {v['helpUrl']}".rstrip())
            for node in v["nodes"][:8]:
                regels.append(f"    {node['target']}  {node['html'][:140]}")
            if len(v["nodes"]) > 8:
                regels.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(regels)


def als_json(per_pagina: dict[str, list[dict]]) -> str:
    return json.dumps(per_pagina, indent=2, ensure_ascii=False)
