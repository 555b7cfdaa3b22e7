#!/usr/bin/env bash
# The main job on the bundled default dataset: import it into HDF5 and summarise it.
# Usage: scripts/demo.sh BUILD_DIR   (called by `make demo`)
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
data="$here/datasets/handmade"
out="$build/demo"
mkdir -p "$out"
firmnet="$build/firmnet"

echo "== firmnet import (bundled dataset: $data)"
"$firmnet" import --nodes "$data/nodes.csv" --edges "$data/edges.csv" -o "$out/demo.h5"
echo
echo "== firmnet info $out/demo.h5"
"$firmnet" info "$out/demo.h5"
