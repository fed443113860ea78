#!/usr/bin/env python3
"""Makes the sample images from Debian's python3-skimage data (see README.md). Deterministic.

Usage: make-samples.py PATH/TO/skimage/data OUTDIR
"""
import sys

import numpy as np
from PIL import Image

src, out = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(25)


def save(a, name):
    Image.fromarray(np.clip(np.round(a), 0, 255).astype(np.uint8)).save(f"{out}/{name}")


# chelsea.png, 451x300 (CC0): the cat's face, scaled to 160x128 (width not a multiple of 32).
cat = Image.open(f"{src}/chelsea.png").convert("RGB").crop((100, 20, 380, 244))
clean = np.asarray(cat.resize((160, 128), Image.LANCZOS), dtype=np.float64)
save(clean, "chelsea.png")
# sigma = 25 Gaussian noise, clipped and quantised to 8 bits
save(clean + rng.normal(0, 25, clean.shape), "chelsea-noisy25.png")
# 50% of pixels dropped (the same for all channels): white in the mask = missing
missing = rng.random(clean.shape[:2]) < 0.5
save(np.where(missing[..., None], 255, 0).repeat(3, axis=2), "chelsea-mask50.png")
save(np.where(missing[..., None], 0, clean), "chelsea-dropped50.png")
# x4 low resolution, PIL's Lanczos (the reference's ANTIALIAS)
save(np.asarray(Image.fromarray(clean.astype(np.uint8)).resize((40, 32), Image.LANCZOS)), "chelsea-lr4.png")
# astronaut.png, 512x512 (NASA, public domain): 128x128 crop around the face, for a second image
astro = Image.open(f"{src}/astronaut.png").convert("RGB").crop((160, 20, 352, 212))
a = np.asarray(astro.resize((128, 128), Image.LANCZOS), dtype=np.float64)
save(a, "astronaut.png")
save(a + rng.normal(0, 25, a.shape), "astronaut-noisy25.png")
