from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from helhedsplaner.admin import LockedReportMixin
from portal.admin import ReadOnlyAdminMixin

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
class MaalingAdmin(LockedReportMixin, SimpleHistoryAdmin):
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


@admin.register(m.Landsgennemsnit)
class LandsgennemsnitAdmin(admin.ModelAdmin):
    """The national conviction average per year: data for criterion B from 2018."""

    list_display = ["__str__"]


class ComputedAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Snapshots and jobs are computed by the monitoring engine: readable, never edited."""


@admin.register(m.Importraekke)
class ImportraekkeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A previewed batch's staging rows: written by the preview, read by the confirm."""

    list_display = ["batch", "raekke", "indikator", "maal", "periode_start", "periode_slut", "vaerdi"]
    list_select_related = ["batch"]


@admin.register(m.Kriteriestatus)
class KriteriestatusAdmin(ComputedAdmin):
    list_display = ["succeskriterie", "helhedsplan", "periode_start", "faktisk", "forventet", "status"]
    list_filter = ["status"]
    list_select_related = ["succeskriterie", "helhedsplan"]


@admin.register(m.Statusoversigt)
class StatusoversigtAdmin(ComputedAdmin):
    list_display = [
        "helhedsplan",
        "indsatsomraade",
        "periode_start",
        "paa_sporet",
        "i_risiko",
        "ikke_paa_sporet",
    ]
    list_select_related = ["helhedsplan", "indsatsomraade"]


@admin.register(m.Planberegning)
class PlanberegningAdmin(ComputedAdmin):
    list_display = ["helhedsplan", "generation", "beregnet"]


@admin.register(m.Job)
class JobAdmin(ComputedAdmin):
    list_display = ["__str__", "status"]
    list_filter = ["status"]
