"""Suggest SDG targets for what an engagement is about, offline.

A ranking over the 169 official target texts (cities/data/sdg/), each
enriched with its indicators, its goal's title and the curated words a city
office uses for it (cities/data/sdg_keywords.yml). Text is matched with
scikit-learn TF-IDF twice over: words and word pairs (bigrams), and character
n-grams within words, so "recycled" meets "recycling" without a stemmer. A
target's score adds a share of its goal's score, so a description clearly
about one goal lifts that goal's targets.

Pure: no database, no network; the index is built once per process from the
files shipped with the app. ``suggest_targets`` takes text and returns codes;
callers map codes to ``SdgTarget`` rows.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize

from cities import sdg_data

KEYWORDS_FILE = Path(__file__).resolve().parent / "data" / "sdg_keywords.yml"

# Words every target text uses that say nothing about its subject.
FRAMEWORK_WORDS = frozenset(
    (
        "2015",
        "2020",
        "2025",
        "2030",
        "ensure",
        "including",
        "particular",
        "substantially",
        "significantly",
        "achieve",
        "strengthen",
        "enhance",
        "promote",
        "implement",
        "implementing",
        "implementation",
        "support",
        "increase",
        "reduce",
        "countries",
        "country",
        "developing",
        "developed",
        "least",
        "states",
        "small",
        "island",
        "proportion",
        "number",
        "per",
        "cent",
        "total",
        "rate",
        "ratio",
        "levels",
        "level",
        "national",
        "regional",
        "global",
        "world",
        "people",
        "persons",
        "accordance",
        "relevant",
        "appropriate",
        "respectively",
        "measures",
        "progress",
        "all",
        "everywhere",
        "forms",
    )
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | FRAMEWORK_WORDS
WORD = re.compile(r"[a-z][a-z0-9]+(?:-[a-z0-9]+)*")

WORD_WEIGHT = 0.6  # words and bigrams carry the meaning…
CHAR_WEIGHT = 0.4  # …character n-grams catch other forms of the same word
GOAL_WEIGHT = 0.5  # share of the goal's own score added to each of its targets
MAX_QUERY_CHARS = 5000


def _clean(text: str) -> str:
    """Lower-cased words without stop words (the same for targets and queries)."""
    return " ".join(w for w in WORD.findall(text.lower()) if w not in STOP_WORDS)


@dataclass(frozen=True)
class TargetSuggestion:
    code: str
    goal: int
    score: float


class SdgRanker:
    """TF-IDF index of the targets and the goals; ``rank`` orders every target."""

    def __init__(self, goals, targets, indicators, keywords):
        goal_text = {number: f"{short} {title}" for number, short, title, _colour in goals}
        goal_words = {int(k): v for k, v in (keywords.get("goals") or {}).items()}
        target_words = {str(k): v for k, v in (keywords.get("targets") or {}).items()}
        by_target: dict[str, list[str]] = {}
        for code, title in indicators:
            by_target.setdefault(code.rsplit(".", 1)[0], []).append(title)

        self.codes = [code for code, _title in targets]
        self.goals = [int(code.split(".")[0]) for code in self.codes]
        target_docs = []
        for code, title in targets:
            goal = int(code.split(".")[0])
            # The curated words are repeated: a short list must weigh against
            # the long official sentences around it.
            extra = target_words.get(code, "")
            target_docs.append(
                " ".join([title, *by_target.get(code, []), goal_text[goal], extra, extra])
            )
        self.goal_numbers = sorted(goal_text)
        goal_docs = [
            " ".join(
                [goal_text[n], goal_words.get(n, ""), goal_words.get(n, "")]
                + [doc for doc, g in zip(target_docs, self.goals, strict=True) if g == n]
            )
            for n in self.goal_numbers
        ]

        common = {"preprocessor": _clean, "sublinear_tf": True}
        self.words = TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"\S+", **common)
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), **common)
        self.goal_index = TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"\S+", **common)
        self.target_words = self.words.fit_transform(target_docs)
        self.target_chars = self.chars.fit_transform(target_docs)
        self.goal_matrix = self.goal_index.fit_transform(goal_docs)
        self.goal_row = {n: i for i, n in enumerate(self.goal_numbers)}

    def scores(self, text: str) -> list[float]:
        text = text[:MAX_QUERY_CHARS]
        if not _clean(text):
            return [0.0] * len(self.codes)
        words = normalize(self.words.transform([text]))
        chars = normalize(self.chars.transform([text]))
        goal = normalize(self.goal_index.transform([text]))
        by_words = (self.target_words @ words.T).toarray().ravel()
        by_chars = (self.target_chars @ chars.T).toarray().ravel()
        by_goal = (self.goal_matrix @ goal.T).toarray().ravel()
        return [
            WORD_WEIGHT * w + CHAR_WEIGHT * c + GOAL_WEIGHT * by_goal[self.goal_row[g]]
            for w, c, g in zip(by_words, by_chars, self.goals, strict=True)
        ]

    def rank(self, text: str) -> list[TargetSuggestion]:
        """Every target, best first (ties in official order)."""
        scored = [
            TargetSuggestion(code=code, goal=goal, score=float(score))
            for code, goal, score in zip(self.codes, self.goals, self.scores(text), strict=True)
        ]
        return sorted(scored, key=lambda s: -s.score)


@lru_cache(maxsize=1)
def ranker() -> SdgRanker:
    with open(KEYWORDS_FILE, encoding="utf-8") as fh:
        keywords = yaml.safe_load(fh)
    return SdgRanker(sdg_data.goals(), sdg_data.targets(), sdg_data.indicators(), keywords)


def suggest_targets(text: str, *, limit: int = 10, min_score: float = 0.0):
    """The ``limit`` SDG targets most relevant to ``text``, best first.

    Empty or stop-word-only text suggests nothing.
    """
    if not _clean(text or ""):
        return []
    ranked = ranker().rank(text)
    return [s for s in ranked[:limit] if s.score > min_score]


def _goals_in_order(ranked: list[TargetSuggestion]) -> list[int]:
    return list(dict.fromkeys(suggestion.goal for suggestion in ranked))


def rank_goals(text: str) -> list[int]:
    """Goals in the order their best target ranks."""
    return _goals_in_order(ranker().rank(text or ""))


# --- evaluation on the labelled set ---------------------------------------------

LABELLED_FILE = Path(__file__).resolve().parent / "data" / "sdg_labelled_engagements.csv"
GOALS_CUTOFF = 5
TARGETS_CUTOFF = 10


@dataclass(frozen=True)
class LabelledEngagement:
    """An engagement description with the goals and targets a specialist picked."""

    title: str
    description: str
    topics: tuple[str, ...]
    goals: frozenset[int]
    targets: frozenset[str]

    @property
    def text(self) -> str:
        """What the engagement form sends: title, summary and the ticked topics' names."""
        return " ".join([self.title, self.description, *self.topics])


