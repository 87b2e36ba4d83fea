"""The SQL path of the indicator engine (PostgreSQL): the same rules as the reference path
(:mod:`.reference`), computed for a whole chunk of plans at once inside the database, with only
the differences written.

``reference.evaluate`` + ``services.snapshots_compute`` stay the reference implementation (used
on SQLite and by the verification job); this module must give identical snapshot rows,
summaries and fingerprints, which tests/monitorering/test_setbased.py checks on varied data.

How the arithmetic stays identical to Python's ``Decimal``: every value is a sum (exact in
``numeric``) or one quotient of sums; quotients are taken at 30 decimal places and rounded half
away from zero to 3 places (``round``), as ``q3`` does with ``ROUND_HALF_UP``. A quotient of
three-decimal numbers is never within 1e-28 of a rounding tie without being on it, so the
extra digits of either side can never change the rounded value.
"""

# ruff: noqa: S608 - the SQL is built from module constants only; values go in as parameters

from __future__ import annotations

import datetime
import io
import re
from enum import Enum
from typing import Any

from django.conf import settings
from django.db import connection, models

from helhedsplaner.models import (
    Aftalestatus,
    Aktivitet,
    Aktivitetsregistrering,
    Delaftale,
    Delmaal,
    Deltagertal,
    Helhedsplan,
    Samarbejdsaftale,
    Statusrapport,
    StrategiskMaal,
    Succeskriterie,
)

from ..models import Indikator, Kriteriestatus, Maaling, Sporstatus, Statusoversigt
from . import rules

APPROVED = tuple(sorted(s.value for s in Statusrapport.APPROVED_STATES))


def _lit(choice: Enum) -> str:
    """A choice's value as an SQL literal (the values are plain identifiers)."""
    if not re.fullmatch(r"[a-z_]+", choice.value):
        raise ValueError(choice)
    return f"'{choice.value}'"


# The choice values the SQL compares with, from the models' TextChoices.
GODKENDT = _lit(Aftalestatus.GODKENDT)
ANTAL, SUM, PROCENT, GENNEMSNIT, RATE = (_lit(a) for a in Indikator.Art)
HOEJERE = _lit(Indikator.Retning.HOEJERE)
SENESTE, SUM_PR_PERIODE = _lit(Indikator.Aggregering.SENESTE), _lit(Indikator.Aggregering.SUM_PR_PERIODE)
AKTIVITETER = _lit(Indikator.Kilde.AKTIVITETER)
PAA_SPORET, I_RISIKO, IKKE_PAA_SPORET, INGEN_DATA = (_lit(s) for s in Sporstatus)

# The tables the SQL reads and writes.
PLAN = Helhedsplan._meta.db_table
AFTALE = Samarbejdsaftale._meta.db_table
STRATEGISK_MAAL = StrategiskMaal._meta.db_table
KRITERIE = Succeskriterie._meta.db_table
DELAFTALE = Delaftale._meta.db_table
DELMAAL = Delmaal._meta.db_table
AKTIVITET = Aktivitet._meta.db_table
REGISTRERING = Aktivitetsregistrering._meta.db_table
DELTAGERTAL = Deltagertal._meta.db_table
RAPPORT = Statusrapport._meta.db_table
INDIKATOR = Indikator._meta.db_table
INDIKATOR_AKTIVITET = Indikator.aktiviteter.through._meta.db_table
MAALING = Maaling._meta.db_table
KRITERIESTATUS = Kriteriestatus._meta.db_table
STATUSOVERSIGT = Statusoversigt._meta.db_table

# The factors of percentages and rates (rules.FACTOR).
PCT_FACTOR, RATE_FACTOR = rules.FACTOR[Indikator.Art.PROCENT], rules.FACTOR[Indikator.Art.RATE]
# A quotient at 30 decimal places (see the module docstring).
Q = "numeric(65,30)"


