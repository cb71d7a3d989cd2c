"""Guess the language of the clean text with py3langid (its model ships in the package)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from frontwatch.model import MetaValue

# The first few thousand characters decide; more text costs time and changes nothing.
_SAMPLE = 3000


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # The model ships its weights as float16, and numpy converted the rows a text uses to
    # float32 before every product: half the time of a classification after the byte walk.
    # Converting once here gives the same float32 product, bit for bit (tests/meta), for
    # about 57 MB more memory.
    identifier.nb_ptc = identifier.nb_ptc.astype(np.float32)
    return identifier


def language_candidates(clean_text: str) -> list[MetaValue]:
    """Return the most probable language of the text as a candidate, if there is text."""
    sample = clean_text[:_SAMPLE]
    if not sample.strip():
        return []
    code, probability = _identifier().classify(sample)
    # langid's probabilities are overconfident; cap below what a declared field gets.
    confidence = round(min(float(probability), 0.95), 3)
    return [MetaValue("language", code, "py3langid on the clean text",
                      f"{len(sample)} characters classified as {code}", None, None, confidence)]
