from django.core.management.base import BaseCommand

from accounts.services import DEMO_WACHTWOORD, demo_accounts_maken


class Command(BaseCommand):
    help = "Maakt één demo-account per rol (als het nog niet bestaat) en toont de inloggegevens."

    def handle(self, *args, **options):
        accounts = demo_accounts_maken()
        self.stdout.write(f"\nDemo-accounts (wachtwoord voor alle drie: {DEMO_WACHTWOORD}):")
        for user in accounts:
            waar = user.gemeente or user.organisatie or "alle provincies"
            self.stdout.write(f"  {user.get_rol_display():<12} {user.email:<40} ({waar})")
        self.stdout.write("")
