"""THE access table: for every URL of the portal, who may GET and who may POST.

One row (``Case``) per URL name, or per action for URLs with an action slug. ``get`` /
``post`` name the personas (see ``conftest.PERSONAS``) for whom the view does its work
(200, a redirect that is not to the login page, 400 for an invalid form, 409/410 for a
survey refusal); ``None`` means the method is not allowed (405). Everyone else is refused:

- anonymous → 302 to the login page (unless the page is public);
- a persona who can see the object (``visible``, by default every viewer of plan A) → 403;
- anyone else (a member of another plan, non-LBF on LBF-only pages, another user's
  export) → 404, exactly like an object that does not exist.

The policy follows DESIGN.md's role table. ``test_access_matrix.py`` asserts every row
for every persona and method, and fails when a URL pattern has no row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ALL = frozenset(
    {"anon", "projektleder", "group_member", "board_member", "formand", "member_b", "lbf", "admin"}
)
LOGGED_IN = ALL - {"anon"}
VIEW = frozenset(
    {"projektleder", "group_member", "board_member", "formand", "lbf", "admin"}
)  # who sees plan A
LBF = frozenset({"lbf", "admin"})
PL = frozenset({"projektleder"})
PL_LBF = PL | LBF
MEMBERS = frozenset({"projektleder", "group_member", "board_member", "formand"})
BOARD = frozenset({"board_member", "formand"})
MANAGERS = frozenset({"projektleder", "formand"})  # prepare the board's meetings (+ næstformand, sekretær)
DRAFTERS = frozenset({"projektleder", "board_member", "formand"})  # draft agreement versions
SURVEY = frozenset({"projektleder", "formand", "lbf", "admin"})  # run an agreement survey
NOBODY = frozenset()


@dataclass(frozen=True)
class Case:
    name: str
    get: frozenset | None
    post: frozenset | None
    kwargs: dict = field(default_factory=dict)  # URL kwarg -> id name in World.ids, or a literal
    visible: frozenset = VIEW  # refused with 403 (not 404)
    public: bool = False  # no login required
    variant: str = ""
    api: bool = False  # the read API: anonymous → 401 JSON (no login page), other methods → 405

    @property
    def id(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name

    def expected(self, persona: str, method: str) -> str:
        """'ok', 'login', or the status code as a string."""
        allowed = self.get if method == "GET" else self.post
        if self.api and allowed is None:
            return "405"
        if self.api and persona == "anon" and not self.public:
            return "401"
        if persona == "anon" and not self.public:
            return "login"
        if allowed is None:
            return "405"
        if persona in allowed:
            return "ok"
        return "403" if persona in self.visible else "404"


def _variants(name, actions: dict, kwargs: dict | None = None, visible=VIEW, get=None) -> list[Case]:
    return [
        Case(name, get, who, {**(kwargs or {}), "action": action}, visible=visible, variant=action)
        for action, who in actions.items()
    ]


CASES: list[Case] = [
    # --- portal ---------------------------------------------------------------------------
    Case("home", LOGGED_IN, None),
    Case("healthz", ALL, None, public=True),
    Case("readyz", ALL, None, public=True),
    Case("login", ALL, ALL, public=True),  # logged in: redirected home
    Case("logout", None, LOGGED_IN),
    Case("set_language", ALL, ALL, public=True),
    Case("ordliste", ALL, None, public=True),
    Case("tilgaengelighed", ALL, None, public=True),
    # --- the account: password, two-factor (every logged-in user, for themselves) ----------
    Case("security", LOGGED_IN, None),
    Case("password_change", LOGGED_IN, LOGGED_IN),
    Case("two_factor_verify", LOGGED_IN, LOGGED_IN),  # no device yet: redirected to enrolment
    Case("two_factor_enrol", LOGGED_IN, LOGGED_IN),
    Case("two_factor_disable", None, LOGGED_IN),
    # The invitation's link (a one-time token): public; a wrong token shows "expired" (200).
    Case("invitation_accept", ALL, ALL, {"uidb64": "MQ", "token": "abc-def"}, public=True),
    # Personal API keys (api app): created from Sikkerhed (LBF only from a verified session:
    # redirected back to Sikkerhed); only the owner may revoke a key.
    Case("api_noegle_create", LOGGED_IN, LOGGED_IN),
    Case("api_noegle_revoke", None, PL, {"pk": "api_noegle"}, visible=NOBODY),
    # --- helhedsplaner --------------------------------------------------------------------
    Case("helhedsplaner:plan_detail", VIEW, None),
    Case("helhedsplaner:aktivitet_create", PL, PL),
    Case("helhedsplaner:aktivitet_detail", VIEW, None),
    Case("helhedsplaner:aktivitet_update", PL, PL),
    Case("helhedsplaner:aktivitet_close", None, PL),
    Case("helhedsplaner:registrering_create", PL, PL),
    Case("helhedsplaner:registrering_bulk", PL, PL),
    Case("helhedsplaner:registrering_delete", None, PL),
    Case("helhedsplaner:delmaal_update", PL, PL),
    Case("helhedsplaner:statusrapport_list", VIEW, None),
    Case("helhedsplaner:statusrapport_create", None, PL),
    Case("helhedsplaner:statusrapport_detail", VIEW, None, {"rapport_pk": "rapport_kladde"}),
    Case("helhedsplaner:statusrapport_update", PL, PL, {"rapport_pk": "rapport_kladde"}),
    # A locked report: the projektleder is told so (redirect); every other role is refused.
    Case("helhedsplaner:statusrapport_update", PL, PL, {"rapport_pk": "rapport_laast"}, variant="laast"),
    # Each transition on a report in the state where it applies; the role table decides.
    Case(
        "helhedsplaner:statusrapport_transition",
        None,
        PL,
        {"rapport_pk": "rapport_kladde", "action": "indsend"},
        variant="indsend",
    ),
    Case(
        "helhedsplaner:statusrapport_transition",
        None,
        frozenset({"group_member"}),
        {"rapport_pk": "rapport_indsendt", "action": "accepter"},
        variant="accepter",
    ),
    Case(
        "helhedsplaner:statusrapport_transition",
        None,
        frozenset({"group_member"}),
        {"rapport_pk": "rapport_indsendt", "action": "returner"},
        variant="returner",
    ),
    Case(
        "helhedsplaner:statusrapport_transition",
        None,
        BOARD,
        {"rapport_pk": "rapport_accepteret", "action": "godkend"},
        variant="godkend",
    ),
    Case(
        "helhedsplaner:statusrapport_transition",
        None,
        frozenset({"formand", "lbf", "admin"}),
        {"rapport_pk": "rapport_laast", "action": "laas-op"},
        variant="laas-op",
    ),
    Case(
        "helhedsplaner:statusrapport_transition",
        None,
        NOBODY,
        {"rapport_pk": "rapport_kladde", "action": "ukendt"},
        visible=NOBODY,
        variant="ukendt",
    ),
    Case("helhedsplaner:history", VIEW, None, {"model": "aktivitet", "object_pk": "aktivitet_pk"}),
    # Setting a plan up (issue 14): LBF registers, the projektleder and board build.
    Case("helhedsplaner:plan_register", LBF, LBF, visible=NOBODY),
    Case("helhedsplaner:plan_edit", LBF, LBF, visible=NOBODY),
    Case("helhedsplaner:delaftale_create", DRAFTERS, DRAFTERS),
    Case("helhedsplaner:delmaal_create", PL, PL),
    # The lifecycle: who may make each move (helhedsplaner.lifecycle); a move from the wrong
    # state is a message on the plan's page (a redirect), the role decides 403.
    *_variants(
        "helhedsplaner:plan_transition",
        {"send": PL, "godkend": LBF, "returner": LBF, "start": PL_LBF, "afslut": LBF},
    ),
    Case(
        "helhedsplaner:plan_transition", None, NOBODY, {"action": "ukendt"}, visible=NOBODY, variant="ukendt"
    ),
    # --- bestyrelser ----------------------------------------------------------------------
    Case("bestyrelser:dashboard", VIEW, None),
    Case("bestyrelser:dashboard_export", VIEW, None, {"chart": "kriterier", "fmt": "csv"}),
    Case("bestyrelser:organ_create", DRAFTERS, DRAFTERS),
    Case("bestyrelser:organ_update", DRAFTERS, DRAFTERS),
    Case("bestyrelser:medlem_create", DRAFTERS, DRAFTERS),
    Case("bestyrelser:moede_list", VIEW, None),
    Case("bestyrelser:moede_create", MANAGERS, MANAGERS),
    Case("bestyrelser:moede_detail", VIEW, None),
    Case("bestyrelser:moede_update", MANAGERS, MANAGERS),
    Case("bestyrelser:moede_attendance", None, MANAGERS),
    Case("bestyrelser:punkt_create", MANAGERS, MANAGERS),
    Case("bestyrelser:punkt_update", MANAGERS, MANAGERS),
    Case("bestyrelser:bilag_upload", None, MANAGERS),
    Case("bestyrelser:beslutning_add", None, MANAGERS),
    Case("bestyrelser:handlingspunkt_add", None, MANAGERS),
    Case("bestyrelser:referat_form", MANAGERS, MANAGERS),
    Case("bestyrelser:referat_action", None, MANAGERS, {"action": "udsend"}, variant="udsend"),
    Case(
        "bestyrelser:referat_action", None, frozenset({"formand"}), {"action": "godkend"}, variant="godkend"
    ),
    Case("bestyrelser:referat_action", None, NOBODY, {"action": "ukendt"}, visible=NOBODY, variant="ukendt"),
    Case("bestyrelser:boardpack_detail", VIEW, None),
    Case("bestyrelser:boardpack_release", None, MANAGERS),  # formand, næstformand, sekretær, projektleder
    Case("bestyrelser:boardpack_pdf", VIEW, None),
    Case("bestyrelser:bilag_download", VIEW, None),
    Case("bestyrelser:handlingspunkt_list", VIEW, None),
    Case("bestyrelser:handlingspunkt_status", None, MANAGERS),  # and the item's owner
    Case("bestyrelser:kommentar_add", None, MEMBERS),
    # --- monitorering ---------------------------------------------------------------------
    Case("monitorering:plan_status", VIEW, None),
    Case("monitorering:plan_recompute", None, PL_LBF),
    Case("monitorering:job_list", PL_LBF, None),
    Case("monitorering:import_start", PL, PL),
    Case("monitorering:import_detail", PL_LBF, None),
    Case("monitorering:import_confirm", None, PL),
    Case("monitorering:import_undo", None, PL),
    Case("monitorering:job_list_all", LBF, None, visible=NOBODY),
    Case("monitorering:job_status", PL_LBF, None),
    Case("monitorering:omraade_profil", VIEW, None, {"pk": "omraade_pk"}),
    # --- tilsyn ---------------------------------------------------------------------------
    # Exports: a GET downloads (or offers a background job); a POST starts the job.
    Case("tilsyn:overview", LBF, None, visible=NOBODY),
    Case("tilsyn:overview_export", LBF, LBF, {"fmt": "csv"}, visible=NOBODY),
    Case("tilsyn:audit_all_start", None, LBF, visible=NOBODY),
    Case("tilsyn:rules_page", LBF, None, visible=NOBODY),
    Case("tilsyn:national_charts", LBF, None, visible=NOBODY),
    Case("tilsyn:national_export", LBF, None, {"chart": "status", "fmt": "csv"}, visible=NOBODY),
    Case("tilsyn:audit_trail", LBF, None, visible=NOBODY),
    Case("tilsyn:audit_trail_export", LBF, LBF, {"fmt": "csv"}, visible=NOBODY),
    Case("tilsyn:plan_findings", VIEW, None),
    Case("tilsyn:plan_audit_start", None, PL_LBF),
    Case("tilsyn:plan_audit_trail", VIEW, None),
    Case("tilsyn:plan_audit_trail_export", VIEW, VIEW, {"fmt": "csv"}),
    Case("tilsyn:plan_export", VIEW, VIEW, {"art": "resultater", "fmt": "csv"}, variant="resultater"),
    Case("tilsyn:plan_export", VIEW, VIEW, {"art": "aktiviteter", "fmt": "xlsx"}, variant="aktiviteter"),
    Case("tilsyn:versions_page", VIEW, None),
    Case("tilsyn:agreement_draft", None, DRAFTERS),
    Case("tilsyn:agreement_diff", VIEW, None),
    Case("tilsyn:agreement_detail", VIEW, None),
    Case("tilsyn:agreement_edit", DRAFTERS, DRAFTERS),
    Case("tilsyn:agreement_add_goal", None, DRAFTERS),
    Case("tilsyn:agreement_action", None, DRAFTERS, {"action": "indsend"}, variant="indsend"),
    Case("tilsyn:agreement_action", None, LBF, {"action": "godkend"}, variant="godkend"),
    Case("tilsyn:agreement_action", None, LBF, {"action": "afvis"}, variant="afvis"),
    Case("tilsyn:agreement_action", None, NOBODY, {"action": "ukendt"}, visible=NOBODY, variant="ukendt"),
    Case("tilsyn:delaftale_draft", DRAFTERS, DRAFTERS),
    Case("tilsyn:delaftale_diff", VIEW, None),
    Case("tilsyn:delaftale_version", VIEW, None),
    Case("tilsyn:delaftale_action", None, DRAFTERS, {"action": "indsend"}, variant="indsend"),
    Case("tilsyn:delaftale_action", None, LBF, {"action": "godkend"}, variant="godkend"),
    Case("tilsyn:delaftale_action", None, LBF, {"action": "afvis"}, variant="afvis"),
    Case(
        "tilsyn:delaftale_action",
        None,
        NOBODY,
        {"action": "ukendt"},
        visible=NOBODY,
        variant="ukendt",
    ),
    # A background export belongs to whoever ordered it (here LBF); the superuser sees all.
    Case("tilsyn:eksport_detail", LBF, None, {"pk": "eksport_pk"}, visible=NOBODY),
    Case("tilsyn:eksport_status", LBF, None, {"pk": "eksport_pk"}, visible=NOBODY),
    Case("tilsyn:eksport_download", LBF, None, {"pk": "eksport_pk"}, visible=NOBODY),
    # --- enighed --------------------------------------------------------------------------
    Case("enighed:plan_list", VIEW, None),
    Case("enighed:maaling_create", None, SURVEY),
    Case("enighed:maaling_detail", VIEW, None),
    Case("enighed:spoergsmaal_edit", SURVEY, SURVEY),
    Case(
        "enighed:besvar", frozenset({"board_member"}), frozenset({"board_member"})
    ),  # only with one's own invitation
    Case("enighed:resultater", VIEW, None),
    Case("enighed:resultater_csv", VIEW, None),
    *_variants(
        "enighed:maaling_action", {"aabn": SURVEY, "paamind": SURVEY, "luk": SURVEY, "beregn": SURVEY}
    ),
    Case("enighed:maaling_action", None, NOBODY, {"action": "ukendt"}, visible=NOBODY, variant="ukendt"),
    Case("enighed:tak", ALL, None, public=True),
    # The personal link answers without login; a logged-in user may not use another's link.
    Case(
        "enighed:svar_token",
        frozenset({"anon"}),
        frozenset({"anon"}),
        {"token": "token"},
        visible=LOGGED_IN,
        public=True,
    ),
    Case("enighed:lbf_oversigt", LBF, None, visible=NOBODY),
    # --- notifikationer: each user's own notices and settings; a notice of another user is 404
    Case("notifikationer:liste", LOGGED_IN, None),
    Case("notifikationer:antal", LOGGED_IN, None),
    Case("notifikationer:laest", None, PL, {"pk": "notifikation_pk"}, visible=NOBODY),
    Case("notifikationer:alle_laest", None, LOGGED_IN),
    Case("notifikationer:indstillinger", LOGGED_IN, LOGGED_IN),
    Case("notifikationer:kalender_forny", None, LOGGED_IN),
    # The secret token is the authority (a mail client's one-click POST has no session).
    Case("notifikationer:afmeld", ALL, ALL, {"token": "afmeld_token"}, public=True),
    Case("notifikationer:kalender", ALL, None, {"token": "kalender_token"}, public=True),
    Case("notifikationer:lbf_koe", LBF, None, visible=NOBODY),
]

# --- the read API (/api/v1/): the same access as the pages, by session here and by personal
# key in test_api_keys.py; foreign or missing ids 404 in JSON --------------------------------
PLAN = {"plan_id": "pk"}
CASES += [
    Case("api:api-root", ALL, None, public=True, api=True),  # redirected to the docs page
    Case("api:openapi-json", ALL, None, public=True, api=True),
    Case("api:openapi-view", ALL, None, public=True, api=True),
    Case("api:plan_list", LOGGED_IN, None, api=True),  # member_b: a list without plan A
    Case("api:indicator_list", LOGGED_IN, None, api=True),
    Case("api:plan_detail", VIEW, None, PLAN, visible=NOBODY, api=True),
    Case("api:agreement_list", VIEW, None, PLAN, visible=NOBODY, api=True),
    Case("api:criterion_list", VIEW, None, PLAN, visible=NOBODY, api=True),
    Case(
        "api:criterion_periods",
        VIEW,
        None,
        {**PLAN, "criterion_id": "kriterie_pk"},
        visible=NOBODY,
        api=True,
    ),
    Case("api:activity_list", VIEW, None, PLAN, visible=NOBODY, api=True),
    Case("api:report_list", VIEW, None, PLAN, visible=NOBODY, api=True),
    Case("api:meeting_list", VIEW, None, PLAN, visible=NOBODY, api=True),
    Case("api:area_classification", VIEW, None, {"area_id": "omraade_pk"}, visible=NOBODY, api=True),
    Case("api:overview", LBF, None, visible=NOBODY, api=True),
    Case("api:finding_list", LBF, None, PLAN, visible=NOBODY, api=True),
]

# URLs with an action slug: the views' own action tables, so a new action needs a row.
ACTION_TABLES = {
    "helhedsplaner:statusrapport_transition": "helhedsplaner.views.TRANSITIONS",
    "helhedsplaner:plan_transition": "helhedsplaner.lifecycle.TRANSITIONS",
    "bestyrelser:referat_action": "bestyrelser.views.REFERAT_ACTIONS",
    "tilsyn:agreement_action": "tilsyn.views.agreements.AGREEMENT_ACTIONS",
    "tilsyn:delaftale_action": "tilsyn.views.agreements.DELAFTALE_ACTIONS",
    "enighed:maaling_action": "enighed.views.ACTIONS",
}

# Django's admin is one group: anonymous and non-staff users go to the admin login,
# the superuser gets the page. These are walked, not every model's URLs.
ADMIN_URLS = ["admin:index", "admin:helhedsplaner_helhedsplan_changelist", "admin:auth_user_changelist"]


def by_id() -> dict[str, Case]:
    return {case.id: case for case in CASES}
