"""Rate limits on what residents create (appeals, support e-mails): fixed windows in Django's cache.

Limits come from settings.GEOPORTAL["RATE_LIMITS"], a dict of bucket → "N/period" (period s, m, h or d;
"0", "" or None switches the bucket off); buckets missing there take DEFAULT_RATES.

The counters live in the cache alias settings.GEOPORTAL["RATE_LIMIT_CACHE"] (default "default"). It must
be shared by every web process, so production configures it with Django's DatabaseCache
(`manage.py createcachetable`): no new service, and the counters survive restarts. A per-process cache
(LocMemCache) would multiply each limit by the number of gunicorn workers. Counting is add + incr:
DatabaseCache's incr is a read and a write, so two requests racing in the same instant may both be counted
once — a limit can be overshot by the number of truly simultaneous requests, never undercut.

The DRF throttle classes at the bottom plug the buckets into views: DRF answers 429 with Retry-After.
"""

import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import BaseThrottle

DEFAULT_RATES: dict[str, str] = {
    "appeal_create_ip": "20/h",
    "appeal_create_user": "60/h",
    "support_email_ip": "20/h",
}
_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])[a-z]*\s*$")


@dataclass(frozen=True)
class Rate:
    count: int
    period_s: int


def parse_rate(raw: str | int | None) -> Rate | None:
    """ "20/h", "5/10m", "100/day" → Rate; 0, "0", "" or None → None (no limit). Raises ValueError."""
    if raw in (None, "", 0, "0"):
        return None
    match = _RATE.match(str(raw))
    if not match:
        raise ValueError(f"a rate is 'N/period' with period s, m, h or d (e.g. '20/h'), not {raw!r}")
    count, multiple, unit = int(match.group(1)), int(match.group(2) or 1), match.group(3)
    if count == 0:
        return None
    return Rate(count=count, period_s=multiple * _PERIODS[unit])


def rate_for(bucket: str) -> Rate | None:
    """The configured rate of `bucket` (read at call time, so tests and admins may change it)."""
    rates = {**DEFAULT_RATES, **settings.GEOPORTAL.get("RATE_LIMITS", {})}
    return parse_rate(rates.get(bucket))


def hit(*, bucket: str, ident: str, now: float | None = None) -> float | None:
    """Count one request of `ident` (an IP or a user id) in `bucket`.

    Returns None when it is allowed, else the seconds until the current window ends (for Retry-After).
    """
    rate = rate_for(bucket)
    if rate is None:
        return None
    now = time.time() if now is None else now
    window = int(now // rate.period_s)
    cache = caches[settings.GEOPORTAL.get("RATE_LIMIT_CACHE", "default")]
    key = f"ratelimit:{bucket}:{ident}:{window}"
    timeout = rate.period_s + 60
    cache.add(key, 0, timeout=timeout)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        count = 1
    if count <= rate.count:
        return None
    return max(1.0, (window + 1) * rate.period_s - now)


class _BucketThrottle(BaseThrottle):
    """Counts unsafe requests (POST…) in `ip_bucket` per client IP (DRF's get_ident: REMOTE_ADDR, or
    X-Forwarded-For behind REST_FRAMEWORK["NUM_PROXIES"] proxies) and, for a signed-in user, in
    `user_bucket` per user id. GET and HEAD are never counted."""

    ip_bucket = ""
    user_bucket = ""
    anonymous_only = False

    def allow_request(self, request, view) -> bool:
        self._wait = None
        user = getattr(request, "user", None)
        signed_in = getattr(user, "is_authenticated", False)
        if request.method in ("GET", "HEAD", "OPTIONS") or (self.anonymous_only and signed_in):
            return True
        waits = []
        if self.ip_bucket:
            waits.append(hit(bucket=self.ip_bucket, ident=self.get_ident(request)))
        if self.user_bucket and signed_in:
            waits.append(hit(bucket=self.user_bucket, ident=str(user.pk)))
        waits = [w for w in waits if w is not None]
        self._wait = max(waits) if waits else None
        return self._wait is None

    def wait(self) -> float | None:
        return self._wait


class AppealCreateThrottle(_BucketThrottle):
    """New appeals: settings.GEOPORTAL["RATE_LIMITS"]["appeal_create_ip"] and ["appeal_create_user"]."""

    ip_bucket = "appeal_create_ip"
    user_bucket = "appeal_create_user"


class SupportEmailThrottle(_BucketThrottle):
    """Confirmation e-mails of anonymous supports (mail bombing): ["support_email_ip"] per client IP.
    Signed-in supporters get no e-mail and are not counted."""

    ip_bucket = "support_email_ip"
    anonymous_only = True