def labelled_engagements(path: Path = LABELLED_FILE) -> list[LabelledEngagement]:
    def split(value: str) -> list[str]:
        return [part.strip() for part in value.split(";") if part.strip()]

    with open(path, encoding="utf-8", newline="") as fh:
        return [
            LabelledEngagement(
                title=row["title"],
                description=row["description"],
                topics=tuple(split(row["topics"])),
                goals=frozenset(int(goal) for goal in split(row["goals"])),
                targets=frozenset(split(row["targets"])),
            )
            for row in csv.DictReader(fh)
        ]


@dataclass(frozen=True)
class Evaluation:
    """Recall of the suggestions on a labelled set (macro: the mean over engagements)."""

    engagements: int
    goal_recall: float  # share of a specialist's goals among the top 5 suggested goals
    target_recall: float  # share of a specialist's targets among the top 10 suggestions


def evaluate(items: list[LabelledEngagement]) -> Evaluation:
    goal_recalls, target_recalls = [], []
    for item in items:
        ranked = ranker().rank(item.text)
        top_goals = set(_goals_in_order(ranked)[:GOALS_CUTOFF])
        top_targets = {s.code for s in ranked[:TARGETS_CUTOFF]}
        goal_recalls.append(len(item.goals & top_goals) / len(item.goals))
        target_recalls.append(len(item.targets & top_targets) / len(item.targets))
    count = len(items)
    return Evaluation(
        engagements=count,
        goal_recall=sum(goal_recalls) / count if count else 0.0,
        target_recall=sum(target_recalls) / count if count else 0.0,
    )
