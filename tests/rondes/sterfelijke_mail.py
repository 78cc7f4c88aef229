"""A worker that dies while sending, in-process: Django's SMTP backend that, after handing the
``sterft_bij``-th message to the real server (which accepts it), raises ``SystemExit`` before the
sender hears back, as a killed process would. Nothing of ours is replaced; the ledger must cope.
Before each message it also notes how many mails the ledger has marked sent, to show each is
marked the moment the server accepted it, not at the end of its batch."""

from django.core.mail.backends.smtp import EmailBackend

from rondes.models import Verzending


class Sterfelijk(EmailBackend):
    sterft_bij = 0  # set by the test; 0: never
    verstuurd = 0
    geboekt_voor: list[int] = []

    def send_messages(self, email_messages):
        type(self).geboekt_voor.append(Verzending.objects.filter(status="verzonden").count())
        aantal = super().send_messages(email_messages)
        type(self).verstuurd += len(email_messages)
        if type(self).verstuurd == type(self).sterft_bij:
            raise SystemExit("worker killed")
        return aantal


def sterven_bij(settings, n: int) -> None:
    """From now on the mail of this process goes through a worker that dies at its ``n``-th mail."""
    Sterfelijk.sterft_bij, Sterfelijk.verstuurd, Sterfelijk.geboekt_voor = n, 0, []
    settings.EMAIL_BACKEND = "tests.rondes.sterfelijke_mail.Sterfelijk"
