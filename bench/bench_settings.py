"""Django settings of the bench server: the project's own, with DEBUG off, the creation rate limits off
(a load from one IP would hit them at once), e-mail dropped and only warnings logged."""

from geoportal.settings import *  # noqa: F403
from geoportal.settings import GEOPORTAL, LOGGING

# The rate-limit buckets of appeals/ratelimit.py; "0" switches a bucket off.
RATE_LIMIT_BUCKETS = ("appeal_create_ip", "appeal_create_user", "support_email_ip")

DEBUG = False
GEOPORTAL = {**GEOPORTAL, "RATE_LIMITS": dict.fromkeys(RATE_LIMIT_BUCKETS, "0")}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": "WARNING"}}
