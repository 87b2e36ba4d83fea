"""Give the forvaltninger we know by name the further fagområder their names promise.

Until now a forvaltning had one fagområde, so "Beskæftigelses- og Socialforvaltningen"
counted only as beskæftigelse and the board-composition check reported social as missing.
This maps known names that name two areas (the demo's and common municipal ones) once; from now on the
areas are data, edited in the admin, and nothing reads the name.
"""

from django.db import migrations

FURTHER_AREAS = {
    "Beskæftigelses- og Socialforvaltningen": ["beskaeftigelse", "social"],
    "Social- og Beskæftigelsesforvaltningen": ["social", "beskaeftigelse"],
    "Sociale Forhold og Beskæftigelse": ["social", "beskaeftigelse"],
    "Social- og Sundhedsforvaltningen": ["social", "sundhed"],
    "Børn og Skole": ["boern_unge", "skole"],
    "Børne- og Familieforvaltningen": ["boern_unge", "familie"],
    "Børn- og Familieforvaltningen": ["boern_unge", "familie"],
}


def add_known_areas(apps, schema_editor):
    Forvaltning = apps.get_model("helhedsplaner", "Forvaltning")
    Forvaltningsomraade = apps.get_model("bestyrelser", "Forvaltningsomraade")
    for forvaltning in Forvaltning.objects.filter(navn__in=FURTHER_AREAS):
        for omraade in FURTHER_AREAS[forvaltning.navn]:
            if omraade != forvaltning.omraade:
                Forvaltningsomraade.objects.get_or_create(forvaltning=forvaltning, omraade=omraade)


class Migration(migrations.Migration):
    dependencies = [
        ("bestyrelser", "0004_forvaltningsomraade"),
        ("helhedsplaner", "0004_statusrapport_laas"),
    ]

    operations = [migrations.RunPython(add_known_areas, migrations.RunPython.noop)]
