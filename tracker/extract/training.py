"""Training what the coded articles teach: the statement model and the ranker of its readings.

The ranker (`ranking.py`) learns from the extractor's proposals on coded articles, and those must
be read as a new article is: by a statement model that has not seen them. So the coded articles
are cut into `FOLDS` folds, each fold read by a statement model trained on the others, and the
ranker learns from all of them. The rules read each article once; only the model changes.

`model_for` gives the dashboard and the command line the models trained on every coded article,
retrained when one of them changes. `cross_fitted` gives the evaluation, for each article, models
trained without its fold, so that no article is scored by a model that has seen it
(`cross_fitted_for` keeps them for a data folder until its files change).
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from tracker.codebook import Codebook
from tracker.evaluate import EVALUATION_DIR, Corpus, annotated_corpora
from tracker.extract.learned import StatementModel, training_examples
from tracker.extract.ranking import Ranker, candidates, labelled, triples

FOLDS = 5


def fold_of(doc_ids: Iterable[str]) -> np.ndarray:
    """A document's fold: fixed by its id, so adding an article moves no other."""
    return np.array([zlib.crc32(str(d).encode()) % FOLDS for d in doc_ids], dtype=int)


def _examples(corpora: list[Corpus]) -> pd.DataFrame:
    return pd.concat(
        [training_examples(c.documents, c.annotations) for c in corpora], ignore_index=True
    )


def _rule_rows(corpora: list[Corpus], codebook: Codebook) -> dict[str, list[dict]]:
    """The rules' rows of every coded article (they do not depend on any model)."""
    from tracker.extract.rules import read_document

    return {
        doc_id: read_document(text, published, codebook.actors, codebook.issues)
        for c in corpora
        for doc_id, published, text in c.documents[["doc_id", "published", "text"]].itertuples(
            index=False
        )
    }


def out_of_fold(
    corpora: list[Corpus],
    codebook: Codebook,
    examples: pd.DataFrame,
    without: int | None = None,
    rows: dict[str, list[dict]] | None = None,
) -> tuple[pd.DataFrame, dict[int, StatementModel | None]]:
    """The ranker's labelled candidates of the coded articles, each read by a statement model
    trained without its fold; and those models, by fold.

    With `without`, the articles of that fold are neither read nor learned from at all: what
    the ranker of that fold learns from has never seen them. `rows` are the rules' rows when
    already read.
    """
    from tracker.extract import readings

    rows = rows if rows is not None else _rule_rows(corpora, codebook)
    gold = pd.concat([c.annotations for c in corpora], ignore_index=True)
    doc_ids = pd.Series(list(rows))
    folds = fold_of(doc_ids)
    example_folds = fold_of(examples["doc_id"])
    models: dict[int, StatementModel | None] = {}
    found = []
    for fold in np.unique(folds[folds != without]):
        learn = (example_folds != fold) & (example_folds != without)
        model = models[fold] = StatementModel.fit(examples[learn])
        if model is None:
            continue
        read = [readings(rows[d], model).assign(doc_id=d) for d in doc_ids[folds == fold]]
        read = [r for r in read if not r.empty]
        if read:
            found.append(
                triples(candidates(pd.concat(read, ignore_index=True), model)).assign(fold=fold)
            )
    found = pd.concat(found, ignore_index=True) if found else pd.DataFrame()
    return (labelled(found, gold) if len(found) else found), models


def _coded(corpora: list[Corpus]) -> bool:
    return any(len(c.annotations) for c in corpora)


def trained(corpora: list[Corpus], codebook: Codebook) -> StatementModel | None:
    """The statement model trained on every coded article, with its ranker."""
    if not _coded(corpora):
        return None
    examples = _examples(corpora)
    model = StatementModel.fit(examples)
    if model is None:
        return None
    found, _ = out_of_fold(corpora, codebook, examples)
    return dataclasses.replace(
        model, ranker=Ranker.fit(found.drop(columns="fold", errors="ignore"))
    )


def fold_models(corpora: list[Corpus], codebook: Codebook) -> dict[int, StatementModel | None]:
    """For each fold, the statement model and ranker trained without the coded articles in it.

    The ranker of a fold learns from the other folds, each read by a statement model trained
    on the rest without that fold (nested folds): nothing it learns from has seen the fold.
    """
    if not _coded(corpora):
        return dict.fromkeys(range(FOLDS))
    examples = _examples(corpora)
    rows = _rule_rows(corpora, codebook)
    example_folds = fold_of(examples["doc_id"])
    bundles: dict[int, StatementModel | None] = {}
    for fold in range(FOLDS):
        model = StatementModel.fit(examples[example_folds != fold])
        if model is not None:
            found, _ = out_of_fold(corpora, codebook, examples, without=fold, rows=rows)
            ranker = Ranker.fit(found.drop(columns="fold")) if len(found) else None
            model = dataclasses.replace(model, ranker=ranker)
        bundles[fold] = model
    return bundles


def _of_their_folds(
    bundles: dict[int, StatementModel | None], doc_ids: Iterable[str]
) -> dict[str, StatementModel | None]:
    doc_ids = list(doc_ids)
    return dict(zip(doc_ids, (bundles[f] for f in fold_of(doc_ids)), strict=True))


def cross_fitted(
    corpora: list[Corpus], codebook: Codebook, doc_ids: Iterable[str]
) -> dict[str, StatementModel | None]:
    """For each of `doc_ids`, the models of its fold (`fold_models`): none has seen it."""
    return _of_their_folds(fold_models(corpora, codebook), doc_ids)


def cross_fitted_for(data_dir: Path, doc_ids: Iterable[str]) -> dict[str, StatementModel | None]:
    """`cross_fitted` on the coded articles and codebook under `data_dir`; the folds' models are
    kept until one of their files changes, so that evaluating again costs no training."""
    data_dir = Path(data_dir)
    return _of_their_folds(_folds(data_dir, _annotated_files(data_dir)), doc_ids)


def _annotated_files(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file the models learn from: their cache key."""
    files = []
    for folder in (data_dir, data_dir / EVALUATION_DIR):
        coded = [
            *sorted((folder / "annotations").glob("*.csv")),
            *sorted((folder / "articles").glob("*.txt")),
        ]
        for path in [folder / "documents.csv", *coded]:
            if path.exists():
                stat = path.stat()
                files.append((str(path), stat.st_size, stat.st_mtime_ns))
    codebook = data_dir / "codebook"
    for path in sorted(codebook.glob("*.csv")) if codebook.is_dir() else []:
        stat = path.stat()
        files.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(files)


def model_for(data_dir: Path) -> StatementModel | None:
    """The models trained on every annotated article under `data_dir` (its coded articles and the
    held-out evaluation set), retrained when one of them or the codebook changes; None with too
    little to learn."""
    data_dir = Path(data_dir)
    return _trained(data_dir, _annotated_files(data_dir))


@lru_cache(maxsize=2)
def _folds(data_dir: Path, files: tuple) -> dict[int, StatementModel | None]:
    from tracker.codebook import load_codebook

    return fold_models(annotated_corpora(data_dir), load_codebook(data_dir))


@lru_cache(maxsize=4)
def _trained(data_dir: Path, files: tuple) -> StatementModel | None:
    from tracker.codebook import load_codebook

    return trained(annotated_corpora(data_dir), load_codebook(data_dir))
