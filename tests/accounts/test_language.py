"""API error messages come in the request's language: Russian without Accept-Language, English on request.

DRF's own messages are translated by Django's LocaleMiddleware; ours come from locale/ru (compilemessages).
"""

import re

import pytest

from tests.accounts.support import PASSWORD

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)

# (method, path, body) → a 400 with a reason, one per app and kind of message.
BAD_REQUESTS = {
    "DRF field error": ("post", "/api/v1/auth/signup", {}),
    "password validators (Django)": (
        "post",
        "/api/v1/auth/signup",
        {"email": "a@example.org", "password": "1"},
    ),
    "our service": ("post", "/api/v1/auth/login", {"username": "olga", "password": "wrong-password-1"}),
    "our query parameter": ("get", "/api/v1/stats/kpi?from=2026-02-01&to=2026-01-01", None),
    "appeals list": ("get", "/api/v1/appeals?bbox=10,0,5,1", None),
    "areas": ("get", "/api/v1/areas?kind=bogus", None),
}


def messages(body) -> list[str]:
    """Every string of an error body ({"detail"…} or DRF's {"field": ["…"]})."""
    if isinstance(body, str):
        return [body]
    if isinstance(body, list):
        return [m for item in body for m in messages(item)]
    return [m for key, value in body.items() if key != "field" for m in messages(value)]


def send(client, method, path, body, **headers):
    if method == "get":
        return client.get(path, headers=headers)
    return client.post(path, body, content_type="application/json", headers=headers)


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_REQUESTS))
def test_a_400_is_russian_by_default_and_english_when_asked(client, make_user, case):
    make_user("olga", password=PASSWORD)
    method, path, body = BAD_REQUESTS[case]

    russian = send(client, method, path, body)
    english = send(client, method, path, body, **{"Accept-Language": "en"})

    assert russian.status_code == english.status_code == 400, russian.content
    assert russian["Content-Language"] == "ru" and english["Content-Language"] == "en"
    ru_texts, en_texts = messages(russian.json()), messages(english.json())
    assert ru_texts and all(CYRILLIC.search(text) for text in ru_texts), ru_texts
    assert en_texts and not any(CYRILLIC.search(text) for text in en_texts), en_texts
