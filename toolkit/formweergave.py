"""The form renderer (``FORM_RENDERER``): Django's own, with ``<select>`` built in Python.

Django renders a select with one template include per ``<option>``, about 60 µs each; the filter
of the session list has selects of up to 451 municipalities, and rendering them was most of that
page's time. ``SnelleWeergave`` writes exactly the HTML of Django's ``select.html`` and
``select_option.html`` (tests/test_formweergave.py compares the two on every form of the project),
and leaves every other template to Django.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _tekst(waarde) -> str:
    """``{{ waarde|stringformat:'s' }}``: the value as text, escaped unless it was marked safe."""
    tekst = "%s" % (waarde,)  # noqa: UP031 - the same formatting as the template filter
    return conditional_escape(mark_safe(tekst) if isinstance(waarde, SafeData) else tekst)


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    delen = []
    for naam, waarde in attrs.items():
        if waarde is False:
            continue
        delen.append(
            f" {conditional_escape(naam)}"
            if waarde is True
            else f' {conditional_escape(naam)}="{_tekst(waarde)}"'
        )
    return "".join(delen)


def _option(option: dict) -> str:
    return (
        f'<option value="{_tekst(option["value"])}"{_attrs(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>\n"
    )


def select_html(widget: dict) -> str:
    delen = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for groep, keuzes, _ in widget["optgroups"]:
        if groep:
            delen.append(f'\n  <optgroup label="{conditional_escape(groep)}">')
        for option in keuzes:
            delen.append("\n  " + _option(option))
        if groep:
            delen.append("\n  </optgroup>")
    delen.append("\n</select>\n")
    return "".join(delen).strip()


class SnelleWeergave(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == SELECT else None
        if widget is not None and all(
            o.get("template_name") == OPTION for _, g, _ in widget["optgroups"] for o in g
        ):
            return select_html(widget)
        return super().render(template_name, context, request)
