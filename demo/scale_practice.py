"""The practice half of ``generate_scale``: per plan, the bodies and their meetings (agendas,
attendance, minutes, decisions, action items), half-yearly status reports in every state,
agreement surveys with invitations and anonymous responses; then history rows for all of it.

Ids are reserved from the sequences and rows written with COPY (``monitorering.dbcopy``), so a
chunk of 100 plans is a handful of statements. Every value comes from the plan's seeded
``random.Random`` and the plan's own dates; "now" is the first day of the current month, so
two runs in the same month write the same rows.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import uuid

from django.db import connection, models
from django.utils import timezone

from bestyrelser.models import (
    Beslutning,
    Dagsordenspunkt,
    Handlingspunkt,
    Medlemskab,
    Moede,
    Moededeltagelse,
    Organ,
    Person,
    Referatstatus,
)
from enighed.models import Besvarelse, Enighedsmaaling, Invitation, Niveau, Spoergsmaal, Svar
from helhedsplaner.models import Delmaalstatus, Statusrapport
from monitorering.dbcopy import insert_rows
from monitorering.engine.rules import add_months

BOARD_MEMBERS = 8
GROUP_MEMBERS = 5
ITEMS_PER_MEETING = 4
REPORT_MONTHS = 6
SURVEY_EVERY_YEARS = 2
SURVEY_RESPONSE_RATE = 0.7
REPRESENTS = [
    Medlemskab.Repraesenterer.BEBOERDEMOKRATI,
    Medlemskab.Repraesenterer.POLITI,
    Medlemskab.Repraesenterer.SEKRETARIAT,
    Medlemskab.Repraesenterer.ERHVERV,
    Medlemskab.Repraesenterer.ANDET,
]
S = Statusrapport.Status


def month_start() -> datetime.date:
    return timezone.now().date().replace(day=1)


def at(day: datetime.date, hour: int = 16) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


def reserve(model: type[models.Model], count: int) -> int:
    """Reserve ``count`` ids from the table's sequence; returns the first."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s)", [sequence])
        first = cursor.fetchone()[0]
        cursor.execute("SELECT setval(%s, %s)", [sequence, first + count])
    return first


def report_states(count: int, plan_index: int) -> list[tuple[str, bool]]:
    """(status, returned) of a plan's reports, oldest first: the newest a draft (sent back
    on every other plan), the one before submitted or accepted, then approved, the rest
    locked. Three plans cover every state."""
    states: list[tuple[str, bool]] = []
    for age in range(count - 1, -1, -1):  # age 0 = the newest
        if age == 0:
            states.append((S.KLADDE, plan_index % 2 == 1))
        elif age == 1:
            states.append(((S.INDSENDT, S.ACCEPTERET)[plan_index % 2], False))
        elif age == 2:
            states.append((S.GODKENDT, False))
        else:
            states.append((S.LAAST, False))
    return states


def generate(plans, indexes: range, delaftaler, delmaal, goals, rnd: dict, seed: int) -> None:
    today = month_start()
    persons_by_plan = _people(plans, indexes)
    organs = _bodies(plans, delaftaler)
    _members_and_meetings(plans, indexes, organs, persons_by_plan, rnd, today)
    _surveys(plans, indexes, delmaal, goals, organs, persons_by_plan, rnd, seed, today)


def _people(plans, indexes) -> dict[int, list[Person]]:
    per_plan = BOARD_MEMBERS + GROUP_MEMBERS
    people = Person.objects.bulk_create(
        [
            Person(navn=f"Skalaperson {i + 1}-{k + 1}", stilling="Medlem")
            for i in indexes
            for k in range(per_plan)
        ]
    )
    return {p.pk: people[n * per_plan : (n + 1) * per_plan] for n, p in enumerate(plans)}