def _txt(expr: str) -> str:
    """A value as Python's ``str(q3(value))``: 'None', three decimals, '-0.000' for a negative
    value that rounds to zero (Decimal keeps the sign of zero; numeric has no negative zero)."""
    return (
        f"CASE WHEN ({expr}) IS NULL THEN 'None' "
        f"WHEN ({expr}) < 0 AND round({expr}, 3) = 0 THEN '-0.000' "
        f"ELSE round({expr}, 3)::text END"
    )


def _date(expr: str) -> str:
    return f"coalesce({expr}::text, 'None')"  # ISO: DateStyle is set for the computation


PREPARE = """
SET LOCAL DateStyle = 'ISO';
SET LOCAL jit = off;
SET LOCAL work_mem = '64MB';
SET LOCAL enable_mergejoin = off;
DROP TABLE IF EXISTS _ks_plan, _ks_per, _ks_ver, _ks_cur, _ks_pv, _ks_crit, _ks_line, _ks_tgt, _ks_used,
    _ks_link, _ks_agg, _ks_out, _so_out;
CREATE TEMP TABLE _ks_plan (plan_id int PRIMARY KEY, start date, k int, boligomraade_id int, start_month int,
    start_day int) ON COMMIT DROP;
CREATE TEMP TABLE _ks_per (plan_id int, idx int, start date, slut date, PRIMARY KEY (plan_id, idx))
    ON COMMIT DROP;
"""

