"""Small, real notebooks for the demo's snapshots: code a group would write, with outputs.

Cell ids are fixed, so a later version of a notebook keeps its cells' identity (the
snapshot diff then shows an edit, not a delete and an insert).
"""

from __future__ import annotations

from typing import Any


def _code(cell_id: str, source: str, output: str | None = None, count: int | None = None) -> Any:
    outputs = []
    if output is not None:
        outputs.append({"output_type": "stream", "name": "stdout", "text": output})
    return {
        "id": cell_id,
        "cell_type": "code",
        "source": source,
        "metadata": {},
        "execution_count": count,
        "outputs": outputs,
    }


def _md(cell_id: str, source: str) -> Any:
    return {"id": cell_id, "cell_type": "markdown", "source": source, "metadata": {}}


def _table(cell_id: str, source: str, text: str, html: str, count: int) -> Any:
    cell = _code(cell_id, source, None, count)
    cell["outputs"] = [
        {
            "output_type": "execute_result",
            "execution_count": count,
            "metadata": {},
            "data": {"text/plain": text, "text/html": html},
        }
    ]
    return cell


def notebook(cells: list[Any]) -> dict[str, Any]:
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "version": "3.11.9"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def load_reviews(version: int) -> dict[str, Any]:
    """Loading and de-duplicating the Amazon Fine Food Reviews (two versions)."""
    cells = [
        _md("intro", "# Loading the reviews\nOne loader for the whole group (stage 1)."),
        _code(
            "load",
            'import pandas as pd\n\nreviews = pd.read_csv("data/Reviews.csv")\nreviews.shape',
            "(568454, 10)\n",
            1,
        ),
        _code(
            "dates",
            'reviews["Time"] = pd.to_datetime(reviews["Time"], unit="s")\n'
            'reviews["Time"].min(), reviews["Time"].max()',
            "(Timestamp('1999-10-08 00:00:00'), Timestamp('2012-10-26 00:00:00'))\n",
            2,
        ),
    ]
    if version >= 2:
        cells.append(_md("dedup-md", "## Duplicates\nSame user, same time, same text: one review."))
        cells.append(
            _code(
                "dedup",
                'key = ["UserId", "Time", "Text"]\n'
                "before = len(reviews)\n"
                "reviews = reviews.drop_duplicates(subset=key)\n"
                'print(f"removed {before - len(reviews):,} duplicates")',
                "removed 174,521 duplicates\n",
                3,
            )
        )
        cells.append(
            _table(
                "scores",
                'reviews["Score"].value_counts().sort_index()',
                "Score\n1     36280\n2     20802\n3     29772\n4     56087\n5    250992",
                "<table><tr><th>Score</th><th>count</th></tr>"
                "<tr><td>1</td><td>36280</td></tr><tr><td>5</td><td>250992</td></tr></table>",
                4,
            )
        )
    return notebook(cells)


def sentiment_baseline() -> dict[str, Any]:
    return notebook(
        [
            _md("intro", "# Sentiment: VADER baseline\nCompound score against the stars."),
            _code(
                "vader",
                "from nltk.sentiment import SentimentIntensityAnalyzer\n\n"
                "sia = SentimentIntensityAnalyzer()\n"
                'score = lambda text: sia.polarity_scores(text)["compound"]\n'
                'sample["compound"] = sample["Text"].map(score)',
                None,
                1,
            ),
            _code(
                "corr",
                'sample[["compound", "Score"]].corr().iloc[0, 1].round(3)',
                "0.462\n",
                2,
            ),
        ]
    )


def linear_regression(version: int) -> dict[str, Any]:
    """A mentee's first regression on the house-prices data."""
    cells = [
        _md("intro", "# House prices: a first linear regression"),
        _code(
            "fit",
            "from sklearn.linear_model import LinearRegression\n"
            "from sklearn.model_selection import train_test_split\n\n"
            'features = ["OverallQual", "GrLivArea", "GarageCars", "TotalBsmtSF", "YearBuilt"]\n'
            "X_train, X_test, y_train, y_test = train_test_split(\n"
            '    houses[features], houses["SalePrice"], random_state=0)\n'
            "model = LinearRegression().fit(X_train, y_train)\n"
            'print(f"R² on test: {model.score(X_test, y_test):.3f}")',
            "R² on test: 0.781\n",
            1,
        ),
    ]
    if version >= 2:
        cells.append(
            _md("note", "The residuals fan out for expensive houses: try `log(SalePrice)`.")
        )
        cells.append(
            _code(
                "log",
                "import numpy as np\n\n"
                "model = LinearRegression().fit(X_train, np.log(y_train))\n"
                'print(f"R² on test (log price): {model.score(X_test, np.log(y_test)):.3f}")',
                "R² on test (log price): 0.842\n",
                2,
            )
        )
    return notebook(cells)


def method_chaining() -> dict[str, Any]:
    return notebook(
        [
            _md("intro", "# pandas method chaining\nWhat I made in this learning-club round."),
            _code(
                "chain",
                "(trips\n"
                ' .query("distance_km > 0")\n'
                " .assign(speed=lambda d: d.distance_km / d.hours)\n"
                ' .groupby("weekday")["speed"]\n'
                " .median()\n"
                " .round(1))",
                "weekday\nMon    14.2\nTue    13.9\nWed    14.0\nThu    13.6\nFri    12.8\n",
                1,
            ),
        ]
    )


def air_quality_api() -> dict[str, Any]:
    return notebook(
        [
            _md("intro", "# Serving the PM2.5 forecast\nA first endpoint for the front end."),
            _code(
                "predict",
                "def forecast(lat: float, lon: float) -> dict:\n"
                "    features = nearest_station_features(lat, lon)\n"
                "    pm25 = float(model.predict(features)[0])\n"
                '    return {"pm25": round(pm25, 1), "band": band(pm25)}\n\n'
                "forecast(52.52, 13.40)",
                "{'pm25': 11.8, 'band': 'fair'}\n",
                1,
            ),
        ]
    )
