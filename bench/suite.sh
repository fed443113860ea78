#!/usr/bin/env bash
# Development benchmark on the suite of sample-videos/make-suite.sh: dipstream's presets against
# FFmpeg's denoisers, per clip and degradation, as ONE Markdown table on stdout.
#
# Usage: bench/suite.sh [SUITE_DIR]     (default /tmp/dipstream-suite; made when files are missing)
# Environment:
#   PRESETS       dipstream presets to run (default "fast balanced"; "" for FFmpeg only)
#   CLIPS         clips (default: all six of make-suite.sh)
#   DEGRADATIONS  degradations (default g25; any of g15 g25 g50 pg g25crf)
#   FRAMES        use only the first FRAMES frames of each clip (default: all of them)
#   KEEP          a folder to keep the outputs, frame logs, logs, grid.tsv and table.md in
#                 (default: a temporary folder, deleted)
#   DIPSTREAM     the command line (default: ./dipstream at the repository root)
#   RESTORE_OPTS  extra options for `dipstream restore` (word-split)
#   FFMPEG_GRID   small (default) or full: how many FFmpeg settings to try
#   REUSE         1: keep the dipstream outputs an earlier run left in KEEP (same clips, FRAMES,
#                 presets and RESTORE_OPTS: not checked) instead of restoring again
#
# FFmpeg rows: every family is run on a small grid of settings scaled by the degradation's nominal
# sigma (g15: 15, g25: 25, g50: 50, pg: 30, g25crf: 15) and the row shows the setting with the best
# PSNR against the clean clip (an oracle choice no real user has; grid.tsv in KEEP lists them all):
# hqdn3d and nlmeans in yuv444p (hqdn3d has no rgb support), atadenoise and bm3d (basic estimate)
# in gbrp; the chains atadenoise->bm3d and atadenoise->nlmeans start from the best atadenoise and
# try fractions of the best bm3d sigma / nlmeans s. FFmpeg 5.1's bm3d: its sigma is not in 8-bit
# levels (sigma=25 barely touches sigma-25 noise; 2-4x the noise sigma works) and group > 1 left
# the frames unchanged in tests here, so the grid keeps group=1 (the default) and sigma = 2-10x.
# Outputs are lossless (FFV1). s/frame for FFmpeg is the wall time of the whole ffmpeg command
# (decode + filter + encode) / frames, with FFmpeg's default threads.
# dipstream rows: `$DIPSTREAM restore -i NOISY -o OUT.mkv -y --no-progress --preset P
# --frame-log OUT.csv $RESTORE_OPTS`; s/frame = engine_seconds / frames and it/frame = iterations /
# frames from the key=value pairs of its last stdout line. A failure is shown in its row and the run
# goes on. Metrics: bench/suite_metrics.py (PSNR, SSIM, tdPSNR, PSNR of frames 0-2 / 3+).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY=${PYTHON:-/usr/bin/python3}
SUITE=${1:-/tmp/dipstream-suite}
PRESETS=${PRESETS-fast balanced}
CLIPS=${CLIPS:-grass brick text face moving cut}
DEGRADATIONS=${DEGRADATIONS:-g25}
FRAMES=${FRAMES:-}
DIPSTREAM=${DIPSTREAM:-$here/dipstream}
RESTORE_OPTS=${RESTORE_OPTS:-}
FFMPEG_GRID=${FFMPEG_GRID:-small}
case $FFMPEG_GRID in small | full) ;; *) echo "suite.sh: FFMPEG_GRID is small or full" >&2; exit 2 ;; esac

if [ -n "${KEEP:-}" ]; then WORK=$KEEP; mkdir -p "$WORK"
else WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT; fi
ROWS="$WORK/rows.jsonl"; : >"$ROWS"
GRIDLOG="$WORK/grid.tsv"; printf 'clip\tdegradation\tfamily\tfilter\tPSNR\ts/frame\n' >"$GRIDLOG"

# --- the suite: made where files are missing (the same bytes as a fresh make-suite.sh) ------------
ext() { [ "$1" = g25crf ] && echo mp4 || echo mkv; }
missing=0
for c in $CLIPS; do
  [ -s "$SUITE/$c.mkv" ] || missing=1
  for d in $DEGRADATIONS; do [ -s "$SUITE/$c-$d.$(ext "$d")" ] || missing=1; done
done
if [ $missing = 1 ]; then
  echo "suite.sh: making the suite in $SUITE" >&2
  SKIP_EXISTING=1 CLIPS="$CLIPS" DEGRADATIONS="$DEGRADATIONS" FRAMES=24 \
    "$here/sample-videos/make-suite.sh" "$SUITE" >&2
fi

