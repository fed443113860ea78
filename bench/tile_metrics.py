#!/usr/bin/env python3
"""PSNR of a tiled restoration in the tiles' overlap bands and elsewhere.

Usage: tile_metrics.py CLEAN OUT TILE OVERLAP [REF_OUT]
The grid is TileGrid's (frames/.../tiles/TileGrid.java): along an axis of length L > T, n =
ceil((L - O) / (T - O)) tiles of side T at round(i * (L - T) / (n - 1)). Band = pixels covered by
two or more tiles. With REF_OUT (an untiled restoration) also prints its PSNR on the same pixels.
Prints one key=value line.
"""
import math
import subprocess
import sys

import numpy as np


def frames(path):
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
         "stream=width,height", "-of", "csv=p=0", path], capture_output=True, text=True, check=True)
    w, h = map(int, probe.stdout.strip().split(",")[:2])
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt",
                          "rgb24", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, h, w, 3).astype(np.float64)


def starts(length, t, o):
    if t == 0 or length <= t:
        return [0], length
    n = -(-(length - o) // (t - o))
    return [int(math.floor(i * (length - t) / (n - 1) + 0.5)) for i in range(n)], t


def psnr(a, b, mask):
    d = (a - b)[:, mask, :]
    mse = float(np.mean(d * d))
    return 10 * math.log10(255 * 255 / mse) if mse > 0 else float("inf")


def main():
    clean, out = frames(sys.argv[1]), frames(sys.argv[2])
    t, o = int(sys.argv[3]), int(sys.argv[4])
    n = min(len(clean), len(out))
    clean, out = clean[:n], out[:n]
    _, h, w, _ = clean.shape
    xs, tw = starts(w, t, o)
    ys, th = starts(h, t, o)
    cover = np.zeros((h, w), np.int32)
    for y in ys:
        for x in xs:
            cover[y:y + th, x:x + tw] += 1
    band = cover >= 2
    rest = ~band
    kv = {"tiles": len(xs) * len(ys), "band_fraction": f"{band.mean():.3f}",
          "psnr": f"{psnr(clean, out, np.ones_like(band)):.2f}",
          "psnr_band": f"{psnr(clean, out, band):.2f}", "psnr_rest": f"{psnr(clean, out, rest):.2f}"}
    if len(sys.argv) > 5:
        ref = frames(sys.argv[5])[:n]
        kv["ref_psnr_band"] = f"{psnr(clean, ref, band):.2f}"
        kv["ref_psnr_rest"] = f"{psnr(clean, ref, rest):.2f}"
    print(" ".join(f"{k}={v}" for k, v in kv.items()))


if __name__ == "__main__":
    main()
