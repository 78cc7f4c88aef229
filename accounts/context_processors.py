from django.urls import reverse


def navigation(request) -> dict:
    """The menu for the logged-in user's role. It only helps finding pages: every view still
    checks access through accounts.permissions."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {"menu": [], "beheermenu": []}
    menu = [("Overzicht", reverse("portaal:dashboard"))]
    beheer = []
    if user.is_gemeente and user.gemeente_id:
        menu.append(("Vragenlijsten", reverse("portaal:vragenlijsten")))
        menu.append(("Mijn gemeente", reverse("portaal:gemeente", args=[user.gemeente.cbs_code])))
    if user.is_coordinator or user.is_adviseur:
        menu += [("Gemeenten", reverse("gemeenten:lijst")), ("Nulmeting", reverse("nulmeting:overzicht"))]
    menu.append(("Adviesgesprekken", reverse("advies:lijst")))
    if user.is_coordinator or user.is_adviseur:
        menu += [
            ("Trajecten", reverse("advies:trajecten")),
            ("Rondes", reverse("rondes:lijst")),
            ("Rapportages", reverse("rapportage:lijst")),
        ]
        beheer.append(("Ambtenaar uitnodigen", reverse("accounts:uitnodigen")))
    if user.is_coordinator:
        beheer += [
            ("Adviseurspool", reverse("advies:adviseurs")),
            ("Inwonertallen", reverse("gemeenten:inwoners_import")),
            ("Contactpersonen importeren", reverse("gemeenten:contactpersonen_import")),
        ]
    if user.is_staff:
        beheer.append(("Technisch beheer", reverse("admin:index")))
    return {"menu": menu, "beheermenu": beheer}
