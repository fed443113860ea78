#!/usr/bin/env bash
# Speed benchmark: dipstream's full training iteration (forward, loss, backward, Adam) vs the
# PyTorch twin (bench/pytorch_dip.py) on the same machine in the same run, 2 threads each, for each
# network (paper 128 channels, balanced 64, fast 16) and size. The two alternate for ROUNDS rounds
# (default 3) and the table shows the median of the per-round medians, because timings on a shared
# 2-core VM drift by ±20% from minute to minute. Installs Debian's python3-torch if missing.
# Usage: NETS="paper balanced fast" ROUNDS=3 ITERATIONS=5 WARMUP=20 bench/speed.sh [WxH or S ...]  (default: 128 256 384x288)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=("$@")
[ $# -eq 0 ] && sizes=(128 256 384x288)
read -r -a nets <<< "${NETS:-paper balanced fast}"
rounds="${ROUNDS:-3}"
iters="${ITERATIONS:-5}"
# Untimed iterations first, for both: the JVM compiles dipstream's Java kernels in its first few
# dozen iterations (a video runs thousands), and PyTorch warms its allocator and oneDNN caches.
warmup="${WARMUP:-20}"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-pil python3-numpy >/dev/null
fi
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
flags=$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx2|avx512f|avx512_bf16|amx_bf16)$' | xargs)
echo "date=$(date -u +%F) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\" cores=$(nproc) flags=\"$flags\" torch=$(/usr/bin/python3 -c 'import torch; print(torch.__version__)') rounds=$rounds iterations=$iters warmup=$warmup"
printf '| network | size | dipstream ms/it | PyTorch ms/it | ratio | dipstream peak RSS MiB | PyTorch peak RSS MiB |\n|---|---|---|---|---|---|---|\n'
for net in "${nets[@]}"; do
  for s in "${sizes[@]}"; do
    w=${s%x*}; h=${s#*x}
    dms=(); pms=(); dr=0; pr=0
    for ((r = 0; r < rounds; r++)); do
      d=$("$here/dipstream" bench-iteration --engine cpu --preset "$net" --size "$w" --height "$h" --iterations "$iters" --warmup "$warmup")
      p=$(/usr/bin/python3 "$here/bench/pytorch_dip.py" time --net "$net" --size "$w" --height "$h" --iterations "$iters" --warmup "$warmup" --threads 2)
      dms+=("$(echo "$d" | tail -1 | sed 's/.*ms_per_iteration=//')")
      pms+=("$(echo "$p" | grep -o 'ms_per_iteration=[0-9.]*' | cut -d= -f2)")
      dr=$(echo "$d" | grep -o 'peak_rss_mib=[0-9]*' | cut -d= -f2)
      pr=$(echo "$p" | grep -o 'peak_rss_mib=[0-9]*' | cut -d= -f2)
      echo "round $r $net ${w}x${h}: dipstream ${dms[-1]} ms, pytorch ${pms[-1]} ms" >&2
    done
    dm=$(printf '%s\n' "${dms[@]}" | median)
    pm=$(printf '%s\n' "${pms[@]}" | median)
    printf '| %s | %s×%s | %s | %s | %.2f | %s | %s |\n' "$net" "$w" "$h" "$dm" "$pm" "$(echo "$dm / $pm" | bc -l)" "$dr" "$pr"
  done
done