def _bodies(plans, delaftaler) -> dict[int, tuple[Organ, Organ]]:
    boards = Organ.objects.bulk_create(
        [
            Organ(helhedsplan=p, navn="Boligsocial bestyrelse", type=Organ.Type.BESTYRELSE, moeder_pr_aar=4)
            for p in plans
        ]
    )
    groups = Organ.objects.bulk_create(
        [
            Organ(
                helhedsplan=p,
                navn="Følgegruppe",
                type=Organ.Type.FOELGEGRUPPE,
                rapporterer_til=board,
                moeder_pr_aar=4,
            )
            for p, board in zip(plans, boards, strict=True)
        ]
    )
    through = Organ.daekker.through
    through.objects.bulk_create(
        [through(organ_id=g.pk, delaftale_id=d.pk) for g, d in zip(groups, delaftaler, strict=True)]
    )
    return {p.pk: (b, g) for p, b, g in zip(plans, boards, groups, strict=True)}


def _members_and_meetings(plans, indexes, organs, persons_by_plan, rnd, today) -> None:
    members, meetings, attendance, items, decisions, actions = [], [], [], [], [], []
    quarters = {p.pk: (p.slutdato.year - p.startdato.year + 1) * 4 for p in plans}
    meeting_id = reserve(Moede, 2 * sum(quarters.values()))
    item_id = reserve(Dagsordenspunkt, 2 * sum(quarters.values()) * ITEMS_PER_MEETING)
    decision_id = reserve(Beslutning, 2 * sum(quarters.values()))
    for p, i in zip(plans, indexes, strict=True):
        r = rnd[i]
        people = persons_by_plan[p.pk]
        for organ, seats in zip(organs[p.pk], (people[:BOARD_MEMBERS], people[BOARD_MEMBERS:]), strict=True):
            for k, person in enumerate(seats):
                members.append(
                    {
                        "person_id": person.pk,
                        "organ_id": organ.pk,
                        "rolle": Medlemskab.Rolle.FORMAND if k == 0 else Medlemskab.Rolle.MEDLEM,
                        "repraesenterer": REPRESENTS[k % len(REPRESENTS)],
                        "organisation": "",
                        "niveau": Medlemskab.Niveau.LEDER,
                        "fra": p.startdato,
                        "til": None,
                    }
                )
            for q in range(quarters[p.pk]):
                day = add_months(p.startdato, 3 * q) + datetime.timedelta(days=20 + r.randrange(20))
                if day > p.slutdato + datetime.timedelta(days=90):
                    break
                held = day < today
                cancelled = held and r.random() < 0.03
                status = Moede.Status.AFLYST if cancelled else (Moede.Status.AFHOLDT if held else "planlagt")
                approved = held and not cancelled and day < today - datetime.timedelta(days=60)
                sent = held and not cancelled and not approved
                meetings.append(
                    {
                        "id": meeting_id,
                        "organ_id": organ.pk,
                        "tidspunkt": at(day),
                        "sted": "Beboerhuset",
                        "status": status,
                        "referat": "Referat af mødet." if held and not cancelled else "",
                        "referat_status": Referatstatus.GODKENDT
                        if approved
                        else (Referatstatus.UDSENDT if sent else Referatstatus.KLADDE),
                        "referat_udsendt_tidspunkt": at(day + datetime.timedelta(days=7))
                        if approved or sent
                        else None,
                        "referat_godkendt_af_id": None,
                        "referat_godkendt_tidspunkt": at(day + datetime.timedelta(days=30))
                        if approved
                        else None,
                        "revision": 1,
                    }
                )
                if held and not cancelled:
                    for person in seats:
                        roll = r.random()
                        attendance.append(
                            {
                                "moede_id": meeting_id,
                                "person_id": person.pk,
                                "status": "deltager"
                                if roll < 0.85
                                else ("afbud" if roll < 0.97 else "fravaer"),
                            }
                        )
                for n in range(ITEMS_PER_MEETING):
                    kind = ("orientering", "beslutning", "droeftelse", "orientering")[n]
                    items.append(
                        {
                            "id": item_id,
                            "moede_id": meeting_id,
                            "nummer": n + 1,
                            "titel": ("Status på indsatserne", "Indstilling", "Drøftelse", "Eventuelt")[n],
                            "type": kind,
                            "indstilling": "Det indstilles, at forslaget godkendes."
                            if kind == "beslutning"
                            else "",
                            "referat": "Punktet blev behandlet." if held and not cancelled else "",
                        }
                    )
                    if kind == "beslutning" and held and not cancelled:
                        decisions.append(
                            {"id": decision_id, "dagsordenspunkt_id": item_id, "tekst": "Godkendt."}
                        )
                        frist = day + datetime.timedelta(days=60)
                        done = frist < today - datetime.timedelta(days=30) and r.random() < 0.9
                        actions.append(
                            {
                                "dagsordenspunkt_id": item_id,
                                "beslutning_id": decision_id,
                                "tekst": "Følg op på beslutningen",
                                "ansvarlig_id": seats[1 + r.randrange(len(seats) - 1)].pk,
                                "frist": frist,
                                "status": "udfoert" if done else ("i_gang" if r.random() < 0.5 else "aaben"),
                            }
                        )
                        decision_id += 1
                    item_id += 1
                meeting_id += 1
    insert_rows(Medlemskab, members)
    insert_rows(Moede, meetings)
    insert_rows(Moededeltagelse, attendance)
    insert_rows(Dagsordenspunkt, items)
    insert_rows(Beslutning, decisions)
    insert_rows(Handlingspunkt, actions)


