#!/usr/bin/env bash
# PSNR of the multi-frame target alone (what the network is fitted to, before any fit) on the
# development suite: usage bench/target-psnr.sh [SUITE_DIR]; env K (neighbours per side, default
# "3 5"), CLIPS, DEGRADATIONS (default g25), FRAMES (default 12). Needs the frames module built
# (mvn -q -o install -DskipTests -pl frames) and FFmpeg's CLI.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SUITE=${1:-/tmp/dipstream-suite}
K=${K:-3 5}
CLIPS=${CLIPS:-grass brick text face moving cut}
DEGRADATIONS=${DEGRADATIONS:-g25}
FRAMES=${FRAMES:-12}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for c in $CLIPS; do
  size=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0:s=x "$SUITE/$c.mkv")
  ffmpeg -v error -y -i "$SUITE/$c.mkv" -f rawvideo -pix_fmt rgb24 "$WORK/clean.rgb"
  for d in $DEGRADATIONS; do
    f=$(ls "$SUITE/$c-$d".* | head -1)
    ffmpeg -v error -y -i "$f" -f rawvideo -pix_fmt rgb24 "$WORK/$c-$d.rgb"
    for k in $K; do
      java -cp "$ROOT/frames/target/classes" "$ROOT/bench/java/TargetPsnr.java" \
        "$WORK/clean.rgb" "$WORK/$c-$d.rgb" "${size%x*}" "${size#*x}" "$k" "$FRAMES"
    done
    rm -f "$WORK/$c-$d.rgb"
  done
done
