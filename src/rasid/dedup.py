"""Near-duplicate articles: MinHash LSH over word shingles of the cleaned text.

The same wire story on five sites is one source, not five: a document whose
text is a near copy of one already stored gets ``duplicate_of`` = that
document (the first of its copies, so chains collapse), and the reconciler
never counts it as an independent outlet.

Shingles are word 3-grams of the normalised text (diacritics, alef forms,
quotes folded), so copies that differ in spelling of hamza or quotes still
match. Signatures are stored, so a later run only hashes its new documents.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from .arabic import normalize

NUM_PERM = 128
SHINGLE = 3
LSH_THRESHOLD = 0.5  # candidates from the LSH bands ...
MIN_JACCARD = 0.7  # ... confirmed by the estimated Jaccard similarity of the signatures
MIN_SHINGLES = 20
SCHEME = "affine32"  # datasketch 2's hash scheme; stored signatures depend on it  # shorter texts (a headline, a caption) are never called copies


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = normalize(text).split()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(max(0, len(words) - k + 1))}


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of a text (None when it is too short to judge)."""
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, scheme=SCHEME)  # crc32: fast and the same in every process
    m.update_batch(list(sh))
    return np.asarray(m.hashvalues, dtype=np.uint32)


def _lean(sig: np.ndarray) -> LeanMinHash:
    return LeanMinHash(seed=1, hashvalues=sig, scheme=SCHEME)


@dataclass
class DuplicateIndex:
    """An LSH index of stored signatures; ``find`` names the stored copy of a new text."""

    def __post_init__(self) -> None:
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.sigs: dict[str, LeanMinHash] = {}
        self.root: dict[str, str] = {}  # doc_id -> the first stored copy (itself if original)

    def add(self, doc_id: str, sig: np.ndarray | None, duplicate_of: str | None = None) -> None:
        self.root[doc_id] = self.root.get(duplicate_of, duplicate_of) if duplicate_of else doc_id
        if sig is None or doc_id in self.sigs:
            return
        m = _lean(sig)
        self.sigs[doc_id] = m
        self.lsh.insert(doc_id, m)

    def find(self, sig: np.ndarray | None) -> str | None:
        """The original of the closest stored copy, or None."""
        if sig is None or not self.sigs:
            return None
        m = _lean(sig)
        best: tuple[float, str] | None = None
        for cand in self.lsh.query(m):
            j = m.jaccard(self.sigs[cand])
            if j >= MIN_JACCARD and (best is None or (j, _neg(cand)) > (best[0], _neg(best[1]))):
                best = (j, cand)
        if best is None:
            return None
        return self.root.get(best[1], best[1])


def _neg(s: str) -> tuple:
    """Sort key making the smaller doc_id win ties."""
    return tuple(-ord(c) for c in s)
