from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from portal.admin import ReadOnlyAdminMixin

from . import models as m


@admin.register(m.Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "stilling", "email", "user"]
    search_fields = ["navn", "email"]
    raw_id_fields = ["user"]


@admin.register(m.Forvaltningsomraade)
class ForvaltningsomraadeAdmin(SimpleHistoryAdmin):
    """Also edited inline on the forvaltning (helhedsplaner admin)."""

    list_display = ["forvaltning", "omraade"]
    list_filter = ["omraade"]
    search_fields = ["forvaltning__navn"]


class MedlemskabInline(admin.TabularInline):
    model = m.Medlemskab
    extra = 0
    raw_id_fields = ["person"]


@admin.register(m.Organ)
class OrganAdmin(SimpleHistoryAdmin):
    list_display = ["navn", "type", "helhedsplan", "rapporterer_til"]
    list_filter = ["type"]
    search_fields = ["navn"]
    filter_horizontal = ["daekker"]
    inlines = [MedlemskabInline]


@admin.register(m.Medlemskab)
class MedlemskabAdmin(SimpleHistoryAdmin):
    list_display = ["person", "organ", "rolle", "repraesenterer", "niveau", "fra", "til"]
    list_filter = ["rolle", "repraesenterer", "niveau"]
    search_fields = ["person__navn", "organ__navn"]


class DeltagelseInline(admin.TabularInline):
    model = m.Moededeltagelse
    extra = 0


class DagsordenspunktInline(admin.TabularInline):
    model = m.Dagsordenspunkt
    extra = 0
    fields = ["nummer", "titel", "type"]


@admin.register(m.Moede)
class MoedeAdmin(SimpleHistoryAdmin):
    list_display = ["organ", "tidspunkt", "sted", "status"]
    list_filter = ["status"]
    date_hierarchy = "tidspunkt"
    inlines = [DeltagelseInline, DagsordenspunktInline]


class BeslutningInline(admin.TabularInline):
    model = m.Beslutning
    extra = 0


class BilagInline(admin.TabularInline):
    model = m.Bilag
    extra = 0


@admin.register(m.Dagsordenspunkt)
class DagsordenspunktAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "nummer", "moede", "type"]
    list_filter = ["type"]
    filter_horizontal = ["strategiske_maal", "delaftaler", "indikatorer"]
    inlines = [BeslutningInline, BilagInline]


@admin.register(m.Beslutning)
class BeslutningAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "dagsordenspunkt"]


@admin.register(m.Handlingspunkt)
class HandlingspunktAdmin(SimpleHistoryAdmin):
    list_display = ["tekst", "ansvarlig", "frist", "status"]
    list_filter = ["status"]


@admin.register(m.Moededeltagelse)
class MoededeltagelseAdmin(SimpleHistoryAdmin):
    list_display = ["moede", "person", "status"]
    list_filter = ["status"]


@admin.register(m.Bilag)
class BilagAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "dagsordenspunkt", "uploadet"]


@admin.register(m.Boardpack)
class BoardpackAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """A released pack is frozen: readable here, never changed."""

    list_display = ["moede", "frigivet_af", "frigivet_tidspunkt"]


@admin.register(m.Kommentar)
class KommentarAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "succeskriterie", "forfatter", "oprettet"]
    raw_id_fields = ["succeskriterie", "svar_paa"]


@admin.register(m.Indholdsversion)
class IndholdsversionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The dashboard cache's content version per plan (bestyrelser.versions): to look at."""

    list_display = ("helhedsplan_id", "version")
