"""KPIs (appeals.kpi, GET /api/v1/stats/kpi and /monthly) on hand-made appeals with hand-computed figures.

Times are Moscow local (UTC+3, settings.TIME_ZONE); `now` is fixed at 2026-03-01 12:00. The window is
January 2026. Every figure below is worked out in the comment beside it.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.gis.geos import Point

from appeals.kpi import kpi_figures, kpi_monthly_by_category, kpi_operator_scope, kpi_window, month_starts
from appeals.models import Appeal, AppealEvent, Category, Department
from appeals.workflow import AppealKind, AppealStatus
from geoportal.roles import Role
from tension.hexes import cell_of

MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=MSK)
JANUARY = kpi_window(first_day=date(2026, 1, 1), last_day=date(2026, 1, 31))
LENINA = (37.987712, 44.930034)
S = AppealStatus


def msk(month, day, hour=10, minute=0, year=2026):
    return datetime(year, month, day, hour, minute, tzinfo=MSK)


def make_user(username, *roles, departments=()):
    user = get_user_model().objects.create(username=username, first_name=username.title())
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    for department in departments:
        department.members.add(user)
    return user


@pytest.fixture
def world(db):
    roads = Department.objects.create(code="roads", name="Дорожное хозяйство", name_en="Roads")
    light = Department.objects.create(code="light", name="Освещение", name_en="Lighting")
    parks = Department.objects.create(code="parks", name="Парки", name_en="Parks")  # no appeals at all
    pothole = Category.objects.create(code="pothole", name_ru="Яма на дороге", name_en="Pothole")
    lamp = Category.objects.create(code="streetlight", name_ru="Фонарь", name_en="Streetlight")
    idea = Category.objects.create(code="bench-idea", name_ru="Скамейки", name_en="Benches", kind="proposal")
    r1 = make_user("roman", Role.OPERATOR, departments=[roads])
    r2 = make_user("rita", Role.OPERATOR, departments=[roads])
    lo = make_user("lev", Role.OPERATOR, departments=[light])

    def appeal(
        name,
        category,
        department,
        created,
        status,
        *,
        registered=None,
        due=None,
        answered=None,
        assignee=None,
        rating=None,
        kind=AppealKind.ISSUE,
    ):
        made = Appeal.objects.create(
            kind=kind,
            category=category,
            department=department,
            status=status,
            text=f"Обращение {name}",
            created_at=created,
            registered_at=registered,
            due_at=due,
            answered_at=answered,
            assignee=assignee,
            rating=rating,
            h3=cell_of(*LENINA),
            geom=Point(*LENINA, srid=4326),
        )
        return made

    # Roads, created in January (the cohort):
    # A1 registered after 1 day (on time), answered before due (on time) after 9 days = 216 h, rated 5.
    appeal(
        "A1",
        pothole,
        roads,
        msk(1, 10),
        S.ANSWERED,
        registered=msk(1, 11),
        due=msk(2, 10),
        answered=msk(1, 20),
        assignee=r1,
        rating=5,
    )
    # A2 registered after 4 days (late), answered after due (late), 35 days = 840 h; reopened once; rated 2.
    a2 = appeal(
        "A2",
        pothole,
        roads,
        msk(1, 12),
        S.CLOSED,
        registered=msk(1, 16),
        due=msk(2, 15),
        answered=msk(2, 20),
        assignee=r1,
        rating=2,
    )
    AppealEvent.objects.create(appeal=a2, from_status=S.ANSWERED, to_status=S.REOPENED, at=msk(2, 3))
    # A3 registered after exactly 3 days (on time: ≤), unanswered past due (late), overdue now.
    appeal(
        "A3", pothole, roads, msk(1, 15), S.IN_PROGRESS, registered=msk(1, 18), due=msk(2, 14), assignee=r2
    )
    # A4 registered on time, not yet due at NOW: the answer is undecided. Not assigned.
    appeal("A4", pothole, roads, msk(1, 20), S.IN_PROGRESS, registered=msk(1, 21), due=msk(3, 20))
    # Not routed: A5 still `new` 3+ days after creation (registration late), no department.
    appeal("A5", pothole, None, msk(1, 25), S.NEW)
    # Lighting: B1 registered after 2 h, answered after 24 h, rated 4.
    appeal(
        "B1",
        lamp,
        light,
        msk(1, 5),
        S.ANSWERED,
        registered=msk(1, 5, 12),
        due=msk(1, 30),
        answered=msk(1, 6, 12),
        assignee=lo,
        rating=4,
    )
    # B2 created 23:30 on 31 January (inside the window), registered on time, not yet due.
    appeal("B2", lamp, light, msk(1, 31, 23, 30), S.REGISTERED, registered=msk(2, 1), due=msk(3, 31))
    # Outside the cohort:
    # B3 created 00:10 on 1 February (UTC: still 31 January): late in every way — must not count.
    appeal(
        "B3",
        lamp,
        light,
        msk(2, 1, 0, 10),
        S.CLOSED,
        registered=msk(2, 9),
        due=msk(2, 10),
        answered=msk(2, 25),
        assignee=lo,
        rating=1,
    )
    # A6 created in December, open and past due: counts only in overdue_now (roads, not assigned).
    appeal(
        "A6",
        pothole,
        roads,
        msk(12, 1, year=2025),
        S.REGISTERED,
        registered=msk(12, 2, year=2025),
        due=msk(12, 30, year=2025),
    )
    # A7 created and answered in February; A8 created in December, answered late on 5 January.
    appeal(
        "A7", pothole, roads, msk(2, 5), S.ANSWERED, registered=msk(2, 5), due=msk(3, 5), answered=msk(2, 10)
    )
    appeal(
        "A8",
        pothole,
        roads,
        msk(12, 1, year=2025),
        S.ANSWERED,
        registered=msk(12, 1, year=2025),
        due=msk(12, 30, year=2025),
        answered=msk(1, 5),
    )
    # A proposal with issue-like dates: proposals are not part of the KPIs.
    appeal(
        "P1",
        idea,
        roads,
        msk(1, 10),
        S.PUBLISHED,
        registered=msk(1, 30),
        due=msk(1, 11),
        answered=msk(1, 11),
        rating=1,
        kind=AppealKind.PROPOSAL,
    )
    return {"roads": roads, "light": light, "parks": parks, "r1": r1, "r2": r2, "lev": lo}


def figures(entry):
    return {k: v for k, v in entry.items() if k not in ("id", "code", "name", "operators")}


def test_totals_and_departments(world):
    kpi = kpi_figures(window=JANUARY, now=NOW)

    assert (kpi["from"], kpi["to"], kpi["register_within_days"]) == ("2026-01-01", "2026-01-31", 3)
    # Cohort A1 A2 A3 A4 A5 B1 B2 = 7. Registration decided: all 7 (A5 is new after 3 days); on time:
    # A1 A3 A4 B1 B2 = 5 → 71.4 %. Answer decided: A1 A2 A3 B1 = 4 (A4, B2 not yet due); on time
    # A1 B1 → 50.0 %. Hours to answer: 216, 840, 24 → median 216.0. Ever answered: A1 A2 B1 = 3, reopened
    # A2 → 33.3 %. Ratings 5, 2, 4 → 3.67. Overdue now: A3 (cohort) + A6 (December) = 2.
    assert kpi["total"] == {
        "appeals": 7, "registered_on_time": 5, "registration_decided": 7, "answered": 3,
        "answered_on_time": 2, "answer_decided": 4, "reopened": 1, "ever_answered": 3, "ratings": 3,
        "overdue_now": 2, "registered_on_time_pct": 71.4, "answered_on_time_pct": 50.0,
        "median_hours_to_answer": 216.0, "reopen_rate_pct": 33.3, "mean_rating": 3.67,
    }  # fmt: skip
    by_code = {d["code"]: d for d in kpi["departments"]}
    assert list(by_code) == ["roads", "light", "parks", None]  # by name (ru), "not routed" last
    # Roads: A1 A2 A3 A4. Registered on time A1 A3 A4 = 3/4; answers decided A1 A2 A3, on time A1 = 1/3;
    # hours 216, 840 → median 528; reopened 1 of 2 answered; ratings 5, 2 → 3.5; overdue A3, A6.
    assert figures(by_code["roads"]) == {
        "appeals": 4, "registered_on_time": 3, "registration_decided": 4, "answered": 2,
        "answered_on_time": 1, "answer_decided": 3, "reopened": 1, "ever_answered": 2, "ratings": 2,
        "overdue_now": 2, "registered_on_time_pct": 75.0, "answered_on_time_pct": 33.3,
        "median_hours_to_answer": 528.0, "reopen_rate_pct": 50.0, "mean_rating": 3.5,
    }  # fmt: skip
    # Lighting: B1 B2 (not B3). Both registered on time; B1 answered on time in 24 h; B2 undecided.
    assert figures(by_code["light"]) == {
        "appeals": 2, "registered_on_time": 2, "registration_decided": 2, "answered": 1,
        "answered_on_time": 1, "answer_decided": 1, "reopened": 0, "ever_answered": 1, "ratings": 1,
        "overdue_now": 0, "registered_on_time_pct": 100.0, "answered_on_time_pct": 100.0,
        "median_hours_to_answer": 24.0, "reopen_rate_pct": 0.0, "mean_rating": 4.0,
    }  # fmt: skip
    # Parks: nothing at all — listed with zeros, rates null (nothing measured, not 0 %).
    assert figures(by_code["parks"])["appeals"] == 0
    assert figures(by_code["parks"])["answered_on_time_pct"] is None
    # Not routed: A5 only, registration late → 0.0 %, nothing else measurable.
    assert by_code[None]["id"] is None and by_code[None]["appeals"] == 1
    assert by_code[None]["registered_on_time_pct"] == 0.0
    assert by_code[None]["answered_on_time_pct"] is None and by_code[None]["mean_rating"] is None
    assert not any("operators" in d for d in kpi["departments"])  # the public view


def test_per_operator_figures(world):
    kpi = kpi_figures(window=JANUARY, now=NOW, operators=frozenset({world["roads"].pk}))

    roads = next(d for d in kpi["departments"] if d["code"] == "roads")
    ops = {o["name"]: o for o in roads["operators"]}
    assert list(ops) == ["Rita", "Roman", None]  # by user name; the unassigned last
    # Roman: A1 (all on time, 216 h, 5) and A2 (all late, 840 h, reopened, 2).
    assert figures(ops["Roman"]) == {
        "appeals": 2, "registered_on_time": 1, "registration_decided": 2, "answered": 2,
        "answered_on_time": 1, "answer_decided": 2, "reopened": 1, "ever_answered": 2, "ratings": 2,
        "overdue_now": 0, "registered_on_time_pct": 50.0, "answered_on_time_pct": 50.0,
        "median_hours_to_answer": 528.0, "reopen_rate_pct": 50.0, "mean_rating": 3.5,
    }  # fmt: skip
    assert ops["Roman"]["id"] == world["r1"].pk
    # Rita: A3, registered on time, unanswered past due.
    assert (ops["Rita"]["answered_on_time_pct"], ops["Rita"]["overdue_now"]) == (0.0, 1)
    # Unassigned: A4 (in the cohort) and A6 (overdue, from December).
    assert (ops[None]["appeals"], ops[None]["overdue_now"], ops[None]["id"]) == (1, 1, None)
    assert all("operators" not in d for d in kpi["departments"] if d["code"] != "roads")


def test_who_sees_per_operator_figures(world):
    admin = make_user("anna", Role.ADMIN)
    moderator = make_user("max", Role.MODERATOR)
    planner = make_user("pavel", Role.PLANNER)
    resident = make_user("ivan", Role.RESIDENT)
    member_not_operator = make_user("nina", Role.PLANNER, departments=[world["light"]])

    assert kpi_operator_scope(user=admin) is True
    assert kpi_operator_scope(user=moderator) is True
    assert kpi_operator_scope(user=world["r1"]) == {world["roads"].pk}
    assert kpi_operator_scope(user=planner) == frozenset()
    assert kpi_operator_scope(user=resident) == frozenset()
    assert kpi_operator_scope(user=member_not_operator) == frozenset()


def test_monthly_series_by_category_in_local_months(world):
    window = kpi_window(first_day=date(2025, 12, 1), last_day=date(2026, 2, 28))

    monthly = kpi_monthly_by_category(window=window)

    assert monthly["months"] == ["2025-12", "2026-01", "2026-02"]
    series = {c["code"]: (c["created"], c["answered"]) for c in monthly["categories"]}
    assert series == {
        # idea: P1 created and answered in January.
        "bench-idea": ([0, 1, 0], [0, 1, 0]),
        # pothole created: A6 A8 in December; A1–A5 in January; A7 in February.
        # answered: A1 (20 Jan), A8 (5 Jan) in January; A2 (20 Feb), A7 (10 Feb) in February.
        "pothole": ([2, 5, 1], [0, 2, 2]),
        # streetlight: B1, B2 in January; B3 at 00:10 on 1 February Moscow time (31 January in UTC).
        "streetlight": ([0, 2, 1], [0, 1, 1]),
    }


def test_monthly_lists_only_categories_with_appeals_in_the_window(world):
    monthly = kpi_monthly_by_category(
        window=kpi_window(first_day=date(2026, 2, 2), last_day=date(2026, 2, 20))
    )

    assert monthly["months"] == ["2026-02"]
    assert {c["code"]: (c["created"], c["answered"]) for c in monthly["categories"]} == {
        "pothole": ([1], [2])
    }


def test_month_starts_across_a_year_end():
    assert month_starts(date(2025, 11, 30), date(2026, 2, 1)) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1),
    ]  # fmt: skip


def test_window_bounds_are_local_midnights():
    assert JANUARY.start == datetime(2025, 12, 31, 21, 0, tzinfo=ZoneInfo("UTC"))
    assert JANUARY.end - JANUARY.start == timedelta(days=31)


def test_kpi_api_shows_operators_to_managers_only(client, world):
    admin = make_user("anna", Role.ADMIN)
    url = "/api/v1/stats/kpi?from=2026-01-01&to=2026-01-31"

    public = client.get(url)
    client.force_login(world["lev"])
    own_department = client.get(url)
    client.force_login(admin)
    everything = client.get(url)

    assert public.status_code == 200
    assert public.json()["total"]["appeals"] == 7
    assert not any("operators" in d for d in public.json()["departments"])
    with_ops = {d["code"] for d in own_department.json()["departments"] if "operators" in d}
    assert with_ops == {"light"}
    assert {d["code"] for d in everything.json()["departments"] if "operators" in d} == {
        "roads", "light", "parks", None,
    }  # fmt: skip


def test_kpi_api_names_in_english_on_request(client, world):
    response = client.get(
        "/api/v1/stats/monthly?from=2026-01-01&to=2026-01-31", headers={"Accept-Language": "en"}
    )
    kpi = client.get("/api/v1/stats/kpi?from=2026-01-01&to=2026-01-31", headers={"Accept-Language": "en"})

    assert {c["name"] for c in response.json()["categories"]} == {"Pothole", "Streetlight", "Benches"}
    assert [d["name"] for d in kpi.json()["departments"]] == ["Roads", "Lighting", "Parks", None]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-02-01&to=2026-01-01", "from"),
        ("from=01.02.2026", "from"),
        ("to=2026-13-01", "to"),
        ("from=2000-01-01&to=2026-01-01", "from"),
    ],
)
def test_bad_windows_are_400_with_the_field(client, db, query, field):
    for path in ("/api/v1/stats/kpi", "/api/v1/stats/monthly"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, response.content
        assert response.json()["field"] == field


def test_default_window_is_the_last_365_days(client, db):
    body = client.get("/api/v1/stats/monthly").json()

    first, last = date.fromisoformat(body["from"]), date.fromisoformat(body["to"])
    assert (last - first).days == 364
    assert len(body["months"]) in (12, 13)