# The agreement versions (helhedsplaner.models.agreement_in_force, in SQL): an approved
# version takes effect on the later of gyldig_fra and the local date of LBF's approval; the
# first approved one also covers the time before; drafts, submitted and rejected versions
# never judge a period. _ks_cur: the current version (in force today, else the newest),
# whose criteria key the snapshots. _ks_pv: per completed period, the number of the version
# in force at its end (the current one's while none is approved).
# _ks_line: each current criterion's lineage (Succeskriterie.forgaenger, within the plan),
# kept where its version is approved or current. _ks_tgt: per criterion and version number
# in force, the targets that judge it (reference.pick_target): from the newest version of the
# criterion up to that number, else from its oldest.
CRITERIA = f"""
CREATE TEMP TABLE _ks_ver ON COMMIT DROP AS
SELECT a.helhedsplan_id AS plan_id, a.id AS aftale_id, a.version,
       a.version = min(a.version) OVER (PARTITION BY a.helhedsplan_id) AS first,
       greatest(a.gyldig_fra, (a.godkendt_tidspunkt AT TIME ZONE %(tz)s)::date) AS ikraft
FROM {AFTALE} a
WHERE a.helhedsplan_id = ANY(%(ids)s) AND a.status = {GODKENDT};

CREATE TEMP TABLE _ks_cur ON COMMIT DROP AS
SELECT DISTINCT ON (a.helhedsplan_id) a.helhedsplan_id AS plan_id, a.id AS aftale_id, a.version
FROM {AFTALE} a
LEFT JOIN _ks_ver v ON v.aftale_id = a.id AND (v.first OR v.ikraft <= %(today)s)
WHERE a.helhedsplan_id = ANY(%(ids)s)
ORDER BY a.helhedsplan_id, (v.aftale_id IS NOT NULL) DESC, a.version DESC;
ANALYZE _ks_ver; ANALYZE _ks_cur;

CREATE TEMP TABLE _ks_pv ON COMMIT DROP AS
SELECT per.plan_id, per.idx, coalesce(max(v.version), max(cur.version)) AS nv
FROM _ks_per per
LEFT JOIN _ks_ver v ON v.plan_id = per.plan_id AND (v.first OR v.ikraft <= per.slut)
LEFT JOIN _ks_cur cur ON cur.plan_id = per.plan_id
GROUP BY per.plan_id, per.idx;
ALTER TABLE _ks_pv ADD PRIMARY KEY (plan_id, idx);

CREATE TEMP TABLE _ks_crit ON COMMIT DROP AS
SELECT cur.plan_id, sk.id AS kriterie_id, sm.indsatsomraade_id AS omraade_id,
       sk.indikator_id, coalesce(i.art, {ANTAL}) AS art, coalesce(i.aggregering, {SENESTE}) AS agg,
       CASE WHEN coalesce(i.retning, {HOEJERE}) = {HOEJERE} THEN 1 ELSE -1 END AS sign, i.kilde,
       CASE i.art WHEN {PROCENT} THEN {PCT_FACTOR} WHEN {RATE} THEN {RATE_FACTOR} ELSE 1 END AS f
FROM _ks_cur cur
JOIN {STRATEGISK_MAAL} sm ON sm.samarbejdsaftale_id = cur.aftale_id
JOIN {KRITERIE} sk ON sk.strategisk_maal_id = sm.id
LEFT JOIN {INDIKATOR} i ON i.id = sk.indikator_id;

CREATE TEMP TABLE _ks_line ON COMMIT DROP AS
WITH RECURSIVE chain AS (
    SELECT c.kriterie_id, c.plan_id, c.kriterie_id AS anc_id, 0 AS depth FROM _ks_crit c
    UNION ALL
    SELECT ch.kriterie_id, ch.plan_id, pre.id, ch.depth + 1
    FROM chain ch
    JOIN {KRITERIE} f ON f.id = ch.anc_id
    JOIN {KRITERIE} pre ON pre.id = f.forgaenger_id
    JOIN {STRATEGISK_MAAL} psm ON psm.id = pre.strategisk_maal_id
    JOIN {AFTALE} pa
        ON pa.id = psm.samarbejdsaftale_id AND pa.helhedsplan_id = ch.plan_id
    WHERE ch.depth < 100
)
SELECT ch.kriterie_id, a.id AS aftale_id, a.version,
       sk.baseline_vaerdi AS b, sk.maal_vaerdi AS m,
       round(sk.baseline_vaerdi, 3) AS b3, round(sk.maal_vaerdi, 3) AS m3,
       coalesce(sk.baseline_dato, p.startdato) AS b_dato, coalesce(sk.maal_dato, p.slutdato) AS m_dato,
       round(abs(sk.maal_vaerdi - sk.baseline_vaerdi) * sk.tolerance_pct / 100, 3) AS tl,
       {_txt("sk.baseline_vaerdi")} AS b_txt, {_txt("sk.maal_vaerdi")} AS m_txt,
       {_txt("abs(sk.maal_vaerdi - sk.baseline_vaerdi) * sk.tolerance_pct / 100")} AS tl_txt
FROM chain ch
JOIN {KRITERIE} sk ON sk.id = ch.anc_id
JOIN {STRATEGISK_MAAL} sm ON sm.id = sk.strategisk_maal_id
JOIN {AFTALE} a ON a.id = sm.samarbejdsaftale_id
JOIN {PLAN} p ON p.id = ch.plan_id
WHERE ch.depth = 0 OR a.status = {GODKENDT};
ANALYZE _ks_line; ANALYZE _ks_crit; ANALYZE _ks_pv;

CREATE TEMP TABLE _ks_tgt ON COMMIT DROP AS
SELECT DISTINCT ON (c.kriterie_id, n.nv) c.kriterie_id, n.nv, l.aftale_id, l.b, l.m, l.b3, l.m3,
       l.b_dato, l.m_dato, l.tl, l.b_txt, l.m_txt, l.tl_txt
FROM _ks_crit c
JOIN (SELECT DISTINCT plan_id, nv FROM _ks_pv) n ON n.plan_id = c.plan_id
JOIN _ks_line l ON l.kriterie_id = c.kriterie_id
ORDER BY c.kriterie_id, n.nv, (l.version <= n.nv) DESC,
         CASE WHEN l.version <= n.nv THEN -l.version ELSE l.version END;
ALTER TABLE _ks_tgt ADD PRIMARY KEY (kriterie_id, nv);

CREATE TEMP TABLE _ks_used ON COMMIT DROP AS
SELECT DISTINCT plan_id, indikator_id, art, kilde FROM _ks_crit WHERE indikator_id IS NOT NULL;
ALTER TABLE _ks_used ADD PRIMARY KEY (plan_id, indikator_id);

CREATE TEMP TABLE _ks_link ON COMMIT DROP AS
SELECT DISTINCT d.helhedsplan_id AS plan_id, ia.indikator_id, u.art, ia.aktivitet_id
FROM {DELAFTALE} d
JOIN {DELMAAL} dm ON dm.delaftale_id = d.id
JOIN {AKTIVITET} a ON a.delmaal_id = dm.id
JOIN {INDIKATOR_AKTIVITET} ia ON ia.aktivitet_id = a.id
JOIN _ks_used u ON u.plan_id = d.helhedsplan_id AND u.indikator_id = ia.indikator_id
WHERE d.helhedsplan_id = ANY(%(ids)s) AND u.kilde = {AKTIVITETER} AND u.art IN ({ANTAL}, {SUM}, {GENNEMSNIT});
ANALYZE _ks_plan; ANALYZE _ks_per; ANALYZE _ks_pv; ANALYZE _ks_crit; ANALYZE _ks_tgt; ANALYZE _ks_used;
ANALYZE _ks_link;
"""  # nosec B608 - SQL assembled from constants; values are bound parameters

