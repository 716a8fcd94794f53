"""How well the extractor agrees with human coding: precision, recall and F1, and date accuracy.

A statement counts as found when the extractor proposes the same (actor, issue, stance) triple
for the same document as a human coder; each triple counts once per document, however many
sentences carry it. Proposals the extractor leaves without an issue are offered to the analyst
for assignment, not claimed as triples: they are counted separately and not scored.

Date accuracy is measured on the found triples: a proposed date is right when the human date
falls in the period it names (the same day, month or year, by the proposal's precision; a
`published` proposal is right when the human coder also used the publication date). Exact date
accuracy also asks for the same precision.

Actors that the codebook lacks are compared by the id the extractor proposes for them, a slug of
the name (`tracker.extract.actors.slug`: "Mao Ning" → `mao_ning`); held-out annotations use the
same rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

TRIPLE = ["doc_id", "actor_id", "issue_id", "stance"]
EVALUATION_DIR = "evaluation"


@dataclass(frozen=True)
class Corpus:
    """Documents with their texts and human annotations."""

    name: str
    documents: pd.DataFrame  # doc_id, published (date), text
    annotations: pd.DataFrame  # doc_id + annotation columns


def load_corpus(name: str, folder: Path) -> Corpus:
    """Documents, texts and annotations under `folder` (documents.csv, articles/, annotations/)."""
    documents = pd.read_csv(folder / "documents.csv", dtype=str, keep_default_na=False)
    documents = documents.assign(
        published=pd.to_datetime(documents["published"]).dt.date,
        text=[
            (folder / "articles" / f"{doc_id}.txt").read_text(encoding="utf-8")
            for doc_id in documents["doc_id"]
        ],
    )
    frames = []
    for doc_id in documents["doc_id"]:
        path = folder / "annotations" / f"{doc_id}.csv"
        if path.exists():
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            frames.append(frame.assign(doc_id=doc_id))
    annotations = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=TRIPLE)
    return Corpus(name, documents, annotations)


def predict(corpus: Corpus, codebook, models: dict | None = None) -> pd.DataFrame:
    """The extractor's proposals for every document of the corpus.

    `models` maps a document to the learned model to use on it (none when absent).
    """
    from tracker.extract import extract

    models = models or {}
    frames = [
        extract(text, published, codebook, doc_id, model=models.get(doc_id)).assign(doc_id=doc_id)
        for doc_id, published, text in corpus.documents[["doc_id", "published", "text"]].itertuples(
            index=False
        )
    ]
    return pd.concat(frames, ignore_index=True)


def _in_period(proposed: pd.Series, precision: pd.Series, gold: pd.Series) -> pd.Series:
    """Whether each gold date falls inside the period a proposed date and precision name."""
    p = pd.to_datetime(proposed)
    g = pd.to_datetime(gold)
    same_year = p.dt.year == g.dt.year
    same_month = same_year & (p.dt.month == g.dt.month)
    same_day = p == g
    return pd.Series(
        np.select([precision == "year", precision == "month"], [same_year, same_month], same_day),
        index=proposed.index,
    )


def suggested(predicted: pd.DataFrame) -> pd.DataFrame:
    """The proposals the tool suggests saving: those that start accepted in review."""
    from tracker.extract.ranking import starts_accepted

    return predicted[starts_accepted(predicted)]


def score(predicted: pd.DataFrame, gold: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Precision, recall, F1 and date accuracy of triples, overall or per value of `by`."""
    proposed = suggested(predicted)
    p = proposed[TRIPLE].astype(str).drop_duplicates()
    g = gold[TRIPLE].astype(str).drop_duplicates()
    merged = p.merge(g, on=TRIPLE, how="outer", indicator=True)
    merged["tp"] = merged["_merge"] == "both"
    merged["fp"] = merged["_merge"] == "left_only"
    merged["fn"] = merged["_merge"] == "right_only"

    # dates of found triples: the best-agreeing pair of rows per triple
    pairs = proposed.astype({c: str for c in TRIPLE}).merge(
        gold.astype({c: str for c in TRIPLE}), on=TRIPLE, suffixes=("_x", "_h")
    )
    if len(pairs):
        in_period = _in_period(
            pairs["statement_date_x"].astype(str),
            pairs["date_precision_x"].astype(str),
            pairs["statement_date_h"].astype(str),
        )
        published_ok = (pairs["date_precision_x"] == "published") == (
            pairs["date_precision_h"] == "published"
        )
        pairs["date_ok"] = in_period & published_ok
        pairs["date_exact"] = pairs["date_ok"] & (
            pairs["date_precision_x"].astype(str) == pairs["date_precision_h"].astype(str)
        )
        dates = pairs.groupby(TRIPLE, as_index=False)[["date_ok", "date_exact"]].max()
    else:
        dates = pd.DataFrame(columns=[*TRIPLE, "date_ok", "date_exact"])
    merged = merged.merge(dates, on=TRIPLE, how="left")
    merged[["date_ok", "date_exact"]] = merged[["date_ok", "date_exact"]].fillna(False).astype(bool)

    keys = [by] if by else []
    grouped = (
        merged.groupby(keys, observed=True)[["tp", "fp", "fn", "date_ok", "date_exact"]].sum()
        if keys
        else merged[["tp", "fp", "fn", "date_ok", "date_exact"]].sum().to_frame().T
    )
    out = grouped.astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["precision"] = out["tp"] / (out["tp"] + out["fp"])
        out["recall"] = out["tp"] / (out["tp"] + out["fn"])
        out["f1"] = 2 * out["precision"] * out["recall"] / (out["precision"] + out["recall"])
        out["date_accuracy"] = out["date_ok"] / out["tp"]
        out["date_exact"] = out["date_exact"] / out["tp"]
    out = out.rename(columns={"date_ok": "dates_right"})
    if not keys:
        out.index = ["overall"]
    return out


