"""Time assisted extraction on the coded articles: the rules alone, the rules with the learned
models, and training them.

    python benchmarks/bench_extract.py [--repeats 3]

Every figure is a median over the repeats, measured in the same run as its baseline: reading an
article with the rules alone. Prints the baseline in milliseconds per article, then the models'
extra cost and the training times as ratios against it, so that runs on busy shared machines
stay comparable. Training the statement model alone is what the dashboard needed before the
ranker; training both is what it does now, once per change to the coded files.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from tracker.codebook import load_codebook  # noqa: E402
from tracker.evaluate import annotated_corpora  # noqa: E402
from tracker.extract import extract  # noqa: E402
from tracker.extract.learned import StatementModel, training_examples  # noqa: E402
from tracker.extract.training import trained  # noqa: E402


def _median_seconds(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--data-dir", default=str(ROOT / "data"))
    args = parser.parse_args()

    data_dir = Path(args.data_dir)
    codebook = load_codebook(data_dir)
    corpora = annotated_corpora(data_dir)
    documents = pd.concat([c.documents for c in corpora], ignore_index=True)
    annotations = pd.concat([c.annotations for c in corpora], ignore_index=True)
    articles = list(documents[["doc_id", "published", "text"]].itertuples(index=False))
    extract(articles[0].text, articles[0].published, codebook)  # load the segmenter once

    def read_all(model=None) -> None:
        for doc_id, published, text in articles:
            extract(text, published, codebook, doc_id, model=model)

    def train() -> StatementModel | None:
        return StatementModel.fit(training_examples(documents, annotations))

    model = trained(corpora, codebook)
    rules = _median_seconds(read_all, args.repeats) / len(articles)
    with_model = _median_seconds(lambda: read_all(model), args.repeats) / len(articles)
    training = _median_seconds(train, args.repeats)
    both = _median_seconds(lambda: trained(corpora, codebook), args.repeats)

    print(f"{len(articles)} coded articles, {model.examples} training sentences")
    print(f"baseline: rules alone                {rules * 1000:8.1f} ms per article")
    print(f"rules with the learned models        {with_model / rules:8.2f} × baseline")
    print(f"training the statement model alone   {training / rules:8.1f} × baseline")
    print(f"training it and the ranker           {both / rules:8.1f} × baseline")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
