import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import passkeys as passkey_diensten
from accounts import selectors, services, tweefactor
from accounts.audit import Actie, Resultaat, vastleggen
from accounts.filters import AuditFilter
from accounts.forms import (
    InlogForm,
    NieuwWachtwoordForm,
    TotpInstellenForm,
    TweedeFactorForm,
    UitnodigingAccepterenForm,
    UitnodigingForm,
    WachtwoordVergetenForm,
)
from accounts.models import Auditregel, User
from accounts.permissions import mag_audit_inzien, rol_vereist, vereis
from toolkit.export import bestand_response, csv_bytes, xlsx_bytes
from toolkit.invoer import fouten_op_form


class InlogView(auth_views.LoginView):
    form_class = InlogForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class WachtwoordVergetenView(auth_views.PasswordResetView):
    form_class = WachtwoordVergetenForm
    template_name = "accounts/wachtwoord_vergeten.html"
    email_template_name = "accounts/email/wachtwoord_reset.txt"
    subject_template_name = "accounts/email/wachtwoord_reset_onderwerp.txt"
    success_url = reverse_lazy("accounts:wachtwoord_verstuurd")


class WachtwoordVerstuurdView(auth_views.PasswordResetDoneView):
    template_name = "accounts/wachtwoord_verstuurd.html"


class NieuwWachtwoordView(auth_views.PasswordResetConfirmView):
    form_class = NieuwWachtwoordForm
    template_name = "accounts/nieuw_wachtwoord.html"
    success_url = reverse_lazy("accounts:wachtwoord_gewijzigd")

    def form_valid(self, form):
        vastleggen(
            Actie.TOKEN_GEBRUIKT,
            request=self.request,
            gebruiker=form.user,
            object=form.user,
            toelichting="link om een wachtwoord te kiezen",
        )
        return super().form_valid(form)


class WachtwoordGewijzigdView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/wachtwoord_gewijzigd.html"