COMMON=(-hide_banner -loglevel error -nostdin -y)
LOSSLESS=(-c:v ffv1 -level 3 -g 1 -pix_fmt bgr0 -fflags +bitexact -map_metadata -1)
calc() { awk "BEGIN { v = $1; printf \"%.4g\", v }"; }
clampv() { awk "BEGIN { v = $1; if (v < $2) v = $2; if (v > $3) v = $3; printf \"%.4g\", v }"; }
now() { date +%s.%N; }

# row KEY=VALUE...: appends one JSON row (values as strings; metrics JSON merged from METRICS=...)
row() { "$PY" -c '
import json, sys
r = {}
for a in sys.argv[1:]:
    k, _, v = a.partition("=")
    if k == "METRICS":
        r.update(json.loads(v) if v else {})
    else:
        r[k] = v
print(json.dumps(r))' "$@" >>"$ROWS"; }

# run_filter OUT FILTER INPUT: runs ffmpeg, prints its wall seconds
run_filter() {
  local t0; t0=$(now)
  ffmpeg "${COMMON[@]}" -i "$3" -map 0:v:0 -vf "$2,format=bgr0" "${LOSSLESS[@]}" "$1" 2>>"$WORK/ffmpeg.log"
  calc "$(now) - $t0"
}

# try FAMILY LABEL FILTER...: runs each filter, appends "psnr<TAB>seconds<TAB>filter<TAB>file" to
# $WORK/cand-FAMILY and leaves the best in BEST_FILTER/BEST_FILE/BEST_SECONDS
try() {
  local fam=$1; shift
  local files=() secs=() i=0 f
  for f in "$@"; do
    local out="$CW/$fam-$i.mkv"
    secs+=("$(run_filter "$out" "$f" "$NOISY")")
    files+=("$out"); i=$((i + 1))
  done
  local best; best=$("$PY" "$here/bench/suite_metrics.py" --psnr-only "$CLEAN" "${files[@]}" | "$PY" -c '
import json, sys
rs = [json.loads(l) for l in sys.stdin]
ps = [r.get("psnr", float("-inf")) for r in rs]
for p in ps: print(p)
print(max(range(len(ps)), key=lambda i: ps[i]))')
  local idx; idx=$(echo "$best" | tail -1)
  mapfile -t ps < <(echo "$best" | head -n -1)
  for i in "${!files[@]}"; do
    printf '%s\t%s\t%s\t%s\t%.3f\t%.4f\n' "$c" "$d" "$fam" "${@:i+1:1}" "${ps[$i]}" "$(calc "${secs[$i]} / $NF")" >>"$GRIDLOG"
    [ "$i" = "$idx" ] || rm -f "${files[$i]}"
  done
  BEST_FILTER=${@:idx+1:1}; BEST_FILE=${files[$idx]}; BEST_SECONDS=${secs[$idx]}
  mv "$BEST_FILE" "$CW/$fam.mkv"; BEST_FILE="$CW/$fam.mkv"
  echo "  $fam: best $BEST_FILTER (${ps[$idx]} dB)" >&2
}

nominal() { case $1 in g15) echo 15 ;; g25) echo 25 ;; g50) echo 50 ;; pg) echo 30 ;; g25crf) echo 15 ;; esac; }

