"""National figures across plans: query rows (``.values()``) → pandas, nothing else.
Charts are drawn from these frames in :mod:`tilsyn.charts`."""

from __future__ import annotations

import pandas as pd
from django.db.models import Max, OuterRef, Subquery

from monitorering.models import Kriteriestatus, Omraadestatus, Statusoversigt

STATUS_COLUMNS = ["paa_sporet", "i_risiko", "ikke_paa_sporet", "ingen_data"]


def status_per_area() -> pd.DataFrame:
    """Per indsatsområde: criteria per status summed over plans, each plan's latest period
    (columns: omraade + the four status counts)."""
    latest = (
        Statusoversigt.objects.filter(helhedsplan=OuterRef("helhedsplan"), indsatsomraade__isnull=False)
        .values("helhedsplan")
        .annotate(m=Max("periode_start"))
        .values("m")
    )
    rows = (
        Statusoversigt.objects.filter(indsatsomraade__isnull=False)
        .filter(periode_start=Subquery(latest))
        .values("indsatsomraade__navn", *STATUS_COLUMNS)
    )
    df = pd.DataFrame(list(rows), columns=["indsatsomraade__navn", *STATUS_COLUMNS])
    if df.empty:
        return pd.DataFrame(columns=["omraade", *STATUS_COLUMNS])
    df = df.rename(columns={"indsatsomraade__navn": "omraade"})
    return df.groupby("omraade", as_index=False)[STATUS_COLUMNS].sum().sort_values("omraade")


def indicator_across_plans(indikator_id: int) -> pd.DataFrame:
    """Each plan's latest actual value of an indicator, with baseline and target
    (columns: plan, faktisk, baseline, maal, periode_slut)."""
    rows = Kriteriestatus.objects.filter(
        succeskriterie__indikator_id=indikator_id, faktisk__isnull=False
    ).values("helhedsplan__navn", "succeskriterie_id", "periode_slut", "faktisk", "baseline", "maal")
    df = pd.DataFrame(
        list(rows),
        columns=["helhedsplan__navn", "succeskriterie_id", "periode_slut", "faktisk", "baseline", "maal"],
    )
    if df.empty:
        return pd.DataFrame(columns=["plan", "faktisk", "baseline", "maal", "periode_slut"])
    df = df.rename(columns={"helhedsplan__navn": "plan"})
    df = df.sort_values("periode_slut").groupby("plan", as_index=False).last()
    for col in ("faktisk", "baseline", "maal"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    return df[["plan", "faktisk", "baseline", "maal", "periode_slut"]].sort_values("faktisk", ascending=False)


def area_categories_over_years() -> pd.DataFrame:
    """Number of the plans' areas per statutory category and list year (aar, kategori, antal)."""
    rows = Omraadestatus.objects.filter(boligomraade__helhedsplaner__isnull=False).values(
        "boligomraade_id", "aar", "kategori"
    )
    df = pd.DataFrame(list(rows), columns=["boligomraade_id", "aar", "kategori"]).drop_duplicates()
    if df.empty:
        return pd.DataFrame(columns=["aar", "kategori", "antal"])
    out = df.groupby(["aar", "kategori"], as_index=False).size().rename(columns={"size": "antal"})
    return out.sort_values(["aar", "kategori"])
