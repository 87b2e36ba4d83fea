"""Quality bars that need no browser: page weight, security headers, no inline scripts."""

import gzip
import re

import pytest
from django.urls import reverse

from helhedsplaner.models import Helhedsplan

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded_client(client, demo_data):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="bestyrelse.solbakken"))
    return client, Helhedsplan.objects.get(navn__startswith="Helhedsplan Solbakken")


def test_dashboard_page_weight_is_under_150_kb_compressed(seeded_client):
    client, plan = seeded_client
    html = client.get(reverse("bestyrelser:dashboard", args=[plan.pk])).content
    assert len(gzip.compress(html)) <= 150_000, len(gzip.compress(html))


def test_pages_send_a_strict_content_security_policy_and_no_inline_scripts(seeded_client):
    client, plan = seeded_client
    moede = plan.organer.get(type="bestyrelse").moeder.first()
    for url in (
        reverse("home"),
        plan.get_absolute_url(),
        reverse("bestyrelser:dashboard", args=[plan.pk]),
        reverse("bestyrelser:moede_detail", args=[plan.pk, moede.pk]),
        reverse("bestyrelser:boardpack_detail", args=[plan.pk, moede.pk]),
        reverse("helhedsplaner:statusrapport_list", args=[plan.pk]),
    ):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]*)", csp).group(1)
        assert script_src == "'self'", url
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert response["Cache-Control"] == "no-store"
        html = response.content.decode()
        inline = re.findall(r"<script(?![^>]*\b(?:src|type=\"application/json\")=?)[^>]*>", html)
        assert inline == [], url
        assert not re.search(r"\son(click|change|submit|load)=", html), url
