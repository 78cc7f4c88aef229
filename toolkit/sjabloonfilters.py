"""Template filters and tags available in every template (``TEMPLATES[...]["OPTIONS"]["builtins"]``)."""

import html
import re

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

from toolkit.getallen import nl_uren

register = template.Library()


@register.filter
def heeft_verplichte_velden(form) -> bool:
    """Whether ``form`` shows a field marked with crispy's required asterisk."""
    return any(veld.field.required for veld in form.visible_fields())


@register.filter
def uren(waarde) -> str:
    """Hours as typed: 2, 2,5, 4,25 (``toolkit.getallen.nl_uren``)."""
    return nl_uren(waarde)


@register.filter
def heeft_veldfouten(form) -> bool:
    """Whether an error of ``form`` belongs to one of its fields (not only to the form as a whole)."""
    return any(veld.errors for veld in form)


_BIJSCHRIFT = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL | re.IGNORECASE)


class SchuifvakNode(template.Node):
    def __init__(self, nodelist, label):
        self.nodelist = nodelist
        self.label = label

    def render(self, context) -> str:
        inhoud = self.nodelist.render(context)
        label = self.label.resolve(context) if self.label else ""
        if not label and (bijschrift := _BIJSCHRIFT.search(inhoud)):
            label = " ".join(html.unescape(strip_tags(bijschrift.group(1))).split())
        return format_html(
            '<div class="table-responsive schuifvak" role="region" aria-label="{}" tabindex="0">{}</div>',
            label or "Tabel",
            mark_safe(inhoud),  # noqa: S308 - the block's own rendered (and escaped) template output
        )


@register.tag
def schuifvak(parser, token):
    """``{% schuifvak %}<table>…</table>{% endschuifvak %}``: a table that is wider than the screen
    (a phone) scrolls sideways inside its own box instead of widening the page. The box is a
    named region that takes the keyboard focus, so it can be scrolled with the arrow keys; its
    name is the table's caption, or the label given (``{% schuifvak "Rondes" %}``). Shadows at
    its edges (app.css) show that there is more to see."""
    delen = token.split_contents()
    if len(delen) > 2:
        raise template.TemplateSyntaxError("{% schuifvak %} takes at most one label")
    label = parser.compile_filter(delen[1]) if len(delen) == 2 else None
    nodelist = parser.parse(("endschuifvak",))
    parser.delete_first_token()
    return SchuifvakNode(nodelist, label)
