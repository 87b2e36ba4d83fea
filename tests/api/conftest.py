import pytest

from api import tokens


@pytest.fixture
def key_for():
    """A personal API key for a user, as the header the client sends."""

    def make(user, navn: str = "Test") -> dict:
        _noegle, raw = tokens.key_create(user=user, navn=navn)
        return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    return make
