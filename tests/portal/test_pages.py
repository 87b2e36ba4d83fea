import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_load_assets_only_from_the_portal_itself(client_board_a, plan_a):
    pages = [client_board_a.get(reverse("home")), client_board_a.get(plan_a.get_absolute_url())]
    pages.append(Client().get(reverse("login")))
    for response in pages:
        url, html = response.request["PATH_INFO"], response.content.decode()
        external = re.findall(r'(?:src|href)="(https?:)?//[^"]+"', html)
        assert external == [], f"{url} references an outside host"
        assert "/static/bootstrap/css/bootstrap.min.css" in html


def test_bootstrap_and_plotly_are_served_from_installed_packages():
    assert finders.find("bootstrap/css/bootstrap.min.css")
    assert finders.find("bootstrap/js/bootstrap.bundle.min.js")
    plotly = finders.find("plotly/plotly.min.js")
    assert plotly and plotly.endswith(("plotly/package_data/plotly.min.js", "plotly-basic.min.js"))
    assert finders.find("plotly/plotly-full.min.js").endswith("plotly/package_data/plotly.min.js")


def test_ui_is_danish_by_default_and_english_can_be_chosen(client):
    assert "Log ind" in client.get(reverse("login")).content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    html = client.get(reverse("login")).content.decode()
    assert "Username" in html and "Brugernavn" not in html
    assert 'lang="en"' in html


def test_404_page_is_a_finished_danish_page(client_board_a):
    response = client_board_a.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.content.decode()


def test_logout_is_post_only_and_ends_the_session(client_board_a):
    response = client_board_a.post(reverse("logout"))
    assert response.status_code == 302
    assert client_board_a.get(reverse("home")).status_code == 302


def test_browser_language_does_not_override_danish(client):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Brugernavn" in html and 'lang="da"' in html
