"""Fixtures of the accounts tests: a clean throttle cache, users of each role, links from the outbox."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from tests.accounts.support import PASSWORD


@pytest.fixture(autouse=True)
def _fresh_throttle(db):
    # The "auth" throttle counts requests per IP in the default cache (a database table), which outlives
    # a test when it is committed by a transactional test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    # PBKDF2's 10⁶ rounds cost ~0.3 s a password; what is tested here is the flow, not the hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_user(db):
    def make(username: str, *, roles=(), active=True, email=None, password=PASSWORD):
        user = get_user_model().objects.create_user(
            username=username, email=email or f"{username}@example.org", password=password, is_active=active
        )
        for role in roles:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make
