"""Which proposals to suggest: a model of which of the extractor's readings analysts keep.

The rules and the statement model (`learned.py`) read one sentence at a time and say yes or no.
The coded articles also show which of their readings an analyst keeps: read a coded article
with a statement model that has not seen it, and compare what it proposes with the coding
(`tracker.extract.training` does this). A second model learned from that comparison scores each
(actor, issue, stance) the proposals could support, from what is known of it across the article:
how many statements carry it, the statement model's probabilities for it, whether the rules read
it or only the model, how it was said (words, a report, a deed), and how much else the article
says on that issue and by that actor. Not who the actor is: whether a spokesperson or the state
is coded is a convention that differs between coders, and a ranker that learned it would untick
readings for the wrong reason. The candidates are the rules' own readings and, for each
statement, any other issue the statement model gives some chance, since one sentence can carry
two issues ("partners, not a role in the region").

A reading the rules made starts accepted in review unless it scores under `KEEP_RULES_FROM`; one
only the model makes is added when it scores `SUGGEST_FROM` or more. Unticked readings are still
shown, with a note. The score becomes the proposal's confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tracker.evaluate import TRIPLE
from tracker.extract.learned import NONE, StatementModel, add_note

# An issue the statement model gives a statement less than this is not a candidate for it
# (unless the rules read it): it keeps the candidates to a few per statement.
CANDIDATE_MIN_PROBABILITY = 0.03
# Chosen on the held-out rounds 6-13 and the bundled article, each scored by models trained
# without it (see the evaluation README). A reading only the model makes is added from this
# score: F1 is flat between 0.3 and 0.5, and below it more wrong readings come in...
SUGGEST_FROM = 0.35
# ...while a reading the rules made has evidence of its own (a cue, a speaker, an issue term) and
# is unticked only below this: on rounds 6-13 F1 is the same from 0.2 to 0.35, and the bundled
# article, whose wording the rules were written from, keeps more of its readings.
KEEP_RULES_FROM = 0.25

_NOT_SUGGESTED = "left unticked: analysts seldom coded readings like this one"
_PLACED = "issue and stance that analysts kept in readings like this"
_ADDED = f"{_PLACED}, beside the rules' reading"


def candidates(frame: pd.DataFrame, model: StatementModel) -> pd.DataFrame:
    """One row per proposal and issue it may carry, with what is known of that reading.

    `frame` holds proposals (`readings` of one or more documents, with `doc_id`); the result's
    `row` is the proposal's index label.
    """
    frame = frame[frame["actor_id"].astype(str) != ""]
    if frame.empty:
        return pd.DataFrame(columns=[*TRIPLE, "row"])
    quotes = frame["quote"].astype(str).tolist()
    probabilities = model.issue_probabilities(quotes)
    issues = [c for c in probabilities.columns if c != NONE]
    if not issues:
        return pd.DataFrame(columns=[*TRIPLE, "row"])
    p = probabilities[issues].to_numpy()
    rank = (-p).argsort(axis=1).argsort(axis=1)
    rule_issue = frame["issue_id"].astype(str).to_numpy()
    common = {
        "row": frame.index.to_numpy(),
        "doc_id": frame["doc_id"].astype(str).to_numpy(),
        "actor_id": frame["actor_id"].astype(str).to_numpy(),
        "none": probabilities[NONE].to_numpy() if NONE in probabilities else np.zeros(len(frame)),
        "placed": rule_issue != "",
        "learned": frame["note"].astype(str).str.contains("learned from coded").to_numpy(),
        "confidence": frame["confidence"].astype(float).to_numpy(),
        "action": (frame["attribution"] == "action").to_numpy(),
        "reported": (frame["attribution"] == "reported").to_numpy(),
        "start": frame["char_start"].astype(float).to_numpy(),
        "length": frame["quote"].astype(str).str.len().to_numpy(),
    }
    parts = []
    for column, issue in enumerate(issues):
        is_rule = rule_issue == issue
        stances = model.stances(quotes, [issue] * len(quotes))
        parts.append(
            pd.DataFrame(
                {
                    **common,
                    "issue_id": issue,
                    # the rules' stance where they read this issue, else the model's
                    "stance": np.where(
                        is_rule, frame["stance"].astype(str), stances["stance"].to_numpy()
                    ),
                    "p": p[:, column],
                    "rank": rank[:, column],
                    "stance_p": stances["probability"].to_numpy(),
                    "rule": is_rule,
                    "learned": common["learned"] & is_rule,
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    return out[(out["p"] >= CANDIDATE_MIN_PROBABILITY) | out["rule"]].reset_index(drop=True)


def triples(found: pd.DataFrame) -> pd.DataFrame:
    """The candidates gathered per (document, actor, issue, stance), with the ranker's features."""
    if found.empty:
        return pd.DataFrame(columns=TRIPLE)
    out = (
        found.groupby(TRIPLE)
        .agg(
            statements=("row", "nunique"),
            p_max=("p", "max"),
            p_sum=("p", "sum"),
            rank_min=("rank", "min"),
            none_min=("none", "min"),
            stance_p=("stance_p", "max"),
            rules=("rule", "sum"),
            placed=("placed", "mean"),
            learned=("learned", "max"),
            confidence=("confidence", "max"),
            action=("action", "mean"),
            reported=("reported", "mean"),
            first=("start", "min"),
            length=("length", "mean"),
        )
        .reset_index()
    )
    out["read_by_rules"] = out["rules"] > 0
    pair = out.groupby(["doc_id", "actor_id", "issue_id"])
    out["other_stance_p"] = pair["p_sum"].transform("sum") - out["p_sum"]
    out["other_stance_rules"] = pair["rules"].transform("sum") - out["rules"]
    # what the article says besides, as shares of its statements: articles differ in length
    statements = out["doc_id"].map(found.groupby("doc_id")["row"].nunique())
    actor = out.groupby(["doc_id", "actor_id"])
    out["actor_statements"] = actor["statements"].transform("max") / statements
    out["actor_issues"] = actor["read_by_rules"].transform("sum")
    issue = out.groupby(["doc_id", "issue_id"])
    out["issue_rules"] = issue["rules"].transform("sum") / statements
    out["issue_p"] = issue["p_sum"].transform("sum") / statements
    out["position"] = out.groupby("doc_id")["first"].rank(pct=True)
    return out


