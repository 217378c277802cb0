"""Due dates of appeals under 59-ФЗ and the Russian production calendar: pure, no database.

Terms (Federal Law 59-ФЗ "On the procedure for considering appeals of citizens"):

- registration within 3 days of receipt (art. 8 p. 2)            → `registration_due(created_at)`
- redirection to the competent body within 7 days of registration (art. 8 p. 3) → `redirect_due(...)`
- an answer within 30 days of registration (art. 12 p. 1)        → `answer_due(..., working_days=None)`
- one extension of up to 30 more days, the resident notified (art. 12 p. 2) → `extension_due(...)`
- a category may set a shorter target in WORKING days (regional portals use 8)
  → `answer_due(..., working_days=N)`

How a term is counted (Civil Code art. 191–194, applied by analogy as municipal practice does):

- A term "within N days of X" starts on the day AFTER the local calendar date of X; calendar-day terms
  end on date(X) + N. If that last day is not a working day, the term ends on the next working day.
- A working-day term ends on the N-th working day after date(X) (`holidays`' get_nth_working_day): an
  appeal registered on a holiday or a weekend starts counting on the next working day.
- The deadline instant is the END OF THE WORKING DAY, `WORKDAY_END` (18:00), on the last day, in the
  municipality's time zone (settings.TIME_ZONE, Europe/Moscow for Krymsk): art. 194 p. 1 — where an
  action is done in an organisation, a term ends when its working hours end. Results are aware datetimes
  in that zone; inputs may be in any zone (naive ones are refused).

What the production calendar knows (`holidays` 0.108, holidays.country_holidays("RU")):

- the public holidays of the Labour Code art. 112, incl. the New Year break 1–8 January and Christmas;
- the transferred days off AND the transferred working Saturdays/Sundays set by the Government's
  decrees for the years it has them (2024–2027 in 0.108: e.g. 28 Dec 2024 was a working Saturday,
  30–31 Dec 2024 days off); `weekend_workdays` holds the working weekend days.
What it does not know — and so neither does this module:
- transfers for years whose decree is not in the installed package (every year past the newest release:
  only the fixed holidays and weekends count there) — upgrade `holidays` each autumn when the decree for
  the next year is published;
- shortened pre-holiday working days (one hour shorter: the deadline stays at WORKDAY_END);
- regional non-working days (none for Krasnodar Krai; republics such as Tatarstan have some).
"""

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings

REGISTRATION_DAYS = 3
REDIRECT_DAYS = 7
ANSWER_DAYS = 30
MAX_EXTENSION_DAYS = 30
# When a municipal office's working day ends; the deadline instant on the last day of a term.
WORKDAY_END = time(18, 0)


class DeadlineError(ValueError):
    """An impossible deadline request (an extension out of range, a naive datetime…)."""


@cache
def _calendar() -> holidays.HolidayBase:
    # Expands lazily to every year asked about; get_nth_working_day/is_working_day populate the year.
    return holidays.country_holidays("RU")


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def is_working_day(day: date) -> bool:
    """True for a working day of the Russian production calendar (weekends, holidays and transfers)."""
    calendar = _calendar()
    # Membership populates the year first, so weekend_workdays is filled for it too.
    if day in calendar:
        return False
    return day.weekday() < 5 or day in calendar.weekend_workdays


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def nth_working_day_after(day: date, n: int) -> date:
    """The `n`-th working day after `day` (n ≥ 1); `day` itself never counts."""
    if n < 1:
        raise DeadlineError(f"working days must be ≥ 1, got {n}")
    for _ in range(n):
        day = next_working_day(day + timedelta(days=1))
    return day


def end_of_working_day(day: date) -> datetime:
    """WORKDAY_END on `day` in the municipality's time zone (aware)."""
    return datetime.combine(day, WORKDAY_END, tzinfo=_zone())


def local_date(instant: datetime) -> date:
    """The calendar date of an aware `instant` in the municipality's time zone."""
    if instant.tzinfo is None:
        raise DeadlineError("a naive datetime has no time zone; pass an aware one")
    return instant.astimezone(_zone()).date()


def _calendar_term(start: datetime, days: int) -> datetime:
    return end_of_working_day(next_working_day(local_date(start) + timedelta(days=days)))


def registration_due(created_at: datetime) -> datetime:
    """When an appeal received at `created_at` must be registered: 3 days (59-ФЗ art. 8 p. 2)."""
    return _calendar_term(created_at, REGISTRATION_DAYS)


def redirect_due(registered_at: datetime) -> datetime:
    """When an appeal outside the municipality's competence must be redirected: 7 days (art. 8 p. 3)."""
    return _calendar_term(registered_at, REDIRECT_DAYS)


def answer_due(registered_at: datetime, *, working_days: int | None) -> datetime:
    """When the answer is due: `working_days` working days when a category sets them, else 30 calendar
    days (59-ФЗ art. 12 p. 1), counted from the day after registration. Raises DeadlineError for n < 1.
    """
    if working_days is None:
        return _calendar_term(registered_at, ANSWER_DAYS)
    return end_of_working_day(nth_working_day_after(local_date(registered_at), working_days))


def extension_due(due_at: datetime, days: int) -> datetime:
    """The due date after one extension by `days` (1..30) calendar days (59-ФЗ art. 12 p. 2), counted
    from the current due date. Raises DeadlineError outside 1..30.
    """
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise DeadlineError(f"an extension is 1..{MAX_EXTENSION_DAYS} days, got {days}")
    return _calendar_term(due_at, days)


def is_overdue(due_at: datetime | None, now: datetime) -> bool:
    """True when there is a due date and `now` is past it. Both aware."""
    return due_at is not None and now > due_at


def days_overdue(due_at: datetime, now: datetime) -> int:
    """Whole calendar days (municipal time zone) between the due date and `now`; 0 on the due day."""
    return max(0, (local_date(now) - local_date(due_at)).days)
