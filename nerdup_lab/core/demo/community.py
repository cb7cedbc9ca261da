"""Who is in the demo community and what their groups have done so far.

Six people in five groups, each group started from a shipped template at a different
stage: one far along, one in its first weeks, one finished, one still forming and
choosing its direction, one mentorship stream. Days count back from today.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import notebooks

PEOPLE = {
    "ada": "Ada Okafor",
    "ben": "Ben Müller",
    "chloe": "Chloé Martin",
    "dev": "Dev Patel",
    "emma": "Emma Larsen",
    "farid": "Farid Haddad",
}


@dataclass(frozen=True)
class SnapshotSpec:
    days_ago: int
    author: str
    path: str
    build: Callable[[], dict[str, Any]]
    message: str
    task: str | None = None  # title of the task it belongs to


@dataclass(frozen=True)
class ProposalSpec:
    days_ago: int
    author: str
    title: str
    goal: str
    votes: tuple[tuple[str, str], ...] = ()
    decision: str | None = None  # "adopt" or "reject", by the organizer


@dataclass(frozen=True)
class GroupSpec:
    template: str
    title: str
    started_days_ago: int
    organizer: str
    members: tuple[tuple[str, str], ...]
    status: str = "active"
    # Milestones fully done, and whether the next one is under way.
    done_milestones: int = 0
    active: bool = True
    retrospectives: tuple[tuple[str, str], ...] = ()  # (obstacles, solutions) per done one
    snapshots: tuple[SnapshotSpec, ...] = ()
    proposals: tuple[ProposalSpec, ...] = ()
    personal_tasks: tuple[tuple[str, str], ...] = ()  # (member, title) in the active stage
    extra: dict[str, Any] = field(default_factory=dict)


GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec(
        template="amazon-fine-food-recommender",
        title="Food reviews recommender (Thursday meetup)",
        started_days_ago=38,
        organizer="ada",
        members=(
            ("ben", "participant"),
            ("chloe", "participant"),
            ("dev", "participant"),
            ("emma", "follower"),
        ),
        done_milestones=2,
        retrospectives=(
            (
                "Almost a third of the reviews are duplicates across product variants, and "
                "`Reviews.csv` does not fit in Ben's laptop memory with default dtypes.",
                "Dropped duplicates on (UserId, Time, Text); load with explicit dtypes and "
                "keep a Parquet copy (1.1 GB → 290 MB). Split fixed at 2011-06-01.",
            ),
            (
                "VADER misreads sarcasm and negations (“not bad at all”); 3-star reviews blur "
                "both classes.",
                "Dropped 3-star reviews for training; tf-idf with bigrams + logistic "
                "regression reaches F1 0.91 against 0.78 for VADER. We carry the model on.",
            ),
        ),
        snapshots=(
            SnapshotSpec(
                34,
                "ben",
                "food-reviews/01-load.ipynb",
                lambda: notebooks.load_reviews(1),
                "Loader with dtypes",
                "Download the data and write a loader notebook",
            ),
            SnapshotSpec(
                31,
                "ben",
                "food-reviews/01-load.ipynb",
                lambda: notebooks.load_reviews(2),
                "Remove duplicates, score counts",
                "Find and remove duplicate reviews",
            ),
            SnapshotSpec(
                20,
                "chloe",
                "food-reviews/02-sentiment.ipynb",
                notebooks.sentiment_baseline,
                "VADER baseline",
                "Lexicon baseline with VADER",
            ),
        ),
        proposals=(
            ProposalSpec(
                6,
                "dev",
                "Topic modelling before clustering",
                "Run LDA on the review text and cluster products on topic mixtures; compare "
                "with tf-idf clusters.",
                votes=(("ben", "up"), ("chloe", "up"), ("emma", "up"), ("ada", "down")),
            ),
        ),
        personal_tasks=(("chloe", "Read the matrix factorisation paper before stage 5"),),
    ),
    GroupSpec(
        template="ml-mentorship-stream-1",
        title="ML mentorship, stream 1 (autumn cohort)",
        started_days_ago=23,
        organizer="chloe",
        members=(("farid", "mentor"), ("emma", "participant"), ("dev", "participant")),
        done_milestones=2,
        retrospectives=(
            (
                "Framing a churn question as regression by mistake.",
                "Farid's checklist: what is the target, when is it known, what action follows.",
            ),
            ("Residuals fanned out for expensive houses.", "Model log(price) instead."),
        ),
        snapshots=(
            SnapshotSpec(
                15,
                "emma",
                "mentorship/linear-regression.ipynb",
                lambda: notebooks.linear_regression(1),
                "First fit",
                "Fit a regression on house prices",
            ),
            SnapshotSpec(
                12,
                "emma",
                "mentorship/linear-regression.ipynb",
                lambda: notebooks.linear_regression(2),
                "Log target after mentor review",
                "Residual plots",
            ),
        ),
        proposals=(
            ProposalSpec(
                9,
                "emma",
                "Extra session on feature scaling",
                "Half a session on why k-means and SVMs need scaled features.",
                votes=(("dev", "up"), ("farid", "up")),
                decision="adopt",
            ),
        ),
    ),
    GroupSpec(
        template="learning-club-round",
        title="Learning club: pandas method chaining",
        started_days_ago=30,
        organizer="ben",
        members=(("ada", "participant"), ("dev", "participant"), ("farid", "participant")),
        status="finished",
        done_milestones=4,
        active=False,
        retrospectives=(
            ("", ""),
            ("Long chains are hard to debug.", "`.pipe(print_shape)` between steps."),
            ("", ""),
            ("Two weeks felt short for the shy ones.", "Pair people up at the kick-off."),
        ),
        snapshots=(
            SnapshotSpec(
                22,
                "dev",
                "learning-club/method-chaining.ipynb",
                notebooks.method_chaining,
                "What I made",
                "Work on your goal",
            ),
        ),
    ),
    GroupSpec(
        template="retail-data-challenge",
        title="Retail data challenge",
        started_days_ago=-5,
        organizer="farid",
        members=(("ada", "participant"), ("ben", "participant"), ("emma", "participant")),
        status="forming",
        active=False,
        proposals=(
            ProposalSpec(
                4,
                "ada",
                "Direction: demand forecasting",
                "Forecast weekly sales per product for the next four weeks.",
                votes=(("ada", "up"), ("ben", "up")),
            ),
            ProposalSpec(
                3,
                "emma",
                "Direction: customer segmentation",
                "RFM segments and who is about to churn.",
                votes=(("emma", "up"),),
            ),
            ProposalSpec(
                2,
                "ben",
                "Direction: basket analysis",
                "Which products are bought together?",
                votes=(("farid", "down"),),
                decision="reject",
            ),
        ),
    ),
    GroupSpec(
        template="front-end-for-a-good-cause",
        title="Clean air for Berlin schools",
        started_days_ago=9,
        organizer="dev",
        members=(("emma", "participant"), ("ada", "mentor")),
        done_milestones=1,
        retrospectives=(
            (
                "The model predicts a daily mean; parents ask about the afternoon.",
                "Show the daily band and say plainly that hours are not predicted yet.",
            ),
        ),
        snapshots=(
            SnapshotSpec(
                2,
                "emma",
                "clean-air/serve.ipynb",
                notebooks.air_quality_api,
                "First endpoint",
                "Prediction endpoint",
            ),
        ),
    ),
)