def _features(found: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    numeric = found.drop(columns=[*TRIPLE, "first", "coded"], errors="ignore").astype(float)
    dummies = pd.get_dummies(found[["issue_id", "stance"]].astype(str), dtype=float)
    features = pd.concat([numeric, dummies], axis=1)
    # an issue or stance the ranker never saw is no column of its own
    return features if columns is None else features.reindex(columns=columns, fill_value=0.0)


@dataclass
class Ranker:
    """A gradient-boosted classifier of which candidate readings analysts coded."""

    classifier: object
    columns: list[str]

    @classmethod
    def fit(cls, found: pd.DataFrame) -> Ranker | None:
        """A ranker trained on `triples` with a boolean `coded` column; None with too little."""
        from sklearn.ensemble import HistGradientBoostingClassifier

        if found.empty or "coded" not in found or found["coded"].nunique() < 2:
            return None
        features = _features(found)
        # shallow trees, slow learning: a few thousand candidates, a dozen features
        classifier = HistGradientBoostingClassifier(
            max_depth=3, learning_rate=0.05, max_iter=250, l2_regularization=1.0, random_state=0
        ).fit(features, found["coded"].astype(bool))
        return cls(classifier, list(features.columns))

    def scores(self, found: pd.DataFrame) -> np.ndarray:
        """The probability that an analyst codes each triple."""
        if found.empty:
            return np.zeros(0)
        return self.classifier.predict_proba(_features(found, self.columns))[:, 1]


def labelled(found: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """`triples` with `coded`: whether the analysts' coding has that triple."""
    coded = gold[TRIPLE].astype(str).drop_duplicates().assign(coded=True)
    out = found.merge(coded, on=TRIPLE, how="left")
    out["coded"] = out["coded"].eq(True)
    return out


def starts_accepted(proposals: pd.DataFrame) -> pd.Series:
    """Which proposals start accepted in review: those with an issue that are suggested."""
    accepted = proposals["issue_id"].astype(str) != ""
    if "suggested" in proposals:
        accepted &= proposals["suggested"].fillna(False).astype(bool)
    return accepted


def suggest(frame: pd.DataFrame, model: StatementModel | None) -> pd.DataFrame:
    """The proposals with `suggested` set, scored by the model's ranker when it has one.

    Without a ranker every proposal with an issue is suggested. With one, the rules' proposals
    take their reading's score as confidence and are suggested unless it is under
    `KEEP_RULES_FROM`; a reading only the model makes (another issue of a statement) is added
    when it scores `SUGGEST_FROM` or more and its actor has no other suggested stance on that issue, on the
    unassigned statement itself or on a copy of it. A reading on an issue no coded article has
    (a new one in the codebook) is left as the rules made it: nothing is known against it.
    """
    frame = frame.reset_index(drop=True).assign(
        suggested=frame["issue_id"].astype(str).to_numpy() != ""
    )
    ranker = getattr(model, "ranker", None)
    if ranker is None or not frame["suggested"].any():
        return frame
    frame = frame.assign(doc_id=frame.get("doc_id", "new"))
    found = candidates(frame, model)
    if found.empty:
        return frame
    scored = triples(found)
    scored["score"] = ranker.scores(scored)
    keys = [*TRIPLE]

    # the rules' readings on issues the models know: scored, suggested or not
    placed = frame[frame["suggested"]]
    score = placed[keys].astype(str).merge(scored[[*keys, "score"]], on=keys, how="left")["score"]
    known = score.notna().to_numpy()
    placed, score = placed[known], score[known].to_numpy()
    frame.loc[placed.index, "confidence"] = score
    frame.loc[placed.index, "suggested"] = score >= KEEP_RULES_FROM
    dropped = placed.index[score < KEEP_RULES_FROM]
    frame.loc[dropped, "note"] = add_note(
        frame.loc[dropped, "note"], [_NOT_SUGGESTED] * len(dropped)
    )

    # readings the rules did not make, on the statement the model favours them most on; one
    # stance per actor and issue: not against a reading already suggested, the likelier of two
    pair = ["doc_id", "actor_id", "issue_id"]
    held = frame.loc[frame["suggested"], pair].astype(str).drop_duplicates()
    extra = scored[~scored["read_by_rules"] & (scored["score"] >= SUGGEST_FROM)]
    extra = extra.merge(held.assign(_held=True), on=pair, how="left")
    extra = extra[extra["_held"].isna()].sort_values("score", ascending=False, kind="stable")
    extra = extra.drop_duplicates(pair)
    if extra.empty:
        return frame
    best = (
        found[~found["rule"]]
        .merge(extra[[*keys, "score"]], on=keys)
        .sort_values("p", ascending=False, kind="stable")
        .drop_duplicates(keys)
    )
    rows = frame.loc[best["row"].to_numpy()].copy()
    rows["issue_id"] = best["issue_id"].to_numpy()
    rows["stance"] = best["stance"].to_numpy()
    rows["confidence"] = best["score"].to_numpy()
    rows["suggested"] = True
    # an unassigned statement takes the reading itself; one with an issue gets a second row
    open_rows = frame.loc[best["row"].to_numpy(), "issue_id"].astype(str).eq("").to_numpy()
    said = pd.Series(np.where(open_rows, _PLACED, _ADDED), dtype=object)
    scores = best["score"].map("{:.2f}".format).to_numpy()
    rows["note"] = add_note(rows["note"], list(said + " (p=" + scores + ")"))
    first = ~pd.Index(best["row"]).duplicated()
    filled = rows[open_rows & first]
    frame.loc[filled.index, filled.columns] = filled
    added = rows[~(open_rows & first)]
    return pd.concat([frame, added], ignore_index=True)
