from django.urls import reverse


def navigation(request) -> dict:
    """The menu for the logged-in user's role. It only helps finding pages: every view still
    checks access through accounts.permissions."""
    user = getattr(request, "user", None)
    # No menu before the second step of logging in is done (decision 0020): its links would
    # only lead back to that step.
    geverifieerd = getattr(user, "is_verified", None)  # set by django-otp's middleware
    if not user or not user.is_authenticated or not (geverifieerd and geverifieerd()):
        return {"menu": [], "beheermenu": []}
    menu = [("Overzicht", reverse("portaal:dashboard"))]
    beheer = []
    if user.is_gemeente and user.gemeente_id:
        menu.append(("Vragenlijsten", reverse("portaal:vragenlijsten")))
        menu.append(("Mijn gemeente", reverse("portaal:gemeente", args=[user.gemeente.cbs_code])))
        menu.append(("Beleidsplan", reverse("advies:beleidsplan", args=[user.gemeente.cbs_code])))
    if user.is_coordinator or user.is_adviseur:
        menu += [
            ("Gemeenten", reverse("gemeenten:lijst")),
            ("Nulmeting", reverse("portaal:nulmeting_overzicht")),
        ]
    menu += [("Adviesgesprekken", reverse("advies:lijst")), ("Adviesaanvragen", reverse("advies:aanvragen"))]
    if user.is_coordinator or user.is_adviseur:
        menu += [
            ("Trajecten", reverse("advies:trajecten")),
            ("Beleidsplannen", reverse("advies:beleidsplannen")),
            ("Bijeenkomsten", reverse("advies:bijeenkomsten")),
            ("Rondes", reverse("rondes:lijst")),
            ("Rapportages", reverse("rapportage:lijst")),
        ]
        beheer.append(("Ambtenaar uitnodigen", reverse("accounts:uitnodigen")))
    if user.is_coordinator:
        beheer += [
            ("Adviseurspool", reverse("advies:adviseurs")),
            ("Inwonertallen", reverse("gemeenten:inwoners_import")),
            ("Contactpersonen importeren", reverse("gemeenten:contactpersonen_import")),
            ("API-sleutels", reverse("api:sleutels")),
            ("Auditlog", reverse("accounts:audit")),
            ("Toegangsoverzicht", reverse("accounts:toegangsoverzicht")),
            ("Persoonsgegevens", reverse("portaal:persoonsgegevens")),
        ]
    if user.is_staff:
        beheer.append(("Technisch beheer", reverse("admin:index")))
    return {"menu": menu, "beheermenu": beheer}
