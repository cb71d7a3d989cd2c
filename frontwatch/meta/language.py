"""Guess the language of the clean text with py3langid (its model ships in the package)."""

from __future__ import annotations

import logging
import os
import shutil
from array import array
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier, _load_model_file

from frontwatch.cache import cache_dir
from frontwatch.model import MetaValue

log = logging.getLogger(__name__)

# The first 1,200 characters decide: on all 743 corpus documents they give the language 3,000
# did; more text costs time and changes nothing.
_SAMPLE = 1200


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """py3langid's identifier, its model read from frontwatch's cache when one is there.

    The packaged model is LZMA-compressed: unpacking it took 0.3–0.5 s of every command's
    start. The first use writes the unpacked arrays to the cache (about 100 MB), from which
    later processes map them in a few milliseconds. The model ships its weights as float16,
    and numpy converted the rows a text uses to float32 before every product: half the time
    of a classification after the byte walk. The cache keeps them as float32, which gives
    the same float32 product, bit for bit (tests/meta).
    """
    folder = _cache_folder()
    try:
        model = _read_model(folder)
    except (OSError, ValueError, KeyError):
        ptc, pc, classes, nextmove, row, output = _load_model_file(MODEL_DIR / MODEL_FILE)
        model = ptc.astype(np.float32), pc, classes, nextmove, row, output
        _write_model(folder, model)
    ptc, pc, classes, nextmove, row, output = model
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


def _cache_folder() -> Path:
    return cache_dir() / f"langid-{version('py3langid')}"


def _read_model(folder: Path) -> tuple:
    ptc = np.load(folder / "ptc.npy", mmap_mode="r")
    with np.load(folder / "rest.npz") as rest:
        return (ptc, rest["pc"], rest["classes"].tolist(), _array(rest["nextmove"]),
                _array(rest["row"]), rest["output"].tolist())


def _array(values: np.ndarray) -> array:
    """A stdlib array of the unsigned type and values numpy holds (as py3langid makes them)."""
    typecode = {1: "B", 2: "H", 4: "I", 8: "Q"}[values.dtype.itemsize]
    out = array(typecode)
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


def _write_model(folder: Path, model: tuple) -> None:
    """Write a finished folder under its name in one rename; an unwritable home, or another
    process that wrote it first, costs only this process's time."""
    ptc, pc, classes, nextmove, row, output = model
    temporary = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
    try:
        temporary.mkdir(parents=True, exist_ok=True)
        np.save(temporary / "ptc.npy", ptc)
        np.savez(temporary / "rest.npz", pc=pc, classes=np.array(classes),
                 nextmove=np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
                 row=np.frombuffer(row, dtype=f"u{row.itemsize}"), output=np.array(output))
        temporary.rename(folder)
    except OSError as exc:
        if not folder.is_dir():
            log.warning("cannot cache the language model at %s: %s", folder, exc)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


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
