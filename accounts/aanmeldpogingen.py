"""django-axes' database handler, with a limit of its own for one address across accounts.

``AXES_LOCKOUT_PARAMETERS`` counts failures per account from one address and per address over all
accounts; axes holds both to the one ``AXES_FAILURE_LIMIT``. An address is often a whole town hall
or CMO office behind one gateway, so it gets a higher limit, ``AXES_ADRES_LIMIET``: one address
trying many accounts is locked out too, without five typing errors of colleagues locking out the
office. A successful login clears that account's failures from that address only, so logging in
to one's own account does not wipe an address's failures on other accounts (decision 0015).

``aanmeldpogingen_opschonen`` removes what axes keeps of attempts once their lockout is over
(decision 0021): the privacy register keeps login attempts no longer than that.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

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


def aanmeldpogingen_opschonen() -> int:
    """Remove axes' records of login attempts older than the lockout (``AXES_COOLOFF_TIME``): they
    no longer count towards one, and axes itself clears them only when someone next tries to log
    in. Its access logs are switched off (the audit trail records every login); rows written
    before that go the same way. Returns how many rows went."""
    grens = timezone.now() - get_cool_off()
    return sum(
        model.objects.filter(attempt_time__lt=grens).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )
