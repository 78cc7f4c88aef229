from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import Uitnodiging, User


@admin.register(User)
class AccountAdmin(UserAdmin):
    ordering = ["email"]
    list_display = ["email", "naam", "rol", "gemeente", "organisatie", "is_active"]
    list_filter = ["rol", "is_active", "organisatie"]
    list_select_related = ["gemeente", "organisatie"]
    search_fields = ["email", "naam"]
    autocomplete_fields = ["gemeente"]
    fieldsets = [
        (None, {"fields": ["email", "password", "naam"]}),
        ("Rol", {"fields": ["rol", "gemeente", "organisatie"]}),
        ("Rechten", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Data", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "naam", "rol", "gemeente", "organisatie", "password1", "password2"]})
    ]


@admin.register(Uitnodiging)
class UitnodigingAdmin(admin.ModelAdmin):
    list_display = ["email", "gemeente", "aangemaakt_op", "verloopt_op", "gebruikt_op"]
    list_select_related = ["gemeente"]
    readonly_fields = ["token_hash"]
    search_fields = ["email", "gemeente__naam"]
