from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from bestyrelser.models import Forvaltningsomraade

from . import models as m


@admin.register(m.Indsatsomraade)
class IndsatsomraadeAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "kode"]
    search_fields = ["navn"]
    prepopulated_fields = {"kode": ["navn"]}


@admin.register(m.Bevillingsperiode)
class BevillingsperiodeAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "start_aar", "slut_aar", "regulativ_dato"]
    filter_horizontal = ["indsatsomraader"]


class ForvaltningInline(admin.TabularInline):
    model = m.Forvaltning
    extra = 0


@admin.register(m.Kommune)
class KommuneAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "kommunekode", "region"]
    list_filter = ["region"]
    search_fields = ["navn", "kommunekode"]
    inlines = [ForvaltningInline]


class FagomraadeInline(admin.TabularInline):
    """The forvaltning's further fagområder (the composition check reads them)."""

    model = Forvaltningsomraade
    extra = 1


@admin.register(m.Forvaltning)
class ForvaltningAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "kommune", "omraade"]
    list_filter = ["omraade", "kommune"]
    search_fields = ["navn"]
    inlines = [FagomraadeInline]


@admin.register(m.Boligorganisation)
class BoligorganisationAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "cvr"]
    search_fields = ["navn", "cvr"]


class AfdelingInline(admin.TabularInline):
    model = m.Afdeling
    extra = 0


@admin.register(m.Boligomraade)
class BoligomraadeAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "kommune", "antal_beboere"]
    list_filter = ["kommune"]
    search_fields = ["navn"]
    inlines = [AfdelingInline]


@admin.register(m.Afdeling)
class AfdelingAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "nummer", "boligorganisation", "boligomraade", "antal_boliger"]
    list_filter = ["boligorganisation"]
    search_fields = ["navn", "nummer"]


class BudgetpostInline(admin.TabularInline):
    model = m.Budgetpost
    extra = 0


@admin.register(m.Helhedsplan)
class HelhedsplanAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "boligomraade", "kommune", "bevillingsperiode", "startdato", "slutdato", "status"]
    list_filter = ["status", "bevillingsperiode", "kommune__region"]
    search_fields = ["navn", "lbf_sagsnummer", "boligomraade__navn"]
    filter_horizontal = ["boligorganisationer", "afdelinger"]
    list_select_related = ["boligomraade", "kommune", "bevillingsperiode"]
    inlines = [BudgetpostInline]


class StrategiskMaalInline(admin.StackedInline):
    model = m.StrategiskMaal
    extra = 0


@admin.register(m.Samarbejdsaftale)
class SamarbejdsaftaleAdmin(SimpleHistoryAdmin):
    list_display = ["helhedsplan", "version", "status", "gyldig_fra", "gyldig_til", "godkendt_tidspunkt"]
    list_filter = ["status"]
    inlines = [StrategiskMaalInline]
    raw_id_fields = ["godkendt_af"]


class SucceskriterieInline(admin.TabularInline):
    model = m.Succeskriterie
    extra = 0


@admin.register(m.StrategiskMaal)
class StrategiskMaalAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "nummer", "samarbejdsaftale", "indsatsomraade"]
    list_filter = ["indsatsomraade"]
    search_fields = ["titel"]
    inlines = [SucceskriterieInline]


@admin.register(m.Succeskriterie)
class SucceskriterieAdmin(SimpleHistoryAdmin):
    list_display = [
        "beskrivelse",
        "strategisk_maal",
        "indikator",
        "baseline_vaerdi",
        "maal_vaerdi",
        "maal_dato",
    ]
    search_fields = ["beskrivelse"]


class DelmaalInline(admin.TabularInline):
    model = m.Delmaal
    extra = 0
    fields = ["nummer", "titel", "status"]


@admin.register(m.Delaftale)
class DelaftaleAdmin(SimpleHistoryAdmin):
    list_display = ["helhedsplan", "indsatsomraade", "version", "status", "senest_opdateret"]
    list_filter = ["indsatsomraade", "status"]
    inlines = [DelmaalInline]


class MilepaelInline(admin.TabularInline):
    model = m.Milepael
    extra = 0


