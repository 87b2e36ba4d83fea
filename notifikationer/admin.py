from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Afsendelse, Modtagerprofil, Notifikation, Organindstilling


@admin.register(Afsendelse)
class AfsendelseAdmin(admin.ModelAdmin):
    """The sent-log: permanent failures are filtered by status ``fejlet``."""

    list_display = ("oprettet", "art", "objekt", "profil", "adresse", "status", "forsoeg", "fejl_kort")
    list_filter = ("status", "art")
    search_fields = ("objekt", "adresse", "emne", "fejl")
    date_hierarchy = "oprettet"
    readonly_fields = [f.name for f in Afsendelse._meta.fields]

    @admin.display(description=_("fejl"))
    def fejl_kort(self, obj: Afsendelse) -> str:
        return obj.fejl[:80]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Modtagerprofil)
class ModtagerprofilAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "sprog", "afvist_adresse", "afvist_tidspunkt")
    list_filter = ("sprog",)
    search_fields = ("person__navn", "person__email", "user__username", "afvist_adresse")
    exclude = ("afmeld_token", "kalender_token")
    readonly_fields = ("person", "user", "afvist_adresse", "afvist_tidspunkt", "afvist_aarsag")


@admin.register(Notifikation)
class NotifikationAdmin(admin.ModelAdmin):
    list_display = ("oprettet", "modtager", "art", "titel", "laest")
    list_filter = ("art",)
    readonly_fields = [f.name for f in Notifikation._meta.fields]


@admin.register(Organindstilling)
class OrganindstillingAdmin(SimpleHistoryAdmin):
    list_display = ("organ", "dage_foer_moede")