def reports(indexes: range, seed: int) -> None:
    """The status reports of plans ``indexes``, written after every plan's measurements: the
    lock trigger on measurements looks up the locked reports for each row it checks, even a
    row that belongs to no report, so measurements copied into a table of reports would cost
    time in proportion to the reports already there."""
    from helhedsplaner.models import Delaftale, Delmaal, Helhedsplan

    index_of = {f"SKALA-{i + 1}": i for i in indexes}
    plans = sorted(
        Helhedsplan.objects.filter(lbf_sagsnummer__in=index_of), key=lambda p: index_of[p.lbf_sagsnummer]
    )
    aftale = {d.helhedsplan_id: d for d in Delaftale.objects.filter(helhedsplan__in=plans)}
    maal = {
        d.delaftale.helhedsplan_id: d
        for d in Delmaal.objects.filter(delaftale__helhedsplan__in=plans).select_related("delaftale")
    }
    order = [index_of[p.lbf_sagsnummer] for p in plans]
    rnd = {i: random.Random(f"{seed}:{i}:rapporter") for i in order}  # noqa: S311
    _reports(plans, order, [aftale[p.pk] for p in plans], [maal[p.pk] for p in plans], rnd, month_start())


def _reports(plans, indexes, delaftaler, delmaal, rnd, today) -> None:
    rows, statuses, finals = [], [], []
    periods = {
        p.pk: [
            add_months(p.startdato, REPORT_MONTHS * k)
            for k in range(100)
            if add_months(p.startdato, REPORT_MONTHS * (k + 1))
            <= min(today, p.slutdato + datetime.timedelta(days=1))
        ]
        for p in plans
    }
    report_id = reserve(Statusrapport, sum(len(v) for v in periods.values()))
    for p, i, aftale, dm in zip(plans, indexes, delaftaler, delmaal, strict=True):
        r = rnd[i]
        starts = periods[p.pk]
        for start, (status, returned) in zip(starts, report_states(len(starts), i), strict=True):
            slut = add_months(start, REPORT_MONTHS) - datetime.timedelta(days=1)
            submitted = status != S.KLADDE or returned
            rows.append(
                {
                    "id": report_id,
                    "delaftale_id": aftale.pk,
                    "periode_start": start,
                    "periode_slut": slut,
                    "status": S.KLADDE,  # final states after the delmål statuses (lock triggers)
                    "fortaelling": "Indsatsen skrider frem som planlagt.",
                    "returkommentar": "Uddyb venligst forsinkelserne." if returned else "",
                    "indsendt_tidspunkt": at(slut + datetime.timedelta(days=14)) if submitted else None,
                    "accepteret_tidspunkt": at(slut + datetime.timedelta(days=30))
                    if status in (S.ACCEPTERET, S.GODKENDT, S.LAAST)
                    else None,
                    "godkendt_tidspunkt": at(slut + datetime.timedelta(days=45))
                    if status in (S.GODKENDT, S.LAAST)
                    else None,
                    "revision": 1,
                }
            )
            late = r.random() < 0.2
            statuses.append(
                {
                    "statusrapport_id": report_id,
                    "delmaal_id": dm.pk,
                    "status": "forsinket" if late else "paa_sporet",
                    "forklaring": "Rekrutteringen tager længere tid end ventet." if late else "",
                }
            )
            if status != S.KLADDE:
                finals.append((report_id, status))
            report_id += 1
    insert_rows(Statusrapport, rows)
    insert_rows(Delmaalstatus, statuses)
    if finals:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE helhedsplaner_statusrapport r SET status = f.status "
                "FROM unnest(%s::bigint[], %s::text[]) AS f(id, status) WHERE r.id = f.id",
                [[f[0] for f in finals], [str(f[1]) for f in finals]],
            )


