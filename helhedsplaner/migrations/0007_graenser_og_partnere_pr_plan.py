"""Sane bounds on every number a user types (finding 5), and one partner catalogue per plan
(finding 11).

Bounds: validators and check constraints from ``helhedsplaner.limits`` on participants,
hours, money, criterion values, percentages, years, residents/dwellings and the report
deadline. A database holding a value beyond a bound refuses the new constraint; such a row
is a typing error to correct (or delete) before migrating, as the 2**63 - 1 participant count was.

Partners: ``Samarbejdspartner`` gets ``helhedsplan``; names are unique per plan instead of
globally. :func:`partners_per_plan` decides the owner of every existing partner:

* the plans that use it are the plans of the activities linked to it now *and* in the
  activities' history (``HistoricalAktivitet_samarbejdspartnere``, via the historical row's
  delmål), so an old version of an activity still names a partner of its own plan;
* the partner row itself (and its own history) goes to the lowest-numbered of those plans;
  every further plan gets a copy (same name and type, with a "created" history row saying
  where it came from), and that plan's current and historical activity links are re-pointed
  to the copy;
* a partner no activity has ever used was only ever an entry in the shared list: it belongs
  to no plan and is deleted (a "deleted" history row records it).

:func:`partners_shared` reverses it: copies with the same name merge back into the oldest
row (links re-pointed, duplicates dropped). Deleted unused partners do not come back.
"""

import datetime

import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models

REASON = "Kopieret fra det fælles katalog (samarbejdspartner %d)"


def _immediate(schema_editor) -> None:
    # PostgreSQL: check the deferred foreign keys statement by statement, so the ALTER TABLE
    # after this step finds no pending trigger events.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _models(apps):
    get = apps.get_model
    aktivitet = get("helhedsplaner", "Aktivitet")
    return (
        get("helhedsplaner", "Samarbejdspartner"),
        get("helhedsplaner", "HistoricalSamarbejdspartner"),
        aktivitet.samarbejdspartnere.through,
        get("helhedsplaner", "HistoricalAktivitet_samarbejdspartnere"),
        aktivitet,
        get("helhedsplaner", "Delmaal"),
    )


def _repoint(model, moves: dict[int, int]) -> None:
    """Point link rows (pk -> new partner id) at their new partner, grouped per target."""
    by_target: dict[int, list[int]] = {}
    for pk, target in moves.items():
        by_target.setdefault(target, []).append(pk)
    for target, pks in by_target.items():
        model.objects.filter(pk__in=pks).update(samarbejdspartner_id=target)


def _delete(model, pks) -> None:
    """Delete partner rows nothing links to any more (links were re-pointed first). A plain
    DELETE: the collector of historical model states trips over the history tables' links."""
    queryset = model.objects.filter(pk__in=list(pks))
    queryset._raw_delete(queryset.db)


def partners_per_plan(apps, schema_editor) -> None:
    _immediate(schema_editor)
    Partner, HistPartner, Link, HistLink, Aktivitet, Delmaal = _models(apps)
    now = datetime.datetime.now(datetime.timezone.utc)
    plan_of_aktivitet = dict(Aktivitet.objects.values_list("pk", "delmaal__delaftale__helhedsplan_id"))
    plan_of_delmaal = dict(Delmaal.objects.values_list("pk", "delaftale__helhedsplan_id"))
    links = [
        (pk, p, plan_of_aktivitet[a])
        for pk, a, p in Link.objects.values_list("pk", "aktivitet_id", "samarbejdspartner_id")
    ]
    history = HistLink.objects.exclude(samarbejdspartner_id=None).values_list(
        "pk", "history__delmaal_id", "samarbejdspartner_id"
    )
    hist_links = [(pk, p, plan_of_delmaal[d]) for pk, d, p in history if d in plan_of_delmaal]

    uses: dict[int, set[int]] = {}
    for _pk, partner_id, plan_id in links + hist_links:
        uses.setdefault(partner_id, set()).add(plan_id)

    copy_of: dict[tuple[int, int], int] = {}
    for partner in Partner.objects.order_by("pk"):
        plans = sorted(uses.get(partner.pk, ()))
        if not plans:
            HistPartner.objects.create(
                id=partner.pk,
                navn=partner.navn,
                type=partner.type,
                history_date=now,
                history_type="-",
                history_change_reason="Ikke brugt af nogen aktivitet",
            )
            _delete(Partner, [partner.pk])
            continue
        owner, *others = plans
        Partner.objects.filter(pk=partner.pk).update(helhedsplan_id=owner)
        HistPartner.objects.filter(id=partner.pk).update(helhedsplan_id=owner)
        copy_of[(partner.pk, owner)] = partner.pk
        for plan_id in others:
            copy = Partner.objects.create(helhedsplan_id=plan_id, navn=partner.navn, type=partner.type)
            HistPartner.objects.create(
                id=copy.pk,
                helhedsplan_id=plan_id,
                navn=copy.navn,
                type=copy.type,
                history_date=now,
                history_type="+",
                history_change_reason=REASON % partner.pk,
            )
            copy_of[(partner.pk, plan_id)] = copy.pk

    for model, rows in ((Link, links), (HistLink, hist_links)):
        _repoint(model, {pk: copy_of[(p, plan)] for pk, p, plan in rows if copy_of[(p, plan)] != p})


