"""django-axes' database handler, with a limit of its own for one address across accounts.

``AXES_LOCKOUT_PARAMETERS`` counts failures per account from one address and per address over all
accounts; axes holds both to the one ``AXES_FAILURE_LIMIT``. An address is often a whole town hall
or CMO office behind one gateway, so it gets a higher limit, ``AXES_ADRES_LIMIET``: one address
trying many accounts is locked out too, without five typing errors of colleagues locking out the
office. A successful login clears that account's failures from that address only, so logging in
to one's own account does not wipe an address's failures on other accounts (decision 0015).
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum

PER_ACCOUNT, PER_ADRES = ["username", "ip_address"], "ip_address"


class Aanmeldpogingen(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """Failures in units of ``AXES_FAILURE_LIMIT``: the account's from this address, or the
        address's over all accounts scaled so that ``AXES_ADRES_LIMIET`` of them reach it."""
        account, adres = (
            pogingen.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for pogingen in self.get_user_attempts(request, credentials)
        )
        return max(account, adres * settings.AXES_FAILURE_LIMIT // settings.AXES_ADRES_LIMIET)

    def reset_user_attempts(self, request, credentials=None) -> int:
        account = self.filter_user_attempts(request, credentials)[0]
        aantal, _ = account.delete()
        return aantal
