"""Invitations to a plan: the account a named projektleder or board chair gets, and the
message with a link to set its password.

One function sends an invitation (:func:`invitation_send`); a notification app can later
route it through its own channel by replacing only that function's delivery. The link is
Django's password-reset token (``default_token_generator``): valid for
``PASSWORD_RESET_TIMEOUT``, used once (setting the password changes the hash it signs), and
it names no password. The page behind it is ``invitation_accept`` (portal/auth_urls.py).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from bestyrelser.models import Person
from portal.services import validated_save


def invitation_link(user, *, base_url: str) -> str:
    """The absolute link ``user`` sets their password with (``base_url``: scheme and host)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("invitation_accept", kwargs={"uidb64": uid, "token": token})


def username_for(email: str) -> str:
    """A free username from an e-mail address: the part before @, then -2, -3, … if taken."""
    stem = re.sub(r"[^a-z0-9._-]", "", email.split("@")[0].lower())[:120] or "bruger"
    User = get_user_model()
    name, n = stem, 1
    while User.objects.filter(username=name).exists():
        n += 1
        name = f"{stem}-{n}"
    return name


def person_with_account(*, user, navn: str, email: str, stilling: str = ""):
    """The person with ``email`` and their account, both created when new (the account with
    no usable password). Returns the person and whether an invitation is due (the account
    has no password yet)."""
    User = get_user_model()
    person = Person.objects.filter(email__iexact=email).select_related("user").first()
    if person is None:
        person = Person(navn=navn, email=email, stilling=stilling)
        validated_save(person, user=user, reason=_("Oprettet med invitation"))
    account = person.user or User.objects.filter(email__iexact=email).first()
    if account is None:
        first, _sep, last = navn.partition(" ")
        account = User(
            username=username_for(email), email=email, first_name=first[:150], last_name=last[:150]
        )
        account.set_unusable_password()
        account.full_clean()
        account.save()
    if person.user_id != account.pk:
        person.user = account
        validated_save(person, user=user)
    return person, not account.has_usable_password()


def invitation_send(*, user, plan, rolle: str, invited_by, base_url: str) -> str:
    """Send ``user`` the invitation to ``plan`` as ``rolle`` (in words, e.g. "projektleder");
    returns the link (the page shows LBF that an invitation went out, never the link)."""
    link = invitation_link(user, base_url=base_url)
    subject = _("Invitation til %(plan)s i Boligsocial Portal") % {"plan": plan.navn}
    body = _(
        "Du er udpeget som %(rolle)s for %(plan)s.\n\n"
        "Dit brugernavn er: %(username)s\n\n"
        "Vælg din adgangskode her (linket virker én gang og udløber om %(dage)s dage):\n%(link)s\n\n"
        "Invitationen er sendt af %(af)s."
    ) % {
        "rolle": rolle,
        "plan": plan.navn,
        "username": user.get_username(),
        "dage": settings.PASSWORD_RESET_TIMEOUT // 86400,
        "link": link,
        "af": invited_by.get_full_name() or invited_by.get_username(),
    }
    send_mail(subject, body, None, [user.email])
    return link
