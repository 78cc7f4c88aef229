from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from accounts import services
from accounts.forms import (
    InlogForm,
    NieuwWachtwoordForm,
    UitnodigingAccepterenForm,
    UitnodigingForm,
    WachtwoordVergetenForm,
)
from accounts.models import User
from accounts.permissions import rol_vereist
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
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welkom! Uw account voor {user.gemeente} is klaar.")
        return redirect("portaal:dashboard")
    return render(request, "accounts/uitnodiging_accepteren.html", {"form": form, "uitnodiging": uitnodiging})
