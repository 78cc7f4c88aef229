from django.shortcuts import render


def geen_toegang(request, exception=None):
    return render(request, "fouten/403.html", status=403)


def niet_gevonden(request, exception=None):
    return render(request, "fouten/404.html", status=404)


def serverfout(request):
    return render(request, "fouten/500.html", status=500)