def partners_shared(apps, schema_editor) -> None:
    _immediate(schema_editor)
    Partner, HistPartner, Link, HistLink, _Aktivitet, _Delmaal = _models(apps)
    keeper: dict[str, int] = {}
    merged: dict[int, int] = {}
    for pk, navn in Partner.objects.order_by("pk").values_list("pk", "navn"):
        if navn in keeper:
            merged[pk] = keeper[navn]
        else:
            keeper[navn] = pk
    if not merged:
        return
    seen = set(
        Link.objects.exclude(samarbejdspartner_id__in=merged).values_list(
            "aktivitet_id", "samarbejdspartner_id"
        )
    )
    moves, duplicates = {}, []
    for pk, aktivitet_id, partner_id in Link.objects.filter(samarbejdspartner_id__in=merged).values_list(
        "pk", "aktivitet_id", "samarbejdspartner_id"
    ):
        key = (aktivitet_id, merged[partner_id])
        if key in seen:
            duplicates.append(pk)
        else:
            seen.add(key)
            moves[pk] = merged[partner_id]
    Link.objects.filter(pk__in=duplicates).delete()
    _repoint(Link, moves)
    _repoint(
        HistLink,
        {
            pk: merged[p]
            for pk, p in HistLink.objects.filter(samarbejdspartner_id__in=merged).values_list(
                "pk", "samarbejdspartner_id"
            )
        },
    )
    _delete(Partner, merged)


