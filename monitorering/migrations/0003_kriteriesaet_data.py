"""The statutory criteria sets (almenboligloven §§ 61a-61b) as data, one row per rule period.

Thresholds sit in the columns; which categories exist and how criteria combine into them sit in
``kategorier`` (a list, evaluated in order; see README "Statutory area criteria"). Rows are
matched on ``gyldig_fra``: a row that already exists (e.g. from older demo data) is brought in
line with these values; later edits in the admin are kept (a migration runs once).
"""

from decimal import Decimal as D

from django.db import migrations

LINEAGE = ["ghettoomraade", "saerligt_udsat", "parallelsamfund"]

SETS = [
    {
        "gyldig_fra": "2010-10-01",
        "navn": "Ghettokriterier 2010 (2 af 3)",
        "lovgrundlag": "Regeringens ghettostrategi 2010: mindst 1.000 beboere og 2 af 3 kriterier "
        "(ikke-vestlig baggrund over 50 %, uden arbejde/uddannelse over 40 %, dømte over 2,7 %).",
        "min_antal_kriterier": 2,
        "a_uden_beskaeftigelse_pct": D("40"),
        "b_doemte_pct": D("2.70"),
        "ikke_vestlig_parallelsamfund_pct": D("50"),
        "kategorier": [
            {"kode": "ghettoomraade", "min": 2, "af": ["ikke_vestlig", "A", "B"]},
        ],
    },
    {
        "gyldig_fra": "2013-12-01",
        "navn": "Kriterier december 2013 (3 af 5)",
        "lovgrundlag": "Almenboligloven § 61a som ændret december 2013: særligt udsatte "
        "boligområder, mindst 1.000 beboere og 3 af 5 kriterier.",
        "min_antal_kriterier": 3,
        "a_uden_beskaeftigelse_pct": D("40"),
        "b_doemte_pct": D("2.70"),
        "c_kun_grundskole_pct": D("50"),
        "d_indkomst_pct": D("55"),
        "ikke_vestlig_parallelsamfund_pct": D("50"),
        "kategorier": [
            {"kode": "saerligt_udsat", "min": 3, "af": ["ikke_vestlig", "A", "B", "C", "D"]},
        ],
    },
    {
        "gyldig_fra": "2018-12-01",
        "navn": "Kriterier 2018",
        "lovgrundlag": "Almenboligloven § 61a (2018): udsat boligområde (2 af 4), ghettoområde "
        "(udsat og ikke-vestlig baggrund over 50 %), hårdt ghettoområde (ghettoområde 4 år i træk).",
        "min_antal_kriterier": 2,
        "a_uden_beskaeftigelse_pct": D("40"),
        "b_doemte_faktor": D("3"),
        "c_kun_grundskole_pct": D("60"),
        "d_indkomst_pct": D("55"),
        "ikke_vestlig_parallelsamfund_pct": D("50"),
        "omdannelse_aar": 4,
        "kategorier": [
            {"kode": "udsat_boligomraade", "min": 2, "af": ["A", "B", "C", "D"]},
            {"kode": "ghettoomraade", "alle": ["ikke_vestlig"], "kategorier": ["udsat_boligomraade"]},
            {
                "kode": "haardt_ghettoomraade",
                "kategorier": ["ghettoomraade"],
                "historik": {"kategorier": LINEAGE, "aar": 4},
            },
        ],
    },
    {
        "gyldig_fra": "2021-12-01",
        "navn": "Kriterier 2021 med forebyggelsesområder",
        "lovgrundlag": "Almenboligloven §§ 61a-61b, jf. L 23 (2021): udsat boligområde, "
        "parallelsamfund, omdannelsesområde (parallelsamfund 5 år i træk) og forebyggelsesområde.",
        "min_antal_kriterier": 2,
        "a_uden_beskaeftigelse_pct": D("40"),
        "b_doemte_faktor": D("3"),
        "c_kun_grundskole_pct": D("60"),
        "d_indkomst_pct": D("55"),
        "ikke_vestlig_parallelsamfund_pct": D("50"),
        "omdannelse_aar": 5,
        "forebyggelse_ikke_vestlig_pct": D("30"),
        "forebyggelse_a_pct": D("30"),
        "forebyggelse_b_faktor": D("2"),
        "forebyggelse_c_pct": D("60"),
        "forebyggelse_d_pct": D("65"),
        "kategorier": [
            {"kode": "udsat_boligomraade", "min": 2, "af": ["A", "B", "C", "D"]},
            {"kode": "parallelsamfund", "alle": ["ikke_vestlig"], "kategorier": ["udsat_boligomraade"]},
            {
                "kode": "omdannelsesomraade",
                "kategorier": ["parallelsamfund"],
                "historik": {"kategorier": LINEAGE, "aar": 5},
            },
            {
                "kode": "forebyggelsesomraade",
                "alle": ["forebyggelse_ikke_vestlig"],
                "min": 2,
                "af": ["forebyggelse_A", "forebyggelse_B", "forebyggelse_C", "forebyggelse_D"],
            },
        ],
    },
]


def load(apps, schema_editor):
    Kriteriesaet = apps.get_model("monitorering", "Kriteriesaet")
    for spec in SETS:
        values = {k: v for k, v in spec.items() if k not in {"gyldig_fra", "navn"}}
        obj = Kriteriesaet.objects.filter(gyldig_fra=spec["gyldig_fra"]).first()
        if obj is None:
            # A row from older demo data may hold the name; free it first.
            Kriteriesaet.objects.filter(navn=spec["navn"]).update(navn=spec["navn"] + " (gammel)")
            Kriteriesaet.objects.create(gyldig_fra=spec["gyldig_fra"], navn=spec["navn"], **values)
        else:
            for key, value in values.items():
                setattr(obj, key, value)
            obj.navn = spec["navn"]
            obj.save()


class Migration(migrations.Migration):
    dependencies = [("monitorering", "0002_snapshots_jobs_import_criteria")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
