import binascii

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from accounts.services import DEMO_TOTP_SLEUTEL


class Command(BaseCommand):
    help = "Toont de code van dit moment voor de tweede stap van de demo-accounts (alleen de demo)."

    def handle(self, *args, **options):
        self.stdout.write(f"{TOTP(binascii.unhexlify(DEMO_TOTP_SLEUTEL)).token():06d}")
