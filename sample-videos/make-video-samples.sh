#!/usr/bin/env bash
# Makes the sample video clips (see README.md, "Video clips"). Deterministic.
#
#   pan.mp4          clean: 48 frames (2.0 s at 24 fps), 160x96, H.264 yuv420p (CRF 10) + AAC audio.
#                    A slow pan and zoom across scikit-image's coffee.png (CC0), with the
#                    freedesktop sound theme's complete.oga (CC-BY-3.0) as the soundtrack.
#   pan-noisy25.mkv  the decoded frames of pan.mp4 (rgb24) + Gaussian noise sigma=25 (8-bit units),
#                    independent per frame, pixel and channel, seed 25, rounded and clipped to
#                    [0,255]; stored LOSSLESSLY (libx264rgb -qp 0, gbrp) so the exact noisy pixels
#                    survive; the AAC track of pan.mp4 copied unchanged.
#   zoom.mp4         clean, other content: 48 frames (2.0 s at 24 fps), 160x96, H.264 yuv420p (CRF 16),
#                    no audio. A slow zoom (1.0x to 1.5x) towards the face in scikit-image's
#                    astronaut.png (NASA, public domain).
#   cut.mp4          a hard scene cut: 24 frames of a slow pan across scikit-image's chelsea.png (CC0),
#                    then 24 frames of a slow zoom into coffee.png (CC0), no transition; 160x96,
#                    24 fps, H.264 yuv420p (CRF 16), no audio.
#
# Usage: sample-videos/make-video-samples.sh [OUTDIR]     (OUTDIR defaults to this script's folder)
# Noisy, dusty or scratched versions of zoom.mp4 and cut.mp4 are not kept: benchmarks make them with
# bench/degrade.py in a temporary folder.
# Environment: PYTHON (a python3 with numpy; default /usr/bin/python3), SKIMAGE_DATA (a folder with
#   coffee.png, astronaut.png and chelsea.png), SOUND (the .oga file). When ffmpeg or numpy is missing it installs them with apt-get;
#   when the image or sound is missing it fetches the Debian packages with `apt-get download`.
set -euo pipefail

OUT=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
PY=${PYTHON:-/usr/bin/python3}
SKIMAGE_DATA=${SKIMAGE_DATA:-/usr/lib/python3/dist-packages/skimage/data}
SOUND=${SOUND:-/usr/share/sounds/freedesktop/stereo/complete.oga}
# The files this was made from: python3-skimage 0.19.3-8 and sound-theme-freedesktop 0.8-2 (bookworm).
COFFEE_SHA256=cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7
ASTRONAUT_SHA256=88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5
CHELSEA_SHA256=596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb
SOUND_SHA256=f06d2f85aa1b4c66c2ce5c9cc98459b80a7850cc7454d369529001ca66978199

