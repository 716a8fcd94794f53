"""Sentence segmentation with character offsets into the original text."""

from __future__ import annotations

from dataclasses import dataclass

# Opening quotation marks: a sentence that starts with one after a full stop is a new sentence,
# a case the segmenter leaves joined ("... in May. “We will not,” she said.").
_OPENING_QUOTES = '"“‘«'
_FINAL_PUNCTUATION = ".!?"


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text and where it sits in the document (text[start:end] == text)."""

    start: int
    end: int
    text: str


def _split_before_opening_quote(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a span at each 'final punctuation, space(s), opening quote' boundary."""
    spans = []
    cut = start
    i = start
    while i < end - 1:
        ch = text[i]
        if ch in _FINAL_PUNCTUATION:
            j = i + 1
            # the punctuation may be followed by a closing quote or bracket
            while j < end and text[j] in '"”’)':
                j += 1
            k = j
            while k < end and text[k].isspace():
                k += 1
            if k > j and k < end and text[k] in _OPENING_QUOTES:
                spans.append((cut, j))
                cut = k
                i = k
                continue
        i += 1
    spans.append((cut, end))
    return spans


def split_sentences(text: str, language: str = "en") -> list[Sentence]:
    """Sentences of `text` (sentencex rules for the language), trimmed, with code-point offsets."""
    from sentencex import get_sentence_boundaries  # imported here: the app loads it on demand

    sentences: list[Sentence] = []
    for boundary in get_sentence_boundaries(language, text):
        for start, end in _split_before_opening_quote(
            text, boundary["start_index"], boundary["end_index"]
        ):
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            # a stray full stop or bracket on its own carries no statement
            if end - start < 2 or not any(ch.isalpha() for ch in text[start:end]):
                continue
            sentences.append(Sentence(start, end, text[start:end]))
    return sentences
