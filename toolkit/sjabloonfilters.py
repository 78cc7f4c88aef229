"""Template filters available in every template (``TEMPLATES[...]["OPTIONS"]["builtins"]``)."""

from django import template

register = template.Library()


@register.filter
def heeft_verplichte_velden(form) -> bool:
    """Whether ``form`` shows a field marked with crispy's required asterisk."""
    return any(veld.field.required for veld in form.visible_fields())