# Observations per (plan, indicator): the registrations of the linked activities; else the
# plan's own measurements and its area's (own = false). Values in a status report count once
# the report is approved. Each is put in the completed period its end date falls in: the
# month index from the plan's start (add_months clamps the day to the month's end, so a date
# on the last day of its month has completed that month), checked against the period's
# dates. Then plan or area per period (reference.choose_source): where the plan has an
# observation of its own in the period, the area's are left out.
AGGREGATE = f"""
CREATE TEMP TABLE _ks_agg ON COMMIT DROP AS
WITH obs AS (
    SELECT r.plan_id, r.indikator_id, r.dato AS slut,
           CASE r.art WHEN {SUM} THEN r.timer WHEN {ANTAL} THEN coalesce(r.deltagere, 0) END AS v,
           CASE WHEN r.art = {GENNEMSNIT} THEN coalesce(r.deltagere, 0) END AS t,
           CASE WHEN r.art = {GENNEMSNIT} THEN 1::numeric END AS n,
           true AS own
    FROM (
        SELECT l.plan_id, l.indikator_id, l.art, r.id, r.dato, r.timer, sum(dt.antal)::numeric AS deltagere
        FROM _ks_link l
        JOIN {REGISTRERING} r ON r.aktivitet_id = l.aktivitet_id
        LEFT JOIN {DELTAGERTAL} dt ON dt.registrering_id = r.id
        GROUP BY l.plan_id, l.indikator_id, l.art, r.id, r.dato, r.timer
    ) r
    UNION ALL
    SELECT m.helhedsplan_id, m.indikator_id, m.periode_slut, m.vaerdi, m.taeller, m.naevner, true
    FROM {MAALING} m
    JOIN _ks_used u ON u.plan_id = m.helhedsplan_id AND u.indikator_id = m.indikator_id
    LEFT JOIN {RAPPORT} s ON s.id = m.statusrapport_id
    WHERE m.helhedsplan_id = ANY(%(ids)s)
      AND (m.statusrapport_id IS NULL OR s.status IN %(approved)s)
      AND NOT EXISTS (
          SELECT 1 FROM _ks_link l WHERE l.plan_id = u.plan_id AND l.indikator_id = u.indikator_id
      )
    UNION ALL
    SELECT pl.plan_id, m.indikator_id, m.periode_slut, m.vaerdi, m.taeller, m.naevner, false
    FROM _ks_plan pl
    JOIN {MAALING} m ON m.boligomraade_id = pl.boligomraade_id
    JOIN _ks_used u ON u.plan_id = pl.plan_id AND u.indikator_id = m.indikator_id
    LEFT JOIN {RAPPORT} s ON s.id = m.statusrapport_id
    WHERE (m.statusrapport_id IS NULL OR s.status IN %(approved)s)
      AND NOT EXISTS (
          SELECT 1 FROM _ks_link l WHERE l.plan_id = u.plan_id AND l.indikator_id = u.indikator_id
      )
), placed AS (
    SELECT o.*, ((
        date_part('year', o.slut)::int * 12 + date_part('month', o.slut)::int - pl.start_month
        - CASE WHEN date_part('day', o.slut) < pl.start_day AND date_part('day', o.slut + 1) <> 1
               THEN 1 ELSE 0 END
    ) + 1200 * pl.k) / pl.k - 1200 AS idx
    FROM obs o JOIN _ks_plan pl ON pl.plan_id = o.plan_id
    OFFSET 0
), chosen AS (
    SELECT o.*, bool_or(o.own) OVER (PARTITION BY o.plan_id, o.indikator_id, o.idx) AS has_own
    FROM placed o
    JOIN _ks_per per ON per.plan_id = o.plan_id AND per.idx = o.idx AND o.slut BETWEEN per.start AND per.slut
)
SELECT o.plan_id, o.indikator_id, o.idx, count(*) AS cnt, count(o.v) AS nv, sum(o.v) AS sv,
       bool_and(o.t IS NOT NULL AND o.n IS NOT NULL AND o.n <> 0) AS all_tn, sum(o.t) AS st, sum(o.n) AS sn
FROM chosen o
WHERE o.own OR NOT o.has_own
GROUP BY o.plan_id, o.indikator_id, o.idx;
"""  # nosec B608 - SQL assembled from constants; values are bound parameters


