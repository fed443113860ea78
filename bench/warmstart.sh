#!/usr/bin/env bash
# Warm start vs cold start (issue 4): sample-videos/pan-noisy25.mkv (48 frames, 160x96, sigma=25)
# restored with one preset (default fast) twice, to lossless FFV1:
#   warm: frame 0 on the long schedule, every later frame from the previous frame's weights on
#         the short one (the default);
#   cold: every frame from fresh weights on the long schedule (--cold-every-frame).
# Per frame: iterations and engine seconds (from --frame-log) and PSNR against sample-videos/pan.mp4
# (FFmpeg's psnr filter on RGB). Prints a per-frame table and the means.
# Usage: [KEEP=dir] bench/warmstart.sh [preset] [extra restore options...]   (KEEP: keep the outputs there)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset=${1:-fast}
shift || true
command -v ffmpeg >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null; }
out="${KEEP:-$(mktemp -d)}"
mkdir -p "$out"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$out"' EXIT
s="$here/sample-videos"
echo "date=$(date -u +%F) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\" cores=$(nproc) preset=$preset extra=\"$*\""
psnr() {  # $1 video -> $2: one PSNR (dB, RGB, 8 bits) per frame, frames paired by index
  ffmpeg -v error -i "$1" -map 0:v:0 -fps_mode passthrough -f rawvideo -pix_fmt rgb24 - > "$2.rgb"
  /usr/bin/python3 - "$2.rgb" "$out/clean.rgb" "$2" <<'PY'
import sys, numpy as np
a = np.fromfile(sys.argv[1], np.uint8).reshape(-1, 96 * 160 * 3).astype(np.float64)
b = np.fromfile(sys.argv[2], np.uint8).reshape(-1, 96 * 160 * 3).astype(np.float64)
assert len(a) == len(b), (len(a), len(b))
with open(sys.argv[3], "w") as f:
    for i, m in enumerate(((a - b) ** 2).mean(axis=1)):
        f.write(f"{i} {10 * np.log10(255 ** 2 / m):.4f}\n")
PY
}
ffmpeg -v error -i "$s/pan.mp4" -map 0:v:0 -fps_mode passthrough -f rawvideo -pix_fmt rgb24 - > "$out/clean.rgb"
psnr "$s/pan-noisy25.mkv" "$out/noisy.psnr"
for mode in warm cold; do
  extra=("$@"); [ "$mode" = cold ] && extra+=(--cold-every-frame)
  "$here/dipstream" restore -i "$s/pan-noisy25.mkv" -o "$out/$mode.mkv" -y --preset "$preset" --no-progress \
    --frame-log "$out/$mode.csv" "${extra[@]}" | tail -1 | sed "s/^/$mode: /"
  psnr "$out/$mode.mkv" "$out/$mode.psnr"
done
/usr/bin/python3 - "$out" <<'PY'
import csv, sys
d = sys.argv[1]
def log(m): return list(csv.DictReader(open(f"{d}/{m}.csv")))
def ps(m): return [float(l.split()[1]) for l in open(f"{d}/{m}.psnr")]
noisy, w, c = ps("noisy"), log("warm"), log("cold")
pw, pc = ps("warm"), ps("cold")
print("| frame | noisy dB | warm: iterations | warm dB | cold: iterations | cold dB |")
print("|---|---|---|---|---|---|")
for i in range(len(w)):
    print(f"| {i} | {noisy[i]:.2f} | {w[i]['iterations']} | {pw[i]:.2f} | {c[i]['iterations']} | {pc[i]:.2f} |")
def mean(x): return sum(x) / len(x)
it_w = [int(r["iterations"]) for r in w]; it_c = [int(r["iterations"]) for r in c]
sw = sum(float(r["seconds"]) for r in w); sc = sum(float(r["seconds"]) for r in c)
print()
print("| | mean PSNR dB | mean PSNR frames 1.. dB | iterations/frame (frames 1..) | engine s total |")
print("|---|---|---|---|---|")
print(f"| noisy input | {mean(noisy):.2f} | {mean(noisy[1:]):.2f} | | |")
print(f"| warm start | {mean(pw):.2f} | {mean(pw[1:]):.2f} | {mean(it_w[1:]):.0f} | {sw:.1f} |")
print(f"| cold every frame | {mean(pc):.2f} | {mean(pc[1:]):.2f} | {mean(it_c[1:]):.0f} | {sc:.1f} |")
print(f"speedup (engine time, cold/warm) = {sc/sw:.1f}x; warm - cold PSNR on frames 1.. = {mean(pw[1:]) - mean(pc[1:]):+.2f} dB")
PY
