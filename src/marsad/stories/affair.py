"""Whether two stories tell one affair: a happening and what follows from it (the bombing, the bomber named, each
condemnation, each funeral of its victims), the level a story is meant to be.

Placement (stories/assign.py) puts an article with the story of its own happening; a condemnation by one body
and the funeral of a victim are other happenings, in other words and with other people, so they open stories of
their own. Seen whole, such a story names the place and the incident of the larger one and sits in its
vocabulary; seen alone, one article seldom does enough of that. So stories of nearby days are compared as wholes,
the smaller with the larger, by a small tree ensemble (gradient boosting, training/affair_model.py) learned from
hand-grouped days of Saudi news on the features of stories/event.py plus what two wholes share: the rarest place
and actor both name often, the words of every place and every actor each names (a place is spelled many ways across
outlets and no single spelling is named by most of a story's articles), their heaviest words and title words, and
the smaller one's size. Trees, because the evidence interacts (a shared rare place counts when the words agree, not
alone); the ensemble is read from JSON and walked with numpy, no scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import numpy as np

from .event import FEATURES, features
from .profile import StoryProfile, dot, entity_weight

AFFAIR_FEATURES = FEATURES + ("rare_place", "rare_actor", "top_terms", "top_title", "size_smaller", "single",
                               "place_words", "actor_words")
TOP_WORDS = 10           # a story's heaviest words compared with the other's
TOP_TITLE = 5


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Of two unit vectors, walking the shorter."""
    if len(a) > len(b):
        a, b = b, a
    return dot(a, b)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


class Folding:
    """A story about to be compared with its candidates: what of it every comparison reads, computed once."""

    def __init__(self, small: StoryProfile, small_id: str = ""):
        self.small = small
        self.article = small.as_article(small_id)
        self.top_terms = small.top("terms", TOP_WORDS)
        self.top_title = small.top("title", TOP_TITLE)
        self.size = [math.log1p(small.n) / 5, float(small.n == 1)]

    def features(self, large: StoryProfile) -> np.ndarray:
        a = self.article
        rare_place = max((entity_weight(k) for k in a.places.keys() & large.places.keys()), default=0.0)
        rare_actor = max((entity_weight(k) for k in a.actors.keys() & large.frequent("actors")),
                         default=0.0)
        extra = [rare_place / 10, rare_actor / 10, _jaccard(self.top_terms, large.top("terms", TOP_WORDS)),
                 _jaccard(self.top_title, large.top("title", TOP_TITLE))] + self.size
        extra += [_cosine(self.small.name_words(name), large.name_words(name)) for name in ("places", "actors")]
        return np.concatenate([features(a, large, 0.0), extra])


def affair_features(small: StoryProfile, large: StoryProfile, small_id: str = "") -> np.ndarray:
    """small: the story that may fold into `large`."""
    return Folding(small, small_id).features(large)


@dataclass(frozen=True)
class AffairModel:
    """Boosted regression trees over AFFAIR_FEATURES; each node is (feature, threshold, left, right, value), a
    leaf has feature -1."""
    baseline: float
    trees: tuple[tuple[tuple[int, float, int, int, float], ...], ...]
    threshold: float                 # the probability at which the smaller story folds into the larger
    trained_on: str = ""

    def score(self, x: np.ndarray) -> float:
        return float(self.scores(x.reshape(1, -1))[0])

    def scores(self, X: np.ndarray) -> np.ndarray:
        """The probability of each row; all trees walked at once, one level a step (numpy), since a story is
        compared with dozens of candidates."""
        feature, threshold, left, right, value, depth = self._packed
        trees = np.arange(feature.shape[0])[:, None]
        rows = np.arange(X.shape[0])[None, :]
        node = np.zeros((feature.shape[0], X.shape[0]), dtype=np.int64)
        for _ in range(depth):
            f = feature[trees, node]
            leaf = f < 0
            go_left = X[rows, np.where(leaf, 0, f)] <= threshold[trees, node]
            node = np.where(leaf, node, np.where(go_left, left[trees, node], right[trees, node]))
        raw = self.baseline + value[trees, node].sum(axis=0)
        return 1.0 / (1.0 + np.exp(-raw))

    @cached_property
    def _packed(self):
        """The trees as arrays (feature, threshold, left, right, value: trees × nodes) and the deepest depth."""
        packed = np.zeros((5, len(self.trees), max(len(t) for t in self.trees)))
        packed[0] = -1
        for i, tree in enumerate(self.trees):
            packed[:, i, :len(tree)] = np.array(tree, dtype=np.float64).T
        as_int = [packed[k].astype(np.int64) for k in (0, 2, 3)]
        return as_int[0], packed[1], as_int[1], as_int[2], packed[4], max(_depth(t) for t in self.trees)

    def to_json(self) -> dict:
        return {"features": list(AFFAIR_FEATURES), "baseline": round(self.baseline, 6),
                "trees": [[list(n) for n in t] for t in self.trees], "threshold": self.threshold,
                "trained_on": self.trained_on}

    @classmethod
    def from_json(cls, data: dict) -> AffairModel:
        if tuple(data["features"]) != AFFAIR_FEATURES:
            raise ValueError("the affair model was trained on other features: run training/affair_model.py")
        trees = tuple(tuple((int(f), float(t), int(left), int(right), float(v)) for f, t, left, right, v in tree)
                      for tree in data["trees"])
        return cls(float(data["baseline"]), trees, float(data["threshold"]), data.get("trained_on", ""))

    @classmethod
    def from_sklearn(cls, clf, threshold: float, trained_on: str) -> AffairModel:
        """From a fitted HistGradientBoostingClassifier (binary, numeric features, no missing values)."""
        trees = []
        for (predictor,) in clf._predictors:
            trees.append(tuple((-1 if n["is_leaf"] else int(n["feature_idx"]), round(float(n["num_threshold"]), 6),
                                int(n["left"]), int(n["right"]), round(float(n["value"]), 6))
                               for n in predictor.nodes))
        return cls(float(np.ravel(clf._baseline_prediction)[0]), tuple(trees), threshold, trained_on)


def _depth(tree, node: int = 0) -> int:
    f, _, left, right, _ = tree[node]
    return 0 if f < 0 else 1 + max(_depth(tree, left), _depth(tree, right))


@lru_cache(maxsize=1)
def shipped_affair_model() -> AffairModel | None:
    path = resources.files("marsad.models").joinpath("story_affair.json")
    if not path.is_file():
        return None
    return AffairModel.from_json(json.loads(path.read_text(encoding="utf-8")))
