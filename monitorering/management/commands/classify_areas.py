"""``manage.py classify_areas --year YEAR FILE.csv [--national-conviction-pct X]``

Reads ``area,kommune,residents,outside_work_edu_pct,nonwestern_pct,convicted_pct,basic_edu_pct,
income_pct_of_region`` (empty = unknown; dot decimals) and prints one JSON object per line:
``{"area", "kommune", "rules", "criteria": {code: true|false|null}, "categories": {...}}``.
Categories that depend on earlier years are null unless that history is in the database
(``Omraadestatus`` of the area, matched on area and kommune name).
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from helhedsplaner.models import Boligomraade
from monitorering import criteria
from monitorering.models import Omraadestatus

COLUMNS = [
    "area",
    "kommune",
    "residents",
    "outside_work_edu_pct",
    "nonwestern_pct",
    "convicted_pct",
    "basic_edu_pct",
    "income_pct_of_region",
]
NUMBER_COLUMNS = COLUMNS[3:]


def _number(text: str, line: int, column: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise CommandError(
            f"Linje {line}, kolonne {column}: «{text}» er ikke et tal (brug punktum)."
        ) from exc
    if not value.is_finite():
        raise CommandError(f"Linje {line}, kolonne {column}: «{text}» er ikke et tal.")
    return value


class Command(BaseCommand):
    help = "Klassificerer boligområder efter almenboligloven §§ 61a-61b for et listeår (JSON pr. linje)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, required=True, help="listeåret")
        parser.add_argument("file", help="CSV med kolonnerne " + ",".join(COLUMNS))
        parser.add_argument(
            "--national-conviction-pct",
            type=Decimal,
            default=None,
            help="landsgennemsnittet for dømte (%% af beboere 18+) det år; ellers fra databasen",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        saet = criteria.kriteriesaet_for(year)
        if saet is None:
            raise CommandError(f"Der er intet kriteriesæt for {year}.")
        national = options["national_conviction_pct"]
        if national is None:
            national = criteria.national_conviction_pct(year)
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen findes ikke: {path}")
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise CommandError("Filen mangler kolonnen: " + ", ".join(missing))
            for line, row in enumerate(reader, start=2):
                self.stdout.write(
                    json.dumps(self.classify_row(saet, year, national, row, line), ensure_ascii=False)
                )

    def classify_row(self, saet, year: int, national, row: dict, line: int) -> dict:
        if None in row:
            raise CommandError(
                f"Linje {line} har flere felter end overskriften (decimaler skrives med punktum)."
            )
        numbers = {c: _number(row.get(c) or "", line, c) for c in NUMBER_COLUMNS}
        residents = _number(row.get("residents") or "", line, "residents")
        values = criteria.Values(
            residents=None if residents is None else int(residents),
            outside_work_edu_pct=numbers["outside_work_edu_pct"],
            nonwestern_pct=numbers["nonwestern_pct"],
            convicted_pct=numbers["convicted_pct"],
            basic_edu_pct=numbers["basic_edu_pct"],
            income_pct_of_region=numbers["income_pct_of_region"],
        )
        area, kommune = (row.get("area") or "").strip(), (row.get("kommune") or "").strip()
        result = criteria.classify(saet, year, values, national, self.history(area, kommune, year))
        return {"area": area, "kommune": kommune, **result.as_json()}

    def history(self, area: str, kommune: str, year: int) -> criteria.History:
        omraade = Boligomraade.objects.filter(navn__iexact=area, kommune__navn__iexact=kommune).first()
        if omraade is None:
            return {}
        return criteria.history_from_status(Omraadestatus.objects.filter(boligomraade=omraade, aar__lt=year))
