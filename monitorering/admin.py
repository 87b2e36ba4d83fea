from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models as m


@admin.register(m.Indikator)
class IndikatorAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "kode", "art", "enhed", "retning", "aggregering", "kilde"]
    list_filter = ["art", "kilde", "retning"]
    search_fields = ["navn", "kode"]
    prepopulated_fields = {"kode": ["navn"]}


@admin.register(m.ImportBatch)
class ImportBatchAdmin(SimpleHistoryAdmin):
    list_display = ["filnavn", "kilde", "status", "antal_raekker", "importeret_af", "oprettet"]
    list_filter = ["status"]


@admin.register(m.Maaling)
class MaalingAdmin(SimpleHistoryAdmin):
    list_display = [
        "indikator",
        "helhedsplan",
        "boligomraade",
        "periode_start",
        "periode_slut",
        "vaerdi",
        "kilde",
    ]
    list_filter = ["kilde", "indikator"]
    list_select_related = ["indikator", "helhedsplan", "boligomraade"]
    raw_id_fields = ["import_batch", "statusrapport"]


@admin.register(m.Kriteriesaet)
class KriteriesaetAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "gyldig_fra", "min_antal_kriterier"]


@admin.register(m.Omraadestatus)
class OmraadestatusAdmin(SimpleHistoryAdmin):
    list_display = ["boligomraade", "aar", "kategori", "kriteriesaet"]
    list_filter = ["kategori", "aar"]
