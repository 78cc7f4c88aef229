from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.audit import audit_opschonen


class Command(BaseCommand):
    help = "Verwijdert auditregels die ouder zijn dan de bewaartermijn (AUDIT_BEWAARTERMIJN_DAGEN)."

    def handle(self, *args, **options):
        aantal = audit_opschonen()
        self.stdout.write(
            f"{aantal} auditregels ouder dan {settings.AUDIT_BEWAARTERMIJN_DAGEN} dagen verwijderd."
        )
