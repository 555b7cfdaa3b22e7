#!/usr/bin/env bash
# Strong scaling of firmnet-mpi's graph-parallel analyses (docs/MPI.md) on 1, 2 and 4 ranks of
# this machine, one OpenMP thread per rank. On a machine with fewer cores than ranks the runs
# are oversubscribed (mpirun --oversubscribe) and labelled so: they then measure the cost of the
# extra communication, not a speed-up. Prints one markdown table row per (measure, ranks): the
# machine's 1-minute load average before the run (other jobs share it), wall seconds (load,
# compute), the CPU seconds of all ranks together (user + system, the whole job), the largest
# rank part, and the bytes the ranks send per PageRank iteration and per Louvain level.
# Usage: bench/mpi_scaling.sh BUILD_DIR [FIRMS] [LINKS]   (default 200,000 firms, 2,000,000 links)
set -euo pipefail
build=${1:-build}
firms=${2:-200000}
links=${3:-2000000}
work="$build/bench-work"
mkdir -p "$work"
net="$work/mpi-scale-${firms}-${links}.h5"
[ -f "$net" ] || "$build/firmnet" generate scale --firms "$firms" --links "$links" -o "$net" --quiet >/dev/null
cores=$(nproc)
echo "machine: $cores cores, $(free -g | awk '/Mem:/{print $2}') GiB; network: $firms firms, $links links (generate scale)"
echo
echo "| measure | ranks | note | load average | load s | compute s | CPU s (all ranks) | max part MB | bytes sent / PageRank iteration | bytes sent / Louvain level |"
echo "|---|---|---|---|---|---|---|---|---|---|"
TIMEFORMAT='%U %S'  # bash's time: user and system seconds of the job, ranks included
for measure in pagerank components coreness communities; do
  for ranks in 1 2 4; do
    note="";
    [ "$ranks" -gt "$cores" ] && note="oversubscribed ($ranks ranks on $cores cores)"
    load=$(cut -d' ' -f1 /proc/loadavg)
    { time OMP_NUM_THREADS=1 mpirun --allow-run-as-root --oversubscribe -n "$ranks" "$build/firmnet-mpi" --json \
        distributed "$net" --measures "$measure" --name "bench_${measure}_$ranks" >"$work/run.json"; } 2>"$work/run.time"
    /usr/bin/python3 - "$measure" "$ranks" "$note" "$load" "$work/run.json" "$work/run.time" <<'PY'
import json, sys
measure, ranks, note, load, json_path, time_path = sys.argv[1:7]
s = json.load(open(json_path))["scalars"]
cpu = sum(float(x) for x in open(time_path).read().split()[-2:])
get = lambda key: s.get(key, "")
print(f"| {measure} | {ranks} | {note} | {load} | {get('load_seconds'):.3f} | {get('compute_seconds'):.3f} | {cpu:.2f} | "
      f"{get('max_part_bytes') / 1048576:.1f} | {get('pagerank_bytes_per_iteration')} | {get('louvain_bytes_per_level')} |")
PY
  done
done
