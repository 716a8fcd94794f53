"""What the analysts' own coding teaches: the issue and stance of a sentence the rules could not place.

The rules find who speaks and how, but a new article words its topic in ways no cue list
foresees ("Asia is not a chessboard", "a war machine with no place on the peninsula"). Every
article an analyst has coded is a set of examples: the sentences that carry a coded statement,
with its issue and stance, and the sentences that carry none. A word-and-phrase classifier
(TF-IDF and logistic regression, from scikit-learn) trained on them proposes an issue, and a
stance on it, for a statement the rules left unassigned, and corrects the side the rules read
when it is nearly certain they read it wrong; it says nothing when it is unsure.

The model is trained when it is needed, from the annotated articles on disk, in a few seconds;
it grows with every article saved (`training.py`). Evaluation trains it without the articles it
scores.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

NONE = "(none)"  # the class of a sentence that carries no coded statement

# Thresholds tuned on articles left out of training (see the evaluation README). A proposal
# takes the model's issue only when the model gives it at least this probability and prefers it
# to "no statement"...
MIN_ISSUE_PROBABILITY = 0.35
# ...and the model overrules the stance the rules read only when it is quite sure: the rules read
# stance words in their grammatical place, the model only which words occur.
MIN_STANCE_OVERRULE_PROBABILITY = 0.8
# It moves a statement to another issue when it favours that issue at least this much and gives
# the issue the rules chose almost no chance.
MIN_ISSUE_OVERRULE_PROBABILITY = 0.4
MAX_OVERRULED_ISSUE_PROBABILITY = 0.2
# A proposal's confidence when its issue came from the model: below any the rules give.
LEARNED_CONFIDENCE_CAP = 0.5


def training_examples(documents: pd.DataFrame, annotations: pd.DataFrame) -> pd.DataFrame:
    """Sentences of annotated articles with the issue and stance coded there.

    `documents` has `doc_id` and `text`; `annotations` has `doc_id`, `issue_id`, `stance`,
    `quote` and optionally `occurrence`. Quotes are found as the build finds them
    (`tracker.build.locate_quotes`); one the build would refuse teaches nothing. A sentence with
    two coded statements gives two rows; a sentence with none gives one row of issue `NONE`.
    """
    from tracker.build import locate_quotes
    from tracker.extract.segment import split_sentences

    coded = annotations[
        (annotations["quote"].astype(str) != "") & (annotations["issue_id"].astype(str) != "")
    ]
    coded = coded.assign(
        _file="",
        _line="",
        statement_id="",
        occurrence=coded.get("occurrence", ""),
    )
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    starts, _ = locate_quotes(coded, texts)
    coded = coded.loc[starts.index].assign(
        start=starts, end=starts + coded.loc[starts.index, "quote"].str.len()
    )
    frames = []
    for doc_id, text in texts.items():
        sentences = pd.DataFrame(split_sentences(text), columns=["start", "end", "text"])
        if sentences.empty:
            continue
        mine = coded[coded["doc_id"] == doc_id]
        # the sentences a quote spans: from the one it starts in to the one its last character is in
        first = np.searchsorted(sentences["start"], mine["start"], side="right") - 1
        last = np.searchsorted(sentences["start"], mine["end"] - 1, side="right") - 1
        spans = pd.DataFrame(
            {
                "sentence": [
                    range(max(f, 0), max(t, 0) + 1) for f, t in zip(first, last, strict=True)
                ]
            }
        ).assign(issue_id=mine["issue_id"].to_numpy(), stance=mine["stance"].to_numpy())
        spans = spans.explode("sentence").drop_duplicates()
        hit = sentences.loc[spans["sentence"].astype(int), "text"].to_numpy()
        frames.append(spans.assign(text=hit, doc_id=doc_id))
        unused = ~sentences.index.isin(spans["sentence"].astype(int))
        frames.append(
            sentences.loc[unused, ["text"]].assign(doc_id=doc_id, issue_id=NONE, stance="")
        )
    columns = ["doc_id", "text", "issue_id", "stance"]
    return (
        pd.concat([f[columns] for f in frames], ignore_index=True)
        if frames
        else pd.DataFrame(columns=columns)
    )


def _issue_marked(texts: pd.Series, issues: pd.Series) -> list[str]:
    """Texts prefixed with a token naming the issue, so that stance words can depend on it."""
    return [f"issue_{issue} {text}" for text, issue in zip(texts, issues, strict=True)]


@dataclass
class StatementModel:
    """An issue classifier and a stance classifier trained on coded sentences."""

    issue_model: object
    stance_model: object | None
    examples: int
    # which of the proposals to suggest (`tracker.extract.ranking`), when trained with one
    ranker: object | None = None

    @classmethod
    def fit(cls, examples: pd.DataFrame) -> StatementModel | None:
        """A model trained on `examples` (`training_examples`), or None with too little to learn."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline

        coded = examples[examples["issue_id"] != NONE]
        if coded["issue_id"].nunique() < 2:
            return None

        def pipeline(class_weight=None):
            return make_pipeline(
                TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
                LogisticRegression(C=10.0, max_iter=2000, class_weight=class_weight),
            )

        # issues are unevenly coded (a few examples of some): weigh each issue alike
        issue_model = pipeline("balanced").fit(examples["text"], examples["issue_id"])
        stance_model = None
        if coded["stance"].nunique() >= 2:
            stance_model = pipeline().fit(
                _issue_marked(coded["text"], coded["issue_id"]), coded["stance"]
            )
        return cls(issue_model, stance_model, len(examples))

    def issue_probabilities(self, texts: list[str] | pd.Series) -> pd.DataFrame:
        """The probability of each issue (and of `NONE`) for each text: one column per issue."""
        probabilities = self.issue_model.predict_proba(list(texts))
        return pd.DataFrame(probabilities, columns=list(self.issue_model.classes_))

    def issues(self, texts: list[str] | pd.Series) -> pd.DataFrame:
        """The most likely issue of each text (`NONE` for no statement) and its probability."""
        probabilities = self.issue_probabilities(texts)
        return pd.DataFrame(
            {"issue_id": probabilities.idxmax(axis=1), "probability": probabilities.max(axis=1)}
        )

    def stances(self, texts: list[str] | pd.Series, issues: list[str] | pd.Series) -> pd.DataFrame:
        """The most likely stance of each text on the given issue, and its probability."""
        texts, issues = pd.Series(list(texts)), pd.Series(list(issues))
        if self.stance_model is None or texts.empty:
            return pd.DataFrame({"stance": ["neutral"] * len(texts), "probability": 0.0})
        probabilities = self.stance_model.predict_proba(_issue_marked(texts, issues))
        classes = np.asarray(self.stance_model.classes_)
        best = probabilities.argmax(axis=1)
        return pd.DataFrame(
            {"stance": classes[best], "probability": probabilities[np.arange(len(best)), best]}
        )


