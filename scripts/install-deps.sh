#!/usr/bin/env bash
# Installs the Debian 12 packages firmnet needs to build, test and run its notebooks (OpenMPI and
# parallel HDF5 for firmnet-mpi, docs/MPI.md, among them), then the HTML report's pinned npm
# packages (report/web/package-lock.json: Apache ECharts, compiled into firmnet, and
# playwright-core for the browser tests) with `npm ci`.
# Idempotent: packages already present are skipped, apt is only touched when something is
# missing, and npm only when report/web/node_modules does not match the lockfile. Must run as
# root (or through sudo) on Debian 12.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libigraph-dev libarpack2-dev libglpk-dev libplfit-dev
  libboost-graph-dev
  libhdf5-dev
  libopenmpi-dev openmpi-bin libhdf5-openmpi-dev
  libcli11-dev
  catch2
  clang libclang-rt-14-dev libomp-14-dev
  python3 python3-h5py python3-numpy python3-scipy python3-pandas python3-matplotlib
  python3-igraph python3-networkx
  pybind11-dev python3-pybind11 python3-pytest python3-openpyxl python3-tqdm python3-geopandas
  jupyter-nbconvert python3-ipykernel
  chromium fonts-noto-cjk
  nodejs
)
# Debian's npm; a Node.js from elsewhere (e.g. NodeSource) brings its own.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present" >&2
else
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The report's npm packages, exactly as locked; a stamp (the lockfile copied into node_modules)
# says they are installed already.
web="$(cd "$(dirname "$0")/.." && pwd)/report/web"
stamp="$web/node_modules/.firmnet-package-lock.json"
if [ -f "$stamp" ] && cmp -s "$web/package-lock.json" "$stamp"; then
  echo "install-deps: npm packages of report/web present" >&2
else
  echo "install-deps: npm ci in report/web" >&2
  (cd "$web" && npm ci --no-audit --no-fund)
  cp "$web/package-lock.json" "$stamp"
fi