@rol_vereist(User.Rol.COORDINATOR, User.Rol.ADVISEUR)
def uitnodigen(request):
    form = UitnodigingForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.uitnodiging_maken(
                email=form.cleaned_data["email"],
                gemeente=form.cleaned_data["gemeente"],
                door=request.user,
                basis_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            fouten_op_form(form, exc)
        else:
            messages.success(
                request,
                f"De uitnodiging voor {form.cleaned_data['gemeente']} is verstuurd naar {form.cleaned_data['email']}.",
            )
            return redirect("accounts:uitnodigen")
    uitnodigingen = services.uitnodigingen_voor(request.user)[:25]
    return render(request, "accounts/uitnodigen.html", {"form": form, "uitnodigingen": uitnodigingen})


def uitnodiging_accepteren(request, token: str):
    try:
        uitnodiging = services.uitnodiging_zoeken(token)
    except services.UitnodigingOngeldig as exc:
        vastleggen(
            Actie.TOKEN_GEBRUIKT, request=request, resultaat=Resultaat.MISLUKT, toelichting="uitnodiging"
        )
        return render(request, "accounts/uitnodiging_ongeldig.html", {"reden": exc.reden}, status=410)
    form = UitnodigingAccepterenForm(
        request.POST if request.method == "POST" else None, email=uitnodiging.email
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.uitnodiging_accepteren(
                token=token, naam=form.cleaned_data["naam"], wachtwoord=form.cleaned_data["wachtwoord1"]
            )
        except services.UitnodigingOngeldig as exc:
            return render(request, "accounts/uitnodiging_ongeldig.html", {"reden": exc.reden}, status=410)
        vastleggen(
            Actie.TOKEN_GEBRUIKT,
            request=request,
            gebruiker=user,
            object=uitnodiging,
            toelichting="uitnodiging",
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            f"Uw account voor {user.gemeente} is aangemaakt. Stel nu de tweede stap van het inloggen in.",
        )
        return redirect("accounts:tweede_factor_instellen")
    return render(request, "accounts/uitnodiging_accepteren.html", {"form": form, "uitnodiging": uitnodiging})


def _volgende(request) -> str:
    """Where to go once the second factor is done: ``next`` if it stays on this site."""
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(volgende, {request.get_host()}, request.is_secure()):
        return volgende
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@login_required
def tweede_factor(request):
    """The second step of logging in: a code from the app, or a recovery code."""
    if request.user.is_verified():
        return redirect(_volgende(request))
    if not tweefactor.heeft_tweede_factor(request.user):
        return redirect("accounts:tweede_factor_instellen")
    form = TweedeFactorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        apparaat = tweefactor.tweede_factor_controleren(user=request.user, code=form.cleaned_data["code"])
        if apparaat is not None:
            return _tweede_factor_gelukt(request, apparaat)
        vastleggen(
            Actie.INLOGGEN_MISLUKT, request=request, resultaat=Resultaat.MISLUKT, toelichting="tweede factor"
        )
        form.add_error(
            "code",
            "Deze code klopt niet of is al gebruikt. Typ de code die de app nu toont; na een paar "
            "foute pogingen moet u even wachten.",
        )
    return render(
        request,
        "accounts/tweede_factor.html",
        {"form": form, "next": _volgende(request), "passkeys": passkey_diensten.passkeys_van(request.user)},
    )


def _tweede_factor_gelukt(request, apparaat):
    django_otp.login(request, apparaat)
    herstelcode = isinstance(apparaat, StaticDevice)
    vastleggen(
        Actie.INLOGGEN,
        request=request,
        toelichting="herstelcode" if herstelcode else "tweede factor",
    )
    if herstelcode:
        over = apparaat.token_set.count()
        messages.warning(
            request,
            f"U bent ingelogd met een herstelcode; u heeft er nog {over}. Verloren telefoon? Vraag "
            "MOVISIE om uw tweede stap opnieuw in te laten stellen.",
        )
    return redirect(_volgende(request))


@login_required
def tweede_factor_instellen(request):
    """Set up the authenticator app: scan or type the secret, confirm with a code; the recovery
    codes are shown once, on the page that answers the confirmation."""
    if tweefactor.heeft_tweede_factor(request.user):
        return redirect("accounts:tweede_factor")
    apparaat = tweefactor.totp_beginnen(request.user)
    form = TotpInstellenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        codes = tweefactor.totp_bevestigen(
            user=request.user, apparaat=apparaat, code=form.cleaned_data["code"], request=request
        )
        if codes is not None:
            django_otp.login(request, apparaat)
            return render(request, "accounts/herstelcodes.html", {"codes": codes, "next": _volgende(request)})
        form.add_error(
            "code",
            "Deze code klopt niet. Controleer of de tijd op uw telefoon klopt en probeer de nieuwste code.",
        )
    context = {
        "form": form,
        "qr": tweefactor.qr_svg(apparaat),
        "geheim": tweefactor.geheim_van(apparaat),
        "next": _volgende(request),
    }
    return render(request, "accounts/tweede_factor_instellen.html", context)


# --- for coordinators: the audit trail, the access review, resetting a second factor ----------

PER_PAGINA = 50


def _alleen_audit(request) -> None:
    vereis(mag_audit_inzien(request.user))


@login_required
def audit(request):
    _alleen_audit(request)
    filter = AuditFilter(request.GET or None, queryset=Auditregel.objects.voor_lijst())
    regels = filter.qs if filter.is_bound and filter.is_valid() else Auditregel.objects.voor_lijst()
    pagina = Paginator(regels, PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {"filter": filter, "pagina": pagina, "zoekterm": _zonder_pagina(request)}
    return render(request, "accounts/audit.html", context)


def _zonder_pagina(request) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


def _tabel(kolommen, rijen, formaat: str, naam: str, blad: str):
    if formaat == "xlsx":
        return bestand_response(xlsx_bytes({blad: (kolommen, rijen)}), f"{naam}.xlsx")
    return bestand_response(csv_bytes(kolommen, rijen), f"{naam}.csv")


@login_required
def audit_export(request, formaat: str):
    if formaat not in ("csv", "xlsx"):
        raise Http404
    _alleen_audit(request)
    filter = AuditFilter(request.GET or None, queryset=Auditregel.objects.all())
    regels = filter.qs if filter.is_bound and filter.is_valid() else Auditregel.objects.all()
    naam = f"auditlog-{timezone.localdate():%Y-%m-%d}"
    return _tabel(selectors.AUDIT_KOLOMMEN, selectors.audit_rijen(regels), formaat, naam, "Auditlog")


@login_required
def toegangsoverzicht(request):
    _alleen_audit(request)
    pagina = Paginator(selectors.toegangsoverzicht(), PER_PAGINA).get_page(request.GET.get("pagina"))
    for account in pagina:
        account.tweede_factoren = selectors.tweede_factoren(account)
    return render(request, "accounts/toegangsoverzicht.html", {"pagina": pagina, "bereik": selectors.bereik})


@login_required
def toegangsoverzicht_export(request, formaat: str):
    if formaat not in ("csv", "xlsx"):
        raise Http404
    _alleen_audit(request)
    rijen = selectors.toegang_rijen(selectors.toegangsoverzicht())
    naam = f"toegangsoverzicht-{timezone.localdate():%Y-%m-%d}"
    return _tabel(selectors.TOEGANG_KOLOMMEN, rijen, formaat, naam, "Accounts")


@require_POST
@login_required
def tweede_factor_resetten(request, pk: int):
    user = get_object_or_404(User, pk=pk)
    tweefactor.tweede_factor_resetten(user=user, door=request.user, request=request)
    messages.success(
        request,
        f"De tweede stap van {user.email} is gewist. Bij de volgende keer inloggen stelt die de app opnieuw in.",
    )
    return redirect("accounts:toegangsoverzicht")


@login_required
def passkeys(request):
    """The user's passkeys beside the app: add one (the browser's own dialog, started by
    django-otp-webauthn's script) or remove one."""
    form = passkey_diensten.PasskeyVerwijderenForm(
        request.POST if request.method == "POST" else None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        passkey_diensten.passkey_verwijderen(
            passkey=form.cleaned_data["passkey"], door=request.user, request=request
        )
        messages.success(request, "De passkey is verwijderd. Inloggen kan met de app of een andere passkey.")
        return redirect("accounts:passkeys")
    return render(
        request,
        "accounts/passkeys.html",
        {"passkeys": passkey_diensten.passkeys_van(request.user), "form": form},
    )
