"""The agreement survey in a real browser: three demo respondents (board member, projektleder,
følgegruppe member) answer after login, the projektleder closes the survey, and the results
page draws the headline chart with its table."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from enighed import services
from enighed.models import Besvarelse, Niveau
from helhedsplaner.models import Helhedsplan
from tests.conftest import login

pytestmark = pytest.mark.browser

DEMO_RESPONDENTS = [
    ("bestyrelse.solbakken", "4"),
    ("projektleder.solbakken", "2"),
    ("foelgegruppe.solbakken", "3"),
]


def _answer_in_browser(page, live_server, username, value, plan):
    login(page, live_server, username)
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.get_by_role("link", name="Enighedsmåling →").click()
    page.get_by_role("link", name="Besvar", exact=True).click()
    for radio in page.locator(f"input[type=radio][value='{value}']").all():
        radio.check()
    page.locator("textarea").first.fill(f"Kommentar fra {username}.")
    page.get_by_role("button", name="Send mit svar").click()
    page.wait_for_selector("text=Tak for dit svar")
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Log ud").click()


def test_three_demo_respondents_answer_and_the_results_show_the_headline(browser, live_server, tmp_path):
    call_command("seed_demo", "--uden-landsdata", verbosity=0)
    plan = Helhedsplan.objects.get(navn__startswith="Helhedsplan Solbakken")
    projektleder = plan.organer.get(type="bestyrelse").medlemskaber.get(rolle="projektleder").person.user
    maaling = services.enighedsmaaling_create(
        user=projektleder,
        plan=plan,
        runde=timezone.localdate().year,
        lukkedato=timezone.localdate() + datetime.timedelta(days=7),
    )
    services.enighedsmaaling_open(user=projektleder, maaling=maaling, base_url=live_server.url)
    # Other invitees answer through their personal links, so each level reaches three.
    scale = [q for q in maaling.spoergsmaal.order_by("nummer") if q.er_skala]
    demo = {username for username, _v in DEMO_RESPONDENTS}
    others = maaling.invitationer.exclude(person__user__username__in=demo)
    for niveau, count, value in ((Niveau.STRATEGISK, 2, 5), (Niveau.PRAKTISK, 1, 1)):
        for invitation in others.filter(niveau=niveau).order_by("pk")[:count]:
            invitation = services.invitation_for_token(services.token_for(invitation))
            services.besvarelse_submit(invitation=invitation, vaerdier={q.pk: value for q in scale})

    errors: list[str] = []
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: dialog.accept())

    for username, value in DEMO_RESPONDENTS:
        _answer_in_browser(page, live_server, username, value, plan)
    assert Besvarelse.objects.filter(maaling=maaling).count() == 6

    # The projektleder closes the survey; the analysis runs (eagerly) and the results show.
    login(page, live_server, "projektleder.solbakken")
    page.goto(f"{live_server.url}{maaling.get_absolute_url()}")
    page.get_by_role("button", name="Luk og beregn resultater").click()
    page.wait_for_selector("text=Målingen er lukket; resultaterne beregnes.")
    page.get_by_role("link", name="Se resultaterne →").click()
    page.wait_for_selector("[data-figure='fig-hovedtal'][data-drawn='1'] .main-svg")
    assert page.locator("[data-figure='fig-hovedtal'] .main-svg").first.is_visible()
    table = page.locator("#tabel-hovedtal")
    assert table.get_by_role("rowheader", name="Inden for det strategiske niveau").is_visible()
    assert table.get_by_role("rowheader", name="Mellem niveauerne").is_visible()
    assert "for få svar" not in table.inner_text()
    assert "Kommentar fra bestyrelse.solbakken." in page.content()
    page.screenshot(path=str(tmp_path / "resultater.png"), full_page=True)
    assert errors == []

    # LBF's overview draws box plots, which plotly.js's basic bundle lacks: that page loads
    # the full bundle (plotly/plotly-full.min.js) and the boxes are drawn.
    context.clear_cookies()
    login(page, live_server, "lbf")
    page.goto(f"{live_server.url}/enighed/lbf/")
    page.wait_for_selector("[data-figure='fig-fordeling'][data-drawn='1'] .main-svg")
    assert page.locator("[data-figure='fig-fordeling'] .boxlayer .trace").count() >= 1
    assert errors == []