W=160 H=96 FPS=24 FRAMES=48 SIGMA=25 SEED=25

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- tools ---------------------------------------------------------------------------------------
missing=()
{ command -v ffmpeg && command -v ffprobe; } >/dev/null || missing+=(ffmpeg)
{ [ -x "$PY" ] && "$PY" -c 'import numpy' 2>/dev/null; } || missing+=(python3-numpy)
if ((${#missing[@]})); then
  echo "installing ${missing[*]}" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
  [ -x "$PY" ] || PY=/usr/bin/python3
fi

# --- source image and sound: from the installed packages, or unpacked from the .deb files ---------
fetch_deb() {  # fetch_deb PACKAGE: unpacks the package's .deb under $TMP/PACKAGE
  (cd "$TMP" && apt-get download "$1" >/dev/null 2>&1) || {
    as_root apt-get update -qq && (cd "$TMP" && apt-get download "$1")
  }
  dpkg-deb -x "$TMP"/"$1"_*.deb "$TMP/$1"
}
if [ ! -f "$SKIMAGE_DATA/coffee.png" ]; then
  fetch_deb python3-skimage
  SKIMAGE_DATA=$TMP/python3-skimage/usr/lib/python3/dist-packages/skimage/data
fi
if [ ! -f "$SOUND" ]; then
  fetch_deb sound-theme-freedesktop
  SOUND=$TMP/sound-theme-freedesktop/usr/share/sounds/freedesktop/stereo/complete.oga
fi
check_sha() {
  if [ "$(sha256sum "$1" | cut -d' ' -f1)" != "$2" ]; then
    echo "warning: $1 is not the file these samples were made from (sha256 differs)" >&2
  fi
}
check_sha "$SKIMAGE_DATA/coffee.png" "$COFFEE_SHA256"
check_sha "$SKIMAGE_DATA/astronaut.png" "$ASTRONAUT_SHA256"
check_sha "$SKIMAGE_DATA/chelsea.png" "$CHELSEA_SHA256"
check_sha "$SOUND" "$SOUND_SHA256"

# -fps_mode is FFmpeg >= 5.1; older ones spell it -vsync.
if ffmpeg -hide_banner -h full 2>/dev/null | grep -q -- '-fps_mode'; then PASSTHROUGH=(-fps_mode passthrough)
else PASSTHROUGH=(-vsync passthrough); fi

mkdir -p "$OUT"
# -fflags +bitexact and -map_metadata -1: no version strings, dates or random ids in the containers;
# -threads 1: x264's output does not depend on the number of cores.
COMMON=(-hide_banner -loglevel error -y)
BITEXACT=(-fflags +bitexact -map_metadata -1)

# --- pan.mp4 -------------------------------------------------------------------------------------
# coffee.png is 600x400; crop to 600x360 (5:3, like 160x96), upscale x2 so that zoompan's integer
# crop positions move in steps of 0.1-0.2 output pixels, then pan left to right while zooming from
# 1.5x to 1.8x. The sound (1.09 s) is padded with silence to 2.0 s.
ffmpeg "${COMMON[@]}" \
  -loop 1 -framerate $FPS -i "$SKIMAGE_DATA/coffee.png" -i "$SOUND" \
  -filter_complex "[0:v]crop=600:360:0:0,scale=1200:720:flags=lanczos,zoompan=z='1.5+0.3*on/$((FRAMES - 1))':x='(iw-iw/zoom)*on/$((FRAMES - 1))':y='(ih-ih/zoom)*0.3':d=1:s=${W}x${H}:fps=$FPS,format=yuv420p[v];[1:a]apad=whole_dur=2,atrim=0:2[a]" \
  -map '[v]' -map '[a]' -frames:v $FRAMES \
  -c:v libx264 -preset veryslow -crf 10 -profile:v high -pix_fmt yuv420p -threads 1 \
  -c:a aac -b:a 96k \
  "${BITEXACT[@]}" -movflags +faststart "$OUT/pan.mp4"

# --- pan-noisy25.mkv -----------------------------------------------------------------------------
"$PY" - "$OUT/pan.mp4" "$OUT/pan-noisy25.mkv" $W $H $FPS $FRAMES $SIGMA $SEED "${PASSTHROUGH[*]}" <<'EOF'
import subprocess
import sys

import numpy as np

clean_path, noisy_path = sys.argv[1:3]
w, h, fps, frames, sigma, seed = map(int, sys.argv[3:9])
passthrough = sys.argv[9].split()


def decode(path):
    """All frames of path's video stream as uint8 rgb24, (frames, h, w, 3), FFmpeg's own conversion."""
    raw = subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-i", path, "-map", "0:v",
                          *passthrough, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, h, w, 3)


clean = decode(clean_path)
assert clean.shape[0] == frames, clean.shape
rng = np.random.default_rng(seed)
noisy = np.empty_like(clean)
for i in range(frames):  # frame by frame, each with fresh (independent) noise
    noisy[i] = np.clip(np.round(clean[i] + rng.normal(0, sigma, clean[i].shape)), 0, 255)

subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}", "-r", str(fps), "-i", "-",
                "-i", clean_path, "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264rgb", "-qp", "0", "-preset", "veryslow", "-threads", "1",
                "-c:a", "copy", "-fflags", "+bitexact", "-map_metadata", "-1", noisy_path],
               input=noisy.tobytes(), check=True)

if not np.array_equal(decode(noisy_path), noisy):
    sys.exit(f"{noisy_path} does not decode to the noisy frames")
