#!/usr/bin/env bash
# Warm start vs cold start (issue 5): a sigma=25 clip (default sample-videos/pan-noisy25.mkv against
# sample-videos/pan.mp4) restored with one preset (default fast), to lossless FFV1, as:
#   warm:        frame 0 on the long schedule, later frames from the previous frame's weights
#                (Adam's moments reset), stopped by the running variance of their outputs (the default);
#   warm-fixed:  later frames run exactly a tenth of the long schedule (--fixed-schedule);
#   warm-carry:  the default, with Adam's moments carried from frame to frame (--carry-adam);
#   cold:        every frame from fresh weights on the long schedule (--cold-every-frame).
# Per frame: iterations and engine seconds (from --frame-log), PSNR against the clean clip and
# tdPSNR (PSNR of frame-to-frame differences against the clean clip's), frames paired by index.
# Usage: [KEEP=dir] [MODES="warm cold"] [DIPSTREAM=launcher] bench/warmstart.sh [preset] [noisy clean]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset=${1:-fast}
noisy=${2:-$here/sample-videos/pan-noisy25.mkv}
clean=${3:-$here/sample-videos/pan.mp4}
modes=${MODES:-warm warm-fixed warm-carry cold}
command -v ffmpeg >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null; }
/usr/bin/python3 -c 'import numpy' 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy >/dev/null; }
out="${KEEP:-$(mktemp -d)}"
mkdir -p "$out"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$out"' EXIT
echo "date=$(date -u +%F) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\" cores=$(nproc) preset=$preset input=$(basename "$noisy")"
rgb() { ffmpeg -v error -i "$1" -map 0:v:0 -fps_mode passthrough -f rawvideo -pix_fmt rgb24 - > "$2"; }
size=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0:s=x "$clean")
rgb "$clean" "$out/clean.rgb"
rgb "$noisy" "$out/noisy.rgb"
for mode in $modes; do
  extra=()
  case $mode in
    warm-fixed) extra=(--fixed-schedule --frame-iterations $(( first / 10 ))) ;;
    warm-carry) extra=(--carry-adam) ;;
    cold) extra=(--cold-every-frame) ;;
  esac
  "${DIPSTREAM:-$here/dipstream}" restore -i "$noisy" -o "$out/$mode.mkv" -y --preset "$preset" --no-progress \
    --frame-log "$out/$mode.csv" "${extra[@]}" > "$out/$mode.out"
  tail -1 "$out/$mode.out" | sed "s/^/$mode: /"
  # The long schedule, from the summary line (first_iterations=N) of the run.
  first=$(grep -o 'first_iterations=[0-9]*' "$out/$mode.out" | cut -d= -f2)
  rgb "$out/$mode.mkv" "$out/$mode.rgb"
done
/usr/bin/python3 - "$out" "$size" $modes <<'PY'
import csv, sys, numpy as np
d, size, modes = sys.argv[1], sys.argv[2], sys.argv[3:]
w, h = map(int, size.split("x"))
def frames(n): return np.fromfile(f"{d}/{n}.rgb", np.uint8).reshape(-1, h * w * 3).astype(np.float64)
clean = frames("clean")
def psnr(a, b): return 10 * np.log10(255 ** 2 / ((a - b) ** 2).mean(axis=1))
def td(a): return psnr(np.diff(a, axis=0), np.diff(clean, axis=0))
noisy = frames("noisy")
rows = {m: list(csv.DictReader(open(f"{d}/{m}.csv"))) for m in modes}
p = {m: psnr(frames(m), clean) for m in modes}
t = {m: td(frames(m)) for m in modes}
print("| frame | noisy dB | " + " | ".join(f"{m}: it | {m} dB" for m in modes) + " |")
print("|---" * (2 + 2 * len(modes)) + "|")
pn = psnr(noisy, clean)
for i in range(len(clean)):
    print(f"| {i} | {pn[i]:.2f} | " + " | ".join(f"{rows[m][i]['iterations']} | {p[m][i]:.2f}" for m in modes) + " |")
print()
print("| run | mean PSNR dB (frames 1..) | mean tdPSNR dB | iterations/frame (frames 1..) | engine s total | scene cuts |")
print("|---|---|---|---|---|---|")
print(f"| noisy input | {pn[1:].mean():.2f} | {td(noisy).mean():.2f} | | | |")
sec = {}
for m in modes:
    it = [int(r["iterations"]) for r in rows[m]]
    sec[m] = sum(float(r["seconds"]) for r in rows[m])
    cuts = sum(r["scene_cut"] == "true" for r in rows[m])
    print(f"| {m} | {p[m][1:].mean():.2f} | {t[m].mean():.2f} | {np.mean(it[1:]):.1f} | {sec[m]:.1f} | {cuts} |")
if "cold" in modes:
    for m in modes:
        if m != "cold":
            print(f"{m} vs cold: {p[m][1:].mean() - p['cold'][1:].mean():+.2f} dB PSNR, "
                  f"{t[m].mean() - t['cold'].mean():+.2f} dB tdPSNR, speedup {sec['cold'] / sec[m]:.1f}x (engine time)")
PY