def _surveys(plans, indexes, delmaal, goals, organs, persons_by_plan, rnd, seed, today) -> None:
    surveys, questions, invitations, responses, answers = [], [], [], [], []
    rounds = {
        p.pk: [
            y
            for y in range(p.startdato.year + 1, p.slutdato.year + 1, SURVEY_EVERY_YEARS)
            if datetime.date(y, 3, 1) <= today
        ]
        for p in plans
    }
    survey_id = reserve(Enighedsmaaling, sum(len(v) for v in rounds.values()))
    question_id = reserve(Spoergsmaal, 7 * sum(len(v) for v in rounds.values()))
    for n, (p, i, dm) in enumerate(zip(plans, indexes, delmaal, strict=True)):
        r = rnd[i]
        plan_goals = goals[n * 4 : n * 4 + 4]
        people = persons_by_plan[p.pk]
        for y in rounds[p.pk]:
            opened, closes = datetime.date(y, 3, 1), datetime.date(y, 3, 31)
            closed = closes < today
            surveys.append(
                {
                    "id": survey_id,
                    "helhedsplan_id": p.pk,
                    "titel": f"Enighedsmåling {y}",
                    "runde": y,
                    "status": "lukket" if closed else "aaben",
                    "lukkedato": closes,
                    "inkluder_fora": False,
                    "oprettet_af_id": None,
                    "oprettet": at(opened - datetime.timedelta(days=14)),
                    "aabnet": at(opened),
                    "lukket": at(closes + datetime.timedelta(days=1)) if closed else None,
                }
            )
            scale_questions: list[int] = []
            for g in plan_goals:
                questions.append(
                    {
                        "id": question_id,
                        "maaling_id": survey_id,
                        "nummer": len(scale_questions) + 1,
                        "type": Spoergsmaal.Type.VIGTIGHED,
                        "emne": g.titel,
                        "tekst": "Hvor vigtigt er problemet?",
                        "strategisk_maal_id": g.pk,
                        "delmaal_id": None,
                        "indsatsomraade_id": g.indsatsomraade_id,
                    }
                )
                scale_questions.append(question_id)
                question_id += 1
            for kind in (Spoergsmaal.Type.ADRESSERER, Spoergsmaal.Type.OPBAKNING, Spoergsmaal.Type.FRITEKST):
                questions.append(
                    {
                        "id": question_id,
                        "maaling_id": survey_id,
                        "nummer": len(scale_questions) + 1,
                        "type": kind,
                        "emne": dm.titel,
                        "tekst": "Hvor enig er du?" if kind != Spoergsmaal.Type.FRITEKST else "Kommentarer",
                        "strategisk_maal_id": None,
                        "delmaal_id": dm.pk if kind != Spoergsmaal.Type.FRITEKST else None,
                        "indsatsomraade_id": plan_goals[0].indsatsomraade_id,
                    }
                )
                free_text = question_id if kind == Spoergsmaal.Type.FRITEKST else None
                if free_text is None:
                    scale_questions.append(question_id)
                question_id += 1
            for k, person in enumerate(people):
                niveau = Niveau.STRATEGISK if k < BOARD_MEMBERS else Niveau.PRAKTISK
                represents = REPRESENTS[(k if k < BOARD_MEMBERS else k - BOARD_MEMBERS) % len(REPRESENTS)]
                answered = r.random() < SURVEY_RESPONSE_RATE
                key = hashlib.sha256(f"{seed}:{survey_id}:{person.pk}".encode()).hexdigest()
                invitations.append(
                    {
                        "maaling_id": survey_id,
                        "person_id": person.pk,
                        "niveau": niveau,
                        "organisationstype": represents,
                        "noegle": key,
                        "token_hash": hashlib.sha256(f"token:{key}".encode()).hexdigest(),
                        "sendt": at(opened),
                        "paamindelser": 0 if answered else 1,
                        "sidst_paamindet": None if answered else at(opened + datetime.timedelta(days=14)),
                        "besvaret": answered,
                    }
                )
                if not answered:
                    continue
                response = uuid.UUID(int=r.getrandbits(128), version=4)
                responses.append(
                    {
                        "id": response,
                        "maaling_id": survey_id,
                        "niveau": niveau,
                        "organisationstype": represents,
                    }
                )
                centre = r.randint(2, 5)
                for q in scale_questions:
                    answers.append(
                        {
                            "id": uuid.UUID(int=r.getrandbits(128), version=4),
                            "besvarelse_id": response,
                            "spoergsmaal_id": q,
                            "vaerdi": min(5, max(1, centre + r.choice((-1, 0, 0, 1)))),
                            "tekst": "",
                        }
                    )
                if r.random() < 0.3:
                    answers.append(
                        {
                            "id": uuid.UUID(int=r.getrandbits(128), version=4),
                            "besvarelse_id": response,
                            "spoergsmaal_id": free_text,
                            "vaerdi": None,
                            "tekst": "Godt samarbejde i området.",
                        }
                    )
            survey_id += 1
    insert_rows(Enighedsmaaling, surveys)
    insert_rows(Spoergsmaal, questions)
    insert_rows(Invitation, invitations)
    insert_rows(Besvarelse, responses)
    insert_rows(Svar, answers)


