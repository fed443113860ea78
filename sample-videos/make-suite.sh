#!/usr/bin/env bash
# Makes the development suite (see README.md, "Development suite"): six clean clips and their
# degraded versions, for bench/suite.sh. Deterministic; the output is not committed.
#
# Clean clips: lossless FFV1 (level 3, intra only) in Matroska, bgr0 (rgb; the gray sources have
# R = G = B), 24 fps, FRAMES frames (default 24). Every source is a file of Debian's python3-skimage
# (0.19.3-8, /usr/lib/python3/dist-packages/skimage/data); the licences are those stated in
# skimage.data's docstrings (skimage/data/_fetchers.py):
#
#   grass.mkv   320x240, gray: slow diagonal pan over grass.png (512x512; DeviantArt "Grass 01" by
#               linolafett, CC0).
#   brick.mkv   320x240, gray: pan and slight zoom (1.5x to 1.65x) over brick.png (512x512;
#               CC0Textures "Bricks25", CC0).
#   text.mkv    640x360, gray, hard edges: horizontal pan over text.png (448x172; Wikipedia
#               File:Corner.png, public domain).
#   face.mkv    640x360: slow zoom (1.0x to 1.5x) into the face of astronaut.png (512x512; NASA
#               portrait of Eileen Collins, public domain, work of the US federal government).
#   moving.mkv  320x240: pan over coffee.png (600x400; Rachel Michetti, CC0) with a 64x64 cut-out
#               of astronaut.png's face (as above, public domain) moving on its own path (left to
#               right on a sine wave) over it.
#   cut.mkv     320x240: pan over chelsea.png (451x300; Stefan van der Walt's cat, CC0), then at
#               frame FRAMES/2 a hard cut to a zoom (1.2x to 1.4x) into coffee.png (CC0).
#
# Motion: each source is upscaled x2 (x4 for text) with Lanczos before zoompan/crop, so that the
# integer crop positions are fractions of an output pixel: the motion is sub-pixel, as in real
# footage. Speeds are per frame and do not depend on FRAMES up to 24 (the first 4 frames of a
# 24-frame suite are the 4 frames of a FRAMES=4 suite); above 24 the same path is just slower.
#
# Degraded versions, by bench/degrade.py with fixed seeds (clip number k = 1..6 in the order above:
# seed 100k + 15, 25, 50, 30), lossless FFV1 bgr0 unless noted:
#   NAME-g15.mkv, NAME-g25.mkv, NAME-g50.mkv  Gaussian noise sigma 15, 25, 50 (8-bit levels)
#   NAME-pg.mkv     Poisson-Gaussian: --poisson 30 --sigma 5 (shot noise with 30 photons at white,
#                   then read noise sigma 5); the effective sigma depends on the brightness
#                   (sqrt(x*255/30 + 25): 11.7 at x=16, 33.4 at x=128, 46.8 at x=255); the manifest
#                   prints each clip's measured value (rmse)
#   NAME-g25crf.mp4 NAME-g25.mkv encoded with libx264 -preset medium -crf 30, yuv420p (noise
#                   that went through a lossy codec)
#
# Usage: sample-videos/make-suite.sh OUTDIR
# Environment: FRAMES (default 24), CLIPS (default "grass brick text face moving cut"),
#   DEGRADATIONS (default "g15 g25 g50 pg g25crf"; "" for clean clips only), SKIP_EXISTING=1 (keep
#   files that already exist), PYTHON (default /usr/bin/python3), SKIMAGE_DATA (the images folder).
# Prints a manifest (also written to OUTDIR/manifest.txt): per file its size, frames, bytes and,
# for degraded files, PSNR and rmse against the clean clip.
set -euo pipefail

[ $# -eq 1 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 2; }
OUT=$1
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY=${PYTHON:-/usr/bin/python3}
SKIMAGE_DATA=${SKIMAGE_DATA:-/usr/lib/python3/dist-packages/skimage/data}
FRAMES=${FRAMES:-24}
CLIPS=${CLIPS-grass brick text face moving cut}
DEGRADATIONS=${DEGRADATIONS-g15 g25 g50 pg g25crf}
SKIP_EXISTING=${SKIP_EXISTING:-}
ALL_CLIPS=(grass brick text face moving cut)
# The files this was made from: python3-skimage 0.19.3-8 (bookworm).
declare -A SHA256=(
  [grass.png]=b6b6022426b38936c43a4ac09635cd78af074e90f42ffa8227ac8b7452d39f89
  [brick.png]=7966caf324f6ba843118d98f7a07746d22f6a343430add0233eca5f6eaaa8fcf
  [text.png]=bd84aa3a6e3c9887850d45d606c96b2e59433fbef50338570b63c319e668e6d1
  [astronaut.png]=88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5
  [coffee.png]=cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7
  [chelsea.png]=596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb
)
for f in "${!SHA256[@]}"; do
  [ -f "$SKIMAGE_DATA/$f" ] || { echo "make-suite.sh: $SKIMAGE_DATA/$f missing (apt-get install python3-skimage)" >&2; exit 1; }
  [ "$(sha256sum "$SKIMAGE_DATA/$f" | cut -d' ' -f1)" = "${SHA256[$f]}" ] ||
    echo "warning: $SKIMAGE_DATA/$f is not the file this suite was made from (sha256 differs)" >&2
done
for c in $CLIPS; do
  [[ " ${ALL_CLIPS[*]} " == *" $c "* ]] || { echo "make-suite.sh: unknown clip $c (${ALL_CLIPS[*]})" >&2; exit 2; }
done
for d in $DEGRADATIONS; do
  case $d in g15 | g25 | g50 | pg | g25crf) ;; *) echo "make-suite.sh: unknown degradation $d" >&2; exit 2 ;; esac
