from django.urls import path, register_converter

from .views import agreements, overview, plans


class FormatConverter:
    regex = "xlsx|csv"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "fmt")

app_name = "tilsyn"

# Route names are the views' names.
urlpatterns = [
    # LBF only (404 for everyone else)
    path("", overview.overview, name="overview"),
    path("oversigt.<fmt:fmt>", overview.overview_export, name="overview_export"),
    path("beregn/", overview.audit_all_start, name="audit_all_start"),
    path("regler/", overview.rules_page, name="rules_page"),
    path("nationalt/", overview.national_charts, name="national_charts"),
    path("nationalt/<slug:chart>.<fmt:fmt>", overview.national_export, name="national_export"),
    path("revisionsspor/", overview.audit_trail, name="audit_trail"),
    path("revisionsspor.<fmt:fmt>", overview.audit_trail_export, name="audit_trail_export"),
    # Per plan (plan_for_request: 404 for a foreign plan)
    path("plan/<int:pk>/", plans.plan_findings, name="plan_findings"),
    path("plan/<int:pk>/beregn/", plans.plan_audit_start, name="plan_audit_start"),
    path("plan/<int:pk>/revisionsspor/", plans.plan_audit_trail, name="plan_audit_trail"),
    path(
        "plan/<int:pk>/revisionsspor.<fmt:fmt>", plans.plan_audit_trail_export, name="plan_audit_trail_export"
    ),
    path("plan/<int:pk>/eksport/<slug:art>.<fmt:fmt>", plans.plan_export, name="plan_export"),
    # Agreement versions
    path("plan/<int:pk>/aftaler/", agreements.versions_page, name="versions_page"),
    path("plan/<int:pk>/aftaler/ny/", agreements.agreement_draft, name="agreement_draft"),
    path("plan/<int:pk>/aftaler/diff/", agreements.agreement_diff, name="agreement_diff"),
    path("plan/<int:pk>/aftaler/<int:aftale_pk>/", agreements.agreement_detail, name="agreement_detail"),
    path("plan/<int:pk>/aftaler/<int:aftale_pk>/rediger/", agreements.agreement_edit, name="agreement_edit"),
    path(
        "plan/<int:pk>/aftaler/<int:aftale_pk>/nyt-maal/",
        agreements.agreement_add_goal,
        name="agreement_add_goal",
    ),
    path(
        "plan/<int:pk>/aftaler/<int:aftale_pk>/<slug:action>/",
        agreements.agreement_action,
        name="agreement_action",
    ),
    path(
        "plan/<int:pk>/delaftaler/<int:delaftale_pk>/ny/", agreements.delaftale_draft, name="delaftale_draft"
    ),
    path(
        "plan/<int:pk>/delaftaler/<int:delaftale_pk>/diff/", agreements.delaftale_diff, name="delaftale_diff"
    ),
    path(
        "plan/<int:pk>/delaftaleversion/<int:version_pk>/",
        agreements.delaftale_version,
        name="delaftale_version",
    ),
    path(
        "plan/<int:pk>/delaftaleversion/<int:version_pk>/<slug:action>/",
        agreements.delaftale_action,
        name="delaftale_action",
    ),
    # Background exports
    path("eksport/<int:pk>/", plans.eksport_detail, name="eksport_detail"),
    path("eksport/<int:pk>/status.json", plans.eksport_status, name="eksport_status"),
    path("eksport/<int:pk>/hent/", plans.eksport_download, name="eksport_download"),
]
