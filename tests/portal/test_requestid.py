"""Request ids and structured (JSON) logs: portal/requestid.py."""

import io
import json
import logging
import logging.config
import re

import pytest
from celery import shared_task
from celery.utils.log import get_task_logger
from django.conf import settings

from portal import requestid
from tests.bestyrelser.factories import UserFactory

HEX32 = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def json_log():
    """Logging configured as in production (LOG_FORMAT=json, DEBUG level) into a buffer;
    returns a function giving the parsed lines. The previous configuration is restored."""
    buffer = io.StringIO()
    config = requestid.logging_config("json", "DEBUG")
    config["handlers"]["console"]["stream"] = buffer
    names = ["", *config["loggers"], "portal.access", "django.request", "tests", "tests.task"]
    saved = {
        name: (lg.handlers[:], lg.level, lg.propagate, lg.disabled)
        for name in names
        for lg in [logging.getLogger(name)]
    }
    logging.config.dictConfig(config)
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    finally:
        for name, (handlers, level, propagate, disabled) in saved.items():
            lg = logging.getLogger(name)
            lg.handlers[:] = handlers
            lg.setLevel(level)
            lg.propagate = propagate
            lg.disabled = disabled


def access_lines(lines):
    return [line for line in lines if line["logger"] == "portal.access"]


@pytest.mark.django_db
def test_a_request_without_id_gets_a_fresh_uuid_hex(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert HEX32.fullmatch(first) and HEX32.fullmatch(second)
    assert first != second


@pytest.mark.django_db
def test_a_sane_incoming_id_is_echoed(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c21.eu:01")
    assert response["X-Request-ID"] == "lb-7f3a9c21.eu:01"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        "",
        "short",  # fewer than 8 characters
        "x" * 65,  # too long
        "abc def ghi",  # space
        'abcdefgh"} {"admin": true',  # JSON/log injection
        "abcdefgh\nFAKE LOG LINE",  # newline
        "æøåæøåæøå",  # outside the charset
    ],
)
def test_an_insane_incoming_id_is_replaced(client, bad):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=bad)
    assert HEX32.fullmatch(response["X-Request-ID"])


@pytest.mark.django_db
def test_request_id_is_on_the_request_and_in_every_record_of_the_request(client, lbf_user, json_log):
    client.force_login(lbf_user)
    before = len(json_log())  # the login itself logs outside any request (axes)
    response = client.get("/planer/999999/", HTTP_X_REQUEST_ID="req-00000001")
    assert response.status_code == 404
    assert response.wsgi_request.request_id == "req-00000001"
    lines = json_log()[before:]
    # Django's "Not Found" warning and our access line, both carrying the id.
    assert {line["logger"] for line in lines} >= {"django.request", "portal.access"}
    assert all(line["request_id"] == "req-00000001" for line in lines)
    assert requestid.current_request_id() is None  # reset after the request


@pytest.mark.django_db
def test_json_access_line_has_status_path_method_duration_and_user(client, lbf_user, json_log):
    client.force_login(lbf_user)
    response = client.get("/tilsyn/?q=abc")
    assert response.status_code == 200
    (line,) = access_lines(json_log())
    assert line["request_id"] == response["X-Request-ID"]
    assert line["status"] == 200
    assert line["path"] == "/tilsyn/"  # no query string in the log
    assert line["method"] == "GET"
    assert line["user_id"] == lbf_user.pk
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["level"] == "INFO" and "timestamp" in line


@pytest.mark.django_db
def test_no_password_secret_or_session_in_logs(client, json_log):
    password = "Hemmeligt-kodeord-8131"
    user = UserFactory(username="logtest")
    user.set_password(password)
    user.save()
    client.post("/login/", {"username": "logtest", "password": "forkert-" + password})
    response = client.post("/login/", {"username": "logtest", "password": password})
    assert response.status_code == 302
    client.get("/", HTTP_X_REQUEST_ID="req-00000002")
    text = json.dumps(json_log())
    assert access_lines(json_log()), "the requests were logged"
    assert password not in text
    assert settings.SECRET_KEY not in text
    assert client.cookies["sessionid"].value not in text
    assert "csrfmiddlewaretoken" not in text


@pytest.mark.django_db
def test_survey_token_in_the_path_is_masked(client, json_log):
    client.get("/enighed/svar/et-hemmeligt-token-123/")
    (line,) = access_lines(json_log())
    assert "et-hemmeligt-token-123" not in json.dumps(json_log())
    assert line["path"] == f"/enighed/svar/{requestid.REDACTED}/"


def test_text_format_carries_the_request_id():
    config = requestid.logging_config("text")
    formatter = logging.Formatter(config["formatters"]["text"]["format"])
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hej", None, None)
    requestid.RequestContextFilter().filter(record)
    assert formatter.format(record).endswith("INFO x [-] hej")
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        requestid.logging_config("xml")


@shared_task(name="tests.log_from_task")
def log_from_task() -> str:
    logging.getLogger("tests").info("inde i opgaven")
    get_task_logger("tests.task").info("med Celerys opgavelogger")
    return "ok"


def test_task_records_carry_task_id_name_and_request_id(json_log):
    result = log_from_task.apply(task_id="task-0000000001")
    assert result.get() == "ok"
    (line,) = [line for line in json_log() if line["message"] == "inde i opgaven"]
    assert line["task_id"] == "task-0000000001"
    assert line["task_name"] == "tests.log_from_task"
    assert line["request_id"] == "task-0000000001"  # no request published it
    (line,) = [line for line in json_log() if line["message"] == "med Celerys opgavelogger"]
    assert line["task_id"] == "task-0000000001"
    assert requestid.current_request_id() is None


def test_a_task_published_in_a_request_carries_its_id(json_log):
    headers: dict = {}
    token = requestid._request_id.set("req-00000003")
    try:
        requestid._before_task_publish(headers=headers)
    finally:
        requestid._request_id.reset(token)
    assert headers == {"request_id": "req-00000003"}
    log_from_task.apply(task_id="task-0000000002", headers=headers)
    (line,) = [line for line in json_log() if line["message"] == "inde i opgaven"]
    assert line["request_id"] == "req-00000003"
    assert line["task_id"] == "task-0000000002"


@pytest.mark.django_db
def test_the_access_line_says_whether_the_dashboard_came_from_the_cache(client, lbf_user, plan_a, json_log):
    from django.core.cache import cache

    client.force_login(lbf_user)
    cache.clear()
    url = f"/planer/{plan_a.pk}/overblik/"
    client.get(url)
    client.get(url)
    client.get("/tilsyn/")
    assert [line.get("cache") for line in access_lines(json_log())] == ["miss", "hit", None]
