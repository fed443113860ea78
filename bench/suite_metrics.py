#!/usr/bin/env python3
"""Quality of restored (or degraded) clips against their clean clip, for bench/suite.sh.

Usage: bench/suite_metrics.py [--psnr-only] [--frames N] CLEAN OUT [OUT ...]

Decodes every clip with ffmpeg to rgb24 (-fps_mode passthrough: no frames dropped or duplicated),
compares frame t of OUT with frame t of CLEAN for the first min(frames of both, N) frames, and
prints one JSON object a line per OUT:

  psnr         mean over frames of the per-frame RGB PSNR (peak 255; a frame equal to the clean
               one counts as 100 dB)
  rmse         sqrt of the MSE over all frames and channels (for a degraded clip: its effective
               noise sigma, after clipping and compression)
  ssim         mean over frames of skimage's structural_similarity(channel_axis=-1,
               data_range=255) (not with --psnr-only)
  tdpsnr       temporal PSNR: mean over t >= 1 of the PSNR of out[t] - out[t-1] against
               clean[t] - clean[t-1] (peak 255); flicker and temporal noise lower it
  psnr_first3  mean per-frame PSNR of frames 0-2; psnr_rest: of frames 3 and later (null when
               there are none)
  frames, clean_frames: frames compared / frames in CLEAN; error: set (and the rest missing) when
               OUT cannot be decoded or its size differs from CLEAN's
"""
import argparse
import json
import subprocess
import sys

import numpy as np


def passthrough():
    out = subprocess.run(["ffmpeg", "-hide_banner", "-h", "full"], capture_output=True, text=True).stdout
    return ["-fps_mode", "passthrough"] if "fps_mode" in out else ["-vsync", "passthrough"]


PASSTHROUGH = passthrough()


def size(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                          "stream=width,height", "-of", "json", path],
                         check=True, capture_output=True, text=True).stdout
    s = json.loads(out)["streams"][0]
    return s["width"], s["height"]


def decode(path, frames=None):
    """The frames of path's first video stream as uint8 rgb24, (frames, h, w, 3)."""
    w, h = size(path)
    limit = ["-frames:v", str(frames)] if frames else []
    raw = subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-i", path, "-map", "0:v:0",
                          *PASSTHROUGH, *limit, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, h, w, 3)


def psnr(mse):
    return 100.0 if mse == 0 else float(10 * np.log10(255.0 ** 2 / mse))


def metrics(out, clean, with_ssim):
    n = min(len(out), len(clean))
    o, c = out[:n].astype(np.float64), clean[:n].astype(np.float64)
    mse = ((o - c) ** 2).reshape(n, -1).mean(axis=1)
    per_frame = [psnr(m) for m in mse]
    r = {"frames": n, "psnr": float(np.mean(per_frame)), "rmse": float(np.sqrt(mse.mean())),
         "psnr_first3": float(np.mean(per_frame[:3])),
         "psnr_rest": float(np.mean(per_frame[3:])) if n > 3 else None}
    if n > 1:
        d = (np.diff(o, axis=0) - np.diff(c, axis=0)) ** 2
        r["tdpsnr"] = float(np.mean([psnr(m) for m in d.reshape(n - 1, -1).mean(axis=1)]))
    else:
        r["tdpsnr"] = None
    if with_ssim:
        from skimage.metrics import structural_similarity
        r["ssim"] = float(np.mean([structural_similarity(out[i], clean[i], channel_axis=-1,
                                                         data_range=255) for i in range(n)]))
    return r


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("clean")
    p.add_argument("outputs", nargs="+")
    p.add_argument("--psnr-only", action="store_true", help="skip SSIM (fast, for parameter grids)")
    p.add_argument("--frames", type=int, help="compare at most the first N frames")
    a = p.parse_args()
    clean = decode(a.clean, a.frames)
    for path in a.outputs:
        r = {"path": path, "clean_frames": len(clean)}
        try:
            out = decode(path, a.frames)
            if out.shape[1:] != clean.shape[1:]:
                r["error"] = f"size {out.shape[2]}x{out.shape[1]} != clean {clean.shape[2]}x{clean.shape[1]}"
            elif len(out) == 0:
                r["error"] = "no frames"
            else:
                r.update(metrics(out, clean, not a.psnr_only))
        except (subprocess.CalledProcessError, ValueError, KeyError, IndexError) as e:
            r["error"] = f"cannot decode: {e}"
        print(json.dumps(r), flush=True)


if __name__ == "__main__":
    sys.exit(main())
