#!/usr/bin/env bash
# Speed benchmark: dipstream's full training iteration vs the PyTorch twin (bench/pytorch_dip.py),
# paper network, same machine, 2 threads each, one after the other. Installs Debian's
# python3-torch if missing. Usage: bench/speed.sh [sizes...]   (default: 128 256)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=("${@:-128 256}")
[ $# -eq 0 ] && sizes=(128 256)
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-pil >/dev/null
fi
echo "date=$(date -u +%F) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\" cores=$(nproc)"
printf '| size | dipstream ms/it | PyTorch ms/it | ratio | dipstream peak RSS MiB | PyTorch peak RSS MiB |\n|---|---|---|---|---|---|\n'
for s in "${sizes[@]}"; do
  d=$(OMP_NUM_THREADS=2 "$here/dipstream" bench-iteration --preset paper --size "$s" --iterations 5 --warmup 2)
  p=$(/usr/bin/python3 "$here/bench/pytorch_dip.py" time --size "$s" --iterations 5 --warmup 2 --threads 2)
  dm=$(echo "$d" | tail -1 | sed 's/.*ms_per_iteration=//')
  dr=$(echo "$d" | grep -o 'peak_rss_mib=[0-9]*' | cut -d= -f2)
  pm=$(echo "$p" | grep -o 'ms_per_iteration=[0-9.]*' | cut -d= -f2)
  pr=$(echo "$p" | grep -o 'peak_rss_mib=[0-9]*' | cut -d= -f2)
  printf '| %s² | %s | %s | %.2f | %s | %s |\n' "$s" "$dm" "$pm" "$(echo "$dm / $pm" | bc -l)" "$dr" "$pr"
done
