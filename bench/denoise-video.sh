#!/usr/bin/env bash
# Video denoising against FFmpeg's denoisers (issue 5): each clean clip (default
# sample-videos/pan.mp4 and sample-videos/zoom.mp4) gets sigma=25 Gaussian noise (CLIP-noisy25.mkv
# beside it if there is one, else bench/degrade.py with seed 1, 2, ... by position), is restored with `dipstream restore --preset balanced` (PRESET to change)
# and measured by its quality report with --compare-ffmpeg: hqdn3d, nlmeans, atadenoise, fftdnoiz
# and bm3d at three strengths each, PSNR/SSIM/tdPSNR against the clean clip, time per frame.
# Prints the report's comparison table per clip; KEEP=dir keeps clips and reports.
# Usage: [PRESET=balanced] [KEEP=dir] [DIPSTREAM=launcher] bench/denoise-video.sh [clean clips...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -gt 0 ] || set -- "$here/sample-videos/pan.mp4" "$here/sample-videos/zoom.mp4"
out="${KEEP:-$(mktemp -d)}"
mkdir -p "$out"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$out"' EXIT
echo "date=$(date -u +%F) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\" cores=$(nproc) preset=${PRESET:-balanced}"
seed=1
for clean in "$@"; do
  name=$(basename "${clean%.*}")
  noisy="${clean%.*}-noisy25.mkv"  # a committed noisy version (pan-noisy25.mkv) is used as it is
  if [ ! -f "$noisy" ]; then
    noisy="$out/$name-noisy25.mkv"
    /usr/bin/python3 "$here/bench/degrade.py" "$clean" "$noisy" --sigma 25 --seed "$seed" >/dev/null
  fi
  seed=$((seed + 1))
  "${DIPSTREAM:-$here/dipstream}" restore -i "$noisy" -o "$out/$name.mkv" -y --no-progress \
    --preset "${PRESET:-balanced}" --frame-log "$out/$name.csv" --report --reference "$clean" --compare-ffmpeg \
    | tail -2 | sed "s/^/$name: /"
  echo
  echo "#### $name"
  /usr/bin/python3 "$here/bench/report_table.py" "$out/$name.report.html" summary
  echo
  /usr/bin/python3 "$here/bench/report_table.py" "$out/$name.report.html" comparison
  echo
done