# History (SQL built from model metadata and the constants below, never from input) ---------

#: When each generated row was created, as SQL over the row (``t``) ; default: the plan era's start.
CREATED_AT: dict[str, str] = {
    "monitorering.Maaling": "t.periode_slut + 20",
    "helhedsplaner.Aktivitetsregistrering": "t.dato",
    "bestyrelser.Moede": "t.tidspunkt - interval '21 days'",
    "helhedsplaner.Statusrapport": "t.periode_slut + 1",
    "enighed.Enighedsmaaling": "t.oprettet",
}
DEFAULT_CREATED_AT = "timestamptz '2016-12-01 12:00+00'"


def history_models() -> list[type[models.Model]]:
    """Every model the generator writes that simple-history tracks."""
    from django.apps import apps

    labels = [
        "helhedsplaner.Boligomraade",
        "helhedsplaner.Helhedsplan",
        "helhedsplaner.Samarbejdsaftale",
        "helhedsplaner.StrategiskMaal",
        "helhedsplaner.Succeskriterie",
        "helhedsplaner.Delaftale",
        "helhedsplaner.Delmaal",
        "helhedsplaner.Aktivitet",
        "helhedsplaner.Aktivitetsregistrering",
        "helhedsplaner.Deltagertal",
        "helhedsplaner.Statusrapport",
        "helhedsplaner.Delmaalstatus",
        "monitorering.Maaling",
        "bestyrelser.Person",
        "bestyrelser.Organ",
        "bestyrelser.Medlemskab",
        "bestyrelser.Moede",
        "bestyrelser.Moededeltagelse",
        "bestyrelser.Dagsordenspunkt",
        "bestyrelser.Beslutning",
        "bestyrelser.Handlingspunkt",
        "enighed.Enighedsmaaling",
        "enighed.Spoergsmaal",
        "enighed.Invitation",
    ]
    return [apps.get_model(label) for label in labels]


