"""Agreement versions (helhedsplaner.versioning): draft, edit, submit, approve/reject by role;
diff; re-pointing. The pages are tested in tests/tilsyn/test_version_views.py."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from helhedsplaner import versioning as versions
from helhedsplaner.models import Aftalestatus, Delaftale, Delaftaleversion, Maalaendring, Statusrapport
from portal.errors import NotAllowed, ServiceError
from tests.tilsyn.factories import compliant_plan

pytestmark = pytest.mark.django_db
A = Aftalestatus


@pytest.fixture
def setup(plan_a, projektleder_a):
    return compliant_plan(plan_a)


def _criteria_data(aftale, **changes):
    out = []
    for goal in aftale.strategiske_maal.order_by("nummer"):
        for k in goal.succeskriterier.order_by("id"):
            values = {
                "beskrivelse": k.beskrivelse,
                "baseline_vaerdi": k.baseline_vaerdi,
                "baseline_dato": k.baseline_dato,
                "maal_vaerdi": k.maal_vaerdi,
                "maal_dato": k.maal_dato,
            }
            values.update(changes)
            out.append(versions.KriterieData(kriterie=k, **values))
    return out


def _edit(user, draft, **changes):
    return versions.samarbejdsaftale_update(
        user=user,
        aftale=draft,
        problemkompleks="Ny beskrivelse af problemkomplekset.",
        gyldig_fra=draft.gyldig_fra,
        gyldig_til=draft.gyldig_til,
        maal=[],
        kriterier=_criteria_data(draft, **changes),
    )


def test_projektleder_drafts_copy_with_goals_and_criteria(setup, projektleder_a):
    draft = versions.samarbejdsaftale_draft(user=projektleder_a, plan=setup["plan"])
    assert (draft.version, draft.status) == (2, A.KLADDE)
    assert [g.titel for g in draft.strategiske_maal.all()] == ["Flere i job"]
    assert draft.strategiske_maal.get().succeskriterier.count() == 1
    with pytest.raises(ServiceError):
        versions.samarbejdsaftale_draft(user=projektleder_a, plan=setup["plan"])


def test_board_member_may_draft_but_lbf_and_outsiders_may_not(setup, board_member_a, lbf_user, member_b):
    assert versions.samarbejdsaftale_draft(user=board_member_a, plan=setup["plan"]).version == 2
    for user in (lbf_user, member_b):
        with pytest.raises(NotAllowed):
            versions.samarbejdsaftale_draft(user=user, plan=setup["plan"])


def test_only_lbf_approves_and_approval_takes_effect(setup, projektleder_a, board_member_a, lbf_user):
    draft = versions.samarbejdsaftale_draft(user=projektleder_a, plan=setup["plan"])
    versions.samarbejdsaftale_submit(user=projektleder_a, aftale=draft)
    for user in (projektleder_a, board_member_a):
        with pytest.raises(NotAllowed):
            versions.samarbejdsaftale_approve(user=user, aftale=draft)
    assert setup["plan"].samarbejdsaftaler.current() == setup["aftale"]
    versions.samarbejdsaftale_approve(user=lbf_user, aftale=draft, kommentar="Fint.")
    draft.refresh_from_db()
    assert draft.status == A.GODKENDT and draft.godkendt_af == lbf_user
    assert setup["plan"].samarbejdsaftaler.current() == draft
    # the delmål now points at the new version's goal 1; the old version stays readable
    new_goal = draft.strategiske_maal.get(nummer=1)
    assert list(setup["delmaal"].strategiske_maal.all()) == [new_goal]
    assert setup["aftale"].strategiske_maal.count() == 1


def test_rejected_version_never_takes_effect(setup, projektleder_a, lbf_user):
    draft = versions.samarbejdsaftale_draft(user=projektleder_a, plan=setup["plan"])
    versions.samarbejdsaftale_submit(user=projektleder_a, aftale=draft)
    with pytest.raises(ValidationError):
        versions.samarbejdsaftale_reject(user=lbf_user, aftale=draft, kommentar=" ")
    versions.samarbejdsaftale_reject(user=lbf_user, aftale=draft, kommentar="Måltallet er urealistisk.")
    draft.refresh_from_db()
    assert draft.status == A.AFVIST and draft.lbf_kommentar == "Måltallet er urealistisk."
    assert setup["plan"].samarbejdsaftaler.current() == setup["aftale"]
    assert list(setup["delmaal"].strategiske_maal.all()) == [setup["goal"]]
    with pytest.raises(ServiceError):
        versions.samarbejdsaftale_approve(user=lbf_user, aftale=draft)


def test_draft_cannot_be_approved_before_submission(setup, projektleder_a, lbf_user):
    draft = versions.samarbejdsaftale_draft(user=projektleder_a, plan=setup["plan"])
    with pytest.raises(ServiceError):
        versions.samarbejdsaftale_approve(user=lbf_user, aftale=draft)


def test_changed_target_after_reporting_needs_reason_shown_in_diff(setup, projektleder_a):
    assert Statusrapport.objects.filter(delaftale=setup["delaftale"]).exists()  # reporting has started
    draft = versions.samarbejdsaftale_draft(user=projektleder_a, plan=setup["plan"])
    with pytest.raises(ValidationError) as err:
        _edit(projektleder_a, draft, maal_vaerdi=Decimal("65"))
    assert "begrundelse" in str(err.value)
    data = _criteria_data(draft, maal_vaerdi=Decimal("65"), begrundelse="Ny viden fra kommunens prognose.")
    versions.samarbejdsaftale_update(
        user=projektleder_a,
        aftale=draft,
        problemkompleks="Ny beskrivelse af problemkomplekset.",
        gyldig_fra=draft.gyldig_fra,
        gyldig_til=draft.gyldig_til,
        maal=[],
        kriterier=data,
    )
    reason = Maalaendring.objects.get()
    assert (reason.gammel, reason.ny) == ("60", "65")
    texts = [(item.tekst, item.begrundelser) for item in versions.agreement_diff(setup["aftale"], draft)]
    assert any(
        t.startswith("Samarbejdsaftalen: problemkompleks ændret fra Høj ledighed") and "Ny beskrivelse" in t
        for t, _reasons in texts
    )
    crit = next(t for t in texts if "måltal ændret fra 60 til 65" in t[0])
    assert crit[1] == ["måltal: Ny viden fra kommunens prognose."]


def test_diff_names_added_and_removed_goals(setup, projektleder_a):
    draft = versions.samarbejdsaftale_draft(user=projektleder_a, plan=setup["plan"])
    versions.strategiskmaal_add(user=projektleder_a, aftale=draft, titel="Større tryghed", problem="Utryghed")
    texts = [i.tekst for i in versions.agreement_diff(setup["aftale"], draft)]
    assert "Strategisk mål 2 »Større tryghed« er tilføjet." in texts
    texts_back = [i.tekst for i in versions.agreement_diff(draft, setup["aftale"])]
    assert "Strategisk mål 2 »Større tryghed« er fjernet." in texts_back


def test_delaftale_version_workflow(setup, projektleder_a, lbf_user):
    d = setup["delaftale"]
    v = versions.delaftaleversion_draft(
        user=projektleder_a,
        delaftale=d,
        formaal="Et nyt formål.",
        gyldig_fra=d.gyldig_fra,
        gyldig_til=datetime.date(2022, 6, 30),
    )
    d.refresh_from_db()
    assert d.formaal != "Et nyt formål."  # a draft does not take effect
    assert Delaftaleversion.objects.filter(delaftale=d).count() == 2  # the version in force is kept
    versions.delaftaleversion_submit(user=projektleder_a, version=v)
    with pytest.raises(NotAllowed):
        versions.delaftaleversion_approve(user=projektleder_a, version=v)
    versions.delaftaleversion_approve(user=lbf_user, version=v)
    d = Delaftale.objects.get(pk=d.pk)
    assert (d.formaal, d.version, d.gyldig_til) == ("Et nyt formål.", 2, datetime.date(2022, 6, 30))
    old = d.versioner.get(version=1)
    texts = [i.tekst for i in versions.delaftale_diff(old, v)]
    assert any("formål ændret fra" in t and "Et nyt formål." in t for t in texts)


def test_rejected_delaftale_version_never_takes_effect(setup, board_member_a, lbf_user):
    d = setup["delaftale"]
    v = versions.delaftaleversion_draft(
        user=board_member_a, delaftale=d, formaal="Afvises.", gyldig_fra=d.gyldig_fra, gyldig_til=d.gyldig_til
    )
    versions.delaftaleversion_submit(user=board_member_a, version=v)
    versions.delaftaleversion_reject(user=lbf_user, version=v, kommentar="Mangler aktiviteter.")
    d.refresh_from_db()
    assert d.formaal != "Afvises." and d.version == 1


def test_a_draft_links_each_criterion_to_the_one_it_copies(setup, projektleder_a):
    """The lineage the engine judges history by (Succeskriterie.forgaenger)."""
    draft = versions.samarbejdsaftale_draft(user=projektleder_a, plan=setup["plan"])
    original = setup["aftale"].strategiske_maal.get().succeskriterier.get()
    assert draft.strategiske_maal.get().succeskriterier.get().forgaenger == original


def test_the_migration_links_existing_copies_by_goal_number_and_position(setup, projektleder_a):
    import importlib

    from django.apps import apps

    from helhedsplaner.models import Succeskriterie

    draft = versions.samarbejdsaftale_draft(user=projektleder_a, plan=setup["plan"])
    Succeskriterie.objects.update(forgaenger=None)
    importlib.import_module("helhedsplaner.migrations.0005_succeskriterie_forgaenger").link_copies(apps, None)
    original = setup["aftale"].strategiske_maal.get().succeskriterier.get()
    assert draft.strategiske_maal.get().succeskriterier.get().forgaenger == original
    assert original.forgaenger is None
