#!/usr/bin/env bash
# The main job on the bundled default dataset (datasets/demo: a generated region of ten parks
# with planted verdicts): import, communities, centrality, anchors, park verdicts and
# concentration, every result stored in the HDF5 file, plus the HTML report.
# Usage: scripts/demo.sh BUILD_DIR   (called by `make demo`)
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
data="$here/datasets/demo"
out="$build/demo"
mkdir -p "$out"

"$build/firmnet" analyze --nodes "$data/nodes.csv" --edges "$data/edges.csv" \
  -o "$out/demo.h5" --report "$out/report.html"
echo
echo "Planted verdicts, for comparison (datasets/demo/truth_parks.csv):"
awk -F, '{ printf "  %-10s %s\n", $1, $2 }' "$data/truth_parks.csv"
