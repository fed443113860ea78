#!/usr/bin/env bash
# Quality benchmark: sigma=25 denoising of sample-videos/chelsea-noisy25.png with the paper
# network, N iterations (default 600), seeds 1 and 2, dipstream vs the PyTorch twin; then one
# inpainting (50% dropped) and one x4 super-resolution result (vs bicubic) for dipstream with
# the balanced preset (set INPAINT_ITERATIONS, SR_ITERATIONS).
# Usage: bench/quality.sh [iterations]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-600}"
s="$here/sample-videos"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
if ! /usr/bin/python3 -c 'import torch, PIL' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-pil >/dev/null
fi
echo "date=$(date -u +%F) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\" cores=$(nproc) iterations=$n"
for seed in 1 2; do
  echo "dipstream seed=$seed $("$here/dipstream" image --task denoise -i "$s/chelsea-noisy25.png" -o "$out/d$seed.png" \
    --preset paper --iterations "$n" --seed "$seed" --reference "$s/chelsea.png" --no-progress | tail -1)"
  echo "$(/usr/bin/python3 "$here/bench/pytorch_dip.py" denoise --input "$s/chelsea-noisy25.png" \
    --reference "$s/chelsea.png" --iterations "$n" --seed "$seed") seed=$seed"
done
echo "inpaint50 $("$here/dipstream" image --task inpaint -i "$s/chelsea-dropped50.png" --mask "$s/chelsea-mask50.png" \
  -o "$out/i.png" --preset balanced --iterations "${INPAINT_ITERATIONS:-1000}" --reference "$s/chelsea.png" --no-progress | tail -1)"
echo "sr4 $("$here/dipstream" image --task sr --factor 4 -i "$s/chelsea-lr4.png" -o "$out/s.png" \
  --preset balanced --iterations "${SR_ITERATIONS:-1000}" --reference "$s/chelsea.png" --no-progress | tail -1)"
/usr/bin/python3 - "$s" <<'PY'
import sys, numpy as np
from PIL import Image
s = sys.argv[1]
clean = np.asarray(Image.open(f"{s}/chelsea.png").convert("RGB"), dtype=np.float64)
def psnr(a):
    return 10 * np.log10(255**2 / np.mean((np.asarray(a, dtype=np.float64) - clean) ** 2))
lr = Image.open(f"{s}/chelsea-lr4.png").convert("RGB")
print(f"sr4 bicubic psnr={psnr(lr.resize((160, 128), Image.BICUBIC)):.2f} lanczos psnr={psnr(lr.resize((160, 128), Image.LANCZOS)):.2f}")
print(f"noisy input psnr={psnr(Image.open(f'{s}/chelsea-noisy25.png').convert('RGB')):.2f}")
PY
