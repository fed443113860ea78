#!/usr/bin/env python3
"""Synthetic degradation of a clean clip, for restoration benchmarks.

Reads INPUT frame by frame as rgb24 through an ffmpeg pipe and writes OUTPUT as lossless FFV1 in
Matroska, with the same frame count and frame rate (no audio). Damage, in this order:

  --scratches K  K vertical scratches at a time, 1-2 px wide, bright or dark (+-50..90 levels),
                 spanning 80-100% of the height; each lasts 3-8 frames, drifting up to 1 px a
                 frame, then starts afresh elsewhere
  --dust N       N specks a frame: discs 2-6 px across, opaque near-black or near-white
  --poisson PEAK Poisson (shot) noise: y = Poisson(x / 255 * PEAK) / PEAK * 255, per pixel and
                 channel (x clipped to [0, 255] first); PEAK is the photon count at white, so the
                 noise std at level x is sqrt(x * 255 / PEAK) (PEAK=30: 29 at mid-grey 128).
                 Applied before --sigma, which then adds the read noise (Poisson-Gaussian)
  --sigma S      Gaussian noise of standard deviation S (8-bit levels), per pixel and channel
  --drop F       exactly round(F * pixels) pixels a frame set to black (0, 0, 0)

Values are rounded and clipped to [0, 255]. Everything comes from one numpy generator seeded by
--seed, so the same arguments give the same output. With --drop (or --mask), a mask video is
written too (lossless gray FFV1, default OUTPUT-mask.mkv): white (255) at every damaged pixel
(dropped, dust, scratch), black elsewhere; dipstream's --mask reads it frame by frame.

Example:
  bench/degrade.py sample-videos/pan.mp4 /tmp/pan-dusty.mkv --sigma 10 --dust 6 --scratches 1
  bench/degrade.py sample-videos/zoom.mp4 /tmp/zoom-drop50.mkv --drop 0.5 --seed 2
  bench/degrade.py sample-videos/zoom.mp4 /tmp/zoom-pg.mkv --poisson 30 --sigma 5 --seed 3
"""
import argparse
import json
import os
import shutil
import subprocess
import sys


def ensure_tools():
    """Installs numpy and ffmpeg with apt-get when missing, then runs this script again."""
    try:
        import numpy  # noqa: F401
        have_numpy = True
    except ImportError:
        have_numpy = False
    if have_numpy and shutil.which("ffmpeg") and shutil.which("ffprobe"):
        return
    if os.environ.get("DEGRADE_INSTALLED"):
        sys.exit("degrade.py: numpy or ffmpeg still missing after apt-get install")
    sudo = [] if os.geteuid() == 0 else (["sudo"] if shutil.which("sudo") else None)
    if sudo is None:
        sys.exit("degrade.py: needs python3-numpy and ffmpeg; install them (as root)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive", DEGRADE_INSTALLED="1")
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "python3-numpy", "ffmpeg"],
                   check=True, env=env)
    # Debian's numpy is installed for the system python.
    os.execve("/usr/bin/python3", ["/usr/bin/python3", *sys.argv], env)


def probe(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                          "stream=width,height,r_frame_rate", "-of", "json", path],
                         check=True, capture_output=True, text=True).stdout
    s = json.loads(out)["streams"][0]
    return s["width"], s["height"], s["r_frame_rate"]


def encoder(path, w, h, rate, pix_fmt_in, pix_fmt_out):
    return subprocess.Popen(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                             "-f", "rawvideo", "-pix_fmt", pix_fmt_in, "-s", f"{w}x{h}",
                             "-framerate", rate, "-i", "-",
                             "-c:v", "ffv1", "-level", "3", "-g", "1", "-pix_fmt", pix_fmt_out,
                             "-fflags", "+bitexact", "-map_metadata", "-1", path],
                            stdin=subprocess.PIPE)


class Scratches:
    """K scratches at a time, each living a few frames and drifting sideways."""

    def __init__(self, rng, k, w, h):
        self.rng, self.w, self.h = rng, w, h
        self.live = [self.new() for _ in range(k)]

    def new(self):
        r = self.rng
        top = int(r.uniform(0, 0.1) * self.h)
        return {"x": r.uniform(2, self.w - 4), "width": int(r.integers(1, 3)),
                "delta": r.choice([-1, 1]) * r.uniform(50, 90), "frames": int(r.integers(3, 9)),
                "top": top, "bottom": self.h - int(r.uniform(0, 0.1) * self.h)}

    def apply(self, f, damaged):
        for i, s in enumerate(self.live):
            x = int(round(s["x"]))
            cols = slice(max(0, x), min(self.w, x + s["width"]))
            f[s["top"]:s["bottom"], cols] += s["delta"]
            damaged[s["top"]:s["bottom"], cols] = True
            s["x"] = min(self.w - 3, max(0, s["x"] + self.rng.uniform(-1, 1)))
            s["frames"] -= 1
            if s["frames"] == 0:
                self.live[i] = self.new()