def _history_columns(model: type[models.Model]) -> list[str]:
    history = model.history.model  # type: ignore[attr-defined]
    own = {f.column for f in model._meta.concrete_fields}
    return [f.column for f in history._meta.concrete_fields if f.column in own]


def write_history() -> dict[str, int]:
    """A creation row ('+') for every generated row that has none, and a change row ('~')
    for each step a status report took (submitted, accepted, approved, locked) and each
    meeting's approved minutes: what the services would have written."""
    q = connection.ops.quote_name
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for model in history_models():
            table, history = model._meta.db_table, model.history.model._meta.db_table  # type: ignore[attr-defined]
            columns = _history_columns(model)
            cols = ", ".join(q(c) for c in columns)
            picked = ", ".join(f"t.{q(c)}" for c in columns)
            created = CREATED_AT.get(model._meta.label, DEFAULT_CREATED_AT)
            if model is Statusrapport:  # created as a draft; the steps follow below
                picked = picked.replace('t."status"', "'kladde'")
            cursor.execute(
                f"INSERT INTO {q(history)} ({cols}, history_date, history_type, history_change_reason, "  # noqa: S608  # nosec B608
                f"history_user_id) SELECT {picked}, ({created})::timestamptz, '+', NULL, NULL "
                f"FROM {q(table)} t WHERE NOT EXISTS (SELECT 1 FROM {q(history)} h WHERE h.id = t.id)"
            )
            counts[model._meta.label] = cursor.rowcount
        # The report's path through the states, one change row per step.
        model = Statusrapport
        columns = [c for c in _history_columns(model) if c != "status"]
        cols = ", ".join(q(c) for c in columns)
        picked = ", ".join(f"t.{q(c)}" for c in columns)
        history = model.history.model._meta.db_table  # type: ignore[attr-defined]
        steps = [
            ("indsendt", "t.indsendt_tidspunkt", "('indsendt', 'accepteret', 'godkendt', 'laast')"),
            ("accepteret", "t.accepteret_tidspunkt", "('accepteret', 'godkendt', 'laast')"),
            ("godkendt", "t.godkendt_tidspunkt", "('godkendt', 'laast')"),
            ("laast", "t.godkendt_tidspunkt + interval '1 day'", "('laast')"),
        ]
        changes = 0
        for status, when, among in steps:
            cursor.execute(
                f"INSERT INTO {q(history)} ({cols}, status, history_date, history_type, "  # noqa: S608  # nosec B608
                f"history_change_reason, history_user_id) "
                f"SELECT {picked}, '{status}', {when}, '~', NULL, NULL "
                f"FROM {q(model._meta.db_table)} t WHERE t.status IN {among} "
                f"AND NOT EXISTS (SELECT 1 FROM {q(history)} h WHERE h.id = t.id AND h.history_type = '~' "
                f"AND h.status = '{status}')"
            )
            changes += cursor.rowcount
        counts["helhedsplaner.Statusrapport ~"] = changes
        model = Moede
        columns = _history_columns(model)
        history = model.history.model._meta.db_table  # type: ignore[attr-defined]
        cursor.execute(
            f"INSERT INTO {q(history)} ({', '.join(q(c) for c in columns)}, history_date, history_type, "  # noqa: S608  # nosec B608
            f"history_change_reason, history_user_id) SELECT {', '.join(f't.{q(c)}' for c in columns)}, "
            f"t.referat_godkendt_tidspunkt, '~', NULL, NULL FROM {q(model._meta.db_table)} t "
            f"WHERE t.referat_status = 'godkendt' AND NOT EXISTS "
            f"(SELECT 1 FROM {q(history)} h WHERE h.id = t.id AND h.history_type = '~')"
        )
        counts["bestyrelser.Moede ~"] = cursor.rowcount
    return counts


def history_tables() -> list[str]:
    return [m.history.model._meta.db_table for m in history_models()]  # type: ignore[attr-defined]
