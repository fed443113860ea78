#!/usr/bin/env bash
# Speed benchmark: dipstream's full training iteration vs the PyTorch twin (bench/pytorch_dip.py),
# paper network, same machine, 2 threads each. The two alternate for ROUNDS rounds (default 3)
# and the table shows the median of the per-round medians, because timings on a shared 2-core
# VM drift by ±20% from minute to minute. Installs Debian's python3-torch if missing.
# Usage: bench/speed.sh [sizes...]   (default: 128 256)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=("$@")
[ $# -eq 0 ] && sizes=(128 256)
rounds="${ROUNDS:-3}"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-pil >/dev/null
fi
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "date=$(date -u +%F) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\" cores=$(nproc) rounds=$rounds"
printf '| size | dipstream ms/it | PyTorch 1.13 ms/it | ratio | dipstream peak RSS MiB | PyTorch peak RSS MiB |\n|---|---|---|---|---|---|\n'
for s in "${sizes[@]}"; do
  dms=(); pms=(); dr=0; pr=0
  for ((r = 0; r < rounds; r++)); do
    d=$("$here/dipstream" bench-iteration --preset paper --size "$s" --iterations 5 --warmup 2)
    p=$(/usr/bin/python3 "$here/bench/pytorch_dip.py" time --size "$s" --iterations 5 --warmup 2 --threads 2)
    dms+=("$(echo "$d" | tail -1 | sed 's/.*ms_per_iteration=//')")
    pms+=("$(echo "$p" | grep -o 'ms_per_iteration=[0-9.]*' | cut -d= -f2)")
    dr=$(echo "$d" | grep -o 'peak_rss_mib=[0-9]*' | cut -d= -f2)
    pr=$(echo "$p" | grep -o 'peak_rss_mib=[0-9]*' | cut -d= -f2)
    echo "round $r size $s: dipstream ${dms[-1]} ms, pytorch ${pms[-1]} ms" >&2
  done
  dm=$(printf '%s\n' "${dms[@]}" | median)
  pm=$(printf '%s\n' "${pms[@]}" | median)
  printf '| %s² | %s | %s | %.2f | %s | %s |\n' "$s" "$dm" "$pm" "$(echo "$dm / $pm" | bc -l)" "$dr" "$pr"
done