for c in $CLIPS; do
  for d in $DEGRADATIONS; do
    CW="$WORK/$c-$d"; mkdir -p "$CW"
    CLEAN="$SUITE/$c.mkv"; NOISY="$SUITE/$c-$d.$(ext "$d")"
    size=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=s=x:p=0 "$CLEAN")
    if [ -n "$FRAMES" ]; then  # the first FRAMES frames, losslessly (FFV1 is intra-only; the
      # mp4 is decoded to FFV1 in its own yuv420p, so no colour conversion is added)
      ffmpeg "${COMMON[@]}" -i "$CLEAN" -map 0:v:0 -frames:v "$FRAMES" -c copy "$CW/clean.mkv"
      if [ "${NOISY##*.}" = mkv ]; then
        ffmpeg "${COMMON[@]}" -i "$NOISY" -map 0:v:0 -frames:v "$FRAMES" -c copy "$CW/noisy.mkv"
      else
        ffmpeg "${COMMON[@]}" -i "$NOISY" -map 0:v:0 -frames:v "$FRAMES" -c:v ffv1 -level 3 -g 1 -fflags +bitexact "$CW/noisy.mkv"
      fi
      CLEAN="$CW/clean.mkv"; NOISY="$CW/noisy.mkv"
    fi
    NF=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$NOISY")
    echo "suite.sh: $c $d ($size, $NF frames)" >&2
    row clip="$c" size="$size" degradation="$d" method="noisy input" kind=input \
      METRICS="$("$PY" "$here/bench/suite_metrics.py" "$CLEAN" "$NOISY")"

    # --- FFmpeg, oracle-tuned ---------------------------------------------------------------------
    v=$(nominal "$d")
    if [ "$FFMPEG_GRID" = small ]; then
      # on the suite at sigma 25 the best nlmeans s lay between 0.4 and 0.6 sigma, the best bm3d
      # sigma between 3.5 and 4.5 sigma: the grid brackets both
      HQ=(0.4 0.8); NL=(0.3 0.4 0.5 0.7); NLR=(7); ATA=(0.15 0.3); ATAS=(9); BM=(3 4 5 7); CHB=(0.6)
      CHN=(0.6)
    else
      HQ=(0.2 0.4 0.6 0.9 1.3); NL=(0.2 0.3 0.4 0.55 0.7 0.9); NLR=(7 15); ATA=(0.05 0.1 0.2 0.3)
      ATAS=(9 15); BM=(2 3 4 5 6 8 10); CHB=(0.4 0.6 0.8); CHN=(0.4 0.6 0.8)
    fi
    fs=(); for k in "${HQ[@]}"; do
      l=$(calc "$k * $v"); fs+=("format=yuv444p,hqdn3d=$l:$(calc "0.75 * $l"):$(calc "1.5 * $l"):$(calc "1.125 * $l")")
    done; try hqdn3d "${fs[@]}"; HQF=$BEST_FILTER; HQS=$BEST_SECONDS
    fs=(); for k in "${NL[@]}"; do for r in "${NLR[@]}"; do
      fs+=("format=yuv444p,nlmeans=s=$(clampv "$k * $v" 1 30):p=7:r=$r")
    done; done; try nlmeans "${fs[@]}"; NLF=$BEST_FILTER; NLS=$BEST_SECONDS
    # atadenoise's window is at most the clip's length (odd): FFmpeg 5.1 waits forever at the end
    # of a clip shorter than s
    maxs=$(( NF % 2 ? NF : NF - 1 )); [ "$maxs" -ge 5 ] || maxs=5
    fs=(); for k in "${ATA[@]}"; do for s0 in "${ATAS[@]}"; do
      s=$(( s0 < maxs ? s0 : maxs ))
      a=$(clampv "$k * $v / 25" 0 0.3); b=$(clampv "2 * $a" 0 5)
      fs+=("format=gbrp,atadenoise=0a=$a:0b=$b:1a=$a:1b=$b:2a=$a:2b=$b:s=$s")
    done; done; try atadenoise "${fs[@]}"; ATAF=$BEST_FILTER; ATASEC=$BEST_SECONDS
    fs=(); for k in "${BM[@]}"; do fs+=("format=gbrp,bm3d=sigma=$(calc "$k * $v")"); done
    try bm3d "${fs[@]}"; BMF=$BEST_FILTER; BMS=$BEST_SECONDS
    bs=$(echo "$BMF" | sed 's/.*sigma=\([0-9.]*\).*/\1/'); ns=$(echo "$NLF" | sed 's/.*s=\([0-9.]*\).*/\1/')
    fs=(); for k in "${CHB[@]}"; do fs+=("$ATAF,bm3d=sigma=$(calc "$k * $bs")"); done
    try ata-bm3d "${fs[@]}"; CBF=$BEST_FILTER; CBS=$BEST_SECONDS
    fs=(); for k in "${CHN[@]}"; do fs+=("$ATAF,format=yuv444p,nlmeans=s=$(clampv "$k * $ns" 1 30):p=7:r=7"); done
    try ata-nlmeans "${fs[@]}"; CNF=$BEST_FILTER; CNS=$BEST_SECONDS
    mapfile -t ms < <("$PY" "$here/bench/suite_metrics.py" "$CLEAN" "$CW"/{hqdn3d,nlmeans,atadenoise,bm3d,ata-bm3d,ata-nlmeans}.mkv)
    i=0
    for pair in "hqdn3d|$HQF|$HQS" "nlmeans|$NLF|$NLS" "atadenoise|$ATAF|$ATASEC" "bm3d|$BMF|$BMS" \
                "atadenoise→bm3d|$CBF|$CBS" "atadenoise→nlmeans|$CNF|$CNS"; do
      IFS='|' read -r fam filt secs <<<"$pair"
      filt=${filt//format=yuv444p,/}; filt=${filt//format=gbrp,/}
      row clip="$c" size="$size" degradation="$d" method="FFmpeg $fam (\`$filt\`)" kind=ffmpeg \
        s_frame="$(calc "$secs / $NF")" METRICS="${ms[$i]}"
      i=$((i + 1))
    done

    # --- dipstream presets --------------------------------------------------------------------------
    for p in $PRESETS; do
      out="$CW/dipstream-$p.mkv"
      if [ -n "${REUSE:-}" ] && [ -s "$out" ] && [ -s "$CW/dipstream-$p.out" ]; then
        echo "  dipstream $p: reusing $out" >&2
        last=$(grep -v '^[[:space:]]*$' "$CW/dipstream-$p.out" | tail -1 || true)
        row clip="$c" size="$size" degradation="$d" method="dipstream $p" kind=dipstream stdout="$last" \
          METRICS="$("$PY" "$here/bench/suite_metrics.py" "$CLEAN" "$out")"
        continue
      fi
      # shellcheck disable=SC2086
      if "$DIPSTREAM" restore -i "$NOISY" -o "$out" -y --no-progress --preset "$p" \
          --frame-log "$CW/dipstream-$p.csv" $RESTORE_OPTS >"$CW/dipstream-$p.out" 2>"$CW/dipstream-$p.err"; then
        last=$(grep -v '^[[:space:]]*$' "$CW/dipstream-$p.out" | tail -1 || true)
        row clip="$c" size="$size" degradation="$d" method="dipstream $p" kind=dipstream stdout="$last" \
          METRICS="$("$PY" "$here/bench/suite_metrics.py" "$CLEAN" "$out")"
      else
        rc=$?
        err=$(grep -v '^[[:space:]]*$' "$CW/dipstream-$p.err" | tail -1 | cut -c1-160 || true)
        row clip="$c" size="$size" degradation="$d" method="dipstream $p" kind=dipstream \
          error="failed (exit $rc): ${err:-no message}"
        echo "suite.sh: dipstream $p failed on $c-$d (exit $rc); see $CW/dipstream-$p.err" >&2
      fi
    done
  done
done

# --- the table -----------------------------------------------------------------------------------
flags=$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx2|avx512f|avx512bw|avx512vl|avx512_vnni|fma)$' | tr '\n' ' ' | sed 's/ $//')
header="date=$(date -u +%FT%TZ) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\" flags=\"${flags:-none}\" cores=$(nproc) frames=${FRAMES:-all} grid=$FFMPEG_GRID presets=\"$PRESETS\" restore_opts=\"$RESTORE_OPTS\""
"$PY" - "$ROWS" "$header" <<'EOF' | tee "$WORK/table.md"
import json, sys

