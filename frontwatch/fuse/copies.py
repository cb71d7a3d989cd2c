"""Syndicated copies and near-duplicates: documents whose text is nearly the same.

Each document gets a MinHash of its clean text's word 5-shingles (lowercased); MinHash LSH
finds candidate pairs in about linear time and pairs whose estimated Jaccard similarity is
at least ``COPY_THRESHOLD`` are copies. Copies form groups (union-find); the group's origin
is its earliest-published document. A copy counts once as corroboration: its mentions are
credited to the origin's outlet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np

NUM_PERM = 128
SHINGLE = 5
# On the dev corpus the 40 copies found sit at 0.92–1.0, while among the other 587 documents
# no pair reaches 0.62 (99% of documents' closest other stays under 0.19; ISW daily reports
# share stock paragraphs). Measured over the stored signatures after `frontwatch fuse`.
COPY_THRESHOLD = 0.8
_SCHEME = "affine32"  # fixed so stored signatures stay comparable across datasketch releases
_WORD = re.compile(r"\w+")
_CHUNK = 20_000


def text_signature(text: str) -> bytes | None:
    """The MinHash of a text as bytes; None when it has no words."""
    words = _WORD.findall(text.lower())
    if not words:
        return None
    size = min(SHINGLE, len(words))
    shingles = {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}
    from datasketch import MinHash  # imported here: it loads scipy, 0.3 s every command
    sketch = MinHash(num_perm=NUM_PERM, scheme=_SCHEME)
    # in chunks: a batch costs a (shingles x permutations) matrix, 700 MB for a 4 MB text
    batch = list(shingles)
    for i in range(0, len(batch), _CHUNK):
        sketch.update_batch(batch[i:i + _CHUNK])
    return sketch.digest().astype("<u4").tobytes()


def _sketch(signature: bytes):
    values = np.frombuffer(signature, dtype="<u4").astype(np.uint32)
    from datasketch import MinHash
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=_SCHEME)


def find_copies(signatures: Mapping[str, bytes], order: Mapping[str, tuple],
                ) -> dict[str, tuple[str, float]]:
    """Map each document that copies another to (origin id, similarity with the origin).

    ``order`` gives each document's sort key; the smallest of a copy group is its origin
    (publication date first, so the earliest outlet is credited).
    """
    if len(signatures) < 2:
        return {}  # a copy needs two documents
    from datasketch import MinHashLSH
    lsh = MinHashLSH(threshold=COPY_THRESHOLD, num_perm=NUM_PERM)
    sketches = {doc_id: _sketch(sig) for doc_id, sig in signatures.items()}
    with lsh.insertion_session() as session:
        for doc_id, sketch in sketches.items():
            session.insert(doc_id, sketch)
    parent = {doc_id: doc_id for doc_id in sketches}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc_id, sketch in sketches.items():
        for other in lsh.query(sketch):
            if other != doc_id and sketch.jaccard(sketches[other]) >= COPY_THRESHOLD:
                a, b = sorted((root(doc_id), root(other)), key=lambda d: order[d])
                parent[b] = a
    copies = {}
    for doc_id in sketches:
        origin = root(doc_id)
        if origin != doc_id:
            copies[doc_id] = (origin, round(sketches[doc_id].jaccard(sketches[origin]), 3))
    return copies
