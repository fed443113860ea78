#!/usr/bin/env bash
# Inpainting, x4 super-resolution and the archival preset on video (issue 5), each against the
# obvious classical baseline, on the first FRAMES (default 24) frames of a clean clip
# (default sample-videos/pan.mp4); PSNR (RGB, 8 bits) against the clean frames, paired by index.
#   inpaint: 50% of pixels dropped (bench/degrade.py --drop 0.5, mask video) -> dipstream
#            --task inpaint --mask; baseline: normalised Gaussian interpolation of the known pixels.
#   sr:      the clip shrunk 4x (FFmpeg area) -> dipstream --task sr --factor 4; baselines: FFmpeg
#            bicubic and lanczos upscaling.
#   archival: dust, scratches and sigma=5 grain (degrade.py --dust 6 --scratches 1 --sigma 5) ->
#            dipstream --preset archival; baselines: FFmpeg chains (tmedian, median, removegrain,
#            hqdn3d, nlmeans and combinations).
# Temporal FFmpeg filters (tmedian) drop `radius` frames at each end: the chains pad the clip by
# cloning its first and last frames (tpad) so that frames stay paired by index.
# Usage: [PRESET=fast] [DIP_OPTS="--first-iterations 600"] [ARCHIVAL_ITERATIONS=300] [FRAMES=24]
#        [SECTIONS="inpaint sr archival"] [DIPSTREAM=launcher|none] [KEEP=dir] bench/tasks-video.sh [clean clip]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clip=${1:-$here/sample-videos/pan.mp4}
preset=${PRESET:-fast}
frames=${FRAMES:-24}
dip=${DIPSTREAM:-$here/dipstream}
command -v ffmpeg >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null; }
/usr/bin/python3 -c 'import numpy' 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy >/dev/null; }
out="${KEEP:-$(mktemp -d)}"
mkdir -p "$out"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$out"' EXIT
sections=${SECTIONS:-inpaint sr archival}
read -r -a dip_opts <<< "${DIP_OPTS:-}"
echo "date=$(date -u +%F) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\" cores=$(nproc) clip=$(basename "$clip") frames=$frames preset=$preset dip_opts=\"${DIP_OPTS:-}\""
size=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0:s=x "$clip")
w=${size%x*}; h=${size#*x}
ffmpeg -v error -y -i "$clip" -frames:v "$frames" -an -c:v ffv1 "$out/clean.mkv"
rgb() { ffmpeg -v error -i "$1" -map 0:v:0 -fps_mode passthrough -f rawvideo -pix_fmt rgb24 - > "$2"; }
rgb "$out/clean.mkv" "$out/clean.rgb"
mean_psnr() {  # $1 rgb file -> mean over frames of PSNR against clean.rgb
  /usr/bin/python3 - "$1" "$out/clean.rgb" "$w" "$h" <<'PY'
import sys, numpy as np
w, h = int(sys.argv[3]), int(sys.argv[4])
a = np.fromfile(sys.argv[1], np.uint8).reshape(-1, h * w * 3).astype(np.float64)
b = np.fromfile(sys.argv[2], np.uint8).reshape(-1, h * w * 3).astype(np.float64)
assert len(a) == len(b), (len(a), len(b))
print(f"{np.mean(10 * np.log10(255 ** 2 / ((a - b) ** 2).mean(axis=1))):.2f}")
PY
}
score() { rgb "$1" "$out/x.rgb"; mean_psnr "$out/x.rgb"; }
restore() {  # name, restore options...: runs dipstream, prints "PSNR s/frame" (DIPSTREAM=none: skipped)
  local name=$1; shift
  if [ "$dip" = none ]; then echo "- -"; return; fi
  "$dip" restore -o "$out/$name.mkv" -y --no-progress "$@" ${dip_opts[@]+"${dip_opts[@]}"} > "$out/$name.out"
  local secs; secs=$(grep -o 'engine_seconds=[0-9.]*' "$out/$name.out" | cut -d= -f2)
  echo "$(score "$out/$name.mkv") $(/usr/bin/python3 -c "print(f'{$secs / $frames:.2f}')")"
}
timed() {  # command... : prints seconds per frame
  local t0; t0=$(date +%s.%N); "$@"; /usr/bin/python3 -c "import time; print(f'{(time.time() - $t0) / $frames:.3f}')"
}

if [[ " $sections " == *" inpaint "* ]]; then
echo
echo "### Inpainting, 50% of pixels dropped"
/usr/bin/python3 "$here/bench/degrade.py" "$out/clean.mkv" "$out/drop.mkv" --drop 0.5 --seed 5 >/dev/null
rgb "$out/drop.mkv" "$out/drop.rgb"
ffmpeg -v error -i "$out/drop-mask.mkv" -f rawvideo -pix_fmt gray - > "$out/mask.gray"
t=$(timed /usr/bin/python3 - "$out/drop.rgb" "$out/mask.gray" "$out/interp.rgb" "$w" "$h" <<'PY'
import sys, numpy as np
w, h = int(sys.argv[4]), int(sys.argv[5])
x = np.fromfile(sys.argv[1], np.uint8).reshape(-1, h, w, 3).astype(np.float64)
known = (np.fromfile(sys.argv[2], np.uint8).reshape(-1, h, w, 1) < 128).astype(np.float64)
def blur(a, s=1.0):  # separable Gaussian along rows and columns (reflect borders)
    r = int(3 * s); k = np.exp(-np.arange(-r, r + 1) ** 2 / (2 * s * s)); k /= k.sum()
    for axis in (1, 2):
        pad = [(0, 0)] * a.ndim; pad[axis] = (r, r)
        p = np.pad(a, pad, mode="reflect")
        a = sum(k[i] * np.take(p, range(i, i + a.shape[axis]), axis=axis) for i in range(2 * r + 1))
    return a
est = blur(x * known) / np.maximum(blur(known), 1e-6)
out = np.where(known > 0, x, est)
np.clip(np.round(out), 0, 255).astype(np.uint8).tofile(sys.argv[3])
PY
)
echo "| method | PSNR dB | s/frame |"
echo "|---|---|---|"
echo "| input (dropped pixels black) | $(mean_psnr "$out/drop.rgb") | |"
echo "| interpolation of known pixels (normalised Gaussian, sigma 1 px) | $(mean_psnr "$out/interp.rgb") | $t |"
read -r p s < <(restore inpaint -i "$out/drop.mkv" --task inpaint --mask "$out/drop-mask.mkv" --preset "$preset")
echo "| dipstream inpaint, $preset | $p | $s |"
fi

if [[ " $sections " == *" sr "* ]]; then
echo
echo "### Super-resolution x4"
ffmpeg -v error -y -i "$out/clean.mkv" -vf "scale=$((w / 4)):$((h / 4)):flags=area" -c:v ffv1 "$out/small.mkv"
echo "| method | PSNR dB | s/frame |"
echo "|---|---|---|"
for f in bicubic lanczos; do
  t=$(timed ffmpeg -v error -y -i "$out/small.mkv" -vf "scale=$w:$h:flags=$f" -c:v ffv1 "$out/$f.mkv")
  echo "| FFmpeg $f | $(score "$out/$f.mkv") | $t |"
done
read -r p s < <(restore sr -i "$out/small.mkv" --task sr --factor 4 --preset "$preset")
echo "| dipstream sr x4, $preset | $p | $s |"
fi

if [[ " $sections " == *" archival "* ]]; then
echo
echo "### Archival: dust, scratches and grain"
/usr/bin/python3 "$here/bench/degrade.py" "$out/clean.mkv" "$out/dusty.mkv" --dust 6 --scratches 1 --sigma 5 --seed 7 >/dev/null
echo "| method | PSNR dB | s/frame |"
echo "|---|---|---|"
echo "| input | $(score "$out/dusty.mkv") | |"
best=""
for chain in "tmedian=radius=1" "tmedian=radius=2" "median=radius=1" "median=radius=2" \
    "removegrain=m0=1:m1=1:m2=1" "removegrain=m0=4:m1=4:m2=4" "hqdn3d=8:6:12:9" "nlmeans=s=4" \
    "tmedian=radius=1,hqdn3d=4:3:6:4.5" "tmedian=radius=1,median=radius=1" \
    "tmedian=radius=1,removegrain=m0=4:m1=4:m2=4" "tmedian=radius=1,nlmeans=s=3" "median=radius=1,hqdn3d=4:3:6:4.5"; do
  pad=$(grep -o 'tmedian=radius=[0-9]*' <<< "$chain" | cut -d= -f3 || true)
  vf="format=yuv444p,${pad:+tpad=start=$pad:stop=$pad:start_mode=clone:stop_mode=clone,}$chain,format=rgb24"
  t=$(timed ffmpeg -v error -y -i "$out/dusty.mkv" -vf "$vf" -c:v ffv1 "$out/chain.mkv")
  echo "| FFmpeg $chain | $(score "$out/chain.mkv") | $t |"
done
read -r p s < <(restore archival -i "$out/dusty.mkv" --preset archival --first-iterations "${ARCHIVAL_ITERATIONS:-300}")
echo "| dipstream --preset archival, first frame ${ARCHIVAL_ITERATIONS:-300} iterations | $p | $s |"
fi