rows = [json.loads(l) for l in open(sys.argv[1])]
print(sys.argv[2])
print()
cols = ["clip", "size", "degradation", "method", "PSNR", "SSIM", "tdPSNR", "PSNR first 3 / rest",
        "s/frame", "it/frame", "underfit", "Δ PSNR vs best FFmpeg"]
print("| " + " | ".join(cols) + " |")
print("|" + "---|" * len(cols))
best = {}
for r in rows:
    if r["kind"] == "ffmpeg" and "psnr" in r:
        k = (r["clip"], r["degradation"])
        best[k] = max(best.get(k, float("-inf")), r["psnr"])


def f(x, fmt):
    return "–" if x is None else fmt % x


def num(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


for r in rows:
    kv = {}
    for tok in r.get("stdout", "").split():
        k, eq, v = tok.partition("=")
        if eq:
            kv[k] = v
    frames = num(kv.get("frames"))
    s_frame = num(r.get("s_frame"))
    it_frame = None
    if frames:
        if num(kv.get("engine_seconds")) is not None:
            s_frame = num(kv["engine_seconds"]) / frames
        elif num(kv.get("seconds")) is not None:
            s_frame = num(kv["seconds"]) / frames
        if num(kv.get("iterations")) is not None:
            it_frame = num(kv["iterations"]) / frames
    underfit = kv.get("underfit", kv.get("underfit_frames", "–"))
    if "error" in r:
        cells = [r["error"].replace("|", "\\|")] + ["–"] * 7
    else:
        nf = "" if r.get("frames") == r.get("clean_frames") else f" ({r.get('frames')}/{r.get('clean_frames')} frames)"
        b = best.get((r["clip"], r["degradation"]))
        cells = [f(r.get("psnr"), "%.2f") + nf, f(r.get("ssim"), "%.4f"), f(r.get("tdpsnr"), "%.2f"),
                 f(r.get("psnr_first3"), "%.2f") + " / " + f(r.get("psnr_rest"), "%.2f"),
                 f(s_frame, "%.3f"), f(it_frame, "%.1f"), underfit,
                 f(None if b is None else r["psnr"] - b, "%+.2f")]
    print("| " + " | ".join([r["clip"], r["size"], r["degradation"], r["method"].replace("|", "\\|")] + cells) + " |")
EOF
[ -n "${KEEP:-}" ] && echo "suite.sh: outputs, grid.tsv and table.md in $KEEP" >&2 || true
