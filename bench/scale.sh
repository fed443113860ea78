#!/usr/bin/env bash
# Tiles, workers and threads, and several videos in one run, on this machine: wall time, speed-up,
# efficiency and PSNR, as two Markdown tables on stdout (docs/scale.md).
#
# Usage: bench/scale.sh [SUITE_DIR]   (default /tmp/dipstream-suite; made by make-suite.sh if missing)
# Environment:
#   CLIP      suite clip for the tile table (default grass: 320x240, the densest texture)
#   FRAMES    frames of it (default 6)
#   TILE      tile side (default 240: two tiles of 240x240 on a 320x240 frame), OVERLAP (default 32)
#   PRESET    dipstream preset (default fast)
#   VIDEOS    video counts for the second table (default "1 2 4"; copies of the committed 160x96 pan
#             sample's first VFRAMES frames, default 12, each under its own name)
#   KEEP      keep outputs here (default: a temporary folder)
#   DIPSTREAM the command line (default ./dipstream at the repository root)
# Each row is one `dipstream restore` (embedded broker + MiniCluster); seconds = its wall time from
# the summary line. PSNR against the clean clip, and for the tiled rows the PSNR in the tiles'
# overlap bands and elsewhere (bench/tile_metrics.py).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY=${PYTHON:-/usr/bin/python3}
SUITE=${1:-/tmp/dipstream-suite}
CLIP=${CLIP:-grass}
FRAMES=${FRAMES:-6}
TILE=${TILE:-240}
OVERLAP=${OVERLAP:-32}
PRESET=${PRESET:-fast}
VIDEOS=${VIDEOS:-1 2 4}
VFRAMES=${VFRAMES:-12}
DIPSTREAM=${DIPSTREAM:-$here/dipstream}
if [ -n "${KEEP:-}" ]; then WORK=$KEEP; mkdir -p "$WORK"
else WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT; fi
if [ ! -s "$SUITE/$CLIP-g25.mkv" ]; then
  SKIP_EXISTING=1 CLIPS="$CLIP" DEGRADATIONS=g25 FRAMES=24 "$here/sample-videos/make-suite.sh" "$SUITE" >&2
fi
COMMON=(-hide_banner -loglevel error -nostdin -y)
LOSSLESS=(-c:v ffv1 -level 3 -g 1 -pix_fmt bgr0)
trim() { ffmpeg "${COMMON[@]}" -i "$1" -frames:v "$3" -map 0:v:0 "${LOSSLESS[@]}" "$2"; }
kv() { grep -oE "(^| )$1=[^ ]*" | tail -1 | cut -d= -f2; }

trim "$SUITE/$CLIP.mkv" "$WORK/clean.mkv" "$FRAMES"
trim "$SUITE/$CLIP-g25.mkv" "$WORK/noisy.mkv" "$FRAMES"
size=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=s=x:p=0 "$WORK/clean.mkv")
echo "date=$(date -u +%FT%TZ) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')\" cores=$(nproc) preset=$PRESET"
echo
echo "### One clip, tiles on workers ($CLIP $size, σ=25, $FRAMES frames, --tile-size $TILE --tile-overlap $OVERLAP)"
echo
echo "| tiles | workers × threads | seconds | speed-up vs 1 × 1 | efficiency | PSNR | PSNR overlap bands / elsewhere | untiled on the same pixels |"
echo "|---|---|---|---|---|---|---|---|"
base=""
run() { # NAME TILE-ARGS P T
  local out="$WORK/$1.mkv"
  "$DIPSTREAM" restore -i "$WORK/noisy.mkv" -o "$out" -y --no-progress --preset "$PRESET" $2 \
    --parallelism "$3" --threads "$4" >"$WORK/$1.out" 2>"$WORK/$1.err" || { echo "| $1 failed: $(tail -1 "$WORK/$1.err") |"; return 1; }
  tail -1 "$WORK/$1.out"
}
for cfg in "untiled 0 1 2" "untiled 0 1 1" "tiled $TILE 1 1" "tiled $TILE 1 2" "tiled $TILE 2 1"; do
  set -- $cfg
  name="$1-p$3t$4"
  line=$(run "$name" "--tile-size $2 --tile-overlap $OVERLAP" "$3" "$4") || continue
  secs=$(kv seconds <<<"$line"); tiles=$(kv tiles <<<"$line")
  if [ "$name" = tiled-p1t1 ]; then base=$secs; fi
  if [ "$1" = tiled ]; then
    m=$("$PY" "$here/bench/tile_metrics.py" "$WORK/clean.mkv" "$WORK/$name.mkv" "$2" "$OVERLAP" "$WORK/untiled-p1t2.mkv")
  else
    m=$("$PY" "$here/bench/tile_metrics.py" "$WORK/clean.mkv" "$WORK/$name.mkv" "$TILE" "$OVERLAP")
  fi
  up="–"; eff="–"
  if [ -n "$base" ] && [ "$1" = tiled ]; then
    up=$(awk "BEGIN { printf \"%.2f\", $base / $secs }"); eff=$(awk "BEGIN { printf \"%.2f\", $base / $secs / $3 }")
  fi
  band="$(kv psnr_band <<<"$m") / $(kv psnr_rest <<<"$m")"
  ref="–"; [ "$1" = tiled ] && ref="$(kv ref_psnr_band <<<"$m") / $(kv ref_psnr_rest <<<"$m")"
  echo "| $tiles | $3 × $4 | $secs | $up | $eff | $(kv psnr <<<"$m") | $band | $ref |"
done

echo
echo "### Several videos in one run (the pan sample's first $VFRAMES frames, 160×96, untiled)"
echo
echo "| videos | workers × threads | seconds | frames/s | frames/s per worker |"
echo "|---|---|---|---|---|"
trim "$here/sample-videos/pan-noisy25.mkv" "$WORK/pan.mkv" "$VFRAMES"
for n in $VIDEOS; do
  for pt in "1 2" "2 1"; do
    set -- $pt
    d="$WORK/videos-$n-p$1t$2"; rm -rf "$d"; mkdir -p "$d/in" "$d/out"
    args=()
    for i in $(seq 1 "$n"); do cp "$WORK/pan.mkv" "$d/in/v$i.mkv"; args+=(-i "$d/in/v$i.mkv"); done
    if "$DIPSTREAM" restore "${args[@]}" -o "$d/out" -y --no-progress --preset "$PRESET" --tile-size 0 \
        --parallelism "$1" --threads "$2" >"$d.out" 2>"$d.err"; then
      line=$(tail -1 "$d.out"); secs=$(kv seconds <<<"$line"); fps=$(kv fps <<<"$line")
      echo "| $n | $1 × $2 | $secs | $fps | $(awk "BEGIN { printf \"%.3f\", $fps / $1 }") |"
    else
      echo "| $n | $1 × $2 | failed: $(tail -1 "$d.err") | | |"
    fi
  done
done
