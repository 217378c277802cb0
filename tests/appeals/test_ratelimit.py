"""Rate limits on new appeals (per IP, per account) and on support e-mails: 429 with Retry-After.

The counters live in Django's DatabaseCache (a table in the test database, rolled back with each test),
as in production, so a limit holds across gunicorn processes.
"""

import json

import pytest
from django.core.management import call_command

from appeals.models import Appeal
from appeals.ratelimit import Rate, hit, parse_rate
from appeals.workflow import AppealStatus
from tests.appeals.public_support import NO_LIMITS, feature, make_appeal, resident, town  # noqa: F401

URL = "/api/v1/appeals"


@pytest.fixture
def limits(town, settings):  # noqa: F811
    """Set the rates of some buckets (others off) on a DatabaseCache created for the test."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "geoportal_cache_test",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
    call_command("createcachetable", database="default")

    def set_rates(**rates):
        settings.GEOPORTAL = {
            **settings.GEOPORTAL,
            "RATE_LIMIT_CACHE": "ratelimit",
            "RATE_LIMITS": {**NO_LIMITS, **rates},
        }

    return set_rates


@pytest.mark.parametrize(
    ("raw", "rate"),
    [
        ("20/h", Rate(20, 3600)),
        ("60/hour", Rate(60, 3600)),
        ("5/10m", Rate(5, 600)),
        ("1/s", Rate(1, 1)),
        ("100/day", Rate(100, 86400)),
        (" 3 / m ", Rate(3, 60)),
        ("0", None),
        ("0/h", None),
        (0, None),
        ("", None),
        (None, None),
    ],
)
def test_parse_rate(raw, rate):
    assert parse_rate(raw) == rate


@pytest.mark.parametrize("raw", ["20", "h/20", "20/w", "-1/h", "twenty/h"])
def test_parse_rate_refuses_nonsense(raw):
    with pytest.raises(ValueError):
        parse_rate(raw)


def test_fixed_window_counts_and_says_when_it_ends(limits):
    limits(appeal_create_ip="2/h")

    assert hit(bucket="appeal_create_ip", ident="10.0.0.1", now=7200.0) is None
    assert hit(bucket="appeal_create_ip", ident="10.0.0.1", now=7300.0) is None
    assert hit(bucket="appeal_create_ip", ident="10.0.0.1", now=7400.0) == pytest.approx(3400.0)
    assert hit(bucket="appeal_create_ip", ident="10.0.0.2", now=7400.0) is None  # another IP
    assert hit(bucket="appeal_create_ip", ident="10.0.0.1", now=10800.0) is None  # the next hour


def post(client, ip="10.0.0.1"):
    return client.post(URL, json.dumps(feature()), content_type="application/json", REMOTE_ADDR=ip)


def test_per_ip_limit_is_a_429_with_retry_after(client, limits):
    limits(appeal_create_ip="3/h")

    statuses = [post(client).status_code for _ in range(4)]

    assert statuses == [201, 201, 201, 429]
    refused = post(client)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert "detail" in refused.json()
    assert Appeal.objects.count() == 3
    assert post(client, ip="10.0.0.2").status_code == 201


def test_per_account_limit_follows_the_user_across_ips(client, limits, resident):  # noqa: F811
    limits(appeal_create_user="2/h")
    client.force_login(resident)

    statuses = [post(client, ip=f"10.0.1.{i}").status_code for i in range(3)]

    assert statuses == [201, 201, 429]
    client.logout()
    assert post(client, ip="10.0.1.9").status_code == 201  # anonymous from yet another IP


def test_zero_switches_a_limit_off(client, limits):
    limits(appeal_create_ip="0")

    assert {post(client).status_code for _ in range(5)} == {201}


def test_refused_bodies_count_too(client, limits):
    # Probing with bad input is still load: every POST counts, whatever its outcome.
    limits(appeal_create_ip="2/h")
    bad = json.dumps(feature(text="Яма"))

    first = [
        client.post(URL, bad, content_type="application/json", REMOTE_ADDR="10.0.0.1").status_code
        for _ in range(2)
    ]

    assert first == [400, 400]
    assert post(client).status_code == 429


def test_reads_are_never_limited(client, limits):
    limits(appeal_create_ip="1/h")

    assert {client.get(URL).status_code for _ in range(3)} == {200}


def test_support_e_mails_are_limited_per_ip_signed_in_supports_are_not(client, limits, town, resident):  # noqa: F811
    limits(support_email_ip="2/h")
    appeals = [make_appeal(town["roads"], status=AppealStatus.REGISTERED) for _ in range(3)]

    def support(appeal):
        url = f"/api/v1/appeals/{appeal.pk}/support"
        return client.post(url, {"email": "a@example.org"}, content_type="application/json").status_code

    assert [support(a) for a in appeals] == [202, 202, 429]
    client.force_login(resident)
    assert [support(a) for a in appeals] == [201, 201, 201]
