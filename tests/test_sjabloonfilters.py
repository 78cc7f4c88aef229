"""The template tags every template has (toolkit/sjabloonfilters.py)."""

from django.template import Context, Template


def render(bron: str, **context) -> str:
    return Template(bron).render(Context(context))


def test_a_table_scrolls_in_a_named_focusable_region_named_by_its_caption():
    html = render(
        "{% schuifvak %}<table><caption>{{ n }} gemeenten <strong>&amp; CMO's</strong></caption>"
        "<tr><td>x</td></tr></table>{% endschuifvak %}",
        n="1.400",
    )
    assert html.startswith(
        '<div class="table-responsive schuifvak" role="region" aria-label="1.400 gemeenten &amp; CMO&#x27;s" '
        'tabindex="0"><table><caption>1.400 gemeenten <strong>&amp; CMO\'s</strong></caption>'
    )
    assert html.endswith("</table></div>")


def test_a_given_label_names_the_region_and_is_escaped():
    html = render("{% schuifvak label %}<table></table>{% endschuifvak %}", label='Rondes "open" <b>')
    assert 'aria-label="Rondes &quot;open&quot; &lt;b&gt;"' in html
    assert render("{% schuifvak %}<table></table>{% endschuifvak %}").count('aria-label="Tabel"') == 1
