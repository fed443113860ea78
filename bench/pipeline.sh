#!/usr/bin/env bash
# Pipeline benchmark (issue 4): what decode + Kafka + Flink + encode cost without the engine.
#  1. Pass-through at 720p: sample-videos/pan.mp4 looped and scaled to 1280x720 (N1=240 and N2=960
#     frames),
#     restored with --task passthrough to H.264 (x264 medium and ultrafast) and to FFV1. Reports
#     frames/s over the whole command and the marginal frames/s (N2-N1)/(t2-t1), which leaves out
#     the start-up (broker, MiniCluster) and shutdown.
#  2. Overhead of the fast preset: sample-videos/pan-noisy25.mkv with --preset fast; overhead is
#     1 - (engine seconds / wall seconds), engine seconds being the sum over frames of the time
#     the engine spent on them.
# Usage: bench/pipeline.sh   (installs ffmpeg from Debian when missing)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N1=${N1:-240}
N2=${N2:-960}
for tool in ffmpeg bc; do command -v $tool >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; }; done
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$here/dipstream" --version >/dev/null   # builds first when needed
echo "date=$(date -u +%F) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\" cores=$(nproc)"
for n in "$N1" "$N2"; do
  ffmpeg -v error -y -stream_loop -1 -i "$here/sample-videos/pan.mp4" -vf scale=1280:720:flags=lanczos \
    -frames:v "$n" -c:v libx264 -crf 18 -preset veryfast -pix_fmt yuv420p -c:a aac -shortest "$out/in$n.mp4"
done
run() {  # prints "frames seconds" of one pass-through run (frames as written by the sink)
  local line
  line=$("$here/dipstream" restore -i "$1" -o "$2" -y --task passthrough --no-progress "${@:3}" | tail -1)
  sed -E 's/^frames=([0-9]+) .* seconds=([0-9.]+) .*/\1 \2/' <<<"$line"
}
for variant in "mp4 medium" "mp4 ultrafast" "mkv -"; do
  set -- $variant
  ext=$1; preset=$2
  extra=(); [ "$preset" != "-" ] && extra=(--x264-preset "$preset")
  read -r f1 t1 < <(run "$out/in$N1.mp4" "$out/o.$ext" "${extra[@]}")
  read -r f2 t2 < <(run "$out/in$N2.mp4" "$out/o.$ext" "${extra[@]}")
  printf 'passthrough 720p out=%s x264=%s frames=%d seconds=%.2f fps=%.1f | frames=%d seconds=%.2f fps=%.1f | marginal_fps=%.1f\n' \
    "$ext" "$preset" "$f1" "$t1" "$(echo "$f1/$t1" | bc -l)" "$f2" "$t2" "$(echo "$f2/$t2" | bc -l)" \
    "$(echo "($f2-$f1)/($t2-$t1)" | bc -l)"
done
line=$("$here/dipstream" restore -i "$here/sample-videos/pan-noisy25.mkv" -o "$out/fast.mkv" -y --preset fast --no-progress | tail -1)
echo "fast preset 160x96x48: $line"
wall=$(sed -E 's/.* seconds=([0-9.]+) .*/\1/' <<<"$line")
engine=$(sed -E 's/.*engine_seconds=([0-9.]+).*/\1/' <<<"$line")
printf 'fast preset overhead = 1 - %s/%s = %.1f%%\n' "$engine" "$wall" "$(echo "100*(1-$engine/$wall)" | bc -l)"