def apply_model(frame: pd.DataFrame, model: StatementModel | None) -> pd.DataFrame:
    """The rules' proposals with the model's issues for unassigned ones and its stance corrections."""
    if model is None or frame.empty:
        return frame
    return overrule_stances(overrule_issues(place_unassigned(frame, model), model), model)


_LEARNED_ISSUE = "issue and stance learned from coded articles"


def add_note(notes: pd.Series, added: list[str]) -> list[str]:
    """Each note with its addition after a semicolon (by position)."""
    return [f"{n}; {m}" if n else m for n, m in zip(notes.astype(str), added, strict=True)]


def overrule_issues(frame: pd.DataFrame, model: StatementModel) -> pd.DataFrame:
    """Proposals moved to the issue the model favours when it gives the rules' issue almost no chance.

    Only statements the rules placed themselves: a statement the model placed is left alone.
    """
    placed = frame["issue_id"].astype(str) != ""
    learned = frame["note"].astype(str).str.contains(_LEARNED_ISSUE, regex=False)
    rows = frame.index[placed & ~learned]
    if not len(rows):
        return frame
    quotes = frame.loc[rows, "quote"].astype(str)
    probabilities = model.issue_probabilities(quotes)
    best_issue = probabilities.idxmax(axis=1).to_numpy()
    best_p = probabilities.max(axis=1).to_numpy()
    rule_issue = frame.loc[rows, "issue_id"].astype(str).to_numpy()
    # the model's probability of the rules' issue; an issue it has no examples of is left alone
    column = probabilities.columns.get_indexer(rule_issue)
    known = column >= 0
    rule_p = probabilities.to_numpy()[np.arange(len(rows)), column]
    move = (
        (best_issue != NONE)
        & (best_issue != rule_issue)
        & (best_p >= MIN_ISSUE_OVERRULE_PROBABILITY)
        & known
        & (rule_p < MAX_OVERRULED_ISSUE_PROBABILITY)
    )
    if not move.any():
        return frame
    rows = rows[move]
    out = frame.copy()
    out.loc[rows, "issue_id"] = best_issue[move]
    stances = model.stances(quotes[move], best_issue[move])
    out.loc[rows, "stance"] = stances["stance"].to_numpy()
    out.loc[rows, "note"] = add_note(
        out.loc[rows, "note"],
        [
            f"{_LEARNED_ISSUE} (p={p:.2f}; the rules read {r})"
            for p, r in zip(best_p[move], rule_issue[move], strict=True)
        ],
    )
    return out


