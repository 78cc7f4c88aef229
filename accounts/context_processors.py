from django.urls import reverse


def navigation(request) -> dict:
    """The menu items for the logged-in user's role; scope is still checked by every view."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {"menu": []}
    menu = [("Overzicht", reverse("dashboard"))]
    if user.is_coordinator or user.is_adviseur:
        menu.append(("Gemeenten", reverse("gemeenten:lijst")))
    if user.is_gemeente and user.gemeente_id:
        menu.append(("Vragenlijsten", reverse("nulmeting:start")))
        menu.append(("Mijn gemeente", reverse("gemeenten:detail", args=[user.gemeente.cbs_code])))
    if user.is_coordinator or user.is_adviseur:
        menu.append(("Nulmeting", reverse("nulmeting:overzicht")))
    menu.append(("Adviesgesprekken", reverse("advies:lijst")))
    if user.is_coordinator or user.is_adviseur:
        menu.append(("Trajecten", reverse("advies:trajecten")))
    if user.is_coordinator or user.is_adviseur:
        menu.append(("Rapportages", reverse("rapportage:lijst")))
    if user.is_coordinator:
        menu.append(("Adviseurs", reverse("advies:adviseurs")))
    if user.is_coordinator or user.is_adviseur:
        menu.append(("Uitnodigen", reverse("accounts:uitnodigen")))
    if user.is_coordinator:
        menu.append(("Inwonertallen", reverse("gemeenten:inwoners_import")))
    if user.is_staff:
        menu.append(("Beheer", reverse("admin:index")))
    return {"menu": menu}
