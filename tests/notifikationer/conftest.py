"""A real SMTP server on loopback (aiosmtpd) that Django's SMTP backend sends to, and a plan
with every role a notice can go to (and one person who has left the board)."""

from __future__ import annotations

import datetime
import email
import socket
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.contrib.auth.models import Group

from bestyrelser.models import Medlemskab, Organ
from tests.bestyrelser.factories import MedlemskabFactory, PersonFactory, UserFactory
from tests.helhedsplaner.factories import HelhedsplanFactory, report_setup

R = Medlemskab.Rolle


class Sink:
    """Keeps every message it receives; refuses the addresses in ``refuse`` with 550."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 Ukendt modtager"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        raw = envelope.original_content or envelope.content
        self.messages.append(email.message_from_bytes(raw, policy=policy.default))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in m["To"]]

    def subjects(self) -> list[str]:
        return [str(m["Subject"]) for m in self.messages]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    sink = Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://portal.example.org"
    yield sink
    controller.stop()


def person(plan_organ, username: str | None, navn: str, rolle=R.MEDLEM, email: str = "", til=None):
    user = UserFactory(username=username, email=email) if username else None
    p = PersonFactory(navn=navn, email=email, user=user)
    MedlemskabFactory(person=p, organ=plan_organ, rolle=rolle, til=til)
    return p


@pytest.fixture
def world(db):
    """Plan A: projektleder, board formand, board member, a member without an address, a
    member who left the board yesterday; a følgegruppe with its chair; plan B's member;
    LBF staff."""
    plan = HelhedsplanFactory(navn="Helhedsplan Ærøparken")
    board = Organ.objects.create(
        helhedsplan=plan, navn="Bestyrelsen for Ærøparken", type=Organ.Type.BESTYRELSE
    )
    setup = report_setup(plan)
    group = setup["organ"]
    w = {
        "plan": plan,
        "board": board,
        "group": group,
        **setup,
        "pl": person(board, "pl", "Søren Østergård", R.PROJEKTLEDER, "pl@example.org"),
        "formand": person(board, "formand", "Åse Ærø", R.FORMAND, "formand@example.org"),
        "member": person(board, "medlem", "Bjørn Mølgaard", R.MEDLEM, "medlem@example.org"),
        "noaddr": person(board, "uden", "Uden Adresse", R.MEDLEM, ""),
        "left": person(
            board, "gaaet", "Gået Fra", R.MEDLEM, "gaaet@example.org", til=datetime.date(2020, 1, 1)
        ),
        "chair": person(group, "chair", "Følge Formand", R.FORMAND, "chair@example.org"),
        "groupmember": person(group, "gruppe", "Gruppe Medlem", R.MEDLEM, "gruppe@example.org"),
    }
    plan_b = HelhedsplanFactory(navn="Helhedsplan B")
    board_b = Organ.objects.create(helhedsplan=plan_b, navn="Bestyrelse B", type=Organ.Type.BESTYRELSE)
    w["other"] = person(board_b, "andenplan", "Anden Plan", R.FORMAND, "anden@example.org")
    lbf = UserFactory(username="lbfstaff", email="lbf@example.org")
    lbf.groups.add(Group.objects.get_or_create(name=django_settings.LBF_GROUP_NAME)[0])
    w["lbf"] = lbf
    return w
