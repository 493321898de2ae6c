"""Whether an article reports the same event as a story: features of the pair and a learned score.

Same topic is not same event: twenty-five traffic accidents share their words, not their places, days, people
or casualty counts. So besides the cosine of words (title and body) the score reads the people and bodies both
name (weighted by how rare their names are), the places (a named place the story never mentions counts against),
the gap between the article's event day and the story's, shared numbers and shared speakers. The weights are a
logistic regression learned from hand-grouped days of Saudi news (training/story_model.py); the model file says
which day it was trained on and the threshold chosen there.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from .dense import cosine
from .profile import ArticleProfile, StoryProfile, dot

MAX_GAP_DAYS = 4
FEATURES = ("cos_terms", "cos_title", "cos_lead", "cos_chars", "cos_dense", "cos_title_dense", "actors_shared",
            "actors_disjoint", "lead_if_disjoint", "actors_missing", "places_shared", "places_conflict", "day_gap",
            "no_day", "numbers_shared", "speakers_shared", "size", "copy_score")


def _cos(a: dict[str, float], s: dict[str, float], norm: float) -> float:
    """Cosine of a unit vector with a story's summed vector of the given norm."""
    if not a or not s or not norm:
        return 0.0
    return dot(a, s) / norm


def _missing(a: ArticleProfile, s: StoryProfile) -> float:
    """How much of what most of the story's articles name (weighted by rarity) the article does not name; 0 when
    the article names no one (a short item is not evidence of another event)."""
    weight, total = s.usual_actor_weights()
    if not weight or not a.actors:
        return 0.0
    return sum(w for k, w in weight.items() if k not in a.actors) / (total or 1.0)


def features(a: ArticleProfile, s: StoryProfile, copy: float = 0.0) -> np.ndarray:
    """copy: the score of the closest duplicate pair between the article and one of the story's articles."""
    total = sum(a.actors.values())
    shared = sum(w for k, w in a.actors.items() if k in s.actors)
    usual_places = s.frequent("places")
    gap = min((abs(a.day - d) for d in s.days), default=None) if a.day is not None else None
    disjoint = 1.0 if a.actors and s.actors and not shared else 0.0
    norms = s.norms()
    lead = _cos(a.lead, s.lead, norms["lead"])
    return np.array([
        _cos(a.terms, s.terms, norms["terms"]),
        _cos(a.title, s.title, norms["title"]),
        lead,
        _cos(a.chars, s.chars, norms["chars"]),
        cosine(a.dense, s.dense, norms["dense"]),
        cosine(a.title_dense, s.title_dense, norms["title_dense"]),
        shared / total if total else 0.0,
        disjoint,                       # both name people or bodies, none the same: same kind, other actors
        lead * disjoint,
        _missing(a, s),
        1.0 if a.places.keys() & s.places.keys() else 0.0,
        1.0 if usual_places and a.places and not usual_places & a.places.keys() else 0.0,
        min(gap, MAX_GAP_DAYS) / MAX_GAP_DAYS if gap is not None else 0.0,
        1.0 if gap is None else 0.0,
        1.0 if a.numbers & s.numbers.keys() else 0.0,
        1.0 if a.speakers & s.speakers.keys() else 0.0,
        math.log1p(s.n) / 5,
        copy,
    ], dtype=np.float64)


@dataclass(frozen=True)
class EventModel:
    coef: np.ndarray
    intercept: float
    threshold: float                 # the probability at which an article joins a story
    trained_on: str = ""
    merge_threshold: float = 1.01    # the probability at which a story opened in a run folds into another

    def score(self, x: np.ndarray) -> float:
        return float(1.0 / (1.0 + math.exp(-(x @ self.coef + self.intercept))))

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "coef": [round(float(c), 6) for c in self.coef],
                "intercept": round(self.intercept, 6), "threshold": self.threshold, "trained_on": self.trained_on,
                "merge_threshold": self.merge_threshold}

    @classmethod
    def from_json(cls, data: dict) -> EventModel:
        if tuple(data["features"]) != FEATURES:
            raise ValueError("the story model was trained on other features: run training/story_model.py")
        return cls(np.array(data["coef"], dtype=np.float64), float(data["intercept"]), float(data["threshold"]),
                   data.get("trained_on", ""), float(data.get("merge_threshold", 1.01)))


@lru_cache(maxsize=1)
def shipped_model() -> EventModel:
    text = resources.files("marsad.models").joinpath("story_event.json").read_text(encoding="utf-8")
    return EventModel.from_json(json.loads(text))
