"""Admin for the agreement survey. Responses show level and organisation type only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models as m


class SpoergsmaalInline(admin.TabularInline):
    model = m.Spoergsmaal
    extra = 0
    fields = ["nummer", "type", "emne", "tekst", "indsatsomraade"]
    raw_id_fields = ["strategisk_maal", "delmaal"]


@admin.register(m.Enighedsmaaling)
class EnighedsmaalingAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "helhedsplan", "runde", "status", "lukkedato"]
    list_filter = ["status", "runde"]
    list_select_related = ["helhedsplan"]
    inlines = [SpoergsmaalInline]


@admin.register(m.Spoergsmaal)
class SpoergsmaalAdmin(SimpleHistoryAdmin):
    list_display = ["maaling", "nummer", "type", "emne"]
    list_filter = ["type"]
    list_select_related = ["maaling"]
    raw_id_fields = ["strategisk_maal", "delmaal"]


@admin.register(m.Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "maaling", "niveau", "organisationstype", "sendt", "paamindelser", "besvaret"]
    list_filter = ["niveau", "besvaret"]
    list_select_related = ["person", "maaling"]
    raw_id_fields = ["person"]
    readonly_fields = ["besvaret"]


@admin.register(m.Besvarelse)
class BesvarelseAdmin(SimpleHistoryAdmin):
    list_display = ["maaling", "niveau", "organisationstype"]
    list_filter = ["niveau"]
    list_select_related = ["maaling"]


@admin.register(m.Svar)
class SvarAdmin(SimpleHistoryAdmin):
    list_display = ["spoergsmaal", "vaerdi"]
    list_select_related = ["spoergsmaal"]
    raw_id_fields = ["besvarelse", "spoergsmaal"]


@admin.register(m.Analyse)
class AnalyseAdmin(SimpleHistoryAdmin):
    list_display = ["maaling", "beregnet", "antal_inviterede", "antal_besvarelser"]
    list_select_related = ["maaling"]


@admin.register(m.Enighedsresultat)
class EnighedsresultatAdmin(SimpleHistoryAdmin):
    list_display = ["maaling", "omfang", "blok", "niveau", "n", "undertrykt", "middel", "rwg", "ad"]
    list_filter = ["omfang", "blok", "niveau", "undertrykt"]
    list_select_related = ["maaling"]
    raw_id_fields = ["spoergsmaal"]


@admin.register(m.Niveauforskel)
class NiveauforskelAdmin(SimpleHistoryAdmin):
    list_display = ["maaling", "blok", "niveau_a", "niveau_b", "forskel", "ci_lav", "ci_hoej", "undertrykt"]
    list_filter = ["blok", "undertrykt"]
    list_select_related = ["maaling"]
    raw_id_fields = ["spoergsmaal"]
