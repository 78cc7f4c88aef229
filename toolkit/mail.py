"""Mail in Dutch, as plain text with an HTML alternative, from the configured sender.

``bericht`` renders ``<template>.txt`` and ``<template>.html`` with one context, so the two parts
cannot say different things; the reply address comes from ``EMAIL_REPLY_TO``. The templates get it
as ``antwoordadres``: a mail asks to be answered only when an answer reaches someone (the sender,
``DEFAULT_FROM_EMAIL``, is a no-reply address).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def bericht(*, onderwerp: str, template: str, context: dict, aan: str) -> EmailMultiAlternatives:
    context = {**context, "antwoordadres": settings.EMAIL_REPLY_TO}
    mail = EmailMultiAlternatives(
        subject=onderwerp,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[aan],
        reply_to=[settings.EMAIL_REPLY_TO] if settings.EMAIL_REPLY_TO else None,
    )
    mail.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return mail