mse = np.mean((noisy.astype(np.float64) - clean) ** 2)
print(f"{noisy_path}: decodes to exactly the noisy frames; "
      f"noise std {np.sqrt(mse):.3f} (clipped), PSNR vs clean rgb24 {10 * np.log10(255 ** 2 / mse):.3f} dB")
EOF

# --- zoom.mp4 ------------------------------------------------------------------------------------
# astronaut.png is 512x512; crop the top 510x306 (5:3), upscale x2, then zoom from 1.0x to 1.5x with
# the window centred on the face at (450, 200) of the upscaled image as far as the borders allow.
H264=(-c:v libx264 -preset veryslow -crf 16 -profile:v high -pix_fmt yuv420p -threads 1)
ffmpeg "${COMMON[@]}" \
  -loop 1 -framerate $FPS -i "$SKIMAGE_DATA/astronaut.png" \
  -vf "crop=510:306:0:0,scale=1020:612:flags=lanczos,zoompan=z='1+0.5*on/$((FRAMES - 1))':x='max(0,min(iw-iw/zoom,450-iw/zoom/2))':y='max(0,min(ih-ih/zoom,200-ih/zoom/2))':d=1:s=${W}x${H}:fps=$FPS,format=yuv420p" \
  -frames:v $FRAMES "${H264[@]}" "${BITEXACT[@]}" -movflags +faststart "$OUT/zoom.mp4"

# --- cut.mp4 -------------------------------------------------------------------------------------
# Scene 1 (frames 0-23): chelsea.png (451x300) cropped to 450x270 (5:3), upscaled x2, panned left
# to right at zoom 1.3. Scene 2 (frames 24-47): coffee.png cropped to 600x360, upscaled x2, zoomed
# from 1.2x to 1.4x about its centre. Joined with concat: a hard cut between frames 23 and 24.
HALF=$((FRAMES / 2))
ffmpeg "${COMMON[@]}" \
  -loop 1 -framerate $FPS -i "$SKIMAGE_DATA/chelsea.png" \
  -loop 1 -framerate $FPS -i "$SKIMAGE_DATA/coffee.png" \
  -filter_complex "[0:v]crop=450:270:0:0,scale=900:540:flags=lanczos,zoompan=z=1.3:x='(iw-iw/zoom)*on/$((HALF - 1))':y='(ih-ih/zoom)/2':d=1:s=${W}x${H}:fps=$FPS,trim=end_frame=$HALF,setpts=PTS-STARTPTS[a];[1:v]crop=600:360:0:0,scale=1200:720:flags=lanczos,zoompan=z='1.2+0.2*on/$((HALF - 1))':x='(iw-iw/zoom)/2':y='(ih-ih/zoom)/2':d=1:s=${W}x${H}:fps=$FPS,trim=end_frame=$HALF,setpts=PTS-STARTPTS[b];[a][b]concat=n=2:v=1:a=0,format=yuv420p[v]" \
  -map '[v]' -frames:v $FRAMES "${H264[@]}" "${BITEXACT[@]}" -movflags +faststart "$OUT/cut.mp4"

# --- checks --------------------------------------------------------------------------------------
# PSNR with FFmpeg: both sides converted to rgb24 the same way as above (psnr's own automatic
# conversion of yuv420p goes another way and gives a slightly different number).
ffmpeg -hide_banner -nostats -i "$OUT/pan-noisy25.mkv" -i "$OUT/pan.mp4" \
  -lavfi '[0:v]format=rgb24[n];[1:v]format=rgb24[c];[n][c]psnr' -f null - 2>&1 | grep -o 'PSNR.*'
for f in "$OUT/pan.mp4" "$OUT/pan-noisy25.mkv" "$OUT/zoom.mp4" "$OUT/cut.mp4"; do
  echo "$(basename "$f"): $(stat -c %s "$f") bytes"
  ffprobe -v error -count_frames \
    -show_entries stream=index,codec_name,profile,pix_fmt,width,height,r_frame_rate,nb_read_frames,sample_rate,channels:format=duration \
    -of compact=p=0 "$f" | sed 's/^/  /'
done