def overrule_stances(frame: pd.DataFrame, model: StatementModel) -> pd.DataFrame:
    """Proposals whose stance the model reads otherwise with near certainty, given its stance.

    Only statements whose stance the rules read: one the model placed or moved has its stance.
    """
    placed = frame["issue_id"].astype(str) != ""
    learned = frame["note"].astype(str).str.contains(_LEARNED_ISSUE, regex=False)
    rows = frame.index[placed & ~learned]
    if not len(rows):
        return frame
    guess = model.stances(frame.loc[rows, "quote"].astype(str), frame.loc[rows, "issue_id"])
    change = (guess["probability"] >= MIN_STANCE_OVERRULE_PROBABILITY).to_numpy() & (
        guess["stance"].to_numpy() != frame.loc[rows, "stance"].astype(str).to_numpy()
    )
    if not change.any():
        return frame
    rows, guess = rows[change], guess[change]
    out = frame.copy()
    read = out.loc[rows, "stance"].astype(str).tolist()
    out.loc[rows, "stance"] = guess["stance"].to_numpy()
    out.loc[rows, "note"] = add_note(
        out.loc[rows, "note"],
        [
            f"stance learned from coded articles (p={p:.2f}; the rules read {r})"
            for p, r in zip(guess["probability"], read, strict=True)
        ],
    )
    return out


def place_unassigned(frame: pd.DataFrame, model: StatementModel) -> pd.DataFrame:
    """Proposals the rules left without an issue, given the model's issue and stance when sure."""
    open_rows = frame.index[frame["issue_id"].astype(str) == ""]
    if not len(open_rows):
        return frame
    quotes = frame.loc[open_rows, "quote"].astype(str)
    guess = model.issues(quotes)
    sure = (guess["issue_id"] != NONE) & (guess["probability"] >= MIN_ISSUE_PROBABILITY)
    guess = guess[sure.to_numpy()]
    rows = open_rows[sure.to_numpy()]
    if not len(rows):
        return frame
    out = frame.copy()
    out.loc[rows, "issue_id"] = guess["issue_id"].to_numpy()
    stances = model.stances(quotes[sure.to_numpy()], guess["issue_id"])
    out.loc[rows, "stance"] = stances["stance"].to_numpy()
    out.loc[rows, "confidence"] = np.minimum(
        guess["probability"].to_numpy(), LEARNED_CONFIDENCE_CAP
    )
    out.loc[rows, "note"] = add_note(
        out.loc[rows, "note"],
        [f"{_LEARNED_ISSUE} (p={p:.2f})" for p in guess["probability"]],
    )
    return out
