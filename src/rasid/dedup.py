"""Near-duplicate articles: MinHash LSH over word shingles of the cleaned text.

The same wire story on five sites is one source, not five: a document whose
text is a near copy of one already stored gets ``duplicate_of`` = that
document (the first of its copies, so chains collapse), and the reconciler
never counts it as an independent outlet.

Shingles are word 3-grams of the normalised text (diacritics, alef forms,
quotes folded), so copies that differ in spelling of hamza or quotes still
match. Signatures (datasketch's MinHash, affine32 scheme, computed here in numpy)
and their LSH band keys are stored, so a later run only hashes and looks up its
new documents.
"""
from __future__ import annotations

import hashlib
import zlib

import numpy as np

from .arabic import normalize

NUM_PERM = 128
SHINGLE = 3
BANDS, ROWS = 20, 5  # LSH bands give candidates ...
MIN_JACCARD = 0.7  # ... confirmed by the estimated Jaccard similarity of the whole signatures
MIN_SHINGLES = 20
SCHEME = "affine32"  # datasketch 2's hash scheme; stored signatures depend on it  # shorter texts (a headline, a caption) are never called copies


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """32-bit hashes of the word k-grams of the normalised text (crc32 per word, combined per k-gram)."""
    words = normalize(text).split()
    if len(words) < k:
        return np.zeros(0, dtype=np.uint64)
    wh = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))  # utf-8
    h = wh[: len(words) - k + 1].copy()
    for i in range(1, k):
        h = h * np.uint64(1_000_003) + wh[i: len(words) - k + 1 + i]  # wraps modulo 2**64: deterministic
    return np.unique(h & np.uint64(0xFFFFFFFF))


SEED = 1  # datasketch's default seed: the permutations every stored signature was made with
_PERMUTATIONS: tuple[np.ndarray, np.ndarray] | None = None


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The affine32 permutation parameters (a, b) as ``datasketch.MinHash(num_perm=128, seed=1,
    scheme="affine32")`` draws them (odd a, any b, 32-bit), drawn once. Drawn here rather than by datasketch,
    whose import (scipy with it) costs half a second a run."""
    global _PERMUTATIONS
    if _PERMUTATIONS is None:
        gen = np.random.RandomState(SEED)
        a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
        _PERMUTATIONS = a, b
    return _PERMUTATIONS


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, the pre-mix datasketch's affine32 scheme gives each input hash."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of a text (None when it is too short to judge).

    The values of ``datasketch.MinHash(scheme="affine32", hashfunc=int).update_batch(shingles)``,
    computed in one numpy pass over the shingle array (datasketch calls ``hashfunc`` once per shingle
    in Python): per permutation k, min over shingles of a_k * fmix32(h) + b_k modulo 2**32.
    """
    sh = shingle_hashes(text)
    if len(sh) < MIN_SHINGLES:
        return None
    a, b = _permutations()
    hv = _fmix32(sh.astype(np.uint32))  # the shingle hashes are 32-bit already
    return (hv[:, None] * a + b).min(axis=0)  # uint32 arithmetic wraps: the modulo


def band_keys(sig: np.ndarray) -> list[int]:
    """LSH band keys of a signature: two texts sharing any key are candidate copies.

    BANDS x ROWS = 20 x 5: a pair with Jaccard 0.7 becomes a candidate with probability 0.975,
    0.8 with 0.9997, 0.3 with 0.05; candidates are then confirmed on the whole signature.
    """
    return [int.from_bytes(hashlib.blake2b(bytes([b]) + sig[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).digest(),
                           "big", signed=True) for b in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures (the share of equal MinHash values)."""
    return float(np.count_nonzero(a == b)) / len(a)


class DuplicateIndex:
    """Finds the original of each new text among the indexed ones.

    The store keeps every document's band keys (table ``lsh_bands``); a run indexes, chunk by
    chunk, only the stored documents that share a key with its new ones (``know``) plus the new
    ones themselves (``add``), so memory stays bounded however large the store.
    """

    def __init__(self) -> None:
        self.bands: dict[int, list[str]] = {}
        self.sigs: dict[str, np.ndarray] = {}
        self.root: dict[str, str] = {}

    def know(self, doc_id: str, sig: np.ndarray, root: str | None, keys: list[int]) -> None:
        """Index a stored document (its original is ``root``, or itself)."""
        if doc_id in self.sigs:
            return
        self.sigs[doc_id] = sig
        self.root[doc_id] = root or doc_id
        for k in keys:
            self.bands.setdefault(k, []).append(doc_id)

    def add(self, doc_id: str, sig: np.ndarray | None, duplicate_of: str | None = None,
            keys: list[int] | None = None) -> list[int]:
        """Index a new document; returns its band keys (to store)."""
        self.root[doc_id] = self.root.get(duplicate_of, duplicate_of) if duplicate_of else doc_id
        if sig is None:
            return []
        self.sigs[doc_id] = sig
        keys = keys if keys is not None else band_keys(sig)
        for k in keys:
            self.bands.setdefault(k, []).append(doc_id)
        return keys

    def find(self, sig: np.ndarray | None, keys: list[int] | None = None) -> str | None:
        """The original of the closest indexed copy, or None."""
        if sig is None:
            return None
        keys = keys if keys is not None else band_keys(sig)
        best: tuple[float, str] | None = None
        for cand in sorted({d for k in keys for d in self.bands.get(k, ())}):
            j = similarity(sig, self.sigs[cand])
            if j >= MIN_JACCARD and (best is None or j > best[0]):  # ties: the smaller doc id (sorted)
                best = (j, cand)
        if best is None:
            return None
        return self.root.get(best[1], best[1])