done

mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
N=$FRAMES
D=$((N > 24 ? N - 1 : 23))  # the path parameter on/D runs from 0 to 1 over max(FRAMES, 24) frames
HALF=$((N / 2))
FPS=24
S=$SKIMAGE_DATA
COMMON=(-hide_banner -loglevel error -y)
# -fflags +bitexact, -map_metadata -1: no version strings or dates; -threads 1: same bytes on any machine.
FFV1=(-c:v ffv1 -level 3 -g 1 -slices 4 -slicecrc 1 -pix_fmt bgr0 -threads 1 -fflags +bitexact -map_metadata -1)

make_clean() {  # make_clean NAME OUTFILE
  case $1 in
    grass)  # 512x512 -> crop 512x384 (4:3) -> x2 -> zoom 1.6 (window 640x480 -> 320x240: 1:1 with
            # the source); pan right 0.27 and down 0.1 of the free range over D frames
            # (~2.2 px/frame right, ~0.8 px/frame down).
      ffmpeg "${COMMON[@]}" -loop 1 -framerate $FPS -i "$S/grass.png" \
        -vf "format=gray,crop=512:384:0:0,scale=1024:768:flags=lanczos,zoompan=z=1.6:x='(iw-iw/zoom)*(0.1+0.27*on/$D)':y='(ih-ih/zoom)*(0.3+0.1*on/$D)':d=1:s=320x240:fps=$FPS,format=bgr0" \
        -frames:v $N "${FFV1[@]}" "$2" ;;
    brick)  # 512x512 -> crop 512x384 -> x2 -> zoom 1.5 to 1.65, pan right.
      ffmpeg "${COMMON[@]}" -loop 1 -framerate $FPS -i "$S/brick.png" \
        -vf "format=gray,crop=512:384:0:64,scale=1024:768:flags=lanczos,zoompan=z='1.5+0.15*on/$D':x='(iw-iw/zoom)*(0.1+0.35*on/$D)':y='(ih-ih/zoom)*0.5':d=1:s=320x240:fps=$FPS,format=bgr0" \
        -frames:v $N "${FFV1[@]}" "$2" ;;
    text)   # 448x172 -> x4 (1792x688) -> 16:9 window 1223x688 moving right by 0.45 of the free
            # range over D frames (11 px/frame at x4, ~5.8 output px/frame) -> 640x360.
      ffmpeg "${COMMON[@]}" -loop 1 -framerate $FPS -i "$S/text.png" \
        -vf "format=gray,scale=1792:688:flags=lanczos,crop=w=1223:h=688:x='(iw-ow)*(0.05+0.45*n/$D)':y=0,scale=640:360:flags=lanczos,format=bgr0" \
        -frames:v $N "${FFV1[@]}" "$2" ;;
    face)   # 512x512 -> top 512x288 (16:9) -> x2 -> zoom 1.0 to 1.5 centred on the face at
            # (450, 200) of the upscaled image as far as the borders allow -> 640x360.
      ffmpeg "${COMMON[@]}" -loop 1 -framerate $FPS -i "$S/astronaut.png" \
        -vf "crop=512:288:0:0,scale=1024:576:flags=lanczos,zoompan=z='1+0.5*on/$D':x='max(0,min(iw-iw/zoom,450-iw/zoom/2))':y='max(0,min(ih-ih/zoom,200-ih/zoom/2))':d=1:s=640x360:fps=$FPS,format=bgr0" \
        -frames:v $N "${FFV1[@]}" "$2" ;;
    moving) # Background: coffee.png 600x400 -> crop 528x396 (4:3) -> x2 -> zoom 1.4, pan right.
            # Patch: astronaut.png's face, crop 64x64 at (193, 68), moving left to right across the
            # frame and up and down on a sine (one period over D frames), integer positions.
      ffmpeg "${COMMON[@]}" -loop 1 -framerate $FPS -i "$S/coffee.png" -loop 1 -framerate $FPS -i "$S/astronaut.png" \
        -filter_complex "[0:v]crop=528:396:36:0,scale=1056:792:flags=lanczos,zoompan=z=1.4:x='(iw-iw/zoom)*(0.15+0.5*on/$D)':y='(ih-ih/zoom)*0.4':d=1:s=320x240:fps=$FPS,format=rgb24[bg];[1:v]crop=64:64:193:68,format=rgb24[p];[bg][p]overlay=x='16+(W-w-32)*n/$D':y='(H-h)/2+60*sin(2*PI*n/$D)':eval=frame:eof_action=repeat,format=bgr0[v]" \
        -map '[v]' -frames:v $N "${FFV1[@]}" "$2" ;;
    cut)    # Frames 0..HALF-1: chelsea.png 451x300 -> crop 400x300 -> x2 -> zoom 1.3, pan right;
            # frames HALF..: coffee.png -> crop 528x396 -> x2 -> zoom 1.2 to 1.4 about the centre.
      ffmpeg "${COMMON[@]}" -loop 1 -framerate $FPS -i "$S/chelsea.png" -loop 1 -framerate $FPS -i "$S/coffee.png" \
        -filter_complex "[0:v]crop=400:300:0:0,scale=800:600:flags=lanczos,zoompan=z=1.3:x='(iw-iw/zoom)*(0.1+0.5*on/$D)':y='(ih-ih/zoom)/2':d=1:s=320x240:fps=$FPS,trim=end_frame=$HALF,setpts=PTS-STARTPTS[a];[1:v]crop=528:396:36:0,scale=1056:792:flags=lanczos,zoompan=z='1.2+0.2*on/$D':x='(iw-iw/zoom)/2':y='(ih-ih/zoom)/2':d=1:s=320x240:fps=$FPS,trim=end_frame=$((N - HALF)),setpts=PTS-STARTPTS[b];[a][b]concat=n=2:v=1:a=0,format=bgr0[v]" \
        -map '[v]' -frames:v $N "${FFV1[@]}" "$2" ;;
  esac
}

