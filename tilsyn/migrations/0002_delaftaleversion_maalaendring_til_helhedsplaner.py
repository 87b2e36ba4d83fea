"""Delaftaleversion and Maalaendring (and their history) now belong to helhedsplaner
(helhedsplaner 0006). Their tables stay as they are: this only removes the models from
tilsyn's state, after helhedsplaner has taken them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tilsyn", "0001_initial"),
        ("helhedsplaner", "0006_delaftaleversion_maalaendring_fra_tilsyn"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalDelaftaleversion"),
                migrations.DeleteModel(name="HistoricalMaalaendring"),
                migrations.DeleteModel(name="Delaftaleversion"),
                migrations.DeleteModel(name="Maalaendring"),
            ],
            database_operations=[],
        ),
    ]
