#!/usr/bin/env python3
"""A finer sweep of FFmpeg's nlmeans than the report's (strength s and research window r), so that
dipstream is compared with the best nlmeans there is on the clip, not only with three strengths.

Usage: bench/nlmeans_sweep.py NOISY CLEAN [--s 8,9,10,11,12] [--r 7,9,11,13,15]
Runs the Debian ffmpeg binary (format=yuv444p,nlmeans=...,format=rgb24, as the report's
comparison does), pairs frames by index (-fps_mode passthrough) and prints one line per setting,
best PSNR first: PSNR and tdPSNR (PSNR of frame-to-frame differences) against CLEAN, in dB.
"""
import argparse
import subprocess

import numpy as np


def frames(path, vf=None):
    size = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
         "stream=width,height", "-of", "csv=p=0:s=x", path],
        capture_output=True, text=True, check=True).stdout.strip()
    w, h = map(int, size.split("x"))
    cmd = ["ffmpeg", "-v", "error", "-i", path, "-map", "0:v:0", "-fps_mode", "passthrough"]
    cmd += (["-vf", vf] if vf else []) + ["-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    raw = subprocess.run(cmd, capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, h, w, 3).astype(np.float64)


def psnr(a, b):
    return 10 * np.log10(255.0 ** 2 / max(((a - b) ** 2).mean(), 1e-12))


def scores(out, clean):
    n = min(len(out), len(clean))
    p = np.mean([psnr(out[i], clean[i]) for i in range(n)])
    td = np.mean([psnr(out[i] - out[i - 1], clean[i] - clean[i - 1]) for i in range(1, n)])
    return p, td


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("noisy")
    ap.add_argument("clean")
    ap.add_argument("--s", default="8,9,10,11,12")
    ap.add_argument("--r", default="7,9,11,13,15")
    a = ap.parse_args()
    clean = frames(a.clean)
    rows = []
    for s in a.s.split(","):
        for r in a.r.split(","):
            opts = f"s={s}:r={r}"
            p, td = scores(frames(a.noisy, f"format=yuv444p,nlmeans={opts},format=rgb24"), clean)
            rows.append((p, td, opts))
    print("| nlmeans | PSNR dB | tdPSNR dB |")
    print("|---|---|---|")
    for p, td, opts in sorted(rows, reverse=True):
        print(f"| {opts} | {p:.2f} | {td:.2f} |")


if __name__ == "__main__":
    main()