want() { [ -z "$SKIP_EXISTING" ] || [ ! -s "$1" ]; }
degrade() { "$PY" "$here/bench/degrade.py" "$@" >/dev/null; }

files=()
for c in $CLIPS; do
  k=0; for i in "${!ALL_CLIPS[@]}"; do [ "${ALL_CLIPS[$i]}" = "$c" ] && k=$((i + 1)); done
  clean="$OUT/$c.mkv"
  want "$clean" && make_clean "$c" "$clean"
  files+=("$clean")
  for d in $DEGRADATIONS; do
    case $d in
      g15 | g25 | g50) f="$OUT/$c-$d.mkv"; want "$f" && degrade "$clean" "$f" --sigma "${d#g}" --seed $((100 * k + ${d#g})) ;;
      pg) f="$OUT/$c-pg.mkv"; want "$f" && degrade "$clean" "$f" --poisson 30 --sigma 5 --seed $((100 * k + 30)) ;;
      g25crf)
        f="$OUT/$c-g25crf.mp4"
        if want "$f"; then
          g25="$OUT/$c-g25.mkv"
          if [ ! -s "$g25" ]; then  # (deterministic: the same bytes as NAME-g25.mkv)
            g25="$TMP/$c-g25.mkv"; degrade "$clean" "$g25" --sigma 25 --seed $((100 * k + 25))
          fi
          ffmpeg "${COMMON[@]}" -i "$g25" -c:v libx264 -preset medium -crf 30 -pix_fmt yuv420p -threads 1 \
            -fflags +bitexact -map_metadata -1 -movflags +faststart "$f"
        fi ;;
    esac
    files+=("$f")
  done
done

# --- manifest ------------------------------------------------------------------------------------
{
  echo "# dipstream development suite: $OUT (FRAMES=$N, $(date -u +%F))"
  printf '%-18s %-8s %6s %10s %8s %8s\n' file size frames bytes PSNR rmse
  for f in "${files[@]}"; do
    b=$(basename "$f"); c=${b%%[-.]*}
    wh=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=s=x:p=0 "$f")
    if [ "$b" = "$c.mkv" ]; then
      n=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$f")
      printf '%-18s %-8s %6s %10s %8s %8s\n' "$b" "$wh" "$n" "$(stat -c %s "$f")" clean -
    else
      "$PY" "$here/bench/suite_metrics.py" --psnr-only "$OUT/$c.mkv" "$f" | "$PY" -c '
import json, sys
r = json.loads(sys.stdin.read())
print("%-18s %-8s %6s %10s %8.2f %8.2f" % (sys.argv[1], sys.argv[2], r["frames"], sys.argv[3], r["psnr"], r["rmse"]))' "$b" "$wh" "$(stat -c %s "$f")"
    fi
  done
} | tee "$OUT/manifest.txt"
