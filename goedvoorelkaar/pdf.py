"""One PDF helper: render a template to HTML and convert it with WeasyPrint.

The web page and the PDF share the template's context, so they cannot drift apart. Nothing is
fetched over the network: stylesheets are inlined by the print templates, figures are inline SVG.
"""

from django.conf import settings
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict) -> tuple[str, bytes]:
    from weasyprint import HTML  # imported lazily: heavy, and only report paths need it

    html = render_to_string(template, context)
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()
    return html, pdf