def _rounded_txt(rounded: str, raw: str) -> str:
    """As _txt, from the value already rounded (and the raw one for the sign of zero)."""
    return (
        f"CASE WHEN {rounded} IS NULL THEN 'None' WHEN {rounded} = 0 AND {raw} < 0 THEN '-0.000' "
        f"ELSE {rounded}::text END"
    )


# One line of services.snapshots_fingerprint per row: the SNAPSHOT_FIELDS as str() gives them.
ROW_LINE = " || '|' || ".join(
    [
        "kriterie_id::text",
        "coalesce(omraade_id::text, 'None')",
        _date("start"),
        _date("slut"),
        _rounded_txt("fa", "fa_raw"),
        "b_txt",
        "m_txt",
        _rounded_txt("fo", "fo_raw"),
        "tl_txt",
        "status",
        _date("data_til"),
        "coalesce(aftale_id::text, 'None')",
    ]
)

# One row per criterion and completed period: the period value, then the aggregation over
# time with window functions, then the expected path, tolerance and status (rules.py).
EVALUATE = f"""
CREATE TEMP TABLE _ks_out ON COMMIT DROP AS
WITH v AS (
    SELECT c.kriterie_id, per.idx, per.start, per.slut, pv.nv AS aftale_nr, a.cnt, a.all_tn, a.st, a.sn,
           CASE
               WHEN a.cnt IS NULL THEN NULL
               WHEN c.art IN ({ANTAL}, {SUM}) THEN a.sv
               WHEN a.all_tn AND a.sn <> 0 THEN c.f * a.st::{Q} / a.sn
               WHEN a.nv > 0 THEN a.sv::{Q} / a.nv
           END AS pv
    FROM _ks_crit c
    JOIN _ks_per per ON per.plan_id = c.plan_id
    JOIN _ks_pv pv ON pv.plan_id = per.plan_id AND pv.idx = per.idx
    LEFT JOIN _ks_agg a ON a.plan_id = c.plan_id AND a.indikator_id = c.indikator_id AND a.idx = per.idx
    OFFSET 0  -- an optimisation fence: each expression is evaluated once per row
), w AS (
    SELECT v.kriterie_id, v.start, v.slut, v.aftale_nr, v.pv,
           count(pv) OVER run AS grp,
           max(CASE WHEN pv IS NOT NULL THEN slut END) OVER run AS latest_end,
           max(CASE WHEN cnt > 0 THEN slut END) OVER run AS data_til,
           sum(pv) OVER run AS run_sum,
           sum(cnt) OVER run AS cum_cnt,
           bool_or(NOT all_tn) OVER run AS cum_bad,
           sum(st) OVER run AS cum_t,
           sum(sn) OVER run AS cum_n
    FROM v
    WINDOW run AS (PARTITION BY kriterie_id ORDER BY idx ROWS UNBOUNDED PRECEDING)
), x AS (
    SELECT w.*, max(pv) OVER (PARTITION BY kriterie_id, grp) AS latest FROM w
), y AS (
    SELECT c.plan_id, c.kriterie_id, c.omraade_id, x.start, x.slut, x.data_til, c.sign, t.tl,
           t.b_txt, t.m_txt, t.tl_txt, t.b3 AS baseline, t.m3 AS maal, t.aftale_id,
        CASE
            WHEN c.agg = {SUM_PR_PERIODE} THEN x.pv
            WHEN c.agg = {SENESTE} THEN
                CASE WHEN x.latest_end IS NOT NULL AND x.slut - x.latest_end > {rules.MAX_STALE_DAYS}
                     THEN NULL ELSE x.latest END
            WHEN c.art IN ({ANTAL}, {SUM}) THEN x.run_sum
            ELSE coalesce(
                CASE WHEN x.cum_cnt > 0 AND NOT coalesce(x.cum_bad, false) AND x.cum_n <> 0
                     THEN c.f * x.cum_t::{Q} / x.cum_n END,
                x.latest)
        END AS fa_raw,
        CASE WHEN t.b IS NOT NULL AND t.m IS NOT NULL THEN
            CASE WHEN t.m_dato - t.b_dato <= 0 THEN t.m
                 ELSE t.b + (t.m - t.b) * least(greatest(x.slut - t.b_dato, 0), t.m_dato - t.b_dato)::{Q}
                          / (t.m_dato - t.b_dato)
            END
        END AS fo_raw
    FROM x JOIN _ks_crit c ON c.kriterie_id = x.kriterie_id
    JOIN _ks_tgt t ON t.kriterie_id = x.kriterie_id AND t.nv = x.aftale_nr
    OFFSET 0
), z AS (
    SELECT y.*, round(fa_raw, 3) AS fa, round(fo_raw, 3) AS fo FROM y OFFSET 0
), s AS (
    SELECT z.*,
           CASE WHEN fa IS NULL OR fo IS NULL OR tl IS NULL THEN {INGEN_DATA}
                WHEN sign * (fo - fa) <= tl THEN {PAA_SPORET}
                WHEN sign * (fo - fa) <= {rules.RISIKO_FAKTOR} * tl THEN {I_RISIKO}
                ELSE {IKKE_PAA_SPORET} END AS status
    FROM z OFFSET 0
)
SELECT plan_id, kriterie_id, omraade_id, start, slut, fa AS faktisk, baseline, maal, fo AS forventet,
       tl AS tolerance, status, data_til, aftale_id AS samarbejdsaftale_id,
       {ROW_LINE} AS line
FROM s;

CREATE TEMP TABLE _so_out ON COMMIT DROP AS
SELECT plan_id, start, slut, CASE WHEN grouping(omraade_id) = 1 THEN NULL ELSE omraade_id END AS omraade_id,
       count(*) FILTER (WHERE status = {PAA_SPORET}) AS paa_sporet,
       count(*) FILTER (WHERE status = {I_RISIKO}) AS i_risiko,
       count(*) FILTER (WHERE status = {IKKE_PAA_SPORET}) AS ikke_paa_sporet,
       count(*) FILTER (WHERE status = {INGEN_DATA}) AS ingen_data
FROM _ks_out
GROUP BY GROUPING SETS ((plan_id, start, slut), (plan_id, start, slut, omraade_id))
HAVING grouping(omraade_id) = 1 OR omraade_id IS NOT NULL;
"""  # nosec B608 - SQL assembled from constants; values are bound parameters

