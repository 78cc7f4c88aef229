import base64
import binascii

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from accounts.services import DEMO_TOTP_SLEUTEL, DEMO_WACHTWOORD, demo_accounts_maken


class Command(BaseCommand):
    help = (
        "Maakt één demo-account per rol (als het nog niet bestaat), met een vaste demo-sleutel voor "
        "de tweede stap, en toont hoe u inlogt."
    )

    def handle(self, *args, **options):
        accounts = demo_accounts_maken()
        sleutel = binascii.unhexlify(DEMO_TOTP_SLEUTEL)
        geheim = base64.b32encode(sleutel).decode().rstrip("=")
        self.stdout.write(f"\nDemo-accounts (wachtwoord voor alle drie: {DEMO_WACHTWOORD}):")
        for user in accounts:
            waar = user.gemeente or user.organisatie or "alle provincies"
            self.stdout.write(f"  {user.get_rol_display():<12} {user.email:<40} ({waar})")
        self.stdout.write(
            "\nTweede stap: voeg in een authenticator-app een account toe met de demo-sleutel "
            f"{geheim} (tijdgebaseerd, 6 cijfers; voor alle drie, alleen voor deze demo).\n"
            f"Of gebruik de code van dit moment: {TOTP(sleutel).token():06d} (elke 30 seconden een nieuwe;\n"
            "  .venv/bin/python manage.py demo_code toont de actuele).\n"
        )