def dust(rng, n, f, damaged):
    h, w = damaged.shape
    for _ in range(n):
        d = int(rng.integers(2, 7))
        y0, x0 = int(rng.integers(0, h - d + 1)), int(rng.integers(0, w - d + 1))
        yy, xx = np.mgrid[0:d, 0:d] - (d - 1) / 2
        disc = yy ** 2 + xx ** 2 <= d * d / 4 + 0.5
        grey = rng.uniform(0, 40) if rng.random() < 0.5 else rng.uniform(215, 255)
        f[y0:y0 + d, x0:x0 + d][disc] = grey
        damaged[y0:y0 + d, x0:x0 + d] |= disc


def drop(rng, fraction, f, damaged):
    h, w = damaged.shape
    idx = rng.choice(h * w, size=int(round(fraction * h * w)), replace=False)
    f.reshape(-1, 3)[idx] = 0
    damaged.reshape(-1)[idx] = True


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input")
    p.add_argument("output", help="the degraded clip (.mkv, FFV1)")
    p.add_argument("--sigma", type=float, default=0, help="Gaussian noise std, 8-bit levels")
    p.add_argument("--poisson", type=float, default=0, metavar="PEAK",
                   help="Poisson noise, PEAK photons at white (0: none)")
    p.add_argument("--dust", type=int, default=0, help="dust specks per frame")
    p.add_argument("--scratches", type=int, default=0, help="vertical scratches at a time")
    p.add_argument("--drop", type=float, default=0, help="fraction of pixels dropped, [0, 1)")
    p.add_argument("--mask", help="the mask video (default with --drop: OUTPUT-mask.mkv)")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    if a.poisson < 0:
        p.error("--poisson must be >= 0")
    if not 0 <= a.drop < 1 or a.sigma < 0 or a.dust < 0 or a.scratches < 0:
        p.error("--drop must be in [0, 1); --sigma, --dust and --scratches must be >= 0")
    mask_path = a.mask or (os.path.splitext(a.output)[0] + "-mask.mkv" if a.drop > 0 else None)

    w, h, rate = probe(a.input)
    passthrough = (["-fps_mode", "passthrough"] if "fps_mode" in subprocess.run(
        ["ffmpeg", "-hide_banner", "-h", "full"], capture_output=True, text=True).stdout
        else ["-vsync", "passthrough"])
    decoder = subprocess.Popen(["ffmpeg", "-hide_banner", "-loglevel", "error", "-i", a.input,
                                "-map", "0:v:0", *passthrough, "-f", "rawvideo",
                                "-pix_fmt", "rgb24", "-"], stdout=subprocess.PIPE)
    out = encoder(a.output, w, h, rate, "rgb24", "bgr0")
    masks = encoder(mask_path, w, h, rate, "gray", "gray") if mask_path else None
    rng = np.random.default_rng(a.seed)
    scratches = Scratches(rng, a.scratches, w, h)
    frames = 0
    while raw := decoder.stdout.read(w * h * 3):
        f = np.frombuffer(raw, np.uint8).reshape(h, w, 3).astype(np.float64)
        damaged = np.zeros((h, w), bool)
        scratches.apply(f, damaged)
        dust(rng, a.dust, f, damaged)
        if a.poisson > 0:
            f = rng.poisson(np.clip(f, 0, 255) / 255 * a.poisson) / a.poisson * 255
        if a.sigma > 0:
            f += rng.normal(0, a.sigma, f.shape)
        if a.drop > 0:
            drop(rng, a.drop, f, damaged)
        out.stdin.write(np.clip(np.round(f), 0, 255).astype(np.uint8).tobytes())
        if masks:
            masks.stdin.write((damaged * 255).astype(np.uint8).tobytes())
        frames += 1
    for proc in filter(None, (out, masks)):
        proc.stdin.close()
    if any(proc.wait() != 0 for proc in filter(None, (decoder, out, masks))):
        sys.exit("degrade.py: ffmpeg failed")
    print(f"{a.output}: {frames} frames {w}x{h} at {rate} fps"
          + (f"; mask video {mask_path}" if mask_path else ""))


if __name__ == "__main__":
    ensure_tools()
    import numpy as np

    main()
