"""appeals.deadlines: 59-ФЗ terms on the Russian production calendar — pure, no database.

Expected dates are read off the official production calendars (consultant.ru) for 2024–2026: New Year
break 1–8 Jan (2026: to 11 Jan with the transferred 9 Jan and the weekend), 28 Dec 2024 a working Saturday,
30–31 Dec 2024 days off, 8 March 2026 a Sunday moved to Monday 9 March, 1–3 and 9–11 May 2026 days off.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from appeals import deadlines

MSK = ZoneInfo("Europe/Moscow")


@pytest.fixture(autouse=True)
def moscow(settings):
    settings.TIME_ZONE = "Europe/Moscow"


def at(y, m, d, hh=10, mm=0, tz=MSK) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=tz)


def end_of_day(y, m, d) -> datetime:
    return datetime(y, m, d, 18, 0, tzinfo=MSK)


def test_calendar_knows_holidays_transfers_and_working_saturdays():
    assert not deadlines.is_working_day(date(2025, 1, 8))  # New Year break
    assert not deadlines.is_working_day(date(2026, 1, 9))  # transferred from Sat 3 Jan 2026
    assert deadlines.is_working_day(date(2024, 12, 28))  # a working Saturday (transfer)
    assert not deadlines.is_working_day(date(2024, 12, 30))  # day off transferred from 28 Dec
    assert not deadlines.is_working_day(date(2026, 3, 9))  # 8 March fell on a Sunday
    assert deadlines.is_working_day(date(2026, 3, 10))
    assert not deadlines.is_working_day(date(2026, 5, 11))  # 9 May fell on a Saturday
    assert not deadlines.is_working_day(date(2026, 6, 13))  # an ordinary Saturday


def test_registered_on_30_december_8_working_days_skip_the_new_year_break():
    # 30 Dec 2025 (Tue) is a working day; 31 Dec 2025 and 1–11 Jan 2026 are not.
    due = deadlines.answer_due(at(2025, 12, 30), working_days=8)
    assert due == end_of_day(2026, 1, 21)  # 12,13,14,15,16,19,20,21 Jan


def test_registered_on_30_december_2024_a_transferred_day_off():
    # 30 Dec 2024 (Mon) was a day off; counting starts on the first working day, 9 Jan 2025.
    assert deadlines.answer_due(at(2024, 12, 30), working_days=8) == end_of_day(2025, 1, 20)
    # 30 calendar days end on 29 Jan 2025, a Wednesday.
    assert deadlines.answer_due(at(2024, 12, 30), working_days=None) == end_of_day(2025, 1, 29)


def test_registration_term_ending_in_the_new_year_break_moves_to_the_next_working_day():
    # Received 30 Dec 2025: the 3rd day is 2 Jan 2026 — a holiday; the break and weekend end on 11 Jan.
    assert deadlines.registration_due(at(2025, 12, 30)) == end_of_day(2026, 1, 12)


def test_registered_on_8_march():
    # 8 March 2026 is a Sunday (holiday moved to Monday 9 March): the first working day is 10 March.
    due = deadlines.answer_due(at(2026, 3, 8), working_days=8)
    assert due == end_of_day(2026, 3, 19)  # 10,11,12,13,16,17,18,19
    assert deadlines.registration_due(at(2026, 3, 8)) == end_of_day(2026, 3, 11)


def test_registered_on_1_may():
    # 1 May 2026 (Fri) holiday, 9 May (Sat) moved to Monday 11 May.
    due = deadlines.answer_due(at(2026, 5, 1), working_days=8)
    assert due == end_of_day(2026, 5, 14)  # 4,5,6,7,8,12,13,14
    # 30 calendar days: 31 May 2026 is a Sunday → Monday 1 June.
    assert deadlines.answer_due(at(2026, 5, 1), working_days=None) == end_of_day(2026, 6, 1)


def test_thirty_calendar_days_on_a_working_day_end_the_same_date():
    assert deadlines.answer_due(at(2026, 4, 6), working_days=None) == end_of_day(2026, 5, 6)


def test_redirect_term_is_seven_days():
    assert deadlines.redirect_due(at(2026, 4, 6)) == end_of_day(2026, 4, 13)  # 13 Apr is a Monday


def test_the_local_date_counts_not_the_utc_date():
    # 22:30 UTC on 5 April is 01:30 on 6 April in Moscow: counting starts from 6 April.
    late = datetime(2026, 4, 5, 22, 30, tzinfo=UTC)
    assert deadlines.answer_due(late, working_days=None) == end_of_day(2026, 5, 6)


def test_deadline_is_the_end_of_the_working_day_in_the_municipal_time_zone(settings):
    settings.TIME_ZONE = "Asia/Yekaterinburg"
    due = deadlines.answer_due(datetime(2026, 4, 6, 5, 0, tzinfo=UTC), working_days=None)
    assert due.utcoffset().total_seconds() == 5 * 3600
    assert (due.date(), due.hour, due.minute) == (date(2026, 5, 6), 18, 0)


def test_extension_is_counted_from_the_current_due_date_and_capped():
    due = end_of_day(2026, 5, 6)
    assert deadlines.extension_due(due, 30) == end_of_day(2026, 6, 5)
    assert deadlines.extension_due(due, 10) == end_of_day(2026, 5, 18)  # 16 May Sat → Mon 18 May
    for days in (0, 31, -1):
        with pytest.raises(deadlines.DeadlineError):
            deadlines.extension_due(due, days)


def test_is_overdue():
    due = end_of_day(2026, 5, 6)
    assert not deadlines.is_overdue(due, due)
    assert deadlines.is_overdue(due, datetime(2026, 5, 6, 15, 0, 1, tzinfo=UTC))  # 18:00:01 MSK
    assert not deadlines.is_overdue(None, due)
    assert deadlines.days_overdue(due, end_of_day(2026, 5, 9)) == 3


def test_naive_datetimes_and_zero_working_days_are_refused():
    with pytest.raises(deadlines.DeadlineError):
        deadlines.answer_due(datetime(2026, 4, 6, 10, 0), working_days=None)
    with pytest.raises(deadlines.DeadlineError):
        deadlines.answer_due(at(2026, 4, 6), working_days=0)
