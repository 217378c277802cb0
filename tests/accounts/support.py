"""Shared bits of the accounts tests: a valid password, links from the locmem outbox."""

import re
from urllib.parse import urlsplit

from django.core import mail

# Passes every validator of settings.AUTH_PASSWORD_VALIDATORS.
PASSWORD = "Krymsk-Lenina-17"


def outbox_link(index: int = -1) -> str:
    """The one http(s) link with a `token=` in the body of e-mail number `index` of the locmem outbox."""
    links = re.findall(r"https?://\S+token=\S+", mail.outbox[index].body)
    assert len(links) == 1, mail.outbox[index].body
    return links[0]


def token_of(link: str) -> str:
    return link.split("token=", 1)[1]


def local(link: str) -> str:
    """The path and query of an absolute link, to request it from the test client."""
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}"
