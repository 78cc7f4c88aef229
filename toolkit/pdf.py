"""One PDF helper: HTML (or a template rendered to HTML) converted by WeasyPrint.

A web page and its PDF share the template's context, so they cannot drift apart. Nothing is
fetched over the network: stylesheets are inlined by the print templates, figures are inline SVG;
relative URLs resolve against ``static/``.
"""

from django.conf import settings
from django.template.loader import render_to_string


def html_naar_pdf(html: str) -> bytes:
    # WeasyPrint (with Pango) costs ~100 MB and a second at import; only PDF requests load it.
    from weasyprint import HTML  # noqa: PLC0415

    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()


def render_pdf(template: str, context: dict) -> tuple[str, bytes]:
    html = render_to_string(template, context)
    return html, html_naar_pdf(html)
