#!/usr/bin/env python3
"""Segmented against sequential restoration: PSNR per frame, and tdPSNR at the segment boundaries
against tdPSNR elsewhere.

Usage: segment_metrics.py CLEAN SEQUENTIAL SEGMENTED BOUNDARY [BOUNDARY...]
A BOUNDARY is the first frame of a segment after the first; the pair (BOUNDARY-1, BOUNDARY) is the
one across it. Prints one key=value line per restoration (tdPSNR as suite_metrics.py defines it).
"""
import sys

import numpy as np

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from suite_metrics import decode, psnr  # noqa: E402


def summary(name, out, clean, boundaries):
    n = min(len(out), len(clean))
    o, c = out[:n].astype(np.float64), clean[:n].astype(np.float64)
    per_frame = [psnr(m) for m in ((o - c) ** 2).reshape(n, -1).mean(axis=1)]
    d = ((np.diff(o, axis=0) - np.diff(c, axis=0)) ** 2).reshape(n - 1, -1).mean(axis=1)
    td = [psnr(m) for m in d]  # td[t - 1] is the pair (t - 1, t)
    across = [td[b - 1] for b in boundaries if 0 < b < n]
    rest = [v for t, v in enumerate(td, start=1) if t not in boundaries]
    print(f"{name} frames={n} psnr={np.mean(per_frame):.2f} tdpsnr={np.mean(td):.2f}"
          f" tdpsnr_across_boundaries={np.mean(across):.2f} tdpsnr_elsewhere={np.mean(rest):.2f}"
          f" psnr_at_boundaries={np.mean([per_frame[b] for b in boundaries if b < n]):.2f}")


def main():
    clean = decode(sys.argv[1])
    boundaries = [int(b) for b in sys.argv[4:]]
    summary("sequential", decode(sys.argv[2]), clean, boundaries)
    summary("segmented", decode(sys.argv[3]), clean, boundaries)


if __name__ == "__main__":
    main()
