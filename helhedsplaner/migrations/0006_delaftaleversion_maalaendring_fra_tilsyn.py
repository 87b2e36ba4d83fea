"""Delaftaleversion and Maalaendring (and their history) move from tilsyn to helhedsplaner,
which owns the agreements. No data moves: the models keep their tables (``Meta.db_table``,
``HistoricalRecords(table_name=...)``), so this migration only creates the models in
helhedsplaner's state (tilsyn 0002 removes them from tilsyn's), and moves their content
types, so permissions and admin log entries follow the models.

Depends on tilsyn 0001, which creates the tables on a fresh database."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MOVED = ["delaftaleversion", "historicaldelaftaleversion", "maalaendring", "historicalmaalaendring"]


def _move_content_types(apps, schema_editor, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED:
        old = types.filter(app_label=source, model=model).first()
        if old is None:
            continue  # a fresh database: post_migrate creates the content type later
        # A row under the target label can only be one post_migrate created while the model
        # was registered there (a migrate back and forth); it holds nothing the old row does not.
        types.filter(app_label=target, model=model).delete()
        old.app_label = target
        old.save(update_fields=["app_label"])


def forwards(apps, schema_editor) -> None:
    _move_content_types(apps, schema_editor, "tilsyn", "helhedsplaner")


def backwards(apps, schema_editor) -> None:
    _move_content_types(apps, schema_editor, "helhedsplaner", "tilsyn")


class Migration(migrations.Migration):
    dependencies = [
        ("helhedsplaner", "0005_succeskriterie_forgaenger"),
        ("tilsyn", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalDelaftaleversion",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        ("version", models.PositiveSmallIntegerField(verbose_name="version")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("kladde", "Kladde"),
                                    ("indsendt", "Indsendt til LBF"),
                                    ("godkendt", "Godkendt af LBF"),
                                    ("afvist", "Afvist af LBF"),
                                ],
                                default="kladde",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("formaal", models.TextField(verbose_name="formål")),
                        ("gyldig_fra", models.DateField(verbose_name="gyldig fra")),
                        ("gyldig_til", models.DateField(verbose_name="gyldig til")),
                        (
                            "delmaal",
                            models.JSONField(
                                blank=True,
                                default=list,
                                help_text="Delmålene, som de stod i versionen.",
                                verbose_name="delmål",
                            ),
                        ),
                        (
                            "oprettet",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="oprettet"),
                        ),
                        (
                            "indsendt_tidspunkt",
                            models.DateTimeField(blank=True, null=True, verbose_name="indsendt"),
                        ),
                        (
                            "godkendt_tidspunkt",
                            models.DateTimeField(blank=True, null=True, verbose_name="behandlet"),
                        ),
                        ("lbf_kommentar", models.TextField(blank=True, verbose_name="LBF's kommentar")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "delaftale",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="helhedsplaner.delaftale",
                                verbose_name="delaftale",
                            ),
                        ),
                        (
                            "godkendt_af",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="behandlet af",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "oprettet_af",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="oprettet af",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical delaftaleversion",
                        "verbose_name_plural": "historical delaftaleversioner",
                        "db_table": "tilsyn_historicaldelaftaleversion",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalMaalaendring",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        (
                            "felt",
                            models.CharField(
                                choices=[
                                    ("baseline_vaerdi", "baseline (værdi)"),
                                    ("baseline_dato", "baseline (dato)"),
                                    ("maal_vaerdi", "måltal"),
                                    ("maal_dato", "måldato"),
                                ],
                                max_length=20,
                                verbose_name="felt",
                            ),
                        ),
                        ("gammel", models.CharField(blank=True, max_length=40, verbose_name="før")),
                        ("ny", models.CharField(blank=True, max_length=40, verbose_name="efter")),
                        ("begrundelse", models.TextField(verbose_name="begrundelse")),
                        (
                            "oprettet",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="oprettet"),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "oprettet_af",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="oprettet af",
                            ),
                        ),
                        (
                            "succeskriterie",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="helhedsplaner.succeskriterie",
                                verbose_name="succeskriterie",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical ændring af mål eller baseline",
                        "verbose_name_plural": "historical ændringer af mål eller baseline",
                        "db_table": "tilsyn_historicalmaalaendring",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Delaftaleversion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("version", models.PositiveSmallIntegerField(verbose_name="version")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("kladde", "Kladde"),
                                    ("indsendt", "Indsendt til LBF"),
                                    ("godkendt", "Godkendt af LBF"),
                                    ("afvist", "Afvist af LBF"),
                                ],
                                default="kladde",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("formaal", models.TextField(verbose_name="formål")),
                        ("gyldig_fra", models.DateField(verbose_name="gyldig fra")),
                        ("gyldig_til", models.DateField(verbose_name="gyldig til")),
                        (
                            "delmaal",
                            models.JSONField(
                                blank=True,
                                default=list,
                                help_text="Delmålene, som de stod i versionen.",
                                verbose_name="delmål",
                            ),
                        ),
                        (
                            "oprettet",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="oprettet"),
                        ),
                        (
                            "indsendt_tidspunkt",
                            models.DateTimeField(blank=True, null=True, verbose_name="indsendt"),
                        ),
                        (
                            "godkendt_tidspunkt",
                            models.DateTimeField(blank=True, null=True, verbose_name="behandlet"),
                        ),
                        ("lbf_kommentar", models.TextField(blank=True, verbose_name="LBF's kommentar")),
                        (
                            "delaftale",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="versioner",
                                to="helhedsplaner.delaftale",
                                verbose_name="delaftale",
                            ),
                        ),
                        (
                            "godkendt_af",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="behandlet af",
                            ),
                        ),
                        (
                            "oprettet_af",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="oprettet af",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "delaftaleversion",
                        "verbose_name_plural": "delaftaleversioner",
                        "db_table": "tilsyn_delaftaleversion",
                        "ordering": ["delaftale", "-version"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("delaftale", "version"), name="delaftaleversion_unik"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("gyldig_til__gt", models.F("gyldig_fra"))),
                                name="delaftaleversion_slut_efter_start",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Maalaendring",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "felt",
                            models.CharField(
                                choices=[
                                    ("baseline_vaerdi", "baseline (værdi)"),
                                    ("baseline_dato", "baseline (dato)"),
                                    ("maal_vaerdi", "måltal"),
                                    ("maal_dato", "måldato"),
                                ],
                                max_length=20,
                                verbose_name="felt",
                            ),
                        ),
                        ("gammel", models.CharField(blank=True, max_length=40, verbose_name="før")),
                        ("ny", models.CharField(blank=True, max_length=40, verbose_name="efter")),
                        ("begrundelse", models.TextField(verbose_name="begrundelse")),
                        (
                            "oprettet",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="oprettet"),
                        ),
                        (
                            "oprettet_af",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="oprettet af",
                            ),
                        ),
                        (
                            "succeskriterie",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="maalaendringer",
                                to="helhedsplaner.succeskriterie",
                                verbose_name="succeskriterie",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "ændring af mål eller baseline",
                        "verbose_name_plural": "ændringer af mål eller baseline",
                        "db_table": "tilsyn_maalaendring",
                        "ordering": ["succeskriterie", "felt"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("succeskriterie", "felt"), name="maalaendring_unik_pr_felt"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("begrundelse", ""), _negated=True),
                                name="maalaendring_har_begrundelse",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