@admin.register(m.Delmaal)
class DelmaalAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "nummer", "delaftale", "status"]
    list_filter = ["status"]
    search_fields = ["titel"]
    filter_horizontal = ["strategiske_maal"]
    inlines = [MilepaelInline]


@admin.register(m.Maalgruppe)
class MaalgruppeAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "sortering"]


@admin.register(m.Samarbejdspartner)
class SamarbejdspartnerAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "type", "helhedsplan"]
    list_filter = ["type", "helhedsplan"]
    list_select_related = ["helhedsplan"]
    search_fields = ["navn", "helhedsplan__navn"]


@admin.register(m.Aktivitet)
class AktivitetAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "delmaal", "status", "startdato", "slutdato", "ansvarlig"]
    list_filter = ["status"]
    search_fields = ["navn"]
    filter_horizontal = ["maalgrupper", "samarbejdspartnere"]
    raw_id_fields = ["ansvarlig"]


class DeltagertalInline(admin.TabularInline):
    model = m.Deltagertal
    extra = 0


@admin.register(m.Aktivitetsregistrering)
class AktivitetsregistreringAdmin(SimpleHistoryAdmin):
    list_display = ["aktivitet", "dato", "timer", "registreret_af"]
    date_hierarchy = "dato"
    inlines = [DeltagertalInline]
    raw_id_fields = ["registreret_af"]


class LockedReportMixin:
    """The admin is one more path that must not change an approved report: locked
    reports and their rows are read-only here, and workflow fields always are (state
    moves only through the services in helhedsplaner/services.py)."""

    @staticmethod
    def _report_of(obj):
        if obj is None:
            return None
        return obj if isinstance(obj, m.Statusrapport) else getattr(obj, "statusrapport", None)

    def has_change_permission(self, request, obj=None):
        report = self._report_of(obj)
        if report is not None and report.er_laast:
            return False
        return super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request, obj=None):
        report = self._report_of(obj)
        if report is not None and report.er_laast:
            return False
        return super().has_delete_permission(request, obj)  # type: ignore[misc]


class DelmaalstatusInline(LockedReportMixin, admin.TabularInline):
    model = m.Delmaalstatus
    extra = 0


WORKFLOW_FIELDS = [
    "status",
    "returkommentar",
    "indsendt_af",
    "indsendt_tidspunkt",
    "accepteret_af",
    "accepteret_tidspunkt",
    "godkendt_af",
    "godkendt_tidspunkt",
]


@admin.register(m.Statusrapport)
class StatusrapportAdmin(LockedReportMixin, SimpleHistoryAdmin):
    list_display = ["delaftale", "periode_start", "periode_slut", "status"]
    list_filter = ["status"]
    inlines = [DelmaalstatusInline]
    readonly_fields = WORKFLOW_FIELDS


@admin.register(m.Budgetpost)
class BudgetpostAdmin(SimpleHistoryAdmin):
    list_display = ["helhedsplan", "aar", "kilde", "beloeb"]
    list_filter = ["kilde", "aar"]


@admin.register(m.Milepael)
class MilepaelAdmin(SimpleHistoryAdmin):
    list_display = ["beskrivelse", "delmaal", "dato", "naaet"]
    list_filter = ["naaet"]


@admin.register(m.Deltagertal)
class DeltagertalAdmin(SimpleHistoryAdmin):
    list_display = ["registrering", "maalgruppe", "antal"]
    raw_id_fields = ["registrering"]


@admin.register(m.Delmaalstatus)
class DelmaalstatusAdmin(LockedReportMixin, SimpleHistoryAdmin):
    list_display = ["delmaal", "statusrapport", "status"]
    list_filter = ["status"]


@admin.register(m.Maalaendring)
class MaalaendringAdmin(SimpleHistoryAdmin):
    list_display = ["succeskriterie", "felt", "gammel", "ny", "oprettet_af", "oprettet"]
    raw_id_fields = ["succeskriterie"]


@admin.register(m.Delaftaleversion)
class DelaftaleversionAdmin(SimpleHistoryAdmin):
    list_display = ["delaftale", "version", "status", "godkendt_af", "godkendt_tidspunkt"]
    list_filter = ["status"]
    readonly_fields = ["status", "godkendt_af", "godkendt_tidspunkt", "indsendt_tidspunkt"]
