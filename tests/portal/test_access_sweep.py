"""Every plan-scoped URL, reversed with real objects of one demo plan, answers 404 to a
member of another plan (GET and POST), and changes nothing. A URL pattern added later
without a way to reverse it here fails `test_every_url_pattern_is_classified`."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bestyrelser.models import Bilag, Handlingspunkt, Moede, Organ
from helhedsplaner.models import Aktivitet, Aktivitetsregistrering, Helhedsplan, Statusrapport
from monitorering.models import ImportBatch, Job

pytestmark = pytest.mark.django_db

# Not tied to one plan: public, own-account, or LBF-only pages (tested in their apps).
UNSCOPED = {
    "home",
    "healthz",
    "readyz",
    "login",
    "logout",
    "set_language",
    "monitorering:job_list_all",
    "monitorering:job_status",
    "monitorering:omraade_profil",
    "tilsyn:oversigt",
    "tilsyn:oversigt_eksport",
    "tilsyn:beregn_alle",
    "tilsyn:regler",
    "tilsyn:nationalt",
    "tilsyn:revisionsspor",
    "tilsyn:revisionsspor_eksport",
    "tilsyn:eksport_detail",
    "tilsyn:eksport_status",
    "tilsyn:eksport_hent",
    "enighed:tak",
    "enighed:svar_token",
    "enighed:lbf_oversigt",
}
SLUGS = {"action": "godkend", "model": "aktivitet", "chart": "kriterier", "fmt": "csv", "art": "resultater"}


def url_patterns():
    def walk(patterns, namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                yield from walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                yield (f"{namespace}:{p.name}" if namespace else p.name), p

    return list(walk(get_resolver().url_patterns))


@pytest.fixture
def demo():
    call_command("seed_demo", verbosity=0)
    plan = Helhedsplan.objects.get(navn__startswith="Helhedsplan Solbakken")
    moede = Moede.objects.filter(organ__helhedsplan=plan, organ__type=Organ.Type.BESTYRELSE).first()
    punkt = moede.dagsordenspunkter.first()
    aktivitet = Aktivitet.objects.filter(delmaal__delaftale__helhedsplan=plan).first()
    kriterie = plan.samarbejdsaftaler.first().strategiske_maal.first().succeskriterier.first()
    from django.core.files.base import ContentFile

    bilag = Bilag.objects.create(
        dagsordenspunkt=punkt, titel="Budget", fil=ContentFile(b"%PDF-1.4", name="b.pdf")
    )
    batch = ImportBatch.objects.create(filnavn="x.csv", kilde="Test", helhedsplan=plan)
    job = Job.objects.create(type=Job.Type.GENBEREGNING, helhedsplan=plan)
    from tests.enighed.factories import EnighedsmaalingFactory

    maaling = EnighedsmaalingFactory(helhedsplan=plan)
    delaftale = plan.delaftaler.first()
    from tilsyn.models import Delaftaleversion

    version = Delaftaleversion.objects.create(
        delaftale=delaftale,
        version=2,
        formaal="Nyt formål",
        gyldig_fra=delaftale.gyldig_fra,
        gyldig_til=delaftale.gyldig_til,
    )
    ids = {
        "pk": plan.pk,
        "aktivitet_pk": aktivitet.pk,
        "registrering_pk": Aktivitetsregistrering.objects.filter(aktivitet=aktivitet).first().pk,
        "delmaal_pk": aktivitet.delmaal_id,
        "delaftale_pk": delaftale.pk,
        "rapport_pk": Statusrapport.objects.filter(delaftale__helhedsplan=plan).first().pk,
        "object_pk": aktivitet.pk,
        "organ_pk": moede.organ_id,
        "moede_pk": moede.pk,
        "punkt_pk": punkt.pk,
        "bilag_pk": bilag.pk,
        "item_pk": Handlingspunkt.objects.filter(dagsordenspunkt__moede__organ__helhedsplan=plan).first().pk,
        "kriterie_pk": kriterie.pk,
        "batch_id": batch.pk,
        "job_id": job.pk,
        "aftale_pk": plan.samarbejdsaftaler.first().pk,
        "version_pk": version.pk,
        "maaling_pk": maaling.pk,
    }
    return plan, ids


def reversed_url(name, pattern, ids):
    kwargs = {}
    for key in pattern.pattern.converters:
        kwargs[key] = SLUGS[key] if key in SLUGS else ids[key]
    return reverse(name, kwargs=kwargs)


def test_every_url_pattern_is_classified(demo):
    _plan, ids = demo
    for name, pattern in url_patterns():
        if name in UNSCOPED:
            continue
        unknown = set(pattern.pattern.converters) - set(ids) - set(SLUGS)
        assert not unknown, f"{name}: add {unknown} to the sweep or classify the URL"


def test_member_of_another_plan_gets_404_everywhere_and_changes_nothing(demo):
    plan, ids = demo
    outsider = Client()
    outsider.force_login(get_user_model().objects.get(username="bestyrelse.laerkevangen"))
    before = (
        Statusrapport.objects.filter(delaftale__helhedsplan=plan).values_list("status", flat=True).count(),
        list(
            Statusrapport.objects.filter(delaftale__helhedsplan=plan)
            .order_by("pk")
            .values_list("status", "revision")
        ),
        Moede.objects.filter(organ__helhedsplan=plan).count(),
    )
    checked = 0
    for name, pattern in url_patterns():
        if name in UNSCOPED:
            continue
        url = reversed_url(name, pattern, ids)
        get = outsider.get(url)
        assert get.status_code in (404, 405), f"GET {url}: {get.status_code}"
        post = outsider.post(url, {"status": "udfoert", "tekst": "x", "kommentar": "x", "begrundelse": "x"})
        assert post.status_code in (404, 405), f"POST {url}: {post.status_code}"
        checked += 1
    after = (
        Statusrapport.objects.filter(delaftale__helhedsplan=plan).count(),
        list(
            Statusrapport.objects.filter(delaftale__helhedsplan=plan)
            .order_by("pk")
            .values_list("status", "revision")
        ),
        Moede.objects.filter(organ__helhedsplan=plan).count(),
    )
    assert after == before
    assert checked >= 60
