from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from . import models as m


def protect_history_admin() -> None:
    """History is never edited by ordinary users: in every SimpleHistoryAdmin only a
    superuser may revert an object to an old version (the "Revert" button is hidden and a
    POST to the historical form view is refused for everyone else). Historical tables are
    not registered in the admin, so there is no other path to change or delete them."""
    if getattr(SimpleHistoryAdmin, "_tilsyn_protected", False):
        return
    original_form_view = SimpleHistoryAdmin.history_form_view
    original_disabled = SimpleHistoryAdmin.revert_disabled

    def revert_disabled(self, request, obj=None):
        return not request.user.is_superuser or original_disabled(self, request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not request.user.is_superuser:
            raise PermissionDenied
        return original_form_view(self, request, object_id, version_id, extra_context)

    SimpleHistoryAdmin.revert_disabled = revert_disabled
    SimpleHistoryAdmin.history_form_view = history_form_view
    SimpleHistoryAdmin._tilsyn_protected = True


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the audit and export jobs: read-only to staff; superusers (who may
    change everything, see DESIGN.md) can still correct them."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(m.Fund)
class FundAdmin(ReadOnlyAdmin):
    list_display = ["helhedsplan", "regel", "alvor", "besked", "beregnet"]
    list_filter = ["regel", "alvor"]
    list_select_related = ["helhedsplan"]


@admin.register(m.Planoversigt)
class PlanoversigtAdmin(ReadOnlyAdmin):
    list_display = ["helhedsplan", "antal_fund", "antal_brud", "rapporter_overskredet", "beregnet"]
    list_select_related = ["helhedsplan"]


@admin.register(m.Eksport)
class EksportAdmin(ReadOnlyAdmin):
    list_display = ["art", "format", "status", "bestilt_af", "oprettet", "antal_raekker"]
    list_filter = ["art", "status"]
