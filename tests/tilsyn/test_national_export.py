"""The national charts keep their data (issue 18): a table under each chart and the same
rows as CSV/Excel, for LBF only."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_lbf_downloads_a_national_chart_as_csv(client, lbf_user):
    client.force_login(lbf_user)
    response = client.get(reverse("tilsyn:national_export", args=["status", "csv"]))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Indsatsområde;På sporet;I risiko;Ikke på sporet;Ingen data")


def test_the_page_shows_each_chart_with_table_and_downloads(client, lbf_user):
    client.force_login(lbf_user)
    page = client.get(reverse("tilsyn:national_charts")).content.decode()
    assert page.count("Vis data som tabel") >= 2
    assert reverse("tilsyn:national_export", args=["kategorier", "xlsx"]) in page


def test_an_unknown_chart_is_404_and_others_may_not_download(client, lbf_user, board_member_a):
    client.force_login(lbf_user)
    assert client.get(reverse("tilsyn:national_export", args=["ukendt", "csv"])).status_code == 404
    client.force_login(board_member_a)
    assert client.get(reverse("tilsyn:national_export", args=["status", "csv"])).status_code == 404