# services.snapshots_fingerprint, in SQL: the sorted lines (code-point order: COLLATE "C") of the rows,
# then of the summaries (keys in sorted order), joined by newlines, hashed with SHA-256.
SUMMARY_LINE = " || '|' || ".join(
    [
        "i_risiko::text",
        "ikke_paa_sporet::text",
        "coalesce(omraade_id::text, 'None')",
        "ingen_data::text",
        "paa_sporet::text",
        _date("slut"),
        _date("start"),
    ]
)
FINGERPRINTS = f"""
SELECT pl.plan_id, encode(sha256(convert_to(concat_ws(E'\\n', r.txt, s.txt), 'UTF8')), 'hex')
FROM _ks_plan pl
LEFT JOIN (
    SELECT plan_id, string_agg(line, E'\\n' ORDER BY line COLLATE "C") AS txt
    FROM _ks_out GROUP BY plan_id
) r ON r.plan_id = pl.plan_id
LEFT JOIN (
    SELECT plan_id, string_agg(line, E'\\n' ORDER BY line COLLATE "C") AS txt
    FROM (SELECT plan_id, {SUMMARY_LINE} AS line FROM _so_out) t GROUP BY plan_id
) s ON s.plan_id = pl.plan_id
"""  # nosec B608 - SQL assembled from constants; values are bound parameters