def annotated_corpora(data_dir: Path) -> list[Corpus]:
    """The coded articles of the data set ("bundled") and the held-out ones, when present."""
    data_dir = Path(data_dir)
    corpora = [load_corpus("bundled", data_dir)]
    held_out = data_dir / EVALUATION_DIR
    if (held_out / "documents.csv").exists():
        corpora.append(load_corpus("held-out", held_out))
    return corpora


def only_documents(corpus: Corpus, doc_ids: set[str]) -> Corpus:
    """The corpus restricted to the documents in `doc_ids`."""
    keep = corpus.documents["doc_id"].isin(doc_ids)
    gold = corpus.annotations
    if "doc_id" in gold:
        gold = gold[gold["doc_id"].isin(doc_ids)]
    return Corpus(corpus.name, corpus.documents[keep].reset_index(drop=True), gold)


def evaluate(
    data_dir: Path, codebook=None, doc_ids: set[str] | None = None, learned: bool = True
) -> dict[str, dict[str, pd.DataFrame]]:
    """Scores on the bundled data and on the held-out articles: corpus → {overall, per_issue}.

    With `doc_ids`, only those documents are scored (a corpus left empty is skipped). With
    `learned`, each document is read with the models trained without the annotated articles of
    its fold, trained with the codebook under `data_dir`
    (`tracker.extract.training.cross_fitted_for`); without, with the rules alone.
    """
    from tracker.codebook import load_codebook

    data_dir = Path(data_dir)
    codebook = codebook or load_codebook(data_dir)
    corpora = annotated_corpora(data_dir)
    if doc_ids is not None:
        corpora = [only_documents(c, doc_ids) for c in corpora]
        corpora = [c for c in corpora if len(c.documents)]
    scored = [d for c in corpora for d in c.documents["doc_id"]]
    models = {}
    if learned:
        from tracker.extract.training import cross_fitted_for

        models = cross_fitted_for(data_dir, scored)
    results: dict[str, dict[str, pd.DataFrame]] = {}
    for corpus in corpora:
        predicted = predict(corpus, codebook, models)
        overall = score(predicted, corpus.annotations)
        overall["unassigned"] = int((predicted["issue_id"].astype(str) == "").sum())
        overall["not_suggested"] = (
            len(predicted) - len(suggested(predicted)) - overall["unassigned"]
        )
        results[corpus.name] = {
            "overall": overall,
            "per_issue": score(predicted, corpus.annotations, by="issue_id"),
            "per_document": score(predicted, corpus.annotations, by="doc_id"),
            "predicted": predicted,
            "gold": corpus.annotations,
        }
    return results


def format_report(results: dict[str, dict[str, pd.DataFrame]]) -> str:
    """The scores as plain-text tables."""
    columns = ["tp", "fp", "fn", "precision", "recall", "f1", "date_accuracy", "date_exact"]
    lines = []
    for name, parts in results.items():
        lines.append(f"== {name} ==")
        overall = parts["overall"]
        lines.append(
            overall[[*columns, "unassigned", "not_suggested"]].to_string(
                float_format=lambda x: f"{x:.2f}"
            )
        )
        lines.append("")
        lines.append(parts["per_document"][columns].to_string(float_format=lambda x: f"{x:.2f}"))
        lines.append("")
        lines.append(parts["per_issue"][columns].to_string(float_format=lambda x: f"{x:.2f}"))
        lines.append("")
    return "\n".join(lines)


def errors(predicted: pd.DataFrame, gold: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """The missed and the wrongly proposed triples of one document, with their evidence.

    One row per triple: `error` is "fp" (proposed, not in the human coding) or "fn" (coded by a
    human, not proposed); `evidence` is the extractor's note and sentence, or the human quote.
    """
    columns = ["error", "actor_id", "issue_id", "stance", "evidence"]
    proposed = suggested(predicted[predicted["doc_id"] == doc_id]).astype({c: str for c in TRIPLE})
    coded = gold[gold["doc_id"] == doc_id].astype({c: str for c in TRIPLE})
    keys = set(map(tuple, coded[TRIPLE].to_numpy()))
    found = set(map(tuple, proposed[TRIPLE].to_numpy()))
    fp = proposed[np.array([k not in keys for k in map(tuple, proposed[TRIPLE].to_numpy())], bool)]
    fp = fp.drop_duplicates(TRIPLE).assign(
        error="fp", evidence=fp["note"].astype(str) + " | " + fp["quote"].astype(str)
    )
    fn = coded[np.array([k not in found for k in map(tuple, coded[TRIPLE].to_numpy())], bool)]
    fn = fn.drop_duplicates(TRIPLE).assign(error="fn", evidence=fn["quote"].astype(str))
    return pd.concat([fp[columns], fn[columns]], ignore_index=True)


def format_errors(results: dict[str, dict[str, pd.DataFrame]], doc_id: str) -> str:
    """The errors of one document (see `errors`) as plain text, or a note that it is not there."""
    for parts in results.values():
        if doc_id in set(parts["predicted"]["doc_id"]):
            table = errors(parts["predicted"], parts["gold"], doc_id)
            if table.empty:
                return f"-- {doc_id}: no errors --"
            lines = [f"-- errors in {doc_id} --"]
            for row in table.itertuples(index=False):
                lines.append(f"{row.error} {row.actor_id} {row.issue_id} {row.stance}")
                lines.append(f"    {row.evidence}")
            return "\n".join(lines)
    return f"-- {doc_id}: not among the evaluated documents --"
