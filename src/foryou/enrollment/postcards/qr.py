"""The QR code of a card: segno's symbol, with the data mask chosen by scoring all eight masks at once in numpy.

segno encodes a card's URL in ~0.5 ms but spends ~3 ms more choosing the mask (ISO/IEC 18004 7.8.3: the mask
with the lowest penalty), in pure Python; at 20,000 cards that alone would exceed the minute a batch may
take. So segno encodes once with mask 0, the unmasked symbol is recovered from it, the eight masks are
scored together (the same N1–N4 rules and order as segno's own evaluation), and segno's functions add the
format and version information for the winner. tests/enrollment/ checks the result equals segno.make().
"""

from functools import cache

import numpy as np
import segno
from segno import encoder

ERROR = "m"
_N3 = bytes((1, 0, 1, 1, 1, 0, 1))


@cache
def _structure(version: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The modules fixed before masking (finders, timing, alignment; format areas 0), where data lies, and
    the eight mask patterns (as 0/1) over the data region."""
    width = encoder.calc_matrix_size(version)
    matrix = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(matrix, width, width)
    encoder.add_alignment_patterns(matrix, width, width)
    fixed = np.array([list(row) for row in matrix], dtype=np.uint8)
    data = fixed > 1
    data[-8, 8] = False  # the dark module, added with the format information
    fixed[data] = 0
    i, j = np.indices((width, width))
    masks = np.array([[[bool(f(a, b)) for a, b in zip(ri, rj)] for ri, rj in zip(i, j)]
                      for f in encoder.get_data_mask_functions(False)], dtype=np.uint8) & data
    return fixed, data, masks


def _n1(stacks: np.ndarray) -> np.ndarray:
    """Runs of five or more modules of one colour in the lines of (masks, lines, n): (length - 2) for each.
    A run of length L holds L - 4 windows of five equal modules, so it scores its windows plus 2 once."""
    same = stacks[:, :, 1:] == stacks[:, :, :-1]
    five = same[:, :, :-3] & same[:, :, 1:-2] & same[:, :, 2:-1] & same[:, :, 3:]  # window of 5 from p
    first = np.ones_like(five)
    first[:, :, 1:] = ~same[:, :, :five.shape[2] - 1]  # p starts a run
    return five.sum(axis=(1, 2)) + 2 * (five & first).sum(axis=(1, 2))


def _n3_line(seq: bytes, size: int) -> int:
    """segno's count of 1:1:3:1:1 patterns with four light modules on one side, in one row or column."""
    count, idx = 0, seq.find(_N3)
    while idx != -1:
        offset = idx + 7
        if idx in (0, size - 7) or not any(seq[max(idx - 4, 0):idx]) or not any(seq[offset:offset + 4]):
            count += 40
        else:
            offset = idx + 4
        idx = seq.find(_N3, offset)
    return count


def _n3(stacks: np.ndarray) -> np.ndarray:
    """N3 for (masks, lines, n): 40 for each pattern with four light modules before or after it. The pattern
    can overlap itself (4 or 6 apart), where segno's left-to-right search skips some: such lines are counted
    by _n3_line, the others all at once."""
    count, lines, n = stacks.shape
    code = np.zeros((count, lines, n - 6), dtype=np.uint8)  # the 7 modules from each position, as bits
    for i in range(7):
        code = (code << 1) | stacks[:, :, i:n - 6 + i]
    found = code == 0b1011101  # (masks, lines, n - 6)
    sums = np.zeros((count, lines, n + 1), dtype=np.int16)
    np.cumsum(stacks, axis=2, out=sums[:, :, 1:])
    p = np.arange(n - 6)
    dark_before = sums[:, :, p] - sums[:, :, np.maximum(p - 4, 0)] > 0
    dark_after = sums[:, :, np.minimum(p + 11, n)] - sums[:, :, p + 7] > 0
    edge = (p == 0) | (p == n - 7)
    counted = found & (edge | ~dark_before | ~dark_after)
    overlapping = (found[:, :, :-4] & found[:, :, 4:]).any(axis=2) | (found[:, :, :-6] & found[:, :, 6:]).any(axis=2)
    scores = 40 * (counted & ~overlapping[:, :, None]).sum(axis=(1, 2))
    for k, line in zip(*np.nonzero(overlapping)):
        scores[k] += _n3_line(stacks[k, line].tobytes(), n)
    return scores


def penalties(candidates: np.ndarray) -> np.ndarray:
    """The penalty score (N1 + N2 + N3 + N4) of each of the (masks, n, n) candidates."""
    count, n, _ = candidates.shape
    both = np.concatenate([candidates, candidates.transpose(0, 2, 1)], axis=1)
    a = candidates
    n2 = ((a[:, 1:, 1:] == a[:, 1:, :-1]) & (a[:, 1:, 1:] == a[:, :-1, 1:]) & (a[:, 1:, 1:] == a[:, :-1, :-1])
          ).sum(axis=(1, 2)) * 3
    percent = a.sum(axis=(1, 2)) / (n * n)
    n4 = 10 * (np.abs(percent * 100 - 50) / 5).astype(np.int64)
    return _n1(both) + n2 + _n3(np.ascontiguousarray(both)) + n4


def matrix(url: str, border: int = 4) -> np.ndarray:
    """The QR code of the URL as a (modules × modules) array, 1 for dark, with its quiet zone."""
    first = segno.make(url, error=ERROR, micro=False, mask=0)
    fixed, data, masks = _structure(first.version)
    encoded = np.frombuffer(b"".join(first.matrix), dtype=np.uint8).reshape(len(first.matrix), -1)
    unmasked = np.where(data, encoded ^ masks[0], fixed)
    candidates = unmasked[None, :, :] ^ masks
    best = int(np.argmin(penalties(candidates)))  # the first of the lowest, as segno takes
    rows = tuple(bytearray(row.tobytes()) for row in candidates[best])
    encoder.add_format_info(rows, first.version, first.error, best)
    encoder.add_version_info(rows, first.version)
    symbol = np.frombuffer(b"".join(rows), dtype=np.uint8).reshape(len(rows), -1)
    return np.pad(symbol, border)


def reference(url: str, border: int = 4) -> np.ndarray:
    """segno's own symbol for the URL (all masks evaluated by segno): what matrix() must equal."""
    code = segno.make(url, error=ERROR, micro=False)
    return np.array([list(row) for row in code.matrix_iter(border=border)], dtype=np.uint8)