# Write only what differs: delete stored rows with no identical fresh row, insert fresh rows
# with no stored row left under their key. Run twice, the second run writes nothing.
def _column(model: type[models.Model], name: str) -> str:
    """The database column of ``model``'s field ``name``."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.column:
        raise TypeError(f"{model.__name__}.{name} has no column")
    return field.column


# The value columns of a snapshot row (and of ``_ks_out``), and the status counts of a summary
# (one column per Sporstatus value).
_SNAPSHOT_VALUES = ["faktisk", "baseline", "maal", "forventet", "tolerance", "status", "data_til"]
_SNAPSHOT_VALUES += ["samarbejdsaftale"]
SNAPSHOT_COLUMNS = [_column(Kriteriestatus, name) for name in _SNAPSHOT_VALUES]
_SAME_ROW = " AND ".join(
    ["o.plan_id = k.helhedsplan_id", "o.kriterie_id = k.succeskriterie_id", "o.start = k.periode_start"]
    + ["o.slut = k.periode_slut", "o.omraade_id IS NOT DISTINCT FROM k.indsatsomraade_id"]
    + [f"o.{c} IS NOT DISTINCT FROM k.{c}" for c in SNAPSHOT_COLUMNS]
)
WRITE_ROWS = f"""
DELETE FROM {KRITERIESTATUS} k
WHERE k.helhedsplan_id = ANY(%(ids)s) AND NOT EXISTS (SELECT 1 FROM _ks_out o WHERE {_SAME_ROW});
INSERT INTO {KRITERIESTATUS}
    (helhedsplan_id, succeskriterie_id, indsatsomraade_id, periode_start, periode_slut,
     {", ".join(SNAPSHOT_COLUMNS)})
SELECT o.plan_id, o.kriterie_id, o.omraade_id, o.start, o.slut,
       {", ".join("o." + c for c in SNAPSHOT_COLUMNS)}
