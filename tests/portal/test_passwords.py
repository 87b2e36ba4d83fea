"""Password rules: at least 12 characters, no common passwords, no plan or area names;
long and non-ASCII passwords are welcome."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.helhedsplaner.factories import BoligomraadeFactory

pytestmark = pytest.mark.django_db


def _errors(password, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


def test_eleven_characters_are_too_few_and_twelve_are_enough():
    assert any("12 tegn" in m for m in _errors("kvt-7Hx-q2m"))  # 11
    assert _errors("kvt-7Hx-q2mZ") == []  # 12


def test_a_common_password_is_refused():
    assert any("almindelig" in m for m in _errors("password12345"))
    assert any("almindelig" in m for m in _errors("qazwsxedc123"))


def test_the_name_of_a_plan_is_refused_whole_or_as_a_word_in_any_case(plan_a):
    message = "Adgangskoden må ikke indeholde navnet på en helhedsplan eller et boligområde."
    for password in (
        "Helhedsplan Aaparken",
        "helhedsplan-aaparken-2026",
        "AAPARKEN er min by!",
        "mitaaparken99",
    ):
        assert any(message in m for m in _errors(password)), password


def test_the_name_of_a_housing_area_is_refused():
    BoligomraadeFactory(navn="Gellerupparken")
    assert _errors("Jeg bor i GELLERUPPARKEN!") != []
    assert _errors("gellerup parken 4ever") != []  # spaces between the words do not hide it


def test_generic_words_of_plan_names_alone_are_allowed(plan_a):
    assert _errors("min helhedsplan har en god bestyrelse") == []


def test_long_and_non_ascii_passwords_are_accepted():
    assert _errors("x7" * 100) == []  # 200 characters
    assert _errors("Rødgrød med fløde på Ærø 🍓🚲") == []
    assert _errors("ålekvabbe-øjeæble-🙂🙂") == []


def test_changing_the_password_to_a_plan_name_is_refused_in_the_form(client_board_a, plan_a):
    response = client_board_a.post(
        reverse("password_change"),
        {
            "old_password": "hemmelig-kode-123",
            "new_password1": "Aaparken-er-det-bedste",
            "new_password2": "Aaparken-er-det-bedste",
        },
    )
    assert response.status_code == 200
    assert "navnet på en helhedsplan" in response.content.decode()


def test_changing_the_password_keeps_the_user_logged_in(client_board_a, board_member_a):
    new = "lang sætning om æbler og pærer"
    response = client_board_a.post(
        reverse("password_change"),
        {"old_password": "hemmelig-kode-123", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    board_member_a.refresh_from_db()
    assert board_member_a.check_password(new)
    assert client_board_a.get(reverse("security")).status_code == 200
