"""The simulated life of one demo appeal: the moves it makes along appeals/workflow.py TRANSITIONS.

Pure: a numpy Generator in, a list of moves out. A life is planned in full and then cut at "now", so an
old appeal is mostly closed and a recent one is still new, registered or in progress; answers that come
later than the deadline leave some appeals overdue. Times are aware datetimes; durations are in days.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from appeals.workflow import AppealStatus as S


@dataclass(frozen=True, slots=True)
class Move:
    to_status: str
    at: datetime
    # what the public response says: the status itself, or a variant ("rejected_moderation", …)
    reason: str


@dataclass(frozen=True, slots=True)
class Life:
    moves: list[Move]  # from the creation (to "new") on, cut at now; never empty
    status: str
    registered_at: datetime | None
    answered_at: datetime | None  # the current answer: set only while answered / closed (issues)
    closed_at: datetime | None  # when it left the open statuses for good: closed / rejected / …


def _days(rng: np.random.Generator, lo: float, hi: float) -> timedelta:
    return timedelta(days=float(rng.uniform(lo, hi)))


def issue_life(
    rng: np.random.Generator,
    *,
    created: datetime,
    now: datetime,
    deadline_days: float,
    duplicate: bool = False,
) -> Life:
    """The life of an issue filed at `created`, answered within `deadline_days` (calendar) or late."""
    moves = [Move(S.NEW, created, "new")]
    if duplicate:
        moves.append(Move(S.DUPLICATE, created + _days(rng, 0.05, 1.5), "duplicate"))
        return _cut(moves, now)
    if rng.random() < 0.03:
        moves.append(Move(S.REJECTED, created + _days(rng, 0.05, 2.0), "rejected_moderation"))
        return _cut(moves, now)
    registered = created + _days(rng, 0.02, 2.9)  # 59-ФЗ: register within 3 days
    moves.append(Move(S.REGISTERED, registered, "registered"))
    if rng.random() < 0.02:
        moves.append(Move(S.REJECTED, registered + _days(rng, 0.5, 5.0), "rejected_competence"))
        return _cut(moves, now)
    late = rng.random() < 0.14
    share = rng.uniform(1.03, 1.7) if late else rng.uniform(0.15, 0.95)
    answered = max(created + timedelta(days=deadline_days * share), registered + timedelta(hours=6))
    route = rng.random()
    if route < 0.06:  # redirected to the competent body within 7 days, then worked on
        redirected = registered + min((answered - registered) * rng.uniform(0.05, 0.3), timedelta(days=6.5))
        moves.append(Move(S.REDIRECTED, redirected, "redirected"))
        moves.append(
            Move(S.IN_PROGRESS, redirected + (answered - redirected) * rng.uniform(0.1, 0.5), "in_progress")
        )
    elif route < 0.18:  # a consultation: answered straight from registered
        pass
    else:
        moves.append(
            Move(S.IN_PROGRESS, registered + (answered - registered) * rng.uniform(0.05, 0.4), "in_progress")
        )
    moves.append(Move(S.ANSWERED, answered, "answered"))
    if rng.random() < 0.06:  # the resident says it is not fixed
        reopened = answered + _days(rng, 1.0, 6.0)
        moves.append(Move(S.REOPENED, reopened, "reopened"))
        moves.append(Move(S.IN_PROGRESS, reopened + _days(rng, 0.1, 1.0), "in_progress"))
        answered = reopened + _days(rng, 2.0, 10.0)
        moves.append(Move(S.ANSWERED, answered, "answered"))
    moves.append(Move(S.CLOSED, answered + _days(rng, 1.0, 9.0), "closed"))
    return _cut(moves, now)


def proposal_life(rng: np.random.Generator, *, created: datetime, now: datetime) -> Life:
    """The life of a proposal: moderation, publication, review by the commission, implementation."""
    moves = [Move(S.NEW, created, "new")]
    if rng.random() < 0.08:
        moves.append(Move(S.REJECTED, created + _days(rng, 0.2, 3.0), "rejected_moderation"))
        return _cut(moves, now)
    published = created + _days(rng, 0.2, 3.0)
    moves.append(Move(S.PUBLISHED, published, "published"))
    if rng.random() < 0.3:  # not enough support: stays published
        return _cut(moves, now)
    review = published + _days(rng, 14.0, 45.0)
    moves.append(Move(S.UNDER_REVIEW, review, "under_review"))
    decided = review + _days(rng, 10.0, 40.0)
    if rng.random() < 0.45:
        moves.append(Move(S.ACCEPTED, decided, "accepted"))
        if rng.random() < 0.6:
            moves.append(Move(S.IMPLEMENTED, decided + _days(rng, 60.0, 200.0), "implemented"))
    else:
        moves.append(Move(S.REJECTED, decided, "rejected_proposal"))
    return _cut(moves, now)


TERMINAL = frozenset({S.CLOSED, S.REJECTED, S.DUPLICATE, S.IMPLEMENTED})


def _cut(moves: list[Move], now: datetime) -> Life:
    kept = [m for m in moves if m.at <= now] or moves[:1]
    status = kept[-1].to_status
    registered = next((m.at for m in kept if m.to_status == S.REGISTERED), None)
    answered = None
    if status in (S.ANSWERED, S.CLOSED):
        answered = next(m.at for m in reversed(kept) if m.to_status == S.ANSWERED)
    elif status in (S.ACCEPTED, S.IMPLEMENTED) or kept[-1].reason == "rejected_proposal":
        answered = next(m.at for m in kept if m.to_status in (S.ACCEPTED, S.REJECTED))  # the decision
    closed = kept[-1].at if status in TERMINAL else None
    return Life(moves=kept, status=status, registered_at=registered, answered_at=answered, closed_at=closed)