FROM _ks_out o
WHERE NOT EXISTS (
    SELECT 1 FROM {KRITERIESTATUS} k
    WHERE k.helhedsplan_id = ANY(%(ids)s) AND k.helhedsplan_id = o.plan_id
      AND k.succeskriterie_id = o.kriterie_id AND k.periode_start = o.start
);
"""  # nosec B608 - SQL assembled from constants; values are bound parameters
SUMMARY_COLUMNS = [_column(Statusoversigt, s.value) for s in Sporstatus]
_SAME_SUMMARY = " AND ".join(
    ["o.plan_id = k.helhedsplan_id", "o.start = k.periode_start", "o.slut = k.periode_slut"]
    + ["o.omraade_id IS NOT DISTINCT FROM k.indsatsomraade_id"]
    + [f"o.{c} = k.{c}" for c in SUMMARY_COLUMNS]
)
WRITE_SUMMARIES = f"""
DELETE FROM {STATUSOVERSIGT} k
WHERE k.helhedsplan_id = ANY(%(ids)s) AND NOT EXISTS (SELECT 1 FROM _so_out o WHERE {_SAME_SUMMARY});
INSERT INTO {STATUSOVERSIGT}
    (helhedsplan_id, indsatsomraade_id, periode_start, periode_slut, {", ".join(SUMMARY_COLUMNS)})
SELECT o.plan_id, o.omraade_id, o.start, o.slut, {", ".join("o." + c for c in SUMMARY_COLUMNS)}
FROM _so_out o
WHERE NOT EXISTS (
    SELECT 1 FROM {STATUSOVERSIGT} k WHERE k.helhedsplan_id = ANY(%(ids)s) AND {_SAME_SUMMARY}
);
"""  # nosec B608 - SQL assembled from constants; values are bound parameters


def _load_periods(cursor, plan_ids: list[int], today: datetime.date) -> None:
    plans = Helhedsplan.objects.filter(pk__in=plan_ids).values_list(
        "pk", "startdato", "slutdato", "rapporteringsfrekvens", "boligomraade_id"
    )
    plan_buf, per_buf = io.StringIO(), io.StringIO()
    for pk, start, slut, frekvens, area in plans:
        months = rules.MONTHS_PER_PERIOD.get(frekvens, 3)
        area_text = "\\N" if area is None else str(area)
        month = start.year * 12 + start.month
        plan_buf.write(f"{pk}\t{start.isoformat()}\t{months}\t{area_text}\t{month}\t{start.day}\n")
        periods = rules.completed(rules.plan_periods(start, slut, frekvens), today)
        for idx, period in enumerate(periods):
            per_buf.write(f"{pk}\t{idx}\t{period.start.isoformat()}\t{period.slut.isoformat()}\n")
    plan_buf.seek(0)
    per_buf.seek(0)
    cursor.cursor.copy_expert("COPY _ks_plan FROM STDIN", plan_buf)
    cursor.cursor.copy_expert("COPY _ks_per FROM STDIN", per_buf)


def compute(plan_ids: list[int], today: datetime.date) -> dict[int, str]:
    """Compute the snapshots of these plans into temporary tables (``_ks_out``: rows,
    ``_so_out``: summaries) in the current transaction; returns each plan's fingerprint."""
    params: dict[str, Any] = {
        "ids": list(plan_ids),
        "approved": APPROVED,
        "today": today,
        "tz": settings.TIME_ZONE,
    }
    with connection.cursor() as cursor:
        cursor.execute(PREPARE)
        _load_periods(cursor, plan_ids, today)
        cursor.execute(CRITERIA, params)
        cursor.execute(AGGREGATE, params)
        cursor.execute(EVALUATE, params)
        cursor.execute(FINGERPRINTS)
        return dict(cursor.fetchall())


def write(plan_ids: list[int]) -> None:
    """Bring the stored snapshots of these plans in line with ``_ks_out``/``_so_out``."""
    params = {"ids": list(plan_ids)}
    with connection.cursor() as cursor:
        cursor.execute(WRITE_ROWS, params)
        cursor.execute(WRITE_SUMMARIES, params)
        cursor.execute(
            "DROP TABLE IF EXISTS _ks_plan, _ks_per, _ks_ver, _ks_cur, _ks_pv, _ks_crit, _ks_line, _ks_tgt, "
            "_ks_used, _ks_link, _ks_agg, _ks_out, _so_out"
        )
