from django.urls import path, register_converter

from . import views


class FormatConverter:
    regex = "xlsx|csv"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "fmt")

app_name = "tilsyn"

urlpatterns = [
    # LBF only (404 for everyone else)
    path("", views.overview, name="oversigt"),
    path("oversigt.<fmt:fmt>", views.overview_export, name="oversigt_eksport"),
    path("beregn/", views.audit_all_start, name="beregn_alle"),
    path("regler/", views.rules_page, name="regler"),
    path("nationalt/", views.national_charts, name="nationalt"),
    path("revisionsspor/", views.audit_trail, name="revisionsspor"),
    path("revisionsspor.<fmt:fmt>", views.audit_trail_export, name="revisionsspor_eksport"),
    # Per plan (get_plan_for_user: 404 for a foreign plan)
    path("plan/<int:pk>/", views.plan_findings, name="plan"),
    path("plan/<int:pk>/beregn/", views.plan_audit_start, name="plan_beregn"),
    path("plan/<int:pk>/revisionsspor/", views.plan_audit_trail, name="plan_revisionsspor"),
    path(
        "plan/<int:pk>/revisionsspor.<fmt:fmt>",
        views.plan_audit_trail_export,
        name="plan_revisionsspor_eksport",
    ),
    path("plan/<int:pk>/eksport/<slug:art>.<fmt:fmt>", views.plan_export, name="plan_eksport"),
    # Agreement versions
    path("plan/<int:pk>/aftaler/", views.versions_page, name="versioner"),
    path("plan/<int:pk>/aftaler/ny/", views.agreement_draft, name="aftale_ny"),
    path("plan/<int:pk>/aftaler/diff/", views.agreement_diff, name="aftale_diff"),
    path("plan/<int:pk>/aftaler/<int:aftale_pk>/", views.agreement_detail, name="aftale"),
    path("plan/<int:pk>/aftaler/<int:aftale_pk>/rediger/", views.agreement_edit, name="aftale_rediger"),
    path("plan/<int:pk>/aftaler/<int:aftale_pk>/nyt-maal/", views.agreement_add_goal, name="aftale_nyt_maal"),
    path(
        "plan/<int:pk>/aftaler/<int:aftale_pk>/<slug:action>/", views.agreement_action, name="aftale_handling"
    ),
    path("plan/<int:pk>/delaftaler/<int:delaftale_pk>/ny/", views.delaftale_draft, name="delaftale_ny"),
    path("plan/<int:pk>/delaftaler/<int:delaftale_pk>/diff/", views.delaftale_diff, name="delaftale_diff"),
    path(
        "plan/<int:pk>/delaftaleversion/<int:version_pk>/", views.delaftale_version, name="delaftaleversion"
    ),
    path(
        "plan/<int:pk>/delaftaleversion/<int:version_pk>/<slug:action>/",
        views.delaftale_action,
        name="delaftaleversion_handling",
    ),
    # Background exports
    path("eksport/<int:pk>/", views.eksport_detail, name="eksport_detail"),
    path("eksport/<int:pk>/status.json", views.eksport_status, name="eksport_status"),
    path("eksport/<int:pk>/hent/", views.eksport_download, name="eksport_hent"),
]
