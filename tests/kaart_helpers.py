"""Reading maps (toolkit.kaarten) as a user's browser gets them: tooltips, links, tables."""

import html
import re


def titels(svg: str) -> dict[str, str]:
    """CBS code → tooltip of every area in the SVG (ids carry a per-figure prefix)."""
    paren = re.findall(r'<g id="f[0-9a-f]{8}-((?:GM\d{4}|PV\d{2}))"><title>([^<]*)</title>', svg)
    return {code: html.unescape(titel) for code, titel in paren}


def links(svg: str) -> dict[str, str]:
    """CBS code → link of every area that links somewhere."""
    return dict(
        re.findall(
            r'<g id="f[0-9a-f]{8}-(GM\d{4}|PV\d{2})"><title>[^<]*</title>\s*<a xlink:href="([^"]*)"', svg
        )
    )


def kaarten_op(pagina: str) -> list[tuple[str, str]]:
    """Each map on a page as (its svg, the collapsed table under it)."""
    delen = pagina.split('<figure class="kaart')[1:]
    return [(d[: d.index("</figure>")], d[d.index("<details") : d.index("</details>")]) for d in delen]


def tabel(details: str) -> dict[str, tuple[str, str]]:
    """Area name → (value, link) from the table under a map."""
    rijen = re.findall(
        r'<th scope="row" class="fw-normal">(?:<a href="([^"]*)">)?([^<]+)(?:</a>)?</th><td[^>]*>([^<]*)</td>',
        details,
    )
    return {html.unescape(naam): (html.unescape(waarde), link) for link, naam, waarde in rijen}