class Migration(migrations.Migration):
    dependencies = [
        ("helhedsplaner", "0006_delaftaleversion_maalaendring_fra_tilsyn"),
        ("monitorering", "0007_maaling_laas_sqlite"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalsamarbejdspartner",
            name="helhedsplan",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="helhedsplaner.helhedsplan",
                verbose_name="helhedsplan",
            ),
        ),
        migrations.AddField(
            model_name="samarbejdspartner",
            name="helhedsplan",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="samarbejdspartnere",
                to="helhedsplaner.helhedsplan",
                verbose_name="helhedsplan",
            ),
        ),
        migrations.AlterField(
            model_name="afdeling",
            name="antal_boliger",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[django.core.validators.MaxValueValidator(100000)],
                verbose_name="antal boliger",
            ),
        ),
        migrations.AlterField(
            model_name="aktivitetsregistrering",
            name="timer",
            field=models.DecimalField(
                decimal_places=2,
                default=0,
                max_digits=7,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(Decimal("10000")),
                ],
                verbose_name="timer",
            ),
        ),
        migrations.AlterField(
            model_name="bevillingsperiode",
            name="min_medfinansiering_pct",
            field=models.DecimalField(
                decimal_places=2,
                default=25,
                max_digits=5,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(Decimal("100")),
                ],
                verbose_name="mindste lokale medfinansiering (%)",
            ),
        ),
        migrations.AlterField(
            model_name="bevillingsperiode",
            name="slut_aar",
            field=models.PositiveSmallIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2100),
                ],
                verbose_name="sidste år",
            ),
        ),
        migrations.AlterField(
            model_name="bevillingsperiode",
            name="start_aar",
            field=models.PositiveSmallIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2100),
                ],
                verbose_name="første år",
            ),
        ),
        migrations.AlterField(
            model_name="boligomraade",
            name="antal_beboere",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[django.core.validators.MaxValueValidator(1000000)],
                verbose_name="antal beboere",
            ),
        ),
        migrations.AlterField(
            model_name="budgetpost",
            name="aar",
            field=models.PositiveSmallIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2100),
                ],
                verbose_name="år",
            ),
        ),
        migrations.AlterField(
            model_name="budgetpost",
            name="beloeb",
            field=models.DecimalField(
                decimal_places=2,
                max_digits=12,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(Decimal("1000000000")),
                ],
                verbose_name="beløb (kr.)",
            ),
        ),
        migrations.AlterField(
            model_name="deltagertal",
            name="antal",
            field=models.PositiveIntegerField(
                validators=[django.core.validators.MaxValueValidator(100000)], verbose_name="antal deltagere"
            ),
        ),
        migrations.AlterField(
            model_name="helhedsplan",
            name="rapportfrist_dage",
            field=models.PositiveSmallIntegerField(
                default=30,
                validators=[django.core.validators.MaxValueValidator(365)],
                verbose_name="frist for statusrapport (dage efter periodens udløb)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalafdeling",
            name="antal_boliger",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[django.core.validators.MaxValueValidator(100000)],
                verbose_name="antal boliger",
            ),
        ),
        migrations.AlterField(
            model_name="historicalaktivitetsregistrering",
            name="timer",
            field=models.DecimalField(
                decimal_places=2,
                default=0,
                max_digits=7,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(Decimal("10000")),
                ],
                verbose_name="timer",
            ),
        ),
        migrations.AlterField(
            model_name="historicalbevillingsperiode",
            name="min_medfinansiering_pct",
            field=models.DecimalField(
                decimal_places=2,
                default=25,
                max_digits=5,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(Decimal("100")),
                ],
                verbose_name="mindste lokale medfinansiering (%)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalbevillingsperiode",
            name="slut_aar",
            field=models.PositiveSmallIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2100),
                ],
                verbose_name="sidste år",
            ),
        ),
        migrations.AlterField(
            model_name="historicalbevillingsperiode",
            name="start_aar",
            field=models.PositiveSmallIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2100),
                ],
                verbose_name="første år",
            ),
        ),
        migrations.AlterField(
            model_name="historicalboligomraade",
            name="antal_beboere",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                validators=[django.core.validators.MaxValueValidator(1000000)],
                verbose_name="antal beboere",
            ),
        ),
        migrations.AlterField(
            model_name="historicalbudgetpost",
            name="aar",
            field=models.PositiveSmallIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2100),
                ],
                verbose_name="år",
            ),
        ),
        migrations.AlterField(
            model_name="historicalbudgetpost",
            name="beloeb",
            field=models.DecimalField(
                decimal_places=2,
                max_digits=12,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(Decimal("1000000000")),
                ],
                verbose_name="beløb (kr.)",
            ),
        ),
        migrations.AlterField(
            model_name="historicaldeltagertal",
            name="antal",
            field=models.PositiveIntegerField(
                validators=[django.core.validators.MaxValueValidator(100000)], verbose_name="antal deltagere"
            ),
        ),
        migrations.AlterField(
            model_name="historicalhelhedsplan",
            name="rapportfrist_dage",
            field=models.PositiveSmallIntegerField(
                default=30,
                validators=[django.core.validators.MaxValueValidator(365)],
                verbose_name="frist for statusrapport (dage efter periodens udløb)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsamarbejdspartner",
            name="navn",
            field=models.CharField(max_length=160, verbose_name="navn"),
        ),
        migrations.AlterField(
            model_name="historicalsucceskriterie",
            name="baseline_vaerdi",
            field=models.DecimalField(
                blank=True,
                decimal_places=3,
                max_digits=14,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(Decimal("-1000000000")),
                    django.core.validators.MaxValueValidator(Decimal("1000000000")),
                ],
                verbose_name="baseline (værdi)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsucceskriterie",
            name="maal_vaerdi",
            field=models.DecimalField(
                blank=True,
                decimal_places=3,
                max_digits=14,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(Decimal("-1000000000")),
                    django.core.validators.MaxValueValidator(Decimal("1000000000")),
                ],
                verbose_name="måltal",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsucceskriterie",
            name="tolerance_pct",
            field=models.DecimalField(
                decimal_places=2,
                default=10,
                max_digits=5,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(Decimal("500")),
                ],
                verbose_name="tolerance (% af afstanden baseline→mål)",
            ),
        ),
        migrations.AlterField(
            model_name="samarbejdspartner",
            name="navn",
            field=models.CharField(max_length=160, verbose_name="navn"),
        ),
        migrations.AlterField(
            model_name="succeskriterie",
            name="baseline_vaerdi",
            field=models.DecimalField(
                blank=True,
                decimal_places=3,
                max_digits=14,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(Decimal("-1000000000")),
                    django.core.validators.MaxValueValidator(Decimal("1000000000")),
                ],
                verbose_name="baseline (værdi)",
            ),
        ),
        migrations.AlterField(
            model_name="succeskriterie",
            name="maal_vaerdi",
            field=models.DecimalField(
                blank=True,
                decimal_places=3,
                max_digits=14,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(Decimal("-1000000000")),
                    django.core.validators.MaxValueValidator(Decimal("1000000000")),
                ],
                verbose_name="måltal",
            ),
        ),
        migrations.AlterField(
            model_name="succeskriterie",
            name="tolerance_pct",
            field=models.DecimalField(
                decimal_places=2,
                default=10,
                max_digits=5,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(Decimal("500")),
                ],
                verbose_name="tolerance (% af afstanden baseline→mål)",
            ),
        ),
        migrations.AddConstraint(
            model_name="afdeling",
            constraint=models.CheckConstraint(
                condition=models.Q(("antal_boliger__gte", 0), ("antal_boliger__lte", 100000)),
                name="afdeling_antal_boliger_graenser",
            ),
        ),
        migrations.AddConstraint(
            model_name="aktivitetsregistrering",
            constraint=models.CheckConstraint(
                condition=models.Q(("timer__lte", Decimal("10000"))), name="registrering_timer_graense"
            ),
        ),
        migrations.AddConstraint(
            model_name="bevillingsperiode",
            constraint=models.CheckConstraint(
                condition=models.Q(("start_aar__gte", 1900), ("start_aar__lte", 2100)),
                name="bevillingsperiode_start_aar_graenser",
            ),
        ),
        migrations.AddConstraint(
            model_name="bevillingsperiode",
            constraint=models.CheckConstraint(
                condition=models.Q(("slut_aar__gte", 1900), ("slut_aar__lte", 2100)),
                name="bevillingsperiode_slut_aar_graenser",
            ),
        ),
        migrations.AddConstraint(
            model_name="bevillingsperiode",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("min_medfinansiering_pct__gte", 0), ("min_medfinansiering_pct__lte", Decimal("100"))
                ),
                name="bevillingsperiode_medfinansiering_graenser",
            ),
        ),
        migrations.AddConstraint(
            model_name="boligomraade",
            constraint=models.CheckConstraint(
                condition=models.Q(("antal_beboere__gte", 0), ("antal_beboere__lte", 1000000)),
                name="boligomraade_antal_beboere_graenser",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetpost",
            constraint=models.CheckConstraint(
                condition=models.Q(("beloeb__lte", Decimal("1000000000"))), name="budgetpost_beloeb_graense"
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetpost",
            constraint=models.CheckConstraint(
                condition=models.Q(("aar__gte", 1900), ("aar__lte", 2100)), name="budgetpost_aar_graenser"
            ),
        ),
        migrations.AddConstraint(
            model_name="deltagertal",
            constraint=models.CheckConstraint(
                condition=models.Q(("antal__lte", 100000)), name="deltagertal_graense"
            ),
        ),
        migrations.AddConstraint(
            model_name="helhedsplan",
            constraint=models.CheckConstraint(
                condition=models.Q(("rapportfrist_dage__gte", 0), ("rapportfrist_dage__lte", 365)),
                name="helhedsplan_rapportfrist_graenser",
            ),
        ),
        migrations.AddConstraint(
            model_name="succeskriterie",
            constraint=models.CheckConstraint(
                condition=models.Q(("tolerance_pct__lte", Decimal("500"))),
                name="succeskriterie_tolerance_graense",
            ),
        ),
        migrations.AddConstraint(
            model_name="succeskriterie",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("baseline_vaerdi__gte", Decimal("-1000000000")),
                    ("baseline_vaerdi__lte", Decimal("1000000000")),
                ),
                name="succeskriterie_baseline_graenser",
            ),
        ),
        migrations.AddConstraint(
            model_name="succeskriterie",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("maal_vaerdi__gte", Decimal("-1000000000")), ("maal_vaerdi__lte", Decimal("1000000000"))
                ),
                name="succeskriterie_maal_graenser",
            ),
        ),
        migrations.RunPython(partners_per_plan, partners_shared, elidable=False),
        migrations.AlterField(
            model_name="samarbejdspartner",
            name="helhedsplan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="samarbejdspartnere",
                to="helhedsplaner.helhedsplan",
                verbose_name="helhedsplan",
            ),
        ),
        migrations.AddConstraint(
            model_name="samarbejdspartner",
            constraint=models.UniqueConstraint(
                fields=("helhedsplan", "navn"), name="samarbejdspartner_unik_pr_plan"
            ),
        ),
    ]
