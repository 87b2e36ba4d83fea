"""Locust users for the load test (run by bench/load.py; `make bench-load`).

Three kinds of user, each logging in through the real login form (GET for the CSRF token, POST
with it) and then browsing with think time:

- board members (weight 6): the board dashboard, the plan page, their home page, meetings,
  status reports;
- projektledere (weight 3): plan page, an activity, home, dashboard, and now and then a real
  save: registering an activity session through the real POST form (note ``belastningstest…``,
  removed again by ``manage.py load_users --cleanup``);
- LBF staff (weight 1): the audit overview (paged and sorted), any plan's audit page and
  dashboard.

Accounts come from the JSON written by ``manage.py load_users`` (``LOAD_USERS_FILE``). Every
request is named by page, so the statistics are per page. A response that is not the page
asked for (a redirect to the login page, a form shown again with errors) counts as an error.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import random
import re
import uuid

from locust import HttpUser, between, constant, task

ACCOUNTS = json.loads(open(os.environ["LOAD_USERS_FILE"], encoding="utf-8").read())  # noqa: SIM115
PASSWORD = ACCOUNTS["password"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The form's date as it renders it (dd.mm.åååå since issue 18; ISO accepted too).
DATO = re.compile(r'name="dato"[^>]*value="([0-9.-]+)"|value="([0-9.-]+)"[^>]*name="dato"')
DELTAGERE = re.compile(r'name="(deltagere_\d+)"')
# LOAD_NO_THINK=1: no pause between requests (bench/load.py's capacity run).
THINK = constant(0) if os.environ.get("LOAD_NO_THINK") else between(1.0, 4.0)


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    if not match:
        raise ValueError("no CSRF token in the form")
    return match.group(1)


class PortalUser(HttpUser):
    abstract = True
    wait_time = THINK
    accounts: list[dict] = []
    _next: itertools.count

    def on_start(self) -> None:
        self.account = self.accounts[next(self._next) % len(self.accounts)]
        self.login(self.account["username"])

    def login(self, username: str) -> None:
        with self.client.get("/login/", name="login form", catch_response=True) as form:
            try:
                token = csrf_token(form.text)
            except ValueError as exc:
                form.failure(str(exc))
                return
        with self.client.post(
            "/login/",
            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token, "next": ""},
            name="login (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or response.headers.get("Location", "").startswith("/login"):
                response.failure(f"login failed for {username}: {response.status_code}")

    def page(self, url: str, name: str) -> str:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")
            elif "/login/" in response.url:
                response.failure(f"redirected to the login page from {url}")
            return response.text or ""


class BoardMember(PortalUser):
    weight = 6
    accounts = ACCOUNTS["board"]
    _next = itertools.count()

    @task(5)
    def dashboard(self) -> None:
        self.page(f"/planer/{self.account['plan']}/overblik/", "board dashboard")

    @task(3)
    def plan(self) -> None:
        self.page(f"/planer/{self.account['plan']}/", "plan page")

    @task(2)
    def home(self) -> None:
        self.page("/", "home (worklist)")

    @task(1)
    def meetings(self) -> None:
        self.page(f"/planer/{self.account['plan']}/moeder/", "meetings")

    @task(1)
    def reports(self) -> None:
        self.page(f"/planer/{self.account['plan']}/statusrapporter/", "status reports")


class Projektleder(PortalUser):
    weight = 3
    accounts = ACCOUNTS["projektledere"]
    _next = itertools.count()

    @task(3)
    def plan(self) -> None:
        self.page(f"/planer/{self.account['plan']}/", "plan page")

    @task(2)
    def activity(self) -> None:
        self.page(f"/planer/{self.account['plan']}/aktiviteter/{self.account['aktivitet']}/", "activity page")

    @task(2)
    def home(self) -> None:
        self.page("/", "home (worklist)")

    @task(1)
    def dashboard(self) -> None:
        self.page(f"/planer/{self.account['plan']}/overblik/", "board dashboard")

    @task(1)
    def register_session(self) -> None:
        """A real save: the session form, then its POST, which must redirect (saved)."""
        url = f"/planer/{self.account['plan']}/aktiviteter/{self.account['aktivitet']}/registrer/"
        html = self.page(url, "register session form")
        try:
            token = csrf_token(html)
        except ValueError:
            return  # already counted as a failure by page()
        found = DATO.search(html)
        dato = (
            (found.group(1) or found.group(2))
            if found
            else datetime.datetime.now(datetime.UTC).date().strftime("%d.%m.%Y")
        )
        data = {
            "csrfmiddlewaretoken": token,
            "dato": dato,
            "timer": "2",
            "note": f"{ACCOUNTS['note_prefix']} {uuid.uuid4().hex[:8]}",
        }
        data.update({field: str(random.randint(1, 20)) for field in DELTAGERE.findall(html)})
        with self.client.post(
            url, data=data, name="register session (POST)", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"session not saved: {response.status_code}")


class LbfStaff(PortalUser):
    weight = 1
    accounts = [ACCOUNTS["lbf"]]
    _next = itertools.count()
    plans = ACCOUNTS["all_plan_ids"]

    @task(4)
    def overview(self) -> None:
        pages = max(1, len(self.plans) // 25)
        sort = random.choice(["", "&sort=kommune", "&sort=-fund"])
        self.page(f"/tilsyn/?side={random.randint(1, pages)}{sort}", "LBF overview")

    @task(2)
    def plan_audit(self) -> None:
        self.page(f"/tilsyn/plan/{random.choice(self.plans)}/", "LBF plan audit")

    @task(2)
    def any_dashboard(self) -> None:
        self.page(f"/planer/{random.choice(self.plans)}/overblik/", "board dashboard (LBF, any plan)")

    @task(1)
    def any_plan(self) -> None:
        self.page(f"/planer/{random.choice(self.plans)}/", "plan page (LBF, any plan)")
